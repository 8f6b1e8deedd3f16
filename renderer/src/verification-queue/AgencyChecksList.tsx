import { isDecidedOnBehalf, type AgencyCheck } from '@shared/workflow/workflow'
import { formatDateTime, useI18n, type Language } from '@/core/i18n/i18n'
import { agencyLabel, rejectionReasonLabel } from '@/participants/participant-labels'
import { queueText, type QueueMessageKey } from './queue-messages'

/** "✓ dikonfirmasi", "✗ ditolak (alasan)", "… menunggu": the same words in every list. */
export function checkStateText(
  language: Language,
  check: AgencyCheck | undefined,
  options: { withReason: boolean } = { withReason: true },
): string {
  if (!check) return queueText(language, 'state.notRequired')
  if (check.state === 'rejected' && options.withReason && check.reasonCode) {
    return queueText(language, 'state.rejectedWith', {
      reason: rejectionReasonLabel(check.reasonCode, language),
    })
  }
  const key: QueueMessageKey = `state.${check.state}`
  return queueText(language, key)
}

/**
 * Each agency's check as read by anyone: its state, the reason and note of a rejection, who
 * decided and when. Read-only.
 */
export function AgencyChecksList({
  checks,
  testId,
}: {
  checks: readonly AgencyCheck[]
  testId?: string
}) {
  const { language } = useI18n()
  return (
    <ul className="agency-checks" data-testid={testId}>
      {checks.map((check) => (
        <li key={check.agency} data-agency={check.agency} data-state={check.state}>
          <strong>{agencyLabel(check.agency, language)}</strong>
          <span className={`check-state check-${check.state}`}>
            {checkStateText(language, check, { withReason: false })}
          </span>
          {check.reasonCode ? (
            <span className="check-detail">
              {queueText(language, 'check.reason', {
                reason: rejectionReasonLabel(check.reasonCode, language),
              })}
            </span>
          ) : null}
          {check.note && !isDecidedOnBehalf(check) ? (
            <span className="check-detail">
              {queueText(language, 'check.note', { note: check.note })}
            </span>
          ) : null}
          {check.decidedBy && check.decidedAt && isDecidedOnBehalf(check) ? (
            <span className="hint" data-testid="check-on-behalf">
              {queueText(language, 'check.onBehalf', {
                by: check.decidedBy,
                at: formatDateTime(language, check.decidedAt),
                letter: check.note ?? '',
              })}
            </span>
          ) : check.decidedBy && check.decidedAt ? (
            <span className="hint">
              {queueText(language, 'check.by', {
                by: check.decidedBy,
                at: formatDateTime(language, check.decidedAt),
              })}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
