/**
 * The Anggaran tab's table model at a tariff change in July 2026 (renderer/src/dashboard/
 * dashboard-tables.ts): the screen, the PDF and the XLSX all draw these rows, so they are checked
 * here once, as a supervisor reads them. Two people covered all year, counted on 15 August.
 */
import { describe, expect, it } from 'vitest'
import { aggregateDashboard, type DashboardRecord } from '@shared/dashboard/aggregate'
import { parseTariffs } from '@shared/district/tariff-config'
import {
  buildDashboardTables,
  displayCell,
  type DashboardTable,
} from '@/dashboard/dashboard-tables'

const TARIFFS = parseTariffs({
  tariffs: [
    {
      validFrom: '2015-07',
      validUntil: '2026-06',
      lines: { jkk: 10_000, jkm: 6_800 },
      total: 16_800,
      regulation: 'PP 44/2015 jo. PP 82/2019',
      discounts: [
        {
          percent: 50,
          validFrom: '2026-01',
          regulation: 'PP 50/2025',
          appliesToPayerKinds: 'semua',
          excludesPayerKinds: ['apbn', 'apbd-provinsi', 'apbd-kabupaten'],
        },
      ],
    },
    {
      validFrom: '2026-07',
      lines: { jkk: 12_000, jkm: 7_500 },
      total: 19_500,
      regulation: 'PP 99/2026 (contoh)',
    },
  ],
})

const person: DashboardRecord = {
  status: 'active',
  checks: [{ state: 'confirmed' }],
  createdAt: '2025-12-01T00:00:00.000Z',
  birthDate: '1990-01-01',
  sex: 'L',
  kecamatanCode: 'K1',
  villageCode: 'V1',
  occupationCode: 'petani',
  prints: [],
  coverage: [{ year: 2026, from: '2026-01-01', batchId: 'B1' }],
}

const figures = aggregateDashboard([person, { ...person, sex: 'P' }], {
  year: 2026,
  today: '2026-08-15',
  config: {
    tariffs: TARIFFS,
    baselineCoveredParticipants: 0,
    utcOffsetMinutes: 480,
    configuredTargetFor: () => undefined,
    kecamatan: [{ code: 'K1', name: 'Satu' }],
    villages: [{ code: 'V1', name: 'Satu A', kecamatanCode: 'K1' }],
    occupations: [{ code: 'petani', labelId: 'Petani', labelEn: 'Farmer' }],
  },
  plans: [{ year: 2026, kecamatanCode: '', target: 2, allocation: 500_000 }],
})

const tables = buildDashboardTables(figures, 'id', 'K1')
const table = (id: string): DashboardTable => {
  const found = tables.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no table ${id}`)
  return found
}
/** Each row as the screen and the PDF print it, cells joined with |. */
const shown = (id: string): string[] =>
  table(id).rows.map((row) =>
    row.map((cell, index) => displayCell('id', cell, table(id).columnKinds[index])).join('|'),
  )
const row = (id: string, first: string) => shown(id).find((line) => line.startsWith(`${first}|`))

describe('the Anggaran tab at a tariff change in July', () => {
  it('states each tariff of the year with its months, validity, regulation and the discount rule', () => {
    expect(table('anggaran-tarif').title).toBe('Tarif iuran 2026 (pembayar: APBD kabupaten)')
    expect(shown('anggaran-tarif')).toEqual([
      'Jan 2026 – Jun 2026|Jul 2015 – Jun 2026|PP 44/2015 jo. PP 82/2019|50 % (PP 50/2025) tidak berlaku untuk APBD kabupaten|Rp10.000|Rp6.800|Rp16.800',
      'Jul 2026 – Des 2026|sejak Jul 2026, sampai diganti|PP 99/2026 (contoh)|–|Rp12.000|Rp7.500|Rp19.500',
    ])
  })

  it('costs spend and projection month by month, with the JKK/JKM split', () => {
    // To August: 2 people × (6 × 16.800 + 2 × 19.500); to December: 2 × (6 × 16.800 + 6 × 19.500).
    expect(row('anggaran', 'Iuran per orang per bulan')).toBe('Iuran per orang per bulan|Rp19.500')
    expect(row('anggaran', 'Realisasi s.d. bulan ini')).toBe('Realisasi s.d. bulan ini|Rp279.600')
    expect(row('anggaran', 'Realisasi JKK s.d. bulan ini')).toBe(
      'Realisasi JKK s.d. bulan ini|Rp168.000',
    )
    expect(row('anggaran', 'Realisasi JKM s.d. bulan ini')).toBe(
      'Realisasi JKM s.d. bulan ini|Rp111.600',
    )
    expect(row('anggaran', 'Proyeksi s.d. akhir tahun')).toBe('Proyeksi s.d. akhir tahun|Rp435.600')
    expect(row('anggaran', 'Proyeksi JKK s.d. akhir tahun')).toBe(
      'Proyeksi JKK s.d. akhir tahun|Rp264.000',
    )
    expect(row('anggaran', 'Proyeksi JKM s.d. akhir tahun')).toBe(
      'Proyeksi JKM s.d. akhir tahun|Rp171.600',
    )
  })

  it('lists every month at its own rate, and the year total', () => {
    expect(row('anggaran-bulanan', 'Jun 2026')).toBe(
      'Jun 2026|2|Rp16.800|Rp20.000|Rp13.600|Rp33.600',
    )
    expect(row('anggaran-bulanan', 'Jul 2026')).toBe(
      'Jul 2026|2|Rp19.500|Rp24.000|Rp15.000|Rp39.000',
    )
    expect(row('anggaran-bulanan', 'Jumlah setahun')).toBe(
      'Jumlah setahun|||Rp264.000|Rp171.600|Rp435.600',
    )
  })

  it('keeps rupiah columns rupiah for the XLSX', () => {
    expect(table('anggaran-tarif').columnKinds.slice(4)).toEqual(['rupiah', 'rupiah', 'rupiah'])
    expect(table('anggaran-bulanan').columnKinds).toEqual([
      'text',
      'integer',
      'rupiah',
      'rupiah',
      'rupiah',
      'rupiah',
    ])
  })
})
