import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_BATCH_LAYOUT,
  batchRows,
  batchSheetColumns,
  validateLayout,
  type BatchLayout,
  type BatchLookups,
} from '@shared/coverage/batch-layout'
import { describeCoverageProblem } from '@shared/coverage/coverage-messages'
import { toCsv } from '@shared/coverage/csv-writer'
import type { EnrolmentBatch } from '@shared/coverage/enrolment-batch'
import { toXlsx } from '@shared/spreadsheet/xlsx-writer'

type Member = Parameters<typeof batchRows>[1][number]

const AHMAD: Member = {
  id: 'p-ahmad',
  nik: '6402061505900001',
  kk: '6402060101150003',
  fullName: 'Ahmad "Mat" Yani',
  birthPlace: 'Tenggarong',
  birthDate: '1990-05-15',
  sex: 'L',
  address: 'Jl. Mulawarman; Gg. Damai\nNo. 4',
  rt: '003',
  rw: '001',
  kecamatanCode: '64.02.06',
  villageCode: '64.02.06.1001',
  occupationCode: 'nelayan',
  phone: '+6281234567890',
}
const SITI: Member = {
  ...AHMAD,
  id: 'p-siti',
  nik: '6402064107850002',
  fullName: 'Siti Aminah',
  birthDate: '1985-07-01',
  sex: 'P',
  address: 'Desa Loa Ipuh',
  villageCode: '64.02.06.9999',
  phone: undefined,
}

const BATCH: EnrolmentBatch = {
  id: 'B-2026-07-01',
  kodeIuran: 'KI-6402.001',
  period: { year: 2026, fromMonth: 7 },
  createdAt: '2026-06-20T02:00:00Z',
  createdBy: 'Supervisor',
  memberIds: ['p-ahmad', 'p-siti'],
}

const LOOKUPS: BatchLookups = {
  villageName: (code) => (code === '64.02.06.1001' ? 'Loa Ipuh' : undefined),
  kecamatanName: (code) => (code === '64.02.06' ? 'Tenggarong' : undefined),
  occupationName: (code) => (code === 'nelayan' ? 'Nelayan' : undefined),
}

const rows = () => batchRows(BATCH, [SITI, AHMAD], DEFAULT_BATCH_LAYOUT, LOOKUPS)

describe('the column layout', () => {
  it('defaults to the collective registration sheet', () => {
    expect(DEFAULT_BATCH_LAYOUT.columns.map((column) => column.header)).toEqual([
      'NIK',
      'Nama Lengkap',
      'Tempat Lahir',
      'Tanggal Lahir',
      'Jenis Kelamin',
      'Alamat',
      'Desa/Kelurahan',
      'Kecamatan',
      'Pekerjaan',
      'No HP',
      'Kode Iuran',
      'Periode',
    ])
    expect(validateLayout(DEFAULT_BATCH_LAYOUT)).toEqual({ ok: true, layout: DEFAULT_BATCH_LAYOUT })
  })

  it('accepts fixed text and trims headings', () => {
    expect(
      validateLayout({
        columns: [
          { header: '  Program ', value: 'fixed: BPU ' },
          { header: 'NIK', value: 'nik' },
        ],
      }),
    ).toEqual({
      ok: true,
      layout: {
        columns: [
          { header: 'Program', value: 'fixed:BPU' },
          { header: 'NIK', value: 'nik' },
        ],
      },
    })
  })

  it.each([
    ['not a layout', 'oops', 'LAYOUT_NOT_A_LIST'],
    ['no columns', { columns: [] }, 'LAYOUT_EMPTY'],
    [
      '61 columns',
      { columns: Array.from({ length: 61 }, (_, i) => ({ header: `K${i}`, value: 'nik' })) },
      'LAYOUT_TOO_MANY_COLUMNS',
    ],
    ['an empty heading', { columns: [{ header: '  ', value: 'nik' }] }, 'LAYOUT_HEADER_EMPTY'],
    [
      'a heading used twice (case and spaces ignored)',
      {
        columns: [
          { header: 'Nama  Lengkap', value: 'fullName' },
          { header: 'nama lengkap', value: 'kk' },
        ],
      },
      'LAYOUT_HEADER_REPEATED',
    ],
    [
      'an unknown value',
      { columns: [{ header: 'Gaji', value: 'salary' }] },
      'LAYOUT_VALUE_UNKNOWN',
    ],
    [
      'a formula as fixed text',
      { columns: [{ header: 'X', value: 'fixed:=HYPERLINK("x")' }] },
      'LAYOUT_FIXED_TEXT_INVALID',
    ],
    [
      'a heading longer than 60',
      { columns: [{ header: 'x'.repeat(61), value: 'nik' }] },
      'LAYOUT_HEADER_TOO_LONG',
    ],
  ])('refuses %s', (_label, layout, code) => {
    const result = validateLayout(layout)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((problem) => problem.code)).toContain(code)
  })

  it('says which column is wrong, in Indonesian', () => {
    const result = validateLayout({
      columns: [
        { header: 'NIK', value: 'nik' },
        { header: 'nik', value: 'kk' },
      ],
    })
    if (result.ok) throw new Error('expected a problem')
    expect(describeCoverageProblem(result.problems[0]!)).toBe(
      'Kolom ke-2: judul "nik" sudah dipakai kolom ke-1.',
    )
  })
})

describe('batchRows', () => {
  it('writes the header and one text row per member, in the batch’s order', () => {
    expect(rows()).toEqual([
      DEFAULT_BATCH_LAYOUT.columns.map((column) => column.header),
      [
        '6402061505900001',
        'Ahmad "Mat" Yani',
        'Tenggarong',
        '15-05-1990',
        'L',
        'Jl. Mulawarman; Gg. Damai No. 4', // the line break became a space
        'Loa Ipuh',
        'Tenggarong',
        'Nelayan',
        '081234567890',
        'KI-6402.001',
        '07-2026',
      ],
      [
        '6402064107850002',
        'Siti Aminah',
        'Tenggarong',
        '01-07-1985',
        'P',
        'Desa Loa Ipuh',
        '64.02.06.9999', // no name known: the code, never a blank
        'Tenggarong',
        'Nelayan',
        '',
        'KI-6402.001',
        '07-2026',
      ],
    ])
  })

  it('writes every other value a layout may ask for', () => {
    const layout: BatchLayout = {
      columns: [
        { header: 'KK', value: 'kk' },
        { header: 'Lahir', value: 'birthDate:yyyy-mm-dd' },
        { header: 'JK', value: 'sex:1/2' },
        { header: 'RT', value: 'rt' },
        { header: 'RW', value: 'rw' },
        { header: 'Program', value: 'fixed:BPU' },
      ],
    }
    expect(batchRows({ ...BATCH, memberIds: ['p-siti'] }, [SITI], layout, LOOKUPS)[1]).toEqual([
      '6402060101150003',
      '1985-07-01',
      '2',
      '003',
      '001',
      'BPU',
    ])
  })

  it('refuses a batch whose member was not passed in', () => {
    expect(() => batchRows(BATCH, [AHMAD], DEFAULT_BATCH_LAYOUT, LOOKUPS)).toThrow(/p-siti/)
  })
})

describe('CSV (RFC 4180)', () => {
  it('quotes fields with the delimiter or quotes, ends records in CRLF, keeps the NIK as digits', () => {
    const csv = toCsv(rows(), { delimiter: ';' })
    const lines = csv.split('\r\n')
    expect(lines).toHaveLength(4) // header, two members, and the final CRLF
    expect(lines[3]).toBe('')
    expect(lines[1]).toBe(
      '6402061505900001;"Ahmad ""Mat"" Yani";Tenggarong;15-05-1990;L;"Jl. Mulawarman; Gg. Damai No. 4";Loa Ipuh;Tenggarong;Nelayan;081234567890;KI-6402.001;07-2026',
    )
    expect(csv.startsWith('\ufeff')).toBe(false)
  })

  it('quotes by the delimiter in use', () => {
    expect(toCsv([['a;b', 'c,d']])).toBe('a;b,"c,d"\r\n')
    expect(toCsv([['a;b', 'c,d']], { delimiter: ';' })).toBe('"a;b";c,d\r\n')
    expect(toCsv([['line\nbreak', 'cr\r']])).toBe('"line\nbreak","cr\r"\r\n')
    expect(toCsv([['00012345678', '']])).toBe('00012345678,\r\n')
  })

  it('starts with a byte order mark for Excel when asked', () => {
    const csv = toCsv([['NIK'], ['6402061505900001']], { bom: true })
    expect(csv).toBe('\ufeffNIK\r\n6402061505900001\r\n')
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
})

describe('the batch as XLSX', () => {
  const unzipSheet = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!)
  const layout: BatchLayout = {
    columns: [
      { header: 'NIK', value: 'nik' },
      { header: 'No. KK', value: 'kk' },
      { header: 'Tanggal Lahir', value: 'birthDate:dd-mm-yyyy' },
      { header: 'Tgl Lahir (tanggal)', value: 'birthDate:date' },
      { header: 'No HP', value: 'phone' },
    ],
  }

  it('keeps NIK, KK, phone and the dd-mm-yyyy date as text, as BPJS’s upload reads them', () => {
    const written = batchRows(BATCH, [SITI, AHMAD], layout, LOOKUPS)
    const sheet = unzipSheet(
      toXlsx({ name: 'Batch', columns: batchSheetColumns(layout), rows: written.slice(1) }),
    )
    expect(sheet).toContain('<c r="A2" s="0" t="inlineStr"><is><t>6402061505900001</t></is></c>')
    expect(sheet).toContain('<c r="B2" s="0" t="inlineStr"><is><t>6402060101150003</t></is></c>')
    expect(sheet).toContain('<c r="C2" s="0" t="inlineStr"><is><t>15-05-1990</t></is></c>')
    expect(sheet).toContain('<c r="E2" s="0" t="inlineStr"><is><t>081234567890</t></is></c>')
  })

  it('writes the opt-in date of birth as a real date (Excel serial), and as yyyy-mm-dd in a CSV', () => {
    const written = batchRows(BATCH, [SITI, AHMAD], layout, LOOKUPS)
    expect(written[1]![3]).toBe('1990-05-15')
    expect(batchSheetColumns(layout).map((column) => column.kind)).toEqual([
      'text',
      'text',
      'text',
      'date',
      'text',
    ])
    const sheet = unzipSheet(
      toXlsx({ name: 'Batch', columns: batchSheetColumns(layout), rows: written.slice(1) }),
    )
    // 15 May 1990 is day 33008 counted from Excel's 30 Dec 1899.
    expect(sheet).toContain('<c r="D2" s="6"><v>33008</v></c>')
  })

  it('validates a layout that asks for the date cell', () => {
    expect(validateLayout({ columns: [{ header: 'Lahir', value: 'birthDate:date' }] }).ok).toBe(
      true,
    )
  })
})
