/**
 * BPJS enrolment batches on the server, so that BPJS's answer can be read on any supervisor PC,
 * not only the one that sent the batch (a PC breaks, a colleague takes over). A batch is a
 * record of what was sent: immutable once recorded. Membership also travels with each
 * participant (`enrolmentBatchId`); this is the list, with kode iuran, period and order.
 */
import { parseRecordedBatch } from '../shared/coverage/enrolment-batch'
import { sameJson } from '../shared/sync/canonical-json'
import type {
  EnrolmentBatchResponse,
  EnrolmentBatchesResponse,
  EnrolmentBatchSummary,
  EnrolmentBatchWire,
} from '../shared/sync/sync-protocol'
import type { Caller } from './sessions'
import type { Database } from './database'
import { ApiFailure, failures, isRecord } from './http-kit'

/** The newest batches listed; a kabupaten sends a few a month, so this is years of them. */
const MAX_LISTED = 500

function requireManager(caller: Caller): void {
  if (caller.role !== 'supervisor' && caller.role !== 'admin') throw failures.forbiddenRole()
}

export function parseBatchPush(body: unknown): EnrolmentBatchWire {
  if (!isRecord(body) || !('batch' in body)) {
    throw failures.invalidRequest('Isi permintaan harus berisi "batch".')
  }
  const parsed = parseRecordedBatch(body.batch)
  if (!parsed.ok) {
    throw failures.invalidRequest(
      'Batch tidak sah (kode, periode, pembuat atau daftar peserta). Perbarui aplikasi lalu coba lagi.',
    )
  }
  return parsed.batch
}

interface BatchRow {
  doc: EnrolmentBatchWire
}

export async function recordEnrolmentBatch(
  db: Database,
  caller: Caller,
  batch: EnrolmentBatchWire,
  /** The payer codes district.json knows: a batch for any other payer is refused. */
  knownPayers: ReadonlySet<string>,
): Promise<EnrolmentBatchResponse> {
  requireManager(caller)
  // The periods a batch creates carry its payer into every budget and bill: only a payer this
  // district pays through may stand there (the same rule as a participant push, UNKNOWN_PAYER).
  if (batch.payerCode !== undefined && !knownPayers.has(batch.payerCode)) {
    throw new ApiFailure(
      400,
      'UNKNOWN_PAYER',
      `Sumber dana "${batch.payerCode}" tidak dikenal di district.json. Batch ini tidak dicatat.`,
    )
  }
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO enrolment_batches (id, doc, created_at, recorded_by, office_id)
         VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING`,
      [batch.id, JSON.stringify(batch), batch.createdAt, caller.userId, caller.office.id],
    )
    const { rows } = await tx.query<BatchRow>('SELECT doc FROM enrolment_batches WHERE id = $1', [
      batch.id,
    ])
    const stored = rows[0]?.doc
    // A retried push finds its own batch; another batch under the same id is refused.
    if (!stored || !sameJson(stored, batch)) {
      throw new ApiFailure(
        409,
        'BATCH_IMMUTABLE',
        `Batch ${batch.id} sudah tercatat di server dengan isi lain; batch yang sudah dikirim tidak dapat diubah.`,
      )
    }
    return { batch: stored }
  })
}

export async function listEnrolmentBatches(
  db: Database,
  caller: Caller,
): Promise<EnrolmentBatchesResponse> {
  requireManager(caller)
  const { rows } = await db.query<{ doc: EnrolmentBatchWire; member_count: number | string }>(
    `SELECT doc - 'memberIds' AS doc, jsonb_array_length(doc -> 'memberIds') AS member_count
       FROM enrolment_batches ORDER BY created_at DESC, id LIMIT ${MAX_LISTED}`,
  )
  return {
    batches: rows.map((row): EnrolmentBatchSummary => ({
      id: row.doc.id,
      kind: row.doc.kind,
      kodeIuran: row.doc.kodeIuran,
      period: row.doc.period,
      createdAt: row.doc.createdAt,
      createdBy: row.doc.createdBy,
      ...(row.doc.payerCode === undefined ? {} : { payerCode: row.doc.payerCode }),
      memberCount: Number(row.member_count),
    })),
  }
}

export async function getEnrolmentBatch(
  db: Database,
  caller: Caller,
  id: string,
): Promise<EnrolmentBatchResponse> {
  requireManager(caller)
  const { rows } = await db.query<BatchRow>('SELECT doc FROM enrolment_batches WHERE id = $1', [id])
  const batch = rows[0]?.doc
  if (!batch) throw new ApiFailure(404, 'BATCH_NOT_FOUND', `Batch ${id} tidak ada di server.`)
  return { batch }
}
