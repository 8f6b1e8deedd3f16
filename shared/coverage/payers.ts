/**
 * Who pays for each coverage period, and what follows from it (issue 16): "A person paid twice,
 * by two payers, is money lost; a person paid by nobody is a person unprotected."
 *
 * - `coverageOverlaps` lists every person two payers pay for in the same month, by the budget's
 *   month rule (budget.ts: a month is paid, in full, when any day of it is covered). So two
 *   payers meet in a month even when their periods do not share a day: one ending 10 March and
 *   another starting 20 March both bill March.
 * - `uncoveredActive` lists people whose status says active but whom no period covers on a day.
 * - `spendByPayer` is the budget per payer: each payer's periods costed at the tariff in force each
 *   month for that payer's kind (discounts follow the kind), against the payer's own budget.
 * - `payerChangeProblem` is the rule the server enforces and the screens follow: only supervisors
 *   and admins set or change a period's payer, and only to a payer district.json knows.
 *
 * Pure functions over plain data; people are keyed by the caller (a NIK when lists from two
 * payers are compared, a record id inside Naungan).
 */
import type { Payer, PayerBudget } from '../district/payer-config'
import type { CoveragePeriod } from '../participant/participant-status'
import type { Role } from '../sync/roles'
import {
  coveredMonths,
  coveredSpan,
  MONTHS_PER_YEAR,
  spendForYear,
  type CoveredParticipant,
} from './budget'
import type { ProgrammeLines, Tariff } from './tariffs'

/** The payer of a period: its own code, or the default for a period written before payers. */
export function payerCodeOf(period: Pick<CoveragePeriod, 'payerCode'>, defaultCode: string) {
  return period.payerCode ?? defaultCode
}

/** The v4 migration: every stored period names the payer it always meant, the default one. */
export function withDefaultPayer(
  coverage: readonly CoveragePeriod[] | undefined,
  defaultCode: string,
): CoveragePeriod[] | undefined {
  return coverage?.map((period) => ({ ...period, payerCode: payerCodeOf(period, defaultCode) }))
}

const monthIndex = (year: number, month: number) => year * MONTHS_PER_YEAR + (month - 1)
const yearMonth = (index: number) =>
  `${Math.floor(index / MONTHS_PER_YEAR)}-${String((index % MONTHS_PER_YEAR) + 1).padStart(2, '0')}`

/** One person's periods, from one record or several (another payer's list matched by NIK). */
export interface PersonCoverage {
  key: string
  periods: readonly CoveragePeriod[]
}

/** A run of consecutive months the same payers all pay for one person. */
export interface PayerOverlap {
  /** 'YYYY-MM', inclusive */
  fromMonth: string
  untilMonth: string
  months: number
  /** Sorted; at least two. */
  payerCodes: string[]
}

export interface PersonOverlap {
  key: string
  overlaps: PayerOverlap[]
}

/**
 * Every person two or more payers pay for in the same month, with the runs of months and the
 * payers. Months are counted by the month rule across years (a December and the next January
 * are consecutive). Periods whose dates cannot be read pay nothing and so overlap nothing. In the
 * order of `people`; people without an overlap are left out.
 */
export function coverageOverlaps(
  people: readonly PersonCoverage[],
  defaultCode: string,
): PersonOverlap[] {
  const result: PersonOverlap[] = []
  for (const person of people) {
    const payersByMonth = new Map<number, Set<string>>()
    for (const period of person.periods) {
      const code = payerCodeOf(period, defaultCode)
      for (const month of coveredMonths(period, period.year)) {
        const key = monthIndex(period.year, month)
        const payers = payersByMonth.get(key) ?? new Set<string>()
        payers.add(code)
        payersByMonth.set(key, payers)
      }
    }
    const shared = [...payersByMonth.entries()]
      .filter(([, payers]) => payers.size > 1)
      .map(([month, payers]) => ({ month, codes: [...payers].sort() }))
      .sort((a, b) => a.month - b.month)
    const overlaps: (PayerOverlap & { last: number })[] = []
    for (const { month, codes } of shared) {
      const run = overlaps.at(-1)
      if (run && run.last === month - 1 && run.payerCodes.join() === codes.join()) {
        run.last = month
        run.untilMonth = yearMonth(month)
        run.months++
        continue
      }
      overlaps.push({
        fromMonth: yearMonth(month),
        untilMonth: yearMonth(month),
        months: 1,
        payerCodes: codes,
        last: month,
      })
    }
    if (overlaps.length > 0) {
      result.push({ key: person.key, overlaps: overlaps.map(({ last: _last, ...run }) => run) })
    }
  }
  return result
}

/**
 * The keys of people whose status is `active` but whom no readable period covers on `date`
 * (YYYY-MM-DD): protected on paper only. Enrolled people are left out (their start is ahead).
 */
export function uncoveredActive(
  people: readonly (PersonCoverage & { status: string })[],
  date: string,
): string[] {
  return people
    .filter((person) => person.status === 'active')
    .filter(
      (person) =>
        !person.periods.some((period) => {
          const span = coveredSpan(period)
          if (!span) return false
          const first = `${span.first.year}-${pad(span.first.month)}-${pad(span.first.day)}`
          const last = `${span.last.year}-${pad(span.last.month)}-${pad(span.last.day)}`
          return first <= date && date <= last
        }),
    )
    .map((person) => person.key)
}

const pad = (value: number) => String(value).padStart(2, '0')

/** One payer's spend in a budget year, against its own budget. Whole rupiah throughout. */
export interface PayerSpend {
  payerCode: string
  /** null: a code district.json does not know (shown so it is fixed, never dropped). */
  payer: Pick<Payer, 'name' | 'kind'> | null
  budget: PayerBudget | null
  people: number
  activeCount: number
  spentToDate: number
  spentToDateByLine: ProgrammeLines
  projectedYearEnd: number
  projectedYearEndByLine: ProgrammeLines
  /** budget − projection when it fits, else 0; 0 without a budget. */
  projectedSurplus: number
  /** projection − budget when it does not fit, else 0; 0 without a budget. */
  projectedShortfall: number
  /**
   * Per programme line, when the budget is split into accounts (Kukar's JKK and JKM): money does
   * not move between accounts, so a JKK shortfall is a shortfall even when the total fits. Null
   * when the budget gives its total alone.
   */
  byLine: LineSpend[] | null
}

export interface LineSpend {
  line: 'jkk' | 'jkm'
  budget: number
  projectedYearEnd: number
  projectedSurplus: number
  projectedShortfall: number
}

/**
 * The budget of `year` per payer: every payer of district.json (in its order, even with nobody
 * yet), then any unknown code found on a period. A person two payers pay for in a month is
 * counted by both, because both are billed: that is the money `coverageOverlaps` finds.
 */
export function spendByPayer(
  participants: readonly CoveredParticipant[],
  year: number,
  asOf: string,
  tariffs: readonly Tariff[],
  payers: readonly Payer[],
): PayerSpend[] {
  const defaultCode = payers.find((payer) => payer.isDefault)?.code ?? ''
  const byPayer = new Map<string, CoveredParticipant[]>(payers.map((payer) => [payer.code, []]))
  for (const participant of participants) {
    const periodsByPayer = new Map<string, CoveragePeriod[]>()
    for (const period of participant.coverage ?? []) {
      if (period.year !== year) continue
      const code = payerCodeOf(period, defaultCode)
      const periods = periodsByPayer.get(code)
      if (periods) periods.push(period)
      else periodsByPayer.set(code, [period])
    }
    // Appended in place: copying the payer's list for every participant made this quadratic
    // (39 s for the dashboard's 100,000 records, docs/performance.md).
    for (const [code, coverage] of periodsByPayer) {
      const covered = byPayer.get(code)
      if (covered) covered.push({ coverage })
      else byPayer.set(code, [{ coverage }])
    }
  }
  return [...byPayer.entries()].map(([payerCode, covered]): PayerSpend => {
    const payer = payers.find((entry) => entry.code === payerCode) ?? null
    // An unknown code is costed at the default kind: the full rate, never a guessed discount.
    const spend = spendForYear(covered, year, tariffs, asOf, payer?.kind)
    const budget = payer?.budgets.find((entry) => entry.year === year) ?? null
    return {
      payerCode,
      payer: payer && { name: payer.name, kind: payer.kind },
      budget,
      people: covered.length,
      activeCount: spend.activeCount,
      spentToDate: spend.spentToDate,
      spentToDateByLine: spend.spentToDateByLine,
      projectedYearEnd: spend.projectedYearEnd,
      projectedYearEndByLine: spend.projectedYearEndByLine,
      projectedSurplus: budget ? Math.max(0, budget.total - spend.projectedYearEnd) : 0,
      projectedShortfall: budget ? Math.max(0, spend.projectedYearEnd - budget.total) : 0,
      byLine: budget?.lines
        ? (['jkk', 'jkm'] as const).map((line) => {
            const lineBudget = budget.lines?.[line] ?? 0
            const projected = spend.projectedYearEndByLine[line]
            return {
              line,
              budget: lineBudget,
              projectedYearEnd: projected,
              projectedSurplus: Math.max(0, lineBudget - projected),
              projectedShortfall: Math.max(0, projected - lineBudget),
            }
          })
        : null,
    }
  })
}

export type PayerChangeProblem =
  | { code: 'UNKNOWN_PAYER'; params: { payerCode: string } }
  | { code: 'PAYER_CHANGE_FORBIDDEN'; params: { year: number; batchId: string } }

/** Who may set or change a period's payer: the budget is the supervisors' (Distransnaker) call. */
export function mayChangePayer(role: Role): boolean {
  return role === 'supervisor' || role === 'admin'
}

const periodKey = (period: CoveragePeriod) => `${period.year}\u0000${period.batchId}`

/**
 * Whether a write of `next` over `stored` (undefined: a new record) may stand: every payer named
 * must be known, and a period whose payer is new or differs from the stored period of the same
 * year and batch is written by a supervisor or admin only. A new period naming the default payer
 * is what every enrolment writes, so it needs no role beyond the coverage rules'.
 */
export function payerChangeProblem(
  stored: { coverage?: readonly CoveragePeriod[] } | undefined,
  next: { coverage?: readonly CoveragePeriod[] },
  role: Role,
  knownCodes: ReadonlySet<string>,
  defaultCode: string,
): PayerChangeProblem | null {
  const before = new Map((stored?.coverage ?? []).map((period) => [periodKey(period), period]))
  for (const period of next.coverage ?? []) {
    const code = payerCodeOf(period, defaultCode)
    const old = before.get(periodKey(period))
    const was = old ? payerCodeOf(old, defaultCode) : defaultCode
    // The role first: whoever may not choose a payer learns that, whatever code they sent.
    if (code !== was && !mayChangePayer(role)) {
      return {
        code: 'PAYER_CHANGE_FORBIDDEN',
        params: { year: period.year, batchId: period.batchId },
      }
    }
    if (!knownCodes.has(code)) return { code: 'UNKNOWN_PAYER', params: { payerCode: code } }
  }
  return null
}
