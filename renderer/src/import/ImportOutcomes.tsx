/**
 * The dry run's rows: filterable by outcome, 50 to a page, each with its reason; the error report
 * and the full report to download.
 */
import { useMemo, useState } from 'react'
import {
  describeOutcome,
  OUTCOME_KINDS,
  OUTCOME_LABELS,
  type OutcomeKind,
  type PlanSummary,
  type RowOutcome,
} from '@shared/import/import-plan'
import { district } from '@/core/district'
import { formatNumber, useI18n } from '@/core/i18n/i18n'
import { importText, type ImportMessageKey } from './import-messages'

const PAGE_SIZE = 50

export function ImportOutcomes({
  outcomes,
  summary,
  initialFilter,
  onDownload,
}: {
  outcomes: readonly RowOutcome[]
  summary: PlanSummary
  initialFilter: OutcomeKind | 'all'
  onDownload(rows: readonly RowOutcome[], what: string): void
}) {
  const { language } = useI18n()
  const t = (key: ImportMessageKey, params?: Record<string, string | number>) =>
    importText(language, key, params)
  const number = (value: number) => formatNumber(language, value)
  const [filter, setFilter] = useState<OutcomeKind | 'all'>(initialFilter)
  const [page, setPage] = useState(0)
  const filtered = useMemo(
    () => (filter === 'all' ? outcomes : outcomes.filter((outcome) => outcome.outcome === filter)),
    [outcomes, filter],
  )
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE))
  const shown = filtered.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
  const countOf = (kind: OutcomeKind) => (kind === 'not-found' ? summary.notFound : summary[kind])
  const config = district.config.verification

  return (
    <>
      <div className="list-controls">
        <label>
          {t('filter')}{' '}
          <select
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value as OutcomeKind | 'all')
              setPage(0)
            }}
          >
            <option value="all">{t('filter.all', { count: number(summary.rows) })}</option>
            {OUTCOME_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t('filterOption', {
                  label: OUTCOME_LABELS[kind][language],
                  count: number(countOf(kind)),
                })}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={summary.error === 0}
          onClick={() =>
            onDownload(
              outcomes.filter((outcome) => outcome.outcome === 'error'),
              language === 'en' ? 'errors' : 'kesalahan',
            )
          }
        >
          {t('downloadErrors')}
        </button>
        <button
          type="button"
          onClick={() => onDownload(outcomes, language === 'en' ? 'outcomes' : 'hasil')}
        >
          {t('downloadAll')}
        </button>
      </div>

      {shown.length === 0 ? (
        <p className="empty">{t('noRows')}</p>
      ) : (
        <table className="participant-table import-outcomes">
          <thead>
            <tr>
              <th scope="col">{t('column.row')}</th>
              <th scope="col">{t('column.nik')}</th>
              <th scope="col">{t('column.name')}</th>
              <th scope="col">{t('column.outcome')}</th>
              <th scope="col">{t('column.details')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((outcome) => (
              <tr key={outcome.rowNumber} className={`outcome-${outcome.outcome}`}>
                <td>{outcome.rowNumber}</td>
                <td>
                  <code>{outcome.maskedNik}</code>
                </td>
                <td>{outcome.fullName}</td>
                <td>{OUTCOME_LABELS[outcome.outcome][language]}</td>
                <td>{describeOutcome(outcome, config, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="list-controls" aria-label={t('page', { page: page + 1, pages })}>
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('previous')}
        </button>
        <span>{t('page', { page: page + 1, pages })}</span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
          {t('next')}
        </button>
      </nav>
    </>
  )
}
