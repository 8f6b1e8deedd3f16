import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '../../shared/district/district-config'

const configJson = JSON.parse(
  readFileSync(new URL('../../resources/district/district.json', import.meta.url), 'utf8'),
) as Record<string, unknown>
const regionCsv = readFileSync(
  new URL('../../resources/district/wilayah.csv', import.meta.url),
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
    expect(district.config.premiumPerMonth).toEqual({ jkk: 10_000, jkm: 6_800, total: 16_800 })
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
})

describe('loadDistrict refuses a broken district.json with a message that names the key', () => {
  const withChange = (change: Record<string, unknown>): unknown => ({ ...configJson, ...change })

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
      'a premium total that is not the sum',
      withChange({ premiumPerMonth: { jkk: 10_000, jkm: 6_800, total: 16_000 } }),
      /premiumPerMonth\.total/,
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
  ])('%s', (_label, config, message) => {
    expect(() => loadDistrict(config, regionCsv)).toThrow(message)
  })

  it('refuses a config and a region file for different places', () => {
    const other = withChange({ region: { code: '64.03', name: 'Berau', kind: 'kabupaten' } })
    expect(() => loadDistrict(other, regionCsv)).toThrow(/64\.03.*64\.02/)
    const renamed = withChange({ region: { code: '64.02', name: 'Kukar', kind: 'kabupaten' } })
    expect(() => loadDistrict(renamed, regionCsv)).toThrow(/names the region "Kukar"/)
  })
})
