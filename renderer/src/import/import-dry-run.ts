/**
 * The main-thread half of the dry run: the worker has read and validated the rows; here their
 * NIKs are looked up in the store (blind index, in slices) and each row gets its outcome. Nothing
 * is written. The tests call this with rows validated in Node, the screen with the worker's.
 */
import {
  planNotices,
  planRows,
  summarisePlan,
  type PlanContext,
  type PlanSummary,
  type RowOutcome,
} from '@shared/import/import-plan'
import type { ValidatedRow } from '@shared/import/row-validation'
import { importPayerOverlaps, type ImportPayerOverlap } from '@shared/import/payer-overlaps'
import { district } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { findExistingByNik } from './nik-lookup'
import { ImportCancelledError, yieldToUi } from './write-slicing'

export interface DryRunResult {
  outcomes: RowOutcome[]
  summary: PlanSummary
  /** Refusals that hold for the whole import (e.g. a clerk cannot set agency checks). */
  notices: { id: string; en: string }[]
  /**
   * Existing-member lists: people this list's payer and a payer already recorded here both pay
   * for in the same month, for a supervisor to settle before the next bill.
   */
  payerOverlaps: ImportPayerOverlap[]
}

/** Rows planned between two pauses; planning is cheap, this only keeps each step short. */
const PLAN_SLICE = 5_000

export async function runDryRun(
  store: NaunganStore,
  rows: readonly ValidatedRow[],
  ctx: PlanContext,
  options: {
    onProgress?(phase: 'lookup' | 'planning', done: number, total: number): void
    signal?: AbortSignal
  } = {},
): Promise<DryRunResult> {
  const toFind = rows.flatMap((row) =>
    row.nik !== null && row.errors.length === 0
      ? [row.nikIndex ? { nik: row.nik, nikIndex: row.nikIndex } : { nik: row.nik }]
      : [],
  )
  const existing = await findExistingByNik(store, toFind, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (done, total) => options.onProgress?.('lookup', done, total),
  })
  const outcomes: RowOutcome[] = []
  for (let start = 0; start < rows.length; start += PLAN_SLICE) {
    if (options.signal?.aborted) throw new ImportCancelledError()
    outcomes.push(...planRows(rows.slice(start, start + PLAN_SLICE), existing, ctx))
    options.onProgress?.('planning', Math.min(rows.length, start + PLAN_SLICE), rows.length)
    await yieldToUi()
  }
  return {
    outcomes,
    summary: summarisePlan(outcomes),
    notices: planNotices(ctx),
    payerOverlaps: importPayerOverlaps(rows, existing, district.defaultPayer.code),
  }
}
