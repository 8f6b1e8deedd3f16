/**
 * Day arithmetic on 'YYYY-MM-DD' civil dates. `Date` is used in UTC only, where a day is always
 * 24 hours, so the device's time zone (WITA, UTC+8) cannot shift a date.
 */
import { parseIsoDate } from '../dates/calendar-date'

const MS_PER_DAY = 86_400_000

/** '2026-03-01' + (-1) → '2026-02-28'. Throws on a date that is not a real YYYY-MM-DD. */
export function addDays(isoDate: string, days: number): string {
  const date = parseIsoDate(isoDate)
  if (!date || !Number.isInteger(days))
    throw new RangeError(`cannot add ${days} days to ${isoDate}`)
  const utc = new Date(0)
  utc.setUTCFullYear(date.year, date.month - 1, date.day)
  return new Date(utc.getTime() + days * MS_PER_DAY).toISOString().slice(0, 10)
}
