/** Login lock: repeated wrong passwords lock the account and the PC, for longer each time. */
import type { Queryable } from './database'
import { ApiFailure } from './http-kit'
import { logSecurityEvent } from './security-log'
import { currentTime } from '../shared/dates/clock'
import { toIso } from './account-records'

/**
 * An account is locked after 5 wrong passwords in a row (within a day), a PC after 20 (a shared
 * PC where clerks mistype now and then must not lock, a script trying many names must). The lock
 * lasts 1 minute, then doubles with each further failure up to an hour; while it lasts, logins are
 * refused without even checking the password, so guessing stays at a few tries an hour. A right
 * password clears both counts; an admin can clear them (unlock).
 */
export const LOGIN_LOCK_POLICY = {
  accountFailures: 5,
  deviceFailures: 20,
  firstLockSeconds: 60,
  maxLockSeconds: 3600,
  /** Failures older than this are forgotten: the next one counts from 1. */
  forgetAfterSeconds: 24 * 3600,
} as const

export const accountLockKey = (username: string) => `user:${username.trim().toLowerCase()}`

export const deviceLockKey = (deviceId: string) => `device:${deviceId}`

export function lockSecondsAfter(failures: number, threshold: number): number {
  if (failures < threshold) return 0
  const doublings = Math.min(failures - threshold, 20)
  return Math.min(
    LOGIN_LOCK_POLICY.maxLockSeconds,
    LOGIN_LOCK_POLICY.firstLockSeconds * 2 ** doublings,
  )
}

function loginLocked(kind: 'account' | 'device', retryAfterSeconds: number): ApiFailure {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  return new ApiFailure(
    423,
    'LOGIN_LOCKED',
    kind === 'account'
      ? `Akun ini dikunci sementara karena kata sandi salah berkali-kali. Coba lagi dalam ${minutes} menit, atau minta admin membuka kuncinya.`
      : `Perangkat ini dikunci sementara karena terlalu banyak percobaan masuk yang salah. Coba lagi dalam ${minutes} menit, atau minta admin membuka kuncinya.`,
    { 'Retry-After': String(retryAfterSeconds) },
  )
}

/** Refuses (423) when the account or the PC is locked now. */
export async function refuseIfLocked(
  db: Queryable,
  keys: string[],
  log: { ip: string | null; username: string | null; deviceId: string | null },
): Promise<void> {
  const now = currentTime()
  const { rows } = await db.query<{ key: string; locked_until: unknown }>(
    `SELECT key, locked_until FROM login_failures
     WHERE key = ANY($1::text[]) AND locked_until > $2::timestamptz
     ORDER BY locked_until DESC LIMIT 1`,
    [keys, now.toISOString()],
  )
  const row = rows[0]
  if (!row) return
  const untilMs = Date.parse(toIso(row.locked_until))
  const retryAfterSeconds = Math.max(1, Math.ceil((untilMs - now.getTime()) / 1000))
  const kind = row.key.startsWith('device:') ? 'device' : 'account'
  await logSecurityEvent(db, {
    kind: 'login_refused_locked',
    username: log.username,
    deviceId: log.deviceId,
    ip: log.ip,
    detail: { lock: kind, retryAfterSeconds },
  })
  throw loginLocked(kind, retryAfterSeconds)
}

/** Counts one wrong password against the account and the PC; locks either when it is due. */
export async function recordLoginFailure(
  db: Queryable,
  username: string,
  deviceId: string,
  log: { ip: string | null; userId: string | null },
): Promise<void> {
  const now = currentTime()
  const counted: [string, number][] = [
    [accountLockKey(username), LOGIN_LOCK_POLICY.accountFailures],
    [deviceLockKey(deviceId), LOGIN_LOCK_POLICY.deviceFailures],
  ]
  for (const [key, threshold] of counted) {
    const { rows } = await db.query<{ failures: number }>(
      `INSERT INTO login_failures (key, failures, last_failure_at) VALUES ($1, 1, $2::timestamptz)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE
           WHEN login_failures.last_failure_at < $2::timestamptz - make_interval(secs => $3)
           THEN 1 ELSE login_failures.failures + 1 END,
         last_failure_at = $2::timestamptz
       RETURNING failures`,
      [key, now.toISOString(), LOGIN_LOCK_POLICY.forgetAfterSeconds],
    )
    const failures = Number(rows[0]?.failures ?? 0)
    const lockSeconds = lockSecondsAfter(failures, threshold)
    if (lockSeconds === 0) continue
    await db.query(
      `UPDATE login_failures SET locked_until = $2::timestamptz + make_interval(secs => $3)
       WHERE key = $1`,
      [key, now.toISOString(), lockSeconds],
    )
    await logSecurityEvent(db, {
      kind: 'login_locked',
      userId: log.userId,
      username: key.startsWith('user:') ? key.slice(5) : null,
      deviceId,
      ip: log.ip,
      detail: { lock: key.startsWith('user:') ? 'account' : 'device', failures, lockSeconds },
    })
  }
}

export async function clearLoginFailures(db: Queryable, keys: string[]): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE key = ANY($1::text[])', [keys])
}
