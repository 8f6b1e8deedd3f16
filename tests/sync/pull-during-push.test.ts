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
import { afterAll, beforeAll, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import { registerParticipant } from '../../renderer/src/core/store/participant-repository'
import { startTestServer } from '../server/support/server-fixture'
import { person } from '../unit/support/store-fixture'
import { openSyncOffice, waitFor, type SyncOffice } from './support/sync-office'

let server: RunningServer
const offices: SyncOffice[] = []
/** Office B's link: every request fails while true. */
let isBOffline = false
/** Staging for B, on while the story needs it. */
let isStaging = false
let pushAnswered: () => void = () => undefined
const pushWasAnswered = new Promise<void>((resolve) => (pushAnswered = resolve))

async function openOffice(officeNumber: number): Promise<SyncOffice> {
  const office = await openSyncOffice(server, '64.02.06', officeNumber, {
    stage: async (path, _init, send) => {
      if (officeNumber !== 2) return null
      if (isBOffline) throw new TypeError('Failed to fetch')
      if (!isStaging) return null
      if (path === '/api/sync/participants/pull') {
        await pushWasAnswered
        return null
      }
      if (path !== '/api/sync/participants/push') return null
      const response = await send()
      const body = await response.text()
      pushAnswered()
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      return new Response(body, { status: response.status, headers: response.headers })
    },
  })
  offices.push(office)
  return office
}

async function duplicateFlagsOf(office: SyncOffice, id: string): Promise<number> {
  const doc = await office.store.db.participants.findOne(id).exec()
  return doc ? (doc.get('duplicates') as unknown[]).length : 0
}

beforeAll(async () => {
  server = await startTestServer('pglite')
}, 60_000)

afterAll(async () => {
  for (const office of offices) await office.close()
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
  isBOffline = true
  b.link.dispatchEvent(new Event('offline'))
  b.controller.syncNow()
  await new Promise((resolve) => setTimeout(resolve, 300))
  const inB = await registerParticipant(b.store, person({ nik, fullName: 'Eka Dua' }), {
    office: b.profile,
  })
  await new Promise((resolve) => setTimeout(resolve, 1_000))

  // The link returns: both retries go at once, the pull is answered after the push committed.
  isStaging = true
  isBOffline = false
  b.link.dispatchEvent(new Event('online'))

  await waitFor('the flag at A', async () => (await duplicateFlagsOf(a, inA.id)) > 0)
  await waitFor('the flag at B', async () => (await duplicateFlagsOf(b, inB.id)) > 0)
  isStaging = false
}, 60_000)
