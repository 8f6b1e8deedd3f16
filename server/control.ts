/**
 * The embedded server's control socket (`<data>/control.sock`, owner-only like the folder): PGlite
 * is held by one process, so `npm run server -- backup` asks the running server for the backup
 * rather than opening the files under it. Anyone who can open the socket can read the data folder
 * anyway; nothing else is offered. Not on Windows (run the backup with the server stopped there,
 * or use PostgreSQL).
 */
import { chmodSync, rmSync } from 'node:fs'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import type { Database } from './database'
import { writeBackup } from './backup'
import type { ServerLog } from './server-log'

export const CONTROL_SOCKET_NAME = 'control.sock'
/** Unix socket paths longer than this do not fit sockaddr_un on Linux. */
const MAX_SOCKET_PATH = 100

export function controlSocketPathOf(dataDir: string): string | null {
  if (process.platform === 'win32') return null
  const path = join(dataDir, CONTROL_SOCKET_NAME)
  return path.length <= MAX_SOCKET_PATH ? path : null
}

/** Listens on the data folder's control socket; returns how to stop it. */
export async function startControlSocket(
  dataDir: string,
  db: Database,
  log: ServerLog,
): Promise<(() => Promise<void>) | null> {
  const path = controlSocketPathOf(dataDir)
  if (!path) return null
  // A socket file left by a server that did not stop cleanly.
  rmSync(path, { force: true })
  const server: Server = createServer((socket: Socket) => {
    socket.setEncoding('utf8')
    let request = ''
    const onData = (chunk: string) => {
      request += chunk
      if (!request.includes('\n')) {
        if (request.length > 100) socket.destroy()
        return
      }
      socket.off('data', onData)
      if (request.trim() !== 'backup') {
        socket.end('unknown command\n')
        return
      }
      const started = performance.now()
      writeBackup(db, socket).then(
        (summary) =>
          log.write('info', 'backup_taken', {
            participants: summary.rows.participants ?? 0,
            ms: Math.round(performance.now() - started),
          }),
        (error: unknown) => {
          log.write('error', 'backup_failed', { error: String((error as Error).message) })
          socket.destroy()
        },
      )
    }
    socket.on('data', onData)
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => resolve())
  })
  chmodSync(path, 0o600)
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        rmSync(path, { force: true })
        resolve()
      })
    })
}

/**
 * Asks the server running on `dataDir` for a backup; resolves with its bytes' stream, or null
 * when no server answers there (then the folder may be opened directly).
 */
export function requestBackupFromServer(dataDir: string): Promise<Socket | null> {
  const path = controlSocketPathOf(dataDir)
  if (!path) return Promise.resolve(null)
  return new Promise((resolve, reject) => {
    const socket = createConnection(path)
    socket.once('connect', () => {
      socket.write('backup\n')
      resolve(socket)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null)
      else reject(error)
    })
  })
}

/** True when a server answers on the data folder's control socket. */
export async function isServerRunningOn(dataDir: string): Promise<boolean> {
  const path = controlSocketPathOf(dataDir)
  if (!path) return false
  return new Promise((resolve) => {
    const socket = createConnection(path)
    socket.once('connect', () => {
      socket.end('ping\n')
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
