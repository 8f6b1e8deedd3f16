import { historyOfArea } from '@shared/region/region-changes'
import { district, regionChanges } from '@/core/district'
import type { Language } from '@/core/i18n/i18n'
import type { MessageKey } from '@/core/i18n/messages-id'

/**
 * An area's name as the record's code has it now, with what it was called before when Kemendagri
 * renamed it ("Jahab (dulu: Jahab Lama)"), or its last name when the code is gone from the table:
 * records keep the code they were registered with (wilayah-perubahan.csv).
 */
function areaName(code: string, current: string | undefined): string {
  const { formerNames, removedIn } = historyOfArea(regionChanges, code)
  if (current === undefined) {
    const last = formerNames.at(-1)
    return last ? `${last} (${code}, tidak ada lagi sejak ${removedIn ?? ''})` : code
  }
  const earlier = formerNames.filter((name) => name !== current)
  return earlier.length > 0 ? `${current} (dulu: ${earlier.join(', ')})` : current
}

export function kecamatanName(code: string): string {
  return areaName(code, district.regions.kecamatanByCode(code)?.name)
}

export function villageName(code: string): string {
  return areaName(code, district.regions.villageByCode(code)?.name)
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

const FIELD_LABELS: Record<string, MessageKey> = {
  prints: 'detail.prints',
  review: 'detail.review',
  nik: 'form.nik',
  kk: 'form.kk',
  fullName: 'form.fullName',
  birthPlace: 'form.birthPlace',
  birthDate: 'form.birthDate',
  sex: 'form.sex',
  address: 'form.address',
  rt: 'detail.rt',
  rw: 'detail.rw',
  kecamatanCode: 'form.kecamatan',
  villageCode: 'form.village',
  occupationCode: 'form.occupation',
  monthlyIncome: 'form.monthlyIncome',
  phone: 'form.phone',
  heirName: 'form.heirName',
  heirRelationship: 'form.heirRelationship',
  status: 'list.col.status',
  coverage: 'detail.coverage',
  death: 'death.title',
  reverification: 'reverification.title',
}

/** A history entry's field in words ("Kecamatan", "Pemeriksaan Dinas Sosial"), never its code. */
export function historyFieldLabel(
  field: string,
  t: (key: MessageKey) => string,
  language: Language,
): string {
  // Workflow entries: one agency's check ("checks.dinsos"), the supervisor's decision.
  if (field.startsWith('checks.')) {
    return `${t('detail.check')} ${agencyShortLabel(field.slice('checks.'.length), language)}`
  }
  const key = FIELD_LABELS[field]
  return key ? t(key) : field
}
