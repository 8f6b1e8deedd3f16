/**
 * The made PDF: what the worker warned about, print (desktop) or save/download it, which logs the
 * batch once, or throw it away; and the preview to check it first.
 */
import { Notice } from '@/ui/Notice'
import type { PrintJob } from './use-print-job'

export function PrintResult({ job }: { job: PrintJob }) {
  const { t, pdf, appInfo, isBusy } = job
  if (!pdf) return null
  return (
    <section className="print-result" aria-label={t('preview')}>
      {pdf.warnings.length > 0 ? (
        // Comes with the "PDF ready" notice, which is the announced part.
        <Notice kind="warning" as="div" announce="none" className="print-warnings">
          <ul>
            {pdf.warnings.map((warning, index) => (
              <li key={index}>{job.warningText(warning)}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <div className="actions">
        {appInfo.canPrintPdf ? (
          <button type="button" className="primary" disabled={isBusy} onClick={job.printPdf}>
            {t('print')}
          </button>
        ) : null}
        <button type="button" disabled={isBusy} onClick={job.savePdf}>
          {appInfo.host === 'electron' ? t('save') : t('download')}
        </button>
        <button type="button" disabled={isBusy} onClick={job.discardPdf}>
          {t('discard')}
        </button>
      </div>
      {!appInfo.canPrintPdf ? <p className="help">{t('webPrintHelp')}</p> : null}
      <iframe className="print-preview" title={t('preview')} src={pdf.url} />
    </section>
  )
}
