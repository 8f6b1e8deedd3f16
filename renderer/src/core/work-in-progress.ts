/**
 * What the app is doing that a restart would cut off (shared/updates/update-policy.ts,
 * `WorkInProgress`): screens hold a kind of work while it lasts, and the update check reads the
 * counts. Held by hooks, released when the work ends or the screen leaves.
 */
import { useEffect } from 'react'

export type WorkKind = 'form' | 'print' | 'import'

const held: Record<WorkKind, number> = { form: 0, print: 0, import: 0 }
const listeners = new Set<() => void>()

function hold(kind: WorkKind): () => void {
  held[kind] += 1
  for (const listener of listeners) listener()
  let isHeld = true
  return () => {
    if (!isHeld) return
    isHeld = false
    held[kind] -= 1
    for (const listener of listeners) listener()
  }
}

/** Holds `kind` while `isActive` is true and the component is on screen. */
export function useHoldWork(kind: WorkKind, isActive: boolean): void {
  useEffect(() => (isActive ? hold(kind) : undefined), [kind, isActive])
}

export function currentWork(): {
  unsavedFormCount: number
  isPrinting: boolean
  isImportApplying: boolean
} {
  return {
    unsavedFormCount: held.form,
    isPrinting: held.print > 0,
    isImportApplying: held.import > 0,
  }
}

/** Calls `onChange` whenever some work starts or ends; returns the unsubscribe. */
export function watchWork(onChange: () => void): () => void {
  listeners.add(onChange)
  return () => listeners.delete(onChange)
}
