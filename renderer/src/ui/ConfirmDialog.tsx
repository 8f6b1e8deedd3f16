import { useEffect, useId, useRef, type ReactNode } from 'react'
import './confirm-dialog.css'

export interface ConfirmDialogProps {
  open: boolean
  title: ReactNode
  /** What happens if the user says yes, in their words. */
  children?: ReactNode
  confirmLabel: string
  cancelLabel: string
  onConfirm(): void
  onCancel(): void
  /** `danger` for what cannot be undone (discard, deactivate, revoke): the button is drawn red. */
  tone?: 'normal' | 'danger'
}

/**
 * A question that must be answered before going on. A native modal <dialog>: the rest of the
 * window is inert, Tab stays inside, Esc cancels. The cursor starts on the safe answer (cancel),
 * so an Enter pressed out of habit loses nothing, and goes back where it was when the dialog
 * closes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  tone = 'normal',
}: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const bodyId = useId()

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog || !open) return
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    cancelRef.current?.focus()
    return () => {
      if (dialog.open) dialog.close()
      // The element that opened the dialog may have been redrawn meanwhile: only a focusable
      // one still in the page takes the cursor back.
      if (returnTo?.isConnected) returnTo.focus()
    }
  }, [open])

  if (!open) return null
  return (
    <dialog
      ref={dialogRef}
      className={`confirm-dialog confirm-${tone}`}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onCancel={(event) => {
        // Esc: the parent decides (and unmounts us); the browser must not close it on its own.
        event.preventDefault()
        onCancel()
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children ? <div id={bodyId}>{children}</div> : null}
      <div className="confirm-actions">
        <button ref={cancelRef} type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={tone === 'danger' ? 'danger' : 'primary'}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
