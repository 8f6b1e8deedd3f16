/**
 * RxDB pushes a write as soon as it is stored; the repository marks the write pending just after.
 * On a loaded machine the push's answer came first (2 CI runs of pull-before-push.test.ts), and the
 * late "pending" then stood until the record changed again: the header counted an edit as unsent
 * that was on the server, and signing out warned of it.
 *
 * Real parts: the app's SyncController on RxDB (fake-indexeddb) and a server on PGlite over HTTP.
 * The only staging is the order a loaded machine produced: the edit is stored, its push answered,
 * and only then marked, as `updateParticipant` marks it (`markLocalWrite`).
 */
import { expect, it } from 'vitest'
import { registerParticipant } from '../../renderer/src/core/store/participant-repository'
import { getSyncState, markLocalWrite } from '../../renderer/src/core/store/sync-state-repository'
import { person } from '../unit/support/store-fixture'
import { serverForStories, waitFor } from './support/sync-office'

const stories = serverForStories()

it('an edit whose push was answered before it was marked counts as sent', async () => {
  let pushesAnswered = 0
  const office = await stories.open('64.02.06', 1, {
    stage: async (path, _init, send) => {
      if (path !== '/api/sync/participants/push') return null
      const response = await send()
      const body = await response.text()
      pushesAnswered += 1
      return new Response(body, { status: response.status, headers: response.headers })
    },
  })
  const { store, controller, profile } = office
  const registered = await registerParticipant(
    store,
    person({ nik: '6402065505907012', fullName: 'Dewi Awal' }),
    { office: profile },
  )
  await waitFor('the registration sent', () => controller.getStatus().pendingCount === 0)
  const answeredBefore = pushesAnswered

  // The edit is stored (RxDB pushes it at once) and marked only once the server has answered.
  const doc = await store.db.participants.findOne(registered.id).exec()
  const edited = await doc!.incrementalPatch({
    address: 'Jl. Sudah Sampai 3',
    updatedAt: new Date(Date.parse(registered.updatedAt) + 60_000).toISOString(),
  })
  await waitFor('the edit’s push answered', () => pushesAnswered > answeredBefore)
  await waitFor('the edit on the server', async () => {
    const { rows } = await stories
      .server()
      .db.query<{ at: string }>("SELECT doc->>'updatedAt' AS at FROM participants WHERE id = $1", [
        registered.id,
      ])
    return rows[0]?.at === edited.updatedAt
  })
  // RxDB stores the server copy once the push handler (which records the answer) has returned.
  await waitFor('the answer stored', async () => {
    const copies = await controller.serverCopiesOf([registered.id])
    return copies.get(registered.id)?.updatedAt === edited.updatedAt
  })
  await markLocalWrite(store, edited.toMutableJSON())

  expect((await getSyncState(store, registered.id))?.state).toBe('synced')
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(controller.getStatus().pendingCount).toBe(0)
}, 60_000)
