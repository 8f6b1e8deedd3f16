/** Account lifecycle (admin): deactivate, reactivate, reset a password, unlock. */
import type { AdminUserInfo } from '../shared/sync/admin-api'
import type { DeviceInfo } from '../shared/sync/sync-protocol'
import type { Database, Queryable } from './database'
import { ApiFailure } from './http-kit'
import { logSecurityEvent } from './security-log'
import { currentTime } from '../shared/dates/clock'
import {
  type AccountSettings,
  DEVICE_COLUMNS,
  type DeviceRow,
  USER_COLUMNS,
  type UserRow,
  deviceInfoOf,
  toIsoOrNull,
  userInfoOf,
} from './account-records'
import type { Caller } from './sessions'
import { accountLockKey, clearLoginFailures, deviceLockKey } from './login-lockout'
import { checkNewPassword, endSessionsOf, storePassword } from './users'

interface AdminUserRow extends UserRow {
  failures: number | null
  locked_until: unknown
}

function adminUserInfoOf(row: AdminUserRow, now: Date): AdminUserInfo {
  const lockedUntil = toIsoOrNull(row.locked_until)
  return {
    ...userInfoOf(row),
    deactivatedAt: toIsoOrNull(row.deactivated_at),
    failedLogins: Number(row.failures ?? 0),
    lockedUntil:
      lockedUntil !== null && Date.parse(lockedUntil) > now.getTime() ? lockedUntil : null,
  }
}

const ADMIN_USER_SELECT = `SELECT ${USER_COLUMNS.split(',')
  .map((column) => `u.${column.trim()}`)
  .join(', ')}, lf.failures, lf.locked_until
  FROM users u LEFT JOIN login_failures lf ON lf.key = 'user:' || u.username`

/** The admin screen's list: each user with their deactivation and login lock. */
export async function listUsersForAdmin(
  db: Queryable,
  officeId?: string,
): Promise<AdminUserInfo[]> {
  const { rows } = officeId
    ? await db.query<AdminUserRow>(
        `${ADMIN_USER_SELECT} WHERE u.office_id = $1 ORDER BY u.username`,
        [officeId],
      )
    : await db.query<AdminUserRow>(`${ADMIN_USER_SELECT} ORDER BY u.username`)
  const now = currentTime()
  return rows.map((row) => adminUserInfoOf(row, now))
}

async function adminUser(db: Queryable, userId: string): Promise<AdminUserInfo> {
  const { rows } = await db.query<AdminUserRow>(`${ADMIN_USER_SELECT} WHERE u.id = $1`, [userId])
  const row = rows[0]
  if (!row) throw new ApiFailure(404, 'USER_NOT_FOUND', 'Pengguna tidak ditemukan.')
  return adminUserInfoOf(row, currentTime())
}

export interface AdminAction {
  caller: Caller
  ip: string | null
}

/** The security log line of an admin's action on an account or a PC: who did it, from where. */
function logAdminAction(
  db: Queryable,
  kind: Parameters<typeof logSecurityEvent>[1]['kind'],
  action: AdminAction,
  detail: Record<string, string>,
): Promise<void> {
  return logSecurityEvent(db, {
    kind,
    userId: action.caller.userId,
    deviceId: action.caller.deviceId,
    officeId: action.caller.office.id,
    ip: action.ip,
    detail,
  })
}

/**
 * Deactivates a user: every session ends at once (refresh and access tokens), logins are refused,
 * and the next `GET /api/office-users` of each PC of the office lists them as withdrawn, so the PC
 * refuses them offline too. Their records and audit entries stay theirs. An admin cannot
 * deactivate themselves (nobody might be left to undo it).
 */
export async function deactivateUser(
  db: Database,
  userId: string,
  action: AdminAction,
): Promise<AdminUserInfo> {
  if (userId === action.caller.userId) {
    throw new ApiFailure(
      400,
      'CANNOT_DEACTIVATE_SELF',
      'Anda tidak dapat menonaktifkan akun Anda sendiri. Minta admin lain melakukannya.',
    )
  }
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `UPDATE users SET active = false, deactivated_at = COALESCE(deactivated_at, now())
       WHERE id = $1 RETURNING id`,
      [userId],
    )
    if (!rows[0]) throw new ApiFailure(404, 'USER_NOT_FOUND', 'Pengguna tidak ditemukan.')
    await endSessionsOf(tx, userId)
  })
  const user = await adminUser(db, userId)
  await logAdminAction(db, 'user_deactivated', action, {
    targetUserId: user.id,
    targetUsername: user.username,
  })
  return user
}

export async function reactivateUser(
  db: Database,
  userId: string,
  action: AdminAction,
): Promise<AdminUserInfo> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE users SET active = true, deactivated_at = NULL WHERE id = $1 RETURNING id',
    [userId],
  )
  if (!rows[0]) throw new ApiFailure(404, 'USER_NOT_FOUND', 'Pengguna tidak ditemukan.')
  const user = await adminUser(db, userId)
  await logAdminAction(db, 'user_reactivated', action, {
    targetUserId: user.id,
    targetUsername: user.username,
  })
  return user
}

/**
 * An admin sets a new password (the user forgot theirs, or it leaked): every session of the user
 * ends, the login lock is cleared, and the PCs get the new offline verifier at their next sync.
 */
export async function resetPassword(
  db: Database,
  userId: string,
  newPassword: unknown,
  settings: Pick<AccountSettings, 'loginHashParams'>,
  action: AdminAction,
): Promise<AdminUserInfo> {
  const target = await adminUser(db, userId)
  const password = checkNewPassword(newPassword, target.username)
  await db.transaction(async (tx) => {
    await storePassword(tx, userId, password, settings)
    await endSessionsOf(tx, userId)
    await clearLoginFailures(tx, [accountLockKey(target.username)])
  })
  await logAdminAction(db, 'password_reset', action, {
    targetUserId: target.id,
    targetUsername: target.username,
  })
  return adminUser(db, userId)
}

/** Clears an account's login lock (admin). */
export async function unlockUser(
  db: Queryable,
  userId: string,
  action: AdminAction,
): Promise<AdminUserInfo> {
  const target = await adminUser(db, userId)
  await clearLoginFailures(db, [accountLockKey(target.username)])
  await logAdminAction(db, 'login_unlocked', action, {
    targetUserId: target.id,
    targetUsername: target.username,
  })
  return adminUser(db, userId)
}

/** Clears a PC's login lock (admin). */
export async function unlockDevice(
  db: Queryable,
  deviceId: string,
  action: AdminAction,
): Promise<DeviceInfo> {
  const { rows } = await db.query<DeviceRow>(
    `SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`,
    [deviceId],
  )
  const row = rows[0]
  if (!row) throw new ApiFailure(404, 'DEVICE_NOT_FOUND', 'Perangkat tidak ditemukan.')
  await clearLoginFailures(db, [deviceLockKey(deviceId)])
  await logAdminAction(db, 'login_unlocked', action, { targetDeviceId: deviceId })
  return deviceInfoOf(row)
}
