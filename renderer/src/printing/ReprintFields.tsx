/** A reprint makes the earlier card or sticker invalid, so it asks why (and a note for "other"). */
import { REPRINT_REASONS, type ReprintReason } from '@shared/cards/print-log'
import type { PrintJob } from './use-print-job'

export function ReprintFields({ job }: { job: PrintJob }) {
  const { t, reprint } = job
  if (reprint.count === 0) return null
  return (
    <fieldset disabled={job.isBusy} className="reprint">
      <legend>{t('reprint.legend', { count: reprint.count })}</legend>
      <p>{t('reprint.help')}</p>
      <div className="field-row">
        <label>
          {t('reprint.reason')}
          <select
            value={reprint.reason}
            onChange={(event) => reprint.setReason(event.target.value as ReprintReason | '')}
          >
            <option value="">{t('reprint.choose')}</option>
            {REPRINT_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {t(`reprint.${reason}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reprint.note')}
          <input
            value={reprint.note}
            maxLength={200}
            onChange={(event) => reprint.setNote(event.target.value)}
          />
        </label>
      </div>
    </fieldset>
  )
}
