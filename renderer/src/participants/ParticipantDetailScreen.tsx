import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { PrintLogPanel } from '@/printing/PrintLogPanel'
import { DeathPanel } from '@/deaths/DeathPanel'
import { ClaimPanel } from '@/claims/ClaimPanel'
import { claimActorOf } from '@/claims/claim-actor'
import { maskKk, maskPhone } from '@shared/identity/masking'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { ParticipantHistory } from '@/audit/ParticipantHistory'
import { RevealableNik } from '@/audit/RevealableNik'
import { historyFieldLabel } from './participant-labels'
import { useSync } from '@/sync/sync-context'
import { actingUserOf } from '@/core/acting-user'
import { useApp } from '@/core/app-context'
import { hrefOf, navigate } from '@/core/hash-route'
import { formatDate, formatDateTime, formatRupiah, useI18n } from '@/core/i18n/i18n'
import type { MessageKey } from '@/core/i18n/messages-id'
import { ParticipantForm } from '@/registration/ParticipantForm'
import { formValuesOf } from '@/registration/registration-form-values'
import { getParticipant, updateParticipant } from '@/core/store/participant-repository'
import { isUnreadable } from '@/core/store/sealed-fields-storage'
import { RecordSyncPanel } from '@/sync/RecordSyncPanel'
import { canPerform } from '@shared/workflow/workflow'
import { ParticipantWorkflowPanel } from '@/verification-queue/ParticipantWorkflowPanel'
import { useRecordChanges } from '@/verification-queue/use-record-changes'
import type { NaunganStore } from '@/core/store/database'
import {
  heirRelationshipLabel,
  kecamatanName,
  occupationLabel,
  villageName,
} from './participant-labels'
import { Notice } from '@/ui/Notice'
import { ErrorState, LoadingState } from '@/ui/States'

type Loaded =
  | { phase: 'loading' }
  | { phase: 'missing' }
  | { phase: 'failed' }
  | { phase: 'loaded'; participant: ParticipantDocument }

async function fetchParticipantView(store: NaunganStore, id: string): Promise<Loaded> {
  try {
    const participant = await getParticipant(store, id)
    if (!participant) return { phase: 'missing' }
    return { phase: 'loaded', participant }
  } catch (error) {
    console.error('Loading a participant failed:', error instanceof Error ? error.name : 'unknown')
    return { phase: 'failed' }
  }
}

export function ParticipantDetailScreen({ id, mode }: { id: string; mode: 'view' | 'edit' }) {
  const { t, language } = useI18n()
  const { store, office } = useApp()
  const sync = useSync()
  const [state, setState] = useState<Loaded>({ phase: 'loading' })
  // Bumped after a save that kept some entries as conflicts: the form is drawn again from the
  // record, so a second save starts from what the record holds, not from the clashing entries.
  const [formGeneration, setFormGeneration] = useState(0)
  const [clashCount, setClashCount] = useState(0)

  const load = useCallback(() => {
    fetchParticipantView(store, id).then(setState, () => setState({ phase: 'failed' }))
  }, [store, id])

  useEffect(load, [load])
  // A decision arriving by sync (an agency's check, the supervisor's review) shows without reopening.
  useRecordChanges(store, id, mode === 'view', load)

  if (state.phase === 'loading') return <LoadingState>{t('app.loading')}</LoadingState>
  if (state.phase === 'missing' || state.phase === 'failed') {
    return (
      <section className="panel">
        <ErrorState>
          {state.phase === 'missing' ? t('detail.notFound') : t('list.failed')}
        </ErrorState>
        <a href={hrefOf({ screen: 'participants' })}>{t('detail.back')}</a>
      </section>
    )
  }

  const { participant } = state
  const damaged = ['nik', 'kk', 'phone'].some((field) =>
    isUnreadable(participant[field as keyof ParticipantDocument]),
  )
  // The workflow rules decide who may change the data (verifiers never; clerks until approval).
  const actor = actingUserOf(office, sync)
  const editVerdict = canPerform(actor, participant, { kind: 'edit-data' })

  if (mode === 'edit') {
    return (
      <section className="panel">
        <h1>{t('form.editTitle')}</h1>
        <p>
          {participant.registrationNumber} — {participant.fullName}
        </p>
        {clashCount > 0 ? (
          <Notice kind="warning" inline announce="alert" data-testid="saved-with-conflicts">
            {t('form.savedWithConflicts', { count: clashCount })}
          </Notice>
        ) : null}
        {damaged ? (
          <Notice kind="error" inline>
            {t('form.unreadableRecord')}
          </Notice>
        ) : !editVerdict.allowed ? (
          <Notice kind="error" data-testid="edit-refused">
            {editVerdict.message[language]}
          </Notice>
        ) : (
          <ParticipantForm
            key={formGeneration}
            initialValues={formValuesOf(participant)}
            editingId={participant.id}
            submitLabel="form.saveChanges"
            resetAfterSave={false}
            onSave={async (valid) => {
              // The copy the form was filled from: only what the clerk changed is written, and a
              // field also changed meanwhile (by sync) becomes a conflict, not an overwrite.
              const result = await updateParticipant(store, participant.id, valid, {
                office,
                loaded: participant,
              })
              setClashCount(result.conflicts.length)
              if (result.conflicts.length > 0) setFormGeneration((n) => n + 1)
              return result.changes.length === 0 && result.conflicts.length === 0
                ? { kind: 'unchanged' }
                : { kind: 'saved', participant: result.participant }
            }}
            onSaved={load}
            onCancel={() => navigate({ screen: 'participant', id: participant.id, mode: 'view' })}
          />
        )}
        <p>
          <a href={hrefOf({ screen: 'participant', id: participant.id, mode: 'view' })}>
            {t('detail.backToParticipant')}
          </a>
        </p>
      </section>
    )
  }

  const sensitive = (value: string | undefined, mask: (v: string) => string) =>
    value === undefined || value === ''
      ? '—'
      : isUnreadable(value)
        ? t('detail.unreadable')
        : mask(value)

  const rows: [MessageKey, ReactNode][] = [
    ['list.col.registrationNumber', participant.registrationNumber],
    [
      'form.nik',
      // Masked; in full only for those whose work needs it, each time recorded (UU PDP).
      <RevealableNik
        key="nik"
        participant={participant}
        language={language}
        unreadableText={t('detail.unreadable')}
      />,
    ],
    ['form.kk', sensitive(participant.kk, maskKk)],
    ['form.fullName', participant.fullName],
    ['form.birthPlace', participant.birthPlace],
    ['form.birthDate', formatDate(language, participant.birthDate)],
    ['form.sex', participant.sex === 'P' ? t('form.sex.P') : t('form.sex.L')],
    ['form.address', participant.address],
    ['form.rtRw', `${participant.rt}/${participant.rw}`],
    ['form.village', villageName(participant.villageCode)],
    ['form.kecamatan', kecamatanName(participant.kecamatanCode)],
    ['form.occupation', occupationLabel(participant.occupationCode, language)],
    ['form.monthlyIncome', formatRupiah(participant.monthlyIncome)],
    ['form.phone', sensitive(participant.phone, maskPhone)],
    ['form.heirName', participant.heirName],
    ['form.heirRelationship', heirRelationshipLabel(participant.heirRelationship, language)],
    [
      'list.col.status',
      participant.status === 'approved' && participant.enrolmentBatchId
        ? `${t('status.approved')} — ${t('detail.sentToBpjs')}`
        : t(`status.${participant.status}`),
    ],
    ...(participant.kpjNumber
      ? [['detail.kpj', participant.kpjNumber] as [MessageKey, string]]
      : []),
    ...(participant.coverage ?? []).map(
      (period) =>
        [
          'detail.coverage',
          `${period.year}: ${formatDate(language, period.from)} – ${
            period.until ? formatDate(language, period.until) : t('detail.coverageOpen')
          }${period.endReason ? ` (${t(`detail.endReason.${period.endReason}`)})` : ''}`,
        ] as [MessageKey, string],
    ),
  ]

  return (
    <section className="panel">
      <p>
        <a href={hrefOf({ screen: 'participants' })}>{t('detail.back')}</a>
      </p>
      <h1>{participant.fullName}</h1>
      {damaged ? (
        <Notice kind="error" inline>
          {t('form.unreadableRecord')}
        </Notice>
      ) : null}
      <div className="detail-actions">
        {editVerdict.allowed ? (
          <a
            className="button"
            href={hrefOf({ screen: 'participant', id: participant.id, mode: 'edit' })}
          >
            {t('detail.edit')}
          </a>
        ) : null}
      </div>
      <RecordSyncPanel
        participant={participant}
        fieldLabel={(field) => historyFieldLabel(field, t, language)}
        onChanged={load}
      />
      <ParticipantWorkflowPanel
        store={store}
        participant={participant}
        actor={actor}
        damaged={damaged}
        onChanged={load}
      />
      <DeathPanel store={store} participant={participant} actor={actor} onChanged={load} />
      <ClaimPanel
        store={store}
        participant={participant}
        actor={actor}
        claimActor={claimActorOf(actor, sync, office)}
        officeName={
          sync?.enrolment.office.name ??
          `Kantor Kecamatan ${kecamatanName(participant.kecamatanCode)}`
        }
        onChanged={load}
      />
      <h2>{t('detail.data')}</h2>
      <dl className="detail-grid">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">
        {t('detail.createdBy', {
          by: participant.createdBy,
          at: formatDateTime(language, participant.createdAt),
        })}
        <br />
        {t('detail.updatedBy', {
          by: participant.updatedBy,
          at: formatDateTime(language, participant.updatedAt),
        })}
      </p>
      <PrintLogPanel prints={participant.prints ?? []} />
      <h2>{t('detail.history')}</h2>
      <ParticipantHistory
        store={store}
        participantId={participant.id}
        fieldLabel={(field) => historyFieldLabel(field, t, language)}
        currentDeviceId={sync?.enrolment.deviceId ?? null}
      />
    </section>
  )
}
