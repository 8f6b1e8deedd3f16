import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PROVINCES, isProvinceCode, provinceNameOf } from '@shared/region/provinces'
import { parseRegionCsv } from '@shared/region/region-table'

const regionCsv = readFileSync(
  new URL('../../../../resources/district/wilayah.csv', import.meta.url),
  'utf8',
)

describe('the Kutai Kartanegara region file', () => {
  const table = parseRegionCsv(regionCsv)

  it('holds the kabupaten, its 20 kecamatan and 237 villages as the data README counts them', () => {
    expect(table.kabupaten).toEqual({
      code: '64.02',
      name: 'Kutai Kartanegara',
      kind: 'kabupaten',
    })
    expect(table.kecamatan).toHaveLength(20)
    expect(table.villages).toHaveLength(237)
    expect(table.villages.filter((v) => v.kind === 'kelurahan')).toHaveLength(44)
    expect(table.villages.filter((v) => v.kind === 'desa')).toHaveLength(193)
  })

  it.each([
    ['64.02.01', 'Muara Muntai', 0, 13],
    ['64.02.06', 'Tenggarong', 12, 2],
    ['64.02.13', 'Samboja', 10, 3],
    ['64.02.14', 'Muara Jawa', 8, 0],
    ['64.02.15', 'Sanga Sanga', 5, 0],
    ['64.02.19', 'Kota Bangun Darat', 0, 10],
    ['64.02.20', 'Samboja Barat', 9, 1],
  ])('kecamatan %s %s has %i kelurahan and %i desa', (code, name, kelurahan, desa) => {
    expect(table.kecamatanByCode(code)?.name).toBe(name)
    const villages = table.villagesOf(code)
    expect(villages.filter((v) => v.kind === 'kelurahan')).toHaveLength(kelurahan)
    expect(villages.filter((v) => v.kind === 'desa')).toHaveLength(desa)
    expect(villages.every((v) => v.kecamatanCode === code)).toBe(true)
  })

  it('gives the short code used in NIKs and registration numbers', () => {
    expect(table.kecamatanByCode('64.02.06')).toEqual({
      code: '64.02.06',
      shortCode: '06',
      name: 'Tenggarong',
    })
  })

  it('keeps villages that share a name apart by code (Tani Bhakti is in Loa Janan and Samboja Barat)', () => {
    expect(table.villageByCode('64.02.03.2005')).toEqual({
      code: '64.02.03.2005',
      name: 'Tani Bhakti',
      kind: 'desa',
      kecamatanCode: '64.02.03',
    })
    expect(table.villageByCode('64.02.20.2004')?.kecamatanCode).toBe('64.02.20')
  })

  it('knows the villages moved to the new kecamatan only under their new codes', () => {
    expect(table.villageByCode('64.02.19.2004')?.name).toBe('Kota Bangun I')
    expect(table.villageByCode('64.02.08.2010')).toBeUndefined()
    expect(table.villageByCode('64.02.20.1009')?.name).toBe('Amborawang Laut')
    expect(table.villageByCode('64.02.13.1003')).toBeUndefined()
  })

  it.each([['64.02.21'], ['06'], [''], ['<script>'], [undefined as unknown as string]])(
    'answers nothing for the unknown kecamatan %j',
    (code) => {
      expect(table.kecamatanByCode(code)).toBeUndefined()
      expect(table.villagesOf(code)).toEqual([])
    },
  )

  it('cannot be changed by a caller', () => {
    const writable = table.kecamatan as unknown as { name: string }[]
    expect(() => {
      writable[0]!.name = 'X'
    }).toThrow(TypeError)
    expect(() => writable.push({ name: 'Y' })).toThrow(TypeError)
    expect(table.kecamatan[0]?.name).toBe('Muara Muntai')
  })
})

describe('parseRegionCsv on a file another kabupaten might ship', () => {
  const header = 'code,name,level,parent_code'
  const minimal = [
    header,
    '64.72,Kota Contoh,kota,64',
    '64.72.01,Satu,kecamatan,64.72',
    '64.72.01.1001,Kelurahan A,kelurahan,64.72.01',
  ]

  it('accepts a byte-order mark, CRLF line ends, quoted names and a kota', () => {
    const text =
      '\uFEFF' + [...minimal, '64.72.01.2002,"Desa ""B"", Hilir",desa,64.72.01'].join('\r\n')
    const table = parseRegionCsv(text + '\r\n')
    expect(table.kabupaten).toEqual({ code: '64.72', name: 'Kota Contoh', kind: 'kota' })
    expect(table.villagesOf('64.72.01').map((v) => v.name)).toEqual([
      'Kelurahan A',
      'Desa "B", Hilir',
    ])
  })

  it.each([
    ['an empty file', '', /^CSV wilayah kosong$/],
    [
      'a wrong header',
      'kode,nama\n64.02,X',
      /^CSV wilayah baris 1: judul kolom harus persis "code,name,level,parent_code"$/,
    ],
    [
      'a missing field',
      [...minimal, '64.72.01.2002,Desa,desa'].join('\n'),
      /^CSV wilayah baris 5: harus 4 kolom \(code,name,level,parent_code\); ada 3 kolom$/,
    ],
    [
      'an unknown level',
      [...minimal, '64.72.01.3003,Dusun,dusun,64.72.01'].join('\n'),
      /^CSV wilayah baris 5: level "dusun" tidak dikenal; pilih kabupaten, kota, kecamatan/,
    ],
    [
      'a duplicated code',
      [...minimal, minimal[3]].join('\n'),
      /^CSV wilayah baris 5: kode 64\.72\.01\.1001 tertulis dua kali$/,
    ],
    [
      'a desa numbered as kelurahan',
      [...minimal, '64.72.01.1002,X,desa,64.72.01'].join('\n'),
      /^CSV wilayah baris 5: 64\.72\.01\.1002 bernomor kelurahan \(kelurahan 1xxx, desa 2xxx\); tertulis desa$/,
    ],
    [
      'a wrong parent',
      [...minimal, '64.72.01.2002,X,desa,64.72.02'].join('\n'),
      /^CSV wilayah baris 5: induk \(parent_code\) 64\.72\.01\.2002 harus 64\.72\.01$/,
    ],
    [
      'a village of a missing kecamatan',
      [...minimal, '64.72.02.2001,X,desa,64.72.02'].join('\n'),
      /^CSV wilayah: desa\/kelurahan 64\.72\.02\.2001 tidak punya kecamatan di berkas ini$/,
    ],
    [
      'two kabupaten',
      [...minimal, '64.73,Lain,kabupaten,64'].join('\n'),
      /^CSV wilayah baris 5: berkas harus memuat tepat satu kabupaten\/kota$/,
    ],
    [
      'no kabupaten',
      [header, minimal[2], minimal[3]].join('\n'),
      /^CSV wilayah tidak memuat baris kabupaten\/kota$/,
    ],
    [
      'a kecamatan without villages',
      [...minimal, '64.72.02,Dua,kecamatan,64.72'].join('\n'),
      /^CSV wilayah: kecamatan 64\.72\.02 tidak punya desa\/kelurahan$/,
    ],
    [
      'an unclosed quote',
      [...minimal, '64.72.01.2002,"Desa,desa,64.72.01'].join('\n'),
      /^CSV wilayah baris 5: kolom yang dibuka dengan tanda kutip ganda " tidak pernah ditutup$/,
    ],
    [
      'a quote inside a field',
      [...minimal, '64.72.01.2002,Desa "B",desa,64.72.01'].join('\n'),
      /^CSV wilayah baris 5: tanda kutip ganda " di tengah kolom/,
    ],
    [
      'an empty name',
      [...minimal, '64.72.01.2002,,desa,64.72.01'].join('\n'),
      /^CSV wilayah baris 5: nama harus berisi 1 sampai 100 karakter$/,
    ],
    [
      'a BPS-style code',
      [...minimal, '6472010002,X,desa,6472010'].join('\n'),
      /^CSV wilayah baris 5: "6472010002" bukan kode desa\/kelurahan Kemendagri seperti 64\.02\.06\.1001$/,
    ],
  ])('throws a clear error in Indonesian for %s', (_label, text, message) => {
    expect(() => parseRegionCsv(text as string)).toThrow(message)
  })
})

describe('provinces', () => {
  it('lists the 38 provinces with unique two-digit Kemendagri codes from 11 to 96', () => {
    expect(PROVINCES).toHaveLength(38)
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(38)
    expect(PROVINCES.every((p) => /^\d{2}$/.test(p.code))).toBe(true)
    expect(PROVINCES[0]?.code).toBe('11')
    expect(PROVINCES.at(-1)?.code).toBe('96')
  })

  it.each([
    ['64', 'Kalimantan Timur'],
    ['65', 'Kalimantan Utara'],
    ['91', 'Papua'],
    ['92', 'Papua Barat'],
    ['96', 'Papua Barat Daya'],
  ])('knows %s as %s (Kemendagri, not BPS, numbering)', (code, name) => {
    expect(provinceNameOf(code)).toBe(name)
  })

  it.each(['00', '10', '20', '37', '54', '97', '6', 'Kaltim', 64 as unknown as string, null])(
    'refuses %j as a province code',
    (code) => {
      expect(isProvinceCode(code)).toBe(false)
    },
  )
})
