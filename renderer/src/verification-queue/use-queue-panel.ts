import { useRef, useState, type KeyboardEvent } from 'react'
import { targetIds, type Selection } from './queue-model'
import { focusSoon, isTextEntry } from './use-queue-selection'

/** Where a decision was started from, so focus can go back there afterwards. */
export type QueueOrigin = 'list' | 'panel'

/** A letter's action on the chosen rows (from the list) or on the one open (from the panel). */
export type QueueShortcuts = Readonly<Record<string, (ids: string[], from: QueueOrigin) => void>>

/** The records a note form (a rejection, a return) is open for, and where it was opened. */
export interface QueueForm {
  ids: string[]
  from: QueueOrigin
}

/**
 * The keyboard of a decision queue, the same for verifiers and supervisors: Enter opens the
 * side-by-side panel of the row under the cursor, Esc closes it, ↑/↓ move through the rows from
 * inside it, and each queue's letters (K, T, S…) act on the chosen rows or on the open one. The
 * queue's note form (reject, return) opens for the chosen rows, beside the list or in the panel.
 */
export function useQueuePanel(options: {
  ids: readonly string[]
  selection: Selection
  setSelection(next: Selection): void
  shortcuts: QueueShortcuts
  /** A decision is being saved: nothing new starts. */
  isBusy: boolean
  onNothingChosen(): void
  /** A form opened: the last decision's feedback no longer applies. */
  onFormOpened(): void
}) {
  const { ids, selection, setSelection, shortcuts } = options
  const [panelOpen, setPanelOpen] = useState(false)
  const [form, setForm] = useState<QueueForm | null>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const openId = panelOpen ? selection.cursorId : null

  const focusBack = (to: QueueOrigin) =>
    focusSoon(() => (to === 'panel' && panelRef.current ? panelRef.current : listRef.current))

  const openPanel = () => {
    if (!selection.cursorId) return options.onNothingChosen()
    setPanelOpen(true)
    focusSoon(() => panelRef.current)
  }

  const closePanel = () => {
    setPanelOpen(false)
    setForm(null)
    focusBack('list')
  }

  const openForm = (targets: string[], from: QueueOrigin) => {
    if (options.isBusy) return
    if (targets.length === 0) return options.onNothingChosen()
    options.onFormOpened()
    setForm({ ids: targets, from })
  }

  const closeForm = () => setForm(null)

  const onListShortcut = (key: string): boolean => {
    const action = shortcuts[key]
    if (!action) return false
    action(targetIds(selection, ids), 'list')
    return true
  }

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isTextEntry(event.target) || event.altKey || event.ctrlKey || event.metaKey) return
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
    const action = shortcuts[key]
    if (key === 'Escape') closePanel()
    else if (key === 'ArrowDown' || key === 'ArrowUp') {
      const index = selection.cursorId ? ids.indexOf(selection.cursorId) : -1
      const next =
        ids[Math.max(0, Math.min(ids.length - 1, index + (key === 'ArrowDown' ? 1 : -1)))]
      if (next) setSelection({ ...selection, cursorId: next })
    } else if (action && openId) action([openId], 'panel')
    else return
    event.preventDefault()
  }

  return {
    panelOpen,
    openId,
    listRef,
    panelRef,
    focusBack,
    openPanel,
    closePanel,
    onListShortcut,
    onPanelKeyDown,
    form,
    openForm,
    closeForm,
  }
}
