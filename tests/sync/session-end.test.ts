/**
 * The server session once the server stops serving it: no silent login with the password held in
 * memory (each would count towards the account's login lock), "Keluar" ends it on the server, and a
 * password change is what a later login uses. Against a fake server that answers as the real one.
 */
import { describe, expect, it } from 'vitest'
import type { LoginRequest, SessionResponse } from '../../shared/sync/sync-protocol'
import { ServerSession, type SessionEnd } from '../../renderer/src/core/server-session'
import type { FetchFunction } from '../../renderer/src/core/server-api'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const refusal = (status: number, code: string) =>
  json(status, { error: { code, message: `${code} (pesan server)` } })

const START = Date.parse('2026-03-01T08:00:00Z')

function fakeServer() {
  let issued = 0
  const calls: string[] = []
  const logins: LoginRequest[] = []
  /** What the next call to a data route answers; 200 when null. */
  let dataAnswer: (() => Response) | null = null
  let refreshAnswer: (() => Response) | null = null
  let password = 'sandi-lama-1'
  const session = (): SessionResponse => {
    issued++
    return {
      accessToken: `access-${issued}`,
      accessTokenExpiresAt: new Date(START + 10 * 60_000).toISOString(),
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
    calls.push(path)
    if (path === '/api/session') {
      const request = JSON.parse(String(init?.body)) as LoginRequest
      logins.push(request)
      return request.password === password
        ? json(200, session())
        : refusal(401, 'INVALID_CREDENTIALS')
    }
    if (path === '/api/session/refresh') return refreshAnswer?.() ?? json(200, session())
    if (path === '/api/session/logout') return json(200, { ended: true })
    if (path === '/api/session/password') {
      const body = JSON.parse(String(init?.body)) as { newPassword: string }
      password = body.newPassword
      return json(200, { user: session().user })
    }
    return dataAnswer?.() ?? json(200, { ok: true })
  }
  return {
    fetch,
    calls,
    logins,
    answerData: (answer: () => Response) => (dataAnswer = answer),
    answerRefresh: (answer: () => Response) => (refreshAnswer = answer),
  }
}

function newSession(server: ReturnType<typeof fakeServer>, now = () => START) {
  const ended: SessionEnd[] = []
  const session = new ServerSession({
    baseUrl: 'http://server.test',
    credential: { deviceId: 'd1', deviceSecret: 's1' },
    username: 'rina',
    password: 'sandi-lama-1',
    fetch: server.fetch,
    onRevoked: () => undefined,
    now,
  })
  session.onEnded = (end) => ended.push(end)
  return { session, ended }
}

describe('ServerSession when the server ends it', () => {
  it.each([
    ['401 SESSION_ENDED', 401, 'SESSION_ENDED'],
    ['403 USER_INACTIVE', 403, 'USER_INACTIVE'],
  ])('%s ends the session once and never logs in again', async (_label, status, code) => {
    const server = fakeServer()
    const { session, ended } = newSession(server)
    await session.open()
    server.answerData(() => refusal(status, code))
    await expect(session.json('/api/office-users')).rejects.toThrow(code)
    await expect(session.json('/api/office-users')).rejects.toThrow(code)
    expect(ended).toEqual([{ code, message: `${code} (pesan server)` }])
    expect(session.endedBy?.code).toBe(code)
    expect(server.logins).toHaveLength(1)
  })

  it('an expired access token is renewed with the refresh token; a refused refresh ends it, no login', async () => {
    const server = fakeServer()
    const { session, ended } = newSession(server)
    await session.open()
    server.answerData(() => refusal(401, 'TOKEN_EXPIRED'))
    server.answerRefresh(() => refusal(401, 'REFRESH_TOKEN_INVALID'))
    await expect(session.json('/api/office-users')).rejects.toThrow('REFRESH_TOKEN_INVALID')
    expect(ended.map((end) => end.code)).toEqual(['REFRESH_TOKEN_INVALID'])
    expect(server.logins).toHaveLength(1)
    expect(server.calls.filter((path) => path === '/api/session/refresh')).toHaveLength(1)
  })

  it('after an offline login, a password changed elsewhere ends the session after one try', async () => {
    const server = fakeServer()
    const ended: SessionEnd[] = []
    const session = new ServerSession({
      baseUrl: 'http://server.test',
      credential: { deviceId: 'd1', deviceSecret: 's1' },
      username: 'rina',
      password: 'sandi-yang-sudah-diganti',
      fetch: server.fetch,
      onRevoked: () => undefined,
      now: () => START,
    })
    session.onEnded = (end) => ended.push(end)
    await expect(session.json('/api/office-users')).rejects.toThrow('INVALID_CREDENTIALS')
    await expect(session.json('/api/office-users')).rejects.toThrow('INVALID_CREDENTIALS')
    expect(server.logins).toHaveLength(1)
    expect(ended.map((end) => end.code)).toEqual(['INVALID_CREDENTIALS'])
  })

  it('a login lock (423) does not end the session: it is tried again later', async () => {
    const server = fakeServer()
    const { session, ended } = newSession(server)
    await session.open()
    server.answerData(() => refusal(401, 'TOKEN_EXPIRED'))
    server.answerRefresh(() => refusal(429, 'RATE_LIMITED'))
    await expect(session.json('/api/office-users')).rejects.toThrow('RATE_LIMITED')
    expect(ended).toEqual([])
    expect(session.endedBy).toBeNull()
  })
})

describe('ServerSession "Keluar" and password change', () => {
  it('logout ends the family on the server and the session serves nothing afterwards', async () => {
    const server = fakeServer()
    const { session, ended } = newSession(server)
    await session.open()
    expect(await session.logout()).toBe('ended')
    expect(server.calls).toContain('/api/session/logout')
    await expect(session.json('/api/office-users')).rejects.toThrow()
    expect(server.logins).toHaveLength(1)
    // Ending it on purpose is not "the server ended it".
    expect(ended).toEqual([])
  })

  it('logout with no link says so and can be repeated when the link returns', async () => {
    const server = fakeServer()
    let online = true
    const flaky: FetchFunction = (input, init) =>
      online ? server.fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))
    const session = new ServerSession({
      baseUrl: 'http://server.test',
      credential: { deviceId: 'd1', deviceSecret: 's1' },
      username: 'rina',
      password: 'sandi-lama-1',
      fetch: flaky,
      onRevoked: () => undefined,
      now: () => START,
    })
    await session.open()
    online = false
    expect(await session.logout()).toBe('unreachable')
    online = true
    expect(await session.logout()).toBe('ended')
    expect(await session.logout()).toBe('no-session')
    expect(server.logins).toHaveLength(1)
  })

  it('a password change keeps this session serving; the server ends only the others', async () => {
    const server = fakeServer()
    const { session, ended } = newSession(server)
    await session.open()
    const user = await session.changePassword('sandi-lama-1', 'sandi-baru-22')
    expect(user.username).toBe('rina')
    await expect(session.json('/api/office-users')).resolves.toEqual({ ok: true })
    expect(ended).toEqual([])
    expect(server.logins).toHaveLength(1)
  })
})
