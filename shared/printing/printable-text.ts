/**
 * What the shipped font can print. Noto Sans covers Latin (with every diacritic an Indonesian
 * name may carry: é, ñ, ü, ễ…), Greek and Cyrillic; it has no Chinese, Arabic or emoji. A letter
 * without a glyph would print as an empty box or nothing at all, silently changing a name, so it
 * prints as "?" and the clerk is told which letters (the name on screen stays as registered).
 */

export const REPLACEMENT_CHARACTER = '?'

export interface PrintableText {
  text: string
  /** Distinct characters replaced by "?", in order of appearance. */
  unprintable: string[]
}

/** Invisible formatting (zero-width space, bidi marks, BOM): nothing to print. */
const FORMAT_CHARACTERS = /\p{Cf}/gu
/** Tabs, line breaks and other control characters: a layout breaks lines itself. */
const CONTROL_CHARACTERS = /[\p{Cc}\p{Zl}\p{Zp}]/gu

/**
 * NFC first, so "e" + combining acute becomes the single "é" the font has a glyph for; then every
 * code point the font lacks becomes "?".
 */
export function makePrintable(
  text: string,
  hasGlyph: (codePoint: number) => boolean,
): PrintableText {
  const cleaned = text
    .normalize('NFC')
    .replace(FORMAT_CHARACTERS, '')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
  const unprintable: string[] = []
  let printable = ''
  for (const char of cleaned) {
    const codePoint = char.codePointAt(0) ?? 0
    if (char === ' ' || hasGlyph(codePoint)) {
      printable += char
      continue
    }
    printable += REPLACEMENT_CHARACTER
    if (!unprintable.includes(char)) unprintable.push(char)
  }
  return { text: printable, unprintable }
}
