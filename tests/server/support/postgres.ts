/**
 * A throwaway PostgreSQL 15 for tests and benchmarks: Debian's server binaries, a temp data folder,
 * a free port on 127.0.0.1, trust auth, fsync off (the cluster is deleted afterwards; the server
 * process under test is what gets killed, never PostgreSQL).
 *
 *   const pg = await startPostgres()
 *   const url = await pg.createDatabase()       // a fresh, empty database
 *   …
 *   await pg.stop()
 *
 * initdb refuses to run as root, so as root every PostgreSQL command runs as the `postgres` user
 * (`su postgres -s /bin/sh -c …`) in a folder made writable for it.
 */
import { execFile } from 'node:child_process'
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const execFileAsync = promisify(execFile)

export const POSTGRES_BIN_DIR = process.env.NAUNGAN_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin'

export interface TestPostgres {
  host: string
  port: number
  /** The cluster's folder (data in `data/`, socket in the folder itself). */
  dir: string
  /** Connection string for a database of this cluster (default `postgres`). */
  url(database?: string): string
  /** Creates an empty database and returns its connection string. */
  createDatabase(name?: string): Promise<string>
  /** Runs one SQL statement as superuser on a database (default `postgres`). */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    database?: string,
  ): Promise<T[]>
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

async function runAsPostgres(command: string[], postgresUid: number | null): Promise<void> {
  const line = command.map(shellQuote).join(' ')
  if (postgresUid === null) {
    await execFileAsync('/bin/sh', ['-c', line], { timeout: 60_000 })
  } else {
    await execFileAsync('su', ['postgres', '-s', '/bin/sh', '-c', line], { timeout: 60_000 })
  }
}

async function postgresUserIds(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null
  const { stdout } = await execFileAsync('id', ['-u', 'postgres'])
  const { stdout: group } = await execFileAsync('id', ['-g', 'postgres'])
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) }
}

let databaseCounter = 0

export async function startPostgres(
  options: { maxConnections?: number; extraSettings?: Record<string, string> } = {},
): Promise<TestPostgres> {
  const ids = await postgresUserIds()
  const dir = mkdtempSync(join(tmpdir(), 'naungan-pg-'))
  const dataDir = join(dir, 'data')
  if (ids) {
    chownSync(dir, ids.uid, ids.gid)
    chmodSync(dir, 0o700)
  }
  const uid = ids ? ids.uid : null
  const port = await freePort()
  const host = '127.0.0.1'
  await runAsPostgres(
    [
      join(POSTGRES_BIN_DIR, 'initdb'),
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ],
    uid,
  )
  const settings: Record<string, string> = {
    listen_addresses: host,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: String(options.maxConnections ?? 200),
    ...options.extraSettings,
  }
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    ...Object.entries(settings).map(([key, value]) => `-c ${key}=${value}`),
  ].join(' ')
  await runAsPostgres(
    [
      join(POSTGRES_BIN_DIR, 'pg_ctl'),
      '-D',
      dataDir,
      '-l',
      join(dir, 'server.log'),
      '-o',
      serverOptions,
      '-w',
      'start',
    ],
    uid,
  )

  const url = (database = 'postgres') => `postgres://postgres@${host}:${port}/${database}`
  const query = async <T>(sql: string, params: unknown[] = [], database = 'postgres') => {
    const client = new pg.Client({ connectionString: url(database) })
    await client.connect()
    try {
      return (await client.query(sql, params)).rows as T[]
    } finally {
      await client.end()
    }
  }
  let isStopped = false
  return {
    host,
    port,
    dir,
    url,
    query,
    async createDatabase(name = `naungan_test_${process.pid}_${++databaseCounter}`) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name ${name}`)
      await query(`CREATE DATABASE ${name}`)
      return url(name)
    },
    async stop() {
      if (isStopped) return
      isStopped = true
      try {
        await runAsPostgres(
          [join(POSTGRES_BIN_DIR, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop'],
          uid,
        )
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
