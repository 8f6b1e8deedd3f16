import { useEffect, type KeyboardEvent, type ReactNode, type RefObject } from 'react'
import { moveCursor, toggleAll, toggleSelected, type Selection } from './queue-model'

export interface QueueColumn<T> {
  key: string
  header: string
  /** A CSS grid track, e.g. '2fr' or '10em'. */
  width: string
  cell(row: T): ReactNode
}

/** Rows a page-jump moves over (PageUp/PageDown). */
const PAGE_ROWS = 10

export const rowElementId = (id: string) => `queue-row-${id}`

/**
 * The queue as a multi-select list worked from the keyboard: ↑/↓ (Home/End, PageUp/PageDown) move
 * the highlight, Space chooses a row, Ctrl+A chooses all, Enter opens; other letters go to
 * `onShortcut`. Focus stays on the list itself (aria-activedescendant), so a screen reader reads
 * each highlighted row.
 */
export function QueueList<T extends { id: string }>({
  rows,
  columns,
  selection,
  onSelectionChange,
  onOpen,
  onShortcut,
  label,
  emptyText,
  listRef,
}: {
  rows: readonly T[]
  columns: readonly QueueColumn<T>[]
  selection: Selection
  onSelectionChange(selection: Selection): void
  onOpen(): void
  /** A letter pressed on the list (lower case); true when it was a shortcut. */
  onShortcut(key: string): boolean
  label: string
  emptyText: string
  listRef: RefObject<HTMLDivElement | null>
}) {
  const ids = rows.map((row) => row.id)
  const gridTemplateColumns = ['2em', ...columns.map((column) => column.width)].join(' ')

  useEffect(() => {
    if (!selection.cursorId) return
    document.getElementById(rowElementId(selection.cursorId))?.scrollIntoView({ block: 'nearest' })
  }, [selection.cursorId])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.metaKey) return
    const move = (delta: number) => {
      event.preventDefault()
      onSelectionChange(moveCursor(selection, ids, delta))
    }
    if (event.ctrlKey) {
      if (event.key.toLowerCase() === 'a') {
        event.preventDefault()
        onSelectionChange(toggleAll(selection, ids))
      }
      return
    }
    switch (event.key) {
      case 'ArrowDown':
        return move(1)
      case 'ArrowUp':
        return move(-1)
      case 'PageDown':
        return move(PAGE_ROWS)
      case 'PageUp':
        return move(-PAGE_ROWS)
      case 'Home':
        return move(-ids.length)
      case 'End':
        return move(ids.length)
      case ' ': {
        event.preventDefault()
        const cursor = selection.cursorId ?? ids[0]
        if (cursor) onSelectionChange(toggleSelected(selection, cursor))
        return
      }
      case 'Enter':
        event.preventDefault()
        if (selection.cursorId) onOpen()
        return
      default:
        if (event.key.length === 1 && !event.shiftKey && onShortcut(event.key.toLowerCase())) {
          event.preventDefault()
        }
    }
  }

  return (
    <div className="queue-list">
      <div className="queue-row queue-header" aria-hidden="true" style={{ gridTemplateColumns }}>
        <span />
        {columns.map((column) => (
          <span key={column.key}>{column.header}</span>
        ))}
      </div>
      <div
        ref={listRef}
        className="queue-rows"
        role="listbox"
        aria-multiselectable="true"
        aria-label={label}
        aria-activedescendant={selection.cursorId ? rowElementId(selection.cursorId) : undefined}
        tabIndex={0}
        // The queue is what this screen is for: typing starts here (↑/↓, Space, K…).
        autoFocus
        onKeyDown={onKeyDown}
      >
        {rows.map((row) => {
          const isSelected = selection.selectedIds.has(row.id)
          const isCursor = selection.cursorId === row.id
          return (
            <div
              key={row.id}
              id={rowElementId(row.id)}
              role="option"
              aria-selected={isSelected}
              data-cursor={isCursor ? 'true' : undefined}
              className="queue-row"
              style={{ gridTemplateColumns }}
              onClick={() => {
                onSelectionChange(toggleSelected(selection, row.id))
                listRef.current?.focus()
              }}
              onDoubleClick={() => {
                onSelectionChange({ ...selection, cursorId: row.id })
                onOpen()
              }}
            >
              <span className="queue-mark" aria-hidden="true">
                {isSelected ? '☑' : '☐'}
              </span>
              {columns.map((column) => (
                <span key={column.key}>{column.cell(row)}</span>
              ))}
            </div>
          )
        })}
      </div>
      {rows.length === 0 ? <p className="empty">{emptyText}</p> : null}
    </div>
  )
}
