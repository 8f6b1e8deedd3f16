/**
 * Disdukcapil's list of deaths, read like every other list (CSV or XLSX, columns mapped by the
 * user): one row per person with NIK, name, date of death and, when the list has it, the number
 * of the death certificate (akta kematian). `readDeathList` reads and checks each row; matching a
 * row to records by NIK, and reporting the deaths (death.ts), is the caller's — it holds the store.
 *
 * Rules:
 * - NIK as BPJS answers read it (bpjs-answer.ts `readAnswerNik`): spaces, dots and dashes ignored;
 *   a NIK Excel turned into a rounded number is refused, never matched to someone else.
 * - Date of death day first (dd-mm-yyyy, dd/mm/yyyy) or ISO, or an XLSX date; a date after the
 *   day the list is read is refused.
 * - A row without a certificate number is reported with the list itself as its document:
 *   "Daftar kematian Disdukcapil <file>, baris <n>".
 * - The same NIK twice: identical rows count once; rows that disagree on the date are both
 *   refused — which one is right is Disdukcapil's to say.
 */
import { guessColumns, type HeadingGuess } from '../import/sheet'
import { maskNik } from '../identity/masking'
import { readAnswerDate, readAnswerNik } from '../coverage/bpjs-answer'
import { unwrapSpreadsheetText } from '../coverage/kpj'
import { MAX_DEATH_REFERENCE } from './death'

export interface DeathListSheet {
  header: string[]
  rows: { rowNumber: number; cells: string[]; numericCells?: number[] }[]
  date1904?: boolean
}

export interface DeathListMapping {
  nik: number
  date: number
  name?: number
  reference?: number
}

export type DeathListProblem =
  | 'NIK_EMPTY'
  | 'NIK_INVALID'
  | 'NIK_EXCEL_NUMBER'
  | 'DATE_EMPTY'
  | 'DATE_INVALID'
  | 'DATE_IN_FUTURE'
  | 'CONFLICTING_ROWS'

export type DeathListRow =
  | {
      ok: true
      rowNumber: number
      nik: string
      maskedNik: string
      name: string
      date: string
      reference: string
      /** A copy of an earlier row (same NIK and date): counted once. */
      duplicateOf?: number
    }
  | { ok: false; rowNumber: number; maskedNik: string; name: string; problems: DeathListProblem[] }

const HEADER_GUESSES: HeadingGuess<keyof DeathListMapping>[] = [
  { field: 'nik', pattern: /\bNIK\b|NO(MOR)? ?(KTP|INDUK)/ },
  { field: 'reference', pattern: /AKTA|NO(MOR)? ?(SURAT|DOKUMEN)|REGISTRASI/ },
  {
    field: 'date',
    pattern:
      /TANGGAL ?(MENINGGAL|KEMATIAN|WAFAT)|TGL ?(MENINGGAL|KEMATIAN|WAFAT)|MENINGGAL|KEMATIAN|DATE OF DEATH/,
  },
  { field: 'name', pattern: /NAMA|NAME/ },
]

/** A suggested mapping from the headings; the user confirms it before reading. */
export function guessDeathListMapping(header: readonly string[]): Partial<DeathListMapping> {
  return guessColumns(header, HEADER_GUESSES)
}

const cellOf = (row: DeathListSheet['rows'][number], index: number | undefined) =>
  index === undefined ? '' : (row.cells[index] ?? '')
const isNumber = (row: DeathListSheet['rows'][number], index: number | undefined) =>
  index !== undefined && (row.numericCells?.includes(index) ?? false)

/** Every non-empty row, in sheet order, read and checked. `today`: YYYY-MM-DD of the reading. */
export function readDeathList(
  sheet: DeathListSheet,
  mapping: DeathListMapping,
  options: { today: string; fileName: string },
): DeathListRow[] {
  const rows: DeathListRow[] = []
  for (const row of sheet.rows) {
    if (!row.cells.some((cell) => cell.trim() !== '')) continue
    const problems: DeathListProblem[] = []
    const nikReading = readAnswerNik(cellOf(row, mapping.nik), isNumber(row, mapping.nik))
    if (!nikReading.ok) {
      const code = nikReading.problem.code
      problems.push(code === 'NIK_EMPTY' || code === 'NIK_EXCEL_NUMBER' ? code : 'NIK_INVALID')
    }
    const rawDate = cellOf(row, mapping.date).trim()
    const date =
      rawDate === '' ? null : readAnswerDate(rawDate, isNumber(row, mapping.date), sheet.date1904)
    if (rawDate === '') problems.push('DATE_EMPTY')
    else if (!date) problems.push('DATE_INVALID')
    else if (date > options.today) problems.push('DATE_IN_FUTURE')
    const name = cellOf(row, mapping.name).replace(/\s+/g, ' ').trim().slice(0, 100)
    const nik = nikReading.ok ? nikReading.nik : ''
    if (problems.length > 0 || !date) {
      rows.push({ ok: false, rowNumber: row.rowNumber, maskedNik: maskNik(nik), name, problems })
      continue
    }
    const written = unwrapSpreadsheetText(cellOf(row, mapping.reference).trim())
      .replace(/\s+/g, ' ')
      .trim()
    const reference = (
      written || `Daftar kematian Disdukcapil ${options.fileName}, baris ${row.rowNumber}`
    ).slice(0, MAX_DEATH_REFERENCE)
    rows.push({
      ok: true,
      rowNumber: row.rowNumber,
      nik,
      maskedNik: maskNik(nik),
      name,
      date,
      reference,
    })
  }
  // One NIK on several rows: the same date is a copy, another date makes every such row doubtful.
  const byNik = new Map<string, number[]>()
  rows.forEach((entry, index) => {
    if (!entry.ok) return
    byNik.set(entry.nik, [...(byNik.get(entry.nik) ?? []), index])
  })
  for (const indexes of byNik.values()) {
    if (indexes.length < 2) continue
    const entries = indexes.map((index) => rows[index]).filter((entry) => entry?.ok === true)
    const dates = new Set(entries.map((entry) => (entry.ok ? entry.date : '')))
    const first = entries[0]
    for (const index of indexes) {
      const entry = rows[index]
      if (!entry?.ok || !first?.ok) continue
      if (dates.size > 1) {
        rows[index] = {
          ok: false,
          rowNumber: entry.rowNumber,
          maskedNik: entry.maskedNik,
          name: entry.name,
          problems: ['CONFLICTING_ROWS'],
        }
      } else if (entry !== first) {
        rows[index] = { ...entry, duplicateOf: first.rowNumber }
      }
    }
  }
  return rows
}
