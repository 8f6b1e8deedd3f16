/**
 * deploy/nginx-naungan.conf, run for real: a self-signed certificate from openssl, the example
 * with its ports and paths replaced, nginx as a child process with everything in a temp folder,
 * the real server behind it. A readiness probe and the live change stream go through over HTTPS;
 * plain HTTP is sent to HTTPS; a client's own X-Forwarded-For is not believed. CI installs nginx
 * and openssl (.ci/run) and this file fails there without them; elsewhere it is skipped with the
 * reason printed.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { createServer } from 'node:net'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReadinessResponse } from '../../shared/sync/sync-protocol'
import type { RunningServer } from '../../server/server'
import { createServerLog } from '../../server/server-log'
import {
  authoredBy,
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  startTestServer,
  tempDir,
  type TestClient,
} from './support/server-fixture'

const execFileAsync = promisify(execFile)
const EXAMPLE = fileURLToPath(new URL('../../deploy/nginx-naungan.conf', import.meta.url))

function findProgram(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin']) {
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return null
}

const nginx = findProgram('nginx')
const openssl = findProgram('openssl')
const isCi = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase())
if ((!nginx || !openssl) && !isCi) {
  console.warn(
    'nginx-proxy: skipped, nginx or openssl is not on PATH ' +
      '(apt-get install --no-install-recommends nginx openssl); in CI this fails instead',
  )
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Replaces each `from` in the example, which must be there: the example cannot drift unseen. */
function render(text: string, replacements: [string | RegExp, string][]): string {
  let out = text
  for (const [from, to] of replacements) {
    const matches = typeof from === 'string' ? out.includes(from) : from.test(out)
    if (!matches) throw new Error(`deploy/nginx-naungan.conf no longer has ${String(from)}`)
    out = typeof from === 'string' ? out.split(from).join(to) : out.replace(from, to)
  }
  return out
}

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function httpsGet(port: number, path: string, ca: string, headers = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port, path, ca, servername: 'naungan.test', headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

const UPDATE_MANIFEST = 'version: 0.2.0\nfiles:\n  - url: Naungan-Setup-0.2.0.exe\n'

describe.skipIf((!nginx || !openssl) && !isCi)('the nginx example in front of the server', () => {
  let server: RunningServer
  let clerk: TestClient
  let proxy: ChildProcess | null = null
  let proxyOutput = ''
  let ca = ''
  let tlsPort = 0
  let httpPort = 0
  const logLines: string[] = []

  beforeAll(async () => {
    if (!nginx || !openssl) {
      throw new Error('nginx or openssl is not on PATH: CI must install them (see .ci/run)')
    }
    const dir = tempDir('naungan-nginx-')
    const certFile = join(dir, 'cert.pem')
    const keyFile = join(dir, 'key.pem')
    await execFileAsync(openssl, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=naungan.test',
      '-addext',
      'subjectAltName=DNS:naungan.test',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ])
    ca = readFileSync(certFile, 'utf8')

    // The update folder (docs/updates.md), with a manifest the proxy must pass through whole or
    // by range.
    const updatesDir = join(dir, 'updates')
    mkdirSync(updatesDir)
    writeFileSync(join(updatesDir, 'latest.yml'), UPDATE_MANIFEST)
    server = await startTestServer('pglite', {
      env: { ...process.env, NAUNGAN_UPDATES_DIR: updatesDir },
      trustedProxies: ['127.0.0.1'],
      heartbeatMs: 60_000,
      log: createServerLog({ minLevel: 'info', sink: (line) => logLines.push(line) }),
    })
    const office = await createKecamatanOffice(server, '64.02.06', 1)
    clerk = await enrolAndLogin(server, office)

    tlsPort = await freePort()
    httpPort = await freePort()
    const site = render(readFileSync(EXAMPLE, 'utf8'), [
      ['server 127.0.0.1:8787;', `server 127.0.0.1:${server.port};`],
      ['listen 443 ssl http2;', `listen 127.0.0.1:${tlsPort} ssl http2;`],
      ['listen [::]:443 ssl http2;', ''],
      ['listen 80;', `listen 127.0.0.1:${httpPort};`],
      ['listen [::]:80;', ''],
      ['/etc/ssl/naungan/fullchain.pem', certFile],
      ['/etc/ssl/naungan/privkey.pem', keyFile],
      ['/var/log/nginx/naungan-access.log', join(dir, 'access.log')],
      ['/var/log/nginx/naungan-error.log', join(dir, 'error.log')],
      ['naungan.example.go.id', 'naungan.test'],
    ])
    for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      mkdirSync(join(dir, temp), { mode: 0o700 })
    }
    // What /etc/nginx/nginx.conf gives a site on Debian, with every path in the temp folder.
    const isRoot = process.getuid?.() === 0
    const main = [
      'daemon off;',
      'worker_processes 1;',
      // As root (a CI container) nginx would hand its workers to `nobody`, who cannot enter the
      // temp folder; the test's own user keeps everything in one owner's hands.
      isRoot ? 'user root root;' : '',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'main-error.log')} warn;`,
      'events { worker_connections 64; }',
      'http {',
      `  client_body_temp_path ${join(dir, 'body')};`,
      `  proxy_temp_path ${join(dir, 'proxy')};`,
      `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
      `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
      `  scgi_temp_path ${join(dir, 'scgi')};`,
      `  access_log ${join(dir, 'main-access.log')};`,
      site,
      '}',
    ].join('\n')
    const configFile = join(dir, 'nginx.conf')
    writeFileSync(configFile, main)
    const args = ['-p', `${dir}/`, '-e', join(dir, 'startup-error.log'), '-c', configFile]
    await execFileAsync(nginx, [...args, '-t'])
    proxy = spawn(nginx, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    proxy.stdout?.on('data', (chunk: Buffer) => (proxyOutput += chunk.toString('utf8')))
    proxy.stderr?.on('data', (chunk: Buffer) => (proxyOutput += chunk.toString('utf8')))
    // Ready when it answers.
    for (let attempt = 0; ; attempt++) {
      try {
        await httpsGet(tlsPort, '/api/health/live', ca)
        break
      } catch (error) {
        if (attempt > 100 || proxy.exitCode !== null) {
          throw new Error(`nginx did not start: ${String(error)}\n${proxyOutput}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
  }, 60_000)

  afterAll(async () => {
    if (proxy && proxy.exitCode === null) {
      const exited = new Promise((resolve) => proxy?.once('exit', resolve))
      proxy.kill('SIGQUIT')
      await exited
    }
    await server?.close()
  })

  it('answers the readiness probe over HTTPS', async () => {
    const ready = await httpsGet(tlsPort, '/api/health/ready', ca)
    expect(ready.status).toBe(200)
    expect(JSON.parse(ready.body) as ReadinessResponse).toMatchObject({ ready: true })
    expect(ready.headers['strict-transport-security']).toMatch(/max-age=/)
  })

  it('passes update files through, by byte range too, so a cut download resumes', async () => {
    const whole = await httpsGet(tlsPort, '/updates/latest.yml', ca)
    expect([whole.status, whole.body]).toEqual([200, UPDATE_MANIFEST])
    const part = await httpsGet(tlsPort, '/updates/latest.yml', ca, { Range: 'bytes=9-' })
    expect(part.status).toBe(206)
    expect(part.body).toBe(UPDATE_MANIFEST.slice(9))
    expect(part.headers['content-range']).toBe(
      `bytes 9-${UPDATE_MANIFEST.length - 1}/${UPDATE_MANIFEST.length}`,
    )
  })

  it('sends plain HTTP to HTTPS', async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: httpPort,
          path: '/api/health',
          headers: { Host: 'naungan.test' },
        },
        (res) => {
          res.resume()
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' }),
          )
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(answer.status).toBe(301)
    expect(answer.headers.location).toBe('https://naungan.test/api/health')
  })

  it("does not believe a client's own X-Forwarded-For", async () => {
    const spoofed = await httpsGet(tlsPort, '/api/health/live', ca, {
      'X-Forwarded-For': '203.0.113.9',
    })
    expect(spoofed.status).toBe(200)
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const live = lines.filter((line) => line.route === '/api/health/live')
    expect(live.length).toBeGreaterThan(0)
    expect(live.every((line) => line.ip === '127.0.0.1')).toBe(true)
  })

  it('streams changes through at once, unbuffered', async () => {
    const received: string[] = []
    let wake: () => void = () => undefined
    const until = (wanted: (text: string) => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`stream got: ${received.join('')}`)),
          15_000,
        )
        wake = () => {
          if (wanted(received.join(''))) {
            clearTimeout(timer)
            resolve()
          }
        }
        wake()
      })
    const req = httpsRequest({
      host: '127.0.0.1',
      port: tlsPort,
      path: '/api/sync/participants/stream',
      ca,
      servername: 'naungan.test',
      headers: { Authorization: `Bearer ${clerk.token}` },
    })
    const response = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          received.push(chunk)
          wake()
        })
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
    })
    req.end()
    try {
      expect(await response).toBe(200)
      // The greeting arrives before anything else happens: nginx did not hold it back.
      await until((text) => text.includes(': connected'))
      const push = await clerk.push([
        { newDocumentState: makeParticipant(clerk.office, authoredBy(clerk)) },
      ])
      expect(push.status).toBe(200)
      await until((text) => text.includes('event: change'))
    } finally {
      req.destroy()
    }
  })
})
