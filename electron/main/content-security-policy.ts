/**
 * The renderer's Content-Security-Policy, in one place.
 *
 * The app:// protocol handler sends it as a header on every response. `renderer/index.html`
 * carries the same policy in a meta tag (so the plain-browser build is covered too) —
 * `CONTENT_SECURITY_POLICY_FOR_META_TAG`, because browsers ignore `frame-ancestors` in a meta tag
 * and log a warning for it. `tests/unit/electron/main/content-security-policy.test.ts` keeps the two
 * in step.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // React sets style attributes; inline styles cannot run code.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  // Sync talks to the office server: a local one during development, HTTPS in the field.
  'connect-src': ["'self'", 'http://127.0.0.1:*', 'http://localhost:*', 'https:'],
  'worker-src': ["'self'", 'blob:'],
  // The print preview shows the generated PDF (a blob: URL) in an iframe.
  'frame-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>

type Directive = keyof typeof CONTENT_SECURITY_POLICY_DIRECTIVES

function serialise(directives: readonly Directive[]): string {
  return directives
    .map((name) => `${name} ${CONTENT_SECURITY_POLICY_DIRECTIVES[name].join(' ')}`)
    .join('; ')
}

const ALL_DIRECTIVES = Object.keys(CONTENT_SECURITY_POLICY_DIRECTIVES) as Directive[]

/** Sent as the `Content-Security-Policy` header by the app:// protocol handler. */
export const CONTENT_SECURITY_POLICY = serialise(ALL_DIRECTIVES)

/** The same policy minus the directives a `<meta http-equiv>` tag cannot carry. */
export const CONTENT_SECURITY_POLICY_FOR_META_TAG = serialise(
  ALL_DIRECTIVES.filter((name) => name !== 'frame-ancestors'),
)
