import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '@/core/i18n/i18n'
import type { SyncContextValue } from '@/sync/sync-context'
import { changeOwnPassword, type ChangePasswordOutcome } from './change-password'
import { Notice } from '@/ui/Notice'

/**
 * "Ganti kata sandi" for the signed-in user, as a modal dialog: focus stays inside, Esc closes.
 * Needs the server; the offline verifier follows at once (the office's users are fetched again).
 */
export function ChangePasswordDialog({
  sync,
  onClose,
}: {
  sync: SyncContextValue
  onClose(): void
}) {
  const { t } = useI18n()
  const dialog = useRef<HTMLDialogElement>(null)
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [outcome, setOutcome] = useState<ChangePasswordOutcome | null>(null)
  const [isBusy, setBusy] = useState(false)

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!current || !next || !repeat) return setOutcome({ ok: false, reason: 'MISSING' })
    if (next !== repeat) return setOutcome({ ok: false, reason: 'MISMATCH' })
    setBusy(true)
    try {
      const result = await changeOwnPassword(sync, current, next)
      setOutcome(result)
      if (result.ok) {
        setCurrent('')
        setNext('')
        setRepeat('')
      }
    } finally {
      setBusy(false)
    }
  }

  const message = outcome ? messageOf(outcome, t) : null
  return (
    <dialog
      ref={dialog}
      className="password-dialog"
      aria-labelledby="password-title"
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate aria-labelledby="password-title">
        <h2 id="password-title">{t('password.title')}</h2>
        <p className="hint">{t('password.intro')}</p>
        <div className="field">
          <label htmlFor="password-current">{t('password.current')}</label>
          <input
            id="password-current"
            type="password"
            autoComplete="current-password"
            maxLength={200}
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="password-new">{t('password.new')}</label>
          <input
            id="password-new"
            type="password"
            autoComplete="new-password"
            maxLength={200}
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password-repeat">{t('password.repeat')}</label>
          <input
            id="password-repeat"
            type="password"
            autoComplete="new-password"
            maxLength={200}
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
          />
        </div>
        <div role="status" aria-live="polite" data-testid="password-outcome">
          {message ? (
            <Notice
              kind={outcome?.ok ? 'success' : 'error'}
              inline
              announce="none"
              className={outcome?.ok ? 'saved' : undefined}
            >
              {message}
            </Notice>
          ) : null}
        </div>
        <p className="dialog-actions">
          <button type="submit" className="primary" disabled={isBusy}>
            {isBusy ? t('password.working') : t('password.submit')}
          </button>{' '}
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('password.cancel')}
          </button>
        </p>
      </form>
    </dialog>
  )
}

function messageOf(outcome: ChangePasswordOutcome, t: ReturnType<typeof useI18n>['t']): string {
  if (outcome.ok) return t('password.changed')
  switch (outcome.reason) {
    case 'MISSING':
      return t('password.missing')
    case 'MISMATCH':
      return t('password.mismatch')
    case 'CURRENT_PASSWORD_WRONG':
      return t('password.currentWrong')
    case 'OFFLINE':
      return t('password.offline')
    case 'PASSWORD_REFUSED':
      return t('password.refused', { message: outcome.message })
    case 'REFUSED':
      return outcome.message
  }
}
