/**
 * QR codes as vector rectangles. `QRCode.toDataURL` needs a canvas, which a Web Worker lacks;
 * `QRCode.create` only computes the module matrix, which works everywhere. Rectangles stay sharp
 * on any printer and cost a few hundred bytes per code: each horizontal run of dark modules is
 * one rectangle, and the whole code is filled once.
 */
import { createQrModules } from './qr-mask'

/** ISO/IEC 18004 asks for 4 light modules around the code; scanners miss codes without it. */
export const QR_QUIET_ZONE_MODULES = 4
/** Level M survives a scuffed card or a sticker left in the rain (15 % of codewords). */
export const QR_ERROR_CORRECTION = 'M'

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number
  version: number
  /** False outside the matrix: the quiet zone is light. */
  isDark(row: number, column: number): boolean
  /** Row-major, `size` × `size`, 1 = dark. */
  modules: Uint8Array
}

/** One rectangle: `length` dark modules side by side in `row`, starting at `column`. */
export interface DarkRun {
  row: number
  column: number
  length: number
}

/** QR alphanumeric mode's 45 characters: base45's alphabet, in which card tokens are written. */
const ALPHANUMERIC_ONLY = /^[0-9A-Z $%*+\-./:]+$/

export function qrMatrix(text: string): QrMatrix {
  // Declaring the single alphanumeric segment skips qrcode's segment search, which takes half
  // of the time for a 350-character token; anything else lets qrcode choose the modes.
  const input = ALPHANUMERIC_ONLY.test(text)
    ? [{ data: text, mode: 'alphanumeric' as const }]
    : text
  // The standard's mask scoring stays (with one fixed mask, tried for speed, zbar missed one
  // code in a 25-sticker sheet in CI), done by qr-mask.ts: same choice, a tenth of the time.
  const { size, version, data } = createQrModules(input)
  return {
    size,
    version,
    isDark: (row, column) =>
      row >= 0 && row < size && column >= 0 && column < size && data[row * size + column] === 1,
    modules: data,
  }
}

export function darkRuns(matrix: QrMatrix): DarkRun[] {
  const { size, modules } = matrix
  const runs: DarkRun[] = []
  for (let row = 0; row < size; row += 1) {
    const rowStart = row * size
    let column = 0
    while (column < size) {
      if (modules[rowStart + column] !== 1) {
        column += 1
        continue
      }
      const start = column
      while (column < size && modules[rowStart + column] === 1) column += 1
      runs.push({ row, column: start, length: column - start })
    }
  }
  return runs
}

/** The pdfkit calls the QR drawing needs; a structural type so tests can record the calls. */
export interface RectanglePainter {
  save(): unknown
  restore(): unknown
  transform(a: number, b: number, c: number, d: number, e: number, f: number): unknown
  rect(x: number, y: number, width: number, height: number): unknown
  /** Raw content-stream operators (pdfkit's `addContent`, which ends them with a newline). */
  addContent(operators: string): unknown
  fill(color: string): unknown
}

/**
 * The dark runs as path operators, one `re` a line: the bytes pdfkit's `rect` writes for each
 * (integers print as they are), given to pdfkit in one piece instead of ~1,000 calls that each
 * format four numbers and make a buffer of their own.
 */
export function darkRunsPath(runs: readonly DarkRun[]): string {
  let path = ''
  for (const [index, run] of runs.entries()) {
    path += `${index === 0 ? '' : '\n'}${run.column} ${run.row} ${run.length} 1 re`
  }
  return path
}

/** A code ready to draw: modules per side and its dark runs as path operators (`darkRunsPath`). */
export interface QrCodePath {
  size: number
  path: string
}

/** What `drawQrCode` draws for `text`; the print's code worker computes it ahead of the drawing. */
export function qrCodePath(text: string): QrCodePath {
  const matrix = qrMatrix(text)
  return { size: matrix.size, path: darkRunsPath(darkRuns(matrix)) }
}

/**
 * Paints the quiet zone white (the code may sit on a tinted card), then all dark runs as one path.
 * Coordinates in points, (x, y) the top-left corner of the square box. The runs are drawn in
 * module units under one transform, so each is four small integers in the PDF ("12 5 3 1 re")
 * instead of four six-decimal numbers: a third of the bytes for a thousand cards. `code` is the
 * code of `text` computed ahead (`qrCodePath`), or computed here.
 */
export function drawQrCode(
  painter: RectanglePainter,
  text: string,
  box: { x: number; y: number; size: number },
  code: QrCodePath = qrCodePath(text),
): QrCodePath {
  const module = box.size / (code.size + 2 * QR_QUIET_ZONE_MODULES)
  painter.rect(box.x, box.y, box.size, box.size)
  painter.fill('#FFFFFF')
  painter.save()
  painter.transform(
    module,
    0,
    0,
    module,
    box.x + QR_QUIET_ZONE_MODULES * module,
    box.y + QR_QUIET_ZONE_MODULES * module,
  )
  if (code.path !== '') painter.addContent(code.path)
  painter.fill('#000000')
  painter.restore()
  return code
}
