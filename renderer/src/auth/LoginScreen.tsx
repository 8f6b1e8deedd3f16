import { useState, type FormEvent } from 'react'
import { useI18n } from '@/core/i18n/i18n'
import type { NaunganStore } from '@/core/store/database'
import type { OfficeUsersResponse } from '@shared/sync/sync-protocol'
import type { FetchFunction } from '@/core/server-api'
import { ServerError } from '@/core/server-api'
import {
  classifyLoginError,
  loadOfficeUsers,
  markEnrolmentRevoked,
  saveOfficeUsers,
  signInOffline,
  withdrawOfficeUser,
  type Enrolment,
  type SignInResult,
} from '@/devices/device-enrolment'
import { ServerSession, USER_INACTIVE, type DeviceCredential } from '@/core/server-session'
import type { SignedOutNotice } from './sign-out'
import { Notice } from '@/ui/Notice'

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
  notice = null,
}: {
  store: NaunganStore
  enrolment: Enrolment
  credential: DeviceCredential
  fetch: FetchFunction
  onSignedIn(signedIn: SignedIn): void
  onRevoked(): void
  /** Why this screen is showing again (the previous user signed out, or was signed out). */
  notice?: SignedOutNotice | null
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
            const refusal =
              error instanceof ServerError && error.failure.kind === 'refused'
                ? error.failure
                : null
            if (refusal?.code === USER_INACTIVE) {
              // The right password of a deactivated user: this PC must not let them in offline.
              const record = (await loadOfficeUsers(store)).find(
                (entry) => entry.user.username.toLowerCase() === username.trim().toLowerCase(),
              )
              if (record) await withdrawOfficeUser(store, record.user)
            }
            setFailure(
              refusal?.status === 401
                ? t('login.wrongPassword')
                : refusal?.code === USER_INACTIVE
                  ? t('login.userInactive')
                  : refusal?.status === 423
                    ? // The lock's own sentence says for how long and that an admin can lift it.
                      refusal.message
                    : t('login.refused', { message: refusal?.message ?? '' }),
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
      {notice ? (
        <Notice kind="info" as="div" className="login-notice" data-testid="login-notice">
          <p>{noticeText(notice, t)}</p>
          {notice.kind === 'signed-out' && notice.pendingCount > 0 ? (
            <p>{t('account.signedOutPending', { count: notice.pendingCount })}</p>
          ) : null}
        </Notice>
      ) : null}
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
          <Notice kind="error" inline data-testid="login-failure">
            {failure}
          </Notice>
        ) : null}
      </form>
    </section>
  )
}

function noticeText(notice: SignedOutNotice, t: ReturnType<typeof useI18n>['t']): string {
  switch (notice.kind) {
    case 'signed-out':
      return notice.serverReached
        ? t('account.signedOut', { name: notice.name })
        : t('account.signedOutOffline', { name: notice.name })
    case 'session-ended':
      return t('account.sessionEnded', { name: notice.name })
    case 'user-inactive':
      return t('account.userInactive', { name: notice.name })
  }
}
