/**
 * The two steps the import worker runs on a file, as plain functions (the tests and the benchmark
 * call them directly): read it and describe it for the mapping step, then validate every row
 * with the chosen mapping.
 */
import {
  mergeSavedMapping,
  resolveMapping,
  suggestMapping,
  type ColumnMapping,
  type ImportKind,
  type TargetField,
} from './import-fields'
import type { ImportTable } from './import-table'
import { validateImportRows, type ValidatedRow, type ValidationContext } from './row-validation'
import type { SheetRow } from './sheet'

export const PREVIEW_ROWS = 5

export interface TableSummary {
  format: ImportTable['format']
  encoding?: ImportTable['encoding']
  delimiter?: ImportTable['delimiter']
  sheetNames?: string[]
  sheetName?: string
  headerRowNumber: number
  headers: string[]
  preview: SheetRow[]
  rowCount: number
  warnings: ImportTable['warnings']
  /** The saved mapping of this source where its headers are still there, else the suggestion. */
  mapping: ColumnMapping
}

export function summariseTable(
  table: ImportTable,
  kind: ImportKind,
  saved?: ColumnMapping,
): TableSummary {
  const { rows, date1904: _date1904, ...rest } = table
  return {
    ...rest,
    preview: rows.slice(0, PREVIEW_ROWS),
    rowCount: rows.length,
    mapping: saved
      ? mergeSavedMapping(table.headers, kind, saved)
      : suggestMapping(table.headers, kind),
  }
}

export type TableValidation =
  { ok: true; rows: ValidatedRow[] } | { ok: false; missing: TargetField[] }

export function validateTable(
  table: ImportTable,
  mapping: ColumnMapping,
  kind: ImportKind,
  ctx: ValidationContext,
  onProgress?: (done: number, total: number) => void,
): TableValidation {
  const resolved = resolveMapping(table.headers, mapping, kind)
  if (!resolved.ok) return { ok: false, missing: resolved.missing }
  return {
    ok: true,
    rows: validateImportRows(table, resolved.columns, kind, ctx, onProgress ? { onProgress } : {}),
  }
}
