import { describe, expect, it } from 'vitest'
import {
  guessAnswerMapping,
  matchAnswer,
  readAnswerDate,
  readAnswerNik,
  type AnswerMapping,
  type AnswerMember,
  type AnswerRowOutcome,
  type AnswerSheet,
} from '@shared/coverage/bpjs-answer'
import { describeCoverageProblem } from '@shared/coverage/coverage-messages'
import { parseKpj } from '@shared/coverage/kpj'

const HEADER = ['NIK', 'Nama', 'No KPJ', 'Tgl Mulai', 'Status', 'Keterangan']
const MAPPING: AnswerMapping = { nik: 0, name: 1, kpj: 2, coverageStart: 3, status: 4, note: 5 }
const PERIOD = { year: 2026, fromMonth: 7 }

const AHMAD: AnswerMember = { id: 'p-ahmad', nik: '6402061505900001', fullName: 'Ahmad Yani' }
const SITI: AnswerMember = { id: 'p-siti', nik: '6402064107850002', fullName: 'Siti Aminah' }
const RUDI: AnswerMember = { id: 'p-rudi', nik: '6402060101700003', fullName: 'Rudi Hartono' }
const DEWI: AnswerMember = { id: 'p-dewi', nik: '6402065203880004', fullName: 'Dewi Lestari' }
const MEMBERS = [AHMAD, SITI, RUDI, DEWI]

/** Rows numbered as the spreadsheet shows them: the header is row 1. */
function sheet(...rows: string[][]): AnswerSheet {
  return { header: HEADER, rows: rows.map((cells, index) => ({ rowNumber: index + 2, cells })) }
}

const match = (answer: AnswerSheet, members: readonly AnswerMember[] = MEMBERS) =>
  matchAnswer(answer, MAPPING, { period: PERIOD, members })

const row = (outcomes: AnswerRowOutcome[], rowNumber: number) => {
  const found = outcomes.find((outcome) => outcome.rowNumber === rowNumber)
  if (!found) throw new Error(`no outcome for row ${rowNumber}`)
  return found
}

const messages = (outcome: AnswerRowOutcome): string[] =>
  outcome.kind === 'error'
    ? outcome.problems.map((problem) => describeCoverageProblem(problem))
    : outcome.kind === 'matched'
      ? outcome.warnings.map((problem) => describeCoverageProblem(problem))
      : []

describe('KPJ numbers are text', () => {
  it.each([
    ['00012345678', '00012345678'],
    [' 000 1234 5678 ', '00012345678'],
    ['0001\u00a02345678', '00012345678'], // no-break space
    ['="00012345678"', '00012345678'], // Excel's keep-as-text trick
    ["'00012345678", '00012345678'],
    ['12345', '12345'], // no length is assumed
    ['1'.repeat(30), '1'.repeat(30)],
  ])('%j → %s', (raw, kpj) => {
    expect(parseKpj(raw)).toEqual({ ok: true, kpj })
  })

  it.each([
    ['', 'KPJ_EMPTY'],
    ['   ', 'KPJ_EMPTY'],
    ['1.23457E+10', 'KPJ_EXCEL_NUMBER'],
    ['1,23457E+10', 'KPJ_EXCEL_NUMBER'],
    ['12-345-678', 'KPJ_INVALID'],
    ['KPJ0012', 'KPJ_INVALID'],
    ['1'.repeat(31), 'KPJ_TOO_LONG'],
  ])('%j is refused: %s', (raw, reason) => {
    expect(parseKpj(raw)).toEqual({ ok: false, reason })
  })
})

describe('reading the NIK of an answer row', () => {
  it.each([
    ['6402061505900001', false],
    ['6402 0615 0590 0001', false],
    ['6402.0615.0590.0001', false],
    [' 6402061505900001 ', false],
    ['="6402061505900001"', false],
    ['6.402061505900001E+15', false], // scientific, but all 16 digits are there
    ['6402061505900001', true], // a number cell whose last digit survived
  ])('%j (number cell: %s) is 6402061505900001', (raw, isNumberCell) => {
    expect(readAnswerNik(raw, isNumberCell)).toEqual({ ok: true, nik: '6402061505900001' })
  })

  it.each([
    ['6.40206E+15', false, 'NIK_EXCEL_NUMBER'],
    ['6,40206E+15', false, 'NIK_EXCEL_NUMBER'],
    ['6.40206150590000E+15', false, 'NIK_EXCEL_NUMBER'], // 15 digits: the 16th is lost
    ['6402061505900000', true, 'NIK_EXCEL_NUMBER'], // could be …0001 rounded by Excel
    ['640206150590001', false, 'NIK_INVALID'],
    ['64020615059000012', false, 'NIK_INVALID'],
    ['64020615O5900001', false, 'NIK_INVALID'],
    ['', false, 'NIK_EMPTY'],
  ])('%j (number cell: %s) is refused: %s', (raw, isNumberCell, code) => {
    expect(readAnswerNik(raw, isNumberCell)).toEqual({ ok: false, problem: { code } })
  })
})

describe('reading the coverage start date', () => {
  it.each([
    ['01-07-2026', false, '2026-07-01'],
    ['1/7/2026', false, '2026-07-01'],
    ['2026-07-01', false, '2026-07-01'],
    ['2026-07-01 00:00:00', false, '2026-07-01'],
    ['46204', true, '2026-07-01'], // an Excel date cell
    ['29-02-2028', false, '2028-02-29'],
  ])('%j (number cell: %s) → %s', (raw, isNumberCell, iso) => {
    expect(readAnswerDate(raw, isNumberCell)).toBe(iso)
  })

  it.each(['31-02-2026', '29-02-2027', '05/13/2026', '46204', '1 Juli 2026', 'besok'])(
    '%j is not read',
    (raw) => {
      expect(readAnswerDate(raw)).toBeNull()
    },
  )
})

describe('matchAnswer', () => {
  it('matches by NIK and keeps the KPJ as text with its leading zeros', () => {
    const result = match(
      sheet(
        ['6402 0615 0590 0001', 'AHMAD YANI', ' 000 1234 5678 ', '01-07-2026', 'Berhasil', ''],
        ['6402.0641.0785.0002', 'Siti Aminah', '00098765432', '15/07/2026', '', ''],
      ),
    )
    expect(result.rows).toEqual([
      {
        kind: 'matched',
        rowNumber: 2,
        participantId: 'p-ahmad',
        maskedNik: '640206******0001',
        kpjNumber: '00012345678',
        coverageStart: '2026-07-01',
        warnings: [],
      },
      {
        kind: 'matched',
        rowNumber: 3,
        participantId: 'p-siti',
        maskedNik: '640206******0002',
        kpjNumber: '00098765432',
        coverageStart: '2026-07-15',
        warnings: [],
      },
    ])
  })

  it('lists batch members without a row: "Tidak ada di jawaban BPJS"', () => {
    const result = match(
      sheet(['6402061505900001', 'Ahmad Yani', '00012345678', '01-07-2026', '', '']),
    )
    expect(result.unmatchedMembers.map((member) => member.participantId)).toEqual([
      'p-siti',
      'p-rudi',
      'p-dewi',
    ])
    expect(result.unmatchedMembers[0]).toMatchObject({ maskedNik: '640206******0002' })
    expect(describeCoverageProblem(result.unmatchedMembers[0]!.problem)).toBe(
      'Tidak ada di jawaban BPJS.',
    )
    expect(result.counts).toEqual({ matched: 1, duplicate: 0, error: 0, unmatched: 3 })
  })

  it('refuses a NIK that is not in this batch', () => {
    const result = match(
      sheet(['6402069999990009', 'Orang Lain', '00011111111', '01-07-2026', '', '']),
    )
    expect(messages(row(result.rows, 2))).toEqual(['NIK tidak ada di batch ini.'])
  })

  it('refuses a NIK mangled by Excel, and explains it', () => {
    const result = match(sheet(['6.40206E+15', 'Ahmad Yani', '00012345678', '01-07-2026', '', '']))
    const outcome = row(result.rows, 2)
    expect(outcome).toMatchObject({ kind: 'error', maskedNik: '****************' })
    expect(messages(outcome)[0]).toMatch(/^NIK rusak \(format angka Excel\)/)
    // Ahmad's NIK could not be read, so he is also listed as missing from the answer.
    expect(result.unmatchedMembers.map((member) => member.participantId)).toContain('p-ahmad')
  })

  it('refuses a NIK in an XLSX number cell that may have lost its last digit', () => {
    const answer: AnswerSheet = {
      header: HEADER,
      rows: [
        {
          rowNumber: 2,
          cells: ['6402060101700000', 'Rudi', '00012345678', '01-07-2026', '', ''],
          numericCells: [0],
        },
      ],
    }
    expect(
      row(match(answer, [...MEMBERS, { ...RUDI, id: 'p-x', nik: '6402060101700000' }]).rows, 2),
    ).toMatchObject({ kind: 'error', problems: [{ code: 'NIK_EXCEL_NUMBER' }] })
  })

  it('applies identical duplicate rows once, with one warning', () => {
    const ahmad = ['6402061505900001', 'Ahmad Yani', '00012345678', '01-07-2026', '', '']
    const result = match(
      sheet(
        ahmad,
        ['6402064107850002', 'Siti', '00098765432', '01-07-2026', '', ''],
        ['6402 0615 0590 0001', 'Ahmad Yani', '000 1234 5678', '2026-07-01', '', ''],
      ),
    )
    const first = row(result.rows, 2)
    expect(first).toMatchObject({ kind: 'matched', kpjNumber: '00012345678' })
    expect(messages(first)).toEqual([
      'NIK sama dengan baris 4 dengan isi yang sama; dipakai sekali.',
    ])
    expect(row(result.rows, 4)).toEqual({
      kind: 'duplicate',
      rowNumber: 4,
      participantId: 'p-ahmad',
      maskedNik: '640206******0001',
      firstRow: 2,
    })
    expect(result.counts).toMatchObject({ matched: 2, duplicate: 1, error: 0 })
  })

  it('refuses every row of a NIK whose rows carry different KPJ numbers', () => {
    const result = match(
      sheet(
        ['6402061505900001', 'Ahmad Yani', '00012345678', '01-07-2026', '', ''],
        ['6402064107850002', 'Siti', '00098765432', '01-07-2026', '', ''],
        ['6402061505900001', 'Ahmad Yani', '00012345679', '01-07-2026', '', ''],
      ),
    )
    expect(row(result.rows, 2)).toMatchObject({ kind: 'error', participantId: 'p-ahmad' })
    expect(messages(row(result.rows, 2))[0]).toMatch(/^NIK sama dengan baris 4, tetapi/)
    expect(messages(row(result.rows, 4))[0]).toMatch(/^NIK sama dengan baris 2, tetapi/)
    expect(row(result.rows, 3).kind).toBe('matched')
    // Ahmad has rows in the answer: an error to resolve, not "missing".
    expect(result.unmatchedMembers.map((member) => member.participantId)).not.toContain('p-ahmad')
  })

  it('refuses rows of one NIK whose start dates differ', () => {
    const result = match(
      sheet(
        ['6402061505900001', 'Ahmad Yani', '00012345678', '01-07-2026', '', ''],
        ['6402061505900001', 'Ahmad Yani', '00012345678', '01-08-2026', '', ''],
      ),
    )
    expect(result.counts.error).toBe(2)
  })

  it('refuses one KPJ given to two different NIKs', () => {
    const result = match(
      sheet(
        ['6402061505900001', 'Ahmad Yani', '00012345678', '01-07-2026', '', ''],
        ['6402064107850002', 'Siti Aminah', '00012345678', '01-07-2026', '', ''],
      ),
    )
    expect(messages(row(result.rows, 2))).toEqual([
      'Nomor KPJ sama dengan baris 3, padahal NIK-nya berbeda.',
    ])
    expect(row(result.rows, 3).kind).toBe('error')
  })

  it('reports empty, damaged and malformed KPJ numbers', () => {
    const result = match(
      sheet(
        ['6402061505900001', 'Ahmad Yani', '', '01-07-2026', '', ''],
        ['6402064107850002', 'Siti Aminah', '9.87654E+10', '01-07-2026', '', ''],
        ['6402060101700003', 'Rudi Hartono', 'A-123', '01-07-2026', '', ''],
      ),
    )
    expect(messages(row(result.rows, 2))).toEqual(['Nomor KPJ kosong.'])
    expect(messages(row(result.rows, 3))[0]).toMatch(/^Nomor KPJ rusak \(format angka Excel\)/)
    expect(messages(row(result.rows, 4))).toEqual(['Nomor KPJ hanya boleh berisi angka.'])
  })

  it('warns when the KPJ was a number cell: leading zeros may be gone', () => {
    const answer: AnswerSheet = {
      header: HEADER,
      rows: [
        {
          rowNumber: 2,
          cells: ['6402061505900001', 'Ahmad Yani', '12345678', '46204', '', ''],
          numericCells: [2, 3],
        },
      ],
    }
    const outcome = row(match(answer).rows, 2)
    expect(outcome).toMatchObject({
      kind: 'matched',
      kpjNumber: '12345678',
      coverageStart: '2026-07-01',
    })
    expect(messages(outcome)[0]).toMatch(/angka 0 di depan mungkin hilang/)
  })

  it('reports bad dates, dates outside the batch year, and warns of a start before the period', () => {
    const result = match(
      sheet(
        ['6402061505900001', 'Ahmad Yani', '00012345678', '31-02-2026', '', ''],
        ['6402064107850002', 'Siti Aminah', '00012345679', '01-12-2025', '', ''],
        ['6402060101700003', 'Rudi Hartono', '00012345680', '', '', ''],
        ['6402065203880004', 'Dewi Lestari', '00012345681', '01-05-2026', '', ''],
      ),
    )
    expect(messages(row(result.rows, 2))[0]).toMatch(/^Tanggal mulai "31-02-2026" tidak terbaca/)
    expect(messages(row(result.rows, 3))).toEqual([
      'Tanggal mulai 1 Desember 2025 di luar tahun batch (2026).',
    ])
    expect(messages(row(result.rows, 4))).toEqual(['Tanggal mulai kepesertaan kosong.'])
    expect(row(result.rows, 5)).toMatchObject({ kind: 'matched', coverageStart: '2026-05-01' })
    expect(messages(row(result.rows, 5))).toEqual([
      'Tanggal mulai 1 Mei 2026 lebih awal dari periode batch (07-2026).',
    ])
  })

  it('reports a row BPJS refused, with its remark', () => {
    const result = match(
      sheet([
        '6402061505900001',
        'Ahmad Yani',
        '',
        '',
        'DITOLAK',
        'NIK tidak terdaftar di Dukcapil',
      ]),
    )
    expect(messages(row(result.rows, 2))).toEqual(['Ditolak BPJS: NIK tidak terdaftar di Dukcapil'])
  })

  it('warns when the name differs or the KPJ changes, but still applies the row', () => {
    const result = match(
      sheet(['6402061505900001', 'Ahmad Yanuar', '00012345678', '01-07-2026', '', '']),
      [{ ...AHMAD, kpjNumber: '00011111111' }],
    )
    expect(row(result.rows, 2).kind).toBe('matched')
    expect(messages(row(result.rows, 2))).toEqual([
      'Nama di jawaban BPJS ("Ahmad Yanuar") berbeda dengan nama di Naungan.',
      'Nomor KPJ berubah dari 00011111111 menjadi 00012345678.',
    ])
  })

  it('treats names differing only in case and spacing as the same name', () => {
    const result = match(
      sheet(['6402061505900001', '  AHMAD   YANI ', '00012345678', '01-07-2026', '', '']),
    )
    expect(messages(row(result.rows, 2))).toEqual([])
  })

  it('refuses a NIK that two members of the batch share', () => {
    const result = match(
      sheet(['6402061505900001', 'Ahmad Yani', '00012345678', '01-07-2026', '', '']),
      [AHMAD, { ...AHMAD, id: 'p-ahmad-2' }],
    )
    expect(row(result.rows, 2)).toMatchObject({
      kind: 'error',
      problems: [{ code: 'NIK_SHARED_BY_MEMBERS' }],
    })
  })

  it('skips blank rows', () => {
    const result = match(
      sheet(
        ['', '', '', '', '', ''],
        ['6402061505900001', '', '00012345678', '01-07-2026', '', ''],
      ),
    )
    expect(result.rows.map((outcome) => outcome.rowNumber)).toEqual([3])
  })
})

describe('guessAnswerMapping', () => {
  it('recognises the usual headings', () => {
    expect(guessAnswerMapping(HEADER)).toEqual(MAPPING)
    expect(
      guessAnswerMapping(['No', 'NOMOR KPJ', 'Nama Tenaga Kerja', 'NIK KTP', 'TGL EFEKTIF', 'KET']),
    ).toEqual({ kpj: 1, name: 2, nik: 3, coverageStart: 4, note: 5 })
  })
})
