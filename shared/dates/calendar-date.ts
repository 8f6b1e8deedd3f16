/**
 * Calendar dates as the forms type them: 'YYYY-MM-DD', no time zone.
 *
 * Birth dates and registration dates are civil dates. Going through `Date` would shift them by the
 * device's time zone (WITA is UTC+8), so they are compared as plain year/month/day numbers.
 */

export interface CalendarDate {
  year: number
  month: number
  day: number
}

const ISO_DATE_LENGTH = 10
const HYPHEN = 0x2d
const DIGIT_ZERO = 0x30

/** Gregorian rule: every 4th year, except centuries, except every 4th century (2000 was leap). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  )
}

/** Strict 'YYYY-MM-DD' that names a real day (no 2025-02-29, no 2025-13-01); else null. */
export function parseIsoDate(value: unknown): CalendarDate | null {
  // Character by character rather than a regular expression: the dashboard parses several dates
  // of every record (100,000 on a central PC), and the pattern was its largest single cost.
  if (typeof value !== 'string' || value.length !== ISO_DATE_LENGTH) return null
  if (value.charCodeAt(4) !== HYPHEN || value.charCodeAt(7) !== HYPHEN) return null
  const year = digitsAt(value, 0, 4)
  const month = digitsAt(value, 5, 7)
  const day = digitsAt(value, 8, 10)
  if (year < 0 || month < 0 || day < 0) return null
  return isRealDate(year, month, day) ? { year, month, day } : null
}

/** The number written with ASCII digits from `from` to `to`, or -1 if any is not one. */
function digitsAt(text: string, from: number, to: number): number {
  let value = 0
  for (let index = from; index < to; index += 1) {
    const digit = text.charCodeAt(index) - DIGIT_ZERO
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

export function formatIsoDate(date: CalendarDate): string {
  return [
    String(date.year).padStart(4, '0'),
    String(date.month).padStart(2, '0'),
    String(date.day).padStart(2, '0'),
  ].join('-')
}

/** Negative when a is earlier than b, 0 when the same day, positive when later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}
