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

/** A checking agency's label as configured (district.json `verification.agencies`). */
export function agencyLabel(code: string, language: Language): string {
  const agency = district.config.verification.agencies.find((a) => a.code === code)
  if (!agency) return code
  return language === 'en' ? agency.labelEn : agency.labelId
}

/** The agency's name without its explanation in brackets, for table columns: "Disdukcapil". */
export function agencyShortLabel(code: string, language: Language): string {
  return agencyLabel(code, language)
    .replace(/\s*\(.*\)\s*$/, '')
    .trim()
}

/** A configured rejection reason's label; an unknown code (newer configuration) as itself. */
export function rejectionReasonLabel(code: string, language: Language): string {
  const reason = district.config.verification.rejectionReasons.find((r) => r.code === code)
  if (!reason) return code
  return language === 'en' ? reason.labelEn : reason.labelId
}
