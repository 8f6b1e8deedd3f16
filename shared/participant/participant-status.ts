/**
 * Where a participant stands: their workflow status and their BPJS coverage periods. A leaf module
 * (it imports nothing) so the workflow and card rules can name these without importing
 * `participant-document.ts`, which imports those rules' types; the document re-exports them.
 */

/**
 * The verification workflow (`shared/workflow/workflow.ts`): draft → submitted → approved, or
 * returned to the clerk. `enrolled`, `active` and `ended` follow BPJS's answer (enrolment batches).
 */
export const PARTICIPANT_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'enrolled',
  'active',
  'ended',
] as const
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number]

export const COVERAGE_END_REASONS = [
  'meninggal',
  'pindah',
  'penanggung-lain',
  'batas-usia',
] as const
export type CoverageEndReason = (typeof COVERAGE_END_REASONS)[number]

export interface CoveragePeriod {
  /** Budget year (APBD) paying for this period. */
  year: number
  /** YYYY-MM-DD, first covered day. */
  from: string
  /** YYYY-MM-DD, last covered day when coverage ended early; absent: to the end of the year. */
  until?: string
  endReason?: CoverageEndReason
  batchId: string
  /**
   * Who pays for this period: a code of district.json's `payers` (shared/district/payer-config.ts).
   * Every period the app writes names one, and the v4 migration gave stored periods the default
   * payer. Absent only on a period pushed by a PC still running an older version: that period
   * means the default payer (the regency's APBD), as it did when it was written.
   */
  payerCode?: string
}
