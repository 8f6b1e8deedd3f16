/**
 * The renderer's one origin. Everything the shell trusts — navigation targets, IPC senders, files
 * served by the app:// protocol — is checked against it here, in a module that does not import
 * Electron so the guard can be tested with tables of misleading inputs.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'naungan'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

// Chromium hands us canonical URLs (lower-case scheme and host, no raw whitespace, `\` already
// turned into `/` for a standard scheme). Anything else is either not from Chromium or a trick,
// so it is refused rather than normalised.
// eslint-disable-next-line no-control-regex -- the point is to match control characters
const NON_CANONICAL_CHARACTERS = /[\u0000-\u0020\u007f\\]/

/** True only for `app://naungan/...` exactly: no user info, no port, no look-alike host. */
export function isAppUrl(candidate: unknown): candidate is string {
  if (typeof candidate !== 'string') return false
  // The prefix check does the heavy lifting: it rules out other schemes, `app://naungan.evil`,
  // `app://naungan:80`, `app://naungan@evil` and case tricks before the URL parser gets a say.
  if (!candidate.startsWith(`${APP_ORIGIN}/`)) return false
  if (NON_CANONICAL_CHARACTERS.test(candidate)) return false
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return false
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.username === '' &&
    url.password === '' &&
    url.hostname === APP_HOST &&
    url.port === ''
  )
}
