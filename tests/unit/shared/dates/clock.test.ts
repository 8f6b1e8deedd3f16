import { describe, expect, it } from 'vitest'
import {
  calendarDayAt,
  clockStartingAt,
  currentTime,
  fixedClock,
  installClock,
  utcOffsetMinutesOfProvince,
} from '@shared/dates/clock'

const WITA = 8 * 60

describe('the one clock', () => {
  it('answers with the installed clock until the undo puts the previous one back', () => {
    const undo = installClock(fixedClock('2028-02-29T15:59:00.000Z'))
    try {
      expect(currentTime().toISOString()).toBe('2028-02-29T15:59:00.000Z')
      const undoInner = installClock(fixedClock('2030-01-01T00:00:00.000Z'))
      expect(currentTime().getUTCFullYear()).toBe(2030)
      undoInner()
      expect(currentTime().toISOString()).toBe('2028-02-29T15:59:00.000Z')
    } finally {
      undo()
    }
  })

  it('a clock starting at an instant runs on from it, never backwards', () => {
    let elapsed = 1_000
    const clock = clockStartingAt('2026-12-31T15:59:59.500Z', () => elapsed)
    expect(clock.now().toISOString()).toBe('2026-12-31T15:59:59.500Z')
    elapsed += 750
    expect(clock.now().toISOString()).toBe('2026-12-31T16:00:00.250Z')
    elapsed -= 10_000
    expect(clock.now().toISOString()).toBe('2026-12-31T15:59:59.500Z')
  })

  it('refuses an instant that is not one', () => {
    expect(() => fixedClock('31-12-2026')).toThrow(/Not an instant/)
  })
})

describe("the district's calendar day", () => {
  it.each([
    // 23:30 WITA on New Year's Eve is still the old budget year; 00:30 WITA is the new one
    // although UTC (and a server in UTC) still says 31 December.
    ['2026-12-31T15:30:00.000Z', WITA, '2026-12-31'],
    ['2026-12-31T16:30:00.000Z', WITA, '2027-01-01'],
    ['2028-02-28T16:00:00.000Z', WITA, '2028-02-29'],
    ['2028-02-29T15:59:59.999Z', WITA, '2028-02-29'],
    ['2028-02-29T16:00:00.000Z', WITA, '2028-03-01'],
    // Jakarta (WIB) and Jayapura (WIT) at the same instant.
    ['2026-12-31T16:30:00.000Z', 7 * 60, '2026-12-31'],
    ['2026-12-31T15:30:00.000Z', 9 * 60, '2027-01-01'],
  ])('%s at UTC%s min is %s', (iso, offset, day) => {
    expect(calendarDayAt(new Date(iso), offset)).toBe(day)
  })

  it.each([
    ['64', WITA], // Kalimantan Timur: Kutai Kartanegara, Samarinda
    ['63', WITA],
    ['51', WITA],
    ['73', WITA],
    ['62', 7 * 60], // Kalimantan Tengah keeps WIB
    ['61', 7 * 60],
    ['31', 7 * 60],
    ['11', 7 * 60],
    ['81', 9 * 60],
    ['96', 9 * 60],
  ])('province %s keeps UTC+%s min', (province, offset) => {
    expect(utcOffsetMinutesOfProvince(province)).toBe(offset)
  })
})
