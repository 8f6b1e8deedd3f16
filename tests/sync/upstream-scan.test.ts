/**
 * RxDB's upstream scans the store for records to push at start and at every RESYNC. During a
 * first sync the records it finds are the pulled ones, and it read them back 50 at a time with
 * their server copies while the pull kept writing (renderer/src/core/store/upstream-scan.ts).
 * The store now hands the scan only records that are not the pull's own unchanged writes.
 *
 * The rule is tried from both sides: nothing the clerk typed may be skipped (a walk-in registered
 * during the first sync reaches the server; a pulled record edited here is offered), and the
 * skip is real (a scan of the synced store offers none of the pulled records, and skips them
 * all), but only for the replication that pulled them (another server's replication is offered
 * every record: a PC moved to a new server pushes what it holds).
 *
 * Real parts: the server on PGlite over HTTP on 127.0.0.1, seeded through its push path; the
 * app's store (RxDB on fake-indexeddb) and SyncController with its live stream. The only staging:
 * the live stream connects (a RESYNC) when the second page is asked for.
 */
import { expect, it } from 'vitest'
import { MAX_PUSH_ROWS, PULL_BATCH_SIZE } from '../../shared/sync/sync-protocol'
import { registerParticipant } from '../../renderer/src/core/store/participant-repository'
import {
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
} from '../server/support/server-fixture'
import { person, scanForPush } from '../unit/support/store-fixture'
import { serverForStories, waitFor } from './support/sync-office'

const stories = serverForStories()

const PULL = '/api/sync/participants/pull'
const STREAM = '/api/sync/participants/stream'
const PUSH = '/api/sync/participants/push'
/** Two full pages and a short one. */
const RECORDS = PULL_BATCH_SIZE * 2 + 300
const KECAMATAN = '64.02.06'

it('a first sync skips its own records when RxDB looks for records to push, and skips nothing a clerk wrote', async () => {
  const seeded = await createKecamatanOffice(stories.server(), KECAMATAN, 1)
  const seeder = await enrolAndLogin(stories.server(), seeded)
  for (let start = 0; start < RECORDS; start += MAX_PUSH_ROWS) {
    const rows = Array.from({ length: Math.min(MAX_PUSH_ROWS, RECORDS - start) }, () => ({
      newDocumentState: makeParticipant(seeded),
    }))
    expect((await seeder.push(rows)).body.rejected).toEqual([])
  }

  let pulls = 0
  let connectStream: () => void = () => undefined
  const streamHeld = new Promise<void>((resolve) => (connectStream = resolve))
  const walkIn: { id: string | null } = { id: null }
  let registering: Promise<unknown> = Promise.resolve()
  let pushesRefused = false
  const office = await stories.open(KECAMATAN, 2, {
    stage: async (path) => {
      if (path === PUSH && pushesRefused) return new Response('{}', { status: 503 })
      if (path === STREAM) await streamHeld
      if (path === PULL && ++pulls === 2) {
        // A walk-in registered while the first sync is busy, then the stream's RESYNC: RxDB's
        // upstream scans the store in the middle of the pull.
        registering = registerParticipant(
          office.store,
          person({ nik: '6402065505900001', fullName: 'Walk In Selama Sinkron' }),
          { office: office.profile },
        ).then((registered) => (walkIn.id = registered.id))
        connectStream()
      }
      return null
    },
  })
  const { store } = office
  try {
    await waitFor(
      'every pulled record and the walk-in',
      async () => (await store.db.participants.count().exec()) === RECORDS + 1,
      120_000,
    )
    await registering
    const walkInId = walkIn.id
    expect(walkInId).not.toBeNull()
    await waitFor('the walk-in on the server', async () => {
      const { rows } = await stories
        .server()
        .db.query('SELECT id FROM participants WHERE id = $1', [walkInId])
      return rows.length === 1
    })

    // The replication's run is registered on the store while it runs, and its pull marked the
    // records it wrote.
    const run = store.replicationOrigin.run
    expect(run?.id).toMatch(/^[0-9a-f]{12}$/)
    const pulled = await store.db.participants
      .findOne({ selector: { id: { $ne: walkInId } } })
      .exec()
    expect(pulled).not.toBeNull()
    const [stored] = await store.db.participants.storageInstance.findDocumentsById(
      [pulled!.id],
      false,
    )
    expect((stored?._meta as { pulled?: string } | undefined)?.pulled).toBe(`${run?.id}.1`)

    // A scan of the synced store, as RxDB's upstream makes one: the pulled records are skipped
    // (the walk-in may be offered, unless its echo from the server has come back).
    const skippedBefore = store.replicationOrigin.counts.skippedEchoes
    const offered = await scanForPush(store)
    // At most one goes along at the end, so that RxDB stores the checkpoint past the rest.
    expect(offered.filter((id) => id !== walkInId).length).toBeLessThanOrEqual(1)
    expect(store.replicationOrigin.counts.skippedEchoes - skippedBefore).toBeGreaterThanOrEqual(
      RECORDS - 1,
    )

    // A pulled record edited here is offered (its push is held off, so it stays as edited).
    pushesRefused = true
    await pulled!.incrementalPatch({ phone: '081234567890' })
    const afterEdit = await scanForPush(store)
    expect(afterEdit).toContain(pulled!.id)
    expect(
      afterEdit.filter((id) => id !== walkInId && id !== pulled!.id).length,
    ).toBeLessThanOrEqual(1)

    // No replication running: RxDB's own scan, every record.
    await office.controller.stop()
    expect(store.replicationOrigin.run).toBeNull()
    expect((await scanForPush(store)).length).toBe(RECORDS + 1)

    // The next run (the sync started again, or the app opened again) trusts no earlier mark: a
    // page whose server copies were lost to a power cut must reach RxDB's upstream.
    const next = store.replicationOrigin.start(run!.context, run!.origin)
    expect((await scanForPush(store)).length).toBe(RECORDS + 1)
    store.replicationOrigin.stop(next)
  } finally {
    connectStream()
    await office.close()
  }
}, 240_000)
