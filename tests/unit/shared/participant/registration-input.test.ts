import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '@shared/district/district-config'
import {
  REGISTRATION_FIELDS,
  parseRupiah,
  validateRegistration,
  type RegistrationInput,
  type RegistrationResult,
} from '@shared/participant/registration-input'

const district = loadDistrict(
  JSON.parse(
    readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
  ) as unknown,
  readFileSync(new URL('../../../../resources/district/wilayah.csv', import.meta.url), 'utf8'),
)
const ctx = { district, today: '2026-03-10' }

/** A fisherwoman from Tenggarong as a clerk would type her in, pasted NIK and all. */
const valid: RegistrationInput = {
  nik: '6402 0655-0590 0002',
  kk: '6402060101150003',
  fullName: '  Siti   Nur’aini ',
  birthPlace: 'Tenggarong',
  birthDate: '1990-05-15',
  sex: 'P',
  address: 'Jl. Mangkurawang Gg. Damai No. 12',
  rt: '3',
  rw: '12',
  kecamatanCode: '64.02.06',
  villageCode: '64.02.06.1001',
  occupationCode: 'nelayan',
  monthlyIncome: 'Rp 1.500.000',
  phone: '0812-3456-7890',
  heirName: 'Ahmad Fauzi',
  heirRelationship: 'suami-istri',
}

function validate(changes: Partial<Record<keyof RegistrationInput, unknown>>): RegistrationResult {
  return validateRegistration({ ...valid, ...changes } as RegistrationInput, ctx)
}

function problems(result: RegistrationResult): string[] {
  const errors = result.ok ? [] : result.errors
  return [...errors, ...result.warnings].map((i) => `${i.severity} ${i.field} ${i.code}`)
}

describe('validateRegistration', () => {
  it('accepts a complete registration and returns the normalised values', () => {
    expect(validateRegistration(valid, ctx)).toEqual({
      ok: true,
      value: {
        nik: '6402065505900002',
        kk: '6402060101150003',
        fullName: "Siti Nur'aini",
        birthPlace: 'Tenggarong',
        birthDate: '1990-05-15',
        sex: 'P',
        address: 'Jl. Mangkurawang Gg. Damai No. 12',
        rt: '003',
        rw: '012',
        kecamatanCode: '64.02.06',
        villageCode: '64.02.06.1001',
        occupationCode: 'nelayan',
        monthlyIncome: 1_500_000,
        phone: '+6281234567890',
        heirName: 'Ahmad Fauzi',
        heirRelationship: 'suami-istri',
      },
      warnings: [],
    })
  })

  it('stores no phone when none is given', () => {
    const result = validate({ phone: '  ' })
    expect(result.ok && result.value.phone).toBeNull()
  })

  it('lets a NIK from another kabupaten through with a warning (people move)', () => {
    const result = validate({ nik: '6472065505900002' })
    expect(result.ok).toBe(true)
    expect(problems(result)).toEqual(['warning nik NIK_OUTSIDE_DISTRICT'])
  })

  it.each<[string, Partial<Record<keyof RegistrationInput, unknown>>, string[]]>([
    // NIK and the person
    [
      'a NIK whose day does not match',
      { birthDate: '1990-05-16' },
      ['error nik NIK_BIRTH_DAY_MISMATCH'],
    ],
    ['a woman’s NIK entered as a man', { sex: 'L' }, ['error nik NIK_SEX_MISMATCH']],
    [
      'a woman entered with a man’s NIK',
      { nik: '6402061505900001' },
      ['error nik NIK_SEX_MISMATCH'],
    ],
    [
      'a NIK of a kecamatan that does not exist',
      { nik: '6402255505900002' },
      ['error nik NIK_KECAMATAN_UNKNOWN'],
    ],
    ['NIK serial 0000', { nik: '6402065505900000' }, ['error nik NIK_SERIAL_ZERO']],
    [
      'a NIK from an unknown province',
      { nik: '5402065505900002' },
      ['error nik NIK_PROVINCE_UNKNOWN'],
    ],
    ['a short NIK', { nik: '640206550590002' }, ['error nik NIK_LENGTH']],
    ['no NIK', { nik: '' }, ['error nik REQUIRED']],
    ['the NIK typed as KK', { kk: '6402065505900002' }, ['warning kk KK_SAME_AS_NIK']],
    ['a KK of zeros', { kk: '0000000000000000' }, ['error kk KK_ALL_ZEROS']],
    ['no KK', { kk: undefined }, ['error kk REQUIRED']],
    // Names and places
    ['a one-letter name', { fullName: 'S' }, ['error fullName TOO_SHORT']],
    ['a name with digits', { fullName: 'Siti 2' }, ['error fullName NAME_INVALID_CHARS']],
    ['a name with emoji', { fullName: 'Siti 😀' }, ['error fullName NAME_INVALID_CHARS']],
    [
      'a name with a script tag',
      { fullName: '<script>alert(1)</script>' },
      ['error fullName NAME_INVALID_CHARS'],
    ],
    ['a name of punctuation only', { fullName: "'.-" }, ['error fullName NAME_NEEDS_LETTER']],
    ['a 101-letter name', { fullName: 'A'.repeat(101) }, ['error fullName TOO_LONG']],
    ['a name given as a number', { fullName: 42 }, ['error fullName NAME_INVALID_CHARS']],
    ['a name given as null', { fullName: null }, ['error fullName REQUIRED']],
    [
      'a birth place with emoji',
      { birthPlace: 'Tenggarong 🌴' },
      ['error birthPlace PLACE_INVALID_CHARS'],
    ],
    // Dates and eligibility
    [
      'an impossible birth date',
      { birthDate: '1990-02-30' },
      ['error birthDate BIRTH_DATE_INVALID'],
    ],
    [
      'a birth date in another format',
      { birthDate: '15/05/1990' },
      ['error birthDate BIRTH_DATE_INVALID'],
    ],
    [
      'a birth date in the future',
      { birthDate: '2026-05-15', nik: '6402065505260002' },
      ['error birthDate BIRTH_DATE_IN_FUTURE'],
    ],
    [
      'a 17-year-old',
      { birthDate: '2008-05-15', nik: '6402065505080002' },
      ['error birthDate AGE_BELOW_MIN'],
    ],
    [
      'a 65-year-old',
      { birthDate: '1961-03-10', nik: '6402065003610002' },
      ['error birthDate AGE_ABOVE_MAX'],
    ],
    [
      'an occupation not in the programme',
      { occupationCode: 'pns' },
      ['error occupationCode OCCUPATION_NOT_ELIGIBLE'],
    ],
    ['no sex chosen', { sex: '' }, ['error sex REQUIRED']],
    ['a sex code that is not L or P', { sex: 'X' }, ['error sex SEX_INVALID']],
    // Address
    ['a 4-letter address', { address: 'Jl 1' }, ['error address TOO_SHORT']],
    [
      'an address with angle brackets',
      { address: 'Jl. <b>Damai</b> 12' },
      ['error address ADDRESS_INVALID_CHARS'],
    ],
    [
      'an address with a control character',
      { address: 'Jl. Damai\u0000 12' },
      ['error address ADDRESS_INVALID_CHARS'],
    ],
    [
      'an address with emoji',
      { address: 'Jl. Damai 12 🏠' },
      ['error address ADDRESS_INVALID_CHARS'],
    ],
    ['a 201-character address', { address: 'J'.repeat(201) }, ['error address TOO_LONG']],
    ['RT 0', { rt: '000' }, ['error rt RT_INVALID']],
    ['RT of four digits', { rt: '1234' }, ['error rt RT_INVALID']],
    ['RW with letters', { rw: 'RW 5' }, ['error rw RW_INVALID']],
    [
      'an unknown kecamatan',
      { kecamatanCode: '64.02.21' },
      ['error kecamatanCode KECAMATAN_UNKNOWN'],
    ],
    ['an unknown village', { villageCode: '64.02.06.9999' }, ['error villageCode VILLAGE_UNKNOWN']],
    [
      'a village of another kecamatan',
      { villageCode: '64.02.13.1007' },
      ['error villageCode VILLAGE_NOT_IN_KECAMATAN'],
    ],
    // Income, phone, heir
    [
      'income with a decimal',
      { monthlyIncome: '1.500.000,50' },
      ['error monthlyIncome INCOME_INVALID'],
    ],
    [
      'income with a bad grouping',
      { monthlyIncome: '1.50' },
      ['error monthlyIncome INCOME_INVALID'],
    ],
    ['a negative income', { monthlyIncome: '-1000' }, ['error monthlyIncome INCOME_INVALID']],
    [
      'income above one billion',
      { monthlyIncome: '1.000.000.001' },
      ['error monthlyIncome INCOME_TOO_HIGH'],
    ],
    ['a landline', { phone: '(0541) 661234' }, ['error phone PHONE_NOT_MOBILE']],
    ['a short mobile number', { phone: '0812345' }, ['error phone PHONE_LENGTH']],
    [
      'the participant as heir',
      { heirName: 'SITI NUR’AINI' },
      ['warning heirName HEIR_SAME_AS_PARTICIPANT'],
    ],
    [
      'an unknown heir relationship',
      { heirRelationship: 'tetangga' },
      ['error heirRelationship HEIR_RELATIONSHIP_UNKNOWN'],
    ],
    ['no heir', { heirName: '' }, ['error heirName REQUIRED']],
  ])('reports %s', (_label, changes, expected) => {
    const result = validate(changes)
    expect(problems(result)).toEqual(expected)
    expect(result.ok).toBe(!expected.some((p) => p.startsWith('error')))
  })

  it('warns a kecamatan office when the person lives in another kecamatan, which the server refuses', () => {
    const atTenggarong = { ...ctx, officeKecamatanCode: '64.02.06' }
    const anggana = { ...valid, kecamatanCode: '64.02.04', villageCode: '64.02.04.2006' }
    const result = validateRegistration(anggana as RegistrationInput, atTenggarong)
    expect(result.ok).toBe(true)
    expect(problems(result)).toEqual(['warning kecamatanCode KECAMATAN_OUTSIDE_OFFICE'])
    expect(result.warnings[0]?.params).toEqual({
      kecamatanName: 'Anggana',
      officeKecamatanName: 'Tenggarong',
    })
    // Its own kecamatan, and any kecamatan for a district-wide office: no warning.
    expect(problems(validateRegistration(valid, atTenggarong))).toEqual([])
    expect(problems(validateRegistration(anggana as RegistrationInput, ctx))).toEqual([])
  })

  it('names the village and the kecamatan when they do not belong together', () => {
    const result = validate({ villageCode: '64.02.13.1007' })
    expect(result.ok ? [] : result.errors[0]?.params).toEqual({
      villageName: 'Sungai Seluang',
      kecamatanName: 'Tenggarong',
    })
  })

  it.each([
    ['Vietnamese diacritics', 'Nguyễn Văn Ánh', true],
    ['Arabic script', 'محمد', true],
    ['an apostrophe and a comma', "Nur'aini, S.Pd.", true],
    ['a hyphen', 'Sri-Rahayu', true],
    ['Chinese', '王小明', true],
    ['a zero-width joiner emoji', 'Budi 👨‍👩‍👧', false],
  ])('name in %s', (_label, name, ok) => {
    const result = validate({ fullName: name })
    expect(result.ok).toBe(ok)
  })

  it('pads RT and RW to three digits', () => {
    const result = validate({ rt: ' 1 ', rw: '020' })
    expect(result.ok && [result.value.rt, result.value.rw]).toEqual(['001', '020'])
  })

  it('refuses every field that is 10 MB long at once, quickly, with TOO_LONG', () => {
    const huge = 'x'.repeat(10_000_000)
    const input = Object.fromEntries(
      REGISTRATION_FIELDS.map((f) => [f, huge]),
    ) as unknown as RegistrationInput
    const started = Date.now()
    const result = validateRegistration(input, ctx)
    expect(Date.now() - started).toBeLessThan(200)
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.errors.map((e) => `${e.field} ${e.code}`)).toEqual(
      REGISTRATION_FIELDS.map((f) => `${f} TOO_LONG`),
    )
  })

  it('reports 1001 characters as TOO_LONG with the limit', () => {
    const result = validate({ address: 'a'.repeat(1001) })
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'address', severity: 'error', code: 'TOO_LONG', params: { max: 1000 } },
    ])
  })

  it('reports every required field of an empty form, and nothing else', () => {
    const result = validateRegistration({} as RegistrationInput, ctx)
    const required = REGISTRATION_FIELDS.filter((f) => f !== 'phone').map(
      (f) => `error ${f} REQUIRED`,
    )
    expect(problems(result)).toEqual(required)
  })

  it('survives a form that is not an object', () => {
    expect(validateRegistration(null as unknown as RegistrationInput, ctx).ok).toBe(false)
  })
})

describe('parseRupiah', () => {
  it.each([
    ['1500000', 1_500_000],
    ['Rp 1.500.000', 1_500_000],
    ['Rp1.500.000,-', 1_500_000],
    ['rp. 1.500.000,00', 1_500_000],
    ['IDR 750000', 750_000],
    ['1,500,000', 1_500_000],
    ['0', 0],
    [1500000, 1_500_000],
  ])('%j → %i', (raw, value) => {
    expect(parseRupiah(raw)).toBe(value)
  })

  it.each([
    ['1.5 juta'],
    ['1.50'],
    ['1.500.00'],
    ['1,5'],
    ['-5'],
    [''],
    ['Rp'],
    ['9'.repeat(41)],
    [null],
  ])('refuses %j', (raw) => {
    expect(parseRupiah(raw)).toBeNull()
  })
})
