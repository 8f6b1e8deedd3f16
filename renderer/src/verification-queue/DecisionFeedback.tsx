import { useI18n } from '../i18n/i18n'
import type { WorkflowOutcome } from '../workflow/workflow-repository'
import { queueText, type QueueMessageKey } from './queue-messages'

type DoneKey = Extract<QueueMessageKey, `done.${string}`>

/** What the last action did, worded at render time so a language switch re-words it. */
export type Feedback =
  | {
      kind: 'done'
      doneKey: Exclude<DoneKey, 'done.syncNote'>
      count: number
      refused: { id: string; name: string; message: { id: string; en: string } | null }[]
    }
  | { kind: 'nothing-chosen' }
  | { kind: 'failed' }
  | null

/** Outcomes of one batch: how many were written, and which were refused with the rule's words. */
export function feedbackOf(
  outcomes: readonly WorkflowOutcome[],
  doneKey: Exclude<DoneKey, 'done.syncNote'>,
  nameOf: (id: string) => string,
): Feedback {
  return {
    kind: 'done',
    doneKey,
    count: outcomes.filter((outcome) => outcome.ok).length,
    refused: outcomes.flatMap((outcome) =>
      outcome.ok
        ? []
        : [
            {
              id: outcome.id,
              name: nameOf(outcome.id),
              message: outcome.reason === 'REFUSED' ? outcome.verdict.message : null,
            },
          ],
    ),
  }
}

/** Merges the feedback of batches split by note (a return with a note per record). */
export function combinedFeedback(parts: readonly Feedback[]): Feedback {
  const done = parts.filter((part) => part?.kind === 'done')
  const first = done[0]
  if (!first) return null
  return {
    ...first,
    count: done.reduce((sum, part) => sum + part.count, 0),
    refused: done.flatMap((part) => part.refused),
  }
}

export function DecisionFeedback({ feedback }: { feedback: Feedback }) {
  const { language } = useI18n()
  if (!feedback) return null
  if (feedback.kind === 'nothing-chosen') {
    return (
      <p className="field-warning" role="alert" data-testid="queue-feedback">
        {queueText(language, 'nothingChosen')}
      </p>
    )
  }
  if (feedback.kind === 'failed') {
    return (
      <p className="notice notice-error" role="alert" data-testid="queue-feedback">
        {queueText(language, 'saveFailed')}
      </p>
    )
  }
  return (
    <div data-testid="queue-feedback">
      {feedback.count > 0 ? (
        <p className="notice notice-success" role="status">
          {queueText(language, feedback.doneKey, { count: feedback.count })}{' '}
          {queueText(language, 'done.syncNote')}
        </p>
      ) : null}
      {feedback.refused.length > 0 ? (
        <div className="notice notice-error" role="alert" data-testid="queue-refusals">
          <p>{queueText(language, 'refusedTitle', { count: feedback.refused.length })}</p>
          <ul>
            {feedback.refused.map((refusal) => (
              <li key={refusal.id}>
                {queueText(language, 'refusedItem', {
                  name: refusal.name,
                  message: refusal.message
                    ? refusal.message[language]
                    : queueText(language, 'notFound'),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
