import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react'
import { format, type FormatValues } from '@shared/i18n/format'
import type { Language } from '@shared/i18n/language'
import { messagesEn } from './messages-en'
import { messagesId, type Catalogue, type MessageKey } from './messages-id'

export type { Language } from '@shared/i18n/language'
export { formatDate, formatDateTime, formatNumber, formatRupiah } from '@shared/i18n/format'

const LANGUAGE_STORAGE_KEY = 'naungan.language'

const CATALOGUES: Readonly<Record<Language, Catalogue>> = { id: messagesId, en: messagesEn }

/** The string for `key` in `language`, placeholders and plurals filled in (shared/i18n/format.ts). */
export function translate(language: Language, key: MessageKey, params?: FormatValues): string {
  return format(CATALOGUES[language][key], params, language)
}

interface I18nValue {
  language: Language
  setLanguage(language: Language): void
  t(key: MessageKey, params?: FormatValues): string
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
  }, [])
  // Also at start: a PC left in English reopens with <html lang="en">, so screen readers and
  // hyphenation follow the text.
  useEffect(() => {
    document.documentElement.lang = language
  }, [language])
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
