/**
 * Steps 3 and 4: the dry run's counts and every row's outcome, then "Terapkan"; after applying,
 * the same table with "Urungkan impor" and "Impor baru".
 */
import { PayerOverlapList } from './PayerOverlapList'
import type { DryRunResult } from './import-dry-run'
import { Notice } from '@/ui/Notice'
import { FileWarnings } from './FileWarnings'
import { ImportOutcomes } from './ImportOutcomes'
import { DtsenChanges } from './DtsenChanges'
import type { ImportWizard } from './use-import-wizard'

type DryRunCounts = DryRunResult['summary']

export function DryRunStep({
  wizard,
  counts,
  focusHeading,
}: {
  wizard: ImportWizard
  counts: DryRunCounts
  /** The step's heading takes the focus when the step opens. */
  focusHeading: (heading: HTMLHeadingElement | null) => void
}) {
  const { t, number, language, busy, step, dryRun, applyCounts, batches } = wizard
  if (!dryRun) return null
  const latest = batches[0]
  return (
    <div>
      <h2 ref={focusHeading} tabIndex={-1}>
        {step === 'applied' ? t('step.applied') : t('step.dryRun')}
      </h2>
      <FileWarnings warnings={dryRun.warnings} t={t} />
      {dryRun.result.notices.map((text) => (
        <Notice key={text.id} kind="warning" announce="none">
          {text[language]}
        </Notice>
      ))}
      <PayerOverlapList
        overlaps={dryRun.result.payerOverlaps}
        t={t}
        onDownload={() => void wizard.downloadOverlaps()}
      />
      <h3 id="import-summary-title">{t('summary')}</h3>
      <table className="admin-table" aria-labelledby="import-summary-title">
        <thead>
          <tr>
            <th scope="col">{t('summary.item')}</th>
            <th scope="col">{t('summary.count')}</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['count.rows', counts.rows],
              ['count.match', counts.match],
              ['count.create', counts.create],
              ['count.notFound', counts.notFound],
              ['count.skip', counts.skip],
              ['count.error', counts.error],
              ['count.withWarnings', counts.withWarnings],
            ] as const
          ).map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{t(key)}</th>
              <td>{number(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {step === 'dry-run' ? <p className="hint">{t('nothingChangedYet')}</p> : null}
      {dryRun.result.dtsen?.diff.ok ? <DtsenChanges wizard={wizard} /> : null}

      <ImportOutcomes
        key={wizard.dryRunKey}
        outcomes={dryRun.result.outcomes}
        summary={counts}
        initialFilter={counts.error > 0 ? 'error' : 'all'}
        onDownload={(rows, what) => void wizard.download(rows, what)}
      />

      <div className="actions">
        {step === 'dry-run' ? (
          <>
            <button type="button" disabled={busy} onClick={() => wizard.setStep('mapping')}>
              {t('back')}
            </button>
            <button
              type="button"
              disabled={
                busy ||
                !applyCounts ||
                applyCounts.blocked ||
                (applyCounts.creates + applyCounts.changes === 0 && !applyCounts.remembers)
              }
              onClick={() => void wizard.apply()}
            >
              {applyCounts?.remembers
                ? t('applyDtsen', {
                    creates: number(applyCounts.creates),
                    changes: number(applyCounts.changes),
                    reviews: number(applyCounts.reviews),
                  })
                : t('apply', {
                    creates: number(applyCounts?.creates ?? 0),
                    changes: number(applyCounts?.changes ?? 0),
                  })}
            </button>
          </>
        ) : (
          <>
            {latest && latest.state === 'applied' ? (
              <button type="button" disabled={busy} onClick={() => void wizard.undo(latest)}>
                {t('undo')}
              </button>
            ) : null}
            <button type="button" disabled={busy} onClick={wizard.restart}>
              {t('newImport')}
            </button>
          </>
        )}
      </div>
    </div>
  )
}
