/**
 * Integration keys (docs/integration.md): created by an admin, shown once, stored only as the
 * SHA-256 of a random 32-byte token (like enrolment codes, server/devices.ts: a stolen database
 * gives no usable key), revoked for good, never deleted — the row is the key's own audit trail
 * (who created it when, when it was revoked and by whom, when it was last used).
 */
import { randomUUID } from 'node:crypto'
import { currentTime } from '../shared/dates/clock'
import type { IntegrationKeyInfo } from '../shared/integration/integration-api'
import type { IntegrationScopes } from '../shared/integration/integration-scopes'
import { randomToken, sha256 } from './crypto'
import type { Queryable } from './database'
import { ApiFailure } from './http-kit'

/** A prefix tells a leaked token for what it is (secret scanners, an admin reading a config). */
const TOKEN_PREFIX = 'ngi_'

interface IntegrationKeyRow {
  id: string
  name: string
  scopes: IntegrationScopes
  created_by: string
  created_at: Date | string
  revoked_at: Date | string | null
  last_used_at: Date | string | null
}

const COLUMNS = 'id, name, scopes, created_by, created_at, revoked_at, last_used_at'

const isoOf = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString()

function infoOf(row: IntegrationKeyRow): IntegrationKeyInfo {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdBy: row.created_by,
    createdAt: isoOf(row.created_at) ?? '',
    revokedAt: isoOf(row.revoked_at),
    lastUsedAt: isoOf(row.last_used_at),
  }
}

export async function createIntegrationKey(
  db: Queryable,
  request: { name: string; scopes: IntegrationScopes; createdBy: string },
): Promise<{ key: IntegrationKeyInfo; token: string }> {
  const token = `${TOKEN_PREFIX}${randomToken(32)}`
  const { rows } = await db.query<IntegrationKeyRow>(
    `INSERT INTO integration_keys (id, name, key_hash, scopes, created_by, created_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6::timestamptz) RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      request.name,
      sha256(token),
      JSON.stringify(request.scopes),
      request.createdBy,
      currentTime().toISOString(),
    ],
  )
  const row = rows[0]
  if (!row) throw new Error('integration key not stored')
  return { key: infoOf(row), token }
}

export async function listIntegrationKeys(db: Queryable): Promise<IntegrationKeyInfo[]> {
  const { rows } = await db.query<IntegrationKeyRow>(
    `SELECT ${COLUMNS} FROM integration_keys ORDER BY created_at, id`,
  )
  return rows.map(infoOf)
}

/** Revokes a key; revoking it again keeps the first revocation's time and admin. */
export async function revokeIntegrationKey(
  db: Queryable,
  keyId: string,
  revokedBy: string,
): Promise<IntegrationKeyInfo> {
  const { rows } = await db.query<IntegrationKeyRow>(
    `UPDATE integration_keys
        SET revoked_at = COALESCE(revoked_at, $2::timestamptz),
            revoked_by = COALESCE(revoked_by, $3)
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [keyId, currentTime().toISOString(), revokedBy],
  )
  const row = rows[0]
  if (!row) {
    throw new ApiFailure(404, 'INTEGRATION_KEY_UNKNOWN', 'Kunci integrasi ini tidak ditemukan.')
  }
  return infoOf(row)
}

export const integrationKeyRefused = () =>
  new ApiFailure(
    401,
    'INTEGRATION_KEY_INVALID',
    'Kunci integrasi tidak dikenal atau sudah dicabut. Minta kunci baru kepada admin dinas.',
  )

/**
 * The live key a bearer token names, or null (unknown, malformed, revoked). Checked on every
 * request, so a revocation takes effect on the next one.
 */
export async function findLiveKey(
  db: Queryable,
  token: string,
): Promise<IntegrationKeyInfo | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null
  // A read only: a guessed key costs no write (the caller takes the rate limit next).
  const { rows } = await db.query<IntegrationKeyRow>(
    `SELECT ${COLUMNS} FROM integration_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
    [sha256(token)],
  )
  return rows[0] ? infoOf(rows[0]) : null
}

/** How stale `last_used_at` may get: written at most once a minute per key. */
const LAST_USED_RESOLUTION_MS = 60_000

/** Marks a key used now, unless it was marked less than a minute ago. */
export async function markKeyUsed(db: Queryable, key: IntegrationKeyInfo): Promise<void> {
  const nowMs = currentTime().getTime()
  const last = key.lastUsedAt ? Date.parse(key.lastUsedAt) : Number.NaN
  if (Number.isFinite(last) && nowMs - last < LAST_USED_RESOLUTION_MS) return
  await db.query(
    `UPDATE integration_keys SET last_used_at = $2::timestamptz WHERE id = $1 AND revoked_at IS NULL`,
    [key.id, new Date(nowMs).toISOString()],
  )
}

/**
 * One row per feed page that carried NIK, KK or phone: which key, when, from where, how many
 * records — never the values, nor which people (the key's scope and the checkpoint say that).
 */
export async function recordPersonalRead(
  db: Queryable,
  read: { keyId: string; records: number; ip: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO integration_personal_reads (key_id, at, records, ip)
     VALUES ($1, $2::timestamptz, $3, $4)`,
    [read.keyId, currentTime().toISOString(), read.records, read.ip],
  )
}
