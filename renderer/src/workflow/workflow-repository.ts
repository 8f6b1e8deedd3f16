/**
 * Moving candidates through the verification workflow in the local store. Every function checks
 * the shared rules (`canPerform`) against the record as it is now — not as a screen last drew it —
 * writes with `incrementalModify`, so a sync landing meanwhile is never overwritten, and marks the
 * record for sync. The server applies the same rules to the push.
 */
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { requiredAgenciesFor } from '@shared/workflow/verification-config'
import {
  canPerform,
  reviewed,
  submitted,
  withCheckDecision,
  type CheckState,
  type WorkflowAction,
  type WorkflowFields,
  type WorkflowVerdict,
} from '@shared/workflow/workflow'
import { district } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import type { ActingUser } from '@/core/acting-user'
import { recordWorkflowHistory } from './workflow-history'
import { markLocalWrites } from '@/core/store/sync-state-repository'
import { currentTime } from '@shared/dates/clock'

export type WorkflowOutcome =
  | { id: string; ok: true; participant: ParticipantDocument }
  | { id: string; ok: false; reason: 'NOT_FOUND' }
  | {
      id: string
      ok: false
      reason: 'REFUSED'
      verdict: Extract<WorkflowVerdict, { allowed: false }>
    }

const fieldsOf = (doc: ParticipantDocument): WorkflowFields => ({
  status: doc.status,
  checks: doc.checks,
  ...(doc.review ? { review: doc.review } : {}),
})

/** What changed in the workflow fields, as history lines (field, from → to). */
function workflowChanges(before: ParticipantDocument, after: WorkflowFields) {
  const changes: { field: string; from: string; to: string }[] = []
  if (before.status !== after.status) {
    changes.push({ field: 'status', from: before.status, to: after.status })
  }
  const earlier = new Map(before.checks.map((check) => [check.agency, check]))
  for (const check of after.checks) {
    const previous = earlier.get(check.agency)
    const describe = (c: typeof check | undefined) =>
      c ? [c.state, c.reasonCode, c.note].filter(Boolean).join(' — ') : ''
    if (describe(previous) !== describe(check)) {
      changes.push({
        field: `checks.${check.agency}`,
        from: describe(previous),
        to: describe(check),
      })
    }
  }
  if (after.review && JSON.stringify(after.review) !== JSON.stringify(before.review ?? null)) {
    changes.push({
      field: 'review',
      from: '',
      to: `${after.review.decision}${after.review.note ? ` — ${after.review.note}` : ''}`,
    })
  }
  return changes
}

/**
 * Applies one workflow step to each record (a batch from a queue), each on its own current state.
 * Records the rules refuse are reported, not written; the others are written and synced.
 */
async function applyStep(
  store: NaunganStore,
  ids: readonly string[],
  actor: ActingUser,
  action: WorkflowAction,
  next: (fields: WorkflowFields, doc: ParticipantDocument, at: string) => WorkflowFields,
): Promise<WorkflowOutcome[]> {
  const at = currentTime().toISOString()
  const outcomes: WorkflowOutcome[] = []
  const written: ParticipantDocument[] = []
  const SLICE = 50
  for (let start = 0; start < ids.length; start += SLICE) {
    const slice = ids.slice(start, start + SLICE)
    const docs = await store.db.participants.findByIds([...slice]).exec()
    for (const id of slice) {
      const doc = docs.get(id)
      if (!doc) {
        outcomes.push({ id, ok: false, reason: 'NOT_FOUND' })
        continue
      }
      let refused: Extract<WorkflowVerdict, { allowed: false }> | null = null
      let before: ParticipantDocument | null = null
      let after: WorkflowFields | null = null
      const updated = await doc.incrementalModify((current) => {
        // May run again if the record changed under it: decide on the latest state.
        const verdict = canPerform(actor, fieldsOf(current), action)
        if (!verdict.allowed) {
          refused = verdict
          return current
        }
        refused = null
        before = current
        after = next(fieldsOf(current), current, at)
        const { review: _review, ...withoutReview } = current
        return {
          ...(after.review ? current : withoutReview),
          ...after,
          updatedAt: at,
          updatedBy: actor.name,
        }
      })
      if (refused) {
        outcomes.push({ id, ok: false, reason: 'REFUSED', verdict: refused })
        continue
      }
      const participant = updated.toMutableJSON()
      written.push(participant)
      outcomes.push({ id, ok: true, participant })
      if (before && after) {
        await recordWorkflowHistory(store, {
          participant,
          kind:
            action.kind === 'decide-check'
              ? 'check'
              : action.kind === 'submit'
                ? 'status'
                : 'review',
          changes: workflowChanges(before, after),
          at,
          actor,
        })
      }
    }
  }
  await markLocalWrites(store, written)
  return outcomes
}

/** Draft or returned → submitted: every agency the occupation needs is asked (again). */
export function submitParticipants(
  store: NaunganStore,
  ids: readonly string[],
  actor: ActingUser,
): Promise<WorkflowOutcome[]> {
  return applyStep(store, ids, actor, { kind: 'submit' }, (fields, doc) =>
    submitted(fields, requiredAgenciesFor(district.config.verification, doc.occupationCode)),
  )
}

export interface CheckDecision {
  agency: string
  state: CheckState
  reasonCode?: string
  note?: string
}

/** An agency's decision on each record (a verifier's batch confirm or reject). */
export function decideChecks(
  store: NaunganStore,
  ids: readonly string[],
  decision: CheckDecision,
  actor: ActingUser,
): Promise<WorkflowOutcome[]> {
  return applyStep(
    store,
    ids,
    actor,
    { kind: 'decide-check', agency: decision.agency, state: decision.state },
    (fields, _doc, at) =>
      withCheckDecision(fields, {
        agency: decision.agency,
        state: decision.state,
        ...(decision.reasonCode ? { reasonCode: decision.reasonCode } : {}),
        ...(decision.note ? { note: decision.note } : {}),
        actor,
        at,
      }),
  )
}

/** The supervisor approves (every agency confirmed) or returns with the reasons for the clerk. */
export function reviewParticipants(
  store: NaunganStore,
  ids: readonly string[],
  decision: { decision: 'approved' | 'returned'; note: string },
  actor: ActingUser,
): Promise<WorkflowOutcome[]> {
  return applyStep(
    store,
    ids,
    actor,
    { kind: decision.decision === 'approved' ? 'approve' : 'return' },
    (fields, _doc, at) => reviewed(fields, { ...decision, by: actor.name, at }),
  )
}
