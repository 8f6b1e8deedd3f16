import { useState, type FormEvent } from 'react'
import type { AdminUserInfo } from '@shared/sync/admin-api'
import type { AdminText } from './admin-messages'

/**
 * "Atur ulang kata sandi" for one user: a new password the admin hands over in person. The server
 * checks it against the password policy and says in Indonesian why it refuses one; every session
 * of the user ends and the login lock is cleared.
 */
export function ResetPasswordForm({
  text,
  user,
  onReset,
  onCancel,
}: {
  text: AdminText
  user: AdminUserInfo
  onReset(newPassword: string): Promise<boolean>
  onCancel(): void
}) {
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!password) {
      setError(text('passwordMissing'))
      return
    }
    setError(null)
    setBusy(true)
    try {
      if (await onReset(password)) setPassword('')
    } finally {
      setBusy(false)
    }
  }

  const label = text('passwordFor', { name: `${user.displayName} (${user.username})` })
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={label}>
      <div className="field">
        <label htmlFor="reset-password">{label}</label>
        <input
          id="reset-password"
          type="password"
          autoComplete="new-password"
          maxLength={200}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoFocus
        />
      </div>
      {error ? <p className="field-error">{error}</p> : null}
      <button type="submit" disabled={isBusy}>
        {text('savePassword')}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {text('cancel')}
      </button>
    </form>
  )
}
