import { describe, expect, it } from 'vitest'
import {
  formatRegistrationNumber,
  parseRegistrationNumber,
} from '@shared/participant/registration-number'

describe('registration numbers', () => {
  it.each([
    [{ kecamatanShortCode: '06', officeNumber: 1, sequence: 123 }, '0601-000123'],
    [{ kecamatanShortCode: '20', officeNumber: 12, sequence: 999_999 }, '2012-999999'],
    [{ kecamatanShortCode: '01', officeNumber: 99, sequence: 1 }, '0199-000001'],
  ])('formats %j as %s and reads it back', (parts, text) => {
    expect(formatRegistrationNumber(parts)).toBe(text)
    expect(parseRegistrationNumber(text)).toEqual({ ok: true, registrationNumber: text, ...parts })
  })

  it('reads a number typed without the dash or with spaces around it', () => {
    expect(parseRegistrationNumber(' 0601000123 ')).toMatchObject({
      ok: true,
      registrationNumber: '0601-000123',
    })
  })

  it.each([
    ['0600-000123'],
    ['0601-000000'],
    ['0001-000123'],
    ['601-000123'],
    ['0601-00123'],
    ['0601_000123'],
    ['06O1-000123'],
    [''],
    [null],
    [601000123],
    ['0'.repeat(10_000_000)],
  ])('refuses %j', (raw) => {
    expect(parseRegistrationNumber(raw)).toEqual({
      ok: false,
      reason: 'REGISTRATION_NUMBER_INVALID',
    })
  })

  it.each([
    [{ kecamatanShortCode: '06', officeNumber: 0, sequence: 1 }],
    [{ kecamatanShortCode: '06', officeNumber: 100, sequence: 1 }],
    [{ kecamatanShortCode: '06', officeNumber: 1, sequence: 1_000_000 }],
    [{ kecamatanShortCode: '6', officeNumber: 1, sequence: 1 }],
    [{ kecamatanShortCode: '06', officeNumber: 1.5, sequence: 1 }],
  ])('will not format parts out of range: %j', (parts) => {
    expect(() => formatRegistrationNumber(parts)).toThrow(RangeError)
  })

  it('gives two offices of the same kecamatan numbers that can never collide', () => {
    const office1 = formatRegistrationNumber({
      kecamatanShortCode: '06',
      officeNumber: 1,
      sequence: 7,
    })
    const office2 = formatRegistrationNumber({
      kecamatanShortCode: '06',
      officeNumber: 2,
      sequence: 7,
    })
    expect(office1).not.toBe(office2)
  })
})
