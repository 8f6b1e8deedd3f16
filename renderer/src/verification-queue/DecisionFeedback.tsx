import { useI18n } from '@/core/i18n/i18n'
import type { WorkflowOutcome } from '@/workflow/workflow-repository'
import { queueText, type QueueMessageKey } from './queue-messages'
import { Notice } from '@/ui/Notice'

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
      <Notice kind="warning" inline announce="alert" data-testid="queue-feedback">
        {queueText(language, 'nothingChosen')}
      </Notice>
    )
  }
  if (feedback.kind === 'failed') {
    return (
      <Notice kind="error" data-testid="queue-feedback">
        {queueText(language, 'saveFailed')}
      </Notice>
    )
  }
  return (
    <div data-testid="queue-feedback">
      {feedback.count > 0 ? (
        <Notice kind="success">
          {queueText(language, feedback.doneKey, { count: feedback.count })}{' '}
          {queueText(language, 'done.syncNote')}
        </Notice>
      ) : null}
      {feedback.refused.length > 0 ? (
        <Notice
          kind="error"
          title={queueText(language, 'refusedTitle', { count: feedback.refused.length })}
          data-testid="queue-refusals"
        >
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
        </Notice>
      ) : null}
    </div>
  )
}
