import type { BillLine, BillResolution } from '../../../shared/coverage/bills'
import type { PaymentRecord, PaymentWithdrawal } from '../../../shared/coverage/payments'
import type { BillWire } from '../../../shared/sync/sync-protocol'

/** Rupiah BPJS bills per person and month for a BPU worker (JKK + JKM). */
export const MONTHLY_AMOUNT = 16_800

/** `count` lines as a bill sheet reads them: row 2 onwards, masked NIKs, matched records. */
export function makeBillLines(count: number, amount = MONTHLY_AMOUNT): BillLine[] {
  return Array.from({ length: count }, (_, index) => ({
    row: index + 2,
    participantId: crypto.randomUUID(),
    maskedNik: `640206******${String((index % 9999) + 1).padStart(4, '0')}`,
    name: `Budi Santoso ${index + 1}`,
    amount,
  }))
}

/** A bill as a supervisor PC records it: November 2026, the district's own payer. */
export function makeBill(
  id: string,
  importedAt: string,
  lineCount = 3,
  overrides: Partial<BillWire> = {},
): BillWire {
  return {
    id,
    payerCode: 'apbd-kabupaten',
    month: '2026-11',
    fileName: 'tagihan-sg-pekerja-rentan-2026-11.xlsx',
    importedAt,
    importedBy: 'Sari Supervisor',
    lines: makeBillLines(lineCount),
    ...overrides,
  }
}

/** A supervisor's note settling one difference of `billId`. */
export function makeResolution(
  billId: string,
  resolvedAt: string,
  overrides: Partial<BillResolution> = {},
): BillResolution {
  return {
    id: crypto.randomUUID(),
    billId,
    key: 'not-ours:r2',
    note: 'Peserta pindah ke Samarinda; BPJS diminta mencoret dari tagihan berikutnya.',
    resolvedAt,
    resolvedBy: 'Sari Supervisor',
    ...overrides,
  }
}

/** The SP2D paying November 2026's contribution. */
export function makePayment(
  recordedAt: string,
  overrides: Partial<PaymentRecord> = {},
): PaymentRecord {
  return {
    id: crypto.randomUUID(),
    payerCode: 'apbd-kabupaten',
    month: '2026-11',
    amount: 3 * MONTHLY_AMOUNT,
    paidOn: '2026-12-10',
    reference: 'SP2D 00123/LS/BPKAD/2026',
    recordedAt,
    recordedBy: 'Sari Supervisor',
    ...overrides,
  }
}

/** A supervisor taking back `paymentId`, recorded by mistake. */
export function makeWithdrawal(
  paymentId: string,
  withdrawnAt: string,
  overrides: Partial<PaymentWithdrawal> = {},
): PaymentWithdrawal {
  return {
    id: crypto.randomUUID(),
    paymentId,
    reason: 'Dicatat dua kali: SP2D sama dengan pembayaran tanggal 10.',
    withdrawnAt,
    withdrawnBy: 'Sari Supervisor',
    ...overrides,
  }
}
