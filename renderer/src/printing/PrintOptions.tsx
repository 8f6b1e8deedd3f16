/** What to print: card layout or sticker sheet (and where on a used sheet to start), which year. */
import { WHAT_TO_PRINT, type PrintJob } from './use-print-job'

export function PrintOptions({ job }: { job: PrintJob }) {
  const { t, options } = job
  const { template } = options
  return (
    <fieldset disabled={job.isBusy}>
      <legend>{t('what.legend')}</legend>
      {WHAT_TO_PRINT.map((option) => (
        <label key={option} className="choice">
          <input
            type="radio"
            name="what-to-print"
            value={option}
            checked={options.what === option}
            onChange={() => options.setWhat(option)}
          />{' '}
          {t(`what.${option}`)}
        </label>
      ))}
      {options.what !== 'sticker' ? (
        <label className="choice">
          <input
            type="checkbox"
            checked={options.withBack}
            onChange={(event) => options.setWithBack(event.target.checked)}
          />{' '}
          {t('withBack')}
        </label>
      ) : (
        <div className="field-row">
          <label>
            {t('template')}
            <select
              value={template.id}
              onChange={(event) => options.setTemplateId(event.target.value)}
            >
              {options.templates.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('startPosition')}
            <input
              type="number"
              min={1}
              max={template.rows * template.columns}
              value={options.startPosition}
              onChange={(event) => options.setStartPosition(event.target.value)}
              aria-describedby="start-position-help"
            />
          </label>
          <small id="start-position-help">{t('startPositionHelp')}</small>
        </div>
      )}
      <label>
        {t('coverageYear')}
        <input
          type="number"
          min={2020}
          max={2100}
          value={options.coverageYear}
          onChange={(event) => options.setCoverageYear(event.target.value)}
          aria-describedby="coverage-year-help"
        />
      </label>
      <small id="coverage-year-help">{t('coverageYearHelp')}</small>
    </fieldset>
  )
}
