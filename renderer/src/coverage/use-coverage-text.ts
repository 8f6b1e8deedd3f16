import { useCallback } from 'react'
import type { CoverageProblem } from '@shared/coverage/coverage-messages'
import { describeCoverageProblem } from '@shared/coverage/coverage-messages'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { useI18n } from '@/core/i18n/i18n'
import { batchText, type BatchMessageKey } from './coverage-messages'
import type { CoverageOutcome } from './coverage-repository'

/** The screen's strings, and the plain-words forms of problems, outcomes and statuses. */
export function useCoverageText() {
  const { language, t: appText } = useI18n()
  const t = useCallback(
    (key: BatchMessageKey, params?: Record<string, string | number>) =>
      batchText(language, key, params),
    [language],
  )
  const problem = useCallback(
    (entry: CoverageProblem) => describeCoverageProblem(entry, language),
    [language],
  )
  /** "Dikirim ke BPJS" for an approved record sent in a batch; otherwise the status label. */
  const status = useCallback(
    (doc: Pick<ParticipantDocument, 'status' | 'enrolmentBatchId'>) =>
      doc.status === 'approved' && doc.enrolmentBatchId
        ? t('sentToBpjs')
        : appText(`status.${doc.status}`),
    [t, appText],
  )
  /** One sentence for the records that were not processed, with their reasons (deduplicated). */
  const refusals = useCallback(
    (outcomes: readonly CoverageOutcome[]): string | null => {
      const reasons = new Set<string>()
      let count = 0
      for (const outcome of outcomes) {
        if (outcome.ok) continue
        count++
        reasons.add(
          outcome.reason === 'NOT_FOUND'
            ? t('notFound')
            : outcome.reason === 'REFUSED'
              ? outcome.verdict.message[language]
              : describeCoverageProblem(outcome.problem, language),
        )
      }
      return count === 0 ? null : t('refusedCount', { count, reasons: [...reasons].join(' ') })
    },
    [t, language],
  )
  return { t, language, problem, status, refusals }
}

/** What a tab says after an action; drawn by the kit's Notice. */
export type NoticeText = { tone: 'success' | 'error' | 'warning' | 'info'; text: string }
