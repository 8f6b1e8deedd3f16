/**
 * BPJS bills, their resolutions and the payments on the server (issue 16), so that every
 * supervisor PC reconciles the same bills and watches the same unpaid months: a PC breaks, a
 * colleague takes over, and the SP2D recorded on one PC warns the other. Like enrolment batches,
 * each record is immutable once recorded; a corrected bill is imported again under a new id.
 *
 * Who recorded a record is the session's account, never what the client wrote: the display name
 * in `importedBy`/`resolvedBy`/`recordedBy` is overwritten with the caller's, and the account and
 * its office are kept beside the document. A retry compares the content without that name, so
 * the same record sent again (by any supervisor) stays a no-op.
 */
import { billTotal, parseBillResolution, parseStoredBill } from '../shared/coverage/bills'
import type { BillResolution } from '../shared/coverage/bills'
import {
  parsePaymentRecord,
  parsePaymentWithdrawal,
  type PaymentRecord,
  type PaymentWithdrawal,
} from '../shared/coverage/payments'
import { sameJson } from '../shared/sync/canonical-json'
import { currentTimeMs } from '../shared/dates/clock'
import { MAX_ACTOR_CLOCK_SKEW_MS } from '../shared/workflow/attribution'
import type {
  BillResolutionResponse,
  BillResolutionsResponse,
  BillResponse,
  BillSummary,
  BillsResponse,
  BillWire,
  PaymentResponse,
  PaymentsResponse,
  PaymentWithdrawalResponse,
  PaymentWithdrawalsResponse,
} from '../shared/sync/sync-protocol'
import type { Caller } from './sessions'
import { logSecurityEvent } from './security-log'
import type { Database, Queryable } from './database'
import { ApiFailure, failures, isRecord } from './http-kit'

/** The newest bills listed: one per payer and month, plus corrections, is decades of them. */
const MAX_LISTED_BILLS = 500

function requireManager(caller: Caller): void {
  if (caller.role !== 'supervisor' && caller.role !== 'admin') throw failures.forbiddenRole()
}

/**
 * Milliseconds since 1970 of a time the shared parsers accepted (anything `Date.parse` reads), to
 * order by: stored as a number, because not every text JavaScript reads is one PostgreSQL reads.
 */
const instantMs = (text: string): number => Date.parse(text)

function refuseUnknownPayer(payerCode: string, knownPayers: ReadonlySet<string>, what: string) {
  // A bill or payment for a payer district.json does not know would stand on nobody's budget
  // (the same rule as batches and participant pushes).
  if (!knownPayers.has(payerCode)) {
    throw new ApiFailure(
      400,
      'UNKNOWN_PAYER',
      `Sumber dana "${payerCode}" tidak dikenal di district.json. ${what} ini tidak dicatat.`,
    )
  }
}

/** The caller's display name (the username when it has none), written over the client's. */
async function actorNameOf(db: Queryable, caller: Caller): Promise<string> {
  const { rows } = await db.query<{ display_name: string; username: string }>(
    'SELECT display_name, username FROM users WHERE id = $1',
    [caller.userId],
  )
  const row = rows[0]
  if (!row) throw failures.internal()
  return row.display_name.trim() || row.username
}

/**
 * A record's own time (import, resolution, payment) decides which bill is in force and which
 * resolution counts: one dated ahead of the server's clock (a PC with a wrong clock, or a forged
 * one) would stay "newest" for good. The same skew as every other actor time is allowed.
 */
function requireNotAhead(iso: string, what: string): void {
  if (Date.parse(iso) > currentTimeMs() + MAX_ACTOR_CLOCK_SKEW_MS) {
    throw failures.invalidRequest(
      `Waktu ${what} di masa depan menurut jam server. Periksa tanggal dan jam PC ini lalu kirim lagi.`,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Bills

export function parseBillPush(body: unknown): BillWire {
  if (!isRecord(body) || !('bill' in body)) {
    throw failures.invalidRequest('Isi permintaan harus berisi "bill".')
  }
  const parsed = parseStoredBill(body.bill)
  if (!parsed.ok) {
    throw failures.invalidRequest(
      'Tagihan tidak sah (kode, sumber dana, bulan, waktu impor atau baris tagihan; sebuah baris hanya boleh memuat NIK yang disamarkan dan jumlah rupiah bulat). Perbarui aplikasi lalu coba lagi.',
    )
  }
  requireNotAhead(parsed.bill.importedAt, 'impor tagihan')
  return parsed.bill
}

interface BillRow {
  doc: Omit<BillWire, 'lines'>
  lines: BillWire['lines']
}

/** The bill as stored: the lines live in their own column so a listing never reads them. */
async function storedBill(db: Queryable, id: string): Promise<BillWire | null> {
  const { rows } = await db.query<BillRow>('SELECT doc, lines FROM bills WHERE id = $1', [id])
  const row = rows[0]
  return row ? { ...row.doc, lines: row.lines } : null
}

export async function recordBill(
  db: Database,
  caller: Caller,
  sent: BillWire,
  /** The payer codes district.json knows: a bill for any other payer is refused. */
  knownPayers: ReadonlySet<string>,
): Promise<BillResponse> {
  requireManager(caller)
  refuseUnknownPayer(sent.payerCode, knownPayers, 'Tagihan')
  const bill: BillWire = { ...sent, importedBy: await actorNameOf(db, caller) }
  const { lines, ...head } = bill
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO bills (id, doc, lines, payer_code, month, imported_at_ms, line_count,
                          billed_total, recorded_by, office_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO NOTHING`,
      [
        bill.id,
        JSON.stringify(head),
        JSON.stringify(lines),
        bill.payerCode,
        bill.month,
        instantMs(bill.importedAt),
        lines.length,
        billTotal(bill),
        caller.userId,
        caller.office.id,
      ],
    )
    const stored = await storedBill(tx, bill.id)
    // A retried import finds its own bill, whoever sends it again; another bill under the same
    // id is refused. The importer's name is the server's, so it is not part of the comparison.
    if (!stored || !sameJson({ ...stored, importedBy: '' }, { ...bill, importedBy: '' })) {
      throw new ApiFailure(
        409,
        'BILL_IMMUTABLE',
        `Tagihan ${bill.id} sudah tercatat di server dengan isi lain; tagihan yang sudah dicatat tidak dapat diubah. Impor ulang tagihan perbaikan sebagai tagihan baru.`,
      )
    }
    return { bill: stored }
  })
}

export async function listBills(db: Database, caller: Caller): Promise<BillsResponse> {
  requireManager(caller)
  const { rows } = await db.query<{
    doc: Omit<BillWire, 'lines'>
    line_count: number | string
    billed_total: number | string
  }>(
    `SELECT doc, line_count, billed_total FROM bills
       ORDER BY imported_at_ms DESC, id LIMIT ${MAX_LISTED_BILLS}`,
  )
  return {
    bills: rows.map((row): BillSummary => ({
      id: row.doc.id,
      payerCode: row.doc.payerCode,
      month: row.doc.month,
      fileName: row.doc.fileName,
      importedAt: row.doc.importedAt,
      importedBy: row.doc.importedBy,
      lineCount: Number(row.line_count),
      billedTotal: Number(row.billed_total),
    })),
  }
}

export async function getBill(db: Database, caller: Caller, id: string): Promise<BillResponse> {
  requireManager(caller)
  const bill = await storedBill(db, id)
  if (!bill) throw billNotFound(id)
  return { bill }
}

const billNotFound = (id: string) =>
  new ApiFailure(404, 'BILL_NOT_FOUND', `Tagihan ${id} tidak ada di server.`)

// ---------------------------------------------------------------------------------------------
// Resolutions

export function parseResolutionPush(body: unknown): BillResolution {
  if (!isRecord(body) || !('resolution' in body)) {
    throw failures.invalidRequest('Isi permintaan harus berisi "resolution".')
  }
  const parsed = parseBillResolution(body.resolution)
  if (!parsed.ok) {
    throw failures.invalidRequest(
      'Penyelesaian selisih tagihan tidak sah (kode, tagihan, selisih, catatan atau waktu). Perbarui aplikasi lalu coba lagi.',
    )
  }
  requireNotAhead(parsed.resolution.resolvedAt, 'penyelesaian')
  return parsed.resolution
}

export async function recordBillResolution(
  db: Database,
  caller: Caller,
  sent: BillResolution,
): Promise<BillResolutionResponse> {
  requireManager(caller)
  const resolution: BillResolution = { ...sent, resolvedBy: await actorNameOf(db, caller) }
  return db.transaction(async (tx) => {
    const bill = await tx.query('SELECT 1 FROM bills WHERE id = $1', [resolution.billId])
    // Settling a difference of a bill no PC has recorded here would settle nothing anyone sees.
    if (bill.rows.length === 0) throw billNotFound(resolution.billId)
    await tx.query(
      `INSERT INTO bill_resolutions (id, bill_id, doc, resolved_at_ms, recorded_by, office_id)
         VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [
        resolution.id,
        resolution.billId,
        JSON.stringify(resolution),
        instantMs(resolution.resolvedAt),
        caller.userId,
        caller.office.id,
      ],
    )
    const { rows } = await tx.query<{ doc: BillResolution }>(
      'SELECT doc FROM bill_resolutions WHERE id = $1',
      [resolution.id],
    )
    const stored = rows[0]?.doc
    if (!stored || !sameJson({ ...stored, resolvedBy: '' }, { ...resolution, resolvedBy: '' })) {
      throw new ApiFailure(
        409,
        'RESOLUTION_IMMUTABLE',
        `Penyelesaian ${resolution.id} sudah tercatat di server dengan isi lain; catat penyelesaian baru untuk mengubahnya.`,
      )
    }
    return { resolution: stored }
  })
}

export async function listBillResolutions(
  db: Database,
  caller: Caller,
): Promise<BillResolutionsResponse> {
  requireManager(caller)
  // All of them: a supervisor settles a few differences a month; `resolutionsByKey` picks the
  // one in force, so the order is only for reading.
  const { rows } = await db.query<{ doc: BillResolution }>(
    'SELECT doc FROM bill_resolutions ORDER BY resolved_at_ms, id',
  )
  return { resolutions: rows.map((row) => row.doc) }
}

// ---------------------------------------------------------------------------------------------
// Payments

export function parsePaymentPush(body: unknown): PaymentRecord {
  if (!isRecord(body) || !('payment' in body)) {
    throw failures.invalidRequest('Isi permintaan harus berisi "payment".')
  }
  const parsed = parsePaymentRecord(body.payment)
  if (!parsed.ok) {
    throw failures.invalidRequest(
      'Pembayaran tidak sah (kode, sumber dana, bulan, jumlah rupiah bulat lebih dari 0, tanggal bayar, nomor SP2D atau waktu). Perbarui aplikasi lalu coba lagi.',
    )
  }
  requireNotAhead(parsed.payment.recordedAt, 'pencatatan pembayaran')
  return parsed.payment
}

export async function recordPayment(
  db: Database,
  caller: Caller,
  sent: PaymentRecord,
  /** The payer codes district.json knows: a payment for any other payer is refused. */
  knownPayers: ReadonlySet<string>,
): Promise<PaymentResponse> {
  requireManager(caller)
  refuseUnknownPayer(sent.payerCode, knownPayers, 'Pembayaran')
  const payment: PaymentRecord = { ...sent, recordedBy: await actorNameOf(db, caller) }
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO payments (id, doc, payer_code, month, recorded_at_ms, recorded_by, office_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO NOTHING`,
      [
        payment.id,
        JSON.stringify(payment),
        payment.payerCode,
        payment.month,
        instantMs(payment.recordedAt),
        caller.userId,
        caller.office.id,
      ],
    )
    const { rows } = await tx.query<{ doc: PaymentRecord }>(
      'SELECT doc FROM payments WHERE id = $1',
      [payment.id],
    )
    const stored = rows[0]?.doc
    // A payment is what left the treasury, and every PC may have counted it already: it is not
    // rewritten under the same id.
    if (!stored || !sameJson({ ...stored, recordedBy: '' }, { ...payment, recordedBy: '' })) {
      throw new ApiFailure(
        409,
        'PAYMENT_IMMUTABLE',
        `Pembayaran ${payment.id} sudah tercatat di server dengan isi lain; pembayaran yang sudah dicatat tidak dapat diubah.`,
      )
    }
    return { payment: stored }
  })
}

export async function listPayments(db: Database, caller: Caller): Promise<PaymentsResponse> {
  requireManager(caller)
  // All of them: a payer pays about once a month, so this stays a few hundred rows.
  const { rows } = await db.query<{ doc: PaymentRecord }>(
    'SELECT doc FROM payments ORDER BY recorded_at_ms, id',
  )
  return { payments: rows.map((row) => row.doc) }
}

// ---------------------------------------------------------------------------------------------
// Withdrawals of payments recorded by mistake

export function parseWithdrawalPush(body: unknown): PaymentWithdrawal {
  if (!isRecord(body) || !('withdrawal' in body)) {
    throw failures.invalidRequest('Isi permintaan harus berisi "withdrawal".')
  }
  const parsed = parsePaymentWithdrawal(body.withdrawal)
  if (!parsed.ok) {
    throw failures.invalidRequest(
      'Pembatalan pembayaran tidak sah (kode, pembayaran, alasan sedikitnya 5 huruf, pengganti atau waktu). Perbarui aplikasi lalu coba lagi.',
    )
  }
  requireNotAhead(parsed.withdrawal.withdrawnAt, 'pembatalan pembayaran')
  return parsed.withdrawal
}

const paymentNotFound = (id: string) =>
  new ApiFailure(
    404,
    'PAYMENT_NOT_FOUND',
    `Pembayaran ${id} tidak ada di server. Kirim pembayarannya dulu, lalu batalkan.`,
  )

/**
 * Takes a payment back, with the reason, in the caller's name: the payment stays recorded (the
 * finance file shows what was entered) and counts for nothing from then on. One withdrawal per
 * payment; the same one again is a no-op, another is refused. The payment put in its place by a
 * correction must be recorded, for the same payer, and not be the one withdrawn. Every
 * withdrawal is a security event: it changes which months the guard says are paid.
 */
export async function recordPaymentWithdrawal(
  db: Database,
  caller: Caller,
  sent: PaymentWithdrawal,
  context: { ip?: string | null } = {},
): Promise<PaymentWithdrawalResponse> {
  requireManager(caller)
  const withdrawal: PaymentWithdrawal = { ...sent, withdrawnBy: await actorNameOf(db, caller) }
  const outcome = await db.transaction(async (tx) => {
    const { rows: found } = await tx.query<{ doc: PaymentRecord }>(
      'SELECT doc FROM payments WHERE id = $1 FOR UPDATE',
      [withdrawal.paymentId],
    )
    const payment = found[0]?.doc
    if (!payment) throw paymentNotFound(withdrawal.paymentId)
    if (withdrawal.replacedBy !== undefined) {
      const { rows } = await tx.query<{ doc: PaymentRecord }>(
        'SELECT doc FROM payments WHERE id = $1',
        [withdrawal.replacedBy],
      )
      const replacement = rows[0]?.doc
      if (!replacement) throw paymentNotFound(withdrawal.replacedBy)
      if (replacement.payerCode !== payment.payerCode) {
        throw failures.invalidRequest(
          'Pembayaran pengganti harus untuk sumber dana yang sama dengan pembayaran yang dibatalkan.',
        )
      }
    }
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO payment_withdrawals
              (id, payment_id, doc, withdrawn_at_ms, recorded_by, office_id)
         VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        withdrawal.id,
        withdrawal.paymentId,
        JSON.stringify(withdrawal),
        instantMs(withdrawal.withdrawnAt),
        caller.userId,
        caller.office.id,
      ],
    )
    const { rows } = await tx.query<{ doc: PaymentWithdrawal }>(
      'SELECT doc FROM payment_withdrawals WHERE payment_id = $1',
      [withdrawal.paymentId],
    )
    const stored = rows[0]?.doc
    // A retry (by anyone) finds its own withdrawal; a second, different one is refused: the
    // payment is already taken back, and its first reason stays the one on file.
    if (!stored || !sameJson({ ...stored, withdrawnBy: '' }, { ...withdrawal, withdrawnBy: '' })) {
      throw new ApiFailure(
        409,
        'PAYMENT_ALREADY_WITHDRAWN',
        `Pembayaran ${withdrawal.paymentId} sudah dibatalkan${stored ? ` oleh ${stored.withdrawnBy}: "${stored.reason}"` : ''}.`,
      )
    }
    return { stored, payment, isNew: inserted.rows.length > 0 }
  })
  if (outcome.isNew) {
    // No personal data: a payment is a payer's money, and the reason stays in the record.
    await logSecurityEvent(db, {
      kind: 'payment_withdrawn',
      userId: caller.userId,
      username: null,
      deviceId: caller.deviceId,
      officeId: caller.office.id,
      ip: context.ip ?? null,
      detail: {
        paymentId: outcome.payment.id,
        payerCode: outcome.payment.payerCode,
        month: outcome.payment.month,
        amount: outcome.payment.amount,
        replacedBy: outcome.stored.replacedBy ?? null,
      },
    })
  }
  return { withdrawal: outcome.stored }
}

export async function listPaymentWithdrawals(
  db: Database,
  caller: Caller,
): Promise<PaymentWithdrawalsResponse> {
  requireManager(caller)
  const { rows } = await db.query<{ doc: PaymentWithdrawal }>(
    'SELECT doc FROM payment_withdrawals ORDER BY withdrawn_at_ms, id',
  )
  return { withdrawals: rows.map((row) => row.doc) }
}
