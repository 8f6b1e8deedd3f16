import { useEffect, useState, type FormEvent } from 'react'
import type {
  AuditSearchHit,
  AuditSearchQuery,
  AuditSearchResponse,
} from '@shared/audit/audit-entry'
import { useApp } from '@/core/app-context'
import { historyFieldLabel } from '@/participants/participant-labels'
import { formatDateTime, useI18n } from '@/core/i18n/i18n'
import { ServerError } from '@/core/server-api'
import { useSyncStatus, type SyncContextValue } from '@/sync/sync-context'
import { searchAuditTrail } from './audit-api'
import { AuditRefusedNotice } from './AuditRefusedNotice'
import { auditText, type AuditMessageKey } from './audit-messages'
import { historyValueText, kindLabel, revealText, roleLabel, shortDeviceId } from './audit-text'
import { Notice } from '@/ui/Notice'

type Filters = Required<Pick<AuditSearchQuery, 'user' | 'office' | 'from' | 'to' | 'participant'>>

const NO_FILTERS: Filters = { user: '', office: '', from: '', to: '', participant: '' }
const PAGE_SIZE = 50

type Result =
  | { phase: 'idle' }
  | { phase: 'searching' }
  | { phase: 'done'; response: AuditSearchResponse }
  | { phase: 'offline' }
  | { phase: 'refused'; message: string }

function failureOf(error: unknown): Result {
  return error instanceof ServerError && error.failure.kind === 'refused'
    ? { phase: 'refused', message: error.failure.message }
    : { phase: 'offline' }
}

/**
 * "Riwayat perubahan (audit)" (`#/audit`): supervisors and admins search the central server's
 * audit trail by staff name, office, days and participant, newest first, a page at a time. It
 * needs the server: offline it says so (each participant's own history stays on their page).
 */
export function AuditSearchScreen({ sync }: { sync: SyncContextValue }) {
  const { language } = useI18n()
  const { store } = useApp()
  const status = useSyncStatus()
  const a = (key: AuditMessageKey, params?: Record<string, string | number>) =>
    auditText(language, key, params)
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  /** The filters of the results shown: paging continues those, not what is typed since. */
  const [searched, setSearched] = useState<Filters>(NO_FILTERS)
  /** Cursor of each page shown so far; the first page has none. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const allowed = sync.user.role === 'supervisor' || sync.user.role === 'admin'
  const [result, setResult] = useState<Result>(allowed ? { phase: 'searching' } : { phase: 'idle' })
  const offline = status?.phase === 'offline'

  const run = async (query: Filters, cursor: string | undefined): Promise<boolean> => {
    setResult({ phase: 'searching' })
    try {
      const response = await searchAuditTrail(sync.session, {
        ...query,
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      })
      setResult({ phase: 'done', response })
      return true
    } catch (error) {
      setResult(failureOf(error))
      return false
    }
  }

  // The latest entries at once; offline, the failure explains that the search needs the server.
  useEffect(() => {
    if (!allowed) return
    let cancelled = false
    searchAuditTrail(sync.session, { limit: PAGE_SIZE }).then(
      (response) => {
        if (!cancelled) setResult({ phase: 'done', response })
      },
      (error: unknown) => {
        if (!cancelled) setResult(failureOf(error))
      },
    )
    return () => {
      cancelled = true
    }
  }, [sync.session, allowed])

  if (!allowed) {
    return (
      <section className="panel">
        <h1>{a('title')}</h1>
        <Notice kind="error">{a('forbidden')}</Notice>
      </section>
    )
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setSearched(filters)
    setCursors([undefined])
    void run(filters, undefined)
  }

  const page = cursors.length
  const goNext = async (nextCursor: string) => {
    if (await run(searched, nextCursor)) setCursors([...cursors, nextCursor])
  }
  const goPrevious = async () => {
    const previous = cursors.slice(0, -1)
    if (await run(searched, previous.at(-1))) setCursors(previous)
  }

  const field = (
    key: keyof Filters,
    label: AuditMessageKey,
    options: { type?: string; hint?: AuditMessageKey; maxLength?: number } = {},
  ) => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{a(label)}</label>
      <input
        id={`audit-${key}`}
        type={options.type ?? 'text'}
        value={filters[key]}
        maxLength={options.maxLength}
        autoComplete="off"
        aria-describedby={options.hint ? `audit-${key}-hint` : undefined}
        onChange={(event) => setFilters({ ...filters, [key]: event.target.value })}
      />
      {options.hint ? (
        <span className="hint" id={`audit-${key}-hint`}>
          {a(options.hint)}
        </span>
      ) : null}
    </div>
  )

  return (
    <section className="panel" data-testid="audit-search">
      <h1>{a('title')}</h1>
      <p>{a('intro')}</p>
      <AuditRefusedNotice store={store} />
      {offline ? (
        <Notice kind="warning" data-testid="audit-needs-connection">
          {a('needsConnection')}
        </Notice>
      ) : null}
      <form onSubmit={onSubmit} aria-label={a('filter.legend')}>
        <div className="list-controls">
          {field('user', 'filter.user', { hint: 'filter.userHint', maxLength: 100 })}
          {field('office', 'filter.office', { hint: 'filter.officeHint', maxLength: 8 })}
          {field('from', 'filter.from', { type: 'date' })}
          {field('to', 'filter.to', { type: 'date' })}
          {field('participant', 'filter.participant', {
            hint: 'filter.participantHint',
            maxLength: 40,
          })}
        </div>
        <p className="actions">
          <button type="submit" disabled={result.phase === 'searching'}>
            {result.phase === 'searching' ? a('searching') : a('search')}
          </button>
        </p>
      </form>
      {result.phase === 'offline' ? (
        <Notice kind="error" inline data-testid="audit-offline">
          {offline ? a('needsConnection') : a('unreachable')}
        </Notice>
      ) : null}
      {result.phase === 'refused' ? (
        <Notice kind="error" inline>
          {result.message}
        </Notice>
      ) : null}
      {result.phase === 'done' ? (
        <AuditResults
          hits={result.response.entries}
          page={page}
          hasNext={result.response.nextCursor !== null}
          onNext={() => {
            if (result.response.nextCursor) void goNext(result.response.nextCursor)
          }}
          onPrevious={page > 1 ? () => void goPrevious() : null}
          currentDeviceId={sync.enrolment.deviceId}
        />
      ) : null}
    </section>
  )
}

function AuditResults({
  hits,
  page,
  hasNext,
  onNext,
  onPrevious,
  currentDeviceId,
}: {
  hits: AuditSearchHit[]
  page: number
  hasNext: boolean
  onNext(): void
  onPrevious: (() => void) | null
  currentDeviceId: string
}) {
  const { language, t } = useI18n()
  const a = (key: AuditMessageKey, params?: Record<string, string | number>) =>
    auditText(language, key, params)
  if (hits.length === 0 && page === 1) return <p className="empty">{a('empty')}</p>
  return (
    <>
      <table className="admin-table" aria-label={a('resultsLabel')} data-testid="audit-results">
        <thead>
          <tr>
            <th scope="col">{a('col.at')}</th>
            <th scope="col">{a('col.participant')}</th>
            <th scope="col">{a('col.kind')}</th>
            <th scope="col">{a('col.changes')}</th>
            <th scope="col">{a('col.who')}</th>
            <th scope="col">{a('col.office')}</th>
            <th scope="col">{a('col.device')}</th>
          </tr>
        </thead>
        <tbody>
          {hits.map(({ entry, registrationNumber }) => (
            <tr key={entry.id} data-testid="audit-row">
              <td>
                <time dateTime={entry.at}>{formatDateTime(language, entry.at)}</time>
              </td>
              <td>{registrationNumber ?? <em>{a('unknownParticipant')}</em>}</td>
              <td>{kindLabel(language, entry.kind)}</td>
              <td>
                {revealText(language, entry) ?? (
                  <ul>
                    {entry.changes.map((change, index) => (
                      <li key={`${change.field}-${index}`}>
                        {historyFieldLabel(change.field, t, language)}:{' '}
                        {historyValueText(language, change.field, change.from)} →{' '}
                        {historyValueText(language, change.field, change.to)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {entry.by}
                {entry.role ? ` (${roleLabel(language, entry.role)})` : ''}
              </td>
              <td>{entry.officeCode}</td>
              <td title={entry.deviceId}>
                {entry.deviceId === currentDeviceId
                  ? a('thisDevice')
                  : shortDeviceId(entry.deviceId)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="actions" aria-live="polite">
        <span>{a('pageInfo', { page })}</span>{' '}
        {onPrevious ? (
          <button type="button" onClick={onPrevious}>
            {a('previousPage')}
          </button>
        ) : null}{' '}
        {hasNext ? (
          <button type="button" onClick={onNext}>
            {a('nextPage')}
          </button>
        ) : null}
      </p>
    </>
  )
}
