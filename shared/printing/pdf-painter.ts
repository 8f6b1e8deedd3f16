/// <reference types="pdfkit" />
/**
 * The one place that talks to pdfkit for drawing: boxes in millimetres in, points out; every text
 * measured before it is drawn. Layout modules (card, sticker, calibration page) describe *where*
 * things go and call this for *how*.
 */
import { fitText, type FittedText, type MeasureText } from './fit-text'
import { mmToPt, ptToMm, type RectMm } from './geometry'
import { makePrintable, type PrintableText } from './printable-text'
import { drawQrCode, type QrCodePath } from './qr-vector'

/** pdfkit's document, typed by @types/pdfkit's global `PDFKit` namespace. */
export type PdfDocument = PDFKit.PDFDocument

/**
 * Parts of pdfkit 0.20.2 that @types/pdfkit 0.17 does not describe (read from
 * node_modules/pdfkit/js/pdfkit.browser.mjs): the current font's fontkit object, which knows which
 * code points have a glyph, and `openImage`, which lets one embedded logo serve every page
 * instead of being embedded again for each card. Narrowed here and nowhere else.
 */
interface PdfkitInternals {
  _font: {
    ascender: number
    font: { hasGlyphForCodePoint(codePoint: number): boolean }
  }
  openImage(source: Uint8Array): OpenedImage
  image(
    image: OpenedImage,
    x: number,
    y: number,
    options: { fit: [number, number]; align: 'center'; valign: 'center' },
  ): unknown
}

/** An image pdfkit has parsed; embedded in the PDF once, on first use. */
export interface OpenedImage {
  width: number
  height: number
}

function internals(doc: PdfDocument): PdfkitInternals {
  return doc as unknown as PdfkitInternals
}

export type FontWeight = 'regular' | 'bold'

/** Fits kept per job (painter); a bound so a 20,000-card job's names cannot grow it forever. */
const MAX_CACHED_FITS = 5_000

const FONT_NAMES: Record<FontWeight, string> = {
  regular: 'Naungan-Regular',
  bold: 'Naungan-Bold',
}

export const PRINT_COLOURS = {
  ink: '#1A1A1A',
  muted: '#4D4D4D',
  /** A dark blue that stays readable on a black-and-white laser printer. */
  brand: '#1F4E79',
  onBrand: '#FFFFFF',
  /** Light enough not to show much if the cut is a little off. */
  cutGuide: '#B3B3B3',
  cropMark: '#000000',
  paper: '#FFFFFF',
} as const

export interface TextStyle {
  weight: FontWeight
  maxSizePt: number
  minSizePt: number
  /** Default 1. */
  maxLines?: number
  color?: string
  align?: 'left' | 'center' | 'right'
  /** Where the block sits in its box when it is shorter than the box; default 'top'. */
  valign?: 'top' | 'middle' | 'bottom'
  /** First line's baseline here (mm) instead of `valign`: aligns a label with its value. */
  firstBaselineMm?: number
  /** Drawn left of the first line of each paragraph, the lines indented by `indentEm`. */
  bullet?: string
  indentEm?: number
  paragraphGapFactor?: number
}

export interface DrawnText {
  fitted: FittedText
  /** Baseline of the first line, mm; undefined when nothing was drawn. */
  firstBaselineMm: number | undefined
}

export class PdfPainter {
  private readonly unitWidths: Record<FontWeight, Map<string, number>> = {
    regular: new Map(),
    bold: new Map(),
  }
  private readonly lineHeightFactors: Record<FontWeight, number>
  private readonly ascenderFactors: Record<FontWeight, number>
  private readonly glyphCheckers: Array<(codePoint: number) => boolean>
  private readonly fits = new Map<string, FittedText>()

  constructor(
    readonly doc: PdfDocument,
    fonts: { regular: Uint8Array; bold: Uint8Array },
  ) {
    doc.registerFont(FONT_NAMES.regular, fonts.regular)
    doc.registerFont(FONT_NAMES.bold, fonts.bold)
    const lineHeightFactors = { regular: 0, bold: 0 }
    const ascenderFactors = { regular: 0, bold: 0 }
    this.glyphCheckers = []
    for (const weight of ['regular', 'bold'] as const) {
      doc.font(FONT_NAMES[weight]).fontSize(1)
      const font = internals(doc)._font
      lineHeightFactors[weight] = doc.currentLineHeight(true)
      ascenderFactors[weight] = font.ascender / 1000
      this.glyphCheckers.push((codePoint) => font.font.hasGlyphForCodePoint(codePoint))
    }
    this.lineHeightFactors = lineHeightFactors
    this.ascenderFactors = ascenderFactors
  }

  /** A code point prints only when both weights have a glyph for it: any text may be set bold. */
  hasGlyph = (codePoint: number): boolean =>
    this.glyphCheckers.every((hasGlyphFor) => hasGlyphFor(codePoint))

  printable(text: string): PrintableText {
    return makePrintable(text, this.hasGlyph)
  }

  lineHeightMm(weight: FontWeight, sizePt: number): number {
    return ptToMm(this.lineHeightFactors[weight] * sizePt)
  }

  /** pdfkit's own measure at 1 pt, cached: widths grow linearly with the size. */
  measure(weight: FontWeight): MeasureText {
    const cache = this.unitWidths[weight]
    return (text, sizePt) => {
      let unitWidth = cache.get(text)
      if (unitWidth === undefined) {
        this.doc.font(FONT_NAMES[weight]).fontSize(1)
        unitWidth = this.doc.widthOfString(text)
        cache.set(text, unitWidth)
      }
      return unitWidth * sizePt
    }
  }

  /**
   * Fits text to a box. The same text in the same box and style always fits the same way, so the
   * fit is kept for the job: a card's labels, title and header cost one fit per batch, not one
   * per card. (The result is only read, never changed.)
   */
  fit(text: string | string[], box: RectMm, style: TextStyle): FittedText {
    const options = {
      widthPt: mmToPt(box.width),
      heightPt: mmToPt(box.height),
      maxFontSizePt: style.maxSizePt,
      minFontSizePt: Math.min(style.minSizePt, style.maxSizePt),
      maxLines: style.maxLines ?? 1,
      lineHeightFactor: this.lineHeightFactors[style.weight],
      paragraphGapFactor: style.paragraphGapFactor ?? 0,
      indentEm: style.indentEm ?? 0,
    }
    const key = JSON.stringify([style.weight, options, text])
    let fitted = this.fits.get(key)
    if (fitted === undefined) {
      fitted = fitText(text, { ...options, measure: this.measure(style.weight) })
      if (this.fits.size >= MAX_CACHED_FITS) this.fits.clear()
      this.fits.set(key, fitted)
    }
    return fitted
  }

  /** Fits `text` into `box` and draws it there; nothing is drawn outside the box. */
  text(text: string | string[], box: RectMm, style: TextStyle): DrawnText {
    const fitted = this.fit(text, box, style)
    return { fitted, firstBaselineMm: this.drawFitted(fitted, box, style) }
  }

  drawFitted(fitted: FittedText, box: RectMm, style: TextStyle): number | undefined {
    if (fitted.paragraphs.length === 0) return undefined
    const doc = this.doc
    const left = mmToPt(box.x)
    const width = mmToPt(box.width)
    const ascent = this.ascenderFactors[style.weight] * fitted.fontSizePt
    let top = mmToPt(box.y)
    if (style.firstBaselineMm !== undefined) {
      const wanted = mmToPt(style.firstBaselineMm) - ascent
      // Never leave the box, even when the baseline asked for would push the text out.
      top = Math.min(Math.max(wanted, top), top + mmToPt(box.height) - fitted.heightPt)
    } else if (style.valign === 'middle') {
      top += (mmToPt(box.height) - fitted.heightPt) / 2
    } else if (style.valign === 'bottom') {
      top += mmToPt(box.height) - fitted.heightPt
    }
    const firstBaselineMm = ptToMm(top + ascent)
    const measure = this.measure(style.weight)
    doc
      .font(FONT_NAMES[style.weight])
      .fontSize(fitted.fontSizePt)
      .fillColor(style.color ?? PRINT_COLOURS.ink)
    let y = top
    for (const lines of fitted.paragraphs) {
      for (const [index, line] of lines.entries()) {
        const lineWidth = measure(line, fitted.fontSizePt)
        const room = width - fitted.indentPt
        let x = left + fitted.indentPt
        if (style.align === 'center') x += (room - lineWidth) / 2
        else if (style.align === 'right') x += room - lineWidth
        if (style.bullet && index === 0) doc.text(style.bullet, left, y, { lineBreak: false })
        doc.text(line, x, y, { lineBreak: false })
        y += fitted.lineHeightPt
      }
      y += fitted.paragraphGapPt
    }
    return firstBaselineMm
  }

  fillRect(box: RectMm, color: string): void {
    this.doc.rect(mmToPt(box.x), mmToPt(box.y), mmToPt(box.width), mmToPt(box.height)).fill(color)
  }

  fillRoundedRect(box: RectMm, radiusMm: number, color: string): void {
    this.doc
      .roundedRect(
        mmToPt(box.x),
        mmToPt(box.y),
        mmToPt(box.width),
        mmToPt(box.height),
        mmToPt(radiusMm),
      )
      .fill(color)
  }

  strokeRect(box: RectMm, color: string, lineWidthPt: number): void {
    this.doc
      .lineWidth(lineWidthPt)
      .rect(mmToPt(box.x), mmToPt(box.y), mmToPt(box.width), mmToPt(box.height))
      .stroke(color)
  }

  /** Several straight segments stroked as one path (ruler ticks, crop marks). */
  strokeLines(
    segments: Array<[x1: number, y1: number, x2: number, y2: number]>,
    color: string,
    lineWidthPt: number,
  ): void {
    if (segments.length === 0) return
    const doc = this.doc.lineWidth(lineWidthPt)
    for (const [x1, y1, x2, y2] of segments) {
      doc.moveTo(mmToPt(x1), mmToPt(y1)).lineTo(mmToPt(x2), mmToPt(y2))
    }
    doc.stroke(color)
  }

  strokeCircle(xMm: number, yMm: number, radiusMm: number, color: string, widthPt: number): void {
    this.doc.lineWidth(widthPt).circle(mmToPt(xMm), mmToPt(yMm), mmToPt(radiusMm)).stroke(color)
  }

  /** Throws when pdfkit cannot parse the bytes; the caller turns that into a warning. */
  openImage(bytes: Uint8Array): OpenedImage {
    return internals(this.doc).openImage(bytes)
  }

  /** The image scaled to fit the box, centred, aspect ratio kept. */
  image(image: OpenedImage, box: RectMm): void {
    internals(this.doc).image(image, mmToPt(box.x), mmToPt(box.y), {
      fit: [mmToPt(box.width), mmToPt(box.height)],
      align: 'center',
      valign: 'center',
    })
  }

  /** A square QR code with its quiet zone filling the box (the box's width is its side). */
  qrCode(text: string, box: { x: number; y: number; size: number }, code?: QrCodePath): void {
    drawQrCode(this.doc, text, { x: mmToPt(box.x), y: mmToPt(box.y), size: mmToPt(box.size) }, code)
  }
}
