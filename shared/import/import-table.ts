/**
 * One entry point for every file the clerk may choose: XLSX (recognised by its zip signature,
 * whatever the file is called) or delimited text in any of the encodings spreadsheets write.
 * Finds the header row, makes every header unique and non-empty, and keeps the data rows with
 * their spreadsheet row numbers.
 */
import { parseCsv, type CsvDelimiter } from './csv'
import { decodeText, type TextEncodingName } from './decode-text'
import { fieldForHeader, type ImportKind, targetFieldsOf } from './import-fields'
import { columnLettersOf, type SheetRow } from './sheet'
import { readXlsx } from './xlsx'

export type FileWarning =
  { code: 'ENCODING_FALLBACK' } | { code: 'CSV_UNCLOSED_QUOTE'; row: number }

export type FileProblem =
  | 'EMPTY_FILE'
  | 'NO_HEADER'
  | 'XLS_NOT_SUPPORTED'
  | 'NOT_XLSX'
  | 'NO_SHEETS'
  | 'SHEET_NOT_FOUND'
  | 'TOO_LARGE'
  | 'NO_DATA_ROWS'

export interface ImportTable {
  format: 'csv' | 'xlsx'
  /** Text files only. */
  encoding?: TextEncodingName
  delimiter?: CsvDelimiter
  /** XLSX only. */
  sheetNames?: string[]
  sheetName?: string
  /** XLSX only: the workbook counts serial dates from 1904. */
  date1904?: boolean
  headerRowNumber: number
  /** Unique and non-empty: a blank header becomes "(C)", a repeated one "NAMA (F)". */
  headers: string[]
  rows: SheetRow[]
  warnings: FileWarning[]
}

export type ReadTableResult = { ok: true; table: ImportTable } | { ok: false; problem: FileProblem }

/** Largest file accepted (a 100,000-row DTKS extract as CSV is ~20 MB). */
export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024
/** Title lines agencies put above the header ("DATA TERPADU KESEJAHTERAAN SOSIAL …"). */
const HEADER_SEARCH_ROWS = 10

function isOleCompoundFile(bytes: Uint8Array): boolean {
  // The legacy .xls (BIFF) container: D0 CF 11 E0 A1 B1 1A E1.
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0
}

/**
 * The header is the first of the first rows with the most known column names for this kind;
 * with none known, the first row.
 */
function findHeaderRow(rows: readonly SheetRow[], kind: ImportKind): number {
  const wanted = new Set(targetFieldsOf(kind).map((spec) => spec.field))
  let best = 0
  let bestScore = 0
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const fields = new Set(
      (rows[index]?.cells ?? [])
        .map((cell) => fieldForHeader(cell))
        .filter((field) => field !== undefined && wanted.has(field)),
    )
    if (fields.size > bestScore) {
      best = index
      bestScore = fields.size
    }
  }
  return best
}

function uniqueHeaders(cells: readonly string[], width: number): string[] {
  const seen = new Set<string>()
  const headers: string[] = []
  for (let index = 0; index < width; index++) {
    const letters = columnLettersOf(index)
    let header = (cells[index] ?? '').replace(/\s+/g, ' ').trim()
    if (header === '') header = `(${letters})`
    else if (seen.has(header.toUpperCase())) header = `${header} (${letters})`
    seen.add(header.toUpperCase())
    headers.push(header)
  }
  return headers
}

export function readImportTable(
  bytes: Uint8Array,
  kind: ImportKind,
  options: { sheetName?: string } = {},
): ReadTableResult {
  if (bytes.length === 0) return { ok: false, problem: 'EMPTY_FILE' }
  if (bytes.length > MAX_IMPORT_FILE_BYTES) return { ok: false, problem: 'TOO_LARGE' }
  if (isOleCompoundFile(bytes)) return { ok: false, problem: 'XLS_NOT_SUPPORTED' }

  let rows: SheetRow[]
  const warnings: FileWarning[] = []
  let base: Omit<ImportTable, 'headerRowNumber' | 'headers' | 'rows' | 'warnings'>
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const workbook = readXlsx(bytes, options)
    if (!workbook.ok) return { ok: false, problem: workbook.reason }
    rows = workbook.rows
    base = {
      format: 'xlsx',
      sheetNames: workbook.sheetNames,
      sheetName: workbook.sheetName,
      date1904: workbook.date1904,
    }
  } else {
    const decoded = decodeText(bytes)
    if (decoded.fellBack) warnings.push({ code: 'ENCODING_FALLBACK' })
    const parsed = parseCsv(decoded.text)
    if (parsed.unclosedQuoteRow !== null) {
      warnings.push({ code: 'CSV_UNCLOSED_QUOTE', row: parsed.unclosedQuoteRow })
    }
    rows = parsed.rows
    base = { format: 'csv', encoding: decoded.encoding, delimiter: parsed.delimiter }
  }
  if (rows.length === 0) return { ok: false, problem: 'EMPTY_FILE' }
  const headerIndex = findHeaderRow(rows, kind)
  const headerRow = rows[headerIndex]
  if (!headerRow) return { ok: false, problem: 'NO_HEADER' }
  const dataRows = rows.slice(headerIndex + 1)
  let width = headerRow.cells.length
  for (const row of dataRows) if (row.cells.length > width) width = row.cells.length
  return {
    ok: true,
    table: {
      ...base,
      headerRowNumber: headerRow.rowNumber,
      headers: uniqueHeaders(headerRow.cells, width),
      rows: dataRows,
      warnings,
    },
  }
}
