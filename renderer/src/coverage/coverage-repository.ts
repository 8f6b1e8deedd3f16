/**
 * BPJS enrolment in the local store: sending approved participants in a batch, applying BPJS's
 * answer, renewing for the next budget year and ending coverage. The rules are the pure ones in
 * shared/coverage; this file only reads and writes. As in workflow-repository.ts, every change is
 * decided on the record as it is now (`canPerform` inside `incrementalModify`, so a sync landing
 * meanwhile is never overwritten), written with a history entry and marked for sync. The server
 * applies the same `manage-coverage` rule to the push.
 *
 * The batch registry (which batches exist, their kode iuran and members) is a local document of
 * this PC: it is the list the supervisor exports from and answers against. Membership itself
 * travels with each record (`enrolmentBatchId`, `coverage[].batchId`), so other PCs see who was
 * sent and who is covered, but not the batch list.
 */
import { payerCodeOf } from '@shared/coverage/payers'
import { latestDecisionOf } from '@shared/reverification/reverification-decision'
import { COVERAGE_END_REASONS } from '@shared/participant/participant-status'
import type { CoverageProblem } from '@shared/coverage/coverage-messages'
import {
  endCoverage,
  renewalFor,
  sentInBatch,
  withEnrolment,
  type CoverageChange,
} from '@shared/coverage/coverage-status'
import {
  eligibleForBatch,
  validateBatch,
  type BatchEntryKind,
  type BatchPeriod,
  type EnrolmentBatch,
} from '@shared/coverage/enrolment-batch'
import {
  DEFAULT_BATCH_LAYOUT,
  validateLayout,
  type BatchLayout,
} from '@shared/coverage/batch-layout'
import type { AnswerRowOutcome } from '@shared/coverage/bpjs-answer'
import type {
  CoverageEndReason,
  CoveragePeriod,
  ParticipantDocument,
  ParticipantStatus,
} from '@shared/participant/participant-document'
import { canPerform, type WorkflowVerdict } from '@shared/workflow/workflow'
import { district } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { markLocalWrites } from '@/core/store/sync-state-repository'
import { recordWorkflowHistory } from '@/workflow/workflow-history'
import type { ActingUser } from '@/core/acting-user'
import { currentTime } from '@shared/dates/clock'

/** A batch as this PC keeps it: the shared batch fields, what it was, and when it was exported. */
export interface RecordedBatch extends EnrolmentBatch {
  kind: 'new' | 'renewal'
}

export type CoverageOutcome =
  | { id: string; ok: true; participant: ParticipantDocument; changed: boolean }
  | { id: string; ok: false; reason: 'NOT_FOUND' }
  | {
      id: string
      ok: false
      reason: 'REFUSED'
      verdict: Extract<WorkflowVerdict, { allowed: false }>
    }
  | { id: string; ok: false; reason: 'PROBLEM'; problem: CoverageProblem }

const BATCH_INDEX_DOC = 'enrolment-batches'
const LAYOUT_DOC = 'enrolment-layout'
const batchDocId = (id: string) => `enrolment-batch/${id}`
// As many as the server lists (server/enrolment-batches.ts), so fetching never evicts a batch.
const MAX_BATCHES_KEPT = 500

/** A batch id the shared rules accept: B20261124-1a2b3c4d. */
export function newBatchId(now: Date = currentTime()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '')
  const random = globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 8)
  return `B${day}-${random}`
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listByStatus(
  store: NaunganStore,
  statuses: readonly ParticipantStatus[],
): Promise<ParticipantDocument[]> {
  const docs = await store.db.participants
    .find({ selector: { status: { $in: [...statuses] } } })
    .exec()
  return docs
    .map((doc) => doc.toMutableJSON())
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'id'))
}

export interface BatchCandidate {
  participant: ParticipantDocument
  kind: BatchEntryKind
}

/** Approved participants who may go into a batch for `period` (new, or resent without a KPJ). */
export async function listBatchCandidates(
  store: NaunganStore,
  period: BatchPeriod,
): Promise<BatchCandidate[]> {
  const approved = await listByStatus(store, ['approved'])
  const candidates: BatchCandidate[] = []
  for (const participant of approved) {
    const verdict = eligibleForBatch(participant, period, district.config)
    if (verdict.ok) candidates.push({ participant, kind: verdict.kind })
  }
  return candidates
}

export async function getParticipants(
  store: NaunganStore,
  ids: readonly string[],
): Promise<ParticipantDocument[]> {
  const docs = await store.db.participants.findByIds([...ids]).exec()
  return ids.flatMap((id) => {
    const doc = docs.get(id)
    return doc ? [doc.toMutableJSON()] : []
  })
}

export async function loadBatch(store: NaunganStore, id: string): Promise<RecordedBatch | null> {
  const doc = await store.db.getLocal<RecordedBatch>(batchDocId(id))
  return doc ? ({ ...doc.toJSON().data } as RecordedBatch) : null
}

/** The batches known on this PC (recorded here or fetched from the server), newest first. */
export async function listBatches(store: NaunganStore): Promise<RecordedBatch[]> {
  const index = await store.db.getLocal<{ ids: string[] }>(BATCH_INDEX_DOC)
  const batches: RecordedBatch[] = []
  for (const id of index?.toJSON().data.ids ?? []) {
    const batch = await loadBatch(store, id)
    if (batch) batches.push(batch)
  }
  // Fetched batches arrive in any order; the list reads by when they were made.
  return batches.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

export async function saveBatch(store: NaunganStore, batch: RecordedBatch): Promise<void> {
  await store.db.upsertLocal(batchDocId(batch.id), batch)
  const index = await store.db.getLocal<{ ids: string[] }>(BATCH_INDEX_DOC)
  const ids = [batch.id, ...(index?.toJSON().data.ids ?? []).filter((id) => id !== batch.id)]
  await store.db.upsertLocal(BATCH_INDEX_DOC, { ids: ids.slice(0, MAX_BATCHES_KEPT) })
}

/** The column layout saved on this PC; the default when none was saved or it no longer passes. */
export async function loadLayout(store: NaunganStore): Promise<BatchLayout> {
  const doc = await store.db.getLocal<BatchLayout>(LAYOUT_DOC)
  if (!doc) return DEFAULT_BATCH_LAYOUT
  const checked = validateLayout(doc.toJSON().data)
  return checked.ok ? checked.layout : DEFAULT_BATCH_LAYOUT
}

export async function saveLayout(
  store: NaunganStore,
  layout: BatchLayout,
): Promise<CoverageProblem[]> {
  const checked = validateLayout(layout)
  if (!checked.ok) return checked.problems
  await store.db.upsertLocal(LAYOUT_DOC, checked.layout)
  return []
}

// ---------------------------------------------------------------------------------------------
// Writing

type CoverageStep = (doc: ParticipantDocument) => CoverageChange<ParticipantDocument>

const describePeriods = (periods: readonly CoveragePeriod[] | undefined) =>
  (periods ?? [])
    .map(
      (period) =>
        `${period.year}: ${period.from}${period.until ? `..${period.until}` : ''}${
          period.endReason ? ` (${period.endReason})` : ''
        } [${period.batchId}]`,
    )
    .join('; ')

function coverageChanges(before: ParticipantDocument, after: ParticipantDocument) {
  const changes: { field: string; from: string; to: string }[] = []
  const add = (field: string, from: string, to: string) => {
    if (from !== to) changes.push({ field, from, to })
  }
  add('status', before.status, after.status)
  add('kpjNumber', before.kpjNumber ?? '', after.kpjNumber ?? '')
  add('enrolmentBatchId', before.enrolmentBatchId ?? '', after.enrolmentBatchId ?? '')
  add('coverage', describePeriods(before.coverage), describePeriods(after.coverage))
  return changes
}

/**
 * Applies one coverage step to each record on its current state. Refusals (the role, the status,
 * or the coverage rules) are reported per record and nothing is written for them.
 */
async function applyCoverageSteps(
  store: NaunganStore,
  steps: readonly { id: string; step: CoverageStep }[],
  actor: ActingUser,
): Promise<CoverageOutcome[]> {
  const at = currentTime().toISOString()
  const outcomes: CoverageOutcome[] = []
  const written: ParticipantDocument[] = []
  const SLICE = 50
  for (let start = 0; start < steps.length; start += SLICE) {
    const slice = steps.slice(start, start + SLICE)
    const docs = await store.db.participants.findByIds(slice.map((entry) => entry.id)).exec()
    for (const { id, step } of slice) {
      const doc = docs.get(id)
      if (!doc) {
        outcomes.push({ id, ok: false, reason: 'NOT_FOUND' })
        continue
      }
      let failure: CoverageOutcome | null = null
      let before: ParticipantDocument | null = null
      let after: ParticipantDocument | null = null
      const updated = await doc.incrementalModify((current) => {
        // May run again if the record changed under it: decide on the latest state.
        failure = null
        before = null
        after = null
        const verdict = canPerform(
          actor,
          { status: current.status, checks: current.checks },
          { kind: 'manage-coverage' },
        )
        if (!verdict.allowed) {
          failure = { id, ok: false, reason: 'REFUSED', verdict }
          return current
        }
        const change = step(current)
        if (!change.ok) {
          failure = { id, ok: false, reason: 'PROBLEM', problem: change.problem }
          return current
        }
        if (!change.changed) return current
        before = current
        after = { ...change.doc, updatedAt: at, updatedBy: actor.name }
        return after
      })
      if (failure) {
        outcomes.push(failure)
        continue
      }
      const participant = updated.toMutableJSON()
      if (before && after) {
        written.push(participant)
        await recordWorkflowHistory(store, {
          participant,
          kind: 'status',
          changes: coverageChanges(before, after),
          at,
          actor,
        })
      }
      outcomes.push({ id, ok: true, participant, changed: before !== null })
    }
  }
  await markLocalWrites(store, written)
  return outcomes
}

/** A renewal's share of the year's re-verification. */
export interface RenewalReverification {
  /** Decided ended: coverage ends on 31 December with the decision's reason. */
  ended: string[]
  /** Of `ended`: already renewed for the year before the decision; that period is withdrawn. */
  withdrawn: string[]
  /** Decided pending, or ended for the DTSEN decile: not renewed (nor ended). */
  notRenewed: string[]
}

export type RecordBatchResult =
  | {
      ok: true
      batch: RecordedBatch
      outcomes: CoverageOutcome[]
      reverification?: RenewalReverification
    }
  | {
      ok: false
      problems: CoverageProblem[]
      outcomes: CoverageOutcome[]
      reverification?: RenewalReverification
    }

/**
 * Records a new batch: each member gets `enrolmentBatchId` (status stays approved: "sent to
 * BPJS"), and the batch is kept in this PC's registry with the members that were written.
 * Recording the same batch again (a second export) changes nothing.
 */
export async function recordBatch(
  store: NaunganStore,
  batch: EnrolmentBatch,
  actor: ActingUser,
): Promise<RecordBatchResult> {
  const problems = validateBatch(batch)
  if (problems.length > 0) return { ok: false, problems, outcomes: [] }
  const outcomes = await applyCoverageSteps(
    store,
    batch.memberIds.map((id) => ({
      id,
      step: (doc) => {
        if (doc.enrolmentBatchId === batch.id) return { ok: true, doc, changed: false }
        const verdict = eligibleForBatch(doc, batch.period, district.config)
        if (!verdict.ok) return verdict
        if (verdict.kind === 'renewal') {
          return { ok: false, problem: { code: 'NOT_APPROVED' } }
        }
        return { ok: true, doc: sentInBatch(doc, batch.id), changed: true }
      },
    })),
    actor,
  )
  const memberIds = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.id] : []))
  if (memberIds.length === 0) return { ok: false, problems: [{ code: 'BATCH_EMPTY' }], outcomes }
  const recorded: RecordedBatch = { ...batch, memberIds, kind: 'new' }
  await saveBatch(store, recorded)
  return { ok: true, batch: recorded, outcomes }
}

/**
 * The renewal batch: every active or enrolled participant covered to 31 December of the year
 * before `period.year` gets next year's period from 1 January (`renewalFor`). Those the rules
 * refuse (ended, over the age limit, coverage stopping early) are reported.
 *
 * It also carries out the year's re-verification (shared/reverification): a person the office
 * decided `ended` is not renewed and their coverage ends on 31 December with the decision's reason
 * (as `recordsAfterDecree` has it; a decile ending is not a reason a period holds, so such a
 * person is only not renewed), and a person decided `pending` is not renewed until decided. People
 * proposed but not yet decided are renewed: protection is never dropped for a check not yet done.
 */
export async function recordRenewalBatch(
  store: NaunganStore,
  fields: Omit<EnrolmentBatch, 'memberIds' | 'period'> & { year: number },
  actor: ActingUser,
): Promise<RecordBatchResult> {
  const { year, ...rest } = fields
  // One batch, one payer: a payer renews the people it pays for now (their latest period's
  // payer), so a renewal never moves someone to another budget.
  const payerCode = fields.payerCode ?? district.defaultPayer.code
  const candidates = (await listByStatus(store, ['active', 'enrolled'])).filter((doc) => {
    const latest = (doc.coverage ?? []).at(-1)
    return !latest || payerCodeOf(latest, district.defaultPayer.code) === payerCode
  })
  const decisionOf = (doc: Pick<ParticipantDocument, 'reverification'>) =>
    latestDecisionOf(doc, year)
  const renewedAlready = (doc: Pick<ParticipantDocument, 'coverage'>) =>
    (doc.coverage ?? []).some((period) => period.year === year)
  // Ended with a reason a period holds: coverage ends on 31 December. Ended for the DTSEN decile
  // (no such reason) or pending: simply not renewed — unless renewed already, which stands.
  const ending = candidates.filter((doc) => {
    const decision = decisionOf(doc)
    return decision?.outcome === 'ended' && isCoverageEndReason(decision.endReason)
  })
  const notRenewed = candidates.filter((doc) => {
    const decision = decisionOf(doc)
    return (
      !ending.includes(doc) &&
      (decision?.outcome === 'ended' || decision?.outcome === 'pending') &&
      !renewedAlready(doc)
    )
  })
  const held = new Set([...ending, ...notRenewed].map((doc) => doc.id))
  const batch: EnrolmentBatch = {
    ...rest,
    period: { year, fromMonth: 1 },
    memberIds: candidates
      .filter((doc) => !held.has(doc.id) && decisionOf(doc)?.outcome !== 'pending')
      .map((doc) => doc.id),
  }
  const problems = validateBatch(batch).filter((problem) => problem.code !== 'BATCH_EMPTY')
  if (problems.length > 0) return { ok: false, problems, outcomes: [] }
  const withdrawn: string[] = []
  const endOutcomes = await applyCoverageSteps(
    store,
    ending.map((doc) => ({
      id: doc.id,
      step: (current) => {
        const decision = latestDecisionOf(current, year)
        const reason = decision?.endReason
        if (decision?.outcome !== 'ended' || !isCoverageEndReason(reason)) {
          return { ok: true, doc: current, changed: false }
        }
        const ended = endCoverage(current, { until: `${year - 1}-12-31`, reason })
        if (!ended.ok) return ended
        // Renewed before the decision: that period goes (the office must tell BPJS).
        if (ended.cancelledPeriods.length > 0 && !withdrawn.includes(current.id)) {
          withdrawn.push(current.id)
        }
        return {
          ok: true,
          doc: ended.doc,
          changed: JSON.stringify(ended.doc) !== JSON.stringify(current),
        }
      },
    })),
    actor,
  )
  const endedIds = new Set(endOutcomes.flatMap((outcome) => (outcome.ok ? [outcome.id] : [])))
  const reverification: RenewalReverification = {
    ended: [...endedIds],
    withdrawn: withdrawn.filter((id) => endedIds.has(id)),
    notRenewed: notRenewed.map((doc) => doc.id),
  }
  const outcomes = await applyCoverageSteps(
    store,
    batch.memberIds.map((id) => ({
      id,
      step: (doc) =>
        (doc.coverage ?? []).some((period) => period.year === year && period.batchId === batch.id)
          ? { ok: true, doc, changed: false }
          : renewalFor(doc, year, batch.id, district.config, payerCode),
    })),
    actor,
  )
  const memberIds = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.id] : []))
  const allOutcomes = [...outcomes, ...endOutcomes.filter((outcome) => !outcome.ok)]
  if (memberIds.length === 0) {
    return { ok: false, problems: [{ code: 'BATCH_EMPTY' }], outcomes: allOutcomes, reverification }
  }
  const recorded: RecordedBatch = { ...batch, memberIds, kind: 'renewal' }
  await saveBatch(store, recorded)
  return { ok: true, batch: recorded, outcomes: allOutcomes, reverification }
}

/**
 * Applies the matched rows of BPJS's answer to one batch: KPJ (text), the coverage period of the
 * batch's year, status enrolled or active (`withEnrolment`). Applying the same answer again
 * changes nothing; rows the rules refuse are reported.
 */
export function applyAnswer(
  store: NaunganStore,
  batch: Pick<EnrolmentBatch, 'id' | 'period' | 'payerCode'>,
  rows: readonly AnswerRowOutcome[],
  today: string,
  actor: ActingUser,
): Promise<CoverageOutcome[]> {
  const matched = rows.flatMap((row) => (row.kind === 'matched' ? [row] : []))
  return applyCoverageSteps(
    store,
    matched.map((row) => ({
      id: row.participantId,
      step: (doc) =>
        withEnrolment(doc, {
          kpjNumber: row.kpjNumber,
          coverageStart: row.coverageStart,
          batchId: batch.id,
          year: batch.period.year,
          today,
          payerCode: batch.payerCode ?? district.defaultPayer.code,
        }),
    })),
    actor,
  )
}

/** Ends one participant's coverage: `until` is the last covered day. */
export async function endCoverageFor(
  store: NaunganStore,
  id: string,
  end: { until: string; reason: CoverageEndReason },
  actor: ActingUser,
): Promise<CoverageOutcome> {
  const [outcome] = await applyCoverageSteps(
    store,
    [
      {
        id,
        step: (doc) => {
          const result = endCoverage(doc, end)
          if (!result.ok) return result
          const changed = JSON.stringify(result.doc) !== JSON.stringify(doc)
          return { ok: true, doc: result.doc, changed }
        },
      },
    ],
    actor,
  )
  return outcome ?? { id, ok: false, reason: 'NOT_FOUND' }
}

function isCoverageEndReason(value: string | undefined): value is CoverageEndReason {
  return value !== undefined && (COVERAGE_END_REASONS as readonly string[]).includes(value)
}
