/**
 * History entries in words: kinds, roles, reveals and stored values as people read them, built
 * from the audit namespace of the catalogue. Plain functions (no React).
 */
import { readRevealEntry } from '@shared/identity/identity-reveal'
import type {
  ParticipantChangeDocument,
  ParticipantChangeKind,
} from '@shared/participant/participant-document'
import {
  agencyShortLabel,
  heirRelationshipLabel,
  kecamatanName,
  occupationLabel,
  villageName,
} from '@/participants/participant-labels'
import { formatDateWords } from '@shared/i18n/format'
import { localeOf, type Language } from '@shared/i18n/language'
import { auditMessagesId, auditText, type AuditMessageKey } from './audit-messages'

export function kindLabel(language: Language, kind: ParticipantChangeKind | string): string {
  const key = `kind.${kind}`
  return key in auditMessagesId ? auditText(language, key as AuditMessageKey) : kind
}

/**
 * A reveal entry as a sentence: "NIK ditampilkan kepada Verifikator Dewi (Disdukcapil)". Null for
 * other kinds, and for a reveal not in the form `revealEntryChanges` writes.
 */
export function revealText(
  language: Language,
  entry: Pick<ParticipantChangeDocument, 'kind' | 'changes' | 'by' | 'role' | 'officeCode'>,
): string | null {
  if (entry.kind !== 'revealed') return null
  const reveal = readRevealEntry(entry.changes)
  if (reveal === null) return null
  return reveal.agencyCode !== null
    ? auditText(language, 'revealed.toVerifier', {
        by: entry.by,
        agency: agencyShortLabel(reveal.agencyCode, language),
      })
    : auditText(language, 'revealed.toStaff', {
        role: roleLabel(language, entry.role),
        by: entry.by,
        office: entry.officeCode,
      })
}

/** '' (entries from before the audit trail) and unknown roles give ''. */
export function roleLabel(language: Language, role: string): string {
  const key = `role.${role}`
  return role !== '' && key in auditMessagesId ? auditText(language, key as AuditMessageKey) : role
}

/**
 * A stored history value as the clerk typed or chose it: region and option codes as names, sex in
 * words, income in Rupiah, dates as dates. A code this build does not know stays as it is.
 */
export function historyValueText(language: Language, field: string, value: string): string {
  if (value === '') return auditText(language, 'emptyValue')
  const key = `status.${value}`
  if (field === 'status' && key in auditMessagesId)
    return auditText(language, key as AuditMessageKey)
  switch (field) {
    case 'kecamatanCode':
      return kecamatanName(value)
    case 'villageCode':
      return villageName(value)
    case 'occupationCode':
      return occupationLabel(value, language)
    case 'heirRelationship':
      return heirRelationshipLabel(value, language)
    case 'sex':
      return value === 'L'
        ? auditText(language, 'sex.L')
        : value === 'P'
          ? auditText(language, 'sex.P')
          : value
    case 'monthlyIncome': {
      const amount = Number(value)
      return Number.isFinite(amount)
        ? new Intl.NumberFormat(localeOf(language), {
            style: 'currency',
            currency: 'IDR',
            maximumFractionDigits: 0,
          }).format(amount)
        : value
    }
    case 'birthDate':
      return formatDateWords(language, value)
    default:
      return value
  }
}

/** A device id is a UUID: its first block is enough to tell PCs apart on screen. */
export function shortDeviceId(deviceId: string): string {
  return deviceId.split('-')[0]?.slice(0, 8) ?? ''
}
