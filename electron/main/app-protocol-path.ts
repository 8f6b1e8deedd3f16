import path from 'node:path'
import { APP_ORIGIN, isAppUrl } from './trusted-url'

export type AppProtocolPathResult =
  | { ok: true; filePath: string }
  | { ok: false; reason: 'NOT_APP_URL' | 'BAD_ENCODING' | 'FORBIDDEN_SEGMENT' | 'OUTSIDE_ROOT' }

type PathModule = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>

const DEFAULT_DOCUMENT = 'index.html'

// A decoded segment must be a plain file or folder name. Separators (from `%2f` / `%5c`), null
// bytes and `:` (Windows drive letters, NTFS alternate data streams) never occur in a Vite build.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN_IN_SEGMENT = /[\u0000-\u001f\u007f/\\:]/

/**
 * Maps an `app://naungan/...` request to a file inside `rootDir`, or refuses.
 *
 * Each segment is checked after percent-decoding, and the result once more against the resolved
 * path, so no single step has to be perfect.
 * `pathModule` lets the tests run the same table with Windows path rules.
 */
export function resolveAppProtocolPath(
  requestUrl: string,
  rootDir: string,
  pathModule: PathModule = path,
): AppProtocolPathResult {
  if (!isAppUrl(requestUrl)) return { ok: false, reason: 'NOT_APP_URL' }
  // The raw path, not `URL.pathname`: the parser would quietly fold `/../` and `/%2e%2e/`, and
  // Chromium has already done so for any honest request, so one that still has them is refused.
  const pathname = requestUrl.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? ''

  const segments: string[] = []
  for (const rawSegment of pathname.split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(rawSegment)
    } catch {
      return { ok: false, reason: 'BAD_ENCODING' }
    }
    if (segment === '') continue
    if (segment === '.' || segment === '..' || FORBIDDEN_IN_SEGMENT.test(segment)) {
      return { ok: false, reason: 'FORBIDDEN_SEGMENT' }
    }
    segments.push(segment)
  }
  if (segments.length === 0 || pathname.endsWith('/')) segments.push(DEFAULT_DOCUMENT)

  const root = pathModule.resolve(rootDir)
  const filePath = pathModule.resolve(root, ...segments)
  const relative = pathModule.relative(root, filePath)
  if (
    relative === '' ||
    pathModule.isAbsolute(relative) ||
    relative === '..' ||
    relative.startsWith(`..${pathModule.sep}`)
  ) {
    return { ok: false, reason: 'OUTSIDE_ROOT' }
  }
  return { ok: true, filePath }
}
