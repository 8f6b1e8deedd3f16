import { useEffect, useState } from 'react'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import type { NaunganStore } from '@/core/store/database'
import { watchParticipantsWithStatus } from '@/core/store/participant-changes'

export type SubmittedRecords =
  { phase: 'loading' } | { phase: 'failed' } | { phase: 'loaded'; records: ParticipantDocument[] }

/**
 * Every submitted record on this PC, by name, kept current: a decision made here, or one that
 * arrives by sync, re-reads the list. The `['status', 'nameKey']` index answers the query; the
 * queues narrow it further in memory (queue-model.ts).
 */
export function useSubmittedRecords(store: NaunganStore): SubmittedRecords {
  const [state, setState] = useState<SubmittedRecords>({ phase: 'loading' })
  useEffect(() => {
    return watchParticipantsWithStatus(
      store,
      'submitted',
      (records) => setState({ phase: 'loaded', records }),
      (error: unknown) => {
        console.error('Queue query failed:', error instanceof Error ? error.name : 'unknown')
        setState({ phase: 'failed' })
      },
    )
  }, [store])
  return state
}
