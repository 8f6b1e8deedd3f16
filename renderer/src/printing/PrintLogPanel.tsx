import { currentPrintOf, type PrintRecord } from '@shared/cards/print-log'
import { formatDate, formatDateTime, useI18n } from '@/core/i18n/i18n'
import { printText } from './print-messages'

/**
 * A participant's cards and stickers, newest first: which one is valid now, which were replaced
 * and why. Shown on the participant's page.
 */
export function PrintLogPanel({ prints }: { prints: readonly PrintRecord[] }) {
  const { language } = useI18n()
  const t = (key: Parameters<typeof printText>[1], params?: Record<string, string | number>) =>
    printText(language, key, params)
  const current = new Set(
    (['card', 'sticker'] as const)
      .map((kind) => currentPrintOf(prints, kind)?.serial)
      .filter((serial): serial is string => serial !== undefined),
  )
  const newestFirst = [...prints].sort((a, b) => (a.printedAt < b.printedAt ? 1 : -1))
  return (
    <section aria-labelledby="print-log-title">
      <h2 id="print-log-title">{t('log.title')}</h2>
      {newestFirst.length === 0 ? (
        <p>{t('log.empty')}</p>
      ) : (
        <table className="print-log">
          <thead>
            <tr>
              <th scope="col">{t('log.what')}</th>
              <th scope="col">{t('log.serial')}</th>
              <th scope="col">{t('log.when')}</th>
              <th scope="col">{t('log.by')}</th>
              <th scope="col">{t('log.state')}</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((entry) => (
              <tr key={`${entry.kind}:${entry.serial}`}>
                <td>
                  {entry.kind === 'card' ? t('log.card') : t('log.sticker')}
                  {entry.reprintReason
                    ? ` — ${t('log.reprint', {
                        reason: t(`reprint.${entry.reprintReason}`),
                      })}${entry.reprintNote ? `: ${entry.reprintNote}` : ''}`
                    : ''}
                </td>
                <td>{entry.serial}</td>
                <td>{formatDateTime(language, entry.printedAt)}</td>
                <td>
                  {entry.printedBy} ({entry.officeCode})
                </td>
                <td>
                  {current.has(entry.serial)
                    ? t('log.valid', { date: formatDate(language, entry.validUntil) })
                    : t('log.replaced')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
