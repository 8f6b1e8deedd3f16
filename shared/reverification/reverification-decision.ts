/**
 * The outcome of a person's annual re-check, as recorded on the participant (schema v7,
 * `reverification`): one entry per decision, append-only, the last entry of a year being the one
 * that counts. An office re-checks offline and the decision syncs with the record like any edit;
 * the history of the record shows every decision, who made it and when.
 *
 * proposal.ts turns the records into the year's proposal and decree; this module is the record's
 * side: reading the decisions of a year back as `RecordedOutcome`s, adding one, and the server's
 * judgement of a pushed change (`reverificationProblemOfPush`): decisions only grow, each new one
 * is well formed, in the pusher's role, and made by someone whose office may decide for this
 * person (the person's kecamatan office, an agency's verifier, a district supervisor).
 */
import { sameJson } from '../sync/canonical-json'
import type { OfficeKind, Role } from '../sync/roles'
import {
  isReverificationEndReason,
  REVERIFICATION_REASONS,
  type RecordedOutcome,
  type ReverificationEndReason,
  type ReverificationOutcome,
  type ReverificationReason,
} from './reasons'

export const REVERIFICATION_OUTCOME_KINDS = ['continued', 'ended', 'pending'] as const
export type ReverificationOutcomeKind = (typeof REVERIFICATION_OUTCOME_KINDS)[number]

/** At most this many decisions on one record (a few per year for decades). */
export const MAX_REVERIFICATION_DECISIONS = 60
export const MAX_DECISION_NOTE_LENGTH = 300

export interface ReverificationDecision {
  /** The budget year being prepared. */
  year: number
  outcome: ReverificationOutcomeKind
  /** With `ended` only. */
  endReason?: ReverificationEndReason
  /** Why the person was proposed when the decision was made (keeps them proposed: proposal.ts). */
  reasons: ReverificationReason[]
  /** What the office found: a phone call, a visit, a letter. */
  note?: string
  decidedBy: string
  decidedRole: Role
  /** ISO instant. */
  decidedAt: string
}

/** The JSON schema of the field, shared by the store and the wire. */
export const reverificationJsonSchema = {
  type: 'array',
  maxItems: MAX_REVERIFICATION_DECISIONS,
  items: {
    type: 'object',
    properties: {
      year: { type: 'integer', minimum: 2000, maximum: 2100, multipleOf: 1 },
      outcome: { type: 'string', enum: [...REVERIFICATION_OUTCOME_KINDS], maxLength: 10 },
      endReason: { type: 'string', maxLength: 20 },
      reasons: {
        type: 'array',
        maxItems: REVERIFICATION_REASONS.length,
        items: { type: 'string', enum: [...REVERIFICATION_REASONS], maxLength: 20 },
      },
      note: { type: 'string', maxLength: MAX_DECISION_NOTE_LENGTH },
      decidedBy: { type: 'string', maxLength: 120 },
      decidedRole: { type: 'string', maxLength: 20 },
      decidedAt: { type: 'string', maxLength: 30 },
    },
    required: ['year', 'outcome', 'reasons', 'decidedBy', 'decidedRole', 'decidedAt'],
    additionalProperties: false,
  },
} as const

export interface DecisionFields {
  id: string
  kecamatanCode: string
  reverification?: readonly ReverificationDecision[]
  /** A tombstone (sync): nobody re-checks a deleted record. */
  deleted?: boolean
}

/**
 * The decision that counts for `year`: the one made last (by `decidedAt`; of two at the same
 * moment, the later in the list). Two offices deciding while apart both keep their entry (merge.ts),
 * and the later decision is the office's final word.
 */
export function latestDecisionOf(
  doc: Pick<DecisionFields, 'reverification'>,
  year: number,
): ReverificationDecision | undefined {
  let latest: ReverificationDecision | undefined
  let latestMs = -Infinity
  for (const decision of doc.reverification ?? []) {
    if (decision.year !== year) continue
    const ms = Date.parse(decision.decidedAt)
    const at = Number.isFinite(ms) ? ms : -Infinity
    if (!latest || at >= latestMs) {
      latest = decision
      latestMs = at
    }
  }
  return latest
}

export function outcomeOfDecision(decision: ReverificationDecision): ReverificationOutcome {
  if (decision.outcome === 'ended') {
    return { kind: 'ended', reason: decision.endReason ?? 'pindah' }
  }
  return { kind: decision.outcome }
}

/**
 * The outcomes of `year` as proposal.ts's `decreeList` reads them (one per person with a
 * decision), and the reasons each was proposed for (its `recordedReasons`).
 */
export function recordedOfYear(
  docs: readonly Pick<DecisionFields, 'id' | 'reverification'>[],
  year: number,
): {
  outcomes: RecordedOutcome[]
  recordedReasons: Map<string, readonly ReverificationReason[]>
} {
  const outcomes: RecordedOutcome[] = []
  const recordedReasons = new Map<string, readonly ReverificationReason[]>()
  for (const doc of docs) {
    const decision = latestDecisionOf(doc, year)
    if (!decision) continue
    outcomes.push({ participantId: doc.id, outcome: outcomeOfDecision(decision) })
    recordedReasons.set(doc.id, decision.reasons)
  }
  return { outcomes, recordedReasons }
}

export type DecisionProblem =
  | 'DECISION_INVALID'
  | 'DECISION_REWRITTEN'
  | 'DECISION_ROLE_FORBIDDEN'
  | 'DECISION_NOT_YOUR_KECAMATAN'
  | 'DECISION_VERIFIER_CONTINUES'

/** Builds the decision an office records; throws on a malformed one (a programming error). */
export function newDecision(input: {
  year: number
  outcome: ReverificationOutcome
  reasons: readonly ReverificationReason[]
  note?: string
  decidedBy: string
  decidedRole: Role
  decidedAt: string
}): ReverificationDecision {
  const note = input.note?.trim()
  const decision: ReverificationDecision = {
    year: input.year,
    outcome: input.outcome.kind,
    ...(input.outcome.kind === 'ended' ? { endReason: input.outcome.reason } : {}),
    reasons: REVERIFICATION_REASONS.filter((reason) => input.reasons.includes(reason)),
    ...(note ? { note: note.slice(0, MAX_DECISION_NOTE_LENGTH) } : {}),
    decidedBy: input.decidedBy,
    decidedRole: input.decidedRole,
    decidedAt: input.decidedAt,
  }
  if (!isWellFormed(decision)) throw new RangeError('A re-verification decision is malformed')
  return decision
}

const ROLES_DECIDING: readonly Role[] = ['operator', 'verifier', 'supervisor']
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/

function isWellFormed(value: unknown): value is ReverificationDecision {
  if (typeof value !== 'object' || value === null) return false
  const decision = value as Partial<ReverificationDecision>
  const keys = Object.keys(decision)
  const known = [
    'year',
    'outcome',
    'endReason',
    'reasons',
    'note',
    'decidedBy',
    'decidedRole',
    'decidedAt',
  ]
  if (keys.some((key) => !known.includes(key))) return false
  if (!Number.isInteger(decision.year) || decision.year! < 2000 || decision.year! > 2100) {
    return false
  }
  if (!(REVERIFICATION_OUTCOME_KINDS as readonly unknown[]).includes(decision.outcome)) return false
  if (decision.outcome === 'ended') {
    if (!isReverificationEndReason(decision.endReason)) return false
  } else if (decision.endReason !== undefined) {
    return false
  }
  if (
    !Array.isArray(decision.reasons) ||
    decision.reasons.some(
      (reason) => !(REVERIFICATION_REASONS as readonly unknown[]).includes(reason),
    ) ||
    new Set(decision.reasons).size !== decision.reasons.length
  ) {
    return false
  }
  if (
    decision.note !== undefined &&
    (typeof decision.note !== 'string' || decision.note.length > MAX_DECISION_NOTE_LENGTH)
  ) {
    return false
  }
  if (typeof decision.decidedBy !== 'string' || decision.decidedBy.trim() === '') return false
  if (!ROLES_DECIDING.includes(decision.decidedRole as Role)) return false
  // Shaped like an instant is not enough: '2026-13-45T99:99:99Z' passes the pattern, yet
  // Date.parse gives NaN, and latestDecisionOf would rank it below every decision of its year.
  return (
    typeof decision.decidedAt === 'string' &&
    ISO_INSTANT.test(decision.decidedAt) &&
    Number.isFinite(Date.parse(decision.decidedAt))
  )
}

/** Who decides: the push's role and the office whose jurisdiction applies. */
export interface DecisionActor {
  role: Role
  office: { kind: OfficeKind; kecamatanCode: string | null }
}

/** Null when `actor` may decide for a person recorded in `kecamatanCode`; else why not. */
export function canDecide(actor: DecisionActor, kecamatanCode: string): DecisionProblem | null {
  if (!ROLES_DECIDING.includes(actor.role)) return 'DECISION_ROLE_FORBIDDEN'
  if (actor.role === 'supervisor' || actor.role === 'verifier') return null
  if (actor.office.kind !== 'kecamatan' || !actor.office.kecamatanCode) {
    return 'DECISION_NOT_YOUR_KECAMATAN'
  }
  return actor.office.kecamatanCode === kecamatanCode ? null : 'DECISION_NOT_YOUR_KECAMATAN'
}

/**
 * The outcomes a role may record. An agency verifier reports what the agency found — the person
 * died, moved, has an employer, or needs more checking — so ended or pending; continuing someone's
 * coverage is the kecamatan office's or a supervisor's call.
 */
export function outcomesFor(role: Role): readonly ReverificationOutcomeKind[] {
  return role === 'verifier' ? ['ended', 'pending'] : REVERIFICATION_OUTCOME_KINDS
}

/**
 * Null when the change to `reverification` between `stored` (undefined: a new record) and `next`
 * is one `actor` may make; otherwise the problem. Who `decidedBy` names is attribution.ts's check.
 */
export function reverificationProblemOfPush(
  stored: DecisionFields | undefined,
  next: DecisionFields,
  actor: DecisionActor,
): DecisionProblem | null {
  const before = stored?.reverification ?? []
  const after: readonly unknown[] = Array.isArray(next.reverification)
    ? next.reverification
    : next.reverification === undefined
      ? []
      : [null]
  if (after.length < before.length) return 'DECISION_REWRITTEN'
  for (let index = 0; index < before.length; index++) {
    if (!sameJson(before[index], after[index])) return 'DECISION_REWRITTEN'
  }
  const added = after.slice(before.length)
  if (added.length === 0) return null
  if (after.length > MAX_REVERIFICATION_DECISIONS || next.deleted === true) {
    return 'DECISION_INVALID'
  }
  // Whose reach: the kecamatan the server holds the person in (a new record's own: an existing
  // member imported on a district PC may be decided before its first push).
  const kecamatanCode = stored?.kecamatanCode ?? next.kecamatanCode
  // The one who pushes must be able to decide too: an admin or a central clerk cannot record a
  // decision by naming their office's supervisor.
  const pusher = canDecide(actor, kecamatanCode)
  if (pusher) return pusher
  for (const decision of added) {
    if (!isWellFormed(decision)) return 'DECISION_INVALID'
    // And in the role the decision states (a shared office PC pushes its morning clerk's work in
    // the afternoon's session); attribution.ts checks that someone of this PC holds that role.
    const forbidden = canDecide({ role: decision.decidedRole, office: actor.office }, kecamatanCode)
    if (forbidden) return forbidden
    if (!outcomesFor(decision.decidedRole).includes(decision.outcome)) {
      return 'DECISION_VERIFIER_CONTINUES'
    }
  }
  return null
}
