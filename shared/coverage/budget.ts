/**
 * What the APBD pays for BPJS Ketenagakerjaan premiums, from the coverage periods recorded on each
 * participant: spend to date, projection to 31 December, and what reaching the year's target would
 * add. Money is whole rupiah (integers) throughout; nothing is rounded because nothing is divided.
 *
 * The month rule (one function, `isMonthPaid`): **a calendar month is paid when the person is
 * covered on at least one day of it.** BPJS Ketenagakerjaan contributions for Bukan Penerima Upah
 * are monthly amounts, not daily ones: there is no pro-rating, so a month in which coverage has
 * started (15 March) or is still running (ended 10 June) is due in full. Coverage starting
 * 15 March pays March–December (10 months); ending 10 June pays January–June.
 *
 * Coverage dates are the truth, not the status: a period without `until` runs to 31 December of
 * its budget year; the APBD year is the calendar year.
 *
 * Each paid month is costed at the tariff in force THAT month (tariffs.ts), per line (JKK, JKM):
 * a new tariff from July costs January–June at the old rates and July–December at the new ones,
 * for spend, projection and the target alike. Nothing is stored on participants, so a tariff
 * change never rewrites a month already costed under the old one.
 */
import { parseIsoDate, type CalendarDate } from '../dates/calendar-date'
import type { CoveragePeriod } from '../participant/participant-document'
import {
  DEFAULT_PAYER_KIND,
  discountsInMonth,
  rateInMonth,
  type MonthlyRate,
  type PayerKind,
  type ProgrammeLines,
  type Tariff,
  type TariffDiscount,
} from './tariffs'

export const MONTHS_PER_YEAR = 12

/** The days a period covers inside its own budget year, or null when its dates are unusable. */
export interface CoveredSpan {
  first: CalendarDate
  last: CalendarDate
}

const monthKey = (year: number, month: number): number => year * MONTHS_PER_YEAR + (month - 1)
const dayKey = (date: CalendarDate): number => date.year * 10_000 + date.month * 100 + date.day

/**
 * The covered days of a period, clipped to its budget year (`period.year`): from `from` to `until`,
 * or to 31 December when `until` is absent. Null when a date is not a real YYYY-MM-DD (so
 * 2027-02-29 is refused and 2028-02-29 accepted) or when the period ends before it starts.
 */
export function coveredSpan(
  period: Pick<CoveragePeriod, 'year' | 'from' | 'until'>,
): CoveredSpan | null {
  const from = parseIsoDate(period.from)
  if (!from || !Number.isInteger(period.year)) return null
  const until = period.until === undefined ? null : parseIsoDate(period.until)
  if (period.until !== undefined && !until) return null
  const yearStart: CalendarDate = { year: period.year, month: 1, day: 1 }
  const yearEnd: CalendarDate = { year: period.year, month: 12, day: 31 }
  const first = dayKey(from) < dayKey(yearStart) ? yearStart : from
  const last = until && dayKey(until) < dayKey(yearEnd) ? until : yearEnd
  return dayKey(last) < dayKey(first) ? null : { first, last }
}

/**
 * THE month rule: `month` of `year` is paid when the span covers any day of it. The span is one
 * unbroken run of days, so that is exactly when the month lies between the span's first and last
 * months.
 */
export function isMonthPaid(span: CoveredSpan, year: number, month: number): boolean {
  const key = monthKey(year, month)
  return (
    monthKey(span.first.year, span.first.month) <= key &&
    key <= monthKey(span.last.year, span.last.month)
  )
}

/** The months of `year` a span pays for (`isMonthPaid`), as bits: January is bit 0. */
function paidMonthBits(span: CoveredSpan, year: number): number {
  let bits = 0
  for (let month = 1; month <= MONTHS_PER_YEAR; month++) {
    if (isMonthPaid(span, year, month)) bits |= 1 << (month - 1)
  }
  return bits
}

/** The months (1..12) of `year` a period pays for, ascending; [] for another year or bad dates. */
export function coveredMonths(
  period: Pick<CoveragePeriod, 'year' | 'from' | 'until'>,
  year: number,
): number[] {
  const span = coveredSpan(period)
  if (!span) return []
  const months: number[] = []
  for (let month = 1; month <= MONTHS_PER_YEAR; month++) {
    if (isMonthPaid(span, year, month)) months.push(month)
  }
  return months
}

/** Whether any period covers `date` (a CalendarDate). */
export function isCoveredOn(
  coverage: readonly CoveragePeriod[] | undefined,
  date: CalendarDate,
): boolean {
  const key = dayKey(date)
  return (coverage ?? []).some((period) => {
    const span = coveredSpan(period)
    return span !== null && dayKey(span.first) <= key && key <= dayKey(span.last)
  })
}

/** Whole rupiah, refused when a product leaves the range where a JS number is exact. */
function rupiah(amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${amount} is not exact rupiah`)
  return amount
}

function requireWholeAmount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole, non-negative number of rupiah; got ${value}`)
  }
}

function requireDate(name: string, value: string): CalendarDate {
  const date = parseIsoDate(value)
  if (!date)
    throw new RangeError(`${name} must be a real YYYY-MM-DD date; got ${JSON.stringify(value)}`)
  return date
}

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new RangeError(`year must be 2000..2100; got ${year}`)
  }
}

/** How many months of `year` are on or before `asOf`'s month (0 when asOf is before the year). */
function monthsThrough(asOf: CalendarDate, year: number): number {
  if (asOf.year < year) return 0
  if (asOf.year > year) return MONTHS_PER_YEAR
  return asOf.month
}

export interface MonthSpend {
  /** 1..12 */
  month: number
  /** Participants paid for in this month (each person once, however many periods they have). */
  people: number
  /** What one participant costs this month under the tariff in force; null: no tariff, not costed. */
  rate: MonthlyRate | null
  /** people × rate.jkk, rupiah. */
  jkk: number
  /** people × rate.jkm, rupiah. */
  jkm: number
  /** people × rate.total (= jkk + jkm), rupiah. */
  amount: number
}

export interface YearSpend {
  /** Every covered month up to and including asOf's month, rupiah. */
  spentToDate: number
  /** The same, per programme line. */
  spentToDateByLine: ProgrammeLines
  /** Every covered month of the year as recorded today: open periods run to 31 December. */
  projectedYearEnd: number
  projectedYearEndByLine: ProgrammeLines
  /** Participants covered on the asOf day itself. */
  activeCount: number
  /** Twelve entries, January first. */
  byMonth: MonthSpend[]
  /** Coverage periods of this year whose dates could not be read: not paid, worth a look. */
  unreadablePeriods: number
  /** Months (1..12) of the year no tariff covers: costed at nothing, to be fixed in district.json. */
  monthsWithoutTariff: number[]
}

/** What one participant costs in each month of `year`, January first; null where no tariff is. */
export function monthlyRatesOf(
  tariffs: readonly Tariff[],
  year: number,
  payerKind: PayerKind = DEFAULT_PAYER_KIND,
): (MonthlyRate | null)[] {
  return Array.from(
    { length: MONTHS_PER_YEAR },
    (_, index) => rateInMonth(tariffs, year, index + 1, payerKind)?.rate ?? null,
  )
}

/** The participant fields the budget reads. */
export type CoveredParticipant = { coverage?: readonly CoveragePeriod[] }

/** Months (1..12) of `year` a participant is paid for, each counted once across all periods. */
export function paidMonthsOf(participant: CoveredParticipant, year: number): Set<number> {
  const months = new Set<number>()
  for (const period of participant.coverage ?? []) {
    if (period.year !== year) continue
    for (const month of coveredMonths(period, year)) months.add(month)
  }
  return months
}

/**
 * Premiums of `year` for the given participants, each month at the tariff in force that month.
 * `spentToDate` counts months up to and including the month of `asOf`: the contribution for a
 * covered month is due once the month is covered.
 */
export function spendForYear(
  participants: readonly CoveredParticipant[],
  year: number,
  tariffs: readonly Tariff[],
  asOf: string,
  payerKind: PayerKind = DEFAULT_PAYER_KIND,
): YearSpend {
  requireYear(year)
  const asOfDate = requireDate('asOf', asOf)
  const rates = monthlyRatesOf(tariffs, year, payerKind)
  const people = new Array<number>(MONTHS_PER_YEAR).fill(0)
  let activeCount = 0
  let unreadablePeriods = 0
  const asOfKey = dayKey(asOfDate)
  // Each period's span once, for the three questions asked of it (`paidMonthsOf`, `isCoveredOn`
  // and the unreadable count): at 100,000 people this loop was half the dashboard's count.
  for (const participant of participants) {
    let paid = 0
    let isActive = false
    for (const period of participant.coverage ?? []) {
      const span = coveredSpan(period)
      if (span === null) {
        if (period.year === year) unreadablePeriods++
        continue
      }
      if (!isActive && dayKey(span.first) <= asOfKey && asOfKey <= dayKey(span.last)) {
        isActive = true
      }
      if (period.year === year) paid |= paidMonthBits(span, year)
    }
    for (let month = 1; month <= MONTHS_PER_YEAR; month++) {
      if (paid & (1 << (month - 1))) people[month - 1] = (people[month - 1] ?? 0) + 1
    }
    if (isActive) activeCount++
  }
  const byMonth = people.map((count, index): MonthSpend => {
    const rate = rates[index] ?? null
    return {
      month: index + 1,
      people: count,
      rate,
      jkk: rupiah(count * (rate?.jkk ?? 0)),
      jkm: rupiah(count * (rate?.jkm ?? 0)),
      amount: rupiah(count * (rate?.total ?? 0)),
    }
  })
  const through = monthsThrough(asOfDate, year)
  const sum = (entries: readonly MonthSpend[], key: 'jkk' | 'jkm' | 'amount') =>
    rupiah(entries.reduce((total, entry) => total + entry[key], 0))
  const upToDate = byMonth.slice(0, through)
  return {
    spentToDate: sum(upToDate, 'amount'),
    spentToDateByLine: { jkk: sum(upToDate, 'jkk'), jkm: sum(upToDate, 'jkm') },
    projectedYearEnd: sum(byMonth, 'amount'),
    projectedYearEndByLine: { jkk: sum(byMonth, 'jkk'), jkm: sum(byMonth, 'jkm') },
    activeCount,
    byMonth,
    unreadablePeriods,
    monthsWithoutTariff: byMonth.filter((entry) => entry.rate === null).map((entry) => entry.month),
  }
}

/**
 * What enrolling `count` more people costs when they are covered from `fromMonth` (1..12) to
 * December of `year`: count × the rate of each of those months. 1.000 people from July at
 * Rp16.800: 1.000 × 6 × 16.800 = 100.800.000; with a new rate from October, October–December
 * are costed at that one.
 */
export function costOfAdding(
  count: number,
  fromMonth: number,
  year: number,
  tariffs: readonly Tariff[],
  payerKind: PayerKind = DEFAULT_PAYER_KIND,
): number {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a whole, non-negative number; got ${count}`)
  }
  if (!Number.isInteger(fromMonth) || fromMonth < 1 || fromMonth > MONTHS_PER_YEAR) {
    throw new RangeError(`fromMonth must be 1..12; got ${fromMonth}`)
  }
  requireYear(year)
  const perPerson = monthlyRatesOf(tariffs, year, payerKind)
    .slice(fromMonth - 1)
    .reduce((total, rate) => total + (rate?.total ?? 0), 0)
  return rupiah(count * perPerson)
}

export interface BudgetInput {
  participants: readonly CoveredParticipant[]
  year: number
  /** YYYY-MM-DD: "today" for the dashboard. */
  asOf: string
  /** The contribution rates with their months (district.json tariffs). */
  tariffs: readonly Tariff[]
  /** Who pays, for the discounts; default the kabupaten's APBD. */
  payerKind?: PayerKind
  /** The APBD allocation for premiums this year, rupiah, from settings. */
  allocation: number
  /** New participants targeted this year (district.json annualTargets). */
  target: number
  /**
   * People covered before the programme (district.json baselineCoveredParticipants). Shown, not
   * costed: Naungan holds no coverage dates for them. If the same allocation pays for them, enter
   * the allocation net of their premiums.
   */
  baseline: number
  /**
   * First month the remaining target could be covered; default the month after asOf (a batch
   * sent now is covered from next month at the earliest). 13 or more: none of this year.
   */
  addFromMonth?: number
}

/** Every figure is a whole, non-negative number: an overrun shows as a shortfall, never as −x. */
export interface BudgetSummary {
  year: number
  asOf: string
  payerKind: PayerKind
  /** What one participant costs in asOf's month (the tariff in force now), or null when none. */
  rateAsOf: MonthlyRate | null
  /** The year's months grouped by the tariff and discount they are costed at, in order. */
  tariffPeriods: TariffPeriod[]
  allocation: number
  spentToDate: number
  spentToDateByLine: ProgrammeLines
  projectedYearEnd: number
  projectedYearEndByLine: ProgrammeLines
  /** allocation − spent, or 0 when already overspent. */
  remainingAllocation: number
  /** spent − allocation when the allocation is already exceeded, else 0. */
  overspentToDate: number
  /** allocation − projected when the year fits, else 0. */
  projectedSurplus: number
  /** projected − allocation when the year does not fit, else 0. */
  projectedShortfall: number
  /** Covered on asOf. */
  activeCount: number
  baseline: number
  /** baseline + activeCount. */
  coveredTotal: number
  target: number
  /** Participants whose first coverage is in this year (new, not renewed). */
  newThisYear: number
  /** target − newThisYear, or 0 once reached. */
  remainingTarget: number
  /** Months of the year after asOf's month (asOf in June: 6). */
  monthsLeft: number
  /** The month the remaining target is costed from, or null when no month of the year is left. */
  addFromMonth: number | null
  /** remainingTarget covered from addFromMonth to December. */
  costToReachTarget: number
  projectedWithTarget: number
  surplusWithTarget: number
  shortfallWithTarget: number
  byMonth: MonthSpend[]
  unreadablePeriods: number
  monthsWithoutTariff: number[]
}

/** A discount as the dashboard names it. */
export interface DiscountNote {
  percent: number
  regulation: string
}

/**
 * A run of months of the budget year costed alike: the same tariff and the same discount for
 * this payer. Plain data (no functions, no references), because the dashboard keeps its last
 * figures in a local document.
 */
export interface TariffPeriod {
  /** 1..12, inclusive. */
  fromMonth: number
  untilMonth: number
  /** The tariff in force, or null: no tariff covers these months and they are not costed. */
  tariff: {
    validFrom: string
    validUntil?: string
    regulation: string
    lines: ProgrammeLines
    total: number
  } | null
  /** The discount this payer gets in these months, or null. */
  discount: DiscountNote | null
  /** Discounts of the tariff in force in these months that this payer kind does not get. */
  discountsNotApplied: DiscountNote[]
  /** What one participant costs per month here; null with no tariff. */
  rate: MonthlyRate | null
}

/** The year's months grouped by what one participant costs and why. */
export function tariffPeriodsOf(
  tariffs: readonly Tariff[],
  year: number,
  payerKind: PayerKind = DEFAULT_PAYER_KIND,
): TariffPeriod[] {
  const periods: (TariffPeriod & { key: string })[] = []
  for (let month = 1; month <= MONTHS_PER_YEAR; month++) {
    const inForce = rateInMonth(tariffs, year, month, payerKind)
    const tariff = inForce?.tariff ?? null
    const notApplied = tariff
      ? discountsInMonth(tariff, year, month).filter((discount) => discount !== inForce?.discount)
      : []
    const key = JSON.stringify([
      tariff ? tariffs.indexOf(tariff) : -1,
      inForce?.discount ? tariff?.discounts.indexOf(inForce.discount) : -1,
      notApplied.map((discount) => tariff?.discounts.indexOf(discount)),
    ])
    const last = periods[periods.length - 1]
    if (last && last.key === key) {
      last.untilMonth = month
      continue
    }
    const note = (discount: TariffDiscount): DiscountNote => ({
      percent: discount.percent,
      regulation: discount.regulation,
    })
    periods.push({
      key,
      fromMonth: month,
      untilMonth: month,
      tariff: tariff && {
        validFrom: tariff.validFrom,
        ...(tariff.validUntil === undefined ? {} : { validUntil: tariff.validUntil }),
        regulation: tariff.regulation,
        lines: { ...tariff.lines },
        total: tariff.total,
      },
      discount: inForce?.discount ? note(inForce.discount) : null,
      discountsNotApplied: notApplied.map(note),
      rate: inForce ? { ...inForce.rate } : null,
    })
  }
  return periods.map(({ key: _key, ...period }) => period)
}

/** The earliest budget year of a participant's coverage, or null when none is readable. */
function firstCoverageYear(participant: CoveredParticipant): number | null {
  let first: number | null = null
  for (const period of participant.coverage ?? []) {
    if (coveredSpan(period) && (first === null || period.year < first)) first = period.year
  }
  return first
}

export function budgetSummary(input: BudgetInput): BudgetSummary {
  const { participants, year, asOf, tariffs, allocation } = input
  const payerKind = input.payerKind ?? DEFAULT_PAYER_KIND
  requireWholeAmount('allocation', allocation)
  if (!Number.isSafeInteger(input.target) || input.target < 0) {
    throw new RangeError(`target must be a whole, non-negative number; got ${input.target}`)
  }
  if (!Number.isSafeInteger(input.baseline) || input.baseline < 0) {
    throw new RangeError(`baseline must be a whole, non-negative number; got ${input.baseline}`)
  }
  const spend = spendForYear(participants, year, tariffs, asOf, payerKind)
  const asOfDate = requireDate('asOf', asOf)
  const monthsLeft = MONTHS_PER_YEAR - monthsThrough(asOfDate, year)

  const newThisYear = participants.filter((p) => firstCoverageYear(p) === year).length
  const remainingTarget = Math.max(0, input.target - newThisYear)
  const wantedFrom = input.addFromMonth ?? MONTHS_PER_YEAR - monthsLeft + 1
  if (!Number.isInteger(wantedFrom) || wantedFrom < 1) {
    throw new RangeError(`addFromMonth must be 1 or more; got ${wantedFrom}`)
  }
  const addFromMonth = wantedFrom <= MONTHS_PER_YEAR ? wantedFrom : null
  const costToReachTarget =
    addFromMonth === null
      ? 0
      : costOfAdding(remainingTarget, addFromMonth, year, tariffs, payerKind)
  const projectedWithTarget = rupiah(spend.projectedYearEnd + costToReachTarget)

  return {
    year,
    asOf,
    payerKind,
    rateAsOf: rateInMonth(tariffs, asOfDate.year, asOfDate.month, payerKind)?.rate ?? null,
    tariffPeriods: tariffPeriodsOf(tariffs, year, payerKind),
    allocation,
    spentToDate: spend.spentToDate,
    spentToDateByLine: spend.spentToDateByLine,
    projectedYearEnd: spend.projectedYearEnd,
    projectedYearEndByLine: spend.projectedYearEndByLine,
    remainingAllocation: Math.max(0, allocation - spend.spentToDate),
    overspentToDate: Math.max(0, spend.spentToDate - allocation),
    projectedSurplus: Math.max(0, allocation - spend.projectedYearEnd),
    projectedShortfall: Math.max(0, spend.projectedYearEnd - allocation),
    activeCount: spend.activeCount,
    baseline: input.baseline,
    coveredTotal: input.baseline + spend.activeCount,
    target: input.target,
    newThisYear,
    remainingTarget,
    monthsLeft,
    addFromMonth,
    costToReachTarget,
    projectedWithTarget,
    surplusWithTarget: Math.max(0, allocation - projectedWithTarget),
    shortfallWithTarget: Math.max(0, projectedWithTarget - allocation),
    byMonth: spend.byMonth,
    unreadablePeriods: spend.unreadablePeriods,
    monthsWithoutTariff: spend.monthsWithoutTariff,
  }
}
