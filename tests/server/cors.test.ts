import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAllowedOrigin, parseAllowedOrigins } from '../../server/cors'
import type { RunningServer } from '../../server/server'
import { startTestServer } from './support/server-fixture'

describe('allowed origins', () => {
  it.each([
    ['app://naungan', true],
    ['http://127.0.0.1:5180', true],
    ['http://localhost:5173', true],
    ['https://naungan.kukarkab.go.id', true],
    ['app://naungan.evil', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://localhost.evil.example:80', false],
    ['https://evil.example', false],
    ['null', false],
  ])('%s → %s', (origin, expected) => {
    expect(
      isAllowedOrigin(origin, parseAllowedOrigins('https://naungan.kukarkab.go.id, junk')),
    ).toBe(expected)
  })
})

describe('the server answers the desktop app and the browser build across origins', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startTestServer('pglite')
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
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After')
  })
})
