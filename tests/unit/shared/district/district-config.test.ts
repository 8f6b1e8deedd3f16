import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '@shared/district/district-config'

const configJson = JSON.parse(
  readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
) as Record<string, unknown>
const regionCsv = readFileSync(
  new URL('../../../../resources/district/wilayah.csv', import.meta.url),
  'utf8',
)

describe('the shipped Kutai Kartanegara district', () => {
  const district = loadDistrict(configJson, regionCsv)

  it('joins district.json with the region table', () => {
    expect(district.config.region).toEqual({
      code: '64.02',
      name: 'Kutai Kartanegara',
      kind: 'kabupaten',
    })
    expect(district.provinceCode).toBe('64')
    expect(district.nikRegencyCode).toBe('6402')
    expect(district.config.provinceName).toBe('Kalimantan Timur')
    expect(district.regions.kecamatan).toHaveLength(20)
  })

  it('carries the programme figures', () => {
    expect(district.config.ageRange).toEqual({ min: 18, max: 64 })
    // PBI-JK's DTSEN deciles 1–5: the programme's socio-economic threshold.
    expect(district.config.eligibility).toEqual({ maxDecile: 5 })
    // One tariff since before the programme: JKK Rp10.000 + JKM Rp6.800 (tariffs: district-tariffs.test.ts).
    expect(district.config.tariffs).toMatchObject([
      { validFrom: '2015-07', lines: { jkk: 10_000, jkm: 6_800 }, total: 16_800 },
    ])
    expect(district.config.tariffs[0]?.validUntil).toBeUndefined()
    expect(district.config.baselineCoveredParticipants).toBe(35_440)
    expect(district.targetFor(2026)).toBe(13_000)
    expect(district.targetFor(2027)).toBeUndefined()
  })

  it('lists informal-worker occupations and heir relationships in both languages', () => {
    const codes = district.config.occupations.map((o) => o.code)
    expect(codes).toEqual(
      expect.arrayContaining([
        'petani-pekebun',
        'nelayan',
        'buruh-harian-lepas',
        'pedagang-kecil',
        'ojek',
        'peternak',
        'pengrajin',
        'sopir-angkot',
      ]),
    )
    expect(district.occupationByCode('nelayan')).toEqual({
      code: 'nelayan',
      labelId: 'Nelayan',
      labelEn: 'Fisher',
    })
    expect(district.heirRelationshipByCode('anak')?.labelId).toBe('Anak')
    expect(district.heirRelationshipByCode('tetangga')).toBeUndefined()
  })

  it('names the card and sticker wording and logo files for printing', () => {
    const print = district.config.print
    expect(print.logos).toEqual(['logo-kabupaten.png', 'logo-program.png'])
    expect(print.cardTitleId).toBe('KARTU PESERTA')
    expect(print.benefits).toHaveLength(print.benefitsEn.length)
    expect(print.benefits[0]).toMatch(/^Jaminan Kecelakaan Kerja \(JKK\)/)
    expect(print.benefits[1]).toMatch(/^Jaminan Kematian \(JKM\): santunan Rp42 juta/)
    expect(print.stickerWords).toEqual([
      'RUMAH PESERTA',
      'JAMINAN SOSIAL KETENAGAKERJAAN',
      'PEKERJA RENTAN',
    ])
  })

  it('ships the logo files district.json names', () => {
    for (const name of district.config.print.logos) {
      const bytes = readFileSync(new URL(`../../../../resources/district/${name}`, import.meta.url))
      expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    }
  })
})

describe('loadDistrict refuses a broken district.json with a message that names the key', () => {
  const withChange = (change: Record<string, unknown>): unknown => ({ ...configJson, ...change })
  const withPrint = (change: Record<string, unknown>): unknown =>
    withChange({ print: { ...(configJson.print as Record<string, unknown>), ...change } })

  it.each([
    ['not an object', null, /must be an object/],
    ['a wrong schema version', withChange({ schemaVersion: 2 }), /schemaVersion/],
    [
      'a region code in BPS style',
      withChange({ region: { code: '6402', name: 'Kutai Kartanegara', kind: 'kabupaten' } }),
      /region\.code/,
    ],
    ['an inverted age range', withChange({ ageRange: { min: 65, max: 18 } }), /ageRange/],
    ['a fractional age', withChange({ ageRange: { min: 17.5, max: 64 } }), /ageRange\.min/],
    [
      'a DTSEN decile above 10',
      withChange({ eligibility: { maxDecile: 11 } }),
      /district\.json: \.eligibility\.maxDecile must be a whole number from 1 to 10/,
    ],
    [
      'a DTSEN decile given as text',
      withChange({ eligibility: { maxDecile: '5' } }),
      /\.eligibility\.maxDecile/,
    ],
    ['an eligibility section without its decile', withChange({ eligibility: {} }), /maxDecile/],
    [
      'an eligibility section that is a number',
      withChange({ eligibility: 5 }),
      /\.eligibility must be an object/,
    ],
    ['no occupations', withChange({ occupations: [] }), /occupations/],
    [
      'a duplicated occupation code',
      withChange({
        occupations: [
          { code: 'a', labelId: 'A', labelEn: 'A' },
          { code: 'a', labelId: 'B', labelEn: 'B' },
        ],
      }),
      /appears twice/,
    ],
    [
      'an occupation without an English label',
      withChange({ occupations: [{ code: 'a', labelId: 'A' }] }),
      /occupations\[0\]\.labelEn/,
    ],
    [
      'an occupation code with capitals',
      withChange({ occupations: [{ code: 'Nelayan', labelId: 'A', labelEn: 'A' }] }),
      /occupations\[0\]\.code/,
    ],
    [
      'a target year given as text',
      withChange({ annualTargets: [{ year: '2026', newParticipants: 13_000 }] }),
      /annualTargets\[0\]\.year/,
    ],
    ['a missing contact', withChange({ contact: undefined }), /contact/],
    ['a missing print section', withChange({ print: undefined }), /\.print must be an object/],
    [
      'a logo outside resources/district',
      withPrint({ logos: ['../../etc/logo.png'] }),
      /print\.logos\[0\]/,
    ],
    ['a logo that is not PNG or JPEG', withPrint({ logos: ['logo.svg'] }), /print\.logos\[0\]/],
    ['three logos', withPrint({ logos: ['a.png', 'b.png', 'c.png'] }), /print\.logos/],
    ['no benefits', withPrint({ benefits: [] }), /print\.benefits must be a non-empty list/],
    ['a blank benefit', withPrint({ benefits: ['JKK', ' '] }), /print\.benefits\[1\]/],
    [
      'English benefits that do not match the Indonesian ones',
      withPrint({ benefitsEn: ['JKK'] }),
      /print\.benefitsEn must have as many entries/,
    ],
    ['a missing card title', withPrint({ cardTitleId: undefined }), /print\.cardTitleId/],
    [
      'a card title too long for the card',
      withPrint({ cardTitleEn: 'M'.repeat(41) }),
      /print\.cardTitleEn must be at most 40/,
    ],
    ['an empty sticker headline', withPrint({ stickerWords: [] }), /print\.stickerWords/],
  ])('%s', (_label, config, message) => {
    expect(() => loadDistrict(config, regionCsv)).toThrow(message)
  })

  it('accepts a district that does not target by DTSEN (no eligibility section)', () => {
    const { eligibility: _unused, ...rest } = configJson
    expect(loadDistrict(rest, regionCsv).config.eligibility).toBeUndefined()
  })

  it('accepts a district without logos or its own sticker wording', () => {
    const print: Record<string, unknown> = {
      ...(configJson.print as Record<string, unknown>),
      logos: [],
    }
    delete print.stickerWords
    const district = loadDistrict(withChange({ print }), regionCsv)
    expect(district.config.print.logos).toEqual([])
    expect(district.config.print.stickerWords).toBeUndefined()
  })

  it('refuses a config and a region file for different places', () => {
    const other = withChange({ region: { code: '64.03', name: 'Berau', kind: 'kabupaten' } })
    expect(() => loadDistrict(other, regionCsv)).toThrow(/64\.03.*64\.02/)
    const renamed = withChange({ region: { code: '64.02', name: 'Kukar', kind: 'kabupaten' } })
    expect(() => loadDistrict(renamed, regionCsv)).toThrow(/names the region "Kukar"/)
  })
})
