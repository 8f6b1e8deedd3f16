/**
 * One small interface over the two engines the server runs on: embedded PGlite (a data folder, no
 * installation) and a real PostgreSQL (`DATABASE_URL`). Everything above this file writes plain
 * SQL that PostgreSQL 15 and PGlite (PostgreSQL 18) both accept.
 */
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

export interface QueryResult<T> {
  rows: T[]
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
  /**
   * Calls `onNotify` for each NOTIFY on `channel`, and `onNotify(null)` after a lost listening
   * connection came back (notifications may have been missed meanwhile).
   */
  listen(channel: string, onNotify: (payload: string | null) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir)
  // PGlite runs one statement at a time, so every caller, transaction or not, goes through it.
  return {
    kind: 'pglite',
    query: async <T>(sql: string, params?: unknown[]) => {
      const result = await db.query<T>(sql, params)
      return { rows: result.rows }
    },
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <T>(sql: string, params?: unknown[]) => {
            const result = await tx.query<T>(sql, params)
            return { rows: result.rows }
          },
        }),
      ),
    async listen(channel, onNotify) {
      const unlisten = await db.listen(channel, (payload) => onNotify(payload))
      return async () => {
        await unlisten()
      }
    },
    close: () => db.close(),
  }
}

const RECONNECT_DELAY_MS = 1000

export async function openPostgresDatabase(
  connectionString: string,
  options: { maxConnections?: number } = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    application_name: 'naungan-server',
  })
  // An idle pooled connection that dies (server restart) must not crash the process.
  pool.on('error', (error) =>
    console.error('PostgreSQL pool: idle connection lost:', error.message),
  )
  await pool.query('SELECT 1')
  let closed = false
  const listeners: { stop(): Promise<void> }[] = []

  const database: Database = {
    kind: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => {
      const result = await pool.query(sql, params)
      return { rows: result.rows as T[] }
    },
    async transaction(work) {
      const client = await pool.connect()
      let isBroken = false
      try {
        await client.query('BEGIN')
        const result = await work({
          query: async <T>(sql: string, params?: unknown[]) => {
            const r = await client.query(sql, params)
            return { rows: r.rows as T[] }
          },
        })
        await client.query('COMMIT')
        return result
      } catch (error) {
        try {
          await client.query('ROLLBACK')
        } catch {
          isBroken = true
        }
        throw error
      } finally {
        client.release(isBroken)
      }
    },
    async listen(channel, onNotify) {
      // A dedicated connection per process: pooled connections cannot hold a LISTEN.
      let client: pg.Client | null = null
      let stopped = false
      let timer: NodeJS.Timeout | null = null
      const scheduleReconnect = () => {
        if (stopped || closed || timer) return
        timer = setTimeout(() => {
          timer = null
          connect(true).catch(scheduleReconnect)
        }, RECONNECT_DELAY_MS)
      }
      const connect = async (isReconnect: boolean): Promise<void> => {
        const next = new pg.Client({ connectionString, application_name: 'naungan-listen' })
        next.on('notification', (message) => {
          if (message.channel === channel) onNotify(message.payload ?? '')
        })
        const lost = () => {
          if (client === next) client = null
          next.end().catch(() => undefined)
          scheduleReconnect()
        }
        next.on('error', (error) => {
          console.error('PostgreSQL LISTEN connection lost:', error.message)
          lost()
        })
        next.on('end', lost)
        try {
          await next.connect()
          await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
        } catch (error) {
          next.end().catch(() => undefined)
          throw error
        }
        if (stopped || closed) {
          await next.end().catch(() => undefined)
          return
        }
        client = next
        if (isReconnect) onNotify(null)
      }
      await connect(false)
      const listener = {
        async stop() {
          stopped = true
          if (timer) clearTimeout(timer)
          const current = client
          client = null
          await current?.end().catch(() => undefined)
        },
      }
      listeners.push(listener)
      return () => listener.stop()
    },
    async close() {
      closed = true
      await Promise.all(listeners.map((listener) => listener.stop()))
      await pool.end()
    },
  }
  return database
}
