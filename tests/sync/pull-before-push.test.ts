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
import { expect, it } from 'vitest'
import {
  registerParticipant,
  updateParticipant,
} from '../../renderer/src/core/store/participant-repository'
import { person } from '../unit/support/store-fixture'
import { serverForStories, waitFor } from './support/sync-office'

const stories = serverForStories()

/** The full names in a request or answer body, in order. */
function namesIn(body: unknown): string {
  if (typeof body !== 'string') return '?'
  return JSON.stringify([...body.matchAll(/"fullName":"([^"]*)"/g)].map((m) => m[1]))
}

it('an older answer to a pull sent before a push does not undo the pushed edit', async () => {
  /** The id whose first pulled answer is held back, once, while staging. */
  let heldId: string | null = null
  let isHeld = false
  let releaseHeld: () => void = () => undefined
  const released = new Promise<void>((resolve) => (releaseHeld = resolve))
  let pushesAnswered = 0
  /** What went over the wire while staging, for a failure's message. */
  const wire: string[] = []
  const office = await stories.open('64.02.06', 1, {
    stage: async (path, init, send) => {
      if (heldId === null || path.endsWith('stream')) return null
      if (path === '/api/sync/participants/push') {
        const names = namesIn(init?.body)
        const response = await send()
        const body = await response.text()
        pushesAnswered += 1
        wire.push(`push ${names} -> ${response.status} ${body.slice(0, 300)}`)
        return new Response(body, { status: response.status, headers: response.headers })
      }
      if (path !== '/api/sync/participants/pull') return null
      const response = await send()
      const body = await response.text()
      const holds = !isHeld && body.includes(heldId)
      wire.push(`pull -> ${response.status} ${namesIn(body)}${holds ? ' (held back)' : ''}`)
      if (holds) {
        isHeld = true
        await released
      }
      return new Response(body, { status: response.status, headers: response.headers })
    },
  })
  const { store: open, controller, profile } = office
  const nik = '6402065505907011'
  const registered = await registerParticipant(open, person({ nik, fullName: 'Eka Satu' }), {
    office: profile,
  })
  await waitFor('the record on the server', async () => {
    const { rows } = await stories
      .server()
      .db.query('SELECT id FROM participants WHERE id = $1', [registered.id])
    return rows.length === 1
  })
  /** What the office and the server hold, for a failure's message. */
  const explain = async () => {
    const state = await open.db.participant_sync.findOne(registered.id).exec()
    const local = await open.db.participants.findOne(registered.id).exec()
    const { rows } = await stories
      .server()
      .db.query<{ name: string; txid: string }>(
        "SELECT doc->>'fullName' AS name, txid::text FROM participants WHERE id = $1",
        [registered.id],
      )
    const internal = (
      controller as unknown as {
        replication?: {
          internalReplicationState?: {
            stats: unknown
            events: { active: Record<'up' | 'down', { getValue(): boolean }> }
          }
        }
      }
    ).replication?.internalReplicationState
    return {
      wire,
      state: state?.toJSON(),
      local: [local?.get('fullName'), local?.get('updatedAt')],
      server: rows[0] ?? null,
      status: controller.getStatus(),
      active: internal && {
        up: internal.events.active.up.getValue(),
        down: internal.events.active.down.getValue(),
      },
      stats: internal?.stats,
    }
  }

  await waitFor('the sync to go quiet', () => controller.getStatus().pendingCount === 0)
  await new Promise((resolve) => setTimeout(resolve, 1_000))

  const seen: string[] = []
  const watching = open.db.participants
    .findOne(registered.id)
    .$.subscribe((doc) => doc && seen.push(doc.get('fullName') as string))
  try {
    // The first edit is pushed; its echo makes the app pull, and that answer is held back.
    heldId = registered.id
    await updateParticipant(open, registered.id, person({ nik, fullName: 'Eka Dua' }), {
      office: profile,
    })
    await waitFor('the pull answered with the first edit', () => isHeld, 20_000, explain)
    // The second edit is pushed and its answer stored while that pull is still on its way.
    await updateParticipant(open, registered.id, person({ nik, fullName: 'Eka Tiga' }), {
      office: profile,
    })
    await waitFor('both pushes answered', () => pushesAnswered >= 2, 20_000, explain)
    await waitFor(
      'nothing left to send',
      () => controller.getStatus().pendingCount === 0,
      20_000,
      explain,
    )
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
