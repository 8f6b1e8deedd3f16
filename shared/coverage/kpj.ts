/**
 * KPJ (Kartu Peserta Jamsostek) numbers: BPJS Ketenagakerjaan's participant number. It is kept as
 * TEXT, exactly as BPJS wrote it apart from spacing: leading zeros are part of the number, and
 * its length is BPJS's business (no fixed length is assumed; the stored field allows 30).
 */

export const MAX_KPJ_LENGTH = 30

export type KpjReason = 'KPJ_EMPTY' | 'KPJ_INVALID' | 'KPJ_TOO_LONG' | 'KPJ_EXCEL_NUMBER'

export type KpjResult = { ok: true; kpj: string } | { ok: false; reason: KpjReason }

/** A longer cell is not a KPJ, whatever it holds: refuse before any regex runs on it. */
const MAX_RAW_LENGTH = 200

/** How Excel shows a long number it has turned into a float: 1,23457E+10 or 1.2345678E+10. */
export const EXCEL_SCIENTIFIC = /^\d(?:[.,]\d+)?E\+?\d+$/i

/**
 * '="00012345678"' (the CSV trick that keeps digits as text in Excel) and a leading apostrophe
 * (Excel's text marker) are wrappers, not part of the value.
 */
export function unwrapSpreadsheetText(raw: string): string {
  const formula = /^="(.*)"$/.exec(raw)
  if (formula) return formula[1] ?? ''
  return raw.startsWith("'") ? raw.slice(1) : raw
}

/**
 * ' 000 1234 5678 ' → '00012345678': trimmed, every space inside removed (also the no-break
 * space), leading zeros kept. Digits only, 1..30 of them.
 */
export function parseKpj(raw: unknown): KpjResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'KPJ_EMPTY' }
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, reason: 'KPJ_TOO_LONG' }
  const kpj = unwrapSpreadsheetText(raw.trim()).replace(/[\s\u200b\ufeff]/g, '')
  if (kpj === '') return { ok: false, reason: 'KPJ_EMPTY' }
  if (EXCEL_SCIENTIFIC.test(kpj)) return { ok: false, reason: 'KPJ_EXCEL_NUMBER' }
  if (!/^\d+$/.test(kpj)) return { ok: false, reason: 'KPJ_INVALID' }
  if (kpj.length > MAX_KPJ_LENGTH) return { ok: false, reason: 'KPJ_TOO_LONG' }
  return { ok: true, kpj }
}
