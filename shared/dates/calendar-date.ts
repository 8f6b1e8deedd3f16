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
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

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
  if (typeof value !== 'string' || value.length !== ISO_DATE_LENGTH) return null
  const match = ISO_DATE_PATTERN.exec(value)
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  return isRealDate(year, month, day) ? { year, month, day } : null
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
