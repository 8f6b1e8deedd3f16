import { useCallback } from 'react'
import { useI18n } from '@/core/i18n/i18n'
import { deathText, type DeathMessageKey } from './death-messages'

/** The deaths strings in the chosen language. */
export function useDeathText() {
  const { language } = useI18n()
  const t = useCallback(
    (key: DeathMessageKey, params?: Record<string, string | number>) =>
      deathText(language, key, params),
    [language],
  )
  return { t, language }
}
