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
import { DataTable, type Column } from '@/ui/DataTable'
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
  const columns: readonly Column<RowOutcome>[] = [
    { key: 'row', header: t('column.row'), cell: (outcome) => outcome.rowNumber },
    {
      key: 'nik',
      header: t('column.nik'),
      cell: (outcome) => <code>{outcome.maskedNik}</code>,
    },
    { key: 'name', header: t('column.name'), cell: (outcome) => outcome.fullName },
    {
      key: 'outcome',
      header: t('column.outcome'),
      cell: (outcome) => OUTCOME_LABELS[outcome.outcome][language],
    },
    {
      key: 'details',
      header: t('column.details'),
      cell: (outcome) => describeOutcome(outcome, config, language),
    },
  ]

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
              t('reportName.errors'),
            )
          }
        >
          {t('downloadErrors')}
        </button>
        <button type="button" onClick={() => onDownload(outcomes, t('reportName.all'))}>
          {t('downloadAll')}
        </button>
      </div>

      <DataTable
        caption={t('outcomesCaption')}
        isCaptionHidden
        columns={columns}
        rows={shown}
        rowKey={(outcome) => String(outcome.rowNumber)}
        rowData={(outcome) => ({ 'data-outcome': outcome.outcome })}
        empty={t('noRows')}
      />
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
