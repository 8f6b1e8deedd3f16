import { useEffect, useRef } from 'react'
import type { NaunganStore } from '@/core/store/database'
import { watchParticipantRevision } from '@/core/store/participant-changes'

/**
 * Calls `onChange` when the stored record changes after the page read it — an agency's decision
 * or the supervisor's arriving by sync — so an open participant page shows the new state without
 * being opened again. Not while editing: the form keeps the copy it was filled from.
 */
export function useRecordChanges(
  store: NaunganStore,
  id: string,
  enabled: boolean,
  onChange: () => void,
): void {
  const latest = useRef(onChange)
  useEffect(() => {
    latest.current = onChange
  }, [onChange])

  useEffect(() => {
    if (!enabled) return
    let seen: string | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const stopWatching = watchParticipantRevision(store, id, (revision) => {
      // The first emission is the record as it is now: the page has just read that.
      if (seen !== null && seen !== revision) {
        clearTimeout(timer)
        timer = setTimeout(() => latest.current(), 150)
      }
      seen = revision
    })
    return () => {
      clearTimeout(timer)
      stopWatching()
    }
  }, [store, id, enabled])
}
