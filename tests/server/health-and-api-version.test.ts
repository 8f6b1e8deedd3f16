/**
 * What a supervisor and an older or newer app see: liveness answers without the database,
 * readiness says why the server cannot serve (its database closed under it, a migration missing),
 * and an app of another API major is refused with 426 and a sentence naming the side to update.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  API_VERSION_HEADER,
  SYNC_API_VERSION,
  type ApiError,
  type HealthResponse,
  type ReadinessResponse,
} from '../../shared/sync/sync-protocol'
import { MIGRATIONS } from '../../server/migrations'
import type { RunningServer } from '../../server/server'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
} from './support/server-fixture'

let server: RunningServer | null = null

afterEach(async () => {
  await server?.close().catch(() => undefined)
  server = null
})

describe('liveness and readiness', () => {
  it('answers live and ready on a healthy server, and health still names the district', async () => {
    server = await startTestServer('pglite')
    const live = await api<{ ok: boolean }>(server.url, 'GET', '/api/health/live')
    expect(live.status).toBe(200)
    expect(live.body).toEqual({ ok: true })
    const ready = await api<ReadinessResponse>(server.url, 'GET', '/api/health/ready')
    expect(ready.status).toBe(200)
    expect(ready.body).toEqual({
      ready: true,
      checks: { database: 'ok', migrations: 'ok', keys: 'ok' },
    })
    const health = await api<HealthResponse>(server.url, 'GET', '/api/health')
    expect(health.status).toBe(200)
    expect(health.body.apiVersion).toBe(SYNC_API_VERSION)
    expect(health.body.district.code).toBe(server.district.config.region.code)
  })

  it('is live but not ready once its database is closed under it', async () => {
    server = await startTestServer('pglite')
    await server.db.close()
    const ready = await api<ReadinessResponse>(server.url, 'GET', '/api/health/ready')
    expect(ready.status).toBe(503)
    expect(ready.body).toMatchObject({ ready: false, reason: 'DATABASE_UNAVAILABLE' })
    expect(JSON.stringify(ready.body)).not.toMatch(/stack|at \//)
    const live = await api(server.url, 'GET', '/api/health/live')
    expect(live.status).toBe(200)
  })

  it('is not ready when the database lacks a migration this build needs', async () => {
    server = await startTestServer('pglite')
    const latest = Math.max(...MIGRATIONS.map((migration) => migration.version))
    await server.db.query('DELETE FROM schema_migrations WHERE version = $1', [latest])
    const ready = await api<ReadinessResponse>(server.url, 'GET', '/api/health/ready')
    expect(ready.status).toBe(503)
    expect(ready.body).toMatchObject({ ready: false, reason: 'MIGRATIONS_PENDING' })
  })

  it('rate-limits the probes like every anonymous route', async () => {
    server = await startTestServer('pglite', {
      rateLimits: {
        perDevice: { capacity: 100, refillPerSecond: 0.001 },
        perIp: { capacity: 3, refillPerSecond: 0.001 },
        outerPerIp: { capacity: 100, refillPerSecond: 0.001 },
      },
    })
    const statuses: number[] = []
    for (const path of [
      '/api/health/live',
      '/api/health/ready',
      '/api/health',
      '/api/health/ready',
    ])
      statuses.push((await api(server.url, 'GET', path)).status)
    expect(statuses).toEqual([200, 200, 200, 429])
  })
})

describe('API version check', () => {
  it('serves an app of the same major, with or without a minor, and one that sends no version', async () => {
    server = await startTestServer('pglite')
    const office = await createKecamatanOffice(server, '64.02.06', 1)
    const clerk = await enrolAndLogin(server, office)
    for (const headers of <Record<string, string>[]>[
      { [API_VERSION_HEADER]: String(SYNC_API_VERSION) },
      { [API_VERSION_HEADER]: `${SYNC_API_VERSION}.7` },
      {},
    ]) {
      const pull = await api(server.url, 'GET', '/api/sync/participants/pull?limit=1', {
        token: clerk.token,
        headers,
      })
      expect(pull.status).toBe(200)
    }
  })

  it('tells an older app to update itself and a newer app that the server must be updated', async () => {
    server = await startTestServer('pglite')
    const office = await createKecamatanOffice(server, '64.02.06', 1)
    const clerk = await enrolAndLogin(server, office)
    const older = await api<ApiError>(server.url, 'POST', '/api/sync/participants/push', {
      token: clerk.token,
      headers: { [API_VERSION_HEADER]: String(SYNC_API_VERSION - 1) },
      body: { rows: [] },
    })
    expect(older.status).toBe(426)
    expect(older.body.error.code).toBe('API_VERSION_MISMATCH')
    expect(older.body.error.message).toMatch(/^Aplikasi di PC ini perlu diperbarui/)
    expect(older.headers.get(API_VERSION_HEADER)).toBe(String(SYNC_API_VERSION))

    // Before auth: a newer app is told even on the anonymous probe.
    const newer = await api<ApiError>(server.url, 'GET', '/api/health', {
      headers: { [API_VERSION_HEADER]: String(SYNC_API_VERSION + 1) },
    })
    expect(newer.status).toBe(426)
    expect(newer.body.error.message).toMatch(/^Server pusat masih versi lama/)
    expect(newer.body.error.message).toMatch(/memperbarui server/)
  })

  it('refuses a version header that is no version', async () => {
    server = await startTestServer('pglite')
    const junk = await api<ApiError>(server.url, 'GET', '/api/health', {
      headers: { [API_VERSION_HEADER]: 'satu' },
    })
    expect(junk.status).toBe(400)
  })

  it('lets the browser send the header cross-origin and read the refusal', async () => {
    server = await startTestServer('pglite', { allowedOrigins: ['http://127.0.0.1:5180'] })
    const preflight = await fetch(`${server.url}/api/sync/participants/pull`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:5180',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': `authorization,${API_VERSION_HEADER.toLowerCase()}`,
      },
    })
    expect(preflight.status).toBe(204)
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase()
    expect(allowed.split(/,\s*/)).toContain(API_VERSION_HEADER.toLowerCase())
    // The preflight is still cached: one round trip per URL every two hours, not per request.
    expect(Number(preflight.headers.get('access-control-max-age'))).toBeGreaterThanOrEqual(600)
    const refused = await fetch(`${server.url}/api/health`, {
      headers: { Origin: 'http://127.0.0.1:5180', [API_VERSION_HEADER]: '99' },
    })
    expect(refused.status).toBe(426)
    expect(refused.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5180')
  })
})
