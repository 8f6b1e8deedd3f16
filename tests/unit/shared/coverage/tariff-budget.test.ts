/**
 * The budget at the tariff in force each month (shared/coverage/budget.ts with tariffs.ts): a new
 * tariff from July costs January–June at the old rates and July–December at the new ones, per
 * line, in spend, projection and the cost of the target; across a year end each year takes its
 * own; the month rule decides which month (and so which tariff) a covered day falls in; and
 * nothing stored on a participant changes.
 */
import { describe, expect, it } from 'vitest'
import {
  budgetSummary,
  costOfAdding,
  spendForYear,
  type CoveredParticipant,
} from '@shared/coverage/budget'
import type { Tariff } from '@shared/coverage/tariffs'
import { parseTariffs } from '@shared/district/tariff-config'
import type { CoveragePeriod } from '@shared/participant/participant-document'

const OLD = { jkk: 10_000, jkm: 6_800, total: 16_800 }
const NEW = { jkk: 12_000, jkm: 7_500, total: 19_500 }

/** Tariffs as district.json writes them, read by the same check the app uses. */
function tariffsChangingIn(firstNewMonth: string, lastOldMonth: string): Tariff[] {
  return parseTariffs({
    tariffs: [
      {
        validFrom: '2020-01',
        validUntil: lastOldMonth,
        lines: { jkk: OLD.jkk, jkm: OLD.jkm },
        total: OLD.total,
        regulation: 'PP 44/2015 jo. PP 82/2019',
      },
      {
        validFrom: firstNewMonth,
        lines: { jkk: NEW.jkk, jkm: NEW.jkm },
        total: NEW.total,
        regulation: 'PP 99/2026 (contoh)',
      },
    ],
  })
}

const FROM_JULY = tariffsChangingIn('2026-07', '2026-06')
const FROM_2027 = tariffsChangingIn('2027-01', '2026-12')
const FROM_MARCH_2028 = tariffsChangingIn('2028-03', '2028-02')

const period = (from: string, until?: string, year = Number(from.slice(0, 4))): CoveragePeriod =>
  until === undefined ? { year, from, batchId: 'B1' } : { year, from, until, batchId: 'B1' }
const covered = (...periods: CoveragePeriod[]): CoveredParticipant => ({ coverage: periods })

describe('a new tariff from July 2026', () => {
  const allYear = covered(period('2026-01-01'))

  it('costs January–June at the old rates and July–December at the new, per line', () => {
    const spend = spendForYear([allYear], 2026, FROM_JULY, '2026-12-31')
    expect(spend.byMonth.map((m) => m.rate)).toEqual([
      ...Array<typeof OLD>(6).fill(OLD),
      ...Array<typeof NEW>(6).fill(NEW),
    ])
    expect(spend.byMonth[5]).toMatchObject({ month: 6, jkk: 10_000, jkm: 6_800, amount: 16_800 })
    expect(spend.byMonth[6]).toMatchObject({ month: 7, jkk: 12_000, jkm: 7_500, amount: 19_500 })
    // 6 × 16.800 + 6 × 19.500
    expect(spend.projectedYearEnd).toBe(217_800)
    expect(spend.projectedYearEndByLine).toEqual({ jkk: 132_000, jkm: 85_800 })
    expect(spend.monthsWithoutTariff).toEqual([])
  })

  it('counts spend to date month by month: to August is 6 old months and 2 new', () => {
    const spend = spendForYear([allYear, allYear], 2026, FROM_JULY, '2026-08-15')
    expect(spend.spentToDate).toBe(2 * (6 * 16_800 + 2 * 19_500))
    expect(spend.spentToDateByLine).toEqual({
      jkk: 2 * (6 * 10_000 + 2 * 12_000),
      jkm: 2 * (6 * 6_800 + 2 * 7_500),
    })
  })

  it('costs the target at the rate of each future month', () => {
    // May and June old, July–December new.
    expect(costOfAdding(10, 5, 2026, FROM_JULY)).toBe(10 * (2 * 16_800 + 6 * 19_500))
    expect(costOfAdding(10, 7, 2026, FROM_JULY)).toBe(10 * 6 * 19_500)
    const summary = budgetSummary({
      participants: [allYear],
      year: 2026,
      asOf: '2026-06-20',
      tariffs: FROM_JULY,
      allocation: 1_000_000,
      target: 3,
      baseline: 0,
    })
    expect(summary.rateAsOf).toEqual(OLD)
    expect(summary.addFromMonth).toBe(7)
    expect(summary.costToReachTarget).toBe(2 * 6 * 19_500)
    expect(summary.projectedWithTarget).toBe(217_800 + 234_000)
  })

  it('tells the dashboard which months each tariff covers', () => {
    const summary = budgetSummary({
      participants: [],
      year: 2026,
      asOf: '2026-08-01',
      tariffs: FROM_JULY,
      allocation: 0,
      target: 0,
      baseline: 0,
    })
    expect(summary.rateAsOf).toEqual(NEW)
    expect(summary.tariffPeriods).toEqual([
      {
        fromMonth: 1,
        untilMonth: 6,
        tariff: {
          validFrom: '2020-01',
          validUntil: '2026-06',
          regulation: 'PP 44/2015 jo. PP 82/2019',
          lines: { jkk: 10_000, jkm: 6_800 },
          total: 16_800,
        },
        discount: null,
        discountsNotApplied: [],
        rate: OLD,
      },
      {
        fromMonth: 7,
        untilMonth: 12,
        tariff: {
          validFrom: '2026-07',
          regulation: 'PP 99/2026 (contoh)',
          lines: { jkk: 12_000, jkm: 7_500 },
          total: 19_500,
        },
        discount: null,
        discountsNotApplied: [],
        rate: NEW,
      },
    ])
  })

  it('changes nothing stored on participants, and no earlier year', () => {
    const people = [allYear, covered(period('2025-03-15'))]
    const before = structuredClone(people)
    const lastYearBefore = spendForYear(
      people,
      2025,
      tariffsChangingIn('2030-01', '2029-12'),
      '2025-12-31',
    )
    spendForYear(people, 2026, FROM_JULY, '2026-12-31')
    expect(people).toEqual(before)
    expect(spendForYear(people, 2025, FROM_JULY, '2025-12-31')).toEqual(lastYearBefore)
    expect(lastYearBefore.projectedYearEnd).toBe(10 * 16_800)
  })
})

describe('a new tariff from January 2027', () => {
  // Covered from 15 November 2026, renewed for 2027.
  const person = covered(period('2026-11-15'), period('2027-01-01'))

  it('pays November and December 2026 at the old rate and every month of 2027 at the new', () => {
    expect(spendForYear([person], 2026, FROM_2027, '2026-12-31').projectedYearEnd).toBe(2 * 16_800)
    const next = spendForYear([person], 2027, FROM_2027, '2027-12-31')
    expect(next.projectedYearEnd).toBe(12 * 19_500)
    expect(next.projectedYearEndByLine).toEqual({ jkk: 12 * 12_000, jkm: 12 * 7_500 })
  })

  it('plans the coming year at the new rate while this year is still at the old', () => {
    const planning = budgetSummary({
      participants: [person],
      year: 2027,
      asOf: '2026-11-20',
      tariffs: FROM_2027,
      allocation: 0,
      target: 1,
      baseline: 0,
    })
    expect(planning.rateAsOf).toEqual(OLD)
    expect(planning.costToReachTarget).toBe(12 * 19_500)
    expect(planning.tariffPeriods).toHaveLength(1)
  })
})

describe('the month rule decides the tariff: a change from March 2028 (a leap year)', () => {
  it.each([
    [
      'ended 29 February: January–February, both old',
      period('2028-01-01', '2028-02-29'),
      2 * 16_800,
    ],
    [
      'ended 1 March: March is paid, at the new rate',
      period('2028-01-01', '2028-03-01'),
      2 * 16_800 + 19_500,
    ],
    [
      'from 29 February: February old, March–December new',
      period('2028-02-29'),
      16_800 + 10 * 19_500,
    ],
    ['from 1 March: all new', period('2028-03-01'), 10 * 19_500],
    ['one day, 29 February: one old month', period('2028-02-29', '2028-02-29'), 16_800],
    ['31 January to 1 February: two old months', period('2028-01-31', '2028-02-01'), 2 * 16_800],
  ])('%s', (_label, coverage, amount) => {
    expect(
      spendForYear([covered(coverage)], 2028, FROM_MARCH_2028, '2028-12-31').projectedYearEnd,
    ).toBe(amount)
  })

  it('pays nothing for 29 February of a common year, whatever the tariff', () => {
    const spend = spendForYear(
      [covered(period('2027-02-29'))],
      2027,
      tariffsChangingIn('2027-03', '2027-02'),
      '2027-12-31',
    )
    expect(spend.projectedYearEnd).toBe(0)
    expect(spend.unreadablePeriods).toBe(1)
  })
})

describe('months no tariff covers', () => {
  const fromApril = parseTariffs({
    tariffs: [
      {
        validFrom: '2026-04',
        lines: { jkk: 10_000, jkm: 6_800 },
        total: 16_800,
        regulation: 'PP 44/2015 jo. PP 82/2019',
      },
    ],
  })

  it('are costed at nothing and named, so the dashboard can say so', () => {
    const summary = budgetSummary({
      participants: [covered(period('2026-01-01'))],
      year: 2026,
      asOf: '2026-02-10',
      tariffs: fromApril,
      allocation: 0,
      // One new this year already: one more to reach.
      target: 2,
      baseline: 0,
    })
    expect(summary.monthsWithoutTariff).toEqual([1, 2, 3])
    expect(summary.spentToDate).toBe(0)
    expect(summary.projectedYearEnd).toBe(9 * 16_800)
    expect(summary.rateAsOf).toBeNull()
    // From March: March has no tariff.
    expect(summary.costToReachTarget).toBe(9 * 16_800)
    expect(summary.tariffPeriods.map((p) => [p.fromMonth, p.untilMonth, p.rate?.total])).toEqual([
      [1, 3, undefined],
      [4, 12, 16_800],
    ])
  })
})
