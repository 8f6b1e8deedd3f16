import {
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import './data-table.css'

export interface Column<Row> {
  key: string
  header: ReactNode
  cell(row: Row): ReactNode
  /** Present: the column sorts by this value. */
  sortValue?(row: Row): string | number
  /** The header is read but not shown (an actions column). */
  isHeaderHidden?: boolean
  /**
   * The cells of this column name their rows (`<th scope="row">`): a screen reader reads the row
   * header with every other cell of the row, and a test finds the row by it (role `rowheader`).
   * Usually the first column; one column per table.
   */
  isRowHeader?: boolean
  /** Figures: aligned to the right, digits of one width, header included. */
  isNumeric?: boolean
}

export interface DataTableProps<Row> {
  /** Names the table (its caption is visually hidden when `isCaptionHidden`). */
  caption: string
  isCaptionHidden?: boolean
  columns: readonly Column<Row>[]
  rows: readonly Row[]
  rowKey(row: Row): string
  /** `data-*` attributes for a row (what a test or a style picks the row by). */
  rowData?(row: Row): Record<`data-${string}`, string>
  /** Enter on a focused row (or a click); implies `keyboardRows`. */
  onRowActivate?(row: Row): void
  /**
   * Rows take the keyboard without doing anything on Enter: one Tab stop for the body, then
   * ↑/↓, Home/End, PageUp/PageDown move from row to row (a figures table read row by row).
   * Keys pressed inside a row's own control (an input, a tick box, a button) stay with it.
   */
  keyboardRows?: boolean
  /** On the `<table>`: what a test picks the table by. */
  testId?: string
  /** On the scrolling box around the table, for a feature's own layout (`dashboard-table`). */
  className?: string
  /**
   * The most the table takes before its body scrolls under the header (CSS length or px):
   * 70vh by default. A windowed table (above `virtualiseAbove` rows) keeps its window's height.
   */
  maxHeight?: string | number
  /** Shown in place of an empty body. */
  empty?: ReactNode
  initialSort?: { key: string; direction: 'ascending' | 'descending' }
  /**
   * More rows than this are drawn a window at a time (fixed row height, see data-table.css), so a
   * district-sized list scrolls without laying out every row.
   */
  virtualiseAbove?: number
}

const ROW_HEIGHT = 36 // px: matches .data-table tbody tr in data-table.css
const VIEWPORT_ROWS = 15
const OVERSCAN = 5

type Sort = NonNullable<DataTableProps<unknown>['initialSort']>

/** A table with real column headers, a header that stays while the body scrolls, and sorting. */
export function DataTable<Row>({
  caption,
  isCaptionHidden = false,
  columns,
  rows,
  rowKey,
  rowData,
  onRowActivate,
  keyboardRows = false,
  testId,
  className,
  maxHeight,
  empty,
  initialSort,
  virtualiseAbove = 200,
}: DataTableProps<Row>) {
  const hasKeyboardRows = keyboardRows || onRowActivate !== undefined
  const [sort, setSort] = useState<Sort | null>(initialSort ?? null)
  const [scrollTop, setScrollTop] = useState(0)
  const [cursor, setCursor] = useState(0)
  const scrollRef = useRef<HTMLDivElement>(null)

  const sorted = useMemo(() => {
    const column = sort ? columns.find((entry) => entry.key === sort.key) : undefined
    if (!sort || !column?.sortValue) return rows
    const value = column.sortValue
    const sign = sort.direction === 'ascending' ? 1 : -1
    const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' })
    return [...rows].sort((a, b) => {
      const left = value(a)
      const right = value(b)
      const order =
        typeof left === 'number' && typeof right === 'number'
          ? left - right
          : collator.compare(String(left), String(right))
      return order * sign
    })
  }, [rows, columns, sort])

  const isVirtual = sorted.length > virtualiseAbove
  const first = isVirtual ? Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN) : 0
  const last = isVirtual
    ? Math.min(sorted.length, first + VIEWPORT_ROWS + 2 * OVERSCAN)
    : sorted.length
  const current = Math.min(cursor, Math.max(0, sorted.length - 1))

  const toggleSort = (key: string) =>
    setSort((previous) =>
      previous?.key === key && previous.direction === 'ascending'
        ? { key, direction: 'descending' }
        : { key, direction: 'ascending' },
    )

  const focusRow = (index: number) => {
    setCursor(index)
    const scroller = scrollRef.current
    if (!scroller) return
    if (isVirtual) {
      // Bring the row into the drawn window first; it is focused once drawn.
      const top = index * ROW_HEIGHT
      if (top < scroller.scrollTop) scroller.scrollTop = top
      else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight)
        scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight
      setScrollTop(scroller.scrollTop)
    }
    requestAnimationFrame(() =>
      scroller.querySelector<HTMLElement>(`tr[data-row-index="${index}"]`)?.focus(),
    )
  }

  const onBodyKey = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    // Only a focused row moves: ↑/↓ in a field or on a tick box inside a row are the field's own.
    if (!hasKeyboardRows || sorted.length === 0) return
    if (!(event.target instanceof HTMLTableRowElement)) return
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: sorted.length - 1,
      PageDown: current + VIEWPORT_ROWS,
      PageUp: current - VIEWPORT_ROWS,
    }
    const target = moves[event.key]
    if (target !== undefined) {
      event.preventDefault()
      focusRow(Math.min(sorted.length - 1, Math.max(0, target)))
    } else if (event.key === 'Enter' && onRowActivate) {
      event.preventDefault()
      const row = sorted[current]
      if (row !== undefined) onRowActivate(row)
    }
  }

  const spacer = (height: number, key: string) =>
    height > 0 ? (
      <tr key={key} aria-hidden="true" style={{ height }}>
        <td colSpan={columns.length} />
      </tr>
    ) : null

  // The window's height is fixed by VIEWPORT_ROWS (data-table.css): a larger box would show blanks.
  const style: CSSProperties | undefined =
    maxHeight !== undefined && !isVirtual ? { maxHeight } : undefined
  const scrollClasses = ['data-table-scroll', isVirtual ? 'is-virtual' : null, className]
    .filter(Boolean)
    .join(' ')

  return (
    <div
      ref={scrollRef}
      className={scrollClasses}
      style={style}
      onScroll={isVirtual ? (event) => setScrollTop(event.currentTarget.scrollTop) : undefined}
    >
      <table
        className="data-table"
        data-testid={testId}
        aria-rowcount={isVirtual ? sorted.length + 1 : undefined}
      >
        <caption className={isCaptionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const direction = sort?.key === column.key ? sort.direction : undefined
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={column.isNumeric ? 'is-number' : undefined}
                  aria-sort={column.sortValue ? (direction ?? 'none') : undefined}
                >
                  {column.sortValue ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => toggleSort(column.key)}
                    >
                      {column.header}
                      <span aria-hidden="true" className="sort-mark">
                        {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : column.isHeaderHidden ? (
                    <span className="visually-hidden">{column.header}</span>
                  ) : (
                    column.header
                  )}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody onKeyDown={onBodyKey}>
          {sorted.length === 0 && empty ? (
            <tr>
              <td colSpan={columns.length} className="data-table-empty">
                {empty}
              </td>
            </tr>
          ) : null}
          {spacer(first * ROW_HEIGHT, 'before')}
          {sorted.slice(first, last).map((row, offset) => {
            const index = first + offset
            return (
              <tr
                {...rowData?.(row)}
                key={rowKey(row)}
                data-row-index={index}
                aria-rowindex={isVirtual ? index + 2 : undefined}
                // One Tab stop for the body: the row under the cursor.
                tabIndex={hasKeyboardRows ? (index === current ? 0 : -1) : undefined}
                onFocus={
                  hasKeyboardRows
                    ? (event) => {
                        // A control inside the row keeps the cursor where it is.
                        if (event.target === event.currentTarget) setCursor(index)
                      }
                    : undefined
                }
                onClick={onRowActivate ? () => onRowActivate(row) : undefined}
                className={onRowActivate ? 'is-actionable' : undefined}
              >
                {columns.map((column) => {
                  const Cell = column.isRowHeader ? 'th' : 'td'
                  return (
                    <Cell
                      key={column.key}
                      scope={column.isRowHeader ? 'row' : undefined}
                      className={column.isNumeric ? 'is-number' : undefined}
                    >
                      {column.cell(row)}
                    </Cell>
                  )
                })}
              </tr>
            )
          })}
          {spacer((sorted.length - last) * ROW_HEIGHT, 'after')}
        </tbody>
      </table>
    </div>
  )
}
