import type { ReactNode } from 'react'
import { district } from '@/core/district'
import { useI18n } from '@/core/i18n/i18n'
import { queueText } from './queue-messages'
import { dateRangeProblem, type PlaceAndDateFilter } from './queue-model'

/** Kecamatan, desa and registration dates; `children` adds the queue's own filters. */
export function QueueFilters({
  filter,
  onChange,
  children,
}: {
  filter: PlaceAndDateFilter
  onChange(filter: PlaceAndDateFilter): void
  children?: ReactNode
}) {
  const { language } = useI18n()
  const text = (key: Parameters<typeof queueText>[1]) => queueText(language, key)
  const villages = filter.kecamatanCode ? district.regions.villagesOf(filter.kecamatanCode) : []
  const problem = dateRangeProblem(filter)
  return (
    <fieldset className="queue-filters">
      <legend>{text('filters')}</legend>
      <div className="field">
        <label htmlFor="queue-kecamatan">{text('filter.kecamatan')}</label>
        <select
          id="queue-kecamatan"
          value={filter.kecamatanCode}
          onChange={(event) =>
            onChange({ ...filter, kecamatanCode: event.target.value, villageCode: '' })
          }
        >
          <option value="">{text('filter.any')}</option>
          {district.regions.kecamatan.map((kecamatan) => (
            <option key={kecamatan.code} value={kecamatan.code}>
              {kecamatan.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-village">{text('filter.village')}</label>
        <select
          id="queue-village"
          value={filter.villageCode}
          disabled={villages.length === 0}
          onChange={(event) => onChange({ ...filter, villageCode: event.target.value })}
        >
          <option value="">{text('filter.any')}</option>
          {villages.map((village) => (
            <option key={village.code} value={village.code}>
              {village.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-from">{text('filter.from')}</label>
        <input
          id="queue-from"
          type="date"
          value={filter.registeredFrom}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => onChange({ ...filter, registeredFrom: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="queue-to">{text('filter.to')}</label>
        <input
          id="queue-to"
          type="date"
          value={filter.registeredTo}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => onChange({ ...filter, registeredTo: event.target.value })}
        />
      </div>
      {children}
      {problem ? (
        <p className="field-error queue-filter-problem" role="alert">
          {queueText(language, `problem.${problem}`)}
        </p>
      ) : null}
    </fieldset>
  )
}
