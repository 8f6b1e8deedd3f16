import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import type { OfficeInfo, PlansResponse } from '../../shared/sync/sync-protocol'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
} from './support/server-fixture'

describe('annual plans (targets and APBD allocation)', () => {
  let server: RunningServer
  let office: OfficeInfo

  beforeAll(async () => {
    server = await startTestServer('pglite')
    office = await createKecamatanOffice(server, '64.02.06', 1)
  }, 60_000)

  afterAll(async () => {
    await server?.close()
  })

  const plan2026 = {
    year: 2026,
    plans: [
      { kecamatanCode: '', target: 13_000, allocation: 2_620_800_000 },
      { kecamatanCode: '64.02.06', target: 900, allocation: 181_440_000 },
    ],
  }

  it('a supervisor saves a plan and an operator at another office reads it back', async () => {
    const supervisor = await enrolAndLogin(server, office, { role: 'supervisor' })
    const saved = await api<PlansResponse>(server.url, 'POST', '/api/plans', {
      token: supervisor.token,
      body: plan2026,
    })
    expect(saved.status).toBe(200)
    expect(
      saved.body.plans.map(({ kecamatanCode, target, allocation }) => [
        kecamatanCode,
        target,
        allocation,
      ]),
    ).toEqual([
      ['', 13_000, 2_620_800_000],
      ['64.02.06', 900, 181_440_000],
    ])

    const otherOffice = await createKecamatanOffice(server, '64.02.01', 1)
    const operator = await enrolAndLogin(server, otherOffice)
    const read = await api<PlansResponse>(server.url, 'GET', '/api/plans?year=2026', {
      token: operator.token,
    })
    expect(read.status).toBe(200)
    expect(read.body.year).toBe(2026)
    expect(read.body.plans).toHaveLength(2)
    expect(read.body.plans[0]).toMatchObject({ kecamatanCode: '', target: 13_000 })
    expect(read.body.plans[0]?.updatedBy).toBeTruthy()

    // An update replaces the row; other years stay empty.
    const updated = await api<PlansResponse>(server.url, 'POST', '/api/plans', {
      token: supervisor.token,
      body: { year: 2026, plans: [{ kecamatanCode: '', target: 14_000, allocation: 10 ** 13 }] },
    })
    expect(updated.body.plans[0]).toMatchObject({ target: 14_000, allocation: 10 ** 13 })
    expect(updated.body.plans).toHaveLength(2)
    const empty = await api<PlansResponse>(server.url, 'GET', '/api/plans?year=2027', {
      token: operator.token,
    })
    expect(empty.body.plans).toEqual([])
  })

  it('refuses an operator (403) and anyone signed out (401)', async () => {
    const operator = await enrolAndLogin(server, office)
    const refused = await api(server.url, 'POST', '/api/plans', {
      token: operator.token,
      body: plan2026,
    })
    expect(refused.status).toBe(403)
    const anonymous = await api(server.url, 'GET', '/api/plans?year=2026')
    expect(anonymous.status).toBe(401)
  })

  it.each([
    ['a year before 2000', { year: 1999, plans: [] }],
    ['a year after 2100', { year: 2101, plans: [] }],
    ['a year as text', { year: '2026', plans: [] }],
    ['no plans list', { year: 2026 }],
    [
      'an unknown kecamatan',
      { year: 2026, plans: [{ kecamatanCode: '64.02.99', target: 1, allocation: 1 }] },
    ],
    [
      'a negative target',
      { year: 2026, plans: [{ kecamatanCode: '', target: -1, allocation: 1 }] },
    ],
    [
      'a fractional allocation',
      { year: 2026, plans: [{ kecamatanCode: '', target: 1, allocation: 1.5 }] },
    ],
    [
      'an allocation over 10^13',
      { year: 2026, plans: [{ kecamatanCode: '', target: 1, allocation: 10 ** 13 + 1 }] },
    ],
    [
      'a target as text',
      { year: 2026, plans: [{ kecamatanCode: '', target: '5', allocation: 1 }] },
    ],
    [
      'the same area twice',
      {
        year: 2026,
        plans: [
          { kecamatanCode: '', target: 1, allocation: 1 },
          { kecamatanCode: '', target: 2, allocation: 2 },
        ],
      },
    ],
  ])('refuses %s with 400', async (_what, body) => {
    const supervisor = await enrolAndLogin(server, office, { role: 'supervisor' })
    const response = await api<{ error: { code: string } }>(server.url, 'POST', '/api/plans', {
      token: supervisor.token,
      body,
    })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('INVALID_REQUEST')
  })

  it.each(['', 'abc', '1999', '20260'])('refuses GET with year=%j', async (year) => {
    const operator = await enrolAndLogin(server, office)
    const response = await api(server.url, 'GET', `/api/plans?year=${year}`, {
      token: operator.token,
    })
    expect(response.status).toBe(400)
  })
})
