/**
 * Finding 6 (the embedded default protects the data weakly) and the parts of findings 5 and 8
 * that live outside HTTP: the server as `npm run server` starts it, on PGlite in a data folder.
 * Real processes, real files; no mocks.
 */
import { execFile } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { KEY_FILE_NAME } from '../../server/keys'
import { clientAddressOf, parseTrustedProxies } from '../../server/server'
import { api, randomKeys, tempDir } from './support/server-fixture'
import { spawnServerProcess, type ServerProcess } from './support/server-process'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const execFileAsync = promisify(execFile)

/** No keys in the environment: the embedded default makes and keeps its own key file. */
const NO_KEYS_IN_ENV = { NAUNGAN_TOKEN_KEY: '', NAUNGAN_DATA_KEY: '', NAUNGAN_CARD_SIGNING_KEY: '' }

function everyPathUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name))
}

const modeOf = (path: string) => statSync(path).mode & 0o777

describe('embedded data and keys on disk', () => {
  const children: ServerProcess[] = []
  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.stop()))
  })

  it('creates the data folder, every database file and the key file readable by the owner only', async () => {
    const dataDir = join(tempDir(), 'data')
    const child = await spawnServerProcess({ dataDir, keys: randomKeys(), env: NO_KEYS_IN_ENV })
    children.push(child)
    expect((await api(child.url, 'GET', '/api/health')).status).toBe(200)
    await child.stop()

    expect(modeOf(dataDir)).toBe(0o700)
    expect(modeOf(join(dataDir, KEY_FILE_NAME))).toBe(0o600)
    const files = everyPathUnder(join(dataDir, 'pglite'))
    expect(files.length).toBeGreaterThan(100)
    const readableByOthers = files.filter((path) => (modeOf(path) & 0o077) !== 0)
    expect(readableByOthers).toEqual([])
    // Keys beside the data they protect: said at start.
    expect(child.output()).toMatch(/server keys .* are inside the data folder/)
  }, 60_000)

  it('keeps the keys apart from the data when told to, and says nothing then', async () => {
    const root = tempDir()
    const dataDir = join(root, 'data')
    const keyFile = join(root, 'keys', 'naungan-keys.json')
    const child = await spawnServerProcess({
      dataDir,
      keys: randomKeys(),
      env: { ...NO_KEYS_IN_ENV, NAUNGAN_KEY_FILE: keyFile },
    })
    children.push(child)
    await child.stop()
    expect(readdirSync(dataDir)).toEqual(['pglite'])
    expect(modeOf(keyFile)).toBe(0o600)
    expect(modeOf(join(root, 'keys'))).toBe(0o700)
    expect(child.output()).not.toMatch(/inside the data folder/)

    // The same keys on the next start: the data stays readable.
    const again = await spawnServerProcess({
      dataDir,
      keys: randomKeys(),
      env: { ...NO_KEYS_IN_ENV, NAUNGAN_KEY_FILE: keyFile },
    })
    children.push(again)
    expect((await api(again.url, 'GET', '/api/health')).status).toBe(200)
  }, 60_000)

  it('shows an admin the security log on the command line', async () => {
    const dataDir = join(tempDir(), 'data')
    const child = await spawnServerProcess({ dataDir, keys: randomKeys() })
    children.push(child)
    const forged = await api(child.url, 'POST', '/api/session', {
      body: { deviceId: 'bukan-perangkat', deviceSecret: 'x', username: 'admin', password: 'y' },
    })
    expect(forged.status).toBe(401)
    await child.stop()
    // The same line went to the server's log as it happened.
    const line = child
      .output()
      .split('\n')
      .find((entry) => entry.includes('"securityEvent":"login_failed"'))
    // One JSON object a line, in the operational log's shape.
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      level: 'warn',
      event: 'security',
      securityEvent: 'login_failed',
    })

    const env = { ...process.env }
    delete env.DATABASE_URL
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'server', 'cli.ts'), 'security-events', '--data', dataDir],
      { cwd: ROOT, env, timeout: 60_000 },
    )
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; ip: string; detail: { reason?: string } })
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'login_failed',
        ip: '127.0.0.1',
        detail: expect.objectContaining({ reason: 'DEVICE_UNKNOWN' }),
      }),
    )
    expect(stdout).not.toContain('"y"')
  }, 90_000)
})

describe('the client address behind a TLS proxy', () => {
  const request = (peer: string, forwarded?: string) => ({
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  })
  const proxies = parseTrustedProxies('10.0.0.5, ::1')

  it.each([
    // No trusted proxy: the header is whatever the client wrote.
    [request('203.0.113.9', '198.51.100.1'), [], '203.0.113.9'],
    [request('10.0.0.5', '198.51.100.1'), [], '10.0.0.5'],
    // From the trusted proxy: the address it saw, i.e. the right-most entry.
    [request('10.0.0.5', '198.51.100.1'), proxies, '198.51.100.1'],
    [request('::ffff:10.0.0.5', '198.51.100.1'), proxies, '198.51.100.1'],
    [request('10.0.0.5', '6.6.6.6, 198.51.100.1'), proxies, '198.51.100.1'],
    [request('10.0.0.5', '198.51.100.1, ::1'), proxies, '198.51.100.1'],
    // Junk or nothing from the proxy: the proxy's own address, never the junk.
    [request('10.0.0.5', 'not-an-address'), proxies, '10.0.0.5'],
    [request('10.0.0.5'), proxies, '10.0.0.5'],
    // Anyone else sending the header is not believed.
    [request('203.0.113.9', '198.51.100.1'), proxies, '203.0.113.9'],
  ])('%o with proxies %o → %s', (req, trusted, expected) => {
    expect(clientAddressOf(req as never, trusted)).toBe(expected)
  })

  it('refuses a proxy list that is not IP addresses', () => {
    expect(() => parseTrustedProxies('proxy.kukarkab.go.id')).toThrow(/not an IP address/)
  })
})
