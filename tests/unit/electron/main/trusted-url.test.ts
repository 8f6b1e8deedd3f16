import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, isAppUrl } from '../../../../electron/main/trusted-url'

describe('isAppUrl: only the app:// origin of Naungan is trusted', () => {
  it.each([
    APP_ENTRY_URL,
    'app://naungan/',
    'app://naungan/assets/index-3f9a.js',
    'app://naungan/index.html?tab=daftar#nik',
    // Chromium folds these before we see them; they still point inside the app.
    'app://naungan/a/../index.html',
  ])('trusts %s', (url) => {
    expect(isAppUrl(url)).toBe(true)
  })

  it.each([
    ['no path at all', 'app://naungan'],
    ['look-alike host', 'app://naungan.evil/'],
    ['look-alike host with a dot', 'app://naungan.evil.example/'],
    ['host with a suffix', 'app://naungan-evil/'],
    ['user info before the host', 'app://user@naungan/'],
    ['our name as user info', 'app://naungan@evil.example/'],
    ['credentials', 'app://naungan:secret@naungan/'],
    ['a port', 'app://naungan:8080/'],
    ['upper-case scheme', 'APP://naungan/'],
    ['upper-case host', 'app://NAUNGAN/'],
    ['mixed-case host', 'app://Naungan/'],
    ['leading whitespace', ' app://naungan/'],
    ['embedded tab', 'app://naungan/\tindex.html'],
    ['backslash path', 'app://naungan\\..\\evil'],
    ['null byte', 'app://naungan/index.html\u0000.js'],
    ['single slash', 'app:/naungan/'],
    ['three slashes', 'app:///naungan/'],
    ['http localhost', 'http://localhost/'],
    ['http localhost look-alike', 'http://localhost.evil.example'],
    ['https', 'https://naungan/'],
    ['file', 'file:///C:/naungan/index.html'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript dressed as app', 'javascript://naungan/%0aalert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['blob', 'blob:app://naungan/1234'],
    ['about:blank', 'about:blank'],
    ['empty', ''],
  ])('refuses %s (%s)', (_why, url) => {
    expect(isAppUrl(url)).toBe(false)
  })

  it.each([undefined, null, 42, {}, new URL('app://naungan/')])(
    'refuses a non-string: %s',
    (value) => {
      expect(isAppUrl(value)).toBe(false)
    },
  )
})
