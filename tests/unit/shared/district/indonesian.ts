import { expect } from 'vitest'

/**
 * Words of the English messages district.json's checks used to give, and of V8's JSON.parse
 * errors. Word-bounded, so keys such as `labelEn` or `lines` do not count.
 */
const ENGLISH =
  /\b(?:must|expected|expect|invalid|should|unexpected|token|position|object|list|text|number|non-empty|empty|found|appears|twice|missing|unknown|line|column|characters?|whole|names)\b/i

/** A configuration message reads in Indonesian: no English word of the old messages, some Indonesian. */
export function expectIndonesian(message: string): void {
  expect(message).not.toMatch(ENGLISH)
  expect(message).toMatch(
    /\b(?:harus|tidak|bukan|sudah|sesudah|tertulis|paling banyak|kunci|koma|berakhir|hapus)\b/,
  )
}
