/**
 * Payments of a payer's monthly contributions, and the continuity guard (issue 16): **three
 * consecutive unpaid months make the group's participants inactive** at BPJS, and a later payment
 * counts as a new membership unless BPJS backdates it. A late SP2D silently ends coverage for
 * thousands, so the supervisor is warned from the first month whose payment is overdue, with the
 * day the participants would become inactive and how many people that is.
 *
 * Rules (district.json `billing`, defaults below; confirm them with the BPJS branch):
 * - The contribution for month M is due on `dueDay` of month M+1 (clamped to the month's last day:
 *   a due day 31 falls on 28 or 29 February, 30 April…).
 * - A month is paid when the payments recorded for it reach the bill in force for it (or, with no
 *   bill imported, when any payment is recorded). Less than the bill is `partial`, which keeps the
 *   run of unpaid months going: BPJS does not count a short payment as the month paid.
 * - Participants become inactive the day after the due date of the `inactiveAfterUnpaidMonths`-th
 *   consecutive month not paid. A month nobody in the group is covered for breaks the run.
 * - Months are watched from the first month with a bill or a payment recorded for the payer:
 *   before the office records anything, Naungan cannot tell paid from unpaid and says so instead
 *   of raising an alarm for every month since the programme began.
 */
import { daysInMonth, parseIsoDate } from '../dates/calendar-date'
import { coveredSpan, isMonthPaid, type CoveredParticipant } from './budget'
import { addDays } from './calendar-days'
import { payerCodeOf } from './payers'
import { monthNumberOf, yearMonthOf } from './tariffs'
import { ISO_INSTANT, YEAR_MONTH } from './billing-formats'
import { DistrictConfigError, writtenAs } from '../district/config-error'

export interface BillingRules {
  /** Day of the month after the contribution month on which it is due, 1..31. */
  dueDay: number
  /** Consecutive unpaid months after which BPJS makes the participants inactive. */
  inactiveAfterUnpaidMonths: number
}

export const DEFAULT_BILLING_RULES: BillingRules = { dueDay: 15, inactiveAfterUnpaidMonths: 3 }

export interface PaymentRecord {
  /** A UUID. */
  id: string
  payerCode: string
  /** The contribution month paid for, 'YYYY-MM'. */
  month: string
  /** Whole rupiah, more than 0. */
  amount: number
  /** YYYY-MM-DD, the day the money left (SP2D date). */
  paidOn: string
  /** SP2D number or bank reference. */
  reference: string
  note?: string
  recordedAt: string
  /** Display name; the server records the account from the session too. */
  recordedBy: string
}

export const MAX_PAYMENT_AMOUNT = 10_000_000_000_000
const MAX_REFERENCE = 60
const MAX_NOTE = 300
const MAX_NAME = 120
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function parsePaymentRecord(
  input: unknown,
): { ok: true; payment: PaymentRecord } | { ok: false; reason: string } {
  if (!isRecord(input)) return { ok: false, reason: 'not an object' }
  const { id, payerCode, month, amount, paidOn, reference, note, recordedAt, recordedBy } = input
  if (typeof id !== 'string' || !UUID.test(id)) return { ok: false, reason: 'id' }
  if (
    typeof payerCode !== 'string' ||
    payerCode.length > 40 ||
    !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(payerCode)
  ) {
    return { ok: false, reason: 'payerCode' }
  }
  if (typeof month !== 'string' || !YEAR_MONTH.test(month)) return { ok: false, reason: 'month' }
  if (
    typeof amount !== 'number' ||
    !Number.isSafeInteger(amount) ||
    amount <= 0 ||
    amount > MAX_PAYMENT_AMOUNT
  ) {
    return { ok: false, reason: 'amount' }
  }
  if (!parseIsoDate(paidOn)) return { ok: false, reason: 'paidOn' }
  if (
    typeof reference !== 'string' ||
    reference.trim() === '' ||
    reference.length > MAX_REFERENCE
  ) {
    return { ok: false, reason: 'reference' }
  }
  if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE)) {
    return { ok: false, reason: 'note' }
  }
  if (
    typeof recordedAt !== 'string' ||
    !ISO_INSTANT.test(recordedAt) ||
    !Number.isFinite(Date.parse(recordedAt))
  ) {
    return { ok: false, reason: 'recordedAt' }
  }
  if (typeof recordedBy !== 'string' || recordedBy.length > MAX_NAME) {
    return { ok: false, reason: 'recordedBy' }
  }
  return {
    ok: true,
    payment: {
      id,
      payerCode,
      month,
      amount,
      paidOn: paidOn as string,
      reference: reference.trim(),
      ...(note === undefined || note.trim() === '' ? {} : { note: note.trim() }),
      recordedAt,
      recordedBy,
    },
  }
}

/** The day the contribution for `month` ('YYYY-MM') is due: `dueDay` of the next month. */
export function dueDateOf(month: string, rules: BillingRules): string {
  const next = monthNumberOf(month) + 1
  const [yearText = '', monthText = ''] = yearMonthOf(next).split('-')
  const year = Number(yearText)
  const monthOfYear = Number(monthText)
  const day = Math.min(rules.dueDay, daysInMonth(year, monthOfYear))
  return `${yearText}-${monthText}-${String(day).padStart(2, '0')}`
}

/** How many people `payerCode` covers in each month, by the budget's month rule. */
export function peopleByMonth(
  participants: readonly CoveredParticipant[],
  payerCode: string,
  defaultPayerCode: string,
  months: readonly string[],
): Map<string, number> {
  const keys = months.map((month) => {
    const [year = 0, monthOfYear = 0] = month.split('-').map(Number)
    return { month, year, monthOfYear }
  })
  const counts = new Map(months.map((month) => [month, 0]))
  for (const participant of participants) {
    const spans = (participant.coverage ?? [])
      .filter((period) => payerCodeOf(period, defaultPayerCode) === payerCode)
      .map(coveredSpan)
      .filter((span) => span !== null)
    if (spans.length === 0) continue
    for (const key of keys) {
      if (spans.some((span) => isMonthPaid(span, key.year, key.monthOfYear))) {
        counts.set(key.month, (counts.get(key.month) ?? 0) + 1)
      }
    }
  }
  return counts
}

export type MonthState =
  /** Before the first bill or payment recorded for the payer: not watched. */
  | 'not-tracked'
  /** Nobody covered and nothing billed: nothing to pay. */
  | 'nothing-due'
  | 'paid'
  /** Paid less than the bill. */
  | 'partial'
  /** Due date passed without payment. */
  | 'unpaid'
  /** The month has begun (or ended) and its due date has not passed yet. */
  | 'due'
  /** A month still to come. */
  | 'upcoming'

export interface PayerMonth {
  month: string
  state: MonthState
  people: number
  /** Total of the bill in force; null when no bill was imported for the month. */
  billed: number | null
  paid: number
  dueOn: string
}

export interface TimelineInput {
  payerCode: string
  /** The months to show, ascending, 'YYYY-MM'. */
  months: readonly string[]
  /** Totals of the bills in force, by month, for this payer. */
  billedByMonth: ReadonlyMap<string, number>
  payments: readonly PaymentRecord[]
  people: ReadonlyMap<string, number>
  /** YYYY-MM-DD in the district's time zone. */
  today: string
  rules: BillingRules
}

/** The first month with a bill or payment of this payer, or null (nothing recorded yet). */
export function trackedFrom(
  payerCode: string,
  billedByMonth: ReadonlyMap<string, number>,
  payments: readonly PaymentRecord[],
): string | null {
  let first: string | null = null
  for (const month of billedByMonth.keys()) if (first === null || month < first) first = month
  for (const payment of payments) {
    if (payment.payerCode !== payerCode) continue
    if (first === null || payment.month < first) first = payment.month
  }
  return first
}

function paidByMonth(payerCode: string, payments: readonly PaymentRecord[]): Map<string, number> {
  const paid = new Map<string, number>()
  for (const payment of payments) {
    if (payment.payerCode !== payerCode) continue
    paid.set(payment.month, (paid.get(payment.month) ?? 0) + payment.amount)
  }
  return paid
}

function stateOf(
  month: string,
  people: number,
  billed: number | null,
  paid: number,
  today: string,
  rules: BillingRules,
  from: string | null,
): MonthState {
  if (from === null || month < from) return 'not-tracked'
  if (paid > 0 && (billed === null || paid >= billed)) return 'paid'
  if (people === 0 && !billed) return 'nothing-due'
  if (paid > 0) return 'partial'
  if (today > dueDateOf(month, rules)) return 'unpaid'
  return today >= `${month}-01` ? 'due' : 'upcoming'
}

/** Paid, billed and unpaid per month of one payer, for the timeline. */
export function payerTimeline(input: TimelineInput): PayerMonth[] {
  const from = trackedFrom(input.payerCode, input.billedByMonth, input.payments)
  const paid = paidByMonth(input.payerCode, input.payments)
  return input.months.map((month) => {
    const people = input.people.get(month) ?? 0
    const billed = input.billedByMonth.get(month) ?? null
    const paidAmount = paid.get(month) ?? 0
    return {
      month,
      state: stateOf(month, people, billed, paidAmount, input.today, input.rules, from),
      people,
      billed,
      paid: paidAmount,
      dueOn: dueDateOf(month, input.rules),
    }
  })
}

export interface ContinuityAlert {
  payerCode: string
  /** The earliest month whose payment is overdue (or short). */
  firstUnpaidMonth: string
  /** Every overdue month, ascending. */
  overdueMonths: string[]
  /** The day the group's participants become inactive if nothing is paid, YYYY-MM-DD. */
  inactiveOn: string
  /** Today is on or after `inactiveOn`: BPJS has (by its rule) made them inactive already. */
  alreadyInactive: boolean
  /** People this payer covers in the first unpaid month: those whose continuity breaks. */
  people: number
}

const NOT_PAID: ReadonlySet<MonthState> = new Set(['unpaid', 'partial', 'due', 'upcoming'])

/**
 * The guard: null while no month's payment is overdue. Otherwise the first overdue month and the
 * inactivity day: the first run of `inactiveAfterUnpaidMonths` consecutive months not paid that
 * starts at or after it (months after the last one known count as not paid yet).
 */
export function continuityAlert(input: Omit<TimelineInput, 'months'>): ContinuityAlert | null {
  const from = trackedFrom(input.payerCode, input.billedByMonth, input.payments)
  if (from === null) return null
  const todayMonth = input.today.slice(0, 7)
  const paid = paidByMonth(input.payerCode, input.payments)
  const state = (month: string): MonthState => {
    const paidAmount = paid.get(month) ?? 0
    // After this month nobody knows yet who will be covered: a month to come is not paid until a
    // payment for it is recorded (an advance), whoever it covers.
    // Nor is this month's head count final: a renewal for January is often recorded in January,
    // and a run of unpaid months must not look broken by a month whose people are not in yet.
    if (month >= todayMonth && !(input.billedByMonth.get(month) ?? 0)) {
      return paidAmount > 0 ? 'paid' : 'upcoming'
    }
    if (month > todayMonth) return paidAmount > 0 ? 'paid' : 'upcoming'
    return stateOf(
      month,
      input.people.get(month) ?? 0,
      input.billedByMonth.get(month) ?? null,
      paidAmount,
      input.today,
      input.rules,
      from,
    )
  }
  const overdueMonths: string[] = []
  for (let key = monthNumberOf(from); key <= monthNumberOf(todayMonth); key++) {
    const month = yearMonthOf(key)
    const monthState = state(month)
    if (
      monthState === 'unpaid' ||
      (monthState === 'partial' && input.today > dueDateOf(month, input.rules))
    ) {
      overdueMonths.push(month)
    }
  }
  const first = overdueMonths[0]
  if (first === undefined) return null
  const needed = input.rules.inactiveAfterUnpaidMonths
  let runStart = monthNumberOf(first)
  let runLength = 0
  let key = runStart
  // Bounded: months after today are paid only by an advance, so a run of `needed` months not paid
  // is found within the recorded advances plus `needed` months; the cap only guards bad input.
  const lastKey = monthNumberOf(todayMonth) + 240
  for (; runLength < needed && key <= lastKey; key++) {
    if (NOT_PAID.has(state(yearMonthOf(key)))) {
      if (runLength === 0) runStart = key
      runLength++
    } else {
      runLength = 0
    }
  }
  const lastOfRun = yearMonthOf(runStart + needed - 1)
  const inactiveOn = addDays(dueDateOf(lastOfRun, input.rules), 1)
  return {
    payerCode: input.payerCode,
    firstUnpaidMonth: first,
    overdueMonths,
    inactiveOn,
    alreadyInactive: input.today >= inactiveOn,
    people: input.people.get(first) ?? 0,
  }
}

/** The months from `first` to `last` inclusive, 'YYYY-MM'. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = []
  for (let key = monthNumberOf(first); key <= monthNumberOf(last); key++) {
    months.push(yearMonthOf(key))
  }
  return months
}

const BILLING_KEYS: readonly string[] = ['dueDay', 'inactiveAfterUnpaidMonths']

/**
 * district.json's optional `billing`: the rules above, checked; a wrong one throws the
 * DistrictConfigError every district.json check throws, at '.billing…'. An unknown key is refused,
 * as in `payers` and `tariffs`: a misspelt `dueday` would otherwise leave the default in force.
 */
export function parseBillingRules(value: unknown): BillingRules {
  if (value === undefined) return { ...DEFAULT_BILLING_RULES }
  if (!isRecord(value)) {
    throw new DistrictConfigError(
      '.billing',
      `harus berupa objek { dueDay, inactiveAfterUnpaidMonths } (boleh dihapus: tanggal 15, 3 bulan); ${writtenAs(value)}; contoh: { "dueDay": 15, "inactiveAfterUnpaidMonths": 3 }`,
    )
  }
  for (const key of Object.keys(value)) {
    if (!BILLING_KEYS.includes(key)) {
      throw new DistrictConfigError(
        `.billing.${key}`,
        'kunci tidak dikenal: billing hanya berisi dueDay dan inactiveAfterUnpaidMonths',
      )
    }
  }
  const dueDay = value.dueDay ?? DEFAULT_BILLING_RULES.dueDay
  const months = value.inactiveAfterUnpaidMonths ?? DEFAULT_BILLING_RULES.inactiveAfterUnpaidMonths
  if (typeof dueDay !== 'number' || !Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31) {
    throw new DistrictConfigError(
      '.billing.dueDay',
      `harus tanggal jatuh tempo 1–31, tanpa tanda kutip; ${writtenAs(dueDay)}; contoh: 15`,
    )
  }
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > 12) {
    throw new DistrictConfigError(
      '.billing.inactiveAfterUnpaidMonths',
      `harus jumlah bulan 1–12, tanpa tanda kutip; ${writtenAs(months)}; contoh: 3`,
    )
  }
  return { dueDay, inactiveAfterUnpaidMonths: months }
}

/**
 * A payment recorded by mistake (wrong amount, wrong month, the same SP2D twice) is withdrawn,
 * never edited or deleted: every PC may have counted it already, and the finance file must show
 * what was recorded, who took it back and why. A withdrawal is its own immutable record; one per
 * payment. A correction is a withdrawal naming the payment recorded in its place (`replacedBy`).
 * Withdrawn payments count for nothing: the timeline and the continuity guard recount without them.
 */
export interface PaymentWithdrawal {
  /** A UUID. */
  id: string
  /** The payment taken back. */
  paymentId: string
  /** Why, in the supervisor's words: at least `MIN_WITHDRAWAL_REASON` characters. */
  reason: string
  /** The payment recorded in its place, when this withdrawal is a correction. */
  replacedBy?: string
  withdrawnAt: string
  /** Display name; the server records the account from the session too. */
  withdrawnBy: string
}

export const MIN_WITHDRAWAL_REASON = 5

export function parsePaymentWithdrawal(
  input: unknown,
): { ok: true; withdrawal: PaymentWithdrawal } | { ok: false; reason: string } {
  if (!isRecord(input)) return { ok: false, reason: 'not an object' }
  const { id, paymentId, reason, replacedBy, withdrawnAt, withdrawnBy } = input
  if (typeof id !== 'string' || !UUID.test(id)) return { ok: false, reason: 'id' }
  if (typeof paymentId !== 'string' || !UUID.test(paymentId)) {
    return { ok: false, reason: 'paymentId' }
  }
  if (
    typeof reason !== 'string' ||
    reason.trim().length < MIN_WITHDRAWAL_REASON ||
    reason.length > MAX_NOTE
  ) {
    return { ok: false, reason: 'reason' }
  }
  if (
    replacedBy !== undefined &&
    (typeof replacedBy !== 'string' || !UUID.test(replacedBy) || replacedBy === paymentId)
  ) {
    return { ok: false, reason: 'replacedBy' }
  }
  if (
    typeof withdrawnAt !== 'string' ||
    !ISO_INSTANT.test(withdrawnAt) ||
    !Number.isFinite(Date.parse(withdrawnAt))
  ) {
    return { ok: false, reason: 'withdrawnAt' }
  }
  if (typeof withdrawnBy !== 'string' || withdrawnBy.length > MAX_NAME) {
    return { ok: false, reason: 'withdrawnBy' }
  }
  return {
    ok: true,
    withdrawal: {
      id,
      paymentId,
      reason: reason.trim(),
      ...(replacedBy === undefined ? {} : { replacedBy }),
      withdrawnAt,
      withdrawnBy,
    },
  }
}

/** The payments that count: those no withdrawal takes back. */
export function paymentsInForce(
  payments: readonly PaymentRecord[],
  withdrawals: readonly PaymentWithdrawal[],
): PaymentRecord[] {
  if (withdrawals.length === 0) return [...payments]
  const withdrawn = new Set(withdrawals.map((entry) => entry.paymentId))
  return payments.filter((payment) => !withdrawn.has(payment.id))
}
