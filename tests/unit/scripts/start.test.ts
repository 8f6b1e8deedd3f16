/**
 * `npm start` as a new user meets it: scripts/start.mjs run by Node in a project folder of its
 * own. The download is Electron's real installer (@electron/get) pointed at a closed port on
 * 127.0.0.1, so it fails here and on a machine with internet alike; the success path runs a
 * stand-in binary that records how it was started.
 */
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../../..')
const electronVersion = JSON.parse(
  readFileSync(join(repo, 'node_modules/electron/package.json'), 'utf8'),
) as { version: string }

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A project folder with the start script, the real electron package (no binary) and a stub build. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'naungan-start-'))
  folders.push(dir)
  mkdirSync(join(dir, 'scripts'))
  cpSync(join(repo, 'scripts/start.mjs'), join(dir, 'scripts/start.mjs'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', main: 'out/main/index.js' }))
  const modules = join(dir, 'node_modules')
  mkdirSync(join(modules, 'electron'), { recursive: true })
  for (const file of ['package.json', 'install.js', 'checksums.json', 'index.js']) {
    cpSync(join(repo, 'node_modules/electron', file), join(modules, 'electron', file))
  }
  // The installer's own dependencies, from this checkout.
  symlinkSync(join(repo, 'node_modules/@electron'), join(modules, '@electron'))
  symlinkSync(join(repo, 'node_modules/@electron-internal'), join(modules, '@electron-internal'))
  // electron-vite stand-in: each build appends a line, so the test counts builds.
  mkdirSync(join(modules, 'electron-vite/bin'), { recursive: true })
  writeFileSync(
    join(modules, 'electron-vite/package.json'),
    JSON.stringify({ name: 'electron-vite' }),
  )
  writeFileSync(
    join(modules, 'electron-vite/bin/electron-vite.js'),
    `require('node:fs').appendFileSync(${JSON.stringify(join(dir, 'builds.log'))}, process.argv.slice(2).join(' ') + '\\n')`,
  )
  return dir
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  await new Promise<void>((done) => server.close(() => done()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

function start(dir: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [join(dir, 'scripts/start.mjs')], {
    cwd: dir,
    encoding: 'utf8',
    // A bound for a hung download, not a speed assertion.
    timeout: 120_000,
    env: { ...process.env, ...env, NAUNGAN_DEBUG: '' },
  })
}

function builds(dir: string): string[] {
  try {
    return readFileSync(join(dir, 'builds.log'), 'utf8').trim().split('\n').filter(Boolean)
  } catch {
    return []
  }
}

describe('npm start', () => {
  it('when Electron cannot be downloaded: one sentence in each language naming npm run web, no stack trace, no build', async () => {
    const dir = project()
    const result = start(dir, {
      ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
      electron_config_cache: join(dir, 'cache'),
    })
    expect(result.status).toBe(1)
    const said = `${result.stdout}${result.stderr}`
    expect(said).toContain('Electron tidak dapat diunduh')
    expect(said).toContain('Electron could not be downloaded')
    expect(said.match(/npm run web/g)).toHaveLength(2)
    expect(said).not.toMatch(/^\s+at /m)
    expect(said).not.toMatch(/Error:/)
    expect(builds(dir)).toEqual([])
  })

  it('with the binary in place: builds once, then opens the app from package.json main', () => {
    const dir = project()
    const electronDir = join(dir, 'node_modules/electron')
    mkdirSync(join(electronDir, 'dist'))
    writeFileSync(join(electronDir, 'path.txt'), 'electron')
    writeFileSync(join(electronDir, 'dist/version'), `v${electronVersion.version}`)
    const binary = join(electronDir, 'dist/electron')
    writeFileSync(
      binary,
      `#!/bin/sh\necho "$PWD|$*" >> ${JSON.stringify(join(dir, 'runs.log'))}\nexit 3\n`,
    )
    chmodSync(binary, 0o755)

    const result = start(dir, {})
    expect(builds(dir)).toEqual(['build'])
    expect(readFileSync(join(dir, 'runs.log'), 'utf8').trim()).toBe(`${dir}|.`)
    // The app's exit code is npm start's.
    expect(result.status).toBe(3)
    expect(`${result.stdout}${result.stderr}`).not.toContain('Mengunduh')
  })

  it('a binary for another Electron version counts as missing and is fetched again', async () => {
    const dir = project()
    const electronDir = join(dir, 'node_modules/electron')
    mkdirSync(join(electronDir, 'dist'))
    writeFileSync(join(electronDir, 'path.txt'), 'electron')
    writeFileSync(join(electronDir, 'dist/version'), 'v1.0.0')
    writeFileSync(join(electronDir, 'dist/electron'), '')
    const result = start(dir, {
      ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
      electron_config_cache: join(dir, 'cache'),
    })
    expect(result.stdout).toContain('Mengunduh Electron')
    expect(result.status).toBe(1)
    expect(builds(dir)).toEqual([])
  })
})
