/**
 * Issue 12, told as the attacks an outside review made on the central server (server side of
 * findings 4, 5, 7 and 8), run once on embedded PGlite and once on a real PostgreSQL 15
 * (hardening-pglite.test.ts, hardening-postgres.test.ts). Real HTTP on 127.0.0.1, no mocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ApiError,
  OfficeInfo,
  OfficeUsersResponse,
  SessionResponse,
} from '../../shared/sync/sync-protocol'
import type {
  AdminUserInfo,
  AdminUsersResponse,
  SecurityEventsResponse,
} from '../../shared/sync/admin-api'
import { base64UrlOf, newSigningKeyPair } from '../../shared/cards/card-token'
import { installClock } from '../../shared/dates/clock'
import { LOGIN_LOCK_POLICY } from '../../server/login-lockout'
import { ROUTES, type Route } from '../../server/routes'
import type { RunningServer, StartServerOptions } from '../../server/server'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  TEST_PASSWORD,
  type TestClient,
} from './support/server-fixture'

export interface HardeningBackend {
  start(options: Partial<StartServerOptions>): Promise<RunningServer>
  stop?(): Promise<void>
}

export function errorCode(body: unknown): string | undefined {
  return (body as ApiError | null)?.error?.code
}

/** Budgets no test here reaches by accident: the limits have tests of their own. */
export const ROOMY_RATE_LIMITS = {
  perDevice: { capacity: 100_000, refillPerSecond: 100_000 },
  perIp: { capacity: 100_000, refillPerSecond: 100_000 },
  outerPerIp: { capacity: 100_000, refillPerSecond: 100_000 },
}

/** A concrete path for a route: each parameter becomes `sample1`, `sample2`, … */
export function samplePathOf(route: Route): string {
  let index = 0
  return route.pattern.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\([^)]*\)/g, () => `sample${++index}`)
    .replace(/\\\//g, '/')
}

/** Strings no text column can hold: NUL, lone surrogates, and both at once. */
const UNSTORABLE_STRINGS = [
  '\u0000',
  'admin\u0000',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\u0000',
  '\uDC00\uD800',
]

/** JSON whose bytes are not UTF-8: stray bytes, an overlong NUL, CESU-8 surrogate, cut sequence. */
const INVALID_UTF8_BODIES = [
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xc0, 0x80]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"code":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"rows":["'), Buffer.from([0xe2, 0x82]), Buffer.from('"]}')]),
]

/** `%` escapes that are not complete UTF-8, or decode to NUL. */
const BAD_ESCAPES = ['%', '%zz', '%E0%A4', '%ED%A0%80', '%00', '%C0%80', '%FF', '%2']

function bodiesCarrying(bad: string): unknown[] {
  return [
    {
      deviceId: bad,
      deviceSecret: bad,
      username: bad,
      password: bad,
      refreshToken: bad,
      code: bad,
      deviceName: bad,
      officeId: bad,
      publicKey: bad,
      currentPassword: bad,
      newPassword: bad,
      rows: [{ newDocumentState: { id: bad } }],
    },
    { [bad]: 'kunci' },
    { rows: [{ id: 'a', nested: [[[{ deeper: bad }]]] }] },
  ]
}

export function defineHardeningSuite(name: string, backend: HardeningBackend): void {
  describe(`hardened central server on ${name}`, () => {
    let server: RunningServer
    let central: OfficeInfo
    let tenggarong: OfficeInfo
    let clerk: TestClient
    let admin: TestClient

    // One clock the tests move by hand: locks expire when the test says so, not by waiting, and
    // rate-limit buckets do not refill behind a test's back. Nothing reads the machine's clock.
    let nowMs = Date.parse('2026-03-02T01:00:00.000Z')
    let restoreClock: () => void = () => undefined

    beforeAll(async () => {
      restoreClock = installClock({ now: () => new Date(nowMs) })
      server = await backend.start({ rateLimits: ROOMY_RATE_LIMITS })
      central = await server.admin.ensureCentralOffice()
      tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
      ;[clerk, admin] = await Promise.all([
        enrolAndLogin(server, tenggarong),
        enrolAndLogin(server, central, { role: 'admin' }),
      ])
    }, 60_000)

    afterAll(async () => {
      await server?.close()
      await backend.stop?.()
      restoreClock()
    })

    const loginAs = (client: TestClient, password = client.password) =>
      api<SessionResponse>(server.url, 'POST', '/api/session', {
        body: {
          deviceId: client.deviceId,
          deviceSecret: client.deviceSecret,
          username: client.username,
          password,
        },
      })
    const refresh = (client: TestClient, refreshToken: string) =>
      api<SessionResponse>(server.url, 'POST', '/api/session/refresh', {
        body: { deviceId: client.deviceId, deviceSecret: client.deviceSecret, refreshToken },
      })
    const asAdmin = <T>(path: string, body?: unknown) =>
      api<T>(server.url, 'POST', path, {
        token: admin.token,
        ...(body === undefined ? {} : { body }),
      })
    const adminUserRow = async (userId: string) =>
      (
        await api<AdminUsersResponse>(server.url, 'GET', '/api/admin/users', { token: admin.token })
      ).body.users.find((user) => user.id === userId)
    const securityEvents = async (kind?: string) =>
      (
        await api<SecurityEventsResponse>(
          server.url,
          'GET',
          `/api/admin/security-events?limit=500${kind ? `&kind=${kind}` : ''}`,
          { token: admin.token },
        )
      ).body.events

    // A route open to a list of roles (the bills) refuses a clerk before reading the body: it is
    // called as an admin, whom every such list admits, so its body is what is judged.
    const tokenFor = (route: Route) =>
      route.auth === 'none'
        ? undefined
        : route.auth === 'admin' || route.roles !== undefined
          ? admin.token
          : clerk.token

    async function send(
      method: string,
      path: string,
      options: { token?: string; body?: string | Buffer } = {},
    ): Promise<{ status: number; code: string | undefined; body: unknown }> {
      const headers: Record<string, string> = {}
      if (options.token) headers.Authorization = `Bearer ${options.token}`
      if (options.body !== undefined) headers['Content-Type'] = 'application/json'
      const body =
        options.body === undefined || typeof options.body === 'string'
          ? options.body
          : new Uint8Array(options.body)
      const response = await fetch(`${server.url}${path}`, { method, headers, body })
      const text = await response.text()
      let parsed: unknown = null
      try {
        parsed = JSON.parse(text)
      } catch {
        // Not JSON: the status says enough.
      }
      return { status: response.status, code: errorCode(parsed), body: parsed }
    }

    /**
     * A 400 INVALID_TEXT; a sync push instead refuses each row holding such text on its own (the
     * rest of a batch must not wait for it): 200 with every row of the body in `rejected`, or a
     * 400 for a row that is malformed anyway.
     */
    function expectRefused(
      route: Route,
      body: unknown,
      response: { status: number; code: string | undefined; body: unknown },
    ): void {
      const rows = (body as { rows?: unknown[] }).rows
      if (route.rowsCheckedByHandler && response.status === 200 && Array.isArray(rows)) {
        const answer = response.body as { rejected: { code: string }[]; conflicts?: unknown[] }
        expect(answer.rejected, samplePathOf(route)).toHaveLength(rows.length)
        expect(answer.conflicts ?? []).toEqual([])
        return
      }
      if (route.rowsCheckedByHandler) {
        // A malformed row (no newDocumentState) fails the whole push, as it always has.
        expect(response.status, samplePathOf(route)).toBe(400)
        expect(['INVALID_TEXT', 'INVALID_REQUEST']).toContain(response.code)
        return
      }
      expect(response, samplePathOf(route)).toMatchObject({ status: 400, code: 'INVALID_TEXT' })
    }

    describe('finding 4: accounts have a lifecycle', () => {
      it('a deactivated clerk is refused at once: live access token, refresh, login, and offline after a sync', async () => {
        const leaving = await enrolAndLogin(server, tenggarong)
        const colleague = await enrolAndLogin(server, tenggarong)
        const before = await api<OfficeUsersResponse>(server.url, 'GET', '/api/office-users', {
          token: colleague.token,
        })
        expect(before.body.users.map((record) => record.user.id)).toContain(leaving.session.user.id)
        expect((await leaving.pull(null, 1)).status).toBe(200)

        const deactivated = await asAdmin<AdminUserInfo>(
          `/api/admin/users/${leaving.session.user.id}/deactivate`,
        )
        expect(deactivated.status).toBe(200)
        expect(deactivated.body).toMatchObject({ active: false, deactivatedAt: expect.any(String) })

        // The access token issued before is refused now, not in 15 minutes.
        const pull = await leaving.pull(null, 1)
        expect(pull.status).toBe(403)
        expect(errorCode(pull.body)).toBe('USER_INACTIVE')
        const refreshed = await refresh(leaving, leaving.session.refreshToken)
        expect(refreshed.status).toBe(403)
        expect(errorCode(refreshed.body)).toBe('USER_INACTIVE')
        const again = await loginAs(leaving)
        expect(again.status).toBe(403)
        expect(errorCode(again.body)).toBe('USER_INACTIVE')

        // The office's PCs learn at their next sync: no verifier, and named as withdrawn.
        const after = await api<OfficeUsersResponse>(server.url, 'GET', '/api/office-users', {
          token: colleague.token,
        })
        expect(after.body.users.map((record) => record.user.id)).not.toContain(
          leaving.session.user.id,
        )
        expect(after.body.withdrawn).toContainEqual(
          expect.objectContaining({ id: leaving.session.user.id, active: false }),
        )
        expect(JSON.stringify(after.body.withdrawn)).not.toMatch(/verifier|hash|salt/)

        // Reactivated: a fresh login works; the old session stays ended.
        const back = await asAdmin<AdminUserInfo>(
          `/api/admin/users/${leaving.session.user.id}/reactivate`,
        )
        expect(back.body).toMatchObject({ active: true, deactivatedAt: null })
        expect((await refresh(leaving, leaving.session.refreshToken)).status).toBe(401)
        expect((await loginAs(leaving)).status).toBe(200)
        const restored = await api<OfficeUsersResponse>(server.url, 'GET', '/api/office-users', {
          token: colleague.token,
        })
        expect(restored.body.users.map((record) => record.user.id)).toContain(
          leaving.session.user.id,
        )
      })

      it('only admins deactivate, and not themselves', async () => {
        const target = await enrolAndLogin(server, tenggarong)
        const byClerk = await api(
          server.url,
          'POST',
          `/api/admin/users/${target.session.user.id}/deactivate`,
          {
            token: clerk.token,
          },
        )
        expect(byClerk.status).toBe(403)
        const self = await asAdmin(`/api/admin/users/${admin.session.user.id}/deactivate`)
        expect(self.status).toBe(400)
        expect(errorCode(self.body)).toBe('CANNOT_DEACTIVATE_SELF')
        expect((await asAdmin('/api/admin/users/nobody/deactivate')).status).toBe(404)
      })

      it('sends a PC the verifiers of its own office only: no admin’s on a kecamatan PC', async () => {
        const helper = await enrolAndLogin(server, central, {
          role: 'admin',
          deviceOffice: tenggarong,
        })
        const onKecamatanPc = await api<OfficeUsersResponse>(
          server.url,
          'GET',
          '/api/office-users',
          {
            token: helper.token,
          },
        )
        expect(onKecamatanPc.status).toBe(200)
        expect(onKecamatanPc.body.users.length).toBeGreaterThan(0)
        expect(onKecamatanPc.body.users.every((r) => r.user.officeId === tenggarong.id)).toBe(true)
        expect(onKecamatanPc.body.users.some((r) => r.user.role === 'admin')).toBe(false)
        const onCentralPc = await api<OfficeUsersResponse>(server.url, 'GET', '/api/office-users', {
          token: admin.token,
        })
        expect(onCentralPc.body.users.map((r) => r.user.id)).toContain(admin.session.user.id)
      })

      it('"Keluar" ends the session: its access token and refresh token are refused', async () => {
        const leaving = await enrolAndLogin(server, tenggarong)
        const ended = await api(server.url, 'POST', '/api/session/logout', { token: leaving.token })
        expect(ended).toMatchObject({ status: 200, body: { ended: true } })
        const pull = await leaving.pull(null, 1)
        expect(pull.status).toBe(401)
        expect(errorCode(pull.body)).toBe('SESSION_ENDED')
        const refreshed = await refresh(leaving, leaving.session.refreshToken)
        expect(refreshed.status).toBe(401)
        expect(errorCode(refreshed.body)).toBe('REFRESH_TOKEN_INVALID')
        // Signing in again is a new session.
        expect((await loginAs(leaving)).status).toBe(200)
      })

      it('a replayed refresh token ends the family, and its live access token with it', async () => {
        const user = await enrolAndLogin(server, tenggarong)
        const rotated = await refresh(user, user.session.refreshToken)
        expect(rotated.status).toBe(200)
        const liveToken = rotated.body.accessToken
        expect(
          (await api(server.url, 'GET', '/api/office-users', { token: liveToken })).status,
        ).toBe(200)
        // The old refresh token again: a leak. The whole family ends, the live token too.
        expect((await refresh(user, user.session.refreshToken)).status).toBe(401)
        const after = await api(server.url, 'GET', '/api/office-users', { token: liveToken })
        expect(after.status).toBe(401)
        expect(errorCode(after.body)).toBe('SESSION_ENDED')
      })

      it('locks an account after repeated wrong passwords, longer each time, until an admin unlocks it', async () => {
        const victim = await enrolAndLogin(server, tenggarong)
        for (let attempt = 1; attempt <= LOGIN_LOCK_POLICY.accountFailures; attempt++) {
          const wrong = await loginAs(victim, `salah-${attempt}-tebakan`)
          expect(wrong.status).toBe(401)
          expect(errorCode(wrong.body)).toBe('INVALID_CREDENTIALS')
        }
        // The right password no longer helps while the lock lasts, and is not even checked.
        const locked = await loginAs(victim)
        expect(locked.status).toBe(423)
        expect(errorCode(locked.body)).toBe('LOGIN_LOCKED')
        expect((locked.body as unknown as ApiError).error.message).toMatch(/dikunci/)
        expect(Number(locked.headers.get('retry-after'))).toBe(LOGIN_LOCK_POLICY.firstLockSeconds)
        expect(await adminUserRow(victim.session.user.id)).toMatchObject({
          failedLogins: LOGIN_LOCK_POLICY.accountFailures,
          lockedUntil: expect.any(String),
        })

        // A minute later one more wrong guess locks it for twice as long.
        nowMs += (LOGIN_LOCK_POLICY.firstLockSeconds + 1) * 1000
        expect((await loginAs(victim, 'salah-lagi-tebakan')).status).toBe(401)
        const longer = await loginAs(victim)
        expect(longer.status).toBe(423)
        expect(Number(longer.headers.get('retry-after'))).toBe(
          2 * LOGIN_LOCK_POLICY.firstLockSeconds,
        )

        // A clerk cannot unlock; the admin can, and the right password works at once.
        const byClerk = await api(
          server.url,
          'POST',
          `/api/admin/users/${victim.session.user.id}/unlock`,
          {
            token: clerk.token,
          },
        )
        expect(byClerk.status).toBe(403)
        const unlocked = await asAdmin<AdminUserInfo>(
          `/api/admin/users/${victim.session.user.id}/unlock`,
        )
        expect(unlocked.body).toMatchObject({ failedLogins: 0, lockedUntil: null })
        expect((await loginAs(victim)).status).toBe(200)
      })

      it('locks a PC that tries many names, whatever the names, until an admin unlocks it', async () => {
        const pc = await enrolAndLogin(server, tenggarong)
        for (let attempt = 1; attempt <= LOGIN_LOCK_POLICY.deviceFailures; attempt++) {
          const guess = await api(server.url, 'POST', '/api/session', {
            body: {
              deviceId: pc.deviceId,
              deviceSecret: pc.deviceSecret,
              username: `tebakan${attempt}`,
              password: 'salah-sekali-123',
            },
          })
          expect(guess.status).toBe(401)
        }
        const locked = await loginAs(pc)
        expect(locked.status).toBe(423)
        expect((locked.body as unknown as ApiError).error.message).toMatch(/Perangkat ini dikunci/)
        // Another PC of the office is not locked.
        expect((await loginAs(clerk)).status).toBe(200)
        const unlocked = await asAdmin(`/api/admin/devices/${pc.deviceId}/unlock`)
        expect(unlocked.status).toBe(200)
        expect((await loginAs(pc)).status).toBe(200)
      })

      it('refuses passwords a guesser tries first, in Indonesian, wherever a password is set', async () => {
        const weak = [
          'password',
          '12345678',
          '        ',
          'rahasia123',
          'Bismillah',
          'indonesia',
          'qwerty123',
          'aaaaaaaa',
          'kasir.baru',
          'kasir.baru2026',
        ]
        for (const password of weak) {
          const created = await asAdmin('/api/admin/users', {
            officeId: tenggarong.id,
            username: 'kasir.baru',
            displayName: 'Kasir Baru',
            role: 'operator',
            password,
          })
          expect(created.status, password).toBe(400)
          expect(errorCode(created.body)).toBe('PASSWORD_REFUSED')
          expect((created.body as ApiError).error.message).toMatch(/Kata sandi/)
        }
        const fine = await asAdmin<AdminUserInfo>('/api/admin/users', {
          officeId: tenggarong.id,
          username: 'kasir.baru',
          displayName: 'Kasir Baru',
          role: 'operator',
          password: 'kopi-pagi-di-sungai',
        })
        expect(fine.status).toBe(200)
        const reset = await asAdmin(`/api/admin/users/${fine.body.id}/password`, {
          newPassword: 'bismillah1',
        })
        expect(reset.status).toBe(400)
        expect(errorCode(reset.body)).toBe('PASSWORD_REFUSED')
      })

      it('an admin resets a forgotten password: old sessions and the old password stop working', async () => {
        const forgetful = await enrolAndLogin(server, tenggarong)
        const reset = await asAdmin<AdminUserInfo>(
          `/api/admin/users/${forgetful.session.user.id}/password`,
          { newPassword: 'teh-manis-sore-hari' },
        )
        expect(reset.status).toBe(200)
        expect((await forgetful.pull(null, 1)).status).toBe(401)
        expect((await loginAs(forgetful)).status).toBe(401)
        expect((await loginAs(forgetful, 'teh-manis-sore-hari')).status).toBe(200)
      })

      it('a clerk changes their own password with the current one; their other sessions end', async () => {
        const user = await enrolAndLogin(server, tenggarong)
        const second = await loginAs(user)
        expect(second.status).toBe(200)
        const change = (body: unknown) =>
          api(server.url, 'POST', '/api/session/password', { token: user.token, body })

        const wrongCurrent = await change({
          currentPassword: 'bukan-sandi-saya',
          newPassword: 'perahu-kecil-di-mahakam',
        })
        expect(wrongCurrent.status).toBe(400)
        expect(errorCode(wrongCurrent.body)).toBe('CURRENT_PASSWORD_WRONG')
        const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'password1' })
        expect(weak.status).toBe(400)
        expect(errorCode(weak.body)).toBe('PASSWORD_REFUSED')
        const same = await change({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })
        expect(same.status).toBe(400)

        const changed = await change({
          currentPassword: TEST_PASSWORD,
          newPassword: 'perahu-kecil-di-mahakam',
        })
        expect(changed.status).toBe(200)
        expect((await user.pull(null, 1)).status).toBe(200)
        const other = await api(server.url, 'GET', '/api/office-users', {
          token: second.body.accessToken,
        })
        expect(other.status).toBe(401)
        expect((await loginAs(user)).status).toBe(401)
        expect((await loginAs(user, 'perahu-kecil-di-mahakam')).status).toBe(200)
      })
    })

    describe('finding 5: a flood from one client does not stop another office’s login', () => {
      it('keys buckets on the device: anonymous floods and one PC’s flood leave other PCs alone', async () => {
        const limited = await backend.start({
          rateLimits: {
            perDevice: { capacity: 30, refillPerSecond: 0.001 },
            perIp: { capacity: 20, refillPerSecond: 0.001 },
            outerPerIp: { capacity: 100_000, refillPerSecond: 100_000 },
          },
        })
        try {
          const central2 = await limited.admin.ensureCentralOffice()
          const [officeA, officeB] = await Promise.all([
            createKecamatanOffice(limited, '64.02.06', 1),
            createKecamatanOffice(limited, '64.02.01', 1),
          ])
          const noisy = await enrolAndLogin(limited, officeA)
          const quiet = await enrolAndLogin(limited, officeB)
          const boss = await enrolAndLogin(limited, central2, { role: 'admin' })

          // Everyone here is 127.0.0.1, as offices behind one TLS proxy are one address.
          let anonymousRefusals = 0
          for (let i = 0; i < 60; i++) {
            const health = await api(limited.url, 'GET', '/api/health')
            if (health.status === 429) anonymousRefusals++
            const forged = await api(limited.url, 'POST', '/api/session', {
              body: { deviceId: 'x', deviceSecret: 'y', username: 'admin', password: 'z' },
            })
            if (forged.status === 429) anonymousRefusals++
          }
          expect(anonymousRefusals).toBeGreaterThan(60)
          let deviceRefusals = 0
          for (let i = 0; i < 40; i++) {
            if ((await noisy.pull(null, 1)).status === 429) deviceRefusals++
          }
          // 30 in the bucket, one spent by the PC's login: the clock stands still, nothing refills.
          expect(deviceRefusals).toBe(40 - 29)

          // The other office logs in and syncs as if nothing happened.
          const login = await api<SessionResponse>(limited.url, 'POST', '/api/session', {
            body: {
              deviceId: quiet.deviceId,
              deviceSecret: quiet.deviceSecret,
              username: quiet.username,
              password: quiet.password,
            },
          })
          expect(login.status).toBe(200)
          expect((await quiet.pull(null, 1)).status).toBe(200)

          // And the flood is in the security log, once per key, not once per refusal.
          const events = (
            await api<SecurityEventsResponse>(
              limited.url,
              'GET',
              '/api/admin/security-events?kind=rate_limited',
              { token: boss.token },
            )
          ).body.events
          const keys = events.map((event) => event.detail.key)
          expect(keys).toContain('ip:127.0.0.1')
          expect(keys).toContain(`device:${noisy.deviceId}`)
          expect(events.length).toBeLessThanOrEqual(3)
        } finally {
          await limited.close()
        }
      }, 60_000)
    })

    describe('finding 8: attacks leave a trace an admin can read', () => {
      it('records each kind of event with who and where, and never a password or token', async () => {
        // Refused authorisation, bad enrolment code, a card certificate, a revoked device.
        expect(
          (await api(server.url, 'GET', '/api/admin/offices', { token: clerk.token })).status,
        ).toBe(403)
        expect(
          (
            await api(server.url, 'POST', '/api/enrol', {
              body: { code: 'AAAA-BBBB', deviceName: 'PC' },
            })
          ).status,
        ).toBe(400)
        const certified = await api(server.url, 'POST', '/api/card-certificate', {
          token: clerk.token,
          body: { publicKey: base64UrlOf(newSigningKeyPair().publicKey) },
        })
        expect(certified.status).toBe(200)
        const doomed = await enrolAndLogin(server, tenggarong)
        expect((await asAdmin(`/api/admin/devices/${doomed.deviceId}/revoke`)).status).toBe(200)

        const events = await securityEvents()
        const kinds = new Set(events.map((event) => event.kind))
        for (const kind of [
          'login_failed',
          'login_locked',
          'login_refused_locked',
          'login_unlocked',
          'refresh_refused',
          'enrolment_code_invalid',
          'forbidden',
          'user_deactivated',
          'user_reactivated',
          'password_reset',
          'password_changed',
          'session_ended',
          'device_revoked',
          'card_certificate_issued',
        ]) {
          expect(kinds, kind).toContain(kind)
        }
        const forbidden = events.find((event) => event.kind === 'forbidden')
        expect(forbidden).toMatchObject({
          userId: clerk.session.user.id,
          deviceId: clerk.deviceId,
          ip: '127.0.0.1',
          detail: { code: 'FORBIDDEN_ROLE' },
        })
        const deactivation = events.find((event) => event.kind === 'user_deactivated')
        expect(deactivation).toMatchObject({ userId: admin.session.user.id })
        const text = JSON.stringify(events)
        for (const secret of [
          TEST_PASSWORD,
          'salah-1-tebakan',
          'teh-manis-sore-hari',
          'perahu-kecil-di-mahakam',
          clerk.token,
          clerk.session.refreshToken,
          clerk.deviceSecret,
          'AAAA-BBBB',
        ]) {
          expect(text).not.toContain(secret)
        }
        // Newest first, paged with `before`, filtered by kind; admins only.
        const page = await api<SecurityEventsResponse>(
          server.url,
          'GET',
          `/api/admin/security-events?limit=2&before=${events[0]?.id}`,
          { token: admin.token },
        )
        expect(page.body.events.map((event) => event.id)).toEqual(
          events.slice(1, 3).map((event) => event.id),
        )
        expect(
          (await securityEvents('session_ended')).every((e) => e.kind === 'session_ended'),
        ).toBe(true)
        const asClerk = await api(server.url, 'GET', '/api/admin/security-events', {
          token: clerk.token,
        })
        expect(asClerk.status).toBe(403)
      })
    })

    describe('finding 7: text no column can hold is a 400 with a reason, never a 500', () => {
      it('refuses the reported login with a NUL device id before any session exists', async () => {
        const response = await send('POST', '/api/session', {
          body: '{"deviceId":"\\u0000","deviceSecret":"x","username":"x","password":"x"}',
        })
        expect(response).toMatchObject({ status: 400, code: 'INVALID_TEXT' })
      })

      it('has a sample path for every route', () => {
        for (const route of ROUTES) expect(route.pattern.test(samplePathOf(route))).toBe(true)
      })

      it('refuses NUL and lone surrogates anywhere in the JSON body of every POST route', async () => {
        const outcomes: string[] = []
        for (const route of ROUTES.filter((candidate) => candidate.method === 'POST')) {
          for (const bad of UNSTORABLE_STRINGS) {
            for (const body of bodiesCarrying(bad)) {
              const response = await send('POST', samplePathOf(route), {
                token: tokenFor(route),
                body: JSON.stringify(body),
              })
              outcomes.push(`${samplePathOf(route)} ${response.status} ${response.code}`)
              expectRefused(route, body, response)
            }
          }
          for (const raw of INVALID_UTF8_BODIES) {
            const response = await send('POST', samplePathOf(route), {
              token: tokenFor(route),
              body: raw,
            })
            expect(response, samplePathOf(route)).toMatchObject({
              status: 400,
              code: 'INVALID_TEXT',
            })
          }
        }
        expect(outcomes.length).toBeGreaterThan(0)
      }, 120_000)

      it('refuses bad % escapes and NUL in the path and the query of every route', async () => {
        for (const route of ROUTES) {
          const path = samplePathOf(route)
          for (const escape of BAD_ESCAPES) {
            const targets = [
              `${path}${escape}`,
              `${path}?checkpoint=${escape}`,
              `${path}?officeId=${escape}&limit=10`,
              `${path}?${escape}=1`,
            ]
            if (route.paramNames) targets.push(path.replace('sample1', `a${escape}`))
            for (const target of targets) {
              const response = await send(route.method, target, { token: tokenFor(route) })
              expect(response.status, `${route.method} ${target}`).toBe(400)
              expect(['INVALID_ADDRESS', 'INVALID_TEXT']).toContain(response.code)
            }
          }
        }
      }, 120_000)

      it('answers the same corpus without a session with no 500 either', async () => {
        for (const route of ROUTES) {
          const path = samplePathOf(route)
          const responses = [
            await send(route.method, `${path}?x=%zz`),
            ...(route.method === 'POST'
              ? [
                  await send('POST', path, { body: JSON.stringify(bodiesCarrying('\u0000')[0]) }),
                  await send('POST', path, { body: INVALID_UTF8_BODIES[0] }),
                ]
              : []),
          ]
          for (const response of responses) {
            expect(response.status, path).toBeGreaterThanOrEqual(400)
            expect(response.status, path).toBeLessThan(500)
          }
        }
      }, 60_000)

      it('still takes ordinary non-ASCII text: names with accents, emoji and Arabic script', async () => {
        const response = await send('POST', '/api/admin/offices', {
          token: admin.token,
          body: JSON.stringify({
            code: '06-07',
            name: 'Kantor Tenggarong Seberang — Désa ✓ 😀 بسم',
            kind: 'kecamatan',
            kecamatanCode: '64.02.06',
            officeNumber: 7,
          }),
        })
        expect(response.status).toBe(200)
        const encoded = await send(
          'GET',
          `/api/admin/users?officeId=${encodeURIComponent('ñ😀')}`,
          {
            token: admin.token,
          },
        )
        expect(encoded.status).toBe(200)
      })
    })
  })
}
