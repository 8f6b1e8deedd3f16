import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseRegionCsv } from '@shared/region/region-table'
import { kecamatanByName } from '@/registration/kecamatan-options'

const regionCsv = readFileSync(
  new URL('../../../../resources/district/wilayah.csv', import.meta.url),
  'utf8',
)

describe('kecamatan as the setup and registration forms list them', () => {
  it('are in name order, not Kemendagri code order', () => {
    const { kecamatan } = parseRegionCsv(regionCsv)
    const names = kecamatanByName(kecamatan).map((k) => k.name)
    expect(names[0]).toBe('Anggana')
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'id')))
    // A name that is the start of another comes first, so type-ahead picks the shorter one.
    expect(names.indexOf('Samboja')).toBeLessThan(names.indexOf('Samboja Barat'))
    expect(names.indexOf('Tenggarong')).toBeLessThan(names.indexOf('Tenggarong Seberang'))
  })

  it('ignore case and leave the list it was given alone', () => {
    const given = [
      { code: '2', name: 'muara Kaman' },
      { code: '1', name: 'Muara Jawa' },
      { code: '3', name: 'Loa Kulu' },
    ]
    expect(kecamatanByName(given).map((k) => k.code)).toEqual(['3', '1', '2'])
    expect(given.map((k) => k.code)).toEqual(['2', '1', '3'])
  })
})
