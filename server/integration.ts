/**
 * The integration API for other district systems (docs/integration.md): the admin's routes that
 * create, list and revoke keys, and the participants changes feed a key reads. Registered in
 * server.ts beside the routes of routes.ts.
 */
import type {
  CreateIntegrationKeyResponse,
  IntegrationKeyInfo,
  IntegrationKeysResponse,
  IntegrationParticipantsResponse,
} from '../shared/integration/integration-api'
import { MAX_INTEGRATION_PAGE } from '../shared/integration/integration-api'
import {
  fieldsOfScopes,
  mayReadKecamatan,
  parseIntegrationScopes,
  PERSONAL_FIELDS,
  projectParticipant,
  scopeProblemMessage,
} from '../shared/integration/integration-scopes'
import { integrationOpenApiDocument } from '../shared/integration/integration-openapi'
import { SYNC_API_VERSION } from '../shared/sync/sync-protocol'
import { failures, isRecord, requireString } from './http-kit'
import { logSecurityEvent } from './security-log'
import {
  createIntegrationKey,
  findLiveKey,
  markKeyUsed,
  integrationKeyRefused,
  listIntegrationKeys,
  recordPersonalRead,
  revokeIntegrationKey,
} from './integration-keys'
import { parseCheckpoint, pullParticipants, type ParticipantCaller } from './participants'
import type { Route, RouteContext, RouteRequest } from './routes'

function adminOf(request: RouteRequest) {
  if (!request.caller) throw failures.tokenMissing()
  return request.caller
}

/**
 * The key a request's bearer token names, with its rate limit taken: a live key spends its own
 * bucket, anything else the anonymous callers' shared one (so guessing keys is as slow as
 * guessing enrolment codes). Looked up on every request: a revocation holds from the next one.
 */
async function liveKeyOf(ctx: RouteContext, request: RouteRequest): Promise<IntegrationKeyInfo> {
  const authorization = request.req.headers.authorization
  const token =
    typeof authorization === 'string' && /^Bearer [^\s]{1,200}$/.test(authorization)
      ? authorization.slice(7)
      : null
  const key = token === null ? null : await findLiveKey(ctx.db, token)
  if (!key) {
    request.takeBudget(null)
    throw integrationKeyRefused()
  }
  request.takeBudget(`integration-key:${key.id}`)
  // Only a request within the key's budget is marked as a use (a write, at most once a minute).
  await markKeyUsed(ctx.db, key)
  return key
}

/**
 * The pull's caller for a key: its one kecamatan, or the whole district when it reads several or
 * all (those are then filtered page by page). The pull decides only the jurisdiction from it.
 */
function pullCallerOf(key: IntegrationKeyInfo): ParticipantCaller {
  const { kecamatan } = key.scopes
  const only = kecamatan !== 'all' && kecamatan.length === 1 ? kecamatan[0] : undefined
  return {
    userId: `integration:${key.id}`,
    deviceId: `integration:${key.id}`,
    role: 'verifier',
    office:
      only !== undefined
        ? { kind: 'kecamatan', kecamatanCode: only, code: '' }
        : { kind: 'central', kecamatanCode: null, code: '' },
    agency: null,
  }
}

function pageLimitOf(url: URL): number {
  const text = url.searchParams.get('limit') ?? '100'
  const limit = /^\d{1,6}$/.test(text) ? Number(text) : NaN
  if (!Number.isInteger(limit) || limit < 1) {
    throw failures.invalidRequest(`Batas (limit) harus angka 1–${MAX_INTEGRATION_PAGE}.`)
  }
  return Math.min(limit, MAX_INTEGRATION_PAGE)
}

export const INTEGRATION_ROUTES: Route[] = [
  {
    // Without a key: every field group, for a developer to read. With one: what that key gets.
    method: 'GET',
    pattern: /^\/api\/integration\/v1\/openapi\.json$/,
    auth: 'none',
    rateLimit: 'device-credential',
    handle: async (ctx, request) => {
      if (request.req.headers.authorization === undefined) {
        request.takeBudget(null)
        return { body: integrationOpenApiDocument(null, { apiVersion: String(SYNC_API_VERSION) }) }
      }
      const key = await liveKeyOf(ctx, request)
      return {
        body: integrationOpenApiDocument(key.scopes, { apiVersion: String(SYNC_API_VERSION) }),
      }
    },
  },
  {
    // The changes feed: the app's own pull (its (txid, id) order and horizon, so a page never
    // skips a row that commits later), then the key's kecamatan and field groups.
    method: 'GET',
    pattern: /^\/api\/integration\/v1\/participants$/,
    auth: 'none',
    rateLimit: 'device-credential',
    handle: async (ctx, request) => {
      const key = await liveKeyOf(ctx, request)
      const checkpoint = parseCheckpoint(request.url.searchParams.get('checkpoint'))
      if (checkpoint === 'invalid') {
        throw failures.invalidRequest('Titik sinkronisasi (checkpoint) tidak sah.')
      }
      const page = await pullParticipants(
        ctx.db,
        pullCallerOf(key),
        checkpoint,
        pageLimitOf(request.url),
        ctx.participants,
      )
      const fields = fieldsOfScopes(key.scopes)
      let personalRecords = 0
      const participants: IntegrationParticipantsResponse['participants'] = []
      for (const document of page.documents) {
        if (!mayReadKecamatan(key.scopes, document.kecamatanCode)) continue
        if (document._deleted) {
          participants.push({ id: document.id, deleted: true })
          continue
        }
        const projected = projectParticipant(
          document as unknown as Record<string, unknown>,
          fields,
          key.scopes.fields.includes('personal'),
        )
        if (PERSONAL_FIELDS.some((field) => projected[field] !== undefined)) personalRecords++
        participants.push({ ...projected, id: document.id })
      }
      // Recorded before the answer leaves: a read of NIKs that could not be recorded is not sent.
      if (personalRecords > 0) {
        await recordPersonalRead(ctx.db, {
          keyId: key.id,
          records: personalRecords,
          ip: request.clientIp,
        })
      }
      return {
        body: {
          participants,
          checkpoint: page.checkpoint ? JSON.stringify(page.checkpoint) : null,
          hasMore: page.remaining > 0,
        } satisfies IntegrationParticipantsResponse,
      }
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/admin\/integration-keys$/,
    auth: 'admin',
    handle: async (ctx, request) => {
      const admin = adminOf(request)
      const { body } = request
      const name = requireString(body, 'name', { max: 100 }).trim()
      if (name === '') throw failures.invalidRequest('Nama kunci (name) wajib diisi.')
      const parsed = parseIntegrationScopes(
        {
          fields: isRecord(body) ? body.fields : undefined,
          kecamatan: isRecord(body) ? body.kecamatan : undefined,
          access: isRecord(body) ? body.access : undefined,
        },
        (code) => ctx.district.regions.kecamatanByCode(code) !== undefined,
      )
      if (!parsed.ok) throw failures.invalidRequest(scopeProblemMessage(parsed))
      const created = await createIntegrationKey(ctx.db, {
        name,
        scopes: parsed.scopes,
        createdBy: admin.userId,
      })
      // Who opened a door to the participants, and how wide (never the token).
      await logSecurityEvent(ctx.db, {
        kind: 'integration_key_created',
        userId: admin.userId,
        deviceId: admin.deviceId,
        officeId: admin.office.id,
        ip: request.clientIp,
        detail: {
          keyId: created.key.id,
          personal: parsed.scopes.fields.includes('personal'),
          kecamatan: parsed.scopes.kecamatan === 'all' ? 'all' : parsed.scopes.kecamatan.length,
        },
      })
      return { body: created satisfies CreateIntegrationKeyResponse }
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/admin\/integration-keys$/,
    auth: 'admin',
    handle: async (ctx) => ({
      body: { keys: await listIntegrationKeys(ctx.db) } satisfies IntegrationKeysResponse,
    }),
  },
  {
    method: 'POST',
    pattern: /^\/api\/admin\/integration-keys\/([^/]{1,100})\/revoke$/,
    paramNames: ['keyId'],
    auth: 'admin',
    handle: async (ctx, request) => {
      const admin = adminOf(request)
      const key = await revokeIntegrationKey(ctx.db, request.params.keyId ?? '', admin.userId)
      await logSecurityEvent(ctx.db, {
        kind: 'integration_key_revoked',
        userId: admin.userId,
        deviceId: admin.deviceId,
        officeId: admin.office.id,
        ip: request.clientIp,
        detail: { keyId: key.id },
      })
      return { body: key satisfies IntegrationKeyInfo }
    },
  },
]
