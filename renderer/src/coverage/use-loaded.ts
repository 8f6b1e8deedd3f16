import { useCallback, useEffect, useState } from 'react'

/**
 * A value read from the store: loaded again when `load` changes (wrap it in useCallback) and when
 * `reload` is called after a write. A load that finishes after a newer one started is dropped.
 */
export function useLoaded<T>(load: () => Promise<T>, initial: T): [T, () => void] {
  const [value, setValue] = useState<T>(initial)
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let isCurrent = true
    void load().then((result) => {
      if (isCurrent) setValue(result)
    })
    return () => {
      isCurrent = false
    }
  }, [load, version])
  const reload = useCallback(() => setVersion((n) => n + 1), [])
  return [value, reload]
}
