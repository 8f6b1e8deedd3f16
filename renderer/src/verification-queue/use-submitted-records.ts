import { useEffect, useState } from 'react'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import type { NaunganStore } from '@/core/store/database'

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
    const query = store.db.participants.find({
      selector: { status: 'submitted' },
      sort: [{ status: 'asc' }, { nameKey: 'asc' }],
    })
    const subscription = query.$.subscribe({
      next: (docs) =>
        setState({ phase: 'loaded', records: docs.map((doc) => doc.toMutableJSON()) }),
      error: (error: unknown) => {
        console.error('Queue query failed:', error instanceof Error ? error.name : 'unknown')
        setState({ phase: 'failed' })
      },
    })
    return () => subscription.unsubscribe()
  }, [store])
  return state
}
