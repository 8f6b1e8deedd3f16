/**
 * Who the programme pays for: an age range and a list of informal-worker occupations, both taken
 * from district.json so another kabupaten can set its own.
 */
import { compareDates, isLeapYear, parseIsoDate } from '../dates/calendar-date'
import type { District } from '../district/district-config'
import type { Issue } from '../issues/issue'

/**
 * Age in whole years on `onDate`, or null when a date is not a real 'YYYY-MM-DD'. Negative when
 * `onDate` is before the birth.
 *
 * Someone born on 29 February has their birthday on 1 March in a common year: on 28 February 2025
 * a person born 29 February 2008 is still 16, on 1 March 2025 they are 17. This is the usual
 * reading (the day after 28 February), and it never lets a person in a day before they reach the
 * minimum age.
 */
export function ageOn(birthDate: string, onDate: string): number | null {
  const birth = parseIsoDate(birthDate)
  const on = parseIsoDate(onDate)
  if (!birth || !on) return null
  let birthdayMonth = birth.month
  let birthdayDay = birth.day
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(on.year)) {
    birthdayMonth = 3
    birthdayDay = 1
  }
  const hadBirthday =
    on.month > birthdayMonth || (on.month === birthdayMonth && on.day >= birthdayDay)
  return on.year - birth.year - (hadBirthday ? 0 : 1)
}

export type EligibilityIssueCode =
  | 'BIRTH_DATE_INVALID'
  | 'BIRTH_DATE_IN_FUTURE'
  | 'AGE_BELOW_MIN'
  | 'AGE_ABOVE_MAX'
  | 'OCCUPATION_NOT_ELIGIBLE'

/**
 * Eligibility on the registration date. The age range is inclusive: with 18..64 a person is
 * eligible from their 18th birthday until the day before their 65th.
 */
export function checkEligibility(
  person: { birthDate: string; occupationCode: string },
  district: District,
  registrationDate: string,
): Issue<EligibilityIssueCode>[] {
  const issues: Issue<EligibilityIssueCode>[] = []
  const birth = parseIsoDate(person.birthDate)
  const registration = parseIsoDate(registrationDate)
  const { min, max } = district.config.ageRange

  if (!birth || !registration) {
    issues.push({ severity: 'error', code: 'BIRTH_DATE_INVALID' })
  } else if (compareDates(birth, registration) > 0) {
    issues.push({ severity: 'error', code: 'BIRTH_DATE_IN_FUTURE' })
  } else {
    const age = ageOn(person.birthDate, registrationDate) ?? 0
    if (age < min) issues.push({ severity: 'error', code: 'AGE_BELOW_MIN', params: { age, min } })
    if (age > max) issues.push({ severity: 'error', code: 'AGE_ABOVE_MAX', params: { age, max } })
  }

  if (!district.occupationByCode(person.occupationCode)) {
    issues.push({ severity: 'error', code: 'OCCUPATION_NOT_ELIGIBLE' })
  }
  return issues
}
