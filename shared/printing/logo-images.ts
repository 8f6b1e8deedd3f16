/**
 * District logos, made safe for pdfkit before it sees them.
 *
 * pdfkit copies a plain PNG's compressed pixels into the PDF as they are, synchronously. A PNG
 * with transparency (most logos: colour types 4 and 6, or a palette with tRNS) or an interlaced
 * one it decodes later, in a callback: through zlib in Node, and in the browser build through
 * fflate, which starts a nested blob: Worker for it. Inside our print Worker that is one more
 * thing to fail (no nested workers, a stricter CSP), and a damaged file throws from a callback
 * nobody can catch, so the PDF never ends.
 *
 * So such logos are decoded here (DecompressionStream exists in Node ≥ 18, browsers and
 * workers), composited onto white — they print on a white plate anyway — and re-encoded as an
 * opaque RGB PNG that pdfkit embeds without decoding. Any file that is not a readable PNG or
 * JPEG is refused, and the card prints without it.
 */

export type PreparedLogo =
  | {
      ok: true
      format: 'png' | 'jpeg'
      /** What to hand to pdfkit: the original file, or an opaque re-encoding of it. */
      bytes: Uint8Array
    }
  | { ok: false; reason: 'NOT_PNG_OR_JPEG' | 'DAMAGED' | 'TOO_LARGE' }

/** A logo prints 9 mm wide: 2048 pixels is already 5,700 dpi. Larger only costs memory. */
export const MAX_LOGO_SIDE_PX = 2048

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Bit depths each PNG colour type allows (PNG spec, table 11.1), and samples per pixel. */
const PNG_COLOUR_TYPES: Record<number, { depths: number[]; samples: number }> = {
  0: { depths: [1, 2, 4, 8, 16], samples: 1 },
  2: { depths: [8, 16], samples: 3 },
  3: { depths: [1, 2, 4, 8], samples: 1 },
  4: { depths: [8, 16], samples: 2 },
  6: { depths: [8, 16], samples: 4 },
}

/** Adam7 passes: first column, first row, column step, row step. */
const ADAM7_PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const
const NO_INTERLACE_PASSES = [[0, 0, 1, 1]] as const

interface PngHeader {
  width: number
  height: number
  bitDepth: number
  colourType: number
  samples: number
  isInterlaced: boolean
}

interface ParsedPng {
  header: PngHeader
  palette: Uint8Array | null
  transparency: Uint8Array | null
  compressed: Uint8Array<ArrayBuffer>
}

/** Decoded pixels, 8-bit RGBA, row by row. */
export interface RgbaImage {
  width: number
  height: number
  pixels: Uint8Array
}

type Refusal = Extract<PreparedLogo, { ok: false }>
const DAMAGED: Refusal = { ok: false, reason: 'DAMAGED' }

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] ?? 0) * 0x1000000 +
      ((bytes[offset + 1] ?? 0) << 16) +
      ((bytes[offset + 2] ?? 0) << 8) +
      (bytes[offset + 3] ?? 0)) >>>
    0
  )
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    joined.set(part, offset)
    offset += part.length
  }
  return joined
}

function parsePng(bytes: Uint8Array): ParsedPng | Refusal {
  let offset = PNG_SIGNATURE.length
  let header: PngHeader | null = null
  let palette: Uint8Array | null = null
  let transparency: Uint8Array | null = null
  let hasEnd = false
  const imageData: Uint8Array[] = []
  while (offset + 12 <= bytes.length) {
    const length = readUint32(bytes, offset)
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8))
    const dataStart = offset + 8
    if (dataStart + length + 4 > bytes.length) return DAMAGED
    const data = bytes.subarray(dataStart, dataStart + length)
    if (header === null && type !== 'IHDR') return DAMAGED
    if (type === 'IHDR') {
      if (length !== 13) return DAMAGED
      const colourType = data[9] ?? -1
      const bitDepth = data[8] ?? 0
      const kind = PNG_COLOUR_TYPES[colourType]
      if (!kind || !kind.depths.includes(bitDepth)) return DAMAGED
      if (data[10] !== 0 || data[11] !== 0 || (data[12] !== 0 && data[12] !== 1)) return DAMAGED
      header = {
        width: readUint32(data, 0),
        height: readUint32(data, 4),
        bitDepth,
        colourType,
        samples: kind.samples,
        isInterlaced: data[12] === 1,
      }
      if (header.width === 0 || header.height === 0) return DAMAGED
      if (header.width > MAX_LOGO_SIDE_PX || header.height > MAX_LOGO_SIDE_PX) {
        return { ok: false, reason: 'TOO_LARGE' }
      }
    } else if (type === 'PLTE') {
      if (length === 0 || length % 3 !== 0) return DAMAGED
      palette = data
    } else if (type === 'tRNS') {
      transparency = data
    } else if (type === 'IDAT') {
      imageData.push(data)
    } else if (type === 'IEND') {
      hasEnd = true
      break
    }
    offset = dataStart + length + 4
  }
  if (!header || !hasEnd || imageData.length === 0) return DAMAGED
  if (header.colourType === 3 && !palette) return DAMAGED
  return { header, palette, transparency, compressed: concat(imageData) }
}

async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    length += value.byteLength
    if (length > limit) {
      await reader.cancel()
      break
    }
  }
  return concat(chunks)
}

/** zlib-wrapped deflate, as PNG's IDAT holds it; null when the stream is damaged. */
async function inflate(data: Uint8Array<ArrayBuffer>, limit: number): Promise<Uint8Array | null> {
  try {
    return await readAll(
      new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate')),
      limit,
    )
  } catch {
    return null
  }
}

async function deflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return readAll(
    new Blob([data]).stream().pipeThrough(new CompressionStream('deflate')),
    Number.POSITIVE_INFINITY,
  )
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft
  const toLeft = Math.abs(estimate - left)
  const toUp = Math.abs(estimate - up)
  const toUpLeft = Math.abs(estimate - upLeft)
  if (toLeft <= toUp && toLeft <= toUpLeft) return left
  return toUp <= toUpLeft ? up : upLeft
}

/** Undoes one scanline's filter in place (PNG spec, section 9). False for an unknown filter. */
function unfilter(filter: number, row: Uint8Array, previous: Uint8Array, step: number): boolean {
  for (let i = 0; i < row.length; i += 1) {
    const left = i >= step ? (row[i - step] ?? 0) : 0
    const up = previous[i] ?? 0
    const upLeft = i >= step ? (previous[i - step] ?? 0) : 0
    const raw = row[i] ?? 0
    switch (filter) {
      case 0:
        break
      case 1:
        row[i] = raw + left
        break
      case 2:
        row[i] = raw + up
        break
      case 3:
        row[i] = raw + ((left + up) >> 1)
        break
      case 4:
        row[i] = raw + paeth(left, up, upLeft)
        break
      default:
        return false
    }
  }
  return true
}

/** Sample `index` of a scanline at the image's bit depth, as stored (1–16 bits). */
function sampleAt(row: Uint8Array, index: number, bitDepth: number): number {
  if (bitDepth === 8) return row[index] ?? 0
  if (bitDepth === 16) return ((row[2 * index] ?? 0) << 8) | (row[2 * index + 1] ?? 0)
  const bit = index * bitDepth
  const byte = row[bit >> 3] ?? 0
  return (byte >> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1)
}

function writePixel(png: ParsedPng, row: Uint8Array, x: number, out: Uint8Array, at: number): void {
  const { bitDepth, colourType, samples } = png.header
  const max = (1 << bitDepth) - 1
  const to8Bit = (value: number) => Math.round((value * 255) / max)
  const sample = (channel: number) => sampleAt(row, x * samples + channel, bitDepth)
  const key = (channel: number) => {
    const t = png.transparency
    return t ? ((t[2 * channel] ?? 0) << 8) | (t[2 * channel + 1] ?? 0) : -1
  }
  let r: number
  let g: number
  let b: number
  let a = 255
  if (colourType === 3) {
    const index = sample(0)
    const palette = png.palette ?? new Uint8Array(0)
    r = palette[3 * index] ?? 0
    g = palette[3 * index + 1] ?? 0
    b = palette[3 * index + 2] ?? 0
    a = png.transparency?.[index] ?? 255
  } else if (colourType === 0 || colourType === 4) {
    const grey = sample(0)
    r = g = b = to8Bit(grey)
    if (colourType === 4) a = to8Bit(sample(1))
    else if (grey === key(0)) a = 0
  } else {
    const [red, green, blue] = [sample(0), sample(1), sample(2)]
    r = to8Bit(red)
    g = to8Bit(green)
    b = to8Bit(blue)
    if (colourType === 6) a = to8Bit(sample(3))
    else if (red === key(0) && green === key(1) && blue === key(2)) a = 0
  }
  out[at] = r
  out[at + 1] = g
  out[at + 2] = b
  out[at + 3] = a
}

/** Full decode to 8-bit RGBA: every colour type, bit depth and interlacing the spec allows. */
export async function decodePng(bytes: Uint8Array): Promise<RgbaImage | Refusal> {
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    return { ok: false, reason: 'NOT_PNG_OR_JPEG' }
  }
  const png = parsePng(bytes)
  if ('ok' in png) return png
  const { width, height, bitDepth, samples, isInterlaced } = png.header
  const bitsPerPixel = bitDepth * samples
  const filterStep = Math.max(1, bitsPerPixel >> 3)
  const passes = isInterlaced ? ADAM7_PASSES : NO_INTERLACE_PASSES
  let expectedBytes = 0
  for (const [column0, row0, columnStep, rowStep] of passes) {
    const passWidth = Math.ceil((width - column0) / columnStep)
    const passHeight = Math.ceil((height - row0) / rowStep)
    if (passWidth > 0 && passHeight > 0) {
      expectedBytes += passHeight * (1 + Math.ceil((passWidth * bitsPerPixel) / 8))
    }
  }
  const data = await inflate(png.compressed, expectedBytes + 1024)
  if (!data || data.length < expectedBytes) return DAMAGED

  const pixels = new Uint8Array(width * height * 4)
  let position = 0
  for (const [column0, row0, columnStep, rowStep] of passes) {
    const passWidth = Math.ceil((width - column0) / columnStep)
    const passHeight = Math.ceil((height - row0) / rowStep)
    if (passWidth <= 0 || passHeight <= 0) continue
    const rowBytes = Math.ceil((passWidth * bitsPerPixel) / 8)
    let previous = new Uint8Array(rowBytes)
    for (let y = 0; y < passHeight; y += 1) {
      const filter = data[position] ?? 255
      const row = data.slice(position + 1, position + 1 + rowBytes)
      position += 1 + rowBytes
      if (!unfilter(filter, row, previous, filterStep)) return DAMAGED
      const imageRow = row0 + y * rowStep
      for (let x = 0; x < passWidth; x += 1) {
        const imageColumn = column0 + x * columnStep
        writePixel(png, row, x, pixels, (imageRow * width + imageColumn) * 4)
      }
      previous = row
    }
  }
  return { width, height, pixels }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function uint32(value: number): Uint8Array {
  return new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff])
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat([new TextEncoder().encode(type), data])
  return concat([uint32(data.length), typeAndData, uint32(crc32(typeAndData))])
}

/** The image over white, as an 8-bit RGB PNG without transparency (filter 0 on every row). */
export async function encodeOpaquePng(image: RgbaImage): Promise<Uint8Array> {
  const { width, height, pixels } = image
  const raw = new Uint8Array(height * (1 + width * 3))
  for (let y = 0; y < height; y += 1) {
    let out = y * (1 + width * 3) + 1
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4
      const alpha = (pixels[at + 3] ?? 255) / 255
      for (let channel = 0; channel < 3; channel += 1) {
        raw[out] = Math.round((pixels[at + channel] ?? 0) * alpha + 255 * (1 - alpha))
        out += 1
      }
    }
  }
  const header = concat([uint32(width), uint32(height), new Uint8Array([8, 2, 0, 0, 0])])
  return concat([
    new Uint8Array(PNG_SIGNATURE),
    chunk('IHDR', header),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** Whether pdfkit would decode this PNG's pixels itself (see the comment at the top). */
function needsDecoding(png: ParsedPng): boolean {
  const { colourType, isInterlaced } = png.header
  return (
    isInterlaced ||
    colourType === 4 ||
    colourType === 6 ||
    (colourType === 3 && png.transparency !== null)
  )
}

export async function prepareLogo(bytes: Uint8Array): Promise<PreparedLogo> {
  if (!(bytes instanceof Uint8Array) || bytes.length < 16) {
    return { ok: false, reason: 'NOT_PNG_OR_JPEG' }
  }
  // JPEG data is embedded as is (the PDF viewer decodes it); pdfkit only reads its header,
  // synchronously, so a damaged JPEG fails where the caller catches it.
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return { ok: true, format: 'jpeg', bytes }
  const png = PNG_SIGNATURE.every((byte, index) => bytes[index] === byte) ? parsePng(bytes) : null
  if (png === null) return { ok: false, reason: 'NOT_PNG_OR_JPEG' }
  if ('ok' in png) return png
  // Decoded even when passed through as is: pixel data that does not decode is refused here
  // rather than printed as noise.
  const image = await decodePng(bytes)
  if ('ok' in image) return image
  return {
    ok: true,
    format: 'png',
    bytes: needsDecoding(png) ? await encodeOpaquePng(image) : bytes,
  }
}
