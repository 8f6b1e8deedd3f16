import { useState, type FormEvent } from 'react'
import { hrefOf } from '@/core/hash-route'
import { useI18n } from '@/core/i18n/i18n'
import type { MessageKey } from '@/core/i18n/messages-id'
import type { NaunganStore } from '@/core/store/database'
import { normaliseServerUrl, type FetchFunction } from '@/core/server-api'
import { enrolDevice, type Enrolment } from './device-enrolment'
import { Notice } from '@/ui/Notice'

type Errors = Partial<Record<'serverUrl' | 'code' | 'deviceName', MessageKey>>

/**
 * Enrolment: server address + the admin's one-time code (+ a name for this PC) → the device
 * credential goes to the OS keychain, the office comes from the server.
 */
export function EnrolScreen({
  store,
  fetch,
  notice,
  onEnrolled,
}: {
  store: NaunganStore
  fetch: FetchFunction
  /** Shown above the form, e.g. why the PC must be enrolled again. */
  notice?: MessageKey
  onEnrolled(enrolment: Enrolment): void
}) {
  const { t } = useI18n()
  const [serverUrl, setServerUrl] = useState('')
  const [code, setCode] = useState('')
  const [deviceName, setDeviceName] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFailure(null)
    const next: Errors = {}
    const url = normaliseServerUrl(serverUrl)
    if (!url) next.serverUrl = 'enrol.errorUrl'
    const typedCode = code.trim()
    if (typedCode.length < 4 || typedCode.length > 40) next.code = 'enrol.errorCode'
    const name = deviceName.trim().replace(/\s+/g, ' ')
    if (name.length < 2 || name.length > 60 || /[<>\p{Cc}]/u.test(name)) {
      next.deviceName = 'enrol.errorDeviceName'
    }
    setErrors(next)
    if (Object.keys(next).length > 0 || !url) return
    setBusy(true)
    try {
      const result = await enrolDevice({
        store,
        serverUrl: url,
        code: typedCode,
        deviceName: name,
        fetch,
      })
      if (result.ok) {
        onEnrolled(result.enrolment)
        return
      }
      setFailure(
        result.reason === 'REFUSED'
          ? t('enrol.refused', { message: result.message })
          : result.reason === 'UNKNOWN_KECAMATAN'
            ? t('enrol.unknownKecamatan')
            : result.reason === 'KEYCHAIN_FAILED'
              ? t('enrol.keychainFailed')
              : t('enrol.unreachable'),
      )
    } finally {
      setBusy(false)
    }
  }

  const errorOf = (field: keyof Errors) =>
    errors[field] ? (
      <p className="field-error" id={`enrol-${field}-error`} role="alert">
        {t(errors[field])}
      </p>
    ) : null

  return (
    <section className="panel narrow">
      <h1>{t('enrol.title')}</h1>
      {notice ? (
        <Notice kind="warning" inline announce="alert">
          {t(notice)}
        </Notice>
      ) : null}
      <p>{t('enrol.intro')}</p>
      <form onSubmit={submit} noValidate aria-label={t('enrol.title')}>
        <div className="field">
          <label htmlFor="enrol-server">{t('enrol.serverUrl')}</label>
          <input
            id="enrol-server"
            type="url"
            inputMode="url"
            autoComplete="url"
            maxLength={300}
            value={serverUrl}
            placeholder="https://"
            onChange={(event) => setServerUrl(event.target.value)}
            aria-invalid={errors.serverUrl ? true : undefined}
            aria-describedby={errors.serverUrl ? 'enrol-serverUrl-error' : 'enrol-server-hint'}
            autoFocus
          />
          <p className="hint" id="enrol-server-hint">
            {t('enrol.serverUrlHint')}
          </p>
          {errorOf('serverUrl')}
        </div>
        <div className="field">
          <label htmlFor="enrol-code">{t('enrol.code')}</label>
          <input
            id="enrol-code"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            maxLength={40}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-invalid={errors.code ? true : undefined}
            aria-describedby={errors.code ? 'enrol-code-error' : undefined}
          />
          {errorOf('code')}
        </div>
        <div className="field">
          <label htmlFor="enrol-device">{t('enrol.deviceName')}</label>
          <input
            id="enrol-device"
            maxLength={60}
            value={deviceName}
            onChange={(event) => setDeviceName(event.target.value)}
            aria-invalid={errors.deviceName ? true : undefined}
            aria-describedby={errors.deviceName ? 'enrol-deviceName-error' : 'enrol-device-hint'}
          />
          <p className="hint" id="enrol-device-hint">
            {t('enrol.deviceNameHint')}
          </p>
          {errorOf('deviceName')}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('enrol.working') : t('enrol.submit')}
        </button>
        {failure ? (
          <Notice kind="error" inline data-testid="enrol-failure">
            {failure}
          </Notice>
        ) : null}
      </form>
      <p>
        <a href={hrefOf({ screen: 'settings' })}>{t('enrol.back')}</a>
      </p>
    </section>
  )
}
