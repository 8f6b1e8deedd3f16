/**
 * Claim cases on a participant's record (shared/claims/claim-case.ts has the rules): each change
 * decided on the record as it is now (`incrementalModify`), checked against who may make it
 * (`canHandleClaim`), written with a history entry and marked for sync. The server checks the
 * same rules on the push (shared/claims/claim-push.ts).
 */
import {
  actionOfMove,
  canHandleClaim,
  claimStatusOf,
  type ClaimAction,
  type ClaimActor,
  type ClaimCase,
  type ClaimResult,
  type ClaimVerdict,
} from '@shared/claims/claim-case'
import type { ClaimProblem } from '@shared/claims/claim-messages'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { currentTime } from '@shared/dates/clock'
import type { ActingUser } from '@/core/acting-user'
import type { NaunganStore } from '@/core/store/database'
import { markLocalWrites } from '@/core/store/sync-state-repository'
import { recordWorkflowHistory } from '@/workflow/workflow-history'

export type ClaimOutcome =
  | { ok: true; participant: ParticipantDocument; claim: ClaimCase }
  | { ok: false; reason: 'NOT_FOUND' }
  | { ok: false; reason: 'REFUSED'; verdict: Extract<ClaimVerdict, { allowed: false }> }
  | { ok: false; reason: 'PROBLEM'; problem: ClaimProblem }

const statusLine = (claim: ClaimCase | undefined) => {
  if (!claim) return ''
  const received = claim.documents.filter((entry) => entry.state === 'received').length
  return `${claim.kind.toUpperCase()} ${claimStatusOf(claim)} (${received}/${claim.documents.length} berkas)`
}

/**
 * Applies `change` to one claim of a record (or opens one when `claimId` is null): `change` gets
 * the claim as it is now (null when opening) and returns the claim after, or a problem.
 */
export async function changeClaim(
  store: NaunganStore,
  participantId: string,
  claimId: string | null,
  actor: ActingUser,
  claimActor: ClaimActor,
  change: (claim: ClaimCase | null, doc: ParticipantDocument) => ClaimResult,
): Promise<ClaimOutcome> {
  const doc = await store.db.participants.findOne(participantId).exec()
  if (!doc) return { ok: false, reason: 'NOT_FOUND' }
  const at = currentTime().toISOString()
  let failure: ClaimOutcome | null = null
  let before: ClaimCase | undefined
  let after: ClaimCase | null = null
  const updated = await doc.incrementalModify((current) => {
    failure = null
    after = null
    before = claimId === null ? undefined : current.claims?.find((entry) => entry.id === claimId)
    if (claimId !== null && !before) {
      failure = { ok: false, reason: 'NOT_FOUND' }
      return current
    }
    const result = change(before ?? null, current)
    if (!result.ok) {
      failure = { ok: false, reason: 'PROBLEM', problem: result.problem }
      return current
    }
    const actions: ClaimAction[] = []
    if (!before) actions.push('open')
    else {
      const appended = result.claim.history.slice(before.history.length)
      let previous = claimStatusOf(before)
      for (const step of appended) {
        actions.push(actionOfMove(previous, step.status))
        previous = step.status
      }
      if (appended.length === 0) actions.push('update')
    }
    for (const action of actions) {
      const verdict = canHandleClaim(claimActor, current.kecamatanCode, action)
      if (!verdict.allowed) {
        failure = { ok: false, reason: 'REFUSED', verdict }
        return current
      }
    }
    after = result.claim
    const claims = before
      ? (current.claims ?? []).map((entry) => (entry.id === result.claim.id ? result.claim : entry))
      : [...(current.claims ?? []), result.claim]
    return { ...current, claims, updatedAt: at, updatedBy: actor.name }
  })
  if (failure) return failure
  const claim = after as ClaimCase | null
  if (!claim) return { ok: false, reason: 'NOT_FOUND' }
  const participant = updated.toMutableJSON()
  await recordWorkflowHistory(store, {
    participant,
    kind: 'status',
    changes: [{ field: 'claims', from: statusLine(before), to: statusLine(claim) }],
    at,
    actor,
  })
  await markLocalWrites(store, [participant])
  return { ok: true, participant, claim }
}
