/**
 * BPJS enrolment batches on the server: recorded by one supervisor PC, listed and read whole by
 * another, immutable, refused to clerks and when malformed. Real server, embedded PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import type {
  EnrolmentBatchResponse,
  EnrolmentBatchesResponse,
  OfficeInfo,
} from '../../shared/sync/sync-protocol'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
} from './support/server-fixture'
import { makeEnrolmentBatch } from './support/enrolment-batch-fixture'

describe('enrolment batches on the server', () => {
  let server: RunningServer
  let central: OfficeInfo
  let office: OfficeInfo

  beforeAll(async () => {
    server = await startTestServer('pglite')
    central = await server.admin.ensureCentralOffice()
    office = await createKecamatanOffice(server, '64.02.06', 1)
  }, 60_000)

  afterAll(async () => {
    await server?.close()
  })

  const batch = makeEnrolmentBatch

  it('one supervisor PC records a batch; another lists it and reads it whole; retries are harmless', async () => {
    const first = await enrolAndLogin(server, central, { role: 'supervisor' })
    const second = await enrolAndLogin(server, central, { role: 'supervisor' })
    const older = batch('B20261101-aaaaaaaa', '2026-11-01T02:00:00.000Z')
    const newer = batch('B20261124-bbbbbbbb', '2026-11-24T02:00:00.000Z', 20_000)
    for (const sent of [older, newer, older]) {
      const pushed = await api<EnrolmentBatchResponse>(
        server.url,
        'POST',
        '/api/enrolment-batches',
        { token: first.token, body: { batch: sent } },
      )
      expect(pushed.status).toBe(200)
      expect(pushed.body.batch).toEqual(sent)
    }
    const listed = await api<EnrolmentBatchesResponse>(
      server.url,
      'GET',
      '/api/enrolment-batches',
      {
        token: second.token,
      },
    )
    expect(listed.status).toBe(200)
    expect(listed.body.batches.map((entry) => [entry.id, entry.memberCount])).toEqual([
      [newer.id, 20_000],
      [older.id, 3],
    ])
    expect(listed.body.batches[0]).not.toHaveProperty('memberIds')
    const whole = await api<EnrolmentBatchResponse>(
      server.url,
      'GET',
      `/api/enrolment-batches/${newer.id}`,
      { token: second.token },
    )
    expect(whole.body.batch).toEqual(newer)
  })

  it('refuses another batch under a recorded id, malformed batches, unknown ids and clerks', async () => {
    const supervisor = await enrolAndLogin(server, office, { role: 'supervisor' })
    const clerk = await enrolAndLogin(server, office)
    const recorded = batch('B20261124-cccccccc', '2026-11-24T03:00:00.000Z')
    expect(
      (
        await api(server.url, 'POST', '/api/enrolment-batches', {
          token: supervisor.token,
          body: { batch: recorded },
        })
      ).status,
    ).toBe(200)

    const changed = await api(server.url, 'POST', '/api/enrolment-batches', {
      token: supervisor.token,
      body: { batch: { ...recorded, kodeIuran: 'KI-LAIN' } },
    })
    expect(changed.status).toBe(409)
    expect(changed.body).toMatchObject({ error: { code: 'BATCH_IMMUTABLE' } })

    const malformed: unknown[] = [
      { ...recorded, id: 'B2026 spasi' },
      { ...recorded, id: 'B20261124-dddddddd', memberIds: ['6402061505800001'] },
      { ...recorded, id: 'B20261124-eeeeeeee', memberIds: [] },
      { ...recorded, id: 'B20261124-ffffffff', period: { year: 2026, fromMonth: 13 } },
      { ...recorded, id: 'B20261124-gggggggg', kind: 'lain' },
      'bukan batch',
    ]
    for (const body of malformed) {
      const refused = await api(server.url, 'POST', '/api/enrolment-batches', {
        token: supervisor.token,
        body: { batch: body },
      })
      expect(refused.status).toBe(400)
      expect(refused.body).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
    }

    // A batch for a payer district.json does not know would put its people on nobody's budget.
    const strangePayer = await api(server.url, 'POST', '/api/enrolment-batches', {
      token: supervisor.token,
      body: { batch: { ...recorded, id: 'B20261124-jjjjjjjj', payerCode: 'apbd-provinsi-lain' } },
    })
    expect(strangePayer.status).toBe(400)
    expect(strangePayer.body).toMatchObject({ error: { code: 'UNKNOWN_PAYER' } })
    const known = await api(server.url, 'POST', '/api/enrolment-batches', {
      token: supervisor.token,
      body: { batch: { ...recorded, id: 'B20261124-iiiiiiii', payerCode: 'apbd-kabupaten' } },
    })
    expect(known.status).toBe(200)
    const listedIds = await api<EnrolmentBatchesResponse>(
      server.url,
      'GET',
      '/api/enrolment-batches',
      { token: supervisor.token },
    )
    expect(listedIds.body.batches.map((entry) => entry.id)).not.toContain('B20261124-jjjjjjjj')

    const unknown = await api(server.url, 'GET', '/api/enrolment-batches/B20990101-00000000', {
      token: supervisor.token,
    })
    expect(unknown.status).toBe(404)

    for (const [method, path, body] of [
      ['GET', '/api/enrolment-batches', undefined],
      ['GET', `/api/enrolment-batches/${recorded.id}`, undefined],
      [
        'POST',
        '/api/enrolment-batches',
        { batch: batch('B20261124-hhhhhhhh', recorded.createdAt) },
      ],
    ] as const) {
      const response = await api(server.url, method, path, {
        token: clerk.token,
        ...(body ? { body } : {}),
      })
      expect(response.status).toBe(403)
    }
    // Nothing of the refused pushes was stored: the earlier test's batch, `recorded` and the
    // batch for a known payer are all there is.
    const { rows } = await server.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM enrolment_batches WHERE id LIKE 'B20261124-%'`,
    )
    expect(Number(rows[0]?.n)).toBe(3)
  })
})
