/** Step 2: which column holds which field, checked as the clerk maps, with the first rows. */
import { TARGET_FIELD_LABELS, targetFieldsOf, type TargetField } from '@shared/import/import-fields'
import { describeMissingColumns } from '@shared/import/import-issues'
import type { TableSummary } from '@shared/import/analyse'
import { maskKk, maskNik } from '@shared/identity/masking'
import { Notice } from '@/ui/Notice'
import { FileWarnings } from './FileWarnings'
import type { ImportWizard } from './use-import-wizard'

/** The preview never shows a whole NIK or KK. */
const previewValue = (field: TargetField, text: string) =>
  field === 'nik' ? maskNik(text) : field === 'kk' ? maskKk(text) : text

export function MappingStep({
  wizard,
  summary,
  focusHeading,
}: {
  wizard: ImportWizard
  summary: TableSummary
  /** The step's heading takes the focus when the step opens. */
  focusHeading: (heading: HTMLHeadingElement | null) => void
}) {
  const { t, number, language, busy, kind, mapping, mappingCheck, file } = wizard
  const mappedFields = targetFieldsOf(kind).filter(
    ({ field }) => mappingCheck?.columns[field] !== undefined,
  )
  return (
    <div>
      <h2 ref={focusHeading} tabIndex={-1}>
        {t('step.mapping')}
      </h2>
      <p>
        {file ? `${file.name} — ` : ''}
        {t('fileFacts', {
          rows: number(summary.rowCount),
          headerRow: summary.headerRowNumber,
        })}
      </p>
      <FileWarnings warnings={summary.warnings} t={t} />
      {summary.sheetNames && summary.sheetNames.length > 1 ? (
        <label className="field">
          {t('sheet')}
          <select
            value={wizard.sheetName ?? ''}
            disabled={busy}
            onChange={(event) => wizard.chooseSheet(event.target.value)}
          >
            {summary.sheetNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <p>{t('mappingIntro')}</p>
      <fieldset disabled={busy} className="field-row">
        {targetFieldsOf(kind).map(({ field, required }) => (
          <label key={field} className="field">
            {TARGET_FIELD_LABELS[field][language]}
            {required ? ` ${t('required')}` : ''}
            <select
              value={mapping[field] ?? ''}
              aria-required={required}
              onChange={(event) => {
                const next = { ...mapping }
                if (event.target.value === '') delete next[field]
                else next[field] = event.target.value
                wizard.setMapping(next)
              }}
            >
              <option value="">{t('notMapped')}</option>
              {summary.headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      {mappingCheck && !mappingCheck.ok ? (
        <Notice kind="error">{describeMissingColumns(mappingCheck.missing, language)}</Notice>
      ) : null}
      <h3>{t('preview')}</h3>
      <div className="table-scroll">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('row')}</th>
              {mappedFields.map(({ field }) => (
                <th key={field} scope="col">
                  {TARGET_FIELD_LABELS[field][language]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.preview.map((row) => (
              <tr key={row.rowNumber}>
                <td>{row.rowNumber}</td>
                {mappedFields.map(({ field }) => {
                  const index = mappingCheck?.columns[field] as number
                  return <td key={field}>{previewValue(field, row.cells[index] ?? '')}</td>
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => wizard.setStep('choose')}>
          {t('back')}
        </button>
        <button
          type="button"
          disabled={busy || !mappingCheck?.ok}
          onClick={() => void wizard.startDryRun()}
        >
          {t('startDryRun')}
        </button>
      </div>
    </div>
  )
}
