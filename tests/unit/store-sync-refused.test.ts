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
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import type { RxReplicationState } from 'rxdb/plugins/replication'
import { afterEach, describe, expect, it } from 'vitest'
import { loadDistrict } from '../../shared/district/district-config'
import type { ParticipantDocument } from '../../shared/participant/participant-document'
import {
  validateRegistration,
  type RegistrationInput,
  type ValidRegistration,
} from '../../shared/participant/registration-input'
import { sameJson } from '../../shared/sync/canonical-json'
import type {
  OfficeInfo,
  ParticipantWireDocument,
  PullCheckpoint,
  PushRejection,
  PushRequest,
} from '../../shared/sync/sync-protocol'
import type { Enrolment } from '../../renderer/src/auth/device-enrolment'
import type { ServerSession } from '../../renderer/src/auth/server-session'
import { openStore, type NaunganStore } from '../../renderer/src/store/database'
import {
  getParticipant,
  registerParticipant,
  updateParticipant,
  type OfficeProfile,
} from '../../renderer/src/store/participant-repository'
import { getSyncState } from '../../renderer/src/store/sync-state-repository'
import { SyncController } from '../../renderer/src/sync/sync-controller'

const root = resolve(import.meta.dirname, '../..')
const district = loadDistrict(
  JSON.parse(readFileSync(resolve(root, 'resources/district/district.json'), 'utf8')),
  readFileSync(resolve(root, 'resources/district/wilayah.csv'), 'utf8'),
)
const PROFILE: OfficeProfile = {
  kecamatanCode: '64.02.06',
  kecamatanShortCode: '06',
  officeNumber: 1,
  operatorName: 'Rina',
}
const OFFICE_INFO: OfficeInfo = {
  id: 'office-06-01',
  code: '06-01',
  name: 'Kantor Kecamatan 06',
  kind: 'kecamatan',
  kecamatanCode: '64.02.06',
  officeNumber: 1,
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

function person(overrides: Partial<RegistrationInput> = {}): ValidRegistration {
  const input: RegistrationInput = {
    nik: '6402065505900001',
    kk: '6402060101100123',
    fullName: 'Siti Aminah',
    birthPlace: 'Tenggarong',
    birthDate: '1990-05-15',
    sex: 'P',
    address: 'Jl. Danau Aji No. 12',
    rt: '3',
    rw: '5',
    kecamatanCode: '64.02.06',
    villageCode: '64.02.06.1002',
    occupationCode: 'pedagang-kecil',
    monthlyIncome: '1.500.000',
    phone: '0812-3456-7890',
    heirName: 'Rahmat Hidayat',
    heirRelationship: 'suami-istri',
    ...overrides,
  }
  const result = validateRegistration(input, { district, today: '2026-11-23' })
  if (!result.ok) throw new Error(`test person invalid: ${JSON.stringify(result.errors)}`)
  return result.value
}

/** Server-owned fields do not count when comparing a client's idea of the server copy. */
const clientPart = (doc: ParticipantWireDocument | undefined) => {
  if (!doc) return undefined
  const { duplicates: _owned, ...rest } = doc
  void _owned
  return rest
}

class FakeServer {
  docs = new Map<string, { doc: ParticipantWireDocument; seq: number }>()
  seq = 0
  pushes: PushRequest[] = []

  pull(checkpoint: PullCheckpoint | undefined, limit: number) {
    const after = checkpoint ? Number(checkpoint.txid) : 0
    const changed = [...this.docs.values()]
      .filter((row) => row.seq > after)
      .sort((a, b) => a.seq - b.seq)
    const page = changed.slice(0, limit)
    const last = page[page.length - 1]
    return {
      documents: page.map((row) => structuredClone(row.doc)),
      checkpoint: last ? { txid: String(last.seq), id: last.doc.id } : (checkpoint ?? null),
      remaining: changed.length - page.length,
    }
  }

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

  /** A write that is not this office's (another office's edit). */
  write(doc: ParticipantWireDocument) {
    this.docs.set(doc.id, { doc: structuredClone(doc), seq: ++this.seq })
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
        const checkpoint = url.searchParams.get('checkpoint')
        return server.pull(
          checkpoint ? (JSON.parse(checkpoint) as PullCheckpoint) : undefined,
          Number(url.searchParams.get('limit')),
        )
      }
      if (url.pathname === '/api/sync/participants/push') {
        return server.push(JSON.parse(String(init.body)) as PushRequest)
      }
      if (url.pathname === '/api/office-users') return { office: OFFICE_INFO, users: [] }
      throw new Error(`unexpected ${path}`)
    },
    // No live stream here: the tests trigger every sync themselves.
    fetch: () => new Promise<Response>(() => undefined),
  }
  return session as unknown as ServerSession
}

let counter = 0
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

describe('a push the server refused', () => {
  it('(A) after the clerk corrects one field, the other refused-but-valid edits are not reverted', async () => {
    const server = new FakeServer()
    const store = await open(`refused-a-${Date.now()}-${counter++}`)
    const controller = await startSync(store, server)
    const registered = await registerParticipant(store, person(), { office: PROFILE })
    await settle(controller)
    expect(server.get(registered.id).phone).toBe(registered.phone)

    // One save: a new phone (valid) and an address the server refuses.
    await updateParticipant(
      store,
      registered.id,
      person({ phone: '0813-1111-2222', address: `Jl. ${REFUSED_MARK} 1` }),
      { office: PROFILE },
    )
    await settle(controller)
    expect((await getSyncState(store, registered.id))?.state).toBe('rejected')
    expect(server.get(registered.id).phone).toBe(registered.phone)

    // The clerk corrects only the address.
    await updateParticipant(
      store,
      registered.id,
      person({ phone: '0813-1111-2222', address: 'Jl. Benar No. 2' }),
      { office: PROFILE },
    )
    await settle(controller)

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
    const name = `refused-b-${Date.now()}-${counter++}`
    let store = await open(name)
    let controller = await startSync(store, server)
    const registered = await registerParticipant(store, person(), { office: PROFILE })
    await settle(controller)

    await updateParticipant(
      store,
      registered.id,
      person({ phone: '0813-1111-2222', address: `Jl. ${REFUSED_MARK} 1` }),
      { office: PROFILE },
    )
    await settle(controller)
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
    await updateParticipant(
      store,
      registered.id,
      person({ phone: '0813-1111-2222', address: 'Jl. Benar No. 2' }),
      { office: PROFILE },
    )
    await settle(controller)

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
    const name = `refused-sealed-${Date.now()}-${counter++}`
    const store = await open(name)
    const controller = await startSync(store, server)
    const registered = await registerParticipant(store, person(), { office: PROFILE })
    await settle(controller)
    await updateParticipant(
      store,
      registered.id,
      person({ phone: '0813-1111-2222', address: `Jl. ${REFUSED_MARK} 1` }),
      { office: PROFILE },
    )
    await settle(controller)
    expect(store.refused.get(registered.id)?.base?.nik).toBe('6402065505900001')

    const dbName = (await indexedDB.databases())
      .map((db) => db.name ?? '')
      .find((dbName) => dbName.includes(name) && dbName.includes('participant_sync'))
    expect(dbName).toBeDefined()
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open(String(dbName))
      request.onsuccess = () => done(request.result)
      request.onerror = () => fail(request.error)
    })
    const rows = await new Promise<unknown[]>((done, fail) => {
      const request = db.transaction('docs').objectStore('docs').getAll()
      request.onsuccess = () => done(request.result as unknown[])
      request.onerror = () => fail(request.error)
    })
    db.close()
    const text = JSON.stringify(rows)
    expect(text).toContain('refusedBase')
    expect(text).not.toContain('6402065505900001')
    expect(text).not.toContain('81311112222')
  })
})
