/**
 * Text files from agencies arrive in whatever encoding their PC used. Excel on Indonesian Windows
 * saves "CSV (Comma delimited)" as Windows-1252, "CSV UTF-8" with a BOM, and "Unicode Text" as
 * UTF-16 LE; exports from web systems are usually UTF-8 without a BOM.
 *
 * UTF-8 is tried with a fatal decoder: Windows-1252 text with an accented letter is never valid
 * UTF-8, so a wrong guess is detected instead of turning "José" into "Jos�". The fallback is
 * reported (ENCODING_FALLBACK) so the clerk checks the names before applying.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export interface DecodedText {
  text: string
  encoding: TextEncodingName
  /** True when the bytes were not valid UTF-8 and were read as Windows-1252. */
  fellBack: boolean
}

/** Windows-1252 0x80–0x9F (the rest of the upper half is Latin-1, the same as Unicode). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
  0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
]

/**
 * Windows-1252 by table rather than TextDecoder('windows-1252'): that label needs ICU data some
 * runtimes are built without, and the table is 32 entries.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192
  let text = ''
  const units = new Uint16Array(Math.min(CHUNK, bytes.length))
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK)
    for (let index = start; index < end; index++) {
      const byte = bytes[index] as number
      units[index - start] =
        byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] as number) : byte
    }
    text += String.fromCharCode(...units.subarray(0, end - start))
  }
  return text
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'utf-16le',
      fellBack: false,
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16be',
      fellBack: false,
    }
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = hasBom ? bytes.subarray(3) : bytes
  try {
    // ignoreBOM: the BOM is already gone; a second one would be data, kept visible.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body)
    return { text, encoding: 'utf-8', fellBack: false }
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252', fellBack: true }
  }
}
