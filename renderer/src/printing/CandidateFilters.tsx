/** Who to list: kecamatan, village, status and print history. */
import {
  PARTICIPANT_STATUSES,
  type ParticipantStatus,
} from '@shared/participant/participant-document'
import { district } from '@/core/district'
import type { PrintedFilter } from './print-records'
import type { PrintJob } from './use-print-job'

export function CandidateFilters({ job }: { job: PrintJob }) {
  const { t, appText } = job
  const { filters, setFilter, villages } = job.candidates
  return (
    <fieldset disabled={job.isBusy}>
      <legend>{t('filters.legend')}</legend>
      <div className="field-row">
        <label>
          {t('kecamatan')}
          <select
            value={filters.kecamatanCode}
            onChange={(event) => setFilter('kecamatanCode', event.target.value)}
          >
            <option value="">{t('all')}</option>
            {district.regions.kecamatan.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('village')}
          <select
            value={filters.villageCode}
            onChange={(event) => setFilter('villageCode', event.target.value)}
          >
            <option value="">{t('all')}</option>
            {villages.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}
          <select
            value={filters.status}
            onChange={(event) => setFilter('status', event.target.value as ParticipantStatus | '')}
          >
            <option value="">{t('all')}</option>
            {PARTICIPANT_STATUSES.map((entry) => (
              <option key={entry} value={entry}>
                {appText(`status.${entry}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('printed')}
          <select
            value={filters.printedKind}
            onChange={(event) =>
              setFilter('printedKind', event.target.value as PrintedFilter['kind'])
            }
          >
            <option value="never">{t('printed.never')}</option>
            <option value="before">{t('printed.before')}</option>
            <option value="any">{t('printed.any')}</option>
          </select>
        </label>
        {filters.printedKind === 'before' ? (
          <label>
            {t('printedBefore')}
            <input
              type="date"
              value={filters.printedBefore}
              onChange={(event) => setFilter('printedBefore', event.target.value)}
            />
          </label>
        ) : null}
      </div>
    </fieldset>
  )
}
