/**
 * The in-browser half of the dashboard benchmark (never part of the app). The driver seeds a real
 * store (RxDB, Dexie on Chromium's IndexedDB, sealed fields) once, then for every timed opening
 * starts a new browser on the same profile and calls `open`: the store is opened as the app opens
 * it, and the dashboard's first count is timed from cold — nothing of the seeding page, RxDB's
 * query cache or the dashboard's own copy survives into it.
 *
 * Two readers, each on its own cold start:
 * - `find`: what the dashboard did before — `participants.find().exec()` (every sealed field
 *   decrypted) and the counter in slices;
 * - `dashboard`: what it does now — `countDashboard`: the copy saved by the previous opening
 *   (dashboard-snapshot.ts) plus the writes since, or every record as stored when there is none
 *   (the first opening); later counts from the copy kept by the change stream. Each opening ends
 *   with writes the next one must pick up.
 */
import { district } from '../../../renderer/src/core/district'
import { dashboardConfig } from '../../../renderer/src/dashboard/DashboardScreen'
import {
  lastFigures,
  rememberFigures,
  SHOW_LAST_FIGURES_AFTER_MS,
} from '../../../renderer/src/dashboard/last-figures'
import {
  dashboardRecordsOf,
  saveDashboardCopy,
  type DashboardCopySource,
} from '../../../renderer/src/dashboard/dashboard-records'
import { countDashboard } from '../../../renderer/src/dashboard/read-participants'
import { openStore, type NaunganStore } from '../../../renderer/src/core/store/database'
import { nikIndexOf } from '../../../renderer/src/core/store/participant-repository'
import {
  createDashboardCounter,
  type DashboardFigures,
  type DashboardInput,
} from '../../../shared/dashboard/aggregate'
import type {
  ParticipantDocument,
  ParticipantStatus,
} from '../../../shared/participant/participant-document'
import { syntheticPerson } from '../synthetic-people'
import { currentTime } from '../../../shared/dates/clock'

export type DashboardBenchReader = 'find' | 'dashboard'

export interface DashboardBenchSeed {
  stored: number
  deleted: number
  seedMs: number
}

export interface DashboardBenchOpening {
  reader: DashboardBenchReader
  /** openStore on the existing IndexedDB (not part of the dashboard's time: the app opens it at start). */
  openStoreMs: number
  /** The dashboard's first count after the store opened. */
  firstMs: number
  /**
   * `dashboard` only: when the last count's figures (saved by the previous opening) were on hand,
   * as the screen loads and shows them: read at once, shown after SHOW_LAST_FIGURES_AFTER_MS.
   * Null when none were saved or the count finished first.
   */
  lastFiguresMs: number | null
  /** Longest main-thread task during the first count. */
  firstLongestTaskMs: number | null
  /** `dashboard` only: where the first count's copy came from. */
  copySource: DashboardCopySource | null
  /** `dashboard` only: first count done → the copy saved for the next start (in the background). */
  saveMs: number | null
  /** One record edited, then counted again (what the dashboard does after a sync or an edit). */
  recountAfterEditMs: number
  /** Counted again with nothing changed (year switched, "Muat ulang"). */
  recountMs: number
  records: number
  active: number
  /** The figures of the first count, for the driver to compare the readers. */
  figuresJson: string
}

declare global {
  interface Window {
    naunganDashboardBench?: {
      seed(options: {
        name: string
        secretHex: string
        stored: number
      }): Promise<DashboardBenchSeed>
      open(options: {
        name: string
        secretHex: string
        reader: DashboardBenchReader
      }): Promise<DashboardBenchOpening>
    }
  }
}

const STATUSES: readonly ParticipantStatus[] = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'enrolled',
  'active',
  'active',
  'active',
  'ended',
]

const SEEDED_BEFORE_MS = 60 * 60 * 1000
/** Records edited after the copy was saved, at the end of every opening: the next reads them. */
const EDITED_AFTER_SAVE = 200

/** One in DELETED_EVERY records is deleted after seeding: every reader must leave it out. */
const DELETED_EVERY = 100

const INPUT: DashboardInput = {
  year: 2026,
  today: '2026-11-24',
  config: dashboardConfig,
  plans: [],
}

async function seed({
  name,
  secretHex,
  stored,
}: {
  name: string
  secretHex: string
  stored: number
}): Promise<DashboardBenchSeed> {
  // Stamped as written an hour ago (RxDB's `_meta.lwt` reads Date.now), as records synced or
  // typed before this session are: a cold start then reads the dashboard's saved copy plus the
  // writes since it, not a store written in the last minute. This page is bench-only.
  const realNow = Date.now.bind(Date)
  Date.now = () => realNow() - SEEDED_BEFORE_MS
  const store = await openStore({ name, secretHex, inWorker: true })
  try {
    const seedStarted = performance.now()
    const deletedIds: string[] = []
    for (let start = 0; start < stored; start += 2000) {
      const docs: ParticipantDocument[] = []
      for (let i = start; i < Math.min(stored, start + 2000); i++) {
        const p = syntheticPerson(i, district)
        const status = STATUSES[i % STATUSES.length] ?? 'active'
        const id = crypto.randomUUID()
        if (i % DELETED_EVERY === 7) deletedIds.push(id)
        docs.push({
          id,
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
          prints:
            status === 'active' && i % 3 === 0
              ? [
                  {
                    serial: '7K3M-9QX2',
                    kind: 'card',
                    printedAt: p.createdAt,
                    printedBy: 'bench',
                    officeCode: p.officeCode,
                    validUntil: '2026-12-31',
                  },
                ]
              : [],
          checks: [{ agency: 'dinsos', state: status === 'submitted' ? 'pending' : 'confirmed' }],
          ...(status === 'active' || status === 'enrolled'
            ? { coverage: [{ year: 2026, from: '2026-03-01', batchId: 'B1' }] }
            : status === 'ended'
              ? {
                  coverage: [
                    { year: 2026, from: '2026-01-01', until: '2026-06-30', batchId: 'B1' },
                  ],
                }
              : {}),
          ...(status === 'approved' && i % 2 === 0 ? { enrolmentBatchId: 'B2' } : {}),
        })
      }
      await store.db.participants.bulkInsert(docs)
    }
    for (let start = 0; start < deletedIds.length; start += 2000) {
      await store.db.participants.bulkRemove(deletedIds.slice(start, start + 2000))
    }
    return { stored, deleted: deletedIds.length, seedMs: performance.now() - seedStarted }
  } finally {
    await store.close()
    Date.now = realNow
  }
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** The dashboard's reader before this change, kept here to measure against. */
async function countWithFind(
  store: NaunganStore,
): Promise<{ figures: DashboardFigures; records: number }> {
  const documents = await store.db.participants.find().exec()
  const counter = createDashboardCounter(INPUT)
  for (let start = 0; start < documents.length; start += 2000) {
    if (start > 0) await nextTask()
    for (const document of documents.slice(start, start + 2000)) counter.add(document)
  }
  return { figures: counter.finish(), records: documents.length }
}

async function timed<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; longest: number | null }> {
  const tasks: number[] = []
  const observer = new PerformanceObserver((list) =>
    tasks.push(...list.getEntries().map((entry) => entry.duration)),
  )
  observer.observe({ entryTypes: ['longtask'] })
  const started = performance.now()
  const value = await work()
  const ms = performance.now() - started
  await new Promise((resolve) => setTimeout(resolve, 100))
  tasks.push(...observer.takeRecords().map((entry) => entry.duration))
  observer.disconnect()
  return { value, ms, longest: tasks.length > 0 ? Math.max(...tasks) : null }
}

async function open({
  name,
  secretHex,
  reader,
}: {
  name: string
  secretHex: string
  reader: DashboardBenchReader
}): Promise<DashboardBenchOpening> {
  const opened = performance.now()
  const store = await openStore({ name, secretHex, inWorker: true })
  const openStoreMs = performance.now() - opened
  try {
    const count = () => (reader === 'find' ? countWithFind(store) : countDashboard(store, INPUT))
    let lastFiguresMs: number | null = null
    let isCounted = false
    const started = performance.now()
    if (reader === 'dashboard') {
      // As the screen does: read at once, shown once SHOW_LAST_FIGURES_AFTER_MS have passed.
      void lastFigures(store, INPUT.year).then((saved) => {
        if (saved && !isCounted) {
          lastFiguresMs = Math.max(SHOW_LAST_FIGURES_AFTER_MS, performance.now() - started)
        }
      })
    }
    const first = await timed(count)
    isCounted = true
    // Shown only if the grace ran out before the count was done.
    if (lastFiguresMs !== null && lastFiguresMs >= first.ms) lastFiguresMs = null
    let saveMs: number | null = null
    if (reader === 'dashboard') {
      // The count started saving the copy in the background: how long until it was saved.
      const saveStarted = performance.now()
      await rememberFigures(store, first.value.figures, first.value.records)
      await saveDashboardCopy(store)
      saveMs = performance.now() - saveStarted
    }
    const copySource = reader === 'dashboard' ? dashboardRecordsOf(store).source : null

    // An edit as a sync pull or another window would make it: the change stream carries it.
    const edited = await store.db.participants.findOne({ selector: { status: 'submitted' } }).exec()
    if (!edited) throw new Error('no submitted record to edit')
    await edited.incrementalPatch({ status: 'approved', updatedAt: currentTime().toISOString() })
    const afterEdit = await timed(count)
    // Put it back, so every opening counts the same records.
    await edited.getLatest().incrementalPatch({ status: 'submitted' })
    const again = await timed(count)
    if (reader === 'dashboard') await saveDashboardCopy(store)
    // Writes after the copy was last saved (a sync, another clerk): the next cold start must read
    // them through the index. updatedAt only, so every opening still counts the same figures.
    const later = await store.db.participants
      .find({ selector: { status: 'active' }, limit: EDITED_AFTER_SAVE })
      .exec()
    const stamp = currentTime().toISOString()
    for (const doc of later) await doc.incrementalPatch({ updatedAt: stamp })
    return {
      reader,
      openStoreMs,
      firstMs: first.ms,
      lastFiguresMs,
      firstLongestTaskMs: first.longest,
      copySource,
      saveMs,
      recountAfterEditMs: afterEdit.ms,
      recountMs: again.ms,
      records: first.value.records,
      active: first.value.figures.headline.active,
      figuresJson: JSON.stringify(first.value.figures),
    }
  } finally {
    await store.close()
  }
}

window.naunganDashboardBench = { seed, open }
