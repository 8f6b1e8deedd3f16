import { describe, expect, it } from 'vitest'
import {
  budgetSummary,
  costOfAdding,
  coveredMonths,
  spendForYear,
  type BudgetSummary,
  type CoveredParticipant,
} from '@shared/coverage/budget'
import { endCoverage } from '@shared/coverage/coverage-status'
import { openEndedTariff } from '@shared/coverage/tariffs'
import type { CoveragePeriod } from '@shared/participant/participant-document'

/** JKK Rp10.000 + JKM Rp6.800 every month: one open-ended tariff, as an old district.json. */
const PREMIUM = 16_800
const TARIFFS = [openEndedTariff({ jkk: 10_000, jkm: 6_800 }, 'PP 44/2015 jo. PP 82/2019')]

const period = (from: string, until?: string, year = Number(from.slice(0, 4))): CoveragePeriod =>
  until === undefined ? { year, from, batchId: 'B1' } : { year, from, until, batchId: 'B1' }

const covered = (...periods: CoveragePeriod[]): CoveredParticipant => ({ coverage: periods })

describe('the month rule: a month is paid when the person is covered on any day of it', () => {
  it.each([
    ['a full year', period('2026-01-01'), 12, 201_600],
    ['start 15 March (March is paid: a started month is due)', period('2026-03-15'), 10, 168_000],
    ['start 31 January (one day of January pays January)', period('2026-01-31'), 12, 201_600],
    ['start 1 December', period('2026-12-01'), 1, 16_800],
    ['start 31 December', period('2026-12-31'), 1, 16_800],
    ['ended 10 June: January–June', period('2026-01-01', '2026-06-10'), 6, 100_800],
    ['ended 1 July: July is paid', period('2026-01-01', '2026-07-01'), 7, 117_600],
    ['ended 30 June: July is not', period('2026-01-01', '2026-06-30'), 6, 100_800],
    ['started and ended in April', period('2026-04-05', '2026-04-20'), 1, 16_800],
    ['one single day', period('2026-09-30', '2026-09-30'), 1, 16_800],
    ['ended 31 December', period('2026-03-15', '2026-12-31'), 10, 168_000],
    ['leap year: start 29 February 2028', period('2028-02-29'), 11, 184_800],
    ['leap year: ended 29 February 2028', period('2028-01-01', '2028-02-29'), 2, 33_600],
    [
      'a start before the budget year is clipped to January',
      period('2025-12-15', undefined, 2026),
      12,
      201_600,
    ],
  ])('%s: %i months, Rp%i', (_label, coverage, months, amount) => {
    const year = coverage.year
    expect(coveredMonths(coverage, year)).toHaveLength(months)
    expect(spendForYear([covered(coverage)], year, TARIFFS, `${year}-12-31`).projectedYearEnd).toBe(
      amount,
    )
  })

  it('lists the months themselves', () => {
    expect(coveredMonths(period('2026-03-15', '2026-06-10'), 2026)).toEqual([3, 4, 5, 6])
  })

  it.each([
    ['29 February of a common year', period('2027-02-29')],
    ['an end before the start', period('2026-06-10', '2026-06-09')],
    ['a start after its budget year', period('2027-01-05', undefined, 2026)],
    ['a date that is not YYYY-MM-DD', period('15-03-2026', undefined, 2026)],
  ])('pays nothing for %s, and counts it as unreadable', (_label, coverage) => {
    expect(coveredMonths(coverage, coverage.year)).toEqual([])
    const spend = spendForYear([covered(coverage)], coverage.year, TARIFFS, '2027-12-31')
    expect(spend.projectedYearEnd).toBe(0)
    expect(spend.unreadablePeriods).toBe(1)
  })

  it('pays a period only in its own budget year', () => {
    expect(coveredMonths(period('2026-03-15'), 2027)).toEqual([])
    expect(coveredMonths(period('2026-03-15'), 2025)).toEqual([])
  })

  it('pays a month once when two periods of one person touch it', () => {
    const twice = covered(
      { year: 2026, from: '2026-01-01', until: '2026-06-10', batchId: 'B1' },
      { year: 2026, from: '2026-06-20', batchId: 'B2' },
    )
    expect(spendForYear([twice], 2026, TARIFFS, '2026-12-31').projectedYearEnd).toBe(201_600)
  })
})

describe('spendForYear: spend to date and projection', () => {
  // A: covered all year. B: from 15 March, still active. C: ended 10 June.
  const a = covered(period('2026-01-01'))
  const b = covered(period('2026-03-15'))
  const c = covered(period('2026-01-01', '2026-06-10'))
  const notYetEnrolled: CoveredParticipant = {}

  it('counts every covered month up to and including asOf’s month (asOf mid-June)', () => {
    const spend = spendForYear([a, b, c, notYetEnrolled], 2026, TARIFFS, '2026-06-15')
    // Jan–Jun: A 6 + B 4 (Mar–Jun) + C 6 = 16 months.
    expect(spend.spentToDate).toBe(16 * PREMIUM)
    expect(spend.spentToDate).toBe(268_800)
    // Whole year: A 12 + B 10 + C 6 (ended) = 28 months.
    expect(spend.projectedYearEnd).toBe(470_400)
    // Covered on 15 June: A and B; C ended on the 10th.
    expect(spend.activeCount).toBe(2)
    expect(spend.byMonth.map((m) => m.people)).toEqual([2, 2, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2])
    expect(spend.byMonth[2]).toEqual({
      month: 3,
      people: 3,
      rate: { jkk: 10_000, jkm: 6_800, total: 16_800 },
      jkk: 30_000,
      jkm: 20_400,
      amount: 50_400,
    })
    expect(spend.spentToDateByLine).toEqual({ jkk: 160_000, jkm: 108_800 })
  })

  it('counts the whole of asOf’s month, whatever its day', () => {
    const first = spendForYear([a, b, c], 2026, TARIFFS, '2026-06-01')
    const last = spendForYear([a, b, c], 2026, TARIFFS, '2026-06-30')
    expect(first.spentToDate).toBe(last.spentToDate)
    expect(first.activeCount).toBe(3)
    expect(last.activeCount).toBe(2)
  })

  it('has spent nothing before the year and everything after it', () => {
    expect(spendForYear([a, b, c], 2026, TARIFFS, '2025-11-20').spentToDate).toBe(0)
    expect(spendForYear([a, b, c], 2026, TARIFFS, '2027-01-10').spentToDate).toBe(470_400)
  })

  it('follows an ending recorded with endCoverage', () => {
    const person = {
      status: 'active' as const,
      birthDate: '1980-01-01',
      coverage: [period('2026-01-01')],
    }
    const ended = endCoverage(person, { until: '2026-06-10', reason: 'meninggal' })
    if (!ended.ok) throw new Error('expected the coverage to end')
    expect(spendForYear([ended.doc], 2026, TARIFFS, '2026-12-31').projectedYearEnd).toBe(100_800)
  })

  it('refuses dates that are not dates', () => {
    expect(() => spendForYear([a], 2026, TARIFFS, '2026-02-30')).toThrow(RangeError)
  })
})

describe('costOfAdding: the rest of the year from a month', () => {
  it.each([
    // count, fromMonth, cost
    [1_000, 7, 100_800_000], // 6 months × 16.800 × 1.000
    [1, 1, 201_600],
    [1, 12, 16_800],
    [250, 3, 42_000_000], // 10 months
    [0, 5, 0],
  ])('%i people from month %i: Rp%i', (count, fromMonth, cost) => {
    expect(costOfAdding(count, fromMonth, 2026, TARIFFS)).toBe(cost)
  })

  it.each([
    [-1, 7],
    [1.5, 7],
    [10, 0],
    [10, 13],
  ])('refuses %d people from month %d', (count, fromMonth) => {
    expect(() => costOfAdding(count, fromMonth, 2026, TARIFFS)).toThrow(RangeError)
  })
})

describe('budgetSummary against the APBD allocation', () => {
  const participants = [
    covered(period('2026-01-01')),
    covered(period('2026-03-15')),
    covered(period('2026-01-01', '2026-06-10')),
    // Renewed from 2025: covered, but not one of this year's new participants.
    covered(period('2025-05-01'), { year: 2026, from: '2026-01-01', batchId: 'R26' }),
  ]
  const base = {
    participants,
    year: 2026,
    asOf: '2026-06-15',
    tariffs: TARIFFS,
    target: 5,
    baseline: 12_000,
  }

  it('fits the allocation, with the target still to reach', () => {
    const summary = budgetSummary({ ...base, allocation: 700_000 })
    expect(summary).toMatchObject({
      spentToDate: 369_600, // 22 months × 16.800
      projectedYearEnd: 672_000, // 40 months
      remainingAllocation: 330_400,
      overspentToDate: 0,
      projectedSurplus: 28_000,
      projectedShortfall: 0,
      activeCount: 3,
      coveredTotal: 12_003,
      newThisYear: 3,
      remainingTarget: 2,
      monthsLeft: 6,
      addFromMonth: 7,
      costToReachTarget: 201_600, // 2 people × 6 months
      projectedWithTarget: 873_600,
      surplusWithTarget: 0,
      shortfallWithTarget: 173_600,
    })
  })

  it('shows an overrun as a shortfall, never as a negative remainder', () => {
    const summary = budgetSummary({ ...base, allocation: 300_000 })
    expect(summary.remainingAllocation).toBe(0)
    expect(summary.overspentToDate).toBe(69_600)
    expect(summary.projectedSurplus).toBe(0)
    expect(summary.projectedShortfall).toBe(372_000)
  })

  it('costs 1.000 people from July at Rp100.800.000', () => {
    const summary = budgetSummary({
      ...base,
      participants: [],
      asOf: '2026-06-30',
      target: 1_000,
      allocation: 150_000_000,
    })
    expect(summary.costToReachTarget).toBe(100_800_000)
    expect(summary.surplusWithTarget).toBe(49_200_000)
  })

  it('costs nothing once the target is reached or the year is over', () => {
    expect(budgetSummary({ ...base, target: 2, allocation: 0 }).remainingTarget).toBe(0)
    expect(budgetSummary({ ...base, target: 2, allocation: 0 }).costToReachTarget).toBe(0)
    const december = budgetSummary({ ...base, asOf: '2026-12-05', allocation: 0 })
    expect(december.monthsLeft).toBe(0)
    expect(december.addFromMonth).toBeNull()
    expect(december.costToReachTarget).toBe(0)
  })

  it('plans a coming year from January', () => {
    const planning = budgetSummary({ ...base, year: 2027, asOf: '2026-11-01', allocation: 0 })
    expect(planning.monthsLeft).toBe(12)
    expect(planning.addFromMonth).toBe(1)
    expect(planning.costToReachTarget).toBe(5 * 12 * PREMIUM)
    expect(planning.spentToDate).toBe(0)
  })

  it('uses a chosen first month for the remaining target', () => {
    const summary = budgetSummary({ ...base, allocation: 0, addFromMonth: 9 })
    expect(summary.costToReachTarget).toBe(2 * 4 * PREMIUM)
  })

  it.each([
    ['2026-01-01', 0],
    ['2026-06-15', 1_000_000],
    ['2026-12-31', 50_000],
    ['2025-07-01', 10],
    ['2027-03-01', 999_999_999],
  ])('has no negative figure on %s with allocation %i', (asOf, allocation) => {
    const summary: BudgetSummary = budgetSummary({ ...base, asOf, allocation })
    for (const [key, value] of Object.entries(summary)) {
      if (typeof value === 'number') expect(value, key).toBeGreaterThanOrEqual(0)
    }
  })

  it('refuses an allocation that is not whole rupiah', () => {
    expect(() => budgetSummary({ ...base, allocation: -5 })).toThrow(RangeError)
    expect(() => budgetSummary({ ...base, allocation: 10.5 })).toThrow(RangeError)
  })
})
