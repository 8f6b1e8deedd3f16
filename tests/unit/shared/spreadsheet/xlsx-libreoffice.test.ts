/**
 * The spreadsheets the app writes, read back by LibreOffice (not by our own reader): numbers are
 * numbers a SUM counts, Rupiah cells carry the Rp format, dates are dates, and a NIK or KPJ is
 * text with its leading zeros. CI installs LibreOffice (.ci/run) and this file fails there
 * without it; elsewhere it is skipped with the reason printed.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_BATCH_LAYOUT,
  batchRows,
  batchSheetColumns,
  type BatchLayout,
} from '@shared/coverage/batch-layout'
import { aggregateDashboard, type DashboardRecord } from '@shared/dashboard/aggregate'
import { openEndedTariff } from '@shared/coverage/tariffs'
import { toXlsx, type SheetTable } from '@shared/spreadsheet/xlsx-writer'
import { buildDashboardTables, tableToSheet } from '@/dashboard/dashboard-tables'
import {
  convertToFlatOds,
  findSoffice,
  parseFlatOds,
  type OdsCell,
  type OdsSheet,
} from '../../../support/libreoffice'

const soffice = findSoffice()
const isCi = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase())
if (!soffice && !isCi) {
  console.warn(
    'xlsx-libreoffice: skipped, soffice is not on PATH ' +
      '(apt-get install --no-install-recommends libreoffice-calc-nogui); in CI this fails instead',
  )
}

/** Every kind of cell, with the values a careless writer would lose. */
const KINDS: SheetTable = {
  name: 'Jenis sel',
  columns: [
    { header: 'NIK', kind: 'text' },
    { header: 'KPJ', kind: 'text' },
    { header: 'Peserta', kind: 'integer' },
    { header: 'Rata-rata', kind: 'number' },
    { header: 'Iuran', kind: 'rupiah' },
    { header: '% target', kind: 'percent' },
    { header: 'Mulai', kind: 'date' },
  ],
  rows: [
    ['0012345678901234', '0012345601', 1234, 12.5, 16_800, 0.42, '2026-07-01'],
    ['6402061505900001', '00000042', '–', 0.1, 1_500_000_000, 1.25, '2024-02-29'],
  ],
}

const person = (over: Partial<DashboardRecord>): DashboardRecord => ({
  status: 'active',
  checks: [{ state: 'confirmed' }],
  createdAt: '2026-02-01T00:00:00.000Z',
  birthDate: '1990-01-01',
  sex: 'L',
  kecamatanCode: 'K1',
  villageCode: 'V1',
  occupationCode: 'petani',
  prints: [],
  coverage: [{ year: 2026, from: '2026-03-01', batchId: 'B1' }],
  ...over,
})

const FIGURES = aggregateDashboard(
  [person({}), person({ sex: 'P' }), person({ kecamatanCode: 'K2', villageCode: 'V2' })],
  {
    year: 2026,
    today: '2026-11-24',
    config: {
      tariffs: [openEndedTariff({ jkk: 10_000, jkm: 6_800 }, 'PP 44/2015 jo. PP 82/2019')],
      baselineCoveredParticipants: 0,
      utcOffsetMinutes: 480,
      configuredTargetFor: () => undefined,
      kecamatan: [
        { code: 'K1', name: 'Satu' },
        { code: 'K2', name: 'Dua' },
      ],
      villages: [
        { code: 'V1', name: 'Satu A', kecamatanCode: 'K1' },
        { code: 'V2', name: 'Dua A', kecamatanCode: 'K2' },
      ],
      occupations: [{ code: 'petani', labelId: 'Petani', labelEn: 'Farmer' }],
    },
    plans: [
      { year: 2026, kecamatanCode: '', target: 100, allocation: 10_000_000 },
      { year: 2026, kecamatanCode: 'K1', target: 8, allocation: 0 },
    ],
  },
)
const TABLES = buildDashboardTables(FIGURES, 'id', 'K1')
const tableById = (id: string) => TABLES.find((table) => table.id === id)!

const BATCH_LAYOUT: BatchLayout = {
  columns: [
    ...DEFAULT_BATCH_LAYOUT.columns,
    { header: 'No KK', value: 'kk' },
    { header: 'Tgl Lahir (tanggal)', value: 'birthDate:date' },
  ],
}
const BATCH = {
  id: 'B-2026-07-01',
  kodeIuran: 'KI-6402.001',
  period: { year: 2026, fromMonth: 7 },
  memberIds: ['p-1'],
}
const MEMBER = {
  id: 'p-1',
  nik: '6402061505900001',
  kk: '0402060101150003',
  fullName: 'Ahmad Yani',
  birthPlace: 'Tenggarong',
  birthDate: '1990-05-15',
  sex: 'L' as const,
  address: 'Jl. Mulawarman',
  rt: '003',
  rw: '001',
  kecamatanCode: '64.02.06',
  villageCode: '64.02.06.1001',
  occupationCode: 'nelayan',
  phone: '081234567890',
}
const BATCH_ROWS = batchRows(BATCH, [MEMBER], BATCH_LAYOUT, {
  villageName: () => 'Loa Ipuh',
  kecamatanName: () => 'Tenggarong',
  occupationName: () => 'Nelayan',
})

const isRupiah = (cell: OdsCell) =>
  ['float', 'currency'].includes(cell.type) && cell.format.includes('text:Rp')

describe.skipIf(!soffice && !isCi)('XLSX read back by LibreOffice', () => {
  let sheets: Record<'kinds' | 'budget' | 'tariffs' | 'kecamatan' | 'batch', OdsSheet>

  beforeAll(async () => {
    if (!soffice) {
      throw new Error(
        'soffice is not on PATH: CI must install libreoffice-calc-nogui (see .ci/run)',
      )
    }
    const converted = await convertToFlatOds(soffice, {
      kinds: toXlsx(KINDS),
      budget: toXlsx(tableToSheet(tableById('anggaran'))),
      tariffs: toXlsx(tableToSheet(tableById('anggaran-tarif'))),
      kecamatan: toXlsx(tableToSheet(tableById('kecamatan'))),
      batch: toXlsx({
        name: 'Batch 07-2026',
        columns: batchSheetColumns(BATCH_LAYOUT),
        rows: BATCH_ROWS.slice(1),
      }),
    })
    sheets = {
      kinds: parseFlatOds(converted.kinds!),
      budget: parseFlatOds(converted.budget!),
      tariffs: parseFlatOds(converted.tariffs!),
      kecamatan: parseFlatOds(converted.kecamatan!),
      batch: parseFlatOds(converted.batch!),
    }
  }, 180_000)

  it('reads each kind of cell as its type and value', () => {
    const [header, first, second] = sheets.kinds.rows
    expect(header!.map((cell) => [cell.type, cell.value, cell.bold])).toEqual(
      KINDS.columns.map((column) => ['string', column.header, true]),
    )
    expect(first!.map((cell) => [cell.type, cell.value])).toEqual([
      ['string', '0012345678901234'],
      ['string', '0012345601'],
      ['float', '1234'],
      ['float', '12.5'],
      [first![4]!.type, '16800'],
      ['percentage', '0.42'],
      ['date', '2026-07-01'],
    ])
    expect(second!.map((cell) => [cell.type, cell.value])).toEqual([
      ['string', '6402061505900001'],
      ['string', '00000042'],
      ['string', '–'],
      ['float', '0.1'],
      [second![4]!.type, '1500000000'],
      ['percentage', '1.25'],
      ['date', '2024-02-29'],
    ])
    expect(isRupiah(first![4]!) && isRupiah(second![4]!)).toBe(true)
    expect(first![6]!.formatKind).toBe('date')
    expect(first![6]!.format).toEqual(['day', 'text:-', 'month', 'text:-', 'year'])
    // Data cells are not bold; text cells keep the Text format, so an edit stays text.
    expect(first!.some((cell) => cell.bold)).toBe(false)
    expect(first![0]!.formatKind).toBe('text')
  })

  it('keeps the filter over the whole table and widens columns to their content', () => {
    expect(sheets.kinds.name).toBe('Jenis sel')
    expect(sheets.kinds.filterRanges).toEqual(["'Jenis sel'.A1:'Jenis sel'.G3"])
    const [nik, , count] = sheets.kinds.columnWidths
    expect(nik).toBeGreaterThan(count!)
  })

  it('gives the budget as numbers a SUM adds up: Rupiah amounts and head counts', () => {
    const budget = FIGURES.budget
    const rows = sheets.budget.rows.slice(1)
    expect(rows).toHaveLength(tableById('anggaran').rows.length)
    const values = rows.map((row) => row[1]!)
    expect(values.every((cell) => ['float', 'currency'].includes(cell.type))).toBe(true)
    const rupiah = values.filter(isRupiah).map((cell) => Number(cell.value))
    const counts = values.filter((cell) => !isRupiah(cell)).map((cell) => Number(cell.value))
    // The rows the screen shows in Rupiah and in persons, in order.
    expect(rupiah).toEqual([
      budget.rateAsOf!.total,
      budget.rateAsOf!.total * budget.activeCount,
      budget.allocation,
      budget.spentToDate,
      budget.spentToDateByLine.jkk,
      budget.spentToDateByLine.jkm,
      budget.projectedYearEnd,
      budget.projectedYearEndByLine.jkk,
      budget.projectedYearEndByLine.jkm,
      budget.projectedSurplus,
      budget.costToReachTarget,
      budget.projectedWithTarget,
    ])
    // Head counts, the last two who pays (issue 16): paid twice, active but uncovered.
    expect(counts).toEqual([
      budget.activeCount,
      budget.remainingTarget,
      FIGURES.payerChecks.paidTwice,
      FIGURES.payerChecks.activeUncovered,
    ])
    expect(budget.allocation).toBe(10_000_000)
  })

  it('gives the tariff table its validity as text and each programme line as Rupiah', () => {
    const [header, row, ...rest] = sheets.tariffs.rows
    expect(header!.map((cell) => cell.value)).toEqual(tableById('anggaran-tarif').columns)
    expect(rest).toEqual([])
    expect(row!.slice(0, 4).every((cell) => cell.type === 'string')).toBe(true)
    expect(row!.slice(4).every(isRupiah)).toBe(true)
    expect(row!.slice(4).map((cell) => Number(cell.value))).toEqual([10_000, 6_800, 16_800])
  })

  it('gives the kecamatan table counts as numbers and the % of target as a percentage', () => {
    const [header, satu, dua] = sheets.kecamatan.rows
    expect(header!.map((cell) => cell.value)).toEqual(tableById('kecamatan').columns)
    expect(satu!.map((cell) => [cell.type, cell.value])).toEqual([
      ['string', 'Satu'],
      ['float', '2'],
      ['float', '2'],
      ['float', '2'],
      ['float', '8'],
      ['percentage', '0.25'],
    ])
    // No target for Dua: the screen's '–' is text, which a SUM skips.
    expect(dua!.slice(4).map((cell) => [cell.type, cell.value])).toEqual([
      ['string', '–'],
      ['string', '–'],
    ])
  })

  it('keeps the batch for BPJS as text, but for the opt-in date of birth', () => {
    const [header, row] = sheets.batch.rows
    const cellOf = (heading: string) => row![header!.findIndex((cell) => cell.value === heading)]!
    expect(cellOf('NIK')).toMatchObject({ type: 'string', value: '6402061505900001' })
    expect(cellOf('No KK')).toMatchObject({ type: 'string', value: '0402060101150003' })
    expect(cellOf('No HP')).toMatchObject({ type: 'string', value: '081234567890' })
    expect(cellOf('Tanggal Lahir')).toMatchObject({ type: 'string', value: '15-05-1990' })
    expect(cellOf('Periode')).toMatchObject({ type: 'string', value: '07-2026' })
    expect(cellOf('Tgl Lahir (tanggal)')).toMatchObject({ type: 'date', value: '1990-05-15' })
  })
})
