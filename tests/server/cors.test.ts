import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAllowedOrigin, parseAllowedOrigins } from '../../server/cors'
import type { RunningServer } from '../../server/server'
import { startTestServer } from './support/server-fixture'

const CONFIGURED = 'https://naungan.kukarkab.go.id, http://127.0.0.1:5180'

describe('allowed origins', () => {
  it.each([
    ['app://naungan', true],
    ['http://127.0.0.1:5180', true],
    ['https://naungan.kukarkab.go.id', true],
    // Any other page on the clerk's own machine is not the app.
    ['http://127.0.0.1:5181', false],
    ['http://localhost:5180', false],
    ['http://localhost:5173', false],
    ['http://[::1]:5180', false],
    ['https://127.0.0.1:5180', false],
    ['app://naungan.evil', false],
    ['app://NAUNGAN', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://localhost.evil.example:80', false],
    ['https://naungan.kukarkab.go.id.evil.example', false],
    ['https://evil.example', false],
    ['null', false],
  ])('%s → %s', (origin, expected) => {
    expect(isAllowedOrigin(origin, parseAllowedOrigins(CONFIGURED))).toBe(expected)
  })

  it.each([
    'junk',
    'https://naungan.kukarkab.go.id/',
    'https://naungan.kukarkab.go.id/app',
    'https://user@naungan.kukarkab.go.id',
    'HTTPS://NAUNGAN.KUKARKAB.GO.ID',
    'ftp://naungan.kukarkab.go.id',
    '*',
  ])('refuses to start with the configured origin %s', (origin) => {
    expect(() => parseAllowedOrigins(origin)).toThrow(/not an origin/)
  })
})

describe('the server answers the desktop app and the browser build across origins', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startTestServer('pglite', { allowedOrigins: ['http://127.0.0.1:5180'] })
  })
  afterAll(async () => {
    await server.close()
  })

  it('answers a preflight from app://naungan so authorised JSON calls may follow', async () => {
    const response = await fetch(`${server.url}/api/sync/participants/push`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'app://naungan',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('app://naungan')
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
    // Cached for Chromium's maximum, so a pull does not pay a preflight each time.
    expect(response.headers.get('access-control-max-age')).toBe('7200')
  })

  it('lets a pull carry its checkpoint in headers, so one preflight serves every page', async () => {
    // A browser caches a preflight per URL: the app keeps the pull's URL constant and sends the
    // checkpoint and limit as headers, which the preflight must allow.
    const response = await fetch(`${server.url}/api/sync/participants/pull`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'app://naungan',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization, x-naungan-checkpoint, x-naungan-limit',
      },
    })
    expect(response.status).toBe(204)
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase()
    expect(allowed).toContain('x-naungan-checkpoint')
    expect(allowed).toContain('x-naungan-limit')
  })

  it('answers the configured browser-build origin, and no other page on localhost', async () => {
    const configured = await fetch(`${server.url}/api/session`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5180', 'Access-Control-Request-Method': 'POST' },
    })
    expect(configured.status).toBe(204)
    expect(configured.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5180')
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080']) {
      const other = await fetch(`${server.url}/api/session`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      })
      expect(other.status).toBe(403)
      expect(other.headers.get('access-control-allow-origin')).toBeNull()
      const plain = await fetch(`${server.url}/api/health`, { headers: { Origin: origin } })
      expect(plain.headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it('refuses a preflight from an unknown site', async () => {
    const response = await fetch(`${server.url}/api/session`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('labels real answers, errors included, for the calling page', async () => {
    const response = await fetch(`${server.url}/api/sync/participants/pull`, {
      headers: { Origin: 'http://127.0.0.1:5180' },
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5180')
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'Retry-After, X-Naungan-Page',
    )
  })
})
