/**
 * The columns of the collective-registration sheet sent to BPJS. BPJS gives the regency its
 * format and may change it, so the layout is data (kept in settings): a list of column headings
 * and what each column holds. `DEFAULT_BATCH_LAYOUT` follows the usual "pendaftaran kolektif"
 * sheet.
 *
 * Every cell is text, in the form the column names (dd-mm-yyyy, 08…, MM-YYYY): that is what
 * BPJS's upload reads. A NIK or KPJ must never become a number (a spreadsheet keeps 15 digits and
 * drops leading zeros), so `batchRows` gives strings and the writers keep them as text. The one
 * exception is opt-in: `birthDate:date` is a real date cell in the XLSX (shown dd-mm-yyyy), for a
 * template that asks for a date rather than text; in a CSV it is yyyy-mm-dd, which every
 * spreadsheet reads as a date whatever its locale.
 */
import { parseIsoDate } from '../dates/calendar-date'
import type { CellKind, SheetColumn } from '../spreadsheet/xlsx-writer'
import { normalizePhone } from '../identity/phone'
import type { ParticipantDocument } from '../participant/participant-document'
import type { CoverageProblem } from './coverage-messages'
import { formatPeriod, type EnrolmentBatch } from './enrolment-batch'

export const LAYOUT_VALUE_KEYS = [
  'nik',
  'kk',
  'fullName',
  'birthPlace',
  'birthDate:dd-mm-yyyy',
  'birthDate:yyyy-mm-dd',
  'birthDate:date',
  'sex:L/P',
  'sex:1/2',
  'address',
  'rt',
  'rw',
  'desa',
  'kecamatan',
  'occupation',
  'phone',
  'kodeIuran',
  'periode',
] as const

export type LayoutValueKey = (typeof LAYOUT_VALUE_KEYS)[number]
/** A known value, or `fixed:<text>`: the same text in every row (e.g. 'fixed:BPU'). */
export type LayoutValue = LayoutValueKey | `fixed:${string}`

export interface BatchColumn {
  header: string
  value: LayoutValue
}

export interface BatchLayout {
  columns: BatchColumn[]
  /**
   * CSV only: ',' (default) or ';' — what Excel on a PC set to Indonesian expects, since the
   * comma is its decimal separator. XLSX has no delimiter.
   */
  csvDelimiter?: ',' | ';'
}

export const MAX_LAYOUT_COLUMNS = 60
export const MAX_HEADER_LENGTH = 60
export const MAX_FIXED_TEXT_LENGTH = 100
const FIXED_PREFIX = 'fixed:'

export const DEFAULT_BATCH_LAYOUT: BatchLayout = {
  columns: [
    { header: 'NIK', value: 'nik' },
    { header: 'Nama Lengkap', value: 'fullName' },
    { header: 'Tempat Lahir', value: 'birthPlace' },
    { header: 'Tanggal Lahir', value: 'birthDate:dd-mm-yyyy' },
    { header: 'Jenis Kelamin', value: 'sex:L/P' },
    { header: 'Alamat', value: 'address' },
    { header: 'Desa/Kelurahan', value: 'desa' },
    { header: 'Kecamatan', value: 'kecamatan' },
    { header: 'Pekerjaan', value: 'occupation' },
    { header: 'No HP', value: 'phone' },
    { header: 'Kode Iuran', value: 'kodeIuran' },
    { header: 'Periode', value: 'periode' },
  ],
}

/** C0 and C1 control characters, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
const CONTROL = new RegExp(CONTROL_CHARACTERS.source)

/** Text Excel would run as a formula when the file is opened (CSV injection). */
const FORMULA_START = /^[=+\-@]/

function isLayoutValueKey(value: string): value is LayoutValueKey {
  return (LAYOUT_VALUE_KEYS as readonly string[]).includes(value)
}

export type LayoutValidation =
  { ok: true; layout: BatchLayout } | { ok: false; problems: CoverageProblem[] }

/**
 * Checks a layout read from settings (any JSON): 1..60 columns, each with a non-empty heading
 * unique within the layout (compared ignoring case and spaces, as a reader of the sheet would),
 * and a known value or fixed text. Headings and fixed text are trimmed in the result.
 */
export function validateLayout(input: unknown): LayoutValidation {
  const columnsValue =
    typeof input === 'object' && input !== null ? (input as { columns?: unknown }).columns : null
  if (!Array.isArray(columnsValue)) {
    return { ok: false, problems: [{ code: 'LAYOUT_NOT_A_LIST' }] }
  }
  if (columnsValue.length === 0) return { ok: false, problems: [{ code: 'LAYOUT_EMPTY' }] }
  if (columnsValue.length > MAX_LAYOUT_COLUMNS) {
    return {
      ok: false,
      problems: [
        {
          code: 'LAYOUT_TOO_MANY_COLUMNS',
          params: { max: MAX_LAYOUT_COLUMNS, count: columnsValue.length },
        },
      ],
    }
  }
  const problems: CoverageProblem[] = []
  const columns: BatchColumn[] = []
  const headerKeys = new Map<string, number>()
  columnsValue.forEach((item: unknown, index) => {
    const column = index + 1
    const record =
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {}
    const header = typeof record.header === 'string' ? record.header.trim() : ''
    const value = typeof record.value === 'string' ? record.value : ''
    if (header === '' || CONTROL.test(header)) {
      problems.push({ code: 'LAYOUT_HEADER_EMPTY', params: { column } })
    } else if (header.length > MAX_HEADER_LENGTH) {
      problems.push({ code: 'LAYOUT_HEADER_TOO_LONG', params: { column, max: MAX_HEADER_LENGTH } })
    } else {
      const key = header.toLowerCase().replace(/\s+/g, ' ')
      const firstColumn = headerKeys.get(key)
      if (firstColumn !== undefined) {
        problems.push({ code: 'LAYOUT_HEADER_REPEATED', params: { column, header, firstColumn } })
      } else headerKeys.set(key, column)
    }
    if (value.startsWith(FIXED_PREFIX)) {
      const text = value.slice(FIXED_PREFIX.length).trim()
      if (text.length > MAX_FIXED_TEXT_LENGTH || CONTROL.test(text) || FORMULA_START.test(text)) {
        problems.push({
          code: 'LAYOUT_FIXED_TEXT_INVALID',
          params: { column, max: MAX_FIXED_TEXT_LENGTH },
        })
      } else columns.push({ header, value: `${FIXED_PREFIX}${text}` })
    } else if (isLayoutValueKey(value)) {
      columns.push({ header, value })
    } else {
      problems.push({ code: 'LAYOUT_VALUE_UNKNOWN', params: { column, value: value.slice(0, 40) } })
    }
  })
  if (problems.length > 0) return { ok: false, problems }
  // Anything but ';' (a setting from an older version, or nonsense) is the default comma.
  const delimiter = (input as { csvDelimiter?: unknown }).csvDelimiter
  return { ok: true, layout: delimiter === ';' ? { columns, csvDelimiter: ';' } : { columns } }
}

/**
 * Names for codes, from the region table and district.json. When a lookup has no name the code
 * itself is written, so a row is never silently blank.
 */
export interface BatchLookups {
  villageName(villageCode: string): string | undefined
  kecamatanName(kecamatanCode: string): string | undefined
  occupationName(occupationCode: string): string | undefined
}

/** One line of text: control characters and line breaks become spaces, runs of spaces one. */
export function cleanCellText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim()
}

function formatBirthDate(birthDate: string, order: 'dmy' | 'ymd'): string {
  const date = parseIsoDate(birthDate)
  if (!date) return birthDate
  const dd = String(date.day).padStart(2, '0')
  const mm = String(date.month).padStart(2, '0')
  const yyyy = String(date.year).padStart(4, '0')
  return order === 'dmy' ? `${dd}-${mm}-${yyyy}` : `${yyyy}-${mm}-${dd}`
}

type RowFields = Pick<
  ParticipantDocument,
  | 'id'
  | 'nik'
  | 'kk'
  | 'fullName'
  | 'birthPlace'
  | 'birthDate'
  | 'sex'
  | 'address'
  | 'rt'
  | 'rw'
  | 'kecamatanCode'
  | 'villageCode'
  | 'occupationCode'
  | 'phone'
>

/** The text of one cell. */
export function cellValue(
  value: LayoutValue,
  doc: RowFields,
  batch: Pick<EnrolmentBatch, 'kodeIuran' | 'period'>,
  lookups: BatchLookups,
): string {
  if (value.startsWith(FIXED_PREFIX)) return value.slice(FIXED_PREFIX.length)
  switch (value as LayoutValueKey) {
    case 'nik':
      return doc.nik
    case 'kk':
      return doc.kk
    case 'fullName':
      return doc.fullName
    case 'birthPlace':
      return doc.birthPlace
    case 'birthDate:dd-mm-yyyy':
      return formatBirthDate(doc.birthDate, 'dmy')
    case 'birthDate:yyyy-mm-dd':
    case 'birthDate:date':
      return formatBirthDate(doc.birthDate, 'ymd')
    case 'sex:L/P':
      return doc.sex
    case 'sex:1/2':
      // The 1 = laki-laki, 2 = perempuan coding of Dukcapil and DTKS.
      return doc.sex === 'L' ? '1' : '2'
    case 'address':
      return doc.address
    case 'rt':
      return doc.rt
    case 'rw':
      return doc.rw
    case 'desa':
      return lookups.villageName(doc.villageCode) ?? doc.villageCode
    case 'kecamatan':
      return lookups.kecamatanName(doc.kecamatanCode) ?? doc.kecamatanCode
    case 'occupation':
      return lookups.occupationName(doc.occupationCode) ?? doc.occupationCode
    case 'phone': {
      // 08…, as BPJS forms ask: '+62…' would also start like a formula in a spreadsheet.
      if (!doc.phone) return ''
      const phone = normalizePhone(doc.phone)
      return phone.ok ? phone.national : doc.phone
    }
    case 'kodeIuran':
      return batch.kodeIuran
    case 'periode':
      return formatPeriod(batch.period)
  }
}

/** What a column's cells are in the XLSX: text, but for the opt-in date of birth as a date. */
export function batchColumnKind(value: LayoutValue): CellKind {
  return value === 'birthDate:date' ? 'date' : 'text'
}

/** The XLSX header: the cleaned headings (as `batchRows` writes them) and each column's kind. */
export function batchSheetColumns(layout: BatchLayout): SheetColumn[] {
  return layout.columns.map((column) => ({
    header: cleanCellText(column.header),
    kind: batchColumnKind(column.value),
  }))
}

/**
 * The sheet: the header row, then one row per member in the batch's order. Throws when a member
 * is missing from `participants` — the caller must pass every member (a bug, not a user error).
 */
export function batchRows(
  batch: Pick<EnrolmentBatch, 'id' | 'kodeIuran' | 'period' | 'memberIds'>,
  participants: readonly RowFields[],
  layout: BatchLayout,
  lookups: BatchLookups,
): string[][] {
  const byId = new Map(participants.map((doc) => [doc.id, doc]))
  const rows: string[][] = [layout.columns.map((column) => cleanCellText(column.header))]
  for (const memberId of batch.memberIds) {
    const doc = byId.get(memberId)
    if (!doc) throw new Error(`batch ${batch.id}: member ${memberId} was not passed in`)
    rows.push(
      layout.columns.map((column) => cleanCellText(cellValue(column.value, doc, batch, lookups))),
    )
  }
  return rows
}
