/**
 * Bills, resolutions and payments shared through the server, so every supervisor PC reconciles
 * the same bills and watches the same months. Records made here are kept first (the screen says
 * "tersimpan" once they are in the local store) and sent when the server can be reached; records
 * of other PCs are fetched and kept here for offline use. The server writes the author from the
 * session, so its copy replaces ours once sent. Offline leaves everything as it is and says so.
 */
import { parseBillResolution, parseStoredBill } from '@shared/coverage/bills'
import { parsePaymentRecord, parsePaymentWithdrawal } from '@shared/coverage/payments'
import type {
  BillResolutionResponse,
  BillResolutionsResponse,
  BillResponse,
  BillsResponse,
  PaymentResponse,
  PaymentsResponse,
  PaymentWithdrawalResponse,
  PaymentWithdrawalsResponse,
} from '@shared/sync/sync-protocol'
import type { NaunganStore } from '@/core/store/database'
import { refusalCodeOf, ServerError } from '@/core/server-api'
import {
  listBills,
  listPayments,
  listResolutions,
  listWithdrawals,
  loadBill,
  loadOnServer,
  saveBill,
  saveOnServer,
  savePayments,
  saveResolutions,
  saveWithdrawals,
  dropWithdrawals,
} from './billing-repository'

export interface BillingServer {
  json<T>(path: string, init?: RequestInit): Promise<T>
}

export interface BillingSyncResult {
  sent: number
  fetched: number
  /** Records the server refused to take (another record holds the id, or a payer unknown). */
  refused: { id: string; code: string }[]
}

const IMMUTABLE_CODES = new Set([
  'BILL_IMMUTABLE',
  'PAYMENT_IMMUTABLE',
  'RESOLUTION_IMMUTABLE',
  'UNKNOWN_PAYER',
  'BILL_NOT_FOUND',
  'PAYMENT_NOT_FOUND',
  'PAYMENT_ALREADY_WITHDRAWN',
  'INVALID_REQUEST',
])

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

/**
 * A bill gzipped: 35,000 lines are ~4 MB of JSON and a fifth of that compressed, the difference
 * between minutes and seconds on a kecamatan's 1 Mbit/s link (the server reads gzip bodies and
 * applies its limit after decompressing).
 */
async function postGzipped(body: unknown): Promise<RequestInit> {
  const stream = new Blob([JSON.stringify(body)])
    .stream()
    .pipeThrough(new CompressionStream('gzip'))
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    body: new Uint8Array(await new Response(stream).arrayBuffer()),
  }
}

/**
 * Sends what the server lacks (bills first: a resolution needs its bill there; payments before
 * the withdrawals that take them back), then fetches.
 */
export async function syncBilling(
  server: BillingServer,
  store: NaunganStore,
): Promise<BillingSyncResult> {
  const known = await loadOnServer(store)
  const onServer = {
    bills: new Set(known.bills),
    resolutions: new Set(known.resolutions),
    payments: new Set(known.payments),
    withdrawals: new Set(known.withdrawals),
  }
  const result: BillingSyncResult = { sent: 0, fetched: 0, refused: [] }
  const remember = () =>
    saveOnServer(store, {
      bills: [...onServer.bills],
      resolutions: [...onServer.resolutions],
      payments: [...onServer.payments],
      withdrawals: [...onServer.withdrawals],
    })
  /** One send; a refusal the server will repeat is noted and skipped, anything else stops. */
  const send = async <T>(
    id: string,
    path: string,
    body: unknown,
    gzip = false,
  ): Promise<T | null> => {
    try {
      const answer = await server.json<T>(path, gzip ? await postGzipped(body) : post(body))
      result.sent++
      return answer
    } catch (error) {
      const code = refusalCodeOf(error)
      if (code === null || !IMMUTABLE_CODES.has(code)) {
        await remember()
        throw error
      }
      result.refused.push({ id, code })
      return null
    }
  }

  for (const header of await listBills(store)) {
    if (onServer.bills.has(header.id)) continue
    const bill = await loadBill(store, header.id)
    if (!bill) continue
    const answer = await send<BillResponse>(bill.id, '/api/bills', { bill }, true)
    if (!answer) continue
    onServer.bills.add(bill.id)
    const parsed = parseStoredBill(answer.bill)
    if (parsed.ok) await saveBill(store, parsed.bill)
  }
  for (const resolution of await listResolutions(store)) {
    if (onServer.resolutions.has(resolution.id)) continue
    const answer = await send<BillResolutionResponse>(resolution.id, '/api/bill-resolutions', {
      resolution,
    })
    if (!answer) continue
    onServer.resolutions.add(resolution.id)
    const parsed = parseBillResolution(answer.resolution)
    if (parsed.ok) await saveResolutions(store, [parsed.resolution])
  }
  for (const payment of await listPayments(store)) {
    if (onServer.payments.has(payment.id)) continue
    const answer = await send<PaymentResponse>(payment.id, '/api/payments', { payment })
    if (!answer) continue
    onServer.payments.add(payment.id)
    const parsed = parsePaymentRecord(answer.payment)
    if (parsed.ok) await savePayments(store, [parsed.payment])
  }
  for (const withdrawal of await listWithdrawals(store)) {
    if (onServer.withdrawals.has(withdrawal.id)) continue
    const answer = await send<PaymentWithdrawalResponse>(
      withdrawal.id,
      '/api/payment-withdrawals',
      { withdrawal },
    )
    if (!answer) continue
    onServer.withdrawals.add(withdrawal.id)
    const parsed = parsePaymentWithdrawal(answer.withdrawal)
    if (parsed.ok) await saveWithdrawals(store, [parsed.withdrawal])
  }
  await remember()

  // Fetch what other PCs recorded. Never trust the network: what this app could not have made
  // is skipped.
  const localBills = new Set((await listBills(store)).map((bill) => bill.id))
  const listed = await server.json<BillsResponse>('/api/bills')
  for (const summary of listed.bills) {
    onServer.bills.add(summary.id)
    if (localBills.has(summary.id)) continue
    const { bill } = await server.json<BillResponse>(`/api/bills/${encodeURIComponent(summary.id)}`)
    const parsed = parseStoredBill(bill)
    if (!parsed.ok || parsed.bill.id !== summary.id) continue
    await saveBill(store, parsed.bill)
    result.fetched++
  }
  const resolutions = await server.json<BillResolutionsResponse>('/api/bill-resolutions')
  const fetchedResolutions = resolutions.resolutions.flatMap((entry) => {
    const parsed = parseBillResolution(entry)
    return parsed.ok ? [parsed.resolution] : []
  })
  const payments = await server.json<PaymentsResponse>('/api/payments')
  const fetchedPayments = payments.payments.flatMap((entry) => {
    const parsed = parsePaymentRecord(entry)
    return parsed.ok ? [parsed.payment] : []
  })
  const withdrawals = await server.json<PaymentWithdrawalsResponse>('/api/payment-withdrawals')
  const fetchedWithdrawals = withdrawals.withdrawals.flatMap((entry) => {
    const parsed = parsePaymentWithdrawal(entry)
    return parsed.ok ? [parsed.withdrawal] : []
  })
  const localResolutions = new Set((await listResolutions(store)).map((entry) => entry.id))
  const localPayments = new Set((await listPayments(store)).map((entry) => entry.id))
  const localWithdrawals = await listWithdrawals(store)
  const localWithdrawalIds = new Set(localWithdrawals.map((entry) => entry.id))
  result.fetched += fetchedResolutions.filter((entry) => !localResolutions.has(entry.id)).length
  result.fetched += fetchedPayments.filter((entry) => !localPayments.has(entry.id)).length
  result.fetched += fetchedWithdrawals.filter((entry) => !localWithdrawalIds.has(entry.id)).length
  await saveResolutions(store, fetchedResolutions)
  await savePayments(store, fetchedPayments)
  await saveWithdrawals(store, fetchedWithdrawals)
  // Two supervisors withdrew the same payment offline: the server kept the first, and ours was
  // refused. The server's is the one on file, so ours is dropped here rather than shown as a
  // second withdrawal no one else sees.
  const withdrawnOnServer = new Map(fetchedWithdrawals.map((entry) => [entry.paymentId, entry.id]))
  const superseded = localWithdrawals.filter(
    (entry) =>
      withdrawnOnServer.has(entry.paymentId) && withdrawnOnServer.get(entry.paymentId) !== entry.id,
  )
  if (superseded.length > 0)
    await dropWithdrawals(
      store,
      superseded.map((entry) => entry.id),
    )
  for (const entry of fetchedResolutions) onServer.resolutions.add(entry.id)
  for (const entry of fetchedPayments) onServer.payments.add(entry.id)
  for (const entry of fetchedWithdrawals) onServer.withdrawals.add(entry.id)
  await remember()
  return result
}

/** A failure of `syncBilling` in words for the screen, or null when it is "offline". */
export function billingSyncFailure(error: unknown): { code: string; message: string } | null {
  if (error instanceof ServerError && error.failure.kind === 'refused') {
    return { code: error.failure.code, message: error.failure.message }
  }
  return null
}
