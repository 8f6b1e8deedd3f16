/**
 * The annual re-verification's vocabulary: why a person is proposed, why a re-checked person's
 * coverage ends, and an outcome. A leaf (it imports only the coverage end reasons) so the
 * participant document can name the decisions recorded on it (reverification-decision.ts) without
 * importing the proposal's rules.
 */
import { COVERAGE_END_REASONS } from '../participant/participant-status'

export const REVERIFICATION_REASONS = [
  'batas-usia',
  'meninggal',
  'pindah',
  'penanggung-lain',
  'tidak-layak-desil',
  'belum-dicetak',
  'belum-terjangkau',
] as const
export type ReverificationReason = (typeof REVERIFICATION_REASONS)[number]

/** Why a re-verified person's coverage ends: a coverage end reason, or no longer eligible by decile. */
export const REVERIFICATION_END_REASONS = [...COVERAGE_END_REASONS, 'tidak-layak-desil'] as const
export type ReverificationEndReason = (typeof REVERIFICATION_END_REASONS)[number]

export function isReverificationEndReason(value: unknown): value is ReverificationEndReason {
  return (
    typeof value === 'string' && (REVERIFICATION_END_REASONS as readonly string[]).includes(value)
  )
}

export type ReverificationOutcome =
  { kind: 'continued' } | { kind: 'ended'; reason: ReverificationEndReason } | { kind: 'pending' }

/** One outcome as the offices record it: one per proposed person. */
export interface RecordedOutcome {
  participantId: string
  outcome: ReverificationOutcome
}
