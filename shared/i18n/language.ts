/**
 * The app's languages: Bahasa Indonesia, the language of the people using it, and English. The one
 * `Language` type for the renderer, the shell and the server; shared/ code that produces text takes
 * it too, so it stays free of React.
 */
export const LANGUAGES = ['id', 'en'] as const

export type Language = (typeof LANGUAGES)[number]

export const DEFAULT_LANGUAGE: Language = 'id'

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value)
}

/** The BCP 47 locale Intl formats and plural rules use for a language. */
export function localeOf(language: Language): string {
  return language === 'en' ? 'en-GB' : 'id-ID'
}
