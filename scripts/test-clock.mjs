#!/usr/bin/env node
// `npm run test:clock`: the unit and sync suites again with the machine's clock moved and another
// time zone, so a test (or code) that reads the wall clock instead of the app's one clock
// (shared/dates/clock.ts) fails here rather than in the week after it was written.
// tests/support/moved-system-clock.ts does the moving inside each test process.
import { spawnSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs')

const MOVES = [
  // The first half hour of a budget year in Tenggarong, while UTC (and a server in UTC) is still
  // in the old year.
  { at: '2027-01-01T00:30:00+08:00', tz: 'Asia/Makassar' },
  // A leap day, on a machine kept in UTC.
  { at: '2028-02-29T12:00:00Z', tz: 'UTC' },
  // Late on New Year's Eve in WITA: the last day of the budget year.
  { at: '2026-12-31T23:30:00+08:00', tz: 'Asia/Makassar' },
]
const suites =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['tests/unit', 'tests/sync']

for (const move of MOVES) {
  console.log(`\n== Clock moved to ${move.at}, TZ=${move.tz}: ${suites.join(' ')} ==`)
  const run = spawnSync(process.execPath, [vitest, 'run', ...suites], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NAUNGAN_TEST_SYSTEM_TIME: move.at, TZ: move.tz },
  })
  if (run.status !== 0) {
    console.error(`\nFailed with the clock at ${move.at} (TZ=${move.tz}).`)
    process.exit(run.status ?? 1)
  }
}
