/**
 * The HTTP API of shared/sync/sync-protocol.ts, one handler per endpoint. Handlers receive the
 * authenticated caller (when the route needs one) and the parsed body, and return the response
 * body; refusals are thrown as ApiFailure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { District } from '../shared/district/district-config'
import type {
  RecoverResponse,
  RescueImportResponse,
  CardKeysResponse,
  ChangePasswordResponse,
  CreateOfficeRequest,
  CreateUserRequest,
  DistrictCardKeysResponse,
  EnrolResponse,
  HealthResponse,
  LogoutResponse,
  ReadinessResponse,
  OfficeUsersResponse,
  PushRow,
  Role,
} from '../shared/sync/sync-protocol'
import {
  MAX_BILL_BODY_BYTES,
  MAX_PULL_LIMIT,
  MAX_PUSH_ROWS,
  PULL_CHECKPOINT_HEADER,
  PULL_PAGE_HEADER,
  type PullPageHead,
  PULL_LIMIT_HEADER,
  SYNC_API_VERSION,
} from '../shared/sync/sync-protocol'
import type {
  AuditPullResponse,
  AuditPushResponse,
  AuditSearchResponse,
} from '../shared/audit/audit-entry'
import type {
  AdminDevicesResponse,
  AdminOfficesResponse,
  AdminUserInfo,
  AdminUsersResponse,
  SecurityEventsResponse,
} from '../shared/sync/admin-api'
import {
  certifyCardKey,
  checkDevice,
  createEnrolmentCode,
  enrolDevice,
  listDevices,
  revokeDevice,
} from './devices'
import { changeOwnPassword, createUser, offlineUsersOf } from './users'
import { createOffice, getOffice, listOffices } from './offices'
import {
  deactivateUser,
  type AdminAction,
  listUsersForAdmin,
  reactivateUser,
  resetPassword,
  unlockDevice,
  unlockUser,
} from './user-admin'
import { login, logout, refreshSession, type Caller } from './sessions'
import type { AccountSettings, DeviceRow } from './account-records'
import {
  parseAuditPushRows,
  parseAuditSearch,
  pullAuditEntries,
  pushAuditEntries,
  recoverAuditEntries,
  searchAuditEntries,
} from './audit'
import { MAX_AUDIT_PUSH_ROWS } from '../shared/audit/audit-entry'
import type { ChangeFeed } from './change-feed'
import type { Database } from './database'
import {
  ApiFailure,
  failures,
  hasUnstorableString,
  isRecord,
  requireString,
  sendJson,
} from './http-kit'
import { MAX_RECOVER_STATES, recoverParticipants } from './recovery'
import { importRescuePart, parseRescueRequest } from './rescue'
import {
  jurisdictionOf,
  parseCheckpoint,
  participantCallerOf,
  pullParticipants,
  pushParticipants,
  type ParticipantSettings,
} from './participants'
import { assertMayPrintCards } from './card-printing'
import { signedCardRevocations } from './card-revocations'
import type { PublishedCardRevocations } from '../shared/cards/card-revocations'
import { getPlans, parsePlanYear, parsePlansRequest, putPlans } from './plans'
import {
  getEnrolmentBatch,
  listEnrolmentBatches,
  parseBatchPush,
  recordEnrolmentBatch,
} from './enrolment-batches'
import {
  getBill,
  listBillResolutions,
  listBills,
  listPaymentWithdrawals,
  listPayments,
  parseBillPush,
  parsePaymentPush,
  parseWithdrawalPush,
  parseResolutionPush,
  recordBill,
  recordBillResolution,
  recordPayment,
  recordPaymentWithdrawal,
} from './bills'
import { currentTime } from '../shared/dates/clock'
import { listSecurityEvents, logSecurityEvent, MAX_SECURITY_EVENTS_PAGE } from './security-log'

export interface RouteContext {
  db: Database
  accounts: AccountSettings
  participants: ParticipantSettings
  feed: ChangeFeed
  district: District
  heartbeatMs: number
  /** Can this process serve right now (readiness.ts)? */
  checkReadiness(): Promise<ReadinessResponse>
  /** Re-checks the stream's caller (token expiry, revocation); false ends the stream. */
  isStillAuthorised(caller: Caller, tokenExpiresAtMs: number): Promise<boolean>
}

export interface RouteRequest {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  body: unknown
  caller: Caller | null
  tokenExpiresAtMs: number
  params: Record<string, string>
  /** The client's address (the proxy's, unless the proxy is trusted): for the security log. */
  clientIp: string | null
  /**
   * Takes one request from a rate-limit bucket, or throws 429: the device's own once its
   * credential is verified (`deviceId`), else the shared bucket of anonymous callers (null).
   */
  takeBudget(deviceId: string | null): void
}

/** What a handler returns: a JSON body, or 'streamed' when it wrote the response itself. */
export type RouteResult = { body: unknown; headers?: Record<string, string> } | 'streamed'

export interface Route {
  method: 'GET' | 'POST'
  pattern: RegExp
  paramNames?: string[]
  auth: 'none' | 'user' | Role
  /**
   * With `auth: 'user'`: only these roles may call the route, checked before the body is read, so
   * a route that takes a large body (`maxBodyBytes`) never reads one from anyone else.
   */
  roles?: readonly Role[]
  /**
   * 'device-credential': the body carries a device credential, and the route takes the rate limit
   * itself once it knows whose it is (`takeBudget`), so a flood of anonymous calls cannot stop a
   * PC's login. Default: the server takes it before the handler runs.
   */
  rateLimit?: 'device-credential'
  /**
   * The body's `rows` (or the list named) are checked one by one by the handler, which refuses a
   * row holding text no column can store (NUL, lone surrogate) in its answer instead of failing
   * the request.
   */
  rowsCheckedByHandler?: true | 'states'
  /**
   * The largest body this route reads, when it is not MAX_REQUEST_BODY_BYTES (a BPJS bill). The
   * body is read after the token and the route's `roles` are checked, so only a signed-in user of
   * those roles can send this much.
   */
  maxBodyBytes?: number
  handle(ctx: RouteContext, request: RouteRequest): Promise<RouteResult>
}

function parsePushRows(body: unknown): PushRow[] {
  if (!isRecord(body) || !Array.isArray(body.rows)) {
    throw failures.invalidRequest('Isi kiriman harus berisi daftar "rows".')
  }
  if (body.rows.length > MAX_PUSH_ROWS) {
    throw new ApiFailure(
      413,
      'TOO_MANY_ROWS',
      `Satu kiriman paling banyak ${MAX_PUSH_ROWS} data. Aplikasi akan membaginya.`,
    )
  }
  return body.rows.map((row: unknown) => {
    if (
      !isRecord(row) ||
      !isRecord(row.newDocumentState) ||
      typeof row.newDocumentState.id !== 'string' ||
      row.newDocumentState.id.length < 1 ||
      row.newDocumentState.id.length > 40 ||
      (row.assumedMasterState !== undefined &&
        row.assumedMasterState !== null &&
        !isRecord(row.assumedMasterState))
    ) {
      throw failures.invalidRequest(
        'Setiap baris kiriman harus berisi "newDocumentState" dengan "id", dan "assumedMasterState" bila ada.',
      )
    }
    const parsed = {
      newDocumentState: row.newDocumentState,
      ...(isRecord(row.assumedMasterState) ? { assumedMasterState: row.assumedMasterState } : {}),
    }
    return parsed as unknown as PushRow
  })
}

/** A pull's checkpoint and limit: from the headers the app sends, else the query string. */
function pullParameter(request: RouteRequest, header: string, query: string): string | null {
  const value = request.req.headers[header.toLowerCase()]
  if (typeof value === 'string') return value
  return request.url.searchParams.get(query)
}

function pullCheckpointOf(request: RouteRequest): ReturnType<typeof parseCheckpoint> {
  return parseCheckpoint(pullParameter(request, PULL_CHECKPOINT_HEADER, 'checkpoint'))
}

/** `limit` of a pull: digits only; the pull itself caps it at MAX_PULL_LIMIT. */
function pullLimitOf(request: RouteRequest): number {
  const limitText = pullParameter(request, PULL_LIMIT_HEADER, 'limit') ?? '100'
  const limit = /^\d{1,6}$/.test(limitText) ? Number(limitText) : NaN
  if (!Number.isInteger(limit) || limit < 1) {
    throw failures.invalidRequest(`Batas (limit) harus angka 1–${MAX_PULL_LIMIT}.`)
  }
  return limit
}

/** Who records and reads bills and payments: checked before a bill's large body is read. */
const BILLING_ROLES: readonly Role[] = ['supervisor', 'admin']

/** The payer codes district.json knows: batches, bills and payments for others are refused. */
function knownPayersOf(ctx: RouteContext): ReadonlySet<string> {
  return new Set(ctx.district.config.payers.map((payer) => payer.code))
}

function requireCaller(request: RouteRequest): Caller {
  if (!request.caller) throw failures.tokenMissing()
  return request.caller
}

const ok = (body: unknown): RouteResult => ({ body })

/**
 * The device credential of a login or refresh, verified before its rate limit is taken: a known
 * PC spends its own budget, anything else the anonymous callers' shared one.
 */
async function verifiedDevice(
  ctx: RouteContext,
  request: RouteRequest,
  deviceId: string,
  deviceSecret: string,
): Promise<DeviceRow> {
  let device: DeviceRow
  try {
    device = await checkDevice(ctx.db, deviceId, deviceSecret)
  } catch (error) {
    request.takeBudget(
      error instanceof ApiFailure && error.code === 'DEVICE_REVOKED' ? deviceId : null,
    )
    throw error
  }
  request.takeBudget(device.id)
  return device
}

function adminActionOf(request: RouteRequest) {
  return { caller: requireCaller(request), ip: request.clientIp }
}

function securityEventQueryOf(url: URL): {
  limit: number
  beforeId: number | null
  kind: string | null
} {
  const limitText = url.searchParams.get('limit') ?? '100'
  const beforeText = url.searchParams.get('before')
  const kind = url.searchParams.get('kind')
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SECURITY_EVENTS_PAGE) {
    throw failures.invalidRequest(`Batas (limit) harus angka 1–${MAX_SECURITY_EVENTS_PAGE}.`)
  }
  if (beforeText !== null && !/^\d{1,15}$/.test(beforeText)) {
    throw failures.invalidRequest('Penanda halaman (before) harus angka.')
  }
  if (kind !== null && !/^[a-z_]{1,40}$/.test(kind)) {
    throw failures.invalidRequest('Jenis kejadian (kind) tidak dikenal.')
  }
  return { limit, beforeId: beforeText === null ? null : Number(beforeText), kind }
}

function optionalOfficeFilter(url: URL): string | undefined {
  const officeId = url.searchParams.get('officeId')
  if (officeId === null) return undefined
  if (officeId.length < 1 || officeId.length > 100) throw failures.invalidRequest()
  return officeId
}

const districtNameOf = (ctx: Pick<RouteContext, 'district'>) =>
  `${ctx.district.config.region.kind === 'kota' ? 'Kota' : 'Kabupaten'} ${ctx.district.config.region.name}`

/**
 * A PC built for another district (its district.json, docs/district-config.md) never enrols or
 * signs in here, so it never syncs its records into this district's server, nor this district's
 * into its store. The app sends its district's code; one from before the check sends none.
 */
function requireSameDistrict(ctx: Pick<RouteContext, 'district'>, body: unknown): void {
  const code = isRecord(body) ? body.districtCode : undefined
  if (code === undefined) return
  if (code !== ctx.district.config.region.code) {
    throw new ApiFailure(
      409,
      'DISTRICT_MISMATCH',
      `Server ini melayani ${districtNameOf(ctx)} (${ctx.district.config.region.code}), sedangkan aplikasi di PC ini disiapkan untuk wilayah ${typeof code === 'string' ? code.slice(0, 10) : '?'}. Pasang aplikasi untuk ${districtNameOf(ctx)} atau periksa alamat server.`,
    )
  }
}

/** POST /api/admin/users/<id>/<action>: an admin's action on one account, answered with it. */
function adminUserAction(
  action: string,
  perform: (db: RouteContext['db'], userId: string, by: AdminAction) => Promise<AdminUserInfo>,
): Route {
  return {
    method: 'POST',
    pattern: new RegExp(`^/api/admin/users/([^/]{1,100})/${action}$`),
    paramNames: ['userId'],
    auth: 'admin',
    handle: async (ctx, request) =>
      ok(await perform(ctx.db, request.params.userId ?? '', adminActionOf(request))),
  }
}

export const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/health$/,
    auth: 'none',
    handle: async (ctx) =>
      ok({
        ok: true,
        apiVersion: SYNC_API_VERSION,
        serverTime: currentTime().toISOString(),
        district: { code: ctx.district.config.region.code, name: districtNameOf(ctx) },
      } satisfies HealthResponse),
  },
  {
    // Liveness: answered by the process alone, whatever the database does.
    method: 'GET',
    pattern: /^\/api\/health\/live$/,
    auth: 'none',
    handle: async () => ok({ ok: true }),
  },
  {
    method: 'GET',
    pattern: /^\/api\/health\/ready$/,
    auth: 'none',
    handle: async (ctx, { req, res }) => {
      const readiness = await ctx.checkReadiness()
      await sendJson(req, res, readiness.ready ? 200 : 503, readiness)
      return 'streamed'
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/enrol$/,
    auth: 'none',
    handle: async (ctx, { body }) => {
      requireSameDistrict(ctx, body)
      return ok(
        (await enrolDevice(
          ctx.db,
          {
            code: requireString(body, 'code', { max: 40 }),
            deviceName: requireString(body, 'deviceName', { max: 100 }),
            cardSigningPublicKey: isRecord(body) ? body.cardSigningPublicKey : undefined,
          },
          ctx.accounts.cardSigning,
        )) satisfies EnrolResponse,
      )
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/card-keys$/,
    auth: 'none',
    handle: async (ctx) =>
      ok({
        districtPublicKeys: [...ctx.accounts.cardSigning.districtPublicKeys],
        revocations: await signedCardRevocations(ctx.db, ctx.accounts.cardSigning),
      } satisfies DistrictCardKeysResponse & PublishedCardRevocations),
  },
  {
    method: 'POST',
    pattern: /^\/api\/card-certificate$/,
    auth: 'user',
    handle: async (ctx, request) =>
      ok(
        (await certifyCardKey(
          ctx.db,
          assertMayPrintCards(requireCaller(request)),
          isRecord(request.body) ? request.body.publicKey : undefined,
          ctx.accounts.cardSigning,
        )) satisfies CardKeysResponse,
      ),
  },
  {
    method: 'POST',
    pattern: /^\/api\/session$/,
    auth: 'none',
    rateLimit: 'device-credential',
    handle: async (ctx, request) => {
      const { body } = request
      const deviceId = requireString(body, 'deviceId', { max: 100 })
      const deviceSecret = requireString(body, 'deviceSecret', { max: 200 })
      const username = requireString(body, 'username', { max: 100 })
      const password = requireString(body, 'password', { max: 200 })
      requireSameDistrict(ctx, body)
      const device = await verifiedDevice(ctx, request, deviceId, deviceSecret)
      return ok(
        await login(ctx.db, device, { username, password }, ctx.accounts, {
          ip: request.clientIp,
        }),
      )
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/session\/refresh$/,
    auth: 'none',
    rateLimit: 'device-credential',
    handle: async (ctx, request) => {
      const { body } = request
      const deviceId = requireString(body, 'deviceId', { max: 100 })
      const deviceSecret = requireString(body, 'deviceSecret', { max: 200 })
      const refreshToken = requireString(body, 'refreshToken', { max: 200 })
      const device = await verifiedDevice(ctx, request, deviceId, deviceSecret)
      return ok(
        await refreshSession(ctx.db, device, { refreshToken }, ctx.accounts, {
          ip: request.clientIp,
        }),
      )
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/session\/logout$/,
    auth: 'user',
    handle: async (ctx, request) =>
      ok(
        (await logout(ctx.db, requireCaller(request), {
          ip: request.clientIp,
        })) satisfies LogoutResponse,
      ),
  },
  {
    method: 'POST',
    pattern: /^\/api\/session\/password$/,
    auth: 'user',
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      const currentPassword = requireString(request.body, 'currentPassword', { max: 200 })
      const newPassword = isRecord(request.body) ? request.body.newPassword : undefined
      return ok(
        (await changeOwnPassword(ctx.db, caller, { currentPassword, newPassword }, ctx.accounts, {
          ip: request.clientIp,
        })) satisfies ChangePasswordResponse,
      )
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/office-users$/,
    auth: 'user',
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      // The PC keeps the users of the office it is enrolled in.
      const office = await getOffice(ctx.db, caller.deviceOfficeId)
      if (!office) throw failures.internal()
      return ok({
        office,
        ...(await offlineUsersOf(ctx.db, office.id)),
      } satisfies OfficeUsersResponse)
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/sync\/participants\/pull$/,
    auth: 'user',
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      const checkpoint = pullCheckpointOf(request)
      if (checkpoint === 'invalid') {
        throw failures.invalidRequest('Titik sinkronisasi (checkpoint) tidak sah.')
      }
      const page = await pullParticipants(
        ctx.db,
        participantCallerOf(caller),
        checkpoint,
        pullLimitOf(request),
        ctx.participants,
      )
      const head: PullPageHead = {
        count: page.documents.length,
        checkpoint: page.checkpoint,
        remaining: page.remaining,
      }
      return { body: page, headers: { [PULL_PAGE_HEADER]: JSON.stringify(head) } }
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sync\/participants\/push$/,
    auth: 'user',
    rowsCheckedByHandler: true,
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      const rows = parsePushRows(request.body)
      if (rows.length === 0) return ok({ conflicts: [], rejected: [] })
      return ok(await pushParticipants(ctx.db, participantCallerOf(caller), rows, ctx.participants))
    },
  },
  // After a restore: history entries a PC holds, any PC's, taken back on their receipts.
  {
    method: 'POST',
    pattern: /^\/api\/sync\/audit\/recover$/,
    auth: 'user',
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      const body = request.body
      if (!isRecord(body) || !Array.isArray(body.entries)) {
        throw failures.invalidRequest('Isi kiriman harus berisi daftar "entries".')
      }
      if (body.entries.length > MAX_AUDIT_PUSH_ROWS) {
        throw new ApiFailure(
          413,
          'TOO_MANY_ROWS',
          `Satu kiriman paling banyak ${MAX_AUDIT_PUSH_ROWS} catatan. Aplikasi akan membaginya.`,
        )
      }
      return ok(
        await recoverAuditEntries(ctx.db, caller, body.entries, {
          key: ctx.participants.keys.receiptKey,
          district: ctx.district.nikRegencyCode,
        }),
      )
    },
  },
  // A rescue file of a PC that cannot sync, opened in the app by a supervisor or admin.
  {
    method: 'POST',
    pattern: /^\/api\/sync\/rescue$/,
    auth: 'user',
    roles: ['supervisor', 'admin'],
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      const rescue = parseRescueRequest(request.body)
      return ok(
        (await importRescuePart(
          ctx.db,
          caller,
          rescue,
          { participants: ctx.participants, accounts: ctx.accounts },
          request.clientIp ?? '',
        )) satisfies RescueImportResponse,
      )
    },
  },
  // After a restore: the states a PC last had from the server, taken back on their receipts.
  {
    method: 'POST',
    pattern: /^\/api\/sync\/participants\/recover$/,
    auth: 'user',
    rowsCheckedByHandler: 'states',
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      const body = request.body
      if (!isRecord(body) || !Array.isArray(body.states)) {
        throw failures.invalidRequest('Isi kiriman harus berisi daftar "states".')
      }
      if (body.states.length > MAX_RECOVER_STATES) {
        throw new ApiFailure(
          413,
          'TOO_MANY_ROWS',
          `Satu kiriman paling banyak ${MAX_RECOVER_STATES} data. Aplikasi akan membaginya.`,
        )
      }
      // Each state is refused on its own (a string PostgreSQL cannot store is malformed data).
      const states = body.states.map((state: unknown) =>
        hasUnstorableString(state) ? { id: String(isRecord(state) ? state.id : '') } : state,
      )
      return ok(
        (await recoverParticipants(
          ctx.db,
          participantCallerOf(caller),
          states,
          ctx.participants,
          request.clientIp ?? '',
        )) satisfies RecoverResponse,
      )
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/sync\/participants\/stream$/,
    auth: 'user',
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      openStream(ctx, request, caller)
      return 'streamed'
    },
  },
  // The audit trail: push and pull only; no route changes or deletes an entry (server/audit.ts).
  {
    method: 'POST',
    pattern: /^\/api\/sync\/audit\/push$/,
    auth: 'user',
    rowsCheckedByHandler: true,
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      const rows = parseAuditPushRows(request.body)
      if (rows.length === 0) return ok({ rejected: [] } satisfies AuditPushResponse)
      return ok(
        (await pushAuditEntries(ctx.db, caller, rows, {
          district: ctx.district,
        })) satisfies AuditPushResponse,
      )
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/sync\/audit\/pull$/,
    auth: 'user',
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      const checkpoint = pullCheckpointOf(request)
      if (checkpoint === 'invalid') {
        throw failures.invalidRequest('Titik sinkronisasi (checkpoint) tidak sah.')
      }
      return ok(
        (await pullAuditEntries(
          ctx.db,
          caller,
          checkpoint,
          pullLimitOf(request),
          ctx.participants.generation,
          { key: ctx.participants.keys.receiptKey, district: ctx.district.nikRegencyCode },
        )) satisfies AuditPullResponse,
      )
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/audit\/search$/,
    auth: 'user',
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      // Supervisors and admins read the trail of everyone in their jurisdiction; the others see
      // a participant's history on the PC only.
      if (caller.role !== 'supervisor' && caller.role !== 'admin') throw failures.forbiddenRole()
      return ok(
        (await searchAuditEntries(
          ctx.db,
          caller,
          parseAuditSearch(request.url),
        )) satisfies AuditSearchResponse,
      )
    },
  },
  // Annual plans (targets, APBD allocation): everyone reads, supervisors and admins write.
  {
    method: 'GET',
    pattern: /^\/api\/plans$/,
    auth: 'user',
    handle: async (ctx, { url }) =>
      ok(await getPlans(ctx.db, parsePlanYear(url.searchParams.get('year')))),
  },
  {
    method: 'POST',
    pattern: /^\/api\/plans$/,
    auth: 'user',
    handle: async (ctx, request) => {
      const caller = requireCaller(request)
      if (caller.role !== 'supervisor' && caller.role !== 'admin') throw failures.forbiddenRole()
      return ok(await putPlans(ctx.db, caller, parsePlansRequest(request.body, ctx.district)))
    },
  },
  // BPJS enrolment batches: supervisors and admins record and read them (any of their PCs).
  {
    method: 'GET',
    pattern: /^\/api\/enrolment-batches$/,
    auth: 'user',
    handle: async (ctx, request) => ok(await listEnrolmentBatches(ctx.db, requireCaller(request))),
  },
  {
    method: 'GET',
    pattern: /^\/api\/enrolment-batches\/([A-Za-z0-9][A-Za-z0-9_-]{0,39})$/,
    paramNames: ['batchId'],
    auth: 'user',
    handle: async (ctx, request) =>
      ok(await getEnrolmentBatch(ctx.db, requireCaller(request), request.params.batchId ?? '')),
  },
  {
    method: 'POST',
    pattern: /^\/api\/enrolment-batches$/,
    auth: 'user',
    handle: async (ctx, request) =>
      ok(
        await recordEnrolmentBatch(
          ctx.db,
          requireCaller(request),
          parseBatchPush(request.body),
          knownPayersOf(ctx),
        ),
      ),
  },
  // BPJS bills, their resolutions and payments: supervisors and admins (server/bills.ts).
  {
    method: 'GET',
    pattern: /^\/api\/bills$/,
    auth: 'user',
    roles: BILLING_ROLES,
    handle: async (ctx, request) => ok(await listBills(ctx.db, requireCaller(request))),
  },
  {
    method: 'GET',
    pattern: /^\/api\/bills\/([A-Za-z0-9][A-Za-z0-9_-]{0,39})$/,
    paramNames: ['billId'],
    auth: 'user',
    roles: BILLING_ROLES,
    handle: async (ctx, request) =>
      ok(await getBill(ctx.db, requireCaller(request), request.params.billId ?? '')),
  },
  {
    method: 'POST',
    pattern: /^\/api\/bills$/,
    auth: 'user',
    roles: BILLING_ROLES,
    // A bill of 200,000 lines is up to ~50 MB of JSON (120-character names), sent gzipped, and
    // only by these roles: every other route and role keeps the 2 MB limit.
    maxBodyBytes: MAX_BILL_BODY_BYTES,
    handle: async (ctx, request) =>
      ok(
        await recordBill(
          ctx.db,
          requireCaller(request),
          parseBillPush(request.body),
          knownPayersOf(ctx),
        ),
      ),
  },
  {
    method: 'GET',
    pattern: /^\/api\/bill-resolutions$/,
    auth: 'user',
    roles: BILLING_ROLES,
    handle: async (ctx, request) => ok(await listBillResolutions(ctx.db, requireCaller(request))),
  },
  {
    method: 'POST',
    pattern: /^\/api\/bill-resolutions$/,
    auth: 'user',
    roles: BILLING_ROLES,
    handle: async (ctx, request) =>
      ok(
        await recordBillResolution(
          ctx.db,
          requireCaller(request),
          parseResolutionPush(request.body),
        ),
      ),
  },
  {
    method: 'GET',
    pattern: /^\/api\/payments$/,
    auth: 'user',
    roles: BILLING_ROLES,
    handle: async (ctx, request) => ok(await listPayments(ctx.db, requireCaller(request))),
  },
  {
    method: 'POST',
    pattern: /^\/api\/payments$/,
    auth: 'user',
    roles: BILLING_ROLES,
    handle: async (ctx, request) =>
      ok(
        await recordPayment(
          ctx.db,
          requireCaller(request),
          parsePaymentPush(request.body),
          knownPayersOf(ctx),
        ),
      ),
  },
  {
    method: 'GET',
    pattern: /^\/api\/payment-withdrawals$/,
    auth: 'user',
    roles: BILLING_ROLES,
    handle: async (ctx, request) =>
      ok(await listPaymentWithdrawals(ctx.db, requireCaller(request))),
  },
  {
    method: 'POST',
    pattern: /^\/api\/payment-withdrawals$/,
    auth: 'user',
    roles: BILLING_ROLES,
    handle: async (ctx, request) =>
      ok(
        await recordPaymentWithdrawal(
          ctx.db,
          requireCaller(request),
          parseWithdrawalPush(request.body),
          { ip: request.clientIp },
        ),
      ),
  },
  {
    method: 'GET',
    pattern: /^\/api\/admin\/offices$/,
    auth: 'admin',
    handle: async (ctx) =>
      ok({ offices: await listOffices(ctx.db) } satisfies AdminOfficesResponse),
  },
  {
    method: 'POST',
    pattern: /^\/api\/admin\/offices$/,
    auth: 'admin',
    handle: async (ctx, { body }) => {
      if (!isRecord(body)) throw failures.invalidRequest()
      return ok(await createOffice(ctx.db, body as unknown as CreateOfficeRequest, ctx.district))
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/admin\/users$/,
    auth: 'admin',
    handle: async (ctx, { url }) =>
      ok({
        users: await listUsersForAdmin(ctx.db, optionalOfficeFilter(url)),
      } satisfies AdminUsersResponse),
  },
  adminUserAction('deactivate', deactivateUser),
  adminUserAction('reactivate', reactivateUser),
  {
    method: 'POST',
    pattern: /^\/api\/admin\/users\/([^/]{1,100})\/password$/,
    paramNames: ['userId'],
    auth: 'admin',
    handle: async (ctx, request) =>
      ok(
        (await resetPassword(
          ctx.db,
          request.params.userId ?? '',
          isRecord(request.body) ? request.body.newPassword : undefined,
          ctx.accounts,
          adminActionOf(request),
        )) satisfies AdminUserInfo,
      ),
  },
  adminUserAction('unlock', unlockUser),
  {
    method: 'GET',
    pattern: /^\/api\/admin\/security-events$/,
    auth: 'admin',
    handle: async (ctx, { url }) =>
      ok({
        events: await listSecurityEvents(ctx.db, securityEventQueryOf(url)),
      } satisfies SecurityEventsResponse),
  },
  {
    method: 'POST',
    pattern: /^\/api\/admin\/users$/,
    auth: 'admin',
    handle: async (ctx, { body }) => {
      if (!isRecord(body)) throw failures.invalidRequest()
      return ok(await createUser(ctx.db, body as unknown as CreateUserRequest, ctx.accounts))
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/admin\/enrolment-codes$/,
    auth: 'admin',
    handle: async (ctx, request) => {
      const officeId = requireString(request.body, 'officeId', { max: 100 })
      return ok(
        await createEnrolmentCode(
          ctx.db,
          officeId,
          requireCaller(request).userId,
          ctx.accounts.enrolmentCodeTtlSeconds,
        ),
      )
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/admin\/devices$/,
    auth: 'admin',
    handle: async (ctx, { url }) =>
      ok({
        devices: await listDevices(ctx.db, optionalOfficeFilter(url)),
      } satisfies AdminDevicesResponse),
  },
  {
    method: 'POST',
    pattern: /^\/api\/admin\/devices\/([^/]{1,100})\/revoke$/,
    paramNames: ['deviceId'],
    auth: 'admin',
    handle: async (ctx, request) => {
      const device = await revokeDevice(ctx.db, request.params.deviceId ?? '')
      const { caller, ip } = adminActionOf(request)
      await logSecurityEvent(ctx.db, {
        kind: 'device_revoked',
        userId: caller.userId,
        deviceId: caller.deviceId,
        officeId: caller.office.id,
        ip,
        detail: { targetDeviceId: device.id },
      })
      return ok(device)
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/admin\/devices\/([^/]{1,100})\/unlock$/,
    paramNames: ['deviceId'],
    auth: 'admin',
    handle: async (ctx, request) =>
      ok(await unlockDevice(ctx.db, request.params.deviceId ?? '', adminActionOf(request))),
  },
]

/**
 * Server-Sent Events: `change` events, a heartbeat comment, cleanup on disconnect. Exported for
 * tests.
 */
export function openStream(ctx: RouteContext, request: RouteRequest, caller: Caller): void {
  const { req, res } = request
  // The client left while its caller was being loaded: 'close' has fired already and would never
  // fire again, so a subscriber registered now would stay forever.
  if (req.destroyed || res.destroyed) {
    if (!res.destroyed) res.destroy()
    return
  }
  req.socket.setTimeout(0)
  req.socket.setNoDelay(true)
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
    'X-Content-Type-Options': 'nosniff',
  })
  res.write('retry: 3000\n: connected\n\n')
  const unsubscribe = ctx.feed.subscribe({
    jurisdiction: jurisdictionOf(participantCallerOf(caller)),
    deviceId: caller.deviceId,
    send: (event) => {
      if (!res.destroyed && !res.writableEnded) {
        res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`)
      }
    },
    close: () => close(),
  })
  const heartbeat = setInterval(() => {
    void ctx.isStillAuthorised(caller, request.tokenExpiresAtMs).then(
      (isAuthorised) => {
        if (!isAuthorised) close()
        else if (!res.destroyed && !res.writableEnded) res.write(': heartbeat\n\n')
      },
      () => undefined,
    )
  }, ctx.heartbeatMs)
  let isClosed = false
  const close = () => {
    if (isClosed) return
    isClosed = true
    clearInterval(heartbeat)
    unsubscribe()
    if (!res.writableEnded) res.end()
  }
  req.on('close', close)
  res.on('close', close)
  res.on('error', close)
}
