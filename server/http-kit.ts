/**
 * Reading requests and writing responses safely: every failure becomes an `ApiError` body with an
 * Indonesian sentence, bodies are limited (after gunzip, so a small gzip bomb is refused too), and
 * responses are Brotli- or gzip-compressed when the client accepts it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { brotliCompress, constants as zlibConstants, createGunzip, gzip } from 'node:zlib'
import { promisify } from 'node:util'
import type { ApiError } from '../shared/sync/sync-protocol'

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** A refusal the client should see as is. Anything else thrown becomes a plain 500. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'ApiFailure'
  }
}

export const failures = {
  invalidRequest: (message = 'Permintaan tidak sah. Perbarui aplikasi lalu coba lagi.') =>
    new ApiFailure(400, 'INVALID_REQUEST', message),
  badJson: () =>
    new ApiFailure(400, 'INVALID_JSON', 'Isi permintaan bukan JSON yang sah. Coba kirim lagi.'),
  /** NUL, a lone surrogate or bytes that are not UTF-8: no field of ours can hold them. */
  invalidText: () =>
    new ApiFailure(
      400,
      'INVALID_TEXT',
      'Permintaan berisi karakter yang tidak sah (karakter NUL, karakter Unicode tidak lengkap, atau teks yang bukan UTF-8). Periksa isian lalu kirim lagi.',
    ),
  /** A `%` in the address that is not a complete, valid UTF-8 escape. */
  invalidAddress: () =>
    new ApiFailure(
      400,
      'INVALID_ADDRESS',
      'Alamat permintaan berisi kode % yang tidak sah. Periksa alamat lalu coba lagi.',
    ),
  tooLarge: () =>
    new ApiFailure(
      413,
      'BODY_TOO_LARGE',
      'Data yang dikirim terlalu besar. Aplikasi akan mengirimnya dalam beberapa bagian.',
    ),
  notFound: () =>
    new ApiFailure(404, 'NOT_FOUND', 'Alamat ini tidak dikenal server. Periksa versi aplikasi.'),
  methodNotAllowed: () =>
    new ApiFailure(
      405,
      'METHOD_NOT_ALLOWED',
      'Cara permintaan ini tidak didukung untuk alamat ini.',
    ),
  unsupportedEncoding: () =>
    new ApiFailure(415, 'UNSUPPORTED_ENCODING', 'Pemadatan data ini tidak didukung server.'),
  tokenMissing: () =>
    new ApiFailure(401, 'TOKEN_MISSING', 'Sesi belum dimulai. Silakan masuk terlebih dahulu.'),
  tokenInvalid: () =>
    new ApiFailure(401, 'TOKEN_INVALID', 'Sesi tidak sah. Silakan masuk kembali.'),
  tokenExpired: () =>
    new ApiFailure(401, 'TOKEN_EXPIRED', 'Sesi sudah berakhir. Aplikasi akan memperbaruinya.'),
  deviceRevoked: () =>
    new ApiFailure(
      403,
      'DEVICE_REVOKED',
      'Perangkat ini sudah dicabut aksesnya oleh admin. Hubungi admin dinas tenaga kerja untuk mendaftarkan ulang.',
    ),
  userInactive: () =>
    new ApiFailure(403, 'USER_INACTIVE', 'Akun ini sudah dinonaktifkan. Hubungi admin kantor.'),
  forbiddenRole: () =>
    new ApiFailure(403, 'FORBIDDEN_ROLE', 'Peran Anda tidak mengizinkan tindakan ini.'),
  rateLimited: (retryAfterSeconds: number) =>
    new ApiFailure(
      429,
      'RATE_LIMITED',
      `Terlalu banyak permintaan. Coba lagi dalam ${retryAfterSeconds} detik.`,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  internal: () =>
    new ApiFailure(
      500,
      'INTERNAL_ERROR',
      'Terjadi kesalahan di server. Data Anda aman di perangkat; coba lagi nanti.',
    ),
}

export function apiErrorBody(failure: ApiFailure): ApiError {
  return { error: { code: failure.code, message: failure.message } }
}

/**
 * The body as parsed JSON. The limit applies to the bytes after decompression; a request over it
 * is drained (so the client can read the 413 instead of seeing a reset) up to a hard cap.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim()
  if (encoding !== 'identity' && encoding !== 'gzip') throw failures.unsupportedEncoding()
  const declared = Number(req.headers['content-length'] ?? NaN)
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let isOver = encoding === 'identity' && Number.isFinite(declared) && declared > limitBytes
    let rawSize = 0
    let hasRequestEnded = false
    let settled = false
    const finish = (error: unknown, value?: string) => {
      if (settled) return
      settled = true
      if (error) reject(error)
      else resolve(value ?? '')
    }
    const source = encoding === 'gzip' ? createGunzip() : null
    const onData = (chunk: Buffer) => {
      if (isOver) return
      size += chunk.length
      if (size > limitBytes) {
        isOver = true
        chunks.length = 0
        source?.destroy()
        // Gunzip can still be inflating after the last compressed byte arrived.
        if (hasRequestEnded) finish(failures.tooLarge())
        return
      }
      chunks.push(chunk)
    }
    req.on('data', (chunk: Buffer) => {
      rawSize += chunk.length
      // Drain an oversized body up to a cap, then give up on the connection.
      if (rawSize > limitBytes * 4 + 1024 * 1024) {
        finish(failures.tooLarge())
        req.destroy()
        return
      }
      if (source && !isOver) source.write(chunk)
      else onData(chunk)
    })
    req.on('error', (error) => finish(error))
    req.on('aborted', () => finish(new Error('Request aborted')))
    if (source) {
      source.on('data', onData)
      source.on('error', () => {
        if (!isOver) finish(failures.invalidRequest('Data terkompresi rusak. Coba kirim lagi.'))
      })
      source.on('end', () => {
        if (isOver) return
        try {
          finish(null, decodeUtf8(Buffer.concat(chunks)))
        } catch (error) {
          finish(error)
        }
      })
    }
    req.on('end', () => {
      hasRequestEnded = true
      if (isOver) finish(failures.tooLarge())
      else if (source) source.end()
      else {
        try {
          finish(null, decodeUtf8(Buffer.concat(chunks)))
        } catch (error) {
          finish(error)
        }
      }
    })
  })
  // An empty body is "no body" (e.g. POST …/revoke); handlers that need fields refuse it.
  if (text.trim() === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text) as unknown
  } catch {
    throw failures.badJson()
  }
  return parsed
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Bytes as UTF-8, or a 400: a replacement character would silently change what was sent. */
function decodeUtf8(bytes: Buffer): string {
  try {
    return STRICT_UTF8.decode(bytes)
  } catch {
    throw failures.invalidText()
  }
}

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** NUL or a lone surrogate: text PostgreSQL cannot store (or UTF-8 cannot encode). */
export function isUnstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text)
}

/** Any string in a parsed JSON value, keys included, that no text column could hold. */
export function hasUnstorableString(value: unknown): boolean {
  // A stack, not recursion: a deeply nested body must not overflow the call stack.
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const current = pending.pop()
    if (typeof current === 'string') {
      if (isUnstorableText(current)) return true
    } else if (Array.isArray(current)) {
      // One by one: spreading a long array into push() can exceed the argument limit.
      for (const item of current) pending.push(item)
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, inner] of Object.entries(current)) {
        if (isUnstorableText(key)) return true
        pending.push(inner)
      }
    }
  }
  return false
}

/**
 * The request target, checked before routing: every `%` escape in the path and the query must be
 * a complete UTF-8 sequence, and nothing may decode to NUL. Malformed input is a 400, never a
 * URIError or TypeError (500) in a handler.
 */
export function parseRequestTarget(target: string | undefined): URL {
  let url: URL
  try {
    url = new URL(target ?? '/', 'http://server.invalid')
  } catch {
    throw failures.invalidAddress()
  }
  const decode = (component: string) => {
    let decoded: string
    try {
      decoded = decodeURIComponent(component)
    } catch {
      throw failures.invalidAddress()
    }
    if (isUnstorableText(decoded)) throw failures.invalidText()
  }
  decode(url.pathname)
  const query = url.search.startsWith('?') ? url.search.slice(1) : url.search
  for (const part of query.split('&')) {
    for (const side of part.split('=')) decode(side.replace(/\+/g, ' '))
  }
  return url
}

const COMPRESS_FROM_BYTES = 1024

/** Whether the client's Accept-Encoding takes `coding` (by name or `*`, with a q above 0). */
function accepts(req: IncomingMessage, coding: 'gzip' | 'br'): boolean {
  const header = req.headers['accept-encoding']
  if (typeof header !== 'string') return false
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    if (name.trim() !== coding && name.trim() !== '*') return false
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  })
}

/**
 * Brotli at quality 5 where the client takes it (Chromium, so the app, does): a pull page of
 * 2,000 participants is 209 kB against 247 kB gzipped at level 6, for 21 ms of compressing
 * against 15 ms. On a 1 Mbit/s link that is 0.3 s less a page (docs/performance.md).
 */
const BROTLI_OPTIONS = (size: number) => ({
  params: {
    [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
    [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
    [zlibConstants.BROTLI_PARAM_SIZE_HINT]: size,
  },
})

export async function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (res.headersSent || res.destroyed) return
  const json = Buffer.from(JSON.stringify(body), 'utf8')
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Vary: String(res.getHeader('Vary') ?? 'Accept-Encoding'),
    ...extraHeaders,
  }
  let payload = json
  if (json.length >= COMPRESS_FROM_BYTES && accepts(req, 'br')) {
    payload = await brotliAsync(json, BROTLI_OPTIONS(json.length))
    headers['Content-Encoding'] = 'br'
  } else if (json.length >= COMPRESS_FROM_BYTES && accepts(req, 'gzip')) {
    payload = await gzipAsync(json, { level: 6 })
    headers['Content-Encoding'] = 'gzip'
  }
  headers['Content-Length'] = String(payload.length)
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, headers)
  res.end(payload)
}

/** Reads a typed field of an untrusted object, or refuses the request. */
export function requireString(
  body: unknown,
  key: string,
  { min = 1, max = 200 }: { min?: number; max?: number } = {},
): string {
  const value = isRecord(body) ? body[key] : undefined
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw failures.invalidRequest(`Isian "${key}" wajib berupa teks ${min}–${max} karakter.`)
  }
  return value
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
