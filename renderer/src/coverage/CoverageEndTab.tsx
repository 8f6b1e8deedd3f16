import { useCallback, useMemo, useState } from 'react'
import { participantsReachingAgeLimit } from '@shared/coverage/age-limit'
import {
  COVERAGE_END_REASONS,
  type CoverageEndReason,
  type ParticipantDocument,
} from '@shared/participant/participant-document'
import { district, localToday } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import type { ActingUser } from '@/core/acting-user'
import { endCoverageFor, listByStatus, type CoverageOutcome } from './coverage-repository'
import { useLoaded } from './use-loaded'
import { useCoverageText, type NoticeText } from './use-coverage-text'
import { Notice } from '@/ui/Notice'

/**
 * The age limit, detected for this year and listed for the supervisor, and ending a
 * participant's coverage with a reason and the last covered day.
 */
export function CoverageEndTab({ store, actor }: { store: NaunganStore; actor: ActingUser }) {
  const { t, language, refusals } = useCoverageText()
  const year = Number(localToday().slice(0, 4))
  const [participantId, setParticipantId] = useState('')
  const [reason, setReason] = useState<CoverageEndReason>('meninggal')
  const [until, setUntil] = useState(localToday())
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<NoticeText | null>(null)

  const loadCovered = useCallback(() => listByStatus(store, ['active', 'enrolled']), [store])
  const [covered, reload] = useLoaded<ParticipantDocument[]>(loadCovered, [])

  const reaching = useMemo(
    () =>
      participantsReachingAgeLimit(covered, district.config, {
        from: `${year}-01-01`,
        until: `${year}-12-31`,
      }),
    [covered, year],
  )

  const end = async (
    doc: Pick<ParticipantDocument, 'id' | 'fullName'>,
    request: { until: string; reason: CoverageEndReason },
  ) => {
    setBusy(true)
    try {
      const outcome: CoverageOutcome = await endCoverageFor(store, doc.id, request, actor)
      setNotice(
        outcome.ok
          ? { tone: 'success', text: t('endDone', { name: doc.fullName }) }
          : { tone: 'error', text: refusals([outcome]) ?? '' },
      )
      reload()
    } finally {
      setBusy(false)
    }
  }

  const chosen = covered.find((doc) => doc.id === participantId)

  return (
    <div className="enrolment-tab">
      <h2>{t('ageTitle', { year })}</h2>
      {reaching.length === 0 ? (
        <p className="hint">{t('ageNone')}</p>
      ) : (
        <ul className="enrolment-age-list">
          {reaching.map((entry) => (
            <li key={entry.participantId}>
              <span>{entry.sentence[language]}</span>{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void end(
                    { id: entry.participantId, fullName: entry.fullName },
                    { until: entry.lastCoveredDay, reason: 'batas-usia' },
                  )
                }
              >
                {t('endAtLimit')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (!chosen || until === '') {
            setNotice({ tone: 'error', text: t('endChoose') })
            return
          }
          void end(chosen, { until, reason })
        }}
      >
        <h2>{t('endTitle')}</h2>
        <fieldset disabled={busy} className="field-row">
          <label className="field">
            {t('participant')}
            <select
              aria-label={t('participant')}
              value={participantId}
              onChange={(event) => setParticipantId(event.target.value)}
            >
              <option value="">{t('choose')}</option>
              {covered.map((doc) => (
                <option key={doc.id} value={doc.id}>
                  {`${doc.fullName} — ${doc.registrationNumber}${doc.kpjNumber ? ` — KPJ ${doc.kpjNumber}` : ''}`}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('endReason')}
            <select
              aria-label={t('endReason')}
              value={reason}
              onChange={(event) => setReason(event.target.value as CoverageEndReason)}
            >
              {COVERAGE_END_REASONS.map((code) => (
                <option key={code} value={code}>
                  {t(`reason.${code}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('endUntil')}
            <input
              type="date"
              value={until}
              aria-describedby="enrolment-until-help"
              onChange={(event) => setUntil(event.target.value)}
            />
            <small id="enrolment-until-help" className="hint">
              {t('endUntilHelp')}
            </small>
          </label>
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('endAtLimit')}
          </button>
        </div>
      </form>
      {notice ? <Notice kind={notice.tone}>{notice.text}</Notice> : null}
    </div>
  )
}
