import { readFileSync } from 'node:fs'
import { crc32, deflateSync } from 'node:zlib'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { parseDistrictConfig } from '@shared/district/district-config'
import { brandingFromDistrict } from '@shared/printing/branding'
import { CALIBRATION_LIMITS, clampCalibration } from '@shared/printing/calibration'
import {
  a4CardSlot,
  CARD_FRONT_BOXES,
  CARD_HEIGHT_MM,
  CARD_WIDTH_MM,
  cropMarkSegments,
} from '@shared/printing/card-layout'
import {
  ELLIPSIS,
  fitText,
  wrapWords,
  type FitTextOptions,
  type MeasureText,
} from '@shared/printing/fit-text'
import type { RectMm } from '@shared/printing/geometry'
import { decodePng, prepareLogo } from '@shared/printing/logo-images'
import { formatPrintedDate, formatRtRw } from '@shared/printing/participant-fields'
import { makePrintable } from '@shared/printing/printable-text'
import { createQrModules, formatBitsLevelM } from '@shared/printing/qr-mask'
import { darkRuns, drawQrCode, qrMatrix, QR_QUIET_ZONE_MODULES } from '@shared/printing/qr-vector'
import { layoutSticker, MIN_STICKER_QR_MM } from '@shared/printing/sticker-layout'
import {
  BUILT_IN_STICKER_TEMPLATES,
  clampStartPosition,
  stickerCellRects,
  stickerCellSize,
  validateStickerTemplate,
} from '@shared/printing/sticker-templates'
import { A4_SIZE_MM, POINTS_PER_MM, type StickerTemplate } from '@shared/printing/print-model'

/** Every character is half an em wide: easy to reason about, linear in the size like a font. */
const halfEmMeasure: MeasureText = (text, size) => Array.from(text).length * size * 0.5

function options(overrides: Partial<FitTextOptions> = {}): FitTextOptions {
  return {
    widthPt: 100,
    heightPt: 30,
    maxFontSizePt: 10,
    minFontSizePt: 6,
    maxLines: 2,
    lineHeightFactor: 1.362,
    measure: halfEmMeasure,
    ...overrides,
  }
}

function assertFits(text: string, fitOptions: FitTextOptions): void {
  const fitted = fitText(text, fitOptions)
  const lines = fitted.paragraphs.flat()
  expect(lines.length).toBeLessThanOrEqual(fitOptions.maxLines)
  expect(fitted.heightPt).toBeLessThanOrEqual(fitOptions.heightPt + 1e-6)
  for (const line of lines) {
    expect(halfEmMeasure(line, fitted.fontSizePt)).toBeLessThanOrEqual(fitOptions.widthPt + 1e-6)
  }
  expect(fitted.fontSizePt).toBeGreaterThanOrEqual(fitOptions.minFontSizePt)
}

describe('fitText keeps every line inside its box', () => {
  it('keeps a short name on one line at the largest size', () => {
    const fitted = fitText('Siti Aminah', options())
    expect(fitted).toMatchObject({ fontSizePt: 10, paragraphs: [['Siti Aminah']] })
    expect(fitted.isShortened).toBe(false)
  })

  it('wraps before it shrinks, while two lines fit the height', () => {
    // 24 characters at 10 pt = 120 pt > 100 pt: two lines, 2 × 13.62 pt < 30 pt.
    const fitted = fitText('Muhammad Abdurrahman bin', options())
    expect(fitted.fontSizePt).toBe(10)
    expect(fitted.paragraphs).toEqual([['Muhammad Abdurrahman', 'bin']])
  })

  it('shrinks when two lines are not enough at the largest size', () => {
    const fitted = fitText('Abcdefghij Abcdefghij Abcdefghij Abcdefghij', options())
    expect(fitted.fontSizePt).toBeLessThan(10)
    expect(fitted.isShortened).toBe(false)
    expect(fitted.paragraphs[0]).toHaveLength(2)
  })

  it('splits a word wider than a line only when no size fits it whole', () => {
    expect(wrapWords('A'.repeat(40), 100, 6, halfEmMeasure, false)).toBeNull()
    const fitted = fitText('A'.repeat(40), options())
    expect(fitted.isShortened).toBe(false)
    expect(fitted.paragraphs[0]?.join('')).toBe('A'.repeat(40))
  })

  it('cuts with "…" at the smallest size when nothing else works', () => {
    const fitted = fitText('W'.repeat(120), options())
    expect(fitted.isShortened).toBe(true)
    expect(fitted.fontSizePt).toBe(6)
    const lines = fitted.paragraphs.flat()
    expect(lines).toHaveLength(2)
    expect(lines[1]?.endsWith(ELLIPSIS)).toBe(true)
  })

  it('counts the paragraph gap when deciding where to cut', () => {
    const fitted = fitText(['one two three four', 'five six seven eight'], {
      ...options({ widthPt: 40, heightPt: 20, maxLines: 10 }),
      paragraphGapFactor: 1,
    })
    expect(fitted.isShortened).toBe(true)
    expect(fitted.paragraphs.flat().at(-1)?.endsWith(ELLIPSIS)).toBe(true)
    expect(fitted.heightPt).toBeLessThanOrEqual(20 + 1e-6)
  })

  it('returns no lines for empty or blank text', () => {
    expect(fitText('   ', options()).paragraphs).toEqual([])
  })

  it.each([
    ['a 120-character name', 'Muhammad Abdurrahman '.repeat(6).slice(0, 120)],
    ['many one-letter words', 'A B C D E F G H I J K L M N O P Q R S T U V W X Y Z '.repeat(3)],
    ['a word without spaces', 'Sulaimanabdurrahmanalbanjariputramahakam'.repeat(3)],
    ['a name with diacritics', 'Nguyễn Thị Hồng Nhung Éléonore Müller-Ñúñez Çağlar Øster'],
    ['a narrow box', 'Siti Aminah binti Haji Abdullah'],
  ])('%s never leaves the box', (_label, text) => {
    for (const widthPt of [30, 60, 160]) {
      for (const heightPt of [8.5, 17, 40]) {
        assertFits(text, options({ widthPt, heightPt }))
      }
    }
  })
})

describe('makePrintable', () => {
  const latinOnly = (codePoint: number) => codePoint < 0x2000

  it('keeps Latin letters with diacritics and composes decomposed ones', () => {
    expect(makePrintable('Nguyễn Müller', latinOnly)).toEqual({
      text: 'Nguyễn Müller',
      unprintable: [],
    })
    expect(makePrintable('Jose\u0301', latinOnly).text).toBe('José')
  })

  it('replaces each character without a glyph by one "?" and names it once', () => {
    expect(makePrintable('王小明 😀😀 Ali', latinOnly)).toEqual({
      text: '??? ?? Ali',
      unprintable: ['王', '小', '明', '😀'],
    })
  })

  it('drops invisible formatting characters and collapses whitespace', () => {
    expect(makePrintable(' Siti\u200b\tAminah\u202e\n', latinOnly).text).toBe('Siti Aminah')
  })
})

describe('participant fields on paper', () => {
  it.each([
    ['1990-05-15', '15-05-1990'],
    ['2000-02-29', '29-02-2000'],
    ['2001-02-29', '-'],
    ['', '-'],
    ['15/05/1990', '-'],
  ])('date %j prints as %j', (iso, printed) => {
    expect(formatPrintedDate(iso)).toBe(printed)
  })

  it('pads RT and RW to three digits and prints dashes when empty', () => {
    expect(formatRtRw('3', '12')).toBe('RT 003 / RW 012')
    expect(formatRtRw('', '')).toBe('RT - / RW -')
  })
})

describe('QR codes as vector runs', () => {
  it('sizes the matrix for the text (version 1 is 21 modules)', () => {
    expect(qrMatrix('HELLO WORLD')).toMatchObject({ size: 21, version: 1 })
  })

  it('fits a 350-character card token in a version-11 code (61 modules)', () => {
    const token = `NGN1:${'7K3M9QX2 $%*+-./:'.repeat(21)}`.slice(0, 350)
    expect(qrMatrix(token)).toMatchObject({ size: 61, version: 11 })
  })

  it('merges each row into maximal runs that cover exactly the dark modules', () => {
    const matrix = qrMatrix('NGN1:ABC123')
    const runs = darkRuns(matrix)
    let darkCount = 0
    for (let row = 0; row < matrix.size; row += 1) {
      for (let column = 0; column < matrix.size; column += 1) {
        if (matrix.isDark(row, column)) darkCount += 1
      }
    }
    expect(runs.reduce((sum, run) => sum + run.length, 0)).toBe(darkCount)
    for (const run of runs) {
      expect(matrix.isDark(run.row, run.column - 1)).toBe(false)
      expect(matrix.isDark(run.row, run.column + run.length)).toBe(false)
    }
    expect(runs.length).toBeLessThan(darkCount)
  })

  it('chooses the mask qrcode chooses: the same modules as QRCode.create', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
    let state = 12345
    const nextIndex = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31
      return state % alphabet.length
    }
    const texts = ['HELLO WORLD', 'NGN1:ABC123', 'naungan 2026 · kartu', 'x'.repeat(300)]
    for (let count = 0; count < 60; count += 1) {
      const length = 20 + ((count * 37) % 360)
      texts.push(`NGN1:${Array.from({ length }, () => alphabet[nextIndex()]).join('')}`)
    }
    const masksSeen = new Set<number>()
    for (const text of texts) {
      const input = /^[0-9A-Z $%*+\-./:]+$/.test(text)
        ? [{ data: text, mode: 'alphanumeric' as const }]
        : text
      const expected = QRCode.create(input, { errorCorrectionLevel: 'M' })
      const fast = createQrModules(input)
      expect(fast.maskPattern).toBe(expected.maskPattern)
      expect(fast.version).toBe(expected.version)
      expect(Buffer.from(fast.data).equals(Buffer.from(expected.modules.data))).toBe(true)
      expect(qrMatrix(text).modules).toEqual(fast.data)
      masksSeen.add(fast.maskPattern)
    }
    // The comparison means something only if the choice varied.
    expect(masksSeen.size).toBeGreaterThan(3)
  })

  it('writes the format bits of each mask as qrcode does (level M, with the BCH code)', () => {
    // ISO/IEC 18004 table C.1, level M (00), masks 0–7.
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(formatBitsLevelM)).toEqual([
      0x5412, 0x5125, 0x5e7c, 0x5b4b, 0x45f9, 0x40ce, 0x4f97, 0x4aa0,
    ])
  })

  it('paints the quiet zone white, then the dark runs in module units in one black fill', () => {
    const calls: string[] = []
    const rects: Array<[number, number, number, number]> = []
    const painter = {
      save: () => calls.push('save'),
      restore: () => calls.push('restore'),
      transform: (...matrix: number[]) => calls.push(`transform ${matrix.join(' ')}`),
      rect: (x: number, y: number, width: number, height: number) => {
        rects.push([x, y, width, height])
      },
      // pdfkit's `rect` writes "x y w h re"; the runs come as those lines in one piece.
      addContent: (operators: string) => {
        for (const line of operators.split('\n')) {
          const [x, y, width, height, operator] = line.split(' ')
          expect(operator).toBe('re')
          rects.push([Number(x), Number(y), Number(width), Number(height)])
        }
      },
      fill: (color: string) => calls.push(`fill ${color}`),
    }
    const code = drawQrCode(painter, 'HELLO WORLD', { x: 10, y: 20, size: 58 })
    const matrix = qrMatrix('HELLO WORLD')
    expect(code.size).toBe(matrix.size)
    // 21 modules + 2 × 4 quiet = 29 modules in 58 pt: 2 pt a module, the code starts 8 pt in.
    expect(calls).toEqual([
      'fill #FFFFFF',
      'save',
      'transform 2 0 0 2 18 28',
      'fill #000000',
      'restore',
    ])
    expect(rects[0]).toEqual([10, 20, 58, 58])
    for (const [x, y, width, height] of rects.slice(1)) {
      expect(Number.isInteger(x) && Number.isInteger(y) && Number.isInteger(width)).toBe(true)
      expect(height).toBe(1)
      expect(x + width).toBeLessThanOrEqual(matrix.size)
      expect(y).toBeLessThan(matrix.size)
    }
    expect(rects).toHaveLength(darkRuns(matrix).length + 1)
    expect(QR_QUIET_ZONE_MODULES).toBe(4)
  })
})

describe('clampCalibration', () => {
  it.each([
    [
      { offsetXMm: 1.5, offsetYMm: -2, scale: 1.01 },
      { offsetXMm: 1.5, offsetYMm: -2, scale: 1.01 },
      false,
    ],
    [
      { offsetXMm: 500, offsetYMm: -500, scale: 5 },
      { offsetXMm: 20, offsetYMm: -20, scale: 1.1 },
      true,
    ],
    [{ offsetXMm: 0, offsetYMm: 0, scale: 0.5 }, { offsetXMm: 0, offsetYMm: 0, scale: 0.9 }, true],
    [
      { offsetXMm: Number.NaN, offsetYMm: 0, scale: 1 },
      { offsetXMm: 0, offsetYMm: 0, scale: 1 },
      true,
    ],
    [
      { offsetXMm: 0, offsetYMm: Number.POSITIVE_INFINITY, scale: Number.NaN },
      { offsetXMm: 0, offsetYMm: 0, scale: 1 },
      true,
    ],
    [
      { offsetXMm: 20, offsetYMm: -20, scale: 1.1 },
      { offsetXMm: 20, offsetYMm: -20, scale: 1.1 },
      false,
    ],
  ])('%j → %j (clamped: %s)', (input, calibration, wasClamped) => {
    expect(clampCalibration(input)).toEqual({ calibration, wasClamped })
  })

  it('treats a missing calibration as none', () => {
    expect(clampCalibration(undefined)).toEqual({
      calibration: { offsetXMm: 0, offsetYMm: 0, scale: 1 },
      wasClamped: false,
    })
    expect(CALIBRATION_LIMITS.maxOffsetMm).toBe(20)
  })
})

describe('sticker templates', () => {
  const a4 = (id: string) => BUILT_IN_STICKER_TEMPLATES.find((t) => t.id === id)!

  it('ships four valid A4 sheets with Indonesian labels', () => {
    expect(BUILT_IN_STICKER_TEMPLATES.map((t) => t.id)).toEqual(['a4-1', 'a4-2', 'a4-4', 'a4-8'])
    for (const template of BUILT_IN_STICKER_TEMPLATES) {
      expect(validateStickerTemplate(template)).toEqual({ ok: true })
      expect(template.label).toMatch(/stiker per lembar A4/)
    }
    expect(stickerCellSize(a4('a4-1'))).toEqual({ width: 190, height: 277 })
    expect(stickerCellSize(a4('a4-8'))).toEqual({ width: 93, height: 66.25 })
  })

  it('numbers cells left to right, then top to bottom', () => {
    const cells = stickerCellRects(a4('a4-4'))
    expect(cells.map((c) => [c.x, c.y])).toEqual([
      [10, 10],
      [107, 10],
      [10, 150.5],
      [107, 150.5],
    ])
  })

  const base: StickerTemplate = {
    id: 'custom',
    label: 'Label 100 × 150',
    pageWidthMm: 100,
    pageHeightMm: 150,
    rows: 2,
    columns: 1,
    marginTopMm: 5,
    marginLeftMm: 5,
    gapXMm: 0,
    gapYMm: 3,
  }

  it.each([
    ['a page of 40 mm', { pageWidthMm: 40 }, 'PAGE_SIZE_OUT_OF_RANGE'],
    ['a page of 2 m', { pageHeightMm: 2000 }, 'PAGE_SIZE_OUT_OF_RANGE'],
    ['a page size that is not a number', { pageWidthMm: Number.NaN }, 'PAGE_SIZE_OUT_OF_RANGE'],
    ['no rows', { rows: 0 }, 'GRID_OUT_OF_RANGE'],
    ['21 columns', { columns: 21 }, 'GRID_OUT_OF_RANGE'],
    ['half a row', { rows: 1.5 }, 'GRID_OUT_OF_RANGE'],
    ['a negative margin', { marginLeftMm: -1 }, 'NEGATIVE_SPACING'],
    ['margins wider than the page', { marginLeftMm: 60 }, 'CELLS_OFF_PAGE'],
    ['cells 39 mm wide', { marginLeftMm: 30.5 }, 'CELL_TOO_SMALL'],
    ['cells 29 mm high', { rows: 5, gapYMm: 0, marginTopMm: 2.5 }, 'CELL_TOO_SMALL'],
  ])('refuses %s', (_label, change, problem) => {
    const check = validateStickerTemplate({ ...base, ...change })
    expect(check).toEqual({ ok: false, problems: [problem] })
  })

  it('accepts a custom label sheet', () => {
    expect(validateStickerTemplate(base)).toEqual({ ok: true })
  })

  it.each([
    [3, 4, 3],
    [0, 4, 1],
    [-5, 4, 1],
    [99, 4, 4],
    [2.6, 8, 3],
    [Number.NaN, 8, 1],
  ])('start position %s on a %s-cell sheet → %s', (start, cells, expected) => {
    expect(clampStartPosition(start, cells)).toBe(expected)
  })
})

function isInside(inner: RectMm, outer: RectMm, tolerance = 1e-6): boolean {
  return (
    inner.x >= outer.x - tolerance &&
    inner.y >= outer.y - tolerance &&
    inner.x + inner.width <= outer.x + outer.width + tolerance &&
    inner.y + inner.height <= outer.y + outer.height + tolerance
  )
}

function overlaps(a: RectMm, b: RectMm): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

describe('sticker layout scales with the cell', () => {
  // Noto Sans: (ascender 1069 + descender 293) / 1000 em per line.
  const lineHeightMmPerPt = 1.362 / POINTS_PER_MM
  const cells: Array<[string, RectMm]> = [
    ...BUILT_IN_STICKER_TEMPLATES.map((t) => [t.id, stickerCellRects(t)[0]!] as [string, RectMm]),
    ['the smallest allowed cell', { x: 0, y: 0, width: 40, height: 30 }],
  ]

  it.each(cells)('%s: every box inside the cell, the QR code clear of the text', (id, cell) => {
    const boxes = layoutSticker(cell, 3, lineHeightMmPerPt)
    const qr = { x: boxes.qr.x, y: boxes.qr.y, width: boxes.qr.size, height: boxes.qr.size }
    const textBoxes = [
      ...boxes.headline,
      boxes.districtYear,
      boxes.nameLabel,
      boxes.name,
      boxes.village,
      boxes.rtRw,
      boxes.number,
    ]
    for (const box of [...textBoxes, qr, boxes.serial]) expect(isInside(box, cell)).toBe(true)
    for (const box of textBoxes) expect(overlaps(box, qr)).toBe(false)
    expect(overlaps(boxes.serial, qr)).toBe(false)
    if (id.startsWith('a4')) expect(boxes.qr.size).toBeGreaterThanOrEqual(MIN_STICKER_QR_MM)
  })

  it('gives a one-per-A4 sticker a much bigger QR code than an eight-per-A4 one', () => {
    const big = layoutSticker(stickerCellRects(BUILT_IN_STICKER_TEMPLATES[0]!)[0]!, 3, 0.48)
    const small = layoutSticker(stickerCellRects(BUILT_IN_STICKER_TEMPLATES[3]!)[0]!, 3, 0.48)
    expect(big.qr.size).toBeGreaterThan(2 * small.qr.size)
  })
})

describe('membership card geometry', () => {
  const card: RectMm = { x: 0, y: 0, width: CARD_WIDTH_MM, height: CARD_HEIGHT_MM }

  it('keeps the name box and the QR code on the card and apart', () => {
    const qr = {
      ...CARD_FRONT_BOXES.qr,
      width: CARD_FRONT_BOXES.qr.size,
      height: CARD_FRONT_BOXES.qr.size,
    }
    expect(isInside(CARD_FRONT_BOXES.name, card)).toBe(true)
    expect(isInside(qr, card)).toBe(true)
    expect(overlaps(CARD_FRONT_BOXES.name, qr)).toBe(false)
    expect(CARD_FRONT_BOXES.qr.size).toBeGreaterThanOrEqual(20)
  })

  const a4: RectMm = { x: 0, y: 0, width: A4_SIZE_MM.width, height: A4_SIZE_MM.height }
  const fronts = Array.from({ length: 10 }, (_, index) => a4CardSlot(index, 'front'))

  it('puts ten cards on A4, centred, none overlapping', () => {
    for (const [index, slot] of fronts.entries()) {
      expect(isInside(slot, a4)).toBe(true)
      for (const other of fronts.slice(index + 1)) expect(overlaps(slot, other)).toBe(false)
    }
    const left = Math.min(...fronts.map((s) => s.x))
    const right = Math.max(...fronts.map((s) => s.x + s.width))
    expect(left).toBeCloseTo(A4_SIZE_MM.width - right, 6)
  })

  it('mirrors the columns on the back sheet for long-edge duplex', () => {
    expect(a4CardSlot(0, 'back')).toEqual(a4CardSlot(1, 'front'))
    expect(a4CardSlot(1, 'back')).toEqual(a4CardSlot(0, 'front'))
    expect(a4CardSlot(9, 'back')).toEqual(a4CardSlot(8, 'front'))
  })

  it.each([10, 3, 1])('crop marks for %s cards touch no card and mark every cut line', (count) => {
    const cards = fronts.slice(0, count)
    const segments = cropMarkSegments(cards, { width: 210, height: 297 })
    for (const [x1, y1, x2, y2] of segments) {
      const mark: RectMm = {
        x: Math.min(x1, x2),
        y: Math.min(y1, y2),
        width: Math.abs(x2 - x1),
        height: Math.abs(y2 - y1),
      }
      // A line on a card's edge extended is outside the card: only strict overlap counts.
      for (const card of cards) expect(overlaps(mark, card)).toBe(false)
      expect(isInside(mark, a4)).toBe(true)
    }
    for (const card of cards) {
      for (const x of [card.x, card.x + card.width]) {
        expect(segments.some(([x1, , x2]) => x1 === x && x2 === x)).toBe(true)
      }
      for (const y of [card.y, card.y + card.height]) {
        expect(segments.some(([, y1, , y2]) => y1 === y && y2 === y)).toBe(true)
      }
    }
  })
})

describe('logos are checked and made opaque before pdfkit sees them', () => {
  const logo = readFileSync(
    new URL('../../../../resources/district/logo-kabupaten.png', import.meta.url),
  )

  function pngChunk(type: string, data: Uint8Array): Buffer {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }

  function png(
    width: number,
    height: number,
    raw: Uint8Array,
    { colourType = 6, bitDepth = 8, interlace = 0, extra = [] as Buffer[] } = {},
  ): Buffer {
    const header = Buffer.alloc(13)
    header.writeUInt32BE(width, 0)
    header.writeUInt32BE(height, 4)
    header.set([bitDepth, colourType, 0, 0, interlace], 8)
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      ...extra,
      pngChunk('IDAT', deflateSync(raw)),
      pngChunk('IEND', new Uint8Array(0)),
    ])
  }

  async function decoded(bytes: Uint8Array) {
    const image = await decodePng(bytes)
    if ('ok' in image) throw new Error(image.reason)
    return image
  }

  it('re-encodes the shipped RGBA logo as an opaque RGB PNG, transparent parts white', async () => {
    const prepared = await prepareLogo(logo)
    if (!prepared.ok) throw new Error(prepared.reason)
    expect(prepared.format).toBe('png')
    expect(prepared.bytes[25]).toBe(2) // IHDR colour type: RGB, no alpha
    const original = await decoded(logo)
    const opaque = await decoded(prepared.bytes)
    expect([opaque.width, opaque.height]).toEqual([original.width, original.height])
    // Corner: transparent in the original, white now. Centre of the shield: navy, unchanged.
    expect([...opaque.pixels.subarray(0, 4)]).toEqual([255, 255, 255, 255])
    const centre = (128 * 256 + 128) * 4
    expect(original.pixels[centre + 3]).toBe(255)
    expect([...opaque.pixels.subarray(centre, centre + 3)]).toEqual([
      ...original.pixels.subarray(centre, centre + 3),
    ])
  })

  it('passes an opaque, non-interlaced PNG through untouched', async () => {
    const rgb = png(2, 1, new Uint8Array([0, 10, 20, 30, 40, 50, 60]), { colourType: 2 })
    const prepared = await prepareLogo(rgb)
    expect(prepared).toEqual({ ok: true, format: 'png', bytes: rgb })
  })

  it('decodes filters, palettes with transparency, small bit depths and interlacing', async () => {
    // 2 × 2 RGB, row 0 with the Sub filter, row 1 with Up.
    const filtered = await decoded(
      png(2, 2, new Uint8Array([1, 10, 20, 30, 5, 5, 5, 2, 1, 1, 1, 0, 0, 0]), { colourType: 2 }),
    )
    expect([...filtered.pixels]).toEqual([
      10, 20, 30, 255, 15, 25, 35, 255, 11, 21, 31, 255, 15, 25, 35, 255,
    ])
    // 4 × 1 at 2 bits per palette index, index 1 transparent.
    const palette = pngChunk('PLTE', new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]))
    const alpha = pngChunk('tRNS', new Uint8Array([255, 0]))
    const indexed = await decoded(
      png(4, 1, new Uint8Array([0, 0b00011011]), {
        colourType: 3,
        bitDepth: 2,
        extra: [palette, alpha],
      }),
    )
    expect([...indexed.pixels]).toEqual([
      255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 9, 9, 9, 255,
    ])
    // 2 × 2 grey, Adam7: pass 1 holds (0,0), pass 6 (1,0), pass 7 row 1.
    const interlaced = await decoded(
      png(2, 2, new Uint8Array([0, 10, 0, 20, 0, 30, 40]), { colourType: 0, interlace: 1 }),
    )
    expect([...interlaced.pixels].filter((_, i) => i % 4 === 0)).toEqual([10, 20, 30, 40])
    const prepared = await prepareLogo(
      png(2, 2, new Uint8Array([0, 10, 0, 20, 0, 30, 40]), { colourType: 0, interlace: 1 }),
    )
    expect(prepared.ok && prepared.bytes[28]).toBe(0) // re-encoded without interlacing
  })

  it.each([
    [
      'random bytes',
      () => Uint8Array.from({ length: 500 }, (_, i) => (i * 7919) % 251),
      'NOT_PNG_OR_JPEG',
    ],
    ['a PNG cut in half', () => logo.subarray(0, Math.floor(logo.length / 2)), 'DAMAGED'],
    ['a PNG cut just before its end', () => logo.subarray(0, logo.length - 300), 'DAMAGED'],
    [
      'a PNG with an unknown row filter',
      () => png(2, 2, new Uint8Array([9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
      'DAMAGED',
    ],
    ['a PNG with too few pixels', () => png(4, 4, new Uint8Array(10)), 'DAMAGED'],
    [
      'a palette PNG without a palette',
      () => png(1, 1, new Uint8Array(2), { colourType: 3 }),
      'DAMAGED',
    ],
    ['a PNG of 10,000 pixels square', () => png(10_000, 10_000, new Uint8Array(1)), 'TOO_LARGE'],
  ])('refuses %s', async (_label, bytes, reason) => {
    expect(await prepareLogo(bytes())).toEqual({ ok: false, reason })
  })
})

describe('brandingFromDistrict', () => {
  const config = parseDistrictConfig(
    JSON.parse(
      readFileSync(
        new URL('../../../../resources/district/district.json', import.meta.url),
        'utf8',
      ),
    ),
  )
  const logos = [new Uint8Array([1]), new Uint8Array([2])]

  it('takes the Indonesian texts for an Indonesian card', () => {
    const branding = brandingFromDistrict(config, 2026, logos, 'id')
    expect(branding).toMatchObject({
      programmeTitle: config.programme.titleId,
      districtName: 'Kabupaten Kutai Kartanegara',
      year: 2026,
      contactText: config.contact.id,
      cardTitle: 'KARTU PESERTA',
      stickerWords: ['RUMAH PESERTA', 'JAMINAN SOSIAL KETENAGAKERJAAN', 'PEKERJA RENTAN'],
    })
    expect(branding.logos).toBe(logos)
    expect(branding.benefits[1]).toMatch(/Jaminan Kematian \(JKM\): santunan Rp42 juta/)
  })

  it('takes the English texts for an English card', () => {
    const branding = brandingFromDistrict(config, 2027, [], 'en')
    expect(branding.programmeTitle).toBe(config.programme.titleEn)
    expect(branding.benefits).toEqual(config.print.benefitsEn)
    expect(branding.contactText).toBe(config.contact.en)
    expect(branding.cardTitle).toBe('MEMBERSHIP CARD')
  })
})
