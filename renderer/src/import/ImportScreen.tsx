/**
 * "Impor daftar dari instansi": choose a file and what kind of list it is, map its columns, run a
 * dry run (nothing written; every row's outcome with its reason), then apply all or nothing — and
 * undo a whole import in one step. Parsing and validation run in a Web Worker, NIK lookups in
 * slices, so a 100,000-row list keeps the window responsive; every long step has a progress bar
 * and Batalkan (or Esc). The state and steps live in `useImportWizard`; each step draws itself.
 */
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
import { ChooseStep } from './ChooseStep'
import { DryRunStep } from './DryRunStep'
import { ImportHistory } from './ImportHistory'
import { ImportNotice } from './ImportNotice'
import { ImportProgress } from './ImportProgress'
import { MappingStep } from './MappingStep'
import { useImportWizard } from './use-import-wizard'
import './import.css'

export function ImportScreen({
  store,
  sync,
}: {
  store: NaunganStore
  sync: SyncContextValue | null
}) {
  const wizard = useImportWizard({ store, sync })
  const { t, step, summary, dryRun, counts } = wizard
  return (
    <section
      className="panel wide import-screen"
      aria-labelledby="import-title"
      onKeyDown={wizard.onKeyDown}
    >
      <h1 id="import-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {step === 'choose' ? <ChooseStep wizard={wizard} focusHeading={wizard.focusHeading} /> : null}
      {step === 'mapping' && summary ? (
        <MappingStep wizard={wizard} summary={summary} focusHeading={wizard.focusHeading} />
      ) : null}
      {(step === 'dry-run' || step === 'applied') && dryRun && counts ? (
        <DryRunStep wizard={wizard} counts={counts} focusHeading={wizard.focusHeading} />
      ) : null}
      <ImportProgress wizard={wizard} />
      <ImportNotice wizard={wizard} />
      <ImportHistory
        batches={wizard.batches}
        busy={wizard.busy}
        onUndo={(batch) => void wizard.undo(batch)}
      />
    </section>
  )
}
