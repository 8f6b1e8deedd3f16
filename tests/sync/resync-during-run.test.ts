/**
 * A RESYNC (the live stream connecting, a change event) that comes while a first sync is busy.
 * RxDB drops one that comes before it asks for the run's next page, taking that page to hold the
 * change; with pages fetched ahead, the page's request may have gone out before the RESYNC came.
 * The controller counts the requests it sends, and sends the RESYNC again at the run's end when
 * no page asked for after it was taken (sync/resync-coverage.ts).
 *
 * Real parts: the server on PGlite over HTTP on 127.0.0.1, seeded through its push path; the
 * app's SyncController on RxDB (fake-indexeddb) with its live stream. The only staging: when the
 * stream may connect, and when the run's last page is answered.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import { MAX_PUSH_ROWS, PULL_BATCH_SIZE } from '../../shared/sync/sync-protocol'
import {
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  startTestServer,
  type TestClient,
} from '../server/support/server-fixture'
import { openSyncOffice, waitFor, type SyncOffice } from './support/sync-office'

const PULL = '/api/sync/participants/pull'
const STREAM = '/api/sync/participants/stream'
/** Two full pages and a short one: pull requests 1, 2 and 3. */
const RECORDS = PULL_BATCH_SIZE * 2 + 300
/** Past the live stream's 300 ms coalescing of RESYNCs, with room for a busy machine. */
const PAST_COALESCING_MS = 1_500

let server: RunningServer

beforeAll(async () => {
  server = await startTestServer('pglite')
}, 60_000)

afterAll(async () => {
  await server?.close()
}, 60_000)

async function seededOffice(
  kecamatanCode: string,
): Promise<{ seeder: TestClient; office: Awaited<ReturnType<typeof createKecamatanOffice>> }> {
  const office = await createKecamatanOffice(server, kecamatanCode, 1)
  const seeder = await enrolAndLogin(server, office)
  for (let start = 0; start < RECORDS; start += MAX_PUSH_ROWS) {
    const rows = Array.from({ length: Math.min(MAX_PUSH_ROWS, RECORDS - start) }, () => ({
      newDocumentState: makeParticipant(office),
    }))
    expect((await seeder.push(rows)).body.rejected).toEqual([])
  }
  return { seeder, office }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

it('a record registered after the last page was asked for, before the stream connected, still arrives', async () => {
  const { seeder, office: seederOffice } = await seededOffice('64.02.06')
  const later = makeParticipant(seederOffice)
  let pulls = 0
  let connectStream = () => {}
  const streamHeld = new Promise<void>((resolve) => (connectStream = resolve))
  let office: SyncOffice | null = null
  office = await openSyncOffice(server, '64.02.06', 2, {
    stage: async (path, _init, send) => {
      if (path === STREAM) await streamHeld
      if (path !== PULL || ++pulls !== 3) return null
      // The last page is answered; before the run has taken it, another office registers a
      // record and the live stream connects (RxDB takes its RESYNC as covered by that page).
      const answer = await send()
      expect((await seeder.push([{ newDocumentState: later }])).body.rejected).toEqual([])
      connectStream()
      await waitFor('the live stream', () => office?.controller.getStatus().live === true)
      await sleep(PAST_COALESCING_MS)
      return answer
    },
  })
  try {
    await waitFor(
      'every record and the later one',
      async () => (await office.store.db.participants.count().exec()) === RECORDS + 1,
      60_000,
    )
    expect(await office.store.db.participants.findOne(later.id).exec()).not.toBeNull()
    // The run's three pages, then the RESYNC it did not cover, sent again when it was over.
    expect(pulls).toBeGreaterThanOrEqual(4)
  } finally {
    connectStream()
    await office.close()
  }
}, 180_000)
