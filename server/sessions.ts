/** Sessions: login, refresh, the caller behind an access token, logout. */
import { randomUUID } from 'node:crypto'
import type { OfficeInfo, Role, SessionResponse } from '../shared/sync/sync-protocol'
import { randomToken, sha256, signAccessToken } from './crypto'
import type { Database, Queryable } from './database'
import { ApiFailure, failures } from './http-kit'
import { loginHashOf, verifyLoginHash } from './passwords'
import { logSecurityEvent } from './security-log'
import { currentTimeMs } from '../shared/dates/clock'
import {
  type AccountSettings,
  type DeviceRow,
  type OfficeRow,
  USER_COLUMNS,
  type UserRow,
  officeInfoOf,
  userInfoOf,
} from './account-records'
import {
  accountLockKey,
  clearLoginFailures,
  deviceLockKey,
  recordLoginFailure,
  refuseIfLocked,
} from './login-lockout'
import { getOffice } from './offices'

const CREDENTIALS_REFUSED = () =>
  new ApiFailure(401, 'INVALID_CREDENTIALS', 'Nama pengguna atau kata sandi salah.')

// Checked against when the username is unknown, so both paths cost one argon2 verification.
let dummyHash: Promise<string> | null = null

async function issueSession(
  db: Queryable,
  user: UserRow,
  office: OfficeInfo,
  deviceId: string,
  familyId: string,
  settings: AccountSettings,
): Promise<SessionResponse> {
  const expiresAtSeconds = Math.floor(currentTimeMs() / 1000) + settings.accessTokenTtlSeconds
  // `fam` ties the access token to its refresh family: ending the family (logout, deactivation,
  // password reset, reuse) ends the access token too, not 15 minutes later.
  const accessToken = signAccessToken(
    {
      sub: user.id,
      dev: deviceId,
      off: office.id,
      role: user.role,
      exp: expiresAtSeconds,
      fam: familyId,
    },
    settings.tokenKey,
  )
  const refreshToken = randomToken(32)
  await db.query(
    `INSERT INTO refresh_tokens (token_hash, family_id, user_id, device_id, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [sha256(refreshToken), familyId, user.id, deviceId, settings.refreshTokenTtlSeconds],
  )
  return {
    accessToken,
    accessTokenExpiresAt: new Date(expiresAtSeconds * 1000).toISOString(),
    refreshToken,
    user: userInfoOf(user),
    office,
  }
}

/**
 * Login needs an enrolled, non-revoked device of the user's own office (checked by the caller
 * with `checkDevice`, so the rate limit can be the device's own); admins of the central office may
 * log in from any enrolled device (to help an office on site). A locked account or PC is refused
 * before the password is looked at; a wrong password counts towards the lock.
 */
export async function login(
  db: Database,
  device: DeviceRow,
  request: { username: string; password: string },
  settings: AccountSettings,
  log: { ip: string | null } = { ip: null },
): Promise<SessionResponse> {
  const username = request.username.trim().toLowerCase()
  await refuseIfLocked(db, [accountLockKey(username), deviceLockKey(device.id)], {
    ip: log.ip,
    username,
    deviceId: device.id,
  })
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE username = $1`,
    [username],
  )
  const user = rows[0]
  let isRight: boolean
  if (!user) {
    dummyHash ??= loginHashOf('not-a-real-password', settings.loginHashParams)
    await verifyLoginHash(await dummyHash, request.password)
    isRight = false
  } else {
    isRight = await verifyLoginHash(user.password_hash, request.password)
  }
  if (!isRight) {
    // Unknown names count too: a lock must not tell which accounts exist.
    await recordLoginFailure(db, username, device.id, { ip: log.ip, userId: user?.id ?? null })
    await logSecurityEvent(db, {
      kind: 'login_failed',
      userId: user?.id ?? null,
      username,
      deviceId: device.id,
      officeId: device.office_id,
      ip: log.ip,
      detail: { reason: user ? 'WRONG_PASSWORD' : 'UNKNOWN_USER' },
    })
    throw CREDENTIALS_REFUSED()
  }
  const found = user as UserRow
  await clearLoginFailures(db, [accountLockKey(username), deviceLockKey(device.id)])
  if (!found.active) throw failures.userInactive()
  const office = await getOffice(db, found.office_id)
  if (!office) throw new Error('User without office')
  const isCentralAdmin = found.role === 'admin' && office.kind === 'central'
  if (device.office_id !== found.office_id && !isCentralAdmin) {
    throw new ApiFailure(
      403,
      'WRONG_OFFICE',
      'Pengguna ini bukan dari kantor tempat perangkat ini terdaftar.',
    )
  }
  return issueSession(db, found, office, device.id, randomUUID(), settings)
}

const REFRESH_REFUSED = () =>
  new ApiFailure(401, 'REFRESH_TOKEN_INVALID', 'Sesi sudah berakhir. Silakan masuk kembali.')

/**
 * Rotates a refresh token. A token used twice means it leaked (or a response was lost): the whole
 * family is revoked and the user logs in again, which is the safe side of the trade.
 */
export async function refreshSession(
  db: Database,
  device: DeviceRow,
  request: { refreshToken: string },
  settings: AccountSettings,
  log: { ip: string | null } = { ip: null },
): Promise<SessionResponse> {
  const deviceId = device.id
  const outcome = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      family_id: string
      user_id: string
      device_id: string
      used_at: unknown
      revoked_at: unknown
      is_expired: boolean
    }>(
      `SELECT family_id, user_id, device_id, used_at, revoked_at, expires_at <= now() AS is_expired
       FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [sha256(request.refreshToken)],
    )
    const token = rows[0]
    if (!token || token.device_id !== deviceId) return { ok: false as const, reason: 'UNKNOWN' }
    if (token.used_at !== null) {
      await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1', [
        token.family_id,
      ])
      return { ok: false as const, reason: 'REUSED', userId: token.user_id }
    }
    // A deactivated user is told so, not sent to a login that would refuse them anyway.
    const owner = await tx.query<{ active: boolean }>('SELECT active FROM users WHERE id = $1', [
      token.user_id,
    ])
    if (owner.rows[0] && !owner.rows[0].active) throw failures.userInactive()
    if (token.revoked_at !== null || token.is_expired) {
      return { ok: false as const, reason: token.revoked_at !== null ? 'ENDED' : 'EXPIRED' }
    }
    await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [
      sha256(request.refreshToken),
    ])
    const users = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [
      token.user_id,
    ])
    const user = users.rows[0]
    if (!user) return { ok: false as const, reason: 'UNKNOWN' }
    if (!user.active) throw failures.userInactive()
    const office = await getOffice(tx, user.office_id)
    if (!office) return { ok: false as const, reason: 'UNKNOWN' }
    return {
      ok: true as const,
      session: await issueSession(tx, user, office, deviceId, token.family_id, settings),
    }
  })
  if (!outcome.ok) {
    // A used token presented again means it leaked (or an answer was lost): worth an admin's look.
    if (outcome.reason === 'REUSED' || outcome.reason === 'UNKNOWN') {
      await logSecurityEvent(db, {
        kind: 'refresh_refused',
        userId: outcome.reason === 'REUSED' ? outcome.userId : null,
        deviceId,
        officeId: device.office_id,
        ip: log.ip,
        detail: { reason: outcome.reason },
      })
    }
    throw REFRESH_REFUSED()
  }
  return outcome.session
}

export interface Caller {
  userId: string
  deviceId: string
  role: Role
  office: OfficeInfo
  /** The device's own office (differs from `office` for a central admin on an office PC). */
  deviceOfficeId: string
  /** That office itself: a kecamatan device limits participant sync to its kecamatan. */
  deviceOffice: OfficeInfo
  /** The session (refresh family) the access token belongs to: logout ends it. */
  familyId?: string
}

export const SESSION_ENDED = () =>
  new ApiFailure(401, 'SESSION_ENDED', 'Sesi ini sudah diakhiri. Silakan masuk kembali.')

/**
 * The live checks behind every authenticated call, after the token's signature and expiry:
 * the device is not revoked and the user is still active. One indexed query.
 */
export async function loadCaller(
  db: Queryable,
  claims: { sub: string; dev: string; off: string; fam?: unknown },
): Promise<Caller> {
  // Tokens from before sessions were named carry no family: the app refreshes (≤ 15 minutes old).
  if (typeof claims.fam !== 'string' || claims.fam === '') throw failures.tokenExpired()
  const { rows } = await db.query<
    OfficeRow & {
      user_id: string
      role: Role
      active: boolean
      device_office_id: string
      revoked_at: unknown
      device_office: OfficeRow
      family_ended: boolean
    }
  >(
    `SELECT u.id AS user_id, u.role, u.active, d.office_id AS device_office_id, d.revoked_at,
            o.id, o.code, o.name, o.kind, o.kecamatan_code, o.office_number, o.agency_code,
            json_build_object('id', dof.id, 'code', dof.code, 'name', dof.name, 'kind', dof.kind,
              'kecamatan_code', dof.kecamatan_code, 'office_number', dof.office_number,
              'agency_code', dof.agency_code
            ) AS device_office,
            EXISTS (SELECT 1 FROM refresh_tokens rt
                    WHERE rt.family_id = $3 AND rt.revoked_at IS NOT NULL) AS family_ended
     FROM users u
     JOIN offices o ON o.id = u.office_id
     JOIN devices d ON d.id = $2
     JOIN offices dof ON dof.id = d.office_id
     WHERE u.id = $1`,
    [claims.sub, claims.dev, claims.fam],
  )
  const row = rows[0]
  if (!row || row.id !== claims.off) throw failures.tokenInvalid()
  if (row.revoked_at !== null) throw failures.deviceRevoked()
  if (!row.active) throw failures.userInactive()
  if (row.family_ended) throw SESSION_ENDED()
  // Seen-at is for the admin screen only: one write a minute per device is plenty.
  await db.query(
    `UPDATE devices SET last_seen_at = now()
     WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
    [claims.dev],
  )
  return {
    userId: row.user_id,
    deviceId: claims.dev,
    role: row.role,
    office: officeInfoOf(row),
    deviceOfficeId: row.device_office_id,
    deviceOffice: officeInfoOf(row.device_office),
    familyId: claims.fam,
  }
}

/** "Keluar": the session's refresh family ends, and with it the access token that asked. */
export async function logout(
  db: Queryable,
  caller: Caller,
  log: { ip: string | null },
): Promise<{ ended: true }> {
  if (caller.familyId) {
    await db.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [caller.familyId],
    )
  }
  await logSecurityEvent(db, {
    kind: 'session_ended',
    userId: caller.userId,
    deviceId: caller.deviceId,
    officeId: caller.office.id,
    ip: log.ip,
  })
  return { ended: true }
}
