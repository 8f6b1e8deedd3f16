import { describe, expect, it } from 'vitest'
import { ISSUE_CODES, isIssueCode, type IssueCode } from '@shared/issues/issue'
import {
  describeIssue,
  issueMessagesEn,
  issueMessagesId,
  placeholdersOf,
} from '@shared/messages/issue-messages'

describe('issue messages', () => {
  it.each(ISSUE_CODES.map((code) => [code]))(
    '%s has an Indonesian and an English message',
    (code) => {
      const message = { id: issueMessagesId[code], en: issueMessagesEn[code] }
      expect(message.id.trim().length).toBeGreaterThan(5)
      expect(message.en.trim().length).toBeGreaterThan(5)
      expect(message.id).not.toBe(message.en)
      // Both languages must use the same params, or one of them would print '…'.
      expect(placeholdersOf(message.id).sort()).toEqual(placeholdersOf(message.en).sort())
    },
  )

  it('has no message for a code that does not exist', () => {
    expect(Object.keys(issueMessagesId).sort()).toEqual([...ISSUE_CODES].sort())
    expect(new Set(ISSUE_CODES).size).toBe(ISSUE_CODES.length)
  })

  it.each<[IssueCode, Record<string, string | number>, string, string]>([
    [
      'NIK_BIRTH_DAY_MISMATCH',
      { nikDay: 15, enteredDay: 16 },
      'Tanggal lahir di NIK (15) tidak sama dengan tanggal lahir yang diisi (16).',
      'The birth day in the NIK (15) is not the same as the birth day entered (16).',
    ],
    [
      'NIK_BIRTH_MONTH_MISMATCH',
      { nikMonth: 5, enteredMonth: 6 },
      'Bulan lahir di NIK (5 (Mei)) tidak sama dengan bulan lahir yang diisi (6 (Juni)).',
      'The birth month in the NIK (5 (May)) is not the same as the birth month entered (6 (June)).',
    ],
    [
      'NIK_SEX_MISMATCH',
      { nikSex: 'L', enteredSex: 'P', nikDayDigits: '15' },
      'Menurut NIK, orang ini laki-laki (angka tanggal di NIK 15; untuk perempuan tanggal ditambah 40), tetapi jenis kelamin yang diisi perempuan.',
      'According to the NIK this person is male (the day in the NIK is 15; for women 40 is added to the day), but the sex entered is female.',
    ],
    [
      'AGE_ABOVE_MAX',
      { age: 65, max: 64 },
      'Umurnya 65 tahun. Peserta paling tua berumur 64 tahun pada hari pendaftaran.',
      'The person is 65 years old. Participants can be at most 64 on the day of registration.',
    ],
    [
      'INCOME_TOO_HIGH',
      { max: 1_000_000_000 },
      'Penghasilan per bulan paling banyak Rp1.000.000.000. Periksa jumlah angka nol.',
      'Monthly income can be at most Rp1.000.000.000. Check the number of zeros.',
    ],
  ])('describes %s in both languages', (code, params, id, en) => {
    expect(describeIssue({ code, params }, 'id')).toBe(id)
    expect(describeIssue({ code, params }, 'en')).toBe(en)
  })

  it('shows … for a missing param instead of a raw placeholder', () => {
    expect(describeIssue({ code: 'NIK_LENGTH' }, 'id')).toBe(
      'NIK harus 16 angka, yang diisi … angka.',
    )
  })

  it('never prints a full NIK, even if a caller puts one in the params', () => {
    const text = describeIssue(
      {
        code: 'VILLAGE_NOT_IN_KECAMATAN',
        params: { villageName: '6402061505900001', kecamatanName: 'X' },
      },
      'id',
    )
    expect(text).not.toContain('6402061505900001')
    expect(text).toContain('640206******0001')
  })

  it('cuts an over-long param and falls back to Indonesian for an unknown language', () => {
    const text = describeIssue(
      {
        code: 'VILLAGE_NOT_IN_KECAMATAN',
        params: { villageName: 'x'.repeat(10_000), kecamatanName: 'Y' },
      },
      'fr' as 'id',
    )
    expect(text.length).toBeLessThan(200)
    expect(text).toMatch(/ tidak berada di Kecamatan Y\./)
  })

  it('gives a generic sentence for an unknown code rather than throwing', () => {
    expect(describeIssue({ code: 'NOPE' as IssueCode }, 'en')).toBe(
      'Something in this field needs checking.',
    )
    expect(isIssueCode('NOPE')).toBe(false)
    expect(isIssueCode('NIK_LENGTH')).toBe(true)
  })
})
