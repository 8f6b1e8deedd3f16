/**
 * Benchmark 2: the initial sync of a fresh client through a slow office link.
 *
 * The server (PGlite, its own process) is seeded with `count` participants of all 20 kecamatan,
 * pushed by a district-wide (central) device in batches of 200 over an unthrottled connection.
 * Then a fresh district-wide client pulls everything from checkpoint null, page after page,
 * following `remaining` until caught up — the app's pull loop, one request at a time on one
 * keep-alive connection, `Accept-Encoding: gzip` — through the fault proxy capped at
 * `bytesPerSecond` each way with `latencyMs` each way.
 *
 * Only the wire is measured here (a Node HTTP client). Writing the pulled documents into the
 * browser's store is measured by the store benchmark (bench-results/store.md, STACK.md).
 */
import type { District } from '../../../shared/district/district-config'
import type { PullResponse, PushResponse, PushRow } from '../../../shared/sync/sync-protocol'
import { MAX_PUSH_ROWS } from '../../../shared/sync/sync-protocol'
import { startFaultProxy } from '../../support/fault-proxy'
import { syntheticPerson } from '../synthetic-people'
import { assertValid, newRegistration } from './bench-participants'
import {
  startCpuWindow,
  type BenchServer,
  type CpuWindow,
  type LoggedInDevice,
} from './bench-server'
import { HttpClient } from './http-client'

export interface SeedResult {
  rows: number
  ms: number
  pushMs: number[]
}

/** Pushes `count` participants (all 20 kecamatan) through `device`, `MAX_PUSH_ROWS` at a time. */
export async function seedParticipants(
  device: LoggedInDevice,
  district: District,
  count: number,
  log: (message: string) => void,
  first = 0,
): Promise<SeedResult> {
  const started = performance.now()
  const pushMs: number[] = []
  let lastLog = started
  for (let start = first; start < first + count; start += MAX_PUSH_ROWS) {
    const rows: PushRow[] = []
    for (let i = start; i < Math.min(first + count, start + MAX_PUSH_ROWS); i++) {
      const person = syntheticPerson(i, district)
      const [shortCode = '', officeText = '01'] = person.officeCode.split('-')
      const sequence = Number(person.registrationNumber.slice(-6))
      const doc = newRegistration(
        person,
        {
          officeCode: person.officeCode,
          kecamatanShortCode: shortCode,
          officeNumber: Number(officeText),
          clerk: `Operator ${person.officeCode}`,
        },
        sequence,
      )
      if (i < first + 400) assertValid(doc, district)
      rows.push({ newDocumentState: doc })
    }
    const response = await device.http.send<PushResponse>('POST', '/api/sync/participants/push', {
      token: device.token,
      body: { rows },
    })
    if (response.status !== 200) {
      throw new Error(`seed push failed: ${response.status} ${JSON.stringify(response.body)}`)
    }
    if (response.body.rejected.length > 0 || response.body.conflicts.length > 0) {
      throw new Error(`seed push refused rows: ${JSON.stringify(response.body).slice(0, 500)}`)
    }
    pushMs.push(response.ms)
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now()
      log(`  seeded ${start - first + rows.length} of ${count}`)
    }
  }
  return { rows: count, ms: performance.now() - started, pushMs }
}

export interface PullRun {
  batchSize: number
  /** 'direct' (loopback, no proxy) or 'throttled' (through the proxy). */
  link: 'direct' | 'throttled'
  pages: number
  documents: number
  wallMs: number
  /** Sum of the response bodies as sent (gzip). */
  gzipBodyBytes: number
  /** Sum of the decoded JSON bodies. */
  jsonBytes: number
  /** All bytes the proxy forwarded, headers and framing included (throttled runs only). */
  wireBytesToClient: number
  wireBytesToServer: number
  pageMs: number[]
  rateLimited: number
  cpu: CpuWindow | null
}

/** The app's pull loop: from checkpoint null, follow `remaining` until caught up. */
export async function pullEverything(
  http: HttpClient,
  device: LoggedInDevice,
  batchSize: number,
): Promise<Omit<PullRun, 'link' | 'wireBytesToClient' | 'wireBytesToServer' | 'cpu'>> {
  let checkpoint: PullResponse['checkpoint'] = null
  const run = {
    batchSize,
    pages: 0,
    documents: 0,
    wallMs: 0,
    gzipBodyBytes: 0,
    jsonBytes: 0,
    pageMs: [] as number[],
    rateLimited: 0,
  }
  const ids = new Set<string>()
  const started = performance.now()
  for (;;) {
    const query = new URLSearchParams({ limit: String(batchSize) })
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint))
    const page = await http.send<PullResponse>('GET', `/api/sync/participants/pull?${query}`, {
      token: device.token,
    })
    if (page.status === 429) {
      run.rateLimited++
      const wait = Number(page.headers['retry-after']) || 1
      await new Promise((resolve) => setTimeout(resolve, wait * 1000))
      continue
    }
    if (page.status !== 200) throw new Error(`pull failed: ${page.status}`)
    run.pages++
    run.pageMs.push(page.ms)
    run.gzipBodyBytes += page.wireBytes
    run.jsonBytes += page.bodyBytes
    for (const doc of page.body.documents) ids.add(doc.id)
    run.documents += page.body.documents.length
    checkpoint = page.body.checkpoint
    if (page.body.remaining === 0) break
  }
  run.wallMs = performance.now() - started
  if (ids.size !== run.documents) {
    throw new Error(`pull returned ${run.documents} documents but ${ids.size} distinct ids`)
  }
  return run
}

export async function pullDirect(
  server: BenchServer,
  device: LoggedInDevice,
  batchSize: number,
): Promise<PullRun> {
  const http = new HttpClient(server.url, { maxSockets: 1 })
  try {
    const cpu = startCpuWindow(server)
    const run = await pullEverything(http, device, batchSize)
    return { ...run, link: 'direct', wireBytesToClient: 0, wireBytesToServer: 0, cpu: cpu() }
  } finally {
    http.close()
  }
}

export async function pullThrottled(
  server: BenchServer,
  device: LoggedInDevice,
  batchSize: number,
  link: { latencyMs: number; bytesPerSecond: number },
): Promise<PullRun> {
  const proxy = await startFaultProxy({
    targetPort: Number(new URL(server.url).port),
    conditions: link,
  })
  const http = new HttpClient(proxy.url, { maxSockets: 1 })
  try {
    const cpu = startCpuWindow(server)
    const run = await pullEverything(http, device, batchSize)
    return {
      ...run,
      cpu: cpu(),
      link: 'throttled',
      wireBytesToClient: proxy.stats.bytesToClient,
      wireBytesToServer: proxy.stats.bytesToServer,
    }
  } finally {
    http.close()
    await proxy.close()
  }
}
