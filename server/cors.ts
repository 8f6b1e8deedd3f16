import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Cross-origin rules. The desktop app's pages come from `app://naungan`, the browser build from
 * http://127.0.0.1:<port>; neither is the server's own origin, so every call is cross-origin and
 * the browser asks first (preflight) because calls carry `Authorization` and JSON.
 *
 * CORS is not what protects the data — every call needs a bearer token that no other site holds,
 * and no cookies are used — but answering only known origins keeps stray pages from even probing.
 * Deployments add their own origins with NAUNGAN_ALLOWED_ORIGINS (comma separated).
 */

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/
export const DESKTOP_APP_ORIGIN = 'app://naungan'

export function parseAllowedOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => /^(https?|app):\/\/[^\s/]+$/.test(origin))
}

export function isAllowedOrigin(origin: string, extraOrigins: readonly string[]): boolean {
  if (origin.length > 200) return false
  return (
    origin === DESKTOP_APP_ORIGIN || LOOPBACK_ORIGIN.test(origin) || extraOrigins.includes(origin)
  )
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
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After')
  }
  if (req.method !== 'OPTIONS') return false
  if (allowed) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST')
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Content-Encoding')
    res.setHeader('Access-Control-Max-Age', '600')
  }
  res.writeHead(allowed ? 204 : 403).end()
  return true
}
