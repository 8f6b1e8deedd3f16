/**
 * The batch record of an import (local documents `import-batch/<id>` and its parts): before
 * each slice is written, what the slice will do — the ids of drafts it creates, and for each
 * check it changes the value before and after. Only those fields; no NIK. Undo reads it back.
 */
import type { ImportKind } from '@shared/import/import-fields'
import type { AgencyCheck } from '@shared/workflow/workflow'
import type { NaunganStore } from '@/core/store/database'

export type ImportBatchState = 'applying' | 'applied' | 'rolled-back' | 'undone'

export interface ImportBatch {
  id: string
  /** The source name the clerk gave, e.g. "DTKS Dinsos 2026". */
  source: string
  kind: ImportKind
  agency: string
  fileName: string
  /** The `updatedAt` every record written by this import carries. */
  at: string
  by: string
  role: string
  officeCode: string
  state: ImportBatchState
  created: number
  updated: number
  parts: number
  undoneAt?: string
  undoneBy?: string
  /** Why an apply stopped (technical, for support). */
  failure?: string
}

export type BatchEntry =
  | { kind: 'created'; id: string }
  | { kind: 'updated'; id: string; agency: string; before: AgencyCheck; after: AgencyCheck }

/**
 * A record with one agency's check set to `check`, stamped as written at `at` by `by`: what
 * apply, undo and redo write for a check decision.
 */
export function withCheck<
  T extends { checks: AgencyCheck[]; updatedAt: string; updatedBy: string },
>(current: T, agency: string, check: AgencyCheck, at: string, by: string): T {
  return {
    ...current,
    checks: current.checks.map((each) => (each.agency === agency ? check : each)),
    updatedAt: at,
    updatedBy: by,
  }
}

const BATCH_INDEX_DOC = 'import-batches'
const MAX_BATCHES_KEPT = 50
const batchDocId = (id: string) => `import-batch/${id}`
const partDocId = (id: string, part: number) => `import-batch/${id}/${part}`

export async function saveBatch(store: NaunganStore, batch: ImportBatch): Promise<void> {
  await store.db.upsertLocal(batchDocId(batch.id), batch)
}

export async function registerBatch(store: NaunganStore, batch: ImportBatch): Promise<void> {
  await saveBatch(store, batch)
  const index = await store.db.getLocal<{ ids: string[] }>(BATCH_INDEX_DOC)
  const ids = [batch.id, ...(index?.toJSON().data.ids ?? []).filter((id) => id !== batch.id)]
  await store.db.upsertLocal(BATCH_INDEX_DOC, { ids: ids.slice(0, MAX_BATCHES_KEPT) })
  // Batches beyond the kept ones can no longer be undone: their records go.
  for (const old of ids.slice(MAX_BATCHES_KEPT)) {
    const header = await loadBatch(store, old)
    for (let part = 0; part < (header?.parts ?? 0); part++) {
      await (await store.db.getLocal(partDocId(old, part)))?.remove()
    }
    await (await store.db.getLocal(batchDocId(old)))?.remove()
  }
}

export async function loadBatch(store: NaunganStore, id: string): Promise<ImportBatch | null> {
  const doc = await store.db.getLocal<ImportBatch>(batchDocId(id))
  return doc ? ({ ...doc.toJSON().data } as ImportBatch) : null
}

export async function loadBatchEntries(
  store: NaunganStore,
  batch: ImportBatch,
): Promise<BatchEntry[]> {
  const entries: BatchEntry[] = []
  for (let part = 0; part < batch.parts; part++) {
    const doc = await store.db.getLocal<{ entries: BatchEntry[] }>(partDocId(batch.id, part))
    if (doc) entries.push(...doc.toJSON().data.entries)
  }
  return entries
}

/** The latest imports of this PC, newest first. */
export async function listImportBatches(store: NaunganStore, limit = 10): Promise<ImportBatch[]> {
  const index = await store.db.getLocal<{ ids: string[] }>(BATCH_INDEX_DOC)
  const batches: ImportBatch[] = []
  for (const id of (index?.toJSON().data.ids ?? []).slice(0, limit)) {
    const batch = await loadBatch(store, id)
    if (batch) batches.push(batch)
  }
  return batches
}
/** Records the next part of the batch, before any of its records is written. */
export async function writePart(
  store: NaunganStore,
  batch: ImportBatch,
  entries: BatchEntry[],
): Promise<void> {
  await store.db.upsertLocal(partDocId(batch.id, batch.parts), { entries })
  batch.parts += 1
  await saveBatch(store, batch)
}
