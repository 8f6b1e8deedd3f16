/**
 * Dashboard benchmark (`npx tsx tests/bench/dashboard/run-dashboard-bench.ts`): how long the ONE
 * pass of `aggregateDashboard` takes over 100,000 participants, the central office's case. The
 * records are synthetic people (tests/bench/synthetic-people.ts) spread over the workflow: a share
 * submitted, approved, enrolled, active (with coverage and prints) and ended.
 *
 * Measured in Node: the counting alone. Reading the records from the store on the first opening,
 * and the recounts from the dashboard's copy, are timed in Chromium by
 * run-dashboard-browser-bench.ts (the screen shows "N records counted in M ms" for both).
 *
 *   --people 100000   records
 *   --runs 15         timed runs after 3 warm-up runs
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { cpus } from 'node:os'
import { aggregateDashboard, type DashboardRecord } from '../../../shared/dashboard/aggregate'
import { loadDistrict } from '../../../shared/district/district-config'
import type { ParticipantStatus } from '../../../shared/participant/participant-document'
import { median, percentile } from '../stats'
import { MAX_UNIQUE_PEOPLE, prng, syntheticPerson } from '../synthetic-people'

const ROOT = resolve(import.meta.dirname, '../../..')
const district = loadDistrict(
  JSON.parse(readFileSync(join(ROOT, 'resources/district/district.json'), 'utf8')),
  readFileSync(join(ROOT, 'resources/district/wilayah.csv'), 'utf8'),
)

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback
  return Number.isInteger(value) && value > 0 ? value : fallback
}

const PEOPLE = Math.min(option('people', 100_000), MAX_UNIQUE_PEOPLE)
const RUNS = option('runs', 15)
const TODAY = '2026-11-24'

function recordOf(index: number): DashboardRecord {
  const person = syntheticPerson(index, district)
  const random = prng(index * 7919 + 1)
  const roll = random()
  const status: ParticipantStatus =
    roll < 0.05
      ? 'draft'
      : roll < 0.15
        ? 'submitted'
        : roll < 0.2
          ? 'returned'
          : roll < 0.3
            ? 'approved'
            : roll < 0.35
              ? 'enrolled'
              : roll < 0.95
                ? 'active'
                : 'ended'
  const month = 1 + Math.floor(random() * 11)
  const from = `2026-${String(month).padStart(2, '0')}-01`
  const coverage =
    status === 'active'
      ? [{ year: 2026, from, batchId: 'B' }]
      : status === 'ended'
        ? [{ year: 2026, from: '2026-01-01', until: '2026-06-30', batchId: 'B' }]
        : status === 'enrolled'
          ? [{ year: 2026, from: '2026-12-01', batchId: 'B' }]
          : undefined
  return {
    status,
    checks:
      status === 'draft'
        ? []
        : [{ state: 'confirmed' }, { state: random() < 0.5 ? 'pending' : 'confirmed' }],
    createdAt: `2026-${String(1 + Math.floor(random() * 11)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T02:00:00.000Z`,
    birthDate: person.birthDate,
    sex: person.sex,
    kecamatanCode: person.kecamatanCode,
    villageCode: person.villageCode,
    occupationCode: person.occupationCode,
    prints:
      status === 'active' && random() < 0.8
        ? [{ kind: 'card' }, ...(random() < 0.7 ? [{ kind: 'sticker' as const }] : [])]
        : [],
    ...(status === 'approved' && random() < 0.5 ? { enrolmentBatchId: 'B9' } : {}),
    ...(coverage ? { coverage } : {}),
  }
}

const started = performance.now()
const records = Array.from({ length: PEOPLE }, (_, index) => recordOf(index))
const generatedMs = performance.now() - started

const input = {
  year: 2026,
  today: TODAY,
  config: {
    tariffs: district.config.tariffs,
    payers: district.config.payers,
    baselineCoveredParticipants: district.config.baselineCoveredParticipants,
    utcOffsetMinutes: 480,
    configuredTargetFor: (year: number) => district.targetFor(year),
    kecamatan: district.regions.kecamatan,
    villages: district.regions.villages,
    occupations: district.config.occupations,
  },
  plans: [{ year: 2026, kecamatanCode: '', target: 13_000, allocation: 10_000_000_000 }],
}

for (let warm = 0; warm < 3; warm++) aggregateDashboard(records, input)
const times: number[] = []
let figures = aggregateDashboard(records, input)
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now()
  figures = aggregateDashboard(records, input)
  times.push(performance.now() - t0)
}

const ms = (value: number) => `${value.toFixed(1)} ms`
console.log(`# Dashboard aggregate benchmark

- ${PEOPLE.toLocaleString('en')} synthetic participants (generated in ${ms(generatedMs)}), ${RUNS} timed runs after 3 warm-up runs
- Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}

| | median | p95 | max |
|---|---|---|---|
| aggregateDashboard (one pass, every figure) | ${ms(median(times))} | ${ms(percentile(times, 95))} | ${ms(Math.max(...times))} |

Sanity: ${figures.headline.registered} registered, ${figures.headline.active} active, ${figures.headline.newThisYear} new this year, projected ${figures.budget.projectedYearEnd.toLocaleString('id-ID')} rupiah.
`)
