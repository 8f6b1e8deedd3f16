/**
 * What the UI, logs, exports and error messages show instead of a full identity number
 * (UU 27/2022 Pelindungan Data Pribadi: NIK and KK are personal data; show only what the clerk needs
 * to recognise a record).
 *
 * A NIK keeps its first six digits (the region, not personal) and its last four (enough to tell two
 * records apart on screen); the birth date in the middle is hidden. Anything that is not a clean
 * number is masked completely, with a fixed length, rather than risk showing part of it.
 */
import { normalizeDigits } from './nik'
import { normalizePhone } from './phone'

const FULLY_MASKED_16 = '*'.repeat(16)
const FULLY_MASKED_PHONE = '*'.repeat(12)
const MAX_RAW_LENGTH = 64

function maskSixteenDigits(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > MAX_RAW_LENGTH) return FULLY_MASKED_16
  const digits = normalizeDigits(raw)
  if (!/^\d{16}$/.test(digits)) return FULLY_MASKED_16
  return `${digits.slice(0, 6)}******${digits.slice(12)}`
}

/** '6402061505900001' → '640206******0001'. */
export function maskNik(nik: unknown): string {
  return maskSixteenDigits(nik)
}

/** Same shape as maskNik: '6402060101150003' → '640206******0003'. */
export function maskKk(kk: unknown): string {
  return maskSixteenDigits(kk)
}

/** '+6281234567890' → '0812****7890': first four and last four digits of the national form. */
export function maskPhone(phone: unknown): string {
  const normalized = normalizePhone(phone)
  if (!normalized.ok) return FULLY_MASKED_PHONE
  const national = normalized.national
  return `${national.slice(0, 4)}${'*'.repeat(national.length - 8)}${national.slice(-4)}`
}
