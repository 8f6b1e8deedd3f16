/**
 * The dashboard as an A4 PDF for the Bupati's office: headline, then every table of the screen
 * (the same `DashboardTable` model, so the report and the screen cannot disagree). A few pages, so
 * it is drawn on the main thread; Noto Sans is embedded, as on the cards.
 */
import fontBoldUrl from '@resources/fonts/NotoSans-Bold.ttf?url'
import fontRegularUrl from '@resources/fonts/NotoSans-Regular.ttf?url'
import type { DashboardFigures } from '@shared/dashboard/aggregate'
import { createCollectingPdf } from '@shared/printing/pdf-bytes'
import type { PdfDocument } from '@shared/printing/pdf-painter'
import { district } from '@/core/district'
import { formatDate, formatNumber, type Language } from '@/core/i18n/i18n'
import { dashboardText } from './dashboard-messages'
import { displayCell, percentOf, type DashboardTable } from './dashboard-tables'

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 50
const ROW_HEIGHT = 16
const CONTENT_WIDTH = A4.width - 2 * MARGIN
const BOTTOM = A4.height - MARGIN

async function bytesAt(url: string): Promise<Uint8Array> {
  const response = await fetch(new URL(url, window.location.href).href)
  if (!response.ok) throw new Error(`font ${url}: ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

export async function reportFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  const [regular, bold] = await Promise.all([bytesAt(fontRegularUrl), bytesAt(fontBoldUrl)])
  return { regular, bold }
}

export interface DashboardReportInput {
  figures: DashboardFigures
  tables: readonly DashboardTable[]
  language: Language
  fonts: { regular: Uint8Array; bold: Uint8Array }
}

export async function renderDashboardReport(input: DashboardReportInput): Promise<Uint8Array> {
  const { figures, tables, language } = input
  const t = (key: Parameters<typeof dashboardText>[1], params?: Record<string, string | number>) =>
    dashboardText(language, key, params)
  const number = (value: number) => formatNumber(language, value)
  const title = `${t('report.title')} ${figures.year}`
  const pdf = createCollectingPdf(title)
  const doc: PdfDocument = pdf.doc
  // pdfkit's types want a Buffer or a path; its browser build reads any Uint8Array.
  doc.registerFont('regular', input.fonts.regular as unknown as Buffer)
  doc.registerFont('bold', input.fonts.bold as unknown as Buffer)

  let y = MARGIN
  const newPage = () => {
    doc.addPage({ size: 'A4', margin: 0 })
    y = MARGIN
  }
  const ensure = (height: number) => {
    if (y + height > BOTTOM) newPage()
  }
  const write = (text: string, size: number, weight: 'regular' | 'bold' = 'regular') => {
    doc.font(weight).fontSize(size)
    const height = doc.heightOfString(text, { width: CONTENT_WIDTH })
    ensure(height)
    doc.text(text, MARGIN, y, { width: CONTENT_WIDTH, lineBreak: true })
    y += height + 4
  }

  newPage()
  write(title, 16, 'bold')
  write(
    `${district.config.region.name} — ${district.config.programme[language === 'en' ? 'titleEn' : 'titleId']}`,
    10,
  )
  write(t('report.generated', { date: formatDate(language, figures.today) }), 9)
  y += 6

  const h = figures.headline
  const headlineTable: DashboardTable = {
    id: 'ringkasan',
    title: t('report.headline'),
    columns: [t('col.item'), t('col.value')],
    columnKinds: ['text', 'integer'],
    rows: [
      [t('headline.active'), h.coveredTotal],
      [
        t('headline.activeDetail', {
          baseline: number(h.baseline),
          active: number(h.active),
          total: number(h.coveredTotal),
        }),
        '',
      ],
      [t('headline.new'), h.newThisYear],
      [t('col.target'), h.target],
      [t('col.percent'), percentOf(h.newThisYear, h.target)],
      [t('headline.approved'), h.approvedWaitingForBpjs],
      [t('headline.waiting'), h.waitingForVerification],
    ],
    bars: [],
  }

  for (const table of [headlineTable, ...tables]) {
    ensure(ROW_HEIGHT * 3 + 20)
    y += 6
    write(table.title, 12, 'bold')
    drawTable(
      doc,
      table,
      language,
      () => y,
      (next) => (y = next),
      ensure,
    )
  }

  return pdf.finish()
}

function drawTable(
  doc: PdfDocument,
  table: DashboardTable,
  language: Language,
  getY: () => number,
  setY: (y: number) => void,
  ensure: (height: number) => void,
): void {
  const columns = table.columns.length
  const firstWidth = columns <= 2 ? CONTENT_WIDTH * 0.65 : CONTENT_WIDTH * 0.34
  const otherWidth = (CONTENT_WIDTH - firstWidth) / Math.max(1, columns - 1)
  const xOf = (index: number) => MARGIN + (index === 0 ? 0 : firstWidth + (index - 1) * otherWidth)
  const widthOf = (index: number) => (index === 0 ? firstWidth : otherWidth)

  const drawRow = (cells: readonly string[], weight: 'regular' | 'bold') => {
    doc.font(weight).fontSize(8.5)
    const height = Math.max(
      ROW_HEIGHT,
      ...cells.map((cell, index) => doc.heightOfString(cell, { width: widthOf(index) - 6 }) + 6),
    )
    ensure(height)
    const y = getY()
    cells.forEach((cell, index) => {
      // A figure never wraps (pdfkit would cut "Rp10.000.000.000" mid-number): a figure wider
      // than its column is set smaller instead. Text in the first column wraps as before.
      const room = widthOf(index) - 6
      const natural = index === 0 ? 0 : doc.widthOfString(cell)
      if (natural > room) doc.fontSize(Math.max(5, (8.5 * room) / natural))
      doc.text(cell, xOf(index) + 3, y + 3, {
        width: room,
        align: index === 0 ? 'left' : 'right',
      })
      doc.fontSize(8.5)
    })
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + CONTENT_WIDTH, y + height)
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke()
    setY(y + height)
  }

  drawRow(table.columns, 'bold')
  for (const row of table.rows)
    drawRow(
      row.map((cell, index) => displayCell(language, cell, table.columnKinds[index])),
      'regular',
    )
  setY(getY() + 8)
}
