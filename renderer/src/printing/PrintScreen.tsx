/**
 * "Cetak kartu & stiker": choose what to print and who, make the PDF in a worker (progress and
 * Batalkan), check the preview, then print or save it, which logs every card or sticker on its
 * participant. The state and actions live in `usePrintJob`; each panel draws itself.
 */
import type { NaunganStore } from '@/core/store/database'
import type { OfficeProfile } from '@/core/store/participant-repository'
import type { SyncContextValue } from '@/sync/sync-context'
import { Notice } from '@/ui/Notice'
import { CandidateFilters } from './CandidateFilters'
import { CandidateList } from './CandidateList'
import { PrinterSettingsPanel } from './PrinterSettingsPanel'
import { PrintJobProgress } from './PrintJobProgress'
import { PrintOptions } from './PrintOptions'
import { PrintResult } from './PrintResult'
import { ReprintFields } from './ReprintFields'
import { SignerPanel } from './SignerPanel'
import { usePrintJob } from './use-print-job'
import './printing.css'

export function PrintScreen({
  store,
  office,
  sync,
}: {
  store: NaunganStore
  office: OfficeProfile
  sync: SyncContextValue | null
}) {
  const job = usePrintJob({ store, office, sync })
  const { t, notice, settings } = job
  return (
    <section className="print-screen" aria-labelledby="print-title">
      <h1 id="print-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <SignerPanel signer={job.signer} t={t} language={job.language} />
      <PrintOptions job={job} />
      <CandidateFilters job={job} />
      <CandidateList job={job} />
      <ReprintFields job={job} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={job.isBusy || !job.signer.state?.ready}
          onClick={job.generate}
        >
          {t('generate', { count: job.candidates.chosen.length })}
        </button>
      </div>
      <PrintJobProgress job={job} />
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <PrintResult job={job} />
      {settings ? (
        <PrinterSettingsPanel
          store={store}
          settings={settings}
          onSaved={job.setSettings}
          onTestPage={job.makeTestPage}
          busy={job.isBusy}
        />
      ) : null}
    </section>
  )
}
