/**
 * Where the main thread's time goes during the app's initial sync:
 * `npx tsx tests/bench/app-sync/profile-app-sync.ts [--size 10000] [--link none|slow]`
 *
 * The same set-up as run-app-sync-bench.ts (real server seeded through its push path, the built
 * renderer in Chromium on a fresh profile, enrolled and logged in through the UI, one shared
 * link) with the V8 CPU profiler on from the login click until the list shows every participant
 * as synced. Prints self time by function (top 40) and by script, and writes the raw profile to
 * bench-results/app-sync.cpuprofile (open it in Chromium's DevTools, Performance panel).
 * A diagnostic tool, not a benchmark: the profiler itself slows the page down by a few percent.
 */
import '../sync/raw-text-hook'
import type { CDPSession } from '@playwright/test'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadServerDistrict } from '../../../server/district'
import { PULL_BATCH_SIZE } from '../../../shared/sync/sync-protocol'
import {
  enrolThroughUi,
  expectCountInPage,
  openFreshApp,
  openListAfterLogin,
  readProbe,
  submitLogin,
} from './app-driver'
import { BENCH_USER, startAppSyncServer } from './app-sync-server'
import { startSharedLinkProxy } from './shared-link-proxy'
import { snapshotRenderer, startWeb } from './web-build'

const ROOT = resolve(import.meta.dirname, '../../..')
const LINKS = {
  slow: { bytesPerSecond: 125_000, oneWayDelayMs: 150 },
  none: { bytesPerSecond: Infinity, oneWayDelayMs: 0 },
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback)
}

const log = (message: string) => console.error(`[profile] ${message}`)

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

function summarise(profile: CpuProfile): string {
  const selfMs = new Map<number, number>()
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  }
  const byFunction = new Map<string, number>()
  const byScript = new Map<string, number>()
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0
    if (ms === 0) continue
    const script = node.callFrame.url.replace(/^.*\//, '') || '(native)'
    const name = `${node.callFrame.functionName || '(anonymous)'} ${script}:${node.callFrame.lineNumber + 1}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
    byScript.set(script, (byScript.get(script) ?? 0) + ms)
  }
  const total = (profile.endTime - profile.startTime) / 1000
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => `| ${name.replace(/\|/g, '/')} | ${Math.round(ms)} |`)
  return [
    `Profiled ${(total / 1000).toFixed(1)} s.`,
    '',
    ...longestStretches(profile),
    '',
    '| function (self time) | ms |',
    '|---|---:|',
    ...top(byFunction, 40),
    '',
    '| script (self time) | ms |',
    '|---|---:|',
    ...top(byScript, 15),
  ].join('\n')
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)'])

/**
 * The five longest stretches without an idle sample (about the longest tasks) and, for each, the
 * functions with the most self time in it: what to cut to keep every task under 100 ms.
 */
function longestStretches(profile: CpuProfile): string[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const label = (node: ProfileNode) =>
    `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\//, '') || '(native)'}:${node.callFrame.lineNumber + 1}`
  const stretches: { startMs: number; ms: number; self: Map<string, number> }[] = []
  let current: (typeof stretches)[number] | null = null
  let atMs = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const deltaMs = (profile.timeDeltas[i] ?? 0) / 1000
    atMs += deltaMs
    const node = nodes.get(profile.samples[i] as number)
    if (!node || node.callFrame.functionName === '(idle)') {
      current = null
      continue
    }
    if (!current) {
      current = { startMs: atMs, ms: 0, self: new Map() }
      stretches.push(current)
    }
    current.ms += deltaMs
    const name = IDLE.has(node.callFrame.functionName) ? node.callFrame.functionName : label(node)
    current.self.set(name, (current.self.get(name) ?? 0) + deltaMs)
  }
  const lines = [
    '| longest busy stretches (at s, ms) | heaviest functions (self ms) |',
    '|---|---|',
  ]
  for (const stretch of stretches.sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    const heaviest = [...stretch.self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, ms]) => `${name.replace(/\|/g, '/')} ${Math.round(ms)}`)
      .join('; ')
    lines.push(
      `| ${(stretch.startMs / 1000).toFixed(1)} s, ${Math.round(stretch.ms)} ms | ${heaviest} |`,
    )
  }
  return lines
}

/**
 * The store's worker (`store.worker.ts`) profiled beside the window, over the page's CDP session:
 * a dedicated worker is a child target, reached with the (non-flattened) target messages.
 */
async function profileStoreWorker(cdp: CDPSession): Promise<() => Promise<CpuProfile>> {
  type Events = { on(event: string, listener: (payload: never) => void): void }
  const events = cdp as unknown as Events
  const send = cdp.send.bind(cdp) as (method: string, params?: object) => Promise<unknown>
  const replies = new Map<number, (result: unknown) => void>()
  let sessionId = ''
  let lastId = 0
  const sendToWorker = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = ++lastId
      replies.set(id, resolve)
      void send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      })
    })
  events.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown }
    if (reply.id !== undefined) replies.get(reply.id)?.(reply.result)
  })
  const attached = new Promise<void>((resolve) => {
    events.on(
      'Target.attachedToTarget',
      (event: { sessionId: string; targetInfo: { url: string } }) => {
        if (!event.targetInfo.url.includes('store.worker')) return
        sessionId = event.sessionId
        resolve()
      },
    )
  })
  await send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  })
  await attached
  await sendToWorker('Profiler.enable')
  await sendToWorker('Profiler.setSamplingInterval', { interval: 500 })
  await sendToWorker('Profiler.start')
  return async () => ((await sendToWorker('Profiler.stop')) as { profile: CpuProfile }).profile
}

async function main(): Promise<void> {
  const size = Number(option('size', '10000'))
  const linkName = option('link', 'none') as keyof typeof LINKS
  const renderer = await snapshotRenderer()
  const web = await startWeb(renderer.dir)
  const server = await startAppSyncServer({
    count: size,
    appOrigin: new URL(web.url).origin,
    district: loadServerDistrict(),
    pullBatchSize: PULL_BATCH_SIZE,
    enrolmentCodes: 1,
    log,
  })
  const proxy = await startSharedLinkProxy({ target: server.url, ...LINKS[linkName] })
  const app = await openFreshApp(web.url)
  try {
    const { page, cdp } = app
    await enrolThroughUi(page, proxy.url, server.enrolmentCodes[0] as string)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
    await cdp.send('Profiler.start')
    const stopWorkerProfile = await profileStoreWorker(cdp)
    await submitLogin(page, BENCH_USER.username, BENCH_USER.password)
    await openListAfterLogin(page)
    await expectCountInPage(page, new Intl.NumberFormat('id-ID').format(server.seeded))
    const deadline = performance.now() + 30 * 60_000
    while (performance.now() < deadline) {
      if ((await readProbe(page))?.doneAt) break
      await page.waitForTimeout(250)
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
    const workerProfile = await stopWorkerProfile()
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true })
    writeFileSync(join(ROOT, 'bench-results', 'app-sync.cpuprofile'), JSON.stringify(profile))
    writeFileSync(
      join(ROOT, 'bench-results', 'app-sync-store-worker.cpuprofile'),
      JSON.stringify(workerProfile),
    )
    process.stdout.write(
      [
        `${size} participants, link ${linkName}`,
        '',
        '### The window (main thread)',
        '',
        summarise(profile),
        '',
        '### The store worker',
        '',
        summarise(workerProfile),
        '',
      ].join('\n'),
    )
  } finally {
    await app.close()
    await proxy.close()
    await server.stop()
    await web.stop()
    rmSync(renderer.dir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
