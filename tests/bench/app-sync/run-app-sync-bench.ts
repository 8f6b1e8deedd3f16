/**
 * The app's own initial sync, measured in the browser (issue 14):
 * `npx tsx tests/bench/app-sync/run-app-sync-bench.ts [--sizes 10000,50000] [--links slow,none]`
 *
 * For each size, the real server (`server/cli.ts`, PGlite) gets that many registrations of one
 * kecamatan office (06-01, Tenggarong) pushed over HTTP by another PC of the office
 * (app-sync-server.ts). Then, for each link, the built renderer (`out/renderer`, served by
 * scripts/static-server.mjs with the app's CSP) runs in Debian's Chromium on a FRESH profile on
 * disk; the PC is enrolled through the UI with a code from `server/cli.ts enrolment-code`, an operator logs
 * in, and the participant list (Alt+2) stays open while the app pulls everything. The browser
 * talks to the server only through shared-link-proxy.ts: one link shared by all connections,
 * `slow` = 1 Mbit/s each way + 300 ms round trip, `none` = no limit (still counted).
 *
 * The time measured runs from the proxy reading the first pull request (its CORS preflight when
 * there is one) to the first 100 ms sample, taken on the page's main thread, at which
 * `<html data-sync-state="synced">` AND the list's count line shows every participant
 * ("10.000 peserta"). During that window: long tasks (PerformanceObserver 'longtask'), search
 * probes (a name typed into "Cari peserta" every few seconds, timed until only matching rows
 * are shown, given up at 15 s), the JS heap (CDP Runtime.getHeapUsage each second and
 * performance.memory), and the proxy's bytes and requests (from the login click on).
 *
 * Link limit = gzip(all wire documents as one JSON array) / link rate + 1 round trip. A second
 * row per size and link is Node's pull loop (no browser, no store) through the same kind of
 * proxy: the wire alone, for comparison (the full wire benchmark is tests/bench/sync/).
 *
 * `--heap-snapshot MB` (a diagnosis, not a figure): the first time the window's heap is sampled
 * at MB or more, a V8 heap snapshot of the window is written to bench-results/ (summarise it with
 * heap-summary.ts), and the heap after the snapshot's collection is logged beside the sample.
 * Taking it pauses the page for seconds, so that run's times are marked as disturbed.
 *
 * Needs a built renderer (`npx electron-vite build`); it is copied once at the start (served by
 * scripts/static-server.mjs from the copy), so a rebuild meanwhile does not change what is measured. Everything runs on 127.0.0.1, is bounded
 * and removes its temp folders. Progress on stderr; the markdown report on stdout and in
 * bench-results/app-sync.md.
 */
// Before any renderer module: lets `?raw` CSV imports load under tsx.
import '../sync/raw-text-hook'
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { loadServerDistrict } from '../../../server/district'
import { PULL_BATCH_SIZE } from '../../../shared/sync/sync-protocol'
import { CHROMIUM_PATH } from '../../e2e/support/chromium'
import { HttpClient } from '../sync/http-client'
import {
  expectCountInPage,
  enrolThroughUi,
  heapUsed,
  openFreshApp,
  openListAfterLogin,
  readProbe,
  searchProbe,
  submitLogin,
  type SearchProbe,
} from './app-driver'
import { BENCH_USER, nodePullAll, startAppSyncServer, type AppSyncServer } from './app-sync-server'
import { startSharedLinkProxy, type LinkShape, type LinkStats } from './shared-link-proxy'
import { snapshotRenderer, startWeb } from './web-build'
import { writeHeapSnapshot } from '../heap-snapshot'

const ROOT = resolve(import.meta.dirname, '../../..')
const RESULTS_DIR = join(ROOT, 'bench-results')

const LINKS: Record<string, LinkShape & { label: string }> = {
  slow: { bytesPerSecond: 125_000, oneWayDelayMs: 150, label: '1 Mbit/s, 300 ms RTT' },
  none: { bytesPerSecond: Infinity, oneWayDelayMs: 0, label: 'unthrottled (loopback)' },
}
const SEARCH_GIVE_UP_MS = 15_000
const SEARCH_EVERY_MS = 5_000
/** Names common in the generator (tests/bench/synthetic-people.ts), searched in turn. */
const SEARCH_PREFIXES = ['Sugeng', 'Siti', 'Rahmat', 'Dewi', 'Hasan', 'Nurul']
const HEAP_EVERY_MS = 1_000

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

const log = (message: string) => process.stderr.write(`${message}\n`)
const idNumber = new Intl.NumberFormat('id-ID')

/**
 * How long to wait for the sync of `count` documents before giving up: 2 minutes, 20 ms a
 * document, three times the wire time at ~200 gzip bytes a document; at most an hour.
 */
function deadlineMs(count: number, link: LinkShape): number {
  const wire = Number.isFinite(link.bytesPerSecond) ? (count * 200) / link.bytesPerSecond : 0
  return Math.min(60 * 60_000, 120_000 + count * 20 + wire * 3_000)
}

interface AppRun {
  size: number
  link: string
  totalMs: number
  /** First pull → first 'synced' at or after which the count was right (the state alone). */
  countShownMs: number | null
  limitMs: number | null
  stats: LinkStats
  pullGets: number
  /** Requests by method and path without the query, e.g. 'OPTIONS /api/sync/participants/pull': 6. */
  byPath: Record<string, number>
  longestTaskMs: number
  longTasksMs: number
  longTaskCount: number
  probes: SearchProbe[]
  heapPeakBytes: number
  loginToFirstPullMs: number
  /** `--heap-snapshot`: the heap sampled, the heap live after the snapshot's collection, its file. */
  heapSnapshot?: { atS: number; usedBytes: number; liveBytes: number | null; file: string }
}

interface NodeRun {
  size: number
  link: string
  ms: number
  pages: number
  limitMs: number | null
  stats: LinkStats
}

function linkLimitMs(gzipBytes: number, link: LinkShape): number | null {
  if (!Number.isFinite(link.bytesPerSecond)) return null
  return (gzipBytes / link.bytesPerSecond) * 1000 + 2 * link.oneWayDelayMs
}

async function runApp(
  server: AppSyncServer,
  code: string,
  appUrl: string,
  linkName: string,
): Promise<AppRun> {
  const link = LINKS[linkName] as LinkShape
  const proxy = await startSharedLinkProxy({ target: server.url, ...link })
  const app = await openFreshApp(appUrl)
  try {
    const { page, cdp } = app
    log(`  enrolling a fresh profile through the UI (${linkName})`)
    await enrolThroughUi(page, proxy.url, code)
    proxy.resetCounts()
    const loginAt = performance.now()
    await submitLogin(page, BENCH_USER.username, BENCH_USER.password)
    await openListAfterLogin(page)
    await expectCountInPage(page, idNumber.format(server.seeded))

    const deadline = performance.now() + deadlineMs(server.seeded, link)
    const firstPull = () =>
      proxy.requests.find((request) => request.path.startsWith('/api/sync/participants/pull'))
    let heapPeak = 0
    const probes: SearchProbe[] = []
    let done: number | null = null
    let nextProbe = performance.now() + 3_000
    let nextHeap = 0
    let probeIndex = 0
    let heapSnapshot: AppRun['heapSnapshot']
    const snapshotAboveMb = Number(option('heap-snapshot') ?? Number.NaN)
    // Bounded by `deadline`.
    while (performance.now() < deadline) {
      const probe = await readProbe(page)
      if (probe?.doneAt) {
        done = probe.doneAt
        break
      }
      const now = performance.now()
      if (now >= nextHeap) {
        nextHeap = now + HEAP_EVERY_MS
        const used = (await heapUsed(cdp)) ?? 0
        heapPeak = Math.max(heapPeak, used)
        if (!heapSnapshot && used >= snapshotAboveMb * 1_000_000) {
          const file = join(RESULTS_DIR, `app-sync-${server.seeded}-${linkName}.heapsnapshot`)
          const atS = (now - (firstPull()?.at ?? now)) / 1000
          log(`   heap ${mb(used)} MB at ${atS.toFixed(1)} s: writing ${file}`)
          await writeHeapSnapshot(cdp, file)
          const live = await heapUsed(cdp)
          heapSnapshot = { atS, usedBytes: used, liveBytes: live, file }
          log(`   heap after the snapshot's collection: ${live === null ? '?' : mb(live)} MB`)
        }
      }
      const pulled = firstPull()
      if (pulled && now >= nextProbe) {
        const prefix = SEARCH_PREFIXES[probeIndex++ % SEARCH_PREFIXES.length] as string
        const ms = await searchProbe(page, prefix, SEARCH_GIVE_UP_MS)
        probes.push({ atS: (now - pulled.at) / 1000, prefix, ms })
        nextProbe = performance.now() + SEARCH_EVERY_MS
        continue
      }
      await page.waitForTimeout(200)
    }
    if (done === null) {
      const seen = await page.evaluate(() => ({
        state: document.documentElement.dataset.syncState,
        count: document.querySelector('.list-count')?.textContent,
        url: location.href,
        states: window.__naunganBench?.syncStates.map(([, state]) => state).join(' → '),
        indicator: document.querySelector('[data-testid="sync-indicator"]')?.textContent,
      }))
      throw new Error(
        `no sync to the full count within the deadline (${linkName}): ${JSON.stringify(seen)}; ` +
          `requests ${JSON.stringify(proxy.stats())}`,
      )
    }
    const stats = proxy.stats()
    const pulled = firstPull()
    if (!pulled) throw new Error('the app never pulled')
    const firstPullEpoch = performance.timeOrigin + pulled.at
    const probe = await readProbe(page)
    if (!probe) throw new Error('the page probe is gone (the page reloaded?)')
    const tasks = probe.longTasks.filter(([start]) => start >= firstPullEpoch && start <= done)
    heapPeak = Math.max(heapPeak, probe.heapPeak, (await heapUsed(cdp)) ?? 0)
    return {
      size: server.seeded,
      link: linkName,
      totalMs: done - firstPullEpoch,
      countShownMs: probe.countShownAt === null ? null : probe.countShownAt - firstPullEpoch,
      limitMs: linkLimitMs(server.wire.gzipBytes, link),
      stats,
      byPath: proxy.requests.reduce<Record<string, number>>((counts, request) => {
        const key = `${request.method} ${request.path.replace(/\?.*$/, '')}`
        counts[key] = (counts[key] ?? 0) + 1
        return counts
      }, {}),
      pullGets: proxy.requests.filter(
        (request) =>
          request.method === 'GET' && request.path.startsWith('/api/sync/participants/pull'),
      ).length,
      longestTaskMs: Math.max(0, ...tasks.map(([, duration]) => duration)),
      longTasksMs: tasks.reduce((total, [, duration]) => total + duration, 0),
      longTaskCount: tasks.length,
      probes,
      heapPeakBytes: heapPeak,
      loginToFirstPullMs: pulled.at - loginAt,
      ...(heapSnapshot ? { heapSnapshot } : {}),
    }
  } finally {
    await app.close()
    await proxy.close()
  }
}

async function runNode(server: AppSyncServer, linkName: string): Promise<NodeRun> {
  const link = LINKS[linkName] as LinkShape
  const proxy = await startSharedLinkProxy({ target: server.url, ...link })
  const http = new HttpClient(proxy.url)
  try {
    const pulled = await nodePullAll(http, await server.seederToken(), PULL_BATCH_SIZE)
    if (pulled.documents.length !== server.seeded) {
      throw new Error(`Node pulled ${pulled.documents.length} of ${server.seeded}`)
    }
    return {
      size: server.seeded,
      link: linkName,
      ms: pulled.ms,
      pages: pulled.pages,
      limitMs: linkLimitMs(server.wire.gzipBytes, link),
      stats: proxy.stats(),
    }
  } finally {
    http.agent.destroy()
    await proxy.close()
  }
}

const seconds = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(1))
const mb = (bytes: number) => (bytes / 1_000_000).toFixed(2)
const ratio = (ms: number, limit: number | null) => (limit ? (ms / limit).toFixed(2) : '—')

function probeSummary(probes: SearchProbe[]): string {
  if (probes.length === 0) return '—'
  const answered = probes
    .flatMap((probe) => (probe.ms === null ? [] : [probe.ms]))
    .sort((a, b) => a - b)
  const gaveUp = probes.length - answered.length
  const median = answered.length > 0 ? answered[Math.floor(answered.length / 2)] : undefined
  const max = answered.at(-1)
  return [
    `${probes.length} probes`,
    median === undefined ? '' : `median ${Math.round(median)} ms`,
    max === undefined ? '' : `max ${Math.round(max)} ms`,
    gaveUp > 0 ? `${gaveUp} gave up (>15 s)` : '',
  ]
    .filter(Boolean)
    .join(', ')
}

function report(
  appRuns: AppRun[],
  nodeRuns: NodeRun[],
  servers: { size: number; wire: AppSyncServer['wire']; seedMs: number }[],
  chromiumVersion: string,
): string {
  const lines = [
    '# App initial sync, measured in the browser (issue 14)',
    '',
    `Run ${new Date().toISOString()} on ${cpus().length} cores (load ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' / ')} at the end), ${chromiumVersion}, headless, fresh profile on disk; ` +
      `server/cli.ts on PGlite; app pull page ${PULL_BATCH_SIZE} (PULL_BATCH_SIZE).`,
    '',
    '**Time** = from the proxy reading the first pull request (its CORS preflight when there is one) ' +
      'to the first 100 ms main-thread sample at which `<html data-sync-state="synced">` and the ' +
      'list shows the full count ("N peserta"). **Count shown** = first sample with the full count, ' +
      'whatever the sync state. **Link limit** = gzip of all wire documents as one JSON array / link ' +
      'rate + 1 RTT. Bytes and requests: all traffic through the proxy from the login click to the end ' +
      '(login, office users, card keys, event stream, pulls, preflights). Long tasks and search ' +
      'probes: within the timed window. Search probe: a name typed into "Cari peserta" every ~5 s, ' +
      'timed until only matching rows show (or "no match"), given up at 15 s. Heap: peak of CDP ' +
      '`Runtime.getHeapUsage` (1 s) and `performance.memory` (100 ms).',
    '',
    '| Participants | Link | What | Time (s) | Count shown (s) | Link limit (s) | Time / limit | MB to app | MB to server | Requests (preflights) | Pull GETs | Longest task (ms) | Long tasks Σ (s) | Search while syncing | JS heap peak (MB) |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ]
  for (const run of appRuns) {
    lines.push(
      `| ${idNumber.format(run.size)} | ${LINKS[run.link]?.label} | app in Chromium${run.heapSnapshot ? ' (paused for a heap snapshot: times disturbed)' : ''} | ${seconds(run.totalMs)} | ${seconds(
        run.countShownMs,
      )} | ${seconds(run.limitMs)} | ${ratio(run.totalMs, run.limitMs)} | ${mb(run.stats.bytesToClient)} | ${mb(
        run.stats.bytesToServer,
      )} | ${run.stats.requests} (${run.stats.preflights}) | ${run.pullGets} | ${Math.round(
        run.longestTaskMs,
      )} | ${seconds(run.longTasksMs)} (${run.longTaskCount}) | ${probeSummary(run.probes)} | ${mb(
        run.heapPeakBytes,
      )} |`,
    )
  }
  for (const run of nodeRuns) {
    lines.push(
      `| ${idNumber.format(run.size)} | ${LINKS[run.link]?.label} | Node pull loop (wire only, no browser) | ${seconds(
        run.ms,
      )} | — | ${seconds(run.limitMs)} | ${ratio(run.ms, run.limitMs)} | ${mb(run.stats.bytesToClient)} | ${mb(
        run.stats.bytesToServer,
      )} | ${run.stats.requests} (${run.stats.preflights}) | ${run.pages} | — | — | — | — |`,
    )
  }
  lines.push(
    '',
    '| Participants | JSON (MB) | gzip, one stream (MB) | gzip, pages as sent (MB) | seeding by push (s) |',
  )
  lines.push('|---:|---:|---:|---:|---:|')
  for (const server of servers) {
    lines.push(
      `| ${idNumber.format(server.size)} | ${mb(server.wire.jsonBytes)} | ${mb(server.wire.gzipBytes)} | ${mb(
        server.wire.nodePull.gzipBodyBytes,
      )} | ${seconds(server.seedMs)} |`,
    )
  }
  const probeLines = appRuns.flatMap((run) =>
    run.probes.map(
      (probe) =>
        `| ${idNumber.format(run.size)} | ${run.link} | ${probe.atS.toFixed(1)} | ${probe.prefix} | ${
          probe.ms === null ? 'gave up (>15 s)' : Math.round(probe.ms)
        } |`,
    ),
  )
  if (probeLines.length > 0) {
    lines.push('', 'Search probes: | Participants | Link | at (s after first pull) | typed | ms |')
    lines.push('|---:|---|---:|---|---:|', ...probeLines)
  }
  lines.push(
    '',
    `Login click → first pull request: ${appRuns
      .map((run) => `${idNumber.format(run.size)}/${run.link} ${seconds(run.loginToFirstPullMs)} s`)
      .join(', ')}.`,
    '',
    ...appRuns.flatMap((run) =>
      run.heapSnapshot
        ? [
            `Heap snapshot ${idNumber.format(run.size)}/${run.link} at ${run.heapSnapshot.atS.toFixed(1)} s: ` +
              `${mb(run.heapSnapshot.usedBytes)} MB in use, ${
                run.heapSnapshot.liveBytes === null ? '?' : mb(run.heapSnapshot.liveBytes)
              } MB live after its collection (${run.heapSnapshot.file}).`,
            '',
          ]
        : [],
    ),
    'Requests through the proxy by method and path (query left out):',
    '',
    ...appRuns.map(
      (run) =>
        `- ${idNumber.format(run.size)}/${run.link}: ${Object.entries(run.byPath)
          .map(([path, count]) => `${path} ×${count}`)
          .join(', ')}`,
    ),
    '',
  )
  return lines.join('\n')
}

async function main(): Promise<void> {
  const sizes = (option('sizes') ?? '10000,50000').split(',').map(Number)
  const links = (option('links') ?? 'slow,none').split(',')
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 1 || size > 199_980) throw new Error(`bad size ${size}`)
  }
  for (const link of links) if (!LINKS[link]) throw new Error(`unknown link ${link} (slow, none)`)
  const chromiumVersion =
    spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 10_000 }).stdout?.trim() ||
    'Chromium'
  const district = loadServerDistrict()
  const renderer = await snapshotRenderer()
  const head = spawnSync('git', ['log', '-1', '--format=%h %cI'], { cwd: ROOT, encoding: 'utf8' })
  const build = `renderer build ${renderer.id} (sha256 of index.html, copied from out/renderer at the start; HEAD ${head.stdout?.trim() || '?'})`
  let web: Awaited<ReturnType<typeof startWeb>>
  try {
    web = await startWeb(renderer.dir)
  } catch (error) {
    rmSync(renderer.dir, { recursive: true, force: true })
    throw error
  }
  const appRuns: AppRun[] = []
  const nodeRuns: NodeRun[] = []
  const servers: { size: number; wire: AppSyncServer['wire']; seedMs: number }[] = []
  try {
    for (const size of sizes) {
      log(`== ${size} participants`)
      const server = await startAppSyncServer({
        count: size,
        appOrigin: new URL(web.url).origin,
        district,
        pullBatchSize: PULL_BATCH_SIZE,
        enrolmentCodes: links.length,
        log,
      })
      try {
        servers.push({ size, wire: server.wire, seedMs: server.seedMs })
        for (const [index, link] of links.entries()) {
          log(`-- app, ${link}`)
          const run = await runApp(server, server.enrolmentCodes[index] as string, web.url, link)
          log(`   ${seconds(run.totalMs)} s, ${probeSummary(run.probes)}`)
          appRuns.push(run)
          log(`-- Node pull loop, ${link}`)
          // The reference row only: its failure does not cost the app's figures.
          await runNode(server, link).then(
            (run) => nodeRuns.push(run),
            (error: unknown) => log(`   Node pull loop failed: ${String(error)}`),
          )
        }
      } finally {
        await server.stop()
      }
    }
  } finally {
    await web.stop()
    rmSync(renderer.dir, { recursive: true, force: true })
  }
  const markdown = report(appRuns, nodeRuns, servers, `${chromiumVersion}; ${build}`)
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(join(RESULTS_DIR, 'app-sync.md'), markdown)
  process.stdout.write(markdown)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
