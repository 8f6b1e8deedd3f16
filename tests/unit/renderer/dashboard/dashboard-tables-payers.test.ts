/**
 * The Anggaran tab's table per funding source (renderer/src/dashboard/dashboard-tables.ts,
 * `anggaran-pembayar`): each payer of district.json against its own budget, as the screen, the
 * PDF and the XLSX show it. Counted on 15 August 2026 at Rp16.800 (PP 50/2025 halves a CSR payer).
 */
import { describe, expect, it } from 'vitest'
import {
  aggregateDashboard,
  type DashboardConfig,
  type DashboardRecord,
} from '@shared/dashboard/aggregate'
import { parseTariffs } from '@shared/district/tariff-config'
import type { Payer } from '@shared/district/payer-config'
import { buildDashboardTables, displayCell, tableToSheet } from '@/dashboard/dashboard-tables'

const TARIFFS = parseTariffs({
  tariffs: [
    {
      validFrom: '2015-07',
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
  ],
})
const PAYERS: Payer[] = [
  {
    code: 'apbd-kab',
    name: 'APBD Kabupaten',
    kind: 'apbd-kabupaten',
    isDefault: true,
    budgets: [{ year: 2026, total: 300_000 }],
  },
  {
    code: 'apbd-prov',
    name: 'APBD Provinsi',
    kind: 'apbd-provinsi',
    isDefault: false,
    budgets: [],
  },
  {
    code: 'csr-a',
    name: 'CSR PT A',
    kind: 'csr',
    isDefault: false,
    budgets: [{ year: 2026, total: 1_000_000 }],
  },
]

const person = (coverage: DashboardRecord['coverage']): DashboardRecord => ({
  status: 'active',
  checks: [{ state: 'confirmed' }],
  createdAt: '2025-12-01T00:00:00.000Z',
  birthDate: '1990-01-01',
  sex: 'L',
  kecamatanCode: 'K1',
  villageCode: 'V1',
  occupationCode: 'petani',
  prints: [],
  coverage,
})

const figuresConfig: DashboardConfig = {
  tariffs: TARIFFS,
  payers: PAYERS,
  baselineCoveredParticipants: 0,
  utcOffsetMinutes: 480,
  configuredTargetFor: () => undefined,
  kecamatan: [{ code: 'K1', name: 'Satu' }],
  villages: [{ code: 'V1', name: 'Satu A', kecamatanCode: 'K1' }],
  occupations: [{ code: 'petani', labelId: 'Petani', labelEn: 'Farmer' }],
}

const figures = aggregateDashboard(
  [
    // Recorded before payers: the default payer.
    person([{ year: 2026, from: '2026-01-01', batchId: 'B1' }]),
    person([{ year: 2026, from: '2026-01-01', batchId: 'B1', payerCode: 'apbd-kab' }]),
    person([{ year: 2026, from: '2026-07-01', batchId: 'B2', payerCode: 'apbd-prov' }]),
    person([{ year: 2026, from: '2026-01-01', batchId: 'B3', payerCode: 'csr-a' }]),
  ],
  {
    year: 2026,
    today: '2026-08-15',
    config: figuresConfig,
    plans: [],
  },
)
const table = buildDashboardTables(figures, 'id', 'K1').find(
  (candidate) => candidate.id === 'anggaran-pembayar',
)

describe('the Anggaran tab by funding source', () => {
  it('shows each payer’s spend and projection against its own budget', () => {
    expect(table?.title).toBe('Anggaran per sumber dana 2026')
    const shown = table?.rows.map((row) =>
      row.map((cell, index) => displayCell('id', cell, table.columnKinds[index])).join('|'),
    )
    // Regency: 2 × 8 × 16.800 spent, 2 × 12 × 16.800 = 403.200 projected, Rp103.200 over its pagu.
    // Province from July: 2 × 16.800 spent, 6 × 16.800 projected, no pagu entered.
    // CSR halved: 8 × 8.400 spent, 12 × 8.400 projected.
    expect(shown).toEqual([
      'APBD Kabupaten|2|Rp300.000|Rp268.800|Rp403.200|Rp0|Rp103.200',
      'APBD Provinsi|1|Pagu belum diisi|Rp33.600|Rp100.800|–|–',
      'CSR PT A|1|Rp1.000.000|Rp67.200|Rp100.800|Rp899.200|Rp0',
    ])
  })

  it('keeps rupiah as rupiah cells in the XLSX', () => {
    expect(table?.columnKinds).toEqual([
      'text',
      'integer',
      'rupiah',
      'rupiah',
      'rupiah',
      'rupiah',
      'rupiah',
    ])
    expect(tableToSheet(table!).rows[0]?.[2]).toEqual({ kind: 'rupiah', value: 300_000 })
  })

  it('has no account table while no budget is split into JKK and JKM', () => {
    const ids = buildDashboardTables(figures, 'id', 'K1').map((entry) => entry.id)
    expect(ids).toContain('anggaran-pembayar')
    expect(ids).not.toContain('anggaran-akun')
  })

  it('checks a budget split into JKK and JKM account by account', () => {
    // Kukar's 2025 budget: separate JKK and JKM accounts. The total (403.200 of 410.000) fits,
    // the JKK account (240.000 of 200.000) does not.
    const split = aggregateDashboard(
      [
        person([{ year: 2026, from: '2026-01-01', batchId: 'B1', payerCode: 'apbd-kab' }]),
        person([{ year: 2026, from: '2026-01-01', batchId: 'B1', payerCode: 'apbd-kab' }]),
      ],
      {
        year: 2026,
        today: '2026-08-15',
        config: {
          ...figuresConfig,
          payers: [
            {
              ...PAYERS[0]!,
              budgets: [{ year: 2026, total: 410_000, lines: { jkk: 200_000, jkm: 210_000 } }],
            },
          ],
        },
        plans: [],
      },
    )
    const accounts = buildDashboardTables(split, 'id', 'K1').find((t) => t.id === 'anggaran-akun')
    expect(accounts?.title).toBe('Pagu per akun (JKK, JKM) 2026: uang tidak berpindah antarakun')
    expect(
      accounts?.rows.map((row) =>
        row.map((cell, index) => displayCell('id', cell, accounts.columnKinds[index])).join('|'),
      ),
    ).toEqual([
      'APBD Kabupaten · JKK|Rp200.000|Rp240.000|Rp0|Rp40.000',
      'APBD Kabupaten · JKM|Rp210.000|Rp163.200|Rp46.800|Rp0',
    ])
  })

  it('counts people paid twice in a month of the year, and active ones covered by nobody today', () => {
    const checked = aggregateDashboard(
      [
        // The regency to 10 March, the province from 20 March: both bill March.
        person([
          { year: 2026, from: '2026-01-01', until: '2026-03-10', batchId: 'B1' },
          { year: 2026, from: '2026-03-20', batchId: 'B2', payerCode: 'apbd-prov' },
        ]),
        // The regency to 28 February, the province from 1 March: no month twice.
        person([
          { year: 2026, from: '2026-01-01', until: '2026-02-28', batchId: 'B1' },
          { year: 2026, from: '2026-03-01', batchId: 'B2', payerCode: 'apbd-prov' },
        ]),
        // Active on paper, covered to 31 May only: unprotected on 15 August.
        person([{ year: 2026, from: '2026-01-01', until: '2026-05-31', batchId: 'B1' }]),
      ],
      { year: 2026, today: '2026-08-15', config: figuresConfig, plans: [] },
    )
    const rows = buildDashboardTables(checked, 'id', 'K1').find((t) => t.id === 'anggaran')?.rows
    const valueOf = (label: string) => rows?.find((row) => row[0] === label)?.[1]
    expect(valueOf('Peserta dibayar dua sumber dana pada bulan yang sama')).toBe(1)
    expect(valueOf('Berstatus aktif tetapi tidak ada masa kepesertaan hari ini')).toBe(1)
  })
})
