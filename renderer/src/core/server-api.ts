import {
  API_VERSION_HEADER,
  API_VERSION_MISMATCH,
  apiMajorOf,
  apiVersionMismatchMessage,
  SYNC_API_VERSION,
  type ApiError,
} from '@shared/sync/sync-protocol'
import { parseRetryAfter } from '@shared/sync/backoff'

/**
 * Plain HTTP to the central server (shared/sync/sync-protocol.ts). Failures are values the UI can
 * explain: `unreachable` (no network, timeout, a captive portal's HTML page, a 5xx from a proxy)
 * means "try again later, work offline meanwhile"; `refused` is the server's answer with its code
 * and Indonesian message.
 */
export type ServerFailure =
  | { kind: 'unreachable'; detail: string; retryAfterMs?: number }
  | { kind: 'refused'; status: number; code: string; message: string; retryAfterMs?: number }

export class ServerError extends Error {
  constructor(readonly failure: ServerFailure) {
    super(
      failure.kind === 'unreachable'
        ? `SERVER_UNREACHABLE: ${failure.detail}`
        : `${failure.code} (${failure.status}): ${failure.message}`,
    )
    this.name = 'ServerError'
  }
}

export const isUnreachable = (error: unknown): boolean =>
  error instanceof ServerError && error.failure.kind === 'unreachable'

export const refusalCodeOf = (error: unknown): string | null =>
  error instanceof ServerError && error.failure.kind === 'refused' ? error.failure.code : null

export const DEVICE_REVOKED = 'DEVICE_REVOKED'

export const isDeviceRevoked = (error: unknown): boolean => refusalCodeOf(error) === DEVICE_REVOKED

export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>

/** A slow satellite link still answers within this; longer means the request is lost. */
export const REQUEST_TIMEOUT_MS = 60_000

/**
 * The server's base URL as typed by an admin, or null. HTTPS anywhere; plain HTTP only on this
 * machine (tests, a server on the same PC) — the CSP (`connect-src`) allows nothing else, and
 * credentials must never cross a network in clear.
 */
export function normaliseServerUrl(raw: string): string | null {
  const text = raw.trim()
  if (text === '' || text.length > 300) return null
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`)
  } catch {
    return null
  }
  if (url.username || url.password || url.search || url.hash) return null
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return null
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

function timeoutSignal(ms: number, outer?: AbortSignal | null): AbortSignal {
  const signals = [AbortSignal.timeout(ms)]
  if (outer) signals.push(outer)
  return AbortSignal.any(signals)
}

/**
 * `init`'s headers plus this app's API version (API_VERSION_HEADER), so a server of another major
 * refuses with a message saying which side to update instead of misreading the request.
 */
function withApiVersion(headers: RequestInit['headers']): Headers {
  const merged = new Headers(headers)
  merged.set(API_VERSION_HEADER, String(SYNC_API_VERSION))
  return merged
}

/** Sends one request; network failures and timeouts become `unreachable`. */
export async function sendRequest(
  fetchFn: FetchFunction,
  url: string,
  init: RequestInit = {},
  timeoutMs: number | null = REQUEST_TIMEOUT_MS,
): Promise<Response> {
  try {
    return await fetchFn(url, {
      ...init,
      headers: withApiVersion(init.headers),
      // Cookies are never used; the token travels in the Authorization header.
      credentials: 'omit',
      // Never a stored answer. A caller may pass 'default' where the server's own `no-store`
      // suffices: Chromium skips its CORS preflight cache for a 'no-store' request, so every
      // such request costs one more round trip (the pull pages, PULL_CHECKPOINT_HEADER).
      cache: init.cache ?? 'no-store',
      signal: timeoutMs === null ? init.signal : timeoutSignal(timeoutMs, init.signal),
    })
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error'
    throw new ServerError({ kind: 'unreachable', detail: name })
  }
}

/** Reads a JSON answer, or throws the failure it stands for. */
export async function readJsonResponse<T>(response: Response): Promise<T> {
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'))
  const isJson = (response.headers.get('Content-Type') ?? '').includes('json')
  let body: unknown = null
  if (isJson) body = await response.json().catch(() => null)
  if (response.ok) {
    // A captive portal answers 200 with its own HTML page: that is no server of ours.
    if (!isJson || body === null) {
      throw new ServerError({ kind: 'unreachable', detail: 'NOT_OUR_SERVER', retryAfterMs })
    }
    return body as T
  }
  const error = (body as Partial<ApiError> | null)?.error
  if (response.status === 426) {
    throw new ServerError({
      kind: 'refused',
      status: 426,
      code: API_VERSION_MISMATCH,
      message: versionMismatchMessageOf(response, error?.message),
    })
  }
  if (response.status >= 500 || !error || typeof error.code !== 'string') {
    throw new ServerError({
      kind: 'unreachable',
      detail: `HTTP_${response.status}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    })
  }
  throw new ServerError({
    kind: 'refused',
    status: response.status,
    code: error.code,
    message: typeof error.message === 'string' ? error.message : '',
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  })
}

/**
 * The sentence for a 426: the server's own when it sent one, else built from the version it names
 * in API_VERSION_HEADER (a proxy may have replaced the body), so the clerk always reads which side
 * must be updated.
 */
function versionMismatchMessageOf(response: Response, serverMessage: unknown): string {
  if (typeof serverMessage === 'string' && serverMessage.trim() !== '') return serverMessage
  const serverVersion = apiMajorOf(response.headers.get(API_VERSION_HEADER) ?? '')
  return serverVersion === null
    ? 'Versi aplikasi dan server pusat tidak cocok. Perbarui aplikasi atau minta admin memperbarui server.'
    : apiVersionMismatchMessage(SYNC_API_VERSION, serverVersion)
}

export function jsonRequest(method: 'POST', body: unknown): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  }
}

/**
 * GET /api/health: is our server there (not a captive portal, not a dead link)? With the access
 * token of a signed-in user the probe counts against this PC's own rate-limit bucket, not the
 * one every anonymous caller behind the same proxy address shares.
 */
export async function probeServer(
  fetchFn: FetchFunction,
  baseUrl: string,
  accessToken: string | null = null,
): Promise<boolean> {
  try {
    const init: RequestInit = accessToken
      ? { headers: { Authorization: `Bearer ${accessToken}` } }
      : {}
    const response = await sendRequest(fetchFn, `${baseUrl}/api/health`, init, 10_000)
    const body = await readJsonResponse<{ ok?: unknown }>(response)
    return body.ok === true
  } catch {
    return false
  }
}

export const defaultFetch: FetchFunction = (input, init) => fetch(input, init)
