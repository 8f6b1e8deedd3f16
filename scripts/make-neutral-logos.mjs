#!/usr/bin/env node
/**
 * Draws the neutral default logos in resources/district/ (a district replaces them with its own):
 *
 *   logo-kabupaten.png  a shield with a sun over three river waves — no coat of arms
 *   logo-program.png    a round badge with a roof sheltering a house ("naungan" = shelter)
 *
 * Deliberately no real emblem, no BPJS mark, no Garuda: only simple shapes, so the defaults cannot
 * be mistaken for an official logo. 256 × 256 RGBA PNGs, written by a small encoder on node:zlib so
 * the files can be regenerated without image tools:
 *
 *   node scripts/make-neutral-logos.mjs
 */
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 256
/** Samples per pixel side: 4 × 4 = 16 samples give smooth, anti-aliased edges. */
const SUPERSAMPLING = 4
const OUTPUT_DIR = new URL('../resources/district/', import.meta.url)

const NAVY = [31, 78, 121]
const TEAL = [20, 120, 110]
const GOLD = [232, 176, 48]
const WHITE = [255, 255, 255]

// --- PNG encoding (PNG spec: signature, IHDR, IDAT, IEND; every chunk CRC-32 checked) ---------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per sample
  header[9] = 6 // colour type: RGBA
  header[10] = 0 // deflate
  header[11] = 0 // adaptive filtering
  header[12] = 0 // not interlaced
  // Each scanline starts with its filter type; 0 (none) keeps the encoder trivial.
  const raw = Buffer.alloc(height * (1 + width * 4))
  for (let y = 0; y < height; y += 1) {
    raw[y * (1 + width * 4)] = 0
    rgba.copy(raw, y * (1 + width * 4) + 1, y * width * 4, (y + 1) * width * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// --- Drawing: a list of layers, each a colour and an "is this point inside?" test -------------
// Coordinates are 0..1 across the image, y downwards.

function render(layers) {
  const rgba = Buffer.alloc(SIZE * SIZE * 4)
  const samples = SUPERSAMPLING * SUPERSAMPLING
  for (let py = 0; py < SIZE; py += 1) {
    for (let px = 0; px < SIZE; px += 1) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < SUPERSAMPLING; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLING; sx += 1) {
          const x = (px + (sx + 0.5) / SUPERSAMPLING) / SIZE
          const y = (py + (sy + 0.5) / SUPERSAMPLING) / SIZE
          // The topmost layer containing the point wins.
          for (let i = layers.length - 1; i >= 0; i -= 1) {
            const [colour, contains] = layers[i]
            if (contains(x, y)) {
              r += colour[0]
              g += colour[1]
              b += colour[2]
              a += 255
              break
            }
          }
        }
      }
      const offset = (py * SIZE + px) * 4
      // Colour averaged over the covered samples only; coverage becomes alpha.
      const covered = a / 255
      rgba[offset] = covered ? Math.round(r / covered) : 0
      rgba[offset + 1] = covered ? Math.round(g / covered) : 0
      rgba[offset + 2] = covered ? Math.round(b / covered) : 0
      rgba[offset + 3] = Math.round(a / samples)
    }
  }
  return rgba
}

/** A heraldic-style shield: straight sides, a rounded point at the bottom. */
function shield(inset) {
  const left = 0.14 + inset
  const right = 0.86 - inset
  const top = 0.08 + inset
  const shoulder = 0.5
  const bottom = 0.94 - inset * 1.4
  return (x, y) => {
    if (y < top || x < left || x > right) return false
    if (y <= shoulder) return true
    const halfWidth = (right - left) / 2
    const t = (y - shoulder) / (bottom - shoulder)
    if (t > 1) return false
    return Math.abs(x - 0.5) <= halfWidth * Math.sqrt(1 - t * t)
  }
}

function circle(cx, cy, radius) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
}

function wave(baseline, amplitude, thickness) {
  return (x, y) => {
    const centre = baseline + amplitude * Math.sin(x * Math.PI * 6)
    return Math.abs(y - centre) <= thickness / 2
  }
}

function distanceToSegment(x, y, [x1, y1], [x2, y2]) {
  const dx = x2 - x1
  const dy = y2 - y1
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))
}

function rectangle(left, top, right, bottom) {
  return (x, y) => x >= left && x <= right && y >= top && y <= bottom
}

function both(a, b) {
  return (x, y) => a(x, y) && b(x, y)
}

const kabupatenLogo = render([
  [NAVY, shield(0)],
  [WHITE, shield(0.035)],
  [NAVY, shield(0.06)],
  [GOLD, both(circle(0.5, 0.4, 0.15), (_x, y) => y <= 0.47)],
  [WHITE, both(shield(0.06), wave(0.55, 0.02, 0.035))],
  [WHITE, both(shield(0.06), wave(0.64, 0.02, 0.035))],
  [WHITE, both(shield(0.06), wave(0.73, 0.02, 0.035))],
])

const roofApex = [0.5, 0.24]
const roofLeft = [0.2, 0.5]
const roofRight = [0.8, 0.5]
const programLogo = render([
  [TEAL, circle(0.5, 0.5, 0.47)],
  [WHITE, circle(0.5, 0.5, 0.43)],
  [TEAL, circle(0.5, 0.5, 0.4)],
  [
    WHITE,
    (x, y) =>
      distanceToSegment(x, y, roofLeft, roofApex) <= 0.045 ||
      distanceToSegment(x, y, roofApex, roofRight) <= 0.045,
  ],
  [WHITE, rectangle(0.32, 0.5, 0.68, 0.74)],
  [TEAL, rectangle(0.45, 0.58, 0.55, 0.74)],
  [GOLD, both(circle(0.5, 0.5, 0.36), rectangle(0.2, 0.78, 0.8, 0.81))],
])

for (const [name, rgba] of [
  ['logo-kabupaten.png', kabupatenLogo],
  ['logo-program.png', programLogo],
]) {
  const png = encodePng(SIZE, SIZE, rgba)
  writeFileSync(new URL(name, OUTPUT_DIR), png)
  console.log(`${name}: ${png.length} bytes`)
}
