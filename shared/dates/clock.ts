/**
 * The one clock every part of Naungan asks for "now" and "today".
 *
 * Code never calls `new Date()` or `Date.now()` for a time it records or a day it reasons about
 * (registration dates, coverage months, token expiry, the dashboard's week): it calls
 * `currentTime()`, and tests install a clock of their own with `installClock`. A test that forgot
 * to do so is caught by CI, which runs the date-sensitive suites again with the machine's clock
 * moved to the edges of a budget year and with another time zone.
 *
 * Durations (timeouts, back-off, progress) are not calendar time and keep using timers and
 * `performance.now()`.
 */

export interface Clock {
  /** The current instant. */
  now(): Date
}

/** The machine's clock: the default everywhere outside tests. */
export const systemClock: Clock = { now: () => new Date() }

function instantOf(at: Date | string): number {
  const millis = typeof at === 'string' ? Date.parse(at) : at.getTime()
  if (!Number.isFinite(millis)) throw new Error(`Not an instant: ${String(at)}`)
  return millis
}

/** A clock stopped at one instant. */
export function fixedClock(at: Date | string): Clock {
  const millis = instantOf(at)
  return { now: () => new Date(millis) }
}

/**
 * A clock that reads `at` when made and then runs at real speed, so records written one after
 * another still get increasing timestamps.
 */
export function clockStartingAt(
  at: Date | string,
  elapsedMs: () => number = () => performance.now(),
): Clock {
  const start = instantOf(at)
  const origin = elapsedMs()
  return { now: () => new Date(start + Math.max(0, elapsedMs() - origin)) }
}

let installed: Clock = systemClock

/** Replaces the clock for the whole process (a test, the app's start); returns the undo. */
export function installClock(clock: Clock): () => void {
  const previous = installed
  installed = clock
  return () => {
    installed = previous
  }
}

/** The current instant from the installed clock. */
export function currentTime(): Date {
  return installed.now()
}

/** The current instant in epoch milliseconds, from the installed clock. */
export function currentTimeMs(): number {
  return installed.now().getTime()
}

/**
 * Indonesia keeps no daylight saving: each province has one fixed offset (Keppres 41/1987: WIB
 * UTC+7, WITA UTC+8, WIT UTC+9). A district's calendar day is
 * taken at its province's offset, so a PC set to UTC and a server in UTC agree with a clerk in
 * Tenggarong about what "today" is.
 */
const WITA_PROVINCES = new Set([
  '51',
  '52',
  '53',
  '63',
  '64',
  '65',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
])
const WIT_PROVINCES = new Set(['81', '82', '91', '92', '93', '94', '95', '96'])

export function utcOffsetMinutesOfProvince(provinceCode: string): number {
  if (WIT_PROVINCES.has(provinceCode)) return 9 * 60
  if (WITA_PROVINCES.has(provinceCode)) return 8 * 60
  return 7 * 60
}

/** The calendar day (YYYY-MM-DD) of `instant` at a fixed offset from UTC. */
export function calendarDayAt(instant: Date, utcOffsetMinutes: number): string {
  return new Date(instant.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10)
}
