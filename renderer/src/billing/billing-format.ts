import { MONTH_NAMES } from '@shared/i18n/format'
import type { Language } from '@shared/i18n/language'

/** '2026-10' → 'Oktober 2026' / 'October 2026'. */
export function formatMonth(language: Language, yearMonth: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth)
  const name = match ? MONTH_NAMES[language][Number(match[2]) - 1] : undefined
  return match && name ? `${name} ${match[1]}` : yearMonth
}
