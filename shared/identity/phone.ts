/**
 * Indonesian mobile numbers, for the SMS that confirms a registration.
 *
 * Mobile numbers are 08 + 8..11 digits nationally (10..13 digits in all) and +628… internationally
 * (ITU-T E.164, country code 62). Landlines start with an area code instead, e.g. 0541 Samarinda,
 * and 0800/0804/0809 are toll-free and premium services, so only 081…089 count as mobile.
 */

export type PhoneReason =
  'PHONE_EMPTY' | 'PHONE_INVALID_CHARS' | 'PHONE_NOT_MOBILE' | 'PHONE_LENGTH'

export type PhoneResult =
  | { ok: true; phone: string; national: string }
  | { ok: false; reason: PhoneReason; params?: Record<string, string | number> }

const MIN_NATIONAL_LENGTH = 10
const MAX_NATIONAL_LENGTH = 13
const MAX_RAW_PHONE_LENGTH = 40

export function normalizePhone(raw: unknown): PhoneResult {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'PHONE_EMPTY' }
  if (raw.length > MAX_RAW_PHONE_LENGTH) {
    return { ok: false, reason: 'PHONE_LENGTH', params: { length: raw.length } }
  }
  const trimmed = raw.trim()
  // Digits and the separators people write: "0812-3456-7890", "(0812) 3456 7890", "+62 812.3456".
  if (!/^\+?[\d\s.\-()]+$/.test(trimmed)) return { ok: false, reason: 'PHONE_INVALID_CHARS' }
  const hasPlus = trimmed.startsWith('+')
  const digits = trimmed.replace(/[^\d]/g, '')

  let national: string
  if (digits.startsWith('62')) {
    // "+62 (0)812…" keeps the trunk 0 by habit; drop it rather than refuse the number.
    const rest = digits.slice(2)
    national = rest.startsWith('0') ? rest : `0${rest}`
  } else if (hasPlus) {
    return { ok: false, reason: 'PHONE_NOT_MOBILE' }
  } else if (digits.startsWith('8')) {
    // "812 3456 7890" without the 0: no Indonesian area code starts with 8, so it is mobile.
    national = `0${digits}`
  } else {
    national = digits
  }

  if (!/^08[1-9]/.test(national)) return { ok: false, reason: 'PHONE_NOT_MOBILE' }
  if (national.length < MIN_NATIONAL_LENGTH || national.length > MAX_NATIONAL_LENGTH) {
    return { ok: false, reason: 'PHONE_LENGTH', params: { length: national.length } }
  }
  return { ok: true, phone: `+62${national.slice(1)}`, national }
}
