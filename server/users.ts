/** Users of an office: creating them, listing them for the PCs (offline sign-in), and passwords. */
import { randomUUID } from 'node:crypto'
import {
  type ChangePasswordResponse,
  type CreateUserRequest,
  type OfflineUserRecord,
  type UserInfo,
  ROLES,
} from '../shared/sync/sync-protocol'
import { hasControlOrLoneSurrogate } from '../shared/participant/participant-validation'
import type { Database, Queryable } from './database'
import { ApiFailure, failures } from './http-kit'
import { loginHashOf, offlineVerifierOf, passwordPolicyProblem, verifyLoginHash } from './passwords'
import { logSecurityEvent } from './security-log'
import {
  type AccountSettings,
  USERNAME_PATTERN,
  USER_COLUMNS,
  type UserRow,
  isUniqueViolation,
  userInfoOf,
} from './account-records'
import type { Caller } from './sessions'
import {
  accountLockKey,
  clearLoginFailures,
  deviceLockKey,
  recordLoginFailure,
  refuseIfLocked,
} from './login-lockout'
import { getOffice } from './offices'

/** A new password, or a 400 `PASSWORD_REFUSED` saying in Indonesian what to change. */
export function checkNewPassword(password: unknown, username: string): string {
  const problem = passwordPolicyProblem(password, username)
  if (problem !== null || typeof password !== 'string') {
    throw new ApiFailure(400, 'PASSWORD_REFUSED', problem ?? 'Kata sandi wajib diisi.')
  }
  return password
}

export async function createUser(
  db: Queryable,
  request: CreateUserRequest,
  settings: Pick<AccountSettings, 'loginHashParams'>,
): Promise<UserInfo> {
  const username = typeof request.username === 'string' ? request.username.trim().toLowerCase() : ''
  if (!USERNAME_PATTERN.test(username)) {
    throw failures.invalidRequest(
      'Nama pengguna wajib 3–40 huruf kecil, angka, titik, garis bawah atau tanda hubung.',
    )
  }
  const displayName = typeof request.displayName === 'string' ? request.displayName.trim() : ''
  if (displayName.length < 2 || displayName.length > 100) {
    throw failures.invalidRequest('Nama tampilan wajib 2–100 karakter.')
  }
  // PostgreSQL refuses `\u0000` in text, and the name becomes createdBy/updatedBy in documents.
  if (hasControlOrLoneSurrogate(displayName)) {
    throw failures.invalidRequest(
      'Nama tampilan tidak boleh berisi karakter kendali atau karakter yang tidak sah.',
    )
  }
  if (!ROLES.includes(request.role)) {
    throw failures.invalidRequest('Peran harus operator, verifier, supervisor atau admin.')
  }
  const password = checkNewPassword(request.password, username)
  const office = typeof request.officeId === 'string' ? await getOffice(db, request.officeId) : null
  if (!office) throw new ApiFailure(404, 'OFFICE_NOT_FOUND', 'Kantor tidak ditemukan.')
  if (request.role === 'admin' && office.kind !== 'central') {
    throw failures.invalidRequest(
      'Peran admin hanya untuk pengguna kantor pusat (dinas tenaga kerja).',
    )
  }
  // A verifier checks for exactly one agency: the one their office is.
  if ((request.role === 'verifier') !== (office.kind === 'agency' && office.agencyCode !== null)) {
    throw failures.invalidRequest(
      request.role === 'verifier'
        ? 'Peran verifier hanya untuk pengguna kantor dinas yang sudah ditetapkan instansinya.'
        : 'Pengguna kantor dinas berperan verifier.',
    )
  }
  const [passwordHash, verifier] = await Promise.all([
    loginHashOf(password, settings.loginHashParams),
    offlineVerifierOf(password),
  ])
  try {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (id, office_id, username, display_name, role, password_hash,
         verifier_salt, verifier_hash, verifier_memory_kib, verifier_iterations, verifier_parallelism)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${USER_COLUMNS}`,
      [
        randomUUID(),
        office.id,
        username,
        displayName,
        request.role,
        passwordHash,
        verifier.salt,
        verifier.hash,
        verifier.memoryKiB,
        verifier.iterations,
        verifier.parallelism,
      ],
    )
    return userInfoOf(rows[0] as UserRow)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiFailure(409, 'USERNAME_TAKEN', 'Nama pengguna itu sudah dipakai.')
    }
    throw error
  }
}

export async function listUsers(db: Queryable, officeId?: string): Promise<UserInfo[]> {
  const { rows } = officeId
    ? await db.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE office_id = $1 ORDER BY username`,
        [officeId],
      )
    : await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)
  return rows.map(userInfoOf)
}

/**
 * What a PC keeps to check passwords with no network (never the login hash): the active users of
 * the PC's own office — nobody else may sign in there, and a central admin's verifier stays on
 * central PCs. `withdrawn` names the office's deactivated users, so the PC drops theirs.
 */
export async function offlineUsersOf(
  db: Queryable,
  officeId: string,
): Promise<{ users: OfflineUserRecord[]; withdrawn: UserInfo[] }> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE office_id = $1 ORDER BY username`,
    [officeId],
  )
  return {
    users: rows.filter((row) => row.active).map(offlineRecordOf),
    withdrawn: rows.filter((row) => !row.active).map(userInfoOf),
  }
}

function offlineRecordOf(row: UserRow): OfflineUserRecord {
  return {
    user: userInfoOf(row),
    verifier: {
      algorithm: 'argon2id',
      salt: Buffer.from(row.verifier_salt).toString('base64'),
      memoryKiB: Number(row.verifier_memory_kib),
      iterations: Number(row.verifier_iterations),
      parallelism: Number(row.verifier_parallelism),
      hash: Buffer.from(row.verifier_hash).toString('base64'),
    },
  }
}

/** Ends every session of a user: refresh tokens die, and with them the access tokens (`fam`). */
export async function endSessionsOf(
  db: Queryable,
  userId: string,
  exceptFamilyId?: string,
): Promise<void> {
  await db.query(
    `UPDATE refresh_tokens SET revoked_at = now()
     WHERE user_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR family_id <> $2::text)`,
    [userId, exceptFamilyId ?? null],
  )
}

export async function storePassword(
  db: Queryable,
  userId: string,
  password: string,
  settings: Pick<AccountSettings, 'loginHashParams'>,
): Promise<void> {
  const [passwordHash, verifier] = await Promise.all([
    loginHashOf(password, settings.loginHashParams),
    offlineVerifierOf(password),
  ])
  await db.query(
    `UPDATE users SET password_hash = $2, verifier_salt = $3, verifier_hash = $4,
       verifier_memory_kib = $5, verifier_iterations = $6, verifier_parallelism = $7,
       password_changed_at = now()
     WHERE id = $1`,
    [
      userId,
      passwordHash,
      verifier.salt,
      verifier.hash,
      verifier.memoryKiB,
      verifier.iterations,
      verifier.parallelism,
    ],
  )
}

/**
 * The signed-in user changes their own password, giving the current one (a PC left signed in
 * must not be enough). A wrong current password counts towards the login lock. The user's other
 * sessions end; this one goes on.
 */
export async function changeOwnPassword(
  db: Database,
  caller: Caller,
  request: { currentPassword: string; newPassword: unknown },
  settings: Pick<AccountSettings, 'loginHashParams'>,
  log: { ip: string | null },
): Promise<ChangePasswordResponse> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [
    caller.userId,
  ])
  const user = rows[0]
  if (!user) throw failures.tokenInvalid()
  const keys = [accountLockKey(user.username), deviceLockKey(caller.deviceId)]
  await refuseIfLocked(db, keys, { ip: log.ip, username: user.username, deviceId: caller.deviceId })
  if (!(await verifyLoginHash(user.password_hash, request.currentPassword))) {
    await recordLoginFailure(db, user.username, caller.deviceId, { ip: log.ip, userId: user.id })
    await logSecurityEvent(db, {
      kind: 'login_failed',
      userId: user.id,
      username: user.username,
      deviceId: caller.deviceId,
      officeId: caller.office.id,
      ip: log.ip,
      detail: { reason: 'WRONG_CURRENT_PASSWORD' },
    })
    throw new ApiFailure(400, 'CURRENT_PASSWORD_WRONG', 'Kata sandi lama salah.')
  }
  const password = checkNewPassword(request.newPassword, user.username)
  if (password === request.currentPassword) {
    throw new ApiFailure(
      400,
      'PASSWORD_REFUSED',
      'Kata sandi baru harus berbeda dari kata sandi lama.',
    )
  }
  await db.transaction(async (tx) => {
    await storePassword(tx, user.id, password, settings)
    await endSessionsOf(tx, user.id, caller.familyId)
    await clearLoginFailures(tx, keys)
  })
  await logSecurityEvent(db, {
    kind: 'password_changed',
    userId: user.id,
    username: user.username,
    deviceId: caller.deviceId,
    officeId: caller.office.id,
    ip: log.ip,
  })
  return { user: userInfoOf(user) }
}
