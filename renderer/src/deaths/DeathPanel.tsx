import { useCallback, useState } from 'react'
import { claimStatusOf, isClosedStatus } from '@shared/claims/claim-case'
import { DEATH_SOURCES, isDeceased, type DeathProblem } from '@shared/participant/death'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { canPerform } from '@shared/workflow/workflow'
import type { ActingUser } from '@/core/acting-user'
import { localToday } from '@/core/district'
import { formatDateWords } from '@shared/i18n/format'
import { formatDate, formatDateTime, useI18n } from '@/core/i18n/i18n'
import type { NaunganStore } from '@/core/store/database'
import { FormField } from '@/ui/FormField'
import { Notice } from '@/ui/Notice'
import { correctDeath, reportDeath, type DeathOutcome } from './death-repository'
import { deathText, type DeathMessageKey } from './death-messages'

/**
 * A participant's death on their page: reported here by a clerk or supervisor (date, source,
 * document), shown once reported, and withdrawn by a supervisor when it was wrong. Saved on this
 * PC first ("tersimpan") and synced like every change to the record.
 */
export function DeathPanel({
  store,
  participant,
  actor,
  onChanged,
}: {
  store: NaunganStore
  participant: ParticipantDocument
  actor: ActingUser
  onChanged(): void
}) {
  const { language } = useI18n()
  const t = useCallback(
    (key: DeathMessageKey, params?: Record<string, string | number>) =>
      deathText(language, key, params),
    [language],
  )
  const [open, setOpen] = useState(false)
  const [date, setDate] = useState('')
  const [source, setSource] = useState<string>('keluarga')
  const [reference, setReference] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const [saved, setSaved] = useState('')
  const [busy, setBusy] = useState(false)
  const deceased = isDeceased(participant)
  const record = {
    status: participant.status,
    checks: participant.checks,
    isDeceased: deceased,
  }
  const mayReport = canPerform(actor, record, { kind: 'report-death' }).allowed
  const mayCorrect = canPerform(actor, record, { kind: 'correct-death' }).allowed
  // The server keeps a report an heirs' claim still rests on (workflow-push.ts): close it first.
  const hasOpenClaim = (participant.claims ?? []).some(
    (claim) => claim.died && !isClosedStatus(claimStatusOf(claim)),
  )

  const problemText = (problem: DeathProblem) =>
    t(`problem.${problem.code}`, 'params' in problem ? problem.params : undefined)

  const settle = (outcome: DeathOutcome, success: (doc: ParticipantDocument) => string) => {
    if (outcome.ok) {
      setError('')
      setSaved(success(outcome.participant))
      setOpen(false)
      onChanged()
    } else if (outcome.reason === 'PROBLEM') setError(problemText(outcome.problem))
    else if (outcome.reason === 'REFUSED') setError(outcome.verdict.message[language])
    else setError(t('notFound'))
  }

  const save = async () => {
    setBusy(true)
    try {
      const outcome = await reportDeath(store, participant.id, { date, source, reference }, actor)
      settle(outcome, (doc) => {
        const until = (doc.coverage ?? []).find((period) => period.endReason === 'meninggal')?.until
        return until
          ? t('saved', { until: formatDateWords(language, until) })
          : t('savedNoCoverage')
      })
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async () => {
    setBusy(true)
    try {
      settle(await correctDeath(store, participant.id, reason, actor), () => t('correctedSaved'))
    } finally {
      setBusy(false)
    }
  }

  const death = participant.death
  return (
    <section className="death-panel" aria-labelledby="death-title" data-testid="death-panel">
      <h2 id="death-title">{t('title')}</h2>
      {saved ? <Notice kind="success">{saved}</Notice> : null}
      {death && deceased ? (
        <Notice kind="warning" announce="none" data-testid="death-reported">
          <strong>{t('deceased', { date: formatDateWords(language, death.date) })}</strong>{' '}
          {t('reportedBy', {
            by: death.reportedBy,
            office: death.officeCode,
            at: formatDateTime(language, death.reportedAt),
            source: t(`source.${death.source}`),
            reference: death.reference,
          })}
        </Notice>
      ) : null}
      {death?.correction ? (
        <p className="hint">
          {t('corrected', {
            date: formatDate(language, death.date),
            by: death.correction.by,
            at: formatDateTime(language, death.correction.at),
            reason: death.correction.reason,
          })}
        </p>
      ) : null}
      {deceased && mayCorrect && hasOpenClaim ? (
        <p className="hint">{t('correctBlockedByClaim')}</p>
      ) : null}
      {deceased && mayCorrect && !hasOpenClaim ? (
        <details>
          <summary>{t('correct')}</summary>
          <p className="hint">{t('correctIntro')}</p>
          <fieldset disabled={busy}>
            <FormField label={t('correctReason')} required error={error || undefined}>
              {(control) => (
                <textarea
                  {...control}
                  rows={2}
                  maxLength={300}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              )}
            </FormField>
            <button type="button" onClick={() => void withdraw()}>
              {t('correctSave')}
            </button>
          </fieldset>
        </details>
      ) : null}
      {!deceased && mayReport ? (
        open ? (
          <fieldset disabled={busy} className="death-form">
            <p className="hint">{t('reportIntro')}</p>
            <FormField label={t('date')} required>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  max={localToday()}
                  value={date}
                  onChange={(event) => setDate(event.target.value)}
                />
              )}
            </FormField>
            <FormField label={t('source')} required>
              {(control) => (
                <select
                  {...control}
                  value={source}
                  onChange={(event) => setSource(event.target.value)}
                >
                  {DEATH_SOURCES.map((entry) => (
                    <option key={entry} value={entry}>
                      {t(`source.${entry}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField label={t('reference')} help={t('referenceHelp')} required>
              {(control) => (
                <input
                  {...control}
                  maxLength={100}
                  autoComplete="off"
                  value={reference}
                  onChange={(event) => setReference(event.target.value)}
                />
              )}
            </FormField>
            {error ? (
              <Notice kind="error" data-testid="death-error">
                {error}
              </Notice>
            ) : null}
            <div className="actions">
              <button type="button" className="primary" onClick={() => void save()}>
                {t('save')}
              </button>
              <button type="button" onClick={() => setOpen(false)}>
                {t('cancel')}
              </button>
            </div>
          </fieldset>
        ) : (
          <button type="button" onClick={() => setOpen(true)}>
            {t('report')}
          </button>
        )
      ) : null}
    </section>
  )
}
