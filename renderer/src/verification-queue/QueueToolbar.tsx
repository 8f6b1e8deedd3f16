import type { Selection } from './queue-model'
import { targetIds } from './queue-model'
import type { QueueMessageKey } from './queue-messages'

export interface QueueAction {
  label: string
  /** Gets the records the action applies to: the selection, else the highlighted row. */
  run(ids: string[]): void
  primary?: boolean
}

/**
 * What both queues (agency and supervisor) show above the list: the keyboard shortcuts, the
 * selection buttons, the screen's two decisions, and how many rows are shown and chosen.
 */
export function QueueToolbar({
  text,
  shortcuts,
  openLabel,
  ids,
  selection,
  onSelectionChange,
  onOpen,
  actions,
  busy,
  truncatedAt,
}: {
  text(key: QueueMessageKey, params?: Record<string, string | number>): string
  shortcuts: string
  openLabel: string
  ids: string[]
  selection: Selection
  onSelectionChange(next: Selection): void
  onOpen(): void
  actions: QueueAction[]
  busy: boolean
  /** The cap when more records match than are shown; null when all are shown. */
  truncatedAt: number | null
}) {
  return (
    <>
      <div className="queue-shortcuts" aria-label={text('shortcutsTitle')}>
        <p>
          <kbd>{shortcuts}</kbd>
        </p>
        <p className="hint">{text('shortcutsTarget')}</p>
      </div>
      <div className="queue-toolbar">
        <button
          type="button"
          onClick={() => onSelectionChange({ ...selection, selectedIds: new Set(ids) })}
        >
          {text('selectAll')}
        </button>
        <button
          type="button"
          onClick={() => onSelectionChange({ ...selection, selectedIds: new Set() })}
        >
          {text('clearSelection')}
        </button>
        <button type="button" onClick={onOpen}>
          {openLabel}
        </button>
        {actions.map((action) => (
          <button
            key={action.label}
            type="button"
            className={action.primary ? 'primary' : undefined}
            disabled={busy}
            onClick={() => action.run(targetIds(selection, ids))}
          >
            {action.label}
          </button>
        ))}
      </div>
      <p className="list-count" aria-live="polite" data-testid="queue-count">
        {text('count', { shown: ids.length, selected: selection.selectedIds.size })}
        {busy ? ` · ${text('working')}` : ''}
      </p>
      {truncatedAt !== null ? (
        <p className="field-warning">{text('truncated', { max: truncatedAt })}</p>
      ) : null}
    </>
  )
}
