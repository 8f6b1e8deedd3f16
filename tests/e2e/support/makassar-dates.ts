import { MONTH_NAMES } from '../../../shared/i18n/format'

/**
 * Dates of the stories that work out "this month" the way the app does: in Makassar (UTC+8), the
 * browser's zone in every story. The app under test runs on real time (the browser's clock), so
 * the stories compute their days from today and compare what the app says with the same day; each
 * story is written so that no day of the year changes its outcome. This is the one place an e2e
 * story reads the wall clock.
 */
import { calendarDayAt, currentTime } from '../../../shared/dates/clock'

/**
 * Today in Makassar (WITA, UTC+8) as YYYY-MM-DD, from the app's one clock (shared/dates/clock.ts),
 * which in a story is the machine's: the browser under test has no other.
 */
export const makassarToday = () => calendarDayAt(currentTime(), 8 * 60)

/** This year in Makassar. */
export const makassarYear = () => Number(makassarToday().slice(0, 4))

/** 'YYYY-MM' `offset` months from `yearMonth`. */
export function addMonths(yearMonth: string, offset: number): string {
  const [year = 0, month = 0] = yearMonth.split('-').map(Number)
  const index = year * 12 + (month - 1) + offset
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** '2026-10' → 'Oktober 2026', as the app writes a month. */
export const monthWords = (yearMonth: string) =>
  `${MONTH_NAMES.id[Number(yearMonth.slice(5, 7)) - 1] ?? ''} ${yearMonth.slice(0, 4)}`

/** '2026-12-06' → '6 Desember 2026', as the app writes a day. */
export function dayWords(isoDay: string): string {
  const [year = 0, month = 0, day = 0] = isoDay.split('-').map(Number)
  return `${day} ${MONTH_NAMES.id[month - 1] ?? ''} ${year}`
}

/** The last day of `isoDay`'s month, in words: '2026-12-06' → '31 Desember 2026'. */
export function lastDayWords(isoDay: string): string {
  const [year = 0, month = 0] = isoDay.split('-').map(Number)
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${last} ${MONTH_NAMES.id[month - 1] ?? ''} ${year}`
}
