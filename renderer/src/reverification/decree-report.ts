/**
 * The annual re-verification's two official documents (shared/reverification/proposal.ts), as PDF
 * and XLSX:
 * - the list attached to the Bupati's decree (lampiran SK): everyone covered from 1 January of the
 *   budget year, numbered, by kecamatan with a subtotal each and the grand total `decree.total`;
 * - one kecamatan's berita acara: the minutes, the counts (shown so that they visibly add up), the
 *   people ended and pending by name, and the three signature blocks.
 *
 * Pure: fonts come in as bytes and names come from the caller's functions, so a unit test renders
 * the same files and reads them back with poppler and LibreOffice. Neither document prints a NIK
 * or a record id: the list is published with the decree, and the registration number and KPJ
 * already identify a person to the office and to BPJS.
 *
 * The PDFs say "Halaman n dari m" on every page. pdfkit learns the page count only at the end, and
 * the collecting document does not keep pages to revisit, so each PDF is laid out twice: once to
 * count the pages (measuring only), once to draw them.
 */
import { formatDateWords, formatNumber } from '@shared/i18n/format'
import type { Language } from '@shared/i18n/language'
import { createCollectingPdf } from '@shared/printing/pdf-bytes'
import type { PdfDocument } from '@shared/printing/pdf-painter'
import {
  REVERIFICATION_END_REASONS,
  REVERIFICATION_REASONS,
  type BeritaAcara,
  type DecreeEntry,
  type DecreeList,
} from '@shared/reverification/proposal'
import {
  reverificationEndReasonLabel,
  reverificationReasonLabel,
} from '@shared/reverification/proposal-messages'
import type { SheetCell, SheetTable } from '@shared/spreadsheet/xlsx-writer'
import { decreeReportText, type DecreeReportMessageKey } from './decree-report-messages'

export interface DecreePerson {
  fullName: string
  registrationNumber: string
  villageCode: string
}

export interface DecreeReportInput {
  decree: DecreeList
  language: Language
  /** 'Kabupaten Kutai Kartanegara': the regency whose Bupati signs the decree. */
  regionName: string
  /** YYYY-MM-DD in the district: the document's date. */
  today: string
  kecamatanNameOf(code: string): string
  villageNameOf(code: string): string
  /** The payer's name; `undefined` → the default payer's (a period without a payer code). */
  payerNameOf(code: string | undefined): string
  /** For the ended and pending people a berita acara names; undefined when this PC lacks them. */
  personOf(participantId: string): DecreePerson | undefined
}

/** Noto Sans as bytes, as the bill report and the dashboard report take it (`reportFonts()`). */
export interface DecreeReportFonts {
  regular: Uint8Array
  bold: Uint8Array
}

type Text = (key: DecreeReportMessageKey, params?: Record<string, string | number>) => string

function textOf(language: Language): Text {
  return (key, params) => decreeReportText(language, key, params)
}

// --- The decree list ----------------------------------------------------------------------------

/** The list as printed: refused when its total is not its lines (a list that miscounts is void). */
function entriesOf(decree: DecreeList): readonly DecreeEntry[] {
  if (decree.entries.length !== decree.total) {
    throw new RangeError(
      `the decree lists ${decree.entries.length} people but its total says ${decree.total}`,
    )
  }
  return decree.entries
}

/** Runs of consecutive entries of one kecamatan, in the decree's order (by kecamatan already). */
function groupsOf(entries: readonly DecreeEntry[]): { kecamatanCode: string; from: number }[] {
  const groups: { kecamatanCode: string; from: number }[] = []
  entries.forEach((entry, index) => {
    if (groups.at(-1)?.kecamatanCode !== entry.kecamatanCode) {
      groups.push({ kecamatanCode: entry.kecamatanCode, from: index })
    }
  })
  return groups
}

/** The decree list as one sheet: a row per person, then the total; the date a real date. */
export function decreeListSheet(input: DecreeReportInput): SheetTable {
  const t = textOf(input.language)
  const { decree } = input
  const entries = entriesOf(decree)
  const rows: SheetCell[][] = entries.map((entry, index) => [
    index + 1,
    entry.registrationNumber,
    entry.fullName,
    entry.kpjNumber ?? '',
    input.villageNameOf(entry.villageCode),
    input.kecamatanNameOf(entry.kecamatanCode),
    input.payerNameOf(entry.payerCode),
    entry.lastCoveredDay,
  ])
  rows.push([
    t('decree.totalRow'),
    { kind: 'integer', value: decree.total },
    null,
    null,
    null,
    null,
    null,
    null,
  ])
  return {
    name: t('decree.sheet', { year: decree.year }),
    columns: [
      { header: t('col.number'), kind: 'integer' },
      { header: t('col.registration'), kind: 'text' },
      { header: t('col.name'), kind: 'text' },
      { header: t('col.kpj'), kind: 'text' },
      { header: t('col.village'), kind: 'text' },
      { header: t('col.kecamatan'), kind: 'text' },
      { header: t('col.payer'), kind: 'text' },
      { header: t('col.coveredUntil'), kind: 'date' },
    ],
    rows,
  }
}

/** The decree list as a landscape A4 PDF (eight columns), the column headings on every page. */
export async function renderDecreeListPdf(
  input: DecreeReportInput,
  fonts: DecreeReportFonts,
): Promise<Uint8Array> {
  const t = textOf(input.language)
  const { decree, language } = input
  const entries = entriesOf(decree)
  const count = (value: number) => formatNumber(language, value)
  const title = t('decree.title', { year: decree.year })
  // Wide enough that pdfkit never breaks a registration number ('0101-000123'), a KPJ
  // ('29000000001'), a row number ('1.000') or a date ('30 September 2029') inside: split over
  // two lines it could be neither read nor searched for. The payer's column holds 'APBD Kabupaten
  // Kutai Kartanegara' (134 pt at 8 pt) on one line: wrapped, the list would run to twice the pages.
  const widths = [0.04, 0.1, 0.2, 0.09, 0.13, 0.11, 0.19, 0.14]
  const headings: DecreeReportMessageKey[] = [
    'col.number',
    'col.registration',
    'col.name',
    'col.kpj',
    'col.village',
    'col.kecamatan',
    'col.payer',
    'col.coveredUntil',
  ]
  const header: Cell[] = headings.map((key) => ({ text: t(key), weight: 'bold' }))

  return paginatedPdf(title, fonts, LANDSCAPE, t, (page) => {
    page.write(t('decree.heading'), 9, { weight: 'bold', gap: 1 })
    page.write(t('decree.number'), 9)
    page.write(title, 14, { weight: 'bold', gap: 2 })
    page.write(t('decree.region', { region: input.regionName, year: decree.year }), 10)
    page.write(t('generated', { date: input.today }), 8.5)
    page.space(6)
    if (entries.length === 0) {
      page.write(t('decree.empty'), 10)
      return
    }
    const tableHeader = () => page.row(header, widths, { size: 8, lined: true })
    tableHeader()
    const groups = groupsOf(entries)
    for (const [groupIndex, group] of groups.entries()) {
      const kecamatan = input.kecamatanNameOf(group.kecamatanCode)
      const next = groups[groupIndex + 1]?.from ?? entries.length
      // The group's name stays with its first person: not alone at the foot of a page.
      page.keep(40)
      page.row([{ text: `${t('col.kecamatan')} ${kecamatan}`, weight: 'bold' }], [1], { size: 9 })
      page.repeatOnNewPage(() => {
        tableHeader()
        page.row([{ text: t('decree.continued', { kecamatan }), weight: 'bold' }], [1], {
          size: 9,
        })
      })
      for (let index = group.from; index < next; index++) {
        const entry = entries[index] as DecreeEntry
        page.row(
          [
            { text: count(index + 1), align: 'right' },
            { text: entry.registrationNumber },
            { text: entry.fullName },
            { text: entry.kpjNumber ?? '' },
            { text: input.villageNameOf(entry.villageCode) },
            { text: kecamatan },
            { text: input.payerNameOf(entry.payerCode) },
            { text: formatDateWords(language, entry.lastCoveredDay) },
          ],
          widths,
          { size: 8, lined: true },
        )
      }
      page.repeatOnNewPage(tableHeader)
      page.row(
        [{ text: t('decree.subtotal', { kecamatan, count: next - group.from }), weight: 'bold' }],
        [1],
        { size: 9, lined: true },
      )
      page.space(4)
    }
    page.repeatOnNewPage(null)
    page.space(4)
    page.write(t('decree.total', { count: decree.total }), 11, { weight: 'bold' })
  })
}

// --- The berita acara ---------------------------------------------------------------------------

/** One kecamatan's counts, refused when they do not add up (the minutes would say otherwise). */
function reportOf(decree: DecreeList, kecamatanCode: string): BeritaAcara {
  const report = decree.beritaAcara.find((entry) => entry.kecamatanCode === kecamatanCode)
  if (!report) {
    throw new RangeError(`the decree of ${decree.year} has no berita acara for ${kecamatanCode}`)
  }
  const endedByReason = REVERIFICATION_END_REASONS.reduce(
    (sum, reason) => sum + report.endedByReason[reason],
    0,
  )
  const isConsistent =
    report.proposed === report.continued + report.ended + report.pending &&
    report.ended === endedByReason &&
    report.withoutOutcome <= report.pending &&
    report.listed === report.continued + report.notProposedListed
  if (!isConsistent) {
    throw new RangeError(`the berita acara of ${kecamatanCode} does not add up`)
  }
  return report
}

interface NamedRow {
  registrationNumber: string
  name: string
  village: string
  /** The reason ended, or why pending. */
  note: string
}

/** The ended and pending people of the kecamatan by name, in registration-number order. */
function namedPeople(input: DecreeReportInput, kecamatanCode: string) {
  const t = textOf(input.language)
  const named = (participantId: string, note: string): NamedRow => {
    const person = input.personOf(participantId)
    return person
      ? {
          registrationNumber: person.registrationNumber,
          name: person.fullName,
          village: input.villageNameOf(person.villageCode),
          note,
        }
      : // The record id means nothing on paper; the office looks the person up after syncing.
        { registrationNumber: '', name: t('personMissing'), village: '', note }
  }
  // The missing (no registration number) last, so the list reads in the card's order.
  const byNumber = (a: NamedRow, b: NamedRow) =>
    a.registrationNumber === b.registrationNumber
      ? 0
      : a.registrationNumber === ''
        ? 1
        : b.registrationNumber === ''
          ? -1
          : a.registrationNumber < b.registrationNumber
            ? -1
            : 1
  const ended = input.decree.ended
    .filter((entry) => entry.kecamatanCode === kecamatanCode)
    .map((entry) =>
      named(entry.participantId, reverificationEndReasonLabel(input.language, entry.reason)),
    )
    .sort(byNumber)
  const pending = input.decree.pending
    .filter((entry) => entry.kecamatanCode === kecamatanCode)
    .map((entry) =>
      named(entry.participantId, t(entry.recorded ? 'ba.pendingRecorded' : 'ba.pendingNoOutcome')),
    )
    .sort(byNumber)
  return { ended, pending }
}

interface CountLine {
  /** The label in the PDF (indented under its heading) and the XLSX (standing alone). */
  label: string
  sheetLabel?: string
  /** Null: a heading or a note without a figure of its own. */
  count: number | null
  /** Shown instead of the figure: an addition that checks the figures above. */
  sum?: string
  bold?: boolean
  indent?: boolean
}

/** The counts in the order the minutes read them; each addition spelled out next to its result. */
function countLines(input: DecreeReportInput, report: BeritaAcara): CountLine[] {
  const t = textOf(input.language)
  const n = (value: number) => formatNumber(input.language, value)
  return [
    { label: t('ba.proposed'), count: report.proposed, bold: true },
    { label: t('ba.byReason'), count: null, indent: true },
    ...REVERIFICATION_REASONS.map((reason) => ({
      label: reverificationReasonLabel(input.language, reason),
      sheetLabel: t('ba.reasonRow', { reason: reverificationReasonLabel(input.language, reason) }),
      count: report.proposedByReason[reason],
      indent: true,
    })),
    { label: t('ba.continued'), count: report.continued, bold: true },
    { label: t('ba.ended'), count: report.ended, bold: true },
    ...REVERIFICATION_END_REASONS.map((reason) => ({
      label: reverificationEndReasonLabel(input.language, reason),
      sheetLabel: t('ba.endedRow', {
        reason: reverificationEndReasonLabel(input.language, reason),
      }),
      count: report.endedByReason[reason],
      indent: true,
    })),
    { label: t('ba.pending'), count: report.pending, bold: true },
    {
      label: t('ba.withoutOutcome'),
      sheetLabel: t('ba.withoutOutcomeRow'),
      count: report.withoutOutcome,
      indent: true,
    },
    {
      label: t('ba.proposedSum'),
      count: report.proposed,
      sum: `${n(report.continued)} + ${n(report.ended)} + ${n(report.pending)} = ${n(report.proposed)}`,
    },
    { label: t('ba.notProposedListed'), count: report.notProposedListed, bold: true },
    { label: t('ba.notProposedLeftOff'), count: report.notProposedLeftOff, bold: true },
    { label: t('ba.listed'), count: report.listed, bold: true },
    {
      label: t('ba.listedSum'),
      count: report.listed,
      sum: `${n(report.continued)} + ${n(report.notProposedListed)} = ${n(report.listed)}`,
    },
  ]
}

/** The berita acara as one sheet: the counts, then the people ended and pending, typed cells. */
export function beritaAcaraSheet(input: DecreeReportInput, kecamatanCode: string): SheetTable {
  const t = textOf(input.language)
  const report = reportOf(input.decree, kecamatanCode)
  const kecamatan = input.kecamatanNameOf(kecamatanCode)
  const { ended, pending } = namedPeople(input, kecamatanCode)
  const rows: SheetCell[][] = []
  for (const line of countLines(input, report)) {
    if (line.count === null || line.sum !== undefined) continue
    rows.push([t('ba.sectionCounts'), line.sheetLabel ?? line.label, line.count, '', '', ''])
  }
  for (const person of ended) {
    rows.push([
      t('ba.endedPeople'),
      person.note,
      null,
      person.registrationNumber,
      person.name,
      person.village,
    ])
  }
  for (const person of pending) {
    rows.push([
      t('ba.pendingPeople'),
      person.note,
      null,
      person.registrationNumber,
      person.name,
      person.village,
    ])
  }
  return {
    name: t('ba.sheet', { kecamatan, year: report.year }),
    columns: [
      { header: t('col.section'), kind: 'text' },
      { header: t('col.item'), kind: 'text' },
      { header: t('col.count'), kind: 'integer' },
      { header: t('col.registration'), kind: 'text' },
      { header: t('col.name'), kind: 'text' },
      { header: t('col.village'), kind: 'text' },
    ],
    rows,
  }
}

/** 0 Sunday … 6 Saturday, by the calendar alone (no time zone: the date is the district's). */
function weekdayOf(isoDate: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!match) return null
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).getUTCDay()
}

/** The berita acara of one kecamatan as a portrait A4 PDF. */
export async function renderBeritaAcaraPdf(
  input: DecreeReportInput,
  kecamatanCode: string,
  fonts: DecreeReportFonts,
): Promise<Uint8Array> {
  const t = textOf(input.language)
  const { language } = input
  const report = reportOf(input.decree, kecamatanCode)
  const kecamatan = input.kecamatanNameOf(kecamatanCode)
  const { ended, pending } = namedPeople(input, kecamatanCode)
  const n = (value: number) => formatNumber(language, value)
  const title = t('ba.title')
  const weekday = weekdayOf(input.today)

  return paginatedPdf(`${title} ${kecamatan} ${report.year}`, fonts, PORTRAIT, t, (page) => {
    page.write(title, 14, { weight: 'bold', gap: 2, align: 'center' })
    page.write(t('ba.subtitle', { kecamatan, region: input.regionName, year: report.year }), 10.5, {
      align: 'center',
    })
    page.space(8)
    page.write(
      t('ba.opening', {
        weekday: weekday === null ? '' : t(`day.${weekday}` as DecreeReportMessageKey),
        date: input.today,
        kecamatan,
        region: input.regionName,
        year: report.year,
      }),
      10,
    )
    page.space(4)

    page.heading(t('ba.counts'))
    const countWidths = [0.72, 0.28]
    page.row(
      [
        { text: t('col.item'), weight: 'bold' },
        { text: t('col.count'), weight: 'bold', align: 'right' },
      ],
      countWidths,
      { lined: true },
    )
    for (const line of countLines(input, report)) {
      const weight = line.bold || line.sum !== undefined ? 'bold' : 'regular'
      page.row(
        [
          { text: line.indent ? `      ${line.label}` : line.label, weight },
          {
            text: line.sum ?? (line.count === null ? '' : n(line.count)),
            weight,
            align: 'right',
          },
        ],
        countWidths,
        { lined: !line.indent },
      )
    }
    page.space(4)
    page.write(t('ba.pendingNote'), 9)

    // The longest reason ('Ditanggung pemberi kerja atau pihak lain', 176 pt at 9 pt) on one line.
    const peopleWidths = [0.06, 0.165, 0.235, 0.17, 0.37]
    const people = (
      heading: string,
      rows: readonly NamedRow[],
      noteKey: DecreeReportMessageKey,
    ) => {
      page.heading(heading)
      if (rows.length === 0) {
        page.write(t('ba.none'), 10)
        return
      }
      const header = () =>
        page.row(
          [t('col.number'), t('col.registration'), t('col.name'), t('col.village'), t(noteKey)].map(
            (text) => ({ text, weight: 'bold' as const }),
          ),
          peopleWidths,
          { lined: true, size: 9 },
        )
      header()
      page.repeatOnNewPage(header)
      rows.forEach((person, index) =>
        page.row(
          [
            { text: n(index + 1), align: 'right' },
            { text: person.registrationNumber },
            { text: person.name },
            { text: person.village },
            { text: person.note },
          ],
          peopleWidths,
          { lined: true, size: 9 },
        ),
      )
      page.repeatOnNewPage(null)
    }
    people(t('ba.endedPeople'), ended, 'col.reason')
    people(t('ba.pendingPeople'), pending, 'col.note')

    page.space(10)
    page.write(t('ba.closing'), 10)
    page.signatures(
      t('ba.placeDate', { place: kecamatan, date: input.today }),
      [
        [t('sign.officer')],
        [t('sign.verifier')],
        [t('sign.acknowledged'), t('sign.camat', { kecamatan })],
      ],
      [t('sign.name'), t('sign.nip')],
    )
  })
}

// --- Pages --------------------------------------------------------------------------------------

const PORTRAIT = { width: 595.28, height: 841.89 }
const LANDSCAPE = { width: 841.89, height: 595.28 }
const MARGIN = 40
/** The page number's line, below the content. */
const FOOTER_GAP = 14
/** Room to sign and stamp between a signer's title and the name line. */
const SIGNATURE_ROOM = 44

type Weight = 'regular' | 'bold'

interface Cell {
  text: string
  weight?: Weight
  align?: 'left' | 'right'
}

interface WriteOptions {
  weight?: Weight
  gap?: number
  align?: 'left' | 'center' | 'right'
}

/** What a document's body draws with; every call measures, and draws on the second pass only. */
interface Pages {
  write(text: string, size: number, options?: WriteOptions): void
  heading(text: string): void
  /** A row of cells at the given widths (fractions of the content width). */
  row(cells: readonly Cell[], widths: readonly number[], options?: RowOptions): void
  space(height: number): void
  /** Starts a new page unless `height` more fits on this one. */
  keep(height: number): void
  /** Drawn at the top of each new page until replaced: a table's column headings. */
  repeatOnNewPage(draw: (() => void) | null): void
  /** The place and date, then signature blocks side by side, their name lines level. */
  signatures(placeDate: string, titles: readonly string[][], nameLines: readonly string[]): void
}

interface RowOptions {
  size?: number
  lined?: boolean
}

/**
 * Lays `body` out twice on one document: first measuring only, to count the pages, then drawing,
 * with "Halaman n dari m" at the foot of each page. The two passes take the same decisions (the
 * same texts measured with the same fonts), so they break pages in the same places.
 */
async function paginatedPdf(
  title: string,
  fonts: DecreeReportFonts,
  size: { width: number; height: number },
  t: Text,
  body: (pages: Pages) => void,
): Promise<Uint8Array> {
  const pdf = createCollectingPdf(title)
  const doc: PdfDocument = pdf.doc
  // pdfkit's types want a Buffer or a path; its browser build reads any Uint8Array.
  doc.registerFont('regular', fonts.regular as unknown as Buffer)
  doc.registerFont('bold', fonts.bold as unknown as Buffer)
  const contentWidth = size.width - 2 * MARGIN
  const bottom = size.height - MARGIN - FOOTER_GAP

  const layOut = (isDrawing: boolean, pageCount: number): number => {
    let pageNumber = 0
    let y = MARGIN
    let repeat: (() => void) | null = null
    let isRepeating = false

    const text = (value: string, x: number, top: number, options: PDFKit.Mixins.TextOptions) => {
      if (isDrawing) doc.text(value, x, top, options)
    }
    const newPage = () => {
      pageNumber++
      y = MARGIN
      if (!isDrawing) return
      doc.addPage({ size: [size.width, size.height], margin: 0 })
      doc.font('regular').fontSize(8)
      doc.fillColor('#4D4D4D')
      text(t('page', { page: pageNumber, pages: pageCount }), MARGIN, size.height - MARGIN, {
        width: contentWidth,
        align: 'right',
        lineBreak: false,
      })
      doc.fillColor('#000000')
    }
    const keep = (height: number) => {
      if (y + height <= bottom) return
      newPage()
      // The repeated heading itself never asks for another page: it fits on an empty one.
      if (repeat && !isRepeating) {
        isRepeating = true
        repeat()
        isRepeating = false
      }
    }
    const rule = (at: number) => {
      if (!isDrawing) return
      doc
        .moveTo(MARGIN, at)
        .lineTo(MARGIN + contentWidth, at)
        .lineWidth(0.4)
        .strokeColor('#999999')
        .stroke()
    }
    const write: Pages['write'] = (value, fontSize, options = {}) => {
      doc.font(options.weight ?? 'regular').fontSize(fontSize)
      const height = doc.heightOfString(value, { width: contentWidth })
      keep(height)
      doc.font(options.weight ?? 'regular').fontSize(fontSize)
      text(value, MARGIN, y, { width: contentWidth, align: options.align ?? 'left' })
      y += height + (options.gap ?? 4)
    }
    const row: Pages['row'] = (cells, widths, options = {}) => {
      const fontSize = options.size ?? 9.5
      const heights = cells.map((cell, index) => {
        doc.font(cell.weight ?? 'regular').fontSize(fontSize)
        return doc.heightOfString(cell.text, { width: (widths[index] ?? 0) * contentWidth - 6 })
      })
      const height = Math.max(fontSize + 5, ...heights.map((h) => h + 5))
      keep(height)
      let x = MARGIN
      cells.forEach((cell, index) => {
        const width = (widths[index] ?? 0) * contentWidth
        doc.font(cell.weight ?? 'regular').fontSize(fontSize)
        text(cell.text, x + 3, y + 2.5, { width: width - 6, align: cell.align ?? 'left' })
        x += width
      })
      if (options.lined) rule(y + height)
      y += height
    }

    newPage()
    body({
      write,
      heading(value) {
        y += 6
        // A heading stays with what follows it: not alone at the foot of a page.
        keep(60)
        write(value, 11.5, { weight: 'bold' })
      },
      row,
      space(height) {
        y += height
      },
      keep,
      repeatOnNewPage(draw) {
        repeat = draw
      },
      signatures(placeDate, titles, nameLines) {
        const fontSize = 10
        const columnWidth = contentWidth / titles.length
        const heightOf = (lines: readonly string[]) => {
          doc.font('regular').fontSize(fontSize)
          return lines.reduce(
            (sum, line) => sum + doc.heightOfString(line, { width: columnWidth - 8 }) + 2,
            0,
          )
        }
        const titleHeight = Math.max(...titles.map(heightOf))
        // The place, the titles, the room to sign and the name lines stay on one page.
        keep(fontSize + 12 + titleHeight + SIGNATURE_ROOM + heightOf(nameLines))
        y += 6
        write(placeDate, fontSize, { align: 'right', gap: 8 })
        const top = y
        const drawLines = (lines: readonly string[], column: number, from: number) => {
          let at = from
          for (const line of lines) {
            doc.font('regular').fontSize(fontSize)
            text(line, MARGIN + column * columnWidth + 4, at, {
              width: columnWidth - 8,
              align: 'center',
            })
            at += doc.heightOfString(line, { width: columnWidth - 8 }) + 2
          }
        }
        titles.forEach((lines, column) => {
          // Titles end on one line across the blocks: "Mengetahui," sits above the Camat's.
          drawLines(lines, column, top + titleHeight - heightOf(lines))
        })
        const nameTop = top + titleHeight + SIGNATURE_ROOM
        titles.forEach((_, column) => drawLines(nameLines, column, nameTop))
        y = nameTop + heightOf(nameLines)
      },
    })
    return pageNumber
  }

  const pageCount = layOut(false, 0)
  layOut(true, pageCount)
  return pdf.finish()
}
