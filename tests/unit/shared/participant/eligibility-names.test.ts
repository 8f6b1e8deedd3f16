import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '@shared/district/district-config'
import { ageOn, checkEligibility } from '@shared/participant/eligibility'
import { nameSearchKey, normalizePersonName, personDuplicateKey } from '@shared/participant/names'

const district = loadDistrict(
  JSON.parse(
    readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
  ) as unknown,
  readFileSync(new URL('../../../../resources/district/wilayah.csv', import.meta.url), 'utf8'),
)

describe('ageOn', () => {
  it.each([
    ['1990-05-15', '2026-05-14', 35],
    ['1990-05-15', '2026-05-15', 36],
    ['1990-12-31', '2026-01-01', 35],
    ['2026-03-10', '2026-03-10', 0],
    // Born 29 February: the birthday falls on 1 March in a common year.
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20],
    ['2000-02-29', '2100-02-28', 99],
    ['2000-02-29', '2100-03-01', 100],
  ])('born %s, on %s: %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age)
  })

  it.each([
    ['2025-02-29', '2026-01-01'],
    ['1990-5-15', '2026-01-01'],
    ['', '2026-01-01'],
    ['1990-05-15', 'today'],
  ])('is null for the invalid date pair %j, %j', (birth, on) => {
    expect(ageOn(birth, on)).toBeNull()
  })
})

describe('checkEligibility on 10 March 2026 (age range 18..64 inclusive)', () => {
  const on = '2026-03-10'
  const check = (birthDate: string, occupationCode = 'nelayan') =>
    checkEligibility({ birthDate, occupationCode }, district, on).map((i) => [i.code, i.params])

  it.each([
    [
      'the 65th birthday is today: 65, too old',
      '1961-03-10',
      [['AGE_ABOVE_MAX', { age: 65, max: 64 }]],
    ],
    ['the day before the 65th birthday: 64, eligible', '1961-03-11', []],
    ['the 18th birthday is today: 18, eligible', '2008-03-10', []],
    [
      'the day before the 18th birthday: 17, too young',
      '2008-03-11',
      [['AGE_BELOW_MIN', { age: 17, min: 18 }]],
    ],
    ['born 29 Feb 2008: 18 since 1 March 2026, eligible', '2008-02-29', []],
    ['born tomorrow', '2026-03-11', [['BIRTH_DATE_IN_FUTURE', undefined]]],
    ['an impossible date', '2025-02-29', [['BIRTH_DATE_INVALID', undefined]]],
  ])('%s', (_label, birthDate, expected) => {
    expect(check(birthDate)).toEqual(expected)
  })

  it('uses 1 March as the birthday of someone born 29 February', () => {
    const issues = checkEligibility(
      { birthDate: '2008-02-29', occupationCode: 'nelayan' },
      district,
      '2026-02-28',
    )
    expect(issues.map((i) => i.code)).toEqual(['AGE_BELOW_MIN'])
  })

  it.each([['pns'], [''], ['NELAYAN'], ['<script>'], [undefined as unknown as string]])(
    'refuses the occupation %j',
    (code) => {
      const issues = checkEligibility(
        { birthDate: '1990-05-15', occupationCode: code },
        district,
        on,
      )
      expect(issues).toEqual([{ severity: 'error', code: 'OCCUPATION_NOT_ELIGIBLE' }])
    },
  )
})

describe('person names', () => {
  it.each([
    ['  Siti   Nur’aini  ', "Siti Nur'aini"],
    ['Muh.\tRizal', 'Muh. Rizal'],
    ['Jose\u0301', 'José'],
    ['Budi\u200b Santoso', 'Budi Santoso'],
    [null, ''],
    [42, ''],
  ])('normalizePersonName(%j) → %j', (raw, expected) => {
    expect(normalizePersonName(raw)).toBe(expected)
  })

  it.each([
    ["Siti Nur'aini", 'SITI NURAINI'],
    ['Siti Nur’aini', 'SITI NURAINI'],
    ['Ñoño Pérez', 'NONO PEREZ'],
    ['Muh.Rizal', 'MUH RIZAL'],
    ['  la ode   AHMAD-', 'LA ODE AHMAD'],
    ['José', 'JOSE'],
    ['Jose\u0301', 'JOSE'],
    ['王小明', '王小明'],
    ['<script>', 'SCRIPT'],
    ['😀', ''],
  ])('nameSearchKey(%j) → %j', (raw, key) => {
    expect(nameSearchKey(raw)).toBe(key)
  })

  it('finds a name by the prefix a clerk types, whatever the accents and case', () => {
    expect(nameSearchKey('Siti Nur’aini').startsWith(nameSearchKey('siti nur'))).toBe(true)
  })

  it('cuts a 10 MB paste instead of working through it', () => {
    expect(nameSearchKey('a'.repeat(10_000_000))).toHaveLength(1000)
  })

  it('gives two spellings of the same person the same duplicate key', () => {
    expect(personDuplicateKey('Siti  Nur’aini', '1990-05-15')).toBe(
      personDuplicateKey("SITI NUR'AINI", '1990-05-15'),
    )
    expect(personDuplicateKey('Siti Nuraini', '1990-05-15')).not.toBe(
      personDuplicateKey('Siti Nuraini', '1990-05-16'),
    )
  })
})
