/**
 * The dashboard counts the participants as stored (sealed fields still ciphertext) and then keeps
 * its copy from the change stream. These tests hold it to the old reader, `find().exec()`: the
 * same figures, deleted records left out, and not one sealed field decrypted on the way.
 */
import { indexedDB } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  dashboardRecordsOf,
  readStoredParticipants,
  saveDashboardCopy,
  toDashboardRecord,
} from '@/dashboard/dashboard-records'
import {
  loadDashboardSnapshot,
  saveDashboardSnapshot,
  SNAPSHOT_MAX_AGE_MS,
} from '@/dashboard/dashboard-snapshot'
import { lastFigures, rememberFigures } from '@/dashboard/last-figures'
import { countDashboard } from '@/dashboard/read-participants'
import type { NaunganStore } from '@/core/store/database'
import { nikIndexOf } from '@/core/store/participant-repository'
import {
  aggregateDashboard,
  type DashboardConfig,
  type DashboardInput,
} from '@shared/dashboard/aggregate'
import {
  SEALED_PARTICIPANT_FIELDS,
  type ParticipantDocument,
  type ParticipantStatus,
} from '@shared/participant/participant-document'
import { currentTimeMs } from '@shared/dates/clock'
import { syntheticPerson } from '../../../bench/synthetic-people'
import {
  closeTestStores,
  district,
  openTestStore,
  uniqueStoreName,
} from '../../support/store-fixture'

const SECRET = 'd4'.repeat(32)

const CONFIG: DashboardConfig = {
  tariffs: district.config.tariffs,
  baselineCoveredParticipants: district.config.baselineCoveredParticipants,
  utcOffsetMinutes: 480,
  configuredTargetFor: (year) => district.targetFor(year),
  kecamatan: district.regions.kecamatan,
  villages: district.regions.villages,
  occupations: district.config.occupations,
}
const INPUT: DashboardInput = { year: 2026, today: '2026-11-24', config: CONFIG, plans: [] }

const STATUSES: readonly ParticipantStatus[] = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'enrolled',
  'active',
  'active',
  'ended',
]

const PEOPLE = 60

function participant(store: NaunganStore, index: number): ParticipantDocument {
  const p = syntheticPerson(index, district)
  const status = STATUSES[index % STATUSES.length] ?? 'active'
  return {
    id: `p-${String(index).padStart(4, '0')}`,
    registrationNumber: p.registrationNumber,
    nik: p.nik,
    nikIndex: nikIndexOf(store, p.nik) as string,
    kk: p.kk,
    phone: '+6281234567890',
    fullName: p.fullName,
    nameKey: p.fullName.toUpperCase(),
    birthPlace: p.birthPlace,
    birthDate: p.birthDate,
    sex: p.sex,
    address: p.address,
    rt: p.rt,
    rw: p.rw,
    kecamatanCode: p.kecamatanCode,
    villageCode: p.villageCode,
    occupationCode: p.occupationCode,
    monthlyIncome: p.monthlyIncome,
    heirName: p.heirName,
    heirRelationship: p.heirRelationship,
    status,
    officeCode: p.officeCode,
    createdAt: p.createdAt,
    createdBy: 'test',
    updatedAt: p.createdAt,
    updatedBy: 'test',
    duplicates: [],
    conflicts: [],
    prints: [],
    checks: [{ agency: 'dinsos', state: status === 'submitted' ? 'pending' : 'confirmed' }],
    ...(status === 'active' || status === 'enrolled'
      ? { coverage: [{ year: 2026, from: '2026-03-01', batchId: 'B1' }] }
      : status === 'ended'
        ? { coverage: [{ year: 2026, from: '2026-01-01', until: '2026-06-30', batchId: 'B1' }] }
        : {}),
    ...(status === 'approved' && index % 2 === 0 ? { enrolmentBatchId: 'B2' } : {}),
    // Some active ones are existing members from BPJS's list: they come off the baseline.
    ...(status === 'active' && index % 3 === 0 ? { source: 'peserta-lama:daftar-2025.xlsx' } : {}),
  }
}

/** The dashboard's reader before: every record through RxDB, sealed fields decrypted. */
async function figuresWithFind(store: NaunganStore) {
  const docs = await store.db.participants.find().exec()
  return { figures: aggregateDashboard(docs, INPUT), records: docs.length }
}

/** A seeded store, closed and opened again so nothing of the seeding is cached in memory. */
async function seededStore(): Promise<{ store: NaunganStore; deleted: string[] }> {
  const name = uniqueStoreName('dashboard-read')
  const seeding = await openTestStore(name, SECRET)
  await seeding.db.participants.bulkInsert(
    Array.from({ length: PEOPLE }, (_, i) => participant(seeding, i)),
  )
  const deleted = ['p-0003', 'p-0010', 'p-0021', 'p-0045']
  await seeding.db.participants.bulkRemove(deleted)
  await seeding.close()
  return { store: await openTestStore(name, SECRET), deleted }
}

afterEach(async () => {
  vi.restoreAllMocks()
  await closeTestStores()
})

describe('the dashboard reads the participants as stored', () => {
  it('counts the same figures as find().exec(), deleted records left out', async () => {
    const { store } = await seededStore()
    const now = await countDashboard(store, INPUT)
    const before = await figuresWithFind(store)
    expect(now.records).toBe(PEOPLE - 4)
    expect(now.records).toBe(before.records)
    expect(now.figures).toEqual(before.figures)
    // The mix of statuses reached the figures (not an empty store counted twice).
    expect(now.figures.headline.drafts).toBeGreaterThan(0)
    expect(now.figures.headline.waitingForVerification).toBeGreaterThan(0)
    expect(now.figures.headline.active).toBeGreaterThan(0)
  })

  it('hands out the sealed fields as ciphertext, never the NIK, KK or phone', async () => {
    const { store, deleted } = await seededStore()
    const stored: Record<string, unknown>[] = []
    // Chunks of 7: the paging by last id must neither skip nor repeat a record.
    await readStoredParticipants(store, (docs) => stored.push(...docs), 7)
    expect(new Set(stored.map((doc) => doc['id'])).size).toBe(stored.length)
    expect(stored).toHaveLength(PEOPLE - 4)
    const ids = stored.map((doc) => doc['id'])
    for (const id of deleted) expect(ids).not.toContain(id)
    for (const doc of stored) {
      const index = Number(String(doc['id']).slice(2))
      const p = syntheticPerson(index, district)
      for (const field of SEALED_PARTICIPANT_FIELDS) {
        expect(doc[field]).toMatch(/^g1:[A-Za-z0-9+/=]+$/)
      }
      expect(doc['nik']).not.toContain(p.nik)
      expect(doc['kk']).not.toContain(p.kk)
      expect(doc['phone']).not.toContain('6281234567890')
    }
  })

  it('decrypts nothing to count, and keeps no sealed field in its copy', async () => {
    const { store } = await seededStore()
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt')
    await countDashboard(store, INPUT)
    expect(decrypt).not.toHaveBeenCalled()
    const records = await dashboardRecordsOf(store).current()
    expect(records).toHaveLength(PEOPLE - 4)
    for (const record of records) {
      for (const field of [...SEALED_PARTICIPANT_FIELDS, 'fullName', 'address', 'id']) {
        expect(record).not.toHaveProperty(field)
      }
    }
  })

  it('follows edits, inserts and deletions after the first count, as find().exec() does', async () => {
    const { store } = await seededStore()
    await countDashboard(store, INPUT)

    const submitted = await store.db.participants.findOne('p-0001').exec()
    await submitted?.incrementalPatch({ status: 'approved' })
    await store.db.participants.insert(participant(store, PEOPLE))
    await store.db.participants.bulkRemove(['p-0005', 'p-0006'])
    // A deleted record written back (a sync pull restoring it) counts again.
    const restored = participant(store, 10)
    await store.db.participants.upsert(restored)

    await vi.waitFor(async () => {
      const now = await countDashboard(store, INPUT)
      const before = await figuresWithFind(store)
      expect(now.records).toBe(PEOPLE - 4 + 1 - 2 + 1)
      expect(now.figures).toEqual(before.figures)
    })
  })
})

describe('the dashboard copy saved for the next start', () => {
  /** Counted once (every record read), the copy saved, the store closed and opened again. */
  async function storeWithSavedCopy() {
    const name = uniqueStoreName('dashboard-snapshot')
    const seeding = await openTestStore(name, SECRET)
    await seeding.db.participants.bulkInsert(
      Array.from({ length: PEOPLE }, (_, i) => participant(seeding, i)),
    )
    await seeding.db.participants.bulkRemove(['p-0003', 'p-0010'])
    await countDashboard(seeding, INPUT)
    expect(dashboardRecordsOf(seeding).source).toMatchObject({ kind: 'full-read' })
    await saveDashboardCopy(seeding)
    await seeding.close()
    return { name, store: await openTestStore(name, SECRET) }
  }

  it('counts from the copy plus the writes made since, the same figures as find().exec()', async () => {
    const { name, store: reopened } = await storeWithSavedCopy()
    // Writes the copy never saw as events: the store was closed when it was saved.
    const submitted = await reopened.db.participants.findOne('p-0001').exec()
    await submitted?.incrementalPatch({ status: 'approved' })
    await reopened.db.participants.insert(participant(reopened, PEOPLE))
    await reopened.db.participants.bulkRemove(['p-0005', 'p-0006'])
    await reopened.db.participants.upsert(participant(reopened, 10))
    await reopened.close()

    const store = await openTestStore(name, SECRET)
    const now = await countDashboard(store, INPUT)
    expect(dashboardRecordsOf(store).source).toMatchObject({ kind: 'snapshot' })
    const before = await figuresWithFind(store)
    expect(now.records).toBe(PEOPLE - 2 + 1 - 2 + 1)
    expect(now.records).toBe(before.records)
    expect(now.figures).toEqual(before.figures)
    // And the copy then follows the change stream as before.
    await store.db.participants.bulkRemove(['p-0007'])
    await vi.waitFor(async () => {
      expect((await countDashboard(store, INPUT)).figures).toEqual(
        (await figuresWithFind(store)).figures,
      )
    })
  })

  it('keeps no sealed field, name or address; refuses a copy too old to trust', async () => {
    const { store } = await storeWithSavedCopy()
    const saved = await store.db.getLocal('dashboard-records-snapshot')
    const kept = JSON.stringify(saved?.toJSON())
    for (let i = 0; i < PEOPLE; i++) {
      const p = syntheticPerson(i, district)
      expect(kept).not.toContain(p.nik)
      expect(kept).not.toContain(p.kk)
      expect(kept).not.toContain(p.fullName)
      expect(kept).not.toContain(p.address)
    }
    expect(kept).not.toContain('g1:')
    // What comes back is the copy as counted: every record not deleted, field for field.
    const snapshot = await loadDashboardSnapshot(store)
    const byId = new Map(snapshot?.entries.map((entry) => [entry.id, entry.record]))
    const fullRead: Record<string, unknown>[] = []
    await readStoredParticipants(store, (docs) => fullRead.push(...docs))
    expect(byId.size).toBe(PEOPLE - 2)
    for (const doc of fullRead) {
      expect(byId.get(String(doc['id']))).toEqual(toDashboardRecord(doc))
    }
    expect(await loadDashboardSnapshot(store, currentTimeMs() + SNAPSHOT_MAX_AGE_MS + 1)).toBeNull()
  })

  it('gives back every value of a large copy (more distinct values than one character holds)', async () => {
    const store = await openTestStore(uniqueStoreName('dashboard-snapshot-wide'), SECRET)
    const entries = Array.from({ length: 2_500 }, (_, index) => ({
      id: `id-${index}`,
      revision: (index % 1_300) + 1,
      record: {
        ...toDashboardRecord(
          participant(store, index % PEOPLE) as unknown as Record<string, unknown>,
        ),
        createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
      },
    }))
    await saveDashboardSnapshot(store, { checkpointLwt: 1234.5, entries })
    const loaded = await loadDashboardSnapshot(store)
    expect(loaded?.checkpointLwt).toBe(1234.5)
    expect(loaded?.entries).toEqual(entries)
  })

  it('reads every record again when the copy and the store disagree on the records held', async () => {
    const { name, store: reopened } = await storeWithSavedCopy()
    // A record gone without a trace of its deletion (as if purged): the copy cannot see it.
    const schemaVersion = reopened.db.participants.schema.version
    await reopened.close()
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`rxdb-dexie-${name}--${schemaVersion}--participants`)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction('docs', 'readwrite')
      transaction.objectStore('docs').delete('p-0020')
      transaction.oncomplete = () => resolve()
      transaction.onerror = () => reject(transaction.error)
    })
    db.close()

    const store = await openTestStore(name, SECRET)
    const now = await countDashboard(store, INPUT)
    expect(dashboardRecordsOf(store).source).toMatchObject({ kind: 'full-read' })
    expect(now.figures).toEqual((await figuresWithFind(store)).figures)
  })
})

describe('the last figures counted', () => {
  it('are kept per year, figures only, and come back as they were counted', async () => {
    const { store } = await seededStore()
    expect(await lastFigures(store, 2026)).toBeNull()
    const counted = await countDashboard(store, INPUT)
    await rememberFigures(store, counted.figures, counted.records)
    const other = await countDashboard(store, { ...INPUT, year: 2025 })
    await rememberFigures(store, other.figures, other.records)

    const saved = await lastFigures(store, 2026)
    expect(saved?.figures).toEqual(counted.figures)
    expect(saved?.records).toBe(PEOPLE - 4)
    expect(Date.parse(saved?.countedAt ?? '')).not.toBeNaN()
    expect((await lastFigures(store, 2025))?.figures.year).toBe(2025)
    expect(await lastFigures(store, 2024)).toBeNull()
    // Counts only: no NIK, name or record id in what is kept.
    const kept = JSON.stringify(saved)
    for (let i = 0; i < PEOPLE; i++) {
      const p = syntheticPerson(i, district)
      expect(kept).not.toContain(p.nik)
      expect(kept).not.toContain(p.fullName)
    }
    expect(kept).not.toContain('p-0001')
  })
})
