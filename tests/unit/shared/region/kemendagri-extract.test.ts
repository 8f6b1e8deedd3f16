import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '../../../../shared/district/district-config'
import { extractRegency, type KemendagriTables } from '../../../../shared/region/kemendagri-extract'
import { parseRegionChanges } from '../../../../shared/region/region-changes'
import { parseRegionCsv } from '../../../../shared/region/region-table'

const ROOT = resolve(import.meta.dirname, '../../../..')
const packageDir = dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json'))
const read = (name: string) => readFileSync(join(packageDir, 'data', name), 'utf8')
const TABLES: KemendagriTables = {
  regencies: read('regencies.csv'),
  districts: read('districts.csv'),
  villages: read('villages.csv'),
}

/** Every district folder the repository ships: the default one and resources/districts/*. */
const SHIPPED = [
  join(ROOT, 'resources/district'),
  ...readdirSync(join(ROOT, 'resources/districts')).map((name) =>
    join(ROOT, 'resources/districts', name),
  ),
]

describe('the region table comes from the Kemendagri package, not from a hand', () => {
  it.each(SHIPPED)('%s: wilayah.csv is exactly the package extract of its district', (dir) => {
    const config = JSON.parse(readFileSync(join(dir, 'district.json'), 'utf8')) as {
      region: { code: string }
    }
    const shipped = readFileSync(join(dir, 'wilayah.csv'), 'utf8')
    // A hand edit (a renamed desa, a missing kelurahan) fails here: run `npm run district -- region`.
    expect(shipped).toBe(extractRegency(TABLES, config.region.code).csv)
    expect(() => loadDistrict(config, shipped)).not.toThrow()
    // The record of earlier editions' renames is there and readable (empty until one changes).
    expect(() =>
      parseRegionChanges(readFileSync(join(dir, 'wilayah-perubahan.csv'), 'utf8')),
    ).not.toThrow()
  })

  it("Kukar's table: 20 kecamatan, 237 desa and kelurahan, each kecamatan before its villages", () => {
    const kukar = extractRegency(TABLES, '64.02')
    expect([kukar.name, kukar.kind, kukar.kecamatanCount, kukar.villageCount]).toEqual([
      'Kutai Kartanegara',
      'kabupaten',
      20,
      237,
    ])
    const table = parseRegionCsv(kukar.csv)
    expect(table.kecamatanByCode('64.02.06')?.name).toBe('Tenggarong')
    expect(table.villageByCode('64.02.06.1001')).toMatchObject({ name: 'Jahab', kind: 'kelurahan' })
    const lines = kukar.csv.split('\n')
    expect(lines.indexOf('64.02.01,Muara Muntai,kecamatan,64.02')).toBe(2)
    expect(lines[3]).toMatch(/^64\.02\.01\.\d{4},/)
  })

  it('a city has kelurahan only: Kota Samarinda', () => {
    const samarinda = extractRegency(TABLES, '64.72')
    expect([samarinda.name, samarinda.kind, samarinda.kecamatanCount]).toEqual([
      'Samarinda',
      'kota',
      10,
    ])
    const table = parseRegionCsv(samarinda.csv)
    expect(table.kabupaten).toEqual({ code: '64.72', name: 'Samarinda', kind: 'kota' })
    expect(new Set(table.villages.map((village) => village.kind))).toEqual(new Set(['kelurahan']))
    expect(table.villages).toHaveLength(samarinda.villageCount)
  })

  it('refuses, in Indonesian, a code the package does not have or one written wrongly', () => {
    expect(() => extractRegency(TABLES, '64.99')).toThrow('tidak ada dalam tabel Kemendagri')
    expect(() => extractRegency(TABLES, '6402')).toThrow('harus seperti "64.02"')
    expect(() => extractRegency({ ...TABLES, regencies: 'kode,nama\n64.02,X' }, '64.02')).toThrow(
      'kepala kolom',
    )
  })

  it('quotes a name holding a comma, and reads one quoted in the package', () => {
    const tables: KemendagriTables = {
      regencies: 'code,province_code,name\n99.01,99,Kabupaten Contoh\n',
      districts: 'code,regency_code,name\n99.01.01,99.01,"Ilir, Hulu"\n',
      villages: 'code,district_code,name\n99.01.01.2001,99.01.01,"Desa ""Baru"""\n',
    }
    const extract = extractRegency(tables, '99.01')
    expect(extract.csv).toBe(
      [
        'code,name,level,parent_code',
        '99.01,Contoh,kabupaten,99',
        '99.01.01,"Ilir, Hulu",kecamatan,99.01',
        '99.01.01.2001,"Desa ""Baru""",desa,99.01.01',
        '',
      ].join('\n'),
    )
  })
})
