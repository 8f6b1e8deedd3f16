/**
 * `npm run bench`: seeds 10k, 50k and 100k synthetic participants into the REAL store (RxDB,
 * Dexie/IndexedDB, sealed NIK/KK/phone) in Debian's Chromium and measures what a clerk waits for.
 *
 *   npm run bench                          all three sizes
 *   npm run bench -- --sizes 1000,5000     other sizes
 *   npm run bench -- --no-build            reuse out/renderer (the bench page is always rebuilt)
 *
 * Each size runs in a fresh browser profile. The bench page (tests/bench/bench.html, built into
 * out/bench and deleted afterwards) and the real app (out/renderer) are served from one origin,
 * so the app opens the store the bench page seeded, with the same key from the web key store.
 * Progress goes to stderr; the markdown report to stdout and bench-results/store.md.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium'
import type {
  Breakdown,
  Contention,
  QueryPlanInfo,
  Sample,
  SaveStep,
  SealCost,
  SeedResult,
} from './bench-page'
import { formatCount, formatMb, formatMs, median, percentile, sum } from './stats'

const ROOT = resolve(import.meta.dirname, '../..')
const OUT = join(ROOT, 'out')
const BENCH_OUT = join(OUT, 'bench')
const RESULTS_DIR = join(ROOT, 'bench-results')

const TARGET_SEARCH_P95_MS = 30
const TARGET_SAVE_MS = 50

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

const SIZES = (option('sizes') ?? '10000,50000,100000').split(',').map((s) => Number(s.trim()))
if (SIZES.some((n) => !Number.isInteger(n) || n < 100 || n > 199_000)) {
  console.error('--sizes takes whole numbers from 100 to 199000, e.g. --sizes 10000,50000')
  process.exit(2)
}
const BATCH = Number(option('batch') ?? '2000')
const SEED_CHUNK = 10_000
const started = performance.now()

function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4)
  console.error(`[bench ${seconds}s] ${message}`)
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
}

interface StaticServer {
  port: number
  close(): Promise<void>
}
interface StaticServerModule {
  startStaticServer(options: { root: string; port?: number }): Promise<StaticServer>
}

interface UiTiming {
  /** Navigation start → <html data-app-state="ready"> (store open). */
  readyMs: number
  /** → first participant rows painted. */
  rowsMs: number
  /** → "N peserta" shown above the list. */
  countMs: number
}

interface SizeResult {
  size: number
  /** 1-minute load average before and after this size ran: the machine may be shared. */
  load: { before: number; after: number }
  seed: SeedResult
  seedTotalMs: number
  countAll: Sample
  name: Sample[]
  nik: Sample[]
  exact: { present: Sample[]; absent: Sample[] }
  save: { warmupMs: number[]; samples: Sample[] }
  plans: QueryPlanInfo[]
  breakdown: Breakdown[]
  coldStart: UiTiming[]
  inAppOpen: UiTiming[]
  sealCost: SealCost
  contention: Contention
  /** `registerParticipant` once in each of three freshly opened stores. */
  firstSaveMs: number[]
  firstSave: SaveStep[]
  heapBench: Heap
  heapApp: Heap
}

interface Marks {
  ready?: number
  rowsInDom?: number
  rowsPainted?: number
  countShown?: number
}

/**
 * Runs in the app page before its own scripts: notes when the list first shows rows and its count.
 * A string, not a function: tsx would wrap a function's inner helpers in `__name()` calls that do
 * not exist in the page.
 */
const INSTALL_MARKS = `(() => {
  window.__benchMarks = {}
  const check = () => {
    const marks = window.__benchMarks
    if (marks.ready === undefined && document.documentElement?.dataset.appState === 'ready') {
      marks.ready = performance.now()
    }
    if (marks.rowsInDom === undefined && document.querySelector('.participant-table .viewport a.row')) {
      marks.rowsInDom = performance.now()
      // After the next frame is produced: the rows are on screen.
      requestAnimationFrame(() => setTimeout(() => { marks.rowsPainted = performance.now() }, 0))
    }
    const count = document.querySelector('.list-count')
    if (marks.countShown === undefined && count && /\\d/.test(count.textContent ?? '')) {
      marks.countShown = performance.now()
    }
  }
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  })
})()`

async function waitForMarks(page: Page, since: number): Promise<UiTiming> {
  const handle = await page.waitForFunction(
    () => {
      const marks = (window as unknown as { __benchMarks?: Marks }).__benchMarks
      return marks?.rowsPainted !== undefined && marks.countShown !== undefined ? marks : null
    },
    undefined,
    { timeout: 120_000, polling: 20 },
  )
  const marks = (await handle.jsonValue()) as Marks
  return {
    readyMs: (marks.ready ?? NaN) - since,
    rowsMs: (marks.rowsPainted ?? NaN) - since,
    countMs: (marks.countShown ?? NaN) - since,
  }
}

interface Heap {
  /** CDP `Runtime.getHeapUsage().usedSize` right after a forced GC. */
  cdpUsed: number
  /** `performance.memory.usedJSHeapSize` at the same moment (Chromium rounds it). */
  performanceMemory: number
}

async function heapUsed(context: BrowserContext, page: Page): Promise<Heap> {
  const cdp = await context.newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    const usage = await cdp.send('Runtime.getHeapUsage')
    const performanceMemory = await page.evaluate(() => {
      const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory
      return memory?.usedJSHeapSize ?? NaN
    })
    return { cdpUsed: usage.usedSize, performanceMemory }
  } finally {
    await cdp.detach()
  }
}

function watchPage(page: Page, label: string): void {
  page.on('pageerror', (error) => progress(`${label} page error: ${error.message}`))
  page.on('console', (message) => {
    // The static server has no favicon; that 404 is noise.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      progress(`${label} console: ${message.text()} (${message.location().url})`)
    }
  })
}

async function benchSize(context: BrowserContext, origin: string, size: number) {
  const loadBefore = loadavg()[0] ?? NaN
  const page = await context.newPage()
  watchPage(page, 'bench')
  await page.goto(`${origin}/bench/bench.html`)
  await page.waitForFunction(() => window.naunganBench !== undefined)
  const before = await page.evaluate(() => window.naunganBench!.open())
  if (before.count !== 0) throw new Error(`fresh profile already holds ${before.count} records`)

  const seed: SeedResult = { inserted: 0, batchMs: [], prepareMs: 0 }
  const seedStart = performance.now()
  for (let from = 0; from < size; from += SEED_CHUNK) {
    const to = Math.min(size, from + SEED_CHUNK)
    const chunk = await page.evaluate(([a, b, batch]) => window.naunganBench!.seed(a, b, batch), [
      from,
      to,
      BATCH,
    ] as const)
    seed.inserted += chunk.inserted
    seed.batchMs.push(...chunk.batchMs)
    seed.prepareMs += chunk.prepareMs
    progress(
      `${formatCount(size)}: seeded ${formatCount(to)} (bulkInsert ${formatMs(sum(chunk.batchMs))}, prepare ${formatMs(chunk.prepareMs)})`,
    )
  }
  const seedTotalMs = performance.now() - seedStart
  const countAll = await page.evaluate(() => window.naunganBench!.count())
  if (countAll.rows !== size) throw new Error(`store holds ${countAll.rows}, expected ${size}`)

  // Warm the JIT and the IndexedDB connection with queries the measurement never repeats.
  await page.evaluate(
    (population) =>
      window.naunganBench!.measureNameSearch({
        population,
        targets: 5,
        maxChars: 4,
        limit: 37,
        seed: 99,
      }),
    size,
  )
  progress(`${formatCount(size)}: name search-as-you-type`)
  const name = await page.evaluate(
    (population) =>
      window.naunganBench!.measureNameSearch({
        population,
        targets: 60,
        maxChars: 8,
        limit: 100,
        seed: 1,
      }),
    size,
  )
  progress(`${formatCount(size)}: NIK search-as-you-type`)
  const nik = await page.evaluate(
    (population) =>
      window.naunganBench!.measureNikSearch({
        population,
        targets: 40,
        maxChars: 16,
        limit: 100,
        seed: 2,
      }),
    size,
  )
  progress(`${formatCount(size)}: exact NIK lookups`)
  const exact = await page.evaluate(
    (population) => window.naunganBench!.measureExactNik({ population, lookups: 200, seed: 3 }),
    size,
  )
  const plans = await page.evaluate(
    (population) => window.naunganBench!.queryPlans(population),
    size,
  )
  progress(`${formatCount(size)}: where a search's time goes`)
  const breakdown = await page.evaluate(
    (population) => window.naunganBench!.breakdown({ population, repeats: 7 }),
    size,
  )
  const sealCost = await page.evaluate(
    ([population, docs]) => window.naunganBench!.sealCost({ population, docs }),
    [size, BATCH] as const,
  )
  const contention = await page.evaluate(() => window.naunganBench!.countContention())
  const heapBench = await heapUsed(context, page)
  progress(`${formatCount(size)}: saving registrations`)
  const save = await page.evaluate(
    (from) => window.naunganBench!.measureSave({ from, warmup: 3, runs: 40 }),
    size,
  )
  await page.evaluate(() => window.naunganBench!.close())
  await page.close()

  // The first save of a session: a fresh page opens the store, stays idle for a second as while a
  // clerk types, then saves once. Three fresh pages for the save, one more for its steps by hand.
  progress(`${formatCount(size)}: first save after opening the store`)
  const freshPage = async <T>(work: (page: Page) => Promise<T>): Promise<T> => {
    const probe = await context.newPage()
    watchPage(probe, 'bench')
    await probe.goto(`${origin}/bench/bench.html`)
    await probe.waitForFunction(() => window.naunganBench !== undefined)
    await probe.evaluate(() => window.naunganBench!.open())
    await probe.waitForTimeout(1000)
    try {
      return await work(probe)
    } finally {
      await probe.evaluate(() => window.naunganBench!.close())
      await probe.close()
    }
  }
  const firstSaveMs: number[] = []
  for (let r = 0; r < 3; r++) {
    const one = await freshPage((probe) =>
      probe.evaluate(
        (from) => window.naunganBench!.measureSave({ from, warmup: 0, runs: 1 }),
        size + 400 + r * 10,
      ),
    )
    firstSaveMs.push(...one.samples.map((sample) => sample.ms))
  }
  const firstSave = await freshPage((probe) =>
    probe.evaluate((from) => window.naunganBench!.firstSaveSteps({ from }), size + 500),
  )

  // The real app, on the same origin and profile: it opens the store we just seeded.
  progress(`${formatCount(size)}: participant list in the app`)
  const coldStart: UiTiming[] = []
  let heapApp: Heap = { cdpUsed: NaN, performanceMemory: NaN }
  for (let r = 0; r < 3; r++) {
    const app = await context.newPage()
    watchPage(app, 'app')
    await app.addInitScript(INSTALL_MARKS)
    await app.goto(`${origin}/renderer/index.html#/peserta`)
    coldStart.push(await waitForMarks(app, 0))
    if (r === 2) {
      await app.waitForTimeout(500)
      heapApp = await heapUsed(context, app)
    }
    await app.close()
  }
  const inAppOpen: UiTiming[] = []
  for (let r = 0; r < 3; r++) {
    const app = await context.newPage()
    watchPage(app, 'app')
    await app.addInitScript(INSTALL_MARKS)
    await app.goto(`${origin}/renderer/index.html#/daftar`)
    await app.locator('html[data-app-state="ready"]').waitFor({ timeout: 60_000 })
    await app.getByRole('heading', { name: 'Pendaftaran peserta baru' }).waitFor()
    await app.waitForTimeout(500)
    // Alt+2, as a clerk opens the list.
    const since = await app.evaluate(() => {
      const w = window as unknown as { __benchMarks: Marks }
      w.__benchMarks = { ready: performance.now() }
      return performance.now()
    })
    await app.keyboard.press('Alt+2')
    inAppOpen.push(await waitForMarks(app, since))
    await app.close()
  }
  return {
    size,
    load: { before: loadBefore, after: loadavg()[0] ?? NaN },
    seed,
    seedTotalMs,
    countAll,
    name,
    nik,
    exact,
    save,
    plans,
    breakdown,
    coldStart,
    inAppOpen,
    sealCost,
    contention,
    firstSaveMs,
    firstSave,
    heapBench,
    heapApp,
  } satisfies SizeResult
}

function p50p95(samples: readonly { ms: number }[]): string {
  const ms = samples.map((s) => s.ms)
  return `${formatMs(percentile(ms, 50))} / ${formatMs(percentile(ms, 95))}`
}

function verdict(value: number, target: number): string {
  return value < target ? 'meets' : '**misses**'
}

function report(results: SizeResult[], chromiumVersion: string): string {
  const largest = results[results.length - 1]
  const sizes = results.map((r) => formatCount(r.size))
  const lines: string[] = []
  const row = (label: string, cells: string[], target = '', met = '') =>
    lines.push(`| ${label} | ${cells.join(' | ')} | ${target} | ${met} |`)
  const cpu = cpus()
  lines.push(
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${Math.round(totalmem() / 1024 ** 3)} GB RAM, ${chromiumVersion.trim()} headless, ` +
      `Node ${process.version}. ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    '1-minute load average before → after each size (other work on the machine shows here): ' +
      results
        .map(
          (r) => `${formatCount(r.size)}: ${r.load.before.toFixed(2)} → ${r.load.after.toFixed(2)}`,
        )
        .join(', ') +
      '.',
    '',
    `| Measure | ${sizes.join(' | ')} | Target (largest) | Largest size |`,
    `|---|${results.map(() => '---:').join('|')}|---|---|`,
  )
  row(
    `Bulk load: \`bulkInsert\` total (batches of ${BATCH})`,
    results.map(
      (r) =>
        `${formatMs(sum(r.seed.batchMs))} (${formatCount(Math.round(r.size / (sum(r.seed.batchMs) / 1000)))}/s)`,
    ),
  )
  row(
    'Bulk load: one batch p50 / p95',
    results.map((r) => p50p95(r.seed.batchMs.map((ms) => ({ ms })))),
  )
  row(
    '… building the docs (synthetic data + nikIndex), not store time',
    results.map((r) => formatMs(r.seed.prepareMs)),
  )
  const nameP95 = (r: SizeResult) =>
    percentile(
      r.name.map((s) => s.ms),
      95,
    )
  row(
    'Search-as-you-type, name prefix p50 / p95',
    results.map((r) => `${p50p95(r.name)} (n=${r.name.length})`),
    `p95 < ${TARGET_SEARCH_P95_MS} ms`,
    largest ? verdict(nameP95(largest), TARGET_SEARCH_P95_MS) : '',
  )
  row(
    '… keystrokes that fill a page (100 rows) p95',
    results.map((r) => {
      const full = r.name.filter((s) => s.rows === 100)
      return `${formatMs(
        percentile(
          full.map((s) => s.ms),
          95,
        ),
      )} (n=${full.length})`
    }),
  )
  const nikP95 = (r: SizeResult) =>
    percentile(
      r.nik.map((s) => s.ms),
      95,
    )
  row(
    'Search-as-you-type, NIK prefix p50 / p95',
    results.map((r) => `${p50p95(r.nik)} (n=${r.nik.length})`),
    `p95 < ${TARGET_SEARCH_P95_MS} ms`,
    largest ? verdict(nikP95(largest), TARGET_SEARCH_P95_MS) : '',
  )
  row(
    '… keystrokes that fill a page (100 rows) p95',
    results.map((r) => {
      const full = r.nik.filter((s) => s.rows === 100)
      return `${formatMs(
        percentile(
          full.map((s) => s.ms),
          95,
        ),
      )} (n=${full.length})`
    }),
  )
  const exactP95 = (r: SizeResult) =>
    percentile(
      r.exact.present.map((s) => s.ms),
      95,
    )
  row(
    'Exact NIK lookup (`findParticipantsByNik`) p50 / p95',
    results.map((r) => `${p50p95(r.exact.present)} (n=${r.exact.present.length})`),
    `p95 < ${TARGET_SEARCH_P95_MS} ms`,
    largest ? verdict(exactP95(largest), TARGET_SEARCH_P95_MS) : '',
  )
  row(
    '… NIK not in the store p95',
    results.map((r) =>
      formatMs(
        percentile(
          r.exact.absent.map((s) => s.ms),
          95,
        ),
      ),
    ),
  )
  const saveP95 = (r: SizeResult) =>
    percentile(
      r.save.samples.map((s) => s.ms),
      95,
    )
  row(
    'Save one registration (`registerParticipant`) p50 / p95',
    results.map((r) => `${p50p95(r.save.samples)} (n=${r.save.samples.length})`),
    `< ${TARGET_SAVE_MS} ms`,
    largest ? verdict(saveP95(largest), TARGET_SAVE_MS) : '',
  )
  row(
    'First save after the store opens: each of 3 fresh pages',
    results.map((r) => r.firstSaveMs.map(formatMs).join(', ')),
    `< ${TARGET_SAVE_MS} ms`,
    largest ? verdict(Math.max(...largest.firstSaveMs), TARGET_SAVE_MS) : '',
  )
  row(
    'List: first rows on screen, app cold start (median of 3)',
    results.map((r) => formatMs(median(r.coldStart.map((t) => t.rowsMs)))),
  )
  row(
    '… of which store open (`data-app-state=ready`)',
    results.map((r) => formatMs(median(r.coldStart.map((t) => t.readyMs)))),
  )
  row(
    'List: first rows on screen, Alt+2 in the running app (median of 3)',
    results.map((r) => formatMs(median(r.inAppOpen.map((t) => t.rowsMs)))),
  )
  row(
    'List: "N peserta" count shown, Alt+2 in the running app (median of 3)',
    results.map((r) => formatMs(median(r.inAppOpen.map((t) => t.countMs)))),
  )
  row(
    '`countParticipants` of all (repository)',
    results.map((r) => formatMs(r.countAll.ms)),
  )
  row(
    'JS heap used, app with the list open (CDP, after GC)',
    results.map((r) => formatMb(r.heapApp.cdpUsed)),
  )
  row(
    'JS heap used, bench page after seeding + searches (CDP, after GC)',
    results.map((r) => formatMb(r.heapBench.cdpUsed)),
  )
  row(
    '… same moment, `performance.memory.usedJSHeapSize` (app / bench page)',
    results.map(
      (r) =>
        `${formatMb(r.heapApp.performanceMemory)} / ${formatMb(r.heapBench.performanceMemory)}`,
    ),
  )

  if (largest) {
    lines.push(
      '',
      `### Where a query's time goes at ${formatCount(largest.size)} (median of 7)`,
      '',
      '| Query | Rows | Dexie cursor only | + decrypt (sealed storage) | Repository call | Bare `openValue` decrypts of those rows |',
      '|---|---:|---:|---:|---:|---:|',
      ...largest.breakdown.map(
        (b) =>
          `| ${b.label} | ${b.rows} | ${formatMs(b.dexieMs)} | ${formatMs(b.sealedMs)} | ${formatMs(b.repositoryMs)} | ${formatMs(b.decryptOnlyMs)} |`,
      ),
      '',
      `Sealing in a bulk batch of ${formatCount(largest.sealCost.docs)} docs ` +
        `(${formatCount(largest.sealCost.fields)} sealed values: nik, kk, phone when present, ` +
        `conflicts): encrypting them alone takes ${formatMs(largest.sealCost.sealMs)}, and ` +
        `decrypting them again (the wrapper's change stream does, before \`bulkInsert\` ` +
        `resolves) ${formatMs(largest.sealCost.openMs)}; the whole batch took ` +
        `${formatMs(median(largest.seed.batchMs))} (median).`,
      '',
      `The list's first page straight from Dexie: ${formatMs(largest.contention.aloneMs)} alone, ` +
        `${formatMs(largest.contention.withCountMs)} when started together with the count of ` +
        `all records (the count itself: ${formatMs(largest.contention.countMs)}).`,
      '',
      `### The steps of one save, by hand, in a freshly opened store at ${formatCount(largest.size)}`,
      '',
      '| Step of `registerParticipant` | First save | Second save |',
      '|---|---:|---:|',
      ...largest.firstSave.map(
        (step) => `| \`${step.step}\` | ${formatMs(step.firstMs)} | ${formatMs(step.secondMs)} |`,
      ),
      `| total | ${formatMs(sum(largest.firstSave.map((x) => x.firstMs)))} | ${formatMs(sum(largest.firstSave.map((x) => x.secondMs)))} |`,
      '',
      '### Query plans (RxDB query planner, Dexie storage)',
      '',
      '| Query | Index | Sort by index | Selector by index |',
      '|---|---|---|---|',
      ...largest.plans.map(
        (p) =>
          `| ${p.label} | \`[${p.index.join(', ')}]\` | ${p.sortSatisfiedByIndex ? 'yes' : 'no'} | ${p.selectorSatisfiedByIndex ? 'yes' : 'no'} |`,
      ),
      '',
      `Slowest name keystrokes at ${formatCount(largest.size)}: ` +
        [...largest.name]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5)
          .map((s) => `"${s.input}" ${formatMs(s.ms)} (${s.rows} rows)`)
          .join(', '),
      '',
      `Slowest NIK keystrokes at ${formatCount(largest.size)}: ` +
        [...largest.nik]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5)
          .map((s) => `${s.input.length} digits ${formatMs(s.ms)} (${s.rows} rows)`)
          .join(', '),
      '',
      `Save warm-up in the measuring page (first three saves after seeding and searching, ` +
        `not in the percentiles): ${largest.save.warmupMs.map(formatMs).join(', ')}.`,
    )
  }
  return lines.join('\n') + '\n'
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build') || !existsSync(join(OUT, 'renderer/index.html'))) {
    progress('building the app (electron-vite build)')
    run('npx', ['electron-vite', 'build'])
  }
  progress('building the bench page (tests/bench → out/bench)')
  run('npx', ['vite', 'build', '--config', 'tests/bench/vite.bench.config.ts'])

  const { startStaticServer } = (await import(
    pathToFileURL(join(ROOT, 'scripts/static-server.mjs')).href
  )) as StaticServerModule
  const server = await startStaticServer({ root: OUT, port: Number(option('port') ?? '0') })
  const origin = `http://127.0.0.1:${server.port}`
  const chromiumVersion = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).stdout
  const results: SizeResult[] = []
  try {
    for (const size of SIZES) {
      const profile = mkdtempSync(join(tmpdir(), 'naungan-bench-'))
      progress(`${formatCount(size)}: fresh Chromium profile ${profile}`)
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        headless: true,
        locale: 'id-ID',
        timezoneId: 'Asia/Makassar',
        viewport: { width: 1366, height: 768 },
      })
      try {
        results.push(await benchSize(context, origin, size))
      } finally {
        await context.close()
        rmSync(profile, { recursive: true, force: true })
      }
    }
  } finally {
    await server.close()
    // Never leave the bench page where electron-builder (files: out/**) would pack it.
    rmSync(BENCH_OUT, { recursive: true, force: true })
  }

  const markdown = report(results, chromiumVersion)
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(join(RESULTS_DIR, 'store.md'), `# Store benchmark\n\n${markdown}`)
  writeFileSync(join(RESULTS_DIR, 'store.json'), JSON.stringify(results, null, 2))
  process.stdout.write(markdown)
  progress(`done; written to bench-results/store.md (raw samples in store.json)`)
}

main().catch((error: unknown) => {
  console.error(error)
  rmSync(BENCH_OUT, { recursive: true, force: true })
  process.exit(1)
})
