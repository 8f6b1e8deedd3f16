import type { ReactNode } from 'react'
import './states.css'

/**
 * Nothing to show yet, and what to do about it (the action is optional). Silent by default (part
 * of the page, read with it); `announce="status"` when it is the answer to what the user just did
 * (a search, a filter), read out politely without a wrapper of the caller's own. Only the sentence
 * is announced, not the action.
 */
export function EmptyState({
  children,
  action,
  announce = 'none',
}: {
  children: ReactNode
  action?: ReactNode
  announce?: 'status' | 'none'
}) {
  return (
    <div className="state state-empty">
      <p role={announce === 'none' ? undefined : announce}>{children}</p>
      {action ?? null}
    </div>
  )
}

/** Waiting: announced once, politely. */
export function LoadingState({ children }: { children: ReactNode }) {
  return (
    <p className="state state-loading" role="status">
      {children}
    </p>
  )
}

/** It went wrong: said at once, with the way to try again when there is one. */
export function ErrorState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-error">
      <p role="alert">{children}</p>
      {action ?? null}
    </div>
  )
}
