/**
 * What the bills & payments screen and the continuity guard show, computed from the local
 * billing records (billing-repository.ts) and the participants' coverage periods. The rules are
 * the pure ones of shared/coverage/bills.ts and payments.ts; this file only gathers their input.
 *
 * People per month are counted from the dashboard's copy of the records (dashboard-records.ts:
 * coverage without opening a sealed field, kept up to date from the change stream), so the guard
 * in the header costs one pass over that copy, not a read of every record.
 */
import { billInForce } from '@shared/coverage/bills'
import type { CoveredParticipant } from '@shared/coverage/budget'
import {
  continuityAlert,
  monthRange,
  payerTimeline,
  paymentsInForce,
  peopleByMonth,
  trackedFrom,
  type BillingRules,
  type ContinuityAlert,
  type PayerMonth,
  type PaymentRecord,
} from '@shared/coverage/payments'
import { monthNumberOf, yearMonthOf } from '@shared/coverage/tariffs'
import type { Payer } from '@shared/district/payer-config'
import type { NaunganStore } from '@/core/store/database'
import { dashboardRecordsOf } from '@/dashboard/dashboard-records'
import type { BillHeader, BillingState } from './billing-repository'

/** Totals of the bills in force for one payer, by month. */
export function billedByMonthOf(
  bills: readonly BillHeader[],
  payerCode: string,
): Map<string, number> {
  const months = new Set(
    bills.filter((bill) => bill.payerCode === payerCode).map((bill) => bill.month),
  )
  const billed = new Map<string, number>()
  for (const month of months) {
    const bill = billInForce(bills, payerCode, month)
    if (bill) billed.set(month, bill.billedTotal)
  }
  return billed
}

/** The coverage of every record, as the dashboard's copy holds it. */
export async function coveredRecords(store: NaunganStore): Promise<CoveredParticipant[]> {
  return dashboardRecordsOf(store).current()
}

export interface PayerContinuity {
  payer: Payer
  alert: ContinuityAlert | null
  /** The first month watched; null: nothing recorded for this payer yet. */
  trackedFrom: string | null
}

/** The guard for every payer of the district: an alert per payer in arrears. */
export function continuityOf(
  state: Pick<BillingState, 'bills' | 'payments' | 'withdrawals'>,
  records: readonly CoveredParticipant[],
  payers: readonly Payer[],
  defaultPayerCode: string,
  rules: BillingRules,
  today: string,
): PayerContinuity[] {
  // A withdrawn payment counts for nothing: the guard recounts as if it was never recorded.
  const payments = paymentsInForce(state.payments, state.withdrawals)
  return payers.map((payer) => {
    const billed = billedByMonthOf(state.bills, payer.code)
    const from = trackedFrom(payer.code, billed, payments)
    if (from === null) return { payer, alert: null, trackedFrom: null }
    const todayMonth = today.slice(0, 7)
    const months = from <= todayMonth ? monthRange(from, todayMonth) : []
    const people = peopleByMonth(records, payer.code, defaultPayerCode, months)
    const alert = continuityAlert({
      payerCode: payer.code,
      billedByMonth: billed,
      payments,
      people,
      today,
      rules,
    })
    return { payer, alert, trackedFrom: from }
  })
}

/** Twelve months of `year` for one payer: paid, billed, unpaid. */
export function timelineOf(
  state: Pick<BillingState, 'bills' | 'payments' | 'withdrawals'>,
  records: readonly CoveredParticipant[],
  payer: Payer,
  defaultPayerCode: string,
  rules: BillingRules,
  today: string,
  year: number,
): PayerMonth[] {
  const months = monthRange(`${year}-01`, `${year}-12`)
  return payerTimeline({
    payerCode: payer.code,
    months,
    billedByMonth: billedByMonthOf(state.bills, payer.code),
    payments: paymentsInForce(state.payments, state.withdrawals),
    people: peopleByMonth(records, payer.code, defaultPayerCode, months),
    today,
    rules,
  })
}

/** The month before `today`'s: what is usually billed and paid now. */
export function previousMonth(today: string): string {
  return yearMonthOf(monthNumberOf(today.slice(0, 7)) - 1)
}

/** Payments of one payer, newest month first, then newest recorded. */
export function paymentsOf(payments: readonly PaymentRecord[], payerCode: string | null) {
  return payments
    .filter((payment) => payerCode === null || payment.payerCode === payerCode)
    .sort((a, b) => b.month.localeCompare(a.month) || b.recordedAt.localeCompare(a.recordedAt))
}
