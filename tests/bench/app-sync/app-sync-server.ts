/**
 * The central server for the app-sync benchmark, set up the way a district does it and filled the
 * way offices fill it:
 *
 * 1. `server/cli.ts create-admin` on an empty data folder (PGlite) prints the admin PC's code;
 * 2. the server process starts (`server/cli.ts --allowed-origins <the app's origin>`);
 * 3. the admin's device enrols and logs in over HTTP and, through the admin API, creates the
 *    kecamatan office 06-01 (Tenggarong) with two operators: a seeding clerk and the benchmark's
 *    user;
 * 4. the seeding clerk's PC enrols and pushes `count` registrations of its office over
 *    POST /api/sync/participants/push, `MAX_PUSH_ROWS` at a time, as a device does;
 * 5. the server stops, `server/cli.ts enrolment-code --office 06-01` prints the code for the PC
 *    under test, and the server starts again (cold, like a server the morning after).
 *
 * Everything on 127.0.0.1, in a temp folder removed by `stop()`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { District } from '../../../shared/district/district-config'
import {
  MAX_PUSH_ROWS,
  type EnrolResponse,
  type EnrolmentCodeResponse,
  type OfficeInfo,
  type ParticipantWireDocument,
  type PullResponse,
  type PushResponse,
  type SessionResponse,
  type UserInfo,
} from '../../../shared/sync/sync-protocol'
import { syntheticPerson } from '../synthetic-people'
import { assertValid, newRegistration } from '../sync/bench-participants'
import { HttpClient } from '../sync/http-client'
import { serveFromCli } from '../../e2e/support/cli-server'

const ROOT = resolve(import.meta.dirname, '../../..')
const CLI_TIMEOUT_MS = 60_000
const ADMIN = { username: 'admin.bench', password: 'kata-sandi-admin-bench-1' }
export const BENCH_USER = {
  username: 'petugas.bench',
  password: 'kata-sandi-petugas-bench-1',
  displayName: 'Rina Petugas Bench',
}
const SEEDER = {
  username: 'petugas.seed',
  password: 'kata-sandi-seed-bench-1',
  displayName: 'Petugas Seed',
}
export const BENCH_OFFICE = {
  code: '06-01',
  name: 'Kantor Kecamatan Tenggarong 1',
  kind: 'kecamatan' as const,
  kecamatanCode: '64.02.06',
  officeNumber: 1,
}

export interface WireFigures {
  documents: number
  /** JSON of every document as the pull returns them, one array. */
  jsonBytes: number
  /** That JSON gzipped as one stream (level 6): the least a link has to carry. */
  gzipBytes: number
  /** Node's pull loop at the app's page size over loopback, no proxy (for reference). */
  nodePull: { pages: number; ms: number; gzipBodyBytes: number }
}

export interface AppSyncServer {
  url: string
  office: OfficeInfo
  /** One-time codes `enrolment-code --office 06-01` printed, one per PC under test. */
  enrolmentCodes: string[]
  seeded: number
  seedMs: number
  wire: WireFigures
  /** A new session of the seeding clerk (for Node pulls through a proxy): tokens expire. */
  seederToken(): Promise<string>
  stop(): Promise<void>
}

function cliArgs(args: string[]): string[] {
  return ['--import', 'tsx', join(ROOT, 'server', 'cli.ts'), ...args]
}

function runCli(args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, cliArgs(args), {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
  })
  if (result.status !== 0) {
    throw new Error(`server/cli.ts ${args[0]} failed:\n${result.stdout}\n${result.stderr}`)
  }
  const code = /^Kode pendaftaran: (\S+)$/m.exec(result.stdout)?.[1]
  if (!code) throw new Error(`no enrolment code in:\n${result.stdout}`)
  return code
}

interface Served {
  url: string
  stop(): Promise<void>
}

async function call<T>(
  http: HttpClient,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<T> {
  // Bounded: a 429 waits as the server says, at most 20 times.
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await http.send<T>(method, path, options)
    if (response.status === 429) {
      const wait = Number(response.headers['retry-after']) || 1
      await new Promise((done) => setTimeout(done, wait * 1000))
      continue
    }
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`)
    }
    return response.body
  }
  throw new Error(`${method} ${path}: still rate limited`)
}

/** Logs `user` in on an enrolled PC; returns the access token. */
async function login(
  http: HttpClient,
  device: EnrolResponse,
  user: { username: string; password: string },
): Promise<string> {
  const session = await call<SessionResponse>(http, 'POST', '/api/session', {
    body: {
      deviceId: device.deviceId,
      deviceSecret: device.deviceSecret,
      username: user.username,
      password: user.password,
    },
  })
  return session.accessToken
}

/** Enrols a PC with `code` and logs `user` in on it. */
async function enrolAndLogin(
  http: HttpClient,
  code: string,
  user: { username: string; password: string },
): Promise<{ device: EnrolResponse; token: string }> {
  const device = await call<EnrolResponse>(http, 'POST', '/api/enrol', {
    body: { code, deviceName: `PC ${user.username}` },
  })
  return { device, token: await login(http, device, user) }
}

/**
 * Registration `index` of office 06-01: a synthetic person (unique NIK for index < 199,980, NIKs
 * issued anywhere in the district: people move) living in Tenggarong, numbered 0601-<index + 1>.
 */
export function officeRegistration(
  index: number,
  district: District,
  clerk: string,
): ParticipantWireDocument {
  const person = syntheticPerson(index, district)
  const villages = district.regions.villagesOf(BENCH_OFFICE.kecamatanCode)
  const village = villages[index % villages.length]
  if (!village) throw new Error(`no villages in ${BENCH_OFFICE.kecamatanCode}`)
  const doc = newRegistration(
    person,
    {
      officeCode: BENCH_OFFICE.code,
      kecamatanShortCode: BENCH_OFFICE.kecamatanCode.slice(-2),
      officeNumber: BENCH_OFFICE.officeNumber,
      clerk,
    },
    index + 1,
  )
  return { ...doc, kecamatanCode: BENCH_OFFICE.kecamatanCode, villageCode: village.code }
}

/**
 * The app's pull loop in Node (no browser): pages of `limit` from checkpoint null, one request at
 * a time on a keep-alive connection, gzip accepted. `gzipBodyBytes` is the bodies as received.
 */
export async function nodePullAll(
  http: HttpClient,
  token: string,
  limit: number,
): Promise<{
  documents: ParticipantWireDocument[]
  pages: number
  ms: number
  gzipBodyBytes: number
}> {
  const documents: ParticipantWireDocument[] = []
  let checkpoint: PullResponse['checkpoint'] = null
  let pages = 0
  let gzipBodyBytes = 0
  const started = performance.now()
  // Bounded: at most 10,000 pages and 100 waits on a 429.
  for (let round = 0, waits = 0; round < 10_000 && waits < 100; round++) {
    const query = new URLSearchParams({ limit: String(limit) })
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint))
    const page = await http.send<PullResponse>('GET', `/api/sync/participants/pull?${query}`, {
      token,
    })
    if (page.status === 429) {
      waits++
      const wait = Number(page.headers['retry-after']) || 1
      await new Promise((done) => setTimeout(done, wait * 1000))
      continue
    }
    if (page.status !== 200) throw new Error(`pull failed: ${page.status}`)
    pages++
    gzipBodyBytes += page.wireBytes
    documents.push(...page.body.documents)
    checkpoint = page.body.checkpoint
    if (page.body.documents.length < limit) break
  }
  return { documents, pages, ms: performance.now() - started, gzipBodyBytes }
}

export async function startAppSyncServer(options: {
  count: number
  /** The origin the built renderer is served from (CORS). */
  appOrigin: string
  district: District
  pullBatchSize: number
  /** How many PCs will enrol (one code each). */
  enrolmentCodes: number
  log: (message: string) => void
}): Promise<AppSyncServer> {
  const home = mkdtempSync(join(tmpdir(), 'naungan-app-sync-'))
  const dataDir = join(home, 'data')
  const keyFile = join(home, 'server-keys.json')
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.DATABASE_URL
  delete env.NAUNGAN_ALLOWED_ORIGINS
  const storage = ['--data', dataDir, '--key-file', keyFile]
  let served: Served | null = null
  try {
    options.log('server: create-admin')
    const adminCode = runCli(
      ['create-admin', ...storage, '--username', ADMIN.username, '--password', ADMIN.password],
      env,
    )
    const serveArgs = [...storage, '--allowed-origins', options.appOrigin]
    served = await serveFromCli(serveArgs, env)
    const http = new HttpClient(served.url)
    const { token: adminToken } = await enrolAndLogin(http, adminCode, ADMIN)
    const office = await call<OfficeInfo>(http, 'POST', '/api/admin/offices', {
      token: adminToken,
      body: BENCH_OFFICE,
    })
    for (const user of [SEEDER, BENCH_USER]) {
      await call<UserInfo>(http, 'POST', '/api/admin/users', {
        token: adminToken,
        body: { officeId: office.id, role: 'operator', ...user },
      })
    }
    const seederCode = await call<EnrolmentCodeResponse>(
      http,
      'POST',
      '/api/admin/enrolment-codes',
      { token: adminToken, body: { officeId: office.id } },
    )
    const seeder = await enrolAndLogin(http, seederCode.code, SEEDER)
    const seederToken = seeder.token

    options.log(`server: pushing ${options.count} registrations of ${office.code}`)
    const seedStarted = performance.now()
    let lastLog = seedStarted
    for (let start = 0; start < options.count; start += MAX_PUSH_ROWS) {
      const rows = []
      for (let i = start; i < Math.min(options.count, start + MAX_PUSH_ROWS); i++) {
        const doc = officeRegistration(i, options.district, SEEDER.displayName)
        if (i < 200) assertValid(doc, options.district)
        rows.push({ newDocumentState: doc })
      }
      const pushed = await call<PushResponse>(http, 'POST', '/api/sync/participants/push', {
        token: seederToken,
        body: { rows },
      })
      if (pushed.rejected.length > 0 || pushed.conflicts.length > 0) {
        throw new Error(`seed refused: ${JSON.stringify(pushed).slice(0, 600)}`)
      }
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now()
        options.log(`  pushed ${start + rows.length} of ${options.count}`)
      }
    }
    const seedMs = performance.now() - seedStarted

    options.log('server: reading the wire documents back (Node pull loop, loopback)')
    const pulled = await nodePullAll(http, seederToken, options.pullBatchSize)
    if (pulled.documents.length !== options.count) {
      throw new Error(`pulled ${pulled.documents.length} of ${options.count}`)
    }
    const json = Buffer.from(JSON.stringify(pulled.documents), 'utf8')
    const wire: WireFigures = {
      documents: pulled.documents.length,
      jsonBytes: json.length,
      gzipBytes: gzipSync(json).length,
      nodePull: { pages: pulled.pages, ms: pulled.ms, gzipBodyBytes: pulled.gzipBodyBytes },
    }
    http.agent.destroy()

    options.log('server: restart, enrolment-code --office 06-01')
    await served.stop()
    served = null
    const enrolmentCodes = Array.from({ length: options.enrolmentCodes }, () =>
      runCli(['enrolment-code', ...storage, '--office', office.code], env),
    )
    served = await serveFromCli(serveArgs, env)
    const running = served
    return {
      url: running.url,
      office,
      enrolmentCodes,
      seeded: options.count,
      seedMs,
      wire,
      async seederToken() {
        const direct = new HttpClient(running.url)
        try {
          return await login(direct, seeder.device, SEEDER)
        } finally {
          direct.agent.destroy()
        }
      },
      async stop() {
        await running.stop()
        rmSync(home, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await served?.stop()
    rmSync(home, { recursive: true, force: true })
    throw error
  }
}
