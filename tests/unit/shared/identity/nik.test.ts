import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '@shared/district/district-config'
import { parseKk } from '@shared/identity/kk'
import {
  birthDateFromNik,
  checkNikAgainstPerson,
  normalizeDigits,
  parseNik,
} from '@shared/identity/nik'

const district = loadDistrict(
  JSON.parse(
    readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
  ) as unknown,
  readFileSync(new URL('../../../../resources/district/wilayah.csv', import.meta.url), 'utf8'),
)
const TODAY = '2026-03-10'

describe('normalizeDigits', () => {
  it.each([
    ['6402 0615-0590 0001', '6402061505900001'],
    ['6402.0615.0590.0001', '6402061505900001'],
    ['  6402061505900001\n', '6402061505900001'],
    ['6402\u00a00615\u20130590\u20140001', '6402061505900001'],
    ['64O2', '64O2'],
    [null, ''],
    [6402061505900001, ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeDigits(raw)).toBe(expected)
  })
})

describe('parseNik', () => {
  it('splits a man’s NIK into its parts', () => {
    expect(parseNik('6402061505900001')).toEqual({
      ok: true,
      nik: '6402061505900001',
      parts: {
        provinceCode: '64',
        regencyCode: '6402',
        kecamatanCode: '640206',
        birthDay: 15,
        birthMonth: 5,
        birthYear2: '90',
        sex: 'L',
        serial: '0001',
      },
    })
  })

  it('reads a day above 40 as a woman born on that day minus 40', () => {
    const parsed = parseNik('6402065505900002')
    expect(parsed.ok && parsed.parts).toMatchObject({ birthDay: 15, sex: 'P' })
  })

  it.each([
    ['pasted with spaces and dashes', '6402 0615-0590 0001', true],
    ['pasted with dots', '6402.0615.0590.0001', true],
    ['29 Feb in a year ending 00 (2000 was leap)', '6402062902000001', true],
    ['29 Feb 1996 for a woman (day 69)', '6402066902960001', true],
    ['29 Feb in a year ending 01', '6402062902010001', false],
    ['29 Feb in a year ending 90', '6402062902900001', false],
    ['31 April', '6402063104900001', false],
    ['day 71 (a woman born on the 31st)', '6402067101900001', true],
    ['day 72', '6402067201900001', false],
    ['day 32 to 40, neither a man nor a woman', '6402064001900001', false],
    ['day 00', '6402060001900001', false],
    ['month 13', '6402061513900001', false],
    ['month 00', '6402061500900001', false],
  ])('date rule: %s', (_label, nik, ok) => {
    const parsed = parseNik(nik)
    expect(parsed.ok).toBe(ok)
    if (!ok) expect(parsed).toMatchObject({ ok: false, reason: 'NIK_DATE_INVALID' })
  })

  it.each([
    ['', 'NIK_EMPTY'],
    ['   ', 'NIK_EMPTY'],
    [null, 'NIK_EMPTY'],
    [undefined, 'NIK_EMPTY'],
    [6402061505900001, 'NIK_EMPTY'],
    ['64020615059OOOO1', 'NIK_NOT_DIGITS'],
    ['6402061505900001😀', 'NIK_NOT_DIGITS'],
    ['<script>alert(1)</script>', 'NIK_NOT_DIGITS'],
    ['640206150590001', 'NIK_LENGTH'],
    ['64020615059000011', 'NIK_LENGTH'],
    ['6'.repeat(10_000_000), 'NIK_LENGTH'],
    ['0002061505900001', 'NIK_PROVINCE_UNKNOWN'],
    ['5402061505900001', 'NIK_PROVINCE_UNKNOWN'],
    ['6400061505900001', 'NIK_REGION_INVALID'],
    ['6402001505900001', 'NIK_REGION_INVALID'],
    ['6402061505900000', 'NIK_SERIAL_ZERO'],
  ])('refuses %j with %s', (raw, reason) => {
    expect(parseNik(raw)).toMatchObject({ ok: false, reason })
  })

  it('says how many digits were typed', () => {
    expect(parseNik('6402 0615 0590 001')).toEqual({
      ok: false,
      reason: 'NIK_LENGTH',
      params: { length: 15 },
    })
  })
})

describe('birthDateFromNik (the century is not in the NIK)', () => {
  it.each([
    ['6402061505900001', '1990-05-15', 'L'],
    ['6402065505900002', '1990-05-15', 'P'],
    ['6402060101080001', '2008-01-01', 'L'],
    ['6402062902000001', '2000-02-29', 'L'],
    ['6402060101260001', '2026-01-01', 'L'],
    ['6402060112260001', '1926-12-01', 'L'],
    ['6402060101270001', '1927-01-01', 'L'],
    ['6402 0615-0590 0001', '1990-05-15', 'L'],
  ])('%s → %s %s', (nik, birthDate, sex) => {
    expect(birthDateFromNik(nik, TODAY)).toEqual({ birthDate, sex })
  })

  it('gives null for an invalid NIK or date', () => {
    expect(birthDateFromNik('6402061505900000', TODAY)).toBeNull()
    expect(birthDateFromNik('6402061505900001', '10/03/2026')).toBeNull()
  })
})

describe('checkNikAgainstPerson', () => {
  const man = { birthDate: '1990-05-15', sex: 'L' }

  it('finds nothing to say about a matching NIK from the district', () => {
    expect(checkNikAgainstPerson('6402061505900001', man, district, TODAY)).toEqual([])
    expect(
      checkNikAgainstPerson(
        '6402065505900002',
        { birthDate: '1990-05-15', sex: 'P' },
        district,
        TODAY,
      ),
    ).toEqual([])
  })

  it.each([
    [
      'another day',
      { birthDate: '1990-05-16', sex: 'L' },
      [{ code: 'NIK_BIRTH_DAY_MISMATCH', params: { nikDay: 15, enteredDay: 16 } }],
    ],
    [
      'another month',
      { birthDate: '1990-06-15', sex: 'L' },
      [{ code: 'NIK_BIRTH_MONTH_MISMATCH', params: { nikMonth: 5, enteredMonth: 6 } }],
    ],
    [
      'another year',
      { birthDate: '1991-05-15', sex: 'L' },
      [{ code: 'NIK_BIRTH_YEAR_MISMATCH', params: { nikYear2: '90', enteredYear: 1991 } }],
    ],
    [
      'a woman whose NIK day is below 41 (the NIK says male)',
      { birthDate: '1990-05-15', sex: 'P' },
      [{ code: 'NIK_SEX_MISMATCH', params: { nikSex: 'L', enteredSex: 'P', nikDayDigits: '15' } }],
    ],
    ['day and month swapped', { birthDate: '1990-15-05', sex: 'L' }, []],
  ])('for %s reports exactly which part differs', (_label, person, expected) => {
    const issues = checkNikAgainstPerson('6402061505900001', person, district, TODAY)
    expect(issues).toMatchObject(expected.map((issue) => ({ severity: 'error', ...issue })))
    expect(issues).toHaveLength(expected.length)
  })

  it('compares a woman’s real day, not the day + 40, and tells a man entered for a woman’s NIK', () => {
    const issues = checkNikAgainstPerson(
      '6402065505900002',
      { birthDate: '1990-05-16', sex: 'L' },
      district,
      TODAY,
    )
    expect(issues.map((i) => [i.code, i.params])).toEqual([
      ['NIK_BIRTH_DAY_MISMATCH', { nikDay: 15, enteredDay: 16, nikDayDigits: '55' }],
      ['NIK_SEX_MISMATCH', { nikSex: 'P', enteredSex: 'L', nikDayDigits: '55' }],
    ])
  })

  it('does not invent a year mismatch from the century (born 1925 vs NIK 25)', () => {
    const issues = checkNikAgainstPerson(
      '6402061505250001',
      { birthDate: '1925-05-15', sex: 'L' },
      district,
      TODAY,
    )
    expect(issues).toEqual([])
  })

  it('warns, without blocking, about a NIK from another kabupaten in the same province', () => {
    expect(checkNikAgainstPerson('6472061505900001', man, district, TODAY)).toEqual([
      {
        severity: 'warning',
        code: 'NIK_OUTSIDE_DISTRICT',
        params: {
          regencyCode: '6472',
          provinceName: 'Kalimantan Timur',
          districtName: 'Kutai Kartanegara',
        },
      },
    ])
  })

  it('warns about a NIK from another province and names it', () => {
    const issues = checkNikAgainstPerson('3201061505900001', man, district, TODAY)
    expect(issues).toMatchObject([
      { severity: 'warning', code: 'NIK_OUTSIDE_DISTRICT', params: { provinceName: 'Jawa Barat' } },
    ])
  })

  it.each([['6402211505900001'], ['6402991505900001']])(
    'refuses %s: this district, but a kecamatan that does not exist',
    (nik) => {
      expect(checkNikAgainstPerson(nik, man, district, TODAY)).toEqual([
        {
          severity: 'error',
          code: 'NIK_KECAMATAN_UNKNOWN',
          params: { kecamatanShortCode: nik.slice(4, 6), districtName: 'Kutai Kartanegara' },
        },
      ])
    },
  )

  it('accepts a NIK from the two kecamatan created in 2021 (19, 20)', () => {
    expect(checkNikAgainstPerson('6402191505900001', man, district, TODAY)).toEqual([])
    expect(checkNikAgainstPerson('6402201505900001', man, district, TODAY)).toEqual([])
  })

  it('skips the parts of the person that are missing and says nothing about an invalid NIK', () => {
    expect(
      checkNikAgainstPerson('6402061505900001', { birthDate: '', sex: '' }, district, TODAY),
    ).toEqual([])
    expect(checkNikAgainstPerson('6402061505900000', man, district, TODAY)).toEqual([])
  })
})

describe('parseKk', () => {
  it.each([
    ['6402060101150003', '6402060101150003'],
    ['6402 0601-0115 0003', '6402060101150003'],
  ])('accepts %j', (raw, kk) => {
    expect(parseKk(raw)).toEqual({ ok: true, kk })
  })

  it.each([
    ['', 'KK_EMPTY'],
    [null, 'KK_EMPTY'],
    ['0000000000000000', 'KK_ALL_ZEROS'],
    ['0000 0000 0000 0000', 'KK_ALL_ZEROS'],
    ['640206010115000', 'KK_LENGTH'],
    ['x'.repeat(10_000_000), 'KK_LENGTH'],
    ['64020601O1150003', 'KK_NOT_DIGITS'],
    ['9902060101150003', 'KK_PROVINCE_UNKNOWN'],
  ])('refuses %j with %s', (raw, reason) => {
    expect(parseKk(raw)).toMatchObject({ ok: false, reason })
  })
})
