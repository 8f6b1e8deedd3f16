/**
 * The reconciliation report to attach to the payment file: an A4 PDF (summary, then every
 * difference with its resolution) and an XLSX of the differences with real numbers (rupiah as
 * numbers, dates as dates, NIK and KPJ as text). Pure: fonts come in as bytes, so a unit test
 * renders the same files and reads them back with poppler and LibreOffice.
 *
 * NIKs are masked as on the screen: the report travels to the finance office and BPJS.
 */
import type { BillReconciliation, BillResolution, StoredBill } from '@shared/coverage/bills'
import { BILL_DIFFERENCE_KINDS } from '@shared/coverage/bills'
import { formatDateWords, formatNumber, formatRupiah } from '@shared/i18n/format'
import type { Language } from '@shared/i18n/language'
import { createCollectingPdf } from '@shared/printing/pdf-bytes'
import type { PdfDocument } from '@shared/printing/pdf-painter'
import type { SheetTable } from '@shared/spreadsheet/xlsx-writer'
import { billingText, type BillingMessageKey } from './billing-messages'
import { formatMonth } from './billing-format'

export interface BillReportInput {
  bill: StoredBill
  reconciliation: BillReconciliation
  resolutions: ReadonlyMap<string, Pick<BillResolution, 'note' | 'resolvedBy' | 'resolvedAt'>>
  language: Language
  payerName: string
  /** The BPJS group and kode iuran of the payer, when district.json names them. */
  group?: { name: string; kodeIuran?: string }
  regionName: string
  /** YYYY-MM-DD in the district: the report's date. */
  today: string
  /** Turns an ISO instant into the district's YYYY-MM-DD. */
  dayOf(iso: string): string
  /** Names another payer's code (for "paid by …"). */
  payerNameOf(code: string): string
}

function textOf(language: Language) {
  return (key: BillingMessageKey, params?: Record<string, string | number>) =>
    billingText(language, key, params)
}

function detailOf(input: BillReportInput, entry: BillReconciliation['differences'][number]) {
  const t = textOf(input.language)
  if (entry.kind === 'other-payer') {
    return t('detail.otherPayer', {
      payers: (entry.otherPayerCodes ?? []).map(input.payerNameOf).join(', '),
    })
  }
  if (entry.kind === 'deceased' && entry.diedOn) {
    return t('detail.diedOn', { date: formatDateWords(input.language, entry.diedOn) })
  }
  if (entry.kind === 'ended' || entry.kind === 'deceased') {
    return entry.endedOn
      ? t('detail.endedOn', { date: formatDateWords(input.language, entry.endedOn) })
      : t('detail.neverCovered')
  }
  if (entry.kind === 'not-ours') return t('detail.notFound')
  return ''
}

/** The differences as one sheet: a row per difference, figures as numbers. */
export function billReportSheet(input: BillReportInput): SheetTable {
  const t = textOf(input.language)
  const { reconciliation: r } = input
  return {
    name: t('report.sheet', { month: input.bill.month }),
    columns: [
      { header: t('col.kind'), kind: 'text' },
      { header: t('col.row'), kind: 'integer' },
      { header: t('col.name'), kind: 'text' },
      { header: t('col.nik'), kind: 'text' },
      { header: t('col.kpj'), kind: 'text' },
      { header: t('col.billed'), kind: 'rupiah' },
      { header: t('col.expected'), kind: 'rupiah' },
      { header: t('col.difference'), kind: 'rupiah' },
      { header: t('col.detail'), kind: 'text' },
      { header: t('col.resolution'), kind: 'text' },
      { header: t('col.resolvedBy'), kind: 'text' },
      { header: t('col.resolvedOn'), kind: 'date' },
    ],
    rows: r.differences.map((entry) => {
      const resolution = input.resolutions.get(entry.key)
      return [
        t(`kind.${entry.kind}`),
        entry.row ?? null,
        entry.name,
        entry.maskedNik,
        entry.kpj ?? '',
        entry.billed,
        entry.expected,
        entry.billed - entry.expected,
        detailOf(input, entry),
        resolution?.note ?? '',
        resolution?.resolvedBy ?? '',
        resolution ? input.dayOf(resolution.resolvedAt) : null,
      ]
    }),
  }
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 40
const CONTENT_WIDTH = A4.width - 2 * MARGIN
const BOTTOM = A4.height - MARGIN

/** The report as an A4 PDF with Noto Sans embedded (fonts as bytes). */
export async function renderBillReportPdf(
  input: BillReportInput,
  fonts: { regular: Uint8Array; bold: Uint8Array },
): Promise<Uint8Array> {
  const t = textOf(input.language)
  const number = (value: number) => formatNumber(input.language, value)
  const { bill, reconciliation: r } = input
  const month = formatMonth(input.language, bill.month)
  const pdf = createCollectingPdf(t('report.title', { month }))
  const doc: PdfDocument = pdf.doc
  // pdfkit's types want a Buffer or a path; its browser build reads any Uint8Array.
  doc.registerFont('regular', fonts.regular as unknown as Buffer)
  doc.registerFont('bold', fonts.bold as unknown as Buffer)
  let y = MARGIN
  const newPage = () => {
    doc.addPage({ size: 'A4', margin: 0 })
    y = MARGIN
  }
  /** Drawn again at the top of each page a table runs onto: its column headings. */
  let repeatOnNewPage: (() => void) | null = null
  const ensure = (height: number) => {
    if (y + height <= BOTTOM) return
    newPage()
    repeatOnNewPage?.()
  }
  const write = (text: string, size: number, weight: 'regular' | 'bold' = 'regular') => {
    doc.font(weight).fontSize(size)
    const height = doc.heightOfString(text, { width: CONTENT_WIDTH })
    ensure(height)
    doc.text(text, MARGIN, y, { width: CONTENT_WIDTH, lineBreak: true })
    y += height + 4
  }
  /** A row of cells at the given widths (fractions of the content width). */
  const row = (cells: readonly string[], widths: readonly number[], weight: 'regular' | 'bold') => {
    doc.font(weight).fontSize(7.5)
    const height = Math.max(
      12,
      ...cells.map(
        (cell, index) =>
          doc.heightOfString(cell, { width: (widths[index] ?? 0) * CONTENT_WIDTH - 4 }) + 4,
      ),
    )
    ensure(height)
    let x = MARGIN
    cells.forEach((cell, index) => {
      const width = (widths[index] ?? 0) * CONTENT_WIDTH
      doc.text(cell, x + 2, y + 2, { width: width - 4 })
      x += width
    })
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + CONTENT_WIDTH, y + height)
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke()
    y += height
  }

  newPage()
  write(t('report.title', { month }), 15, 'bold')
  write(input.regionName, 10)
  write(t('report.payer', { payer: input.payerName }), 10)
  if (input.group) {
    write(t('report.group', { group: input.group.name, kode: input.group.kodeIuran ?? '–' }), 10)
  }
  write(
    t('report.file', {
      file: bill.fileName,
      date: formatDateWords(input.language, input.dayOf(bill.importedAt)),
      by: bill.importedBy,
    }),
    9,
  )
  write(t('report.generated', { date: formatDateWords(input.language, input.today) }), 9)
  y += 8

  write(t('report.summary'), 12, 'bold')
  const resolved = r.differences.filter((entry) => input.resolutions.has(entry.key)).length
  const summaryWidths = [0.6, 0.15, 0.25]
  row([t('report.item'), t('report.count'), t('report.rupiah')], summaryWidths, 'bold')
  row(
    [t('report.billed'), number(r.billedLines), formatRupiah(r.billedTotal)],
    summaryWidths,
    'regular',
  )
  row(
    [t('report.expected'), number(r.expectedPeople), formatRupiah(r.expectedTotal)],
    summaryWidths,
    'regular',
  )
  row([t('report.agreed'), number(r.agreedLines), ''], summaryWidths, 'regular')
  for (const kind of BILL_DIFFERENCE_KINDS) {
    if (r.counts[kind] === 0) continue
    const amount = r.differences
      .filter((entry) => entry.kind === kind)
      .reduce((sum, entry) => sum + entry.billed - entry.expected, 0)
    row([t(`kind.${kind}`), number(r.counts[kind]), formatRupiah(amount)], summaryWidths, 'regular')
  }
  row([t('report.resolved'), number(resolved), ''], summaryWidths, 'regular')
  row(
    [t('report.unresolved'), number(r.differences.length - resolved), ''],
    summaryWidths,
    'regular',
  )
  y += 10

  // The heading stays with the table: not alone at the foot of a page.
  ensure(60)
  write(t('report.differences'), 12, 'bold')
  if (r.differences.length === 0) write(t('report.none'), 10)
  else {
    // Columns wide enough that pdfkit never breaks a word inside: a five-digit number, a masked
    // NIK ('640206******0003', 68 pt at 7.5 pt), 'Seharusnya' in bold and the largest amount a
    // line may hold ('Rp100.000.000', 52 pt). A NIK or an amount split over two lines could be
    // neither read nor searched for.
    const widths = [0.05, 0.13, 0.14, 0.15, 0.11, 0.11, 0.31]
    const header = () =>
      row(
        [
          t('col.number'),
          t('col.kind'),
          t('col.name'),
          t('col.nik'),
          t('col.billed'),
          t('col.expected'),
          t('col.resolution'),
        ],
        widths,
        'bold',
      )
    header()
    repeatOnNewPage = header
    r.differences.forEach((entry, index) => {
      const resolution = input.resolutions.get(entry.key)
      const detail = detailOf(input, entry)
      row(
        [
          String(index + 1),
          t(`kind.${entry.kind}`),
          `${entry.name}${entry.row ? ` (${t('col.row')} ${entry.row})` : ''}`,
          `${entry.maskedNik}${entry.kpj ? `\nKPJ ${entry.kpj}` : ''}`,
          formatRupiah(entry.billed),
          formatRupiah(entry.expected),
          [
            detail,
            resolution
              ? t('resolvedBy', {
                  note: resolution.note,
                  by: resolution.resolvedBy,
                  date: formatDateWords(input.language, input.dayOf(resolution.resolvedAt)),
                })
              : t('unresolved'),
          ]
            .filter(Boolean)
            .join('\n'),
        ],
        widths,
        'regular',
      )
    })
  }
  return pdf.finish()
}
