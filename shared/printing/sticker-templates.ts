/**
 * Sticker sheets: the four A4 layouts every office can print on plain A4 label paper, and the
 * checks a custom template (Settings, for other label stock) must pass before anything prints.
 */
import type { RectMm } from './geometry'
import type { StickerTemplate } from './print-model'

const A4_MARGIN_MM = 10
const A4_GAP_MM = 4

function a4Template(id: string, label: string, rows: number, columns: number): StickerTemplate {
  return {
    id,
    label,
    pageWidthMm: 210,
    pageHeightMm: 297,
    rows,
    columns,
    marginTopMm: A4_MARGIN_MM,
    marginLeftMm: A4_MARGIN_MM,
    gapXMm: A4_GAP_MM,
    gapYMm: A4_GAP_MM,
  }
}

/** Cells come out as: a4-1 190 × 277, a4-2 190 × 136.5, a4-4 93 × 136.5, a4-8 93 × 66.25 mm. */
export const BUILT_IN_STICKER_TEMPLATES: readonly StickerTemplate[] = Object.freeze([
  a4Template('a4-1', '1 stiker per lembar A4', 1, 1),
  a4Template('a4-2', '2 stiker per lembar A4 (2 baris)', 2, 1),
  a4Template('a4-4', '4 stiker per lembar A4 (2 × 2)', 2, 2),
  a4Template('a4-8', '8 stiker per lembar A4 (4 baris × 2 kolom)', 4, 2),
])

export const STICKER_TEMPLATE_LIMITS = {
  minPageMm: 50,
  maxPageMm: 1000,
  maxRowsOrColumns: 20,
  /** Below this the house-sticker wording and an 18 mm QR code cannot both be read. */
  minCellWidthMm: 40,
  minCellHeightMm: 30,
} as const

/** Codes a settings form maps to its own words; the comment gives the Indonesian meaning. */
export type StickerTemplateProblem =
  /** Ukuran kertas harus 50–1000 mm. */
  | 'PAGE_SIZE_OUT_OF_RANGE'
  /** Jumlah baris dan kolom harus 1–20. */
  | 'GRID_OUT_OF_RANGE'
  /** Margin dan jarak antarstiker tidak boleh negatif. */
  | 'NEGATIVE_SPACING'
  /** Stiker tidak muat di kertas. */
  | 'CELLS_OFF_PAGE'
  /** Setiap stiker minimal 40 × 30 mm. */
  | 'CELL_TOO_SMALL'

export type StickerTemplateCheck = { ok: true } | { ok: false; problems: StickerTemplateProblem[] }

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** The size of one cell when the grid fills the page from its top-left margins. */
export function stickerCellSize(template: StickerTemplate): { width: number; height: number } {
  const usableWidth = template.pageWidthMm - 2 * template.marginLeftMm
  const usableHeight = template.pageHeightMm - 2 * template.marginTopMm
  return {
    width: (usableWidth - (template.columns - 1) * template.gapXMm) / template.columns,
    height: (usableHeight - (template.rows - 1) * template.gapYMm) / template.rows,
  }
}

/**
 * Margins are taken as symmetric (label stock is cut that way): cells span the page minus the
 * top/left margin on both sides. Every problem is listed, so the form can mark each field at once.
 */
export function validateStickerTemplate(template: StickerTemplate): StickerTemplateCheck {
  const limits = STICKER_TEMPLATE_LIMITS
  const problems: StickerTemplateProblem[] = []
  const { pageWidthMm, pageHeightMm, rows, columns } = template
  const spacings = [template.marginTopMm, template.marginLeftMm, template.gapXMm, template.gapYMm]

  const isPageOk = [pageWidthMm, pageHeightMm].every(
    (size) => isFiniteNumber(size) && size >= limits.minPageMm && size <= limits.maxPageMm,
  )
  if (!isPageOk) problems.push('PAGE_SIZE_OUT_OF_RANGE')
  const isGridOk = [rows, columns].every(
    (count) => Number.isInteger(count) && count >= 1 && count <= limits.maxRowsOrColumns,
  )
  if (!isGridOk) problems.push('GRID_OUT_OF_RANGE')
  const areSpacingsOk = spacings.every((spacing) => isFiniteNumber(spacing) && spacing >= 0)
  if (!areSpacingsOk) problems.push('NEGATIVE_SPACING')

  if (isPageOk && isGridOk && areSpacingsOk) {
    const cell = stickerCellSize(template)
    if (cell.width <= 0 || cell.height <= 0) {
      problems.push('CELLS_OFF_PAGE')
    } else if (cell.width < limits.minCellWidthMm || cell.height < limits.minCellHeightMm) {
      problems.push('CELL_TOO_SMALL')
    }
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems }
}

/** Cells of a valid template, numbered as `startPosition` counts: left to right, then down. */
export function stickerCellRects(template: StickerTemplate): RectMm[] {
  const cell = stickerCellSize(template)
  const rects: RectMm[] = []
  for (let row = 0; row < template.rows; row += 1) {
    for (let column = 0; column < template.columns; column += 1) {
      rects.push({
        x: template.marginLeftMm + column * (cell.width + template.gapXMm),
        y: template.marginTopMm + row * (cell.height + template.gapYMm),
        width: cell.width,
        height: cell.height,
      })
    }
  }
  return rects
}

/** 1-based position clamped to the sheet; anything not a number starts at the first cell. */
export function clampStartPosition(startPosition: number, cellsPerSheet: number): number {
  if (!Number.isFinite(startPosition)) return 1
  return Math.min(cellsPerSheet, Math.max(1, Math.round(startPosition)))
}
