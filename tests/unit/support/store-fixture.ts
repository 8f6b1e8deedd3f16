/**
 * What the store tests share: the district from resources/, real RxDB stores on fake-indexeddb
 * (closed after each test), the office profile they write as, and a valid person to register.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { getChangedDocumentsSince, type RxStorageDefaultCheckpoint } from 'rxdb'
import { loadDistrict } from '../../../shared/district/district-config'
import {
  validateRegistration,
  type RegistrationInput,
  type ValidRegistration,
} from '../../../shared/participant/registration-input'
import type { ParticipantWireDocument, PullCheckpoint } from '../../../shared/sync/sync-protocol'
import { openStore, type NaunganStore } from '../../../renderer/src/core/store/database'
import type { OfficeProfile } from '../../../renderer/src/core/store/participant-repository'

const root = resolve(import.meta.dirname, '../../..')
export const district = loadDistrict(
  JSON.parse(readFileSync(resolve(root, 'resources/district/district.json'), 'utf8')),
  readFileSync(resolve(root, 'resources/district/wilayah.csv'), 'utf8'),
)

export const OFFICE: OfficeProfile = {
  kecamatanCode: '64.02.06',
  kecamatanShortCode: '06',
  officeNumber: 1,
  operatorName: 'Rina',
}

let counter = 0
/** A database name no other test in this run uses. */
export function uniqueStoreName(prefix: string): string {
  return `${prefix}-${Date.now()}-${counter++}`
}

let openStores: NaunganStore[] = []

/** Opens a store that `closeTestStores` closes (register that in `afterEach`). */
export async function openTestStore(name: string, secretHex: string): Promise<NaunganStore> {
  const store = await openStore({ name, secretHex, indexedDB, IDBKeyRange })
  openStores.push(store)
  return store
}

export async function closeTestStores(): Promise<void> {
  await Promise.all(openStores.map((store) => store.close().catch(() => undefined)))
  openStores = []
}

/** A registration that passes validation, with `overrides` on top. */
export function person(overrides: Partial<RegistrationInput> = {}): ValidRegistration {
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

/**
 * Every participant id RxDB's upstream would be handed, scanning the store `batch` at a time from
 * the start as it does (`getChangedDocumentsSince`), each answer no larger than the batch.
 */
export async function scanForPush(store: NaunganStore, batch = 50): Promise<string[]> {
  const ids: string[] = []
  let checkpoint: RxStorageDefaultCheckpoint | undefined
  for (let calls = 0; calls < 10_000; calls++) {
    const page = await getChangedDocumentsSince(
      store.db.participants.storageInstance,
      batch,
      checkpoint,
    )
    if (page.documents.length > batch) throw new Error(`${page.documents.length} > ${batch}`)
    ids.push(...page.documents.map((doc) => doc.id))
    if (page.documents.length === 0) return ids
    checkpoint = page.checkpoint
  }
  throw new Error('the scan never ended')
}

/** Reads every raw row of a Dexie table straight from IndexedDB, bypassing RxDB. */
export async function rawRows(databaseName: string): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolvePromise, reject) => {
    const request = indexedDB.open(databaseName)
    request.onsuccess = () => resolvePromise(request.result)
    request.onerror = () => reject(request.error)
  })
  try {
    return await new Promise((resolvePromise, reject) => {
      const request = db.transaction('docs').objectStore('docs').getAll()
      request.onsuccess = () => resolvePromise(request.result as unknown[])
      request.onerror = () => reject(request.error)
    })
  } finally {
    db.close()
  }
}

/** The server's participant feed, in memory: every write gets the next sequence number. */
export class FakeServerFeed {
  docs = new Map<string, { doc: ParticipantWireDocument; seq: number }>()
  seq = 0

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

  /** Stores `doc` as the server copy (in the tests, also another office's edit). */
  write(doc: ParticipantWireDocument) {
    this.docs.set(doc.id, { doc: structuredClone(doc), seq: ++this.seq })
  }
}
