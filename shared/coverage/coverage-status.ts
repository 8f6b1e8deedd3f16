/**
 * How a participant's BPJS coverage changes: sent in a batch, enrolled by BPJS's answer, renewed
 * for the next budget year, ended. Each function returns a new document (or a problem) and
 * changes only `status`, `kpjNumber`, `enrolmentBatchId` and `coverage`; the caller stamps
 * `updatedAt`/`updatedBy` and writes the history entry, as for every other change.
 *
 *   approved ──sentInBatch──▶ approved (+ enrolmentBatchId) ──withEnrolment──▶ enrolled | active
 *   enrolled ──withStartedCoverage (start date reached)──▶ active
 *   active ──renewalFor (next year)──▶ active (+ next year's period)
 *   enrolled | active ──endCoverage (until, reason)──▶ ended
 */
import { parseIsoDate } from '../dates/calendar-date'
import type { DistrictConfig } from '../district/district-config'
import {
  COVERAGE_END_REASONS,
  type CoverageEndReason,
  type CoveragePeriod,
  type ParticipantDocument,
} from '../participant/participant-document'
import type { CoverageProblem } from './coverage-messages'
import { eligibleForBatch } from './enrolment-batch'
import { parseKpj } from './kpj'

export type CoverageFields = Pick<
  ParticipantDocument,
  'status' | 'birthDate' | 'kpjNumber' | 'enrolmentBatchId' | 'coverage'
>

export type CoverageChange<T> =
  { ok: true; doc: T; changed: boolean } | { ok: false; problem: CoverageProblem }

/** Oldest first, as the document keeps them. */
function sortPeriods(periods: CoveragePeriod[]): CoveragePeriod[] {
  return [...periods].sort((a, b) => a.year - b.year || a.from.localeCompare(b.from))
}

const sameCoverage = (a: CoverageFields, b: CoverageFields): boolean =>
  a.status === b.status &&
  a.kpjNumber === b.kpjNumber &&
  a.enrolmentBatchId === b.enrolmentBatchId &&
  JSON.stringify(a.coverage ?? []) === JSON.stringify(b.coverage ?? [])

/** Marks an approved participant as sent to BPJS in `batchId`; the status stays approved. */
export function sentInBatch<T extends CoverageFields>(doc: T, batchId: string): T {
  return { ...doc, enrolmentBatchId: batchId }
}

export interface Enrolment {
  /** As BPJS issued it: text, leading zeros kept (normalised again here). */
  kpjNumber: string
  /** YYYY-MM-DD, inside `year`. */
  coverageStart: string
  batchId: string
  /** Budget year of the batch. */
  year: number
  /** YYYY-MM-DD: decides enrolled (start still ahead) or active. */
  today: string
  /** The payer of the batch (district.json `payers`): a new period names it; a known one keeps its own. */
  payerCode?: string
}

/**
 * Applies one matched row of BPJS's answer. Re-importing the same answer is harmless: the period
 * of the same year and batch is replaced (its start corrected), never added twice, and an end
 * recorded since then is kept. `changed` is false when nothing changed.
 */
export function withEnrolment<T extends CoverageFields>(
  doc: T,
  enrolment: Enrolment,
): CoverageChange<T> {
  const kpj = parseKpj(enrolment.kpjNumber)
  if (!kpj.ok) return invalid('kpjNumber')
  const start = parseIsoDate(enrolment.coverageStart)
  if (!start || start.year !== enrolment.year) return invalid('coverageStart')
  if (enrolment.batchId.trim() === '') return invalid('batchId')
  if (!parseIsoDate(enrolment.today)) return invalid('today')

  const coverage = doc.coverage ?? []
  const existing = coverage.find(
    (period) => period.year === enrolment.year && period.batchId === enrolment.batchId,
  )
  if (doc.status === 'ended' && existing) return { ok: true, doc, changed: false }
  if (doc.status !== 'approved' && doc.status !== 'enrolled' && doc.status !== 'active') {
    return { ok: false, problem: { code: 'NOT_ENROLLABLE', params: { status: doc.status } } }
  }
  const otherBatch = coverage.find(
    (period) => period.year === enrolment.year && period.batchId !== enrolment.batchId,
  )
  if (otherBatch) {
    return {
      ok: false,
      problem: {
        code: 'ALREADY_COVERED_IN_YEAR',
        params: { year: enrolment.year, batchId: otherBatch.batchId },
      },
    }
  }
  const period: CoveragePeriod = existing
    ? { ...existing, from: enrolment.coverageStart }
    : {
        year: enrolment.year,
        from: enrolment.coverageStart,
        batchId: enrolment.batchId,
        ...(enrolment.payerCode === undefined ? {} : { payerCode: enrolment.payerCode }),
      }
  const periods = sortPeriods([...coverage.filter((entry) => entry !== existing), period])
  const hasStarted = periods.some((entry) => entry.from <= enrolment.today)
  const next: T = {
    ...doc,
    status: hasStarted ? 'active' : 'enrolled',
    kpjNumber: kpj.kpj,
    enrolmentBatchId: enrolment.batchId,
    coverage: periods,
  }
  return sameCoverage(doc, next)
    ? { ok: true, doc, changed: false }
    : { ok: true, doc: next, changed: true }
}

function invalid(field: string): { ok: false; problem: CoverageProblem } {
  return { ok: false, problem: { code: 'ENROLMENT_INPUT_INVALID', params: { field } } }
}

/** enrolled → active once a period has started (a daily check, or when the record is opened). */
export function withStartedCoverage<T extends CoverageFields>(doc: T, today: string): T {
  if (doc.status !== 'enrolled') return doc
  const hasStarted = (doc.coverage ?? []).some((period) => period.from <= today)
  return hasStarted ? { ...doc, status: 'active' } : doc
}

export type EndCoverageResult<T> =
  { ok: true; doc: T; cancelledPeriods: CoveragePeriod[] } | { ok: false; problem: CoverageProblem }

/**
 * Ends coverage: `until` is the last covered day (for a death, the date of death; for the age
 * limit, the day before the birthday). The period running on that day gets `until` and the
 * reason; periods starting after it (a renewal already recorded) are removed and returned, so
 * the APBD does not pay for them. An `until` after the end of the last period's year is recorded
 * as 31 December of that year: the coverage had already run out. Ending again corrects the date
 * or reason.
 */
export function endCoverage<T extends CoverageFields>(
  doc: T,
  end: { until: string; reason: CoverageEndReason },
): EndCoverageResult<T> {
  if (!(COVERAGE_END_REASONS as readonly string[]).includes(end.reason)) {
    return { ok: false, problem: { code: 'END_REASON_UNKNOWN' } }
  }
  if (!parseIsoDate(end.until)) return { ok: false, problem: { code: 'END_DATE_INVALID' } }
  const coverage = sortPeriods(doc.coverage ?? [])
  if (
    (doc.status !== 'enrolled' && doc.status !== 'active' && doc.status !== 'ended') ||
    coverage.length === 0
  ) {
    return { ok: false, problem: { code: 'NOT_COVERED' } }
  }
  const running = coverage.filter((period) => period.from <= end.until).at(-1)
  if (!running) {
    return { ok: false, problem: { code: 'END_BEFORE_COVERAGE', params: { date: end.until } } }
  }
  const yearEnd = `${running.year}-12-31`
  const ended: CoveragePeriod = {
    ...running,
    until: end.until < yearEnd ? end.until : yearEnd,
    endReason: end.reason,
  }
  const cancelledPeriods = coverage.filter((period) => period.from > end.until)
  const kept = coverage
    .filter((period) => period.from <= end.until)
    .map((period) => (period === running ? ended : period))
  return { ok: true, doc: { ...doc, status: 'ended', coverage: kept }, cancelledPeriods }
}

/**
 * Renews a participant covered to 31 December into `nextYear`, in the renewal batch `batchId`:
 * a period from 1 January of `nextYear` is recorded (the APBD commits to it when the batch is
 * sent). If BPJS answers the renewal batch, `withEnrolment` with the same batch replaces that
 * start date. With `config`, someone already past the age limit on 1 January is refused.
 */
export function renewalFor<T extends CoverageFields>(
  doc: T,
  nextYear: number,
  batchId: string,
  config?: Pick<DistrictConfig, 'ageRange'>,
  payerCode?: string,
): CoverageChange<T> {
  if (batchId.trim() === '') return invalid('batchId')
  const verdict = eligibleForBatch(doc, { year: nextYear, fromMonth: 1 }, config)
  if (!verdict.ok) return { ok: false, problem: verdict.problem }
  if (verdict.kind !== 'renewal') {
    return {
      ok: false,
      problem: { code: 'NOTHING_TO_RENEW', params: { year: nextYear, previousYear: nextYear - 1 } },
    }
  }
  const period: CoveragePeriod = {
    year: nextYear,
    from: `${nextYear}-01-01`,
    batchId,
    ...(payerCode === undefined ? {} : { payerCode }),
  }
  return {
    ok: true,
    doc: {
      ...doc,
      enrolmentBatchId: batchId,
      coverage: sortPeriods([...(doc.coverage ?? []), period]),
    },
    changed: true,
  }
}
