import { useState, type FormEvent } from 'react'
import { useI18n } from '../i18n/i18n'
import type { NaunganStore } from '../store/database'
import type { OfficeUsersResponse } from '../../../shared/sync/sync-protocol'
import type { FetchFunction } from '../sync/server-api'
import { ServerError } from '../sync/server-api'
import {
  classifyLoginError,
  markEnrolmentRevoked,
  saveOfficeUsers,
  signInOffline,
  type Enrolment,
  type SignInResult,
} from './device-enrolment'
import { ServerSession, type DeviceCredential } from './server-session'

export interface SignedIn {
  result: Extract<SignInResult, { ok: true }>
  session: ServerSession
}

/**
 * Login on an enrolled PC. With the server: POST /api/session, then the office's offline login
 * data is refreshed. Without it (no network, server down, captive portal): the password is
 * checked against the stored verifier, so clerks can work with no network. The typed password
 * stays in memory only, for opening a server session when the link returns.
 */
export function LoginScreen({
  store,
  enrolment,
  credential,
  fetch,
  onSignedIn,
  onRevoked,
}: {
  store: NaunganStore
  enrolment: Enrolment
  credential: DeviceCredential
  fetch: FetchFunction
  onSignedIn(signedIn: SignedIn): void
  onRevoked(): void
}) {
  const { t } = useI18n()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFailure(null)
    if (username.trim() === '' || password === '') {
      setFailure(t('login.missing'))
      return
    }
    setBusy(true)
    let revoked = Boolean(enrolment.revokedAt)
    const session = new ServerSession({
      baseUrl: enrolment.serverUrl,
      credential,
      username: username.trim(),
      password,
      fetch,
      onRevoked: () => {
        revoked = true
        void markEnrolmentRevoked(store)
        onRevoked()
      },
    })
    try {
      let result: SignInResult
      if (revoked) {
        result = await signInOffline(store, username, password, true)
      } else {
        try {
          const opened = await session.open()
          const users = await session
            .json<OfficeUsersResponse>('/api/office-users')
            .catch(() => null)
          if (users && Array.isArray(users.users)) await saveOfficeUsers(store, users)
          result = { ok: true, user: opened.user, online: true, revoked: false }
        } catch (error) {
          const kind = classifyLoginError(error)
          if (kind === 'refused') {
            const status =
              error instanceof ServerError && error.failure.kind === 'refused'
                ? error.failure.status
                : 0
            setFailure(
              status === 401
                ? t('login.wrongPassword')
                : t('login.refused', {
                    message:
                      error instanceof ServerError && error.failure.kind === 'refused'
                        ? error.failure.message
                        : '',
                  }),
            )
            session.close()
            return
          }
          result = await signInOffline(store, username, password, kind === 'revoked')
        }
      }
      if (!result.ok) {
        session.close()
        setFailure(
          result.reason === 'WRONG_PASSWORD'
            ? t('login.wrongPassword')
            : result.reason === 'UNKNOWN_OFFLINE_USER'
              ? t('login.unknownOfflineUser')
              : result.reason === 'USER_INACTIVE'
                ? t('login.userInactive')
                : result.reason === 'REFUSED'
                  ? t('login.refused', { message: result.message })
                  : t('login.unsupportedVerifier'),
        )
        return
      }
      setPassword('')
      onSignedIn({ result, session })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel narrow">
      <h1>{t('login.title')}</h1>
      <p>{t('login.office', { office: `${enrolment.office.name} (${enrolment.office.code})` })}</p>
      <form onSubmit={submit} noValidate aria-label={t('login.title')}>
        <div className="field">
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            autoComplete="username"
            maxLength={100}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            maxLength={200}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.working') : t('login.submit')}
        </button>
        {failure ? (
          <p className="field-error" role="alert" data-testid="login-failure">
            {failure}
          </p>
        ) : null}
      </form>
    </section>
  )
}
