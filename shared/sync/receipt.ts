/**
 * The server's receipt for a participant state it holds (issue 18, restore): `g` the server
 * generation that wrote it (a restore starts a new one), `n` the record's write count on the
 * server, `sig` an HMAC-SHA-256 (base64url) over `receiptMessage`, keyed by a key derived from the
 * server's data key — kept apart from the data, so a restored server still knows its receipts.
 *
 * Every pulled document carries one. When a server is restored from an older backup, each PC
 * shows it the states it last had from the server (`POST /api/sync/participants/recover`): a state
 * whose receipt verifies was accepted once (judged then, by the rules of the role that made it),
 * so it is taken back as it was, even if the PC showing it could not have made it. The write
 * count orders two states of one generation; a state from before the restore meets an edit made
 * after it through the ordinary three-way merge, with the record as restored as the ancestor.
 *
 * Pure: the server signs and verifies (server/receipts.ts); the client only keeps what it is given.
 */
import { canonicalJson } from './canonical-json'

export interface ServerReceipt {
  /** The server generation (a UUID) that wrote this state. */
  g: string
  /** The record's write count on the server: higher is later, within one generation. */
  n: number
  /** base64url HMAC-SHA-256 over `receiptMessage`, truncated to 96 bits. */
  sig: string
}

/** Fields the receipt does not cover: the server's own (`duplicates`, the receipt itself). */
const UNSIGNED_FIELDS = new Set(['duplicates', 'receipt'])

/** The document as the receipt covers it: everything but the server-owned fields. */
export function signedPartOf(doc: Record<string, unknown>): string {
  const signed: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(doc)) {
    if (!UNSIGNED_FIELDS.has(key) && value !== undefined) signed[key] = value
  }
  return canonicalJson(signed)
}

/** What is signed: the district, the generation and count, and the state itself. */
export function receiptMessage(
  districtCode: string,
  doc: Record<string, unknown>,
  receipt: Pick<ServerReceipt, 'g' | 'n'>,
): string {
  return `naungan-receipt/v1\n${districtCode}\n${receipt.g}\n${receipt.n}\n${signedPartOf(doc)}`
}

/**
 * What an audit entry's receipt signs: the entry as pushed (it never changes), without the
 * receipt. Entries need no generation or count: the server either holds one or it does not.
 */
export function auditReceiptMessage(districtCode: string, entry: Record<string, unknown>): string {
  return `naungan-audit-receipt/v1\n${districtCode}\n${signedPartOf(entry)}`
}

/** The receipt's generation for rows written before receipts existed. */
export const LEGACY_GENERATION = 'legacy'
