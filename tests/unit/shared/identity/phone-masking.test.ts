import { describe, expect, it } from 'vitest'
import { maskKk, maskNik, maskPhone } from '@shared/identity/masking'
import { normalizePhone } from '@shared/identity/phone'

describe('normalizePhone', () => {
  it.each([
    ['081234567890', '+6281234567890', '081234567890'],
    ['0812-3456-7890', '+6281234567890', '081234567890'],
    ['0812 3456 7890', '+6281234567890', '081234567890'],
    ['(0812) 3456.7890', '+6281234567890', '081234567890'],
    ['+62 812-3456-7890', '+6281234567890', '081234567890'],
    ['+62 (0) 812 3456 7890', '+6281234567890', '081234567890'],
    ['6281234567890', '+6281234567890', '081234567890'],
    ['812 3456 7890', '+6281234567890', '081234567890'],
    ['0811234567', '+62811234567', '0811234567'],
    ['0895123456789', '+62895123456789', '0895123456789'],
  ])('%j → %s', (raw, phone, national) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, phone, national })
  })

  it.each([
    ['', 'PHONE_EMPTY'],
    [null, 'PHONE_EMPTY'],
    [81234567890, 'PHONE_EMPTY'],
    ['0541 123456', 'PHONE_NOT_MOBILE'],
    ['(0541) 661234', 'PHONE_NOT_MOBILE'],
    ['+62 541 661234', 'PHONE_NOT_MOBILE'],
    ['0800 1234 567', 'PHONE_NOT_MOBILE'],
    ['+1 415 555 0100', 'PHONE_NOT_MOBILE'],
    ['081234567', 'PHONE_LENGTH'],
    ['08123456789012', 'PHONE_LENGTH'],
    ['0'.repeat(10_000_000), 'PHONE_LENGTH'],
    ['0812-3456-789O', 'PHONE_INVALID_CHARS'],
    ['0812 3456 7890 📞', 'PHONE_INVALID_CHARS'],
    ['<script>0812</script>', 'PHONE_INVALID_CHARS'],
    ['0812+34567890', 'PHONE_INVALID_CHARS'],
  ])('refuses %j with %s', (raw, reason) => {
    expect(normalizePhone(raw)).toMatchObject({ ok: false, reason })
  })

  it('counts the national digits in a length error', () => {
    expect(normalizePhone('+62 812 345')).toEqual({
      ok: false,
      reason: 'PHONE_LENGTH',
      params: { length: 7 },
    })
  })
})

describe('masking', () => {
  it.each([
    ['6402061505900001', '640206******0001'],
    ['6402 0615-0590 0001', '640206******0001'],
    ['3201065505900123', '320106******0123'],
  ])('maskNik(%j) → %s', (nik, masked) => {
    expect(maskNik(nik)).toBe(masked)
  })

  it('masks a KK in the same shape', () => {
    expect(maskKk('6402060101150003')).toBe('640206******0003')
  })

  it.each([
    ['+6281234567890', '0812****7890'],
    ['081234567890', '0812****7890'],
    ['0811234567', '0811**4567'],
    ['0895123456789', '0895*****6789'],
  ])('maskPhone(%j) → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  it.each([
    ['short', '640206'],
    ['seventeen digits', '64020615059000011'],
    ['letters', '64020615059O0001'],
    ['empty', ''],
    ['null', null],
    ['a number', 6402061505900001],
    ['10 MB', '6'.repeat(10_000_000)],
    ['a script tag', '<script>6402061505900001</script>'],
  ])('masks everything of a NIK that is %s, without revealing its length', (_label, raw) => {
    expect(maskNik(raw)).toBe('****************')
    expect(maskKk(raw)).toBe('****************')
  })

  it.each([['0541 661234'], ['0812'], [''], [undefined], ['😀'.repeat(100)]])(
    'masks everything of the phone %j',
    (raw) => {
      expect(maskPhone(raw)).toBe('************')
    },
  )

  it('never shows the birth date digits of a NIK', () => {
    expect(maskNik('6402061505900001')).not.toContain('150590')
  })
})
