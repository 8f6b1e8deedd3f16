/**
 * A kecamatan office as the app runs one, for sync stories in Node: its own store (RxDB on
 * fake-indexeddb), a ServerSession and the app's SyncController against a real test server, with
 * its own `online`/`offline` events. `stage` sits in front of the real `fetch`, so a story can
 * hold back or delay one request; everything else goes over HTTP to the server as it is.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterAll, beforeAll } from 'vitest'
import type { RunningServer } from '../../../server/server'
import type { Enrolment } from '../../../renderer/src/devices/device-enrolment'
import { actingUserOf } from '../../../renderer/src/core/acting-user'
import { ServerSession } from '../../../renderer/src/core/server-session'
import { openStore, type NaunganStore } from '../../../renderer/src/core/store/database'
import type { OfficeProfile } from '../../../renderer/src/core/store/participant-repository'
import { SyncController } from '../../../renderer/src/sync/sync-controller'
import {
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
} from '../../server/support/server-fixture'

/** Answers a request itself (calling `send` for the real answer), or leaves it alone (null). */
export type Stage = (
  path: string,
  init: RequestInit | undefined,
  send: () => Promise<Response>,
) => Promise<Response | null> | null

export interface SyncOffice {
  store: NaunganStore
  session: ServerSession
  /** What the PC was enrolled with (its office, the server's address). */
  enrolment: Enrolment
  controller: SyncController
  /** Dispatch `online` / `offline` here. */
  link: EventTarget
  /** What the office's clerk writes with (`registerParticipant`, `updateParticipant`). */
  profile: OfficeProfile
  /**
   * The app opened again on this PC: the running sync stopped (if it still runs) and a new one
   * started on the same store, session and link, as at the next sign-in. `controller` is then
   * the new one.
   */
  restart(): Promise<void>
  close(): Promise<void>
}

/**
 * A server on PGlite for the calling file's stories: started before them, closed after them
 * together with every office opened through `open`.
 */
export function serverForStories(): {
  server: () => RunningServer
  open: (
    kecamatanCode: string,
    officeNumber: number,
    options?: Parameters<typeof openSyncOffice>[3],
  ) => Promise<SyncOffice>
} {
  let running: RunningServer | null = null
  const offices: SyncOffice[] = []
  beforeAll(async () => {
    running = await startTestServer('pglite')
  }, 60_000)
  afterAll(async () => {
    for (const office of offices) await office.close()
    await running?.close()
  }, 60_000)
  const server = () => {
    if (!running) throw new Error('the server starts before the stories')
    return running
  }
  return {
    server,
    async open(kecamatanCode, officeNumber, options) {
      const office = await openSyncOffice(server(), kecamatanCode, officeNumber, options)
      offices.push(office)
      return office
    },
  }
}

/** Opens office `officeNumber` of `kecamatanCode`, enrolled, logged in and syncing. */
export async function openSyncOffice(
  server: RunningServer,
  kecamatanCode: string,
  officeNumber: number,
  options: { stage?: Stage; enrolledAt?: string } = {},
): Promise<SyncOffice> {
  const info = await createKecamatanOffice(server, kecamatanCode, officeNumber)
  const clerk = await enrolAndLogin(server, info)
  const stagedFetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const send = () => fetch(input, init)
    return (await options.stage?.(new URL(input).pathname, init, send)) ?? send()
  }
  const enrolment: Enrolment = {
    serverUrl: server.url,
    deviceId: clerk.deviceId,
    deviceName: `PC ${officeNumber}`,
    office: info,
    enrolledAt: options.enrolledAt ?? '2026-03-02T01:00:00.000Z',
  }
  const session = new ServerSession({
    baseUrl: server.url,
    credential: { deviceId: clerk.deviceId, deviceSecret: clerk.deviceSecret },
    username: clerk.username,
    password: clerk.password,
    fetch: stagedFetch,
    onRevoked: () => undefined,
  })
  const store = await openStore({
    name: `sync-office-${officeNumber}-${crypto.randomUUID()}`,
    secretHex: `${officeNumber % 10}8`.repeat(32),
    indexedDB,
    IDBKeyRange,
  })
  const link = new EventTarget()
  const settings: OfficeProfile = {
    kecamatanCode,
    kecamatanShortCode: kecamatanCode.slice(-2),
    officeNumber,
    operatorName: clerk.session.user.displayName,
  }
  // As at sign-in (App.tsx): the session's user acts, from this PC and office.
  const profile: OfficeProfile = {
    ...settings,
    actor: actingUserOf(settings, { user: clerk.session.user, enrolment }),
  }
  const startController = async () => {
    const started = new SyncController({
      store,
      enrolment,
      session,
      fetch: stagedFetch,
      linkEvents: link,
    })
    await started.start()
    return started
  }
  let controller = await startController()
  return {
    store,
    session,
    enrolment,
    get controller() {
      return controller
    },
    link,
    profile,
    async restart() {
      await controller.stop()
      controller = await startController()
    },
    async close() {
      await boundedStep(officeNumber, 'controller.stop()', controller.stop())
      session.close()
      await boundedStep(officeNumber, 'store.close()', store.close())
    },
  }
}

/**
 * One step of closing an office, bounded. Once (a CI run on 2026-12-07, clock moved, every suite
 * in parallel) closing the offices of `resync-push.test.ts` took over 60 s after its story had
 * passed, and the hook's timeout failed the run; which step stalled was not recorded and could
 * not be reproduced alone. A step still pending after `limitMs` is now named on stderr, so the
 * next occurrence says where, and the rest of the office is closed.
 */
async function boundedStep(
  officeNumber: number,
  what: string,
  work: Promise<unknown>,
  limitMs = 15_000,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const stalled = new Promise<'stalled'>((resolve) => {
    timer = setTimeout(() => resolve('stalled'), limitMs)
  })
  const outcome = await Promise.race([
    work.then(
      () => 'done' as const,
      () => 'done' as const,
    ),
    stalled,
  ])
  clearTimeout(timer)
  if (outcome === 'stalled') {
    console.warn(
      `sync office ${officeNumber}: ${what} still pending after ${limitMs / 1000} s; closing the rest`,
    )
  }
}

/**
 * Polls `probe` every 50 ms (by `performance.now`, not the wall clock) until it holds. On a
 * timeout, `explain` (if given) says what the story saw, so a failure in CI can be read.
 */
export async function waitFor(
  what: string,
  probe: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  explain?: () => unknown,
): Promise<void> {
  const started = performance.now()
  while (!(await probe())) {
    if (performance.now() - started > timeoutMs) {
      const seen = explain ? `; seen: ${JSON.stringify(await explain())}` : ''
      throw new Error(`timed out waiting for ${what}${seen}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
