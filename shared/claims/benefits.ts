/**
 * What BPJS Ketenagakerjaan should pay the heirs of a participant who dies (JKM), computed from the
 * rules and the participant's coverage, so the office can tell the heir what to expect and see a
 * short payment when BPJS pays (issue 17). JKK (work accidents) has no amount computed here: its
 * treatment is BPJS's own business and its cash benefits depend on BPJS's assessment, so a JKK
 * claim's amount is recorded when it is paid.
 *
 * The rules are data (`JKM_RULES`), each with where it comes from:
 * - Full JKM (PP 82/2019, amending PP 44/2015): santunan sekaligus Rp20,000,000, santunan berkala
 *   Rp12,000,000 (paid at once), biaya pemakaman Rp10,000,000: Rp42,000,000 in all.
 * - A BPU participant who dies within the first 3 months of membership gets only Rp10,000,000,
 *   recorded as the funeral benefit as issue 17 states it (BPJS branches cite Peraturan BPJS
 *   Ketenagakerjaan 5/2021 and split it differently; the total is the same — confirm with the
 *   branch).
 * - Scholarship (PP 82/2019): for at most 2 children of a participant with at least 3 years of
 *   contributions. No amount: the issue gives none, and BPJS pays it per school year as the
 *   children go on, so it is a flag and a number of children, never rupiah in the total.
 *
 * Day rules, exact to the day (dates are 'YYYY-MM-DD'; nothing reads the clock):
 * - "Within the first 3 months": the date of death is before membershipStart + 3 calendar months
 *   (`addCalendarMonths`). A day the target month lacks becomes its last day, so the mark never
 *   spills into the month after: from 1 January the full benefit starts with a death on 1 April
 *   (31 March is within); from 30 November 2025 it starts on 28 February 2026, from 30 November
 *   2023 on 29 February 2024. Reading short months this way gives the heir the earlier mark.
 * - "At least 3 years": the date of death is on or after membershipStart + 36 calendar months,
 *   by the same rule (29 February 2024 → 28 February 2027).
 * - Membership start (`continuousMembershipStart`): the first day of the unbroken run of coverage
 *   that holds the date of death. Periods are read as the budget reads them (`coveredSpan`: a
 *   period without `until` runs to 31 December of its year); periods that overlap or touch (one
 *   ends on the day before the next begins, as a renewal from 1 January does) join. One uncovered
 *   day between two periods restarts membership: BPJS counts a membership broken off as a new one.
 *   A death on a day no period covers gets nothing (NOT_COVERED_ON_DATE).
 *
 * Naungan's coverage periods stand in for BPJS's "masa iur" (months contributed): the regency pays
 * every covered month, and payments.ts warns when it does not. A month paid late can still make
 * BPJS's count differ from this one; the branch's figure prevails.
 */
import { daysInMonth, formatIsoDate, parseIsoDate } from '../dates/calendar-date'
import { coveredSpan } from '../coverage/budget'
import { addDays } from '../coverage/calendar-days'
import type { CoveragePeriod } from '../participant/participant-status'
import type { ClaimProblem } from './claim-messages'

export const JKM_BENEFIT_CODES = [
  'santunan-sekaligus',
  'santunan-berkala',
  'biaya-pemakaman',
] as const
export type JkmBenefitCode = (typeof JKM_BENEFIT_CODES)[number]

/** One benefit in whole rupiah. */
export interface BenefitLine {
  code: JkmBenefitCode
  amount: number
}

export interface JkmRules {
  /** The regulation the full benefit's amounts come from. */
  legalBasis: string
  /** What the heirs get after the first months of membership. */
  fullBenefit: readonly BenefitLine[]
  /** A BPU participant who dies in the first `withinMonths` months of membership gets only `lines`. */
  earlyDeath: { withinMonths: number; lines: readonly BenefitLine[]; legalBasis: string }
  /** Scholarship for children in school: a flag and a number of children, no amount. */
  scholarship: { minMembershipYears: number; maxChildren: number; legalBasis: string }
}

export const JKM_RULES: JkmRules = {
  legalBasis: 'PP 82/2019 (perubahan PP 44/2015), manfaat JKM',
  fullBenefit: [
    { code: 'santunan-sekaligus', amount: 20_000_000 },
    { code: 'santunan-berkala', amount: 12_000_000 },
    { code: 'biaya-pemakaman', amount: 10_000_000 },
  ],
  earlyDeath: {
    withinMonths: 3,
    lines: [{ code: 'biaya-pemakaman', amount: 10_000_000 }],
    legalBasis:
      'Issue 17; cabang BPJS merujuk Peraturan BPJS Ketenagakerjaan 5/2021 (peserta BPU < 3 bulan)',
  },
  scholarship: {
    minMembershipYears: 3,
    maxChildren: 2,
    legalBasis: 'PP 82/2019: masa iur paling singkat 3 tahun, paling banyak 2 anak',
  },
}

/** More than any family has children in school: a guard against a typo, not a rule. */
export const MAX_CHILDREN_IN_SCHOOL = 20

/**
 * `isoDate` + `months` calendar months (negative goes back). A day the target month lacks becomes
 * its last day: 2025-11-30 + 3 → 2026-02-28, 2024-02-29 + 12 → 2025-02-28, 2025-05-31 + 1 →
 * 2025-06-30. Throws on a date that is not real.
 */
export function addCalendarMonths(isoDate: string, months: number): string {
  const date = parseIsoDate(isoDate)
  if (!date || !Number.isInteger(months)) {
    throw new RangeError(`cannot add ${months} months to ${isoDate}`)
  }
  const index = date.year * 12 + (date.month - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  if (year < 1 || year > 9999) throw new RangeError(`${isoDate} + ${months} months is out of range`)
  return formatIsoDate({ year, month, day: Math.min(date.day, daysInMonth(year, month)) })
}

export type MembershipStart =
  { ok: true; membershipStart: string } | { ok: false; problem: ClaimProblem }

/**
 * The first day of the unbroken coverage that holds `onDate` (the date of death or accident), by
 * the rule in the header: overlapping or touching periods join, one uncovered day restarts.
 */
export function continuousMembershipStart(
  coverage: readonly CoveragePeriod[],
  onDate: string,
): MembershipStart {
  if (!parseIsoDate(onDate)) return { ok: false, problem: dateInvalid('dateOfDeath') }
  const spans: { first: string; last: string }[] = []
  for (const period of coverage) {
    const span = coveredSpan(period)
    // A period Naungan cannot read would silently shorten (or break) the membership: refuse.
    if (!span)
      return { ok: false, problem: { code: 'COVERAGE_INVALID', params: { year: period.year } } }
    spans.push({ first: formatIsoDate(span.first), last: formatIsoDate(span.last) })
  }
  spans.sort((a, b) => a.first.localeCompare(b.first) || a.last.localeCompare(b.last))
  let runFirst: string | null = null
  let runLast: string | null = null
  for (const span of spans) {
    if (span.first > onDate) break
    if (runLast === null || runFirst === null || span.first > addDays(runLast, 1)) {
      runFirst = span.first
      runLast = span.last
    } else if (span.last > runLast) {
      runLast = span.last
    }
  }
  if (runFirst === null || runLast === null || runLast < onDate) {
    return { ok: false, problem: { code: 'NOT_COVERED_ON_DATE', params: { date: onDate } } }
  }
  return { ok: true, membershipStart: runFirst }
}

export interface ScholarshipEligibility {
  /** The first date of death with enough years of membership. */
  eligibleFrom: string
  hasEnoughMembership: boolean
  /** Children who may receive it: the children in school, at most `maxChildren`; 0 when not eligible. */
  children: number
  /** Enough membership and at least one child in school. */
  eligible: boolean
}

export interface JkmBenefit {
  membershipStart: string
  dateOfDeath: string
  /** The first date of death that earns the full benefit. */
  fullBenefitFrom: string
  /** Died in the first months: only the early-death lines. */
  isEarlyDeath: boolean
  lines: BenefitLine[]
  /** Whole rupiah: the sum of `lines` (the scholarship is not in it). */
  total: number
  scholarship: ScholarshipEligibility
  /** The regulations the lines and the scholarship rest on. */
  legalBasis: string[]
}

export type JkmBenefitResult =
  { ok: true; benefit: JkmBenefit } | { ok: false; problem: ClaimProblem }

export interface JkmBenefitInput {
  /** First day of the unbroken membership (`continuousMembershipStart`). */
  membershipStart: string
  dateOfDeath: string
  rules?: JkmRules
  /** Children of the participant in school (or of school age) as the heir declares them. */
  childrenInSchool: number
}

/** The JKM benefit the heirs should receive, line by line, by the rules in the header. */
export function expectedJkmBenefit(input: JkmBenefitInput): JkmBenefitResult {
  const rules = input.rules ?? JKM_RULES
  if (!parseIsoDate(input.membershipStart)) {
    return { ok: false, problem: dateInvalid('membershipStart') }
  }
  if (!parseIsoDate(input.dateOfDeath)) return { ok: false, problem: dateInvalid('dateOfDeath') }
  if (input.dateOfDeath < input.membershipStart) {
    return {
      ok: false,
      problem: {
        code: 'DEATH_BEFORE_MEMBERSHIP',
        params: { date: input.dateOfDeath, start: input.membershipStart },
      },
    }
  }
  const children = input.childrenInSchool
  if (!Number.isInteger(children) || children < 0 || children > MAX_CHILDREN_IN_SCHOOL) {
    return {
      ok: false,
      problem: { code: 'CHILDREN_INVALID', params: { max: MAX_CHILDREN_IN_SCHOOL } },
    }
  }
  const fullBenefitFrom = addCalendarMonths(input.membershipStart, rules.earlyDeath.withinMonths)
  const isEarlyDeath = input.dateOfDeath < fullBenefitFrom
  const lines = (isEarlyDeath ? rules.earlyDeath.lines : rules.fullBenefit).map((line) => ({
    ...line,
  }))
  const eligibleFrom = addCalendarMonths(
    input.membershipStart,
    12 * rules.scholarship.minMembershipYears,
  )
  const hasEnoughMembership = input.dateOfDeath >= eligibleFrom
  const scholarshipChildren = hasEnoughMembership
    ? Math.min(children, rules.scholarship.maxChildren)
    : 0
  return {
    ok: true,
    benefit: {
      membershipStart: input.membershipStart,
      dateOfDeath: input.dateOfDeath,
      fullBenefitFrom,
      isEarlyDeath,
      lines,
      total: lines.reduce((sum, line) => sum + line.amount, 0),
      scholarship: {
        eligibleFrom,
        hasEnoughMembership,
        children: scholarshipChildren,
        eligible: scholarshipChildren > 0,
      },
      legalBasis: [
        isEarlyDeath ? rules.earlyDeath.legalBasis : rules.legalBasis,
        rules.scholarship.legalBasis,
      ],
    },
  }
}

/** What a claim case expects: the JKM benefit, or for JKK only that the accident day was covered. */
export type ExpectedBenefit =
  | { kind: 'jkm'; benefit: JkmBenefit }
  /** JKK: BPJS treats and assesses; the amount is recorded when paid. */
  | { kind: 'jkk'; membershipStart: string; amount: null }

export type ExpectedBenefitResult =
  { ok: true; expected: ExpectedBenefit } | { ok: false; problem: ClaimProblem }

/**
 * The expected benefit of a claim from the participant's coverage: membership is read on the day
 * of the death (JKM) or the accident (JKK), which coverage must hold.
 */
export function expectedBenefit(input: {
  kind: 'jkm' | 'jkk'
  coverage: readonly CoveragePeriod[]
  /** JKM: the date of death; JKK: the date of the accident. */
  eventOn: string
  rules?: JkmRules
  childrenInSchool: number
}): ExpectedBenefitResult {
  const membership = continuousMembershipStart(input.coverage, input.eventOn)
  if (!membership.ok) return membership
  if (input.kind === 'jkk') {
    return {
      ok: true,
      expected: { kind: 'jkk', membershipStart: membership.membershipStart, amount: null },
    }
  }
  const result = expectedJkmBenefit({
    membershipStart: membership.membershipStart,
    dateOfDeath: input.eventOn,
    childrenInSchool: input.childrenInSchool,
    ...(input.rules ? { rules: input.rules } : {}),
  })
  return result.ok ? { ok: true, expected: { kind: 'jkm', benefit: result.benefit } } : result
}

function dateInvalid(field: string): ClaimProblem {
  return { code: 'DATE_INVALID', params: { field } }
}
