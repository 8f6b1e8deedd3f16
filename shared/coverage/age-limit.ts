/**
 * The programme pays for people aged `ageRange.min`..`ageRange.max` inclusive (district.json,
 * 18..64 in Kutai Kartanegara): coverage paid by the APBD ends on the day before the 65th
 * birthday. This module finds who reaches that day in a window, so a supervisor can end their
 * coverage with the reason 'batas-usia' (and not renew them) instead of finding out from BPJS.
 *
 * Age uses the same rule as registration (`ageOn` in shared/participant/eligibility.ts, re-exported
 * here): someone born on 29 February has their birthday on 1 March in a common year. One rule for
 * both, so registration never calls a person 64 on the day this list calls them 65.
 */
import { addDays } from './calendar-days'
import { isLeapYear, parseIsoDate, formatIsoDate } from '../dates/calendar-date'
import type { DistrictConfig } from '../district/district-config'
import { maskNik } from '../identity/masking'
import type { ParticipantDocument } from '../participant/participant-document'
import { ageLimitText } from './age-limit-messages'
import type { Language } from '../i18n/language'
import { coveredSpan } from './budget'

export { ageOn } from '../participant/eligibility'

/**
 * The day a person born on `birthDate` turns `age` (29 February → 1 March in a common year), or
 * null when the birth date is not a real YYYY-MM-DD.
 */
export function birthdayOfAge(birthDate: string, age: number): string | null {
  const birth = parseIsoDate(birthDate)
  if (!birth || !Number.isInteger(age) || age < 0) return null
  const year = birth.year + age
  if (year > 9999) return null
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) {
    return formatIsoDate({ year, month: 3, day: 1 })
  }
  return formatIsoDate({ year, month: birth.month, day: birth.day })
}

/**
 * The day the person turns `maxAge + 1` — the first day they are over the limit — when it falls
 * within `from`..`until` (both inclusive); otherwise null. Dates are YYYY-MM-DD.
 */
export function reachesAgeLimit(
  birthDate: string,
  maxAge: number,
  from: string,
  until: string,
): string | null {
  const overOn = birthdayOfAge(birthDate, maxAge + 1)
  if (!overOn || !parseIsoDate(from) || !parseIsoDate(until)) return null
  // ISO dates of four-digit years compare correctly as text.
  return from <= overOn && overOn <= until ? overOn : null
}

export interface AgeLimitEntry {
  participantId: string
  registrationNumber: string
  fullName: string
  maskedNik: string
  birthDate: string
  status: ParticipantDocument['status']
  /** First day over the limit (the (max+1)th birthday). */
  overLimitOn: string
  /** The last covered day to record: the day before overLimitOn. */
  lastCoveredDay: string
  /** True when that day was before the window: still recorded as covered, overdue. */
  isOverdue: boolean
  /** What the supervisor reads. */
  sentence: Record<Language, string>
}

/**
 * Whether recorded coverage already stops before `date`: the period that ends last was ended
 * explicitly (`until`), e.g. for another reason. An open period runs to 31 December and is
 * expected to be renewed, so it does not count as stopping.
 */
function coverageStopsBefore(doc: Pick<ParticipantDocument, 'coverage'>, date: string): boolean {
  let latest: { last: string; isEnded: boolean } | null = null
  for (const period of doc.coverage ?? []) {
    const span = coveredSpan(period)
    if (!span) continue
    const last = formatIsoDate(span.last)
    if (!latest || last > latest.last) latest = { last, isEnded: period.until !== undefined }
  }
  return latest !== null && latest.isEnded && latest.last < date
}

/**
 * Active and enrolled participants who pass the age limit within `window` (inclusive), and those
 * already past it who are still recorded as covered (overdue), soonest first. Participants whose
 * coverage was already ended before that day are left out.
 */
export function participantsReachingAgeLimit(
  participants: readonly ParticipantDocument[],
  config: Pick<DistrictConfig, 'ageRange'>,
  window: { from: string; until: string },
): AgeLimitEntry[] {
  const maxAge = config.ageRange.max
  if (!parseIsoDate(window.from) || !parseIsoDate(window.until)) {
    throw new RangeError('window dates must be real YYYY-MM-DD dates')
  }
  const entries: AgeLimitEntry[] = []
  for (const doc of participants) {
    if (doc.status !== 'active' && doc.status !== 'enrolled') continue
    const overLimitOn = birthdayOfAge(doc.birthDate, maxAge + 1)
    if (!overLimitOn || overLimitOn > window.until) continue
    if (coverageStopsBefore(doc, overLimitOn)) continue
    const lastCoveredDay = addDays(overLimitOn, -1)
    const isOverdue = overLimitOn < window.from
    const params = {
      name: doc.fullName,
      registrationNumber: doc.registrationNumber,
      overAge: maxAge + 1,
      maxAge,
      overLimitOn,
      lastCoveredDay,
    }
    const sentence = isOverdue ? 'overdue' : 'upcoming'
    entries.push({
      participantId: doc.id,
      registrationNumber: doc.registrationNumber,
      fullName: doc.fullName,
      maskedNik: maskNik(doc.nik),
      birthDate: doc.birthDate,
      status: doc.status,
      overLimitOn,
      lastCoveredDay,
      isOverdue,
      sentence: {
        id: ageLimitText('id', sentence, params),
        en: ageLimitText('en', sentence, params),
      },
    })
  }
  return entries.sort(
    (a, b) =>
      a.overLimitOn.localeCompare(b.overLimitOn) || a.participantId.localeCompare(b.participantId),
  )
}
