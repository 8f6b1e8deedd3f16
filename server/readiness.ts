/**
 * Liveness and readiness for a supervisor or a load balancer (docs/operations.md, "Monitoring").
 * Live: the process answers HTTP; nothing else is touched, so a slow database never gets a healthy
 * process restarted. Ready: this process can serve a sync right now — the database answers a
 * trivial query within a short timeout, every migration this build knows is applied, and the keys
 * are loaded. A probe that fails says which check, never a stack or a connection string.
 */
import type { ReadinessResponse } from '../shared/sync/sync-protocol'
import type { ServerKeys } from './crypto'
import type { Queryable } from './database'
import { MIGRATIONS } from './migrations'

/** A database slower than this to answer `SELECT 1` is as good as gone for a sync. */
export const READINESS_TIMEOUT_MS = 2000

const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((migration) => migration.version))

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms)
  })
  // A query that settles after the timeout must not become an unhandled rejection.
  work.catch(() => undefined)
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

const hasKey = (key: Buffer | undefined) => key !== undefined && key.length === 32

export async function checkReadiness(
  db: Queryable,
  keys: ServerKeys,
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<ReadinessResponse> {
  if (!hasKey(keys.tokenKey) || !hasKey(keys.dataKey) || !hasKey(keys.cardSigningKey)) {
    return { ready: false, reason: 'KEYS_MISSING', message: 'Kunci server belum dimuat.' }
  }
  let latest: number
  try {
    await withTimeout(db.query('SELECT 1'), timeoutMs)
    const { rows } = await withTimeout(
      db.query<{ latest: number | null }>('SELECT max(version) AS latest FROM schema_migrations'),
      timeoutMs,
    )
    latest = Number(rows[0]?.latest ?? 0)
  } catch {
    return {
      ready: false,
      reason: 'DATABASE_UNAVAILABLE',
      message: `Basis data tidak menjawab dalam ${timeoutMs / 1000} detik.`,
    }
  }
  if (latest < LATEST_MIGRATION) {
    return {
      ready: false,
      reason: 'MIGRATIONS_PENDING',
      message: `Skema basis data versi ${latest}, server ini butuh versi ${LATEST_MIGRATION}.`,
    }
  }
  return { ready: true, checks: { database: 'ok', migrations: 'ok', keys: 'ok' } }
}
