/**
 * Reporting and correcting a death in the local store (shared/participant/death.ts has the rules):
 * decided on the record as it is now (`incrementalModify`, so a sync landing meanwhile is never
 * overwritten), written with a history entry and marked for sync. The server recomputes the same
 * outcome and refuses any other (shared/workflow/workflow-push.ts).
 */
import {
  isDeceased,
  withDeathCorrected,
  withDeathReported,
  type DeathProblem,
} from '@shared/participant/death'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { canPerform, type WorkflowVerdict } from '@shared/workflow/workflow'
import { currentTime } from '@shared/dates/clock'
import type { ActingUser } from '@/core/acting-user'
import { districtDayOf } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { markLocalWrites } from '@/core/store/sync-state-repository'
import { recordWorkflowHistory } from '@/workflow/workflow-history'

export type DeathOutcome =
  | { ok: true; participant: ParticipantDocument }
  | { ok: false; reason: 'NOT_FOUND' }
  | { ok: false; reason: 'REFUSED'; verdict: Extract<WorkflowVerdict, { allowed: false }> }
  | { ok: false; reason: 'PROBLEM'; problem: DeathProblem }

const describeCoverage = (doc: ParticipantDocument) =>
  (doc.coverage ?? [])
    .map(
      (period) =>
        `${period.year}: ${period.from}${period.until ? `..${period.until}` : ''}${
          period.endReason ? ` (${period.endReason})` : ''
        }`,
    )
    .join('; ')

function changesOf(before: ParticipantDocument, after: ParticipantDocument) {
  const changes: { field: string; from: string; to: string }[] = []
  const add = (field: string, from: string, to: string) => {
    if (from !== to) changes.push({ field, from, to })
  }
  add('status', before.status, after.status)
  add('coverage', describeCoverage(before), describeCoverage(after))
  const deathOf = (doc: ParticipantDocument) =>
    doc.death
      ? `${doc.death.date} (${doc.death.source}: ${doc.death.reference})${
          doc.death.correction ? ` — dibatalkan: ${doc.death.correction.reason}` : ''
        }`
      : ''
  add('death', deathOf(before), deathOf(after))
  return changes
}

async function modify(
  store: NaunganStore,
  id: string,
  actor: ActingUser,
  action: 'report-death' | 'correct-death',
  step: (
    doc: ParticipantDocument,
    at: string,
  ) => { ok: true; doc: ParticipantDocument } | { ok: false; problem: DeathProblem },
): Promise<DeathOutcome> {
  const doc = await store.db.participants.findOne(id).exec()
  if (!doc) return { ok: false, reason: 'NOT_FOUND' }
  const now = currentTime()
  const at = now.toISOString()
  let failure: DeathOutcome | null = null
  let before: ParticipantDocument | null = null
  let after: ParticipantDocument | null = null
  const updated = await doc.incrementalModify((current) => {
    // May run again if the record changed under it: decide on the latest state.
    failure = null
    before = null
    after = null
    const verdict = canPerform(
      actor,
      { status: current.status, checks: current.checks, isDeceased: isDeceased(current) },
      { kind: action },
    )
    if (!verdict.allowed) {
      failure = { ok: false, reason: 'REFUSED', verdict }
      return current
    }
    const change = step(current, at)
    if (!change.ok) {
      failure = { ok: false, reason: 'PROBLEM', problem: change.problem }
      return current
    }
    before = current
    after = { ...change.doc, updatedAt: at, updatedBy: actor.name }
    return after
  })
  if (failure) return failure
  const participant = updated.toMutableJSON()
  if (before && after) {
    await recordWorkflowHistory(store, {
      participant,
      kind: 'status',
      changes: changesOf(before, after),
      at,
      actor,
    })
    await markLocalWrites(store, [participant])
  }
  return { ok: true, participant }
}

/** Records a death: coverage ends at the end of its month, the record ends. */
export function reportDeath(
  store: NaunganStore,
  id: string,
  report: { date: string; source: string; reference: string },
  actor: ActingUser,
): Promise<DeathOutcome> {
  return modify(store, id, actor, 'report-death', (doc, at) =>
    withDeathReported(
      doc,
      {
        ...report,
        reportedAt: at,
        reportedBy: actor.name,
        officeCode: actor.officeCode,
      },
      districtDayOf(new Date(at)),
    ),
  )
}

/** A supervisor withdraws a wrongly reported death: the record comes back as it was. */
export function correctDeath(
  store: NaunganStore,
  id: string,
  reason: string,
  actor: ActingUser,
): Promise<DeathOutcome> {
  return modify(store, id, actor, 'correct-death', (doc, at) =>
    withDeathCorrected(doc, { reason, by: actor.name, at }),
  )
}
