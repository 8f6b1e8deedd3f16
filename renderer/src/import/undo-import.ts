/**
 * Rolling back (a failed or cancelled apply) and undoing (the clerk's "Urungkan impor") restore
 * the recorded values of exactly the records still carrying the batch's `at`; undo refuses,
 * listing them, when any record was changed since — it never writes over a later edit.
 */
import type { RxDocument } from 'rxdb'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { DELETED_FIELD } from '@shared/sync/merge'
import { canPerform, type Actor, type WorkflowVerdict } from '@shared/workflow/workflow'
import type { ActingUser } from '@/core/acting-user'
import type { NaunganStore } from '@/core/store/database'
import { markLocalWrites } from '@/core/store/sync-state-repository'
import { currentTime } from '@shared/dates/clock'
import {
  loadBatch,
  loadBatchEntries,
  saveBatch,
  withCheck,
  type BatchEntry,
  type ImportBatch,
} from './import-batches'
import { checkChange, writeImportHistory, type ImportPhase } from './import-history'
import {
  fulfilledDocuments,
  inSlices,
  READ_SLICE,
  sliced,
  writeSlicer,
  yieldToUi,
} from './write-slicing'

/**
 * What a rollback or undo will restore: entries and ids only. The documents are read again slice
 * by slice right before each write (holding 100,000 RxDB documents for the whole undo made the
 * browser's garbage collector stop the window for up to a second and a half).
 */
interface RevertPlan {
  updated: Extract<BatchEntry, { kind: 'updated' }>[]
  created: string[]
  /** Records the acting user may not revert, with the workflow's reason (undo only). */
  refused: { id: string; registrationNumber: string }[]
  refusal: Extract<WorkflowVerdict, { allowed: false }> | null
}

/**
 * What a revert has written so far, so a failure can put exactly that back. Removed drafts by id
 * only: their data stays in the store as deleted documents and is read back if needed (holding
 * 100,000 documents in memory made garbage collection stop the window for up to a second).
 */
interface RevertLog {
  reverted: Extract<BatchEntry, { kind: 'updated' }>[]
  removed: string[]
}

/** Record changed after the import, as the refusal lists it. */
export interface ChangedRecord {
  id: string
  registrationNumber: string
  fullName: string
  updatedAt: string
  updatedBy: string
}

async function readRevertPlan(
  store: NaunganStore,
  batch: ImportBatch,
  entries: readonly BatchEntry[],
  actor: Actor | null,
): Promise<{ plan: RevertPlan; changed: ChangedRecord[] }> {
  const plan: RevertPlan = { updated: [], created: [], refused: [], refusal: null }
  const changed: ChangedRecord[] = []
  for (const slice of sliced(entries, READ_SLICE)) {
    const docs = await store.db.participants.findByIds(slice.map((entry) => entry.id)).exec()
    for (const entry of slice) {
      const doc = docs.get(entry.id)?.toJSON() as ParticipantDocument | undefined
      // Gone (deleted meanwhile, or a draft whose slice never got written): nothing to restore.
      if (!doc) continue
      if (doc.updatedAt !== batch.at) {
        // Never written by an interrupted apply: older than the batch. Anything else is a later edit.
        if (batch.state === 'applying' && doc.updatedAt < batch.at) continue
        changed.push({
          id: doc.id,
          registrationNumber: doc.registrationNumber,
          fullName: doc.fullName,
          updatedAt: doc.updatedAt,
          updatedBy: doc.updatedBy,
        })
        continue
      }
      if (entry.kind === 'created') plan.created.push(entry.id)
      else plan.updated.push(entry)
      if (actor) {
        const verdict = canPerform(
          actor,
          doc,
          entry.kind === 'created'
            ? { kind: 'edit-data' }
            : { kind: 'decide-check', agency: entry.agency, state: entry.before.state },
        )
        if (!verdict.allowed) {
          plan.refusal ??= verdict
          plan.refused.push({ id: doc.id, registrationNumber: doc.registrationNumber })
        }
      }
    }
    await yieldToUi()
  }
  return { plan, changed }
}

/**
 * Restores the values before the import for every record the batch still owns, and deletes its
 * drafts, noting each write in `log`. Throws when a write fails or a record changed meanwhile.
 */
async function revert(
  store: NaunganStore,
  batch: ImportBatch,
  plan: RevertPlan,
  actor: ActingUser,
  at: string,
  log: RevertLog,
  onProgress: (done: number, total: number) => void,
  sliceSize?: number,
): Promise<void> {
  const total = plan.updated.length + plan.created.length
  let done = 0
  await inSlices(plan.updated, writeSlicer(sliceSize), undefined, async (slice) => {
    const docs = await store.db.participants.findByIds(slice.map((entry) => entry.id)).exec()
    const results = await Promise.allSettled(
      slice.map((entry) => {
        const doc = docs.get(entry.id)
        if (!doc) return Promise.reject(new Error('record gone'))
        return doc.incrementalModify((current) => {
          if (current.updatedAt !== batch.at) throw new Error('changed meanwhile')
          return withCheck(current, entry.agency, entry.before, at, actor.name)
        })
      }),
    )
    const saved = fulfilledDocuments(results)
    const entryOf = new Map(slice.map((entry) => [entry.id, entry]))
    for (const doc of saved) log.reverted.push(entryOf.get(doc.id) as (typeof slice)[number])
    await markLocalWrites(store, saved)
    await writeImportHistory(
      store,
      saved.map((doc) => {
        const entry = entryOf.get(doc.id) as (typeof slice)[number]
        return { participant: doc, changes: [checkChange(entry.agency, entry.after, entry.before)] }
      }),
      at,
      actor,
    )
    const failed = results.find((result) => result.status === 'rejected')
    if (failed) throw (failed as PromiseRejectedResult).reason
    done += slice.length
    onProgress(done, total)
  })
  await inSlices(plan.created, writeSlicer(sliceSize), undefined, async (slice) => {
    const found = await store.db.participants.findByIds(slice).exec()
    const docs = [...found.values()]
    if (docs.some((doc) => doc.updatedAt !== batch.at)) throw new Error('changed meanwhile')
    const before = docs.map((doc) => doc.toMutableJSON() as ParticipantDocument)
    // With the documents (not ids), RxDB removes each only if unchanged since it was read.
    const { error } = await store.db.participants.bulkRemove(docs)
    const failedIds = new Set(error.map((entry) => entry.documentId))
    const removed = before.filter((doc) => !failedIds.has(doc.id))
    for (const doc of removed) log.removed.push(doc.id)
    await markLocalWrites(
      store,
      removed.map((doc) => ({ ...doc, _deleted: true })),
    )
    await writeImportHistory(
      store,
      removed.map((doc) => ({
        participant: doc,
        changes: [{ field: DELETED_FIELD, from: 'false', to: 'true' }],
      })),
      at,
      actor,
    )
    if (error.length > 0) throw new Error(`${error.length} drafts could not be removed.`)
    done += slice.length
    onProgress(done, total)
  })
}

/** After a failed or cancelled apply: every record still as the import wrote it goes back. */
export async function rollBack(
  store: NaunganStore,
  batch: ImportBatch,
  actor: ActingUser,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const entries = await loadBatchEntries(store, batch)
  // During its own apply the batch may be partly written: records older than it were untouched.
  const { plan } = await readRevertPlan(store, { ...batch, state: 'applying' }, entries, null)
  const log: RevertLog = { reverted: [], removed: [] }
  await revert(store, batch, plan, actor, currentTime().toISOString(), log, onProgress)
}

export type UndoResult =
  | { ok: true; batch: ImportBatch; restored: number; removed: number }
  | { ok: false; reason: 'NOT_FOUND' | 'ALREADY_UNDONE' }
  | { ok: false; reason: 'CHANGED_SINCE'; records: ChangedRecord[] }
  | {
      ok: false
      reason: 'NOT_ALLOWED'
      records: { id: string; registrationNumber: string }[]
      message: { id: string; en: string }
    }
  | { ok: false; reason: 'FAILED'; message: string }

/**
 * "Urungkan impor": puts back every value the import changed and deletes the drafts it created,
 * as one step — or, when any of those records was changed after the import, changes nothing and
 * lists them.
 */
export async function undoImport(
  store: NaunganStore,
  batchId: string,
  options: {
    /** Who undoes: the history's actor, and whom the workflow rules check. */
    actor: ActingUser
    now?: Date
    sliceSize?: number
    onProgress?(phase: ImportPhase, done: number, total: number): void
  },
): Promise<UndoResult> {
  const batch = await loadBatch(store, batchId)
  if (!batch) return { ok: false, reason: 'NOT_FOUND' }
  if (batch.state === 'undone' || batch.state === 'rolled-back') {
    return { ok: false, reason: 'ALREADY_UNDONE' }
  }
  const { actor } = options
  const entries = await loadBatchEntries(store, batch)
  const { plan, changed } = await readRevertPlan(store, batch, entries, actor)
  if (changed.length > 0) return { ok: false, reason: 'CHANGED_SINCE', records: changed }
  if (plan.refusal) {
    return {
      ok: false,
      reason: 'NOT_ALLOWED',
      records: plan.refused,
      message: plan.refusal.message,
    }
  }

  const at = (options.now ?? currentTime()).toISOString()
  const log: RevertLog = { reverted: [], removed: [] }
  try {
    await revert(
      store,
      batch,
      plan,
      actor,
      at,
      log,
      (done, total) => options.onProgress?.('undoing', done, total),
      options.sliceSize,
    )
  } catch (error) {
    // Part of the undo is written: put those records back as the import left them.
    await redo(store, batch, log, actor, at).catch(() => undefined)
    return {
      ok: false,
      reason: 'FAILED',
      message: error instanceof Error ? error.message : String(error),
    }
  }
  const undone: ImportBatch = { ...batch, state: 'undone', undoneAt: at, undoneBy: actor.name }
  await saveBatch(store, undone)
  return { ok: true, batch: undone, restored: plan.updated.length, removed: plan.created.length }
}

/** Reverses a partly written undo: checks back to the import's values, removed drafts back. */
async function redo(
  store: NaunganStore,
  batch: ImportBatch,
  log: RevertLog,
  actor: ActingUser,
  undoAt: string,
): Promise<void> {
  // Back to exactly what the import wrote, `updatedAt` included, so the batch can be undone again.
  const historyAt = currentTime().toISOString()
  await inSlices(log.reverted, writeSlicer(), undefined, async (slice) => {
    const docs = await store.db.participants.findByIds(slice.map((entry) => entry.id)).exec()
    const undone = slice.filter((entry) => docs.get(entry.id)?.updatedAt === undoAt)
    const results = await Promise.allSettled(
      undone.map((entry) =>
        (docs.get(entry.id) as RxDocument<ParticipantDocument>).incrementalModify((current) =>
          withCheck(current, entry.agency, entry.after, batch.at, batch.by),
        ),
      ),
    )
    const restored = fulfilledDocuments(results)
    const entryOf = new Map(slice.map((entry) => [entry.id, entry]))
    await markLocalWrites(store, restored)
    await writeImportHistory(
      store,
      restored.map((doc) => {
        const entry = entryOf.get(doc.id) as (typeof slice)[number]
        return { participant: doc, changes: [checkChange(entry.agency, entry.before, entry.after)] }
      }),
      historyAt,
      actor,
    )
  })
  await inSlices(log.removed, writeSlicer(), undefined, async (ids) => {
    // A removed document keeps its data in the store, marked deleted: read it through the
    // collection's own storage (sealed fields opened as for any read), and insert it again.
    const rows = await store.db.participants.storageInstance.findDocumentsById(ids, true)
    const drafts = rows.map(
      (row) =>
        Object.fromEntries(
          Object.entries(row).filter(([key]) => !key.startsWith('_')),
        ) as unknown as ParticipantDocument,
    )
    await store.db.participants.bulkUpsert(drafts)
    await markLocalWrites(store, drafts)
    await writeImportHistory(
      store,
      drafts.map((doc) => ({
        participant: doc,
        changes: [{ field: DELETED_FIELD, from: 'true', to: 'false' }],
      })),
      historyAt,
      actor,
    )
  })
}
