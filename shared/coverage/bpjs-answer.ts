/**
 * BPJS Ketenagakerjaan answers a batch with a sheet: one row per person with their NIK, the KPJ
 * number issued and the date coverage starts (sometimes a status and a remark). `matchAnswer`
 * reads that sheet against the batch's members and says, row by row, what can be applied and
 * what cannot, in words the supervisor can act on. It applies nothing: coverage-status.ts does.
 *
 * Rules (docs/coverage.md):
 * - NIK: spaces, dots and dashes are ignored; a NIK Excel turned into a number is refused unless
 *   all 16 digits demonstrably survived (6.40206E+15 has not: "NIK rusak (format angka Excel)").
 * - KPJ: text; trimmed, inner spaces removed, leading zeros kept, any length up to 30 digits.
 * - One NIK on several rows: identical rows are applied once (one warning); rows that disagree
 *   are all errors — which one is right is BPJS's to say, not ours.
 * - One KPJ on rows of different NIKs: all those rows are errors (a KPJ names one person).
 * - Members with no row at all are listed: "Tidak ada di jawaban BPJS".
 */
import { formatIsoDate, isRealDate } from '../dates/calendar-date'
import { maskNik } from '../identity/masking'
import { nameSearchKey } from '../participant/names'
import type { ParticipantDocument } from '../participant/participant-document'
import { excelSerialToIsoDate } from '../import/import-values'
import { guessColumns, type HeadingGuess } from '../import/sheet'
import type { CoverageProblem } from './coverage-messages'
import { formatPeriod, periodStart, type BatchPeriod } from './enrolment-batch'
import { EXCEL_SCIENTIFIC, MAX_KPJ_LENGTH, parseKpj, unwrapSpreadsheetText } from './kpj'

/** The answer as the CSV/XLSX readers in shared/import give it. */
export interface AnswerSheet {
  header: string[]
  rows: {
    rowNumber: number
    cells: string[]
    /** Columns whose cell was a number in the XLSX file (absent for CSV). */
    numericCells?: number[]
  }[]
  /** XLSX workbook on the 1904 date system (old Mac Excel). */
  date1904?: boolean
}

/** Column indexes (0-based) in the answer sheet. */
export interface AnswerMapping {
  nik: number
  kpj: number
  coverageStart: number
  name?: number
  status?: number
  /** Keterangan: BPJS's remark, shown with a rejection. */
  note?: number
}

export type AnswerMember = Pick<ParticipantDocument, 'id' | 'nik' | 'fullName' | 'kpjNumber'>

export type AnswerRowOutcome =
  | {
      kind: 'matched'
      rowNumber: number
      participantId: string
      maskedNik: string
      kpjNumber: string
      /** YYYY-MM-DD */
      coverageStart: string
      warnings: CoverageProblem[]
    }
  | {
      /** A copy of an applied row (same NIK, KPJ and date): not applied again. */
      kind: 'duplicate'
      rowNumber: number
      participantId: string
      maskedNik: string
      firstRow: number
    }
  | {
      kind: 'error'
      rowNumber: number
      /** Set when the row's NIK names a member. */
      participantId?: string
      maskedNik: string
      problems: CoverageProblem[]
    }

export interface UnmatchedMember {
  participantId: string
  maskedNik: string
  fullName: string
  problem: CoverageProblem
}

export interface AnswerMatch {
  /** One outcome per non-empty row, in sheet order. */
  rows: AnswerRowOutcome[]
  unmatchedMembers: UnmatchedMember[]
  counts: { matched: number; duplicate: number; error: number; unmatched: number }
}

const MAX_RAW_NIK_LENGTH = 64
const MAX_NOTE_LENGTH = 200
const NIK_LENGTH = 16

type NikReading = { ok: true; nik: string } | { ok: false; problem: CoverageProblem }

/**
 * A NIK from an answer cell. Excel keeps 15 significant digits: a 16-digit NIK in a number cell
 * comes back with its last digit 0 (6402061505900001 → 6402061505900000), which could be another
 * person's NIK. So a number cell is accepted only when its last digit is not 0 (it cannot have
 * passed through Excel's rounding), and a scientific form only when it spells all 16 digits.
 */
export function readAnswerNik(raw: string, isNumberCell = false): NikReading {
  const text = unwrapSpreadsheetText(raw.trim())
  if (text === '') return { ok: false, problem: { code: 'NIK_EMPTY' } }
  if (text.length > MAX_RAW_NIK_LENGTH) return { ok: false, problem: { code: 'NIK_INVALID' } }
  const compact = text.replace(/\s/g, '')
  if (EXCEL_SCIENTIFIC.test(compact)) {
    const match = /^(\d)[.,]?(\d*)E\+?(\d+)$/i.exec(compact)
    const digits = match ? `${match[1] ?? ''}${match[2] ?? ''}` : ''
    if (match && Number(match[3]) === NIK_LENGTH - 1 && digits.length === NIK_LENGTH) {
      return { ok: true, nik: digits }
    }
    return { ok: false, problem: { code: 'NIK_EXCEL_NUMBER' } }
  }
  const nik = compact.replace(/[.\-\u2010-\u2015\u2212]/g, '')
  if (!/^\d{16}$/.test(nik)) return { ok: false, problem: { code: 'NIK_INVALID' } }
  if (isNumberCell && nik.endsWith('0')) return { ok: false, problem: { code: 'NIK_EXCEL_NUMBER' } }
  return { ok: true, nik }
}

/**
 * A coverage start date: dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd (a trailing midnight time, as
 * database exports write it, is ignored); in an XLSX number cell, an Excel serial date. Day
 * first, as Indonesia writes dates: 05/13/2026 is refused, not read as 13 May.
 */
export function readAnswerDate(raw: string, isNumberCell = false, date1904 = false): string | null {
  const text = raw.trim().replace(/[ T]00:00(?::00(?:\.0+)?)?Z?$/, '')
  if (isNumberCell && /^\d+(?:\.\d+)?$/.test(text)) {
    return excelSerialToIsoDate(Number(text), date1904)
  }
  const iso = (year: number, month: number, day: number) =>
    isRealDate(year, month, day) ? formatIsoDate({ year, month, day }) : null
  let match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text)
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]))
  match = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(text)
  if (match) return iso(Number(match[3]), Number(match[2]), Number(match[1]))
  return null
}

/** Words in a status column meaning BPJS did not enrol the person. */
const REJECTION_WORDS =
  /\b(?:DITOLAK|TOLAK|GAGAL|TIDAK BERHASIL|TIDAK VALID|TIDAK SESUAI|INVALID|REJECT(?:ED)?|ERROR|FAILED)\b/

/** Normalised heading → field, for `guessAnswerMapping`. */
const HEADER_GUESSES: HeadingGuess<keyof AnswerMapping>[] = [
  { field: 'nik', pattern: /^(?:NO(?:MOR)? )?(?:NIK|KTP|NO IDENTITAS|NOMOR IDENTITAS)(?: KTP)?$/ },
  { field: 'kpj', pattern: /^(?:NO(?:MOR)? )?(?:KPJ|KARTU PESERTA|PESERTA)$/ },
  {
    field: 'coverageStart',
    pattern:
      /^(?:TGL|TANGGAL) ?(?:MULAI|EFEKTIF|KEPESERTAAN|AWAL|TERDAFTAR|DAFTAR)(?: KEPESERTAAN| PESERTA)?$|^(?:TMT|MULAI KEPESERTAAN|BLTH NA|AWAL KEPESERTAAN)$/,
  },
  { field: 'name', pattern: /^(?:NAMA|NAMA LENGKAP|NAMA PESERTA|NAMA TENAGA KERJA)$/ },
  { field: 'status', pattern: /^(?:STATUS|HASIL|STATUS KEPESERTAAN|STATUS PENDAFTARAN)$/ },
  { field: 'note', pattern: /^(?:KETERANGAN|KET|CATATAN|ALASAN|PESAN)$/ },
]

/** A suggested mapping from the headings; the supervisor confirms it before matching. */
export function guessAnswerMapping(header: readonly string[]): Partial<AnswerMapping> {
  return guessColumns(header, HEADER_GUESSES)
}

interface ReadRow {
  rowNumber: number
  nik: string | null
  maskedNik: string
  kpj: string | null
  start: string | null
  problems: CoverageProblem[]
  warnings: CoverageProblem[]
  nameInAnswer: string
  memberId?: string
}

const cellOf = (row: AnswerSheet['rows'][number], index: number | undefined): string =>
  index === undefined ? '' : (row.cells[index] ?? '')
const isNumber = (row: AnswerSheet['rows'][number], index: number | undefined): boolean =>
  index !== undefined && (row.numericCells?.includes(index) ?? false)

function readRow(
  row: AnswerSheet['rows'][number],
  mapping: AnswerMapping,
  period: BatchPeriod,
  date1904: boolean,
): ReadRow {
  const problems: CoverageProblem[] = []
  const warnings: CoverageProblem[] = []
  const nikReading = readAnswerNik(cellOf(row, mapping.nik), isNumber(row, mapping.nik))
  const nik = nikReading.ok ? nikReading.nik : null
  if (!nikReading.ok) problems.push(nikReading.problem)

  const status = mapping.status === undefined ? '' : cellOf(row, mapping.status).trim()
  const rejected = REJECTION_WORDS.test(status.toUpperCase())
  let kpj: string | null = null
  let start: string | null = null
  if (rejected) {
    // A refused row has no KPJ or date to check: the refusal and BPJS's remark are the message.
    const note = cellOf(row, mapping.note).replace(/\s+/g, ' ').trim() || status
    problems.push({ code: 'REJECTED_BY_BPJS', params: { note: note.slice(0, MAX_NOTE_LENGTH) } })
  } else {
    const kpjReading = parseKpj(cellOf(row, mapping.kpj))
    if (kpjReading.ok) {
      kpj = kpjReading.kpj
      if (isNumber(row, mapping.kpj)) warnings.push({ code: 'KPJ_STORED_AS_NUMBER' })
    } else {
      problems.push(
        kpjReading.reason === 'KPJ_TOO_LONG'
          ? { code: 'KPJ_TOO_LONG', params: { max: MAX_KPJ_LENGTH } }
          : { code: kpjReading.reason },
      )
    }
    const rawDate = cellOf(row, mapping.coverageStart)
    if (rawDate.trim() === '') problems.push({ code: 'START_DATE_EMPTY' })
    else {
      start = readAnswerDate(rawDate, isNumber(row, mapping.coverageStart), date1904)
      if (!start) {
        problems.push({
          code: 'START_DATE_INVALID',
          params: { value: rawDate.trim().slice(0, 40) },
        })
      } else if (Number(start.slice(0, 4)) !== period.year) {
        problems.push({
          code: 'START_DATE_OUTSIDE_YEAR',
          params: { date: start, year: period.year },
        })
        start = null
      } else if (start < periodStart(period)) {
        warnings.push({
          code: 'START_BEFORE_PERIOD',
          params: { date: start, period: formatPeriod(period) },
        })
      }
    }
  }
  return {
    rowNumber: row.rowNumber,
    nik,
    maskedNik: maskNik(nik ?? ''),
    kpj,
    start,
    problems,
    warnings,
    nameInAnswer: mapping.name === undefined ? '' : cellOf(row, mapping.name).trim(),
  }
}

/** Lists "7, 9" for the message. */
const rowList = (rows: readonly number[]) => rows.join(', ')

/**
 * Matches BPJS's answer against the members of one batch (`members`: the batch's participants;
 * `period`: the batch's). Nothing is changed: apply the matched rows with `withEnrolment`.
 */
export function matchAnswer(
  answer: AnswerSheet,
  mapping: AnswerMapping,
  batch: { period: BatchPeriod; members: readonly AnswerMember[] },
): AnswerMatch {
  const membersByNik = new Map<string, AnswerMember[]>()
  for (const member of batch.members) {
    const list = membersByNik.get(member.nik)
    if (list) list.push(member)
    else membersByNik.set(member.nik, [member])
  }

  const read: ReadRow[] = []
  for (const row of answer.rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue
    const entry = readRow(row, mapping, batch.period, answer.date1904 ?? false)
    if (entry.nik !== null) {
      const owners = membersByNik.get(entry.nik) ?? []
      if (owners.length === 0) entry.problems.push({ code: 'NIK_NOT_IN_BATCH' })
      else if (owners.length > 1) entry.problems.push({ code: 'NIK_SHARED_BY_MEMBERS' })
      else entry.memberId = owners[0]?.id
    }
    read.push(entry)
  }

  // One NIK on several rows: identical rows apply once; any difference makes every row an error.
  const rowsByNik = new Map<string, ReadRow[]>()
  for (const entry of read) {
    if (entry.memberId === undefined || entry.nik === null) continue
    const list = rowsByNik.get(entry.nik)
    if (list) list.push(entry)
    else rowsByNik.set(entry.nik, [entry])
  }
  const copyOf = new Map<ReadRow, number>()
  for (const group of rowsByNik.values()) {
    const [first, ...others] = group
    if (!first || others.length === 0) continue
    const isIdentical = group.every(
      (entry) =>
        entry.problems.length === 0 && entry.kpj === first.kpj && entry.start === first.start,
    )
    if (isIdentical) {
      first.warnings.push({
        code: 'NIK_DUPLICATE_IDENTICAL',
        params: { otherRows: rowList(others.map((entry) => entry.rowNumber)) },
      })
      for (const entry of others) copyOf.set(entry, first.rowNumber)
    } else {
      for (const entry of group) {
        const other = group.find((candidate) => candidate !== entry)
        entry.problems.push({
          code: 'NIK_DUPLICATE_CONFLICT',
          params: { otherRow: other?.rowNumber ?? entry.rowNumber },
        })
      }
    }
  }

  // One KPJ on rows of different NIKs: a KPJ names one person, so none of them is applied.
  const rowsByKpj = new Map<string, ReadRow[]>()
  for (const entry of read) {
    if (entry.kpj === null || entry.nik === null) continue
    const list = rowsByKpj.get(entry.kpj)
    if (list) list.push(entry)
    else rowsByKpj.set(entry.kpj, [entry])
  }
  for (const group of rowsByKpj.values()) {
    for (const entry of group) {
      const other = group.find((candidate) => candidate.nik !== entry.nik)
      if (other)
        entry.problems.push({
          code: 'KPJ_USED_BY_OTHER_NIK',
          params: { otherRow: other.rowNumber },
        })
    }
  }

  const membersById = new Map(batch.members.map((member) => [member.id, member]))
  const rows: AnswerRowOutcome[] = read.map((entry) => {
    const member = entry.memberId === undefined ? undefined : membersById.get(entry.memberId)
    if (entry.problems.length > 0 || !member || entry.kpj === null || entry.start === null) {
      return {
        kind: 'error',
        rowNumber: entry.rowNumber,
        ...(member ? { participantId: member.id } : {}),
        maskedNik: entry.maskedNik,
        problems: entry.problems,
      }
    }
    const firstRow = copyOf.get(entry)
    if (firstRow !== undefined) {
      return {
        kind: 'duplicate',
        rowNumber: entry.rowNumber,
        participantId: member.id,
        maskedNik: entry.maskedNik,
        firstRow,
      }
    }
    const warnings = [...entry.warnings]
    if (
      entry.nameInAnswer !== '' &&
      nameSearchKey(entry.nameInAnswer) !== nameSearchKey(member.fullName)
    ) {
      warnings.push({
        code: 'NAME_DIFFERS',
        params: { nameInAnswer: entry.nameInAnswer.slice(0, 100) },
      })
    }
    if (member.kpjNumber && member.kpjNumber !== entry.kpj) {
      warnings.push({ code: 'KPJ_CHANGED', params: { previous: member.kpjNumber, kpj: entry.kpj } })
    }
    return {
      kind: 'matched',
      rowNumber: entry.rowNumber,
      participantId: member.id,
      maskedNik: entry.maskedNik,
      kpjNumber: entry.kpj,
      coverageStart: entry.start,
      warnings,
    }
  })

  const answeredNiks = new Set(read.map((entry) => entry.nik).filter((nik) => nik !== null))
  const unmatchedMembers: UnmatchedMember[] = batch.members
    .filter((member) => !answeredNiks.has(member.nik))
    .map((member) => ({
      participantId: member.id,
      maskedNik: maskNik(member.nik),
      fullName: member.fullName,
      problem: { code: 'NOT_IN_ANSWER' },
    }))

  const count = (kind: AnswerRowOutcome['kind']) => rows.filter((row) => row.kind === kind).length
  return {
    rows,
    unmatchedMembers,
    counts: {
      matched: count('matched'),
      duplicate: count('duplicate'),
      error: count('error'),
      unmatched: unmatchedMembers.length,
    },
  }
}
