import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type UIEvent } from 'react'
import { maskNik } from '@shared/identity/masking'
import {
  PARTICIPANT_STATUSES,
  type ParticipantDocument,
  type ParticipantStatus,
} from '@shared/participant/participant-document'
import { useApp } from '@/core/app-context'
import { district } from '@/core/district'
import { hrefOf } from '@/core/hash-route'
import { formatDate, formatNumber, useI18n } from '@/core/i18n/i18n'
import {
  searchParticipants,
  watchParticipantCount,
  type ParticipantFilters,
} from '@/core/store/participant-repository'
import { isUnreadable } from '@/core/store/sealed-fields-storage'
import { agencyShortLabel, kecamatanName, occupationLabel, villageName } from './participant-labels'
import './participants.css'
import { ErrorState } from '@/ui/States'
import { watchParticipants } from '@/core/store/participant-changes'

const PAGE_SIZE = 100
const ROW_HEIGHT = 40
const OVERSCAN = 8
/** Shortest time between two re-reads of the list while records keep changing. */
const LIST_REFRESH_MS = 1500

interface ListState {
  /** Which search these rows answer; while it differs from the current one, a search is running. */
  key: string
  /** The filters these rows were read with. */
  filtersKey: string
  rows: ParticipantDocument[]
  hasMore: boolean
  loadingMore: boolean
  failed: boolean
}

/**
 * All participants of this office, searchable as the clerk types. Only the rows in view are in
 * the DOM and only the pages scrolled to are read from the store, so 100,000 records scroll as
 * smoothly as 100.
 */
export function ParticipantListScreen() {
  const { t, language } = useI18n()
  const { store } = useApp()
  const [text, setText] = useState('')
  const [filters, setFilters] = useState<ParticipantFilters>({})
  const [list, setList] = useState<ListState>({
    key: '',
    filtersKey: '',
    rows: [],
    hasMore: false,
    loadingMore: false,
    failed: false,
  })
  const [total, setTotal] = useState<{ key: string; count: number } | null>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewportHeight, setViewportHeight] = useState(600)
  const [storeVersion, setStoreVersion] = useState(0)
  const requestSeq = useRef(0)
  /** The text and filters of the latest search, and the newest search whose rows are shown. */
  const latestQuery = useRef('')
  const shownSeq = useRef(0)
  const viewportRef = useRef<HTMLDivElement>(null)

  // Re-read when records change (a save in this window, a sync): 200 ms after a change, and
  // while changes keep coming (a first sync writes a page of 1,000 records at a time) at most every
  // LIST_REFRESH_MS — each re-read opens the sealed fields of a page of rows, and refreshing
  // after every written slice kept the window busy through the whole sync.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let lastRefreshAt = -Infinity
    const stopWatching = watchParticipants(store, () => {
      if (timer !== undefined) return
      const wait = Math.max(200, lastRefreshAt + LIST_REFRESH_MS - performance.now())
      timer = setTimeout(() => {
        timer = undefined
        lastRefreshAt = performance.now()
        setStoreVersion((v) => v + 1)
      }, wait)
    })
    return () => {
      clearTimeout(timer)
      stopWatching()
    }
  }, [store])

  const searchKey = JSON.stringify([text, filters, storeVersion])
  const filtersKey = JSON.stringify(filters)

  useEffect(() => {
    const seq = ++requestSeq.current
    const query = JSON.stringify([text, filters])
    latestQuery.current = query
    searchParticipants(store, { text, filters, limit: PAGE_SIZE }).then(
      (rows) => {
        // Rows for other text or filters are moot. Rows of the same search, read before the
        // store changed again, are shown until the re-read lands: during a sync the store
        // changes every LIST_REFRESH_MS, and a search slower than that was never shown (issue 14).
        if (latestQuery.current !== query || seq < shownSeq.current) return
        shownSeq.current = seq
        setList({
          key: searchKey,
          filtersKey,
          rows,
          hasMore: rows.length === PAGE_SIZE,
          loadingMore: false,
          failed: false,
        })
        viewportRef.current?.scrollTo({ top: 0 })
        setScrollTop(0)
      },
      (error: unknown) => {
        if (seq !== requestSeq.current) return
        console.error('Participant search failed:', error instanceof Error ? error.name : 'unknown')
        setList({
          key: searchKey,
          filtersKey,
          rows: [],
          hasMore: false,
          loadingMore: false,
          failed: true,
        })
      },
    )
  }, [store, text, filters, searchKey, filtersKey])

  // Counting walks every matching record (about a second at 50,000), and IndexedDB would serve
  // it before the first page: count once the rows of these filters are on screen, then keep the
  // number up to date from the store's changes instead of counting again at every re-read (a
  // count every 1.5 s through a first sync held up the clerk's searches, issue 14).
  const canCount = list.filtersKey === filtersKey
  useEffect(() => {
    if (!canCount) return
    return watchParticipantCount(store, filters, (count) => setTotal({ key: filtersKey, count }))
  }, [store, filters, filtersKey, canCount])

  const loading = list.key !== searchKey || list.loadingMore
  const shownTotal = total && total.key === filtersKey ? total.count : null

  useEffect(() => {
    const element = viewportRef.current
    if (!element) return
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const loadMore = useCallback(() => {
    if (loading || !list.hasMore) return
    const last = list.rows[list.rows.length - 1]
    if (!last) return
    const seq = ++requestSeq.current
    setList((current) => ({ ...current, loadingMore: true }))
    searchParticipants(store, {
      text,
      filters,
      limit: PAGE_SIZE,
      after: { nameKey: last.nameKey, id: last.id },
    }).then(
      (rows) => {
        if (seq !== requestSeq.current) return
        setList((current) => ({
          ...current,
          rows: [...current.rows, ...rows],
          hasMore: rows.length === PAGE_SIZE,
          loadingMore: false,
          failed: false,
        }))
      },
      () => {
        if (seq !== requestSeq.current) return
        setList((current) => ({ ...current, loadingMore: false, failed: true }))
      },
    )
  }, [list, loading, store, text, filters])

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget
    setScrollTop(element.scrollTop)
    if (element.scrollTop + element.clientHeight > element.scrollHeight - ROW_HEIGHT * 20)
      loadMore()
  }

  // Arrow keys move between rows, keeping the focused row in view.
  const onRowKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    const nextIndex = Math.max(
      0,
      Math.min(list.rows.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)),
    )
    const viewport = viewportRef.current
    if (!viewport) return
    const top = nextIndex * ROW_HEIGHT
    if (top < viewport.scrollTop) viewport.scrollTop = top
    else if (top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight) {
      viewport.scrollTop = top + ROW_HEIGHT - viewport.clientHeight
    }
    setScrollTop(viewport.scrollTop)
    requestAnimationFrame(() => {
      viewport.querySelector<HTMLAnchorElement>(`a[data-row-index="${nextIndex}"]`)?.focus()
    })
    if (nextIndex > list.rows.length - 20) loadMore()
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(
    list.rows.length,
    Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN,
  )
  const visible = list.rows.slice(first, last)
  const setFilter = (name: keyof ParticipantFilters, value: string) =>
    setFilters((current) => {
      const next = { ...current, [name]: value || undefined }
      if (name === 'kecamatanCode') next.villageCode = undefined
      return next
    })
  const villages = filters.kecamatanCode ? district.regions.villagesOf(filters.kecamatanCode) : []

  return (
    <section className="panel wide">
      <h1>{t('list.title')}</h1>
      <div className="list-controls">
        <div className="field search">
          <label htmlFor="participant-search">{t('list.search')}</label>
          <input
            id="participant-search"
            type="search"
            autoFocus
            autoComplete="off"
            maxLength={120}
            placeholder={t('list.searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault()
                viewportRef.current
                  ?.querySelector<HTMLAnchorElement>('a[data-row-index="0"]')
                  ?.focus()
              }
            }}
          />
        </div>
        <FilterSelect
          id="filter-kecamatan"
          label={t('list.filterKecamatan')}
          value={filters.kecamatanCode ?? ''}
          onChange={(value) => setFilter('kecamatanCode', value)}
          options={district.regions.kecamatan.map((k) => ({ value: k.code, label: k.name }))}
        />
        <FilterSelect
          id="filter-village"
          label={t('list.filterVillage')}
          value={filters.villageCode ?? ''}
          onChange={(value) => setFilter('villageCode', value)}
          options={villages.map((v) => ({ value: v.code, label: v.name }))}
        />
        <FilterSelect
          id="filter-occupation"
          label={t('list.filterOccupation')}
          value={filters.occupationCode ?? ''}
          onChange={(value) => setFilter('occupationCode', value)}
          options={district.config.occupations.map((o) => ({
            value: o.code,
            label: language === 'en' ? o.labelEn : o.labelId,
          }))}
        />
        <FilterSelect
          id="filter-status"
          label={t('list.filterStatus')}
          value={filters.status ?? ''}
          onChange={(value) => setFilter('status', value as ParticipantStatus)}
          options={PARTICIPANT_STATUSES.map((status) => ({
            value: status,
            label: t(`status.${status}`),
          }))}
        />
      </div>
      <p className="list-count" aria-live="polite">
        {shownTotal === null
          ? t('list.counting')
          : text.trim() === '' || list.key !== searchKey
            ? t('list.count', { count: formatNumber(language, shownTotal) })
            : // What was typed narrows the list: say how many match, not the whole office's count.
              t(list.hasMore ? 'list.matchesMore' : 'list.matches', {
                matches: formatNumber(language, list.rows.length),
                count: formatNumber(language, shownTotal),
              })}
      </p>
      <div
        className="participant-table"
        role="table"
        aria-label={t('list.title')}
        aria-rowcount={list.rows.length + 1}
      >
        <div className="row header" role="row">
          <span role="columnheader">{t('list.col.registrationNumber')}</span>
          <span role="columnheader">{t('list.col.name')}</span>
          <span role="columnheader">{t('list.col.nik')}</span>
          <span role="columnheader">{t('list.col.birthDate')}</span>
          <span role="columnheader">{t('list.col.village')}</span>
          <span role="columnheader">{t('list.col.kecamatan')}</span>
          <span role="columnheader">{t('list.col.occupation')}</span>
          <span role="columnheader">{t('list.col.status')}</span>
        </div>
        <div className="viewport" ref={viewportRef} onScroll={onScroll} role="rowgroup">
          <div style={{ height: list.rows.length * ROW_HEIGHT, position: 'relative' }}>
            {visible.map((row, offset) => {
              const index = first + offset
              return (
                <a
                  key={row.id}
                  className="row"
                  role="row"
                  aria-rowindex={index + 2}
                  data-row-index={index}
                  href={hrefOf({ screen: 'participant', id: row.id, mode: 'view' })}
                  style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
                  onKeyDown={(event) => onRowKeyDown(event, index)}
                >
                  <span role="cell">{row.registrationNumber}</span>
                  <span role="cell">{row.fullName}</span>
                  <span role="cell">
                    {isUnreadable(row.nik) ? (
                      <em className="damaged">{t('list.damaged')}</em>
                    ) : (
                      maskNik(String(row.nik))
                    )}
                  </span>
                  <span role="cell">{formatDate(language, row.birthDate)}</span>
                  <span role="cell">{villageName(row.villageCode)}</span>
                  <span role="cell">{kecamatanName(row.kecamatanCode)}</span>
                  <span role="cell">{occupationLabel(row.occupationCode, language)}</span>
                  <span role="cell" data-testid="row-status">
                    {!PARTICIPANT_STATUSES.includes(row.status)
                      ? String(row.status)
                      : row.status === 'submitted' &&
                          (row.checks ?? []).some((check) => check.state === 'rejected')
                        ? // Still "submitted" until the supervisor returns it, but an agency has
                          // said no: the clerk must see that, not "Diajukan".
                          t('status.submittedRejected', {
                            agencies: (row.checks ?? [])
                              .filter((check) => check.state === 'rejected')
                              .map((check) => agencyShortLabel(check.agency, language))
                              .join(', '),
                          })
                        : t(`status.${row.status}`)}
                  </span>
                </a>
              )
            })}
          </div>
          {!loading && !list.failed && list.rows.length === 0 ? (
            <p className="empty">
              {shownTotal === 0 && !text ? t('list.emptyStore') : t('list.empty')}
            </p>
          ) : null}
          {list.failed ? <ErrorState>{t('list.failed')}</ErrorState> : null}
        </div>
      </div>
      {loading && list.rows.length > 0 ? <p className="hint">{t('list.loadingMore')}</p> : null}
    </section>
  )
}

function FilterSelect(props: {
  id: string
  label: string
  value: string
  options: { value: string; label: string }[]
  onChange(value: string): void
}) {
  const { t } = useI18n()
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{t('list.all')}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}
