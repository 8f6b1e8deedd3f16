/**
 * BPJS bills, their resolutions and payments on the server: recorded on one supervisor PC, read
 * on another, immutable, written in the session's name, refused to everyone but supervisors and
 * admins and when malformed; payments recorded by mistake withdrawn with a reason. Real server, embedded PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockStartingAt, installClock } from '../../shared/dates/clock'
import type { RunningServer } from '../../server/server'
import { MAX_LINE_AMOUNT } from '../../shared/coverage/bills'
import { MAX_PAYMENT_AMOUNT } from '../../shared/coverage/payments'
import type { SecurityEventsResponse } from '../../shared/sync/admin-api'
import {
  MAX_BILL_BODY_BYTES,
  MAX_REQUEST_BODY_BYTES,
  ROLES,
  type BillResolutionResponse,
  type BillResolutionsResponse,
  type BillResponse,
  type BillsResponse,
  type OfficeInfo,
  type PaymentResponse,
  type PaymentsResponse,
  type PaymentWithdrawalResponse,
  type PaymentWithdrawalsResponse,
  type Role,
} from '../../shared/sync/sync-protocol'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
  type TestClient,
} from './support/server-fixture'
import {
  makeBill,
  makePayment,
  makeResolution,
  makeWithdrawal,
  MONTHLY_AMOUNT,
} from './support/bill-fixture'

const MANAGERS: readonly Role[] = ['supervisor', 'admin']

describe('BPJS bills, resolutions and payments on the server', () => {
  let server: RunningServer
  let central: OfficeInfo
  let tenggarong: OfficeInfo
  let dinsos: OfficeInfo
  let supervisor: TestClient
  let colleague: TestClient
  let admin: TestClient

  // The records below are dated up to 14 December 2026; the server refuses times ahead of its
  // clock, so it runs on one that starts at the end of that month, whatever today is.
  let restoreClock: () => void = () => undefined

  beforeAll(async () => {
    restoreClock = installClock(clockStartingAt('2026-12-31T02:00:00.000Z'))
    server = await startTestServer('pglite')
    central = await server.admin.ensureCentralOffice()
    tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
    dinsos = await server.admin.createOffice({
      code: 'DINSOS',
      name: 'Dinas Sosial',
      kind: 'agency',
      kecamatanCode: null,
      officeNumber: null,
      agencyCode: 'dinsos',
    })
    supervisor = await enrolAndLogin(server, central, {
      role: 'supervisor',
      displayName: 'Sari Wulandari',
    })
    colleague = await enrolAndLogin(server, central, {
      role: 'supervisor',
      displayName: 'Rudi Hartono',
    })
    admin = await enrolAndLogin(server, central, { role: 'admin', displayName: 'Admin Pusat' })
  }, 60_000)

  afterAll(async () => {
    await server?.close()
    restoreClock()
  })

  it('refuses a bill, a resolution or a payment dated ahead of its clock', async () => {
    const ahead = '2027-01-05T00:00:00.000Z'
    const bill = makeBill('T20270105-7a7a7a7a', ahead)
    const refusedBill = await post(supervisor, '/api/bills', { bill })
    expect(refusedBill.status).toBe(400)
    expect(refusedBill.body).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
    const refusedPayment = await post(supervisor, '/api/payments', {
      payment: makePayment(ahead),
    })
    expect(refusedPayment.status).toBe(400)
    expect(await countRows('bills', `id = 'T20270105-7a7a7a7a'`)).toBe(0)
  })

  const post = <T = unknown>(client: TestClient | null, path: string, body: unknown) =>
    api<T>(server.url, 'POST', path, { ...(client ? { token: client.token } : {}), body })
  const get = <T = unknown>(client: TestClient | null, path: string) =>
    api<T>(server.url, 'GET', path, client ? { token: client.token } : {})

  const countRows = async (table: 'bills' | 'bill_resolutions' | 'payments', where: string) => {
    const { rows } = await server.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM ${table} WHERE ${where}`,
    )
    return Number(rows[0]?.n)
  }

  it('one supervisor PC records a bill; another lists it newest first and reads it whole; retries are harmless', async () => {
    const older = makeBill('T20261105-0a0a0a0a', '2026-12-05T02:00:00.000Z', 3, {
      month: '2026-10',
    })
    const newer = makeBill('T20261205-0b0b0b0b', '2026-12-06T02:00:00.000Z', 4)
    for (const sent of [older, newer, older]) {
      const recorded = await post<BillResponse>(supervisor, '/api/bills', { bill: sent })
      expect(recorded.status).toBe(200)
      expect(recorded.body.bill).toEqual({ ...sent, importedBy: 'Sari Wulandari' })
    }

    const listed = await get<BillsResponse>(colleague, '/api/bills')
    expect(listed.status).toBe(200)
    const ours = listed.body.bills.filter((bill) => [older.id, newer.id].includes(bill.id))
    expect(ours).toEqual([
      {
        id: newer.id,
        payerCode: 'apbd-kabupaten',
        month: '2026-11',
        fileName: newer.fileName,
        importedAt: newer.importedAt,
        importedBy: 'Sari Wulandari',
        lineCount: 4,
        billedTotal: 4 * MONTHLY_AMOUNT,
      },
      {
        id: older.id,
        payerCode: 'apbd-kabupaten',
        month: '2026-10',
        fileName: older.fileName,
        importedAt: older.importedAt,
        importedBy: 'Sari Wulandari',
        lineCount: 3,
        billedTotal: 3 * MONTHLY_AMOUNT,
      },
    ])

    const whole = await get<BillResponse>(colleague, `/api/bills/${newer.id}`)
    expect(whole.status).toBe(200)
    expect(whole.body.bill).toEqual({ ...newer, importedBy: 'Sari Wulandari' })

    // The colleague's PC sends the same bill again (it had it from the list): still a no-op, and
    // it still names who imported it.
    const retried = await post<BillResponse>(colleague, '/api/bills', { bill: newer })
    expect(retried.status).toBe(200)
    expect(retried.body.bill.importedBy).toBe('Sari Wulandari')
    expect(await countRows('bills', `id IN ('${older.id}', '${newer.id}')`)).toBe(2)
  })

  it('resolutions and payments travel between supervisor PCs; an admin may record them too', async () => {
    const bill = makeBill('T20261207-0c0c0c0c', '2026-12-07T01:00:00.000Z')
    expect((await post(supervisor, '/api/bills', { bill })).status).toBe(200)
    const later = makeResolution(bill.id, '2026-12-07T05:00:00.000Z', { note: 'Dicek ulang.' })
    const earlier = makeResolution(bill.id, '2026-12-07T04:00:00.000Z')
    for (const [client, sent] of [
      [supervisor, later],
      [admin, earlier],
      [supervisor, later],
    ] as const) {
      const recorded = await post<BillResolutionResponse>(client, '/api/bill-resolutions', {
        resolution: sent,
      })
      expect(recorded.status).toBe(200)
      expect(recorded.body.resolution).toEqual({
        ...sent,
        resolvedBy: sent === later ? 'Sari Wulandari' : 'Admin Pusat',
      })
    }
    const resolutions = await get<BillResolutionsResponse>(colleague, '/api/bill-resolutions')
    expect(resolutions.status).toBe(200)
    expect(
      resolutions.body.resolutions
        .filter((resolution) => resolution.billId === bill.id)
        .map((resolution) => [resolution.id, resolution.resolvedBy]),
    ).toEqual([
      [earlier.id, 'Admin Pusat'],
      [later.id, 'Sari Wulandari'],
    ])

    const november = makePayment('2026-12-10T03:00:00.000Z', { note: 'Lunas.' })
    const october = makePayment('2026-12-09T03:00:00.000Z', { month: '2026-10' })
    for (const [client, sent] of [
      [admin, november],
      [supervisor, october],
      [admin, november],
    ] as const) {
      const recorded = await post<PaymentResponse>(client, '/api/payments', { payment: sent })
      expect(recorded.status).toBe(200)
      expect(recorded.body.payment).toEqual({
        ...sent,
        recordedBy: sent === november ? 'Admin Pusat' : 'Sari Wulandari',
      })
    }
    const payments = await get<PaymentsResponse>(colleague, '/api/payments')
    expect(payments.status).toBe(200)
    expect(
      payments.body.payments
        .filter((payment) => [november.id, october.id].includes(payment.id))
        .map((payment) => [payment.month, payment.amount, payment.note, payment.recordedBy]),
    ).toEqual([
      ['2026-10', 3 * MONTHLY_AMOUNT, undefined, 'Sari Wulandari'],
      ['2026-11', 3 * MONTHLY_AMOUNT, 'Lunas.', 'Admin Pusat'],
    ])
  })

  it('stores the name of the signed-in account, not the name a client wrote', async () => {
    const bill = makeBill('T20261208-0d0d0d0d', '2026-12-08T01:00:00.000Z', 3, {
      importedBy: 'Kepala Dinas',
    })
    const resolution = makeResolution(bill.id, '2026-12-08T02:00:00.000Z', {
      resolvedBy: 'Kepala Dinas',
    })
    const payment = makePayment('2026-12-08T03:00:00.000Z', { recordedBy: 'Kepala Dinas' })
    expect((await post<BillResponse>(colleague, '/api/bills', { bill })).body.bill.importedBy).toBe(
      'Rudi Hartono',
    )
    expect(
      (
        await post<BillResolutionResponse>(colleague, '/api/bill-resolutions', {
          resolution,
        })
      ).body.resolution.resolvedBy,
    ).toBe('Rudi Hartono')
    expect(
      (await post<PaymentResponse>(colleague, '/api/payments', { payment })).body.payment
        .recordedBy,
    ).toBe('Rudi Hartono')

    // Every way back reads the account's name: the list, the whole bill, and a forged retry.
    const listed = (await get<BillsResponse>(supervisor, '/api/bills')).body.bills
    expect(listed.find((entry) => entry.id === bill.id)?.importedBy).toBe('Rudi Hartono')
    expect(
      (await get<BillResponse>(supervisor, `/api/bills/${bill.id}`)).body.bill.importedBy,
    ).toBe('Rudi Hartono')
    const forgedRetry = await post<BillResponse>(colleague, '/api/bills', {
      bill: { ...bill, importedBy: 'Bupati' },
    })
    expect(forgedRetry.status).toBe(200)
    expect(forgedRetry.body.bill.importedBy).toBe('Rudi Hartono')
    const resolutions = (await get<BillResolutionsResponse>(supervisor, '/api/bill-resolutions'))
      .body.resolutions
    expect(resolutions.find((entry) => entry.id === resolution.id)?.resolvedBy).toBe('Rudi Hartono')
    const payments = (await get<PaymentsResponse>(supervisor, '/api/payments')).body.payments
    expect(payments.find((entry) => entry.id === payment.id)?.recordedBy).toBe('Rudi Hartono')

    // Beside each document: the account and its office, from the session.
    for (const [table, id] of [
      ['bills', bill.id],
      ['bill_resolutions', resolution.id],
      ['payments', payment.id],
    ] as const) {
      const { rows } = await server.db.query<{ recorded_by: string; office_id: string }>(
        `SELECT recorded_by, office_id FROM ${table} WHERE id = $1`,
        [id],
      )
      expect(rows, table).toEqual([
        { recorded_by: colleague.session.user.id, office_id: central.id },
      ])
    }
  })

  it('refuses every role but supervisor and admin on every route, and callers without a token', async () => {
    const bill = makeBill('T20261209-0e0e0e0e', '2026-12-09T01:00:00.000Z')
    expect((await post(supervisor, '/api/bills', { bill })).status).toBe(200)
    const refusedRoles = ROLES.filter((role) => !MANAGERS.includes(role))
    expect(refusedRoles).toEqual(['operator', 'verifier'])
    const outsiders = await Promise.all(
      refusedRoles.map((role) =>
        enrolAndLogin(server, role === 'verifier' ? dinsos : tenggarong, { role }),
      ),
    )
    const calls = [
      ['GET', '/api/bills', undefined],
      ['GET', `/api/bills/${bill.id}`, undefined],
      ['POST', '/api/bills', { bill: makeBill('T20261209-0f0f0f0f', '2026-12-09T02:00:00.000Z') }],
      ['GET', '/api/bill-resolutions', undefined],
      [
        'POST',
        '/api/bill-resolutions',
        { resolution: makeResolution(bill.id, '2026-12-09T03:00:00.000Z') },
      ],
      ['GET', '/api/payments', undefined],
      ['POST', '/api/payments', { payment: makePayment('2026-12-09T04:00:00.000Z') }],
    ] as const
    for (const outsider of [...outsiders, null]) {
      for (const [method, path, body] of calls) {
        const response = await api(server.url, method, path, {
          ...(outsider ? { token: outsider.token } : {}),
          ...(body ? { body } : {}),
        })
        const who = `${outsider?.session.user.role ?? 'no token'} ${method} ${path}`
        expect(response.status, who).toBe(outsider ? 403 : 401)
        expect(response.body, who).toMatchObject({
          error: { code: outsider ? 'FORBIDDEN_ROLE' : 'TOKEN_MISSING' },
        })
      }
    }
    // Nothing of the refused writes was stored.
    expect(await countRows('bills', `id = 'T20261209-0f0f0f0f'`)).toBe(0)
    expect(await countRows('bill_resolutions', `bill_id = '${bill.id}'`)).toBe(0)
    expect(await countRows('payments', `doc ->> 'recordedAt' = '2026-12-09T04:00:00.000Z'`)).toBe(0)

    // The admin sees each refusal in the security log, with who and which route.
    const events = await get<SecurityEventsResponse>(
      admin,
      '/api/admin/security-events?kind=forbidden&limit=500',
    )
    for (const outsider of outsiders) {
      const routes = events.body.events
        .filter((event) => event.userId === outsider.session.user.id)
        .map((event) => [event.deviceId, event.detail.code, event.detail.route])
      expect(routes).toHaveLength(calls.length)
      expect(new Set(routes.map((route) => JSON.stringify(route)))).toEqual(
        new Set(
          [
            '^\\/api\\/bills$',
            '^\\/api\\/bills\\/([A-Za-z0-9][A-Za-z0-9_-]{0,39})$',
            '^\\/api\\/bill-resolutions$',
            '^\\/api\\/payments$',
          ].map((route) => JSON.stringify([outsider.deviceId, 'FORBIDDEN_ROLE', route])),
        ),
      )
    }
    // A clerk's bill-sized body is refused for the role before a byte of it is read: 403, not
    // the 413 reading it would end in (the role list is checked before the body).
    const [clerk] = outsiders
    if (!clerk) throw new Error('no clerk')
    const oversized = await api(server.url, 'POST', '/api/bills', {
      token: clerk.token,
      body: { padding: 'x'.repeat(MAX_BILL_BODY_BYTES + 1024) },
    })
    expect(oversized.status).toBe(403)
    expect(oversized.body).toMatchObject({ error: { code: 'FORBIDDEN_ROLE' } })
  })

  it('refuses to change a recorded bill, resolution or payment (409), and keeps the first', async () => {
    const bill = makeBill('T20261210-1a1a1a1a', '2026-12-10T01:00:00.000Z')
    const resolution = makeResolution(bill.id, '2026-12-10T02:00:00.000Z')
    const payment = makePayment('2026-12-10T03:00:00.000Z')
    expect((await post(supervisor, '/api/bills', { bill })).status).toBe(200)
    expect((await post(supervisor, '/api/bill-resolutions', { resolution })).status).toBe(200)
    expect((await post(supervisor, '/api/payments', { payment })).status).toBe(200)

    const [first, ...rest] = bill.lines
    if (!first) throw new Error('the fixture bill has lines')
    const changes: [string, string, unknown, string][] = [
      [
        'bill: a line billed higher',
        '/api/bills',
        { bill: { ...bill, lines: [{ ...first, amount: first.amount + 1 }, ...rest] } },
        'BILL_IMMUTABLE',
      ],
      ['bill: a line fewer', '/api/bills', { bill: { ...bill, lines: rest } }, 'BILL_IMMUTABLE'],
      [
        'bill: another month',
        '/api/bills',
        { bill: { ...bill, month: '2026-12' } },
        'BILL_IMMUTABLE',
      ],
      [
        'resolution: another note',
        '/api/bill-resolutions',
        { resolution: { ...resolution, note: 'Lain.' } },
        'RESOLUTION_IMMUTABLE',
      ],
      [
        'payment: another amount',
        '/api/payments',
        { payment: { ...payment, amount: payment.amount - 1 } },
        'PAYMENT_IMMUTABLE',
      ],
      [
        'payment: another reference',
        '/api/payments',
        { payment: { ...payment, reference: 'SP2D 999' } },
        'PAYMENT_IMMUTABLE',
      ],
    ]
    for (const [what, path, body, code] of changes) {
      const refused = await post(colleague, path, body)
      expect(refused.status, what).toBe(409)
      expect(refused.body, what).toMatchObject({ error: { code } })
    }
    expect((await get<BillResponse>(colleague, `/api/bills/${bill.id}`)).body.bill).toEqual({
      ...bill,
      importedBy: 'Sari Wulandari',
    })
    const payments = (await get<PaymentsResponse>(colleague, '/api/payments')).body.payments
    expect(payments.find((entry) => entry.id === payment.id)).toEqual({
      ...payment,
      recordedBy: 'Sari Wulandari',
    })
    const resolutions = (await get<BillResolutionsResponse>(colleague, '/api/bill-resolutions'))
      .body.resolutions
    expect(resolutions.find((entry) => entry.id === resolution.id)?.note).toBe(resolution.note)
  })

  it('refuses malformed bills and payments: a plain NIK, amounts negative, fractional or huge, an unknown payer', async () => {
    const bill = (id: string, lineChange: Record<string, unknown> = {}) => {
      const sent = makeBill(id, '2026-12-11T01:00:00.000Z')
      const [first, ...rest] = sent.lines
      return { ...sent, lines: [{ ...first, ...lineChange }, ...rest] }
    }
    const malformedBills: [string, unknown][] = [
      ['a plain NIK', bill('T20261211-2a2a2a2a', { maskedNik: '6402061505800003' })],
      ['a negative amount', bill('T20261211-2b2b2b2b', { amount: -16_800 })],
      ['a fractional amount', bill('T20261211-2c2c2c2c', { amount: 16_800.5 })],
      ['a huge amount', bill('T20261211-2d2d2d2d', { amount: MAX_LINE_AMOUNT + 1 })],
      ['an amount as text', bill('T20261211-2e2e2e2e', { amount: '16800' })],
      ['no lines', { ...bill('T20261211-2f2f2f2f'), lines: [] }],
      ['a month 13', { ...bill('T20261211-3a3a3a3a'), month: '2026-13' }],
      ['an id of another shape', { ...bill('T20261211-3b3b3b3b'), id: 'T2026 spasi' }],
      ['not a bill', 'bukan tagihan'],
    ]
    for (const [what, sent] of malformedBills) {
      const refused = await post(supervisor, '/api/bills', { bill: sent })
      expect(refused.status, what).toBe(400)
      expect(refused.body, what).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
    }
    const noBill = await post(supervisor, '/api/bills', { tagihan: {} })
    expect(noBill.status).toBe(400)
    expect(noBill.body).toMatchObject({ error: { code: 'INVALID_REQUEST' } })

    const strangePayer = await post(supervisor, '/api/bills', {
      bill: { ...bill('T20261211-3c3c3c3c'), payerCode: 'apbd-provinsi-lain' },
    })
    expect(strangePayer.status).toBe(400)
    expect(strangePayer.body).toMatchObject({ error: { code: 'UNKNOWN_PAYER' } })

    for (const [what, amount] of [
      ['nothing paid', 0],
      ['a negative amount', -50_400],
      ['a fractional amount', 50_400.25],
      ['a huge amount', MAX_PAYMENT_AMOUNT + 1],
    ] as const) {
      const refused = await post(supervisor, '/api/payments', {
        payment: makePayment('2026-12-11T02:00:00.000Z', { amount }),
      })
      expect(refused.status, what).toBe(400)
      expect(refused.body, what).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
    }
    const strangePayment = await post(supervisor, '/api/payments', {
      payment: makePayment('2026-12-11T02:00:00.000Z', { payerCode: 'apbd-provinsi-lain' }),
    })
    expect(strangePayment.status).toBe(400)
    expect(strangePayment.body).toMatchObject({ error: { code: 'UNKNOWN_PAYER' } })

    const malformedResolution = await post(supervisor, '/api/bill-resolutions', {
      resolution: makeResolution('T20261208-0d0d0d0d', '2026-12-11T03:00:00.000Z', { note: ' ' }),
    })
    expect(malformedResolution.status).toBe(400)
    expect(malformedResolution.body).toMatchObject({ error: { code: 'INVALID_REQUEST' } })

    // Text no column can hold is refused before any handler, for the bill route too.
    const withNul = await post(supervisor, '/api/bills', {
      bill: bill('T20261211-3d3d3d3d', { name: 'Budi\u0000Santoso' }),
    })
    expect(withNul.status).toBe(400)
    expect(withNul.body).toMatchObject({ error: { code: 'INVALID_TEXT' } })

    expect(await countRows('bills', `id LIKE 'T20261211-%'`)).toBe(0)
    expect(await countRows('payments', `doc ->> 'recordedAt' = '2026-12-11T02:00:00.000Z'`)).toBe(0)
  })

  it('answers 404 BILL_NOT_FOUND for a resolution of a bill the server lacks, and for reading one', async () => {
    const orphan = makeResolution('T20990101-00000000', '2026-12-12T01:00:00.000Z')
    const refused = await post(supervisor, '/api/bill-resolutions', { resolution: orphan })
    expect(refused.status).toBe(404)
    expect(refused.body).toMatchObject({ error: { code: 'BILL_NOT_FOUND' } })
    expect(await countRows('bill_resolutions', `id = '${orphan.id}'`)).toBe(0)

    const unknown = await get(supervisor, '/api/bills/T20990101-00000000')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ error: { code: 'BILL_NOT_FOUND' } })
  })

  it('takes a bill of 60,000 lines past the 2 MB body limit; every other route keeps that limit', async () => {
    const big = makeBill('T20261213-4a4a4a4a', '2026-12-13T01:00:00.000Z', 60_000)
    const bytes = Buffer.byteLength(JSON.stringify({ bill: big }))
    expect(bytes).toBeGreaterThan(MAX_REQUEST_BODY_BYTES)
    expect(bytes).toBeLessThan(MAX_BILL_BODY_BYTES)
    const recorded = await post<BillResponse>(supervisor, '/api/bills', { bill: big })
    expect(recorded.status).toBe(200)
    expect(recorded.body.bill.lines).toHaveLength(60_000)

    const summary = (await get<BillsResponse>(colleague, '/api/bills')).body.bills.find(
      (entry) => entry.id === big.id,
    )
    expect(summary).toMatchObject({ lineCount: 60_000, billedTotal: 60_000 * MONTHLY_AMOUNT })
    const whole = await get<BillResponse>(colleague, `/api/bills/${big.id}`)
    expect(whole.body.bill).toEqual({ ...big, importedBy: 'Sari Wulandari' })

    // Three megabytes anywhere else is refused, as before.
    const padding = 'x'.repeat(3 * 1024 * 1024)
    for (const [path, body] of [
      ['/api/payments', { payment: makePayment('2026-12-13T02:00:00.000Z'), padding }],
      [
        '/api/bill-resolutions',
        { resolution: makeResolution(big.id, '2026-12-13T03:00:00.000Z'), padding },
      ],
      ['/api/enrolment-batches', { batch: {}, padding }],
    ] as const) {
      const refused = await post(supervisor, path, body)
      expect(refused.status, path).toBe(413)
      expect(refused.body, path).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } })
    }
    // And the bill route has a ceiling too.
    const tooBig = await post(supervisor, '/api/bills', {
      bill: { ...big, id: 'T20261213-4b4b4b4b' },
      padding: 'x'.repeat(MAX_BILL_BODY_BYTES),
    })
    expect(tooBig.status).toBe(413)
    expect(tooBig.body).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } })
    expect(await countRows('bills', `id = 'T20261213-4b4b4b4b'`)).toBe(0)
  }, 60_000)

  it('lets each manager role use every route', async () => {
    // The positive half of the role rule, one role at a time, so neither is allowed by accident.
    for (const role of MANAGERS) {
      const client = role === 'admin' ? admin : supervisor
      for (const path of ['/api/bills', '/api/bill-resolutions', '/api/payments']) {
        expect((await get(client, path)).status, `${role} ${path}`).toBe(200)
      }
      const id = role === 'admin' ? 'T20261214-5a5a5a5a' : 'T20261214-5b5b5b5b'
      const bill = makeBill(id, '2026-12-14T01:00:00.000Z')
      expect((await post(client, '/api/bills', { bill })).status, role).toBe(200)
      expect((await get(client, `/api/bills/${id}`)).status, role).toBe(200)
      expect(
        (
          await post(client, '/api/bill-resolutions', {
            resolution: makeResolution(id, '2026-12-14T02:00:00.000Z'),
          })
        ).status,
        role,
      ).toBe(200)
      expect(
        (await post(client, '/api/payments', { payment: makePayment('2026-12-14T03:00:00.000Z') }))
          .status,
        role,
      ).toBe(200)
    }
  })

  // A payment recorded by mistake is withdrawn, never edited or deleted: with a reason, in the
  // name of the signed-in account, once per payment, by supervisors and admins only, and each
  // withdrawal is a security event. Tried as a clerk, a verifier, a caller without a token, a
  // second supervisor with another reason, and with payments the server lacks.
  describe('withdrawing a payment recorded by mistake', () => {
    let clerk: TestClient
    let verifier: TestClient

    beforeAll(async () => {
      clerk = await enrolAndLogin(server, tenggarong, { role: 'operator' })
      verifier = await enrolAndLogin(server, dinsos, { role: 'verifier' })
    }, 60_000)

    const withdrawalsOf = async (paymentId: string) =>
      (
        await get<PaymentWithdrawalsResponse>(colleague, '/api/payment-withdrawals')
      ).body.withdrawals.filter((entry) => entry.paymentId === paymentId)
    const withdrawnEvents = async () =>
      (
        await get<SecurityEventsResponse>(
          admin,
          '/api/admin/security-events?kind=payment_withdrawn&limit=500',
        )
      ).body.events
    const recordPayment = async (recordedAt: string, overrides = {}) => {
      const payment = makePayment(recordedAt, overrides)
      expect((await post(supervisor, '/api/payments', { payment })).status).toBe(200)
      return payment
    }

    it('a colleague withdraws a payment with a reason, in his own name; the payment stays on file', async () => {
      const payment = await recordPayment('2026-12-10T03:00:00.000Z')
      const sent = makeWithdrawal(payment.id, '2026-12-11T02:00:00.000Z', {
        withdrawnBy: 'Kepala Dinas',
      })
      for (const client of [colleague, supervisor]) {
        // The second send is a retry from another PC: the same record, no second event.
        const answer = await post<PaymentWithdrawalResponse>(client, '/api/payment-withdrawals', {
          withdrawal: sent,
        })
        expect(answer.status).toBe(200)
        expect(answer.body.withdrawal).toEqual({ ...sent, withdrawnBy: 'Rudi Hartono' })
      }
      expect(await withdrawalsOf(payment.id)).toEqual([{ ...sent, withdrawnBy: 'Rudi Hartono' }])
      const payments = await get<PaymentsResponse>(supervisor, '/api/payments')
      expect(payments.body.payments.map((entry) => entry.id)).toContain(payment.id)

      const events = (await withdrawnEvents()).filter(
        (event) => event.detail.paymentId === payment.id,
      )
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({
        userId: colleague.session.user.id,
        deviceId: colleague.deviceId,
        detail: { payerCode: 'apbd-kabupaten', month: '2026-11', amount: payment.amount },
      })
    })

    it('refuses a second, different withdrawal of the same payment (409) and keeps the first reason', async () => {
      const payment = await recordPayment('2026-12-12T03:00:00.000Z')
      const first = makeWithdrawal(payment.id, '2026-12-12T04:00:00.000Z')
      expect(
        (await post(supervisor, '/api/payment-withdrawals', { withdrawal: first })).status,
      ).toBe(200)
      const second = makeWithdrawal(payment.id, '2026-12-12T05:00:00.000Z', {
        reason: 'Salah bulan, seharusnya Oktober.',
      })
      const refused = await post(colleague, '/api/payment-withdrawals', { withdrawal: second })
      expect(refused.status).toBe(409)
      expect(refused.body).toMatchObject({
        error: {
          code: 'PAYMENT_ALREADY_WITHDRAWN',
          message: expect.stringContaining('sudah dibatalkan oleh Sari Wulandari'),
        },
      })
      // The same withdrawal id changed afterwards is refused too.
      const rewritten = await post(colleague, '/api/payment-withdrawals', {
        withdrawal: { ...first, reason: 'Alasan lain yang ditulis ulang.' },
      })
      expect(rewritten.status).toBe(409)
      expect((await withdrawalsOf(payment.id)).map((entry) => entry.reason)).toEqual([first.reason])
    })

    it('a correction names the payment recorded in its place, which must be on the server', async () => {
      const wrong = await recordPayment('2026-12-13T03:00:00.000Z', { amount: 1_680_000 })
      const missing = makeWithdrawal(wrong.id, '2026-12-13T04:00:00.000Z', {
        replacedBy: crypto.randomUUID(),
      })
      const refused = await post(supervisor, '/api/payment-withdrawals', { withdrawal: missing })
      expect(refused.status).toBe(404)
      expect(refused.body).toMatchObject({ error: { code: 'PAYMENT_NOT_FOUND' } })
      expect(await withdrawalsOf(wrong.id)).toEqual([])

      const right = await recordPayment('2026-12-13T05:00:00.000Z', { amount: 168_000 })
      const correction = makeWithdrawal(wrong.id, '2026-12-13T05:00:00.000Z', {
        reason: 'Salah ketik jumlah: seharusnya Rp168.000.',
        replacedBy: right.id,
      })
      expect(
        (await post(supervisor, '/api/payment-withdrawals', { withdrawal: correction })).status,
      ).toBe(200)
      expect(await withdrawalsOf(wrong.id)).toEqual([
        { ...correction, withdrawnBy: 'Sari Wulandari' },
      ])
      const event = (await withdrawnEvents()).find((entry) => entry.detail.paymentId === wrong.id)
      expect(event?.detail.replacedBy).toBe(right.id)
    })

    it('answers 404 for a payment the server lacks, and stores nothing', async () => {
      const ghost = makeWithdrawal(crypto.randomUUID(), '2026-12-14T01:00:00.000Z')
      const refused = await post(supervisor, '/api/payment-withdrawals', { withdrawal: ghost })
      expect(refused.status).toBe(404)
      expect(refused.body).toMatchObject({ error: { code: 'PAYMENT_NOT_FOUND' } })
      expect(await withdrawalsOf(ghost.paymentId)).toEqual([])
    })

    it('refuses a withdrawal without a real reason, dated ahead, replacing itself, or malformed', async () => {
      const payment = await recordPayment('2026-12-15T03:00:00.000Z')
      const base = makeWithdrawal(payment.id, '2026-12-15T04:00:00.000Z')
      for (const bad of [
        { ...base, reason: '   ok ' },
        { ...base, reason: 'x'.repeat(301) },
        { ...base, withdrawnAt: '2027-01-05T00:00:00.000Z' },
        { ...base, replacedBy: payment.id },
        { ...base, id: 'batal-1' },
        { ...base, paymentId: 'pembayaran-1' },
        { ...base, withdrawnAt: 'kemarin' },
      ]) {
        const refused = await post(supervisor, '/api/payment-withdrawals', { withdrawal: bad })
        expect(refused.status, JSON.stringify(bad)).toBe(400)
        expect(refused.body).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
      }
      expect((await post(supervisor, '/api/payment-withdrawals', base)).status).toBe(400)
      expect(await withdrawalsOf(payment.id)).toEqual([])
    })

    it('refuses clerks, verifiers and callers without a token on both routes, and stores nothing', async () => {
      const payment = await recordPayment('2026-12-16T03:00:00.000Z')
      const withdrawal = makeWithdrawal(payment.id, '2026-12-16T04:00:00.000Z')
      for (const outsider of [clerk, verifier, null]) {
        const who = outsider?.session.user.role ?? 'no token'
        const listed = await get(outsider, '/api/payment-withdrawals')
        const sent = await post(outsider, '/api/payment-withdrawals', { withdrawal })
        for (const response of [listed, sent]) {
          expect(response.status, who).toBe(outsider ? 403 : 401)
          expect(response.body, who).toMatchObject({
            error: { code: outsider ? 'FORBIDDEN_ROLE' : 'TOKEN_MISSING' },
          })
        }
      }
      expect(await withdrawalsOf(payment.id)).toEqual([])
      expect((await withdrawnEvents()).some((event) => event.detail.paymentId === payment.id)).toBe(
        false,
      )
    })

    it('lets an admin withdraw too', async () => {
      const payment = await recordPayment('2026-12-17T03:00:00.000Z')
      const withdrawal = makeWithdrawal(payment.id, '2026-12-17T04:00:00.000Z')
      const answer = await post<PaymentWithdrawalResponse>(admin, '/api/payment-withdrawals', {
        withdrawal,
      })
      expect(answer.status).toBe(200)
      expect(answer.body.withdrawal.withdrawnBy).toBe('Admin Pusat')
    })
  })
})
