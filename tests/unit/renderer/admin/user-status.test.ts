import { describe, expect, it } from 'vitest'
import type { AdminUserInfo, SecurityEventRecord } from '@shared/sync/admin-api'
import { canUnlock, eventDetailText, userStatusOf } from '@/admin/user-status'

const NOW = Date.parse('2026-03-01T08:00:00Z')
const user = (overrides: Partial<AdminUserInfo> = {}): AdminUserInfo => ({
  id: 'u1',
  username: 'rina',
  displayName: 'Rina',
  role: 'operator',
  officeId: 'o1',
  active: true,
  deactivatedAt: null,
  failedLogins: 0,
  lockedUntil: null,
  ...overrides,
})

describe("an account's status in the admin screen", () => {
  it.each([
    ['active, nothing to see', user(), { kind: 'active' }, false],
    [
      'deactivated wins over a lock that is still running',
      user({
        active: false,
        deactivatedAt: '2026-02-28T10:00:00Z',
        failedLogins: 6,
        lockedUntil: '2026-03-01T09:00:00Z',
      }),
      { kind: 'inactive', since: '2026-02-28T10:00:00Z' },
      false,
    ],
    [
      'locked until later',
      user({ failedLogins: 5, lockedUntil: '2026-03-01T08:01:00Z' }),
      { kind: 'locked', until: '2026-03-01T08:01:00Z', failures: 5 },
      true,
    ],
    [
      'a lock that already ran out shows the failures still counting',
      user({ failedLogins: 5, lockedUntil: '2026-03-01T07:59:00Z' }),
      { kind: 'failures', failures: 5 },
      true,
    ],
    [
      'two wrong passwords, no lock yet',
      user({ failedLogins: 2 }),
      { kind: 'failures', failures: 2 },
      true,
    ],
    [
      'an unreadable lock time is no lock',
      user({ lockedUntil: 'kemarin' }),
      { kind: 'active' },
      false,
    ],
  ])('%s', (_label, info, status, unlockable) => {
    expect(userStatusOf(info, NOW)).toEqual(status)
    expect(canUnlock(info, NOW)).toBe(unlockable)
  })
})

describe('security event detail', () => {
  const event = (detail: SecurityEventRecord['detail']): SecurityEventRecord => ({
    id: 1,
    at: '2026-03-01T08:00:00Z',
    kind: 'login_failed',
    userId: null,
    username: 'rina',
    deviceId: null,
    officeId: null,
    ip: '10.0.0.1',
    detail,
  })
  const reasons = (reason: string) => (reason === 'WRONG_PASSWORD' ? 'kata sandi salah' : null)

  it('says known reasons in words and keeps the rest as key: value', () => {
    expect(eventDetailText(event({ reason: 'WRONG_PASSWORD' }), reasons)).toBe('kata sandi salah')
    expect(eventDetailText(event({ reason: 'REUSED', route: '/api/x', empty: '' }), reasons)).toBe(
      'REUSED, route: /api/x',
    )
    expect(eventDetailText(event({ count: 12, code: null }), reasons)).toBe('count: 12')
  })
})
