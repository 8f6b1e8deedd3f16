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
 */
import { parseIsoDate, type CalendarDate } from '../dates/calendar-date'
import type { CoveragePeriod } from '../participant/participant-document'

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
  /** people × premium, rupiah. */
  amount: number
}

export interface YearSpend {
  /** Every covered month up to and including asOf's month, rupiah. */
  spentToDate: number
  /** Every covered month of the year as recorded today: open periods run to 31 December. */
  projectedYearEnd: number
  /** Participants covered on the asOf day itself. */
  activeCount: number
  /** Twelve entries, January first. */
  byMonth: MonthSpend[]
  /** Coverage periods of this year whose dates could not be read: not paid, worth a look. */
  unreadablePeriods: number
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
 * Premiums of `year` for the given participants. `spentToDate` counts months up to and including
 * the month of `asOf`: the contribution for a covered month is due once the month is covered.
 */
export function spendForYear(
  participants: readonly CoveredParticipant[],
  year: number,
  premiumPerMonth: number,
  asOf: string,
): YearSpend {
  requireYear(year)
  requireWholeAmount('premiumPerMonth', premiumPerMonth)
  const asOfDate = requireDate('asOf', asOf)
  const people = new Array<number>(MONTHS_PER_YEAR).fill(0)
  let activeCount = 0
  let unreadablePeriods = 0
  for (const participant of participants) {
    for (const period of participant.coverage ?? []) {
      if (period.year === year && coveredSpan(period) === null) unreadablePeriods++
    }
    for (const month of paidMonthsOf(participant, year))
      people[month - 1] = (people[month - 1] ?? 0) + 1
    if (isCoveredOn(participant.coverage, asOfDate)) activeCount++
  }
  const byMonth = people.map((count, index) => ({
    month: index + 1,
    people: count,
    amount: rupiah(count * premiumPerMonth),
  }))
  const through = monthsThrough(asOfDate, year)
  const sum = (entries: readonly MonthSpend[]) =>
    rupiah(entries.reduce((total, entry) => total + entry.amount, 0))
  return {
    spentToDate: sum(byMonth.slice(0, through)),
    projectedYearEnd: sum(byMonth),
    activeCount,
    byMonth,
    unreadablePeriods,
  }
}

/**
 * What enrolling `count` more people costs when they are covered from `fromMonth` (1..12) to
 * December: count × months × premium. 1.000 people from July: 1.000 × 6 × 16.800 = 100.800.000.
 */
export function costOfAdding(count: number, fromMonth: number, premiumPerMonth: number): number {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a whole, non-negative number; got ${count}`)
  }
  if (!Number.isInteger(fromMonth) || fromMonth < 1 || fromMonth > MONTHS_PER_YEAR) {
    throw new RangeError(`fromMonth must be 1..12; got ${fromMonth}`)
  }
  requireWholeAmount('premiumPerMonth', premiumPerMonth)
  return rupiah(count * (MONTHS_PER_YEAR - fromMonth + 1) * premiumPerMonth)
}

export interface BudgetInput {
  participants: readonly CoveredParticipant[]
  year: number
  /** YYYY-MM-DD: "today" for the dashboard. */
  asOf: string
  /** Rupiah per participant per month (district.json premiumPerMonth.total). */
  premiumPerMonth: number
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
  premiumPerMonth: number
  allocation: number
  spentToDate: number
  projectedYearEnd: number
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
  const { participants, year, asOf, premiumPerMonth, allocation } = input
  requireWholeAmount('allocation', allocation)
  if (!Number.isSafeInteger(input.target) || input.target < 0) {
    throw new RangeError(`target must be a whole, non-negative number; got ${input.target}`)
  }
  if (!Number.isSafeInteger(input.baseline) || input.baseline < 0) {
    throw new RangeError(`baseline must be a whole, non-negative number; got ${input.baseline}`)
  }
  const spend = spendForYear(participants, year, premiumPerMonth, asOf)
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
    addFromMonth === null ? 0 : costOfAdding(remainingTarget, addFromMonth, premiumPerMonth)
  const projectedWithTarget = rupiah(spend.projectedYearEnd + costToReachTarget)

  return {
    year,
    asOf,
    premiumPerMonth,
    allocation,
    spentToDate: spend.spentToDate,
    projectedYearEnd: spend.projectedYearEnd,
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
  }
}
