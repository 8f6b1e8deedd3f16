/**
 * The same suite on a real PostgreSQL 15 this file starts itself, plus what only a real
 * multi-connection server can show: concurrent migrations, two server processes, transactions
 * committed out of order, and a server SIGKILLed in the middle of a push.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  OfficeInfo,
  ParticipantWireDocument,
  PullCheckpoint,
} from '../../shared/sync/sync-protocol'
import { deriveDataKeys } from '../../server/crypto'
import { openPostgresDatabase, type Queryable } from '../../server/database'
import { migrate, MIGRATIONS } from '../../server/migrations'
import { applyPush, type ParticipantCaller } from '../../server/participants'
import type { RunningServer } from '../../server/server'
import { defineSyncSuite } from './sync-suite'
import { startPostgres, type TestPostgres } from './support/postgres'
import {
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  openEventStream,
  startTestServer,
  type TestClient,
} from './support/server-fixture'
import { spawnServerProcess, type ServerProcess } from './support/server-process'

let cluster: TestPostgres

beforeAll(async () => {
  cluster = await startPostgres()
}, 60_000)

afterAll(async () => {
  await cluster?.stop()
})

defineSyncSuite('PostgreSQL 15', {
  start: async () => startTestServer({ url: await cluster.createDatabase() }),
})

function queryableOf(client: pg.Client): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) => ({
      rows: (await client.query(sql, params)).rows as T[],
    }),
  }
}

describe('several server processes on one PostgreSQL', () => {
  let url: string
  let server: RunningServer
  let tenggarong: OfficeInfo
  let muaraMuntai: OfficeInfo
  let clerk: TestClient
  let otherClerk: TestClient
  let observer: TestClient
  const children: ServerProcess[] = []

  beforeAll(async () => {
    url = await cluster.createDatabase()
    server = await startTestServer({ url })
    const central = await server.admin.ensureCentralOffice()
    tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
    muaraMuntai = await createKecamatanOffice(server, '64.02.01', 1)
    ;[clerk, otherClerk, observer] = await Promise.all([
      enrolAndLogin(server, tenggarong),
      enrolAndLogin(server, muaraMuntai),
      enrolAndLogin(server, central, { role: 'supervisor' }),
    ])
  }, 60_000)

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()))
    await server?.close()
  })

  it('applies migrations once when two processes start at the same moment, and again is a no-op', async () => {
    const fresh = await cluster.createDatabase()
    const [a, b] = await Promise.all([openPostgresDatabase(fresh), openPostgresDatabase(fresh)])
    try {
      const applied = await Promise.all([migrate(a), migrate(b)])
      const versions = MIGRATIONS.map((migration) => migration.version)
      expect(applied.flat().sort((a, b) => a - b)).toEqual(versions)
      expect(await migrate(a)).toEqual([])
      const { rows } = await a.query<{ version: number }>('SELECT version FROM schema_migrations')
      expect(rows.map((row) => Number(row.version)).sort((a, b) => a - b)).toEqual(versions)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
    // A whole server starting on the migrated database, twice.
    for (let i = 0; i < 2; i++) {
      const again = await startTestServer({ url: fresh })
      await again.close()
    }
  }, 60_000)

  it('refuses to start on PostgreSQL without keys in the environment', async () => {
    const { startServer } = await import('../../server/server')
    await expect(startServer({ database: { url }, port: 0, env: {} })).rejects.toThrow(
      /NAUNGAN_TOKEN_KEY/,
    )
    // The two keys of the previous version are not enough: the card signing key is required too.
    const withoutCardKey = {
      NAUNGAN_TOKEN_KEY: server.keys.tokenKey.toString('hex'),
      NAUNGAN_DATA_KEY: server.keys.dataKey.toString('hex'),
    }
    await expect(startServer({ database: { url }, port: 0, env: withoutCardKey })).rejects.toThrow(
      /missing: NAUNGAN_CARD_SIGNING_KEY\./,
    )
  })

  it('tells a client on one process about a push made through another (LISTEN/NOTIFY)', async () => {
    const other = await spawnServerProcess({ databaseUrl: url, keys: server.keys })
    children.push(other)
    const stream = await openEventStream(other.url, clerk.token)
    try {
      const doc = makeParticipant(tenggarong)
      expect((await clerk.push([{ newDocumentState: doc }])).body.rejected).toEqual([])
      const [event] = await stream.waitFor(1)
      expect(event).toMatchObject({ checkpoint: { txid: expect.stringMatching(/^\d+$/) } })
      // And the other process serves the change.
      const pulled = await fetch(`${other.url}/api/sync/participants/pull?limit=1000`, {
        headers: { Authorization: `Bearer ${clerk.token}` },
      })
      const body = (await pulled.json()) as { documents: ParticipantWireDocument[] }
      expect(body.documents.map((d) => d.id)).toContain(doc.id)
    } finally {
      stream.close()
      await other.stop()
    }
  }, 60_000)

  it('never skips a row committed late: every committed row is pulled exactly once, in order', async () => {
    const settings = {
      keys: deriveDataKeys(server.keys.dataKey),
      district: server.district,
      generation: server.generation,
    }
    const caller: ParticipantCaller = {
      userId: clerk.session.user.id,
      deviceId: clerk.deviceId,
      role: 'operator',
      office: tenggarong,
      agency: null,
    }
    let checkpoint: PullCheckpoint | null = (await observer.pullAll()).checkpoint
    const pulled: ParticipantWireDocument[] = []
    const pullNow = async () => {
      const result = await observer.pullAll(checkpoint, 7)
      checkpoint = result.checkpoint
      pulled.push(...result.documents)
      return result.documents
    }

    // Six transactions write in order (so their txids ascend) and stay open.
    const transactions: { client: pg.Client; docs: ParticipantWireDocument[] }[] = []
    for (let i = 0; i < 6; i++) {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query('BEGIN')
      const docs = Array.from({ length: 4 }, () => makeParticipant(tenggarong))
      const result = await applyPush(
        queryableOf(client),
        caller,
        docs.map((doc) => ({ newDocumentState: doc })),
        settings,
      )
      expect(result.rejected).toEqual([])
      transactions.push({ client, docs })
    }
    expect(await pullNow()).toEqual([])

    // Commit out of order; #4 rolls back. After each step, pull. Rows of a committed transaction
    // stay back while an older one is open: exactly the rows a naive "seq > checkpoint" pull would
    // have skipped for good once the older one committed.
    const order = [3, 5, 1, 4, 0, 2]
    const idsOf = (...indexes: number[]) =>
      indexes.flatMap((i) => (transactions[i]?.docs ?? []).map((doc) => doc.id).sort())
    const expectedPerStep = [[], [], [], [], idsOf(0, 1), idsOf(2, 3, 5)]
    const gotPerStep: string[][] = []
    for (const index of order) {
      const transaction = transactions[index]
      if (!transaction) throw new Error('missing transaction')
      await transaction.client.query(index === 4 ? 'ROLLBACK' : 'COMMIT')
      gotPerStep.push((await pullNow()).map((doc) => doc.id))
    }
    await Promise.all(transactions.map((t) => t.client.end()))
    expect(gotPerStep).toEqual(expectedPerStep)
    expect(await pullNow()).toEqual([])

    expect(pulled.map((doc) => doc.id)).toEqual(idsOf(0, 1, 2, 3, 5))
  }, 60_000)

  it('flags a NIK that two offices push at the same moment (one advisory lock per NIK)', async () => {
    const settings = {
      keys: deriveDataKeys(server.keys.dataKey),
      district: server.district,
      generation: server.generation,
    }
    const caller: ParticipantCaller = {
      userId: clerk.session.user.id,
      deviceId: clerk.deviceId,
      role: 'operator',
      office: tenggarong,
      agency: null,
    }
    const first = makeParticipant(tenggarong, { nikSerial: 3_100_000 })
    const second = makeParticipant(muaraMuntai, { nikSerial: 3_100_000 })
    // Tenggarong's push has written its row and checked for duplicates, and is still open.
    const held = new pg.Client({ connectionString: url })
    await held.connect()
    try {
      await held.query('BEGIN')
      const result = await applyPush(
        queryableOf(held),
        caller,
        [{ newDocumentState: first }],
        settings,
      )
      expect(result.rejected).toEqual([])
      let isDone = false
      const racing = otherClerk.push([{ newDocumentState: second }]).then((response) => {
        isDone = true
        return response
      })
      await new Promise((resolve) => setTimeout(resolve, 500))
      // Under READ COMMITTED neither would see the other's row: the second waits for the NIK.
      expect(isDone).toBe(false)
      await held.query('COMMIT')
      expect((await racing).body).toEqual({ conflicts: [], rejected: [] })
    } finally {
      await held.end()
    }
    const byId = new Map((await observer.pullAll()).documents.map((doc) => [doc.id, doc]))
    expect(byId.get(first.id)?.duplicates.map((flag) => flag.id)).toEqual([second.id])
    expect(byId.get(second.id)?.duplicates.map((flag) => flag.id)).toEqual([first.id])
  }, 60_000)

  it('delivers every row exactly once while many offices push and one office pulls', async () => {
    const pushers = await Promise.all(
      Array.from({ length: 6 }, () => enrolAndLogin(server, tenggarong)),
    )
    let checkpoint: PullCheckpoint | null = (await observer.pullAll()).checkpoint
    const pulledIds: string[] = []
    let isPushing = true
    const puller = (async () => {
      while (isPushing) {
        const result = await observer.pullAll(checkpoint, 13)
        checkpoint = result.checkpoint
        pulledIds.push(...result.documents.map((doc) => doc.id))
      }
    })()
    const pushedIds: string[] = []
    await Promise.all(
      pushers.map(async (pusher) => {
        for (let batch = 0; batch < 8; batch++) {
          const docs = Array.from({ length: 5 }, () => makeParticipant(tenggarong))
          const response = await pusher.push(docs.map((doc) => ({ newDocumentState: doc })))
          expect(response.status).toBe(200)
          expect(response.body.rejected).toEqual([])
          pushedIds.push(...docs.map((doc) => doc.id))
        }
      }),
    )
    isPushing = false
    await puller
    const rest = await observer.pullAll(checkpoint)
    pulledIds.push(...rest.documents.map((doc) => doc.id))
    expect(pulledIds).toHaveLength(pushedIds.length)
    expect(new Set(pulledIds)).toEqual(new Set(pushedIds))
  }, 60_000)

  it('leaves nothing half-applied when the server is SIGKILLed mid-push, and the retry applies once', async () => {
    // A record in Muara Muntai whose NIK the big push repeats: the push must update it (duplicate
    // flag) after writing its own rows. The test holds that row locked, so the push is caught
    // between its first write and its commit, then the process is killed.
    const existing = makeParticipant(muaraMuntai, { nikSerial: 4242 })
    expect((await otherClerk.push([{ newDocumentState: existing }])).body.rejected).toEqual([])
    const docs = Array.from({ length: 200 }, (_, i) =>
      makeParticipant(tenggarong, i === 150 ? { nikSerial: 4242 } : {}),
    )
    const rows = docs.map((doc) => ({ newDocumentState: doc }))
    const ids = docs.map((doc) => doc.id)

    const locker = new pg.Client({ connectionString: url })
    await locker.connect()
    await locker.query('BEGIN')
    await locker.query('SELECT id FROM participants WHERE id = $1 FOR UPDATE', [existing.id])

    const victim = await spawnServerProcess({ databaseUrl: url, keys: server.keys })
    children.push(victim)
    const inFlight = fetch(`${victim.url}/api/sync/participants/push`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${clerk.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ rows }),
    }).then(
      (response) => response.status,
      () => 'connection lost',
    )
    let blockedPid: number | null = null
    for (let i = 0; i < 200 && blockedPid === null; i++) {
      const waiting = await cluster.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'naungan-server'
           AND wait_event_type = 'Lock'`,
        [],
        new URL(url).pathname.slice(1),
      )
      blockedPid = waiting[0]?.pid ?? null
      if (blockedPid === null) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(blockedPid).not.toBeNull()
    // The push has written its 200 rows (uncommitted) and waits for the locked row.
    victim.kill('SIGKILL')
    expect(await inFlight).toBe('connection lost')
    await locker.query('ROLLBACK')
    await locker.end()
    // PostgreSQL rolls the dead client's transaction back once its backend notices.
    for (let i = 0; i < 200; i++) {
      const alive = await cluster.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [
        blockedPid,
      ])
      if (alive.length === 0) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const afterKill = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM participants WHERE id = ANY($1::text[])',
      [ids],
    )
    expect(Number(afterKill.rows[0]?.n)).toBe(0)
    const untouched = (await otherClerk.pullAll()).documents.find((d) => d.id === existing.id)
    expect(untouched?.duplicates).toEqual([])

    // The app retries the same push against a restarted server.
    const restarted = await spawnServerProcess({ databaseUrl: url, keys: server.keys })
    children.push(restarted)
    const push = () =>
      fetch(`${restarted.url}/api/sync/participants/push`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${clerk.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ rows }),
      }).then(async (response) => ({ status: response.status, body: await response.json() }))
    expect(await push()).toEqual({ status: 200, body: { conflicts: [], rejected: [] } })
    const txids = async () =>
      (
        await server.db.query<{ id: string; txid: string }>(
          'SELECT id, txid::text AS txid FROM participants WHERE id = ANY($1::text[]) ORDER BY id',
          [[...ids, existing.id]],
        )
      ).rows
    const once = await txids()
    expect(once).toHaveLength(201)
    // Lost response, second retry: nothing is written again.
    expect(await push()).toEqual({ status: 200, body: { conflicts: [], rejected: [] } })
    expect(await txids()).toEqual(once)
    const flagged = (await otherClerk.pullAll()).documents.find((d) => d.id === existing.id)
    expect(flagged?.duplicates.map((flag) => flag.id)).toEqual([docs[150]?.id])
    await restarted.stop()
  }, 90_000)
})
