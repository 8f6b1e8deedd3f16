import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runBackup, runRestore } from '../../server/backup-commands'
import { BackupFileError } from '../../server/backup'
import type { RunningServer } from '../../server/server'
import type { ServerKeys } from '../../server/crypto'
import { listSecurityEvents } from '../../server/security-log'
import type {
  ParticipantWireDocument,
  PullCheckpoint,
  PullResponse,
  RecoverResponse,
} from '../../shared/sync/sync-protocol'
import { signedPartOf } from '../../shared/sync/receipt'
import { startPostgres, type TestPostgres } from './support/postgres'
import {
  api,
  auditApi,
  createKecamatanOffice,
  enrolAndLogin,
  makeAuditEntry,
  makeParticipant,
  randomKeys,
  startTestServer,
  tempDir,
  type TestClient,
} from './support/server-fixture'

/**
 * Backup and restore as the IT admin runs them (`npm run server -- backup|restore`, here their
 * functions): a backup taken while the embedded server serves (over its control socket), a
 * restore into a stopped server's folder, and the PCs bringing back what the older backup lacks
 * on the server's receipts. The drill with real app PCs and the live stream is in
 * tests/e2e/restore-drill.spec.ts.
 */

/** A server object whose `url` follows the server running now (the same PCs after a restart). */
function following(current: () => RunningServer): RunningServer {
  return new Proxy({} as RunningServer, {
    get: (_target, key) => current()[key as keyof RunningServer],
  })
}

const stateOf = (doc: ParticipantWireDocument) =>
  signedPartOf(doc as unknown as Record<string, unknown>)

async function recover(server: RunningServer, client: TestClient, states: unknown[]) {
  return api<RecoverResponse>(server.url, 'POST', '/api/sync/participants/recover', {
    token: client.token,
    body: { states },
  })
}

describe('embedded server: backup while serving, restore, recovery on receipts', () => {
  const dataDir = tempDir('naungan-restore-')
  const backupFile = join(tempDir('naungan-backups-'), 'naungan.backup.gz')
  const keys: ServerKeys = randomKeys()
  let server: RunningServer
  const live = following(() => server)
  let clerk: TestClient
  let otherClerk: TestClient
  const start = async () => {
    server = await startTestServer('pglite', { dataDir, keys, controlSocket: true })
  }

  beforeAll(async () => {
    await start()
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('takes back, on their receipts, the records and edits the older backup lacks', async () => {
    await live.admin.ensureCentralOffice()
    const tenggarong = await createKecamatanOffice(live, '64.02.06', 1)
    clerk = await enrolAndLogin(live, tenggarong)
    otherClerk = await enrolAndLogin(live, tenggarong)
    const [early, edited, changedTwice] = [1, 2, 3].map(() => makeParticipant(tenggarong))
    for (const doc of [early, edited, changedTwice]) {
      expect((await clerk.push([{ newDocumentState: doc! }])).body.rejected).toEqual([])
    }
    const beforeBackup = await clerk.pullAll()
    const copyOf = (id: string, docs = beforeBackup.documents) => {
      const found = docs.find((doc) => doc.id === id)
      if (!found) throw new Error(`no ${id}`)
      return found
    }
    // Every pulled record carries the server's receipt for exactly what was pulled.
    for (const doc of beforeBackup.documents) expect(doc.receipt?.sig).toMatch(/^[\w-]{16}$/)
    expect(beforeBackup.checkpoint?.generation).toBe(server.generation)

    // A wrong password on the way: the security log (an identity column) is backed up too.
    const wrong = await api(live.url, 'POST', '/api/session', {
      body: {
        deviceId: clerk.deviceId,
        deviceSecret: clerk.deviceSecret,
        username: clerk.username,
        password: 'bukan-kata-sandinya',
      },
    })
    expect(wrong.status).toBe(401)

    // Another district system mirrors the participants through the integration feed.
    const admin = await enrolAndLogin(live, await live.admin.ensureCentralOffice(), {
      role: 'admin',
    })
    const key = await api<{ token: string }>(live.url, 'POST', '/api/admin/integration-keys', {
      token: admin.token,
      body: { name: 'Cermin', fields: ['identity'], kecamatan: 'all' },
    })
    const feed = (checkpoint: string | null) =>
      api<{ checkpoint: string | null; error?: { code: string } }>(
        live.url,
        'GET',
        `/api/integration/v1/participants?limit=100${checkpoint ? `&checkpoint=${encodeURIComponent(checkpoint)}` : ''}`,
        { headers: { Authorization: `Bearer ${key.body.token}` } },
      )
    const mirrored = await feed(null)
    expect(mirrored.status).toBe(200)

    // The backup, taken while the server serves: the CLI asks it over the control socket.
    const summary = await runBackup({ database: 'pglite', dataDir }, dataDir, backupFile)
    expect(summary.rows.participants).toBe(3)
    expect(summary.rows.security_events).toBeGreaterThan(0)
    expect(summary.header.generation).toBe(server.generation)

    // The offices keep working: a new record, and edits after the backup.
    const late = makeParticipant(tenggarong)
    const edit = (doc: ParticipantWireDocument, patch: Partial<ParticipantWireDocument>) => ({
      assumedMasterState: doc,
      newDocumentState: { ...doc, ...patch },
    })
    const pushed = await clerk.push([
      { newDocumentState: late },
      edit(copyOf(edited!.id), { address: 'Jl. Sesudah Cadangan 7' }),
      edit(copyOf(changedTwice!.id), { phone: '+6281234567891' }),
    ])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
    // With its history entry, which another PC of the office pulls with the server's receipt.
    const entry = makeAuditEntry(clerk, { participantId: late.id, kind: 'created', changes: [] })
    expect((await auditApi(live, clerk).push([entry])).body.rejected).toEqual([])
    const pulledEntries = await auditApi(live, otherClerk).pullAll()
    const heldEntry = pulledEntries.find((pulled) => pulled.id === entry.id)
    expect(heldEntry?.receipt).toMatch(/^[\w-]{16}$/)
    const afterBackup = await clerk.pullAll(beforeBackup.checkpoint)
    expect(afterBackup.documents.map((doc) => doc.id).sort()).toEqual(
      [late.id, edited!.id, changedTwice!.id].sort(),
    )
    const held = afterBackup.documents
    const oldGeneration = server.generation

    // The disk dies; the server is restored from the older backup into its (emptied) folder.
    await server.close()
    await expect(
      runRestore({ database: 'pglite', dataDir }, dataDir, backupFile, false),
    ).rejects.toThrow(/--force/)
    const restored = await runRestore({ database: 'pglite', dataDir }, dataDir, backupFile, true)
    expect(restored.generation).not.toBe(oldGeneration)
    // The old folder is moved aside, not deleted.
    expect(readdirSync(dataDir).some((name) => name.startsWith('pglite.before-restore-'))).toBe(
      true,
    )
    await start()
    expect(server.generation).toBe(restored.generation)

    // A PC still holding the old generation's checkpoint is told the server went back in time.
    const stale = await clerk.pull(afterBackup.checkpoint)
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ error: { code: 'SERVER_RESTORED' } })
    // So is the other district system, whose checkpoint is of the old generation too.
    const staleFeed = await feed(mirrored.body.checkpoint)
    expect(staleFeed.status).toBe(409)
    expect(staleFeed.body.error?.code).toBe('SERVER_RESTORED')
    expect((await feed(null)).status).toBe(200)
    const fromStart = await clerk.pullAll()
    expect(fromStart.documents.map((doc) => doc.id).sort()).toEqual(
      [early!.id, edited!.id, changedTwice!.id].sort(),
    )
    expect(copyOf(edited!.id, fromStart.documents).address).not.toBe('Jl. Sesudah Cadangan 7')

    // Meanwhile another clerk edits one of them on the restored server, before the PCs return.
    const restoredCopy = copyOf(changedTwice!.id, fromStart.documents)
    const otherEdit = await otherClerk.push([
      edit(restoredCopy, { heirName: 'Ahli Waris Sesudah Pemulihan' }),
    ])
    expect(otherEdit.body).toEqual({ conflicts: [], rejected: [] })

    // A forged state (its content changed under a real receipt) is refused; nothing is written.
    const forged = { ...copyOf(late.id, held), address: 'Jl. Dipalsukan 1' }
    const forgedAnswer = await recover(live, clerk, [forged])
    expect(forgedAnswer.body.refused.map((entry) => entry.code)).toEqual(['RECEIPT_INVALID'])
    expect((await clerk.pullAll()).documents.some((doc) => doc.id === late.id)).toBe(false)

    // The PC shows what it last had from the server: everything comes back.
    const answer = await recover(live, clerk, held)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ restored: 2, merged: 1, refused: [] })
    const after = (await clerk.pullAll()).documents
    expect(stateOf(copyOf(late.id, after))).toBe(stateOf(copyOf(late.id, held)))
    expect(stateOf(copyOf(edited!.id, after))).toBe(stateOf(copyOf(edited!.id, held)))
    // The record edited on both sides of the restore keeps both edits.
    const merged = copyOf(changedTwice!.id, after)
    expect(merged.phone).toBe('+6281234567891')
    expect(merged.heirName).toBe('Ahli Waris Sesudah Pemulihan')
    expect(merged.receipt?.g).toBe(server.generation)

    // The history entry the clerk's PC wrote comes back from the other PC, on its receipt; a
    // forged one (its author changed) does not.
    const audit = auditApi(live, otherClerk)
    expect((await audit.pullAll()).some((pulled) => pulled.id === entry.id)).toBe(false)
    const recoverEntries = (entries: unknown[]) =>
      api<{ restored: number; alreadyHeld: number; refused: { code: string }[] }>(
        live.url,
        'POST',
        '/api/sync/audit/recover',
        { token: otherClerk.token, body: { entries } },
      )
    const forgedEntry = { ...heldEntry, by: 'Orang Lain' }
    expect((await recoverEntries([forgedEntry])).body.refused.map((r) => r.code)).toEqual([
      'RECEIPT_INVALID',
    ])
    expect((await recoverEntries([heldEntry])).body).toMatchObject({ restored: 1, refused: [] })
    expect((await recoverEntries([heldEntry])).body).toMatchObject({ restored: 0, alreadyHeld: 1 })
    const back = (await audit.pullAll()).find((pulled) => pulled.id === entry.id)
    expect({ ...back, receipt: undefined }).toEqual({ ...entry, receipt: undefined })

    // Shown again (another PC, a retry): nothing changes, nothing is duplicated.
    const again = await recover(live, otherClerk, held)
    expect(again.body).toMatchObject({ restored: 0, merged: 0, refused: [] })
    expect((await clerk.pullAll()).documents).toHaveLength(4)

    const events = await listSecurityEvents(server.db, { limit: 20 })
    expect(events.map((event) => event.kind)).toEqual(
      expect.arrayContaining(['login_failed', 'server_restored', 'participants_recovered']),
    )
  })

  it('a cut backup file is refused and the data folder is left as it was', async () => {
    const cut = join(tempDir('naungan-cut-'), 'cut.backup.gz')
    const whole = readFileSync(backupFile)
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)))
    const target = tempDir('naungan-restore-target-')
    await expect(
      runRestore({ database: 'pglite', dataDir: target }, target, cut, true),
    ).rejects.toThrow(BackupFileError)
    expect(existsSync(join(target, 'pglite'))).toBe(false)
    rmSync(target, { recursive: true, force: true })
  })

  it('a restore is refused while the server runs on the folder', async () => {
    await expect(
      runRestore({ database: 'pglite', dataDir }, dataDir, backupFile, true),
    ).rejects.toThrow(/masih berjalan/)
    expect((await clerk.pullAll()).documents).toHaveLength(4)
  })
})

describe('PostgreSQL: backup beside the running server, restore into another database', () => {
  let cluster: TestPostgres
  beforeAll(async () => {
    cluster = await startPostgres()
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })

  it('restores every row into an empty database, and an embedded backup into PostgreSQL', async () => {
    const url = await cluster.createDatabase('naungan_live')
    const keys = randomKeys()
    const server = await startTestServer({ url }, { keys })
    try {
      const clerk = await enrolAndLogin(server, await createKecamatanOffice(server, '64.02.06', 1))
      const docs = Array.from({ length: 30 }, () => makeParticipant(clerk.office))
      expect(
        (await clerk.push(docs.map((doc) => ({ newDocumentState: doc })))).body.rejected,
      ).toEqual([])
      const file = join(tempDir('naungan-pg-backup-'), 'pg.backup.gz')
      const summary = await runBackup({ database: { url } }, '', file)
      expect(summary.header.engine).toBe('postgres')
      expect(summary.rows.participants).toBe(30)

      const target = await cluster.createDatabase('naungan_restored')
      const restored = await runRestore({ database: { url: target } }, '', file, false)
      expect(restored.rows.participants).toBe(30)
      // Into a database that is no longer empty only with --force.
      await expect(runRestore({ database: { url: target } }, '', file, false)).rejects.toThrow(
        /--force/,
      )
      const second = await startTestServer({ url: target }, { keys })
      try {
        const pulled = await api<PullResponse>(
          second.url,
          'GET',
          '/api/sync/participants/pull?limit=100',
          { token: clerk.token },
        )
        expect(pulled.status).toBe(200)
        expect(pulled.body.documents.map((doc) => doc.id).sort()).toEqual(
          docs.map((doc) => doc.id).sort(),
        )
        expect((pulled.body.checkpoint as PullCheckpoint).generation).toBe(second.generation)
        expect(second.generation).not.toBe(server.generation)
      } finally {
        await second.close()
      }
    } finally {
      await server.close()
    }

    // The same file format both ways: an embedded server's backup restored into PostgreSQL.
    const dir = tempDir('naungan-embedded-')
    const embedded = await startTestServer('pglite', { dataDir: dir, keys, controlSocket: true })
    try {
      const clerk = await enrolAndLogin(
        embedded,
        await createKecamatanOffice(embedded, '64.02.06', 1),
      )
      const pushed = await clerk.push([{ newDocumentState: makeParticipant(clerk.office) }])
      expect(pushed.body.rejected).toEqual([])
      const file = join(dir, 'moved.backup.gz')
      await runBackup({ database: 'pglite', dataDir: dir }, dir, file)
      const target = await cluster.createDatabase('naungan_moved')
      const moved = await runRestore({ database: { url: target } }, '', file, false)
      expect(moved.header.engine).toBe('pglite')
      expect(moved.rows.participants).toBe(1)
    } finally {
      await embedded.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
