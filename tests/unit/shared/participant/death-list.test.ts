/**
 * Disdukcapil's list of deaths as read before matching (shared/participant/death-list.ts): every
 * row checked, copies counted once, rows that disagree refused, nothing guessed.
 */
import { describe, expect, it } from 'vitest'
import {
  guessDeathListMapping,
  readDeathList,
  type DeathListSheet,
} from '@shared/participant/death-list'

const HEADER = ['NO', 'NIK', 'NAMA LENGKAP', 'TGL MENINGGAL', 'NO. AKTA KEMATIAN']
const sheet = (rows: string[][], numericCells: Record<number, number[]> = {}): DeathListSheet => ({
  header: HEADER,
  rows: rows.map((cells, index) => ({
    rowNumber: index + 2,
    cells,
    ...(numericCells[index + 2] ? { numericCells: numericCells[index + 2] } : {}),
  })),
})
const options = { today: '2026-12-06', fileName: 'kematian.csv' }

describe('reading Disdukcapil’s list of deaths', () => {
  it('guesses the columns from the headings', () => {
    expect(guessDeathListMapping(HEADER)).toEqual({ nik: 1, name: 2, date: 3, reference: 4 })
  })

  const mapping = { nik: 1, name: 2, date: 3, reference: 4 }

  it('reads NIK, date (day first or ISO) and the certificate, masking the NIK for the screen', () => {
    const rows = readDeathList(
      sheet([
        ['1', '6402 0601 0580 0001', 'Joko  Daftar', '06-12-2026', ' 6402-KM-2026-000777 '],
        ['2', '6402060105800002', 'Lina', '2026-11-30', "'000123"],
      ]),
      mapping,
      options,
    )
    expect(rows).toEqual([
      {
        ok: true,
        rowNumber: 2,
        nik: '6402060105800001',
        maskedNik: '640206******0001',
        name: 'Joko Daftar',
        date: '2026-12-06',
        reference: '6402-KM-2026-000777',
      },
      {
        ok: true,
        rowNumber: 3,
        nik: '6402060105800002',
        maskedNik: '640206******0002',
        name: 'Lina',
        date: '2026-11-30',
        reference: '000123',
      },
    ])
  })

  it('names the list and the row as the document when the list has no certificate number', () => {
    const [row] = readDeathList(
      sheet([['1', '6402060105800001', 'Joko', '01/12/2026', '']]),
      { nik: 1, date: 3 },
      options,
    )
    expect(row).toMatchObject({
      ok: true,
      reference: 'Daftar kematian Disdukcapil kematian.csv, baris 2',
    })
  })

  it('refuses what it cannot read, and a death after today, never guessing', () => {
    const rows = readDeathList(
      sheet(
        [
          ['1', '', 'Tanpa NIK', '01-12-2026', ''],
          ['2', '640206010580', 'NIK pendek', '01-12-2026', ''],
          // 16 digits through Excel: the last digit rounded to 0, maybe someone else's.
          ['3', '6402060105800000', 'NIK Excel', '01-12-2026', ''],
          ['4', '6402060105800004', 'Tanpa tanggal', '', ''],
          ['5', '6402060105800005', 'Bulan dulu', '12/31/2026', ''],
          ['6', '6402060105800006', 'Besok', '07-12-2026', ''],
        ],
        { 4: [1] },
      ),
      mapping,
      options,
    )
    expect(rows.map((row) => (row.ok ? 'ok' : row.problems.join(',')))).toEqual([
      'NIK_EMPTY',
      'NIK_INVALID',
      'NIK_EXCEL_NUMBER',
      'DATE_EMPTY',
      'DATE_INVALID',
      'DATE_IN_FUTURE',
    ])
  })

  it('counts a copy of a row once, and refuses every row of a NIK listed with two dates', () => {
    const rows = readDeathList(
      sheet([
        ['1', '6402060105800001', 'Joko', '01-12-2026', ''],
        ['2', '6402060105800001', 'Joko', '2026-12-01', ''],
        ['3', '6402060105800002', 'Lina', '01-12-2026', ''],
        ['4', '6402060105800002', 'Lina', '02-12-2026', ''],
        ['', '', '', '', ''],
      ]),
      mapping,
      options,
    )
    expect(
      rows.map((row) => [row.rowNumber, row.ok ? (row.duplicateOf ?? 'ok') : row.problems[0]]),
    ).toEqual([
      [2, 'ok'],
      [3, 2],
      [4, 'CONFLICTING_ROWS'],
      [5, 'CONFLICTING_ROWS'],
    ])
  })
})
