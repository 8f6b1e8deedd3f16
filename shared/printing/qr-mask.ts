/**
 * The QR mask choice of the `qrcode` package, made ~10× faster and with the same result.
 *
 * `QRCode.create` tries all eight masks and keeps the one with the lowest penalty (ISO/IEC 18004
 * §7.8.3, as `qrcode` scores it). Its scoring reads every module through method calls eight times
 * over and took ~1 s of a 1,000-card batch (tests/bench/print). Here `qrcode` builds the symbol
 * with mask 0 (no search); the mask is taken off again (the modules it left unmasked are marked
 * reserved), and the eight candidates are scored on flat byte arrays with `qrcode`'s own rules —
 * its run, block, finder-like pattern and balance penalties, format information written for each
 * candidate, first lowest penalty wins. The modules returned are therefore exactly those
 * `QRCode.create` without a fixed mask returns (tests/unit/shared/printing/layout.test.ts compares them),
 * so a card prints the same code as before.
 */
import QRCode from 'qrcode'

export interface QrModules {
  /** Modules per side. */
  size: number
  version: number
  /** Row-major, 1 = dark. */
  data: Uint8Array
  maskPattern: number
}

/** `qrcode`'s penalty weights (lib/core/mask-pattern.js). */
// N1 (3 for a run of five, one more per module beyond) is counted per module in maskPenalty.
const N2 = 3
const N3 = 40
const N4 = 10

type MaskFunction = (row: number, column: number) => boolean

/** ISO/IEC 18004 table 10, as `qrcode`'s getMaskAt: true where a data module is inverted. */
const MASKS: readonly MaskFunction[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
]

/** Error correction level M's two format bits (`qrcode`'s ECLevel.M.bit). */
const EC_LEVEL_M_BITS = 0
const G15 = (1 << 10) | (1 << 8) | (1 << 5) | (1 << 4) | (1 << 2) | (1 << 1) | (1 << 0)
const G15_MASK = (1 << 14) | (1 << 12) | (1 << 10) | (1 << 4) | (1 << 1)

function bchDigit(value: number): number {
  let digit = 0
  for (let rest = value; rest !== 0; rest >>>= 1) digit += 1
  return digit
}

/** The 15 format bits (level M, `mask`) with their BCH code, as `qrcode`'s format-info.js. */
export function formatBitsLevelM(mask: number): number {
  const data = (EC_LEVEL_M_BITS << 3) | mask
  let remainder = data << 10
  const g15Digit = bchDigit(G15)
  while (bchDigit(remainder) - g15Digit >= 0) {
    remainder ^= G15 << (bchDigit(remainder) - g15Digit)
  }
  return ((data << 10) | remainder) ^ G15_MASK
}

/** Where `qrcode`'s setupFormatInfo writes format bit i: two module indices per bit. */
function formatPositions(size: number): Array<[number, number]> {
  const positions: Array<[number, number]> = []
  for (let i = 0; i < 15; i += 1) {
    const vertical = i < 6 ? i * size + 8 : i < 8 ? (i + 1) * size + 8 : (size - 15 + i) * size + 8
    const horizontal =
      i < 8 ? 8 * size + (size - i - 1) : i < 9 ? 8 * size + (15 - i) : 8 * size + (14 - i)
    positions.push([vertical, horizontal])
  }
  return positions
}

/**
 * Per size: each mask's inversions restricted to the modules a mask may touch would need the
 * reserved map, which is the same for every code of one version; cached per version.
 */
const maskedCache = new Map<number, { reserved: Uint8Array; masks: Uint8Array[] }>()

function masksFor(version: number, size: number, reserved: Uint8Array) {
  const held = maskedCache.get(version)
  if (held) return held
  const masks = MASKS.map((maskAt) => {
    const bits = new Uint8Array(size * size)
    for (let row = 0; row < size; row += 1) {
      for (let column = 0; column < size; column += 1) {
        const index = row * size + column
        if (!reserved[index] && maskAt(row, column)) bits[index] = 1
      }
    }
    return bits
  })
  const made = { reserved: reserved.slice(), masks }
  maskedCache.set(version, made)
  return made
}

function sameReserved(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false
  return true
}

/**
 * `qrcode`'s getPenaltyN1..N4 summed, over a flat row-major matrix. The colours are as good as
 * random, so a branch on them is mispredicted half the time: every test below is arithmetic.
 * A run of L ≥ 5 same-coloured modules scores 3 + (L − 5) (N1): one point at each of its modules
 * from the fifth on, two more at the fifth. With `limit`, it may stop as soon as the sum reaches
 * it: the result is then only known to be ≥ `limit`.
 */
export function maskPenalty(data: Uint8Array, size: number, limit = Infinity): number {
  // N4: how far the share of dark modules is from 50 %, in steps of 5 %.
  let dark = 0
  for (let index = 0; index < data.length; index += 1) dark += data[index]!
  const k = Math.abs(Math.ceil((dark * 100) / data.length / 5) - 10)
  // N2: 2×2 blocks of one colour (a sum of 0 or 4).
  let blocks = 0
  for (let row = 0; row < size - 1; row += 1) {
    const top = row * size
    const bottom = top + size
    for (let column = 0; column < size - 1; column += 1) {
      const sum =
        data[top + column]! +
        data[top + column + 1]! +
        data[bottom + column]! +
        data[bottom + column + 1]!
      blocks += ((sum & 3) - 1) >>> 31
    }
  }
  let total = k * N4 + blocks * N2
  // N1 and N3, a row and a column at a time. Every term is ≥ 0, so once the sum reaches `limit`
  // (the best mask so far, which a later mask must beat strictly) the rest cannot change the
  // choice: stop there.
  for (let line = 0; line < size && total < limit; line += 1) {
    const rowStart = line * size
    let rowLast = data[rowStart]!
    let columnLast = data[line]!
    let rowCount = 1
    let columnCount = 1
    let rowBits = rowLast
    let columnBits = columnLast
    let n1 = 0
    let n3 = 0
    for (let step = 1; step < size; step += 1) {
      const inRow = data[rowStart + step]!
      const inColumn = data[step * size + line]!
      // 1 when the colour repeats (colours are 0 or 1).
      rowCount = rowCount * (inRow ^ rowLast ^ 1) + 1
      columnCount = columnCount * (inColumn ^ columnLast ^ 1) + 1
      rowLast = inRow
      columnLast = inColumn
      n1 +=
        ((4 - rowCount) >>> 31) +
        ((4 - columnCount) >>> 31) +
        2 * ((((rowCount ^ 5) - 1) >>> 31) + (((columnCount ^ 5) - 1) >>> 31))
      rowBits = ((rowBits << 1) & 0x7ff) | inRow
      columnBits = ((columnBits << 1) & 0x7ff) | inColumn
      // From the eleventh module on (as qrcode counts): a window equal to 0x5D0 or 0x05D.
      const counts = (9 - step) >>> 31
      n3 +=
        counts *
        ((((rowBits ^ 0x5d0) - 1) >>> 31) +
          (((rowBits ^ 0x05d) - 1) >>> 31) +
          (((columnBits ^ 0x5d0) - 1) >>> 31) +
          (((columnBits ^ 0x05d) - 1) >>> 31))
    }
    total += n1 + n3 * N3
  }
  return total
}

function writeFormat(data: Uint8Array, positions: Array<[number, number]>, bits: number): void {
  for (let i = 0; i < 15; i += 1) {
    const bit = (bits >> i) & 1
    const [vertical, horizontal] = positions[i]!
    data[vertical] = bit
    data[horizontal] = bit
  }
}

/**
 * The symbol `QRCode.create(input, { errorCorrectionLevel: 'M' })` makes, mask chosen as it
 * chooses it.
 */
export function createQrModules(input: string | QRCode.QRCodeSegment[]): QrModules {
  const code = QRCode.create(input, { errorCorrectionLevel: 'M', maskPattern: 0 })
  const { size, data, reservedBit } = code.modules
  let cached = masksFor(code.version, size, reservedBit)
  if (!sameReserved(cached.reserved, reservedBit)) {
    // Never expected (the function patterns depend on the version only); stay correct anyway.
    maskedCache.delete(code.version)
    cached = masksFor(code.version, size, reservedBit)
  }
  const { masks } = cached
  const mask0 = masks[0]!
  const unmasked = new Uint8Array(data.length)
  for (let index = 0; index < data.length; index += 1)
    unmasked[index] = data[index]! ^ mask0[index]!

  const positions = formatPositions(size)
  const candidate = new Uint8Array(data.length)
  let best = 0
  let lowest = Infinity
  for (let pattern = 0; pattern < masks.length; pattern += 1) {
    const mask = masks[pattern]!
    for (let index = 0; index < data.length; index += 1) {
      candidate[index] = unmasked[index]! ^ mask[index]!
    }
    writeFormat(candidate, positions, formatBitsLevelM(pattern))
    const penalty = maskPenalty(candidate, size, lowest)
    if (penalty < lowest) {
      lowest = penalty
      best = pattern
    }
  }
  const chosen = masks[best]!
  const modules = new Uint8Array(data.length)
  for (let index = 0; index < data.length; index += 1)
    modules[index] = unmasked[index]! ^ chosen[index]!
  writeFormat(modules, positions, formatBitsLevelM(best))
  return { size, version: code.version, data: modules, maskPattern: best }
}
