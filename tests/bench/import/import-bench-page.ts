/**
 * The in-browser half of the import benchmark: a bench-only page (never part of the app) that
 * imports a synthetic 100,000-row DTKS extract the way the import screen does — the REAL import
 * worker reads and validates it, `runDryRun` looks the NIKs up in a real store (RxDB, Dexie on
 * Chromium's IndexedDB, sealed fields) and plans the rows, `applyImport` writes the drafts and
 * check changes in slices, `undoImport` takes them back. Meanwhile it watches the main thread:
 * Chromium's long-task entries and a 10 ms timer whose lateness shows any task that held it.
 * tests/bench/import/run-import-browser-bench.ts drives it through `window.naunganImportBench`.
 */
import type { ActingUser } from '../../../renderer/src/core/acting-user'
import { district, localToday } from '../../../renderer/src/core/district'
import { readInWorker, validateInWorker } from '../../../renderer/src/import/import-client'
import { runDryRun } from '../../../renderer/src/import/import-dry-run'
import { applyImport } from '../../../renderer/src/import/apply-import'
import { undoImport } from '../../../renderer/src/import/undo-import'
import { openStore } from '../../../renderer/src/core/store/database'
import { nikIndexOf } from '../../../renderer/src/core/store/participant-repository'
import type { ParticipantDocument } from '../../../shared/participant/participant-document'
import { benchPerson, dtksCsv, type BenchPerson } from './dtks-file'

export interface MainThreadWatch {
  longTaskCount: number
  /** Null when Chromium reported no long task (every task < 50 ms). */
  longestTaskMs: number | null
  /** The most a 10 ms interval timer fired late: what a keystroke could have waited. */
  maxTimerLagMs: number
}

export interface ImportBenchResult {
  rows: number
  stored: number
  fileBytes: number
  seedMs: number
  /** Worker: read the file for the mapping step. */
  readMs: number
  /** Worker: parse + validate + blind index, rows back on the main thread. */
  validateMs: number
  /** Main thread: NIK lookups in slices and planning. */
  dryRunMs: number
  summary: Record<string, number>
  dryRunWatch: MainThreadWatch
  applyMs: number
  applied: { created: number; updated: number }
  applyWatch: MainThreadWatch
  undoMs: number
  undoWatch: MainThreadWatch
  /** Where apply's and undo's time went, from their progress reports. */
  applyMarks: ProgressMarks
  undoMarks: ProgressMarks
  /** JS heap in use (Chromium's `performance.memory`) after the dry run, apply and undo, MB. */
  heapMb: { dryRun: number; apply: number; undo: number }
}

/**
 * From a step's progress reports of its writing phase, in ms from the step's start: the first
 * report (what came before the first written slice: apply's re-check of every planned record,
 * undo's reading of its plan), the report that passed `split` records (apply writes the drafts
 * first, undo the checks), and the number of reports (one per written slice).
 */
export interface ProgressMarks {
  firstMs: number | null
  split: number
  splitMs: number | null
  reports: number
}

function progressMarks(
  phase: string,
  split: number,
): {
  marks: ProgressMarks
  start(): void
  onProgress(phase: string, done: number): void
} {
  let started = 0
  const marks: ProgressMarks = { firstMs: null, split, splitMs: null, reports: 0 }
  return {
    marks,
    start: () => {
      started = performance.now()
    },
    onProgress: (reported, done) => {
      if (reported !== phase) return
      marks.reports += 1
      marks.firstMs ??= performance.now() - started
      if (done >= split) marks.splitMs ??= performance.now() - started
    },
  }
}

interface NaunganImportBench {
  run(options: { rows: number; stored: number }): Promise<ImportBenchResult>
  checkWatch(busyMs: number): Promise<MainThreadWatch>
}

declare global {
  interface Window {
    naunganImportBench?: NaunganImportBench
  }
}

const PROBE_INTERVAL_MS = 10

/** Chromium's non-standard heap figure, in MB (0 where absent). */
function heapMb(): number {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory
  return memory ? Math.round(memory.usedJSHeapSize / 1024 / 1024) : 0
}
const nextTask = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function watchMainThread(): { stop(): Promise<MainThreadWatch> } {
  const entries: PerformanceEntry[] = []
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()))
  observer.observe({ entryTypes: ['longtask'] })
  const from = performance.now()
  let last = from
  let maxLag = 0
  const timer = setInterval(() => {
    const now = performance.now()
    maxLag = Math.max(maxLag, now - last - PROBE_INTERVAL_MS)
    last = now
  }, PROBE_INTERVAL_MS)
  return {
    async stop() {
      const to = performance.now()
      await nextTask(3 * PROBE_INTERVAL_MS)
      clearInterval(timer)
      await nextTask(50)
      entries.push(...observer.takeRecords())
      observer.disconnect()
      const overlapping = entries.filter(
        (entry) => entry.startTime <= to && entry.startTime + entry.duration >= from,
      )
      const durations = overlapping.map((entry) => entry.duration)
      return {
        longTaskCount: overlapping.length,
        longestTaskMs: durations.length > 0 ? Math.max(...durations) : null,
        maxTimerLagMs: maxLag,
      }
    },
  }
}

const SUPERVISOR: ActingUser = {
  name: 'Supervisor Bench',
  role: 'supervisor',
  agency: null,
  officeCode: 'PUSAT',
  deviceId: 'bench-device',
}
const OFFICE = {
  kecamatanCode: '64.02.06',
  kecamatanShortCode: '06',
  officeNumber: 1,
  operatorName: 'Supervisor Bench',
}

function storedDocument(
  store: Awaited<ReturnType<typeof openStore>>,
  p: BenchPerson,
  i: number,
): ParticipantDocument {
  const at = '2026-11-01T00:00:00.000Z'
  return {
    id: crypto.randomUUID(),
    registrationNumber: `0602-${String(i + 1).padStart(6, '0')}`,
    nik: p.nik,
    nikIndex: nikIndexOf(store, p.nik) as string,
    kk: '6402060101100123',
    fullName: p.fullName,
    nameKey: p.fullName.toUpperCase(),
    birthPlace: 'Tenggarong',
    birthDate: p.birthDate,
    sex: p.sex,
    address: 'Jl. Danau Aji No. 12',
    rt: '003',
    rw: '005',
    kecamatanCode: p.kecamatanCode,
    villageCode: p.villageCode,
    occupationCode: 'nelayan',
    monthlyIncome: 1_500_000,
    heirName: 'Rahmat Hidayat',
    heirRelationship: 'suami-istri',
    status: 'submitted',
    officeCode: '06-02',
    createdAt: at,
    createdBy: 'bench',
    updatedAt: at,
    updatedBy: 'bench',
    duplicates: [],
    conflicts: [],
    prints: [],
    checks: [
      { agency: 'disdukcapil', state: 'pending' },
      { agency: 'dinsos', state: 'pending' },
      { agency: 'dkp', state: 'pending' },
    ],
  }
}

async function run({ rows, stored }: { rows: number; stored: number }): Promise<ImportBenchResult> {
  const secret = crypto.getRandomValues(new Uint8Array(32))
  const store = await openStore({
    name: `import-bench-${crypto.randomUUID()}`,
    secretHex: [...secret].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
    // As the app opens it (startup.ts): IndexedDB and the sealing in the store's worker.
    inWorker: true,
  })
  try {
    // Half the stored records are in the file (every other one of its first rows).
    const seedStarted = performance.now()
    for (let start = 0; start < stored; start += 1000) {
      const docs: ParticipantDocument[] = []
      for (let i = start; i < Math.min(stored, start + 1000); i++) {
        const p = benchPerson(district, i % 2 === 0 ? i : rows + i)
        docs.push(storedDocument(store, p, i))
      }
      await store.db.participants.bulkInsert(docs)
    }
    const seedMs = performance.now() - seedStarted

    const people = Array.from({ length: rows }, (_, i) => benchPerson(district, i))
    const file = dtksCsv(people)

    const readStarted = performance.now()
    const read = await readInWorker({ bytes: file.slice().buffer, kind: 'dtks' })
    if (!read.ok) throw new Error(`read: ${read.reason}`)
    const readMs = performance.now() - readStarted

    const dryRunWatch = watchMainThread()
    const validateStarted = performance.now()
    const validated = await validateInWorker({
      bytes: file.slice().buffer,
      kind: 'dtks',
      mapping: read.summary.mapping,
      today: localToday(),
      blindIndexKey: store.keys.blindIndexKey,
    })
    if (!validated.ok) throw new Error(`validate: ${validated.reason}`)
    const validateMs = performance.now() - validateStarted
    const dryRunStarted = performance.now()
    const dryRun = await runDryRun(store, validated.rows, {
      kind: 'dtks',
      agency: 'dinsos',
      actor: SUPERVISOR,
      createDrafts: true,
      registrationAllowed: true,
    })
    const dryRunMs = performance.now() - dryRunStarted
    const dryRunWatched = await dryRunWatch.stop()
    const heapAfterDryRun = heapMb()

    const applyProgress = progressMarks('writing', dryRun.summary.create ?? 0)
    const applyWatch = watchMainThread()
    const applyStarted = performance.now()
    applyProgress.start()
    const applied = await applyImport(store, dryRun.outcomes, {
      onProgress: applyProgress.onProgress,
      actor: SUPERVISOR,
      office: OFFICE,
      source: 'DTKS bench',
      kind: 'dtks',
      agency: 'dinsos',
      fileName: 'dtks-bench.csv',
    })
    const applyMs = performance.now() - applyStarted
    const applyWatched = await applyWatch.stop()
    const heapAfterApply = heapMb()
    if (!applied.ok) throw new Error(`apply: ${JSON.stringify(applied).slice(0, 300)}`)

    const undoProgress = progressMarks('undoing', applied.batch.updated)
    const undoWatch = watchMainThread()
    const undoStarted = performance.now()
    undoProgress.start()
    const undone = await undoImport(store, applied.batch.id, {
      actor: SUPERVISOR,
      onProgress: undoProgress.onProgress,
    })
    const undoMs = performance.now() - undoStarted
    const undoWatched = await undoWatch.stop()
    const heapAfterUndo = heapMb()
    if (!undone.ok) throw new Error(`undo: ${undone.reason}`)

    return {
      rows,
      stored,
      fileBytes: file.length,
      seedMs,
      readMs,
      validateMs,
      dryRunMs,
      summary: { ...dryRun.summary },
      dryRunWatch: dryRunWatched,
      applyMs,
      applied: { created: applied.batch.created, updated: applied.batch.updated },
      applyWatch: applyWatched,
      undoMs,
      undoWatch: undoWatched,
      applyMarks: applyProgress.marks,
      undoMarks: undoProgress.marks,
      heapMb: { dryRun: heapAfterDryRun, apply: heapAfterApply, undo: heapAfterUndo },
    }
  } finally {
    await store.close()
  }
}

async function checkWatch(busyMs: number): Promise<MainThreadWatch> {
  const watch = watchMainThread()
  await nextTask(30)
  const until = performance.now() + busyMs
  while (performance.now() < until) {
    // Deliberately busy: the probe must see one long task.
  }
  await nextTask(30)
  return watch.stop()
}

window.naunganImportBench = { run, checkWatch }
