import { useRef, type KeyboardEvent, type ReactNode } from 'react'
import './tabs.css'

export interface TabsProps<Id extends string> {
  /** Names the tab list for a screen reader ("Kepesertaan BPJS"). */
  label: string
  tabs: readonly { id: Id; label: ReactNode }[]
  selected: NoInfer<Id>
  onSelect(id: NoInfer<Id>): void
  /** Prefix of the tab and panel ids: `${idPrefix}-tab-${id}`, `${idPrefix}-panel-${id}`. */
  idPrefix: string
  /** The selected tab's panel. */
  children: ReactNode
}

/**
 * Tabs as the ARIA pattern has them: one Tab stop for the whole list (the selected tab), ←/→
 * move and select, Home/End jump to the ends; the panel follows.
 */
export function Tabs<Id extends string>({
  label,
  tabs,
  selected,
  onSelect,
  idPrefix,
  children,
}: TabsProps<Id>) {
  const listRef = useRef<HTMLDivElement>(null)
  const tabId = (id: Id) => `${idPrefix}-tab-${id}`

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((tab) => tab.id === selected)
    const step: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: tabs.length - 1,
    }
    const target = step[event.key]
    if (target === undefined) return
    event.preventDefault()
    const next = tabs[(target + tabs.length) % tabs.length]
    if (!next) return
    onSelect(next.id)
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(next.id))}`)?.focus()
  }

  return (
    <div className="tabs">
      <div
        ref={listRef}
        className="tab-list"
        role="tablist"
        aria-label={label}
        onKeyDown={onKeyDown}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={tabId(tab.id)}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab.id === selected}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        id={`${idPrefix}-panel-${selected}`}
        className="tab-panel"
        role="tabpanel"
        aria-labelledby={tabId(selected)}
      >
        {children}
      </div>
    </div>
  )
}
