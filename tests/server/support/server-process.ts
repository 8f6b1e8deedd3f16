/**
 * The server as its own OS process (`tsx server/cli.ts`), for what an in-process server cannot
 * show: a second stateless process on the same PostgreSQL, or a SIGKILL in the middle of a push.
 *
 *   const child = await spawnServerProcess({ databaseUrl, keys: server.keys })
 *   … child.url …
 *   child.kill('SIGKILL')   // or: await child.stop()
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ServerKeys } from '../../../server/crypto'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Everything the process wrote to stderr/stdout so far. */
  output(): string
  kill(signal: NodeJS.Signals): void
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>
  exited: Promise<number | null>
}

export async function spawnServerProcess(options: {
  /** PostgreSQL; omit with `dataDir` for embedded PGlite. */
  databaseUrl?: string
  dataDir?: string
  keys: ServerKeys
  env?: Record<string, string>
  startTimeoutMs?: number
}): Promise<ServerProcess> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the server in a grandchild process, which a
  // SIGKILL of the child would not reach.
  const args = ['--import', 'tsx', join(ROOT, 'server', 'cli.ts'), '--port', '0']
  if (options.dataDir) args.push('--data', options.dataDir)
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NAUNGAN_TOKEN_KEY: options.keys.tokenKey.toString('hex'),
    NAUNGAN_DATA_KEY: options.keys.dataKey.toString('hex'),
    NAUNGAN_CARD_SIGNING_KEY: options.keys.cardSigningKey.toString('hex'),
    ...options.env,
  }
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl
  else delete env.DATABASE_URL
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server process did not start:\n${output}`)),
      options.startTimeoutMs ?? 30_000,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const match = /listening on (http:\/\/[^\s]+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server process exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    child,
    output: () => output,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
    exited,
  }
}
