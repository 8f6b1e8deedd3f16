/**
 * Dashboard benchmark in Chromium (`npx tsx tests/bench/dashboard/run-dashboard-browser-bench.ts`):
 * what opening the dashboard costs on a central PC holding N participants — reading every record
 * from the real store (RxDB, Dexie on IndexedDB, sealed fields decrypted) and the one-pass
 * aggregate. Not in package.json.
 *
 *   --stored 100000   records in the store (seeding takes ~1,200 records/s)
 *   --runs 3          timed openings
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium'
import type { DashboardBenchResult } from './dashboard-bench-page'

const ROOT = resolve(import.meta.dirname, '../../..')
const OUT = join(ROOT, 'out')
const BENCH_OUT = join(OUT, 'dashboard-bench')

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN
  return Number.isInteger(value) && value > 0 ? value : fallback
}

interface StaticServerModule {
  startStaticServer(options: {
    root: string
    port?: number
  }): Promise<{ port: number; close(): Promise<void> }>
}

async function main(): Promise<void> {
  const stored = option('stored', 100_000)
  const runs = option('runs', 3)
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
  const server = await startStaticServer({ root: OUT, port: 0 })
  let browser: Browser | null = null
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    const page = await browser.newPage()
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`))
    await page.goto(`http://127.0.0.1:${server.port}/dashboard-bench/dashboard-bench.html`)
    await page.waitForFunction(() => window.naunganDashboardBench !== undefined)
    console.error(`seeding ${stored} records, then ${runs} timed openings`)
    const result: DashboardBenchResult = await page.evaluate(
      ([count, times]) => window.naunganDashboardBench!.run({ stored: count, runs: times }),
      [stored, runs] as const,
    )
    const ms = (value: number | null) => (value === null ? '< 50 ms' : `${value.toFixed(0)} ms`)
    console.log(
      [
        `# Dashboard benchmark (Chromium ${browser.version()}, ${cpus().length} cores)`,
        '',
        `${result.stored.toLocaleString('en')} records (seeded in ${(result.seedMs / 1000).toFixed(1)} s), ${result.active} active.`,
        '',
        '| run | reader | read all | aggregateDashboard | total | longest main-thread task |',
        '|---|---|---|---|---|---|',
        ...result.runs.map(
          (run, index) =>
            `| ${index + 1} | ${run.reader === 'rxdb' ? 'find().exec() + aggregateDashboard' : 'countDashboard (slices)'} | ${ms(run.readMs)} | ${ms(run.aggregateMs)} | ${ms(run.totalMs)} | ${ms(run.longestTaskMs)} |`,
        ),
        '',
      ].join('\n'),
    )
  } finally {
    await browser?.close()
    await server.close()
    // Never leave the bench page where electron-builder (files: out/**) would pack it.
    rmSync(BENCH_OUT, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  rmSync(BENCH_OUT, { recursive: true, force: true })
  process.exit(1)
})
