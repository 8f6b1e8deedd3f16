/**
 * How fast a backlog of history entries drains to the server's audit trail
 * (`npx tsx tests/bench/sync/run-audit-backlog-bench.ts [--sizes 600,3000,10000] [--backend pglite]`).
 *
 * Real parts, as in tests/sync/audit-replication.test.ts: the app's RxDB store on fake-indexeddb
 * (sealed fields, validation), the app's SyncController, and a real server (PGlite in process, or
 * a PostgreSQL 15 this script starts) in the same Node process. For each size a fresh PC writes
 * N entries while offline-in-effect (before sync starts: the backlog an import or days offline
 * leave), then sync starts and the clock runs until the server holds all N.
 *
 * Where the time goes is taken from the PC's fetch: each audit push's round trip (server
 * validation + insert + HTTP) and the gaps between pushes (RxDB finding the next batch, the
 * modifier, our handler). 429 answers from the rate limiter are counted.
 *
 * Progress goes to stderr, the markdown table to stdout.
 */
import './raw-text-hook'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { cpus } from 'node:os'
import type { AuditEntry } from '../../../shared/audit/audit-entry'
import type { OfficeInfo } from '../../../shared/sync/sync-protocol'
import type { RunningServer } from '../../../server/server'
import type { Enrolment } from '../../../renderer/src/devices/device-enrolment'
import { ServerSession } from '../../../renderer/src/core/server-session'
import { openStore } from '../../../renderer/src/core/store/database'
import { SyncController } from '../../../renderer/src/sync/sync-controller'
import { AUDIT_PUSH_BATCH_SIZE } from '../../../renderer/src/sync/audit-replication'
import {
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
} from '../../server/support/server-fixture'
import { startPostgres, type TestPostgres } from '../../server/support/postgres'
import { formatCount, formatMs, median, percentile, sum } from '../stats'

const args = new Map<string, string>()
for (let i = 2; i < process.argv.length; i += 2) {
  args.set(String(process.argv[i]).replace(/^--/, ''), String(process.argv[i + 1]))
}
const sizes = (args.get('sizes') ?? '600,3000,10000').split(',').map(Number)
const backend = args.get('backend') === 'postgres' ? 'postgres' : 'pglite'
/** Entries per bulk insert while writing the backlog; 0: all in one write (one `lwt`). */
const writeSlice = Number(args.get('write-slice') ?? 0)
const timeoutMs = Number(args.get('timeout-seconds') ?? 600) * 1000

interface Result {
  entries: number
  writeMs: number
  drainMs: number
  pushes: number
  pushRoundTrips: number[]
  gaps: number[]
  tooMany: number
  maxBodyBytes: number
}

/** A typical history entry: registration-like, with the masked NIK and a dozen fields. */
function entryFor(
  index: number,
  clerk: Awaited<ReturnType<typeof enrolAndLogin>>,
  office: OfficeInfo,
): AuditEntry {
  return {
    id: crypto.randomUUID(),
    participantId: crypto.randomUUID(),
    kind: 'imported',
    changes: [
      { field: 'nik', from: '', to: '640206******0001' },
      { field: 'fullName', from: '', to: `Peserta Impor ${index}` },
      { field: 'address', from: '', to: `Jl. Mawar No. ${index}, RT 003/RW 004` },
      { field: 'village', from: '', to: 'Desa Sukamaju' },
      { field: 'occupation', from: '', to: 'Nelayan' },
      { field: 'birthDate', from: '', to: '1980-05-15' },
    ],
    at: new Date(Date.UTC(2026, 10, 20) + index * 1000).toISOString(),
    by: clerk.session.user.displayName,
    role: clerk.session.user.role,
    officeCode: office.code,
    deviceId: clerk.deviceId,
    kecamatanCode: office.kecamatanCode ?? '64.02.06',
  }
}

async function runOnce(server: RunningServer, entries: number, run: number): Promise<Result> {
  const office = await createKecamatanOffice(server, '64.02.06', run)
  const clerk = await enrolAndLogin(server, office)
  const store = await openStore({
    name: `audit-backlog-${run}-${Date.now()}`,
    secretHex: `${run % 10}7`.repeat(32),
    indexedDB,
    IDBKeyRange,
  })

  const writeStart = performance.now()
  const backlog = Array.from({ length: entries }, (_, i) => entryFor(i, clerk, office))
  const slice = writeSlice > 0 ? writeSlice : backlog.length
  for (let i = 0; i < backlog.length; i += slice) {
    await store.db.participant_changes.bulkInsert(backlog.slice(i, i + slice))
  }
  const writeMs = performance.now() - writeStart

  const pushRoundTrips: number[] = []
  const gaps: number[] = []
  let lastPushEnd = 0
  let tooMany = 0
  let maxBodyBytes = 0
  const measuringFetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const isPush = input.endsWith('/api/sync/audit/push')
    const started = performance.now()
    if (isPush) {
      if (lastPushEnd > 0) gaps.push(started - lastPushEnd)
      maxBodyBytes = Math.max(maxBodyBytes, String(init?.body ?? '').length)
    }
    const response = await fetch(input, init)
    if (response.status === 429) tooMany++
    if (isPush) {
      lastPushEnd = performance.now()
      pushRoundTrips.push(lastPushEnd - started)
    }
    return response
  }
  const enrolment: Enrolment = {
    serverUrl: server.url,
    deviceId: clerk.deviceId,
    deviceName: `PC bench ${run}`,
    office,
    enrolledAt: new Date().toISOString(),
  }
  const session = new ServerSession({
    baseUrl: server.url,
    credential: { deviceId: clerk.deviceId, deviceSecret: clerk.deviceSecret },
    username: clerk.username,
    password: clerk.password,
    fetch: measuringFetch,
    onRevoked: () => undefined,
  })
  const controller = new SyncController({
    store,
    enrolment,
    session,
    fetch: measuringFetch,
    linkEvents: new EventTarget(),
  })

  const countOnServer = async () => {
    const { rows } = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_entries WHERE device_id = $1',
      [clerk.deviceId],
    )
    return Number(rows[0]?.n ?? 0)
  }

  const drainStart = performance.now()
  await controller.start()
  let lastReport = 0
  for (;;) {
    const count = await countOnServer()
    const elapsed = performance.now() - drainStart
    if (count >= entries) break
    if (elapsed > timeoutMs) {
      process.stderr.write(`  timed out at ${count}/${entries}\n`)
      break
    }
    if (elapsed - lastReport > 5000) {
      lastReport = elapsed
      process.stderr.write(`  ${formatMs(elapsed)}: ${count}/${entries} on the server\n`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const drainMs = performance.now() - drainStart

  await controller.stop()
  session.close()
  await store.close().catch(() => undefined)
  return {
    entries,
    writeMs,
    drainMs,
    pushes: pushRoundTrips.length,
    pushRoundTrips,
    gaps,
    tooMany,
    maxBodyBytes,
  }
}

async function main(): Promise<void> {
  let postgres: TestPostgres | null = null
  if (backend === 'postgres') postgres = await startPostgres()
  const server = await startTestServer(
    postgres ? { url: await postgres.createDatabase() } : 'pglite',
  )
  const results: Result[] = []
  try {
    let run = 1
    for (const size of sizes) {
      process.stderr.write(`${formatCount(size)} entries…\n`)
      const result = await runOnce(server, size, run++)
      results.push(result)
      process.stderr.write(
        `  drained in ${formatMs(result.drainMs)} (${result.pushes} pushes, ${result.tooMany} × 429)\n`,
      )
    }
  } finally {
    await server.close()
    await postgres?.stop()
  }

  const lines = [
    `## Audit backlog drain (${backend}, ${cpus().length} cores, push batch ${AUDIT_PUSH_BATCH_SIZE}, backlog written ${writeSlice > 0 ? `${writeSlice} per write` : 'in one write'})`,
    '',
    '| entries | write backlog | drain | entries/s | pushes | push RTT median / p95 | gap between pushes median / p95 | pushes total / gaps total | 429s | largest body |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) =>
      [
        '',
        formatCount(r.entries),
        formatMs(r.writeMs),
        formatMs(r.drainMs),
        formatCount(Math.round(r.entries / (r.drainMs / 1000))),
        formatCount(r.pushes),
        `${formatMs(median(r.pushRoundTrips))} / ${formatMs(percentile(r.pushRoundTrips, 95))}`,
        `${formatMs(median(r.gaps))} / ${formatMs(percentile(r.gaps, 95))}`,
        `${formatMs(sum(r.pushRoundTrips))} / ${formatMs(sum(r.gaps))}`,
        String(r.tooMany),
        `${formatCount(Math.round(r.maxBodyBytes / 1024))} kB`,
        '',
      ]
        .join(' | ')
        .trim(),
    ),
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
