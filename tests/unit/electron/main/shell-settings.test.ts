import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_FOR_META_TAG,
} from '../../../../electron/main/content-security-policy'
import { applicationMenuTemplate } from '../../../../electron/main/menu'
import { userDataDirOverride } from '../../../../electron/main/user-data-dir'

type MenuItemConstructorOptions = ReturnType<typeof applicationMenuTemplate>[number]

function roles(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ])
}

describe('application menu', () => {
  const menu = (isPackaged: boolean) => applicationMenuTemplate({ isPackaged, onAbout: () => {} })

  it('is in Indonesian', () => {
    expect(menu(true).map((item) => item.label)).toEqual(['Berkas', 'Edit', 'Tampilan', 'Bantuan'])
  })

  it('offers the clipboard and zoom by role', () => {
    expect(roles(menu(true))).toEqual(
      expect.arrayContaining(['quit', 'cut', 'copy', 'paste', 'reload', 'zoomIn', 'zoomOut']),
    )
  })

  it('has no developer tools in a packaged build', () => {
    expect(roles(menu(true))).not.toContain('toggleDevTools')
    expect(roles(menu(false))).toContain('toggleDevTools')
  })

  it('opens "Tentang Naungan" from Bantuan', () => {
    let opened = false
    const help = applicationMenuTemplate({
      isPackaged: true,
      onAbout: () => {
        opened = true
      },
    }).find((item) => item.label === 'Bantuan')
    const about = (help?.submenu as MenuItemConstructorOptions[])[0]
    expect(about?.label).toBe('Tentang Naungan')
    ;(about?.click as (() => void) | undefined)?.()
    expect(opened).toBe(true)
  })
})

describe('userDataDirOverride', () => {
  const cwd = '/home/operator'
  it.each([
    [['electron', '.'], {}, undefined],
    [['electron', '.', '--user-data-dir=/tmp/naungan-e2e-1'], {}, '/tmp/naungan-e2e-1'],
    [['electron', '.'], { NAUNGAN_USER_DATA_DIR: '/tmp/naungan-e2e-2' }, '/tmp/naungan-e2e-2'],
    [
      ['electron', '--user-data-dir=/tmp/from-switch'],
      { NAUNGAN_USER_DATA_DIR: '/tmp/from-env' },
      '/tmp/from-switch',
    ],
    [['electron', '--user-data-dir=data'], {}, '/home/operator/data'],
    [['electron', '--user-data-dir='], {}, undefined],
    [['electron'], { NAUNGAN_USER_DATA_DIR: '  ' }, undefined],
    [['electron', '--user-data-dir=/tmp/a\u0000b'], {}, undefined],
  ] as const)('%j with %j → %s', (argv, env, expected) => {
    expect(userDataDirOverride(argv, env, cwd)).toBe(expected)
  })
})

function directivesOf(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name as string, [...sources].sort().join(' ')]),
  )
}

describe('Content-Security-Policy', () => {
  it('is strict', () => {
    const directives = directivesOf(CONTENT_SECURITY_POLICY)
    expect(directives.get('default-src')).toBe("'self'")
    expect(directives.get('script-src')).toBe("'self'")
    expect(directives.get('object-src')).toBe("'none'")
    expect(directives.get('frame-ancestors')).toBe("'none'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
  })

  it('leaves out of the meta tag only what a meta tag cannot carry', () => {
    const header = directivesOf(CONTENT_SECURITY_POLICY)
    header.delete('frame-ancestors')
    expect(directivesOf(CONTENT_SECURITY_POLICY_FOR_META_TAG)).toEqual(header)
  })

  const indexHtml = join(import.meta.dirname, '../../../../renderer/index.html')
  it.skipIf(!existsSync(indexHtml))('matches the meta tag in renderer/index.html', () => {
    const html = readFileSync(indexHtml, 'utf8')
    const metaTag = /<meta\b[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0]
    expect(metaTag, 'renderer/index.html should carry the CSP meta tag').toBeDefined()
    // The policy itself contains single quotes, so the attribute is double-quoted.
    const content = /\bcontent="([^"]*)"/i.exec(metaTag ?? '')?.[1] ?? ''
    const inMeta = directivesOf(content)
    inMeta.delete('frame-ancestors')
    expect(inMeta).toEqual(directivesOf(CONTENT_SECURITY_POLICY_FOR_META_TAG))
  })
})
