/**
 * A minimal XLSX writer (Office Open XML, ECMA-376 part 1): one sheet, every cell an inline string
 * (`t="inlineStr"`), so a NIK or KPJ is text to Excel — never 6,40206E+15, never a lost leading
 * zero — and the cells carry the Text number format (@), so editing one keeps it text.
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

/** Excel's own limits. */
export const MAX_XLSX_ROWS = 1_048_576
export const MAX_XLSX_COLUMNS = 16_384
export const MAX_XLSX_CELL_LENGTH = 32_767
const MAX_SHEET_NAME_LENGTH = 31
const MAX_COLUMN_WIDTH = 60

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

/**
 * The smallest styles part Excel accepts: one font (plus bold), the two fills it requires, one
 * border; cell format 0 is Text (numFmtId 49, '@'), format 1 is bold Text for the header row.
 */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2">' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
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

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetters(index: number): string {
  let letters = ''
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
  }
  return letters
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

function worksheetXml(rows: readonly (readonly string[])[], boldFirstRow: boolean): string {
  const widths: number[] = []
  const rowParts: string[] = []
  rows.forEach((row, rowIndex) => {
    const rowNumber = rowIndex + 1
    const style = boldFirstRow && rowIndex === 0 ? 1 : 0
    const cells: string[] = []
    row.forEach((value, columnIndex) => {
      widths[columnIndex] = Math.max(
        widths[columnIndex] ?? 0,
        Math.min(value.length, MAX_COLUMN_WIDTH),
      )
      if (value === '') return
      const reference = `${columnLetters(columnIndex)}${rowNumber}`
      const space = /^\s|\s$|\s\s|[\t\r\n]/.test(value) ? ' xml:space="preserve"' : ''
      cells.push(
        `<c r="${reference}" s="${style}" t="inlineStr"><is><t${space}>${cellXmlText(value)}</t></is></c>`,
      )
    })
    rowParts.push(`<row r="${rowNumber}">${cells.join('')}</row>`)
  })
  const cols =
    widths.length === 0
      ? ''
      : '<cols>' +
        widths
          .map((width, index) => {
            const column = index + 1
            return `<col min="${column}" max="${column}" width="${Math.max(8, width + 2)}" customWidth="1"/>`
          })
          .join('') +
        '</cols>'
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    cols +
    `<sheetData>${rowParts.join('')}</sheetData>` +
    '</worksheet>'
  )
}

function workbookXml(sheetName: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
    '</workbook>'
  )
}

export interface XlsxOptions {
  /** Bold the header row. Default true. */
  boldFirstRow?: boolean
}

/**
 * One sheet holding `rows` as text. Throws a RangeError beyond Excel's limits (rows, columns, or a
 * cell longer than 32,767 characters): cutting a cell short would change the data silently.
 */
export function toXlsx(
  rows: readonly (readonly string[])[],
  sheetName = 'Sheet1',
  options: XlsxOptions = {},
): Uint8Array {
  if (rows.length > MAX_XLSX_ROWS) throw new RangeError(`more than ${MAX_XLSX_ROWS} rows`)
  for (const row of rows) {
    if (row.length > MAX_XLSX_COLUMNS) throw new RangeError(`more than ${MAX_XLSX_COLUMNS} columns`)
    for (const value of row) {
      if (value.length > MAX_XLSX_CELL_LENGTH) {
        throw new RangeError(`a cell is longer than ${MAX_XLSX_CELL_LENGTH} characters`)
      }
    }
  }
  // A fixed timestamp: the same rows give the same bytes (local time, as the zip format stores).
  const mtime = new Date(2000, 0, 1, 0, 0, 0)
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(ROOT_RELS),
      'xl/workbook.xml': strToU8(workbookXml(safeSheetName(sheetName))),
      'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
      'xl/worksheets/sheet1.xml': strToU8(worksheetXml(rows, options.boldFirstRow ?? true)),
      'xl/styles.xml': strToU8(STYLES),
    },
    { level: 6, mtime },
  )
}
