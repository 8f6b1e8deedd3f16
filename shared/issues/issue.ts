/**
 * The one list of problem codes the domain can report. Each code has an Indonesian and an English
 * message in shared/messages/issue-messages.ts; the compiler refuses a code without one.
 */
export const ISSUE_CODES = [
  // NIK (Nomor Induk Kependudukan) on its own
  'NIK_EMPTY',
  'NIK_NOT_DIGITS',
  'NIK_LENGTH',
  'NIK_PROVINCE_UNKNOWN',
  'NIK_REGION_INVALID',
  'NIK_DATE_INVALID',
  'NIK_SERIAL_ZERO',
  // NIK compared with the person and the district
  'NIK_BIRTH_DAY_MISMATCH',
  'NIK_BIRTH_MONTH_MISMATCH',
  'NIK_BIRTH_YEAR_MISMATCH',
  'NIK_SEX_MISMATCH',
  'NIK_OUTSIDE_DISTRICT',
  'NIK_KECAMATAN_UNKNOWN',
  // KK (nomor Kartu Keluarga)
  'KK_EMPTY',
  'KK_NOT_DIGITS',
  'KK_LENGTH',
  'KK_ALL_ZEROS',
  'KK_PROVINCE_UNKNOWN',
  'KK_SAME_AS_NIK',
  // Phone
  'PHONE_EMPTY',
  'PHONE_INVALID_CHARS',
  'PHONE_NOT_MOBILE',
  'PHONE_LENGTH',
  // Eligibility
  'BIRTH_DATE_INVALID',
  'BIRTH_DATE_IN_FUTURE',
  'AGE_BELOW_MIN',
  'AGE_ABOVE_MAX',
  'OCCUPATION_NOT_ELIGIBLE',
  // Registration form fields
  'REQUIRED',
  'TOO_LONG',
  'TOO_SHORT',
  'NAME_INVALID_CHARS',
  'NAME_NEEDS_LETTER',
  'PLACE_INVALID_CHARS',
  'ADDRESS_INVALID_CHARS',
  'SEX_INVALID',
  'RT_INVALID',
  'RW_INVALID',
  'KECAMATAN_UNKNOWN',
  'KECAMATAN_OUTSIDE_OFFICE',
  'VILLAGE_UNKNOWN',
  'VILLAGE_NOT_IN_KECAMATAN',
  'INCOME_INVALID',
  'INCOME_TOO_HIGH',
  'HEIR_RELATIONSHIP_UNKNOWN',
  'HEIR_SAME_AS_PARTICIPANT',
  // Registration numbers and duplicates (the store reports these two with the same messages)
  'REGISTRATION_NUMBER_INVALID',
  'DUPLICATE_NIK',
  'POSSIBLE_DUPLICATE_PERSON',
] as const

export type IssueCode = (typeof ISSUE_CODES)[number]

export type IssueSeverity = 'error' | 'warning'

/** Values a message may show. Never a full NIK or KK: see shared/identity/masking.ts. */
export type IssueParams = Readonly<Record<string, string | number>>

export interface Issue<C extends IssueCode = IssueCode> {
  severity: IssueSeverity
  code: C
  params?: IssueParams
}

export function isIssueCode(value: unknown): value is IssueCode {
  return typeof value === 'string' && (ISSUE_CODES as readonly string[]).includes(value)
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error')
}
