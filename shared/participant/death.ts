/**
 * A participant's death, reported at any office (issue 17): "Deaths often never reach BPJS or the
 * regency, so people stay 'active' and keep being paid for."
 *
 * Reporting (`withDeathReported`) records the date of death, where the report came from (the
 * family, the desa, a Disdukcapil list, other) and its document (akta kematian, the desa's
 * letter), and acts on it at once:
 * - coverage ends **at the end of the month of death**: the period running then gets that last
 *   day and the reason `meninggal`; periods starting after it (a renewal already recorded) are
 *   removed, so no later bill or budget pays for them. **Past months are never rewritten**: a
 *   death reported late (died in March, reported in November) ends coverage at the end of the
 *   month of the report, because April–October were billed and paid and the budget must keep
 *   saying so; the reconciliation of those bills shows them as billed after death (bills.ts). The month of
 *   death is paid in full, as every month is (budget.ts, the month rule).
 * - the status becomes `ended`, whatever it was: a candidate who died is no longer a candidate,
 *   and an ended record is in no batch, renewal or reprint. Cards of the person verify as
 *   "peserta telah meninggal" once the record has synced (card-check).
 * - what the record was before (status and coverage) is kept in the report, so that a wrongly
 *   reported death can be undone exactly.
 *
 * Correcting (`withDeathCorrected`) is a supervisor's, with a reason: the status and coverage
 * come back as they were, and the report stays on the record with the correction (audited, never
 * erased). A corrected report may be followed by a new one.
 *
 * Pure, and the same on every PC and on the server, which recomputes a pushed report from the
 * stored record and refuses any other outcome (shared/workflow/workflow-push.ts).
 */
import { daysInMonth, parseIsoDate } from '../dates/calendar-date'
import type { CoveragePeriod, ParticipantStatus } from './participant-status'

export const DEATH_SOURCES = ['keluarga', 'desa', 'disdukcapil', 'lainnya'] as const
export type DeathSource = (typeof DEATH_SOURCES)[number]

export const MAX_DEATH_REFERENCE = 100
export const MAX_CORRECTION_REASON = 300
const MAX_NAME = 100

export interface DeathCorrection {
  reason: string
  by: string
  at: string
}

export interface DeathReport {
  /** YYYY-MM-DD, the day of death. */
  date: string
  source: DeathSource
  /** No. akta kematian, or the desa's letter: what the report rests on. */
  reference: string
  /** ISO time the report was recorded, by whom, at which office. */
  reportedAt: string
  /**
   * The district's day of `reportedAt` (YYYY-MM-DD): the month of the report, which coverage is
   * never ended before. Kept so that a report re-applied after a sync conflict, or checked by the
   * server, ends coverage exactly as it did on the PC.
   */
  reportedOn: string
  reportedBy: string
  officeCode: string
  /** The record as it stood before the report: what a correction restores. */
  previousStatus: ParticipantStatus
  previousCoverage?: CoveragePeriod[]
  /** Set when a supervisor found the report wrong: the report no longer counts. */
  correction?: DeathCorrection
}

export interface DeathFields {
  status: ParticipantStatus
  birthDate: string
  coverage?: CoveragePeriod[]
  death?: DeathReport
}

export type DeathProblem =
  | { code: 'DEATH_ALREADY_REPORTED'; params: { date: string } }
  | { code: 'DEATH_DATE_INVALID' }
  | { code: 'DEATH_DATE_IN_FUTURE'; params: { today: string } }
  | { code: 'DEATH_BEFORE_BIRTH'; params: { birthDate: string } }
  | { code: 'DEATH_SOURCE_UNKNOWN' }
  | { code: 'DEATH_REFERENCE_MISSING' }
  | { code: 'DEATH_NOT_REPORTED' }
  | { code: 'CORRECTION_REASON_MISSING' }

/** A report that counts: present and not corrected. */
export function isDeceased(doc: { readonly death?: { readonly correction?: unknown } }): boolean {
  return doc.death !== undefined && doc.death.correction === undefined
}

/** '2026-02-10' → '2026-02-28': the last covered day after a death that month. */
export function lastDayOfMonthOf(isoDate: string): string {
  const date = parseIsoDate(isoDate)
  if (!date) throw new RangeError(`not a date: ${isoDate}`)
  const day = daysInMonth(date.year, date.month)
  return `${isoDate.slice(0, 8)}${String(day).padStart(2, '0')}`
}

/**
 * Coverage after a death on `date` reported on `reportedOn`: the period running at the end of the
 * later of the two months ends then (or at its own earlier end), periods starting later are
 * dropped, periods that had ended before the month of death stay as they were.
 */
export function coverageAfterDeath(
  coverage: readonly CoveragePeriod[] | undefined,
  date: string,
  reportedOn: string,
): CoveragePeriod[] | undefined {
  if (coverage === undefined) return undefined
  const last = lastDayOfMonthOf(reportedOn > date ? reportedOn : date)
  return coverage
    .filter((period) => period.from <= last)
    .map((period) => {
      const yearEnd = `${period.year}-12-31`
      const end = period.until ?? yearEnd
      // A period that had already ended before the death (moved away on 5 May, died 10 May)
      // keeps its own end and reason.
      if (end < date) return period
      return { ...period, until: end < last ? end : last, endReason: 'meninggal' as const }
    })
}

export interface DeathInput {
  date: string
  source: string
  reference: string
  reportedAt: string
  reportedBy: string
  officeCode: string
}

export function withDeathReported<T extends DeathFields>(
  doc: T,
  input: DeathInput,
  /**
   * The district's day of the report, YYYY-MM-DD (the day of `reportedAt`): a death cannot lie
   * ahead of it, and months up to it are not rewritten.
   */
  today: string,
): { ok: true; doc: T } | { ok: false; problem: DeathProblem } {
  if (isDeceased(doc) && doc.death) {
    return {
      ok: false,
      problem: { code: 'DEATH_ALREADY_REPORTED', params: { date: doc.death.date } },
    }
  }
  if (!parseIsoDate(input.date)) return { ok: false, problem: { code: 'DEATH_DATE_INVALID' } }
  if (input.date > today) {
    return { ok: false, problem: { code: 'DEATH_DATE_IN_FUTURE', params: { today } } }
  }
  if (input.date < doc.birthDate) {
    return {
      ok: false,
      problem: { code: 'DEATH_BEFORE_BIRTH', params: { birthDate: doc.birthDate } },
    }
  }
  if (!(DEATH_SOURCES as readonly string[]).includes(input.source)) {
    return { ok: false, problem: { code: 'DEATH_SOURCE_UNKNOWN' } }
  }
  const reference = input.reference.replace(/\s+/g, ' ').trim()
  if (reference === '') return { ok: false, problem: { code: 'DEATH_REFERENCE_MISSING' } }
  const coverage = coverageAfterDeath(doc.coverage, input.date, today)
  const report: DeathReport = {
    date: input.date,
    source: input.source as DeathSource,
    reference: reference.slice(0, MAX_DEATH_REFERENCE),
    reportedAt: input.reportedAt,
    reportedOn: today,
    reportedBy: input.reportedBy.slice(0, MAX_NAME),
    officeCode: input.officeCode,
    previousStatus: doc.status,
    ...(doc.coverage === undefined ? {} : { previousCoverage: doc.coverage }),
  }
  const next: T = { ...doc, status: 'ended', death: report }
  if (coverage === undefined) delete next.coverage
  else next.coverage = coverage
  return { ok: true, doc: next }
}

export function withDeathCorrected<T extends DeathFields>(
  doc: T,
  correction: DeathCorrection,
): { ok: true; doc: T } | { ok: false; problem: DeathProblem } {
  if (!isDeceased(doc) || !doc.death) return { ok: false, problem: { code: 'DEATH_NOT_REPORTED' } }
  const reason = correction.reason.replace(/\s+/g, ' ').trim()
  if (reason === '') return { ok: false, problem: { code: 'CORRECTION_REASON_MISSING' } }
  const next: T = {
    ...doc,
    status: doc.death.previousStatus,
    death: {
      ...doc.death,
      correction: {
        reason: reason.slice(0, MAX_CORRECTION_REASON),
        by: correction.by.slice(0, MAX_NAME),
        at: correction.at,
      },
    },
  }
  if (doc.death.previousCoverage === undefined) delete next.coverage
  else next.coverage = doc.death.previousCoverage
  return { ok: true, doc: next }
}
