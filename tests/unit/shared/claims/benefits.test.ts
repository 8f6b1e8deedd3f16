/**
 * The JKM benefit an heir should expect (shared/claims/benefits.ts): the 3-month mark exact to the
 * day on both sides, across short months and 29 February; scholarship eligibility at exactly 3
 * years; membership read from coverage periods, where touching periods join and one uncovered day
 * restarts it; JKK with no amount. Every date is given: nothing here reads the machine's clock.
 */
import { describe, expect, it } from 'vitest'
import {
  addCalendarMonths,
  continuousMembershipStart,
  expectedBenefit,
  expectedJkmBenefit,
  JKM_RULES,
  type JkmBenefit,
  type JkmRules,
} from '@shared/claims/benefits'
import { describeClaimProblem } from '@shared/claims/claim-messages'
import type { CoveragePeriod } from '@shared/participant/participant-status'

const FULL = 42_000_000
const EARLY = 10_000_000

function benefitOf(membershipStart: string, dateOfDeath: string, childrenInSchool = 0): JkmBenefit {
  const result = expectedJkmBenefit({ membershipStart, dateOfDeath, childrenInSchool })
  if (!result.ok) throw new Error(`unexpected ${result.problem.code}`)
  return result.benefit
}

function period(year: number, from: string, until?: string): CoveragePeriod {
  return { year, from, ...(until ? { until } : {}), batchId: `B${year}`, payerCode: 'apbd-kab' }
}

describe('addCalendarMonths', () => {
  it.each([
    ['2026-01-01', 3, '2026-04-01'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2025-05-31', 1, '2025-06-30'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2025-12-31', 3, '2026-03-31'],
    ['2025-10-15', 3, '2026-01-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 36, '2027-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected)
  })

  it.each([
    ['2025-02-29', 3],
    ['2026-13-01', 1],
    ['26-01-01', 1],
    ['2026-01-01', 1.5],
  ])('refuses %s + %s', (date, months) => {
    expect(() => addCalendarMonths(date, months)).toThrow(RangeError)
  })
})

describe('the first 3 months of membership', () => {
  /** [membership start, last day with only the funeral benefit, first day of the full benefit] */
  it.each([
    ['2026-01-01', '2026-03-31', '2026-04-01'],
    ['2025-10-15', '2026-01-14', '2026-01-15'],
    // 30 November + 3 months has no 30 February: the mark is the month's last day.
    ['2025-11-30', '2026-02-27', '2026-02-28'],
    ['2023-11-30', '2024-02-28', '2024-02-29'],
    ['2025-11-29', '2026-02-27', '2026-02-28'],
    ['2023-11-29', '2024-02-28', '2024-02-29'],
    // A leap-day start: 29 May.
    ['2024-02-29', '2024-05-28', '2024-05-29'],
    ['2025-12-31', '2026-03-30', '2026-03-31'],
    ['2026-03-31', '2026-06-29', '2026-06-30'],
  ])('membership from %s: funeral only on %s, full on %s', (start, lastEarly, firstFull) => {
    const early = benefitOf(start, lastEarly)
    expect(early.isEarlyDeath).toBe(true)
    expect(early.fullBenefitFrom).toBe(firstFull)
    expect(early.lines).toEqual([{ code: 'biaya-pemakaman', amount: EARLY }])
    expect(early.total).toBe(EARLY)

    const full = benefitOf(start, firstFull)
    expect(full.isEarlyDeath).toBe(false)
    expect(full.total).toBe(FULL)
  })

  it('a death on the first day of membership is within the first 3 months', () => {
    expect(benefitOf('2026-05-10', '2026-05-10').total).toBe(EARLY)
  })

  it('the full benefit is the three lines of PP 82/2019', () => {
    const benefit = benefitOf('2025-01-01', '2026-01-01')
    expect(benefit.lines).toEqual([
      { code: 'santunan-sekaligus', amount: 20_000_000 },
      { code: 'santunan-berkala', amount: 12_000_000 },
      { code: 'biaya-pemakaman', amount: 10_000_000 },
    ])
    expect(benefit.legalBasis[0]).toContain('PP 82/2019')
    expect(JKM_RULES.legalBasis).toContain('PP 82/2019')
  })

  it('refuses a death before membership began, and dates that are not real', () => {
    const before = expectedJkmBenefit({
      membershipStart: '2026-02-01',
      dateOfDeath: '2026-01-31',
      childrenInSchool: 0,
    })
    expect(before).toEqual({
      ok: false,
      problem: {
        code: 'DEATH_BEFORE_MEMBERSHIP',
        params: { date: '2026-01-31', start: '2026-02-01' },
      },
    })
    for (const [membershipStart, dateOfDeath, field] of [
      ['2025-02-29', '2026-01-01', 'membershipStart'],
      ['2025-01-01', '2026-02-30', 'dateOfDeath'],
      ['2025-1-01', '2026-01-01', 'membershipStart'],
    ] as const) {
      const result = expectedJkmBenefit({ membershipStart, dateOfDeath, childrenInSchool: 0 })
      expect(result).toEqual({ ok: false, problem: { code: 'DATE_INVALID', params: { field } } })
    }
  })

  it('follows the rules it is given, not constants', () => {
    const rules: JkmRules = {
      ...JKM_RULES,
      fullBenefit: [{ code: 'santunan-sekaligus', amount: 1_000 }],
      earlyDeath: { ...JKM_RULES.earlyDeath, withinMonths: 6 },
    }
    const result = expectedJkmBenefit({
      membershipStart: '2026-01-01',
      dateOfDeath: '2026-06-30',
      rules,
      childrenInSchool: 0,
    })
    expect(result.ok && result.benefit.isEarlyDeath).toBe(true)
    const later = expectedJkmBenefit({
      membershipStart: '2026-01-01',
      dateOfDeath: '2026-07-01',
      rules,
      childrenInSchool: 0,
    })
    expect(later.ok && later.benefit.total).toBe(1_000)
  })
})

describe('scholarship', () => {
  it('needs 3 years of membership to the day', () => {
    const short = benefitOf('2023-03-15', '2026-03-14', 2)
    expect(short.scholarship).toEqual({
      eligibleFrom: '2026-03-15',
      hasEnoughMembership: false,
      children: 0,
      eligible: false,
    })
    const exact = benefitOf('2023-03-15', '2026-03-15', 2)
    expect(exact.scholarship).toEqual({
      eligibleFrom: '2026-03-15',
      hasEnoughMembership: true,
      children: 2,
      eligible: true,
    })
  })

  it('from a leap-day start, 3 years end on 28 February', () => {
    expect(benefitOf('2024-02-29', '2027-02-27', 1).scholarship.eligible).toBe(false)
    expect(benefitOf('2024-02-29', '2027-02-28', 1).scholarship.eligible).toBe(true)
  })

  it('goes to at most two children, and to none when no child is in school', () => {
    expect(benefitOf('2020-01-01', '2026-01-01', 5).scholarship.children).toBe(2)
    expect(benefitOf('2020-01-01', '2026-01-01', 1).scholarship.children).toBe(1)
    const none = benefitOf('2020-01-01', '2026-01-01', 0).scholarship
    expect(none).toMatchObject({ hasEnoughMembership: true, children: 0, eligible: false })
  })

  it('is a flag and a number of children, never rupiah in the total', () => {
    const benefit = benefitOf('2020-01-01', '2026-01-01', 2)
    expect(benefit.total).toBe(FULL)
    expect(benefit.lines.map((line) => line.code)).not.toContain('beasiswa')
  })

  it.each([-1, 1.5, 21, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %s children in school',
    (childrenInSchool) => {
      const result = expectedJkmBenefit({
        membershipStart: '2020-01-01',
        dateOfDeath: '2026-01-01',
        childrenInSchool,
      })
      expect(result.ok || result.problem.code).toBe('CHILDREN_INVALID')
    },
  )
})

describe('continuous membership from coverage periods', () => {
  const startOf = (coverage: CoveragePeriod[], onDate: string) => {
    const result = continuousMembershipStart(coverage, onDate)
    return result.ok ? result.membershipStart : result.problem.code
  }

  it('a single period starts membership on its first day', () => {
    expect(startOf([period(2026, '2026-02-10')], '2026-06-01')).toBe('2026-02-10')
  })

  it('a renewal from 1 January continues the membership of the year before', () => {
    const coverage = [period(2025, '2025-03-10'), period(2026, '2026-01-01')]
    expect(startOf(coverage, '2026-02-15')).toBe('2025-03-10')
  })

  it('periods ending the day before the next begins join; one uncovered day restarts', () => {
    const touching = [period(2025, '2025-03-10', '2025-12-31'), period(2026, '2026-01-01')]
    expect(startOf(touching, '2026-02-15')).toBe('2025-03-10')
    const oneDayGap = [period(2025, '2025-03-10', '2025-12-30'), period(2026, '2026-01-01')]
    expect(startOf(oneDayGap, '2026-02-15')).toBe('2026-01-01')
  })

  it('a gap restarts membership, so a death soon after gets the funeral benefit only', () => {
    const coverage = [period(2025, '2025-03-10', '2025-10-31'), period(2026, '2026-01-01')]
    const result = expectedBenefit({
      kind: 'jkm',
      coverage,
      eventOn: '2026-02-15',
      childrenInSchool: 0,
    })
    expect(result.ok && result.expected.kind === 'jkm' && result.expected.benefit).toMatchObject({
      membershipStart: '2026-01-01',
      isEarlyDeath: true,
      total: EARLY,
    })
    // Without the gap the same death earns the full benefit.
    const unbroken = expectedBenefit({
      kind: 'jkm',
      coverage: [period(2025, '2025-03-10'), period(2026, '2026-01-01')],
      eventOn: '2026-02-15',
      childrenInSchool: 0,
    })
    expect(unbroken.ok && unbroken.expected.kind === 'jkm' && unbroken.expected.benefit.total).toBe(
      FULL,
    )
  })

  it('overlapping periods (two payers) join, whatever order they are listed in', () => {
    const coverage = [
      period(2026, '2026-01-01'),
      { ...period(2025, '2025-06-01'), payerCode: 'apbd-prov' },
      period(2025, '2025-02-01', '2025-08-31'),
    ]
    expect(startOf(coverage, '2026-03-01')).toBe('2025-02-01')
  })

  it('a period ending early (the death) still covers its last day, not the day after', () => {
    const coverage = [period(2026, '2026-01-05', '2026-07-20')]
    expect(startOf(coverage, '2026-07-20')).toBe('2026-01-05')
    expect(startOf(coverage, '2026-07-21')).toBe('NOT_COVERED_ON_DATE')
  })

  it('a day no period covers has no membership: before, between and after', () => {
    const coverage = [period(2025, '2025-03-10', '2025-10-31'), period(2026, '2026-01-01')]
    expect(startOf(coverage, '2025-03-09')).toBe('NOT_COVERED_ON_DATE')
    expect(startOf(coverage, '2025-11-01')).toBe('NOT_COVERED_ON_DATE')
    expect(startOf(coverage, '2027-01-01')).toBe('NOT_COVERED_ON_DATE')
    expect(startOf([], '2026-01-01')).toBe('NOT_COVERED_ON_DATE')
  })

  it('periods starting after the date do not matter', () => {
    const coverage = [period(2025, '2025-03-10', '2025-10-31'), period(2026, '2026-01-01')]
    expect(startOf(coverage, '2025-10-31')).toBe('2025-03-10')
  })

  it('refuses a period it cannot read rather than guess', () => {
    expect(startOf([period(2026, '2026-02-30')], '2026-06-01')).toBe('COVERAGE_INVALID')
    expect(startOf([period(2026, '2026-06-01', '2026-05-01')], '2026-06-01')).toBe(
      'COVERAGE_INVALID',
    )
    expect(startOf([period(2026, '2026-01-01')], '2026-02-29')).toBe('DATE_INVALID')
  })
})

describe('expected benefit of a claim', () => {
  it('JKK computes no amount, but the accident day must be covered', () => {
    const coverage = [period(2026, '2026-01-01')]
    expect(
      expectedBenefit({ kind: 'jkk', coverage, eventOn: '2026-04-02', childrenInSchool: 0 }),
    ).toEqual({
      ok: true,
      expected: { kind: 'jkk', membershipStart: '2026-01-01', amount: null },
    })
    const uncovered = expectedBenefit({
      kind: 'jkk',
      coverage,
      eventOn: '2025-12-31',
      childrenInSchool: 0,
    })
    expect(uncovered.ok || uncovered.problem.code).toBe('NOT_COVERED_ON_DATE')
  })

  it('JKM passes children and rules through', () => {
    const result = expectedBenefit({
      kind: 'jkm',
      coverage: [
        period(2022, '2022-05-01'),
        period(2023, '2023-01-01'),
        period(2024, '2024-01-01'),
        period(2025, '2025-01-01'),
      ],
      eventOn: '2025-05-01',
      childrenInSchool: 3,
    })
    expect(result.ok && result.expected.kind === 'jkm' && result.expected.benefit).toMatchObject({
      membershipStart: '2022-05-01',
      total: FULL,
      scholarship: { eligible: true, children: 2 },
    })
  })
})

describe('messages', () => {
  it('name dates in words, in both languages', () => {
    const problem = {
      code: 'DEATH_BEFORE_MEMBERSHIP',
      params: { date: '2026-01-31', start: '2026-02-01' },
    } as const
    expect(describeClaimProblem(problem)).toContain('sebelum kepesertaan dimulai')
    expect(describeClaimProblem(problem, 'en')).toContain('before membership began')
    expect(describeClaimProblem(problem)).not.toContain('{')
  })
})
