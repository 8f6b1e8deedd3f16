/**
 * A backlog of history entries (an import writes hundreds in one bulk insert; a PC offline for
 * days collects thousands) drains to the server's audit trail complete, each entry sent exactly
 * once, in pushes of the server's size (MAX_AUDIT_PUSH_ROWS), and found by a walk that reads
 * each entry once (renderer/src/audit/audit-backlog.ts) yet returns exactly what RxDB's own
 * checkpoint query returns. Speed is measured by tests/bench/sync/run-audit-backlog-bench.ts.
 *
 * Real parts: the app's RxDB store on fake-indexeddb, the app's SyncController, a PGlite server.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { getChangedDocumentsSince, type RxStorageDefaultCheckpoint } from 'rxdb'
import { currentTime } from '../../shared/dates/clock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MAX_AUDIT_PUSH_ROWS,
  type AuditEntry,
  type AuditPushRequest,
} from '../../shared/audit/audit-entry'
import { MAX_REQUEST_BODY_BYTES, type OfficeInfo } from '../../shared/sync/sync-protocol'
import type { RunningServer } from '../../server/server'
import { changedSinceByKeyset } from '../../renderer/src/core/store/audit-backlog'
import { withoutReceipt } from '../support/receipts'
import type { Enrolment } from '../../renderer/src/devices/device-enrolment'
import { ServerSession } from '../../renderer/src/core/server-session'
import { openStore, type NaunganStore } from '../../renderer/src/core/store/database'
import { SyncController } from '../../renderer/src/sync/sync-controller'
import { AUDIT_PUSH_BATCH_SIZE, auditPushParts } from '../../renderer/src/sync/audit-replication'
import {
  createKecamatanOffice,
  enrolAndLogin,
  makeAuditEntry,
  startTestServer,
  type TestClient,
} from '../server/support/server-fixture'

let server: RunningServer
let office: OfficeInfo
const stores: NaunganStore[] = []
const cleanups: (() => Promise<void>)[] = []

async function newStore(name: string): Promise<NaunganStore> {
  const store = await openStore({
    name: `audit-backlog-${name}-${performance.now()}`,
    secretHex: '5b'.repeat(32),
    indexedDB,
    IDBKeyRange,
  })
  stores.push(store)
  return store
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs
  while (!(await probe())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

beforeAll(async () => {
  server = await startTestServer('pglite')
  office = await createKecamatanOffice(server, '64.02.06', 1)
}, 60_000)

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
  for (const store of stores) await store.close().catch(() => undefined)
  await server?.close()
})

describe('finding the entries to push', () => {
  it('walks the same entries, in the same order, with the same checkpoints as RxDB', async () => {
    const store = await newStore('walk')
    const clerk = await enrolAndLogin(server, office)
    const collection = store.db.participant_changes
    // Bulk writes (one lwt each, ids in random order), single writes, and a bulk write again.
    await collection.bulkInsert(Array.from({ length: 53 }, () => makeAuditEntry(clerk)))
    for (let i = 0; i < 5; i++) await collection.insert(makeAuditEntry(clerk))
    await collection.bulkInsert(Array.from({ length: 31 }, () => makeAuditEntry(clerk)))
    await collection.insert(makeAuditEntry(clerk))

    const instance = collection.storageInstance
    const keyset = changedSinceByKeyset(instance, collection.schema.primaryPath)
    for (const batchSize of [1, 7, 53, 200]) {
      const walk = async (
        next: (
          limit: number,
          checkpoint?: RxStorageDefaultCheckpoint,
        ) => Promise<{ documents: { id: string }[]; checkpoint: RxStorageDefaultCheckpoint }>,
      ) => {
        const steps: { ids: string[]; checkpoint: RxStorageDefaultCheckpoint }[] = []
        let checkpoint: RxStorageDefaultCheckpoint | undefined
        for (;;) {
          const result = await next(batchSize, checkpoint)
          steps.push({ ids: result.documents.map((doc) => doc.id), checkpoint: result.checkpoint })
          if (result.documents.length === 0) return steps
          checkpoint = result.checkpoint
        }
      }
      const rxdb = await walk((limit, checkpoint) =>
        getChangedDocumentsSince(instance, limit, checkpoint),
      )
      const ours = await walk(keyset)
      expect(ours).toEqual(rxdb)
      expect(new Set(ours.flatMap((step) => step.ids)).size).toBe(90)
    }
  })

  it('splits a push by body size as well as by count', () => {
    const big = (id: number): AuditEntry => ({
      ...makeAuditEntry({
        session: { user: { displayName: 'Pengguna', role: 'operator' } },
        office,
        deviceId: 'pc',
      } as unknown as TestClient),
      id: `e${id}`,
      // The largest entry the schema allows: 64 changes of 300 three-byte characters each way.
      changes: Array.from({ length: 64 }, (_, i) => ({
        field: `field${i}`,
        from: 'ā'.repeat(300),
        to: 'ē'.repeat(300),
      })),
    })
    const small = Array.from({ length: 450 }, (_, i) => ({ ...big(i), changes: [] }))
    expect(auditPushParts(small).map((part) => part.length)).toEqual([200, 200, 50])

    const large = Array.from({ length: 60 }, (_, i) => big(i))
    const parts = auditPushParts(large)
    expect(parts.flat().map((entry) => entry.id)).toEqual(large.map((entry) => entry.id))
    for (const part of parts) {
      const request: AuditPushRequest = { rows: part }
      expect(new TextEncoder().encode(JSON.stringify(request)).length).toBeLessThan(
        MAX_REQUEST_BODY_BYTES,
      )
    }
    expect(parts.length).toBeGreaterThan(1)
  })
})

it('a backlog of 1,234 entries from one write and a few single ones arrives complete, each sent once, in pushes of 200', async () => {
  expect(AUDIT_PUSH_BATCH_SIZE).toBe(MAX_AUDIT_PUSH_ROWS)
  const clerk = await enrolAndLogin(server, office)
  const store = await newStore('drain')
  const backlog = Array.from({ length: 1_234 }, () => makeAuditEntry(clerk))
  const singles = Array.from({ length: 3 }, () => makeAuditEntry(clerk))
  await store.db.participant_changes.bulkInsert(backlog)
  for (const entry of singles) await store.db.participant_changes.insert(entry)
  const all = [...backlog, ...singles]

  const pushes: AuditPushRequest[] = []
  const recordingFetch = (input: string, init?: RequestInit) => {
    if (input.endsWith('/api/sync/audit/push')) {
      pushes.push(JSON.parse(String(init?.body)) as AuditPushRequest)
    }
    return fetch(input, init)
  }
  const enrolment: Enrolment = {
    serverUrl: server.url,
    deviceId: clerk.deviceId,
    deviceName: 'PC backlog',
    office,
    enrolledAt: currentTime().toISOString(),
  }
  const session = new ServerSession({
    baseUrl: server.url,
    credential: { deviceId: clerk.deviceId, deviceSecret: clerk.deviceSecret },
    username: clerk.username,
    password: clerk.password,
    fetch: recordingFetch,
    onRevoked: () => undefined,
  })
  const controller = new SyncController({
    store,
    enrolment,
    session,
    fetch: recordingFetch,
    linkEvents: new EventTarget(),
  })
  cleanups.push(async () => {
    await controller.stop()
    session.close()
  })
  await controller.start()

  const onServer = async () => {
    const { rows } = await server.db.query<{ entry: AuditEntry }>(
      'SELECT entry FROM audit_entries WHERE device_id = $1',
      [clerk.deviceId],
    )
    return rows.map((row) => row.entry)
  }
  await waitFor('the whole backlog on the server', async () => (await onServer()).length >= 1_237)
  // A moment for any stray repeat to show.
  await new Promise((resolve) => setTimeout(resolve, 1_000))

  const stored = await onServer()
  expect(stored).toHaveLength(all.length)
  expect(new Map(stored.map((entry) => [entry.id, withoutReceipt(entry)]))).toEqual(
    new Map(all.map((entry) => [entry.id, withoutReceipt(entry)])),
  )
  const sentIds = pushes.flatMap((push) => push.rows.map((row) => row.id))
  expect(sentIds).toHaveLength(all.length)
  expect(new Set(sentIds).size).toBe(all.length)
  expect(Math.max(...pushes.map((push) => push.rows.length))).toBe(MAX_AUDIT_PUSH_ROWS)
  // 1,234 from one write: six full pushes and one of 34, then the singles.
  expect(pushes.length).toBeLessThanOrEqual(Math.ceil(1_234 / MAX_AUDIT_PUSH_ROWS) + 3)
  expect(controller.getStatus().auditRefused).toBe(0)
}, 120_000)
