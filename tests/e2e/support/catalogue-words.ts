import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { Language } from '../../../shared/i18n/language'
import { messagesEn } from '../../../renderer/src/core/i18n/messages-en'
import { messagesId } from '../../../renderer/src/core/i18n/messages-id'

/** The words people read in a catalogue: placeholders and plural syntax left out, lower case. */
function wordsOf(texts: Iterable<string>): Set<string> {
  const words = new Set<string>()
  for (const text of texts) {
    const readable = text.replace(/\{\w+(\|\w+)?\}/g, ' ').replace(/\{\w+\s*,\s*plural\s*,/g, ' ')
    for (const word of readable.toLowerCase().match(/\p{L}+/gu) ?? []) {
      // Two-letter words ("di", "ke", "of") are too often part of a name or a code to tell.
      if (word.length >= 3) words.add(word)
    }
  }
  return words
}

/**
 * district.json's own words in each language (agency names, occupations, benefits): `labelEn`,
 * `titleEn`, `en`… and their Indonesian twins. "Civil registry (Disdukcapil)" is English.
 */
function districtTexts(language: Language): string[] {
  const config: unknown = JSON.parse(
    readFileSync(resolve(__dirname, '../../../resources/district/district.json'), 'utf8'),
  )
  const suffix = language === 'en' ? 'En' : 'Id'
  const texts: string[] = []
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (key === language || key.endsWith(suffix)) texts.push(value)
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key)
    } else if (value !== null && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) walk(child, name)
    }
  }
  walk(config, '')
  return texts
}

const idWords = wordsOf([...Object.values(messagesId), ...districtTexts('id')])
const enWords = wordsOf([...Object.values(messagesEn), ...districtTexts('en')])

/**
 * Words only one catalogue uses: "simpan", "peserta", "yang" for Indonesian; "save", "the",
 * "participant" for English. A word both use (NIK, BPJS, data, status, Supervisor) tells nothing.
 */
export const ONLY_IN: Readonly<Record<Language, ReadonlySet<string>>> = {
  id: new Set([...idWords].filter((word) => !enWords.has(word))),
  en: new Set([...enWords].filter((word) => !idWords.has(word))),
}

/**
 * Kecamatan and village names (wilayah.csv) are names in every language: "Kampung Baru" stays
 * "Kampung Baru" on an English screen. Longest first, so "Loa Janan Ilir" goes before "Loa Janan".
 */
const PLACE_NAMES = readFileSync(
  resolve(__dirname, '../../../resources/district/wilayah.csv'),
  'utf8',
)
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[1]?.trim() ?? '')
  .filter((name) => name !== '')
  .sort((a, b) => b.length - a.length)

/** Proper names the app shows in either language: the region data's source and its licence. */
const PROPER_NAMES = ['idn-area-data', 'Open Database License']

function without(names: readonly string[], text: string): string {
  return names.reduce((rest, name) => rest.split(name).join(' '), text)
}

/**
 * The words of the other language on the page as it is shown, the language switch left out (it
 * names each language in its own words, "Bahasa Indonesia" and "English", on purpose).
 */
export async function wordsOfOtherLanguage(
  page: Page,
  shown: Language,
  /** What people typed (names, usernames): their words, in whatever language they chose. */
  data: readonly string[] = [],
): Promise<string[]> {
  const text = await page.evaluate(() => {
    const switcher = document.querySelector<HTMLElement>('.shell-language')
    const display = switcher?.style.display ?? ''
    if (switcher) switcher.style.display = 'none'
    const visible = document.body.innerText
    if (switcher) switcher.style.display = display
    return visible
  })
  const other = ONLY_IN[shown === 'id' ? 'en' : 'id']
  const found = new Map<string, string>()
  for (const line of without([...data, ...PROPER_NAMES, ...PLACE_NAMES], text).split('\n')) {
    for (const word of line.toLowerCase().match(/\p{L}+/gu) ?? []) {
      if (other.has(word) && !found.has(word)) found.set(word, line.trim().slice(0, 120))
    }
  }
  // Each word with the line it stands in, so a failure says where to look.
  return [...found].map(([word, line]) => `${word}: ${line}`).sort()
}
