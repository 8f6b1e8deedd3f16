/**
 * Accounts on the PC: which server refusals end a session (and which only wait), what the login
 * screen makes of a lock, what the password dialog says, and offline login for withdrawn users
 * against the real store (RxDB on fake-indexeddb).
 */
import { argon2id } from '@noble/hashes/argon2.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { OfflineUserRecord, UserInfo } from '@shared/sync/sync-protocol'
import { ServerError, type ServerFailure } from '@/core/server-api'
import { endsSession } from '@/core/server-session'
import {
  classifyLoginError,
  loadStoredOfficeUsers,
  saveOfficeUsers,
  signInOffline,
  withdrawOfficeUser,
  withdrawUser,
} from '@/devices/device-enrolment'
import { changePasswordFailure } from '@/auth/change-password'
import { noticeOfSessionEnd } from '@/auth/sign-out'
import { closeTestStores, openTestStore, uniqueStoreName } from '../../support/store-fixture'

afterEach(closeTestStores)

const refused = (status: number, code: string, message = ''): ServerError =>
  new ServerError({ kind: 'refused', status, code, message })
const unreachable = (detail = 'TypeError'): ServerError =>
  new ServerError({ kind: 'unreachable', detail } satisfies ServerFailure)

describe('which refusals end a session', () => {
  it.each([
    [
      '401 SESSION_ENDED (signed out elsewhere, password changed)',
      refused(401, 'SESSION_ENDED'),
      true,
    ],
    [
      '401 REFRESH_TOKEN_INVALID (family revoked or expired)',
      refused(401, 'REFRESH_TOKEN_INVALID'),
      true,
    ],
    [
      '401 INVALID_CREDENTIALS (password changed while offline)',
      refused(401, 'INVALID_CREDENTIALS'),
      true,
    ],
    ['403 USER_INACTIVE (deactivated)', refused(403, 'USER_INACTIVE'), true],
    ['403 WRONG_OFFICE', refused(403, 'WRONG_OFFICE'), true],
    ['403 DEVICE_REVOKED: the PC is revoked, handled apart', refused(403, 'DEVICE_REVOKED'), false],
    ['423 LOGIN_LOCKED passes with time', refused(423, 'LOGIN_LOCKED'), false],
    ['429 RATE_LIMITED passes with time', refused(429, 'RATE_LIMITED'), false],
    ['400 INVALID_REQUEST is no verdict on the session', refused(400, 'INVALID_REQUEST'), false],
    ['no link', unreachable(), false],
    ['a plain Error', new Error('401'), false],
  ])('%s', (_label, error, expected) => {
    expect(endsSession(error)).toBe(expected)
  })
})

describe('login refusals', () => {
  it('a locked account is refused, not tried offline (the verifier would let a guesser in)', () => {
    expect(classifyLoginError(refused(423, 'LOGIN_LOCKED', 'Akun ini dikunci sementara'))).toBe(
      'refused',
    )
    expect(classifyLoginError(refused(403, 'USER_INACTIVE'))).toBe('refused')
    expect(classifyLoginError(refused(429, 'RATE_LIMITED'))).toBe('offline')
    expect(classifyLoginError(unreachable())).toBe('offline')
    expect(classifyLoginError(refused(403, 'DEVICE_REVOKED'))).toBe('revoked')
  })

  it('a session the server ended says whether the account was deactivated', () => {
    const user = { displayName: 'Rina' }
    expect(noticeOfSessionEnd({ code: 'USER_INACTIVE', message: '' }, user)).toEqual({
      kind: 'user-inactive',
      name: 'Rina',
    })
    expect(noticeOfSessionEnd({ code: 'SESSION_ENDED', message: '' }, user).kind).toBe(
      'session-ended',
    )
    expect(noticeOfSessionEnd({ code: 'REFRESH_TOKEN_INVALID', message: '' }, user).kind).toBe(
      'session-ended',
    )
  })
})

describe('own password change', () => {
  it.each([
    [
      refused(400, 'CURRENT_PASSWORD_WRONG', 'Kata sandi lama salah.'),
      { ok: false, reason: 'CURRENT_PASSWORD_WRONG' },
    ],
    [
      refused(400, 'PASSWORD_REFUSED', 'Kata sandi memuat nama pengguna.'),
      { ok: false, reason: 'PASSWORD_REFUSED', message: 'Kata sandi memuat nama pengguna.' },
    ],
    [
      refused(423, 'LOGIN_LOCKED', 'Akun ini dikunci sementara.'),
      { ok: false, reason: 'REFUSED', message: 'Akun ini dikunci sementara.' },
    ],
    [unreachable(), { ok: false, reason: 'OFFLINE' }],
    [new Error('boom'), { ok: false, reason: 'OFFLINE' }],
  ])('%s', (error, outcome) => {
    expect(changePasswordFailure(error)).toEqual(outcome)
  })
})

const user = (id: string, username: string): UserInfo => ({
  id,
  username,
  displayName: username.toUpperCase(),
  role: 'operator',
  officeId: 'o-1',
  active: true,
})

const salt = Uint8Array.from({ length: 16 }, (_, i) => i + 1)
function recordFor(info: UserInfo, password: string): OfflineUserRecord {
  const hash = argon2id(password, salt, { m: 64, t: 1, p: 1, dkLen: 32 })
  return {
    user: info,
    verifier: {
      algorithm: 'argon2id',
      salt: Buffer.from(salt).toString('base64'),
      hash: Buffer.from(hash).toString('base64'),
      memoryKiB: 64,
      iterations: 1,
      parallelism: 1,
    },
  }
}

describe('withdrawn users offline', () => {
  it('withdrawUser drops the verifier and lists the user once, inactive', () => {
    const rina = user('u-1', 'rina')
    const sari = user('u-2', 'sari')
    const kept = { users: [recordFor(rina, 'a'), recordFor(sari, 'b')], withdrawn: [rina] }
    const after = withdrawUser(kept, rina)
    expect(after.users.map((entry) => entry.user.id)).toEqual(['u-2'])
    expect(after.withdrawn).toEqual([{ ...rina, active: false }])
  })

  it('refuses a withdrawn user as deactivated, whatever the case typed, and keeps the others', async () => {
    const store = await openTestStore(uniqueStoreName('withdrawn'), 'a1'.repeat(32))
    const rina = user('u-1', 'rina')
    const sari = user('u-2', 'sari')
    await saveOfficeUsers(store, {
      users: [recordFor(sari, 'sandi-sari-1')],
      withdrawn: [{ ...rina, active: false }],
    })
    expect(await signInOffline(store, ' RINA ', 'sandi-rina-1', false)).toEqual({
      ok: false,
      reason: 'USER_INACTIVE',
    })
    expect(await signInOffline(store, 'sari', 'sandi-sari-1', false)).toMatchObject({ ok: true })
    expect(await signInOffline(store, 'budi', 'x', false)).toEqual({
      ok: false,
      reason: 'UNKNOWN_OFFLINE_USER',
    })
  })

  it('a USER_INACTIVE during a session withdraws the verifier before the next sync', async () => {
    const store = await openTestStore(uniqueStoreName('withdrawn'), 'a2'.repeat(32))
    const rina = user('u-1', 'rina')
    // An older server: no `withdrawn` in the answer.
    await saveOfficeUsers(store, { users: [recordFor(rina, 'sandi-rina-1')] })
    expect(await signInOffline(store, 'rina', 'sandi-rina-1', false)).toMatchObject({ ok: true })
    await withdrawOfficeUser(store, rina)
    expect(await signInOffline(store, 'rina', 'sandi-rina-1', false)).toEqual({
      ok: false,
      reason: 'USER_INACTIVE',
    })
    expect((await loadStoredOfficeUsers(store)).users).toEqual([])
  })
})
