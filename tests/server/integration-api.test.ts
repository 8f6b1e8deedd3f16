/**
 * The integration API as another district system and the admin use it, against the real server
 * on 127.0.0.1 (docs/integration.md): keys made by the admin only, shown once, revoked for good.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockStartingAt, installClock } from '../../shared/dates/clock'
import type { RunningServer } from '../../server/server'
import type { SecurityEventsResponse } from '../../shared/sync/admin-api'
import type {
  CreateIntegrationKeyResponse,
  IntegrationKeyInfo,
  IntegrationKeysResponse,
  IntegrationParticipantsResponse,
} from '../../shared/integration/integration-api'
import type { OfficeInfo, ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  startTestServer,
  type TestClient,
} from './support/server-fixture'
import { integrationCast, type IntegrationCast } from './support/integration-cast'

/** Records are dated before the injected clock's start, so no test depends on today's date. */
const WRITTEN_AT = '2026-12-09T08:00:00.000Z'

function participantOf(office: OfficeInfo, overrides: Partial<ParticipantWireDocument> = {}) {
  return makeParticipant(office, { createdAt: WRITTEN_AT, updatedAt: WRITTEN_AT, ...overrides })
}

/** One page of the feed, with the body as sent (to search it for what must not be there). */
async function readFeed(
  baseUrl: string,
  token: string,
  checkpoint: string | null = null,
  limit = 100,
): Promise<{ status: number; text: string; body: IntegrationParticipantsResponse }> {
  const query = `limit=${limit}${checkpoint ? `&checkpoint=${encodeURIComponent(checkpoint)}` : ''}`
  const response = await fetch(`${baseUrl}/api/integration/v1/participants?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  const text = await response.text()
  return {
    status: response.status,
    text,
    body: JSON.parse(text) as IntegrationParticipantsResponse,
  }
}

async function pushAll(client: TestClient, documents: ParticipantWireDocument[]): Promise<void> {
  const pushed = await client.push(documents.map((document) => ({ newDocumentState: document })))
  expect(pushed.status).toBe(200)
  expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
}

describe('integration keys, created by the admin', () => {
  let server: RunningServer
  let central: OfficeInfo
  let tenggarong: OfficeInfo
  let admin: TestClient
  let supervisor: TestClient
  let operator: TestClient
  let restoreClock: () => void = () => undefined

  beforeAll(async () => {
    restoreClock = installClock(clockStartingAt('2026-12-10T01:00:00.000Z'))
    server = await startTestServer('pglite')
    central = await server.admin.ensureCentralOffice()
    tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
    admin = await enrolAndLogin(server, central, { role: 'admin', displayName: 'Admin Pusat' })
    supervisor = await enrolAndLogin(server, central, { role: 'supervisor' })
    operator = await enrolAndLogin(server, tenggarong)
  }, 60_000)

  afterAll(async () => {
    await server?.close()
    restoreClock()
  })

  const createKey = (client: TestClient, body: unknown) =>
    api<CreateIntegrationKeyResponse>(server.url, 'POST', '/api/admin/integration-keys', {
      token: client.token,
      body,
    })

  it('gives the admin a token once, and the list never shows it again', async () => {
    const created = await createKey(admin, {
      name: 'SI Pekerja Rentan Kukar Idaman',
      fields: ['personal', 'identity'],
      kecamatan: ['64.02.06'],
    })
    expect(created.status).toBe(200)
    expect(created.body.token).toMatch(/^ngi_[A-Za-z0-9_-]{43}$/)
    expect(created.body.key).toMatchObject({
      name: 'SI Pekerja Rentan Kukar Idaman',
      // Stored in the table's order, read-only whatever was asked.
      scopes: { fields: ['identity', 'personal'], kecamatan: ['64.02.06'], access: 'read' },
      createdBy: admin.session.user.id,
      // The injected clock's time (it starts at 01:00 and runs on), not the wall clock's.
      createdAt: expect.stringMatching(/^2026-12-10T01:0/),
      revokedAt: null,
      lastUsedAt: null,
    })

    const list = await api<IntegrationKeysResponse>(
      server.url,
      'GET',
      '/api/admin/integration-keys',
      { token: admin.token },
    )
    expect(list.status).toBe(200)
    expect(list.body.keys.map((key) => key.id)).toContain(created.body.key.id)
    expect(JSON.stringify(list.body)).not.toContain(created.body.token)
    expect(JSON.stringify(list.body)).not.toContain(created.body.token.slice(4, 20))
    // Only the hash is stored.
    const { rows } = await server.db.query<{ text: string }>(
      'SELECT row_to_json(k)::text AS text FROM integration_keys k',
    )
    expect(rows.map((row) => row.text).join('\n')).not.toContain(created.body.token.slice(4))
  })

  it('refuses a supervisor or an operator (403), and a scope it does not know, in Indonesian', async () => {
    for (const client of [supervisor, operator]) {
      const refused = await createKey(client, {
        name: 'Tidak boleh',
        fields: [],
        kecamatan: 'all',
      })
      expect(refused.status).toBe(403)
      const listed = await api(server.url, 'GET', '/api/admin/integration-keys', {
        token: client.token,
      })
      expect(listed.status).toBe(403)
    }
    const cases: [unknown, RegExp][] = [
      [{ name: 'x', fields: ['nik'], kecamatan: 'all' }, /Kelompok data .*"nik" tidak dikenal/],
      [{ name: 'x', fields: [], kecamatan: ['99.99.99'] }, /Kecamatan 99\.99\.99 tidak dikenal/],
      [{ name: 'x', fields: [], kecamatan: [] }, /Kecamatan harus "all"/],
      [{ name: 'x', fields: [], kecamatan: 'all', access: 'write' }, /hanya dapat membaca/],
      [{ name: '  ', fields: [], kecamatan: 'all' }, /Nama kunci/],
    ]
    for (const [body, message] of cases) {
      const refused = await createKey(admin, body)
      expect(refused.status).toBe(400)
      expect((refused.body as unknown as { error: { message: string } }).error.message).toMatch(
        message,
      )
    }
  })

  it('revokes a key for good: the first revocation is kept, an unknown key is 404', async () => {
    const created = await createKey(admin, { name: 'Dinas Sosial', fields: [], kecamatan: 'all' })
    const path = `/api/admin/integration-keys/${created.body.key.id}/revoke`
    const revoked = await api<IntegrationKeyInfo>(server.url, 'POST', path, {
      token: admin.token,
    })
    expect(revoked.status).toBe(200)
    expect(revoked.body.revokedAt).toMatch(/^2026-12-10T01:0/)
    const again = await api<IntegrationKeyInfo>(server.url, 'POST', path, { token: admin.token })
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt)
    const byOperator = await api(server.url, 'POST', path, { token: operator.token })
    expect(byOperator.status).toBe(403)
    const unknown = await api(server.url, 'POST', '/api/admin/integration-keys/nope/revoke', {
      token: admin.token,
    })
    expect(unknown.status).toBe(404)

    // Every act is in the security log (the second revocation too: an admin pressed it), who and
    // which key, never the token.
    const events = await api<SecurityEventsResponse>(
      server.url,
      'GET',
      '/api/admin/security-events?limit=50',
      { token: admin.token },
    )
    const mine = events.body.events.filter((event) => event.detail.keyId === created.body.key.id)
    expect(mine.map((event) => [event.kind, event.userId])).toEqual([
      ['integration_key_revoked', admin.session.user.id],
      ['integration_key_revoked', admin.session.user.id],
      ['integration_key_created', admin.session.user.id],
    ])
    expect(mine[2]?.detail).toEqual({
      keyId: created.body.key.id,
      personal: false,
      kecamatan: 'all',
    })
    expect(JSON.stringify(events.body)).not.toContain(created.body.token.slice(4))
  })
})

describe('the participants changes feed, as another district system reads it', () => {
  let cast: IntegrationCast
  let server: RunningServer
  let tenggarong: OfficeInfo
  let loaKulu: OfficeInfo
  let admin: TestClient
  let tenggarongClerk: TestClient
  let loaKuluClerk: TestClient

  beforeAll(async () => {
    cast = await integrationCast()
    ;({ server, tenggarong, loaKulu, admin, tenggarongClerk, loaKuluClerk } = cast)
  }, 60_000)

  afterAll(async () => {
    await cast?.close()
  })

  async function newKey(body: Record<string, unknown>): Promise<CreateIntegrationKeyResponse> {
    const created = await api<CreateIntegrationKeyResponse>(
      server.url,
      'POST',
      '/api/admin/integration-keys',
      { token: admin.token, body: { name: 'Sistem Informasi Pekerja Rentan', ...body } },
    )
    expect(created.status).toBe(200)
    return created.body
  }

  it('a key without the personal scope never sees a NIK, KK or phone number', async () => {
    const worker = participantOf(tenggarong)
    await pushAll(tenggarongClerk, [worker])
    const { token } = await newKey({ fields: ['identity', 'address', 'work'], kecamatan: 'all' })
    const page = await readFeed(server.url, token)
    expect(page.status).toBe(200)
    const seen = page.body.participants.find((p) => p.id === worker.id)
    expect(seen).toMatchObject({ fullName: worker.fullName, kecamatanCode: '64.02.06' })
    expect(page.text).not.toContain(worker.nik)
    expect(page.text).not.toContain(worker.kk)
    expect(page.text).not.toContain(worker.phone?.slice(1))
    for (const field of ['nik', 'kk', 'phone', 'nikIndex', 'conflicts', 'duplicates', 'prints']) {
      expect(seen).not.toHaveProperty(field)
    }
  })

  it('a NIK or phone typed into free text, and the staff who acted, do not leave with a key without personal', async () => {
    // A clerk's slips: the list's source with a NIK and a phone number, an address with a NIK.
    const worker = participantOf(tenggarong, {
      source: 'impor:DTKS NIK 6402060105809999 HP 0812-3456-7890',
      address: 'Jl. Damai, NIK 6402060105809999',
    })
    await pushAll(tenggarongClerk, [worker])
    const { token } = await newKey({
      fields: ['address', 'coverage', 'workflow'],
      kecamatan: 'all',
    })
    const page = await readFeed(server.url, token)
    const seen = page.body.participants.find((p) => p.id === worker.id)
    expect(seen).toMatchObject({
      source: 'impor:DTKS NIK [angka disamarkan] HP [angka disamarkan]',
      address: 'Jl. Damai, NIK [angka disamarkan]',
    })
    expect(page.text).not.toContain('6402060105809999')
    expect(page.text).not.toContain('3456')
    // The submitted record's checks are there, without who decided them.
    expect(JSON.stringify(seen)).not.toMatch(/"(decidedBy|by|reportedBy|createdBy|updatedBy)"/)
  })

  it('refuses a checkpoint beyond what the database can hold with 400, not an error', async () => {
    const { token } = await newKey({ fields: [], kecamatan: 'all' })
    const huge = encodeURIComponent(JSON.stringify({ txid: '99999999999999999999', id: 'x' }))
    const refused = await api(
      server.url,
      'GET',
      `/api/integration/v1/participants?checkpoint=${huge}`,
      { token },
    )
    expect(refused.status).toBe(400)
  })

  it('a key for Tenggarong never sees Loa Kulu’s participant; its NIK reads are recorded without NIKs', async () => {
    const inTenggarong = participantOf(tenggarong)
    const inLoaKulu = participantOf(loaKulu)
    await pushAll(tenggarongClerk, [inTenggarong])
    await pushAll(loaKuluClerk, [inLoaKulu])
    const { key, token } = await newKey({ fields: ['personal'], kecamatan: ['64.02.06'] })
    const page = await readFeed(server.url, token)
    expect(page.status).toBe(200)
    expect(page.text).not.toContain(inLoaKulu.id)
    expect(page.text).not.toContain(inLoaKulu.nik)
    expect(
      page.body.participants.every((p) => 'kecamatanCode' in p && p.kecamatanCode === '64.02.06'),
    ).toBe(true)
    const seen = page.body.participants.find((p) => p.id === inTenggarong.id)
    expect(seen).toMatchObject({
      nik: inTenggarong.nik,
      kk: inTenggarong.kk,
      phone: inTenggarong.phone,
    })
    expect(seen).not.toHaveProperty('fullName')

    const { rows } = await server.db.query<{ key_id: string; records: number; text: string }>(
      'SELECT key_id, records, row_to_json(r)::text AS text FROM integration_personal_reads r WHERE key_id = $1',
      [key.id],
    )
    expect(rows.map((row) => [row.key_id, row.records])).toEqual([
      [key.id, page.body.participants.length],
    ])
    expect(rows[0]?.text).not.toContain(inTenggarong.nik)
  })

  it('refuses a revoked key on its very next request, and an unknown one, in Indonesian (401)', async () => {
    const { key, token } = await newKey({ fields: [], kecamatan: 'all' })
    expect((await readFeed(server.url, token)).status).toBe(200)
    const revoked = await api(server.url, 'POST', `/api/admin/integration-keys/${key.id}/revoke`, {
      token: admin.token,
    })
    expect(revoked.status).toBe(200)
    const refused = await readFeed(server.url, token)
    expect(refused.status).toBe(401)
    expect(refused.text).toContain('Kunci integrasi tidak dikenal atau sudah dicabut')
    for (const wrong of [`${token.slice(0, -2)}xx`, 'ngi_', admin.token]) {
      const unknown = await readFeed(server.url, wrong)
      expect(unknown.status).toBe(401)
      expect(unknown.text).toContain('Kunci integrasi')
    }
  })

  it('resumes from a checkpoint without repeats or gaps while offices keep pushing', async () => {
    const { token } = await newKey({ fields: [], kecamatan: ['64.02.01', '64.02.06'] })
    const expected = new Set<string>()
    const first = [participantOf(tenggarong), participantOf(loaKulu), participantOf(tenggarong)]
    await pushAll(
      tenggarongClerk,
      first.filter((p) => p.kecamatanCode === '64.02.06'),
    )
    await pushAll(
      loaKuluClerk,
      first.filter((p) => p.kecamatanCode === '64.02.01'),
    )
    first.forEach((p) => expected.add(p.id))

    const received: string[] = []
    let checkpoint: string | null = null
    let pushesLeft = 4
    // Bounded: every page advances the checkpoint, and new records stop after four pages.
    for (let pageNumber = 0; pageNumber < 200; pageNumber++) {
      const page = await readFeed(server.url, token, checkpoint, 2)
      expect(page.status).toBe(200)
      received.push(...page.body.participants.map((p) => p.id))
      if (page.body.checkpoint !== null) checkpoint = page.body.checkpoint
      if (pushesLeft > 0) {
        pushesLeft--
        const office = pushesLeft % 2 === 0 ? tenggarong : loaKulu
        const next = participantOf(office)
        await pushAll(office === tenggarong ? tenggarongClerk : loaKuluClerk, [next])
        expected.add(next.id)
        continue
      }
      if (!page.body.hasMore) break
    }
    expect(new Set(received).size).toBe(received.length)
    for (const id of expected) expect(received).toContain(id)
    // Caught up: the next request from the checkpoint brings nothing new.
    const after = await readFeed(server.url, token, checkpoint, 2)
    expect(after.body.participants).toEqual([])
    expect(after.body.checkpoint).toBe(checkpoint)
  })

  it('sends a deleted record as a tombstone, id only', async () => {
    const { token } = await newKey({ fields: ['identity', 'personal'], kecamatan: ['64.02.06'] })
    const start = await readFeed(server.url, token, null, 1000)
    const draft = participantOf(tenggarong, { status: 'draft', checks: [] })
    await pushAll(tenggarongClerk, [{ ...draft, _deleted: true }])
    const page = await readFeed(server.url, token, start.body.checkpoint, 1000)
    expect(page.body.participants).toEqual([{ id: draft.id, deleted: true }])
    expect(page.text).not.toContain(draft.nik)
  })

  it('refuses a checkpoint it did not write', async () => {
    const { token } = await newKey({ fields: [], kecamatan: 'all' })
    const refused = await readFeed(server.url, token, '{"txid":"x"}')
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('checkpoint')
  })
})

describe('the feed’s rate limit, per key', () => {
  let server: RunningServer
  let restoreClock: () => void = () => undefined

  beforeAll(async () => {
    restoreClock = installClock(clockStartingAt('2026-12-10T01:00:00.000Z'))
    server = await startTestServer('pglite', {
      rateLimits: {
        perDevice: { capacity: 3, refillPerSecond: 0.001 },
        perIp: { capacity: 1000, refillPerSecond: 100 },
        outerPerIp: { capacity: 1000, refillPerSecond: 100 },
      },
    })
  }, 60_000)

  afterAll(async () => {
    await server?.close()
    restoreClock()
  })

  it('slows one key down (429, in Indonesian) without touching another key', async () => {
    const central = await server.admin.ensureCentralOffice()
    const admin = await enrolAndLogin(server, central, { role: 'admin' })
    const create = async () =>
      (
        await api<CreateIntegrationKeyResponse>(server.url, 'POST', '/api/admin/integration-keys', {
          token: admin.token,
          body: { name: 'Uji', fields: [], kecamatan: 'all' },
        })
      ).body.token
    const busy = await create()
    const quiet = await create()
    const statuses: number[] = []
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push((await readFeed(server.url, busy)).status)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await readFeed(server.url, busy)
    expect(limited.text).toContain('Terlalu banyak permintaan')
    expect((await readFeed(server.url, quiet)).status).toBe(200)
  })
})
