/**
 * A payment recorded by mistake is withdrawn on the server, never edited or deleted: with a
 * reason, in the name of the signed-in account, once per payment, by supervisors and admins only,
 * and each withdrawal is a security event the admin reads. Tried as a clerk, a verifier, a caller
 * without a token, a second supervisor with another reason, and with payments the server lacks.
 * Real server, embedded PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockStartingAt, installClock } from '../../shared/dates/clock'
import type { RunningServer } from '../../server/server'
import type { SecurityEventsResponse } from '../../shared/sync/admin-api'
import type {
  OfficeInfo,
  PaymentsResponse,
  PaymentWithdrawalResponse,
  PaymentWithdrawalsResponse,
} from '../../shared/sync/sync-protocol'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
  type TestClient,
} from './support/server-fixture'
import { makePayment, makeWithdrawal } from './support/bill-fixture'

describe('withdrawing a payment recorded by mistake', () => {
  let server: RunningServer
  let supervisor: TestClient
  let colleague: TestClient
  let admin: TestClient
  let clerk: TestClient
  let verifier: TestClient
  let restoreClock: () => void = () => undefined

  beforeAll(async () => {
    // Records are dated in December 2026; the server refuses times ahead of its own clock.
    restoreClock = installClock(clockStartingAt('2026-12-31T02:00:00.000Z'))
    server = await startTestServer('pglite')
    const central: OfficeInfo = await server.admin.ensureCentralOffice()
    const tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
    const dinsos = await server.admin.createOffice({
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
    clerk = await enrolAndLogin(server, tenggarong, { role: 'operator' })
    verifier = await enrolAndLogin(server, dinsos, { role: 'verifier' })
  }, 60_000)

  afterAll(async () => {
    await server?.close()
    restoreClock()
  })

  const post = <T = unknown>(client: TestClient | null, path: string, body: unknown) =>
    api<T>(server.url, 'POST', path, { ...(client ? { token: client.token } : {}), body })
  const get = <T = unknown>(client: TestClient | null, path: string) =>
    api<T>(server.url, 'GET', path, client ? { token: client.token } : {})
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
    expect((await post(supervisor, '/api/payment-withdrawals', { withdrawal: first })).status).toBe(
      200,
    )
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
