import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { APP_URL } from './chromium'
import type { OfficeInfo, PushResponse, Role } from '../../../shared/sync/sync-protocol'

/** The central server of the sync stories, in its own process (see sync-server-main.ts). */
export interface SyncServer {
  url: string
  createKecamatanOffice(kecamatanCode: string, officeNumber: number): Promise<OfficeInfo>
  centralOffice(): Promise<OfficeInfo>
  createUser(user: {
    officeId: string
    username: string
    displayName: string
    role: Role
    password: string
  }): Promise<unknown>
  createEnrolmentCode(officeId: string): Promise<{ code: string }>
  /** The admin HTTP API, called as a central admin on the server's own enrolled device. */
  adminApi<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>
  /** Every participant on the server (tombstones included), as a central admin pulls them. */
  pullAll<T = unknown>(): Promise<T[]>
  /** A backup taken while the server serves (`npm run server -- backup`); returns its file. */
  backup(): Promise<string>
  /**
   * Stops the server, restores its folder from `file` (`restore --force`) and starts it again on
   * the same address with the same keys; returns the new server generation.
   */
  restore(file: string): Promise<{ generation: string }>
  /** Every history entry on the server's audit trail. */
  auditEntries<T = unknown>(): Promise<T[]>
  /** Registers people in `office` from another of its PCs; returns the documents pushed. */
  seedParticipants<T = unknown>(office: OfficeInfo, fullNames: string[]): Promise<T[]>
  /**
   * Registers people in `office` and takes them through the workflow over the sync API (clerk
   * submits, each required agency confirms, a central supervisor approves); returns the
   * approved documents as the server holds them.
   */
  seedApprovedParticipants<T = unknown>(office: OfficeInfo, fullNames: string[]): Promise<T[]>
  /**
   * Approved as `seedApprovedParticipants`, then enrolled by a central supervisor as BPJS's answer
   * would: a KPJ each and a coverage period from `coverageStart` (YYYY-MM-DD). Only such people
   * get a membership card.
   */
  seedCoveredParticipants<T = unknown>(
    office: OfficeInfo,
    fullNames: string[],
    coverageStart: string,
    /** Full name → YYYY-MM-DD for the people whose age matters; the NIK follows it. */
    birthDates?: Record<string, string>,
    /** The first six digits of their NIKs ('647201'); Tenggarong's ('640206') by default. */
    nikRegion?: string,
  ): Promise<T[]>
  /** GET /api/card-keys: the district public keys (base64url). */
  cardKeys(): Promise<{ districtPublicKeys: string[] }>
  /** A district-wide office of one checking agency (its users are verifiers). */
  createAgencyOffice(agencyCode: string): Promise<OfficeInfo>
  /**
   * A verifier of `office`, on a device of its own, pushes `participantId` with `changes` applied
   * straight to the sync API (no app in between); returns the server's answer.
   */
  pushAsVerifier(
    office: OfficeInfo,
    participantId: string,
    changes: Record<string, unknown>,
  ): Promise<{ status: number; body: PushResponse }>
  close(): Promise<void>
}

const START_TIMEOUT_MS = 40_000
const CALL_TIMEOUT_MS = 20_000

/**
 * `district`: another district's folder and the address its build is served from (the suite's
 * second district); by default the shipped district and APP_URL.
 */
export async function startSyncServer(
  district: { dir: string; appUrl: string } | null = null,
): Promise<SyncServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The browser build under test is served from one address: the server answers that origin.
    NAUNGAN_ALLOWED_ORIGINS: new URL(district?.appUrl ?? APP_URL).origin,
  }
  if (district) env.NAUNGAN_DISTRICT_DIR = district.dir
  else delete env.NAUNGAN_DISTRICT_DIR
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/e2e/support/sync-server-main.ts'],
    { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'pipe'], env },
  )
  let log = ''
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  let ready: (url: string) => void = () => undefined
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`sync server did not start:\n${log}`)),
      START_TIMEOUT_MS,
    )
    ready = (value) => {
      clearTimeout(timer)
      resolve(value)
    }
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`sync server exited:\n${log}`))
    })
  })
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('@@')) return
    const message = JSON.parse(line.slice(2)) as {
      ready?: boolean
      url?: string
      id?: number
      ok?: boolean
      result?: unknown
      error?: string
    }
    if (message.ready && message.url) return ready(message.url)
    const waiter = pending.get(message.id ?? -1)
    if (!waiter) return
    pending.delete(message.id!)
    if (message.ok) waiter.resolve(message.result)
    else waiter.reject(new Error(message.error))
  })
  let nextId = 0
  const call = <T>(op: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new Error(`sync server: ${op} timed out`))
      }, CALL_TIMEOUT_MS)
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value as T)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`)
    })
  const baseUrl = await url
  return {
    url: baseUrl,
    createKecamatanOffice: (kecamatanCode, officeNumber) =>
      call('createKecamatanOffice', { kecamatanCode, officeNumber }),
    centralOffice: () => call('centralOffice'),
    createUser: (user) => call('createUser', user),
    createEnrolmentCode: (officeId) => call('createEnrolmentCode', { officeId }),
    adminApi: (method, path, body) => call('adminApi', { method, path, body }),
    pullAll: () => call('pullAll'),
    backup: () => call('backup'),
    restore: (file) => call('restore', { file }),
    auditEntries: () => call('auditEntries'),
    seedParticipants: (office, fullNames) => call('seedParticipants', { office, fullNames }),
    seedApprovedParticipants: (office, fullNames) =>
      call('seedApprovedParticipants', { office, fullNames }),
    seedCoveredParticipants: (office, fullNames, coverageStart, birthDates, nikRegion) =>
      call('seedCoveredParticipants', { office, fullNames, coverageStart, birthDates, nikRegion }),
    cardKeys: () => call('cardKeys'),
    createAgencyOffice: (agencyCode) => call('createAgencyOffice', { agencyCode }),
    pushAsVerifier: (office, participantId, changes) =>
      call('pushAsVerifier', { office, participantId, changes }),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.stdin!.write(`${JSON.stringify({ id: ++nextId, op: 'close', args: {} })}\n`)
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
