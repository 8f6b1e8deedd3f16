import { useState } from 'react'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { requiredAgenciesFor } from '@shared/workflow/verification-config'
import { canPerform } from '@shared/workflow/workflow'
import { district } from '@/core/district'
import { formatDateTime, useI18n } from '@/core/i18n/i18n'
import {
  agencyLabel,
  agencyShortLabel,
  rejectionReasonLabel,
} from '@/participants/participant-labels'
import type { NaunganStore } from '@/core/store/database'
import type { ActingUser } from '@/core/acting-user'
import { submitParticipants } from '@/workflow/workflow-repository'
import { AgencyChecksList } from './AgencyChecksList'
import { queueText } from './queue-messages'
import { rejectedChecks } from './queue-model'
import { Notice } from '@/ui/Notice'
import './queue.css'

/** Said about the record in the status it was in: once the status moves on, it no longer shows. */
type SubmitFeedback = {
  kind: 'ok' | 'error'
  text: string
  status: ParticipantDocument['status']
} | null

/**
 * The workflow part of a participant's page: a returned record's notice with the supervisor's note
 * and the agencies' reasons, each required agency's check, the supervisor's decision, and
 * "Ajukan" / "Ajukan ulang" when the rules let this user submit.
 */
export function ParticipantWorkflowPanel({
  store,
  participant,
  actor,
  damaged,
  onChanged,
}: {
  store: NaunganStore
  participant: ParticipantDocument
  actor: ActingUser
  /** A record whose sealed fields cannot be read is not submitted. */
  damaged: boolean
  onChanged(): void
}) {
  const { t, language } = useI18n()
  const [submitting, setSubmitting] = useState(false)
  const [feedback, setFeedback] = useState<SubmitFeedback>(null)
  const verification = district.config.verification
  const maySubmit = canPerform(actor, participant, { kind: 'submit' }).allowed
  const review = participant.review
  const rejected = rejectedChecks(participant)

  const submit = async () => {
    setSubmitting(true)
    setFeedback(null)
    try {
      const [outcome] = await submitParticipants(store, [participant.id], actor)
      if (outcome?.ok) {
        const agencies = outcome.participant.checks
          .filter((check) => check.state === 'pending')
          .map((check) => agencyShortLabel(check.agency, language))
          .join(', ')
        setFeedback({
          kind: 'ok',
          text: queueText(language, 'workflow.submitted', { agencies }),
          status: outcome.participant.status,
        })
      } else if (outcome && outcome.reason === 'REFUSED') {
        const text = outcome.verdict.message[language]
        setFeedback({ kind: 'error', text, status: participant.status })
      } else {
        const text = queueText(language, 'notFound')
        setFeedback({ kind: 'error', text, status: participant.status })
      }
    } catch (error) {
      console.error('Submitting failed:', error instanceof Error ? error.name : 'unknown')
      const text = queueText(language, 'workflow.submitFailed')
      setFeedback({ kind: 'error', text, status: participant.status })
    } finally {
      setSubmitting(false)
      onChanged()
    }
  }

  return (
    <section className="workflow-panel" aria-labelledby="workflow-title" data-testid="workflow">
      {participant.status === 'returned' ? (
        // Part of the record's page, read with it: no live announcement.
        <Notice
          kind="warning"
          announce="none"
          as="div"
          className="returned-notice"
          data-testid="returned-notice"
        >
          <p>
            <strong>
              {queueText(language, 'workflow.returnedNotice', { note: review?.note ?? '' })}
            </strong>
          </p>
          {rejected.length > 0 ? (
            <>
              <p>{queueText(language, 'workflow.returnedRejections')}</p>
              <ul>
                {rejected.map((check) => (
                  <li key={check.agency}>
                    {agencyShortLabel(check.agency, language)}:{' '}
                    {[
                      check.reasonCode ? rejectionReasonLabel(check.reasonCode, language) : '',
                      check.note ?? '',
                    ]
                      .filter(Boolean)
                      .join(' — ')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {maySubmit ? <p>{queueText(language, 'workflow.returnedFix')}</p> : null}
        </Notice>
      ) : null}
      <h2 id="workflow-title">{queueText(language, 'workflow.title')}</h2>
      <p data-testid="workflow-status" data-status={participant.status}>
        {queueText(language, 'workflow.status', { status: t(`status.${participant.status}`) })}
      </p>
      {participant.checks.length > 0 ? (
        <AgencyChecksList checks={participant.checks} testId="workflow-checks" />
      ) : participant.status === 'draft' ? (
        <p>
          {queueText(language, 'workflow.notSubmitted', {
            agencies: requiredAgenciesFor(verification, participant.occupationCode)
              .map((code) => agencyLabel(code, language))
              .join(', '),
          })}
        </p>
      ) : (
        <p>{queueText(language, 'workflow.noChecks')}</p>
      )}
      {review ? (
        <div className="review-decision" data-testid="workflow-review">
          <p>
            {queueText(
              language,
              review.decision === 'approved'
                ? 'workflow.review.approved'
                : 'workflow.review.returned',
              { by: review.by, at: formatDateTime(language, review.at) },
            )}
          </p>
          {review.note ? (
            <p>{queueText(language, 'workflow.reviewNote', { note: review.note })}</p>
          ) : null}
        </div>
      ) : null}
      {maySubmit && !damaged ? (
        <p>
          <button
            type="button"
            className="primary"
            disabled={submitting}
            onClick={() => void submit()}
          >
            {submitting
              ? queueText(language, 'workflow.submitting')
              : queueText(
                  language,
                  participant.status === 'returned' ? 'workflow.resubmit' : 'workflow.submit',
                )}
          </button>
        </p>
      ) : null}
      {feedback && feedback.status === participant.status ? (
        <p
          role={feedback.kind === 'error' ? 'alert' : 'status'}
          className={feedback.kind === 'error' ? 'field-error' : 'saved'}
        >
          {feedback.text}
        </p>
      ) : null}
    </section>
  )
}
