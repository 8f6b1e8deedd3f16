import type { ImportPayerOverlap } from '@shared/import/payer-overlaps'
import { Notice } from '@/ui/Notice'
import type { ImportMessageKey } from './import-messages'
import { monthRunOf, payerNameOf } from './payer-overlap-csv'

/** People this list's payer and another payer both pay for in a month: settle before the bill. */
export function PayerOverlapList({
  overlaps,
  t,
  onDownload,
}: {
  overlaps: readonly ImportPayerOverlap[]
  t: (key: ImportMessageKey, params?: Record<string, string | number>) => string
  onDownload(): void
}) {
  if (overlaps.length === 0) return null
  return (
    <section aria-labelledby="import-overlap-title" data-testid="import-payer-overlaps">
      <h3 id="import-overlap-title">{t('overlap.title', { count: overlaps.length })}</h3>
      <Notice kind="warning" announce="none">
        {t('overlap.intro')}
      </Notice>
      <div className="table-scroll">
        <table className="admin-table" aria-labelledby="import-overlap-title">
          <thead>
            <tr>
              <th scope="col">{t('overlap.row')}</th>
              <th scope="col">{t('overlap.nik')}</th>
              <th scope="col">{t('overlap.name')}</th>
              <th scope="col">{t('overlap.records')}</th>
              <th scope="col">{t('overlap.months')}</th>
              <th scope="col">{t('overlap.payers')}</th>
            </tr>
          </thead>
          <tbody>
            {overlaps.flatMap((entry) =>
              entry.overlaps.map((run) => (
                <tr key={`${entry.rowNumber}-${run.fromMonth}`}>
                  <td>{entry.rowNumber}</td>
                  <td>{entry.maskedNik}</td>
                  <td>{entry.fullName}</td>
                  <td>{entry.registrationNumbers.join(', ')}</td>
                  <td>{monthRunOf(run)}</td>
                  <td>{run.payerCodes.map(payerNameOf).join(', ')}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={onDownload}>
        {t('overlap.download')}
      </button>
    </section>
  )
}
