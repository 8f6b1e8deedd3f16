/**
 * The server generation (issue 18): a UUID recorded in the database at the first start and
 * replaced by every restore (server/backup.ts). Pull checkpoints carry it; a checkpoint from
 * another generation was handed out by the server before it went back in time, so the pull is
 * refused with SERVER_RESTORED and the PC shows its states to the server again
 * (server/recovery.ts) before pulling from the start.
 */
import { randomUUID } from 'node:crypto'
import type { Queryable } from './database'

export interface GenerationInfo {
  generation: string
  startedAt: string
  /** The generation the restored backup was taken in; null when never restored. */
  restoredFromGeneration: string | null
  backupTakenAt: string | null
}

interface GenerationRow {
  generation: string
  started_at: Date | string
  restored_from_generation: string | null
  backup_taken_at: Date | string | null
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString()

/** The current generation, created at the first start. */
export async function ensureGeneration(db: Queryable): Promise<GenerationInfo> {
  await db.query(
    `INSERT INTO server_generation (only_row, generation) VALUES (true, $1)
     ON CONFLICT (only_row) DO NOTHING`,
    [randomUUID()],
  )
  return readGeneration(db)
}

export async function readGeneration(db: Queryable): Promise<GenerationInfo> {
  const { rows } = await db.query<GenerationRow>(
    `SELECT generation, started_at, restored_from_generation, backup_taken_at
     FROM server_generation`,
  )
  const row = rows[0]
  if (!row) throw new Error('server_generation is empty: run ensureGeneration first')
  return {
    generation: row.generation,
    startedAt: iso(row.started_at) ?? '',
    restoredFromGeneration: row.restored_from_generation,
    backupTakenAt: iso(row.backup_taken_at),
  }
}

/**
 * After a restore: a new generation, and the participants as restored kept as the common
 * ancestor for states PCs bring back (server/recovery.ts). One transaction.
 */
export async function startRestoredGeneration(
  tx: Queryable,
  backup: { generation: string | null; takenAt: string },
): Promise<string> {
  const generation = randomUUID()
  await tx.query('DELETE FROM server_generation')
  await tx.query(
    `INSERT INTO server_generation
       (only_row, generation, restored_from_generation, backup_taken_at)
     VALUES (true, $1, $2, $3)`,
    [generation, backup.generation, backup.takenAt],
  )
  await tx.query('DELETE FROM participants_at_restore')
  await tx.query(
    'INSERT INTO participants_at_restore (id, doc, sealed) SELECT id, doc, sealed FROM participants',
  )
  return generation
}
