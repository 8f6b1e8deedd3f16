/**
 * The verification workflow: who may move a candidate where. One pure table, used by the screens
 * (to offer only what is allowed, and explain why not), by the local store (before writing) and
 * by the server (to refuse a push that does anything else, whatever the client claims).
 *
 *   draft ──submit──▶ submitted ──(every required agency confirms)──approve──▶ approved
 *     ▲                  │   each agency: pending → confirmed | rejected (reason)
 *     └── returned ◀─────┘ return (supervisor, with the reasons)
 *
 * `enrolled`, `active` and `ended` follow once BPJS answers (enrolment batches).
 */
import type { ParticipantStatus } from '../participant/participant-status'
import type { Role } from '../sync/roles'
import { sameJson } from '../sync/canonical-json'
import { workflowMessage } from './workflow-messages'

export type CheckState = 'pending' | 'confirmed' | 'rejected'
export const CHECK_STATES: readonly CheckState[] = ['pending', 'confirmed', 'rejected']

/** One agency's check of one candidate. */
export interface AgencyCheck {
  agency: string
  state: CheckState
  /** A configured rejection reason; set with `rejected`. */
  reasonCode?: string
  /** Free text from the verifier (required for reason 'lainnya'). */
  note?: string
  decidedBy?: string
  decidedRole?: Role
  decidedAt?: string
}

/**
 * Where an agency has nobody using Naungan yet, its decision arrives on paper and a supervisor
 * records it on the agency's behalf: the check then names the supervisor (decidedRole
 * 'supervisor' or 'admin') and its note must cite the agency's letter (number and date), so the
 * audit shows whose decision it was and where it is written down.
 */
export const MIN_LETTER_REFERENCE_LENGTH = 6

export function isDecidedOnBehalf(check: Pick<AgencyCheck, 'state' | 'decidedRole'>): boolean {
  return (
    check.state !== 'pending' && check.decidedRole !== undefined && check.decidedRole !== 'verifier'
  )
}

/** The supervisor's latest decision on a candidate, with the words the clerk will read. */
export interface ReviewDecision {
  decision: 'approved' | 'returned'
  note: string
  by: string
  at: string
}

/** Who is acting: their role and, for a verifier, the agency their office belongs to. */
export interface Actor {
  role: Role
  agency: string | null
  name: string
}

export type WorkflowAction =
  /** Change the candidate's data (identity, address, occupation, heir…). */
  | { kind: 'edit-data' }
  | { kind: 'submit' }
  | { kind: 'decide-check'; agency: string; state: CheckState }
  | { kind: 'approve' }
  | { kind: 'return' }
  /**
   * BPJS enrolment: sending an approved person in a batch, recording the KPJ number and coverage
   * from BPJS's answer, renewing, ending coverage (approved/enrolled/active → enrolled/active/ended).
   */
  | { kind: 'manage-coverage' }
  /**
   * Delete the record (a tombstone that every PC then drops). Only a record that never left the
   * registration desk: anything submitted or later was seen by agencies, and is returned or
   * ended, never deleted (docs/workflow.md, "Deleting and restoring").
   */
  | { kind: 'delete' }
  /** Bring a deleted record back (a tombstone pushed as live again). */
  | { kind: 'restore' }
  /** Report the person's death (shared/participant/death.ts): coverage ends, status ended. */
  | { kind: 'report-death' }
  /** Withdraw a wrongly reported death, with a reason: the record comes back as it was. */
  | { kind: 'correct-death' }

export const WORKFLOW_ACTION_KINDS = [
  'edit-data',
  'submit',
  'decide-check',
  'approve',
  'return',
  'manage-coverage',
  'delete',
  'restore',
  'report-death',
  'correct-death',
] as const

export type WorkflowRefusal =
  | 'VERIFIER_CANNOT_EDIT_DATA'
  | 'DATA_LOCKED_AFTER_APPROVAL'
  | 'VERIFIER_CANNOT_SUBMIT'
  | 'NOT_SUBMITTABLE'
  | 'CLERK_CANNOT_DECIDE_CHECK'
  | 'NOT_YOUR_AGENCY'
  | 'AGENCY_NOT_REQUIRED'
  | 'NOT_UNDER_VERIFICATION'
  | 'ONLY_SUPERVISOR_DECIDES'
  | 'CHECKS_INCOMPLETE'
  | 'NOT_UNDER_REVIEW'
  | 'NOT_APPROVED_YET'
  | 'VERIFIER_CANNOT_DELETE'
  | 'ONLY_DRAFTS_DELETED'
  | 'NOT_YOUR_OFFICE_RECORD'
  | 'VERIFIER_CANNOT_RESTORE'
  | 'VERIFIER_CANNOT_REPORT_DEATH'
  | 'ALREADY_DECEASED'
  | 'ONLY_SUPERVISOR_CORRECTS_DEATH'
  | 'DEATH_NOT_REPORTED'

export type WorkflowVerdict =
  { allowed: true } | { allowed: false; code: WorkflowRefusal; message: { id: string; en: string } }

const refuse = (code: WorkflowRefusal): WorkflowVerdict => ({
  allowed: false,
  code,
  // A refusal code without words does not compile: `WorkflowRefusal` must be a message key.
  message: workflowMessage(code),
})
const ALLOWED: WorkflowVerdict = { allowed: true }

const isSupervisor = (role: Role) => role === 'supervisor' || role === 'admin'

/** Statuses in which a clerk may still correct the data (verification continues meanwhile). */
const CLERK_EDITABLE: readonly ParticipantStatus[] = ['draft', 'submitted', 'returned']

/**
 * May `actor` do `action` to a record in this state? Pure: the same answer on every PC and on the
 * server. `checks` are the record's current checks (the agencies it needs).
 */
export function canPerform(
  actor: Pick<Actor, 'role' | 'agency'> & { officeCode?: string | null },
  record: {
    status: ParticipantStatus
    checks: readonly AgencyCheck[]
    officeCode?: string
    /** Whether a death report that counts is on the record (death.ts `isDeceased`). */
    isDeceased?: boolean
  },
  action: WorkflowAction,
): WorkflowVerdict {
  const { role } = actor
  // A clerk's "own" record is one their office registered; without both codes it is not proven.
  const isOwnOffice =
    typeof actor.officeCode === 'string' &&
    actor.officeCode !== '' &&
    record.officeCode === actor.officeCode
  switch (action.kind) {
    case 'delete':
      if (role === 'verifier') return refuse('VERIFIER_CANNOT_DELETE')
      if (record.status !== 'draft') return refuse('ONLY_DRAFTS_DELETED')
      if (role === 'operator' && !isOwnOffice) return refuse('NOT_YOUR_OFFICE_RECORD')
      return ALLOWED
    case 'restore':
      if (role === 'verifier') return refuse('VERIFIER_CANNOT_RESTORE')
      // Supervisors may undo any deletion (also one made before these rules); clerks only their
      // own office's drafts, the only records they could delete.
      if (isSupervisor(role)) return ALLOWED
      if (record.status !== 'draft') return refuse('ONLY_DRAFTS_DELETED')
      return isOwnOffice ? ALLOWED : refuse('NOT_YOUR_OFFICE_RECORD')
    case 'edit-data':
      if (role === 'verifier') return refuse('VERIFIER_CANNOT_EDIT_DATA')
      if (isSupervisor(role)) return ALLOWED
      return CLERK_EDITABLE.includes(record.status) ? ALLOWED : refuse('DATA_LOCKED_AFTER_APPROVAL')
    case 'submit':
      if (role === 'verifier') return refuse('VERIFIER_CANNOT_SUBMIT')
      return record.status === 'draft' || record.status === 'returned'
        ? ALLOWED
        : refuse('NOT_SUBMITTABLE')
    case 'decide-check':
      if (role === 'operator') return refuse('CLERK_CANNOT_DECIDE_CHECK')
      if (role === 'verifier' && actor.agency !== action.agency) return refuse('NOT_YOUR_AGENCY')
      if (record.status !== 'submitted') return refuse('NOT_UNDER_VERIFICATION')
      if (!record.checks.some((check) => check.agency === action.agency)) {
        return refuse('AGENCY_NOT_REQUIRED')
      }
      return ALLOWED
    case 'approve':
      if (!isSupervisor(role)) return refuse('ONLY_SUPERVISOR_DECIDES')
      if (record.status !== 'submitted') return refuse('NOT_UNDER_REVIEW')
      return record.checks.length > 0 && record.checks.every((check) => check.state === 'confirmed')
        ? ALLOWED
        : refuse('CHECKS_INCOMPLETE')
    case 'return':
      if (!isSupervisor(role)) return refuse('ONLY_SUPERVISOR_DECIDES')
      return record.status === 'submitted' || record.status === 'approved'
        ? ALLOWED
        : refuse('NOT_UNDER_REVIEW')
    case 'manage-coverage':
      if (!isSupervisor(role)) return refuse('ONLY_SUPERVISOR_DECIDES')
      // Coverage of someone reported dead is the death report's: withdrawn, not edited around.
      if (record.isDeceased) return refuse('ALREADY_DECEASED')
      return COVERAGE_STATUSES.includes(record.status) ? ALLOWED : refuse('NOT_APPROVED_YET')
    // A death is reported wherever the family, the desa or Dukcapil brings it: any clerk or
    // supervisor of an office that holds the record (the server's jurisdiction check decides
    // which records those are), whatever the record's status.
    case 'report-death':
      if (role === 'verifier') return refuse('VERIFIER_CANNOT_REPORT_DEATH')
      return record.isDeceased ? refuse('ALREADY_DECEASED') : ALLOWED
    case 'correct-death':
      if (!isSupervisor(role)) return refuse('ONLY_SUPERVISOR_CORRECTS_DEATH')
      return record.isDeceased ? ALLOWED : refuse('DEATH_NOT_REPORTED')
  }
}

/** Statuses in which BPJS coverage is managed (sent, answered, renewed, ended). */
const COVERAGE_STATUSES: readonly ParticipantStatus[] = ['approved', 'enrolled', 'active', 'ended']

/** Status moves that belong to BPJS enrolment, not to verification. */
const COVERAGE_MOVES = new Set([
  'approved>enrolled',
  'approved>active',
  'enrolled>active',
  'enrolled>ended',
  'active>ended',
])

// ---------------------------------------------------------------------------------------------
// Applying an allowed action: the new values of the workflow fields.

export interface WorkflowFields {
  status: ParticipantStatus
  checks: AgencyCheck[]
  review?: ReviewDecision
}

/**
 * Submitting (again): every required agency gets a pending check, except agencies that already
 * confirmed this candidate — a returned record keeps the confirmations it earned, and only the
 * rejected or missing checks are asked again.
 */
export function submitted(
  current: WorkflowFields,
  requiredAgencies: readonly string[],
): WorkflowFields {
  const previous = new Map(current.checks.map((check) => [check.agency, check]))
  return {
    ...current,
    status: 'submitted',
    checks: requiredAgencies.map((agency) => {
      const earlier = previous.get(agency)
      return earlier?.state === 'confirmed' ? earlier : { agency, state: 'pending' as const }
    }),
  }
}

export function withCheckDecision(
  current: WorkflowFields,
  decision: {
    agency: string
    state: CheckState
    reasonCode?: string
    note?: string
    actor: Actor
    at: string
  },
): WorkflowFields {
  return {
    ...current,
    checks: current.checks.map((check) => {
      if (check.agency !== decision.agency) return check
      if (decision.state === 'pending') return { agency: check.agency, state: 'pending' as const }
      return {
        agency: check.agency,
        state: decision.state,
        ...(decision.state === 'rejected' && decision.reasonCode
          ? { reasonCode: decision.reasonCode }
          : {}),
        ...(decision.note?.trim() ? { note: decision.note.trim().slice(0, 300) } : {}),
        decidedBy: decision.actor.name,
        decidedRole: decision.actor.role,
        decidedAt: decision.at,
      }
    }),
  }
}

export function reviewed(current: WorkflowFields, decision: ReviewDecision): WorkflowFields {
  return {
    ...current,
    status: decision.decision === 'approved' ? 'approved' : 'returned',
    review: { ...decision, note: decision.note.trim().slice(0, 500) },
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a change: which actions turn `before` into `after` (the server's check of a push).

export type WorkflowChange =
  { ok: true; actions: WorkflowAction[] } | { ok: false; message: { id: string; en: string } }

const checkKey = (check: AgencyCheck | undefined) =>
  check === undefined
    ? ''
    : JSON.stringify([
        check.state,
        check.reasonCode ?? '',
        check.note ?? '',
        check.decidedBy ?? '',
        check.decidedRole ?? '',
        check.decidedAt ?? '',
      ])

const ILLEGAL_TRANSITION = workflowMessage('ILLEGAL_TRANSITION')

/**
 * The workflow actions a change amounts to. `dataChanged` says whether any personal-data field
 * differs (the caller knows which fields those are). Status moves outside the diagram, or check
 * changes that ride along with the wrong status move, are refused outright.
 */
export function actionsBetween(
  before: WorkflowFields,
  after: WorkflowFields,
  dataChanged: boolean,
  coverageChanged = false,
): WorkflowChange {
  const actions: WorkflowAction[] = []
  if (dataChanged) actions.push({ kind: 'edit-data' })
  if (coverageChanged) actions.push({ kind: 'manage-coverage' })
  // Compared as canonical JSON: the server's jsonb hands keys back in its own order.
  const reviewChanged = !sameJson(before.review ?? null, after.review ?? null)

  if (before.status !== after.status) {
    const move = `${before.status}>${after.status}`
    if (move === 'draft>submitted' || move === 'returned>submitted') {
      // The checks of a submission are all pending, or confirmations carried over unchanged.
      const earlier = new Map(before.checks.map((check) => [check.agency, check]))
      const fresh = after.checks.every(
        (check) =>
          (check.state === 'pending' && check.reasonCode === undefined) ||
          (check.state === 'confirmed' && checkKey(earlier.get(check.agency)) === checkKey(check)),
      )
      if (!fresh || reviewChanged) return { ok: false, message: ILLEGAL_TRANSITION }
      return { ok: true, actions: [...actions, { kind: 'submit' }] }
    }
    const sameChecks = sameJson(before.checks, after.checks)
    if (move === 'submitted>approved' && sameChecks && after.review?.decision === 'approved') {
      return { ok: true, actions: [...actions, { kind: 'approve' }] }
    }
    if (
      (move === 'submitted>returned' || move === 'approved>returned') &&
      sameChecks &&
      after.review?.decision === 'returned'
    ) {
      return { ok: true, actions: [...actions, { kind: 'return' }] }
    }
    if (COVERAGE_MOVES.has(move) && sameChecks && !reviewChanged) {
      const withCoverage: WorkflowAction[] = coverageChanged
        ? actions
        : [...actions, { kind: 'manage-coverage' }]
      return { ok: true, actions: withCoverage }
    }
    return { ok: false, message: ILLEGAL_TRANSITION }
  }

  if (reviewChanged) return { ok: false, message: ILLEGAL_TRANSITION }
  const beforeChecks = new Map(before.checks.map((check) => [check.agency, check]))
  const afterAgencies = after.checks.map((check) => check.agency).join(',')
  if (afterAgencies !== before.checks.map((check) => check.agency).join(',')) {
    return { ok: false, message: ILLEGAL_TRANSITION }
  }
  for (const check of after.checks) {
    if (checkKey(beforeChecks.get(check.agency)) !== checkKey(check)) {
      actions.push({ kind: 'decide-check', agency: check.agency, state: check.state })
    }
  }
  return { ok: true, actions }
}
