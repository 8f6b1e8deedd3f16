/**
 * Server-side sync benchmarks (`npx tsx tests/bench/sync/run-sync-bench.ts`):
 *
 * 1. 50 kecamatan offices pushing and pulling at once against one server, on PGlite and on a
 *    PostgreSQL 15 this script starts itself: a paced load (one push + pull cycle every few
 *    seconds per office) and a saturated one (back to back). Pushes/s, rows/s, latency, errors,
 *    429s.
 * 2. Initial sync of 50,000 participants to a fresh client through the fault proxy at 1 Mbit/s
 *    and 300 ms round trip, for several pull batch sizes: wall time, bytes on the wire, and the
 *    ratio to the time the compressed payload alone needs on that link (target ≤ 1.3×).
 * 3. Before each, on its fresh database, a pull-order check (pull-order-probe.ts): do rows whose
 *    txids cross a power of ten all reach a fresh client? Its rows are deleted before the
 *    benchmark proper, whose rows then all have txids of one length.
 *
 * Everything runs on 127.0.0.1 and stops by itself. Progress goes to stderr; the markdown report
 * to stdout and bench-results/sync.md.
 *
 * Options (all optional):
 *   --offices 50               simulated offices (at most 60: 20 kecamatan × offices 1..3)
 *   --backends pglite,postgres
 *   --paced-seconds 40 --max-seconds 20
 *   --pace 1500-4500           ms between the starts of two cycles of one office (paced load)
 *   --rows 10-50               rows per push
 *   --participants 50000       initial-sync size
 *   --batch-sizes 300,500,1000 pull batch sizes through the slow link (the app uses 300)
 *   --skip-load | --skip-initial
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import type { District } from '../../../shared/district/district-config'
import { loadServerDistrict } from '../../../server/district'
import { formatCount, formatMb, formatMs, median, percentile, sum } from '../stats'
import {
  BACKEND_LABEL,
  enrolAndLoginOverHttp,
  ensureKecamatanOffices,
  makeAccount,
  startBenchServer,
  type Backend,
  type CpuWindow,
} from './bench-server'
import { HttpClient } from './http-client'
import {
  pullDirect,
  pullThrottled,
  seedParticipants,
  type PullRun,
  type SeedResult,
} from './initial-sync'
import {
  connectOffices,
  createOfficeAccounts,
  runOfficeLoad,
  verifyConvergence,
  type Convergence,
  type LoadOptions,
  type LoadResult,
} from './office-load'
import { probePullOrder, type PullOrderProbe } from './pull-order-probe'
import { PULL_BATCH_SIZE } from '../../../shared/sync/sync-protocol'
import { MAX_PULL_LIMIT } from '../../../shared/sync/sync-protocol'

const ROOT = resolve(import.meta.dirname, '../../..')
const RESULTS_DIR = join(ROOT, 'bench-results')

/** The app's pull and push batch sizes (renderer/src/sync/sync-controller.ts). */
const APP_PULL_BATCH = PULL_BATCH_SIZE
const TARGET_P95_MS = 500
const TARGET_RATIO = 1.3
/** 1 Mbit/s each way, 300 ms round trip. */
const SLOW_LINK = { latencyMs: 150, bytesPerSecond: 125_000 }

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}
const flag = (name: string) => process.argv.includes(`--${name}`)

function range(text: string, name: string): [number, number] {
  const [low, high] = text.split('-').map(Number)
  if (!Number.isFinite(low) || !Number.isFinite(high) || (low as number) > (high as number)) {
    throw new Error(`--${name} takes LOW-HIGH, e.g. 10-50`)
  }
  return [low as number, high as number]
}

const OFFICES = Number(option('offices') ?? '50')
const BACKENDS = (option('backends') ?? 'pglite,postgres').split(',') as Backend[]
const PACED_SECONDS = Number(option('paced-seconds') ?? '40')
const MAX_SECONDS = Number(option('max-seconds') ?? '20')
const PACE_MS = range(option('pace') ?? '1500-4500', 'pace')
const BATCH_ROWS = range(option('rows') ?? '10-50', 'rows')
const PARTICIPANTS = Number(option('participants') ?? '50000')
const BATCH_SIZES = (option('batch-sizes') ?? '300,1000,2000').split(',').map(Number)
const EDIT_SHARE = 0.2

if (
  !Number.isInteger(OFFICES) ||
  OFFICES < 1 ||
  OFFICES > 60 ||
  BACKENDS.some((b) => b !== 'pglite' && b !== 'postgres') ||
  BATCH_SIZES.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_PULL_LIMIT) ||
  !Number.isInteger(PARTICIPANTS) ||
  PARTICIPANTS < 1 ||
  PARTICIPANTS > 199_000
) {
  console.error('Bad options; see the comment at the top of tests/bench/sync/run-sync-bench.ts')
  process.exit(2)
}

const started = performance.now()
function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4)
  console.error(`[sync-bench ${seconds}s] ${message}`)
}

interface LoadReport {
  backend: Backend
  probe: PullOrderProbe
  results: LoadResult[]
  convergence: Convergence
  acceptedNewRows: number
}

async function officeLoadBenchmark(backend: Backend, district: District): Promise<LoadReport> {
  const { server, accounts } = await startBenchServer(
    backend,
    async (admin) => {
      const made = await createOfficeAccounts(admin, district, OFFICES)
      progress(`pull-order probe (${backend})`)
      return { ...made, probe: await probePullOrder(admin, district) }
    },
    progress,
  )
  try {
    progress(`enrolling and logging in ${OFFICES} office devices over HTTP`)
    const session = await connectOffices(server, district, accounts.offices)
    const central = await enrolAndLoginOverHttp(server.url, accounts.central)
    try {
      const base: Omit<LoadOptions, 'mode' | 'durationMs'> = {
        paceMs: PACE_MS,
        batchRows: BATCH_ROWS,
        editShare: EDIT_SHARE,
        pullLimit: APP_PULL_BATCH,
      }
      const results: LoadResult[] = []
      progress(`${backend}: paced load, ${PACED_SECONDS} s`)
      results.push(
        await runOfficeLoad(
          session,
          server,
          district,
          { ...base, mode: 'paced', durationMs: PACED_SECONDS * 1000 },
          progress,
        ),
      )
      progress(`${backend}: back-to-back load, ${MAX_SECONDS} s`)
      results.push(
        await runOfficeLoad(
          session,
          server,
          district,
          { ...base, mode: 'max', durationMs: MAX_SECONDS * 1000 },
          progress,
        ),
      )
      progress(`${backend}: checking that every office holds every row of its kecamatan`)
      const convergence = await verifyConvergence(session, central)
      const acceptedNewRows = sum(results.map((r) => r.newRows))
      return { backend, probe: accounts.probe, results, convergence, acceptedNewRows }
    } finally {
      session.close()
      central.http.close()
    }
  } finally {
    await server.stop()
  }
}

interface InitialSyncReport {
  probe: PullOrderProbe
  seed: SeedResult
  direct: PullRun[]
  throttled: PullRun[]
}

async function initialSyncBenchmark(district: District): Promise<InitialSyncReport> {
  const { server, accounts } = await startBenchServer(
    'pglite',
    async (admin) => {
      const central = await admin.admin.ensureCentralOffice()
      // The seeded records name the offices 02..09 of their kecamatan (synthetic-people.ts); a
      // district-wide device may only insert records of offices that exist.
      await ensureKecamatanOffices(
        admin,
        district.regions.kecamatan.map((region) => region.code),
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
      )
      const seeder = await makeAccount(admin, central)
      const reader = await makeAccount(admin, central)
      progress('pull-order probe (pglite, initial-sync server)')
      return { seeder, reader, probe: await probePullOrder(admin, district) }
    },
    progress,
  )
  try {
    const seeder = await enrolAndLoginOverHttp(server.url, accounts.seeder)
    const reader = await enrolAndLoginOverHttp(
      server.url,
      accounts.reader,
      new HttpClient(server.url),
    )
    try {
      progress(`seeding ${formatCount(PARTICIPANTS)} participants (pushes of 200, unthrottled)`)
      const seed = await seedParticipants(seeder, district, PARTICIPANTS, progress)
      progress(`seeded in ${formatMs(seed.ms)}`)
      const direct: PullRun[] = []
      for (const batchSize of BATCH_SIZES) {
        await reader.relogin()
        progress(`direct pull (no proxy), batch ${batchSize}`)
        direct.push(await pullDirect(server, reader, batchSize))
      }
      const throttled: PullRun[] = []
      for (const batchSize of BATCH_SIZES) {
        await reader.relogin()
        progress(`throttled pull (1 Mbit/s, 300 ms RTT), batch ${batchSize}`)
        const run = await pullThrottled(server, reader, batchSize, SLOW_LINK)
        progress(`  ${formatMs(run.wallMs)}, ${formatMb(run.gzipBodyBytes)} gzip`)
        throttled.push(run)
      }
      return { probe: accounts.probe, seed, direct, throttled }
    } finally {
      seeder.http.close()
      reader.http.close()
    }
  } finally {
    await server.stop()
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const perSecond = (count: number, ms: number) => (ms > 0 ? (count / ms) * 1000 : NaN)
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—')
const percent = (share: number) => (Number.isFinite(share) ? `${Math.round(share * 100)} %` : '—')

function cpuColumns(cpu: CpuWindow | null, elapsedMs: number, backend: Backend): string {
  if (!cpu) return '— | — | —'
  const core = (secondsUsed: number) => percent(secondsUsed / (elapsedMs / 1000))
  return `${core(cpu.serverCpuSeconds)} | ${
    backend === 'postgres' ? core(cpu.postgresCpuSeconds) : 'in server'
  } | ${percent(cpu.machineBusyShare)} (${percent(cpu.otherBusyShare)})`
}

function loadTable(reports: LoadReport[]): string[] {
  const lines = [
    '| Backend | Load | Pushes | Pushes/s | Rows/s (new + edited) | Push p50 | Push p95 | Push max | Pull p95 | Pulls | Errors | 429s | Conflicts | Server CPU | PostgreSQL CPU | Machine busy (other processes) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const report of reports) {
    for (const r of report.results) {
      const load =
        r.mode === 'paced'
          ? `paced (${r.offices} offices, a cycle every ${PACE_MS[0] / 1000}–${PACE_MS[1] / 1000} s)`
          : `max throughput (${r.offices} offices back to back)`
      const rows = r.newRows + r.editedRows
      lines.push(
        `| ${BACKEND_LABEL[report.backend]} | ${load} | ${formatCount(r.pushes)} | ${fixed(
          perSecond(r.pushes, r.elapsedMs),
        )} | ${formatCount(Math.round(perSecond(rows, r.elapsedMs)))} | ${formatMs(
          median(r.pushMs),
        )} | ${formatMs(percentile(r.pushMs, 95))} | ${formatMs(
          Math.max(...r.pushMs),
        )} | ${formatMs(percentile(r.pullMs, 95))} | ${formatCount(r.pulls)} | ${r.errors} | ${
          r.rateLimited
        } | ${r.conflicts} | ${cpuColumns(r.cpu, r.elapsedMs, report.backend)} |`,
      )
    }
  }
  return lines
}

function loadNotes(reports: LoadReport[]): string[] {
  const lines: string[] = []
  for (const report of reports) {
    const paced = report.results.find((r) => r.mode === 'paced')
    const verdict =
      paced && paced.errors === 0 && percentile(paced.pushMs, 95) < TARGET_P95_MS
        ? 'meets the target (zero errors, push p95 < 500 ms)'
        : 'MISSES the target (zero errors, push p95 < 500 ms)'
    const c = report.convergence
    lines.push(
      `- ${BACKEND_LABEL[report.backend]}: paced load ${verdict}. Rows on the server after both runs: ` +
        `${formatCount(c.serverRows)}; new rows the server accepted: ${formatCount(
          report.acceptedNewRows,
        )} (${c.serverRows === report.acceptedNewRows ? 'equal' : 'DIFFERENT'}). After a last ` +
        `catch-up pull, ${c.convergedOffices} of ${c.offices} offices hold every row of their ` +
        `kecamatan (${formatCount(c.missingRows)} rows missing in all).`,
    )
    for (const r of report.results) {
      const extra: string[] = []
      extra.push(
        `${formatCount(r.newRows)} new and ${formatCount(r.editedRows)} edited rows in ${seconds(
          r.elapsedMs,
        )}`,
      )
      extra.push(`${formatCount(r.liveEvents)} live-stream events delivered`)
      if (r.officesOutOfPeople > 0) {
        extra.push(`${r.officesOutOfPeople} offices ran out of fresh NIKs and pushed edits only`)
      }
      if (r.errorSamples.length > 0) extra.push(`errors: ${r.errorSamples.join('; ')}`)
      lines.push(`  - ${r.mode}: ${extra.join(', ')}.`)
    }
  }
  return lines
}

function probeLines(probes: { label: string; probe: PullOrderProbe }[]): string[] {
  const lines = [
    '| Server | Rows pushed (txid ≥ boundary) | Boundary | Fresh client received (pull limit) | Result |',
    '| --- | ---: | ---: | ---: | --- |',
  ]
  for (const { label, probe } of probes) {
    const ok = probe.receivedRows === probe.pushedRows
    lines.push(
      `| ${label} | ${probe.pushedRows} (${probe.rowsAboveBoundary}) | ${probe.boundary} | ${
        probe.receivedRows
      } (${probe.pullLimit}) | ${ok ? 'all rows arrived' : `**${probe.pushedRows - probe.receivedRows} rows never pulled**`} |`,
    )
  }
  return lines
}

function initialSyncTable(report: InitialSyncReport): string[] {
  const lines = [
    '| Pull batch | Pages | Wall time | Bytes on the wire (to client + to server) | Gzip payload | JSON (decoded) | Payload time at 1 Mbit/s | Wall / payload | Direct, no proxy | Server time per page (direct, p50) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const run of report.throttled) {
    const direct = report.direct.find((d) => d.batchSize === run.batchSize)
    const payloadMs = ((run.gzipBodyBytes * 8) / 1e6) * 1000
    const ratio = run.wallMs / payloadMs
    const app = run.batchSize === APP_PULL_BATCH ? ' (app)' : ''
    lines.push(
      `| ${run.batchSize}${app} | ${run.pages} | ${seconds(run.wallMs)} | ${formatMb(
        run.wireBytesToClient + run.wireBytesToServer,
      )} (${formatMb(run.wireBytesToClient)} + ${formatCount(
        Math.round(run.wireBytesToServer / 1024),
      )} KiB) | ${formatMb(run.gzipBodyBytes)} | ${formatMb(run.jsonBytes)} | ${seconds(
        payloadMs,
      )} | ${fixed(ratio, 2)}×${ratio <= TARGET_RATIO ? '' : ' ✗'} | ${
        direct ? seconds(direct.wallMs) : '—'
      } | ${direct ? formatMs(median(direct.pageMs)) : '—'} |`,
    )
  }
  return lines
}

function initialSyncNotes(report: InitialSyncReport): string[] {
  const best = [...report.throttled].sort((a, b) => a.wallMs - b.wallMs)[0]
  const lines = [
    `- Seed: ${formatCount(report.seed.rows)} participants in ${seconds(report.seed.ms)} ` +
      `(${report.seed.pushMs.length} pushes of 200 rows, push p50 ${formatMs(
        median(report.seed.pushMs),
      )}, p95 ${formatMs(percentile(report.seed.pushMs, 95))}).`,
  ]
  if (best) {
    const payloadMs = ((best.gzipBodyBytes * 8) / 1e6) * 1000
    lines.push(
      `- Best batch size on this link: ${best.batchSize} (${seconds(best.wallMs)}, ${fixed(
        best.wallMs / payloadMs,
        2,
      )}× the payload time).`,
    )
  }
  for (const run of report.throttled) {
    const direct = report.direct.find((d) => d.batchSize === run.batchSize)
    const payloadMs = ((run.gzipBodyBytes * 8) / 1e6) * 1000
    const roundTripsMs = run.pages * SLOW_LINK.latencyMs * 2
    const serverMs = direct ? sum(direct.pageMs) : NaN
    const fullPages = direct ? direct.pageMs.slice(0, -1) : []
    lines.push(
      `- Batch ${run.batchSize}: wall ${seconds(run.wallMs)} ≈ payload ${seconds(payloadMs)} + ` +
        `${run.pages} round trips × 300 ms = ${seconds(roundTripsMs)} + server and client time ` +
        `per page (direct run: ${seconds(serverMs)} in all) + ${seconds(
          run.wallMs - payloadMs - roundTripsMs - serverMs,
        )} unexplained. Direct page time: first page ${formatMs(
          fullPages[0] ?? NaN,
        )}, last full page ${formatMs(fullPages.at(-1) ?? NaN)}. Other processes kept ${percent(
          run.cpu?.otherBusyShare ?? NaN,
        )} of the machine busy during the throttled run.`,
    )
  }
  const limited = report.throttled.concat(report.direct).filter((r) => r.rateLimited > 0)
  for (const run of limited) {
    lines.push(`- ${run.link} pull, batch ${run.batchSize}: ${run.rateLimited} answers were 429.`)
  }
  return lines
}

async function main(): Promise<void> {
  const district = loadServerDistrict()
  const loadAtStart = loadavg()[0] ?? 0
  if (loadAtStart > 0.5) {
    progress(`load average ${loadAtStart.toFixed(2)}: other work on this machine skews the results`)
  }
  const loadReports: LoadReport[] = []
  if (!flag('skip-load')) {
    for (const backend of BACKENDS) {
      loadReports.push(await officeLoadBenchmark(backend, district))
    }
  }
  const initial = flag('skip-initial') ? null : await initialSyncBenchmark(district)

  const cpu = cpus()
  const out: string[] = [
    '## Sync server benchmarks',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${
      cpu[0]?.model.trim() ?? 'CPU'
    }, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}; server, load ` +
      `generator, proxy and PostgreSQL on the same machine (127.0.0.1). Total run ${seconds(
        performance.now() - started,
      )}; load average ${loadAtStart.toFixed(2)} at the start. ` +
      `\`npx tsx tests/bench/sync/run-sync-bench.ts\`.`,
    '',
  ]
  if (loadReports.length > 0) {
    out.push(
      `### ${OFFICES} offices pushing and pulling at once`,
      '',
      `Each office: its own enrolled device and kecamatan office, live event stream open; a cycle ` +
        `pushes ${BATCH_ROWS[0]}–${BATCH_ROWS[1]} rows (${EDIT_SHARE * 100} % edits of its own ` +
        `records with the correct \`assumedMasterState\`), then pulls from its checkpoint ` +
        `(batch ${APP_PULL_BATCH}) until caught up. Paced: ${PACED_SECONDS} s; max: ` +
        `${MAX_SECONDS} s. Latency is per HTTP request, client side. Server CPU (the Node ` +
        `server process, PGlite included; it can pass 100 % with GC, zlib and crypto threads) ` +
        `and PostgreSQL CPU (all its processes) are in % of one core; machine busy is the share ` +
        `of all ${cpu.length} cores, in brackets the part used by processes outside this ` +
        `benchmark (other work on a shared machine).`,
      '',
      ...loadTable(loadReports),
      '',
      ...loadNotes(loadReports),
      '',
    )
  }
  if (initial) {
    out.push(
      `### Initial sync of ${formatCount(PARTICIPANTS)} participants at 1 Mbit/s, 300 ms RTT`,
      '',
      `A fresh district-wide client pulls everything from checkpoint null through the fault ` +
        `proxy (125,000 B/s and 150 ms each way), one request at a time on one keep-alive ` +
        `connection, \`Accept-Encoding: gzip\`, following \`remaining\` until caught up. Server: ` +
        `PGlite in its own process. Payload time = gzip body bytes × 8 / 10⁶ s; target wall ≤ ` +
        `${TARGET_RATIO}× payload time. Wire level only: writing the documents into the ` +
        `browser store is measured by the store benchmark.`,
      '',
      ...initialSyncTable(initial),
      '',
      ...initialSyncNotes(initial),
      '',
    )
  }
  const probes = [
    ...loadReports.map((r) => ({ label: BACKEND_LABEL[r.backend], probe: r.probe })),
    ...(initial ? [{ label: 'PGlite (initial-sync server)', probe: initial.probe }] : []),
  ]
  out.push(
    '### Pull-order check (txids crossing a power of ten)',
    '',
    'Before each benchmark, on its fresh database: the transaction counter is advanced to just ' +
      'below the next power of ten, rows are pushed across it, and a fresh district-wide client ' +
      'pulls from checkpoint null. The probe rows are then deleted, so every benchmark row has a ' +
      'txid with the same number of digits (see tests/bench/sync/pull-order-probe.ts for why).',
    '',
    ...probeLines(probes),
    '',
  )
  const markdown = out.join('\n')
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(join(RESULTS_DIR, 'sync.md'), markdown)
  process.stdout.write(`${markdown}\n`)
  progress(`done; report in bench-results/sync.md`)
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
