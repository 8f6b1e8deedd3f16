/** The last imports of this PC, with "Urungkan impor" on those that can still be undone. */
import { district } from '@/core/district'
import { formatDateTime, formatNumber, useI18n } from '@/core/i18n/i18n'
import { DataTable, type Column } from '@/ui/DataTable'
import { EmptyState } from '@/ui/States'
import { importText, type ImportMessageKey } from './import-messages'
import type { ImportBatch } from './import-batches'

export function ImportHistory({
  batches,
  busy,
  onUndo,
}: {
  batches: readonly ImportBatch[]
  busy: boolean
  onUndo(batch: ImportBatch): void
}) {
  const { language } = useI18n()
  const t = (key: ImportMessageKey, params?: Record<string, string | number>) =>
    importText(language, key, params)
  const agencyName = (code: string) => {
    const entry = district.config.verification.agencies.find((agency) => agency.code === code)
    return entry ? (language === 'en' ? entry.labelEn : entry.labelId) : code
  }
  const at = (batch: ImportBatch) => formatDateTime(language, batch.at)
  const columns: Column<ImportBatch>[] = [
    // When names the import: a screen reader reads it with every other cell of the row.
    { key: 'at', header: t('historyColumn.at'), cell: at, isRowHeader: true },
    { key: 'file', header: t('historyColumn.file'), cell: (batch) => batch.fileName },
    {
      key: 'source',
      header: t('historyColumn.source'),
      cell: (batch) => (
        <>
          {batch.source}{' '}
          <small>
            (
            {batch.kind === 'existing-members'
              ? t('kind.existing-members')
              : agencyName(batch.agency)}
            )
          </small>
        </>
      ),
    },
    {
      key: 'created',
      header: t('historyColumn.created'),
      cell: (batch) => formatNumber(language, batch.created),
      isNumeric: true,
    },
    {
      key: 'updated',
      header: t('historyColumn.updated'),
      cell: (batch) => formatNumber(language, batch.updated),
      isNumeric: true,
    },
    { key: 'by', header: t('historyColumn.by'), cell: (batch) => batch.by },
    {
      key: 'state',
      header: t('historyColumn.state'),
      cell: (batch) =>
        batch.state === 'undone'
          ? t('batch.undone', { at: formatDateTime(language, batch.undoneAt ?? batch.at) })
          : t(`batch.${batch.state}`),
    },
    {
      key: 'undo',
      header: t('historyColumn.actions'),
      isHeaderHidden: true,
      cell: (batch) =>
        batch.state === 'applied' || batch.state === 'applying' ? (
          <button
            type="button"
            disabled={busy}
            // Each row's button says which import it undoes; the visible text leads the name.
            aria-label={t('undoBatch', { source: batch.source, at: at(batch) })}
            onClick={() => onUndo(batch)}
          >
            {t('undo')}
          </button>
        ) : null,
    },
  ]
  return (
    <>
      <h2>{t('history')}</h2>
      {batches.length === 0 ? (
        <EmptyState>{t('noHistory')}</EmptyState>
      ) : (
        <DataTable
          caption={t('history')}
          isCaptionHidden
          testId="import-history"
          className="import-history"
          columns={columns}
          rows={batches}
          rowKey={(batch) => batch.id}
          rowData={(batch) => ({ 'data-state': batch.state })}
        />
      )}
    </>
  )
}
