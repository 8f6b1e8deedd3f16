/** The last imports of this PC, with "Urungkan impor" on those that can still be undone. */
import { district } from '@/core/district'
import { formatDateTime, formatNumber, useI18n } from '@/core/i18n/i18n'
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
  return (
    <>
      <h2>{t('history')}</h2>
      {batches.length === 0 ? (
        <p className="empty">{t('noHistory')}</p>
      ) : (
        <ul className="import-history">
          {batches.map((batch) => (
            <li key={batch.id}>
              {t('batchLine', {
                at: formatDateTime(language, batch.at),
                source: batch.source,
                file: batch.fileName,
                by: batch.by,
                created: formatNumber(language, batch.created),
                updated: formatNumber(language, batch.updated),
                state:
                  batch.state === 'undone'
                    ? t('batch.undone', {
                        at: formatDateTime(language, batch.undoneAt ?? batch.at),
                      })
                    : t(`batch.${batch.state}`),
              })}{' '}
              <small>
                (
                {batch.kind === 'existing-members'
                  ? t('kind.existing-members')
                  : agencyName(batch.agency)}
                )
              </small>{' '}
              {batch.state === 'applied' || batch.state === 'applying' ? (
                <button type="button" disabled={busy} onClick={() => onUndo(batch)}>
                  {t('undo')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
