/**
 * Benchmark 1: many kecamatan offices pushing and pulling at once against one server.
 *
 * Each simulated office is its own enrolled device in its own kecamatan office (20 kecamatan,
 * office numbers 1..3), holds the live event stream open like the app, and loops: push a batch of
 * its own new and edited participants (edits carry the server copy it last saw as
 * `assumedMasterState`), then pull from its checkpoint until caught up. Two paces:
 *
 * - paced: one push + pull cycle every `paceMs` (uniform in the range), offices started at random
 *   points of the first interval;
 * - max: back to back, no pause — the server's saturated throughput.
 *
 * A 429 is counted apart from errors; the office waits Retry-After (as the app does) and sends
 * the same request again.
 */
import type { District } from '../../../shared/district/district-config'
import type {
  ApiError,
  ParticipantWireDocument,
  PullCheckpoint,
  PullResponse,
  PushResponse,
  PushRow,
} from '../../../shared/sync/sync-protocol'
import type { RunningServer } from '../../../server/server'
import { prng } from '../synthetic-people'
import {
  SLOTS_PER_KECAMATAN,
  editedRegistration,
  newRegistration,
  personInKecamatan,
  type Registrar,
} from './bench-participants'
import {
  createKecamatanOffice,
  enrolAndLoginOverHttp,
  makeAccount,
  startCpuWindow,
  type BenchAccount,
  type BenchServer,
  type CpuWindow,
  type LoggedInDevice,
} from './bench-server'
import { HttpClient, type HttpResult } from './http-client'

export const OFFICE_NUMBERS_PER_KECAMATAN = 3

/** 20 kecamatan × office 1..3, in the order office 1 of every kecamatan, then office 2, … */
export async function createOfficeAccounts(
  server: RunningServer,
  district: District,
  count: number,
): Promise<{ offices: BenchAccount[]; central: BenchAccount }> {
  const kecamatan = district.regions.kecamatan
  if (count > kecamatan.length * OFFICE_NUMBERS_PER_KECAMATAN) {
    throw new Error(`At most ${kecamatan.length * OFFICE_NUMBERS_PER_KECAMATAN} offices`)
  }
  const offices: BenchAccount[] = []
  for (let i = 0; i < count; i++) {
    const region = kecamatan[i % kecamatan.length]
    if (!region) throw new Error('no kecamatan')
    const office = await createKecamatanOffice(
      server,
      region.code,
      1 + Math.floor(i / kecamatan.length),
    )
    offices.push(await makeAccount(server, office))
  }
  const central = await makeAccount(server, await server.admin.ensureCentralOffice())
  return { offices, central }
}

export interface LoadOptions {
  mode: 'paced' | 'max'
  durationMs: number
  /** Pause range between the starts of two cycles of one office (paced mode). */
  paceMs: [number, number]
  /** Rows per push, uniform in the range. */
  batchRows: [number, number]
  /** Share of each batch that edits records the office pushed before. */
  editShare: number
  /** The app's pull batch size. */
  pullLimit: number
}

export interface LoadResult {
  mode: LoadOptions['mode']
  offices: number
  elapsedMs: number
  pushes: number
  rowsPushed: number
  newRows: number
  editedRows: number
  pushMs: number[]
  pulls: number
  pulledDocs: number
  pullMs: number[]
  /** Non-2xx other than 429, network failures, rows rejected by the server. */
  errors: number
  errorSamples: string[]
  rateLimited: number
  conflicts: number
  liveEvents: number
  cpu: CpuWindow | null
  /** Offices that ran out of fresh people and pushed edits only for the rest of the run. */
  officesOutOfPeople: number
}

interface OfficeState {
  device: LoggedInDevice
  kecamatanIndex: number
  registrar: Registrar
  nextSlot: number
  lastSlot: number
  sequence: number
  /** The server copy of every record this office registered, as last pushed or pulled. */
  master: Map<string, ParticipantWireDocument>
  ownIds: string[]
  checkpoint: PullCheckpoint | null
  /** Every document id this office has pulled. */
  pulledIds: Set<string>
  random: () => number
  editSeed: number
}

export interface LoadSession {
  states: OfficeState[]
  streams: { events(): number; close(): void }[]
  close(): void
}

/** Enrols and logs in every office's device and opens its live event stream. */
export async function connectOffices(
  server: BenchServer,
  district: District,
  accounts: BenchAccount[],
): Promise<LoadSession> {
  const kecamatan = district.regions.kecamatan
  const states: OfficeState[] = []
  // One at a time: enrolment and login share the per-IP bucket (300 burst) like offices behind
  // one NAT; 50 offices need 100 requests.
  for (const [index, account] of accounts.entries()) {
    const device = await enrolAndLoginOverHttp(server.url, account, new HttpClient(server.url))
    const office = account.office
    const kecamatanIndex = kecamatan.findIndex((region) => region.code === office.kecamatanCode)
    const region = kecamatan[kecamatanIndex]
    if (!region || office.officeNumber === null) throw new Error('not a kecamatan office')
    // Office n of a kecamatan takes its own third of the kecamatan's NIK slots.
    const share = Math.floor(SLOTS_PER_KECAMATAN / OFFICE_NUMBERS_PER_KECAMATAN)
    states.push({
      device,
      kecamatanIndex,
      registrar: {
        officeCode: office.code,
        kecamatanShortCode: region.shortCode,
        officeNumber: office.officeNumber,
        clerk: account.displayName,
      },
      nextSlot: (office.officeNumber - 1) * share,
      lastSlot: office.officeNumber * share - 1,
      sequence: 0,
      master: new Map(),
      ownIds: [],
      checkpoint: null,
      pulledIds: new Set(),
      random: prng(1000 + index),
      editSeed: index * 1_000_000,
    })
  }
  const streams = await Promise.all(
    states.map((state) => state.device.http.openEventStream(state.device.token)),
  )
  return {
    states,
    streams,
    close() {
      for (const stream of streams) stream.close()
      for (const state of states) state.device.http.close()
    },
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function retryAfterMs(result: HttpResult): number {
  const header = Number(result.headers['retry-after'])
  return (Number.isFinite(header) && header > 0 ? header : 1) * 1000
}

function describeFailure(result: HttpResult): string {
  const body = result.body as ApiError | string | null
  const code = typeof body === 'object' && body?.error ? body.error.code : String(body).slice(0, 80)
  return `${result.status} ${code}`
}

export async function runOfficeLoad(
  session: LoadSession,
  server: BenchServer,
  district: District,
  options: LoadOptions,
  log: (message: string) => void,
): Promise<LoadResult> {
  const result: LoadResult = {
    mode: options.mode,
    offices: session.states.length,
    elapsedMs: 0,
    pushes: 0,
    rowsPushed: 0,
    newRows: 0,
    editedRows: 0,
    pushMs: [],
    pulls: 0,
    pulledDocs: 0,
    pullMs: [],
    errors: 0,
    errorSamples: [],
    rateLimited: 0,
    conflicts: 0,
    liveEvents: 0,
    cpu: null,
    officesOutOfPeople: 0,
  }
  const noteError = (message: string) => {
    result.errors++
    if (result.errorSamples.length < 5) result.errorSamples.push(message)
  }
  const eventsBefore = session.streams.reduce((total, stream) => total + stream.events(), 0)
  const cpu = startCpuWindow(server)
  const started = performance.now()
  const deadline = started + options.durationMs
  let outOfPeople = 0

  /** Sends until the answer is not a 429 (waiting Retry-After in between). */
  async function send<T>(
    attempt: () => Promise<HttpResult<T>>,
    latencies: number[],
  ): Promise<HttpResult<T> | null> {
    for (;;) {
      let response: HttpResult<T>
      try {
        response = await attempt()
      } catch (error) {
        noteError(`network: ${(error as Error).message}`)
        return null
      }
      if (response.status === 429) {
        result.rateLimited++
        await sleep(retryAfterMs(response))
        continue
      }
      latencies.push(response.ms)
      if (response.status !== 200) {
        noteError(describeFailure(response))
        return null
      }
      return response
    }
  }

  function buildBatch(state: OfficeState): PushRow[] {
    const [low, high] = options.batchRows
    const size = low + Math.floor(state.random() * (high - low + 1))
    const editCount = Math.min(Math.round(size * options.editShare), state.ownIds.length)
    const rows: PushRow[] = []
    const chosen = new Set<string>()
    while (chosen.size < editCount) {
      chosen.add(state.ownIds[Math.floor(state.random() * state.ownIds.length)] as string)
    }
    for (const id of chosen) {
      const master = state.master.get(id) as ParticipantWireDocument
      rows.push({
        assumedMasterState: master,
        newDocumentState: editedRegistration(master, state.registrar.clerk, ++state.editSeed),
      })
    }
    while (rows.length < size) {
      if (state.nextSlot > state.lastSlot) {
        // No fresh NIKs left for this office: edits only (reported).
        if (state.ownIds.length === 0) break
        const id = state.ownIds[Math.floor(state.random() * state.ownIds.length)] as string
        if (chosen.has(id)) continue
        chosen.add(id)
        const master = state.master.get(id) as ParticipantWireDocument
        rows.push({
          assumedMasterState: master,
          newDocumentState: editedRegistration(master, state.registrar.clerk, ++state.editSeed),
        })
        continue
      }
      const person = personInKecamatan(state.kecamatanIndex, state.nextSlot++, district)
      rows.push({
        newDocumentState: newRegistration(person, state.registrar, ++state.sequence),
      })
    }
    return rows
  }

  async function cycle(state: OfficeState): Promise<void> {
    const rows = buildBatch(state)
    const { token, http } = state.device
    const push = await send(
      () =>
        http.send<PushResponse>('POST', '/api/sync/participants/push', { token, body: { rows } }),
      result.pushMs,
    )
    result.pushes++
    result.rowsPushed += rows.length
    if (push) {
      const refused = new Set<string>()
      for (const conflict of push.body.conflicts) {
        result.conflicts++
        refused.add(conflict.id)
        // The client would merge; here the server copy simply becomes the office's master.
        state.master.set(conflict.id, conflict)
      }
      for (const rejection of push.body.rejected) {
        refused.add(rejection.id)
        noteError(`rejected ${rejection.code}: ${rejection.message.slice(0, 120)}`)
      }
      for (const row of rows) {
        const doc = row.newDocumentState
        if (refused.has(doc.id)) continue
        if (!state.master.has(doc.id)) {
          state.ownIds.push(doc.id)
          result.newRows++
        } else {
          result.editedRows++
        }
        state.master.set(doc.id, doc)
      }
    }
    // Pull from the checkpoint until caught up, as RxDB does after a push or a live event.
    for (let page = 0; page < 50; page++) {
      const query = new URLSearchParams({ limit: String(options.pullLimit) })
      if (state.checkpoint) query.set('checkpoint', JSON.stringify(state.checkpoint))
      const pull = await send(
        () => http.send<PullResponse>('GET', `/api/sync/participants/pull?${query}`, { token }),
        result.pullMs,
      )
      result.pulls++
      if (!pull) break
      result.pulledDocs += pull.body.documents.length
      for (const doc of pull.body.documents) {
        state.pulledIds.add(doc.id)
        if (state.master.has(doc.id)) state.master.set(doc.id, doc)
      }
      state.checkpoint = pull.body.checkpoint ?? state.checkpoint
      if (pull.body.remaining === 0) break
    }
  }

  async function office(state: OfficeState): Promise<void> {
    const [low, high] = options.paceMs
    if (options.mode === 'paced') await sleep(state.random() * high)
    while (performance.now() < deadline) {
      const cycleStart = performance.now()
      await cycle(state)
      if (options.mode === 'paced') {
        const pause = low + state.random() * (high - low)
        const wait = cycleStart + pause - performance.now()
        if (performance.now() + Math.max(0, wait) >= deadline) break
        if (wait > 0) await sleep(wait)
      }
    }
    if (state.nextSlot > state.lastSlot) outOfPeople++
  }

  const ticker = setInterval(() => {
    const seconds = ((performance.now() - started) / 1000).toFixed(0)
    log(
      `  ${options.mode} ${seconds}s: ${result.pushes} pushes, ${result.pulls} pulls, ` +
        `${result.errors} errors, ${result.rateLimited}×429`,
    )
  }, 10_000)
  try {
    await Promise.all(session.states.map((state) => office(state)))
  } finally {
    clearInterval(ticker)
  }
  result.elapsedMs = performance.now() - started
  result.cpu = cpu()
  // Give the last NOTIFYs a moment to reach the streams before counting.
  await sleep(500)
  result.liveEvents =
    session.streams.reduce((sum, stream) => sum + stream.events(), 0) - eventsBefore
  result.officesOutOfPeople = outOfPeople
  return result
}

/** Every document a device may see, by pulling from null until caught up. */
async function pullAllIds(device: LoggedInDevice, checkpoint: PullCheckpoint | null = null) {
  const docs = new Map<string, ParticipantWireDocument>()
  let current = checkpoint
  for (;;) {
    const query = new URLSearchParams({ limit: '1000' })
    if (current) query.set('checkpoint', JSON.stringify(current))
    const page = await device.http.send<PullResponse>(
      'GET',
      `/api/sync/participants/pull?${query}`,
      { token: device.token },
    )
    if (page.status === 429) {
      await sleep(retryAfterMs(page))
      continue
    }
    if (page.status !== 200) throw new Error(`pull failed: ${page.status}`)
    for (const doc of page.body.documents) docs.set(doc.id, doc)
    current = page.body.checkpoint ?? current
    if (page.body.remaining === 0) return { docs, checkpoint: current }
  }
}

export interface Convergence {
  serverRows: number
  /** Offices that hold every row of their kecamatan after a last catch-up pull. */
  convergedOffices: number
  offices: number
  /** Rows of its kecamatan an office never received, summed over offices. */
  missingRows: number
}

/**
 * After the load: every office pulls once more from its checkpoint, then its pulled ids are
 * compared with everything a district-wide device pulls from null for that kecamatan.
 */
export async function verifyConvergence(
  session: LoadSession,
  central: LoggedInDevice,
): Promise<Convergence> {
  for (const state of session.states) {
    const { docs, checkpoint } = await pullAllIds(state.device, state.checkpoint)
    for (const id of docs.keys()) state.pulledIds.add(id)
    state.checkpoint = checkpoint
  }
  const { docs } = await pullAllIds(central)
  const byKecamatan = new Map<string, string[]>()
  for (const doc of docs.values()) {
    byKecamatan.set(doc.kecamatanCode, [...(byKecamatan.get(doc.kecamatanCode) ?? []), doc.id])
  }
  let convergedOffices = 0
  let missingRows = 0
  for (const state of session.states) {
    const expected = byKecamatan.get(state.device.account.office.kecamatanCode ?? '') ?? []
    const missing = expected.filter((id) => !state.pulledIds.has(id)).length
    missingRows += missing
    if (missing === 0) convergedOffices++
  }
  return {
    serverRows: docs.size,
    convergedOffices,
    offices: session.states.length,
    missingRows,
  }
}
