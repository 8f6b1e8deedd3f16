import type {
  LoginRequest,
  RefreshRequest,
  SessionResponse,
  UserInfo,
} from '../../../shared/sync/sync-protocol'
import {
  DEVICE_REVOKED,
  isDeviceRevoked,
  jsonRequest,
  readJsonResponse,
  REQUEST_TIMEOUT_MS,
  sendRequest,
  ServerError,
  type FetchFunction,
} from '../sync/server-api'
import { currentTimeMs } from '../../../shared/dates/clock'

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

/**
 * The server session of the operator at the keyboard. Opens itself when needed (after an offline
 * login, when the link returns), refreshes the access token before it expires, and on a 401 logs
 * in again with the credentials typed at login. A 403 DEVICE_REVOKED ends it for good.
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
  user: UserInfo | null = null
  /** A session was opened (at login or when the link returned): refresh offline login data. */
  onOpened: ((session: SessionResponse) => void) | null = null

  constructor(private readonly options: SessionOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl
  }

  get isRevoked(): boolean {
    return this.revoked
  }

  get hasSession(): boolean {
    return this.tokens !== null
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
        // The next request finds no token and logs in again with the typed credentials.
      })
    }, delay)
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    try {
      const response = await sendRequest(
        this.options.fetch,
        `${this.options.baseUrl}${path}`,
        jsonRequest('POST', body),
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
    this.opening ??= (async () => {
      try {
        const { credential, username, password } = this.options
        const request: LoginRequest = { ...credential, username, password }
        const session = this.accept(await this.post<SessionResponse>('/api/session', request))
        this.onOpened?.(session)
        return session
      } finally {
        this.opening = null
      }
    })()
    return this.opening
  }

  /**
   * POST /api/session/refresh; a refused refresh falls back to a fresh login. Concurrent callers
   * share one request (see `refreshing`).
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
      if (error instanceof ServerError && error.failure.kind === 'refused') {
        this.dropTokens()
        if (!this.revoked) await this.open()
        return
      }
      // Unreachable: try again in a while; the token may still be good.
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
      await this.refresh().catch(() => undefined)
      if (this.tokens && this.tokens.expiresAt - this.now() > 5_000) return this.tokens.access
    }
    await this.open()
    if (!this.tokens) throw this.revokedError()
    return this.tokens.access
  }

  /**
   * An authenticated request. A 401 (expired, forged, server restarted with new keys) logs in
   * again once with the typed credentials and repeats the request. `timeoutMs: null` for the
   * live stream, which stays open.
   */
  async fetch(
    path: string,
    init: RequestInit = {},
    timeoutMs: number | null = REQUEST_TIMEOUT_MS,
  ): Promise<Response> {
    if (this.closed) throw new ServerError({ kind: 'unreachable', detail: 'SESSION_CLOSED' })
    if (this.revoked) throw this.revokedError()
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
      if (response.status === 401 && attempt === 0) {
        this.dropTokens()
        continue
      }
      if (response.status === 403) {
        const copy = response.clone()
        const body = (await copy.json().catch(() => null)) as { error?: { code?: unknown } } | null
        if (body?.error?.code === DEVICE_REVOKED) {
          this.markRevoked()
          throw this.revokedError()
        }
      }
      return response
    }
  }

  /** An authenticated JSON request; failures are thrown as ServerError. */
  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    return readJsonResponse<T>(await this.fetch(path, init))
  }

  close(): void {
    this.closed = true
    this.dropTokens()
  }
}
