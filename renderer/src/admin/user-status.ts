import type { AdminUserInfo, SecurityEventRecord } from '@shared/sync/admin-api'

/** What the status column says about an account, most important first. */
export type UserStatus =
  | { kind: 'inactive'; since: string | null }
  | { kind: 'locked'; until: string; failures: number }
  | { kind: 'failures'; failures: number }
  | { kind: 'active' }

export function userStatusOf(user: AdminUserInfo, nowMs: number): UserStatus {
  if (!user.active || user.deactivatedAt) return { kind: 'inactive', since: user.deactivatedAt }
  const lockedUntilMs = user.lockedUntil ? Date.parse(user.lockedUntil) : Number.NaN
  if (lockedUntilMs > nowMs) {
    return { kind: 'locked', until: user.lockedUntil as string, failures: user.failedLogins }
  }
  if (user.failedLogins > 0) return { kind: 'failures', failures: user.failedLogins }
  return { kind: 'active' }
}

/** "Buka kunci" is offered while failures count towards a lock, not only during the lock. */
export const canUnlock = (user: AdminUserInfo, nowMs: number): boolean => {
  const status = userStatusOf(user, nowMs)
  return status.kind === 'locked' || status.kind === 'failures'
}

/**
 * The event's detail as a short line: known reasons in words (`reasonText`), the rest as
 * `key: value`, the key and word values in the screen's language where `said` knows them
 * (`detail.lock` → "kunci", `detailValue.account` → "akun"). Ids and codes stay as they are.
 */
export function eventDetailText(
  event: SecurityEventRecord,
  reasonText: (reason: string) => string | null,
  said: (key: string) => string | null = () => null,
): string {
  return Object.entries(event.detail)
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => {
      if (key === 'reason' && typeof value === 'string') return reasonText(value) ?? value
      const shown = typeof value === 'string' ? (said(`detailValue.${value}`) ?? value) : value
      return `${said(`detail.${key}`) ?? key}: ${String(shown)}`
    })
    .join(', ')
}
