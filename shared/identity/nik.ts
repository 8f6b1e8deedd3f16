/**
 * NIK, Nomor Induk Kependudukan: the 16-digit number on the KTP (UU 24/2013 Pasal 13; layout in
 * Permendagri 19/2010 and the Dukcapil guidelines):
 *
 *   PP RR KK  DDMMYY  SSSS
 *   64 02 06  150590  0001
 *
 * PP province, RR kabupaten/kota, KK kecamatan where the NIK was FIRST issued (it never changes
 * when the person moves), DDMMYY the birth date where women add 40 to the day (so 55 = the 15th),
 * SSSS a serial that starts at 0001.
 */
import {
  compareDates,
  formatIsoDate,
  parseIsoDate,
  type CalendarDate,
} from '../dates/calendar-date'
import type { District } from '../district/district-config'
import type { Issue } from '../issues/issue'
import { isProvinceCode, provinceNameOf } from '../region/provinces'

export type Sex = 'L' | 'P'

export interface NikParts {
  provinceCode: string
  /** Province + kabupaten/kota, '6402'. */
  regencyCode: string
  /** Province + kabupaten/kota + kecamatan, '640206'. */
  kecamatanCode: string
  /** The real day of the month, 1..31 (40 already taken off for women). */
  birthDay: number
  birthMonth: number
  /** The two year digits exactly as in the NIK, '90'. The century is not in the NIK. */
  birthYear2: string
  sex: Sex
  serial: string
}

export type NikReason =
  | 'NIK_EMPTY'
  | 'NIK_NOT_DIGITS'
  | 'NIK_LENGTH'
  | 'NIK_PROVINCE_UNKNOWN'
  | 'NIK_REGION_INVALID'
  | 'NIK_DATE_INVALID'
  | 'NIK_SERIAL_ZERO'

export type NikParseResult =
  | { ok: true; nik: string; parts: NikParts }
  | { ok: false; reason: NikReason; params?: Record<string, string | number> }

export const NIK_LENGTH = 16
/** Longer than any NIK with generous separators: refuse before touching it with a regex. */
const MAX_RAW_NIK_LENGTH = 64
const WOMEN_DAY_OFFSET = 40

/**
 * Drops what people put between digit groups when they copy a NIK: spaces (also the no-break space
 * of WhatsApp), dashes and dots, e.g. "6402 0615-0590 0001". Anything else stays, so that letters
 * are reported instead of silently dropped. Non-text input gives ''.
 */
export function normalizeDigits(raw: unknown): string {
  if (typeof raw !== 'string') return ''
  // One character class, no nesting: linear time even on a 10 MB paste.
  return raw.replace(/[\s.\-\u2010-\u2015\u2212]/g, '')
}

/**
 * Whether the NIK's DDMM can be a real day. The NIK holds only YY; 29 February is accepted when
 * YY % 4 === 0, the years that are leap in either century (00 always reads as 2000, a leap year,
 * under the century rule of birthDateFromNik).
 */
function isPlausibleNikDate(day: number, month: number, year2: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const leapPossible = year2 % 4 === 0
  const maxDay = month === 2 ? (leapPossible ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
  return day <= maxDay
}

export function parseNik(raw: unknown): NikParseResult {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'NIK_EMPTY' }
  if (raw.length > MAX_RAW_NIK_LENGTH) {
    return { ok: false, reason: 'NIK_LENGTH', params: { length: raw.length } }
  }
  const nik = normalizeDigits(raw)
  if (!/^\d*$/.test(nik)) return { ok: false, reason: 'NIK_NOT_DIGITS' }
  if (nik.length !== NIK_LENGTH) {
    return { ok: false, reason: 'NIK_LENGTH', params: { length: nik.length } }
  }
  const provinceCode = nik.slice(0, 2)
  if (!isProvinceCode(provinceCode)) {
    return { ok: false, reason: 'NIK_PROVINCE_UNKNOWN', params: { provinceCode } }
  }
  // Kemendagri numbers kabupaten/kota and kecamatan from 01: a 00 is a typing error.
  if (nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') {
    return { ok: false, reason: 'NIK_REGION_INVALID' }
  }
  const rawDay = Number(nik.slice(6, 8))
  const birthMonth = Number(nik.slice(8, 10))
  const birthYear2 = nik.slice(10, 12)
  const sex: Sex = rawDay > WOMEN_DAY_OFFSET ? 'P' : 'L'
  const birthDay = sex === 'P' ? rawDay - WOMEN_DAY_OFFSET : rawDay
  if (!isPlausibleNikDate(birthDay, birthMonth, Number(birthYear2))) {
    return {
      ok: false,
      reason: 'NIK_DATE_INVALID',
      params: { day: nik.slice(6, 8), month: nik.slice(8, 10) },
    }
  }
  const serial = nik.slice(12, 16)
  if (serial === '0000') return { ok: false, reason: 'NIK_SERIAL_ZERO' }
  return {
    ok: true,
    nik,
    parts: {
      provinceCode,
      regencyCode: nik.slice(0, 4),
      kecamatanCode: nik.slice(0, 6),
      birthDay,
      birthMonth,
      birthYear2,
      sex,
      serial,
    },
  }
}

/**
 * The birth date a NIK encodes. The NIK has no century: YY up to today's YY reads as 20YY, a larger
 * YY as 19YY. When 20YY would put the birth after today (YY equal to this year, a later month) it
 * reads as 19YY too, since nobody registers before being born. Returns null for an invalid NIK or
 * an invalid `today`.
 */
export function birthDateFromNik(
  nik: string,
  today: string,
): { birthDate: string; sex: Sex } | null {
  const parsed = parseNik(nik)
  const todayDate = parseIsoDate(today)
  if (!parsed.ok || !todayDate) return null
  const { birthDay, birthMonth, birthYear2, sex } = parsed.parts
  const year2 = Number(birthYear2)
  const todayYear2 = todayDate.year % 100
  const todayCentury = todayDate.year - todayYear2
  let year = year2 <= todayYear2 ? todayCentury + year2 : todayCentury - 100 + year2
  const candidate: CalendarDate = { year, month: birthMonth, day: birthDay }
  if (compareDates(candidate, todayDate) > 0) year -= 100
  // 29 Feb of 1900 (not leap) has no real day; only reachable with a `today` before 2000.
  const birth = parseIsoDate(formatIsoDate({ year, month: birthMonth, day: birthDay }))
  if (!birth) return null
  return { birthDate: formatIsoDate(birth), sex }
}

export type NikPersonIssueCode =
  | 'NIK_BIRTH_DAY_MISMATCH'
  | 'NIK_BIRTH_MONTH_MISMATCH'
  | 'NIK_BIRTH_YEAR_MISMATCH'
  | 'NIK_SEX_MISMATCH'
  | 'NIK_OUTSIDE_DISTRICT'
  | 'NIK_KECAMATAN_UNKNOWN'

/**
 * Compares a valid NIK with what the clerk typed and with the district. Each disagreement is its own
 * issue naming the part that differs, so the clerk knows which digits to look at on the KTP.
 * Parts of the person that are missing or invalid are skipped (the form reports them already).
 * An invalid NIK gives no issues here: parseNik reports it.
 *
 * `_today` is unused: the year is compared on the NIK's own two digits, so no century guess (and
 * no clock) is involved. It stays in the signature so callers pass the same context everywhere.
 */
export function checkNikAgainstPerson(
  nik: string,
  person: { birthDate: string; sex: string },
  district: District,
  _today?: string,
): Issue<NikPersonIssueCode>[] {
  const parsed = parseNik(nik)
  if (!parsed.ok) return []
  const parts = parsed.parts
  const issues: Issue<NikPersonIssueCode>[] = []
  const entered = parseIsoDate(person.birthDate)
  const nikDayDigits = parsed.nik.slice(6, 8)

  if (entered) {
    if (entered.day !== parts.birthDay) {
      issues.push({
        severity: 'error',
        code: 'NIK_BIRTH_DAY_MISMATCH',
        params: { nikDay: parts.birthDay, enteredDay: entered.day, nikDayDigits },
      })
    }
    if (entered.month !== parts.birthMonth) {
      issues.push({
        severity: 'error',
        code: 'NIK_BIRTH_MONTH_MISMATCH',
        params: { nikMonth: parts.birthMonth, enteredMonth: entered.month },
      })
    }
    // Compare only the two digits the NIK holds: a century guess must not invent a mismatch.
    const enteredYear2 = String(entered.year % 100).padStart(2, '0')
    if (enteredYear2 !== parts.birthYear2) {
      issues.push({
        severity: 'error',
        code: 'NIK_BIRTH_YEAR_MISMATCH',
        params: { nikYear2: parts.birthYear2, enteredYear: entered.year },
      })
    }
  }

  if ((person.sex === 'L' || person.sex === 'P') && person.sex !== parts.sex) {
    issues.push({
      severity: 'error',
      code: 'NIK_SEX_MISMATCH',
      params: { nikSex: parts.sex, enteredSex: person.sex, nikDayDigits },
    })
  }

  if (parts.regencyCode !== district.nikRegencyCode) {
    // A warning, not an error: people move, and the NIK keeps the region where it was first issued.
    issues.push({
      severity: 'warning',
      code: 'NIK_OUTSIDE_DISTRICT',
      params: {
        regencyCode: parts.regencyCode,
        provinceName: provinceNameOf(parts.provinceCode) ?? parts.provinceCode,
        districtName: district.config.region.name,
      },
    })
  } else {
    const kecamatanCode = `${district.config.region.code}.${parts.kecamatanCode.slice(4, 6)}`
    if (!district.regions.kecamatanByCode(kecamatanCode)) {
      issues.push({
        severity: 'error',
        code: 'NIK_KECAMATAN_UNKNOWN',
        params: {
          kecamatanShortCode: parts.kecamatanCode.slice(4, 6),
          districtName: district.config.region.name,
        },
      })
    }
  }

  return issues
}
