/**
 * GET/HEAD /updates/<file>: the files electron-updater's generic provider asks the district's
 * server for (latest.yml, latest-linux.yml, the installer or AppImage, its .blockmap) and the
 * admin's staging.json, from the folder in NAUNGAN_UPDATES_DIR (docs/updates.md).
 *
 * Office links drop mid-download, so the files are served with byte ranges: a single range
 * (`a-b`, `a-`, `-n`) for a resumed download, several at once (multipart/byteranges) for the
 * differential download electron-updater makes from the blockmaps. A strong ETag and
 * Last-Modified with If-Range make sure a resumed download continues the same file: if the admin
 * replaced it meanwhile, the client gets the whole new file instead of a splice of two. Files are
 * streamed from one open descriptor, never read whole into memory.
 *
 * Anonymous like /api/health: the files are public builds. The server takes the same per-address
 * rate limit as for other anonymous routes before the handler runs.
 */
import { randomBytes } from 'node:crypto'
import { constants, type Stats } from 'node:fs'
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseStagingRule, STAGING_FILE_NAME } from '../shared/updates/update-policy'
import { ApiFailure, failures } from './http-kit'
import type { Route, RouteRequest, RouteResult } from './routes'

/** How long a download may make no progress before the server lets the connection go. */
const STALLED_DOWNLOAD_MS = 60_000

export const UPDATES_DIR_ENV = 'NAUNGAN_UPDATES_DIR'

/** A Route that also answers HEAD (the sync API's Route type knows only GET and POST). */
export type UpdateRoute = Omit<Route, 'method'> & { method: 'GET' | 'HEAD' }

/**
 * A plain file name: letters, digits, space, dot, dash, underscore; no leading dot (no hidden
 * files, no `..`), no separators of any platform. Anything else is refused before the disk is
 * touched.
 */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,199}$/

/** More ranges than this in one request: the whole file instead (RFC 9110 lets a server). */
const MAX_RANGES = 2_000
const MAX_STAGING_BYTES = 64 * 1024

export function isServableFileName(name: string): boolean {
  return FILE_NAME.test(name) && !name.includes('..')
}

const CONTENT_TYPES: Record<string, string> = {
  yml: 'text/yaml; charset=utf-8',
  yaml: 'text/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  exe: 'application/vnd.microsoft.portable-executable',
  // The blockmap is gzip-compressed JSON that electron-updater gunzips itself: labelled as bytes
  // so no proxy or client "helpfully" decodes it on the way.
  blockmap: 'application/octet-stream',
  appimage: 'application/octet-stream',
}

export function contentTypeOf(name: string): string {
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
  return CONTENT_TYPES[extension] ?? 'application/octet-stream'
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number
  /** Last byte, inclusive. */
  end: number
}

export type RangeRequest =
  /** No Range header, or one this server ignores (bad syntax, other unit, too many): 200. */
  | { kind: 'whole' }
  | { kind: 'ranges'; ranges: ByteRange[] }
  /** Syntactically fine but no range overlaps the file: 416. */
  | { kind: 'unsatisfiable' }

/** Parses `Range: bytes=…` against a file of `size` bytes (RFC 9110 §14.2). */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' }
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header)
  if (!match) return { kind: 'whole' }
  const specs = match[1]!.split(',').map((spec) => spec.trim())
  if (specs.length > MAX_RANGES) return { kind: 'whole' }
  const ranges: ByteRange[] = []
  for (const spec of specs) {
    if (spec === '') continue
    const parts = /^(\d{0,15})-(\d{0,15})$/.exec(spec)
    if (!parts || (parts[1] === '' && parts[2] === '')) return { kind: 'whole' }
    if (parts[1] === '') {
      const suffix = Number(parts[2])
      if (suffix > 0 && size > 0) ranges.push({ start: Math.max(0, size - suffix), end: size - 1 })
      continue
    }
    const start = Number(parts[1])
    if (parts[2] !== '' && Number(parts[2]) < start) return { kind: 'whole' }
    const end = parts[2] === '' ? size - 1 : Math.min(Number(parts[2]), size - 1)
    if (start < size) ranges.push({ start, end })
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' }
  // Overlapping ranges asking for more than the file (a cheap amplification): the file once.
  const total = ranges.reduce((sum, range) => sum + range.end - range.start + 1, 0)
  if (ranges.length > 1 && total > size) return { kind: 'whole' }
  return { kind: 'ranges', ranges }
}

/**
 * Strong validator of the file's content: size, mtime and ctime. ctime is in it so that a file
 * replaced with its mtime preserved (`cp -p`, rsync -t) still gets a new tag.
 */
export function etagOf(stats: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs'>): string {
  return `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}-${Math.floor(stats.ctimeMs).toString(16)}"`
}

/** Whether a Range may be honoured under `If-Range` (RFC 9110 §13.1.5): strong match only. */
export function isIfRangeSatisfied(
  ifRange: string | undefined,
  etag: string,
  lastModified: string,
): boolean {
  if (ifRange === undefined) return true
  const value = ifRange.trim()
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag
  return value === lastModified
}

function headerOf(request: RouteRequest, name: string): string | undefined {
  const value = request.req.headers[name]
  return typeof value === 'string' ? value : undefined
}

function updatesDirOf(env: NodeJS.ProcessEnv): string {
  const dir = env[UPDATES_DIR_ENV]
  if (!dir) {
    throw new ApiFailure(
      404,
      'UPDATES_NOT_CONFIGURED',
      `Server ini tidak menyediakan pembaruan aplikasi (${UPDATES_DIR_ENV} belum diatur).`,
    )
  }
  return resolve(dir)
}

async function openServable(dir: string, name: string): Promise<FileHandle> {
  try {
    // O_NOFOLLOW: a symlink dropped into the folder is not a way out of it (POSIX; 0 on Windows).
    const handle = await open(join(dir, name), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
    const stats = await handle.stat()
    if (stats.isFile()) return handle
    await handle.close()
  } catch {
    // Missing, a symlink, unreadable: all look the same from outside.
  }
  throw new ApiFailure(
    404,
    'UPDATE_FILE_NOT_FOUND',
    `Berkas pembaruan ${name} tidak ada di server.`,
  )
}

/** A broken staging.json is refused at the server, so no PC reads it as "release to all". */
async function checkStagingFile(handle: FileHandle, size: number): Promise<void> {
  if (size > MAX_STAGING_BYTES) {
    throw new ApiFailure(503, 'STAGING_INVALID', `${STAGING_FILE_NAME} terlalu besar.`)
  }
  const parsed = parseStagingRule(await readFile(handle, 'utf8'))
  if (!parsed.ok) throw new ApiFailure(503, 'STAGING_INVALID', parsed.error)
}

async function serveUpdateFile(
  env: NodeJS.ProcessEnv,
  request: RouteRequest,
): Promise<RouteResult> {
  const name = request.params.file ?? ''
  if (!isServableFileName(name)) throw failures.notFound()
  const handle = await openServable(updatesDirOf(env), name)
  try {
    const stats = await handle.stat()
    if (name === STAGING_FILE_NAME) await checkStagingFile(handle, stats.size)
    const { req, res } = request
    const etag = etagOf(stats)
    const lastModified = stats.mtime.toUTCString()
    const contentType = contentTypeOf(name)
    const common: Record<string, string> = {
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Last-Modified': lastModified,
      // Revalidate every time: a manifest changes under the same name, and the ETag makes the
      // check cheap.
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    }
    const ifNoneMatch = headerOf(request, 'if-none-match')
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) {
      res.writeHead(304, common)
      res.end()
      return 'streamed'
    }
    const range = isIfRangeSatisfied(headerOf(request, 'if-range'), etag, lastModified)
      ? parseRange(headerOf(request, 'range'), stats.size)
      : ({ kind: 'whole' } as const)
    if (range.kind === 'unsatisfiable') {
      throw new ApiFailure(
        416,
        'RANGE_NOT_SATISFIABLE',
        `Bagian berkas yang diminta di luar ukuran berkas (${stats.size} bita).`,
        { 'Content-Range': `bytes */${stats.size}`, ...common },
      )
    }

    let status = 200
    let headers: Record<string, string>
    let body: () => AsyncGenerator<Buffer | Uint8Array>
    if (range.kind === 'whole' || range.ranges.length === 1) {
      const { start, end } =
        range.kind === 'whole' ? { start: 0, end: stats.size - 1 } : range.ranges[0]!
      if (range.kind === 'ranges') status = 206
      headers = {
        ...common,
        'Content-Type': contentType,
        'Content-Length': String(end - start + 1),
        ...(status === 206 ? { 'Content-Range': `bytes ${start}-${end}/${stats.size}` } : {}),
      }
      body = async function* () {
        if (end >= start) yield* streamSlice(handle, start, end)
      }
    } else {
      status = 206
      const boundary = randomBytes(16).toString('hex')
      const parts = range.ranges.map((part) => ({
        ...part,
        head: Buffer.from(
          `\r\n--${boundary}\r\nContent-Type: ${contentType}\r\nContent-Range: bytes ${part.start}-${part.end}/${stats.size}\r\n\r\n`,
        ),
      }))
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
      const length = parts.reduce(
        (sum, part) => sum + part.head.length + part.end - part.start + 1,
        tail.length,
      )
      headers = {
        ...common,
        'Content-Type': `multipart/byteranges; boundary=${boundary}`,
        'Content-Length': String(length),
      }
      body = async function* () {
        for (const part of parts) {
          yield part.head
          yield* streamSlice(handle, part.start, part.end)
        }
        yield tail
      }
    }
    res.writeHead(status, headers)
    if (req.method === 'HEAD') {
      res.end()
      return 'streamed'
    }
    // A reader that stops reading (a stalled PC, or someone holding files open) is let go after a
    // minute without progress, so open downloads cannot pile up file handles.
    res.socket?.setTimeout(STALLED_DOWNLOAD_MS, () => res.destroy())
    try {
      await pipeline(Readable.from(body()), res)
    } catch {
      // The client went away mid-file (the dropped link this route exists for): it resumes with
      // a Range. Nothing to answer, the socket is gone.
      res.destroy()
    }
    return 'streamed'
  } finally {
    await handle.close().catch(() => undefined)
  }
}

async function* streamSlice(
  handle: FileHandle,
  start: number,
  end: number,
): AsyncGenerator<Buffer> {
  const stream = handle.createReadStream({ start, end, autoClose: false, highWaterMark: 64 * 1024 })
  for await (const chunk of stream) yield chunk as Buffer
}

const updateRoutesByOptions = new WeakMap<object, UpdateRoute[]>()

/**
 * The update routes of a server: the folder comes from its options' env (tests) or the process
 * environment, read on each request so the admin can set it up without restarting.
 */
export function updateRoutes(options: { env?: NodeJS.ProcessEnv }): UpdateRoute[] {
  let routes = updateRoutesByOptions.get(options)
  if (!routes) {
    const env = options.env ?? process.env
    const pattern = /^\/updates\/([^/]+)$/
    const handle = (_ctx: unknown, request: RouteRequest) => serveUpdateFile(env, request)
    routes = [
      { method: 'GET', pattern, paramNames: ['file'], auth: 'none', handle },
      { method: 'HEAD', pattern, paramNames: ['file'], auth: 'none', handle },
    ]
    updateRoutesByOptions.set(options, routes)
  }
  return routes
}
