/**
 * Test helpers for the central server: start a real server on 127.0.0.1, set up an office with a
 * clerk on an enrolled device in one call, talk to the API like the app does, and make valid
 * participant documents.
 *
 *   const server = await startTestServer({ database: 'pglite' })     // or { url } from postgres.ts
 *   const office = await createKecamatanOffice(server, '64.02.06', 1)
 *   const clerk = await enrolAndLogin(server, office)                  // operator by default
 *   await clerk.push([{ newDocumentState: makeParticipant(office) }])
 *   await server.close()
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { nameSearchKey } from '../../../shared/participant/names'
import { requiredAgenciesFor } from '../../../shared/workflow/verification-config'
import { loadServerDistrict } from '../../../server/district'
import { formatRegistrationNumber } from '../../../shared/participant/registration-number'
import type {
  EnrolResponse,
  OfficeInfo,
  ParticipantWireDocument,
  PullCheckpoint,
  PullResponse,
  PushResponse,
  PushRow,
  Role,
  SessionResponse,
} from '../../../shared/sync/sync-protocol'
import type {
  AuditEntry,
  AuditPullResponse,
  AuditPushResponse,
  AuditSearchResponse,
} from '../../../shared/audit/audit-entry'
import type { ServerKeys } from '../../../server/crypto'
import { startServer, type RunningServer, type StartServerOptions } from '../../../server/server'

export const TEST_PASSWORD = 'kata-sandi-uji-123'

/** Cheap login hashes: the cost parameters are not what these tests are about. */
export const TEST_LOGIN_HASH_PARAMS = { memoryKiB: 1024, iterations: 1, parallelism: 1 }

export function randomKeys(): ServerKeys {
  return { tokenKey: randomBytes(32), dataKey: randomBytes(32), cardSigningKey: randomBytes(32) }
}

export function tempDir(prefix = 'naungan-server-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export type TestBackend = 'pglite' | { url: string }

export async function startTestServer(
  backend: TestBackend,
  options: Partial<StartServerOptions> = {},
): Promise<RunningServer> {
  return startServer({
    database: backend,
    dataDir: backend === 'pglite' ? tempDir() : undefined,
    keys: randomKeys(),
    port: 0,
    host: '127.0.0.1',
    loginHashParams: TEST_LOGIN_HASH_PARAMS,
    ...options,
  })
}

export interface ApiResponse<T = unknown> {
  status: number
  headers: Headers
  body: T
}

/** fetch with JSON in and out; never throws on an HTTP error status. */
export async function api<T = unknown>(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: {
    token?: string
    body?: unknown
    rawBody?: Buffer | string
    headers?: Record<string, string>
    gzipBody?: boolean
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  let body: Buffer | string | undefined = options.rawBody
  if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['Content-Type'] = 'application/json'
  }
  if (options.gzipBody && body !== undefined) {
    body = gzipSync(body)
    headers['Content-Encoding'] = 'gzip'
  }
  // A fresh Uint8Array<ArrayBuffer>: with the DOM lib (tsconfig.tests.json) a Buffer is no BodyInit.
  const sent = typeof body === 'string' || body === undefined ? body : new Uint8Array(body)
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: sent })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text === '' ? null : JSON.parse(text)
  } catch {
    // Leave as text.
  }
  return { status: response.status, headers: response.headers, body: parsed as T }
}

/** Raw HTTP body bytes (fetch decompresses transparently), to see what was on the wire. */
export async function rawGet(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<{
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}> {
  const { request } = await import('node:http')
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

export function gunzipJson<T>(body: Buffer): T {
  return JSON.parse(gunzipSync(body).toString('utf8')) as T
}

export async function createKecamatanOffice(
  server: RunningServer,
  kecamatanCode: string,
  officeNumber: number,
): Promise<OfficeInfo> {
  const shortCode = kecamatanCode.slice(-2)
  const code = `${shortCode}-${String(officeNumber).padStart(2, '0')}`
  return server.admin.createOffice({
    code,
    name: `Kantor Kecamatan ${shortCode} ${officeNumber}`,
    kind: 'kecamatan',
    kecamatanCode,
    officeNumber,
  })
}

let userCounter = 0
/**
 * Office id → display name of the first user the tests created in that office. By id, not code:
 * one test file starts several servers whose offices share codes.
 */
const firstUserOf = new Map<string, string>()

/** The display name `makeParticipant` writes as `createdBy`/`updatedBy` for `office`. */
export function recordAuthorOf(office: object): string {
  const id = 'id' in office && typeof office.id === 'string' ? office.id : undefined
  return (id !== undefined ? firstUserOf.get(id) : undefined) ?? 'operator'
}

export interface TestClient {
  office: OfficeInfo
  username: string
  password: string
  deviceId: string
  deviceSecret: string
  session: SessionResponse
  token: string
  push(rows: PushRow[]): Promise<ApiResponse<PushResponse>>
  pull(checkpoint: PullCheckpoint | null, limit?: number): Promise<ApiResponse<PullResponse>>
  /** Pulls page after page until caught up. */
  pullAll(
    checkpoint?: PullCheckpoint | null,
    limit?: number,
  ): Promise<{
    documents: ParticipantWireDocument[]
    checkpoint: PullCheckpoint | null
  }>
}

/**
 * A user of `office` (created directly), a device enrolled with a fresh one-time code over HTTP,
 * and a session from POST /api/session. `deviceOffice` enrols the device in another office
 * (e.g. a central admin on a kecamatan PC).
 */
export async function enrolAndLogin(
  server: RunningServer,
  office: OfficeInfo,
  options: { role?: Role; deviceOffice?: OfficeInfo; username?: string; displayName?: string } = {},
): Promise<TestClient> {
  const username = options.username ?? `user${process.pid}x${++userCounter}`
  const displayName = options.displayName ?? `Pengguna ${userCounter}`
  // The office's first user is who `makeParticipant(office)` says registered and last changed a
  // record: the server accepts only names of people who can sign in on the pushing PC.
  if (!firstUserOf.has(office.id)) firstUserOf.set(office.id, displayName)
  await server.admin.createUser({
    officeId: office.id,
    username,
    displayName,
    role: options.role ?? 'operator',
    password: TEST_PASSWORD,
  })
  const { code } = await server.admin.createEnrolmentCode((options.deviceOffice ?? office).id)
  const enrol = await api<EnrolResponse>(server.url, 'POST', '/api/enrol', {
    body: { code, deviceName: `PC ${username}` },
  })
  if (enrol.status !== 200) throw new Error(`enrol failed: ${JSON.stringify(enrol.body)}`)
  const login = await api<SessionResponse>(server.url, 'POST', '/api/session', {
    body: {
      deviceId: enrol.body.deviceId,
      deviceSecret: enrol.body.deviceSecret,
      username,
      password: TEST_PASSWORD,
    },
  })
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`)
  const client: TestClient = {
    office,
    username,
    password: TEST_PASSWORD,
    deviceId: enrol.body.deviceId,
    deviceSecret: enrol.body.deviceSecret,
    session: login.body,
    token: login.body.accessToken,
    push: (rows) =>
      api<PushResponse>(server.url, 'POST', '/api/sync/participants/push', {
        token: client.token,
        body: { rows },
      }),
    pull: (checkpoint, limit = 100) =>
      api<PullResponse>(
        server.url,
        'GET',
        `/api/sync/participants/pull?limit=${limit}${
          checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''
        }`,
        { token: client.token },
      ),
    async pullAll(checkpoint = null, limit = 1000) {
      const documents: ParticipantWireDocument[] = []
      let current = checkpoint
      for (;;) {
        const page = await client.pull(current, limit)
        if (page.status !== 200) throw new Error(`pull failed: ${JSON.stringify(page.body)}`)
        documents.push(...page.body.documents)
        current = page.body.checkpoint
        if (page.body.documents.length < limit) return { documents, checkpoint: current }
      }
    },
  }
  return client
}

let participantCounter = 0

/** `createdBy`/`updatedBy` as `client`'s PC writes them: its signed-in user's display name. */
export function authoredBy(client: TestClient): { createdBy: string; updatedBy: string } {
  const name = client.session.user.displayName
  return { createdBy: name, updatedBy: name }
}

/**
 * A participant that passes every server rule, registered by `office` (a kecamatan office) in
 * the name of its first test user (`recordAuthorOf`).
 * Each call gets a different NIK unless `nikSerial` is given.
 */
export function makeParticipant(
  office: Pick<OfficeInfo, 'kecamatanCode' | 'officeNumber' | 'code'>,
  overrides: Partial<ParticipantWireDocument> & { nikSerial?: number } = {},
): ParticipantWireDocument {
  const { nikSerial, ...fields } = overrides
  const n = ++participantCounter
  const serial = nikSerial ?? n
  const kecamatanCode = office.kecamatanCode ?? '64.02.06'
  const shortCode = kecamatanCode.slice(-2)
  // Men born on a day 1–28 of 1980–1999: NIK day = birth day; 9,999 serials per birth date. The
  // NIK is always first issued in Tenggarong (06): people move, and a shared NIK is a duplicate.
  const day = 1 + (Math.floor((serial - 1) / 9999) % 28)
  const year = 1980 + (Math.floor((serial - 1) / (9999 * 28)) % 20)
  const birthDate = `${year}-05-${String(day).padStart(2, '0')}`
  const nik = `640206${String(day).padStart(2, '0')}05${String(year).slice(2)}${String(
    ((serial - 1) % 9999) + 1,
  ).padStart(4, '0')}`
  const fullName = `Budi Santoso ${String.fromCharCode(65 + (n % 26))}`
  const now = new Date().toISOString()
  return {
    id: crypto.randomUUID(),
    registrationNumber: formatRegistrationNumber({
      kecamatanShortCode: shortCode,
      officeNumber: office.officeNumber ?? 1,
      sequence: (n % 999_999) + 1,
    }),
    nik,
    kk: `64020601011500${String(n % 100).padStart(2, '0')}`,
    fullName,
    nameKey: nameSearchKey(fullName),
    birthPlace: 'Tenggarong',
    birthDate,
    sex: 'L',
    address: 'Jl. Mangkurawang Gg. Damai No. 12',
    rt: '003',
    rw: '012',
    kecamatanCode,
    villageCode: VILLAGE_OF[kecamatanCode] ?? `${kecamatanCode}.1001`,
    occupationCode: 'nelayan',
    monthlyIncome: 1_500_000,
    phone: '+6281234567890',
    heirName: 'Siti Aminah',
    heirRelationship: 'suami-istri',
    status: 'submitted',
    officeCode: office.code,
    createdAt: now,
    createdBy: recordAuthorOf(office),
    updatedAt: now,
    updatedBy: recordAuthorOf(office),
    duplicates: [],
    conflicts: [],
    prints: [],
    // Submitted: waiting for every agency the occupation needs, as the app submits.
    checks: requiredAgenciesFor(shippedDistrict.config.verification, 'nelayan').map((agency) => ({
      agency,
      state: 'pending' as const,
    })),
    _deleted: false,
    ...fields,
  }
}

const shippedDistrict = loadServerDistrict()

/** One real village per kecamatan the tests use (resources/district/wilayah.csv). */
const VILLAGE_OF: Record<string, string> = {
  '64.02.01': '64.02.01.2001',
  '64.02.06': '64.02.06.1001',
}

/** Reads SSE `change` events from a stream until `count` arrived or the signal aborts. */
export async function openEventStream(
  baseUrl: string,
  token: string,
): Promise<{
  events: unknown[]
  waitFor(count: number, timeoutMs?: number): Promise<unknown[]>
  close(): void
}> {
  const controller = new AbortController()
  const response = await fetch(`${baseUrl}/api/sync/participants/stream`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: controller.signal,
  })
  if (response.status !== 200 || !response.body) {
    throw new Error(`stream failed with ${response.status}`)
  }
  const events: unknown[] = []
  const waiters: (() => void)[] = []
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const lines = block.split('\n')
          if (lines.includes('event: change')) {
            const data = lines.find((line) => line.startsWith('data: '))
            if (data) events.push(JSON.parse(data.slice(6)))
            waiters.splice(0).forEach((wake) => wake())
          }
          end = buffer.indexOf('\n\n')
        }
      }
    } catch {
      // Aborted.
    }
  })()
  return {
    events,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${events.length} of ${count} SSE events`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 100)
        })
      }
      return events
    },
    close: () => controller.abort(),
  }
}

// ---------------------------------------------------------------------------------------------
// Audit trail (shared/audit/audit-entry.ts)

let auditCounter = 0

/**
 * A history entry as `client`'s PC writes it: its user's display name and role, its office, its
 * device, the office's kecamatan, a masked NIK change. `overrides` on top.
 */
export function makeAuditEntry(
  client: TestClient,
  overrides: Partial<AuditEntry> = {},
): AuditEntry {
  auditCounter++
  return {
    id: crypto.randomUUID(),
    participantId: crypto.randomUUID(),
    kind: 'updated',
    changes: [
      { field: 'nik', from: '640206******0001', to: '640206******0009' },
      { field: 'address', from: 'Jl. Lama', to: `Jl. Baru No. ${auditCounter}` },
    ],
    at: new Date().toISOString(),
    by: client.session.user.displayName,
    role: client.session.user.role,
    officeCode: client.office.code,
    deviceId: client.deviceId,
    kecamatanCode: client.office.kecamatanCode ?? '64.02.06',
    ...overrides,
  }
}

/** The audit endpoints as `client` calls them. */
export function auditApi(server: RunningServer, client: TestClient) {
  const pull = (checkpoint: PullCheckpoint | null, limit = 100) =>
    api<AuditPullResponse>(
      server.url,
      'GET',
      `/api/sync/audit/pull?limit=${limit}${
        checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''
      }`,
      { token: client.token },
    )
  return {
    push: (rows: unknown[]) =>
      api<AuditPushResponse>(server.url, 'POST', '/api/sync/audit/push', {
        token: client.token,
        body: { rows },
      }),
    pull,
    /** Pulls page after page until caught up. */
    async pullAll(limit = 1000): Promise<AuditEntry[]> {
      const entries: AuditEntry[] = []
      let checkpoint: PullCheckpoint | null = null
      for (;;) {
        const page = await pull(checkpoint, limit)
        if (page.status !== 200) throw new Error(`audit pull failed: ${JSON.stringify(page.body)}`)
        entries.push(...page.body.documents)
        checkpoint = page.body.checkpoint
        if (page.body.documents.length < limit) return entries
      }
    },
    search: (query: Record<string, string>) =>
      api<AuditSearchResponse>(
        server.url,
        'GET',
        `/api/audit/search?${new URLSearchParams(query).toString()}`,
        { token: client.token },
      ),
  }
}
