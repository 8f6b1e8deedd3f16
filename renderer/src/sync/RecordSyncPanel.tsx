import { useEffect, useState } from 'react'
import type { FieldConflict, ParticipantDocument } from '@shared/participant/participant-document'
import { maskKk, maskNik, maskPhone } from '@shared/identity/masking'
import {
  conflictEntryId,
  DELETED_FIELD,
  type ConflictChoice,
  type ConflictDecision,
} from '@shared/sync/merge'
import { useApp } from '@/core/app-context'
import { formatDateTime, useI18n } from '@/core/i18n/i18n'
import type { MessageKey } from '@/core/i18n/messages-id'
import { resolveParticipantConflicts } from '@/core/store/participant-repository'
import {
  getSyncState,
  watchSyncState,
  type ParticipantSyncStateDocument,
} from '@/core/store/sync-state-repository'
import { canResolveConflicts, useSync } from './sync-context'
import './sync.css'

/**
 * The participant view's sync part: whether the record reached the server, the server's reason
 * if it refused it, duplicate flags, and clashing edits — which a supervisor settles here.
 */
export function RecordSyncPanel({
  participant,
  fieldLabel,
  onChanged,
}: {
  participant: ParticipantDocument
  fieldLabel(field: string): string
  onChanged(): void
}) {
  const { t, language } = useI18n()
  const { store, office } = useApp()
  const sync = useSync()
  const [state, setState] = useState<ParticipantSyncStateDocument | null | undefined>(undefined)

  useEffect(() => {
    const stopWatching = watchSyncState(store, participant.id, setState)
    void getSyncState(store, participant.id).then(setState)
    return stopWatching
  }, [store, participant.id])

  const hasFlags = participant.conflicts.length > 0 || participant.duplicates.length > 0
  if (!sync && !hasFlags) return null

  return (
    <section className="record-sync" aria-label={t('sync.record.title')}>
      <h2>{t('sync.record.title')}</h2>
      {sync && state !== undefined ? (
        <p data-testid="record-sync-state" data-state={state?.state ?? 'untracked'}>
          {state === null
            ? t('sync.record.untracked')
            : state.state === 'pending'
              ? t('sync.record.pending', { at: formatDateTime(language, state.since) })
              : state.state === 'synced'
                ? t('sync.record.synced')
                : null}
        </p>
      ) : null}
      {state?.state === 'rejected' ? (
        <div className="field-error" role="alert" data-testid="record-sync-rejected">
          <p>
            {t('sync.record.rejected', {
              reason: state.rejectionMessage ?? state.rejectionCode ?? '',
            })}
          </p>
          <p>{t('sync.record.rejectedHint')}</p>
        </div>
      ) : null}
      {participant.duplicates.length > 0 ? (
        <p className="field-warning" role="alert" data-testid="record-duplicates">
          {t('sync.duplicates', {
            list: participant.duplicates
              .map((flag) => `${flag.registrationNumber} (${flag.officeCode})`)
              .join(', '),
          })}
        </p>
      ) : null}
      {participant.conflicts.length > 0 ? (
        <ConflictResolver
          participant={participant}
          fieldLabel={fieldLabel}
          canResolve={canResolveConflicts(sync)}
          onResolve={async (choices) => {
            await resolveParticipantConflicts(store, participant.id, choices, { office })
            onChanged()
          }}
        />
      ) : null}
    </section>
  )
}

function displayConflictValue(field: string, json: string, t: (key: MessageKey) => string): string {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return json
  }
  if (field === DELETED_FIELD)
    return value === true ? t('sync.conflict.deleted') : t('sync.conflict.kept')
  if (value === null || value === '') return t('sync.conflict.empty')
  const text = String(value)
  // Personal data stays masked here as everywhere else on screen.
  if (field === 'nik') return maskNik(text)
  if (field === 'kk') return maskKk(text)
  if (field === 'phone') return maskPhone(text)
  return text
}

function ConflictResolver({
  participant,
  fieldLabel,
  canResolve,
  onResolve,
}: {
  participant: ParticipantDocument
  fieldLabel(field: string): string
  canResolve: boolean
  onResolve(choices: ConflictDecision[]): Promise<void>
}) {
  const { t, language } = useI18n()
  // Keyed by the entry's identity: a decision settles the entry shown, never another one of the
  // same field that a sync added meanwhile.
  const [choices, setChoices] = useState<Record<string, ConflictDecision>>({})
  // One decision per field at a time: two entries of one field cannot take two values.
  const choose = (entry: FieldConflict, choice: ConflictChoice) => {
    const next = Object.fromEntries(
      Object.entries(choices).filter(([, decision]) => decision.entry.field !== entry.field),
    )
    setChoices({ ...next, [conflictEntryId(entry)]: { entry, choice } })
  }
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)

  return (
    <div className="conflicts" data-testid="record-conflicts">
      <p className="field-warning" role="alert">
        {t('sync.conflicts', { count: participant.conflicts.length })}
      </p>
      {!canResolve ? <p className="hint">{t('sync.conflict.supervisorOnly')}</p> : null}
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          if (Object.keys(choices).length === 0) return
          setBusy(true)
          try {
            await onResolve(Object.values(choices))
            setChoices({})
            setSaved(true)
          } finally {
            setBusy(false)
          }
        }}
      >
        {participant.conflicts.map((conflict, index) => {
          const name = `conflict-${index}`
          const chosen = choices[conflictEntryId(conflict)]?.choice
          return (
            <fieldset key={`${conflict.field}-${index}`} className="conflict">
              <legend>
                {t('sync.conflict.field')}: {fieldLabel(conflict.field)}
              </legend>
              <label className="checkbox">
                <input
                  type="radio"
                  name={name}
                  disabled={!canResolve}
                  checked={chosen === 'server'}
                  onChange={() => choose(conflict, 'server')}
                />
                {t('sync.conflict.keepServer')}: {t('sync.conflict.server')} —{' '}
                <strong>{displayConflictValue(conflict.field, conflict.serverValue, t)}</strong>
              </label>
              <label className="checkbox">
                <input
                  type="radio"
                  name={name}
                  disabled={!canResolve}
                  checked={chosen === 'local'}
                  onChange={() => choose(conflict, 'local')}
                />
                {t('sync.conflict.takeLocal')}:{' '}
                {t('sync.conflict.local', {
                  by: conflict.localBy,
                  at: formatDateTime(language, conflict.localAt),
                })}{' '}
                — <strong>{displayConflictValue(conflict.field, conflict.localValue, t)}</strong>
              </label>
            </fieldset>
          )
        })}
        {canResolve ? (
          <button type="submit" disabled={busy || Object.keys(choices).length === 0}>
            {t('sync.conflict.apply')}
          </button>
        ) : null}
        {saved ? (
          <p role="status" className="saved">
            {t('sync.conflict.applied')}
          </p>
        ) : null}
      </form>
    </div>
  )
}
