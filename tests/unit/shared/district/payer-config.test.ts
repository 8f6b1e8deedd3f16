/**
 * district.json's `payers` (shared/district/payer-config.ts): the funding sources, each refused
 * with its JSON path when wrong; exactly one default; Kukar's file names its APBD with the 2025
 * budget as a total only (the JKK/JKM split is not in any document we have); an old file without
 * `payers` still starts with the regency's APBD as its one payer.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadDistrict, parseDistrictConfig } from '@shared/district/district-config'
import { LEGACY_DEFAULT_PAYER_CODE, payerBudgetOf } from '@shared/district/payer-config'

const configJson = JSON.parse(
  readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
) as Record<string, unknown>
const regionCsv = readFileSync(
  new URL('../../../../resources/district/wilayah.csv', import.meta.url),
  'utf8',
)

const regency = {
  code: 'apbd-kab',
  name: 'APBD Kabupaten',
  kind: 'apbd-kabupaten',
  default: true,
  budgets: [{ year: 2026, total: 16_800_000, lines: { jkk: 10_000_000, jkm: 6_800_000 } }],
}
const province = {
  code: 'apbd-prov',
  name: 'APBD Provinsi Kalimantan Timur',
  kind: 'apbd-provinsi',
  bpjsGroup: { name: 'Pemprov Kaltim – BPU', kodeIuran: 'KT-0042' },
}
const withPayers = (payers: unknown) => ({ ...configJson, payers })

describe('district.json payers', () => {
  it('reads Kukar’s APBD as the default payer with the 2025 budget as a total, split unknown', () => {
    const district = loadDistrict(configJson, regionCsv)
    expect(district.defaultPayer).toMatchObject({ code: 'apbd-kabupaten', kind: 'apbd-kabupaten' })
    expect(payerBudgetOf(district.defaultPayer, 2025)).toEqual({
      year: 2025,
      total: 10_000_000_000,
    })
    expect(payerBudgetOf(district.defaultPayer, 2026)).toBeNull()
  })

  it('reads several payers with their BPJS groups, lines and kinds the issue names', () => {
    const config = parseDistrictConfig(
      withPayers([
        regency,
        province,
        { code: 'dbh-sawit', name: 'DBH Sawit', kind: 'dbh' },
        { code: 'desa-sumber-sari', name: 'APBDes Sumber Sari', kind: 'apbdes' },
        { code: 'csr-pt-a', name: 'CSR PT A', kind: 'csr' },
      ]),
    )
    expect(config.payers.map((payer) => [payer.code, payer.kind, payer.isDefault])).toEqual([
      ['apbd-kab', 'apbd-kabupaten', true],
      ['apbd-prov', 'apbd-provinsi', false],
      ['dbh-sawit', 'dbh', false],
      ['desa-sumber-sari', 'apbdes', false],
      ['csr-pt-a', 'csr', false],
    ])
    expect(config.payers[1]?.bpjsGroup).toEqual({
      name: 'Pemprov Kaltim – BPU',
      kodeIuran: 'KT-0042',
    })
    expect(config.payers[0]?.budgets[0]?.lines).toEqual({ jkk: 10_000_000, jkm: 6_800_000 })
  })

  it.each([
    [[], /\.payers\): harus daftar berisi 1/],
    [
      [regency, { ...province, default: true }],
      /\.payers\[1\]\.default\): tepat satu sumber dana.*tertandai 2: \.payers\[0\] dan \.payers\[1\]/,
    ],
    [[{ ...regency, default: false }], /\.payers\): tepat satu .*tertandai 0$/],
    [
      [regency, { ...province, code: 'apbd-kab' }],
      /\.payers\[1\]\.code\): kode "apbd-kab" sudah dipakai di \.payers\[0\]/,
    ],
    [[{ ...regency, code: 'APBD Kab' }], /\.payers\[0\]\.code\): harus huruf kecil/],
    [
      [{ ...regency, kind: 'apbd' }],
      /\.payers\[0\]\.kind\): harus salah satu jenis pembayar: .*apbdes.*tertulis "apbd"/,
    ],
    [[{ ...regency, name: '' }], /\.payers\[0\]\.name\): harus teks berisi/],
    [[{ ...regency, bpjsGroup: { kodeIuran: 'X' } }], /\.payers\[0\]\.bpjsGroup\.name/],
    [
      [{ ...regency, budgets: [{ year: 2026, total: 1, lines: { jkk: 1, jkm: 1 } }] }],
      /\.payers\[0\]\.budgets\[0\]\.total\): harus sama dengan jkk \+ jkm \(1 \+ 1 = 2\); tertulis 1/,
    ],
    [
      [
        {
          ...regency,
          budgets: [
            { year: 2026, total: 1 },
            { year: 2026, total: 2 },
          ],
        },
      ],
      /\.payers\[0\]\.budgets\[1\]\.year\): tahun 2026 sudah ada di \.payers\[0\]\.budgets\[0\]/,
    ],
    [
      [{ ...regency, budgets: [{ year: 2026, total: -5 }] }],
      /budgets\[0\]\.total\): harus bilangan bulat/,
    ],
    [
      [{ ...regency, budgets: [{ year: 2026, total: 5, jkk: 5 }] }],
      /budgets\[0\]\.jkk\): kunci tidak dikenal/,
    ],
  ])('refuses %j with the JSON path', (payers, message) => {
    expect(() => parseDistrictConfig(withPayers(payers))).toThrow(message)
  })

  it('gives a file written before payers one default payer: the regency’s APBD, no budget', () => {
    const { payers: _payers, ...old } = configJson
    const district = loadDistrict(old, regionCsv)
    expect(district.config.payers).toEqual([
      {
        code: LEGACY_DEFAULT_PAYER_CODE,
        name: 'APBD Kutai Kartanegara',
        kind: 'apbd-kabupaten',
        budgets: [],
        isDefault: true,
      },
    ])
  })
})
