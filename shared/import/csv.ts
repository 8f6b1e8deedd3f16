/**
 * CSV as spreadsheets write it (RFC 4180): fields in double quotes may hold the delimiter, line
 * breaks and doubled quotes; lines end in CRLF or LF. Indonesian Excel writes `;` between fields
 * (the decimal separator is the comma), other exports `,`, "Unicode Text" a tab: the delimiter is
 * read from the first non-empty line.
 *
 * Row numbers are the ones a spreadsheet shows when it opens the file: every record is one row,
 * blank lines included, so "baris 12" in a report is row 12 on the clerk's screen.
 */
import type { SheetRow } from './sheet'

export type CsvDelimiter = ',' | ';' | '\t'
const CANDIDATES: readonly CsvDelimiter[] = [';', ',', '\t']

export interface CsvParseResult {
  delimiter: CsvDelimiter
  rows: SheetRow[]
  /** Row where a quoted field was still open at the end of the file, if any. */
  unclosedQuoteRow: number | null
}

const QUOTE = 34
const CR = 13
const LF = 10

/** Counts each candidate outside quotes on the first line that holds any of them. */
export function detectDelimiter(text: string): CsvDelimiter {
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const line = text.slice(start, end)
    if (line.trim() !== '') {
      const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((c) => [c, 0]))
      let quoted = false
      for (const char of line) {
        if (char === '"') quoted = !quoted
        else if (!quoted && counts.has(char as CsvDelimiter)) {
          counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) ?? 0) + 1)
        }
      }
      let best: CsvDelimiter = ','
      let bestCount = 0
      for (const candidate of CANDIDATES) {
        const count = counts.get(candidate) ?? 0
        if (count > bestCount) {
          best = candidate
          bestCount = count
        }
      }
      // A title line without any delimiter ("DAFTAR PESERTA …") says nothing: read on.
      if (bestCount > 0) return best
    }
    start = end + 1
  }
  return ','
}

export function parseCsv(
  text: string,
  delimiter: CsvDelimiter = detectDelimiter(text),
): CsvParseResult {
  const rows: SheetRow[] = []
  const sep = delimiter.charCodeAt(0)
  const length = text.length
  let rowNumber = 1
  let cells: string[] = []
  let position = 0
  let unclosedQuoteRow: number | null = null

  const endRow = () => {
    // A row whose every cell is empty is a blank line: counted, not returned.
    if (cells.length > 1 || (cells.length === 1 && cells[0] !== '')) rows.push({ rowNumber, cells })
    cells = []
    rowNumber++
  }

  while (position < length) {
    let code = text.charCodeAt(position)
    if (code === QUOTE) {
      // Quoted field: runs to the next quote not followed by another quote.
      const startRow = rowNumber
      let value = ''
      let from = position + 1
      for (;;) {
        const next = text.indexOf('"', from)
        if (next === -1) {
          value += text.slice(from)
          position = length
          unclosedQuoteRow = startRow
          break
        }
        value += text.slice(from, next)
        if (text.charCodeAt(next + 1) === QUOTE) {
          value += '"'
          from = next + 2
          continue
        }
        position = next + 1
        break
      }
      // Text after the closing quote up to the delimiter is kept, as spreadsheets do.
      let tail = position
      while (tail < length) {
        const c = text.charCodeAt(tail)
        if (c === sep || c === CR || c === LF) break
        tail++
      }
      if (tail > position) value += text.slice(position, tail)
      position = tail
      cells.push(value)
    } else {
      let end = position
      while (end < length) {
        code = text.charCodeAt(end)
        if (code === sep || code === CR || code === LF) break
        end++
      }
      cells.push(text.slice(position, end))
      position = end
    }
    if (position >= length) break
    code = text.charCodeAt(position)
    if (code === sep) {
      position++
      // A delimiter at the very end of the text still opens an (empty) last field.
      if (position >= length) cells.push('')
    } else {
      position += code === CR && text.charCodeAt(position + 1) === LF ? 2 : 1
      endRow()
    }
  }
  if (cells.length > 0) endRow()
  return { delimiter, rows, unclosedQuoteRow }
}
