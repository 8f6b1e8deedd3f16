import { currentPrintOf, type PrintRecord } from '@shared/cards/print-log'
import { formatDate, formatDateTime, useI18n } from '@/core/i18n/i18n'
import { DataTable } from '@/ui/DataTable'
import { printText, type PrintText } from './print-messages'

/**
 * A participant's cards and stickers, newest first: which one is valid now, which were replaced
 * and why. Shown on the participant's page.
 */
export function PrintLogPanel({ prints }: { prints: readonly PrintRecord[] }) {
  const { language } = useI18n()
  const t: PrintText = (key, values) => printText(language, key, values)
  const current = new Set(
    (['card', 'sticker'] as const)
      .map((kind) => currentPrintOf(prints, kind)?.serial)
      .filter((serial): serial is string => serial !== undefined),
  )
  const newestFirst = [...prints].sort((a, b) => (a.printedAt < b.printedAt ? 1 : -1))
  const whatWasPrinted = (entry: PrintRecord) => {
    const what = entry.kind === 'card' ? t('log.card') : t('log.sticker')
    if (!entry.reprintReason) return what
    const reason = t(`reprint.${entry.reprintReason}`)
    return entry.reprintNote
      ? t('log.reprintNote', { what, reason, note: entry.reprintNote })
      : t('log.reprint', { what, reason })
  }
  return (
    <section aria-labelledby="print-log-title">
      <h2 id="print-log-title">{t('log.title')}</h2>
      {newestFirst.length === 0 ? (
        <p>{t('log.empty')}</p>
      ) : (
        <DataTable
          caption={t('log.title')}
          isCaptionHidden
          rows={newestFirst}
          rowKey={(entry) => `${entry.kind}:${entry.serial}`}
          columns={[
            { key: 'what', header: t('log.what'), cell: whatWasPrinted },
            {
              key: 'serial',
              header: t('log.serial'),
              cell: (entry) => entry.serial,
              // The serial is what names one print among the participant's others.
              isRowHeader: true,
            },
            {
              key: 'when',
              header: t('log.when'),
              cell: (entry) => formatDateTime(language, entry.printedAt),
            },
            {
              key: 'by',
              header: t('log.by'),
              cell: (entry) =>
                t('log.printedBy', { name: entry.printedBy, office: entry.officeCode }),
            },
            {
              key: 'state',
              header: t('log.state'),
              cell: (entry) =>
                current.has(entry.serial)
                  ? t('log.valid', { date: formatDate(language, entry.validUntil) })
                  : t('log.replaced'),
            },
          ]}
        />
      )}
    </section>
  )
}
