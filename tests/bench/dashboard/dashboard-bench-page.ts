/**
 * The in-browser half of the dashboard benchmark (never part of the app): a real store (RxDB,
 * Dexie on Chromium's IndexedDB, sealed fields) seeded with N participants, then what the
 * dashboard does on opening — `find().exec()` of every record and `aggregateDashboard` — timed.
 */
import { district } from '../../../renderer/src/app/district'
import { dashboardConfig } from '../../../renderer/src/dashboard/DashboardScreen'
import { countDashboard } from '../../../renderer/src/dashboard/read-participants'
import { openStore } from '../../../renderer/src/store/database'
import { nikIndexOf } from '../../../renderer/src/store/participant-repository'
import { aggregateDashboard } from '../../../shared/dashboard/aggregate'
import type { ParticipantDocument } from '../../../shared/participant/participant-document'
import { syntheticPerson } from '../synthetic-people'

export interface DashboardBenchRun {
  /** rxdb: find().exec() then aggregateDashboard; sliced: countDashboard (find().exec() + counting in slices, all in readMs). */
  reader: 'rxdb' | 'sliced'
  readMs: number
  aggregateMs: number
  totalMs: number
  longestTaskMs: number | null
}

export interface DashboardBenchResult {
  stored: number
  seedMs: number
  runs: DashboardBenchRun[]
  active: number
}

declare global {
  interface Window {
    naunganDashboardBench?: {
      run(options: { stored: number; runs: number }): Promise<DashboardBenchResult>
    }
  }
}

const STATUSES = ['submitted', 'approved', 'enrolled', 'active', 'active', 'active'] as const

async function run({
  stored,
  runs,
}: {
  stored: number
  runs: number
}): Promise<DashboardBenchResult> {
  const secret = crypto.getRandomValues(new Uint8Array(32))
  const store = await openStore({
    name: `dashboard-bench-${Date.now()}`,
    secretHex: [...secret].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
  })
  try {
    const seedStarted = performance.now()
    for (let start = 0; start < stored; start += 2000) {
      const docs: ParticipantDocument[] = []
      for (let i = start; i < Math.min(stored, start + 2000); i++) {
        const p = syntheticPerson(i, district)
        const status = STATUSES[i % STATUSES.length] ?? 'active'
        docs.push({
          id: crypto.randomUUID(),
          registrationNumber: p.registrationNumber,
          nik: p.nik,
          nikIndex: nikIndexOf(store, p.nik) as string,
          kk: p.kk,
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
          createdBy: 'bench',
          updatedAt: p.createdAt,
          updatedBy: 'bench',
          duplicates: [],
          conflicts: [],
          prints: [],
          checks: [{ agency: 'dinsos', state: 'confirmed' }],
          ...(status === 'active' || status === 'enrolled'
            ? { coverage: [{ year: 2026, from: '2026-03-01', batchId: 'B1' }] }
            : {}),
        })
      }
      await store.db.participants.bulkInsert(docs)
    }
    const seedMs = performance.now() - seedStarted

    const results: DashboardBenchRun[] = []
    let active = 0
    for (let r = 0; r < runs * 2; r++) {
      // countDashboard first, on a cold store; the plain find().exec() runs after show the cached read.
      const reader = r < runs ? 'sliced' : 'rxdb'
      const tasks: number[] = []
      const observer = new PerformanceObserver((list) =>
        tasks.push(...list.getEntries().map((entry) => entry.duration)),
      )
      observer.observe({ entryTypes: ['longtask'] })
      const t0 = performance.now()
      const input = { year: 2026, today: '2026-11-24', config: dashboardConfig, plans: [] }
      let t1: number
      let figures
      if (reader === 'sliced') {
        // Read and count interleaved, slice by slice: one figure for both.
        figures = (await countDashboard(store, input)).figures
        t1 = performance.now()
      } else {
        const docs = await store.db.participants.find().exec()
        t1 = performance.now()
        figures = aggregateDashboard(docs, input)
      }
      const t2 = performance.now()
      await new Promise((resolve) => setTimeout(resolve, 100))
      tasks.push(...observer.takeRecords().map((entry) => entry.duration))
      observer.disconnect()
      active = figures.headline.active
      results.push({
        reader,
        readMs: t1 - t0,
        aggregateMs: t2 - t1,
        totalMs: t2 - t0,
        longestTaskMs: tasks.length > 0 ? Math.max(...tasks) : null,
      })
    }
    return { stored, seedMs, runs: results, active }
  } finally {
    await store.close()
  }
}

window.naunganDashboardBench = { run }
