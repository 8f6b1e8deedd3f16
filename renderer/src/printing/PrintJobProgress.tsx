/** The PDF being made (Batalkan stops it, nothing logged) or the batch being logged (no way out). */
import { ProgressWithCancel } from '@/ui/ProgressWithCancel'
import type { PrintJob } from './use-print-job'

export function PrintJobProgress({ job }: { job: PrintJob }) {
  const { t, progress } = job
  if (!progress) return null
  return (
    <ProgressWithCancel
      label={t(`phase.${progress.phase}`)}
      done={progress.done}
      total={progress.total}
      cancelLabel={t('cancel')}
      // Logging is writing the records: stopping half-way would log half a batch.
      {...(progress.phase !== 'logging' ? { onCancel: job.cancel } : {})}
      formatCount={(done, total) => t('progress', { done, total })}
    />
  )
}
