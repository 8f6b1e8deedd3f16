/** A long step's progress bar, with Batalkan (Esc) where stopping leaves nothing half done. */
import { ProgressWithCancel } from '@/ui/ProgressWithCancel'
import type { ImportWizard } from './use-import-wizard'

export function ImportProgress({ wizard }: { wizard: ImportWizard }) {
  const { t, number, progress } = wizard
  if (!progress) return null
  // Rolling back and undoing put the records back as they were: stopping half way would not.
  const canCancel = progress.phase !== 'rolling-back' && progress.phase !== 'undoing'
  return (
    <ProgressWithCancel
      label={t(`phase.${progress.phase}`)}
      done={progress.done}
      total={progress.total}
      cancelLabel={t('cancelWithKey')}
      {...(canCancel ? { onCancel: wizard.cancel } : {})}
      formatCount={(done, total) => t('progress', { done: number(done), total: number(total) })}
    />
  )
}
