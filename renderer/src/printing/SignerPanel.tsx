/** Whether this PC may sign cards, and the way to get (or renew) its certificate. */
import { formatDate, type Language } from '@/core/i18n/i18n'
import { Notice } from '@/ui/Notice'
import type { PrintText } from './print-messages'
import type { CardSigner } from './use-card-signer'

export function SignerPanel({
  signer,
  t,
  language,
}: {
  signer: CardSigner
  t: PrintText
  language: Language
}) {
  const { state } = signer
  if (state === null) return null
  if (state.ready) {
    return (
      <Notice kind="success" inline className="signer-status">
        {t('signer.ready', {
          office: state.certificate.officeCode,
          date: formatDate(language, state.certificate.expiresOn),
        })}
      </Notice>
    )
  }
  return (
    <Notice kind="warning" as="div">
      <p>
        {state.reason === 'CERTIFICATE_EXPIRED'
          ? t('signer.expired', { date: formatDate(language, state.certificate.expiresOn) })
          : t('signer.notCertified')}
      </p>
      {signer.canAsk ? (
        <button type="button" disabled={signer.isAsking} onClick={() => void signer.ask()}>
          {signer.isAsking ? t('signer.requesting') : t('signer.request')}
        </button>
      ) : (
        <p>{t('signer.needsServer')}</p>
      )}
      {signer.error ? (
        <Notice kind="error" inline>
          {t('signer.failed', { detail: signer.error })}
        </Notice>
      ) : null}
    </Notice>
  )
}
