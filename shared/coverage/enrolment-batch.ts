/**
 * An enrolment batch: the list of people the regency sends BPJS Ketenagakerjaan in one collective
 * registration, under one kode iuran (the regency's contribution account) and one period. New
 * participants (status approved) and renewals (covered this year, for next year) travel in
 * batches; BPJS answers a batch with KPJ numbers (bpjs-answer.ts).
 *
 * While a member waits for BPJS their status does not change: `enrolmentBatchId` says they were
 * sent (`sentInBatch` in coverage-status.ts).
 */
import { parseIsoDate } from '../dates/calendar-date'
import type { DistrictConfig } from '../district/district-config'
import type { ParticipantDocument } from '../participant/participant-document'
import { birthdayOfAge } from './age-limit'
import { coveredSpan } from './budget'
import type { CoverageProblem } from './coverage-messages'
import { MAX_PAYER_CODE, PAYER_CODE } from '../district/payer-config'

export interface BatchPeriod {
  /** Budget (calendar) year the batch is paid from. */
  year: number
  /** 1..12: the first month the batch's members are to be covered. */
  fromMonth: number
}

export interface EnrolmentBatch {
  id: string
  /** The regency's contribution account at BPJS, as BPJS wrote it. */
  kodeIuran: string
  period: BatchPeriod
  createdAt: string
  createdBy: string
  /** Participant ids, in the order they appear in the export. */
  memberIds: string[]
  /**
   * Who pays for the batch (district.json `payers`): one batch, one payer and its BPJS group, so
   * the periods BPJS's answer creates name that payer. Absent on batches recorded before payers:
   * the default payer.
   */
  payerCode?: string
}

/** BPJS's collective sheets hold a few thousand rows; beyond this a batch is a mistake. */
export const MAX_BATCH_MEMBERS = 20_000
const KODE_IURAN = /^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/
const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/

export function isValidPeriod(period: BatchPeriod): boolean {
  return (
    Number.isInteger(period.year) &&
    period.year >= 2000 &&
    period.year <= 2100 &&
    Number.isInteger(period.fromMonth) &&
    period.fromMonth >= 1 &&
    period.fromMonth <= 12
  )
}

/** The first day of the batch period, YYYY-MM-DD. */
export function periodStart(period: BatchPeriod): string {
  return `${period.year}-${String(period.fromMonth).padStart(2, '0')}-01`
}

/** '07-2026': the batch period as the export writes it (month the coverage starts). */
export function formatPeriod(period: BatchPeriod): string {
  return `${String(period.fromMonth).padStart(2, '0')}-${period.year}`
}

/** Every problem with a batch's own fields; [] when it can be recorded. */
export function validateBatch(batch: EnrolmentBatch): CoverageProblem[] {
  const problems: CoverageProblem[] = []
  if (!BATCH_ID.test(batch.id)) problems.push({ code: 'BATCH_ID_INVALID' })
  if (!KODE_IURAN.test(batch.kodeIuran)) problems.push({ code: 'BATCH_KODE_IURAN_INVALID' })
  if (!isValidPeriod(batch.period)) problems.push({ code: 'BATCH_PERIOD_INVALID' })
  if (batch.createdAt.trim() === '' || batch.createdBy.trim() === '') {
    problems.push({ code: 'BATCH_CREATED_INVALID' })
  }
  if (
    batch.payerCode !== undefined &&
    (!PAYER_CODE.test(batch.payerCode) || batch.payerCode.length > MAX_PAYER_CODE)
  ) {
    problems.push({ code: 'BATCH_PAYER_INVALID' })
  }
  if (batch.memberIds.length === 0) problems.push({ code: 'BATCH_EMPTY' })
  if (batch.memberIds.length > MAX_BATCH_MEMBERS) {
    problems.push({
      code: 'BATCH_TOO_LARGE',
      params: { count: batch.memberIds.length, max: MAX_BATCH_MEMBERS },
    })
  }
  if (new Set(batch.memberIds).size !== batch.memberIds.length) {
    problems.push({ code: 'BATCH_MEMBER_REPEATED' })
  }
  return problems
}

const PARTICIPANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A recorded batch read from outside this process (a push to the server, the server's answer to
 * a pull): the shape checked field by field, then `validateBatch`; a reason (for logs, never
 * shown to clerks) when it is not a batch this app could have recorded.
 */
export function parseRecordedBatch(
  input: unknown,
):
  | { ok: true; batch: EnrolmentBatch & { kind: 'new' | 'renewal' } }
  | { ok: false; reason: string } {
  if (typeof input !== 'object' || input === null) return { ok: false, reason: 'not an object' }
  const raw = input as Record<string, unknown>
  const period = raw.period as Record<string, unknown> | null | undefined
  if (
    typeof raw.id !== 'string' ||
    (raw.kind !== 'new' && raw.kind !== 'renewal') ||
    typeof raw.kodeIuran !== 'string' ||
    typeof period !== 'object' ||
    period === null ||
    typeof period.year !== 'number' ||
    typeof period.fromMonth !== 'number' ||
    typeof raw.createdAt !== 'string' ||
    Number.isNaN(Date.parse(raw.createdAt)) ||
    raw.createdAt.length > 40 ||
    typeof raw.createdBy !== 'string' ||
    raw.createdBy.length > 120 ||
    !Array.isArray(raw.memberIds) ||
    (raw.payerCode !== undefined && typeof raw.payerCode !== 'string')
  ) {
    return { ok: false, reason: 'missing or mistyped field' }
  }
  if (raw.memberIds.length > MAX_BATCH_MEMBERS) return { ok: false, reason: 'too many members' }
  if (!raw.memberIds.every((id) => typeof id === 'string' && PARTICIPANT_ID.test(id))) {
    return { ok: false, reason: 'a member id is not a participant id' }
  }
  const batch = {
    id: raw.id,
    kind: raw.kind as 'new' | 'renewal',
    kodeIuran: raw.kodeIuran,
    period: { year: period.year, fromMonth: period.fromMonth },
    createdAt: raw.createdAt,
    createdBy: raw.createdBy,
    memberIds: raw.memberIds as string[],
    ...(typeof raw.payerCode === 'string' ? { payerCode: raw.payerCode } : {}),
  }
  const problems = validateBatch(batch)
  if (problems.length > 0) return { ok: false, reason: problems.map((p) => p.code).join(', ') }
  return { ok: true, batch }
}

/**
 * - `new`: approved, never sent.
 * - `resend`: approved and sent in an earlier batch that brought no KPJ (BPJS refused the row or
 *   never answered): sending again is allowed, and the screen says so.
 * - `renewal`: covered in the previous year up to 31 December, for this batch's year.
 */
export type BatchEntryKind = 'new' | 'resend' | 'renewal'

export type BatchEligibility =
  { ok: true; kind: BatchEntryKind } | { ok: false; problem: CoverageProblem }

type EligibilityFields = Pick<
  ParticipantDocument,
  'status' | 'birthDate' | 'coverage' | 'enrolmentBatchId'
>

/**
 * Whether a participant may go into a batch for `period`: approved (new), or active/enrolled with
 * coverage running to the end of the previous year (renewal). With `ageRange`, people already
 * past the age limit on the period's first day are refused.
 */
export function eligibleForBatch(
  doc: EligibilityFields,
  period: BatchPeriod,
  config?: Pick<DistrictConfig, 'ageRange'>,
): BatchEligibility {
  if (doc.status === 'ended') return { ok: false, problem: { code: 'COVERAGE_ENDED' } }
  if (doc.status !== 'approved' && doc.status !== 'active' && doc.status !== 'enrolled') {
    return { ok: false, problem: { code: 'NOT_APPROVED' } }
  }
  const coverage = doc.coverage ?? []
  const sameYear = coverage.find((entry) => entry.year === period.year)
  if (sameYear) {
    return {
      ok: false,
      problem: {
        code: 'ALREADY_COVERED_IN_YEAR',
        params: { year: period.year, batchId: sameYear.batchId },
      },
    }
  }
  if (config) {
    const start = periodStart(period)
    const overLimitOn = birthdayOfAge(doc.birthDate, config.ageRange.max + 1)
    if (overLimitOn && overLimitOn <= start) {
      return {
        ok: false,
        problem: { code: 'OVER_AGE_LIMIT', params: { max: config.ageRange.max, date: start } },
      }
    }
  }
  if (doc.status === 'approved') {
    return { ok: true, kind: doc.enrolmentBatchId ? 'resend' : 'new' }
  }
  const previousYear = period.year - 1
  const runsToYearEnd = coverage.some((entry) => {
    const span = coveredSpan(entry)
    return (
      entry.year === previousYear && span !== null && span.last.month === 12 && span.last.day === 31
    )
  })
  return runsToYearEnd
    ? { ok: true, kind: 'renewal' }
    : {
        ok: false,
        problem: { code: 'NOTHING_TO_RENEW', params: { year: period.year, previousYear } },
      }
}

export interface BatchDraft {
  batch: EnrolmentBatch
  included: { participantId: string; kind: BatchEntryKind }[]
  excluded: { participantId: string; problem: CoverageProblem }[]
  /** Problems with the batch itself (validateBatch); the batch is recorded only when empty. */
  problems: CoverageProblem[]
}

/**
 * Builds a batch from candidates: eligible ones become members in the given order, the others
 * are listed with their reason. Nothing is recorded here; the caller stores the batch and marks
 * each member with `sentInBatch`.
 */
export function draftBatch(
  fields: Omit<EnrolmentBatch, 'memberIds'>,
  candidates: readonly (EligibilityFields & Pick<ParticipantDocument, 'id'>)[],
  config?: Pick<DistrictConfig, 'ageRange'>,
): BatchDraft {
  const included: BatchDraft['included'] = []
  const excluded: BatchDraft['excluded'] = []
  const seen = new Set<string>()
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue
    seen.add(candidate.id)
    const verdict = isValidPeriod(fields.period)
      ? eligibleForBatch(candidate, fields.period, config)
      : ({ ok: false, problem: { code: 'BATCH_PERIOD_INVALID' } } as const)
    if (verdict.ok) included.push({ participantId: candidate.id, kind: verdict.kind })
    else excluded.push({ participantId: candidate.id, problem: verdict.problem })
  }
  const batch: EnrolmentBatch = {
    ...fields,
    period: { ...fields.period },
    memberIds: included.map((entry) => entry.participantId),
  }
  return { batch, included, excluded, problems: validateBatch(batch) }
}

/** Whether `isoDate` is a real date inside the batch's year. */
export function isInBatchYear(isoDate: string, period: BatchPeriod): boolean {
  const date = parseIsoDate(isoDate)
  return date !== null && date.year === period.year
}
