/**
 * Import benchmark in Chromium (`npx tsx tests/bench/import/run-import-browser-bench.ts`): a
 * 100,000-row DTKS extract imported the way the import screen does it — the app's import worker,
 * the dry run's NIK lookups against a real store of 10,000 records (RxDB, Dexie on Chromium's
 * IndexedDB, sealed fields), apply and undo — while the main thread is watched (long tasks, timer
 * lag). Target: the window never freezes, i.e. no main-thread task of 50 ms or more... within
 * reason: the figures show the longest one.
 *
 *   --rows 100000     rows in the file
 *   --stored 10000    records in the store
 *   --port 0          port of the static server
 *
 * IMPORT_HEAP_SNAPSHOT=1 writes a V8 heap snapshot of the page after the undo to
 * bench-results/import-browser.heapsnapshot (summarise it with app-sync/heap-summary.ts) and
 * reports the heap live after its collection beside the figures.
 *
 * IMPORT_PROFILE=1 also writes the main thread's CPU profile to
 * bench-results/import-browser.cpuprofile (open it in Chrome DevTools' Performance panel) and
 * lists its busy stretches of 100 ms or more with what ran in them (`cpu-profile-stretches.ts`).
 *
 * IMPORT_ALLOCATIONS=1 writes V8's sampling heap profile of the page, objects later collected
 * included, to bench-results/import-browser.heapprofile and lists the functions that allocated
 * most (`heap-allocations.ts`): where the garbage the window's collector clears comes from.
 *
 * The bench page (tests/bench/import, built into out/import-bench and deleted afterwards) is served
 * with the app's CSP by scripts/static-server.mjs. Progress goes to stderr; the markdown report to
 * stdout and bench-results/import-browser.md.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium'
import { formatCount, formatMs } from '../stats'
import type { ImportBenchResult, MainThreadWatch, ProgressMarks } from './import-bench-page'
import { heapInUse, writeHeapSnapshot } from '../heap-snapshot'
import { busyStretches, type BusyStretch } from '../cpu-profile-stretches'
import { topAllocations, type Allocation } from '../heap-allocations'

const ROOT = resolve(import.meta.dirname, '../../..')
const OUT = join(ROOT, 'out')
const BENCH_OUT = join(OUT, 'import-bench')
const RESULTS_DIR = join(ROOT, 'bench-results')
const TARGET_MAIN_TASK_MS = 50

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN
  return Number.isFinite(value) && value >= 0 ? value : fallback
}

const started = performance.now()
function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4)
  console.error(`[import bench ${seconds}s] ${message}`)
}

interface StaticServer {
  port: number
  close(): Promise<void>
}
interface StaticServerModule {
  startStaticServer(options: { root: string; port?: number }): Promise<StaticServer>
}

function longest(watch: MainThreadWatch): string {
  const task =
    watch.longestTaskMs === null
      ? '< 50 ms (no long task)'
      : `${formatMs(watch.longestTaskMs)} (${watch.longTaskCount} long task${watch.longTaskCount === 1 ? '' : 's'})`
  return `${task}; timer lag ${formatMs(watch.maxTimerLagMs)}`
}

/**
 * Met only when neither a long task nor the timer probe's lag reached the target: a garbage
 * collection between tasks holds the window without a long-task entry of its length.
 */
const mark = (watch: MainThreadWatch) =>
  Math.max(watch.longestTaskMs ?? 0, watch.maxTimerLagMs) < TARGET_MAIN_TASK_MS ? '✓' : '✗'

function marks(step: ProgressMarks, splitWhat: string): string {
  const at = (ms: number | null) => (ms === null ? '—' : formatMs(ms))
  return (
    `first report at ${at(step.firstMs)}, ${formatCount(step.split)} ${splitWhat} at ${at(step.splitMs)}, ` +
    `${formatCount(step.reports)} slices`
  )
}

/** The profile's busy stretches of 100 ms or more, as a table (IMPORT_PROFILE=1). */
function stretchesTable(stretches: readonly BusyStretch[]): string[] {
  if (stretches.length === 0)
    return ['Main-thread CPU profile: no busy stretch of 100 ms or more.', '']
  return [
    `Main-thread CPU profile (1 ms samples, dry run to undo): ${stretches.length} busy stretch` +
      `${stretches.length === 1 ? '' : 'es'} of 100 ms or more; the longest six:`,
    '',
    '| at (s) | busy | self time, most first |',
    '| --: | --: | --- |',
    ...stretches
      .slice(0, 6)
      .map(
        (stretch) =>
          `| ${stretch.atS.toFixed(1)} | ${formatMs(stretch.ms)} | ${stretch.top.map((entry) => `${entry.fn} ${formatMs(entry.ms)}`).join('; ')} |`,
      ),
    '',
  ]
}

/** The functions that allocated most, dry run to undo (IMPORT_ALLOCATIONS=1). */
function allocationsTable(allocations: readonly Allocation[]): string[] {
  return [
    "Allocated in the window, dry run to undo (V8's sampling heap profile, collected objects included):",
    '',
    '| function | MB allocated |',
    '| --- | --: |',
    ...allocations.map((entry) => `| ${entry.fn} | ${entry.mb.toFixed(0)} |`),
    '',
  ]
}

function report(
  result: ImportBenchResult,
  check: MainThreadWatch,
  version: string,
  liveAfterUndoMb: number | null,
  stretches: readonly BusyStretch[] | null,
  allocations: readonly Allocation[] | null,
): string {
  const cpu = cpus()
  const rate = (rows: number, ms: number) => `${formatCount(Math.round((rows / ms) * 1000))}/s`
  const s = result.summary
  return [
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'CPU'}), ${Math.round(totalmem() / 1024 ** 3)} GB, ` +
      `load ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}, Chromium ${version} headless, Node ${process.version}.`,
    '',
    `${formatCount(result.rows)} rows (${(result.fileBytes / 1024 / 1024).toFixed(1)} MB CSV), a store of ` +
      `${formatCount(result.stored)} records (seeded in ${formatMs(result.seedMs)}). Dry run: ` +
      `${formatCount(s.match ?? 0)} match, ${formatCount(s.create ?? 0)} create, ` +
      `${formatCount(s.error ?? 0)} error.`,
    '',
    '| step | time | rate | longest main-thread task |',
    '| --- | --- | --- | --- |',
    `| Read for the mapping step (worker) | ${formatMs(result.readMs)} | ${rate(result.rows, result.readMs)} | — |`,
    `| Parse + validate + blind index (worker) | ${formatMs(result.validateMs)} | ${rate(result.rows, result.validateMs)} | ${mark(result.dryRunWatch)} ${longest(result.dryRunWatch)} (whole dry run) |`,
    `| NIK lookups + planning (main thread, slices) | ${formatMs(result.dryRunMs)} | ${rate(result.rows, result.dryRunMs)} | (included above) |`,
    `| Apply: ${formatCount(result.applied.created)} drafts + ${formatCount(result.applied.updated)} checks | ${formatMs(result.applyMs)} | ${rate(result.applied.created + result.applied.updated, result.applyMs)} | ${mark(result.applyWatch)} ${longest(result.applyWatch)} |`,
    `| Undo | ${formatMs(result.undoMs)} | ${rate(result.applied.created + result.applied.updated, result.undoMs)} | ${mark(result.undoWatch)} ${longest(result.undoWatch)} |`,
    '',
    `Where the time went (from the progress reports, one per written slice): apply ${marks(result.applyMarks, 'drafts written')}; ` +
      `undo ${marks(result.undoMarks, 'checks restored')}.`,
    '',
    `JS heap in use: ${result.heapMb.dryRun} MB after the dry run, ${result.heapMb.apply} MB after ` +
      `apply, ${result.heapMb.undo} MB after undo` +
      (liveAfterUndoMb === null
        ? '.'
        : `; ${liveAfterUndoMb} MB live after undo (a heap snapshot's collection).`),
    '',
    `Probe check: one 120 ms busy task was seen as a long task of ${formatMs(check.longestTaskMs ?? NaN)} ` +
      `and a timer lag of ${formatMs(check.maxTimerLagMs)}.`,
    '',
    ...(stretches ? stretchesTable(stretches) : []),
    ...(allocations ? allocationsTable(allocations) : []),
  ].join('\n')
}

/** "150.0.7871.100" from `chromium --version` (a persistent context has no Browser to ask). */
function chromiumVersion(): string {
  const output = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).stdout ?? ''
  return /\d+(\.\d+)+/.exec(output)?.[0] ?? 'unknown'
}

async function main(): Promise<void> {
  const rows = option('rows', 100_000)
  const stored = option('stored', 10_000)
  progress('building the import bench page (tests/bench/import → out/import-bench)')
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'tests/bench/import/vite.import-bench.config.ts'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  )
  if (build.status !== 0) throw new Error('vite build failed')

  const { startStaticServer } = (await import(
    pathToFileURL(join(ROOT, 'scripts/static-server.mjs')).href
  )) as StaticServerModule
  const server = await startStaticServer({ root: OUT, port: option('port', 0) })
  // A profile on disk, as the app's: an incognito context keeps IndexedDB in memory, where no
  // write is flushed and the backend's costs are not the app's.
  const profile = mkdtempSync(join(tmpdir(), 'naungan-import-bench-'))
  let context: BrowserContext | null = null
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      locale: 'id-ID',
      timezoneId: 'Asia/Makassar',
    })
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => progress(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
        progress(`console: ${message.text()}`)
      }
    })
    await page.goto(`http://127.0.0.1:${server.port}/import-bench/import-bench.html`)
    await page.waitForFunction(() => window.naunganImportBench !== undefined)
    const check = await page.evaluate(() => window.naunganImportBench!.checkWatch(120))
    progress(`importing ${formatCount(rows)} rows against ${formatCount(stored)} stored records`)
    // IMPORT_PROFILE=1: a CPU profile of the main thread (dry run, apply, undo) for DevTools.
    const profiler = process.env.IMPORT_PROFILE ? await context.newCDPSession(page) : null
    if (profiler) {
      await profiler.send('Profiler.enable')
      await profiler.send('Profiler.setSamplingInterval', { interval: 1000 })
      await profiler.send('Profiler.start')
    }
    // IMPORT_ALLOCATIONS=1: V8's sampling heap profile, collected objects included (the garbage).
    const allocator = process.env.IMPORT_ALLOCATIONS ? await context.newCDPSession(page) : null
    if (allocator) {
      await allocator.send('HeapProfiler.enable')
      await allocator.send('HeapProfiler.startSampling', {
        samplingInterval: 32_768,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      })
    }
    const result = await page.evaluate(
      ([rowCount, storedCount]) =>
        window.naunganImportBench!.run({ rows: rowCount, stored: storedCount }),
      [rows, stored] as const,
    )
    let allocations: Allocation[] | null = null
    if (allocator) {
      const { profile } = await allocator.send('HeapProfiler.stopSampling')
      mkdirSync(RESULTS_DIR, { recursive: true })
      writeFileSync(join(RESULTS_DIR, 'import-browser.heapprofile'), JSON.stringify(profile))
      allocations = topAllocations(profile)
    }
    let stretches: BusyStretch[] | null = null
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop')
      mkdirSync(RESULTS_DIR, { recursive: true })
      writeFileSync(join(RESULTS_DIR, 'import-browser.cpuprofile'), JSON.stringify(profile))
      stretches = busyStretches(profile, 100)
    }
    let liveAfterUndoMb: number | null = null
    if (process.env.IMPORT_HEAP_SNAPSHOT) {
      const cdp = await context.newCDPSession(page)
      const file = join(RESULTS_DIR, 'import-browser.heapsnapshot')
      await writeHeapSnapshot(cdp, file)
      liveAfterUndoMb = Math.round((await heapInUse(cdp)) / 1_000_000)
      progress(`heap snapshot after the undo: ${file} (${liveAfterUndoMb} MB live)`)
    }
    const markdown = report(
      result,
      check,
      chromiumVersion(),
      liveAfterUndoMb,
      stretches,
      allocations,
    )
    mkdirSync(RESULTS_DIR, { recursive: true })
    writeFileSync(
      join(RESULTS_DIR, 'import-browser.md'),
      `# Import benchmark (Chromium)\n\n${markdown}`,
    )
    process.stdout.write(markdown)
    progress('done; written to bench-results/import-browser.md')
  } finally {
    await context?.close()
    await server.close()
    rmSync(profile, { recursive: true, force: true })
    // Never leave the bench page where electron-builder (files: out/**) would pack it.
    rmSync(BENCH_OUT, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  rmSync(BENCH_OUT, { recursive: true, force: true })
  process.exit(1)
})
