/**
 * Registration numbers printed on the participant's card: 'KKOO-SSSSSS', e.g. '0601-000123'.
 *
 *   KK      kecamatan short code ('06' Tenggarong)
 *   OO      office number within the kecamatan (01, 02, … for each laptop that registers)
 *   SSSSSS  that office's own sequence, from 000001
 *
 * Offices register offline for days, so numbers cannot come from a server. Each (kecamatan,
 * office) pair owns its sequence, which makes every number unique without coordination; the
 * office number is assigned once, when a laptop is set up.
 */

export interface RegistrationNumberParts {
  kecamatanShortCode: string
  officeNumber: number
  sequence: number
}

export type RegistrationNumberResult =
  | ({ ok: true; registrationNumber: string } & RegistrationNumberParts)
  | { ok: false; reason: 'REGISTRATION_NUMBER_INVALID' }

export const MAX_OFFICE_NUMBER = 99

/**
 * Office number 99 of every kecamatan is not a laptop: it is the central office's series for
 * records it files in that kecamatan's name — the existing BPJS members Distransnaker imports
 * from BPJS's list (docs/import.md). Kecamatan offices are numbered 1–98, so the two series never
 * meet.
 */
export const CENTRAL_SERIES_OFFICE_NUMBER = 99

/** '06-99': the office code of the central office's series for a kecamatan. */
export function centralSeriesOfficeCode(kecamatanShortCode: string): string {
  return `${kecamatanShortCode}-${CENTRAL_SERIES_OFFICE_NUMBER}`
}
export const MAX_SEQUENCE = 999_999

const KECAMATAN_SHORT_CODE = /^\d{2}$/
const REGISTRATION_NUMBER = /^(\d{2})(\d{2})-?(\d{6})$/

export function isValidRegistrationNumberParts(parts: RegistrationNumberParts): boolean {
  return (
    typeof parts.kecamatanShortCode === 'string' &&
    KECAMATAN_SHORT_CODE.test(parts.kecamatanShortCode) &&
    parts.kecamatanShortCode !== '00' &&
    Number.isInteger(parts.officeNumber) &&
    parts.officeNumber >= 1 &&
    parts.officeNumber <= MAX_OFFICE_NUMBER &&
    Number.isInteger(parts.sequence) &&
    parts.sequence >= 1 &&
    parts.sequence <= MAX_SEQUENCE
  )
}

/**
 * Throws a RangeError for parts out of range: they come from the app's own settings and counter,
 * never from a form, so a bad value is a bug to surface, not a message for the clerk. Call
 * isValidRegistrationNumberParts first where the values are not already known to be good (the
 * counter reaching MAX_SEQUENCE is such a case).
 */
export function formatRegistrationNumber(parts: RegistrationNumberParts): string {
  if (!isValidRegistrationNumberParts(parts)) {
    throw new RangeError(
      `Registration number parts out of range: kecamatan 01..99, office 1..${MAX_OFFICE_NUMBER}, sequence 1..${MAX_SEQUENCE}`,
    )
  }
  const office = String(parts.officeNumber).padStart(2, '0')
  const sequence = String(parts.sequence).padStart(6, '0')
  return `${parts.kecamatanShortCode}${office}-${sequence}`
}

/** Accepts the printed form, with or without the dash and surrounding spaces, e.g. typed from a card. */
export function parseRegistrationNumber(raw: unknown): RegistrationNumberResult {
  const invalid = { ok: false, reason: 'REGISTRATION_NUMBER_INVALID' } as const
  if (typeof raw !== 'string' || raw.length > 40) return invalid
  const match = REGISTRATION_NUMBER.exec(raw.trim())
  if (!match) return invalid
  const parts: RegistrationNumberParts = {
    kecamatanShortCode: match[1] ?? '',
    officeNumber: Number(match[2]),
    sequence: Number(match[3]),
  }
  if (!isValidRegistrationNumberParts(parts)) return invalid
  return { ok: true, registrationNumber: formatRegistrationNumber(parts), ...parts }
}
