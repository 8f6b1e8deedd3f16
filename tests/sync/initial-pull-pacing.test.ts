/**
 * A fresh PC's first sync of an office holding more than two pages of participants: every record
 * arrives, each page is asked for once, and the store writes page by page — RxDB would otherwise
 * merge pages that arrive faster than they are written into one long write that freezes the
 * window (sync/pull-pacer.ts, docs/performance.md).
 *
 * Real parts: the server on PGlite over HTTP on 127.0.0.1, seeded through its push path; the
 * app's SyncController on a real RxDB store (fake-indexeddb).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import type { Enrolment } from '../../renderer/src/devices/device-enrolment'
import { ServerSession } from '../../renderer/src/core/server-session'
import { openStore, type NaunganStore } from '../../renderer/src/core/store/database'
import { getParticipant } from '../../renderer/src/core/store/participant-repository'
import { SyncController } from '../../renderer/src/sync/sync-controller'
import {
  MAX_PUSH_ROWS,
  PULL_BATCH_SIZE,
  type ParticipantWireDocument,
} from '../../shared/sync/sync-protocol'
import {
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  startTestServer,
} from '../server/support/server-fixture'
import { openSyncOffice } from './support/sync-office'

const RECORDS = PULL_BATCH_SIZE * 2 + 500

let server: RunningServer
let store: NaunganStore | undefined
let controller: SyncController | undefined

beforeAll(async () => {
  server = await startTestServer('pglite')
}, 60_000)

afterAll(async () => {
  await controller?.stop()
  await store?.close()
  await server?.close()
}, 60_000)

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs
  while (!(await probe())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

it('pulls every page once and writes them one page at a time', async () => {
  const office = await createKecamatanOffice(server, '64.02.06', 1)
  const seeder = await enrolAndLogin(server, office)
  const seeded: ParticipantWireDocument[] = []
  for (let start = 0; start < RECORDS; start += MAX_PUSH_ROWS) {
    const rows = Array.from({ length: Math.min(MAX_PUSH_ROWS, RECORDS - start) }, () => {
      const doc = makeParticipant(office)
      seeded.push(doc)
      return { newDocumentState: doc }
    })
    const pushed = await seeder.push(rows)
    expect(pushed.body.rejected).toEqual([])
  }

  const clerk = await enrolAndLogin(server, office)
  const pullPaths: string[] = []
  /** performance.now() when each pull was sent, and when its body had all arrived. */
  const sentAt: number[] = []
  const bodyEndedAt: number[] = []
  let pushes = 0
  const countingFetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input)
    if (url.pathname === '/api/sync/participants/push') pushes++
    if (url.pathname !== '/api/sync/participants/pull') return fetch(input, init)
    const headers = new Headers(init?.headers)
    // One URL for every page (one CORS preflight); the page is in the headers.
    pullPaths.push(`${url.search}|${headers.get('X-Naungan-Checkpoint') ?? 'start'}`)
    const index = sentAt.push(performance.now()) - 1
    const response = await fetch(input, init)
    // As on a slow link: the body takes a while after the head.
    const body = new Uint8Array(await response.arrayBuffer())
    const slowBody = new ReadableStream<Uint8Array>({
      async start(controller) {
        await new Promise((resolve) => setTimeout(resolve, 400))
        controller.enqueue(body)
        bodyEndedAt[index] = performance.now()
        controller.close()
      },
    })
    const responseHeaders = new Headers(response.headers)
    responseHeaders.delete('content-encoding')
    responseHeaders.delete('content-length')
    return new Response(slowBody, { status: response.status, headers: responseHeaders })
  }
  const session = new ServerSession({
    baseUrl: server.url,
    credential: { deviceId: clerk.deviceId, deviceSecret: clerk.deviceSecret },
    username: clerk.username,
    password: clerk.password,
    fetch: countingFetch,
    onRevoked: () => undefined,
  })
  store = await openStore({
    name: `initial-pull-${performance.now()}`,
    secretHex: '5d'.repeat(32),
    indexedDB,
    IDBKeyRange,
  })
  // Records written between two stored checkpoints: RxDB stores a page's checkpoint after its
  // records, so merged pages would show as more than a page's records before one checkpoint.
  // (The store writes in slices of 200 whatever RxDB hands it, so the size of each write
  // cannot tell.)
  let sinceCheckpoint = 0
  const betweenCheckpoints: number[] = []
  const watch = store.db.participants.eventBulks$.subscribe((bulk) => {
    sinceCheckpoint += bulk.events.length
  })
  const stopCheckpoints = store.onCheckpointStored(() => {
    if (sinceCheckpoint === 0) return
    betweenCheckpoints.push(sinceCheckpoint)
    sinceCheckpoint = 0
  })
  const enrolment: Enrolment = {
    serverUrl: server.url,
    deviceId: clerk.deviceId,
    deviceName: 'PC pengganti',
    office,
    enrolledAt: '2026-12-06T00:00:00.000Z',
  }
  controller = new SyncController({
    store,
    enrolment,
    session,
    fetch: countingFetch,
    linkEvents: new EventTarget(),
  })
  await controller.start()
  const local = store
  await waitFor('all records', async () => (await local.db.participants.count().exec()) >= RECORDS)
  await waitFor('the last checkpoint', () => Promise.resolve(sinceCheckpoint === 0))
  watch.unsubscribe()
  stopCheckpoints()

  expect(await local.db.participants.count().exec()).toBe(RECORDS)
  // Pages are written one at a time, each followed by its checkpoint, never merged into one
  // long write.
  expect(betweenCheckpoints.reduce((sum, size) => sum + size, 0)).toBe(RECORDS)
  expect(Math.max(...betweenCheckpoints)).toBeLessThanOrEqual(PULL_BATCH_SIZE)
  expect(betweenCheckpoints.length).toBeGreaterThanOrEqual(Math.ceil(RECORDS / PULL_BATCH_SIZE))
  // Each page of the first run was asked for once, the next one while the last was written.
  const firstRun = pullPaths.slice(0, Math.ceil(RECORDS / PULL_BATCH_SIZE))
  expect(new Set(firstRun).size).toBe(firstRun.length)
  expect(firstRun.every((request) => request.startsWith('|'))).toBe(true)
  // The page after a full one is asked for while the full one's body still arrives (its head
  // says what follows), so on a slow link no round trip sits between two pages.
  for (let page = 0; page + 1 < firstRun.length; page++) {
    expect(sentAt[page + 1]).toBeLessThan(bodyEndedAt[page] ?? -Infinity)
  }
  // RxDB's RESYNC may offer a record just pulled as a new local one (its meta row not written
  // yet): it is no local write and is not sent. A real local change of it is.
  const push = (
    controller as unknown as {
      push(rows: { newDocumentState: ParticipantWireDocument }[]): Promise<unknown[]>
    }
  ).push
  const { documents: onServer } = await clerk.pullAll(null, 5000)
  const lastPulled = onServer.at(-1)!
  const pushesBefore = pushes
  expect(await push([{ newDocumentState: structuredClone(lastPulled) }])).toEqual([])
  expect(pushes).toBe(pushesBefore)
  const changed = { ...structuredClone(lastPulled), rt: '009' }
  await push([{ newDocumentState: changed }])
  expect(pushes).toBe(pushesBefore + 1)
  // What arrived is what was pushed, NIK (sealed at rest) readable.
  for (const doc of [seeded[0], seeded[PULL_BATCH_SIZE + 7], seeded[RECORDS - 1]]) {
    const stored = await getParticipant(local, doc!.id)
    expect(stored?.nik).toBe(doc!.nik)
    expect(stored?.fullName).toBe(doc!.fullName)
    expect(stored?.nikIndex).toBe(local.keys.nikIndex.encode(doc!.nik))
  }
}, 240_000)

const STEP_MS = 40_000

it('asks once for an office of exactly one full page, and still gets what is registered after', async () => {
  const seederOffice = await createKecamatanOffice(server, '64.02.01', 1)
  const seeder = await enrolAndLogin(server, seederOffice)
  for (let start = 0; start < PULL_BATCH_SIZE; start += MAX_PUSH_ROWS) {
    const rows = Array.from({ length: Math.min(MAX_PUSH_ROWS, PULL_BATCH_SIZE - start) }, () => ({
      newDocumentState: makeParticipant(seederOffice),
    }))
    expect((await seeder.push(rows)).body.rejected).toEqual([])
  }
  let pulls = 0
  // The live stream connects only when the story lets it: it asks for a pull of its own when it
  // connects (anything may have changed meanwhile), and whether that comes before or after the
  // page depends on the machine's load.
  let connectStream = () => {}
  const streamHeld = new Promise<void>((resolve) => (connectStream = resolve))
  const office = await openSyncOffice(server, '64.02.01', 2, {
    stage: async (path) => {
      if (path === '/api/sync/participants/pull') pulls++
      if (path === '/api/sync/participants/stream') await streamHeld
      return null
    },
  })
  try {
    const { store: local, controller: running } = office
    // Each wait is well inside the test's time, so a stall names its step instead of timing out.
    await waitFor(
      'the full page',
      async () => (await local.db.participants.count().exec()) === PULL_BATCH_SIZE,
      STEP_MS,
    )
    await waitFor('the run to end', async () => running.getStatus().phase === 'synced', STEP_MS)
    // The page was full and the server said nothing follows: RxDB's request to hear that again
    // is answered without a round trip (it was a second pull).
    expect(pulls).toBe(1)

    // The live stream connects: its pull goes to the server, as a change may have come since.
    connectStream()
    await waitFor('the live stream', async () => running.getStatus().live, STEP_MS)
    await waitFor('the pull the live stream asks for', async () => pulls === 2, STEP_MS)

    // A record registered at the other office afterwards reaches this one (the live stream).
    const later = makeParticipant(seederOffice)
    expect((await seeder.push([{ newDocumentState: later }])).body.rejected).toEqual([])
    await waitFor(
      'the later record',
      async () => Boolean(await local.db.participants.findOne(later.id).exec()),
      STEP_MS,
    )
  } finally {
    connectStream()
    await office.close()
  }
}, 240_000)
