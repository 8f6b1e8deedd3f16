import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  API_VERSION_HEADER,
  PULL_CHECKPOINT_HEADER,
  PULL_PAGE_HEADER,
  PULL_LIMIT_HEADER,
} from '../shared/sync/sync-protocol'

/**
 * Cross-origin rules. The desktop app's pages come from `app://naungan`, the browser build from
 * wherever it is served (`npm run web`: http://127.0.0.1:<port>); neither is the server's own
 * origin, so every call is cross-origin and the browser asks first (preflight) because calls carry
 * `Authorization` and JSON.
 *
 * CORS is not what protects the data — every call needs a bearer token that no other site holds,
 * and no cookies are used — but answering only the app's own origins keeps other pages, including
 * anything else a clerk opens on `localhost`, from even probing. The desktop origin is built in;
 * every other origin is configured exactly (`--allowed-origins`, NAUNGAN_ALLOWED_ORIGINS, comma
 * separated, e.g. `http://127.0.0.1:5180` for the browser build).
 */

export const DESKTOP_APP_ORIGIN = 'app://naungan'

/**
 * Chromium caps a cached preflight at 7,200 s. Every pull carries `Authorization`, so without the
 * cache each one costs an extra round trip over a slow link.
 */
export const PREFLIGHT_MAX_AGE_SECONDS = 7200

/**
 * Origins as configured. Each must be exactly an origin (scheme, host, optional port; no path,
 * no trailing slash, no user info), as browsers send it; anything else stops the start, so a typo
 * is seen at once rather than as a blocked browser.
 */
export function parseAllowedOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
  for (const origin of origins) {
    if (!isWellFormedOrigin(origin)) {
      throw new Error(
        `Allowed origin "${origin.slice(0, 100)}" is not an origin such as https://naungan.example.go.id or http://127.0.0.1:5180 (no path, no trailing slash).`,
      )
    }
  }
  return origins
}

function isWellFormedOrigin(origin: string): boolean {
  if (origin.length > 200) return false
  if (origin === DESKTOP_APP_ORIGIN) return true
  if (!/^https?:\/\/[^\s/]+$/.test(origin)) return false
  try {
    return new URL(origin).origin === origin
  } catch {
    return false
  }
}

export function isAllowedOrigin(origin: string, extraOrigins: readonly string[]): boolean {
  if (origin.length > 200) return false
  return origin === DESKTOP_APP_ORIGIN || extraOrigins.includes(origin)
}

/**
 * Adds the CORS headers for an allowed origin. Returns true when the request was a preflight and
 * has been answered.
 */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  extraOrigins: readonly string[],
): boolean {
  const origin = req.headers.origin
  const allowed = typeof origin === 'string' && isAllowedOrigin(origin, extraOrigins)
  if (allowed) {
    res.setHeader('Access-Control-Allow-Origin', origin)
    res.setHeader('Vary', 'Origin, Accept-Encoding')
    res.setHeader('Access-Control-Expose-Headers', `Retry-After, ${PULL_PAGE_HEADER}`)
  }
  if (req.method !== 'OPTIONS') return false
  if (allowed) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST')
    res.setHeader(
      'Access-Control-Allow-Headers',
      `Authorization, Content-Type, Content-Encoding, ${PULL_CHECKPOINT_HEADER}, ${PULL_LIMIT_HEADER}, ${API_VERSION_HEADER}`,
    )
    res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS))
  }
  res.writeHead(allowed ? 204 : 403).end()
  return true
}
