/**
 * Recording a re-verification decision in the local store: appended to the record as it is now
 * (`incrementalModify`, so a sync landing meanwhile is never overwritten), written with a history
 * entry and marked for sync, offline too. The server judges the same decision again
 * (shared/reverification/reverification-decision.ts `reverificationProblemOfPush`).
 */
import { currentTime } from '@shared/dates/clock'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import type { ReverificationOutcome, ReverificationReason } from '@shared/reverification/proposal'
import { reverificationOutcomeLabel } from '@shared/reverification/proposal-messages'
import {
  canDecide,
  latestDecisionOf,
  MAX_REVERIFICATION_DECISIONS,
  newDecision,
  outcomeOfDecision,
  type DecisionProblem,
} from '@shared/reverification/reverification-decision'
import type { ActingUser } from '@/core/acting-user'
import type { NaunganStore } from '@/core/store/database'
import { markLocalWrites } from '@/core/store/sync-state-repository'
import { recordWorkflowHistory } from '@/workflow/workflow-history'

export type DecisionOutcome =
  | { ok: true; participant: ParticipantDocument }
  | { ok: false; reason: 'NOT_FOUND' | 'TOO_MANY' }
  | { ok: false; reason: 'REFUSED'; problem: DecisionProblem }

/**
 * Records `outcome` for `year` on the participant. `office` is the PC's reach: a kecamatan office
 * decides for its kecamatan's people (the server refuses others).
 */
export async function recordDecision(
  store: NaunganStore,
  id: string,
  decision: {
    year: number
    outcome: ReverificationOutcome
    reasons: readonly ReverificationReason[]
    note?: string
  },
  actor: ActingUser,
  office: { kind: 'kecamatan' | 'agency' | 'central'; kecamatanCode: string | null },
): Promise<DecisionOutcome> {
  const doc = await store.db.participants.findOne(id).exec()
  if (!doc) return { ok: false, reason: 'NOT_FOUND' }
  const at = currentTime().toISOString()
  let failure: DecisionOutcome | null = null
  let before: ParticipantDocument | null = null
  const updated = await doc.incrementalModify((current) => {
    failure = null
    before = null
    const refused = canDecide({ role: actor.role, office }, current.kecamatanCode)
    if (refused) {
      failure = { ok: false, reason: 'REFUSED', problem: refused }
      return current
    }
    const decisions = current.reverification ?? []
    if (decisions.length >= MAX_REVERIFICATION_DECISIONS) {
      failure = { ok: false, reason: 'TOO_MANY' }
      return current
    }
    before = current
    return {
      ...current,
      reverification: [
        ...decisions,
        newDecision({
          ...decision,
          decidedBy: actor.name,
          decidedRole: actor.role,
          decidedAt: at,
        }),
      ],
      updatedAt: at,
      updatedBy: actor.name,
    }
  })
  if (failure) return failure
  const participant = updated.toMutableJSON()
  if (before) {
    const previous = latestDecisionOf(before, decision.year)
    const describe = (entry: typeof previous) =>
      entry
        ? `${decision.year}: ${reverificationOutcomeLabel('id', outcomeOfDecision(entry))}${
            entry.note ? ` — ${entry.note}` : ''
          }`
        : ''
    await recordWorkflowHistory(store, {
      participant,
      kind: 'review',
      changes: [
        {
          field: 'reverification',
          from: describe(previous),
          to: describe(latestDecisionOf(participant, decision.year)),
        },
      ],
      at,
      actor,
    })
    await markLocalWrites(store, [participant])
  }
  return { ok: true, participant }
}
