import { district } from '../app/district'
import type { Language } from '../i18n/i18n'

export function kecamatanName(code: string): string {
  return district.regions.kecamatanByCode(code)?.name ?? code
}

export function villageName(code: string): string {
  return district.regions.villageByCode(code)?.name ?? code
}

export function occupationLabel(code: string, language: Language): string {
  const occupation = district.config.occupations.find((o) => o.code === code)
  if (!occupation) return code
  return language === 'en' ? occupation.labelEn : occupation.labelId
}

export function heirRelationshipLabel(code: string, language: Language): string {
  const relationship = district.config.heirRelationships.find((r) => r.code === code)
  if (!relationship) return code
  return language === 'en' ? relationship.labelEn : relationship.labelId
}
