import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import {
  PLATFORM_GLOBAL_NAME,
  PLATFORM_OPERATION_NAMES,
} from '../../../shared/platform/platform-contract'
import { NaunganApp } from '../pages/naungan-app'
import { SITI } from '../support/people'

/**
 * The registration story on the real shell: sandboxed preload, app:// protocol, the OS keychain.
 * It runs wherever the Electron binary is installed; the Chromium suite carries the same story
 * everywhere else.
 */

const repoRoot = resolve(__dirname, '../../..')
const SKIP_REASON =
  'Electron binary not installed on this machine (it cannot be downloaded here); ' +
  'the Chromium suite carries this story'

/** The binary `require('electron')` would return, without its download-on-require side effect. */
function installedElectronBinary(): string | undefined {
  try {
    const packageDir = dirname(require.resolve('electron/package.json', { paths: [repoRoot] }))
    const pathFile = join(packageDir, 'path.txt')
    if (!existsSync(pathFile)) return undefined
    const relativePath = readFileSync(pathFile, 'utf8').trim()
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist')
    const binary = join(distDir, relativePath)
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

const electronBinary = installedElectronBinary()

function launchNaungan(userDataDir: string): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: electronBinary,
    // The repository folder, so package.json names the app and points at out/main/index.js.
    args: [repoRoot, `--user-data-dir=${userDataDir}`],
    cwd: repoRoot,
  })
}

test.describe('Naungan desktop (Electron)', () => {
  test.skip(electronBinary === undefined, SKIP_REASON)
  test.skip(
    !existsSync(join(repoRoot, 'out/main/index.js')),
    'out/ is missing: run `npx electron-vite build` first (npm run test:e2e does)',
  )

  let userDataDir: string
  test.beforeEach(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'naungan-electron-e2e-'))
  })
  test.afterEach(async () => {
    await rm(userDataDir, { recursive: true, force: true })
  })

  test('a clerk registers a walk-in with the keyboard and finds it after restart', async () => {
    const firstRun = await launchNaungan(userDataDir)
    const naungan = new NaunganApp(await firstRun.firstWindow())
    await naungan.waitUntilStarted()
    await naungan.settings.setUpOffice()
    await naungan.registration.typeWalkinWithKeyboard(SITI)
    await naungan.page.keyboard.press('Control+Enter')
    await naungan.registration.expectSaved(SITI)
    await firstRun.close()

    const secondRun = await launchNaungan(userDataDir)
    const afterRestart = new NaunganApp(await secondRun.firstWindow())
    await afterRestart.waitUntilStarted()
    await afterRestart.participants.expectListed(SITI)
    await secondRun.close()
  })

  test('the page gets the platform contract and nothing more', async () => {
    const app = await launchNaungan(userDataDir)
    const page = await app.firstWindow()
    await new NaunganApp(page).waitUntilStarted()
    expect(page.url()).toMatch(/^app:\/\/naungan\//)

    const exposed = await page.evaluate((globalName) => {
      const scope = globalThis as unknown as Record<string, unknown>
      const platform = scope[globalName] as Record<string, unknown>
      return {
        operations: Object.keys(platform).sort(),
        hasRequire: typeof scope.require !== 'undefined',
        hasProcess: typeof scope.process !== 'undefined',
      }
    }, PLATFORM_GLOBAL_NAME)
    expect(exposed).toEqual({
      operations: [...PLATFORM_OPERATION_NAMES].sort(),
      hasRequire: false,
      hasProcess: false,
    })

    const appInfo = await page.evaluate((globalName) => {
      const scope = globalThis as unknown as Record<string, { getAppInfo(): Promise<unknown> }>
      return scope[globalName]?.getAppInfo()
    }, PLATFORM_GLOBAL_NAME)
    expect(appInfo).toMatchObject({ host: 'electron', secretProtection: 'os-keychain' })

    // Navigation away from app:// and new windows are refused by electron/main/security.ts.
    await page.evaluate(() => {
      ;(globalThis as unknown as { location: { href: string } }).location.href =
        'https://example.com/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toMatch(/^app:\/\/naungan\//)
    const openedWindow = await page.evaluate(() =>
      (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'),
    )
    expect(openedWindow).toBeNull()
    expect(app.windows()).toHaveLength(1)
    await app.close()
  })
})
