import { useEffect, useState } from 'react'
import type { NaunganStore } from './database'
import { watchParticipants } from './participant-changes'

/** After a write, wait this long for more (a sync writes page after page) before reading again. */
const SETTLE_MS = 300

export type ParticipantsRead<T> =
  { phase: 'loading' } | { phase: 'loaded'; value: T } | { phase: 'failed'; error: unknown }

/**
 * Reads something from the participants now and again once their writes settle (a sync, an
 * import, a save here): no query cache in between, so what is shown is what is stored. `read`
 * changes only with `key` (its inputs, e.g. the year); a read that finishes after a newer one
 * started, or after the screen left, is dropped.
 */
export function useParticipantsRead<T>(
  store: NaunganStore,
  key: string,
  read: (store: NaunganStore) => Promise<T>,
): ParticipantsRead<T> & { key: string | null } {
  const [state, setState] = useState<ParticipantsRead<T> & { key: string | null }>({
    phase: 'loading',
    key: null,
  })
  useEffect(() => {
    let isCurrent = true
    let timer: ReturnType<typeof setTimeout> | null = null
    // Each read's number: a slow read that ends after a later one began shows nothing.
    let started = 0
    const load = () => {
      const mine = ++started
      const isLatest = () => isCurrent && mine === started
      void read(store).then(
        (value) => {
          if (isLatest()) setState({ phase: 'loaded', value, key })
        },
        (error: unknown) => {
          if (isLatest()) setState({ phase: 'failed', error, key })
        },
      )
    }
    load()
    const stop = watchParticipants(store, () => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(load, SETTLE_MS)
    })
    return () => {
      isCurrent = false
      if (timer !== null) clearTimeout(timer)
      stop()
    }
    // `read` is keyed by `key`: a new function for the same key reads nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, key])
  return state
}
