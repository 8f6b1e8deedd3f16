/**
 * Nomor KK, the 16-digit number of the Kartu Keluarga. It opens with the same province, kabupaten
 * and kecamatan codes as a NIK, followed by the issue date and a serial. Only the shape and the
 * province are checked: the clerk cannot verify the rest, and the family may have moved since the
 * card was issued, so the region need not be this district.
 */
import { isProvinceCode } from '../region/provinces'
import { normalizeDigits } from './nik'

export type KkReason =
  'KK_EMPTY' | 'KK_NOT_DIGITS' | 'KK_LENGTH' | 'KK_ALL_ZEROS' | 'KK_PROVINCE_UNKNOWN'

export type KkParseResult =
  | { ok: true; kk: string }
  | { ok: false; reason: KkReason; params?: Record<string, string | number> }

const KK_LENGTH = 16
const MAX_RAW_KK_LENGTH = 64

export function parseKk(raw: unknown): KkParseResult {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'KK_EMPTY' }
  if (raw.length > MAX_RAW_KK_LENGTH) {
    return { ok: false, reason: 'KK_LENGTH', params: { length: raw.length } }
  }
  const kk = normalizeDigits(raw)
  if (!/^\d*$/.test(kk)) return { ok: false, reason: 'KK_NOT_DIGITS' }
  if (kk.length !== KK_LENGTH)
    return { ok: false, reason: 'KK_LENGTH', params: { length: kk.length } }
  // "0000000000000000" is what a clerk types to get past a required field.
  if (/^0+$/.test(kk)) return { ok: false, reason: 'KK_ALL_ZEROS' }
  const provinceCode = kk.slice(0, 2)
  if (!isProvinceCode(provinceCode)) {
    return { ok: false, reason: 'KK_PROVINCE_UNKNOWN', params: { provinceCode } }
  }
  return { ok: true, kk }
}
