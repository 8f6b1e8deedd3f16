/**
 * Refused pushes with the app's real SyncController on real RxDB stores (fake-indexeddb), against
 * an in-memory stand-in of the server that behaves as server/participants.ts does: it validates a
 * row before it compares `assumedMasterState`, refuses an invalid row for good (with its stored
 * copy as `serverDocument`), and answers a stale `assumedMasterState` with a conflict.
 *
 * RxDB counts a refused row as written and keeps the refused state as "the server's copy"; these
 * tests prove the client never lets that lie (A) become the merge base of the next push, or
 * (B) let a pull overwrite the refused edit.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import type { RxReplicationState } from 'rxdb/plugins/replication'
import { afterEach, describe, expect, it } from 'vitest'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { sameJson } from '@shared/sync/canonical-json'
import type {
  OfficeInfo,
  ParticipantWireDocument,
  PullCheckpoint,
  PushRejection,
  PushRequest,
} from '@shared/sync/sync-protocol'
import type { Enrolment } from '@/devices/device-enrolment'
import type { ServerSession } from '@/core/server-session'
import { openStore, type NaunganStore } from '@/core/store/database'
import {
  getParticipant,
  registerParticipant,
  updateParticipant,
} from '@/core/store/participant-repository'
import { getSyncState } from '@/core/store/sync-state-repository'
import { SyncController } from '@/sync/sync-controller'
import {
  FakeServerFeed,
  OFFICE,
  person,
  rawRows,
  uniqueStoreName,
} from '../../../support/store-fixture'

const OFFICE_INFO: OfficeInfo = {
  id: 'office-06-01',
  code: '06-01',
  name: 'Kantor Kecamatan 06',
  kind: 'kecamatan',
  kecamatanCode: '64.02.06',
  officeNumber: 1,
  agencyCode: null,
}
const ENROLMENT: Enrolment = {
  serverUrl: 'http://server.test',
  deviceId: 'device-1',
  deviceName: 'PC 1',
  office: OFFICE_INFO,
  enrolledAt: '2026-01-01T00:00:00.000Z',
}
/** The stand-in server refuses any address containing this. */
const REFUSED_MARK = 'TIDAK SAH'

/** Server-owned fields do not count when comparing a client's idea of the server copy. */
const clientPart = (doc: ParticipantWireDocument | undefined) => {
  if (!doc) return undefined
  const { duplicates: _owned, ...rest } = doc
  void _owned
  return rest
}

class FakeServer extends FakeServerFeed {
  pushes: PushRequest[] = []

  push(request: PushRequest) {
    this.pushes.push(structuredClone(request))
    const conflicts: ParticipantWireDocument[] = []
    const rejected: PushRejection[] = []
    for (const row of request.rows) {
      const doc = row.newDocumentState
      const current = this.docs.get(doc.id)
      // Validation first, as on the real server: a refused row may carry a stale assumed state.
      if (doc.address.includes(REFUSED_MARK)) {
        rejected.push({
          id: doc.id,
          code: 'INVALID_DOCUMENT',
          message: 'Alamat tidak sah.',
          ...(current ? { serverDocument: structuredClone(current.doc) } : {}),
        })
        continue
      }
      if (current && sameJson(clientPart(current.doc), clientPart(doc))) continue
      if (current && !sameJson(clientPart(current.doc), clientPart(row.assumedMasterState))) {
        conflicts.push(structuredClone(current.doc))
        continue
      }
      this.write(doc)
    }
    return { conflicts, rejected }
  }

  get(id: string) {
    const row = this.docs.get(id)
    if (!row) throw new Error(`server has no ${id}`)
    return structuredClone(row.doc)
  }
}

function fakeSession(server: FakeServer): ServerSession {
  const session = {
    isRevoked: false,
    onOpened: null,
    async json(path: string, init: RequestInit = {}) {
      await new Promise((done) => setTimeout(done, 1))
      const url = new URL(path, 'http://server.test')
      if (url.pathname === '/api/sync/participants/pull') {
        const headers = new Headers(init.headers)
        const checkpoint = url.searchParams.get('checkpoint') ?? headers.get('X-Naungan-Checkpoint')
        const limit = url.searchParams.get('limit') ?? headers.get('X-Naungan-Limit')
        return server.pull(
          checkpoint ? (JSON.parse(checkpoint) as PullCheckpoint) : undefined,
          Number(limit),
        )
      }
      if (url.pathname === '/api/sync/participants/push') {
        return server.push(JSON.parse(String(init.body)) as PushRequest)
      }
      if (url.pathname === '/api/office-users') return { office: OFFICE_INFO, users: [] }
      throw new Error(`unexpected ${path}`)
    },
    // Pulls as the app sends them (the answer read as it arrives); no live stream here: the
    // tests trigger every sync themselves.
    async fetch(path: string, init: RequestInit = {}): Promise<Response> {
      if (new URL(path, 'http://server.test').pathname !== '/api/sync/participants/pull') {
        return new Promise<Response>(() => undefined)
      }
      return Response.json(await session.json(path, init))
    },
  }
  return session as unknown as ServerSession
}

let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  cleanups = []
})

async function open(name: string) {
  const store = await openStore({ name, secretHex: 'c3'.repeat(32), indexedDB, IDBKeyRange })
  cleanups.push(() => store.close())
  return store
}

async function startSync(store: NaunganStore, server: FakeServer) {
  const controller = new SyncController({
    store,
    enrolment: ENROLMENT,
    session: fakeSession(server),
    fetch: async () => new Response('{}', { status: 503 }),
    linkEvents: new EventTarget(),
  })
  cleanups.push(() => controller.stop())
  await controller.start()
  return controller
}

/** Pull and push everything, twice over (a conflict merged in one run is pushed in the next). */
async function settle(controller: SyncController) {
  const replication = (
    controller as unknown as { replication: RxReplicationState<ParticipantDocument, unknown> }
  ).replication
  for (let i = 0; i < 3; i++) {
    controller.syncNow()
    await replication.awaitInSync()
  }
}

/** The clerk saves a new phone and `address` (refused if it holds REFUSED_MARK), then syncs. */
async function saveEdit(
  store: NaunganStore,
  controller: SyncController,
  id: string,
  address: string,
) {
  await updateParticipant(store, id, person({ phone: '0813-1111-2222', address }), {
    office: OFFICE,
  })
  await settle(controller)
}

describe('a push the server refused', () => {
  it('(A) after the clerk corrects one field, the other refused-but-valid edits are not reverted', async () => {
    const server = new FakeServer()
    const store = await open(uniqueStoreName('refused-a'))
    const controller = await startSync(store, server)
    const registered = await registerParticipant(store, person(), { office: OFFICE })
    await settle(controller)
    expect(server.get(registered.id).phone).toBe(registered.phone)

    // One save: a new phone (valid) and an address the server refuses.
    await saveEdit(store, controller, registered.id, `Jl. ${REFUSED_MARK} 1`)
    expect((await getSyncState(store, registered.id))?.state).toBe('rejected')
    expect(server.get(registered.id).phone).toBe(registered.phone)

    // The clerk corrects only the address.
    await saveEdit(store, controller, registered.id, 'Jl. Benar No. 2')

    const onServer = server.get(registered.id)
    expect(onServer.phone).toBe('+6281311112222')
    expect(onServer.address).toBe('Jl. Benar No. 2')
    expect(onServer.conflicts).toEqual([])
    const local = await getParticipant(store, registered.id)
    expect(local).toMatchObject({ phone: '+6281311112222', address: 'Jl. Benar No. 2' })
    expect((await getSyncState(store, registered.id))?.state).toBe('synced')
    // The corrected push claimed the real server copy, never the refused one.
    const lastRow = server.pushes.at(-1)?.rows[0]
    expect(lastRow?.assumedMasterState?.address).toBe(registered.address)
  })

  it('(B) a newer server copy pulled while the record is refused does not overwrite the refused edit; the later merge uses the true base, also after a restart', async () => {
    const server = new FakeServer()
    const name = uniqueStoreName('refused-b')
    let store = await open(name)
    let controller = await startSync(store, server)
    const registered = await registerParticipant(store, person(), { office: OFFICE })
    await settle(controller)

    await saveEdit(store, controller, registered.id, `Jl. ${REFUSED_MARK} 1`)
    expect((await getSyncState(store, registered.id))?.state).toBe('rejected')

    // Another office changes the heir on the server; this office pulls it.
    server.write({
      ...server.get(registered.id),
      heirName: 'Budi Santoso',
      updatedAt: '2099-01-01T00:00:00.000Z',
      updatedBy: 'Bayu',
    })
    await settle(controller)
    const whileRefused = await getParticipant(store, registered.id)
    expect(whileRefused?.phone).toBe('+6281311112222')
    expect(whileRefused?.address).toBe(`Jl. ${REFUSED_MARK} 1`)

    // The PC restarts: the refusal is remembered (sealed) with the store.
    await controller.stop()
    await store.close()
    store = await open(name)
    controller = await startSync(store, server)
    await settle(controller)
    expect((await getParticipant(store, registered.id))?.phone).toBe('+6281311112222')

    // The clerk corrects the address: merged against the copy the refused edit started from.
    await saveEdit(store, controller, registered.id, 'Jl. Benar No. 2')

    const onServer = server.get(registered.id)
    expect(onServer).toMatchObject({
      phone: '+6281311112222',
      address: 'Jl. Benar No. 2',
      heirName: 'Budi Santoso',
      conflicts: [],
    })
    const local = await getParticipant(store, registered.id)
    expect(local).toMatchObject({
      phone: '+6281311112222',
      address: 'Jl. Benar No. 2',
      heirName: 'Budi Santoso',
    })
  })

  it('keeps the refused and the true server copy sealed on disk', async () => {
    const server = new FakeServer()
    const name = uniqueStoreName('refused-sealed')
    const store = await open(name)
    const controller = await startSync(store, server)
    const registered = await registerParticipant(store, person(), { office: OFFICE })
    await settle(controller)
    await saveEdit(store, controller, registered.id, `Jl. ${REFUSED_MARK} 1`)
    expect(store.refused.get(registered.id)?.base?.nik).toBe('6402065505900001')

    const dbName = (await indexedDB.databases())
      .map((db) => db.name ?? '')
      .find((dbName) => dbName.includes(name) && dbName.includes('participant_sync'))
    expect(dbName).toBeDefined()
    const text = JSON.stringify(await rawRows(String(dbName)))
    expect(text).toContain('refusedBase')
    expect(text).not.toContain('6402065505900001')
    expect(text).not.toContain('81311112222')
  })
})
