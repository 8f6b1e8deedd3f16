import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveAppProtocolPath } from '../../../../electron/main/app-protocol-path'
import { contentTypeOf } from '../../../../electron/main/content-type'

const misleadingRequests = [
  ['dot-dot segments', 'app://naungan/../../etc/passwd', 'FORBIDDEN_SEGMENT'],
  ['encoded dot-dot', 'app://naungan/%2e%2e/secret', 'FORBIDDEN_SEGMENT'],
  ['upper-case encoded dot-dot', 'app://naungan/%2E%2E/secret', 'FORBIDDEN_SEGMENT'],
  ['half-encoded dot-dot', 'app://naungan/.%2e/secret', 'FORBIDDEN_SEGMENT'],
  ['encoded slashes', 'app://naungan/..%2f..%2fsecret', 'FORBIDDEN_SEGMENT'],
  ['encoded backslashes', 'app://naungan/..%5c..%5csecret', 'FORBIDDEN_SEGMENT'],
  ['encoded absolute path', 'app://naungan/%2fetc%2fpasswd', 'FORBIDDEN_SEGMENT'],
  ['raw backslashes', 'app://naungan/a\\..\\..\\b', 'NOT_APP_URL'],
  ['encoded null byte', 'app://naungan/index.html%00.png', 'FORBIDDEN_SEGMENT'],
  ['raw null byte', 'app://naungan/index.html\u0000.png', 'NOT_APP_URL'],
  ['Windows drive letter', 'app://naungan/C:/Windows/win.ini', 'FORBIDDEN_SEGMENT'],
  ['encoded drive letter', 'app://naungan/C%3a%5cWindows%5cwin.ini', 'FORBIDDEN_SEGMENT'],
  ['NTFS alternate stream', 'app://naungan/index.html::$DATA', 'FORBIDDEN_SEGMENT'],
  ['single dot', 'app://naungan/./index.html', 'FORBIDDEN_SEGMENT'],
  ['broken percent-encoding', 'app://naungan/%E0%A4%A', 'BAD_ENCODING'],
  ['user info', 'app://user@naungan/index.html', 'NOT_APP_URL'],
  ['another host', 'app://naungan.evil.example/index.html', 'NOT_APP_URL'],
  ['another scheme', 'file:///etc/passwd', 'NOT_APP_URL'],
  ['http localhost look-alike', 'http://localhost.evil.example/index.html', 'NOT_APP_URL'],
] as const

describe.each([
  ['POSIX', path.posix, '/opt/naungan/out/renderer'],
  ['Windows', path.win32, 'C:\\Program Files\\Naungan\\resources\\app.asar\\out\\renderer'],
])('resolveAppProtocolPath with %s paths', (_system, pathModule, root) => {
  const resolve = (url: string) => resolveAppProtocolPath(url, root, pathModule)

  it.each(misleadingRequests)('refuses %s: %s', (_why, url, reason) => {
    expect(resolve(url)).toEqual({ ok: false, reason })
  })

  it.each([
    ['app://naungan/', ['index.html']],
    ['app://naungan/index.html', ['index.html']],
    ['app://naungan/index.html?tab=daftar#nik', ['index.html']],
    ['app://naungan/assets/index-3f9a.js', ['assets', 'index-3f9a.js']],
    ['app://naungan/assets/', ['assets', 'index.html']],
    ['app://naungan//assets//logo.svg', ['assets', 'logo.svg']],
    ['app://naungan/district/wilayah%206402.csv', ['district', 'wilayah 6402.csv']],
  ])('maps %s inside the root', (url, segments) => {
    expect(resolve(url)).toEqual({ ok: true, filePath: pathModule.join(root, ...segments) })
  })

  it('never returns a path outside the root, whatever the input', () => {
    const inputs = [
      ...misleadingRequests.map(([, url]) => url),
      'app://naungan/a/b/../../../x',
      'app://naungan/%252e%252e/x',
      'app://naungan/....//x',
    ]
    for (const url of inputs) {
      const result = resolve(url)
      if (result.ok) {
        const relative = pathModule.relative(root, result.filePath)
        expect(relative === '..' || relative.startsWith(`..${pathModule.sep}`)).toBe(false)
        expect(pathModule.isAbsolute(relative)).toBe(false)
      }
    }
  })
})

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-3f9a.js', 'text/javascript; charset=utf-8'],
    ['assets/INDEX.CSS', 'text/css; charset=utf-8'],
    ['fonts/inter.woff2', 'font/woff2'],
    ['logo.svg', 'image/svg+xml'],
    ['sql-wasm.wasm', 'application/wasm'],
    ['wilayah-6402.csv', 'text/csv; charset=utf-8'],
    ['README', 'application/octet-stream'],
    ['payload.exe', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type)
  })
})
