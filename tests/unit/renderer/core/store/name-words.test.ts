/**
 * The later-word index of names (renderer/src/core/store/name-words.ts): "yani" finds Ahmad Yani
 * from a range of word rows, never by walking every name (issue 14). Real RxDB on
 * fake-indexeddb. Every search here also checks that no query walked the names with `$regex`
 * (the fallback of a store whose index is not built), and the write paths are checked on the
 * stored rows themselves, so each test fails with the index switched off.
 */
import { createRxDatabase, type RxJsonSchema } from 'rxdb'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import {
  participantJsonSchema,
  type ParticipantDocument,
} from '@shared/participant/participant-document'
import { validateTable } from '@shared/import/analyse'
import { suggestMapping } from '@shared/import/import-fields'
import { readImportTable } from '@shared/import/import-table'
import { createNikIndexEncoder } from '@shared/import/nik-index-encoder'
import type { PlanContext } from '@shared/import/import-plan'
import { storeStorage, type NaunganStore } from '@/core/store/database'
import { deriveStoreKeys } from '@/core/store/store-keys'
import { listWordRows, nameWordIndexOf } from '@/core/store/name-words'
import {
  registerParticipant,
  searchParticipants,
  setParticipantStatus,
  updateParticipant,
  type ParticipantFilters,
} from '@/core/store/participant-repository'
import { runDryRun } from '@/import/import-dry-run'
import { applyImport } from '@/import/apply-import'
import { undoImport } from '@/import/undo-import'
import { SyncController } from '@/sync/sync-controller'
import type { ServerSession } from '@/core/server-session'
import type { Enrolment } from '@/core/enrolled-device'
import type { ParticipantWireDocument, PullCheckpoint } from '@shared/sync/sync-protocol'
import {
  closeTestStores,
  district,
  FakeServerFeed,
  OFFICE,
  openTestStore,
  person,
  uniqueStoreName,
} from '../../../support/store-fixture'

const SECRET = 'd4'.repeat(32)

let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  cleanups = []
  await closeTestStores()
})

/** Records every selector the participants collection is queried with. */
function watchQueries(store: NaunganStore): string[] {
  const seen: string[] = []
  const collection = store.db.participants
  const find = collection.find.bind(collection)
  collection.find = ((query?: { selector?: unknown }) => {
    seen.push(JSON.stringify(query?.selector ?? {}))
    return find(query as never)
  }) as typeof collection.find
  return seen
}

/** Waits until the change events of the writes so far are in the word rows. */
async function wordsSettled(store: NaunganStore): Promise<void> {
  const index = nameWordIndexOf(store.db)
  if (!index) throw new Error('no word index on this store')
  await index.ready
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    await index.settled()
  }
}

/** The stored word rows as `TAIL → NAME KEY`, sorted, ids left out. */
async function wordRows(store: NaunganStore): Promise<string[]> {
  await wordsSettled(store)
  const rows = await listWordRows(store.db)
  return rows.map((row) => row.key.split('\u0001').slice(0, 2).join(' → ')).sort()
}

async function register(store: NaunganStore, fullName: string, n: number, overrides = {}) {
  return registerParticipant(
    store,
    person({ nik: `640206550590${String(3000 + n)}`, fullName, ...overrides }),
    { office: OFFICE },
  )
}

function searcher(store: NaunganStore) {
  const queries = watchQueries(store)
  const search = async (
    text: string,
    limit = 50,
    after?: { nameKey: string; id: string },
    filters: ParticipantFilters = {},
  ) => {
    await wordsSettled(store)
    const rows = await searchParticipants(store, { text, filters, limit, after })
    // Served by the index: nothing walked the names.
    expect(queries.filter((selector) => selector.includes('$regex'))).toEqual([])
    return rows
  }
  const names = async (text: string, filters: ParticipantFilters = {}) =>
    (await search(text, 50, undefined, filters)).map((p) => p.fullName)
  /** Every match, `limit` at a time, continuing after the last row of each page. */
  const paged = async (text: string, limit: number) => {
    const seen: string[] = []
    let after: { nameKey: string; id: string } | undefined
    for (let page = 0; page < 50; page++) {
      const rows = await search(text, limit, after)
      seen.push(...rows.map((row) => row.fullName))
      const last = rows[rows.length - 1]
      if (rows.length < limit || !last) break
      after = { nameKey: last.nameKey, id: last.id }
    }
    return seen
  }
  return { search, names, paged }
}

describe('later words of a name, from the word index', () => {
  it('lists first-word matches in name order, then later-word matches by the matching words', async () => {
    const store = await openTestStore(uniqueStoreName('words'), SECRET)
    const people = [
      'Yanto',
      'Citra Yani',
      'Ahmad Yani Saputra',
      'Budi Yanto',
      'Yani',
      'Dewi Yanita Sari',
      'Siti Aminah',
    ]
    for (const [i, name] of people.entries()) await register(store, name, i)
    const { names } = searcher(store)

    // First word: Yani, Yanto (name order). Later word: YANI, YANI SAPUTRA, YANITA SARI, YANTO.
    expect(await names('yan')).toEqual([
      'Yani',
      'Yanto',
      'Citra Yani',
      'Ahmad Yani Saputra',
      'Dewi Yanita Sari',
      'Budi Yanto',
    ])
    expect(await names('yani s')).toEqual(['Ahmad Yani Saputra'])
    expect(await names('sari')).toEqual(['Dewi Yanita Sari'])
    expect(await names('saputra')).toEqual(['Ahmad Yani Saputra'])
    expect(await names('ani')).toEqual([])
    expect(await names('ya.ni')).toEqual([])
  })

  it('pages across the boundary between first-word and later-word matches without repeats or gaps', async () => {
    const store = await openTestStore(uniqueStoreName('words-paging'), SECRET)
    const people = [
      'Yani',
      'Yani',
      'Yanto Wibowo',
      'Ahmad Yani',
      'Budi Yani',
      'Budi Yani',
      // Two later words match "yan": listed once, under the first.
      'Siti Yani Yanti',
      'Rina Yanti',
      'Eko Wibowo Yanuar',
    ]
    for (const [i, name] of people.entries()) await register(store, name, i)
    const { names, paged } = searcher(store)

    const all = await names('yan')
    expect(all).toEqual([
      'Yani',
      'Yani',
      'Yanto Wibowo',
      'Ahmad Yani',
      'Budi Yani',
      'Budi Yani',
      'Siti Yani Yanti',
      'Rina Yanti',
      'Eko Wibowo Yanuar',
    ])
    for (const limit of [1, 2, 3, 4]) expect(await paged('yan', limit)).toEqual(all)
    expect(await paged('wibowo', 1)).toEqual(['Yanto Wibowo', 'Eko Wibowo Yanuar'])
  })

  it('applies kecamatan, desa, occupation and status filters to later-word matches', async () => {
    const store = await openTestStore(uniqueStoreName('words-filters'), SECRET)
    await register(store, 'Ahmad Yani', 1)
    const other = await register(store, 'Budi Yani', 2, {
      kecamatanCode: '64.02.04',
      villageCode: '64.02.04.2006',
      occupationCode: 'nelayan',
    })
    const { names } = searcher(store)

    expect(await names('yani')).toEqual(['Ahmad Yani', 'Budi Yani'])
    expect(await names('yani', { kecamatanCode: '64.02.04' })).toEqual(['Budi Yani'])
    expect(await names('yani', { villageCode: '64.02.06.1002' })).toEqual(['Ahmad Yani'])
    expect(await names('yani', { occupationCode: 'nelayan' })).toEqual(['Budi Yani'])
    expect(await names('yani', { status: 'submitted' })).toEqual([])
    // A status change moves the rows with it.
    await setParticipantStatus(store, other.id, 'submitted', { office: OFFICE })
    expect(await names('yani', { status: 'submitted' })).toEqual(['Budi Yani'])
    expect(await names('yani', { status: 'draft' })).toEqual(['Ahmad Yani'])
  })

  it('a renamed or deleted record leaves no stale word row', async () => {
    const store = await openTestStore(uniqueStoreName('words-rename'), SECRET)
    const renamed = await register(store, 'Ahmad Yani Saputra', 1)
    const removed = await register(store, 'Budi Santoso', 2)
    await register(store, 'Sukarno', 3)
    expect(await wordRows(store)).toEqual([
      'SANTOSO → BUDI SANTOSO',
      'SAPUTRA → AHMAD YANI SAPUTRA',
      'YANI SAPUTRA → AHMAD YANI SAPUTRA',
    ])

    await updateParticipant(
      store,
      renamed.id,
      person({ nik: renamed.nik, fullName: 'Ahmad Yanto' }),
      { office: OFFICE },
    )
    await (await store.db.participants.findOne(removed.id).exec())!.remove()
    expect(await wordRows(store)).toEqual(['YANTO → AHMAD YANTO'])
    const { names } = searcher(store)
    expect(await names('yan')).toEqual(['Ahmad Yanto'])
    expect(await names('saputra')).toEqual([])
    expect(await names('santoso')).toEqual([])
  })

  it('an import writes the rows of every imported record; undoing it removes them', async () => {
    const store = await openTestStore(uniqueStoreName('words-import'), SECRET)
    const header = 'NIK;NAMA;NO KK;TGL LAHIR;JENIS KELAMIN;ALAMAT;RT;RW;DESA/KELURAHAN;KECAMATAN'
    const line = (nik: string, name: string, date: string, sex: string) =>
      [
        nik,
        name,
        '6402060101100123',
        date,
        sex,
        'Jl. Danau Aji',
        '3',
        '5',
        'Loa Ipuh',
        'Tenggarong',
      ].join(';')
    const csv = [
      header,
      line('6402065505900001', 'Siti Nur Aini', '15-05-1990', 'Perempuan'),
      line('6402061708850002', 'Budi Santoso', '17-08-1985', 'Laki-laki'),
    ].join('\r\n')
    const read = readImportTable(new TextEncoder().encode(`${csv}\r\n`), 'dtks')
    if (!read.ok) throw new Error(read.problem)
    const encoder = createNikIndexEncoder(store.keys.blindIndexKey)
    const validated = validateTable(
      read.table,
      suggestMapping(read.table.headers, 'dtks'),
      'dtks',
      {
        district,
        today: '2026-11-23',
        encodeNikIndex: (nik) => encoder.encode(nik),
      },
    )
    if (!validated.ok) throw new Error(`missing ${validated.missing.join()}`)
    const actor = { role: 'supervisor', agency: null, name: 'Bu Supervisor' } as const
    const ctx: PlanContext = {
      kind: 'dtks',
      agency: 'dinsos',
      actor,
      createDrafts: true,
      registrationAllowed: true,
    }
    const run = await runDryRun(store, validated.rows, ctx)
    const acting = { ...actor, officeCode: 'PUSAT', deviceId: 'device-1' }
    const applied = await applyImport(store, run.outcomes, {
      actor: acting,
      office: OFFICE,
      source: 'DTKS Dinsos 2026',
      kind: 'dtks',
      agency: 'dinsos',
      fileName: 'dtks.csv',
      now: new Date('2026-11-23T03:00:00.000Z'),
    })
    if (!applied.ok) throw new Error(JSON.stringify(applied))

    expect(await wordRows(store)).toEqual([
      'AINI → SITI NUR AINI',
      'NUR AINI → SITI NUR AINI',
      'SANTOSO → BUDI SANTOSO',
    ])
    const { names } = searcher(store)
    expect(await names('aini')).toEqual(['Siti Nur Aini'])

    const undone = await undoImport(store, applied.batch.id, {
      actor: acting,
      now: new Date('2026-11-23T04:00:00.000Z'),
    })
    expect(undone).toMatchObject({ ok: true })
    expect(await wordRows(store)).toEqual([])
  })

  it('a record pulled from the server gets its rows, and a rename pulled later replaces them', async () => {
    const store = await openTestStore(uniqueStoreName('words-pull'), SECRET)
    const server = new FakeServerFeed()
    await register(store, 'Kartini Wulandari', 1)
    // A record another office registered: written in a scratch store, as the server sends it.
    const scratch = await openTestStore(uniqueStoreName('words-other-office'), SECRET)
    const { nikIndex: _blind, ...other } = await register(scratch, 'Rahmat Hidayat', 2)
    void _blind
    const pulled: ParticipantWireDocument = { ...other, _deleted: false }
    server.write(pulled)
    const controller = await startPull(store, server)

    await controller.settle()
    expect(await wordRows(store)).toEqual([
      'HIDAYAT → RAHMAT HIDAYAT',
      'WULANDARI → KARTINI WULANDARI',
    ])

    server.write({ ...pulled, fullName: 'Rahmat Santoso', nameKey: 'RAHMAT SANTOSO' })
    await controller.settle()
    expect(await wordRows(store)).toEqual([
      'SANTOSO → RAHMAT SANTOSO',
      'WULANDARI → KARTINI WULANDARI',
    ])
    const { names } = searcher(store)
    expect(await names('santoso')).toEqual(['Rahmat Santoso'])
    expect(await names('hidayat')).toEqual([])
  })

  it('an older store without the index gets its rows at the next start and finds later words', async () => {
    const name = uniqueStoreName('words-migrate')
    const keys = await deriveStoreKeys(SECRET)
    // The store as the previous version wrote it: the participants, no word collection.
    const old = await createRxDatabase({
      name,
      storage: storeStorage(keys, { indexedDB, IDBKeyRange }),
      localDocuments: true,
    })
    await old.upsertLocal('store-key-check', { value: keys.keyCheck })
    const { participants } = await old.addCollections({
      participants: {
        schema: participantJsonSchema as unknown as RxJsonSchema<ParticipantDocument>,
      },
    })
    const template = await (async () => {
      const scratch = await openTestStore(uniqueStoreName('words-template'), SECRET)
      return register(scratch, 'Template', 1)
    })()
    const oldNames = ['Ahmad Yani', 'Yanto', 'Dewi Yanita Sari', 'Sukarno']
    await participants.bulkInsert(
      oldNames.map((fullName, i) => ({
        ...template,
        id: `a0000000-0000-4000-8000-00000000000${i}`,
        registrationNumber: `0601-00010${i}`,
        fullName,
        nameKey: fullName.toUpperCase(),
      })),
    )
    await old.close()

    const store = await openTestStore(name, SECRET)
    expect(await wordRows(store)).toEqual([
      'SARI → DEWI YANITA SARI',
      'YANI → AHMAD YANI',
      'YANITA SARI → DEWI YANITA SARI',
    ])
    const { names } = searcher(store)
    expect(await names('yan')).toEqual(['Yanto', 'Ahmad Yani', 'Dewi Yanita Sari'])
  })
})

// A pull through the app's own replication (sync-controller.ts) from an in-memory server feed.
const ENROLMENT: Enrolment = {
  serverUrl: 'http://server.test',
  deviceId: 'device-1',
  deviceName: 'PC 1',
  office: {
    id: 'office-06-01',
    code: '06-01',
    name: 'Kantor Kecamatan 06',
    kind: 'kecamatan',
    kecamatanCode: '64.02.06',
    officeNumber: 1,
    agencyCode: null,
  },
  enrolledAt: '2026-01-01T00:00:00.000Z',
}

async function startPull(store: NaunganStore, server: FakeServerFeed) {
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
        const request = JSON.parse(String(init.body)) as {
          rows: { newDocumentState: ParticipantWireDocument }[]
        }
        for (const row of request.rows) server.write(row.newDocumentState)
        return { conflicts: [], rejected: [] }
      }
      if (url.pathname === '/api/office-users') return { office: ENROLMENT.office, users: [] }
      throw new Error(`unexpected ${path}`)
    },
    // Pulls as the app sends them (the answer read as it arrives); no live stream here.
    async fetch(path: string, init: RequestInit = {}): Promise<Response> {
      if (new URL(path, 'http://server.test').pathname !== '/api/sync/participants/pull') {
        return new Promise<Response>(() => undefined)
      }
      return Response.json(await session.json(path, init))
    },
  } as unknown as ServerSession
  const controller = new SyncController({
    store,
    enrolment: ENROLMENT,
    session,
    fetch: async () => new Response('{}', { status: 503 }),
    linkEvents: new EventTarget(),
  })
  cleanups.push(() => controller.stop())
  await controller.start()
  const replication = (
    controller as unknown as { replication: { awaitInSync(): Promise<unknown> } }
  ).replication
  return {
    async settle() {
      for (let i = 0; i < 3; i++) {
        controller.syncNow()
        await replication.awaitInSync()
      }
    },
  }
}
