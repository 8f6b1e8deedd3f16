import { describe, expect, it } from 'vitest'
import {
  format,
  formatCardDate,
  formatDate,
  formatDateWords,
  formatNumber,
  formatRupiah,
  setDistrictKind,
} from '@shared/i18n/format'
import { isLanguage } from '@shared/i18n/language'
import { namespaced, textFor } from '@shared/i18n/messages'
import { messagesEn } from '@/core/i18n/messages-en'
import { messagesId } from '@/core/i18n/messages-id'

const PCS = '{count, plural, =0 {no PCs} one {# PC} other {# PCs}}'

describe('format', () => {
  it.each<[string, Record<string, string | number>, string]>([
    [
      'Tersimpan. No. registrasi {number}.',
      { number: '0601-000123' },
      'Tersimpan. No. registrasi 0601-000123.',
    ],
    ['{a} dan {b}', { a: 1, b: 'dua' }, '1 dan dua'],
    ['{a}{a}', { a: 'x' }, 'xx'],
    // Plain {count} keeps the number as given: screens pass formatNumber(…) when they want grouping.
    ['{count} data', { count: 12400 }, '12400 data'],
    ['{count|number} data', { count: 12400 }, '12.400 data'],
    ['paling banyak {max|rupiah}', { max: 1_000_000_000 }, 'paling banyak Rp1.000.000.000'],
    ['berakhir {date|date}', { date: '2026-08-03' }, 'berakhir 3 Agustus 2026'],
  ])('%s', (template, values, expected) => {
    expect(format(template, values, 'id')).toBe(expected)
  })

  it('leaves a placeholder without a value visible, or shows what the caller asks for', () => {
    expect(format('Halo {name}', {})).toBe('Halo {name}')
    expect(format('Halo {name}', {}, 'id', { missing: '…' })).toBe('Halo …')
    expect(format('Halo {name}', { name: undefined }, 'id', { missing: '…' })).toBe('Halo …')
  })

  it('reads only own values: a key like "constructor" is not a value', () => {
    expect(format('{constructor} {toString}', {})).toBe('{constructor} {toString}')
  })

  it('leaves braces that are not a placeholder alone', () => {
    expect(format('a { b } c', { b: 'x' })).toBe('a { b } c')
    expect(format('{not closed', {})).toBe('{not closed')
    expect(format('{a-b}', { 'a-b': 1 })).toBe('{a-b}')
    expect(format('tanpa kurung', { a: 1 })).toBe('tanpa kurung')
  })

  it('uses the formats a caller adds, before the built-in ones', () => {
    const formats = { sex: (value: string | number) => (value === 'P' ? 'perempuan' : 'laki-laki') }
    expect(format('NIK: {s|sex}', { s: 'P' }, 'id', { formats })).toBe('NIK: perempuan')
    expect(format('{x|unknown}', { x: 'as is' })).toBe('as is')
  })

  it('passes every shown value through `shown` (issue messages clip long quotes)', () => {
    const shown = (text: string) => (text.length > 3 ? `${text.slice(0, 3)}…` : text)
    expect(format('{a} {b}', { a: 'abcdef', b: 'ab' }, 'en', { shown })).toBe('abc… ab')
  })
})

describe('format: plurals by Intl.PluralRules', () => {
  it.each<[number, string]>([
    [0, 'no PCs'],
    [1, '1 PC'],
    [2, '2 PCs'],
    [21, '21 PCs'],
    [1500, '1,500 PCs'],
  ])('English, %i → %s', (count, expected) => {
    expect(format(PCS, { count }, 'en')).toBe(expected)
  })

  it('Indonesian has one form ("other") whatever the count, # grouped the Indonesian way', () => {
    const template = '{count, plural, one {# perangkat (one)} other {# perangkat}}'
    expect(format(template, { count: 1 }, 'id')).toBe('1 perangkat')
    expect(format(template, { count: 12400 }, 'id')).toBe('12.400 perangkat')
  })

  it('fills placeholders inside a branch, and keeps text around the plural', () => {
    const template = 'Di {office}: {count, plural, one {# kunci dari {who}} other {# kunci}}.'
    expect(format(template, { office: 'PUSAT', count: 1, who: 'Rina' }, 'en')).toBe(
      'Di PUSAT: 1 kunci dari Rina.',
    )
  })

  it('takes a count given as text, and leaves the plural visible without one', () => {
    expect(format(PCS, { count: '2' }, 'en')).toBe('2 PCs')
    expect(format(PCS, {}, 'en')).toBe(PCS)
    expect(format(PCS, { count: 'many' }, 'en')).toBe(PCS)
  })

  it('counts a count already grouped for display', () => {
    expect(format(PCS, { count: '12.400' }, 'en')).toBe('12,400 PCs')
    expect(format(PCS, { count: '1' }, 'en')).toBe('1 PC')
    expect(format(PCS, { count: '1.5' }, 'en')).toBe(PCS)
  })

  it("reads the catalogue's plurals: one record, two records; Indonesian unchanged", () => {
    const confirmed = 'queue.done.confirmed'
    expect(format(messagesEn[confirmed], { count: 1 }, 'en')).toBe('1 record confirmed.')
    expect(format(messagesEn[confirmed], { count: 2 }, 'en')).toBe('2 records confirmed.')
    expect(format(messagesId[confirmed], { count: 1 }, 'id')).toBe(
      format(messagesId[confirmed].replace('{count}', '1'), {}, 'id'),
    )
  })

  it('leaves a plural without an "other" branch alone', () => {
    const template = '{count, plural, one {# PC}}'
    expect(format(template, { count: 1 }, 'en')).toBe(template)
  })
})

describe('the app formats', () => {
  it('groups numbers the way each language reads them', () => {
    expect(formatNumber('id', 50000)).toBe('50.000')
    expect(formatNumber('en', 50000)).toBe('50,000')
  })

  it('writes Rupiah the Indonesian way in both languages', () => {
    expect(formatRupiah(16800)).toBe('Rp16.800')
    expect(formatRupiah(1_500_000.9)).toBe('Rp1.500.000')
    expect(formatRupiah(0)).toBe('Rp0')
    expect(formatRupiah(-5000)).toBe('-Rp5.000')
  })

  it('writes dates in words, and returns anything else as it is', () => {
    expect(formatDateWords('id', '2026-08-03')).toBe('3 Agustus 2026')
    expect(formatDateWords('en', '2026-08-03')).toBe('3 August 2026')
    expect(formatDateWords('id', '2026-13-01')).toBe('2026-13-01')
    expect(formatCardDate('id', '2026-05-07')).toBe('07 Mei 2026')
    expect(formatCardDate('en', '2026-12-31')).toBe('31 Dec 2026')
  })

  it('knows its languages', () => {
    expect(isLanguage('id')).toBe(true)
    expect(isLanguage('en')).toBe(true)
    expect(isLanguage('fr')).toBe(false)
  })
})

describe('the catalogue', () => {
  it('has the same keys in both languages, each namespace under its prefix', () => {
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesId).sort())
    expect(messagesId['verify.title']).toBe('Verifikasi kartu peserta')
    expect(messagesEn['verify.title']).toBe('Verify a participant card')
  })

  it('uses the same placeholders in both languages', () => {
    // The district's words for itself ({wilayah}: kabupaten or kota) are each language's own.
    const DISTRICT_WORDS = new Set(['{wilayah', '{Wilayah', '{kepalaDaerah', '{regency'])
    const placeholders = (text: string) =>
      (text.match(/\{\w+/g) ?? []).filter((name) => !DISTRICT_WORDS.has(name)).sort()
    const differing = Object.keys(messagesId).filter((key) => {
      const k = key as keyof typeof messagesId
      return placeholders(messagesId[k]).join() !== placeholders(messagesEn[k]).join()
    })
    expect(differing).toEqual([])
  })

  it('prefixes a namespace and reads it by language, unknown keys shown as they are', () => {
    expect(namespaced('demo', { title: 'Judul' })).toEqual({ 'demo.title': 'Judul' })
    const text = textFor<'hello'>({
      id: { hello: 'Halo {name}' },
      en: { hello: 'Hello {name}' },
    })
    expect(text('en', 'hello', { name: 'Rina' })).toBe('Hello Rina')
    expect(text('id', 'bye' as 'hello')).toBe('bye')
  })

  it("fills the district's words for itself: a kabupaten's by default, a kota's when set", () => {
    try {
      expect(format('Kunci publik {wilayah} · SK {kepalaDaerah}')).toBe(
        'Kunci publik kabupaten · SK Bupati',
      )
      setDistrictKind('kota')
      expect(format('{Wilayah} (total), SK {kepalaDaerah}')).toBe('Kota (total), SK Wali Kota')
      // A value passed by the caller wins.
      expect(format('{wilayah}', { wilayah: 'desa' })).toBe('desa')
    } finally {
      setDistrictKind('kabupaten')
    }
  })
})

describe('list dates and numbers, one formatter per language', () => {
  it('formats in the language asked for, whichever language came first', () => {
    // The formatters are made once per language: alternating must never reuse the other's.
    const seen = ['id', 'en', 'id', 'en'].map((language) => [
      formatDate(language as 'id' | 'en', '1990-05-15'),
      formatNumber(language as 'id' | 'en', 1_234_567),
    ])
    expect(seen).toEqual([
      ['15 Mei 1990', '1.234.567'],
      ['15 May 1990', '1,234,567'],
      ['15 Mei 1990', '1.234.567'],
      ['15 May 1990', '1,234,567'],
    ])
    expect(formatDate('id', 'kemarin')).toBe('kemarin')
  })
})
