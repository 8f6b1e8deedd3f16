/**
 * A record pushed by RxDB's upstream RESYNC (the link returning, a held pull page) must not stay
 * "being pushed" for good. RxDB reports its upstream idle before a RESYNC pushes and not again
 * after, so the controller never learnt that push had settled: every pulled page holding that
 * record then withheld it, and another office's later edit of it never reached this PC (until
 * the clerk wrote something else).
 *
 * Real parts: two offices, each RxDB on fake-indexeddb with the app's SyncController and its
 * live stream, a server on PGlite. The only staging: office 1's push of one record is answered
 * only when the story says, so that the next edit and the link's return queue up behind it, as
 * they do when the clerk saves while a slow push is on its way.
 */
import { afterAll, beforeAll, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import {
  registerParticipant,
  updateParticipant,
} from '../../renderer/src/core/store/participant-repository'
import { startTestServer } from '../server/support/server-fixture'
import { person } from '../unit/support/store-fixture'
import { openSyncOffice, waitFor, type SyncOffice } from './support/sync-office'

let server: RunningServer
const offices: SyncOffice[] = []

beforeAll(async () => {
  server = await startTestServer('pglite')
}, 60_000)

afterAll(async () => {
  for (const office of offices) await office.close()
  await server?.close()
})

async function serverNameOf(id: string): Promise<string | null> {
  const { rows } = await server.db.query<{ name: string }>(
    "SELECT doc->>'fullName' AS name FROM participants WHERE id = $1",
    [id],
  )
  return rows[0]?.name ?? null
}

it('another office’s edit reaches a PC whose last push went out when the link returned', async () => {
  /** Whether office 1 holds back its next push, and the hold's release. */
  let isHolding = false
  let isPushHeld = false
  let releaseHeld: () => void = () => undefined
  const released = new Promise<void>((resolve) => (releaseHeld = resolve))
  const first = await openSyncOffice(server, '64.02.06', 1, {
    stage: (path, _init, send) => {
      if (path !== '/api/sync/participants/push' || !isHolding) return null
      isHolding = false
      isPushHeld = true
      return send().then(async (response) => {
        await released
        return response
      })
    },
  })
  offices.push(first)
  const second = await openSyncOffice(server, '64.02.06', 2)
  offices.push(second)

  const nik = '6402065505907022'
  const record = await registerParticipant(first.store, person({ nik, fullName: 'Budi Satu' }), {
    office: first.profile,
  })
  await waitFor('the record at office 2', async () =>
    Boolean(await second.store.db.participants.findOne(record.id).exec()),
  )
  await waitFor('office 1 quiet', () => first.controller.getStatus().pendingCount === 0)
  await new Promise((resolve) => setTimeout(resolve, 500))

  // A slow push is on its way; the clerk saves the record again, and the link comes back: RxDB
  // pushes that second save in its RESYNC.
  isHolding = true
  await updateParticipant(first.store, record.id, person({ nik, fullName: 'Budi Dua' }), {
    office: first.profile,
  })
  await waitFor('the slow push on its way', () => isPushHeld)
  await updateParticipant(first.store, record.id, person({ nik, fullName: 'Budi Tiga' }), {
    office: first.profile,
  })
  first.link.dispatchEvent(new Event('online'))
  await new Promise((resolve) => setTimeout(resolve, 300))
  releaseHeld()
  await waitFor(
    'office 1’s edits on the server',
    async () => (await serverNameOf(record.id)) === 'Budi Tiga',
  )
  await waitFor('office 1 quiet again', () => first.controller.getStatus().pendingCount === 0)

  // Office 2 takes that edit and corrects the name; office 1 must get the correction.
  await waitFor('office 2 holding office 1’s edit', async () => {
    const doc = await second.store.db.participants.findOne(record.id).exec()
    return doc?.get('fullName') === 'Budi Tiga'
  })
  await updateParticipant(second.store, record.id, person({ nik, fullName: 'Budi Empat' }), {
    office: second.profile,
  })
  await waitFor(
    'office 2’s edit on the server',
    async () => (await serverNameOf(record.id)) === 'Budi Empat',
  )
  await waitFor(
    'office 2’s edit at office 1',
    async () => {
      const doc = await first.store.db.participants.findOne(record.id).exec()
      return doc?.get('fullName') === 'Budi Empat'
    },
    15_000,
  )
}, 120_000)
