/**
 * Fits text into a fixed box: wrap, then shrink, then (only as a last resort) cut with "…".
 *
 * A card is a legal-looking document: text that runs past its box would print over the QR code or
 * off the card, so every string goes through here and nothing is drawn that was not measured.
 * Pure: the caller passes the measuring function (pdfkit's `widthOfString` in production, a fake
 * in tests), so the logic is tested without a PDF.
 */

/** Width in points of `text` set at `fontSizePt`. Must grow linearly with the size. */
export type MeasureText = (text: string, fontSizePt: number) => number

export interface FitTextOptions {
  widthPt: number
  heightPt: number
  maxFontSizePt: number
  /** Below this the text is no longer legible on a card; it is cut instead. */
  minFontSizePt: number
  /** Across all paragraphs. */
  maxLines: number
  /** Line height as a multiple of the font size (from the font's ascender and descender). */
  lineHeightFactor: number
  /** Extra space between paragraphs, as a multiple of the line height. */
  paragraphGapFactor?: number
  /** Space kept free left of every line (for a bullet), as a multiple of the font size. */
  indentEm?: number
  /** How finely to shrink. */
  stepPt?: number
  measure: MeasureText
}

export interface FittedText {
  fontSizePt: number
  lineHeightPt: number
  paragraphGapPt: number
  indentPt: number
  /** Lines per paragraph; paragraphs cut away entirely are absent. */
  paragraphs: string[][]
  /** Height the lines take, ≤ the box height. */
  heightPt: number
  /** True when text was cut and ends with "…". */
  isShortened: boolean
}

export const ELLIPSIS = '…'
const DEFAULT_STEP_PT = 0.25
/** Floating-point slack so a line measured exactly at the box width still fits. */
const EPSILON = 1e-6

/** Collapses runs of whitespace: the layouts break lines themselves. */
export function normalizeSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

function fontSizesToTry(options: FitTextOptions): number[] {
  const step = options.stepPt ?? DEFAULT_STEP_PT
  const sizes: number[] = []
  for (let size = options.maxFontSizePt; size > options.minFontSizePt + EPSILON; size -= step) {
    sizes.push(size)
  }
  sizes.push(options.minFontSizePt)
  return sizes
}

/** Splits a word too wide for any line into pieces that fit, by code point (not mid-emoji). */
function breakWord(word: string, widthPt: number, sizePt: number, measure: MeasureText): string[] {
  const pieces: string[] = []
  let piece = ''
  for (const char of word) {
    if (piece !== '' && measure(piece + char, sizePt) > widthPt + EPSILON) {
      pieces.push(piece)
      piece = char
    } else {
      piece += char
    }
  }
  if (piece !== '') pieces.push(piece)
  return pieces
}

/**
 * Greedy line breaking at spaces. Returns null when one word alone is wider than a line and
 * `mayBreakWords` is false: the caller then tries a smaller size before splitting a word.
 */
export function wrapWords(
  text: string,
  widthPt: number,
  sizePt: number,
  measure: MeasureText,
  mayBreakWords: boolean,
): string[] | null {
  const words = normalizeSpaces(text).split(' ').filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (measure(candidate, sizePt) <= widthPt + EPSILON) {
      line = candidate
      continue
    }
    if (line !== '') lines.push(line)
    if (measure(word, sizePt) <= widthPt + EPSILON) {
      line = word
      continue
    }
    if (!mayBreakWords) return null
    const pieces = breakWord(word, widthPt, sizePt, measure)
    lines.push(...pieces.slice(0, -1))
    line = pieces[pieces.length - 1] ?? ''
  }
  if (line !== '') lines.push(line)
  return lines
}

/** The longest start of `text` that fits with "…" after it (at least the ellipsis itself). */
export function ellipsize(
  text: string,
  widthPt: number,
  sizePt: number,
  measure: MeasureText,
): string {
  const chars = Array.from(text.trimEnd())
  // Binary search on the number of code points kept: width grows with every character added.
  let low = 0
  let high = chars.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    const attempt = chars.slice(0, middle).join('').trimEnd() + ELLIPSIS
    if (measure(attempt, sizePt) <= widthPt + EPSILON) low = middle
    else high = middle - 1
  }
  return chars.slice(0, low).join('').trimEnd() + ELLIPSIS
}

function blockHeight(lineCounts: number[], lineHeight: number, paragraphGap: number): number {
  const visible = lineCounts.filter((count) => count > 0)
  const lines = visible.reduce((sum, count) => sum + count, 0)
  return lines * lineHeight + Math.max(0, visible.length - 1) * paragraphGap
}

function metricsAt(size: number, options: FitTextOptions) {
  const lineHeightPt = size * options.lineHeightFactor
  return {
    lineHeightPt,
    paragraphGapPt: lineHeightPt * (options.paragraphGapFactor ?? 0),
    indentPt: size * (options.indentEm ?? 0),
  }
}

function tryFit(
  paragraphs: string[],
  size: number,
  options: FitTextOptions,
  mayBreakWords: boolean,
): FittedText | null {
  const { lineHeightPt, paragraphGapPt, indentPt } = metricsAt(size, options)
  const lineWidth = options.widthPt - indentPt
  if (lineWidth <= 0) return null
  const wrapped: string[][] = []
  for (const paragraph of paragraphs) {
    const lines = wrapWords(paragraph, lineWidth, size, options.measure, mayBreakWords)
    if (lines === null) return null
    wrapped.push(lines)
  }
  const lineCount = wrapped.reduce((sum, lines) => sum + lines.length, 0)
  const heightPt = blockHeight(
    wrapped.map((lines) => lines.length),
    lineHeightPt,
    paragraphGapPt,
  )
  if (lineCount > options.maxLines || heightPt > options.heightPt + EPSILON) return null
  return {
    fontSizePt: size,
    lineHeightPt,
    paragraphGapPt,
    indentPt,
    paragraphs: wrapped,
    heightPt,
    isShortened: false,
  }
}

/** At the smallest size: keep as many whole lines as fit, end the last one kept with "…". */
function cutToFit(paragraphs: string[], options: FitTextOptions): FittedText {
  const size = options.minFontSizePt
  const { lineHeightPt, paragraphGapPt, indentPt } = metricsAt(size, options)
  const lineWidth = Math.max(0, options.widthPt - indentPt)
  const kept: string[][] = []
  let lineCount = 0
  let heightPt = 0
  outer: for (const [index, paragraph] of paragraphs.entries()) {
    const lines = wrapWords(paragraph, lineWidth, size, options.measure, true) ?? []
    const keptLines: string[] = []
    for (const [lineIndex, line] of lines.entries()) {
      const gap = keptLines.length === 0 && kept.length > 0 ? paragraphGapPt : 0
      const nextHeight = heightPt + gap + lineHeightPt
      const fitsAnother =
        lineCount + 1 <= options.maxLines && nextHeight <= options.heightPt + EPSILON
      if (!fitsAnother) {
        if (keptLines.length > 0) kept.push(keptLines)
        break outer
      }
      heightPt = nextHeight
      lineCount += 1
      const gapBeforeNextLine = lineIndex === lines.length - 1 ? paragraphGapPt : 0
      const isLastLineWeCanShow =
        lineCount === options.maxLines ||
        heightPt + gapBeforeNextLine + lineHeightPt > options.heightPt + EPSILON
      const hasMoreText = lineIndex < lines.length - 1 || index < paragraphs.length - 1
      if (isLastLineWeCanShow && hasMoreText) {
        // The rest of this paragraph joins the last line, so the cut falls as late as possible.
        const rest = [line, ...lines.slice(lineIndex + 1)].join(' ')
        keptLines.push(ellipsize(rest, lineWidth, size, options.measure))
        kept.push(keptLines)
        break outer
      }
      keptLines.push(line)
    }
    if (keptLines.length > 0) kept.push(keptLines)
  }
  return {
    fontSizePt: size,
    lineHeightPt,
    paragraphGapPt,
    indentPt,
    paragraphs: kept,
    heightPt,
    isShortened: true,
  }
}

/**
 * The largest size at which all paragraphs fit, wrapping at spaces; then the same while splitting
 * words too long for a line; then cut at the smallest size. Empty text fits trivially.
 */
export function fitText(paragraphs: string | string[], options: FitTextOptions): FittedText {
  const texts = (typeof paragraphs === 'string' ? [paragraphs] : paragraphs)
    .map(normalizeSpaces)
    .filter((text) => text !== '')
  const sizes = fontSizesToTry(options)
  for (const mayBreakWords of [false, true]) {
    for (const size of sizes) {
      const fitted = tryFit(texts, size, options, mayBreakWords)
      if (fitted) return fitted
    }
  }
  return cutToFit(texts, options)
}
