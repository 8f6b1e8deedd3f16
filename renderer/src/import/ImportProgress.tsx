/** A long step's progress bar, with Batalkan (Esc) where stopping leaves nothing half done. */
import type { ImportWizard } from './use-import-wizard'

export function ImportProgress({ wizard }: { wizard: ImportWizard }) {
  const { t, number, progress } = wizard
  if (!progress) return null
  return (
    <div className="print-progress" role="status" aria-live="polite">
      <p>
        {t(`phase.${progress.phase}`)}{' '}
        {t('progress', { done: number(progress.done), total: number(progress.total) })}
      </p>
      <progress max={Math.max(1, progress.total)} value={progress.done} />
      {progress.phase !== 'rolling-back' && progress.phase !== 'undoing' ? (
        <button type="button" onClick={wizard.cancel}>
          {t('cancel')} <kbd>Esc</kbd>
        </button>
      ) : null}
    </div>
  )
}
