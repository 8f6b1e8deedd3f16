/**
 * The scan RxDB's upstream makes for records to push, answered by the store
 * (renderer/src/core/store/upstream-scan.ts), on a real store (RxDB, Dexie on fake-indexeddb):
 * records written with the running replication's pull context are skipped while unchanged, and
 * every other change is handed over once, in order, with checkpoints that lose and repeat none.
 */
import { getChangedDocumentsSince } from 'rxdb'
import { afterEach, expect, it } from 'vitest'
import type { NaunganStore } from '../../../../../renderer/src/core/store/database'
import { registerParticipant } from '../../../../../renderer/src/core/store/participant-repository'
import {
  closeTestStores,
  OFFICE,
  openTestStore,
  person,
  scanForPush,
  uniqueStoreName,
} from '../../../support/store-fixture'

afterEach(closeTestStores)

const PULL_CONTEXT = 'replication-downstream-rx_storage_replication_test'
/** What RxDB's pull would mark its writes with (`_meta.o.hash`). */
const PULL_ORIGIN = 'origin-hash-of-the-test-replication'
const RECORDS = 200

/** `n` as letters (a name holds no digits): 0 → "Aa", 27 → "Bb". */
const lettersOf = (n: number) =>
  String.fromCharCode(65 + Math.floor(n / 26)) + String.fromCharCode(97 + (n % 26))

/** `RECORDS` registrations, then each written again as the pull of `context` would write it. */
async function storeWithPulledRecords(context: string): Promise<{
  store: NaunganStore
  ids: string[]
}> {
  const store = await openTestStore(uniqueStoreName('upstream-scan'), '3c'.repeat(32))
  const ids: string[] = []
  for (let n = 0; n < RECORDS; n++) {
    const nik = `640206550590${String(1000 + n).slice(-4)}`
    const registered = await registerParticipant(
      store,
      person({ nik, fullName: `Peserta ${lettersOf(n)}` }),
      {
        office: OFFICE,
      },
    )
    ids.push(registered.id)
  }
  const instance = store.db.participants.storageInstance
  const stored = await instance.findDocumentsById(ids, false)
  const { error } = await instance.bulkWrite(
    stored.map((previous) => ({ previous, document: { ...previous } })),
    context,
  )
  expect(error).toEqual([])
  return { store, ids }
}

it('hands over every local change once and in order, and skips the records the pull wrote', async () => {
  const { store, ids } = await storeWithPulledRecords(PULL_CONTEXT)
  const origin = store.replicationOrigin
  // The records above were written before the run: not marked, all offered.
  const run = origin.start(PULL_CONTEXT, PULL_ORIGIN)
  expect((await scanForPush(store)).length).toBe(RECORDS)

  // Written again by this run's pull: marked, then a third of them edited here.
  const instance = store.db.participants.storageInstance
  const again = await instance.findDocumentsById(ids, false)
  expect(
    (
      await instance.bulkWrite(
        again.map((previous) => ({ previous, document: { ...previous } })),
        PULL_CONTEXT,
      )
    ).error,
  ).toEqual([])
  // Each carries RxDB's own mark as its pull set it (its storage layer drops it from inserts).
  const marked = await instance.findDocumentsById(ids, false)
  for (const doc of marked) {
    expect(doc._meta).toMatchObject({ o: { _rev: 3, hash: PULL_ORIGIN }, pulled: `${run.id}.3` })
  }
  const edited = ids.filter((_, n) => n % 3 === 0)
  for (const id of edited) {
    const doc = await store.db.participants.findOne(id).exec()
    await doc!.incrementalPatch({ phone: '081234567890' })
  }

  const skippedBefore = origin.counts.skippedEchoes
  const handed = await scanForPush(store)
  // Edited last, so handed last, each once, in the order they were edited.
  expect(handed).toEqual(edited)
  expect(origin.counts.skippedEchoes - skippedBefore).toBe(RECORDS - edited.length)

  // Batches of 1 and of more than were read at once: the same records.
  expect(await scanForPush(store, 1)).toEqual(edited)
  expect(await scanForPush(store, 1_500)).toEqual(edited)

  // Once the run stops, RxDB's own scan: every record.
  origin.stop(run)
  expect(origin.run).toBeNull()
  expect((await scanForPush(store)).length).toBe(RECORDS)
})

it('when only the pull wrote since the checkpoint, one record goes along so that RxDB stores it', async () => {
  const { store } = await storeWithPulledRecords('not-yet')
  const origin = store.replicationOrigin
  origin.start(PULL_CONTEXT, PULL_ORIGIN)
  const instance = store.db.participants.storageInstance
  const all = await instance.findDocumentsById(
    (await store.db.participants.find().exec()).map((doc) => doc.id),
    false,
  )
  await instance.bulkWrite(
    all.map((previous) => ({ previous, document: { ...previous } })),
    PULL_CONTEXT,
  )
  const first = await getChangedDocumentsSince(instance, 50, undefined)
  // One record, the last one read, with the checkpoint past everything.
  expect(first.documents.length).toBe(1)
  const last = all
    .map((doc) => doc.id)
    .sort()
    .at(-1)
  expect(first.documents[0]?.id).toBe(last)
  expect(first.checkpoint.id).toBe(last)
  const next = await getChangedDocumentsSince(instance, 50, first.checkpoint)
  expect(next.documents).toEqual([])
})

it("marks only the running replication's pull: another context, or a stopped run, is not skipped", async () => {
  const { store } = await storeWithPulledRecords('replication-downstream-another-replication')
  const origin = store.replicationOrigin
  const run = origin.start(PULL_CONTEXT, PULL_ORIGIN)
  expect((await scanForPush(store)).length).toBe(RECORDS)
  // A later run leaves the earlier one's stop without effect, and trusts none of its marks.
  const later = origin.start(PULL_CONTEXT, PULL_ORIGIN)
  origin.stop(run)
  expect(origin.run).toBe(later)
})
