/**
 * The server under benchmark, as production runs it: its own OS process (`server/cli.ts`), so the
 * load generator, the throttling proxy and the server do not share one event loop. Accounts are
 * made first by an in-process server on the same database (no admin HTTP round trips), which is
 * then closed; the devices enrol and log in over HTTP like the app.
 *
 *   const bench = await startBenchServer('pglite', async (admin) => …make offices, users, codes…)
 *   … bench.url …
 *   await bench.stop()
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EnrolResponse, OfficeInfo, SessionResponse } from '../../../shared/sync/sync-protocol'
import { startServer, type RunningServer } from '../../../server/server'
import { startPostgres, type TestPostgres } from '../../server/support/postgres'
import { spawnServerProcess, type ServerProcess } from '../../server/support/server-process'
import { HttpClient } from './http-client'

// The next few lines mirror tests/server/support/server-fixture.ts, which cannot be imported
// here: it passes a Buffer to fetch, which the DOM typings of tsconfig.tests.json refuse.
const PASSWORD = 'kata-sandi-bench-123'
/** Cheap login hashes: logins are not what this benchmark measures. */
const CHEAP_LOGIN_HASH = { memoryKiB: 1024, iterations: 1, parallelism: 1 }

export async function createKecamatanOffice(
  server: RunningServer,
  kecamatanCode: string,
  officeNumber: number,
): Promise<OfficeInfo> {
  const shortCode = kecamatanCode.slice(-2)
  return server.admin.createOffice({
    code: `${shortCode}-${String(officeNumber).padStart(2, '0')}`,
    name: `Kantor Kecamatan ${shortCode} ${officeNumber}`,
    kind: 'kecamatan',
    kecamatanCode,
    officeNumber,
  })
}

export type Backend = 'pglite' | 'postgres'

export const BACKEND_LABEL: Record<Backend, string> = {
  pglite: 'PGlite 0.5 (embedded)',
  postgres: 'PostgreSQL 15',
}

/** A user with a fresh enrolment code for their office's device, made before the server runs. */
export interface BenchAccount {
  office: OfficeInfo
  username: string
  displayName: string
  enrolmentCode: string
}

export interface BenchServer {
  backend: Backend
  url: string
  process: ServerProcess
  /** CPU seconds used so far by the server's Node process. */
  serverCpuSeconds(): number
  /** CPU seconds used so far by the PostgreSQL cluster (0 with PGlite: it runs inside the server). */
  postgresCpuSeconds(): number
  stop(): Promise<void>
}

/** Creates the kecamatan offices `numbers` of every kecamatan that do not exist yet. */
export async function ensureKecamatanOffices(
  server: RunningServer,
  kecamatanCodes: readonly string[],
  numbers: readonly number[],
): Promise<void> {
  const { rows } = await server.db.query<{ code: string; kecamatan_code: string | null }>(
    'SELECT code, kecamatan_code FROM offices',
  )
  const existing = new Set(rows.map((row) => `${row.kecamatan_code}|${row.code}`))
  for (const kecamatanCode of kecamatanCodes) {
    for (const number of numbers) {
      const code = `${kecamatanCode.slice(-2)}-${String(number).padStart(2, '0')}`
      if (!existing.has(`${kecamatanCode}|${code}`)) {
        await createKecamatanOffice(server, kecamatanCode, number)
      }
    }
  }
}

let accountCounter = 0

/** Makes a user in `office` and a one-time enrolment code for a device of that office. */
export async function makeAccount(
  server: RunningServer,
  office: OfficeInfo,
  role: 'operator' | 'supervisor' | 'admin' = 'operator',
): Promise<BenchAccount> {
  const n = ++accountCounter
  const username = `bench${n}.${office.code.toLowerCase()}`
  const displayName = `Petugas ${office.code} ${n}`
  await server.admin.createUser({
    officeId: office.id,
    username,
    displayName,
    role,
    password: PASSWORD,
  })
  const { code } = await server.admin.createEnrolmentCode(office.id)
  return { office, username, displayName, enrolmentCode: code }
}

export async function startBenchServer<T>(
  backend: Backend,
  setup: (server: RunningServer) => Promise<T>,
  log: (message: string) => void,
): Promise<{ server: BenchServer; accounts: T }> {
  const keys = {
    tokenKey: randomBytes(32),
    dataKey: randomBytes(32),
    cardSigningKey: randomBytes(32),
  }
  let postgres: TestPostgres | null = null
  let dataDir: string | null = null
  let databaseUrl: string | undefined
  try {
    if (backend === 'postgres') {
      log('starting a throwaway PostgreSQL 15')
      postgres = await startPostgres()
      databaseUrl = await postgres.createDatabase()
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'naungan-sync-bench-'))
    }
    log(`creating offices and accounts (${backend})`)
    const setupServer = await startServer({
      database: databaseUrl ? { url: databaseUrl } : 'pglite',
      ...(dataDir ? { dataDir } : {}),
      keys,
      port: 0,
      host: '127.0.0.1',
      loginHashParams: CHEAP_LOGIN_HASH,
    })
    let accounts: T
    try {
      accounts = await setup(setupServer)
    } finally {
      await setupServer.close()
    }
    log(`starting the server process (${backend})`)
    const child = await spawnServerProcess({
      ...(databaseUrl ? { databaseUrl } : { dataDir: dataDir as string }),
      keys,
      startTimeoutMs: 60_000,
    })
    const pid = child.child.pid ?? 0
    const pg = postgres
    const dir = dataDir
    return {
      accounts,
      server: {
        backend,
        url: child.url,
        process: child,
        serverCpuSeconds: () => processCpuSeconds(pid),
        postgresCpuSeconds: () => (pg ? clusterCpuSeconds(pg.dir) : 0),
        async stop() {
          await child.stop()
          await pg?.stop()
          if (dir) rmSync(dir, { recursive: true, force: true })
        },
      },
    }
  } catch (error) {
    await postgres?.stop().catch(() => undefined)
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}

export interface LoggedInDevice {
  account: BenchAccount
  deviceId: string
  deviceSecret: string
  token: string
  http: HttpClient
  /** A new session (fresh access token) for the same device and user. */
  relogin(): Promise<void>
}

/** Enrols a device with the account's one-time code and logs in, over HTTP like the app. */
export async function enrolAndLoginOverHttp(
  baseUrl: string,
  account: BenchAccount,
  http = new HttpClient(baseUrl),
): Promise<LoggedInDevice> {
  const enrol = await http.send<EnrolResponse>('POST', '/api/enrol', {
    body: { code: account.enrolmentCode, deviceName: `PC ${account.office.code}` },
  })
  if (enrol.status !== 200) throw new Error(`enrol failed: ${JSON.stringify(enrol.body)}`)
  const device: LoggedInDevice = {
    account,
    deviceId: enrol.body.deviceId,
    deviceSecret: enrol.body.deviceSecret,
    token: '',
    http,
    async relogin() {
      const login = await http.send<SessionResponse>('POST', '/api/session', {
        body: {
          deviceId: device.deviceId,
          deviceSecret: device.deviceSecret,
          username: account.username,
          password: PASSWORD,
        },
      })
      if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`)
      device.token = login.body.accessToken
    },
  }
  await device.relogin()
  return device
}

const CLOCK_TICKS_PER_SECOND = 100

/** /proc/<pid>/stat fields after the command name: [0] state, [1] ppid, … [11] utime. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may hold spaces: fields start after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/**
 * utime + stime of a process in seconds (Linux /proc); with `children`, plus the time of its
 * ended and reaped children. 0 where /proc is missing.
 */
export function processCpuSeconds(pid: number, children = false): number {
  const fields = statFields(pid)
  if (!fields) return 0
  const ticks =
    Number(fields[11]) +
    Number(fields[12]) +
    (children ? Number(fields[13]) + Number(fields[14]) : 0)
  return ticks / CLOCK_TICKS_PER_SECOND
}

/** The postmaster of a test cluster and all its live backends, plus ended backends. */
function clusterCpuSeconds(clusterDir: string): number {
  let postmaster: number
  try {
    postmaster = Number(
      readFileSync(join(clusterDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
    )
  } catch {
    return 0
  }
  let total = processCpuSeconds(postmaster, true)
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const fields = statFields(entry)
    if (fields && Number(fields[1]) === postmaster) total += processCpuSeconds(Number(entry))
  }
  return total
}

/** Busy and total jiffies of the whole machine (Linux /proc/stat). */
export function machineCpuTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
    const values = line.trim().split(/\s+/).slice(1).map(Number)
    const total = values.reduce((a, b) => a + b, 0)
    const idle = (values[3] ?? 0) + (values[4] ?? 0)
    return { busy: total - idle, total }
  } catch {
    return { busy: 0, total: 0 }
  }
}

export interface CpuWindow {
  serverCpuSeconds: number
  postgresCpuSeconds: number
  /** Share of all cores busy over the window. */
  machineBusyShare: number
  /** Part of that share used by processes outside this benchmark (other work on the machine). */
  otherBusyShare: number
}

/** Starts a CPU measurement window; call the result to close it. */
export function startCpuWindow(server: BenchServer): () => CpuWindow {
  const serverBefore = server.serverCpuSeconds()
  const postgresBefore = server.postgresCpuSeconds()
  const benchBefore = process.cpuUsage()
  const machineBefore = machineCpuTicks()
  return () => {
    const serverCpuSeconds = server.serverCpuSeconds() - serverBefore
    const postgresCpuSeconds = server.postgresCpuSeconds() - postgresBefore
    const bench = process.cpuUsage(benchBefore)
    const benchSeconds = (bench.user + bench.system) / 1e6
    const machineAfter = machineCpuTicks()
    const total = machineAfter.total - machineBefore.total
    const busy = machineAfter.busy - machineBefore.busy
    const own = (serverCpuSeconds + postgresCpuSeconds + benchSeconds) * CLOCK_TICKS_PER_SECOND
    return {
      serverCpuSeconds,
      postgresCpuSeconds,
      machineBusyShare: total > 0 ? busy / total : NaN,
      otherBusyShare: total > 0 ? Math.max(0, busy - own) / total : NaN,
    }
  }
}
