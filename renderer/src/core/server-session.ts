import type {
  ChangePasswordRequest,
  ChangePasswordResponse,
  LoginRequest,
  LogoutResponse,
  RefreshRequest,
  SessionResponse,
  UserInfo,
} from '@shared/sync/sync-protocol'
import {
  DEVICE_REVOKED,
  isDeviceRevoked,
  jsonRequest,
  readJsonResponse,
  REQUEST_TIMEOUT_MS,
  sendRequest,
  ServerError,
  type FetchFunction,
} from './server-api'
import { currentTimeMs } from '@shared/dates/clock'
import { district } from './district'

/** What enrolment gave this PC; kept in the OS keychain (`device-credential`). */
export interface DeviceCredential {
  deviceId: string
  deviceSecret: string
}

export interface SessionOptions {
  baseUrl: string
  credential: DeviceCredential
  /** Typed at login; held in memory only, for as long as the app runs. */
  username: string
  password: string
  fetch: FetchFunction
  /** The server said this device is revoked: stop syncing. */
  onRevoked(): void
  now?: () => number
}

/** Refresh the access token this long before it expires (protocol: "a minute before"). */
const REFRESH_MARGIN_MS = 60_000
/** "Keluar" must not keep the next clerk waiting on a dead link. */
const LOGOUT_TIMEOUT_MS = 8_000

/** Why the server will not serve this session any more; the message is the server's Indonesian. */
export interface SessionEnd {
  code: string
  message: string
}

/** What "Keluar" achieved on the server. */
export type LogoutOutcome = 'ended' | 'no-session' | 'unreachable'

export const USER_INACTIVE = 'USER_INACTIVE'
export const SESSION_ENDED = 'SESSION_ENDED'

/**
 * A refusal that no retry can turn into a session: the password is no longer right (changed or
 * reset elsewhere), the refresh family was ended ("Keluar" elsewhere, a password change, an admin),
 * the user was deactivated. Trying again with the password held in memory would only count towards
 * the account's login lock. A lock (423) or rate limit (429) passes with time, so it does not end
 * the session.
 */
export function endsSession(error: unknown): boolean {
  if (!(error instanceof ServerError) || error.failure.kind !== 'refused') return false
  const { status, code } = error.failure
  if (code === DEVICE_REVOKED || status === 423 || status === 429) return false
  return status === 401 || status === 403
}

/**
 * The server session of the operator at the keyboard. Opens itself once when needed (after an
 * offline login, when the link returns) and refreshes the access token before it expires. Once
 * open, it never logs in again with the password held in memory: a refused refresh, a 401
 * SESSION_ENDED or a 403 USER_INACTIVE ends it (`onEnded`) and the app asks for the password
 * again. A 403 DEVICE_REVOKED ends it for good.
 */
export class ServerSession {
  private tokens: { access: string; expiresAt: number; refresh: string } | null = null
  private opening: Promise<SessionResponse> | null = null
  /**
   * The refresh in flight. A refresh token is single-use: a second refresh with the same token
   * looks like theft to the server, which then revokes the whole token family. Every caller that
   * finds the token near expiry (the timer, several requests at once) waits for this one.
   */
  private refreshing: Promise<void> | null = null
  private refreshTimer: ReturnType<typeof setTimeout> | null = null
  private closed = false
  private revoked = false
  /** The server accepted the password once: from then on only the refresh token renews it. */
  private hasOpened = false
  private ended: SessionEnd | null = null
  /** Typed at login; forgotten at "Keluar" or when the session ends. */
  private password: string
  user: UserInfo | null = null
  /** A session was opened (at login or when the link returned): refresh offline login data. */
  onOpened: ((session: SessionResponse) => void) | null = null
  /** The server ended this session for good (see `endsSession`); the app signs the user out. */
  onEnded: ((end: SessionEnd) => void) | null = null

  constructor(private readonly options: SessionOptions) {
    this.password = options.password
  }

  get baseUrl(): string {
    return this.options.baseUrl
  }

  get isRevoked(): boolean {
    return this.revoked
  }

  get hasSession(): boolean {
    return this.tokens !== null
  }

  /** Why the server ended this session, once it has. */
  get endedBy(): SessionEnd | null {
    return this.ended
  }

  /** The access token while it is valid, for calls that only choose a rate-limit bucket by it. */
  currentAccessToken(): string | null {
    return this.tokens && this.tokens.expiresAt - this.now() > 5_000 ? this.tokens.access : null
  }

  private now(): number {
    return this.options.now ? this.options.now() : currentTimeMs()
  }

  private markRevoked(): void {
    if (this.revoked) return
    this.revoked = true
    this.dropTokens()
    this.options.onRevoked()
  }

  /** Ends the session for good: no request, refresh or login goes out for it again. */
  private end(end: SessionEnd): void {
    if (this.ended || this.closed) return
    this.ended = end
    this.closed = true
    this.password = ''
    this.dropTokens()
    this.onEnded?.(end)
  }

  private endedError(): ServerError {
    const end = this.ended ?? { code: SESSION_ENDED, message: '' }
    return new ServerError({ kind: 'refused', status: 401, code: end.code, message: end.message })
  }

  /** Ends the session when `error` says it cannot go on; returns the error to throw. */
  private endIfFinal(error: unknown): unknown {
    if (endsSession(error) && error instanceof ServerError && error.failure.kind === 'refused') {
      this.end({ code: error.failure.code, message: error.failure.message })
    }
    return error
  }

  private dropTokens(): void {
    this.tokens = null
    if (this.refreshTimer) clearTimeout(this.refreshTimer)
    this.refreshTimer = null
  }

  private accept(session: SessionResponse): SessionResponse {
    const expiresAt = Date.parse(session.accessTokenExpiresAt)
    this.tokens = {
      access: session.accessToken,
      refresh: session.refreshToken,
      expiresAt: Number.isNaN(expiresAt) ? this.now() + 5 * 60_000 : expiresAt,
    }
    this.user = session.user
    this.scheduleRefresh()
    return session
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer)
    if (!this.tokens || this.closed) return
    const delay = Math.max(5_000, this.tokens.expiresAt - REFRESH_MARGIN_MS - this.now())
    this.refreshTimer = setTimeout(() => {
      void this.refresh().catch(() => {
        // Unreachable: retried below; refused: the session has ended (`end`).
      })
    }, delay)
  }

  private async post<T>(
    path: string,
    body: unknown,
    timeoutMs: number = REQUEST_TIMEOUT_MS,
  ): Promise<T> {
    try {
      const response = await sendRequest(
        this.options.fetch,
        `${this.options.baseUrl}${path}`,
        jsonRequest('POST', body),
        timeoutMs,
      )
      return await readJsonResponse<T>(response)
    } catch (error) {
      if (isDeviceRevoked(error)) this.markRevoked()
      throw error
    }
  }

  /** POST /api/session with the device credential and the typed username and password. */
  open(): Promise<SessionResponse> {
    if (this.revoked) return Promise.reject(this.revokedError())
    if (this.closed) return Promise.reject(this.endedError())
    this.opening ??= (async () => {
      try {
        const { credential, username } = this.options
        const request: LoginRequest = {
          ...credential,
          username,
          password: this.password,
          districtCode: district.config.region.code,
        }
        let response: SessionResponse
        try {
          response = await this.post<SessionResponse>('/api/session', request)
        } catch (error) {
          throw this.endIfFinal(error)
        }
        const session = this.accept(response)
        this.hasOpened = true
        this.onOpened?.(session)
        return session
      } finally {
        this.opening = null
      }
    })()
    return this.opening
  }

  /**
   * POST /api/session/refresh; a refused refresh ends the session (no fallback login with the
   * held password). Concurrent callers share one request (see `refreshing`).
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  private async refreshOnce(): Promise<void> {
    const tokens = this.tokens
    if (!tokens || this.closed) return
    const request: RefreshRequest = { ...this.options.credential, refreshToken: tokens.refresh }
    try {
      this.accept(await this.post<SessionResponse>('/api/session/refresh', request))
    } catch (error) {
      if (endsSession(error)) throw this.endIfFinal(error)
      if (this.revoked) throw error
      // Unreachable, locked or rate limited: try again in a while; the token may still be good.
      if (this.tokens === tokens && !this.closed) {
        if (this.refreshTimer) clearTimeout(this.refreshTimer)
        this.refreshTimer = setTimeout(() => void this.refresh().catch(() => undefined), 30_000)
      }
      throw error
    }
  }

  private revokedError(): ServerError {
    return new ServerError({
      kind: 'refused',
      status: 403,
      code: DEVICE_REVOKED,
      message: 'Perangkat ini sudah dicabut oleh admin.',
    })
  }

  private async validAccessToken(): Promise<string> {
    if (this.tokens && this.tokens.expiresAt - this.now() > 5_000) return this.tokens.access
    if (this.tokens) {
      await this.refresh()
      if (this.tokens && this.tokens.expiresAt - this.now() > 5_000) return this.tokens.access
      if (this.closed) throw this.endedError()
      throw new ServerError({ kind: 'unreachable', detail: 'TOKEN_NOT_RENEWED' })
    }
    if (this.hasOpened) {
      // Tokens are only dropped when the session ends; never log in again behind the user's back.
      this.end({ code: SESSION_ENDED, message: '' })
      throw this.endedError()
    }
    const opened = await this.open()
    return opened.accessToken
  }

  /**
   * An authenticated request. A 401 for an expired or unreadable access token (server restarted
   * with new keys) renews it once with the refresh token and repeats the request; a 401
   * SESSION_ENDED or 403 USER_INACTIVE ends the session. `timeoutMs: null` for the live stream,
   * which stays open.
   */
  async fetch(
    path: string,
    init: RequestInit = {},
    timeoutMs: number | null = REQUEST_TIMEOUT_MS,
  ): Promise<Response> {
    if (this.revoked) throw this.revokedError()
    if (this.ended) throw this.endedError()
    if (this.closed) throw new ServerError({ kind: 'unreachable', detail: 'SESSION_CLOSED' })
    for (let attempt = 0; ; attempt++) {
      const token = await this.validAccessToken()
      const headers = new Headers(init.headers)
      headers.set('Authorization', `Bearer ${token}`)
      const response = await sendRequest(
        this.options.fetch,
        `${this.options.baseUrl}${path}`,
        { ...init, headers },
        timeoutMs,
      )
      if (response.status !== 401 && response.status !== 403) return response
      const copy = response.clone()
      const body = (await copy.json().catch(() => null)) as {
        error?: { code?: unknown; message?: unknown }
      } | null
      const code = typeof body?.error?.code === 'string' ? body.error.code : ''
      const message = typeof body?.error?.message === 'string' ? body.error.message : ''
      if (code === DEVICE_REVOKED) {
        this.markRevoked()
        throw this.revokedError()
      }
      if (code === SESSION_ENDED || code === USER_INACTIVE) {
        this.end({ code, message })
        throw this.endedError()
      }
      if (response.status === 401 && attempt === 0 && this.tokens) {
        // Expired early or signed with an older key: the refresh token decides.
        this.tokens = { ...this.tokens, expiresAt: 0 }
        continue
      }
      return response
    }
  }

  /** An authenticated JSON request; failures are thrown as ServerError. */
  async json<T>(
    path: string,
    init: RequestInit = {},
    timeoutMs: number = REQUEST_TIMEOUT_MS,
  ): Promise<T> {
    return readJsonResponse<T>(await this.fetch(path, init, timeoutMs))
  }

  /**
   * POST /api/session/password: the user's own password. The server ends the user's other
   * sessions; this one goes on, and from now on is renewed with the new password's session. The
   * held password is the new one, for the session to open again after an offline stretch.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<UserInfo> {
    const request: ChangePasswordRequest = { currentPassword, newPassword }
    const response = await this.json<ChangePasswordResponse>(
      '/api/session/password',
      jsonRequest('POST', request),
    )
    this.password = newPassword
    this.user = response.user
    return response.user
  }

  /**
   * "Keluar": the session stops serving the app at once and forgets the password; the server is
   * asked to end the refresh family (POST /api/session/logout). Without a link, the refresh token
   * is kept in memory only so that `logout()` can be called again when the link returns.
   */
  async logout(): Promise<LogoutOutcome> {
    this.closed = true
    this.password = ''
    this.onEnded = null
    this.onOpened = null
    if (this.refreshTimer) clearTimeout(this.refreshTimer)
    this.refreshTimer = null
    const tokens = this.tokens
    if (!tokens || this.revoked || this.ended) {
      this.dropTokens()
      return 'no-session'
    }
    try {
      let access = tokens.access
      if (tokens.expiresAt - this.now() <= 5_000) {
        const request: RefreshRequest = { ...this.options.credential, refreshToken: tokens.refresh }
        const renewed = await this.post<SessionResponse>(
          '/api/session/refresh',
          request,
          LOGOUT_TIMEOUT_MS,
        )
        this.tokens = { ...tokens, access: renewed.accessToken, refresh: renewed.refreshToken }
        access = renewed.accessToken
      }
      const response = await sendRequest(
        this.options.fetch,
        `${this.options.baseUrl}/api/session/logout`,
        { method: 'POST', headers: { Authorization: `Bearer ${access}` } },
        LOGOUT_TIMEOUT_MS,
      )
      await readJsonResponse<LogoutResponse>(response)
    } catch (error) {
      if (error instanceof ServerError && error.failure.kind === 'unreachable') {
        return 'unreachable'
      }
      // Refused (already ended, user deactivated, PC revoked): nothing left to end on the server.
    }
    this.dropTokens()
    return 'ended'
  }

  close(): void {
    this.closed = true
    this.password = ''
    this.dropTokens()
  }
}
