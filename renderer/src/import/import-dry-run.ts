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
import { describeDtsenRefusal } from '@shared/import/dtsen-diff'
import { importRowMessage } from '@shared/import/import-row-messages'
import { importPayerOverlaps, type ImportPayerOverlap } from '@shared/import/payer-overlaps'
import { district } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { compareDtsenExtract, snapshotDateOfRows, type DtsenComparison } from './dtsen-extracts'
import { findExistingByNik } from './nik-lookup'
import { ImportCancelledError, yieldToUi } from './write-slicing'

export interface DryRunResult {
  outcomes: RowOutcome[]
  summary: PlanSummary
  /** Refusals that hold for the whole import (e.g. a clerk cannot set agency checks). */
  notices: { id: string; en: string }[]
  /** DTSEN: what changed since the last extract applied here. */
  dtsen?: DtsenComparison
  /**
   * Nothing may be applied (a DTSEN extract older than the last one): the notices say why.
   */
  blocked?: boolean
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
    /** DTSEN: the data date the clerk gave, and today, for the comparison with the last extract. */
    dtsen?: { snapshotDate?: string; today: string }
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
  const result: DryRunResult = {
    outcomes,
    summary: summarisePlan(outcomes),
    notices: planNotices(ctx),
    payerOverlaps: importPayerOverlaps(rows, existing, district.defaultPayer.code),
  }
  const snapshotDate = options.dtsen
    ? snapshotDateOfRows(rows, options.dtsen.snapshotDate)
    : undefined
  if (ctx.kind === 'dtsen' && ctx.maxDecile !== undefined && options.dtsen && snapshotDate) {
    const comparison = await compareDtsenExtract(store, rows, {
      snapshotDate,
      maxDecile: ctx.maxDecile,
      today: options.dtsen.today,
      ...(options.signal ? { signal: options.signal } : {}),
    })
    result.dtsen = comparison
    const { diff } = comparison
    if (!diff.ok) {
      result.blocked = true
      result.notices.push({
        id: describeDtsenRefusal(diff, 'id'),
        en: describeDtsenRefusal(diff, 'en'),
      })
    } else if (diff.sameSnapshot) {
      result.notices.push(importRowMessage('dtsen.sameSnapshot', { date: snapshotDate }))
    }
  }
  return result
}
