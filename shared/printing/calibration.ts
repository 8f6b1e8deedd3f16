/**
 * Printer calibration: office printers feed paper a millimetre or two off and some shrink pages
 * slightly. Sticker sheets and pre-cut card stock leave no room for that, so each office measures
 * its printer once with the test page and saves offsets and a scale.
 */
import { clamp, mmToPt, type RectMm } from './geometry'
import { PRINT_COLOURS, type PdfDocument, type PdfPainter } from './pdf-painter'
import { NO_CALIBRATION, type PrinterCalibration } from './print-model'

/**
 * More than 2 cm or 10 % off is not a printer being imprecise but a wrong value typed in (or the
 * wrong paper size): clamping keeps one typo from pushing every card off the page.
 */
export const CALIBRATION_LIMITS = { maxOffsetMm: 20, minScale: 0.9, maxScale: 1.1 } as const

export interface ClampedCalibration {
  calibration: PrinterCalibration
  /** True when any value was out of range or not a finite number. */
  wasClamped: boolean
}

function finiteOr(value: unknown, fallback: number): { value: number; wasReplaced: boolean } {
  return typeof value === 'number' && Number.isFinite(value)
    ? { value, wasReplaced: false }
    : { value: fallback, wasReplaced: true }
}

/** For the print job and for the settings form (which shows what will really be applied). */
export function clampCalibration(
  calibration: Partial<PrinterCalibration> | undefined,
): ClampedCalibration {
  const source = calibration ?? NO_CALIBRATION
  const offsetX = finiteOr(source.offsetXMm, NO_CALIBRATION.offsetXMm)
  const offsetY = finiteOr(source.offsetYMm, NO_CALIBRATION.offsetYMm)
  const scale = finiteOr(source.scale, NO_CALIBRATION.scale)
  const { maxOffsetMm, minScale, maxScale } = CALIBRATION_LIMITS
  const clamped: PrinterCalibration = {
    offsetXMm: clamp(offsetX.value, -maxOffsetMm, maxOffsetMm),
    offsetYMm: clamp(offsetY.value, -maxOffsetMm, maxOffsetMm),
    scale: clamp(scale.value, minScale, maxScale),
  }
  const wasClamped =
    offsetX.wasReplaced ||
    offsetY.wasReplaced ||
    scale.wasReplaced ||
    clamped.offsetXMm !== offsetX.value ||
    clamped.offsetYMm !== offsetY.value ||
    clamped.scale !== scale.value
  return { calibration: clamped, wasClamped }
}

/**
 * Moves everything drawn after it on the page: a point designed at p lands at offset + scale·p
 * (scaled around the page's top-left corner, which is where the test page measures from).
 */
export function applyCalibration(doc: PdfDocument, calibration: PrinterCalibration): void {
  const { offsetXMm, offsetYMm, scale } = calibration
  if (offsetXMm === 0 && offsetYMm === 0 && scale === 1) return
  doc.transform(scale, 0, 0, scale, mmToPt(offsetXMm), mmToPt(offsetYMm))
}

/** Where the test page puts its cross: far enough in for any printer's unprintable margin. */
export const CALIBRATION_CROSS_MM = { x: 20, y: 20 } as const

/** "+1,5" — Indonesian decimal comma, explicit sign so the clerk sees which way it moves. */
function formatSigned(value: number, decimals: number): string {
  const text = Math.abs(value).toFixed(decimals).replace('.', ',')
  return `${value < 0 ? '-' : '+'}${text}`
}

function crossSegments(x: number, y: number, arm: number): Array<[number, number, number, number]> {
  return [
    [x - arm, y, x + arm, y],
    [x, y - arm, x, y + arm],
  ]
}

function drawRulers(painter: PdfPainter, widthMm: number, heightMm: number): void {
  const tickLength = (mm: number) => (mm % 10 === 0 ? 5 : mm % 5 === 0 ? 3.5 : 2)
  const ticks: Array<[number, number, number, number]> = []
  for (let mm = 0; mm <= Math.floor(widthMm); mm += 1) ticks.push([mm, 0, mm, tickLength(mm)])
  for (let mm = 0; mm <= Math.floor(heightMm); mm += 1) ticks.push([0, mm, tickLength(mm), mm])
  painter.strokeLines(ticks, PRINT_COLOURS.ink, 0.35)
  const label = { weight: 'regular', maxSizePt: 6, minSizePt: 4, color: PRINT_COLOURS.ink } as const
  for (let mm = 10; mm <= widthMm - 3; mm += 10) {
    painter.text(
      String(mm),
      { x: mm - 4, y: 5.4, width: 8, height: 3 },
      { ...label, align: 'center' },
    )
  }
  for (let mm = 10; mm <= heightMm - 2; mm += 10) {
    painter.text(
      String(mm),
      { x: 5.6, y: mm - 1.5, width: 7, height: 3 },
      { ...label, valign: 'middle' },
    )
  }
}

/**
 * One page to measure a printer with a ruler: mm rulers along the top and left edges, a cross at
 * exactly 20 mm × 20 mm, one at the centre, a reference line of known length, and what to do.
 * The caller has already applied the saved calibration, so a calibrated printer prints the cross
 * at 20 mm.
 */
export function drawCalibrationTestPage(
  painter: PdfPainter,
  page: { widthMm: number; heightMm: number },
  current: PrinterCalibration,
): void {
  const { widthMm, heightMm } = page
  drawRulers(painter, widthMm, heightMm)

  const { x: crossX, y: crossY } = CALIBRATION_CROSS_MM
  const centre = { x: widthMm / 2, y: heightMm / 2 }
  painter.strokeLines(
    [...crossSegments(crossX, crossY, 6), ...crossSegments(centre.x, centre.y, 6)],
    PRINT_COLOURS.ink,
    0.4,
  )
  painter.strokeCircle(crossX, crossY, 3, PRINT_COLOURS.ink, 0.4)
  painter.strokeCircle(centre.x, centre.y, 3, PRINT_COLOURS.ink, 0.4)
  const small = { weight: 'regular', maxSizePt: 6, minSizePt: 4, color: PRINT_COLOURS.ink } as const
  painter.text('20 mm × 20 mm', { x: crossX + 1, y: crossY + 1, width: 20, height: 3 }, small)
  painter.text('tengah', { x: centre.x + 1, y: centre.y + 1, width: 14, height: 3 }, small)

  if (widthMm >= 120 && heightMm >= 120) {
    // Shows whether the printer cuts anything off within 1 cm of the edges.
    painter.strokeRect(
      { x: 10, y: 10, width: widthMm - 20, height: heightMm - 20 },
      PRINT_COLOURS.muted,
      0.3,
    )
  }

  const referenceLengthMm = widthMm >= 130 ? 100 : widthMm >= 75 ? 50 : 20
  const referenceY = Math.min(heightMm - 12, centre.y + 25)
  const referenceX = crossX
  painter.strokeLines(
    [
      [referenceX, referenceY, referenceX + referenceLengthMm, referenceY],
      [referenceX, referenceY - 2, referenceX, referenceY + 2],
      [
        referenceX + referenceLengthMm,
        referenceY - 2,
        referenceX + referenceLengthMm,
        referenceY + 2,
      ],
    ],
    PRINT_COLOURS.ink,
    0.4,
  )
  painter.text(
    `Garis acuan ${referenceLengthMm} mm`,
    { x: referenceX, y: referenceY - 5.5, width: referenceLengthMm, height: 3.2 },
    { ...small, align: 'center' },
  )

  // Small pages (an ID-1 card) keep only the essential sentence, beside the 20 mm cross.
  const isSmallPage = widthMm < 120 || heightMm < 120
  const textArea: RectMm = isSmallPage
    ? { x: 28, y: 9, width: widthMm - 30, height: Math.max(0, centre.y - 7 - 9) }
    : { x: 30, y: 30, width: widthMm - 42, height: Math.max(0, centre.y - 8 - 30) }
  const title = painter.text(
    'HALAMAN UJI KALIBRASI PRINTER',
    { ...textArea, height: Math.min(textArea.height, isSmallPage ? 3.5 : 6) },
    { weight: 'bold', maxSizePt: isSmallPage ? 7 : 12, minSizePt: 4, color: PRINT_COLOURS.brand },
  )
  const titleHeightMm = painter.lineHeightMm('bold', title.fitted.fontSizePt)
  // Noto Sans (2020) has no "→" or "−" (U+2212): "›" marks the menu path, "–" the minus.
  const measureSentence =
    'Ukur jarak tanda silang dari tepi kertas. Bila bukan 20 mm, isi selisihnya di Pengaturan › Kalibrasi printer.'
  const currentValues = `Kalibrasi saat ini: geser X ${formatSigned(current.offsetXMm, 1)} mm, geser Y ${formatSigned(current.offsetYMm, 1)} mm, skala ${current.scale.toFixed(3).replace('.', ',')}.`
  const allInstructions = [
    'Cetak dengan ukuran sebenarnya (skala 100 %, tanpa “Sesuaikan dengan halaman”).',
    measureSentence,
    'Geser X = 20 – jarak tanda silang dari tepi kiri; Geser Y = 20 – jarak dari tepi atas (mm). Contoh: terukur 22 mm, isi -2.',
    `Skala = ${referenceLengthMm} ÷ panjang garis acuan terukur (mm). Contoh: terukur ${referenceLengthMm - 2} mm, skala ${(referenceLengthMm / (referenceLengthMm - 2)).toFixed(3).replace('.', ',')}.`,
    currentValues,
  ]
  const instructions = (isSmallPage ? [measureSentence, currentValues] : allInstructions).map(
    (line) => painter.printable(line).text,
  )
  painter.text(
    instructions,
    {
      ...textArea,
      y: textArea.y + titleHeightMm + 1,
      height: Math.max(0, textArea.height - titleHeightMm - 1),
    },
    {
      weight: 'regular',
      maxSizePt: 10,
      minSizePt: 4,
      maxLines: 60,
      paragraphGapFactor: 0.35,
      color: PRINT_COLOURS.ink,
    },
  )
}
