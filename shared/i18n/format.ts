/**
 * The one interpolator and the app's number, date and Rupiah formats. Templates are ICU-lite:
 *
 *   `{name}`                               the value as it is
 *   `{name|format}`                        the value through a format: `number`, `rupiah`, `date`,
 *                                          or one the caller adds (issue messages add `sex`)
 *   `{count, plural, one {# PC} other {# PCs}}`
 *                                          a branch by `Intl.PluralRules`; `=0 {…}` matches exactly;
 *                                          `#` is the count, grouped the app's way
 *
 * A placeholder without a value stays visible as written, so a forgotten param shows on screen
 * instead of silently vanishing. Anything else in braces is left alone.
 */
import { localeOf, type Language } from './language'

export type FormatValue = string | number

export type FormatValues = Readonly<Record<string, FormatValue | undefined>>

export type ValueFormat = (value: FormatValue, language: Language) => string

export interface FormatOptions {
  /** Extra `{name|format}` formats beside the built-in ones. */
  formats?: Readonly<Record<string, ValueFormat>>
  /** Shown for a placeholder without a value; by default the placeholder as written. */
  missing?: string
  /** Applied to every formatted value (issue messages clip long quotes). */
  shown?: (text: string) => string
}

/**
 * One formatter per language and kind, made once: building an `Intl` formatter costs far more
 * than using one, and a list formats a date or number in every row of every re-read (0.7 s of
 * the main thread during a 50,000-record first sync, docs/performance.md).
 */
const numberFormats = new Map<Language, Intl.NumberFormat>()
const dateFormats = new Map<Language, Intl.DateTimeFormat>()
const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>()

function formatterOf<F>(cache: Map<Language, F>, language: Language, make: () => F): F {
  let format = cache.get(language)
  if (!format) {
    format = make()
    cache.set(language, format)
  }
  return format
}

/** 12400 → '12.400' (id) or '12,400' (en). */
export function formatNumber(language: Language, value: number): string {
  return formatterOf(
    numberFormats,
    language,
    () => new Intl.NumberFormat(localeOf(language)),
  ).format(value)
}

/**
 * 1500000 → 'Rp1.500.000' in both languages: an amount in Rupiah is read the Indonesian way, and
 * the grouping is written out rather than left to ICU so a PDF reads the same on every PC.
 */
export function formatRupiah(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const digits = String(Math.trunc(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  return `${value < 0 ? '-' : ''}Rp${digits}`
}

export const MONTH_NAMES: Readonly<Record<Language, readonly string[]>> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** '2026-08-03' → '3 Agustus 2026' ('3 August 2026'); anything else is returned as it is. */
export function formatDateWords(language: Language, isoDate: string): string {
  const match = ISO_DATE.exec(isoDate)
  const month = match ? MONTH_NAMES[language][Number(match[2]) - 1] : undefined
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : isoDate
}

/**
 * `2026-05-07` → `07 Mei 2026`: a fixed table rather than Intl, so a card reads the same on every
 * PC whatever its ICU data, and a month name never hides behind a number (07/05 vs 05/07).
 */
export function formatCardDate(language: Language, isoDate: string): string {
  const match = ISO_DATE.exec(isoDate)
  const month = match ? MONTH_NAMES[language][Number(match[2]) - 1] : undefined
  return match && month ? `${match[3]} ${month.slice(0, 3)} ${match[1]}` : isoDate
}

/** A date in lists and tables: '15 Mei 1990' / '15 May 1990'. */
export function formatDate(language: Language, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate)
  if (!match) return isoDate
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  const format = formatterOf(
    dateFormats,
    language,
    () =>
      new Intl.DateTimeFormat(localeOf(language), {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  )
  return format.format(date)
}

/** A moment in the PC's time zone: '6 Des 2026, 09.30'. */
export function formatDateTime(language: Language, iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const format = formatterOf(
    dateTimeFormats,
    language,
    () => new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }),
  )
  return format.format(date)
}

const BUILT_IN_FORMATS: Readonly<Record<string, ValueFormat>> = {
  number: (value, language) =>
    typeof value === 'number' ? formatNumber(language, value) : String(value),
  rupiah: (value) => (typeof value === 'number' ? formatRupiah(value) : String(value)),
  date: (value, language) => formatDateWords(language, String(value)),
}

const pluralRules = new Map<Language, Intl.PluralRules>()

function pluralCategory(language: Language, count: number): string {
  let rules = pluralRules.get(language)
  if (!rules) {
    rules = new Intl.PluralRules(localeOf(language))
    pluralRules.set(language, rules)
  }
  return rules.select(count)
}

/**
 * A plural's count. Screens often pass a count already grouped for display ("12.400", "12,400"),
 * and that still counts; anything else is not a count.
 */
function countOf(value: FormatValue): number {
  if (typeof value === 'number') return value
  const text = value.trim()
  return /^\d{1,3}([.,\s\u00a0]\d{3})*$|^\d+$/.test(text) ? Number(text.replace(/\D/g, '')) : NaN
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(template: string, open: number): number {
  let depth = 0
  for (let index = open; index < template.length; index++) {
    if (template[index] === '{') depth++
    else if (template[index] === '}' && --depth === 0) return index
  }
  return -1
}

/** `one {…} other {…} =0 {…}` → its branches, or null when it is not that shape. */
function pluralBranches(body: string): Map<string, string> | null {
  const branches = new Map<string, string>()
  let rest = body.trim()
  while (rest !== '') {
    const selector = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(rest)
    if (!selector) return null
    const open = selector[0].length - 1
    const close = closingBrace(rest, open)
    if (close < 0) return null
    branches.set(selector[1] as string, rest.slice(open + 1, close))
    rest = rest.slice(close + 1).trim()
  }
  return branches.has('other') ? branches : null
}

/**
 * How the district's texts name the district itself, for a template that does not pass them:
 * `{wilayah}`/`{Wilayah}` ('kabupaten'/'kota'), `{kepalaDaerah}` ('Bupati'/'Wali Kota') and, in
 * English, `{regency}` ('regency'/'city'). One per process, set where the district is loaded
 * (renderer/src/core/district.ts, server/district.ts); a kabupaten's words until then.
 */
const KABUPATEN_WORDS: FormatValues = {
  wilayah: 'kabupaten',
  Wilayah: 'Kabupaten',
  kepalaDaerah: 'Bupati',
  regency: 'regency',
}
const KOTA_WORDS: FormatValues = {
  wilayah: 'kota',
  Wilayah: 'Kota',
  kepalaDaerah: 'Wali Kota',
  regency: 'city',
}
let districtWords: FormatValues = KABUPATEN_WORDS

export function setDistrictKind(kind: 'kabupaten' | 'kota'): void {
  districtWords = kind === 'kota' ? KOTA_WORDS : KABUPATEN_WORDS
}

/** The template with its placeholders filled in; see the top of this file for the syntax. */
export function format(
  template: string,
  values: FormatValues = {},
  language: Language = 'id',
  options: FormatOptions = {},
): string {
  if (!template.includes('{')) return template
  const valueOf = (name: string): FormatValue | undefined =>
    Object.prototype.hasOwnProperty.call(values, name)
      ? values[name]
      : Object.prototype.hasOwnProperty.call(districtWords, name)
        ? districtWords[name]
        : undefined
  const shown = options.shown ?? ((text: string) => text)
  let result = ''
  let index = 0
  while (index < template.length) {
    const open = template.indexOf('{', index)
    if (open < 0) break
    const close = closingBrace(template, open)
    if (close < 0) break
    result += template.slice(index, open)
    index = close + 1
    const whole = template.slice(open, close + 1)
    const inner = whole.slice(1, -1)

    const simple = /^(\w+)(?:\|(\w+))?$/.exec(inner)
    if (simple) {
      const value = valueOf(simple[1] as string)
      if (value === undefined) {
        result += options.missing ?? whole
        continue
      }
      const formatName = simple[2]
      const formatter = formatName
        ? (options.formats?.[formatName] ?? BUILT_IN_FORMATS[formatName])
        : undefined
      result += shown(formatter ? formatter(value, language) : String(value))
      continue
    }

    const plural = /^(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner)
    const branches = plural ? pluralBranches(plural[2] as string) : null
    if (plural && branches) {
      const value = valueOf(plural[1] as string)
      const count = value === undefined ? NaN : countOf(value)
      if (!Number.isFinite(count)) {
        result += options.missing ?? whole
        continue
      }
      const branch =
        branches.get(`=${count}`) ??
        branches.get(pluralCategory(language, count)) ??
        (branches.get('other') as string)
      const counted = branch.replace(/#/g, formatNumber(language, count))
      result += format(counted, values, language, options)
      continue
    }

    result += whole
  }
  return result + template.slice(index)
}
