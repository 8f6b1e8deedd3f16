/**
 * People the regency already paid BPJS for before Naungan (Kukar: 35,440 at the start): they
 * arrive from a spreadsheet with their KPJ number and coverage start (TMT), not through the
 * registration desk and the agencies' checks. Their record is made straight away as an enrolled
 * or active participant, so the dashboard counts them and the budget pays for them.
 *
 * Coverage kept for such a person (docs/coverage.md):
 * - the period of the year their coverage started, from the TMT — so the dashboard does not count
 *   them as "new this year" when they joined earlier;
 * - and, when that year is before the budget year, a period of the budget year from 1 January
 *   (they are still covered, which is why they are on the list).
 * Years in between are not recorded: Naungan knows nothing of them, and they are not budgeted here.
 */
import { formatIsoDate, parseIsoDate } from '../dates/calendar-date'
import type { CoveragePeriod, ParticipantStatus } from '../participant/participant-document'
import { parseKpj, type KpjReason } from './kpj'

/** The batch every imported existing member's periods belong to (no BPJS batch was sent). */
export const EXISTING_MEMBER_BATCH_ID = 'peserta-lama'

/** `source` of an existing member's record: `peserta-lama:<source name of the import>`. */
export const EXISTING_MEMBER_SOURCE_PREFIX = 'peserta-lama:'

export function isExistingMemberSource(source: string | undefined): boolean {
  return typeof source === 'string' && source.startsWith(EXISTING_MEMBER_SOURCE_PREFIX)
}

export interface ExistingMembership {
  kpjNumber: string
  /** YYYY-MM-DD: the first day BPJS covered the person (TMT). */
  coverageStart: string
}

export type ExistingMemberProblem =
  | { code: KpjReason }
  | { code: 'START_INVALID' }
  | { code: 'START_AFTER_BUDGET_YEAR'; params: { year: number } }
  | { code: 'START_BEFORE_BIRTH' }

export type ExistingMemberCoverage =
  | {
      ok: true
      status: Extract<ParticipantStatus, 'enrolled' | 'active'>
      kpjNumber: string
      coverage: CoveragePeriod[]
    }
  | { ok: false; problem: ExistingMemberProblem }

/**
 * The status, KPJ and coverage periods an existing member's record gets for `budgetYear`, as of
 * `today` (YYYY-MM-DD): active once the start has passed, enrolled while it is still ahead.
 */
export function existingMemberCoverage(
  member: ExistingMembership,
  context: { budgetYear: number; today: string; birthDate?: string; payerCode?: string },
): ExistingMemberCoverage {
  const kpj = parseKpj(member.kpjNumber)
  if (!kpj.ok) return { ok: false, problem: { code: kpj.reason } }
  const start = parseIsoDate(member.coverageStart)
  if (!start) return { ok: false, problem: { code: 'START_INVALID' } }
  if (start.year > context.budgetYear) {
    return {
      ok: false,
      problem: { code: 'START_AFTER_BUDGET_YEAR', params: { year: context.budgetYear } },
    }
  }
  if (context.birthDate && member.coverageStart < context.birthDate) {
    return { ok: false, problem: { code: 'START_BEFORE_BIRTH' } }
  }
  const from = formatIsoDate(start)
  // The list is a payer's (the regency's unless the import names another): its periods say so.
  const payer = context.payerCode === undefined ? {} : { payerCode: context.payerCode }
  const coverage: CoveragePeriod[] = [
    { year: start.year, from, batchId: EXISTING_MEMBER_BATCH_ID, ...payer },
  ]
  if (start.year < context.budgetYear) {
    coverage.push({
      year: context.budgetYear,
      from: formatIsoDate({ year: context.budgetYear, month: 1, day: 1 }),
      batchId: EXISTING_MEMBER_BATCH_ID,
      ...payer,
    })
  }
  const started = coverage.some((period) => period.from <= context.today)
  return { ok: true, status: started ? 'active' : 'enrolled', kpjNumber: kpj.kpj, coverage }
}
