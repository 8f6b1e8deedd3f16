/**
 * The main-thread side of the import worker. One worker per job: cancelling terminates it, which
 * stops a 100,000-row validation at once instead of at its next pause.
 */
import type { TableSummary } from '@shared/import/analyse'
import type { ColumnMapping, ImportKind, TargetField } from '@shared/import/import-fields'
import type { FileProblem, FileWarning } from '@shared/import/import-table'
import type { ValidatedRow } from '@shared/import/row-validation'
import type { ImportWorkerRequest, ImportWorkerResponse } from './import-worker-protocol'

export type WorkerFailure =
  | { ok: false; reason: 'CANCELLED' }
  | { ok: false; reason: 'UNREADABLE'; problem: FileProblem }
  | { ok: false; reason: 'MISSING_COLUMNS'; missing: TargetField[] }
  | { ok: false; reason: 'FAILED'; message: string }

export type ReadOutcome = { ok: true; summary: TableSummary } | WorkerFailure
export type ValidateOutcome =
  { ok: true; rows: ValidatedRow[]; warnings: FileWarning[] } | WorkerFailure

export interface WorkerProgress {
  phase: 'reading' | 'validating'
  done: number
  total: number
}

let nextJobId = 1

/** Distributes a union over its members, so `Omit` keeps each request's own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

function runJob<T>(
  request: DistributiveOmit<ImportWorkerRequest, 'jobId'>,
  options: { signal?: AbortSignal; onProgress?(progress: WorkerProgress): void },
  finish: (message: ImportWorkerResponse, rows: ValidatedRow[]) => T | null,
): Promise<T | WorkerFailure> {
  const jobId = nextJobId++
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve({ ok: false, reason: 'CANCELLED' })
      return
    }
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
    const rows: ValidatedRow[] = []
    const done = (result: T | WorkerFailure) => {
      worker.terminate()
      options.signal?.removeEventListener('abort', onAbort)
      resolve(result)
    }
    const onAbort = () => done({ ok: false, reason: 'CANCELLED' })
    worker.addEventListener('message', (event: MessageEvent<ImportWorkerResponse>) => {
      const message = event.data
      if (message.jobId !== jobId) return
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message)
          return
        case 'rows':
          // Concatenated in place: no second 100,000-element copy.
          for (const row of message.rows) rows.push(row)
          return
        case 'unreadable':
          done({ ok: false, reason: 'UNREADABLE', problem: message.problem })
          return
        case 'missing-columns':
          done({ ok: false, reason: 'MISSING_COLUMNS', missing: message.missing })
          return
        case 'failed':
          done({ ok: false, reason: 'FAILED', message: message.message })
          return
        default: {
          const result = finish(message, rows)
          if (result) done(result)
        }
      }
    })
    worker.addEventListener('error', (event) => {
      done({ ok: false, reason: 'FAILED', message: event.message || 'worker error' })
    })
    options.signal?.addEventListener('abort', onAbort)
    const message = { ...request, jobId } as ImportWorkerRequest
    worker.postMessage(message, [request.bytes])
  })
}

export function readInWorker(
  request: {
    bytes: ArrayBuffer
    kind: ImportKind
    sheetName?: string
    savedMapping?: ColumnMapping
  },
  options: { signal?: AbortSignal } = {},
): Promise<ReadOutcome> {
  return runJob({ type: 'read', ...request }, options, (message) =>
    message.type === 'read-done' ? { ok: true as const, summary: message.summary } : null,
  )
}

export function validateInWorker(
  request: {
    bytes: ArrayBuffer
    kind: ImportKind
    sheetName?: string
    mapping: ColumnMapping
    today: string
    blindIndexKey: Uint8Array
    snapshotDate?: string
    payerCode?: string
  },
  options: { signal?: AbortSignal; onProgress?(progress: WorkerProgress): void } = {},
): Promise<ValidateOutcome> {
  return runJob({ type: 'validate', ...request }, options, (message, rows) =>
    message.type === 'validated' ? { ok: true as const, rows, warnings: message.warnings } : null,
  )
}
