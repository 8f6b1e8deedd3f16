/**
 * Backup and restore (issue 18; docs/operations.md, "Backup and restore").
 *
 * A backup is one gzip file of JSON lines, the same for embedded PGlite and for PostgreSQL, so a
 * district can also move from one to the other by restoring:
 *   {"format":"naungan-backup","version":1,...}          header: schema version, district,
 *                                                          generation, when it was taken
 *   {"t":"participants","r":{...}}                        one line per row (PostgreSQL's to_jsonb)
 *   {"end":true,"rows":{"participants":50000,...}}       the count of every table: a cut file is
 *                                                          refused, never half restored
 * It is read in one REPEATABLE READ, READ ONLY transaction: one consistent snapshot while the
 * server keeps serving (on PostgreSQL the backup runs beside it; on PGlite, which one process
 * holds, the running server takes it itself when asked over its control socket, server/control.ts).
 *
 * A restore goes into an empty database (`--force` moves an embedded data folder aside, or empties
 * PostgreSQL's schema): the migrations the backup had, its rows, the later migrations, then a new
 * server generation (server/generation.ts) so every PC notices the server went back in time and
 * shows it what it holds (server/recovery.ts). Keys are not in the backup: they are kept apart.
 */
import { once } from 'node:events'
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs'
import type { Writable } from 'node:stream'
import { createInterface } from 'node:readline'
import { createGunzip, createGzip } from 'node:zlib'
import { currentTime } from '../shared/dates/clock'
import type { Database, Queryable } from './database'
import { MIGRATIONS, migrate } from './migrations'
import { startRestoredGeneration } from './generation'
import { logSecurityEvent } from './security-log'

export const BACKUP_FORMAT = 'naungan-backup'
export const BACKUP_VERSION = 1

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: number
  schemaVersion: number
  engine: Database['kind']
  district: { code: string; name: string } | null
  generation: string | null
  takenAt: string
}

export interface BackupSummary {
  header: BackupHeader
  rows: Record<string, number>
}

/** A backup file that cannot be restored, in words an IT admin can act on. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupFileError'
  }
}

const FETCH_ROWS = 500

/** Tables of the public schema, each after the tables its foreign keys point to. */
async function tablesInOrder(db: Queryable): Promise<string[]> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )
  const { rows: refs } = await db.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = 'public'`,
  )
  const names = tables.map((row) => row.name)
  const parents = new Map(names.map((name) => [name, new Set<string>()]))
  for (const ref of refs) {
    if (ref.child !== ref.parent) parents.get(ref.child)?.add(ref.parent)
  }
  const ordered: string[] = []
  const placed = new Set<string>()
  while (ordered.length < names.length) {
    const ready = names.filter(
      (name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((p) => placed.has(p)),
    )
    if (ready.length === 0) throw new Error('Foreign keys form a cycle: cannot order the tables')
    for (const name of ready) {
      ordered.push(name)
      placed.add(name)
    }
  }
  return ordered
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

async function writeLine(out: Writable, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain')
}

/**
 * Writes a backup of `db` to `out` (gzip applied here) in one consistent snapshot; resolves when
 * every byte is flushed to `out`.
 */
export async function writeBackup(db: Database, out: Writable): Promise<BackupSummary> {
  const gzip = createGzip()
  gzip.pipe(out)
  const finished = once(out, 'finish')
  const summary = await db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
    const { rows: versions } = await tx.query<{ version: number }>(
      'SELECT coalesce(max(version), 0)::int AS version FROM schema_migrations',
    )
    const district = await tx
      .query<{ code: string; name: string }>('SELECT code, name FROM server_district')
      .then((result) => result.rows[0] ?? null)
    const generation = await tx
      .query<{ generation: string }>('SELECT generation FROM server_generation')
      .then((result) => result.rows[0]?.generation ?? null)
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      schemaVersion: Number(versions[0]?.version ?? 0),
      engine: db.kind,
      district,
      generation,
      takenAt: currentTime().toISOString(),
    }
    await writeLine(gzip, header)
    const rows: Record<string, number> = {}
    for (const table of await tablesInOrder(tx)) {
      rows[table] = 0
      await tx.query(
        `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${quoteIdent(table)} t`,
      )
      for (;;) {
        const { rows: page } = await tx.query<{ r: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`)
        for (const row of page) {
          if (!gzip.write(`{"t":${JSON.stringify(table)},"r":${row.r}}\n`)) {
            await once(gzip, 'drain')
          }
        }
        rows[table] += page.length
        if (page.length < FETCH_ROWS) break
      }
      await tx.query('CLOSE backup_rows')
    }
    await writeLine(gzip, { end: true, rows })
    return { header, rows }
  })
  gzip.end()
  await finished
  return summary
}

/** Writes a backup to `path` through a temporary file: a failed backup leaves no file behind. */
export async function backupToFile(db: Database, path: string): Promise<BackupSummary> {
  const temporary = `${path}.partial`
  const out = createWriteStream(temporary, { mode: 0o600 })
  try {
    const summary = await writeBackup(db, out)
    renameSync(temporary, path)
    return summary
  } catch (error) {
    out.destroy()
    rmSync(temporary, { force: true })
    throw error
  }
}

/** Reads a backup file's lines; checks the header and, at the end, every table's count. */
async function* backupLines(
  path: string,
): AsyncGenerator<
  { kind: 'header'; header: BackupHeader } | { kind: 'row'; table: string; row: unknown }
> {
  const lines = createInterface({
    input: createReadStream(path).pipe(createGunzip()),
    crlfDelay: Infinity,
  })
  let header: BackupHeader | null = null
  const counted: Record<string, number> = {}
  let ended = false
  try {
    for await (const line of lines) {
      if (line === '') continue
      if (ended) throw new BackupFileError('Berkas cadangan berisi data setelah penutupnya.')
      const value = JSON.parse(line) as Record<string, unknown>
      if (!header) {
        if (value.format !== BACKUP_FORMAT || value.version !== BACKUP_VERSION) {
          throw new BackupFileError(
            'Berkas ini bukan cadangan Naungan (atau versinya tidak dikenal).',
          )
        }
        header = value as unknown as BackupHeader
        yield { kind: 'header', header }
        continue
      }
      if (value.end === true) {
        const expected = (value.rows ?? {}) as Record<string, number>
        for (const table of new Set([...Object.keys(expected), ...Object.keys(counted)])) {
          if ((expected[table] ?? 0) !== (counted[table] ?? 0)) {
            throw new BackupFileError(
              `Berkas cadangan tidak utuh: tabel ${table} berisi ${counted[table] ?? 0} baris, seharusnya ${expected[table] ?? 0}.`,
            )
          }
        }
        ended = true
        continue
      }
      if (typeof value.t !== 'string' || typeof value.r !== 'object' || value.r === null) {
        throw new BackupFileError('Berkas cadangan rusak: ada baris yang tidak dikenali.')
      }
      counted[value.t] = (counted[value.t] ?? 0) + 1
      yield { kind: 'row', table: value.t, row: value.r }
    }
  } catch (error) {
    if (error instanceof BackupFileError) throw error
    throw new BackupFileError(
      `Berkas cadangan tidak dapat dibaca (rusak atau terpotong): ${(error as Error).message}`,
    )
  }
  if (!header) throw new BackupFileError('Berkas cadangan kosong.')
  if (!ended) {
    throw new BackupFileError(
      'Berkas cadangan terpotong: penutupnya tidak ada. Pakai cadangan lain yang utuh.',
    )
  }
}

/** Reads a whole backup once without writing anything: the header, and whether it is whole. */
export async function checkBackupFile(path: string): Promise<BackupSummary> {
  let header: BackupHeader | null = null
  const rows: Record<string, number> = {}
  for await (const item of backupLines(path)) {
    if (item.kind === 'header') header = item.header
    else rows[item.table] = (rows[item.table] ?? 0) + 1
  }
  if (!header) throw new BackupFileError('Berkas cadangan kosong.')
  return { header, rows }
}

/** True when the database holds no table of ours (a fresh PostgreSQL or PGlite). */
export async function isEmptyDatabase(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  )
  return Number(rows[0]?.n ?? 0) === 0
}

/** Empties PostgreSQL's public schema (restore --force on DATABASE_URL). */
export async function dropAllTables(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of (await tablesInOrder(tx)).reverse()) {
      await tx.query(`DROP TABLE ${quoteIdent(table)} CASCADE`)
    }
  })
}

/**
 * Restores the backup at `path` into the empty `db`. The file is read through once before
 * anything is written (a cut or damaged file changes nothing), then restored in one transaction.
 */
export async function restoreFromFile(
  db: Database,
  path: string,
  options: { restoredBy?: string } = {},
): Promise<BackupSummary & { generation: string }> {
  const checked = await checkBackupFile(path)
  const known = Math.max(...MIGRATIONS.map((migration) => migration.version))
  if (checked.header.schemaVersion > known) {
    throw new BackupFileError(
      `Cadangan ini dibuat oleh server Naungan yang lebih baru (skema ${checked.header.schemaVersion}, server ini ${known}). Pulihkan dengan versi server yang sama atau lebih baru.`,
    )
  }
  if (!(await isEmptyDatabase(db))) {
    throw new BackupFileError(
      'Basis data tujuan tidak kosong: pemulihan hanya ke basis data kosong.',
    )
  }
  // The schema exactly as the backup had it, so every row fits; later migrations after the rows.
  await migrate(
    db,
    MIGRATIONS.filter((migration) => migration.version <= checked.header.schemaVersion),
  )
  await db.transaction(async (tx) => {
    const ours = new Set(await tablesInOrder(tx))
    // Transaction ids of the old database mean nothing here: every restored row is written as if
    // now (its xid8 columns set to this transaction's id), so pulls from the start find them and
    // later writes come after them. Set on the way in: append-only tables take no UPDATE.
    const { rows: xidColumns } = await tx.query<{ tbl: string; col: string }>(
      `SELECT table_name AS tbl, column_name AS col FROM information_schema.columns
       WHERE table_schema = 'public' AND udt_name = 'xid8'`,
    )
    const { rows: now } = await tx.query<{ txid: string }>(
      'SELECT pg_current_xact_id()::text AS txid',
    )
    const txid = now[0]?.txid ?? '0'
    const nowValues = new Map<string, Record<string, string>>()
    for (const column of xidColumns) {
      nowValues.set(column.tbl, { ...nowValues.get(column.tbl), [column.col]: txid })
    }
    for await (const item of backupLines(path)) {
      if (item.kind !== 'row' || item.table === 'schema_migrations') continue
      if (!ours.has(item.table)) {
        throw new BackupFileError(`Berkas cadangan memuat tabel yang tidak dikenal: ${item.table}.`)
      }
      const table = quoteIdent(item.table)
      const row = { ...(item.row as Record<string, unknown>), ...nowValues.get(item.table) }
      await tx.query(
        // OVERRIDING SYSTEM VALUE: identity columns (GENERATED ALWAYS) keep the backed-up ids.
        `INSERT INTO ${table} OVERRIDING SYSTEM VALUE
         SELECT * FROM jsonb_populate_record(NULL::${table}, $1::jsonb)`,
        [JSON.stringify(row)],
      )
    }
    // Serial and identity columns continue after the restored rows.
    const { rows: sequences } = await tx.query<{ tbl: string; col: string; seq: string }>(
      `SELECT c.table_name AS tbl, c.column_name AS col,
              pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS seq
       FROM information_schema.columns c
       WHERE c.table_schema = 'public'
         AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
    )
    for (const sequence of sequences) {
      await tx.query(
        `SELECT setval($1::regclass, coalesce((SELECT max(${quoteIdent(sequence.col)}) FROM ${quoteIdent(sequence.tbl)}), 0) + 1, false)`,
        [sequence.seq],
      )
    }
  })
  await migrate(db)
  const restored = await db.transaction((tx) =>
    startRestoredGeneration(tx, {
      generation: checked.header.generation,
      takenAt: checked.header.takenAt,
    }),
  )
  await logSecurityEvent(db, {
    kind: 'server_restored',
    userId: null,
    username: options.restoredBy ?? null,
    deviceId: null,
    officeId: null,
    ip: null,
    detail: {
      backupTakenAt: checked.header.takenAt,
      fromGeneration: checked.header.generation,
      generation: restored,
      participants: checked.rows.participants ?? 0,
    },
  })
  return { ...checked, generation: restored }
}
