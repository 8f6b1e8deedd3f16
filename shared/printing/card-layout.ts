/**
 * The membership card: ISO/IEC 7810 ID-1 (85.6 × 54 mm), front and back, and the A4 sheet of ten
 * for offices without a PVC card printer (cut out along the crop marks, laminated).
 *
 * Every box is a constant in millimetres from the card's top-left corner, so tests can check
 * that the printed words stay inside them. Front, top to bottom: a header band with the logos and
 * the programme title; the card title; the name (largest); labelled rows; the QR code on the right
 * with its serial beneath.
 */
import { offsetRect, ptToMm, type RectMm } from './geometry'
import { PRINT_COLOURS, type OpenedImage, type PdfPainter, type TextStyle } from './pdf-painter'
import type { PrintedParticipant } from './participant-fields'
import { A4_SIZE_MM, ID1_CARD_SIZE_MM } from './print-model'

export const CARD_WIDTH_MM = ID1_CARD_SIZE_MM.width
export const CARD_HEIGHT_MM = ID1_CARD_SIZE_MM.height
/** Kept clear along the card's edges: a card printer or a cutter may be a millimetre off. */
const EDGE_MM = 3

const QR_SIZE_MM = 22
const QR_X_MM = CARD_WIDTH_MM - EDGE_MM - QR_SIZE_MM
const QR_Y_MM = 13.4
const LEFT_COLUMN_WIDTH_MM = QR_X_MM - 2 - EDGE_MM

const FIELD_LABEL_WIDTH_MM = 16.5
const FIELD_VALUE_X_MM = EDGE_MM + FIELD_LABEL_WIDTH_MM + 0.5
const FIELDS_TOP_MM = 27.6
const FIELD_ROW_HEIGHT_MM = 3.85

export const CARD_FRONT_BOXES = {
  headerBand: { x: 0, y: 0, width: CARD_WIDTH_MM, height: 12 },
  logos: [
    { x: 1.8, y: 1.5, width: 9, height: 9 },
    { x: CARD_WIDTH_MM - 1.8 - 9, y: 1.5, width: 9, height: 9 },
  ],
  programmeTitle: { x: 12.3, y: 0.8, width: CARD_WIDTH_MM - 24.6, height: 7 },
  districtName: { x: 12.3, y: 7.9, width: CARD_WIDTH_MM - 24.6, height: 3.4 },
  cardTitle: { x: EDGE_MM, y: 12.9, width: LEFT_COLUMN_WIDTH_MM, height: 3.6 },
  nameLabel: { x: EDGE_MM, y: 16.6, width: LEFT_COLUMN_WIDTH_MM, height: 2.5 },
  /** Two lines up to 8.2 pt, or one line up to 10 pt. */
  name: { x: EDGE_MM, y: 19.1, width: LEFT_COLUMN_WIDTH_MM, height: 7.9 },
  qr: { x: QR_X_MM, y: QR_Y_MM, size: QR_SIZE_MM },
  serial: { x: QR_X_MM, y: QR_Y_MM + QR_SIZE_MM + 0.3, width: QR_SIZE_MM, height: 2.8 },
} as const

export const CARD_BACK_BOXES = {
  headerBand: { x: 0, y: 0, width: CARD_WIDTH_MM, height: 7.5 },
  title: { x: EDGE_MM, y: 1.2, width: 34, height: 5 },
  districtName: { x: 38, y: 1.8, width: CARD_WIDTH_MM - 38 - EDGE_MM, height: 3.9 },
  /** The benefits take what the contact text leaves. */
  body: { x: EDGE_MM, y: 9, width: CARD_WIDTH_MM - 2 * EDGE_MM, height: 54 - 9 - 2.2 },
  contactMaxHeightMm: 11,
} as const

const TEXT = {
  nameLabel: 'Nama',
  nik: 'NIK',
  birthDate: 'Tanggal lahir',
  village: 'Desa/Kel.',
  kecamatan: 'Kecamatan',
  coverage: 'Masa berlaku',
  benefitsTitle: 'MANFAAT',
  defaultCardTitle: 'KARTU PESERTA',
} as const

const NAME_STYLE: TextStyle = {
  weight: 'bold',
  maxSizePt: 10,
  // The smallest a name stays legible at arm's length on a card.
  minSizePt: 6,
  maxLines: 2,
  color: PRINT_COLOURS.ink,
}

const LABEL_STYLE: TextStyle = {
  weight: 'regular',
  maxSizePt: 5.5,
  minSizePt: 4,
  color: PRINT_COLOURS.muted,
}

const VALUE_STYLE: TextStyle = {
  weight: 'regular',
  maxSizePt: 6.5,
  minSizePt: 4.5,
  color: PRINT_COLOURS.ink,
}

/** Branding strings already made printable; the same for every card of a job. */
export interface CardBrandingText {
  programmeTitle: string
  districtName: string
  cardTitle: string
  benefits: string[]
  contactText: string
}

export interface CardFrontResult {
  /** The name did not fit even at the smallest size and was cut with "…". */
  isNameShortened: boolean
}

/** The labelled rows under the name. Rows below the QR code may use the full card width. */
export function cardFieldRows(person: PrintedParticipant): Array<{
  label: string
  value: string
  labelBox: RectMm
  valueBox: RectMm
}> {
  const rows: Array<[string, string]> = [
    [TEXT.nik, person.maskedNik],
    [person.numberLabel, person.participantNumber],
    [TEXT.birthDate, person.birthDate],
    [TEXT.village, person.villageName],
    [TEXT.kecamatan, person.kecamatanName],
    [TEXT.coverage, person.coverage],
  ]
  const serialBottom = CARD_FRONT_BOXES.serial.y + CARD_FRONT_BOXES.serial.height
  return rows.map(([label, value], index) => {
    const y = FIELDS_TOP_MM + index * FIELD_ROW_HEIGHT_MM
    const valueRight = y >= serialBottom + 0.3 ? CARD_WIDTH_MM - EDGE_MM : QR_X_MM - 2
    return {
      label,
      value,
      labelBox: { x: EDGE_MM, y, width: FIELD_LABEL_WIDTH_MM, height: FIELD_ROW_HEIGHT_MM },
      valueBox: {
        x: FIELD_VALUE_X_MM,
        y,
        width: valueRight - FIELD_VALUE_X_MM,
        height: FIELD_ROW_HEIGHT_MM,
      },
    }
  })
}

function drawHeader(
  painter: PdfPainter,
  origin: { x: number; y: number },
  branding: CardBrandingText,
  logos: Array<OpenedImage | null>,
): void {
  const boxes = CARD_FRONT_BOXES
  painter.fillRect(offsetRect(boxes.headerBand, origin), PRINT_COLOURS.brand)
  boxes.logos.forEach((logoBox, index) => {
    const logo = logos[index]
    if (!logo) return
    const box = offsetRect(logoBox, origin)
    // A white plate: district logos are drawn for white paper, not for the header colour.
    painter.fillRoundedRect(box, 1.2, PRINT_COLOURS.paper)
    painter.image(logo, {
      x: box.x + 0.5,
      y: box.y + 0.5,
      width: box.width - 1,
      height: box.height - 1,
    })
  })
  painter.text(branding.programmeTitle, offsetRect(boxes.programmeTitle, origin), {
    weight: 'bold',
    maxSizePt: 7.5,
    minSizePt: 4.5,
    maxLines: 2,
    align: 'center',
    valign: 'middle',
    color: PRINT_COLOURS.onBrand,
  })
  painter.text(branding.districtName, offsetRect(boxes.districtName, origin), {
    weight: 'regular',
    maxSizePt: 6.5,
    minSizePt: 4.5,
    align: 'center',
    valign: 'middle',
    color: PRINT_COLOURS.onBrand,
  })
}

export function drawCardFront(
  painter: PdfPainter,
  origin: { x: number; y: number },
  person: PrintedParticipant,
  branding: CardBrandingText,
  logos: Array<OpenedImage | null>,
): CardFrontResult {
  const boxes = CARD_FRONT_BOXES
  drawHeader(painter, origin, branding, logos)
  painter.text(branding.cardTitle, offsetRect(boxes.cardTitle, origin), {
    weight: 'bold',
    maxSizePt: 7,
    minSizePt: 4.5,
    valign: 'middle',
    color: PRINT_COLOURS.brand,
  })
  painter.text(TEXT.nameLabel, offsetRect(boxes.nameLabel, origin), LABEL_STYLE)
  const name = painter.text(person.name, offsetRect(boxes.name, origin), NAME_STYLE)

  for (const row of cardFieldRows(person)) {
    const value = painter.text(row.value, offsetRect(row.valueBox, origin), {
      ...VALUE_STYLE,
      valign: 'middle',
    })
    painter.text(row.label, offsetRect(row.labelBox, origin), {
      ...LABEL_STYLE,
      valign: 'middle',
      // Label and value share a baseline, whatever size each had to shrink to.
      firstBaselineMm: value.firstBaselineMm,
    })
  }

  const qrBox = offsetRect({ ...boxes.qr, width: boxes.qr.size, height: boxes.qr.size }, origin)
  painter.qrCode(person.qrText, { x: qrBox.x, y: qrBox.y, size: boxes.qr.size }, person.qrCode)
  painter.text(person.serial, offsetRect(boxes.serial, origin), {
    weight: 'regular',
    maxSizePt: 5.5,
    minSizePt: 4,
    align: 'center',
    color: PRINT_COLOURS.ink,
  })
  return { isNameShortened: name.fitted.isShortened }
}

/** The back is the same for every card of a job: benefits, then where to ask. */
export function drawCardBack(
  painter: PdfPainter,
  origin: { x: number; y: number },
  branding: CardBrandingText,
): void {
  const boxes = CARD_BACK_BOXES
  painter.fillRect(offsetRect(boxes.headerBand, origin), PRINT_COLOURS.brand)
  painter.text(TEXT.benefitsTitle, offsetRect(boxes.title, origin), {
    weight: 'bold',
    maxSizePt: 8,
    minSizePt: 5,
    valign: 'middle',
    color: PRINT_COLOURS.onBrand,
  })
  painter.text(branding.districtName, offsetRect(boxes.districtName, origin), {
    weight: 'regular',
    maxSizePt: 6,
    minSizePt: 4,
    align: 'right',
    valign: 'middle',
    color: PRINT_COLOURS.onBrand,
  })

  const body = offsetRect(boxes.body, origin)
  const contactBox: RectMm = {
    x: body.x,
    y: body.y + body.height - boxes.contactMaxHeightMm,
    width: body.width,
    height: boxes.contactMaxHeightMm,
  }
  const contact = painter.text(branding.contactText, contactBox, {
    weight: 'regular',
    maxSizePt: 6,
    minSizePt: 4.5,
    maxLines: 4,
    valign: 'bottom',
    color: PRINT_COLOURS.ink,
  })
  const contactTop = contactBox.y + contactBox.height - ptToMm(contact.fitted.heightPt)
  const ruleY = contactTop - 1.2
  painter.strokeLines([[body.x, ruleY, body.x + body.width, ruleY]], PRINT_COLOURS.cutGuide, 0.4)
  painter.text(
    branding.benefits,
    { x: body.x, y: body.y, width: body.width, height: Math.max(0, ruleY - 1 - body.y) },
    {
      weight: 'regular',
      maxSizePt: 6.5,
      minSizePt: 4.5,
      maxLines: 20,
      bullet: '•',
      indentEm: 0.9,
      paragraphGapFactor: 0.2,
      color: PRINT_COLOURS.ink,
    },
  )
}

/** Ten ID-1 cards on A4 portrait: 2 columns × 5 rows, centred, small gaps to cut between. */
export const A4_CARD_SHEET = {
  columns: 2,
  rows: 5,
  gapXMm: 4,
  gapYMm: 2,
} as const

export const CARDS_PER_A4_SHEET = A4_CARD_SHEET.columns * A4_CARD_SHEET.rows

const SHEET_LEFT_MM =
  (A4_SIZE_MM.width - A4_CARD_SHEET.columns * CARD_WIDTH_MM - A4_CARD_SHEET.gapXMm) / 2
const SHEET_TOP_MM =
  (A4_SIZE_MM.height -
    A4_CARD_SHEET.rows * CARD_HEIGHT_MM -
    (A4_CARD_SHEET.rows - 1) * A4_CARD_SHEET.gapYMm) /
  2

/**
 * Where card `index` (0–9) of a sheet goes. The back sheet mirrors the columns: printed
 * long-edge duplex, the back of the card in column 0 lands behind it in column 1.
 */
export function a4CardSlot(index: number, side: 'front' | 'back'): RectMm {
  const row = Math.floor(index / A4_CARD_SHEET.columns)
  const frontColumn = index % A4_CARD_SHEET.columns
  const column = side === 'front' ? frontColumn : A4_CARD_SHEET.columns - 1 - frontColumn
  return {
    x: SHEET_LEFT_MM + column * (CARD_WIDTH_MM + A4_CARD_SHEET.gapXMm),
    y: SHEET_TOP_MM + row * (CARD_HEIGHT_MM + A4_CARD_SHEET.gapYMm),
    width: CARD_WIDTH_MM,
    height: CARD_HEIGHT_MM,
  }
}

const CROP_MARK_OFFSET_MM = 1
const CROP_MARK_MAX_LENGTH_MM = 4
const CROP_MARK_MIN_LENGTH_MM = 0.8
/** Printers cannot print right up to the paper's edge. */
const PAGE_EDGE_CLEARANCE_MM = 2

/**
 * Crop marks: short lines on the extension of each card edge, starting 1 mm outside the corner.
 * A mark stops halfway to the neighbouring card (so two cards' marks never meet) or before the
 * paper edge, and is left out where there is no room: no mark ever touches a card.
 */
export function cropMarkSegments(
  cards: RectMm[],
  page: { width: number; height: number },
): Array<[number, number, number, number]> {
  const segments: Array<[number, number, number, number]> = []
  const overlapsVertically = (a: RectMm, b: RectMm) => a.y < b.y + b.height && b.y < a.y + a.height
  const overlapsHorizontally = (a: RectMm, b: RectMm) => a.x < b.x + b.width && b.x < a.x + a.width
  const markLength = (room: number, isNeighbourCard: boolean) => {
    const usable = isNeighbourCard ? room / 2 : room - PAGE_EDGE_CLEARANCE_MM
    const length = Math.min(CROP_MARK_MAX_LENGTH_MM, usable - CROP_MARK_OFFSET_MM)
    return length >= CROP_MARK_MIN_LENGTH_MM ? length : 0
  }
  for (const card of cards) {
    const right = card.x + card.width
    const bottom = card.y + card.height
    const sameRow = cards.filter((other) => other !== card && overlapsVertically(card, other))
    const sameColumn = cards.filter((other) => other !== card && overlapsHorizontally(card, other))
    const leftNeighbour = sameRow.filter((o) => o.x + o.width <= card.x)
    const rightNeighbour = sameRow.filter((o) => o.x >= right)
    const upperNeighbour = sameColumn.filter((o) => o.y + o.height <= card.y)
    const lowerNeighbour = sameColumn.filter((o) => o.y >= bottom)
    const roomLeft = Math.min(card.x, ...leftNeighbour.map((o) => card.x - (o.x + o.width)))
    const roomRight = Math.min(page.width - right, ...rightNeighbour.map((o) => o.x - right))
    const roomUp = Math.min(card.y, ...upperNeighbour.map((o) => card.y - (o.y + o.height)))
    const roomDown = Math.min(page.height - bottom, ...lowerNeighbour.map((o) => o.y - bottom))
    const left = markLength(roomLeft, leftNeighbour.length > 0)
    const rightLength = markLength(roomRight, rightNeighbour.length > 0)
    const up = markLength(roomUp, upperNeighbour.length > 0)
    const down = markLength(roomDown, lowerNeighbour.length > 0)
    const o = CROP_MARK_OFFSET_MM
    for (const y of [card.y, bottom]) {
      if (left > 0) segments.push([card.x - o - left, y, card.x - o, y])
      if (rightLength > 0) segments.push([right + o, y, right + o + rightLength, y])
    }
    for (const x of [card.x, right]) {
      if (up > 0) segments.push([x, card.y - o - up, x, card.y - o])
      if (down > 0) segments.push([x, bottom + o, x, bottom + o + down])
    }
  }
  return segments
}

export function drawCropMarks(painter: PdfPainter, cards: RectMm[]): void {
  painter.strokeLines(
    cropMarkSegments(cards, { width: A4_SIZE_MM.width, height: A4_SIZE_MM.height }),
    PRINT_COLOURS.cropMark,
    0.25,
  )
}
