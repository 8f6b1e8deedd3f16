import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { protocol, type Session } from 'electron'
import { resolveAppProtocolPath } from './app-protocol-path'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'
import { contentTypeOf } from './content-type'
import { APP_SCHEME } from './trusted-url'

/** Must run before `app` is ready: privileges cannot be granted to a scheme later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin and relative URLs; secure: counts as a secure context (crypto.subtle,
      // IndexedDB); supportFetchAPI: the renderer may fetch its own assets (district CSV).
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ])
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
} as const

function refusal(status: 403 | 404): Response {
  return new Response(null, { status, headers: SECURITY_HEADERS })
}

/** Serves the built renderer (`rendererRoot`) as `app://naungan/...`. */
export function serveRendererOverAppProtocol(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(403)
    const resolved = resolveAppProtocolPath(request.url, rendererRoot)
    if (!resolved.ok) {
      console.warn(`app:// refused ${request.url} (${resolved.reason})`)
      return refusal(resolved.reason === 'NOT_APP_URL' ? 404 : 403)
    }
    let filePath = resolved.filePath
    let body: Buffer
    try {
      body = await readFile(filePath)
    } catch {
      // A reload on a client-side route (no extension) gets the app shell; a missing asset 404s.
      if (extname(filePath) !== '') return refusal(404)
      filePath = join(rendererRoot, 'index.html')
      try {
        body = await readFile(filePath)
      } catch {
        return refusal(404)
      }
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(filePath) },
    })
  })
}
