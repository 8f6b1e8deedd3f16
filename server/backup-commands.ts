/**
 * `npm run server -- backup|restore` (server/cli.ts): where the backup is read from and the
 * restore written to, for embedded PGlite and for PostgreSQL (DATABASE_URL).
 */
import { once } from 'node:events'
import { createWriteStream, existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { currentTime } from '../shared/dates/clock'
import {
  backupToFile,
  BackupFileError,
  checkBackupFile,
  dropAllTables,
  isEmptyDatabase,
  restoreFromFile,
  type BackupSummary,
} from './backup'
import { isServerRunningOn, requestBackupFromServer } from './control'
import { openDatabase, type StartServerOptions } from './server'

type Base = Pick<StartServerOptions, 'database' | 'dataDir'>

/** A backup of the database `base` names, written to `out`, read back whole before it counts. */
export async function runBackup(base: Base, dataDir: string, out: string): Promise<BackupSummary> {
  if (base.database === 'pglite') {
    const socket = await requestBackupFromServer(dataDir)
    if (socket) {
      // The running server writes it; the file is complete only once read back whole below.
      const temporary = `${out}.partial`
      const file = createWriteStream(temporary, { mode: 0o600 })
      socket.pipe(file)
      await once(file, 'finish')
      try {
        const summary = await checkBackupFile(temporary)
        renameSync(temporary, out)
        return summary
      } catch (error) {
        rmSync(temporary, { force: true })
        throw error
      }
    }
  }
  const db = await openDatabase(base)
  try {
    await backupToFile(db, out)
  } finally {
    await db.close()
  }
  return checkBackupFile(out)
}

/** Restores `from` into a stopped server's data folder, or into DATABASE_URL's database. */
export async function runRestore(
  base: Base,
  dataDir: string,
  from: string,
  force: boolean,
): ReturnType<typeof restoreFromFile> {
  if (!existsSync(from)) throw new BackupFileError(`Berkas cadangan tidak ada: ${from}`)
  // Read through once before anything is moved or emptied: a bad file changes nothing.
  await checkBackupFile(from)
  if (base.database === 'pglite') {
    if (await isServerRunningOn(dataDir)) {
      throw new BackupFileError(
        'Server masih berjalan pada folder data ini. Hentikan server dulu (systemctl stop naungan-server), lalu ulangi.',
      )
    }
    const folder = join(dataDir, 'pglite')
    if (existsSync(folder) && readdirSync(folder).length > 0) {
      if (!force) {
        throw new BackupFileError(
          `Folder data ${folder} sudah berisi basis data. Pemulihan tidak menimpanya kecuali dengan --force (folder lama lalu dipindah ke samping, tidak dihapus).`,
        )
      }
      const aside = `${folder}.before-restore-${currentTime().toISOString().replace(/[:.]/g, '-')}`
      renameSync(folder, aside)
      console.warn(`Folder lama dipindah ke ${aside}`)
    }
  }
  const db = await openDatabase(base)
  try {
    if (!(await isEmptyDatabase(db))) {
      if (!force) {
        throw new BackupFileError(
          'Basis data tujuan (DATABASE_URL) sudah berisi tabel. Pemulihan tidak menimpanya kecuali dengan --force (semua tabel Naungan di sana lalu dihapus).',
        )
      }
      await dropAllTables(db)
    }
    return await restoreFromFile(db, from, { restoredBy: 'cli' })
  } finally {
    await db.close()
  }
}
