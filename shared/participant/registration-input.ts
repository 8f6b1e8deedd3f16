/**
 * The registration form's rules, in one pure function the renderer calls on every change and the
 * store calls again before saving (a tampered IPC message gets the same checks as a form).
 *
 * Errors block saving; warnings are shown and the clerk may save anyway (e.g. a NIK first issued in
 * another kabupaten, since people move).
 */
import { compareDates, parseIsoDate } from '../dates/calendar-date'
import type { District } from '../district/district-config'
import type { Issue, IssueCode, IssueParams, IssueSeverity } from '../issues/issue'
import { parseKk } from '../identity/kk'
import { checkNikAgainstPerson, parseNik, type Sex } from '../identity/nik'
import { normalizePhone } from '../identity/phone'
import { MAX_FIELD_LENGTH, asInputText } from '../text/input-text'
import { checkEligibility } from './eligibility'
import { nameSearchKey, normalizePersonName } from './names'

/** Every value exactly as typed in the form. */
export interface RegistrationInput {
  nik: string
  kk: string
  fullName: string
  birthPlace: string
  /** 'YYYY-MM-DD', as an <input type="date"> gives it. */
  birthDate: string
  sex: 'L' | 'P' | ''
  address: string
  rt: string
  rw: string
  /** '64.02.06' */
  kecamatanCode: string
  /** '64.02.06.1001' */
  villageCode: string
  occupationCode: string
  /** 'Rp 1.500.000', '1500000', '1.500.000,-' */
  monthlyIncome: string
  /** Optional: '' when the person has no phone. */
  phone: string
  heirName: string
  heirRelationship: string
}

export type RegistrationField = keyof RegistrationInput

/** In form order. A Record, so the compiler demands every field of RegistrationInput here. */
const FIELD_ORDER: Record<RegistrationField, true> = {
  nik: true,
  kk: true,
  fullName: true,
  birthPlace: true,
  birthDate: true,
  sex: true,
  address: true,
  rt: true,
  rw: true,
  kecamatanCode: true,
  villageCode: true,
  occupationCode: true,
  monthlyIncome: true,
  phone: true,
  heirName: true,
  heirRelationship: true,
}

export const REGISTRATION_FIELDS = Object.freeze(
  Object.keys(FIELD_ORDER),
) as readonly RegistrationField[]

export interface FieldIssue extends Issue {
  field: RegistrationField
}

export interface ValidRegistration {
  /** 16 digits, separators removed. */
  nik: string
  kk: string
  fullName: string
  birthPlace: string
  birthDate: string
  sex: Sex
  address: string
  /** Three digits, '003'. */
  rt: string
  rw: string
  kecamatanCode: string
  villageCode: string
  occupationCode: string
  /** Whole rupiah. */
  monthlyIncome: number
  /** '+628…', or null when none was given. */
  phone: string | null
  heirName: string
  heirRelationship: string
}

export type RegistrationResult =
  | { ok: true; value: ValidRegistration; warnings: FieldIssue[] }
  | { ok: false; errors: FieldIssue[]; warnings: FieldIssue[] }

export interface RegistrationContext {
  district: District
  /** The registration date, 'YYYY-MM-DD' in the office's time zone. */
  today: string
  /**
   * The kecamatan a kecamatan office serves. The server takes from such an office only people
   * living in it, so the form warns at once when another kecamatan is chosen, rather than the
   * record being refused at the next sync with no word at the desk. A warning, not an error: an
   * office working alone may still keep the record, and the sync bar says when it is refused.
   * Absent for district-wide offices.
   */
  officeKecamatanCode?: string | null
}

const NAME_LIMITS = { min: 2, max: 100 }
const PLACE_LIMITS = { min: 2, max: 100 }
const ADDRESS_LIMITS = { min: 5, max: 200 }
export const MAX_MONTHLY_INCOME = 1_000_000_000

/** Letters of any script with their combining marks, spaces, and . , ' - (KTP names use these). */
const NAME_PATTERN = /^[\p{L}\p{M} .,'-]+$/u
/** Birth places may carry a number or brackets: "Kota Bangun I", "Loa Janan (Ulu)", "Km 10". */
const PLACE_PATTERN = /^[\p{L}\p{M}\p{N} .,'()/-]+$/u
const HAS_LETTER = /\p{L}/u
/**
 * Refused in an address: control characters, '<' and '>' (never in an address, always in an
 * injection attempt), unpaired surrogates, private-use and invisible format characters, and emoji
 * (the card printer's font has none, and a KTP address never holds one).
 */
const ADDRESS_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}<>\p{Extended_Pictographic}]/u
const RT_RW_PATTERN = /^\d{1,3}$/

type Collector = {
  add(
    field: RegistrationField,
    code: IssueCode,
    severity?: IssueSeverity,
    params?: IssueParams,
  ): void
  /** Adds an error and returns null, so a check can end with `return issues.reject(…)`. */
  reject(field: RegistrationField, code: IssueCode, params?: IssueParams): null
  addIssue(field: RegistrationField, issue: Issue): void
  hasError(field: RegistrationField): boolean
}

function createCollector(errors: FieldIssue[], warnings: FieldIssue[]): Collector {
  const failed = new Set<RegistrationField>()
  const collector: Collector = {
    add(field, code, severity = 'error', params) {
      collector.addIssue(field, params ? { severity, code, params } : { severity, code })
    },
    reject(field, code, params) {
      collector.add(field, code, 'error', params)
      return null
    },
    addIssue(field, issue) {
      const fieldIssue: FieldIssue = { field, ...issue }
      if (issue.severity === 'error') {
        errors.push(fieldIssue)
        failed.add(field)
      } else {
        warnings.push(fieldIssue)
      }
    },
    hasError: (field) => failed.has(field),
  }
  return collector
}

/** Name rules shared by the participant and the heir. Returns the normalised name or null. */
function checkPersonName(text: string, field: RegistrationField, issues: Collector): string | null {
  const name = normalizePersonName(text)
  if (name === '') return issues.reject(field, 'REQUIRED')
  if (name.length > NAME_LIMITS.max) {
    return issues.reject(field, 'TOO_LONG', { max: NAME_LIMITS.max })
  }
  if (!NAME_PATTERN.test(name)) return issues.reject(field, 'NAME_INVALID_CHARS')
  if (!HAS_LETTER.test(name)) return issues.reject(field, 'NAME_NEEDS_LETTER')
  if (name.length < NAME_LIMITS.min) {
    return issues.reject(field, 'TOO_SHORT', { min: NAME_LIMITS.min })
  }
  return name
}

function checkBirthPlace(text: string, issues: Collector): string | null {
  const place = normalizePersonName(text)
  if (place === '') return issues.reject('birthPlace', 'REQUIRED')
  if (place.length > PLACE_LIMITS.max) {
    return issues.reject('birthPlace', 'TOO_LONG', { max: PLACE_LIMITS.max })
  }
  if (!PLACE_PATTERN.test(place)) return issues.reject('birthPlace', 'PLACE_INVALID_CHARS')
  if (!HAS_LETTER.test(place)) return issues.reject('birthPlace', 'NAME_NEEDS_LETTER')
  if (place.length < PLACE_LIMITS.min) {
    return issues.reject('birthPlace', 'TOO_SHORT', { min: PLACE_LIMITS.min })
  }
  return place
}

function checkAddress(text: string, issues: Collector): string | null {
  // Line breaks from a textarea become spaces; the forbidden-character check then sees the rest.
  const address = text
    .normalize('NFC')
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
  if (address === '') return issues.reject('address', 'REQUIRED')
  if (address.length > ADDRESS_LIMITS.max) {
    return issues.reject('address', 'TOO_LONG', { max: ADDRESS_LIMITS.max })
  }
  if (ADDRESS_FORBIDDEN.test(address)) return issues.reject('address', 'ADDRESS_INVALID_CHARS')
  if (address.length < ADDRESS_LIMITS.min) {
    return issues.reject('address', 'TOO_SHORT', { min: ADDRESS_LIMITS.min })
  }
  return address
}

/** RT and RW are numbered from 001 and printed with three digits on the KTP. */
function checkRtRw(text: string, field: 'rt' | 'rw', issues: Collector): string | null {
  const value = text.trim()
  if (value === '') return issues.reject(field, 'REQUIRED')
  if (!RT_RW_PATTERN.test(value) || Number(value) === 0) {
    return issues.reject(field, field === 'rt' ? 'RT_INVALID' : 'RW_INVALID')
  }
  return value.padStart(3, '0')
}

/**
 * Rupiah as clerks type it: 'Rp 1.500.000', 'Rp1.500.000,-', '1.500.000,00', '1500000', and
 * '1,500,000' from an English keyboard. Dots (or commas) must group by three: '1.50' is refused
 * rather than guessed, because a misread income changes the premium band.
 */
export function parseRupiah(raw: unknown): number | null {
  const text = asInputText(raw)
  if (text.length > 40) return null
  let body = text.trim().replace(/^(?:rp\.?|idr)\s*/i, '')
  body = body.replace(/\s+/g, '').replace(/,(?:-|0{1,2})$/, '')
  let digits: string
  if (/^\d+$/.test(body)) digits = body
  else if (/^\d{1,3}(?:\.\d{3})+$/.test(body)) digits = body.replace(/\./g, '')
  else if (/^\d{1,3}(?:,\d{3})+$/.test(body)) digits = body.replace(/,/g, '')
  else return null
  const value = Number(digits)
  return Number.isSafeInteger(value) ? value : null
}

function checkIncome(text: string, issues: Collector): number | null {
  if (text.trim() === '') return issues.reject('monthlyIncome', 'REQUIRED')
  const value = parseRupiah(text)
  if (value === null) return issues.reject('monthlyIncome', 'INCOME_INVALID')
  if (value > MAX_MONTHLY_INCOME) {
    return issues.reject('monthlyIncome', 'INCOME_TOO_HIGH', { max: MAX_MONTHLY_INCOME })
  }
  return value
}

/** The values of a stored record as the form would type them, to check a record again. */
export function registrationInputOf(doc: {
  nik: string
  kk: string
  fullName: string
  birthPlace: string
  birthDate: string
  sex: RegistrationInput['sex']
  address: string
  rt: string
  rw: string
  kecamatanCode: string
  villageCode: string
  occupationCode: string
  monthlyIncome: number
  phone?: string | null
  heirName: string
  heirRelationship: string
}): RegistrationInput {
  return {
    nik: doc.nik,
    kk: doc.kk,
    fullName: doc.fullName,
    birthPlace: doc.birthPlace,
    birthDate: doc.birthDate,
    sex: doc.sex,
    address: doc.address,
    rt: doc.rt,
    rw: doc.rw,
    kecamatanCode: doc.kecamatanCode,
    villageCode: doc.villageCode,
    occupationCode: doc.occupationCode,
    monthlyIncome: String(doc.monthlyIncome),
    phone: doc.phone ?? '',
    heirName: doc.heirName,
    heirRelationship: doc.heirRelationship,
  }
}

export function validateRegistration(
  input: RegistrationInput,
  ctx: RegistrationContext,
): RegistrationResult {
  const errors: FieldIssue[] = []
  const warnings: FieldIssue[] = []
  const issues = createCollector(errors, warnings)
  const { district, today } = ctx
  const record: Partial<Record<RegistrationField, unknown>> =
    typeof input === 'object' && input !== null ? input : {}

  // Refuse an over-long value before any other work: a 10 MB paste must not reach a regex.
  const text = {} as Record<RegistrationField, string>
  for (const field of REGISTRATION_FIELDS) {
    const value = asInputText(record[field])
    if (value.length > MAX_FIELD_LENGTH) {
      issues.add(field, 'TOO_LONG', 'error', { max: MAX_FIELD_LENGTH })
      text[field] = ''
    } else {
      text[field] = value
    }
  }
  const isUsable = (field: RegistrationField): boolean => !issues.hasError(field)

  // Identity numbers.
  let nik: string | null = null
  if (isUsable('nik')) {
    const parsed = parseNik(text.nik)
    if (parsed.ok) nik = parsed.nik
    else
      issues.reject(
        'nik',
        parsed.reason === 'NIK_EMPTY' ? 'REQUIRED' : parsed.reason,
        parsed.params,
      )
  }
  let kk: string | null = null
  if (isUsable('kk')) {
    const parsed = parseKk(text.kk)
    if (parsed.ok) kk = parsed.kk
    else
      issues.reject('kk', parsed.reason === 'KK_EMPTY' ? 'REQUIRED' : parsed.reason, parsed.params)
  }
  if (nik !== null && kk !== null && nik === kk) {
    // The NIK typed twice is the usual slip; a real KK equal to a NIK is practically impossible.
    issues.add('kk', 'KK_SAME_AS_NIK', 'warning')
  }

  // Person.
  const fullName = isUsable('fullName') ? checkPersonName(text.fullName, 'fullName', issues) : null
  const birthPlace = isUsable('birthPlace') ? checkBirthPlace(text.birthPlace, issues) : null

  let birthDate: string | null = null
  if (isUsable('birthDate')) {
    const raw = text.birthDate.trim()
    const parsed = parseIsoDate(raw)
    const todayDate = parseIsoDate(today)
    if (raw === '') issues.add('birthDate', 'REQUIRED')
    else if (!parsed || !todayDate) issues.add('birthDate', 'BIRTH_DATE_INVALID')
    else if (compareDates(parsed, todayDate) > 0) issues.add('birthDate', 'BIRTH_DATE_IN_FUTURE')
    else birthDate = raw
  }

  let sex: Sex | null = null
  if (isUsable('sex')) {
    const raw = text.sex.trim()
    if (raw === '') issues.add('sex', 'REQUIRED')
    else if (raw === 'L' || raw === 'P') sex = raw
    else issues.add('sex', 'SEX_INVALID')
  }

  if (nik !== null) {
    const nikIssues = checkNikAgainstPerson(
      nik,
      { birthDate: birthDate ?? '', sex: sex ?? '' },
      district,
      today,
    )
    for (const issue of nikIssues) issues.addIssue('nik', issue)
  }

  // Address.
  const address = isUsable('address') ? checkAddress(text.address, issues) : null
  const rt = isUsable('rt') ? checkRtRw(text.rt, 'rt', issues) : null
  const rw = isUsable('rw') ? checkRtRw(text.rw, 'rw', issues) : null

  let kecamatanCode: string | null = null
  if (isUsable('kecamatanCode')) {
    const raw = text.kecamatanCode.trim()
    if (raw === '') issues.add('kecamatanCode', 'REQUIRED')
    else if (!district.regions.kecamatanByCode(raw))
      issues.add('kecamatanCode', 'KECAMATAN_UNKNOWN')
    else if (ctx.officeKecamatanCode && raw !== ctx.officeKecamatanCode) {
      issues.add('kecamatanCode', 'KECAMATAN_OUTSIDE_OFFICE', 'warning', {
        kecamatanName: district.regions.kecamatanByCode(raw)?.name ?? raw,
        officeKecamatanName:
          district.regions.kecamatanByCode(ctx.officeKecamatanCode)?.name ??
          ctx.officeKecamatanCode,
      })
      kecamatanCode = raw
    } else kecamatanCode = raw
  }
  let villageCode: string | null = null
  if (isUsable('villageCode')) {
    const raw = text.villageCode.trim()
    const village = district.regions.villageByCode(raw)
    if (raw === '') issues.add('villageCode', 'REQUIRED')
    else if (!village) issues.add('villageCode', 'VILLAGE_UNKNOWN')
    else if (kecamatanCode !== null && village.kecamatanCode !== kecamatanCode) {
      const chosen = district.regions.kecamatanByCode(kecamatanCode)
      issues.add('villageCode', 'VILLAGE_NOT_IN_KECAMATAN', 'error', {
        villageName: village.name,
        kecamatanName: chosen?.name ?? kecamatanCode,
      })
    } else villageCode = raw
  }

  // Work and eligibility.
  let occupationCode: string | null = null
  if (isUsable('occupationCode')) {
    const raw = text.occupationCode.trim()
    if (raw === '') issues.add('occupationCode', 'REQUIRED')
    else occupationCode = raw
  }
  if (birthDate !== null || occupationCode !== null) {
    const eligibility = checkEligibility(
      { birthDate: birthDate ?? '', occupationCode: occupationCode ?? '' },
      district,
      today,
    )
    for (const issue of eligibility) {
      // Each part is reported only when its own field was filled in and passed its own checks.
      if (issue.code === 'OCCUPATION_NOT_ELIGIBLE') {
        if (occupationCode !== null) issues.addIssue('occupationCode', issue)
      } else if (birthDate !== null) {
        issues.addIssue('birthDate', issue)
      }
    }
  }
  const monthlyIncome = isUsable('monthlyIncome') ? checkIncome(text.monthlyIncome, issues) : null

  let phone: string | null = null
  if (isUsable('phone') && text.phone.trim() !== '') {
    const parsed = normalizePhone(text.phone)
    if (parsed.ok) phone = parsed.phone
    else issues.add('phone', parsed.reason, 'error', parsed.params)
  }

  // Heir (ahli waris) for the JKM death benefit.
  const heirName = isUsable('heirName') ? checkPersonName(text.heirName, 'heirName', issues) : null
  if (
    heirName !== null &&
    fullName !== null &&
    nameSearchKey(heirName) === nameSearchKey(fullName)
  ) {
    issues.add('heirName', 'HEIR_SAME_AS_PARTICIPANT', 'warning')
  }
  let heirRelationship: string | null = null
  if (isUsable('heirRelationship')) {
    const raw = text.heirRelationship.trim()
    if (raw === '') issues.add('heirRelationship', 'REQUIRED')
    else if (!district.heirRelationshipByCode(raw)) {
      issues.add('heirRelationship', 'HEIR_RELATIONSHIP_UNKNOWN')
    } else heirRelationship = raw
  }

  if (
    errors.length > 0 ||
    nik === null ||
    kk === null ||
    fullName === null ||
    birthPlace === null ||
    birthDate === null ||
    sex === null ||
    address === null ||
    rt === null ||
    rw === null ||
    kecamatanCode === null ||
    villageCode === null ||
    occupationCode === null ||
    monthlyIncome === null ||
    heirName === null ||
    heirRelationship === null
  ) {
    return { ok: false, errors, warnings }
  }
  return {
    ok: true,
    value: {
      nik,
      kk,
      fullName,
      birthPlace,
      birthDate,
      sex,
      address,
      rt,
      rw,
      kecamatanCode,
      villageCode,
      occupationCode,
      monthlyIncome,
      phone,
      heirName,
      heirRelationship,
    },
    warnings,
  }
}
