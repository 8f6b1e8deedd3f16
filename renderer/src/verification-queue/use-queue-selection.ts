import { useState } from 'react'
import { EMPTY_SELECTION, reconcileSelection, type Selection } from './queue-model'

/**
 * The keyboard selection of a queue whose rows change under it (decisions, sync, filters). The
 * selection is kept with the rows it was made on and carried over to the rows shown now when
 * read, so no effect has to chase the list.
 */
export function useQueueSelection(ids: readonly string[]): [Selection, (next: Selection) => void] {
  const [state, setState] = useState<{ ids: readonly string[]; selection: Selection }>({
    ids: [],
    selection: EMPTY_SELECTION,
  })
  const sameRows =
    state.ids.length === ids.length && state.ids.every((id, index) => id === ids[index])
  const selection = sameRows ? state.selection : reconcileSelection(state.selection, state.ids, ids)
  return [selection, (next) => setState({ ids, selection: next })]
}

/** Letters typed into a form field are text, not shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'INPUT' ||
      target.tagName === 'SELECT' ||
      target.tagName === 'TEXTAREA' ||
      target.isContentEditable)
  )
}

/** Moves focus after React has drawn what a key press changed. */
export function focusSoon(element: () => HTMLElement | null | undefined): void {
  requestAnimationFrame(() => element()?.focus())
}
