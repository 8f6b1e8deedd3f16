import { readFileSync } from 'node:fs'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '@shared/district/district-config'
import { parseCsv, detectDelimiter } from '@shared/import/csv'
import { decodeText } from '@shared/import/decode-text'
import { mergeSavedMapping, resolveMapping, suggestMapping } from '@shared/import/import-fields'
import { describeRowIssue } from '@shared/import/import-issues'
import { readImportTable } from '@shared/import/import-table'
import {
  excelSerialToIsoDate,
  parseCheckResult,
  parseImportDate,
  parseSex,
} from '@shared/import/import-values'
import { validateTable } from '@shared/import/analyse'
import { csvCell } from '@shared/import/import-report'
import { createNikIndexEncoder } from '@shared/import/nik-index-encoder'
import { encodeNikBlindIndex } from '@shared/identity/nik-blind-index'
import { readXlsx } from '@shared/import/xlsx'
import { columnIndexOf, columnLettersOf } from '@shared/import/sheet'

const district = loadDistrict(
  JSON.parse(
    readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
  ) as unknown,
  readFileSync(new URL('../../../../resources/district/wilayah.csv', import.meta.url), 'utf8'),
)
const ctx = { district, today: '2026-11-23' }
const utf8 = (text: string) => new TextEncoder().encode(text)

describe('CSV as spreadsheets write it', () => {
  it('reads quoted delimiters, doubled quotes and line breaks inside quotes, with CRLF', () => {
    const text =
      'NIK;NAMA;ALAMAT\r\n' +
      '6402065505900001;"Siti ""Ani"" Aminah";"Jl. Danau; No. 12\r\nRT 3"\r\n' +
      '6402061708850002;Budi;Jl. Mangkurawang\r\n'
    const { delimiter, rows } = parseCsv(text)
    expect(delimiter).toBe(';')
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['NIK', 'NAMA', 'ALAMAT'] },
      {
        rowNumber: 2,
        cells: ['6402065505900001', 'Siti "Ani" Aminah', 'Jl. Danau; No. 12\r\nRT 3'],
      },
      // A line break inside quotes does not start a new spreadsheet row.
      { rowNumber: 3, cells: ['6402061708850002', 'Budi', 'Jl. Mangkurawang'] },
    ])
  })

  it('counts blank lines in row numbers, as a spreadsheet shows them, and keeps empty cells', () => {
    const { rows } = parseCsv('a,b,c\n\n1,,3\n4,5,\n')
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['a', 'b', 'c'] },
      { rowNumber: 3, cells: ['1', '', '3'] },
      { rowNumber: 4, cells: ['4', '5', ''] },
    ])
  })

  it.each([
    ['NIK;NAMA;TGL LAHIR', ';'],
    ['NIK,NAMA,TGL LAHIR', ','],
    ['NIK\tNAMA\tTGL LAHIR', '\t'],
    ['"NAMA, LENGKAP";NIK', ';'],
    ['\n\nNIK;"A,B,C"', ';'],
    ['NIK', ','],
  ])('detects the delimiter of %j from the header line', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected)
  })

  it('strips a UTF-8 BOM so the first header is "NIK", not "\\uFEFFNIK"', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('NIK;NAMA\n6402065505900001;José\n')])
    const read = readImportTable(bytes, 'member-list')
    expect(read.ok && read.table.headers).toEqual(['NIK', 'NAMA'])
    expect(read.ok && read.table.warnings).toEqual([])
    expect(read.ok && read.table.rows[0]?.cells[1]).toBe('José')
  })

  it('detects Windows-1252 text instead of garbling it, and says so', () => {
    // "José;Nuñez" as Excel's "CSV (Comma delimited)" saves it on Windows: é = E9, ñ = F1.
    const bytes = new Uint8Array([
      ...utf8('NIK;NAMA\n6402065505900001;Jos'),
      0xe9,
      ...utf8(' Nu'),
      0xf1,
      ...utf8('ez '),
      0x80,
      0x0a,
    ])
    const decoded = decodeText(bytes)
    expect(decoded).toMatchObject({ encoding: 'windows-1252', fellBack: true })
    expect(decoded.text).toContain('José Nuñez')
    expect(decoded.text).toContain('€')
    const read = readImportTable(bytes, 'member-list')
    expect(read.ok && read.table.warnings).toEqual([{ code: 'ENCODING_FALLBACK' }])
    expect(read.ok && read.table.rows[0]?.cells[1]).toBe('José Nuñez €')
  })

  it('reads UTF-16 LE ("Unicode Text") with tabs', () => {
    const text = 'NIK\tNAMA\r\n6402065505900001\tJosé\r\n'
    const bytes = new Uint8Array(2 + text.length * 2)
    bytes.set([0xff, 0xfe])
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8
    }
    const read = readImportTable(bytes, 'member-list')
    expect(read.ok && read.table).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
      headers: ['NIK', 'NAMA'],
    })
    expect(read.ok && read.table.rows[0]?.cells).toEqual(['6402065505900001', 'José'])
  })

  it('keeps an unclosed quote to the end of the file and reports its row', () => {
    const read = readImportTable(utf8('NIK;NAMA\n1;"Siti\n2;Budi\n'), 'member-list')
    expect(read.ok && read.table.warnings).toEqual([{ code: 'CSV_UNCLOSED_QUOTE', row: 2 }])
  })

  it('finds the header below title lines and names blank or repeated headers', () => {
    const text =
      'DATA TERPADU KESEJAHTERAAN SOSIAL;;;\n' +
      'Kabupaten Kutai Kartanegara;;;\n' +
      'NIK;NAMA;;NAMA\n' +
      '6402065505900001;Siti;x;Siti A\n'
    const read = readImportTable(utf8(text), 'dtks')
    expect(read.ok && read.table.headerRowNumber).toBe(3)
    expect(read.ok && read.table.headers).toEqual(['NIK', 'NAMA', '(C)', 'NAMA (D)'])
    expect(read.ok && read.table.rows.map((row) => row.rowNumber)).toEqual([4])
  })

  it('refuses the old .xls format with its own reason', () => {
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])
    expect(readImportTable(bytes, 'dtks')).toEqual({ ok: false, problem: 'XLS_NOT_SUPPORTED' })
    expect(readImportTable(new Uint8Array(), 'dtks')).toEqual({ ok: false, problem: 'EMPTY_FILE' })
  })
})

// ---------------------------------------------------------------------------------------------

/** The smallest XLSX Excel opens: two sheets, shared strings, inline strings and numbers. */
function buildXlsx(options: { date1904?: boolean } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        (options.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
        '<sheets><sheet name="Petunjuk" sheetId="1" r:id="rId2"/>' +
        '<sheet name="Data DTKS" sheetId="2" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
        '</Relationships>',
    ),
    'xl/sharedStrings.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="8" uniqueCount="8">' +
        '<si><t>NIK</t></si>' + // 0
        '<si><t>NAMA LENGKAP</t></si>' + // 1
        '<si><t>TGL LAHIR</t></si>' + // 2
        '<si><t>DESA</t></si>' + // 3
        '<si><t>6402065505900001</t></si>' + // 4
        '<si><r><rPr><b/></rPr><t>Siti </t></r><r><t xml:space="preserve">Nur&apos;aini</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si>' + // 5
        '<si><t>Loa Ipuh</t></si>' + // 6
        '<si><t>Isi data &amp; periksa_x000D_ baris 2</t></si>' + // 7
        '</sst>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>',
    ),
    'xl/worksheets/sheet2.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<dimension ref="A1:E4"/><cols><col min="1" max="1" width="20"/></cols><sheetData>' +
        '<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>' +
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
        // Row 2: NIK as text (shared string), rich-text name, date as a serial number.
        '<row r="2"><c r="A2" t="s" s="1"><v>4</v></c><c r="B2" t="s"><v>5</v></c>' +
        '<c r="C2" s="2"><v>33008</v></c><c r="D2" t="s"><v>6</v></c></row>' +
        // Row 5 (rows 3-4 absent): NIK typed into a Number cell, name inline, date as text.
        '<row r="5"><c r="A5"><v>6.4020617088500E+15</v></c>' +
        '<c r="B5" t="inlineStr"><is><t>Budi Santoso</t></is></c>' +
        '<c r="C5" t="str"><f>TEXT(X1)</f><v>17-08-1985</v></c><c r="D5" t="s"><v>6</v></c></row>' +
        // Row 6: a gap at B (no name), a self-closing styled cell, a boolean.
        '<row r="6"><c r="A6" t="s"><v>4</v></c><c r="B6" s="3"/><c r="E6" t="b"><v>1</v></c></row>' +
        '</sheetData></worksheet>',
    ),
  }
  return zipSync(files)
}

describe('XLSX read with fflate', () => {
  it('reads the first sheet by default and a named sheet on request', () => {
    const bytes = buildXlsx()
    const first = readXlsx(bytes)
    expect(first.ok && first.sheetNames).toEqual(['Petunjuk', 'Data DTKS'])
    expect(first.ok && first.rows).toEqual([
      { rowNumber: 1, cells: ['Isi data & periksa\r baris 2'] },
    ])
    const data = readXlsx(bytes, { sheetName: 'Data DTKS' })
    expect(data.ok && data.rows).toEqual([
      { rowNumber: 1, cells: ['NIK', 'NAMA LENGKAP', 'TGL LAHIR', 'DESA'] },
      {
        rowNumber: 2,
        cells: ['6402065505900001', "Siti Nur'aini", '33008', 'Loa Ipuh'],
        numericCells: [2],
      },
      {
        rowNumber: 5,
        cells: ['6.4020617088500E+15', 'Budi Santoso', '17-08-1985', 'Loa Ipuh'],
        numericCells: [0],
      },
      { rowNumber: 6, cells: ['6402065505900001', '', '', '', 'TRUE'] },
    ])
    expect(readXlsx(bytes, { sheetName: 'Tidak ada' })).toEqual({
      ok: false,
      reason: 'SHEET_NOT_FOUND',
    })
    expect(readXlsx(zipSync({ 'word/document.xml': strToU8('<w/>') }))).toEqual({
      ok: false,
      reason: 'NOT_XLSX',
    })
  })

  it('validates an XLSX sheet: serial dates, NIK typed as a number, duplicates, missing name', () => {
    const read = readImportTable(buildXlsx(), 'dtks', { sheetName: 'Data DTKS' })
    if (!read.ok) throw new Error(read.problem)
    // Row 6 has a value in column E, which has no header: it gets a name for the mapping step.
    expect(read.table.headers).toEqual(['NIK', 'NAMA LENGKAP', 'TGL LAHIR', 'DESA', '(E)'])
    const mapping = suggestMapping(read.table.headers, 'dtks')
    const result = validateTable(read.table, mapping, 'dtks', ctx)
    if (!result.ok) throw new Error('mapping')
    const [siti, budi, again] = result.rows
    expect(siti?.errors).toEqual([])
    expect(siti?.draft).toMatchObject({
      ok: true,
      values: {
        nik: '6402065505900001',
        birthDate: '1990-05-15',
        sex: 'P',
        villageCode: '64.02.06.1002',
        kecamatanCode: '64.02.06',
      },
    })
    expect(budi?.errors).toEqual([{ severity: 'error', code: 'NIK_AS_NUMBER', field: 'nik' }])
    expect(describeRowIssue(budi!.errors[0]!, 'id')).toMatch(/tersimpan sebagai angka/)
    expect(again?.errors).toEqual([
      { severity: 'error', code: 'DUPLICATE_IN_FILE', field: 'nik', params: { firstRow: 2 } },
      { severity: 'error', code: 'REQUIRED', field: 'fullName' },
      { severity: 'error', code: 'REQUIRED', field: 'birthDate' },
      { severity: 'error', code: 'REQUIRED', field: 'village' },
    ])
    expect(describeRowIssue(again!.errors[0]!, 'id')).toBe('NIK sama dengan baris 2.')
  })

  it('counts serial dates from 1904 when the workbook says so', () => {
    expect(excelSerialToIsoDate(32978)).toBe('1990-04-15')
    expect(excelSerialToIsoDate(32978 - 1462, true)).toBe('1990-04-15')
    expect(excelSerialToIsoDate(60)).toBeNull()
    expect(readXlsx(buildXlsx({ date1904: true }))).toMatchObject({ ok: true, date1904: true })
  })

  it('reports a NIK that went through Excel as a number in a CSV too', () => {
    const text = 'NIK;NAMA\n6,40206E+15;Siti\n6.4020655059E+15;Ani\n'
    const read = readImportTable(utf8(text), 'member-list')
    if (!read.ok) throw new Error(read.problem)
    const result = validateTable(read.table, { nik: 'NIK', fullName: 'NAMA' }, 'member-list', ctx)
    expect(result.ok && result.rows.map((row) => row.errors.map((issue) => issue.code))).toEqual([
      ['NIK_AS_NUMBER'],
      ['NIK_AS_NUMBER'],
    ])
  })

  it('maps cell references past Z', () => {
    expect(columnIndexOf('A')).toBe(0)
    expect(columnIndexOf('Z')).toBe(25)
    expect(columnIndexOf('AA')).toBe(26)
    expect(columnIndexOf('XFD')).toBe(16383)
    expect(columnLettersOf(27)).toBe('AB')
    expect(columnLettersOf(16383)).toBe('XFD')
  })
})

describe('values as agencies write them', () => {
  it.each([
    ['15-05-1990', '1990-05-15'],
    ['15/05/1990', '1990-05-15'],
    ['5/3/1990', '1990-03-05'],
    ['15.05.1990', '1990-05-15'],
    ['1990-05-15', '1990-05-15'],
    ['1990/5/15', '1990-05-15'],
    ['1990-05-15 00:00:00', '1990-05-15'],
    ['1990-05-15T00:00:00Z', '1990-05-15'],
    ['15 Mei 1990', '1990-05-15'],
    ['15-Agustus-1985', '1985-08-15'],
    ['17 Agt 1985', '1985-08-17'],
    ['29-02-2000', '2000-02-29'],
    ['29-02-1900', null],
    ['05/13/1990', null], // month first is not how Indonesia writes dates: refused, not guessed
    ['31-04-1990', null],
    ['1990', null],
    ['15 Mai 1990', null],
    ['', null],
  ])('reads the date %j as %j', (raw, expected) => {
    expect(parseImportDate(raw)).toBe(expected)
  })

  it.each([
    ['L', 'L'],
    ['Laki-laki', 'L'],
    ['LAKI LAKI', 'L'],
    ['1', 'L'],
    ['P', 'P'],
    ['Perempuan', 'P'],
    ['2', 'P'],
    ['X', null],
  ])('reads sex %j as %j', (raw, expected) => {
    expect(parseSex(raw)).toBe(expected)
  })

  it.each([
    ['SESUAI', 'confirmed'],
    ['Ya', 'confirmed'],
    ['Terverifikasi', 'confirmed'],
    ['TIDAK SESUAI', 'rejected'],
    ['tidak', 'rejected'],
    ['DITOLAK', 'rejected'],
    ['Belum diperiksa', 'none'],
    ['mungkin', null],
  ])('reads the result %j as %j', (raw, expected) => {
    expect(parseCheckResult(raw)).toBe(expected)
  })
})

describe('column mapping', () => {
  it('suggests fields from header synonyms, ignoring case, spaces and punctuation', () => {
    const headers = [
      'No. KTP',
      'nama_lengkap',
      'Tgl Lahir',
      'L/P',
      'Desa/Kel',
      ' Kecamatan ',
      'NO KK',
      'Lain',
    ]
    expect(suggestMapping(headers, 'dtks')).toEqual({
      nik: 'No. KTP',
      fullName: 'nama_lengkap',
      birthDate: 'Tgl Lahir',
      sex: 'L/P',
      village: 'Desa/Kel',
      kecamatan: ' Kecamatan ',
      kk: 'NO KK',
    })
    expect(
      suggestMapping(['NIK', 'HASIL VERIFIKASI', 'ALASAN', 'KETERANGAN'], 'agency-result'),
    ).toEqual({ nik: 'NIK', result: 'HASIL VERIFIKASI', reason: 'ALASAN', note: 'KETERANGAN' })
  })

  it('names the required columns a file lacks before any row is read', () => {
    const headers = ['NAMA', 'TGL LAHIR', 'DESA']
    const check = resolveMapping(headers, suggestMapping(headers, 'dtks'), 'dtks')
    expect(check).toMatchObject({ ok: false, missing: ['nik'] })
  })

  it('reuses a saved mapping where its headers are still there', () => {
    const saved = { nik: 'NOMOR IDENTITAS', fullName: 'NAMA', village: 'WILAYAH' }
    const headers = ['nomor identitas', 'NAMA', 'TANGGAL LAHIR', 'DESA']
    expect(mergeSavedMapping(headers, 'dtks', saved)).toEqual({
      nik: 'nomor identitas',
      fullName: 'NAMA',
      birthDate: 'TANGGAL LAHIR',
      village: 'DESA',
    })
  })
})

describe('row validation', () => {
  const read = (text: string, kind: 'dtks' | 'agency-result' = 'dtks') => {
    const table = readImportTable(utf8(text), kind)
    if (!table.ok) throw new Error(table.problem)
    const result = validateTable(table.table, suggestMapping(table.table.headers, kind), kind, ctx)
    if (!result.ok) throw new Error(result.missing.join())
    return result.rows
  }

  it('resolves desa by name or code, asks for the kecamatan when a name is ambiguous', () => {
    const rows = read(
      'NIK;NAMA;TGL LAHIR;DESA;KECAMATAN\n' +
        '6402065505900001;Siti;15-05-1990;Loa Ipuh;\n' +
        '6402061708850002;Budi;17-08-1985;6402061002;\n' +
        '6402061708850003;Budi A;17-08-1985;Kampung Baru;\n' +
        '6402061708850004;Budi B;17-08-1985;Kampung Baru;Tenggarong\n' +
        '6402061708850005;Budi C;17-08-1985;Atlantis;\n' +
        '6402061708850006;Budi D;17-08-1985;Loa Ipuh;Gotham\n',
    )
    expect(
      rows.map((row) => (row.draft?.ok ? row.draft.values.villageCode : row.errors[0]?.code)),
    ).toEqual([
      '64.02.06.1002',
      '64.02.06.1002',
      'VILLAGE_AMBIGUOUS',
      '64.02.06.1008',
      'VILLAGE_NOT_FOUND',
      'KECAMATAN_NOT_FOUND',
    ])
    expect(describeRowIssue(rows[4]!.errors[0]!, 'id')).toBe(
      'Desa/kelurahan "Atlantis" tidak ada di Kutai Kartanegara.',
    )
  })

  it('uses the NIK rules and their messages for a bad NIK', () => {
    const rows = read(
      'NIK;NAMA;TGL LAHIR;DESA\n' +
        '640206550590001;Siti;15-05-1990;Loa Ipuh\n' +
        '6402067505900001;Siti;15-05-1990;Loa Ipuh\n' + // day 75 - 40 = 35
        '640206550590000A;Siti;15-05-1990;Loa Ipuh\n' +
        ';Siti;15-05-1990;Loa Ipuh\n',
    )
    expect(rows.map((row) => row.errors.map((issue) => issue.code))).toEqual([
      ['NIK_LENGTH'],
      ['NIK_DATE_INVALID'],
      ['NIK_NOT_DIGITS'],
      ['REQUIRED'],
    ])
    expect(describeRowIssue(rows[0]!.errors[0]!, 'id')).toBe(
      'NIK: NIK harus 16 angka, yang diisi 15 angka.',
    )
  })

  it('applies the registration rules to drafts only: age and NIK/birth date agreement', () => {
    const rows = read(
      'NIK;NAMA;TGL LAHIR;DESA;JK\n' +
        '6402065505900001;Siti;16-05-1990;Loa Ipuh;P\n' + // NIK says the 15th
        '6402061505500001;Pak Tua;15-05-1950;Loa Ipuh;L\n' + // 76 years old
        '6402061505900001;Ani;15-05-1990;Loa Ipuh;\n', // sex from the NIK: male
    )
    expect(rows.every((row) => row.errors.length === 0)).toBe(true)
    expect(rows[0]?.draft).toMatchObject({
      ok: false,
      issues: [{ code: 'NIK_BIRTH_DAY_MISMATCH', field: 'nik' }],
    })
    expect(rows[1]?.draft).toMatchObject({
      ok: false,
      issues: [{ code: 'AGE_ABOVE_MAX', field: 'birthDate' }],
    })
    expect(rows[2]?.draft).toMatchObject({ ok: true, values: { sex: 'L', rt: '', kk: '' } })
  })

  it('reads agency results with reasons by code or label, and free text as "lainnya"', () => {
    const rows = read(
      'NIK;HASIL;ALASAN;KETERANGAN\n' +
        '6402065505900001;SESUAI;;\n' +
        '6402061708850002;TIDAK SESUAI;tidak-ada-di-dtks;\n' +
        '6402061708850003;Ditolak;Meninggal dunia;Akta kematian 2025\n' +
        '6402061708850004;TIDAK;Pindah ke Samarinda;\n' +
        '6402061708850005;TIDAK;;\n' +
        '6402061708850006;TIDAK;Lainnya;\n' +
        '6402061708850007;Mungkin;;\n' +
        '6402061708850008;;;\n',
      'agency-result',
    )
    expect(rows.map((row) => row.decision ?? row.errors.map((issue) => issue.code))).toEqual([
      { state: 'confirmed' },
      { state: 'rejected', reasonCode: 'tidak-ada-di-dtks' },
      { state: 'rejected', reasonCode: 'meninggal', note: 'Akta kematian 2025' },
      { state: 'rejected', reasonCode: 'lainnya', note: 'Pindah ke Samarinda' },
      ['REASON_MISSING'],
      ['NOTE_MISSING'],
      ['RESULT_UNKNOWN'],
      ['REQUIRED'],
    ])
    expect(rows[3]?.warnings.map((issue) => issue.code)).toEqual(['REASON_UNKNOWN'])
  })
})

describe('the NIK blind index for a whole file', () => {
  it('gives exactly what encodeNikBlindIndex gives, prefixes shared or not', () => {
    const key = new Uint8Array(32).map((_, i) => (i * 31 + 7) & 0xff)
    const encoder = createNikIndexEncoder(key)
    const niks = ['', '6', '6402', '640206']
    for (let i = 0; i < 400; i++) {
      const kecamatan = String(1 + (i % 18)).padStart(2, '0')
      const day = String(1 + (i % 28) + (i % 3 === 0 ? 40 : 0)).padStart(2, '0')
      niks.push(`6402${kecamatan}${day}0590${String(1 + i).padStart(4, '0')}`)
      // Every other one twice: the second comes from the prefix cache in full.
      if (i % 2 === 0) niks.push(niks[niks.length - 1] as string)
    }
    for (const nik of niks) expect(encoder.encode(nik)).toBe(encodeNikBlindIndex(nik, key))
    expect(encoder.isFast).toBe(true)
    expect(encoder.encode('64O2')).toBeNull()
    expect(encoder.encode('64020615059000011')).toBeNull()
  })
})

describe('the downloadable report', () => {
  it.each([
    ['Siti', 'Siti'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+62812', "'+62812"],
    ['-', "'-"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a;b', '"a;b"'],
    ['baris\nbaru', '"baris\nbaru"'],
  ])('writes the cell %j as %j, never as a formula', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })
})
