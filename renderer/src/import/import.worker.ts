/**
 * The import worker: reads the file and validates its rows off the main thread, reporting
 * progress every few thousand rows and sending the validated rows in chunks (one 100,000-row
 * message would itself take the main thread a noticeable moment to receive).
 */
import { summariseTable } from '@shared/import/analyse'
import { resolveMapping } from '@shared/import/import-fields'
import { readImportTable } from '@shared/import/import-table'
import { createNikIndexEncoder } from '@shared/import/nik-index-encoder'
import { dtsenFamilyKey } from '@shared/import/dtsen-extract-codec'
import { RowValidator, type ValidatedRow } from '@shared/import/row-validation'
import { district } from '@/core/district'
import type { ImportWorkerRequest, ImportWorkerResponse } from './import-worker-protocol'
import { workerScope } from '@/core/worker-scope'

const scope = workerScope<ImportWorkerRequest, ImportWorkerResponse>()

const ROWS_PER_MESSAGE = 5_000
const PROGRESS_EVERY = 1_000

function post(message: ImportWorkerResponse): void {
  scope.postMessage(message)
}

function run(request: ImportWorkerRequest): void {
  const { jobId } = request
  post({ type: 'progress', jobId, phase: 'reading', done: 0, total: 1 })
  const read = readImportTable(
    new Uint8Array(request.bytes),
    request.kind,
    request.sheetName ? { sheetName: request.sheetName } : {},
  )
  if (!read.ok) {
    post({ type: 'unreadable', jobId, problem: read.problem })
    return
  }
  const { table } = read
  if (request.type === 'read') {
    post({
      type: 'read-done',
      jobId,
      summary: summariseTable(table, request.kind, request.savedMapping),
    })
    return
  }
  const resolved = resolveMapping(table.headers, request.mapping, request.kind)
  if (!resolved.ok) {
    post({ type: 'missing-columns', jobId, missing: resolved.missing })
    return
  }
  const encoder = createNikIndexEncoder(request.blindIndexKey)
  const validator = new RowValidator(
    resolved.columns,
    request.kind,
    {
      district,
      today: request.today,
      encodeNikIndex: (nik) => encoder.encode(nik),
      encodeFamilyKey: (kk) => dtsenFamilyKey(kk, request.blindIndexKey),
      ...(request.snapshotDate ? { snapshotDate: request.snapshotDate } : {}),
      ...(request.payerCode ? { payerCode: request.payerCode } : {}),
    },
    table,
  )
  const total = table.rows.length
  let chunk: ValidatedRow[] = []
  for (let index = 0; index < total; index++) {
    chunk.push(validator.validate(table.rows[index]!))
    if (chunk.length === ROWS_PER_MESSAGE) {
      post({ type: 'rows', jobId, rows: chunk })
      chunk = []
    }
    if ((index + 1) % PROGRESS_EVERY === 0) {
      post({ type: 'progress', jobId, phase: 'validating', done: index + 1, total })
    }
  }
  if (chunk.length > 0) post({ type: 'rows', jobId, rows: chunk })
  post({ type: 'progress', jobId, phase: 'validating', done: total, total })
  post({ type: 'validated', jobId, total, warnings: table.warnings })
}

scope.addEventListener('message', (event) => {
  try {
    run(event.data)
  } catch (error) {
    post({
      type: 'failed',
      jobId: event.data.jobId,
      message: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error',
    })
  }
})
