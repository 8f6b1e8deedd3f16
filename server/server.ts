/**
 * The central server: `startServer(options)` opens the database (embedded PGlite or PostgreSQL),
 * applies migrations, starts listening for changes and serves the sync API. It holds no state that
 * another process would need, so several can run on one PostgreSQL behind a load balancer.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { applyCors, parseAllowedOrigins } from './cors'
import { assertCompatibleApiVersion } from './api-version'
import { isIP, type AddressInfo } from 'node:net'
import { dirname, join, resolve, sep } from 'node:path'
import type { District } from '../shared/district/district-config'
import { MAX_REQUEST_BODY_BYTES } from '../shared/sync/sync-protocol'
import { createEnrolmentCode } from './devices'
import { listOffices, createOffice, ensureCentralOffice } from './offices'
import { createUser } from './users'
import { loadCaller, type Caller } from './sessions'
import type { AccountSettings } from './account-records'
import { ChangeFeed } from './change-feed'
import { deriveDataKeys, verifyAccessToken, type ServerKeys } from './crypto'
import { openPgliteDatabase, openPostgresDatabase, type Database } from './database'
import { loadServerDistrict } from './district'
import {
  ApiFailure,
  apiErrorBody,
  failures,
  hasUnstorableString,
  isRecord,
  parseRequestTarget,
  readJsonBody,
  sendJson,
} from './http-kit'
import {
  districtPublicKeysOf,
  KEY_FILE_NAME,
  parseTrustedCardKeys,
  resolveKeys,
  restrictToOwner,
} from './keys'
import { migrate } from './migrations'
import { guardServerDistrict } from './district-guard'
import { ensureGeneration, type GenerationInfo } from './generation'
import { startControlSocket } from './control'
import { checkReadiness } from './readiness'
import { createServerLog, type ServerLog } from './server-log'
import type { ParticipantSettings } from './participants'
import { DEFAULT_LOGIN_HASH_PARAMS, type LoginHashParams } from './passwords'
import {
  DEFAULT_RATE_LIMITS,
  RateLimiter,
  type BucketOptions,
  type RateLimitOptions,
} from './rate-limit'
import { logSecurityEvent, RateLimitReporter } from './security-log'
import { ROUTES, type RouteContext } from './routes'
import { updateRoutes } from './updates'
import { INTEGRATION_ROUTES } from './integration'
import { currentTimeMs } from '../shared/dates/clock'

export interface StartServerOptions {
  /** 'pglite' (embedded, in `dataDir`) or a PostgreSQL connection string. */
  database: 'pglite' | { url: string }
  /**
   * Required for PGlite: holds the database (`pglite/`) and, unless keys come from the env or
   * `keyFile` says otherwise, the key file.
   */
  dataDir?: string
  /**
   * PGlite only: where the key file lives (also NAUNGAN_KEY_FILE). Default
   * `<dataDir>/server-keys.json`, which the server warns about: a copy of the data folder then
   * carries the keys that protect it.
   */
  keyFile?: string
  /** 0 picks a free port. Default 8787. */
  port?: number
  /** Default 127.0.0.1: the server is put behind a TLS proxy, not exposed directly. */
  host?: string
  /** Overrides NAUNGAN_TOKEN_KEY / NAUNGAN_DATA_KEY / NAUNGAN_CARD_SIGNING_KEY (tests). */
  keys?: ServerKeys
  /**
   * base64url public keys of retired district card keys, still handed out as trusted. Overrides
   * NAUNGAN_CARD_TRUSTED_KEYS (comma-separated).
   */
  trustedCardPublicKeys?: string[]
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv
  /** Lower only in tests: login hashes at full cost make a suite slow. */
  loginHashParams?: LoginHashParams
  accessTokenTtlSeconds?: number
  refreshTokenTtlSeconds?: number
  enrolmentCodeTtlSeconds?: number
  rateLimits?: RateLimitOptions
  /** SSE heartbeat comment interval. Default 15 s. */
  heartbeatMs?: number
  maxRequestBodyBytes?: number
  district?: District
  /** Pool size for PostgreSQL. */
  maxConnections?: number
  /**
   * Origins allowed besides app://naungan (the browser build's, exactly as browsers send them).
   * Added to NAUNGAN_ALLOWED_ORIGINS (comma-separated).
   */
  allowedOrigins?: string[]
  /**
   * Addresses of TLS proxies whose X-Forwarded-For is believed (also NAUNGAN_TRUSTED_PROXIES).
   * Without them the header is ignored and the proxy's address is the client's.
   */
  trustedProxies?: string[]
  /**
   * Embedded only: answer `npm run server -- backup` on `<dataDir>/control.sock` (server/control.ts).
   * The serving CLI sets it; the one-shot commands (create-admin) must not take the socket over.
   */
  controlSocket?: boolean
  /**
   * The JSON-lines operational log (server-log.ts). Default: warnings and errors on stderr; the
   * CLI logs every request.
   */
  log?: ServerLog
}

export interface RunningServer {
  url: string
  port: number
  db: Database
  keys: ServerKeys
  /** base64url district card keys handed out as trusted: the current one first. */
  districtPublicKeys: string[]
  district: District
  /** This database's generation (server/generation.ts); a restore starts a new one. */
  generation: string
  /** Direct account operations for bootstrap scripts and tests (no HTTP, no auth). */
  admin: {
    ensureCentralOffice: () => ReturnType<typeof ensureCentralOffice>
    createOffice: (request: Parameters<typeof createOffice>[1]) => ReturnType<typeof createOffice>
    createUser: (request: Parameters<typeof createUser>[1]) => ReturnType<typeof createUser>
    createEnrolmentCode: (officeId: string) => ReturnType<typeof createEnrolmentCode>
    listOffices: () => ReturnType<typeof listOffices>
  }
  close(): Promise<void>
}

export async function openDatabase(
  options: Pick<StartServerOptions, 'database' | 'dataDir' | 'maxConnections'>,
): Promise<Database> {
  if (options.database === 'pglite') {
    if (!options.dataDir) throw new Error('dataDir is required for the embedded database')
    const dir = join(options.dataDir, 'pglite')
    // Owner-only: participants' data is in these files. The folders (0700) already keep other
    // users out; PGlite (WASM) sets its files' modes itself (0666) whatever the umask, so they
    // are tightened after it opens and again when it closes (files made meanwhile).
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    restrictToOwner(options.dataDir, 0o700)
    restrictToOwner(dir, 0o700)
    const db = await openPgliteDatabase(dir)
    restrictTreeToOwner(dir)
    return {
      ...db,
      async close() {
        await db.close()
        restrictTreeToOwner(dir)
      },
    }
  }
  return openPostgresDatabase(options.database.url, { maxConnections: options.maxConnections })
}

export function resolveServerKeys(
  options: Pick<StartServerOptions, 'database' | 'dataDir' | 'keys' | 'env' | 'keyFile'>,
): ServerKeys {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  const env = options.env ?? process.env
  const isEmbedded = options.database === 'pglite'
  const keyFile = isEmbedded
    ? (options.keyFile ?? (env.NAUNGAN_KEY_FILE || undefined) ?? defaultKeyFileOf(options.dataDir))
    : undefined
  const keys = resolveKeys({ keys: options.keys, env, keyFile })
  if (!options.keys && keyFile && existsSync(keyFile) && options.dataDir) {
    const keyDir = resolve(dirname(keyFile))
    const dataDir = resolve(options.dataDir)
    if (keyDir === dataDir || keyDir.startsWith(`${dataDir}${sep}`)) {
      console.warn(
        `Warning: the server keys (${keyFile}) are inside the data folder (${options.dataDir}). A copy or backup of the folder then carries the keys that protect it. Keep them apart: --key-file or NAUNGAN_KEY_FILE (docs/security.md, "Server data and keys").`,
      )
    }
  }
  return keys
}

function defaultKeyFileOf(dataDir: string | undefined): string | undefined {
  return dataDir ? join(dataDir, KEY_FILE_NAME) : undefined
}

interface RequestState {
  ip: string
  caller: Caller | null
  /** The matched route's pattern, for the log (never the path as sent: it may hold anything). */
  route: string | null
  isRateLimited: boolean
  /** The refusal's code (ApiFailure), for the request log. */
  failureCode: string | null
}

/** A route's pattern as a readable path for the log: `/api/admin/users/([^/]{1,100})/unlock`. */
function routeForLog(pattern: string | null): string | null {
  return pattern === null ? null : pattern.replace(/^\^|\$$/g, '').replace(/\\\//g, '/')
}

const LOGGED_METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD', 'PUT', 'DELETE', 'PATCH'])

/**
 * The client's address. Behind a TLS proxy every request comes from the proxy, so when the peer is
 * one of the configured trusted proxies the address is taken from `X-Forwarded-For`: the right-most
 * entry that is not itself a trusted proxy (entries further left are whatever the client wrote).
 * Without configured proxies the header is ignored: anyone could write it.
 */
export function clientAddressOf(
  req: Pick<IncomingMessage, 'headers' | 'socket'>,
  trustedProxies: readonly string[],
): string {
  const peer = normalizeAddress(req.socket.remoteAddress ?? '?')
  if (!trustedProxies.includes(peer)) return peer
  const header = req.headers['x-forwarded-for']
  const text = Array.isArray(header) ? header.join(',') : (header ?? '')
  const hops = text
    .split(',')
    .map((hop) => normalizeAddress(hop.trim()))
    .filter((hop) => hop !== '')
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index] as string
    if (!trustedProxies.includes(hop)) return isIP(hop) ? hop : peer
  }
  return peer
}

function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
}

/** Trusted proxy addresses (NAUNGAN_TRUSTED_PROXIES, comma-separated IPs); junk stops the start. */
export function parseTrustedProxies(text: string | undefined): string[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  for (const entry of entries) {
    if (isIP(entry) === 0)
      throw new Error(`Trusted proxy "${entry.slice(0, 60)}" is not an IP address.`)
  }
  return entries.map(normalizeAddress)
}

/** Removes group and other permissions from every file and folder under `dir` (not on Windows). */
function restrictTreeToOwner(dir: string): void {
  if (process.platform === 'win32') return
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name)
    try {
      const stats = lstatSync(path)
      if (!stats.isSymbolicLink() && (stats.mode & 0o077) !== 0) {
        chmodSync(path, stats.mode & 0o700)
      }
    } catch {
      // Removed meanwhile (a temp file): nothing to protect.
    }
  }
}

/** Error text for the log: no stack of user data, and any NIK/KK-like digit run masked. */
export function describeErrorForLog(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | null
  const text = `${String(e?.name ?? 'Error')}${e?.code ? ` ${String(e.code)}` : ''}: ${String(e?.message ?? error)}`
  return text.replace(/\d{10,}/g, '[digits]').slice(0, 500)
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  // Checked before anything is opened: a mistyped origin stops the start, not a browser later.
  const extraOrigins = [
    ...parseAllowedOrigins((options.env ?? process.env).NAUNGAN_ALLOWED_ORIGINS),
    ...parseAllowedOrigins((options.allowedOrigins ?? []).join(',')),
  ]
  const trustedProxies = [
    ...parseTrustedProxies((options.env ?? process.env).NAUNGAN_TRUSTED_PROXIES),
    ...parseTrustedProxies((options.trustedProxies ?? []).join(',')),
  ]
  const keys = resolveServerKeys(options)
  const districtPublicKeys = districtPublicKeysOf(
    keys.cardSigningKey,
    parseTrustedCardKeys(
      options.trustedCardPublicKeys?.join(',') ??
        (options.env ?? process.env).NAUNGAN_CARD_TRUSTED_KEYS,
    ),
  )
  const district = options.district ?? loadServerDistrict()
  const db = await openDatabase(options)
  let feed: ChangeFeed | null = null
  let generation: GenerationInfo = {
    generation: '',
    startedAt: '',
    restoredFromGeneration: null,
    backupTakenAt: null,
  }
  const limiter = new RateLimiter()
  const log = options.log ?? createServerLog({ minLevel: 'warn' })
  try {
    await migrate(db)
    // This data is one district's: another district's configuration is refused, not applied.
    await guardServerDistrict(db, district)
    generation = await ensureGeneration(db)
    feed = new ChangeFeed(db)
    await feed.start()
  } catch (error) {
    limiter.close()
    await feed?.close().catch(() => undefined)
    await db.close().catch(() => undefined)
    throw error
  }

  const accounts: AccountSettings = {
    tokenKey: keys.tokenKey,
    loginHashParams: options.loginHashParams ?? DEFAULT_LOGIN_HASH_PARAMS,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 15 * 60,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
    enrolmentCodeTtlSeconds: options.enrolmentCodeTtlSeconds ?? 24 * 3600,
    district,
    cardSigning: { districtSecretKey: keys.cardSigningKey, districtPublicKeys },
  }
  const participants: ParticipantSettings = {
    keys: deriveDataKeys(keys.dataKey),
    district,
    generation: generation.generation,
  }
  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS
  const reporter = new RateLimitReporter(db)
  const bodyLimit = options.maxRequestBodyBytes ?? MAX_REQUEST_BODY_BYTES
  const changeFeed = feed

  const context: RouteContext = {
    db,
    accounts,
    participants,
    feed: changeFeed,
    district,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    checkReadiness: () => checkReadiness(db, keys),
    async isStillAuthorised(caller: Caller, tokenExpiresAtMs: number) {
      if (currentTimeMs() >= tokenExpiresAtMs) return false
      try {
        await loadCaller(db, {
          sub: caller.userId,
          dev: caller.deviceId,
          off: caller.office.id,
          fam: caller.familyId,
        })
        return true
      } catch (error) {
        return !(error instanceof ApiFailure)
      }
    },
  }

  /**
   * Rate limits per client (docs/sync.md, "Rate limits"): a caller with a valid access token, or a
   * login/refresh with a verified device credential, spends its own device's bucket; only callers
   * with no identity share the bucket of their address. The address bucket every request passes
   * first is a coarse guard against volume, not what keeps one client from starving another.
   */
  function takeBudget(state: RequestState, key: string, bucket: BucketOptions): void {
    const wait = limiter.take(key, bucket)
    if (wait > 0) {
      reporter.note(key, state.ip)
      state.isRateLimited = true
      throw failures.rateLimited(wait)
    }
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    state: RequestState,
  ): Promise<void> {
    takeBudget(state, `outer:${state.ip}`, rateLimits.outerPerIp)
    assertCompatibleApiVersion(req.headers)
    const url = parseRequestTarget(req.url)
    const pathRoutes = [...ROUTES, ...updateRoutes(options), ...INTEGRATION_ROUTES].filter(
      (route) => route.pattern.test(url.pathname),
    )
    if (pathRoutes.length === 0) throw failures.notFound()
    const route = pathRoutes.find((candidate) => candidate.method === req.method)
    if (!route) throw failures.methodNotAllowed()
    state.route = route.pattern.source

    // The token is checked (signature, expiry) before the rate limit, so a device has its own
    // bucket; anything without a valid token shares its address's anonymous bucket, except a
    // login or refresh, whose device credential decides its bucket in the handler.
    const authorization = req.headers.authorization
    const bearer =
      typeof authorization === 'string' && /^Bearer [^\s]+$/.test(authorization)
        ? authorization.slice(7)
        : null
    const token = bearer ? verifyAccessToken(bearer, keys.tokenKey) : null
    const anonymousKey = `ip:${state.ip}`
    if (token?.ok) takeBudget(state, `device:${token.claims.dev}`, rateLimits.perDevice)
    else if (route.rateLimit !== 'device-credential') {
      takeBudget(state, anonymousKey, rateLimits.perIp)
    }

    let caller: Caller | null = null
    let tokenExpiresAtMs = 0
    if (route.auth !== 'none') {
      if (!bearer) throw failures.tokenMissing()
      if (!token?.ok) {
        throw token?.reason === 'TOKEN_EXPIRED' ? failures.tokenExpired() : failures.tokenInvalid()
      }
      caller = await loadCaller(db, token.claims)
      state.caller = caller
      tokenExpiresAtMs = token.claims.exp * 1000
      if (route.auth !== 'user' && caller.role !== route.auth) throw failures.forbiddenRole()
      if (route.roles && !route.roles.includes(caller.role)) throw failures.forbiddenRole()
    }

    const body =
      req.method === 'POST' ? await readJsonBody(req, route.maxBodyBytes ?? bodyLimit) : undefined
    // PostgreSQL refuses NUL in text and jsonb, and a lone surrogate cannot be encoded as UTF-8:
    // either would end as a 500 deep in a handler. Refused here, once, for every route. A sync
    // push is the exception for its rows only: each row is refused on its own (INVALID_DOCUMENT,
    // INVALID_AUDIT_ENTRY), so one bad record does not hold back the other 199 of its batch.
    if (
      hasUnstorableString(
        route.rowsCheckedByHandler && isRecord(body)
          ? { ...body, [route.rowsCheckedByHandler === true ? 'rows' : 'states']: [] }
          : body,
      )
    ) {
      throw failures.invalidText()
    }
    const match = route.pattern.exec(url.pathname)
    const params: Record<string, string> = {}
    route.paramNames?.forEach((name, index) => {
      params[name] = decodeURIComponent(match?.[index + 1] ?? '')
    })
    const result = await route.handle(context, {
      req,
      res,
      url,
      body,
      caller,
      tokenExpiresAtMs,
      params,
      clientIp: state.ip,
      takeBudget: (deviceId) =>
        deviceId === null
          ? takeBudget(state, anonymousKey, rateLimits.perIp)
          : takeBudget(state, `device:${deviceId}`, rateLimits.perDevice),
    })
    if (result !== 'streamed') await sendJson(req, res, 200, result.body, result.headers)
  }

  /** Refusals an admin should see (finding 8); 429s go through the aggregating reporter. */
  async function logRefusal(failure: ApiFailure, state: RequestState): Promise<void> {
    const who = {
      userId: state.caller?.userId ?? null,
      deviceId: state.caller?.deviceId ?? null,
      officeId: state.caller?.office.id ?? null,
      ip: state.ip,
    }
    if (failure.code === 'ENROLMENT_CODE_INVALID') {
      await logSecurityEvent(db, { kind: 'enrolment_code_invalid', ...who })
    } else if (failure.code === 'DEVICE_UNKNOWN') {
      await logSecurityEvent(db, {
        kind: 'login_failed',
        ...who,
        detail: { reason: 'DEVICE_UNKNOWN', route: state.route },
      })
    } else if (failure.status === 403) {
      await logSecurityEvent(db, {
        kind: 'forbidden',
        ...who,
        detail: { code: failure.code, route: state.route },
      })
    }
  }

  /** One line per request when it ends (a stream when it closes), by route, never by path. */
  function logRequest(
    req: IncomingMessage,
    res: ServerResponse,
    state: RequestState,
    startedMs: number,
  ): void {
    const status = res.headersSent ? res.statusCode : 0
    log.write(status >= 500 || status === 0 ? 'warn' : 'info', 'request', {
      method: LOGGED_METHODS.has(req.method ?? '') ? req.method : 'OTHER',
      route: routeForLog(state.route),
      status,
      ms: Math.round(performance.now() - startedMs),
      code: state.failureCode,
      ip: state.ip,
      deviceId: state.caller?.deviceId ?? null,
      userId: state.caller?.userId ?? null,
      completed: res.writableFinished,
    })
  }

  const server = createServer((req, res) => {
    const state: RequestState = {
      ip: clientAddressOf(req, trustedProxies),
      caller: null,
      route: null,
      isRateLimited: false,
      failureCode: null,
    }
    const startedMs = performance.now()
    res.once('close', () => logRequest(req, res, state, startedMs))
    if (applyCors(req, res, extraOrigins)) return
    handle(req, res, state).catch(async (error: unknown) => {
      let failure: ApiFailure
      if (error instanceof ApiFailure) {
        failure = error
        state.failureCode = failure.code
        if (!state.isRateLimited) await logRefusal(failure, state).catch(() => undefined)
      } else {
        log.write('error', 'request_failed', {
          method: req.method,
          route: routeForLog(state.route),
          error: describeErrorForLog(error),
        })
        failure = failures.internal()
        state.failureCode = failure.code
      }
      try {
        // Consume what is left of the body so the client reads the answer, not a reset.
        if (!req.complete) req.resume()
        await sendJson(req, res, failure.status, apiErrorBody(failure), failure.headers)
      } catch (sendError) {
        log.write('error', 'response_failed', { error: describeErrorForLog(sendError) })
        res.destroy()
      }
    })
  })
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  // Slow satellite links: allow long uploads, but not idle connections forever.
  server.requestTimeout = 120_000
  server.headersTimeout = 30_000
  server.keepAliveTimeout = 65_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  const stopControl =
    options.controlSocket && options.database === 'pglite' && options.dataDir
      ? await startControlSocket(options.dataDir, db, log)
      : null

  let closing: Promise<void> | null = null
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    db,
    keys,
    districtPublicKeys,
    district,
    generation: generation.generation,
    admin: {
      ensureCentralOffice: () => ensureCentralOffice(db, district),
      createOffice: (request) => createOffice(db, request, district),
      createUser: (request) => createUser(db, request, accounts),
      createEnrolmentCode: (officeId) =>
        createEnrolmentCode(db, officeId, null, accounts.enrolmentCodeTtlSeconds),
      listOffices: () => listOffices(db),
    },
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        await stopControl?.()
        limiter.close()
        reporter.close()
        await reporter.flush(true).catch(() => undefined)
        await changeFeed.close()
        await db.close()
      })()
      return closing
    },
  }
}
