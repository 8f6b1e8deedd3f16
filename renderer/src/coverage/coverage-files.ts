/**
 * The files of an enrolment batch: the sheet sent to BPJS (CSV or XLSX, in the saved column
 * layout) and BPJS's answer read back into header + rows for `matchAnswer`. Pure: no store, no
 * DOM.
 */
import { batchRows, batchSheetColumns, type BatchLayout } from '@shared/coverage/batch-layout'
import type { AnswerSheet } from '@shared/coverage/bpjs-answer'
import { toCsv } from '@shared/coverage/csv-writer'
import { formatPeriod, type EnrolmentBatch } from '@shared/coverage/enrolment-batch'
import { toXlsx } from '@shared/spreadsheet/xlsx-writer'
import { parseCsv } from '@shared/import/csv'
import { decodeText } from '@shared/import/decode-text'
import { looksLikeZip, readXlsx } from '@shared/import/xlsx'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { kecamatanName, occupationLabel, villageName } from '@/participants/participant-labels'

export type BatchFileFormat = 'csv' | 'xlsx'

const lookups = {
  villageName: (code: string) => villageName(code) || undefined,
  kecamatanName: (code: string) => kecamatanName(code) || undefined,
  occupationName: (code: string) => occupationLabel(code, 'id') || undefined,
}

/** batch-<kode>-<MM-YYYY>.csv, with characters a file name cannot hold replaced. */
export function batchFileName(
  batch: Pick<EnrolmentBatch, 'kodeIuran' | 'period'>,
  format: BatchFileFormat,
): string {
  const kode = batch.kodeIuran.replace(/[^A-Za-z0-9.-]+/g, '_')
  return `batch-${kode}-${formatPeriod(batch.period)}.${format}`
}

export function batchFile(
  batch: EnrolmentBatch,
  members: readonly ParticipantDocument[],
  layout: BatchLayout,
  format: BatchFileFormat,
): { name: string; mimeType: string; data: Uint8Array } {
  const rows = batchRows(batch, members, layout, lookups)
  const name = batchFileName(batch, format)
  if (format === 'csv') {
    // The BOM lets Excel read names with accents as UTF-8.
    return {
      name,
      mimeType: 'text/csv',
      data: new TextEncoder().encode(
        toCsv(rows, { bom: true, delimiter: layout.csvDelimiter ?? ',' }),
      ),
    }
  }
  return {
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: toXlsx({
      name: `Batch ${formatPeriod(batch.period)}`,
      columns: batchSheetColumns(layout),
      rows: rows.slice(1),
    }),
  }
}

export type AnswerReading =
  { ok: true; sheet: AnswerSheet } | { ok: false; reason: 'UNREADABLE' | 'EMPTY' }

/**
 * A spreadsheet the user picked, read like BPJS's answer file: null when nothing was picked,
 * otherwise the file's name with its sheet, or why it could not be read.
 */
export async function readPickedSheet(
  picked: File | undefined,
): Promise<
  | null
  | { ok: true; name: string; sheet: AnswerSheet }
  | { ok: false; reason: 'UNREADABLE' | 'EMPTY' }
> {
  if (!picked) return null
  const read = readAnswerFile(new Uint8Array(await picked.arrayBuffer()))
  return read.ok ? { ok: true, name: picked.name, sheet: read.sheet } : read
}

/** BPJS's answer file (CSV in any common encoding, or XLSX): the first row is the header. */
export function readAnswerFile(bytes: Uint8Array): AnswerReading {
  let rows
  let date1904 = false
  if (looksLikeZip(bytes)) {
    const read = readXlsx(bytes)
    if (!read.ok) return { ok: false, reason: 'UNREADABLE' }
    rows = read.rows
    date1904 = read.date1904
  } else {
    rows = parseCsv(decodeText(bytes).text).rows
  }
  const nonEmpty = rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''))
  const [header, ...data] = nonEmpty
  if (!header || data.length === 0) return { ok: false, reason: 'EMPTY' }
  return {
    ok: true,
    sheet: { header: header.cells.map((cell) => cell.trim()), rows: data, date1904 },
  }
}
