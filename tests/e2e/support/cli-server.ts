/**
 * The central server exactly as a district's IT staff starts it from the README: an empty data
 * folder, `npm run server -- create-admin …` (which prints the admin PC's one-time code), then
 * `npm run server -- --data DIR`. Nothing is seeded: whatever the story needs next, it does
 * through the app.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { APP_URL } from './chromium'

const ROOT = resolve(__dirname, '../../..')
const START_TIMEOUT_MS = 40_000

export interface CliServer {
  url: string
  /** The code `create-admin` printed for the admin's first PC. */
  adminEnrolmentCode: string
  close(): Promise<void>
}

function cli(args: string[]): string[] {
  return ['--import', 'tsx', join(ROOT, 'server', 'cli.ts'), ...args]
}

export async function startServerFromCli(admin: {
  username: string
  password: string
  displayName: string
}): Promise<CliServer> {
  const home = mkdtempSync(join(tmpdir(), 'naungan-district-'))
  const dataDir = join(home, 'data')
  // Keys apart from the data, as docs/security.md asks.
  const keyFile = join(home, 'server-keys.json')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NAUNGAN_ALLOWED_ORIGINS: new URL(APP_URL).origin,
  }
  delete env.DATABASE_URL
  const created = spawnSync(
    process.execPath,
    cli([
      'create-admin',
      '--data',
      dataDir,
      '--key-file',
      keyFile,
      '--username',
      admin.username,
      '--password',
      admin.password,
      '--display-name',
      admin.displayName,
    ]),
    { cwd: ROOT, env, encoding: 'utf8', timeout: START_TIMEOUT_MS },
  )
  const code = /^Kode pendaftaran: (\S+)$/m.exec(created.stdout ?? '')?.[1]
  if (created.status !== 0 || !code) {
    rmSync(home, { recursive: true, force: true })
    throw new Error(`create-admin failed:\n${created.stdout}\n${created.stderr}`)
  }

  const served = await serveFromCli(['--data', dataDir, '--key-file', keyFile], env).catch(
    (error: unknown) => {
      rmSync(home, { recursive: true, force: true })
      throw error
    },
  )
  return {
    url: served.url,
    adminEnrolmentCode: code,
    async close() {
      await served.stop()
      rmSync(home, { recursive: true, force: true })
    },
  }
}

/**
 * `server/cli.ts <args> --port 0` as its own process, once it says where it listens. Killed if it
 * does not start; `stop()` asks it to end (SIGTERM) and kills it after 15 s.
 */
export async function serveFromCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, cli([...args, '--port', '0']), {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`server did not start:\n${output}`)),
      START_TIMEOUT_MS,
    )
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8000)
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        done(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      fail(new Error(`server exited:\n${output}`))
    })
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL')
    await exited
    throw error
  })
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}
