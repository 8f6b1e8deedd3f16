import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  DistrictConfigError,
  loadDistrict,
  loadDistrictFromText,
} from '@shared/district/district-config'
import { expectIndonesian } from './indonesian'

const configText = readFileSync(
  new URL('../../../../resources/district/district.json', import.meta.url),
  'utf8',
)
const configJson = JSON.parse(configText) as Record<string, unknown>
const regionCsv = readFileSync(
  new URL('../../../../resources/district/wilayah.csv', import.meta.url),
  'utf8',
)

/** The DistrictConfigError `load` throws; fails the test when it throws something else or nothing. */
function refusal(load: () => unknown): DistrictConfigError {
  try {
    load()
  } catch (error) {
    if (error instanceof DistrictConfigError) return error
    throw error
  }
  throw new Error('the configuration was accepted')
}

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
    ['not an object', null, /^district\.json: harus berupa objek \{ … \}; tertulis null/],
    [
      'a wrong schema version',
      withChange({ schemaVersion: 2 }),
      /\(\.schemaVersion\): harus 1 .*tertulis 2/,
    ],
    [
      'a region code in BPS style',
      withChange({ region: { code: '6402', name: 'Kutai Kartanegara', kind: 'kabupaten' } }),
      /\(\.region\.code\): harus kode wilayah Kemendagri .*tertulis "6402"; contoh: "64\.02"/,
    ],
    [
      'an inverted age range',
      withChange({ ageRange: { min: 65, max: 18 } }),
      /\(\.ageRange\.min\): umur terendah \(min\) 65 tidak boleh lebih besar dari umur tertinggi \(max\) 18/,
    ],
    [
      'a fractional age',
      withChange({ ageRange: { min: 17.5, max: 64 } }),
      /\(\.ageRange\.min\): harus bilangan bulat antara 0 dan 120.*tertulis 17\.5; contoh: 18$/,
    ],
    [
      'a DTSEN decile above 10',
      withChange({ eligibility: { maxDecile: 11 } }),
      /^district\.json \(\.eligibility\.maxDecile\): harus bilangan bulat antara 1 dan 10, tanpa tanda kutip; tertulis 11; contoh: 5$/,
    ],
    [
      'a DTSEN decile given as text',
      withChange({ eligibility: { maxDecile: '5' } }),
      /\(\.eligibility\.maxDecile\): harus bilangan bulat .*tertulis "5"/,
    ],
    [
      'an eligibility section without its decile',
      withChange({ eligibility: {} }),
      /\(\.eligibility\.maxDecile\): harus bilangan bulat .*; kunci ini tidak ada; contoh: 5/,
    ],
    [
      'an eligibility section that is a number',
      withChange({ eligibility: 5 }),
      /\(\.eligibility\): harus berupa objek \{ … \}; tertulis 5; contoh: \{ "maxDecile": 5 \}/,
    ],
    [
      'no occupations',
      withChange({ occupations: [] }),
      /\(\.occupations\): harus daftar \[ … \] yang berisi paling sedikit satu; tertulis \[\]/,
    ],
    [
      'a duplicated occupation code',
      withChange({
        occupations: [
          { code: 'a', labelId: 'A', labelEn: 'A' },
          { code: 'a', labelId: 'B', labelEn: 'B' },
        ],
      }),
      /\(\.occupations\[1\]\.code\): kode "a" sudah dipakai di \.occupations\[0\]/,
    ],
    [
      'an occupation without an English label',
      withChange({ occupations: [{ code: 'a', labelId: 'A' }] }),
      /\(\.occupations\[0\]\.labelEn\): harus teks berisi .*kunci ini tidak ada; contoh: "Fisher"/,
    ],
    [
      'an occupation code with capitals',
      withChange({ occupations: [{ code: 'Nelayan', labelId: 'A', labelEn: 'A' }] }),
      /\(\.occupations\[0\]\.code\): harus huruf kecil, .*tertulis "Nelayan"; contoh: "nelayan"/,
    ],
    [
      'a target year given as text',
      withChange({ annualTargets: [{ year: '2026', newParticipants: 13_000 }] }),
      /\(\.annualTargets\[0\]\.year\): harus bilangan bulat antara 2000 dan 2100.*tertulis "2026"/,
    ],
    [
      'a missing contact',
      withChange({ contact: undefined }),
      /\(\.contact\): harus berupa objek \{ … \}; kunci ini tidak ada/,
    ],
    [
      'a missing print section',
      withChange({ print: undefined }),
      /\(\.print\): harus berupa objek \{ … \}; kunci ini tidak ada/,
    ],
    [
      'a logo outside resources/district',
      withPrint({ logos: ['../../etc/logo.png'] }),
      /\(\.print\.logos\[0\]\): harus nama berkas \.png, .*tanpa nama folder; tertulis "\.\.\/\.\.\/etc\/logo\.png"/,
    ],
    [
      'a logo that is not PNG or JPEG',
      withPrint({ logos: ['logo.svg'] }),
      /\(\.print\.logos\[0\]\): .*tertulis "logo\.svg"/,
    ],
    [
      'three logos',
      withPrint({ logos: ['a.png', 'b.png', 'c.png'] }),
      /\(\.print\.logos\): harus daftar paling banyak 2 nama berkas/,
    ],
    [
      'no benefits',
      withPrint({ benefits: [] }),
      /\(\.print\.benefits\): harus daftar \[ … \] yang berisi paling sedikit satu/,
    ],
    [
      'a blank benefit',
      withPrint({ benefits: ['JKK', ' '] }),
      /\(\.print\.benefits\[1\]\): harus teks berisi/,
    ],
    [
      'English benefits that do not match the Indonesian ones',
      withPrint({ benefitsEn: ['JKK'] }),
      /\(\.print\.benefitsEn\): harus berisi sama banyak dengan benefits \(4 entri, urutan sama\); ada 1 entri/,
    ],
    [
      'a missing card title',
      withPrint({ cardTitleId: undefined }),
      /\(\.print\.cardTitleId\): .*kunci ini tidak ada; contoh: "KARTU PESERTA"/,
    ],
    [
      'a card title too long for the card',
      withPrint({ cardTitleEn: 'M'.repeat(41) }),
      /\(\.print\.cardTitleEn\): paling banyak 40 karakter agar muat di kartu; ada 41 karakter/,
    ],
    [
      'an empty sticker headline',
      withPrint({ stickerWords: [] }),
      /\(\.print\.stickerWords\): harus daftar/,
    ],
  ])('%s', (_label, config, message) => {
    const error = refusal(() => loadDistrict(config, regionCsv))
    expect(error.message).toMatch(message)
    // Without the file's text there is no line to give.
    expect(error.line).toBeUndefined()
    expectIndonesian(error.message)
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
    expect(() => loadDistrict(other, regionCsv)).toThrow(
      'district.json (.region.code): "64.03" tidak sama dengan kode kabupaten/kota di CSV wilayah ("64.02")',
    )
    const renamed = withChange({ region: { code: '64.02', name: 'Kukar', kind: 'kabupaten' } })
    expect(() => loadDistrict(renamed, regionCsv)).toThrow(
      'district.json (.region.name): "Kukar" tidak sama dengan nama di CSV wilayah: tulis persis "Kutai Kartanegara"',
    )
    // A kabupaten written as a kota would call itself "Kota …" on every screen and card.
    const asKota = withChange({
      region: { code: '64.02', name: 'Kutai Kartanegara', kind: 'kota' },
    })
    expect(() => loadDistrict(asKota, regionCsv)).toThrow(
      'district.json (.region.kind): "kota" tidak sama dengan tingkat wilayah di CSV wilayah: tulis "kabupaten"',
    )
  })
})

/**
 * district.json as the regency's IT staff see it: a text file in an editor. Each broken copy is
 * the shipped text with one hand edit, and each refusal must point at the edited line (found here
 * by plain text search, not by the walker under test) with an Indonesian reason.
 */
describe('loadDistrictFromText refuses a broken district.json at the line to fix, in Indonesian', () => {
  /** `text` with `from` (which must occur exactly once) replaced by `to`. */
  function edit(text: string, from: string, to: string): string {
    const at = text.indexOf(from)
    expect(at, `"${from}" is in the text`).toBeGreaterThanOrEqual(0)
    expect(text.indexOf(from, at + 1), `"${from}" occurs once`).toBe(-1)
    return text.slice(0, at) + to + text.slice(at + from.length)
  }
  /** The 1-based line of the one occurrence of `snippet` in `text`. */
  function lineOf(text: string, snippet: string): number {
    const at = text.indexOf(snippet)
    expect(at, `"${snippet}" is in the text`).toBeGreaterThanOrEqual(0)
    expect(text.indexOf(snippet, at + 1), `"${snippet}" occurs once`).toBe(-1)
    return text.slice(0, at).split('\n').length
  }

  /** Where a syntax error is found at the very end of the text. */
  const END = '(end of text)'

  it('loads the shipped text as loadDistrict loads its value, a byte-order mark included', () => {
    expect(loadDistrictFromText(configText, regionCsv).config).toEqual(
      loadDistrict(configJson, regionCsv).config,
    )
    expect(loadDistrictFromText('\uFEFF' + configText, regionCsv).config.region.code).toBe('64.02')
  })

  it.each([
    {
      label: 'a value given as text where a number belongs',
      text: () => edit(configText, '"max": 64', '"max": "64"'),
      at: '"max": "64"',
      message:
        '(.ageRange.max): harus bilangan bulat antara 0 dan 120, tanpa tanda kutip; tertulis "64"; contoh: 64',
    },
    {
      label: 'a missing key, found at its parent object',
      text: () => edit(configText, ',\n    "kind": "kabupaten"', ''),
      at: '"region": {',
      message:
        '(.region.kind): harus "kabupaten" atau "kota"; kunci ini tidak ada; contoh: "kabupaten"',
    },
    {
      label: 'a missing section, found at the top of the file',
      text: () => edit(configText, '"schemaVersion": 1,', ''),
      at: '{\n  \n  "region"',
      message: '(.schemaVersion): harus 1',
    },
    {
      label: 'a second payer whose budget is written as words',
      text: () =>
        edit(
          configText,
          '    }\n  ],\n  "baselineCoveredParticipants"',
          [
            '    },',
            '    {',
            '      "code": "apbd-prov",',
            '      "name": "APBD Provinsi Kalimantan Timur",',
            '      "kind": "apbd-provinsi",',
            '      "budgets": [{ "year": 2026, "total": "5 miliar" }]',
            '    }',
            '  ],',
            '  "baselineCoveredParticipants"',
          ].join('\n'),
        ),
      at: '"total": "5 miliar"',
      message:
        '(.payers[1].budgets[0].total): harus bilangan bulat rupiah dari 0 sampai 10000000000000, tanpa titik ribuan dan tanpa tanda kutip; tertulis "5 miliar"; contoh: 16800000',
    },
    {
      label: 'a payer of a kind Naungan does not know',
      text: () =>
        edit(
          configText,
          '"kind": "apbd-kabupaten",\n      "default"',
          '"kind": "pemda",\n      "default"',
        ),
      at: '"kind": "pemda"',
      message: '(.payers[0].kind): harus salah satu jenis pembayar: apbn, ',
    },
    {
      label: 'a tariff month without its leading zero',
      text: () => edit(configText, '"validFrom": "2015-07"', '"validFrom": "2015-7"'),
      at: '"validFrom": "2015-7"',
      message:
        '(.tariffs[0].validFrom): harus bulan berbentuk "YYYY-MM" antara 2000 dan 2100; tertulis "2015-7"; contoh: "2026-07"',
    },
    {
      label: 'an occupation rule naming an agency that is not listed',
      text: () => edit(configText, '"nelayan": ["dkp"]', '"nelayan": ["dinas-perikanan"]'),
      at: '"nelayan": ["dinas-perikanan"]',
      message:
        '(.verification.byOccupation.nelayan[0]): harus kode instansi yang ada di .verification.agencies, yaitu salah satu dari disdukcapil, dinsos, disbun, distanak, dkp, disdag, dishub; tertulis "dinas-perikanan"',
    },
    {
      label: 'an occupation rule for an occupation that is not listed',
      text: () => edit(configText, '"ojek": ["dishub"]', '"ojek-daring": ["dishub"]'),
      at: '"ojek-daring"',
      message:
        '(.verification.byOccupation.ojek-daring): "ojek-daring" bukan kode pekerjaan di .occupations',
    },
    {
      label: 'two occupations with one code',
      text: () => edit(configText, '"code": "buruh-tani"', '"code": "petani-pekebun"'),
      at: '"code": "petani-pekebun",\n      "labelId": "Buruh tani',
      message:
        '(.occupations[1].code): kode "petani-pekebun" sudah dipakai di .occupations[0]: setiap pilihan perlu kode sendiri',
    },
    {
      label: 'two agencies with one code',
      text: () => edit(configText, '"code": "distanak"', '"code": "disbun"'),
      at: '"code": "disbun",\n        "labelId": "Dinas Pertanian dan Peternakan',
      message:
        '(.verification.agencies[3].code): kode "disbun" sudah dipakai di .verification.agencies[2]',
    },
    {
      label: 'a key written twice in one object',
      text: () => edit(configText, '"min": 18,', '"min": 18,\n    "min": 17,'),
      at: '"min": 17',
      message: '(.ageRange.min): kunci ini tertulis dua kali dalam objek yang sama',
    },
    {
      label: 'a region code for another kabupaten than the region CSV',
      text: () => edit(configText, '"code": "64.02"', '"code": "64.03"'),
      at: '"code": "64.03"',
      message:
        '(.region.code): "64.03" tidak sama dengan kode kabupaten/kota di CSV wilayah ("64.02"): kedua berkas harus untuk daerah yang sama',
    },
    {
      label: 'a region name the region CSV spells differently',
      text: () => edit(configText, '"name": "Kutai Kartanegara"', '"name": "Kukar"'),
      at: '"name": "Kukar"',
      message:
        '(.region.name): "Kukar" tidak sama dengan nama di CSV wilayah: tulis persis "Kutai Kartanegara"',
    },
    {
      label: 'an identity flag written as text',
      text: () => edit(configText, '"checksIdentity": true', '"checksIdentity": "ya"'),
      at: '"checksIdentity": "ya"',
      message:
        '(.verification.agencies[0].checksIdentity): harus true atau false, tanpa tanda kutip; tertulis "ya"',
    },
  ])('$label', ({ text, at, message }) => {
    const broken = text()
    const error = refusal(() => loadDistrictFromText(broken, regionCsv))
    const line = lineOf(broken, at)
    expect(error.line).toBe(line)
    expect(error.column).toBeUndefined()
    expect(error.message).toContain(`district.json baris ${line} ${message}`)
    expect(
      error.message.startsWith(`district.json baris ${line} (${error.path}): ${error.reason}`),
    ).toBe(true)
    expectIndonesian(error.message)
  })

  it.each([
    {
      label: 'a missing comma at the end of a line, shown right after the value',
      text: () =>
        edit(
          configText,
          '"provinceName": "Kalimantan Timur",',
          '"provinceName": "Kalimantan Timur"',
        ),
      at: '"provinceName": "Kalimantan Timur"',
      column: (line: string) => line.length + 1,
      reason:
        'sesudah nilai ini harus ada koma , (bila objek berlanjut) atau } (bila objek berakhir di sini); mungkin komanya terlupa',
    },
    {
      label: 'a comma after the last member',
      text: () => edit(configText, '"max": 64\n', '"max": 64,\n'),
      at: '"max": 64,',
      column: (line: string) => line.indexOf(',') + 1,
      reason: 'koma terakhir sebelum } harus dihapus',
    },
    {
      label: 'a comma after the last item of a list',
      text: () => edit(configText, '"PEKERJA RENTAN"]', '"PEKERJA RENTAN",]'),
      at: '"PEKERJA RENTAN",]',
      column: (line: string) => line.indexOf(',]') + 1,
      reason: 'koma terakhir sebelum ] harus dihapus',
    },
    {
      label: 'single quotes',
      text: () => edit(configText, '"kind": "kabupaten"', '"kind": \'kabupaten\''),
      at: "'kabupaten'",
      column: (line: string) => line.indexOf("'") + 1,
      reason: 'teks harus di antara tanda kutip ganda "…", bukan kutip tunggal',
    },
    {
      label: 'an unquoted key',
      text: () => edit(configText, '"provinceName":', 'provinceName:'),
      at: 'provinceName:',
      column: (line: string) => line.indexOf('p') + 1,
      reason: 'nama kunci harus di antara tanda kutip ganda: tulis "provinceName"',
    },
    {
      label: 'a comment',
      text: () => edit(configText, '"ageRange": {', '// umur peserta\n  "ageRange": {'),
      at: '// umur peserta',
      column: (line: string) => line.indexOf('/') + 1,
      reason: 'JSON tidak mengenal komentar',
    },
    {
      label: 'a capitalised True',
      text: () => edit(configText, '"default": true', '"default": True'),
      at: '"default": True',
      column: (line: string) => line.indexOf('True') + 1,
      reason: 'nilai True tidak dikenal',
    },
    {
      label: 'a number with a thousands separator',
      text: () =>
        edit(
          configText,
          '"baselineCoveredParticipants": 35440',
          '"baselineCoveredParticipants": 35.440.0',
        ),
      at: '35.440.0',
      column: (line: string) => line.indexOf('35') + 1,
      reason: 'angka 35.440.0 tidak sah: tulis angka tanpa nol di depan dan tanpa titik ribuan',
    },
    {
      label: 'a text left open',
      text: () =>
        edit(configText, '"cardTitleId": "KARTU PESERTA"', '"cardTitleId": "KARTU PESERTA'),
      at: '"KARTU PESERTA,',
      column: (line: string) => line.indexOf('"KARTU') + 1,
      reason:
        'teks yang dibuka dengan tanda kutip ganda " di sini tidak ditutup sebelum akhir baris',
    },
    {
      label: 'a file cut short',
      text: () => configText.slice(0, configText.indexOf('"verification"')),
      // The end of the text: the last line, past its last character.
      at: END,
      column: (line: string) => line.length + 1,
      reason: 'berkas berakhir sebelum objek yang dibuka di baris 1 ditutup dengan }',
    },
  ])('a JSON syntax error: $label', ({ text, at, column, reason }) => {
    const broken = text()
    expect(() => JSON.parse(broken) as unknown).toThrow(SyntaxError)
    const error = refusal(() => loadDistrictFromText(broken, regionCsv))
    const line = at === END ? broken.split('\n').length : lineOf(broken, at)
    const expectedColumn = column(broken.split('\n')[line - 1] as string)
    expect({ line: error.line, column: error.column, path: error.path }).toEqual({
      line,
      column: expectedColumn,
      path: '',
    })
    expect(error.reason).toContain(reason)
    expect(error.message).toBe(
      `district.json baris ${line}, kolom ${expectedColumn}: ${error.reason}`,
    )
    expectIndonesian(error.message)
  })

  it('refuses an empty file and a file that holds a list', () => {
    const empty = refusal(() => loadDistrictFromText('  \n', regionCsv))
    expect(empty.message).toBe(
      'district.json baris 2, kolom 1: berkas kosong: isinya harus satu objek JSON { … }',
    )
    const list = refusal(() => loadDistrictFromText('[\n  1\n]\n', regionCsv))
    expect(list.message).toBe(
      'district.json baris 1: harus berupa objek { … }; tertulis [1]; contoh: { "schemaVersion": 1, "region": { … }, … }',
    )
  })

  it('passes a broken region CSV through with the CSV’s own line', () => {
    const csv = regionCsv.replace(/\n64\.02\.01,/, '\n64.02.01,,')
    expect(() => loadDistrictFromText(configText, csv)).toThrow(
      /^CSV wilayah baris 3: harus 4 kolom/,
    )
  })
})
