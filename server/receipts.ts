/**
 * Signing and checking participant receipts (shared/sync/receipt.ts says what they are for).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import {
  auditReceiptMessage,
  LEGACY_GENERATION,
  receiptMessage,
  type ServerReceipt,
} from '../shared/sync/receipt'

/** The receipt tag's length: 96 bits. */
export const RECEIPT_TAG_BYTES = 12

export function signReceipt(
  key: Buffer,
  districtCode: string,
  doc: Record<string, unknown>,
  at: Pick<ServerReceipt, 'g' | 'n'>,
): ServerReceipt {
  // HMAC-SHA-256 truncated to 96 bits (RFC 2104 §5): every pulled record carries one and its
  // bytes do not compress. Measured on 5,000 pulled records, gzipped: +25.5 bytes a record with a
  // 128-bit tag, +20.6 with this one (+8.3 s for 50,000 at 1 Mbit/s). A forger gets one online
  // try per state, rate-limited and logged; 2^96 is out of reach.
  const sig = createHmac('sha256', key)
    .update(receiptMessage(districtCode, doc, at))
    .digest()
    .subarray(0, RECEIPT_TAG_BYTES)
    .toString('base64url')
  return { g: at.g, n: at.n, sig }
}

/** True when `doc.receipt` is this server's signature over exactly `doc`. */
export function hasValidReceipt(
  key: Buffer,
  districtCode: string,
  doc: Record<string, unknown> & { receipt?: ServerReceipt },
): boolean {
  const receipt = doc.receipt
  if (!receipt || typeof receipt.sig !== 'string') return false
  const expected = signReceipt(key, districtCode, doc, receipt).sig
  const given = Buffer.from(receipt.sig)
  const wanted = Buffer.from(expected)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}

/** An audit entry's receipt: the same tag over `auditReceiptMessage`. */
export function signAuditReceipt(
  key: Buffer,
  districtCode: string,
  entry: Record<string, unknown>,
): string {
  return createHmac('sha256', key)
    .update(auditReceiptMessage(districtCode, entry))
    .digest()
    .subarray(0, RECEIPT_TAG_BYTES)
    .toString('base64url')
}

export function hasValidAuditReceipt(
  key: Buffer,
  districtCode: string,
  entry: Record<string, unknown> & { receipt?: unknown },
): boolean {
  if (typeof entry.receipt !== 'string') return false
  const given = Buffer.from(entry.receipt)
  const wanted = Buffer.from(signAuditReceipt(key, districtCode, entry))
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}

export { LEGACY_GENERATION }
