/**
 * The server session's token handling against a fake server that behaves as the real one does
 * with refresh tokens: each is single-use, and presenting a used one revokes the token family.
 */
import { describe, expect, it } from 'vitest'
import type { RefreshRequest, SessionResponse } from '../../shared/sync/sync-protocol'
import { ServerSession } from '../../renderer/src/core/server-session'
import type { FetchFunction } from '../../renderer/src/core/server-api'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

function fakeServer(now: () => number) {
  let issued = 0
  const used = new Set<string>()
  let familyRevoked = false
  const stats = { refreshes: 0, logins: 0, reuse: 0 }
  const session = (): SessionResponse => {
    issued++
    return {
      accessToken: `access-${issued}`,
      accessTokenExpiresAt: new Date(now() + 10 * 60_000).toISOString(),
      refreshToken: `refresh-${issued}`,
      user: {
        id: 'u1',
        username: 'rina',
        displayName: 'Rina',
        role: 'operator',
        officeId: 'o1',
        active: true,
      },
      office: {
        id: 'o1',
        code: '06-01',
        name: 'Kantor',
        kind: 'kecamatan',
        kecamatanCode: '64.02.06',
        officeNumber: 1,
        agencyCode: null,
      },
    }
  }
  const fetch: FetchFunction = async (input, init) => {
    const path = new URL(input).pathname
    // Let concurrent callers interleave, as they do over a network.
    await new Promise((resolve) => setTimeout(resolve, 5))
    if (path === '/api/session') {
      stats.logins++
      return json(200, session())
    }
    if (path === '/api/session/refresh') {
      stats.refreshes++
      const request = JSON.parse(String(init?.body)) as RefreshRequest
      if (familyRevoked || used.has(request.refreshToken)) {
        stats.reuse++
        familyRevoked = true
        return json(401, { error: { code: 'REFRESH_REUSED', message: 'Sesi dicabut.' } })
      }
      used.add(request.refreshToken)
      return json(200, session())
    }
    return json(200, { ok: true })
  }
  return { fetch, stats }
}

describe('ServerSession refresh', () => {
  it('concurrent requests near expiry share one refresh: no reuse, no revoked family', async () => {
    let clock = Date.parse('2026-03-01T08:00:00Z')
    const now = () => clock
    const server = fakeServer(now)
    const session = new ServerSession({
      baseUrl: 'http://server.test',
      credential: { deviceId: 'd1', deviceSecret: 's1' },
      username: 'rina',
      password: 'rahasia',
      fetch: server.fetch,
      onRevoked: () => undefined,
      now,
    })
    await session.open()
    expect(server.stats.logins).toBe(1)

    // Two seconds before the access token expires, five requests start at once.
    clock += 10 * 60_000 - 2_000
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => session.json<{ ok: boolean }>('/api/office-users')),
    )
    expect(responses.every((r) => r.ok)).toBe(true)
    expect(server.stats.refreshes).toBe(1)
    expect(server.stats.reuse).toBe(0)
    // No fallback login was needed: the refresh worked for everyone.
    expect(server.stats.logins).toBe(1)
    session.close()
  })
})
