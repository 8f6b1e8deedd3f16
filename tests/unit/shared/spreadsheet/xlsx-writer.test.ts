import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readXlsx } from '@shared/import/xlsx'
import {
  excelSerialOf,
  safeSheetName,
  toXlsx,
  type SheetColumn,
  type SheetTable,
} from '@shared/spreadsheet/xlsx-writer'

const REQUIRED_PARTS = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/worksheets/sheet1.xml',
  'xl/styles.xml',
]

/** Every start tag closed in order: enough to catch a broken writer without an XML library. */
function isBalancedXml(xml: string): boolean {
  const stack: string[] = []
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '')
  for (let match = tag.exec(body); match; match = tag.exec(body)) {
    const [, closing, name, selfClosing] = match
    if (selfClosing) continue
    if (closing) {
      if (stack.pop() !== name) return false
    } else stack.push(name!)
  }
  return stack.length === 0 && !/<(?![/A-Za-z?])/.test(body)
}

const unzip = (bytes: Uint8Array) =>
  Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]),
  )

const textColumns = (...headers: string[]): SheetColumn[] =>
  headers.map((header) => ({ header, kind: 'text' }))

/** A budget sheet with every kind of cell. */
const BUDGET: SheetTable = {
  name: 'Anggaran 2026',
  columns: [
    { header: 'NIK', kind: 'text' },
    { header: 'Peserta', kind: 'integer' },
    { header: 'Rata-rata', kind: 'number' },
    { header: 'Iuran', kind: 'rupiah' },
    { header: '% target', kind: 'percent' },
    { header: 'Mulai', kind: 'date' },
  ],
  rows: [
    ['0012345678901234', 1234, 12.5, 16_800, 0.42, '2026-07-01'],
    ['6402061505900001', '–', null, { kind: 'integer', value: 7 }, '', 'belum'],
  ],
}

describe('the XLSX parts', () => {
  it('holds every required part, each well formed, and every relationship resolves', () => {
    const parts = unzip(toXlsx(BUDGET))
    expect(Object.keys(parts).sort()).toEqual([...REQUIRED_PARTS].sort())
    for (const [name, xml] of Object.entries(parts)) expect(isBalancedXml(xml), name).toBe(true)
    for (const override of parts['[Content_Types].xml']!.matchAll(/PartName="\/([^"]+)"/g)) {
      expect(parts[override[1]!], override[1]).toBeDefined()
    }
    for (const target of parts['xl/_rels/workbook.xml.rels']!.matchAll(/Target="([^"]+)"/g)) {
      expect(parts[`xl/${target[1]}`], target[1]).toBeDefined()
    }
    expect(parts['_rels/.rels']).toContain('Target="xl/workbook.xml"')
    expect(parts['xl/workbook.xml']).toContain(
      '<sheet name="Anggaran 2026" sheetId="1" r:id="rId1"/>',
    )
  })

  it('gives the same bytes for the same table', () => {
    expect(toXlsx(BUDGET)).toEqual(toXlsx(BUDGET))
  })
})

describe('cells by kind', () => {
  const sheet = unzip(toXlsx(BUDGET))['xl/worksheets/sheet1.xml']!

  it('writes numbers as number cells in their format, with no text type', () => {
    expect(sheet).toContain('<c r="B2" s="2"><v>1234</v></c>')
    expect(sheet).toContain('<c r="C2" s="3"><v>12.5</v></c>')
    expect(sheet).toContain('<c r="D2" s="4"><v>16800</v></c>')
    expect(sheet).toContain('<c r="E2" s="5"><v>0.42</v></c>')
  })

  it('writes a date as its Excel serial in the date format', () => {
    // 1 July 2026 is day 46204 counted from Excel's 30 Dec 1899.
    expect(sheet).toContain('<c r="F2" s="6"><v>46204</v></c>')
  })

  it('keeps a NIK as text in the Text format, leading zeros and all', () => {
    expect(sheet).toContain('<c r="A2" s="0" t="inlineStr"><is><t>0012345678901234</t></is></c>')
    expect(sheet).toContain('<c r="A3" s="0" t="inlineStr"><is><t>6402061505900001</t></is></c>')
  })

  it('writes a placeholder in a number column as text, and a typed cell as its own kind', () => {
    expect(sheet).toContain('<c r="B3" s="0" t="inlineStr"><is><t>–</t></is></c>')
    expect(sheet).toContain('<c r="F3" s="0" t="inlineStr"><is><t>belum</t></is></c>')
    expect(sheet).toContain('<c r="D3" s="2"><v>7</v></c>')
  })

  it('leaves null and empty cells out', () => {
    expect(sheet).not.toMatch(/r="C3"|r="E3"/)
  })

  it('bolds the header row', () => {
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t>NIK</t></is></c>')
    expect(sheet).toContain('<c r="E1" s="1" t="inlineStr"><is><t>% target</t></is></c>')
  })

  it('refuses a number that is not finite, and a number in a date column', () => {
    const one = (kind: SheetColumn['kind'], value: number) =>
      toXlsx({ name: 'x', columns: [{ header: 'x', kind }], rows: [[value]] })
    expect(() => one('rupiah', Number.NaN)).toThrow(RangeError)
    expect(() => one('integer', Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(() => one('date', 46204)).toThrow(RangeError)
  })
})

describe('the styles part', () => {
  const styles = unzip(toXlsx(BUDGET))['xl/styles.xml']!
  const cellFormats = [...styles.matchAll(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/g)][0]![1]!
  const formats = [...cellFormats.matchAll(/<xf ([^>]*)\/>/g)].map((match) => match[1]!)

  it('declares the Rupiah and date formats with their locale-neutral codes', () => {
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="&quot;Rp&quot;#,##0"/>')
    expect(styles).toContain('<numFmt numFmtId="165" formatCode="dd-mm-yyyy"/>')
  })

  it('has one cell format per kind, in the order the cells refer to', () => {
    const numberFormats = formats.map((xf) => /numFmtId="(\d+)"/.exec(xf)?.[1])
    // text @, header @ bold, integer #,##0, number #,##0.00, rupiah, percent 0%, date
    expect(numberFormats).toEqual(['49', '49', '3', '4', '164', '9', '165'])
    expect(formats[1]).toContain('fontId="1"')
    expect(styles).toMatch(/<fonts count="2">.*<font><b\/>/)
  })
})

describe('the sheet view', () => {
  it('freezes the header row and puts a filter over the whole table', () => {
    const parts = unzip(toXlsx(BUDGET))
    const sheet = parts['xl/worksheets/sheet1.xml']!
    expect(sheet).toContain(
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    )
    expect(sheet).toContain('<autoFilter ref="A1:F3"/>')
    expect(sheet).toContain('<dimension ref="A1:F3"/>')
    // The schema's order: views before columns before data before the filter.
    const order = ['<dimension', '<sheetViews', '<cols', '<sheetData', '<autoFilter'].map((tag) =>
      sheet.indexOf(tag),
    )
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(parts['xl/workbook.xml']).toContain(
      '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">&apos;Anggaran 2026&apos;!$A$1:$F$3</definedName>',
    )
  })

  it('quotes an apostrophe in the sheet name of the filter range', () => {
    const workbook = unzip(
      toXlsx({ name: "Kec. Loa Ja'an", columns: textColumns('a', 'b'), rows: [] }),
    )['xl/workbook.xml']!
    expect(workbook).toContain('&apos;Kec. Loa Ja&apos;&apos;an&apos;!$A$1:$B$1')
  })

  it('sizes columns by what they show: grouped digits, Rp, the header with its filter button', () => {
    const sheet = unzip(
      toXlsx({
        name: 'x',
        columns: [
          { header: 'NIK', kind: 'text' },
          { header: 'Jumlah', kind: 'rupiah' },
          { header: 'Keterangan panjang sekali', kind: 'integer' },
          { header: 'Catatan', kind: 'text' },
        ],
        rows: [['6402061505900001', 1_500_000_000, 5, 'x'.repeat(200)]],
      }),
    )['xl/worksheets/sheet1.xml']!
    const widths = [...sheet.matchAll(/<col [^>]*width="(\d+)"/g)].map((match) => Number(match[1]))
    // 16 digits; 'Rp1.500.000.000' (15); the header (25) + 2; capped at 60; each + 2 padding.
    expect(widths).toEqual([18, 17, 29, 62])
  })
})

describe('dates', () => {
  it.each([
    ['1900-03-01', 61],
    ['1970-01-01', 25_569],
    ['1990-05-15', 33_008],
    ['2024-02-29', 45_351],
    ['9999-12-31', 2_958_465],
  ])('%s is serial %d', (iso, serial) => {
    expect(excelSerialOf(iso)).toBe(serial)
  })

  it.each(['1900-02-28', '2026-02-30', '15-05-1990', '2026-07-01T00:00:00Z', ''])(
    'writes %j as text: not a date Excel counts right',
    (iso) => {
      expect(excelSerialOf(iso)).toBeNull()
    },
  )
})

describe('safety', () => {
  it('reads back through the project’s own XLSX reader: text exactly, numbers as numbers', () => {
    const table: SheetTable = {
      name: 'Jawaban',
      columns: [
        ...textColumns('NIK', 'KPJ', 'Nama', 'Catatan'),
        { header: 'Iuran', kind: 'rupiah' },
      ],
      rows: [
        ['6402061505900001', '00012345678', 'Tom & Jerry <b>', 'it\'s "quoted"', 16_800],
        ['6402064107850002', '', '  spaced  out ', 'literal _x0041_ and _x0041_x0042_', null],
      ],
    }
    const read = readXlsx(toXlsx(table))
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.sheetName).toBe('Jawaban')
    expect(read.rows.map((r) => r.cells)).toEqual([
      ['NIK', 'KPJ', 'Nama', 'Catatan', 'Iuran'],
      ['6402061505900001', '00012345678', 'Tom & Jerry <b>', 'it\'s "quoted"', '16800'],
      ['6402064107850002', '', '  spaced  out ', 'literal _x0041_ and _x0041_x0042_'],
    ])
    expect(read.rows.map((r) => r.numericCells)).toEqual([undefined, [4], undefined])
  })

  it('drops characters XML cannot hold', () => {
    const read = readXlsx(
      toXlsx({
        name: 'x',
        columns: textColumns('a', 'b'),
        rows: [['a\u0000b\u0007c\u001fd\ud800e\u0085f', 'tab\there']],
      }),
    )
    if (!read.ok) throw new Error('expected a readable workbook')
    expect(read.rows[1]?.cells).toEqual(['abcdef', 'tab\there'])
  })

  it.each([
    ['Batch 2026/07: Kukar [A]', 'Batch 2026_07_ Kukar _A_'],
    ['x'.repeat(40), 'x'.repeat(31)],
    ["'quoted'", 'quoted'],
    ['', 'Sheet1'],
    ['  ', 'Sheet1'],
  ])('names the sheet %j as %j', (name, safe) => {
    expect(safeSheetName(name)).toBe(safe)
  })

  it('refuses what Excel could not hold rather than cut it', () => {
    const columns = textColumns('a')
    expect(() => toXlsx({ name: 'x', columns, rows: [['x'.repeat(32_768)]] })).toThrow(RangeError)
    expect(() =>
      toXlsx({ name: 'x', columns, rows: [[{ kind: 'text', value: 'x'.repeat(32_768) }]] }),
    ).toThrow(RangeError)
    expect(() => toXlsx({ name: 'x', columns, rows: [['a', 'b']] })).toThrow(/more cells/)
  })
})
