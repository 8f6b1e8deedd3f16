/**
 * The audit trail end to end: two PCs of one office (real RxDB stores on fake-indexeddb, the app's
 * SyncController) and a real server on PGlite. What one PC writes reaches the server and shows in
 * the other PC's history of that participant; an entry the server refuses is recorded once and
 * never sent again; an entry without a PC (standalone, or from before the audit trail) stays home.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { currentTime } from '../../shared/dates/clock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../shared/audit/audit-entry'
import type { OfficeInfo } from '../../shared/sync/sync-protocol'
import type { RunningServer } from '../../server/server'
import { actingUserOf } from '../../renderer/src/core/acting-user'
import { loadAuditRefusals } from '../../renderer/src/core/store/audit-refusals'
import type { Enrolment } from '../../renderer/src/devices/device-enrolment'
import { ServerSession } from '../../renderer/src/core/server-session'
import { openStore, type NaunganStore } from '../../renderer/src/core/store/database'
import {
  getParticipantHistory,
  registerParticipant,
  updateParticipant,
  type OfficeProfile,
} from '../../renderer/src/core/store/participant-repository'
import { SyncController } from '../../renderer/src/sync/sync-controller'
import {
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
  type TestClient,
} from '../server/support/server-fixture'
import { person } from '../unit/support/store-fixture'
import { withoutReceipt } from '../support/receipts'

interface Pc {
  clerk: TestClient
  profile: OfficeProfile
  store: NaunganStore
  session: ServerSession
  controller: SyncController
  /** Bodies of every audit push this PC sent. */
  auditPushes: string[]
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('audit trail replication between two PCs of one office', () => {
  let server: RunningServer
  let office: OfficeInfo
  const pcs: Pc[] = []

  async function startPc(name: string): Promise<Pc> {
    const clerk = await enrolAndLogin(server, office)
    const settings: OfficeProfile = {
      kecamatanCode: '64.02.06',
      kecamatanShortCode: '06',
      officeNumber: 1,
      operatorName: clerk.session.user.displayName,
    }
    // As at sign-in (App.tsx): the session's user acts, from this PC and office.
    const signedIn = { user: clerk.session.user, enrolment: { deviceId: clerk.deviceId, office } }
    const profile: OfficeProfile = { ...settings, actor: actingUserOf(settings, signedIn) }
    const store = await openStore({
      name: `audit-${name}-${performance.now()}`,
      secretHex: (name.charCodeAt(0).toString(16) + '9').repeat(32).slice(0, 64),
      indexedDB,
      IDBKeyRange,
    })
    const auditPushes: string[] = []
    const recordingFetch = (input: string, init?: RequestInit) => {
      if (input.endsWith('/api/sync/audit/push')) auditPushes.push(String(init?.body))
      return fetch(input, init)
    }
    const enrolment: Enrolment = {
      serverUrl: server.url,
      deviceId: clerk.deviceId,
      deviceName: `PC ${name}`,
      office,
      enrolledAt: currentTime().toISOString(),
    }
    const session = new ServerSession({
      baseUrl: server.url,
      credential: { deviceId: clerk.deviceId, deviceSecret: clerk.deviceSecret },
      username: clerk.username,
      password: clerk.password,
      fetch: recordingFetch,
      onRevoked: () => undefined,
    })
    const controller = new SyncController({
      store,
      enrolment,
      session,
      fetch: recordingFetch,
      linkEvents: new EventTarget(),
    })
    await controller.start()
    const pc = { clerk, profile, store, session, controller, auditPushes }
    pcs.push(pc)
    return pc
  }

  async function onServer(ids: string[]): Promise<AuditEntry[]> {
    const { rows } = await server.db.query<{ entry: AuditEntry }>(
      'SELECT entry FROM audit_entries WHERE id = ANY($1::text[])',
      [ids],
    )
    return rows.map((row) => row.entry)
  }

  beforeAll(async () => {
    server = await startTestServer('pglite')
    office = await createKecamatanOffice(server, '64.02.06', 1)
  }, 60_000)

  afterAll(async () => {
    for (const pc of pcs) {
      await pc.controller.stop()
      pc.session.close()
      await pc.store.close().catch(() => undefined)
    }
    await server?.close()
  })

  it("one PC's history reaches the server and the other PC's view of the participant", async () => {
    const a = await startPc('a')
    const b = await startPc('b')

    const registered = await registerParticipant(a.store, person(), { office: a.profile })
    await updateParticipant(a.store, registered.id, person({ address: 'Jl. Baru No. 3' }), {
      office: a.profile,
    })
    const written = await getParticipantHistory(a.store, registered.id)
    expect(written).toHaveLength(2)

    // Up to the server, exactly as written (masked NIK included).
    const stored = await waitFor('A’s entries on the server', async () => {
      const found = await onServer(written.map((entry) => entry.id))
      return found.length === 2 ? found : null
    })
    expect(stored).toEqual(expect.arrayContaining(written))
    expect(JSON.stringify(stored)).not.toMatch(/6402065505900001/)

    // Down to B, into the participant's history there.
    const atB = await waitFor('A’s entries at B', async () => {
      const history = await getParticipantHistory(b.store, registered.id)
      return history.length === 2 ? history : null
    })
    expect(atB.map(withoutReceipt)).toEqual(written.map(withoutReceipt))

    // B edits too: its entry, by its own clerk and PC, reaches A.
    await waitFor(
      'the participant at B',
      async () => (await b.store.db.participants.findOne(registered.id).exec()) !== null,
    )
    await updateParticipant(b.store, registered.id, person({ address: 'Jl. Dari B No. 4' }), {
      office: b.profile,
    })
    const atA = await waitFor('B’s entry at A', async () => {
      const history = await getParticipantHistory(a.store, registered.id)
      return history.length === 3 ? history : null
    })
    expect(atA[2]).toMatchObject({
      by: b.clerk.session.user.displayName,
      deviceId: b.clerk.deviceId,
      kind: 'updated',
    })
  }, 60_000)

  it('an entry the server refuses is recorded once and never sent again; one without a PC stays home', async () => {
    const [a] = pcs as [Pc]
    const forged: AuditEntry = {
      id: crypto.randomUUID(),
      participantId: crypto.randomUUID(),
      kind: 'updated',
      changes: [{ field: 'address', from: 'Jl. A', to: 'Jl. B' }],
      at: currentTime().toISOString(),
      by: 'Kepala Dinas Palsu',
      role: 'supervisor',
      officeCode: office.code,
      deviceId: a.clerk.deviceId,
      kecamatanCode: '64.02.06',
    }
    const homeOnly: AuditEntry = { ...forged, id: crypto.randomUUID(), deviceId: '', role: '' }
    await a.store.db.participant_changes.bulkInsert([forged, homeOnly])

    const refusals = await waitFor('the refusal', async () => {
      const recorded = await loadAuditRefusals(a.store)
      return recorded.total > 0 ? recorded : null
    })
    expect(refusals.recent).toEqual([
      expect.objectContaining({ id: forged.id, code: 'AUDIT_ACTOR_MISMATCH' }),
    ])
    await waitFor('the status count', async () => a.controller.getStatus().auditRefused === 1)

    // "Sinkronkan sekarang" twice, and another entry pushed meanwhile: the refused one stays put.
    a.controller.syncNow()
    const later = await registerParticipant(a.store, person({ nik: '6402065505900002' }), {
      office: a.profile,
    })
    const [laterEntry] = await getParticipantHistory(a.store, later.id)
    await waitFor(
      'the later entry on the server',
      async () => (await onServer([laterEntry?.id ?? ''])).length === 1,
    )
    a.controller.syncNow()
    await new Promise((resolve) => setTimeout(resolve, 500))

    const sentWith = (id: string) => a.auditPushes.filter((body) => body.includes(id)).length
    expect(sentWith(forged.id)).toBe(1)
    expect(sentWith(homeOnly.id)).toBe(0)
    expect(await onServer([forged.id, homeOnly.id])).toEqual([])
    expect((await loadAuditRefusals(a.store)).total).toBe(1)
    // Both stay in A's own history.
    expect(await getParticipantHistory(a.store, forged.participantId)).toHaveLength(2)
  }, 60_000)
})
