/**
 * Messages between the import screen and the import Web Worker. The worker reads the file and
 * validates every row (the CPU-heavy part: decoding, CSV/XLSX parsing, the registration rules,
 * the NIK blind index), so a 100,000-row list never blocks the window. It holds no state between
 * jobs: each job brings the file's bytes again, and cancelling terminates the worker.
 */
import type { TableSummary } from '@shared/import/analyse'
import type { ColumnMapping, ImportKind, TargetField } from '@shared/import/import-fields'
import type { FileProblem, FileWarning } from '@shared/import/import-table'
import type { ValidatedRow } from '@shared/import/row-validation'

export type ImportWorkerRequest =
  | {
      type: 'read'
      jobId: number
      bytes: ArrayBuffer
      kind: ImportKind
      sheetName?: string
      /** The mapping saved for this source, applied where the file still has its headers. */
      savedMapping?: ColumnMapping
    }
  | {
      type: 'validate'
      jobId: number
      bytes: ArrayBuffer
      kind: ImportKind
      sheetName?: string
      mapping: ColumnMapping
      /** YYYY-MM-DD where the clerk sits. */
      today: string
      /** DTSEN: the extract's data date as the clerk gave it (YYYY-MM-DD). */
      snapshotDate?: string
      /**
       * The store's NIK blind-index key, so the worker computes the index of each NIK (an HMAC
       * chain, the costly part of a lookup). It stays in this renderer process.
       */
      blindIndexKey: Uint8Array
      /** Existing members: whose list this is (district.json payers); absent: the default payer. */
      payerCode?: string
    }

export type ImportWorkerResponse =
  | {
      type: 'progress'
      jobId: number
      phase: 'reading' | 'validating'
      done: number
      total: number
    }
  | { type: 'read-done'; jobId: number; summary: TableSummary }
  /** Validated rows, in file order, a few thousand per message. */
  | { type: 'rows'; jobId: number; rows: ValidatedRow[] }
  | { type: 'validated'; jobId: number; total: number; warnings: FileWarning[] }
  | { type: 'missing-columns'; jobId: number; missing: TargetField[] }
  | { type: 'unreadable'; jobId: number; problem: FileProblem }
  | { type: 'failed'; jobId: number; message: string }
