/**
 * A minimal XLSX writer (Office Open XML, ECMA-376 part 1): one sheet, a bold header row that stays
 * in view (frozen pane) with a filter over the table, column widths from the content, and typed
 * cells, so that a finance officer can SUM a Rupiah column and sort by a date.
 *
 * - Numbers (integer, number, rupiah, percent) are number cells (`<v>`) with a number format.
 * - Dates are Excel serial numbers (days since 1899-12-30) with a date format, computed from the
 *   ISO `YYYY-MM-DD` text by calendar arithmetic: no time zone is involved.
 * - Text is an inline string (`t="inlineStr"`) in the Text format (@): a NIK, KK, KPJ or
 *   registration number is never 6,40206E+15 and never loses a leading zero, and editing it in
 *   Excel keeps it text. A string in a number column (a placeholder such as '–') is text too.
 *
 * The number format codes in the file are the locale-neutral ones of the format (`#,##0`,
 * `"Rp"#,##0`, `dd-mm-yyyy`): `,` is "group digits" and `.` "decimal point", not literal
 * characters. Excel and LibreOffice show them with the separators of the reader's locale, so a PC
 * set to Indonesian shows 1.234 and Rp1.234, as the app does.
 *
 * Parts: [Content_Types].xml, _rels/.rels, xl/workbook.xml, xl/_rels/workbook.xml.rels,
 * xl/worksheets/sheet1.xml, xl/styles.xml. Enough for Excel, LibreOffice and the reader in
 * shared/import/xlsx.ts; no docProps, shared strings or themes.
 *
 * Text is XML-escaped, characters XML 1.0 cannot hold (C0 controls other than tab/CR/LF, lone
 * surrogates, U+FFFE/U+FFFF) and C1 controls are dropped, and a literal `_xHHHH_` is escaped as
 * `_x005F_xHHHH_` so Excel does not decode it as a character.
 */
import { strToU8, zipSync } from 'fflate'
import { parseIsoDate } from '../dates/calendar-date'
import { columnLettersOf } from '../import/sheet'

/** Excel's own limits. */
export const MAX_XLSX_ROWS = 1_048_576
export const MAX_XLSX_COLUMNS = 16_384
export const MAX_XLSX_CELL_LENGTH = 32_767
const MAX_SHEET_NAME_LENGTH = 31
const MAX_COLUMN_WIDTH = 60
const MIN_COLUMN_WIDTH = 8

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>'

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>'

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>'

/** What a column (or one cell) holds; each kind has its own cell format in styles.xml. */
export type CellKind = 'text' | 'integer' | 'number' | 'rupiah' | 'percent' | 'date'

/**
 * A cell that names its own kind, for a column that mixes kinds (the budget table's value column
 * holds Rupiah amounts and head counts). A percent is a fraction: 0.42 is shown as 42%. A date is
 * ISO `YYYY-MM-DD` text.
 */
export interface TypedCell {
  kind: CellKind
  value: string | number
}

/**
 * A plain cell takes its column's kind. A number in a text column is written as its digits, as
 * text; a string in a number column is text (a placeholder such as '–'); a string in a date
 * column that is not a real ISO date is text. `null` and '' are empty cells.
 */
export type SheetCell = string | number | null | TypedCell

export interface SheetColumn {
  header: string
  kind: CellKind
}

export interface SheetTable {
  /** Made safe for Excel by `safeSheetName`. */
  name: string
  columns: readonly SheetColumn[]
  /** The data rows, below the header row; no row may be longer than `columns`. */
  rows: readonly (readonly SheetCell[])[]
}

/**
 * Cell formats (`s` of a cell = index into cellXfs). Built-in numFmtIds: 49 '@', 3 '#,##0',
 * 4 '#,##0.00', 9 '0%'; 164 and up are declared in <numFmts>.
 */
const STYLE = {
  text: 0,
  header: 1,
  integer: 2,
  number: 3,
  rupiah: 4,
  percent: 5,
  date: 6,
} as const

const RUPIAH_FORMAT = '&quot;Rp&quot;#,##0'
const DATE_FORMAT = 'dd-mm-yyyy'

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2">' +
  `<numFmt numFmtId="164" formatCode="${RUPIAH_FORMAT}"/>` +
  `<numFmt numFmtId="165" formatCode="${DATE_FORMAT}"/>` +
  '</numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7">' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

/**
 * Characters dropped from cell text: C0 controls except tab, LF and CR (XML 1.0 cannot hold them),
 * DEL and C1 controls, U+FFFE/U+FFFF, and surrogates that are not part of a pair.
 */
const UNWRITABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export function stripUnwritable(text: string): string {
  return text.replace(UNWRITABLE, '')
}

/** Escapes &, <, >, " and ' for element text and attribute values alike. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** A cell's text as written: writable characters, `_xHHHH_` protected, XML-escaped. */
function cellXmlText(text: string): string {
  return escapeXml(stripUnwritable(text).replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_'))
}

/**
 * Excel refuses sheet names longer than 31 characters, with : \ / ? * [ ], or starting or ending
 * with an apostrophe; such characters become '_', and an empty name becomes 'Sheet1'.
 */
export function safeSheetName(name: string): string {
  const cleaned = stripUnwritable(name)
    .replace(/[\r\n\t]/g, ' ')
    .replace(/[:\\/?*[\]]/g, '_')
    .trim()
    .replace(/^'+|'+$/g, '')
    .slice(0, MAX_SHEET_NAME_LENGTH)
    .trim()
  return cleaned === '' ? 'Sheet1' : cleaned
}

/** Days from Excel's day 0 (1899-12-30, which absorbs Lotus 1-2-3's false 29 Feb 1900) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET_DAYS = 25_569
const DAY_MS = 86_400_000
/** Before 1 March 1900 Excel's serials are off by one (the false 29 Feb 1900): such dates are text. */
const FIRST_SAFE_SERIAL = 61

/** Excel's serial of an ISO `YYYY-MM-DD` date, or null when it is not a real date Excel can hold. */
export function excelSerialOf(isoDate: string): number | null {
  const date = parseIsoDate(isoDate)
  if (!date) return null
  const serial = Date.UTC(date.year, date.month - 1, date.day) / DAY_MS + EXCEL_EPOCH_OFFSET_DAYS
  return serial >= FIRST_SAFE_SERIAL ? serial : null
}

type WrittenCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'integer' | 'number' | 'rupiah' | 'percent'; value: number }
  | { kind: 'date'; serial: number }

function writtenCell(cell: SheetCell, columnKind: CellKind): WrittenCell {
  if (cell === null || cell === '') return { kind: 'empty' }
  const { kind, value } = typeof cell === 'object' ? cell : { kind: columnKind, value: cell }
  if (value === '') return { kind: 'empty' }
  if (kind === 'text' || typeof value === 'string') {
    if (kind === 'date' && typeof value === 'string') {
      const serial = excelSerialOf(value)
      if (serial !== null) return { kind: 'date', serial }
    }
    return { kind: 'text', text: String(value) }
  }
  if (kind === 'date') throw new RangeError(`a date cell holds the number ${value}, not YYYY-MM-DD`)
  // NaN or Infinity has no cell to go in; a blank would pass for a zero in a SUM.
  if (!Number.isFinite(value)) throw new RangeError(`a ${kind} cell holds ${value}`)
  return { kind, value }
}

/** Digits of a whole number with thousands grouped: 1234567 → 9 characters ("1.234.567"). */
function groupedLength(value: number): number {
  const digits = String(Math.trunc(Math.abs(value))).length
  return digits + Math.floor((digits - 1) / 3) + (value < 0 ? 1 : 0)
}

/** About how many characters the cell shows, for the column's width. */
function shownLength(cell: WrittenCell): number {
  switch (cell.kind) {
    case 'empty':
      return 0
    case 'text':
      return Math.max(...cell.text.split(/\r\n|\r|\n/).map((line) => line.length))
    case 'integer':
      return groupedLength(cell.value)
    case 'number':
      return groupedLength(cell.value) + 3
    case 'rupiah':
      return groupedLength(cell.value) + 2
    case 'percent':
      return groupedLength(Math.round(cell.value * 100)) + 1
    case 'date':
      return DATE_FORMAT.length
  }
}

function textCellXml(reference: string, style: number, text: string): string {
  const space = /^\s|\s$|\s\s|[\t\r\n]/.test(text) ? ' xml:space="preserve"' : ''
  return `<c r="${reference}" s="${style}" t="inlineStr"><is><t${space}>${cellXmlText(text)}</t></is></c>`
}

function cellXml(reference: string, cell: WrittenCell): string {
  switch (cell.kind) {
    case 'empty':
      return ''
    case 'text':
      return textCellXml(reference, STYLE.text, cell.text)
    case 'date':
      return `<c r="${reference}" s="${STYLE.date}"><v>${cell.serial}</v></c>`
    default:
      // String(number) is the shortest text that reads back as the same double; -0 becomes "0".
      return `<c r="${reference}" s="${STYLE[cell.kind]}"><v>${String(cell.value)}</v></c>`
  }
}

function worksheetXml(table: SheetTable): { xml: string; tableRange: string | null } {
  const { columns, rows } = table
  const widths = columns.map((column) =>
    // The header is bold and carries the filter's drop-down button: about two characters more.
    Math.min(column.header.length + 2, MAX_COLUMN_WIDTH),
  )
  const rowParts: string[] = []
  if (columns.length > 0) {
    rowParts.push(
      `<row r="1">${columns
        .map((column, index) =>
          column.header === ''
            ? ''
            : textCellXml(`${columnLettersOf(index)}1`, STYLE.header, column.header),
        )
        .join('')}</row>`,
    )
  }
  rows.forEach((row, rowIndex) => {
    const rowNumber = rowIndex + 2
    const cells = row.map((value, columnIndex) => {
      const cell = writtenCell(value, columns[columnIndex]!.kind)
      widths[columnIndex] = Math.max(
        widths[columnIndex]!,
        Math.min(shownLength(cell), MAX_COLUMN_WIDTH),
      )
      return cellXml(`${columnLettersOf(columnIndex)}${rowNumber}`, cell)
    })
    rowParts.push(`<row r="${rowNumber}">${cells.join('')}</row>`)
  })
  const lastColumn = columnLettersOf(Math.max(columns.length, 1) - 1)
  const tableRange = columns.length === 0 ? null : `A1:${lastColumn}${rows.length + 1}`
  const cols =
    widths.length === 0
      ? ''
      : '<cols>' +
        widths
          .map((width, index) => {
            const column = index + 1
            return `<col min="${column}" max="${column}" width="${Math.max(MIN_COLUMN_WIDTH, width + 2)}" customWidth="1"/>`
          })
          .join('') +
        '</cols>'
  // The header row stays in view while scrolling (a pane frozen below row 1).
  const sheetViews =
    tableRange === null
      ? ''
      : '<sheetViews><sheetView tabSelected="1" workbookViewId="0">' +
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
        '</sheetView></sheetViews>'
  // Element order is the schema's: dimension, sheetViews, cols, sheetData, autoFilter.
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    (tableRange === null ? '' : `<dimension ref="${tableRange}"/>`) +
    sheetViews +
    cols +
    `<sheetData>${rowParts.join('')}</sheetData>` +
    (tableRange === null ? '' : `<autoFilter ref="${tableRange}"/>`) +
    '</worksheet>'
  return { xml, tableRange }
}

/** `'Sheet name'!$A$1:$D$9`: a reference to the filtered range, apostrophes doubled. */
function absoluteRange(sheetName: string, range: string): string {
  const absolute = range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')
  return `'${sheetName.replace(/'/g, "''")}'!${absolute}`
}

function workbookXml(sheetName: string, tableRange: string | null): string {
  // Excel keeps an autoFilter's range in this hidden name as well as in the sheet.
  const definedNames =
    tableRange === null
      ? ''
      : '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">' +
        escapeXml(absoluteRange(sheetName, tableRange)) +
        '</definedName></definedNames>'
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
    definedNames +
    '</workbook>'
  )
}

/** Excel's limits, checked before writing: cutting a cell or a table short would change the data silently. */
function checkLimits(table: SheetTable): void {
  if (table.rows.length + 1 > MAX_XLSX_ROWS) throw new RangeError(`more than ${MAX_XLSX_ROWS} rows`)
  if (table.columns.length > MAX_XLSX_COLUMNS) {
    throw new RangeError(`more than ${MAX_XLSX_COLUMNS} columns`)
  }
  const tooLong = (text: string) => text.length > MAX_XLSX_CELL_LENGTH
  if (table.columns.some((column) => tooLong(column.header))) {
    throw new RangeError(`a header is longer than ${MAX_XLSX_CELL_LENGTH} characters`)
  }
  table.rows.forEach((row, index) => {
    if (row.length > table.columns.length) {
      throw new RangeError(
        `row ${index + 2} has more cells than the ${table.columns.length} columns`,
      )
    }
    for (const cell of row) {
      const value = cell !== null && typeof cell === 'object' ? cell.value : cell
      if (typeof value === 'string' && tooLong(value)) {
        throw new RangeError(`a cell is longer than ${MAX_XLSX_CELL_LENGTH} characters`)
      }
    }
  })
}

/**
 * One sheet: the header row of `columns`, then `rows`, each cell written as its kind. Throws a
 * RangeError beyond Excel's limits (rows, columns, a cell longer than 32,767 characters), for a row
 * longer than the header, and for a number that is not finite.
 */
export function toXlsx(table: SheetTable): Uint8Array {
  checkLimits(table)
  const sheetName = safeSheetName(table.name)
  const { xml, tableRange } = worksheetXml(table)
  // A fixed timestamp: the same rows give the same bytes (local time, as the zip format stores).
  const mtime = new Date(2000, 0, 1, 0, 0, 0)
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(ROOT_RELS),
      'xl/workbook.xml': strToU8(workbookXml(sheetName, tableRange)),
      'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
      'xl/worksheets/sheet1.xml': strToU8(xml),
      'xl/styles.xml': strToU8(STYLES),
    },
    { level: 6, mtime },
  )
}
