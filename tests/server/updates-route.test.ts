/**
 * The district's server hands out app updates to office PCs on slow, dropping links: the real
 * server on 127.0.0.1 with an updates folder, talked to over raw HTTP like electron-updater does.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import { startTestServer, tempDir } from './support/server-fixture'

const INSTALLER = 'Naungan-Setup-0.2.0.exe'
/** Big enough that a cut after 256 KiB leaves most of it to resume. */
const installerBytes = randomBytes(3 * 1024 * 1024 + 17)

interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/**
 * One request on its own connection, the path sent as written (fetch would tidy `..` away). With
 * `cutAfterBytes` the socket is destroyed once that much of the body has arrived: the dropped link.
 */
function send(
  server: RunningServer,
  path: string,
  options: { method?: string; headers?: Record<string, string>; cutAfterBytes?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const finish = () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          })
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          received += chunk.length
          if (options.cutAfterBytes !== undefined && received >= options.cutAfterBytes) {
            req.destroy()
            finish()
          }
        })
        res.on('end', finish)
        res.on('error', () => undefined)
      },
    )
    req.on('error', (error) => {
      if (options.cutAfterBytes === undefined) reject(error)
    })
    req.end()
  })
}

function sha512Base64(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64')
}

describe('the update files on the district server', () => {
  let server: RunningServer
  let updatesDir: string

  beforeAll(async () => {
    const root = tempDir('naungan-updates-')
    updatesDir = join(root, 'updates')
    mkdirSync(updatesDir)
    writeFileSync(join(root, 'secret.txt'), 'kunci server')
    writeFileSync(join(updatesDir, INSTALLER), installerBytes)
    writeFileSync(join(updatesDir, `${INSTALLER}.blockmap`), randomBytes(2048))
    // The manifest electron-builder writes, with the installer's real SHA-512 (base64).
    writeFileSync(
      join(updatesDir, 'latest.yml'),
      [
        'version: 0.2.0',
        'files:',
        `  - url: ${INSTALLER}`,
        `    sha512: ${sha512Base64(installerBytes)}`,
        `    size: ${installerBytes.length}`,
        `path: ${INSTALLER}`,
        `sha512: ${sha512Base64(installerBytes)}`,
        "releaseDate: '2026-12-01T00:00:00.000Z'",
        '',
      ].join('\n'),
    )
    writeFileSync(
      join(updatesDir, 'staging.json'),
      JSON.stringify({ version: '0.2.0', percentage: 20, offices: ['KEC01'] }),
    )
    symlinkSync(join(root, 'secret.txt'), join(updatesDir, 'link.txt'))
    server = await startTestServer('pglite', { env: { NAUNGAN_UPDATES_DIR: updatesDir } })
  })

  afterAll(async () => {
    await server?.close()
  })

  it('a download cut mid-way resumes where it stopped and ends with the exact file', async () => {
    const first = await send(server, `/updates/${INSTALLER}`, { cutAfterBytes: 256 * 1024 })
    expect(first.status).toBe(200)
    expect(first.headers['accept-ranges']).toBe('bytes')
    expect(first.body.length).toBeGreaterThanOrEqual(256 * 1024)
    expect(first.body.length).toBeLessThan(installerBytes.length)
    const etag = first.headers.etag as string

    const rest = await send(server, `/updates/${INSTALLER}`, {
      headers: { Range: `bytes=${first.body.length}-`, 'If-Range': etag },
    })
    expect(rest.status).toBe(206)
    expect(rest.headers['content-range']).toBe(
      `bytes ${first.body.length}-${installerBytes.length - 1}/${installerBytes.length}`,
    )
    expect(rest.headers.etag).toBe(etag)
    const whole = Buffer.concat([first.body, rest.body])
    expect(whole.length).toBe(installerBytes.length)
    expect(sha512Base64(whole)).toBe(sha512Base64(installerBytes))
  })

  it('the served manifest names the SHA-512 of the served installer', async () => {
    const manifest = await send(server, '/updates/latest.yml')
    expect(manifest.status).toBe(200)
    expect(manifest.headers['content-type']).toBe('text/yaml; charset=utf-8')
    const text = manifest.body.toString('utf8')
    expect(/^version: 0\.2\.0$/m.test(text)).toBe(true)
    const named = /^sha512: (\S+)$/m.exec(text)?.[1]
    const installer = await send(server, `/updates/${INSTALLER}`)
    expect(installer.headers['content-type']).toBe('application/vnd.microsoft.portable-executable')
    expect(named).toBe(sha512Base64(installer.body))
  })

  it('the same validator by date resumes too; a changed validator gets the whole file', async () => {
    const head = await send(server, `/updates/${INSTALLER}`, { method: 'HEAD' })
    const byDate = await send(server, `/updates/${INSTALLER}`, {
      headers: { Range: 'bytes=10-19', 'If-Range': head.headers['last-modified'] as string },
    })
    expect(byDate.status).toBe(206)
    expect(byDate.body.equals(installerBytes.subarray(10, 20))).toBe(true)

    // The admin replaced the file since the first part: a splice of two builds would fail the
    // SHA-512 check at the end, so the client gets the new file whole.
    for (const stale of [
      '"0-0-0"',
      'W/' + String(head.headers.etag),
      'Tue, 01 Jan 2030 00:00:00 GMT',
    ]) {
      const answer = await send(server, `/updates/${INSTALLER}`, {
        headers: { Range: 'bytes=100-', 'If-Range': stale },
      })
      expect(answer.status, stale).toBe(200)
      expect(answer.headers['content-range']).toBeUndefined()
      expect(sha512Base64(answer.body)).toBe(sha512Base64(installerBytes))
    }
  })

  it('HEAD tells the size and validators without a body', async () => {
    const head = await send(server, `/updates/${INSTALLER}`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe(String(installerBytes.length))
    expect(head.headers['accept-ranges']).toBe('bytes')
    expect(head.headers.etag).toMatch(/^"[0-9a-f-]+"$/)
    expect(head.headers['last-modified']).toMatch(/GMT$/)
    expect(head.body.length).toBe(0)
  })

  it('answers the range forms electron-updater and resuming clients send', async () => {
    const size = installerBytes.length
    const cases: [string, number, number][] = [
      ['bytes=0-0', 0, 0],
      ['bytes=5-1023', 5, 1023],
      ['bytes=-100', size - 100, size - 1],
      [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
      [`bytes=-${size + 5}`, 0, size - 1],
    ]
    for (const [range, start, end] of cases) {
      const answer = await send(server, `/updates/${INSTALLER}`, { headers: { Range: range } })
      expect(answer.status, range).toBe(206)
      expect(answer.headers['content-range'], range).toBe(`bytes ${start}-${end}/${size}`)
      expect(answer.body.equals(installerBytes.subarray(start, end + 1)), range).toBe(true)
    }
  })

  it('several ranges at once come back as multipart/byteranges (differential download)', async () => {
    const answer = await send(server, `/updates/${INSTALLER}`, {
      headers: { Range: 'bytes=0-9, 2000-2099' },
    })
    expect(answer.status).toBe(206)
    const boundary = /^multipart\/byteranges; boundary=(\S+)$/.exec(
      answer.headers['content-type'] as string,
    )?.[1]
    expect(boundary).toBeDefined()
    expect(answer.headers['content-length']).toBe(String(answer.body.length))
    const parts = answer.body
      .toString('latin1')
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((part) => part.slice(part.indexOf('\r\n\r\n') + 4, -2))
    expect(parts.map((part) => Buffer.from(part, 'latin1'))).toEqual([
      installerBytes.subarray(0, 10),
      installerBytes.subarray(2000, 2100),
    ])
  })

  it('a range past the end is 416 with the size; a range it cannot read is ignored', async () => {
    const size = installerBytes.length
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
      const answer = await send(server, `/updates/${INSTALLER}`, { headers: { Range: range } })
      expect(answer.status, range).toBe(416)
      expect(answer.headers['content-range'], range).toBe(`bytes */${size}`)
    }
    for (const range of [
      'bytes=9-3',
      'items=0-5',
      'bytes=abc',
      'bytes=0-5,0-5' + ',0-99999999'.repeat(3),
    ]) {
      const answer = await send(server, `/updates/${INSTALLER}`, { headers: { Range: range } })
      expect(answer.status, range).toBe(200)
      expect(answer.body.length, range).toBe(size)
    }
  })

  it('a tag the client already has is 304, the file is not sent again', async () => {
    const first = await send(server, '/updates/latest.yml')
    const again = await send(server, '/updates/latest.yml', {
      headers: { 'If-None-Match': first.headers.etag as string },
    })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
  })

  it('only plain file names inside the folder are served', async () => {
    const attempts = [
      '/updates/../secret.txt',
      '/updates/..%2Fsecret.txt',
      '/updates/%2e%2e%2fsecret.txt',
      '/updates/%2E%2E/secret.txt',
      '/updates/..%5Csecret.txt',
      '/updates/.%2E%2Fsecret.txt',
      '/updates//secret.txt',
      '/updates/link.txt',
      '/updates/.hidden',
      '/updates/%2Fetc%2Fpasswd',
      '/updates/nothing-here.exe',
      `/updates/${INSTALLER}%00.yml`,
    ]
    for (const path of attempts) {
      const answer = await send(server, path)
      expect([400, 404], path).toContain(answer.status)
      expect(answer.body.toString('utf8'), path).not.toContain('kunci server')
    }
  })

  it("serves the admin's staging rule as JSON", async () => {
    const answer = await send(server, '/updates/staging.json')
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({
      version: '0.2.0',
      percentage: 20,
      offices: ['KEC01'],
    })
  })
})

describe('an updates folder set up wrong, or a client asking too often', () => {
  let server: RunningServer

  beforeAll(async () => {
    const updatesDir = tempDir('naungan-updates-bad-')
    writeFileSync(join(updatesDir, 'staging.json'), '{"version": "0.2.0", "percentage": "20%"}')
    writeFileSync(join(updatesDir, 'latest.yml'), 'version: 0.2.0\n')
    server = await startTestServer('pglite', {
      env: { NAUNGAN_UPDATES_DIR: updatesDir },
      rateLimits: {
        perDevice: { capacity: 100, refillPerSecond: 100 },
        perIp: { capacity: 3, refillPerSecond: 0.001 },
        outerPerIp: { capacity: 1000, refillPerSecond: 1000 },
      },
    })
  })

  afterAll(async () => {
    await server?.close()
  })

  it('a broken staging.json is refused in Indonesian rather than read as "everyone"', async () => {
    const answer = await send(server, '/updates/staging.json')
    expect(answer.status).toBe(503)
    const body = JSON.parse(answer.body.toString('utf8')) as {
      error: { code: string; message: string }
    }
    expect(body.error.code).toBe('STAGING_INVALID')
    expect(body.error.message).toContain('"percentage"')
  })

  it('update files share the anonymous rate limit of the address', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push((await send(server, '/updates/latest.yml')).status)
    }
    // Three tokens, one already spent on staging.json above.
    expect(statuses).toEqual([200, 200, 429, 429])
  })
})

describe('a server without an updates folder', () => {
  it('says updates are not configured', async () => {
    const server = await startTestServer('pglite', { env: {} })
    try {
      const answer = await send(server, '/updates/latest.yml')
      expect(answer.status).toBe(404)
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({
        error: { code: 'UPDATES_NOT_CONFIGURED' },
      })
    } finally {
      await server.close()
    }
  })
})
