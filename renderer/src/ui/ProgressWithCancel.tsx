import { useId } from 'react'
import './progress.css'

export interface ProgressWithCancelProps {
  /** What is being done ("Mencetak kartu", "Mengimpor baris"). */
  label: string
  done: number
  /** Unknown (null) draws a moving bar with no count. */
  total: number | null
  cancelLabel: string
  /** Absent when the work cannot be stopped any more (it is committing). */
  onCancel?: () => void
  /** "12 dari 40": how the count reads in the user's language. */
  formatCount?: (done: number, total: number) => string
}

/** A long job's progress, announced politely, with the way out next to it. */
export function ProgressWithCancel({
  label,
  done,
  total,
  cancelLabel,
  onCancel,
  formatCount = (d, t) => `${d} / ${t}`,
}: ProgressWithCancelProps) {
  const labelId = useId()
  return (
    <div className="progress-with-cancel" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="progress-label">
        {label}
      </span>
      <progress
        aria-labelledby={labelId}
        value={total === null ? undefined : done}
        max={total ?? undefined}
      />
      {/* The count is the live part: the bar itself is not read out at every step. */}
      <span className="progress-count" role="status" aria-live="polite">
        {total === null ? null : formatCount(done, total)}
      </span>
      {onCancel ? (
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      ) : null}
    </div>
  )
}
