import { describe, expect, it } from 'vitest'
import { parseIsoDate } from '@shared/dates/calendar-date'

describe('reading a date as the forms type it (YYYY-MM-DD)', () => {
  it.each([
    ['2026-12-07', { year: 2026, month: 12, day: 7 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['0001-01-01', { year: 1, month: 1, day: 1 }],
    ['9999-12-31', { year: 9999, month: 12, day: 31 }],
  ])('reads %s', (text, date) => {
    expect(parseIsoDate(text)).toEqual(date)
  })

  it.each([
    ['a day that does not exist', '2026-02-29'],
    ['month 13', '2026-13-01'],
    ['day 0', '2026-01-00'],
    ['year 0', '0000-01-01'],
    ['one-digit month', '2026-1-011'],
    ['slashes', '2026/12/07'],
    ['a sign', '+026-12-07'],
    ['a space', '2026-12- 7'],
    ['Arabic-Indic digits', '٢٠٢٦-١٢-٠٧'],
    ['full-width digits', '２０２６-１２-０７'],
    ['a time after it', '2026-12-07T00:00'],
    ['too short', '2026-12-7'],
    ['empty', ''],
  ])('refuses %s', (_what, text) => {
    expect(parseIsoDate(text)).toBeNull()
  })

  it('refuses what is not text', () => {
    for (const value of [null, undefined, 20261207, new Date(0), ['2026-12-07']]) {
      expect(parseIsoDate(value)).toBeNull()
    }
  })
})
