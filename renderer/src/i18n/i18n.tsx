import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { messagesEn } from './messages-en'
import { messagesId, type MessageKey } from './messages-id'

export type Language = 'id' | 'en'

const LANGUAGE_STORAGE_KEY = 'naungan.language'

function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}

export function translate(
  language: Language,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const table = language === 'en' ? messagesEn : messagesId
  return interpolate(table[key], params)
}

/** Numbers and dates the Indonesian way (12.400, 15 Mei 1990) in both languages' locales. */
export function formatNumber(language: Language, value: number): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'id-ID').format(value)
}

export function formatDate(language: Language, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate)
  if (!match) return isoDate
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date)
}

export function formatDateTime(language: Language, iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date)
}

interface I18nValue {
  language: Language
  setLanguage(language: Language): void
  t(key: MessageKey, params?: Record<string, string | number>): string
}

const I18nContext = createContext<I18nValue | null>(null)

function initialLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY) === 'en' ? 'en' : 'id'
  } catch {
    return 'id'
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage)
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next)
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, next)
    } catch {
      // A language preference that cannot be stored is only lost at the next start.
    }
    document.documentElement.lang = next
  }, [])
  const value = useMemo<I18nValue>(
    () => ({
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
    }),
    [language, setLanguage],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n outside I18nProvider')
  return value
}
