/**
 * A pull asked for before a push, and answered by the server before that push reached it, must
 * not put the record back as it was — the race measured in the e2e story of a JKM claim: the
 * claim went from "berkas lengkap" back to "dilaporkan" for a moment (a pull triggered by the
 * echo of the claim's opening came back after the next step's push was stored), and the move the
 * officer made in that moment was refused.
 *
 * Real parts: RxDB on fake-indexeddb with the app's SyncController and its live stream, a server
 * on PGlite. The only staging is in the office's fetch: the first pull answered with the record
 * after the first edit is handed to the app only once the second edit's push has been answered.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import type { Enrolment } from '../../renderer/src/devices/device-enrolment'
import { actingUserOf } from '../../renderer/src/core/acting-user'
import { ServerSession } from '../../renderer/src/core/server-session'
import { openStore, type NaunganStore } from '../../renderer/src/core/store/database'
import {
  registerParticipant,
  updateParticipant,
  type OfficeProfile,
} from '../../renderer/src/core/store/participant-repository'
import { SyncController } from '../../renderer/src/sync/sync-controller'
import {
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
} from '../server/support/server-fixture'
import { person } from '../unit/support/store-fixture'

let server: RunningServer
let store: NaunganStore | null = null
let session: ServerSession | null = null
let controller: SyncController | null = null

async function waitFor(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const started = performance.now()
  while (!(await probe())) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

beforeAll(async () => {
  server = await startTestServer('pglite')
}, 60_000)

afterAll(async () => {
  await controller?.stop()
  session?.close()
  await store?.close().catch(() => undefined)
  await server?.close()
})

it('an older answer to a pull sent before a push does not undo the pushed edit', async () => {
  const info = await createKecamatanOffice(server, '64.02.06', 1)
  const clerk = await enrolAndLogin(server, info)

  /** The id whose first pulled answer is held back, once, while staging. */
  let heldId: string | null = null
  let isHeld = false
  let releaseHeld: () => void = () => undefined
  const released = new Promise<void>((resolve) => (releaseHeld = resolve))
  let pushesAnswered = 0
  const stagedFetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const path = new URL(input).pathname
    const response = await fetch(input, init)
    if (heldId === null || path.endsWith('stream')) return response
    if (path === '/api/sync/participants/push') {
      const body = await response.text()
      pushesAnswered += 1
      return new Response(body, { status: response.status, headers: response.headers })
    }
    if (path === '/api/sync/participants/pull' && !isHeld) {
      const body = await response.text()
      if (!body.includes(heldId)) {
        return new Response(body, { status: response.status, headers: response.headers })
      }
      isHeld = true
      await released
      return new Response(body, { status: response.status, headers: response.headers })
    }
    return response
  }
  const enrolment: Enrolment = {
    serverUrl: server.url,
    deviceId: clerk.deviceId,
    deviceName: 'PC 1',
    office: info,
    enrolledAt: '2026-03-02T01:00:00.000Z',
  }
  session = new ServerSession({
    baseUrl: server.url,
    credential: { deviceId: clerk.deviceId, deviceSecret: clerk.deviceSecret },
    username: clerk.username,
    password: clerk.password,
    fetch: stagedFetch,
    onRevoked: () => undefined,
  })
  store = await openStore({
    name: `pull-before-push-${crypto.randomUUID()}`,
    secretHex: '18'.repeat(32),
    indexedDB,
    IDBKeyRange,
  })
  const settings: OfficeProfile = {
    kecamatanCode: '64.02.06',
    kecamatanShortCode: '06',
    officeNumber: 1,
    operatorName: clerk.session.user.displayName,
  }
  const office: OfficeProfile = {
    ...settings,
    actor: actingUserOf(settings, { user: clerk.session.user, enrolment }),
  }
  controller = new SyncController({
    store,
    enrolment,
    session,
    fetch: stagedFetch,
    linkEvents: new EventTarget(),
  })
  await controller.start()
  const open = store

  const nik = '6402065505907011'
  const registered = await registerParticipant(open, person({ nik, fullName: 'Eka Satu' }), {
    office,
  })
  await waitFor('the record on the server', async () => {
    const { rows } = await server.db.query('SELECT id FROM participants WHERE id = $1', [
      registered.id,
    ])
    return rows.length === 1
  })
  await waitFor('the sync to go quiet', () => controller?.getStatus().pendingCount === 0)
  await new Promise((resolve) => setTimeout(resolve, 1_000))

  const seen: string[] = []
  const watching = open.db.participants
    .findOne(registered.id)
    .$.subscribe((doc) => doc && seen.push(doc.get('fullName') as string))
  try {
    // The first edit is pushed; its echo makes the app pull, and that answer is held back.
    heldId = registered.id
    await updateParticipant(open, registered.id, person({ nik, fullName: 'Eka Dua' }), { office })
    await waitFor('the pull answered with the first edit', () => isHeld)
    // The second edit is pushed and its answer stored while that pull is still on its way.
    await updateParticipant(open, registered.id, person({ nik, fullName: 'Eka Tiga' }), {
      office,
    })
    await waitFor('both pushes answered', () => pushesAnswered >= 2)
    await waitFor('nothing left to send', () => controller?.getStatus().pendingCount === 0)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    releaseHeld()
    await new Promise((resolve) => setTimeout(resolve, 3_000))

    const doc = await open.db.participants.findOne(registered.id).exec()
    expect(doc?.get('fullName')).toBe('Eka Tiga')
    // Not even for a moment did the record go back to the first edit.
    expect(seen.slice(seen.indexOf('Eka Tiga'))).not.toContain('Eka Dua')
  } finally {
    watching.unsubscribe()
  }
}, 90_000)
