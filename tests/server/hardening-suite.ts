/**
 * Issue 12, told as the attacks an outside review made on the central server (server side of
 * findings 4, 5, 7 and 8), run once on embedded PGlite and once on a real PostgreSQL 15
 * (hardening-pglite.test.ts, hardening-postgres.test.ts). Real HTTP on 127.0.0.1, no mocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiError, OfficeInfo } from '../../shared/sync/sync-protocol'
import { ROUTES, type Route } from '../../server/routes'
import type { RunningServer, StartServerOptions } from '../../server/server'
import { createKecamatanOffice, enrolAndLogin, type TestClient } from './support/server-fixture'

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

    beforeAll(async () => {
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
    })

    const tokenFor = (route: Route) =>
      route.auth === 'none' ? undefined : route.auth === 'admin' ? admin.token : clerk.token

    async function send(
      method: string,
      path: string,
      options: { token?: string; body?: string | Buffer } = {},
    ): Promise<{ status: number; code: string | undefined }> {
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
      return { status: response.status, code: errorCode(parsed) }
    }

    describe('finding 7: text no column can hold is a 400 with a reason, never a 500', () => {
      it('refuses the reported login with a NUL device id before any session exists', async () => {
        const response = await send('POST', '/api/session', {
          body: '{"deviceId":"\\u0000","deviceSecret":"x","username":"x","password":"x"}',
        })
        expect(response).toEqual({ status: 400, code: 'INVALID_TEXT' })
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
              expect(response, samplePathOf(route)).toEqual({ status: 400, code: 'INVALID_TEXT' })
            }
          }
          for (const raw of INVALID_UTF8_BODIES) {
            const response = await send('POST', samplePathOf(route), {
              token: tokenFor(route),
              body: raw,
            })
            expect(response, samplePathOf(route)).toEqual({ status: 400, code: 'INVALID_TEXT' })
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
