/**
 * The duplicate flag of a record reaches the office that pushed it even when a pull is answered
 * while that push's answer is still being handled — the race measured in the e2e story "a NIK
 * registered in both offices while apart is flagged duplikat on both": a pull retrying from the
 * offline spell and the push are woken by the same `online` event; the server answers the pull
 * after committing the push (with the flag it added); RxDB, with no server copy stored yet, skipped
 * that version and moved its checkpoint past it, so the flag never came.
 *
 * Real parts: RxDB stores on fake-indexeddb with the app's SyncController, a server on PGlite.
 * The only staging is in the fetch of office B: a pull waits until B's push has been answered,
 * and that answer is handed to the app 1.5 s late.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterAll, beforeAll, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import type { Enrolment } from '../../renderer/src/devices/device-enrolment'
import { actingUserOf } from '../../renderer/src/core/acting-user'
import { ServerSession } from '../../renderer/src/core/server-session'
import { openStore, type NaunganStore } from '../../renderer/src/core/store/database'
import {
  registerParticipant,
  type OfficeProfile,
} from '../../renderer/src/core/store/participant-repository'
import { SyncController } from '../../renderer/src/sync/sync-controller'
import {
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
} from '../server/support/server-fixture'
import { person } from '../unit/support/store-fixture'

interface Office {
  store: NaunganStore
  session: ServerSession
  controller: SyncController
  link: EventTarget
  profile: OfficeProfile
  /** Office B's link: every request fails while true. */
  isOffline: boolean
}

let server: RunningServer
const offices: Office[] = []
/** Staging for B, on while the story needs it. */
let isStaging = false
let pushAnswered: () => void = () => undefined
const pushWasAnswered = new Promise<void>((resolve) => (pushAnswered = resolve))

async function openOffice(officeNumber: number): Promise<Office> {
  const info = await createKecamatanOffice(server, '64.02.06', officeNumber)
  const clerk = await enrolAndLogin(server, info)
  const office = { isOffline: false } as Office
  const stagedFetch = async (input: string, init?: RequestInit): Promise<Response> => {
    if (office.isOffline) throw new TypeError('Failed to fetch')
    const path = new URL(input).pathname
    const isStaged = isStaging && officeNumber === 2
    if (isStaged && path === '/api/sync/participants/pull') await pushWasAnswered
    const response = await fetch(input, init)
    if (officeNumber === 2 && !path.endsWith('stream'))
      if (isStaged && path === '/api/sync/participants/push') {
        const body = await response.text()
        pushAnswered()
        await new Promise((resolve) => setTimeout(resolve, 1_500))
        return new Response(body, { status: response.status, headers: response.headers })
      }
    return response
  }
  const enrolment: Enrolment = {
    serverUrl: server.url,
    deviceId: clerk.deviceId,
    deviceName: `PC ${officeNumber}`,
    office: info,
    enrolledAt: new Date().toISOString(),
  }
  office.session = new ServerSession({
    baseUrl: server.url,
    credential: { deviceId: clerk.deviceId, deviceSecret: clerk.deviceSecret },
    username: clerk.username,
    password: clerk.password,
    fetch: stagedFetch,
    onRevoked: () => undefined,
  })
  office.store = await openStore({
    name: `pull-during-push-${officeNumber}-${Date.now()}`,
    secretHex: `${officeNumber}8`.repeat(32),
    indexedDB,
    IDBKeyRange,
  })
  office.link = new EventTarget()
  const settings: OfficeProfile = {
    kecamatanCode: '64.02.06',
    kecamatanShortCode: '06',
    officeNumber,
    operatorName: clerk.session.user.displayName,
  }
  // As at sign-in (App.tsx): the session's user acts, from this PC and office.
  office.profile = {
    ...settings,
    actor: actingUserOf(settings, { user: clerk.session.user, enrolment }),
  }
  office.controller = new SyncController({
    store: office.store,
    enrolment,
    session: office.session,
    fetch: stagedFetch,
    linkEvents: office.link,
  })
  await office.controller.start()
  offices.push(office)
  return office
}

async function duplicateFlagsOf(office: Office, id: string): Promise<number> {
  const doc = await office.store.db.participants.findOne(id).exec()
  return doc ? (doc.get('duplicates') as unknown[]).length : 0
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

beforeAll(async () => {
  server = await startTestServer('pglite')
}, 60_000)

afterAll(async () => {
  for (const office of offices) {
    await office.controller.stop()
    office.session.close()
    await office.store.close().catch(() => undefined)
  }
  await server?.close()
})

it('the office that pushed a duplicate gets the flag although a pull was answered during its push', async () => {
  const a = await openOffice(1)
  const b = await openOffice(2)
  const nik = '6402065505907001'
  const inA = await registerParticipant(a.store, person({ nik, fullName: 'Eka Satu' }), {
    office: a.profile,
  })
  await waitFor('A’s record on the server', async () => {
    const { rows } = await server.db.query('SELECT id FROM participants WHERE id = $1', [inA.id])
    return rows.length === 1
  })

  // B is apart: a pull (from "Sinkronkan sekarang") and then the push of its registration fail
  // and wait to retry.
  b.isOffline = true
  b.link.dispatchEvent(new Event('offline'))
  b.controller.syncNow()
  await new Promise((resolve) => setTimeout(resolve, 300))
  const inB = await registerParticipant(b.store, person({ nik, fullName: 'Eka Dua' }), {
    office: b.profile,
  })
  await new Promise((resolve) => setTimeout(resolve, 1_000))

  // The link returns: both retries go at once, the pull is answered after the push committed.
  isStaging = true
  b.isOffline = false
  b.link.dispatchEvent(new Event('online'))

  await waitFor('the flag at A', async () => (await duplicateFlagsOf(a, inA.id)) > 0)
  await waitFor('the flag at B', async () => (await duplicateFlagsOf(b, inB.id)) > 0)
  isStaging = false
}, 60_000)
