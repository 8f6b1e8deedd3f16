/**
 * Sync on the client with real RxDB stores (fake-indexeddb): per-record sync bookkeeping, and the
 * replication of two offices through a small in-memory stand-in of the server's push/pull
 * (assumedMasterState compared as canonical JSON, as the protocol says) — so the conflict
 * handler, the modifiers and the sealed replication meta are exercised as RxDB really runs them.
 */
import { indexedDB } from 'fake-indexeddb'
import { replicateRxCollection } from 'rxdb/plugins/replication'
import { afterEach, describe, expect, it } from 'vitest'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { sameJson } from '@shared/sync/canonical-json'
import type { ParticipantWireDocument, PullCheckpoint, PushRow } from '@shared/sync/sync-protocol'
import type { NaunganStore } from '@/core/store/database'
import {
  getParticipant,
  nikIndexOf,
  registerParticipant,
  resolveParticipantConflicts,
  updateParticipant,
} from '@/core/store/participant-repository'
import {
  countPendingQuery,
  getSyncState,
  listSyncProblems,
  markLocalWrite,
  markLocalWrites,
  markPushed,
  markRejected,
  recordServerFlags,
} from '@/core/store/sync-state-repository'
import {
  closeTestStores,
  FakeServerFeed,
  OFFICE,
  openTestStore,
  person,
  rawRows,
  uniqueStoreName,
} from '../../../support/store-fixture'

async function freshStore(secret = 'a1'.repeat(32)) {
  const name = uniqueStoreName('sync')
  const store = await openTestStore(name, secret)
  return { store, name }
}
afterEach(closeTestStores)

describe('per-record sync state', () => {
  it('a local write is pending until a push carrying it succeeds', async () => {
    const { store } = await freshStore()
    const doc = await registerParticipant(store, person(), { office: OFFICE })
    expect((await getSyncState(store, doc.id))?.state).toBe('pending')
    expect(await countPendingQuery(store).exec()).toBe(1)

    await markPushed(store, [doc])
    expect((await getSyncState(store, doc.id))?.state).toBe('synced')
    expect(await countPendingQuery(store).exec()).toBe(0)
  })

  it('a push of an older revision does not confirm a newer local edit', async () => {
    const { store } = await freshStore()
    const doc = await registerParticipant(store, person(), {
      office: OFFICE,
      now: new Date('2026-01-01T00:00:00Z'),
    })
    await updateParticipant(store, doc.id, person({ address: 'Jl. Baru 1' }), {
      office: OFFICE,
      now: new Date('2026-01-02T00:00:00Z'),
    })
    await markPushed(store, [doc])
    expect((await getSyncState(store, doc.id))?.state).toBe('pending')
  })

  it("a rejection keeps the server's reason and lists the record as a problem", async () => {
    const { store } = await freshStore()
    const doc = await registerParticipant(store, person(), {
      office: OFFICE,
      now: new Date('2026-01-01T00:00:00Z'),
    })
    await markRejected(store, [
      { id: doc.id, code: 'OUT_OF_JURISDICTION', message: 'Peserta di luar wilayah kantor ini.' },
    ])
    const state = await getSyncState(store, doc.id)
    expect(state).toMatchObject({
      state: 'rejected',
      rejectionCode: 'OUT_OF_JURISDICTION',
      rejectionMessage: 'Peserta di luar wilayah kantor ini.',
    })
    expect((await listSyncProblems(store)).map((p) => p.id)).toEqual([doc.id])

    // Corrected and saved: pending again, no longer a problem; confirmed when pushed.
    const { participant } = await updateParticipant(
      store,
      doc.id,
      person({ address: 'Jl. Benar 2' }),
      { office: OFFICE, now: new Date('2026-01-02T00:00:00Z') },
    )
    expect((await getSyncState(store, doc.id))?.state).toBe('pending')
    expect(await listSyncProblems(store)).toEqual([])
    await markPushed(store, [participant])
    expect(await getSyncState(store, doc.id)).not.toHaveProperty('rejectionMessage')
  })

  it('a push answered before its write is marked leaves the record sent, not pending for ever', async () => {
    // RxDB pushes a write as soon as it is stored; under load the answer came before the
    // repository marked the write pending, and the record then counted as unsent until it changed.
    const { store } = await freshStore()
    const doc = await registerParticipant(store, person(), {
      office: OFFICE,
      now: new Date('2026-01-01T00:00:00Z'),
    })
    await markPushed(store, [doc])
    const edit = { ...doc, updatedAt: '2026-01-02T00:00:00.000Z' }
    await markPushed(store, [edit])
    await markLocalWrite(store, edit)
    expect((await getSyncState(store, doc.id))?.state).toBe('synced')
    expect(await countPendingQuery(store).exec()).toBe(0)

    // A record registered and answered before its first mark: no state yet when the answer came.
    const fresh = { ...doc, id: 'answered-first', updatedAt: '2026-01-03T00:00:00.000Z' }
    await markPushed(store, [fresh])
    await markLocalWrites(store, [fresh])
    expect((await getSyncState(store, fresh.id))?.state).toBe('synced')

    // The next edit waits for the server again, even with the PC's clock set back meanwhile.
    await markLocalWrite(store, { ...edit, updatedAt: '2025-12-31T00:00:00.000Z' })
    expect((await getSyncState(store, doc.id))?.state).toBe('pending')
    expect(await countPendingQuery(store).exec()).toBe(1)
  })

  it('a refusal answered before its write is marked stays a problem with its reason', async () => {
    const { store } = await freshStore()
    const doc = await registerParticipant(store, person(), {
      office: OFFICE,
      now: new Date('2026-01-01T00:00:00Z'),
    })
    const edit = { ...doc, updatedAt: '2026-01-02T00:00:00.000Z' }
    await markRejected(store, [
      {
        id: doc.id,
        code: 'OUT_OF_JURISDICTION',
        message: 'Peserta di luar wilayah kantor ini.',
        write: { updatedAt: edit.updatedAt },
      },
    ])
    await markLocalWrite(store, edit)
    expect(await getSyncState(store, doc.id)).toMatchObject({
      state: 'rejected',
      rejectionMessage: 'Peserta di luar wilayah kantor ini.',
    })
    expect((await listSyncProblems(store)).map((p) => p.id)).toEqual([doc.id])
    await markLocalWrite(store, { ...doc, updatedAt: '2026-01-03T00:00:00.000Z' })
    expect((await getSyncState(store, doc.id))?.state).toBe('pending')
  })

  it('a removal keeps the time of the write before it, and still waits for the server', async () => {
    // Undoing an import removes its drafts without a new `updatedAt`; a conflict resolved as a
    // deletion writes twice with one time. Neither may pass for the write the server confirmed.
    const { store } = await freshStore()
    const doc = await registerParticipant(store, person(), {
      office: OFFICE,
      now: new Date('2026-01-01T00:00:00Z'),
    })
    await markPushed(store, [doc])
    await markLocalWrites(store, [{ ...doc, _deleted: true }])
    expect((await getSyncState(store, doc.id))?.state).toBe('pending')
    await markPushed(store, [{ ...doc, _deleted: true }])
    expect((await getSyncState(store, doc.id))?.state).toBe('synced')

    const other = await registerParticipant(store, person({ nik: '6402065505907013' }), {
      office: OFFICE,
      now: new Date('2026-01-01T00:00:00Z'),
    })
    await markPushed(store, [other])
    const resolved = { ...other, updatedAt: '2026-01-02T00:00:00.000Z' }
    // The merge's push is answered before the deletion that follows it is marked.
    await markPushed(store, [resolved])
    await markLocalWrite(store, { ...resolved, _deleted: true })
    expect((await getSyncState(store, other.id))?.state).toBe('pending')
    await markPushed(store, [{ ...resolved, _deleted: true }])
    expect((await getSyncState(store, other.id))?.state).toBe('synced')

    // Both pushes of such a deletion answered before its mark: it is on the server.
    const third = { ...other, updatedAt: '2026-01-03T00:00:00.000Z' }
    await markPushed(store, [third])
    await markPushed(store, [{ ...third, _deleted: true }])
    await markLocalWrite(store, { ...third, _deleted: true })
    expect((await getSyncState(store, other.id))?.state).toBe('synced')
  })

  it('duplicate flags from the server list the record; clearing them does too', async () => {
    const { store } = await freshStore()
    const doc = await registerParticipant(store, person(), { office: OFFICE })
    const flag = { id: 'other', registrationNumber: '0701-000001', officeCode: '07-01' }
    await recordServerFlags(store, [{ ...doc, duplicates: [flag] }])
    expect((await listSyncProblems(store))[0]).toMatchObject({ id: doc.id, hasDuplicate: true })
    await recordServerFlags(store, [{ ...doc, duplicates: [] }])
    expect(await listSyncProblems(store)).toEqual([])
    // A record never written here gets a state only when it carries a flag.
    await recordServerFlags(store, [{ ...doc, id: 'pulled-clean' }])
    expect(await getSyncState(store, 'pulled-clean')).toBeNull()
  })
})

/** The server's push/pull semantics, in memory: enough to drive RxDB's replication. */
class FakeServer extends FakeServerFeed {
  push(rows: PushRow[]) {
    const conflicts: ParticipantWireDocument[] = []
    for (const row of rows) {
      const current = this.docs.get(row.newDocumentState.id)
      if (current && sameJson(current.doc, row.newDocumentState)) continue // a retried push
      if (current && !sameJson(current.doc, row.assumedMasterState)) {
        conflicts.push(structuredClone(current.doc))
        continue
      }
      this.write(row.newDocumentState)
    }
    return { conflicts, rejected: [] }
  }
}

function replicate(store: NaunganStore, server: FakeServer, office: string) {
  const toLocal = (doc: ParticipantWireDocument) => ({
    ...doc,
    nikIndex: nikIndexOf(store, doc.nik) ?? '',
  })
  return replicateRxCollection<ParticipantDocument, PullCheckpoint>({
    collection: store.db.participants,
    replicationIdentifier: `participants|test|${office}`,
    live: false,
    waitForLeadership: false,
    pull: {
      batchSize: 2,
      handler: async (checkpoint, batchSize) => server.pull(checkpoint, batchSize) as never,
      modifier: (doc) => toLocal(doc as unknown as ParticipantWireDocument) as never,
    },
    push: {
      batchSize: 50,
      handler: async (rows) =>
        server.push(rows as unknown as PushRow[]).conflicts.map(toLocal) as never,
      modifier: (doc) => {
        const { nikIndex: _dropped, ...wire } = doc as ParticipantDocument
        void _dropped
        return { ...wire, _deleted: Boolean((doc as { _deleted?: boolean })._deleted) } as never
      },
    },
  })
}

async function syncOnce(store: NaunganStore, server: FakeServer, office: string) {
  const replication = replicate(store, server, office)
  await replication.awaitInitialReplication()
  await replication.cancel()
}

describe('two offices replicating through the server', () => {
  it('edits of different fields merge; the same field becomes a conflict a supervisor settles', async () => {
    const server = new FakeServer()
    const a = await freshStore('a1'.repeat(32))
    const b = await freshStore('b2'.repeat(32))
    const registered = await registerParticipant(a.store, person(), { office: OFFICE })
    await syncOnce(a.store, server, 'A')
    await syncOnce(b.store, server, 'B')
    const atB = await getParticipant(b.store, registered.id)
    expect(atB?.fullName).toBe('Siti Aminah')
    // Each PC's own blind index: B finds the person by NIK with its own key.
    expect(atB?.nikIndex).toBe(nikIndexOf(b.store, '6402065505900001'))

    // Apart: A changes the address and RT, B changes the address differently and the heir.
    await updateParticipant(a.store, registered.id, person({ address: 'Jl. A', rt: '7' }), {
      office: { ...OFFICE, operatorName: 'Ani' },
      now: new Date('2026-02-01T00:00:00Z'),
    })
    await updateParticipant(
      b.store,
      registered.id,
      person({ address: 'Jl. B', heirName: 'Budi' }),
      {
        office: { ...OFFICE, operatorName: 'Bayu' },
        now: new Date('2026-02-02T00:00:00Z'),
      },
    )
    await syncOnce(a.store, server, 'A')
    await syncOnce(b.store, server, 'B') // conflict: merged here, pushed again
    await syncOnce(a.store, server, 'A')

    for (const store of [a.store, b.store]) {
      const doc = await getParticipant(store, registered.id)
      expect(doc).toMatchObject({ address: 'Jl. A', rt: '007', heirName: 'Budi' })
      expect(doc?.conflicts).toEqual([
        expect.objectContaining({
          field: 'address',
          localValue: '"Jl. B"',
          serverValue: '"Jl. A"',
          localBy: 'Bayu',
        }),
      ])
    }

    // A supervisor at A takes B's address; the decision reaches B.
    const seen = (await getParticipant(a.store, registered.id))?.conflicts ?? []
    await resolveParticipantConflicts(
      a.store,
      registered.id,
      seen.map((entry) => ({ entry, choice: 'local' as const })),
      {
        office: { ...OFFICE, operatorName: 'Sari (supervisor)' },
      },
    )
    await syncOnce(a.store, server, 'A')
    await syncOnce(b.store, server, 'B')
    const settled = await getParticipant(b.store, registered.id)
    expect(settled).toMatchObject({ address: 'Jl. B', conflicts: [] })
  })

  it("keeps the server copies in RxDB's replication meta sealed: no NIK in clear on disk", async () => {
    const server = new FakeServer()
    const { store, name } = await freshStore()
    await registerParticipant(store, person(), { office: OFFICE })
    await syncOnce(store, server, 'A')
    const names = (await indexedDB.databases())
      .map((db) => db.name ?? '')
      .filter((dbName) => dbName.includes(name) && dbName.includes('rx-replication-meta'))
    expect(names.length).toBeGreaterThan(0)
    for (const dbName of names) {
      const text = JSON.stringify(await rawRows(dbName))
      expect(text).toContain('docData')
      expect(text).not.toContain('6402065505900001')
      expect(text).not.toContain('6402060101100123')
    }
  })
})
