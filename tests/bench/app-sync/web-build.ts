/**
 * The built renderer as the app-sync benchmarks serve it: a copy of out/renderer taken once, served
 * by scripts/static-server.mjs (the app's CSP) on a free port of 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = resolve(import.meta.dirname, '../../..')

/**
 * A copy of the built renderer taken once, so the whole run measures one build even when someone
 * rebuilds out/renderer meanwhile. Waits (bounded) while a build is half written: index.html and
 * every asset it names must be there, before and after the copy.
 */
export async function snapshotRenderer(): Promise<{ dir: string; id: string }> {
  const source = join(ROOT, 'out', 'renderer')
  const complete = (dir: string): string | null => {
    const index = join(dir, 'index.html')
    if (!existsSync(index)) return null
    const html = readFileSync(index, 'utf8')
    const assets = [...html.matchAll(/(?:src|href)="(?:\.?\/)?(assets\/[^"]+)"/g)].map(
      (m) => m[1] ?? '',
    )
    if (assets.length === 0 || !assets.every((asset) => existsSync(join(dir, asset)))) return null
    return createHash('sha256').update(html).digest('hex').slice(0, 12)
  }
  for (let attempt = 0; attempt < 60; attempt++) {
    const before = complete(source)
    if (before) {
      const dir = mkdtempSync(join(tmpdir(), 'naungan-bench-renderer-'))
      cpSync(source, dir, { recursive: true })
      if (complete(dir) === before && complete(source) === before) return { dir, id: before }
      rmSync(dir, { recursive: true, force: true })
    }
    await new Promise((done) => setTimeout(done, 2_000))
  }
  throw new Error('No complete build in out/renderer: run `npx electron-vite build` first.')
}

/** scripts/static-server.mjs (the app's CSP) on a free port, serving `root`. */
export async function startWeb(root: string): Promise<{ url: string; stop(): Promise<void> }> {
  const module = pathToFileURL(join(ROOT, 'scripts', 'static-server.mjs')).href
  const script = [
    `const { startStaticServer } = await import(${JSON.stringify(module)})`,
    `const server = await startStaticServer({ root: ${JSON.stringify(root)}, port: 0 })`,
    `console.log('serving on ' + server.port)`,
    `process.on('SIGTERM', () => server.close().then(() => process.exit(0)))`,
  ].join('\n')
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  let output = ''
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`web server did not start: ${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /serving on (\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        done(Number(match[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      fail(new Error(`web server exited: ${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
