import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'

// Overridable so two checkouts (a CI run beside a developer's) can test at once.
export const E2E_PORT = Number(process.env.NAUNGAN_E2E_PORT ?? 5187)
export const APP_URL = `http://127.0.0.1:${E2E_PORT}/`

/**
 * The second district of the suite (issue 19): Kota Samarinda's build of the same app, from
 * resources/districts/64.72 alone, served on the next port (`npm run test:e2e` builds it).
 */
export const SECOND_DISTRICT = {
  dir: 'resources/districts/64.72',
  appUrl: `http://127.0.0.1:${E2E_PORT + 1}/`,
  buildDir: 'out/renderer-64.72',
} as const

/** Debian's Chromium: Playwright's own browser builds cannot be downloaded on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** No outside network here: without these Chromium keeps dialling Google's hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'naungan-profile-'))
}

export interface OwnedBrowser {
  browser: Browser
  process: ChildProcess
  /** Like a power cut for the app: SIGKILL, no chance to flush anything. */
  kill(): Promise<void>
}

/**
 * Starts Chromium as our own child process on a given profile and connects over CDP, so a test
 * can SIGKILL the real browser process and start it again on the same profile.
 */
export async function launchOwnedChromium(profileDir: string): Promise<OwnedBrowser> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      `--user-data-dir=${profileDir}`,
      '--remote-debugging-port=0',
      '--lang=id-ID',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const endpoint = await new Promise<string>((resolve, reject) => {
    let stderr = ''
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${stderr}`)), 20_000)
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Chromium exited (${code}): ${stderr}`))
    })
  })
  const browser = await chromium.connectOverCDP(endpoint)
  return {
    browser,
    process: child,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve()
          return
        }
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  }
}
