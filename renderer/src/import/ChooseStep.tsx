/** Step 1: the file, the source it came from, what kind of list it is and for which agency. */
import { IMPORT_KINDS } from '@shared/import/import-fields'
import { district } from '@/core/district'
import { Notice } from '@/ui/Notice'
import type { ImportWizard } from './use-import-wizard'

function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function ChooseStep({
  wizard,
  focusHeading,
}: {
  wizard: ImportWizard
  /** The step's heading takes the focus when the step opens. */
  focusHeading: (heading: HTMLHeadingElement | null) => void
}) {
  const { t, language, busy, file, kind, createDrafts, createRefusal, memberRefusal } = wizard
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        void wizard.readFile()
      }}
    >
      <h2 ref={focusHeading} tabIndex={-1}>
        {t('step.choose')}
      </h2>
      <fieldset disabled={busy}>
        <label className="field">
          {t('file')}
          <input
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => wizard.chooseFile(event.target.files?.[0] ?? null)}
          />
        </label>
        {file ? (
          <p className="hint">{t('fileChosen', { name: file.name, size: fileSize(file.size) })}</p>
        ) : null}
        <label className="field">
          {t('source')}
          <input
            type="text"
            list="import-saved-sources"
            maxLength={80}
            value={wizard.source}
            onChange={(event) => wizard.chooseSource(event.target.value)}
            aria-describedby="import-source-help"
          />
          <datalist id="import-saved-sources">
            {wizard.saved.map((entry) => (
              <option key={entry.name} value={entry.name} />
            ))}
          </datalist>
        </label>
        <small id="import-source-help" className="hint">
          {t('sourceHelp')}
        </small>
        <fieldset>
          <legend>{t('kind')}</legend>
          {IMPORT_KINDS.map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name="import-kind"
                value={option}
                checked={kind === option}
                onChange={() => wizard.chooseKind(option)}
              />{' '}
              {t(`kind.${option}`)}
            </label>
          ))}
          <p className="hint">
            {kind === 'dtsen'
              ? t('kindHelp.dtsen', { max: district.config.eligibility?.maxDecile ?? '?' })
              : t(`kindHelp.${kind}`)}
          </p>
        </fieldset>
        {kind === 'existing-members' ? (
          <>
            <label className="field">
              {t('payer')}
              <select
                value={wizard.payerCode}
                aria-describedby="import-payer-help"
                onChange={(event) => wizard.setPayerCode(event.target.value)}
              >
                {district.config.payers.map((entry) => (
                  <option key={entry.code} value={entry.code}>
                    {entry.name}
                  </option>
                ))}
              </select>
              <small id="import-payer-help" className="hint">
                {t('payerHelp')}
              </small>
            </label>
            {memberRefusal ? (
              <Notice id="import-member-refusal" kind="warning" announce="none">
                {memberRefusal}
              </Notice>
            ) : null}
          </>
        ) : (
          <label className="field">
            {t('agency')}
            <select
              value={wizard.agency}
              disabled={wizard.ownAgency !== null}
              onChange={(event) => wizard.setAgency(event.target.value)}
            >
              {district.config.verification.agencies.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {language === 'en' ? entry.labelEn : entry.labelId}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'dtsen' ? (
          <label className="field">
            {t('snapshotDate')}
            <input
              type="date"
              value={wizard.snapshotDate}
              onChange={(event) => wizard.setSnapshotDate(event.target.value)}
            />
          </label>
        ) : null}
        {kind === 'dtks' || kind === 'dtsen' ? (
          <>
            <label className="choice">
              <input
                type="checkbox"
                checked={createDrafts}
                onChange={(event) => wizard.setCreateDrafts(event.target.checked)}
                aria-describedby={createRefusal ? 'import-create-refusal' : undefined}
              />{' '}
              {t('createDrafts')}
            </label>
            {createRefusal && createDrafts ? (
              <Notice id="import-create-refusal" kind="warning" announce="none">
                {createRefusal}
              </Notice>
            ) : null}
          </>
        ) : null}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy || !file}>
          {t('read')}
        </button>
      </div>
    </form>
  )
}
