import type { ReactNode } from 'react'
import { maskKk } from '@shared/identity/masking'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { RevealableNik } from '@/audit/RevealableNik'
import { formatDate, formatDateTime, formatRupiah, useI18n } from '@/core/i18n/i18n'
import {
  heirRelationshipLabel,
  kecamatanName,
  occupationLabel,
  villageName,
} from '@/participants/participant-labels'
import { isUnreadable } from '@/core/store/sealed-fields-storage'
import { queueText } from './queue-messages'

/**
 * What the registration clerk entered, read-only, beside the check a verifier is making. NIK and
 * KK are masked (UU PDP): most agencies search their own data by name and address. The identity
 * agency's verifier (Disdukcapil), whose check is the NIK itself, gets "Tampilkan NIK": each
 * reveal is recorded in the participant's history (`audit/nik-reveal.ts`).
 */
export function ClerkEntry({ participant }: { participant: ParticipantDocument }) {
  const { t, language } = useI18n()
  const masked = (value: string, mask: (v: string) => string) =>
    isUnreadable(value) ? queueText(language, 'panel.unreadable') : mask(value)
  const rows: [string, ReactNode][] = [
    [t('list.col.registrationNumber'), participant.registrationNumber],
    [t('form.fullName'), participant.fullName],
    [
      t('form.nik'),
      <RevealableNik
        key="nik"
        participant={participant}
        language={language}
        unreadableText={queueText(language, 'panel.unreadable')}
      />,
    ],
    [t('form.kk'), masked(participant.kk, maskKk)],
    [
      queueText(language, 'panel.birth'),
      `${participant.birthPlace}, ${formatDate(language, participant.birthDate)}`,
    ],
    [t('form.sex'), participant.sex === 'P' ? t('form.sex.P') : t('form.sex.L')],
    [t('form.address'), participant.address],
    [t('form.rtRw'), `${participant.rt}/${participant.rw}`],
    [t('form.village'), villageName(participant.villageCode)],
    [t('form.kecamatan'), kecamatanName(participant.kecamatanCode)],
    [t('form.occupation'), occupationLabel(participant.occupationCode, language)],
    [t('form.monthlyIncome'), formatRupiah(participant.monthlyIncome)],
    [
      queueText(language, 'panel.heir'),
      `${participant.heirName} (${heirRelationshipLabel(participant.heirRelationship, language)})`,
    ],
  ]
  return (
    <div className="clerk-entry" data-testid="clerk-entry">
      <h3>{queueText(language, 'panel.clerkData')}</h3>
      <dl className="detail-grid">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">
        {queueText(language, 'panel.registered', {
          by: participant.createdBy,
          office: participant.officeCode,
          at: formatDateTime(language, participant.createdAt),
        })}
      </p>
    </div>
  )
}
