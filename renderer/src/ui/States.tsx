import type { ReactNode } from 'react'
import './states.css'

/** Nothing to show yet, and what to do about it (the action is optional). */
export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p>{children}</p>
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
