/**
 * Dashboard benchmark in Chromium (`npx tsx tests/bench/dashboard/run-dashboard-browser-bench.ts`):
 * what opening the dashboard costs on a central PC holding N participants. Not in package.json.
 *
 * The store is seeded once on a Chromium profile; then every timed opening is COLD: a new
 * Chromium process on that profile, a new page, `openStore` on the existing IndexedDB, and the
 * dashboard's first count — then a recount after one edit, and a recount with nothing changed.
 * Openings alternate between the reader the dashboard used before (`find().exec()`, sealed
 * fields decrypted) and the one it uses now (`countDashboard`), and their figures must be equal.
 * For the latter it also times when the previous opening's saved figures (last-figures.ts, shown
 * labelled "Angka per …, sedang dihitung ulang…") are on hand, as the screen loads them.
 *
 *   --stored 100000   records in the store (seeding takes ~1,200 records/s); 1 % then deleted
 *   --runs 3          cold openings per reader
 *   --profile DIR     keep the seeded profile in DIR and reuse it next time (with --port)
 *   --port 5341       the page's port (IndexedDB belongs to the origin: fixed to reuse a profile)
 *   --skip-find       time only the dashboard's reader (the old one takes 7–50 s an opening)
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH, newProfileDir } from '../../e2e/support/chromium'
import type {
  DashboardBenchOpening,
  DashboardBenchReader,
  DashboardBenchSeed,
} from './dashboard-bench-page'

const ROOT = resolve(import.meta.dirname, '../../..')
const OUT = join(ROOT, 'out')
const BENCH_OUT = join(OUT, 'dashboard-bench')

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN
  return Number.isInteger(value) && value > 0 ? value : fallback
}

function textOption(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1] : undefined
}

interface StaticServerModule {
  startStaticServer(options: {
    root: string
    port?: number
  }): Promise<{ port: number; close(): Promise<void> }>
}

interface SeededProfile extends DashboardBenchSeed {
  name: string
  secretHex: string
  port: number
}

const SEED_FILE = 'naungan-dashboard-bench.json'

async function withPage<T>(
  profileDir: string,
  url: string,
  work: (page: Page) => Promise<T>,
): Promise<{ value: T; version: string }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`))
    await page.goto(url)
    await page.waitForFunction(() => window.naunganDashboardBench !== undefined)
    const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent))
    return { value: await work(page), version }
  } finally {
    // Closing the context ends the Chromium process: the next opening starts cold.
    await context.close()
  }
}

/** `--skip-find`: only the dashboard's reader (its openings still compare figures). */
const READERS: DashboardBenchReader[] = process.argv.includes('--skip-find')
  ? ['dashboard']
  : ['find', 'dashboard']

async function main(): Promise<void> {
  const stored = option('stored', 100_000)
  const runs = option('runs', 3)
  const keptProfile = textOption('profile')
  const port = option('port', keptProfile ? 5341 : 0)
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'tests/bench/dashboard/vite.dashboard-bench.config.ts'],
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
  const server = await startStaticServer({ root: OUT, port })
  const url = `http://127.0.0.1:${server.port}/dashboard-bench/dashboard-bench.html`
  const profileDir = keptProfile ? resolve(keptProfile) : newProfileDir()
  mkdirSync(profileDir, { recursive: true })
  let chromiumVersion = ''
  try {
    const seedFile = join(profileDir, SEED_FILE)
    let seeded: SeededProfile | null = existsSync(seedFile)
      ? (JSON.parse(readFileSync(seedFile, 'utf8')) as SeededProfile)
      : null
    if (!seeded || seeded.stored !== stored || seeded.port !== server.port) {
      const name = `dashboard-bench-${Date.now()}`
      const secret = crypto.getRandomValues(new Uint8Array(32))
      const secretHex = [...secret].map((byte) => byte.toString(16).padStart(2, '0')).join('')
      console.error(`seeding ${stored.toLocaleString('en')} records`)
      const { value } = await withPage(profileDir, url, (page) =>
        page.evaluate((options) => window.naunganDashboardBench!.seed(options), {
          name,
          secretHex,
          stored,
        }),
      )
      seeded = { ...value, name, secretHex, port: server.port }
      // Bench data only: a random key for synthetic people, kept beside the profile it opens.
      if (keptProfile) writeFileSync(seedFile, JSON.stringify(seeded))
    } else {
      console.error(`reusing the ${stored.toLocaleString('en')} records seeded in ${profileDir}`)
    }

    const openings: DashboardBenchOpening[] = []
    const loads: number[] = []
    for (let r = 0; r < runs; r++) {
      for (const reader of READERS) {
        loads.push(loadavg()[0] ?? 0)
        const { value, version } = await withPage(profileDir, url, (page) =>
          page.evaluate((options) => window.naunganDashboardBench!.open(options), {
            name: seeded.name,
            secretHex: seeded.secretHex,
            reader,
          }),
        )
        chromiumVersion = version
        openings.push(value)
        console.error(`${reader}: first ${value.firstMs.toFixed(0)} ms`)
      }
    }
    const reference = openings[0]?.figuresJson
    const agree = openings.every((opening) => opening.figuresJson === reference)
    const ms = (value: number | null) => (value === null ? '< 50 ms' : `${value.toFixed(0)} ms`)
    const label = (reader: DashboardBenchReader) =>
      reader === 'find' ? 'before: find().exec()' : 'now: countDashboard'
    const source = (o: DashboardBenchOpening) =>
      o.copySource === null
        ? '–'
        : o.copySource.kind === 'snapshot'
          ? `saved copy (${o.copySource.isReadHere ? 'read in the window' : 'through the worker'}, ${ms(o.copySource.ms.snapshot)}) + ${o.copySource.writesSince.toLocaleString('en')} writes since (${ms(o.copySource.ms.writesSince)}), count check beside them ${ms(o.copySource.ms.countCheck)}`
          : `every record (no saved copy; ${ms(o.copySource.ms.read)})`
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b)
      const middle = Math.floor(sorted.length / 2)
      return sorted.length === 0
        ? NaN
        : sorted.length % 2
          ? sorted[middle]!
          : (sorted[middle - 1]! + sorted[middle]!) / 2
    }
    const fromCopy = openings.filter((o) => o.copySource?.kind === 'snapshot').map((o) => o.firstMs)
    const fullReads = openings
      .filter((o) => o.copySource?.kind === 'full-read')
      .map((o) => o.firstMs)
    const finds = openings.filter((o) => o.reader === 'find').map((o) => o.firstMs)
    const range = (values: number[]) =>
      values.length === 0
        ? 'none'
        : `median ${ms(median(values))} (${values.length} openings, ${ms(Math.min(...values))}–${ms(Math.max(...values))})`
    const TARGET_MS = 1000
    console.log(
      [
        `# Dashboard benchmark (Chromium ${chromiumVersion}, ${cpus().length} cores, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} at the openings)`,
        '',
        `${seeded.stored.toLocaleString('en')} records seeded (${seeded.deleted.toLocaleString('en')} then deleted), ${openings[0]?.records.toLocaleString('en')} counted, ${openings[0]?.active.toLocaleString('en')} active. Every opening: a new Chromium process on the seeded profile.`,
        `Figures of both readers identical in every opening: ${agree ? 'yes' : 'NO'}.`,
        '',
        '| target | measured | covers |',
        '|---|---|---|',
        `| first fresh figures on a cold start < 1 s | ${range(fromCopy)} ${median(fromCopy) < TARGET_MS ? '✓' : '✗'} | \`countDashboard\` called on a store just opened in a new Chromium process (openStore done, not included) → every figure counted from records as current as the store: the saved copy + the writes since its checkpoint, checked against the store's count of records not deleted |`,
        `| (same, first opening ever: no saved copy yet) | ${range(fullReads)} | as above, every record read from IndexedDB |`,
        `| (before: \`find().exec()\`) | ${range(finds)} | as above, every record through RxDB, sealed fields decrypted |`,
        '',
        '| run | reader | openStore | first open: copy from | first open: last figures shown (labelled) | first open: counted | longest task (first) | copy saved (background, after) | recount after an edit | recount |',
        '|---|---|---|---|---|---|---|---|---|---|',
        ...openings.map(
          (o, index) =>
            `| ${Math.floor(index / READERS.length) + 1} | ${label(o.reader)} | ${ms(o.openStoreMs)} | ${source(o)} | ${o.lastFiguresMs === null ? '–' : ms(o.lastFiguresMs)} | ${ms(o.firstMs)} | ${ms(o.firstLongestTaskMs)} | ${o.saveMs === null ? '–' : ms(o.saveMs)} | ${ms(o.recountAfterEditMs)} | ${ms(o.recountMs)} |`,
        ),
        '',
      ].join('\n'),
    )
    if (!agree) process.exitCode = 1
  } finally {
    await server.close()
    if (!keptProfile) rmSync(profileDir, { recursive: true, force: true })
    // Never leave the bench page where electron-builder (files: out/**) would pack it.
    rmSync(BENCH_OUT, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  rmSync(BENCH_OUT, { recursive: true, force: true })
  process.exit(1)
})
