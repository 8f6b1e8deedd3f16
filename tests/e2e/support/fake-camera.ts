import { writeFileSync } from 'node:fs'
import QRCode from 'qrcode'

/**
 * A "webcam" for Chromium's `--use-file-for-fake-video-capture`: a Y4M video whose frames show one
 * QR code, drawn here from `QRCode.create(text).modules` the way a printed card carries it (black
 * modules on white, a quiet zone of white around). Chromium loops the file for as long as the
 * page keeps the camera open.
 */
export interface FakeCameraOptions {
  width?: number
  height?: number
  /** Pixels per QR module. */
  moduleSize?: number
  frames?: number
}

const BLACK = 16
const WHITE = 235

/** One grayscale (Y) frame with the QR code centred on white. */
export function qrLumaFrame(
  text: string,
  { width = 640, height = 480, moduleSize = 6 }: FakeCameraOptions = {},
): Uint8Array {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules
  const side = modules.size * moduleSize
  // The QR standard asks for 4 modules of quiet zone; the rest of the frame is white anyway.
  if (side + 8 * moduleSize > Math.min(width, height)) {
    throw new RangeError(`QR of ${modules.size} modules does not fit ${width}×${height}`)
  }
  const left = Math.floor((width - side) / 2)
  const top = Math.floor((height - side) / 2)
  const luma = new Uint8Array(width * height).fill(WHITE)
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (!modules.get(row, col)) continue
      for (let y = 0; y < moduleSize; y += 1) {
        const offset = (top + row * moduleSize + y) * width + left + col * moduleSize
        luma.fill(BLACK, offset, offset + moduleSize)
      }
    }
  }
  return luma
}

/** Writes a 4:2:0 Y4M video of `frames` identical frames showing `text` as a QR code. */
export function writeQrY4m(path: string, text: string, options: FakeCameraOptions = {}): void {
  const { width = 640, height = 480, frames = 10 } = options
  const luma = qrLumaFrame(text, options)
  // No colour: both chroma planes at the neutral 128, each a quarter of the luma plane.
  const chroma = new Uint8Array(2 * (width / 2) * (height / 2)).fill(128)
  const parts: Uint8Array[] = [
    Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'ascii'),
  ]
  for (let frame = 0; frame < frames; frame += 1) {
    parts.push(Buffer.from('FRAME\n', 'ascii'), luma, chroma)
  }
  writeFileSync(path, Buffer.concat(parts))
}
