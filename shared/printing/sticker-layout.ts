/**
 * The house sticker ("stiker rumah peserta"): put on the door of a covered household so
 * neighbours, the village office and BPJS field officers see who is protected, and scan the QR
 * to check it. It hangs outside, so it carries no NIK, no phone, no address beyond desa and
 * RT/RW (UU 27/2022 Pelindungan Data Pribadi): the layout only receives those fields.
 *
 * One layout for every cell size: a headline band across the top, then the text and the QR code
 * side by side in a wide cell or one above the other in a tall one. Sizes follow the cell, and
 * every string is fitted into its box.
 */
import { clamp, insetRect, mmToPt, type RectMm } from './geometry'
import type { PrintedParticipant } from './participant-fields'
import { PRINT_COLOURS, type PdfPainter } from './pdf-painter'

/** What a sticker may show. `maskedNik` is deliberately not part of it. */
export type StickerFields = Pick<
  PrintedParticipant,
  | 'participantId'
  | 'name'
  | 'villageName'
  | 'rtRw'
  | 'numberLabel'
  | 'participantNumber'
  | 'serial'
  | 'qrText'
  | 'qrCode'
>

export const DEFAULT_STICKER_WORDS = [
  'RUMAH PESERTA',
  'JAMINAN SOSIAL KETENAGAKERJAAN',
  'PEKERJA RENTAN',
] as const

/** Where scanners still read a QR code from a door at arm's length. */
export const MIN_STICKER_QR_MM = 18
/** A name no bigger than this even on a one-per-A4 sticker. */
const MAX_NAME_SIZE_PT = 36

export interface StickerBoxes {
  cell: RectMm
  /** One box per headline line, then the district-and-year line. */
  headline: RectMm[]
  districtYear: RectMm
  /** Line under the headline band: y, x from and to. */
  rule: { y: number; x1: number; x2: number; widthMm: number }
  nameLabel: RectMm
  name: RectMm
  village: RectMm
  rtRw: RectMm
  number: RectMm
  qr: { x: number; y: number; size: number }
  serial: RectMm
  /** Text centred (tall cells) or left-aligned beside the QR code (wide cells). */
  textAlign: 'left' | 'center'
}

const HEADLINE_WEIGHTS = [1.4, 0.55, 0.55]
const DISTRICT_WEIGHT = 0.45
const BODY_WEIGHTS = { nameLabel: 0.55, name: 2, line: 0.8, gap: 0.15 }

/** Boxes stacked top to bottom, each `weight × unit` high, with `gap × unit` between. */
function stack(area: RectMm, weights: number[], unit: number, gap: number): RectMm[] {
  const boxes: RectMm[] = []
  let y = area.y
  for (const weight of weights) {
    boxes.push({ x: area.x, y, width: area.width, height: weight * unit })
    y += weight * unit + gap * unit
  }
  return boxes
}

/**
 * Pure geometry, in mm. `lineHeightMmPerPt` (the font's line height at 1 pt) caps the text so a
 * one-per-A4 sticker does not print a name a hand high.
 */
export function layoutSticker(
  cell: RectMm,
  headlineLineCount: number,
  lineHeightMmPerPt: number,
): StickerBoxes {
  const shortSide = Math.min(cell.width, cell.height)
  const padding = clamp(shortSide * 0.05, 2, 8)
  const inner = insetRect(cell, padding)

  const bandHeight = Math.min(inner.height * 0.36, inner.width * 0.3)
  const headlineWeights = [
    ...Array.from({ length: headlineLineCount }, (_, i) => HEADLINE_WEIGHTS[i] ?? 0.5),
    DISTRICT_WEIGHT,
  ]
  const bandUnit = (bandHeight * 0.9) / headlineWeights.reduce((sum, w) => sum + w, 0)
  const bandBoxes = stack(inner, headlineWeights, bandUnit, 0)
  const ruleWidthMm = clamp(shortSide * 0.008, 0.3, 1.2)
  const ruleY = inner.y + bandHeight * 0.95

  const bodyGap = padding * 0.5
  const body: RectMm = {
    x: inner.x,
    y: inner.y + bandHeight + bodyGap,
    width: inner.width,
    height: inner.height - bandHeight - bodyGap,
  }
  const serialHeight = clamp(shortSide * 0.04, 2.4, 6)
  const isSideBySide = body.width >= body.height

  let qrSize: number
  let qrX: number
  let qrY: number
  let textArea: RectMm
  if (isSideBySide) {
    const fitted = Math.min(body.height - serialHeight, body.width * 0.45)
    qrSize = Math.max(
      fitted,
      Math.min(MIN_STICKER_QR_MM, body.height - serialHeight, body.width * 0.6),
    )
    qrX = body.x + body.width - qrSize
    qrY = body.y + (body.height - qrSize - serialHeight) / 2
    textArea = { x: body.x, y: body.y, width: body.width - qrSize - padding, height: body.height }
  } else {
    const fitted = Math.min(body.width * 0.7, body.height * 0.5)
    qrSize = Math.max(fitted, Math.min(MIN_STICKER_QR_MM, body.width * 0.9, body.height * 0.6))
    qrX = body.x + (body.width - qrSize) / 2
    qrY = body.y + body.height - serialHeight - qrSize
    textArea = {
      x: body.x,
      y: body.y,
      width: body.width,
      height: Math.max(0, qrY - body.y - padding * 0.5),
    }
  }

  const weights = [
    BODY_WEIGHTS.nameLabel,
    BODY_WEIGHTS.name,
    BODY_WEIGHTS.line,
    BODY_WEIGHTS.line,
    BODY_WEIGHTS.line,
  ]
  const totalUnits =
    weights.reduce((sum, w) => sum + w, 0) + (weights.length - 1) * BODY_WEIGHTS.gap
  const maxUnit = (MAX_NAME_SIZE_PT * lineHeightMmPerPt * BODY_WEIGHTS.name) / 2
  const unit = Math.min(textArea.height / totalUnits, maxUnit)
  const [nameLabel, name, village, rtRw, number] = stack(textArea, weights, unit, BODY_WEIGHTS.gap)
  const districtYear = bandBoxes[bandBoxes.length - 1]
  if (!nameLabel || !name || !village || !rtRw || !number || !districtYear) {
    throw new Error('sticker layout: missing box')
  }
  return {
    cell,
    headline: bandBoxes.slice(0, -1),
    districtYear,
    rule: { y: ruleY, x1: inner.x, x2: inner.x + inner.width, widthMm: ruleWidthMm },
    nameLabel,
    name,
    village,
    rtRw,
    number,
    qr: { x: qrX, y: qrY, size: qrSize },
    serial: { x: qrX, y: qrY + qrSize, width: qrSize, height: serialHeight },
    textAlign: isSideBySide ? 'left' : 'center',
  }
}

export interface StickerBrandingText {
  /** Printable headline lines, e.g. DEFAULT_STICKER_WORDS. */
  words: string[]
  /** 'Kabupaten Kutai Kartanegara · 2026' */
  districtYear: string
}

/** Draws one sticker in `cell`; returns whether the name had to be cut with "…". */
export function drawSticker(
  painter: PdfPainter,
  cell: RectMm,
  person: StickerFields,
  branding: StickerBrandingText,
): { isNameShortened: boolean } {
  const boxes = layoutSticker(cell, branding.words.length, painter.lineHeightMm('bold', 1))
  const sizeFor = (box: RectMm, weight: 'regular' | 'bold', lines = 1) =>
    box.height / lines / painter.lineHeightMm(weight, 1)

  painter.strokeRect(cell, PRINT_COLOURS.cutGuide, 0.3)
  branding.words.forEach((word, index) => {
    const box = boxes.headline[index]
    if (!box) return
    painter.text(word, box, {
      weight: 'bold',
      maxSizePt: sizeFor(box, 'bold'),
      minSizePt: 4,
      align: 'center',
      valign: 'middle',
      color: PRINT_COLOURS.brand,
    })
  })
  painter.text(branding.districtYear, boxes.districtYear, {
    weight: 'regular',
    maxSizePt: sizeFor(boxes.districtYear, 'regular'),
    minSizePt: 4,
    align: 'center',
    valign: 'middle',
    color: PRINT_COLOURS.ink,
  })
  painter.strokeLines(
    [[boxes.rule.x1, boxes.rule.y, boxes.rule.x2, boxes.rule.y]],
    PRINT_COLOURS.brand,
    mmToPt(boxes.rule.widthMm),
  )

  const align = boxes.textAlign
  painter.text('Nama', boxes.nameLabel, {
    weight: 'regular',
    maxSizePt: sizeFor(boxes.nameLabel, 'regular'),
    minSizePt: 4,
    align,
    valign: 'bottom',
    color: PRINT_COLOURS.muted,
  })
  const name = painter.text(person.name, boxes.name, {
    weight: 'bold',
    maxSizePt: sizeFor(boxes.name, 'bold', 2),
    minSizePt: Math.min(6, sizeFor(boxes.name, 'bold', 2)),
    maxLines: 2,
    align,
    valign: 'top',
    color: PRINT_COLOURS.ink,
  })
  const lineStyle = (box: RectMm) =>
    ({
      weight: 'regular',
      maxSizePt: sizeFor(box, 'regular'),
      minSizePt: 4,
      align,
      valign: 'middle',
      color: PRINT_COLOURS.ink,
    }) as const
  painter.text(`Desa/Kel. ${person.villageName}`, boxes.village, lineStyle(boxes.village))
  painter.text(person.rtRw, boxes.rtRw, lineStyle(boxes.rtRw))
  painter.text(
    `${person.numberLabel} ${person.participantNumber}`,
    boxes.number,
    lineStyle(boxes.number),
  )

  painter.qrCode(person.qrText, boxes.qr, person.qrCode)
  painter.text(person.serial, boxes.serial, {
    weight: 'regular',
    maxSizePt: Math.min(12, sizeFor(boxes.serial, 'regular')),
    minSizePt: 4,
    align: 'center',
    valign: 'middle',
    color: PRINT_COLOURS.ink,
  })
  return { isNameShortened: name.fitted.isShortened }
}
