/**
 * The built renderer in a fresh Chromium profile on disk, driven through its UI: enrol the PC with
 * a one-time code, log in, open the participant list. Plus the in-page probes the benchmark reads
 * back (long tasks, sync-state changes, the moment the list shows the full count, JS heap).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium'

const STEP_MS = 30_000

/** What the init script keeps in `window.__naunganBench` (epoch milliseconds). */
export interface PageProbe {
  longTasks: [start: number, duration: number][]
  syncStates: [at: number, state: string][]
  /** First sample where the sync state was 'synced' and the list showed `expectCount`. */
  doneAt: number | null
  /** First sample where the list showed `expectCount` (whatever the sync state). */
  countShownAt: number | null
  heapPeak: number
}

declare global {
  interface Window {
    __naunganBench?: PageProbe & { expectCount: string | null }
  }
}

/**
 * Runs in every document before the app: a long-task observer, a sync-state observer, and a
 * 100 ms sampler for the end condition and `performance.memory` (precise with
 * --enable-precise-memory-info). The sampler runs on the main thread, so a busy thread delays it
 * exactly as it delays what the clerk sees.
 */
function installProbe(): void {
  const now = () => performance.timeOrigin + performance.now()
  const probe = {
    longTasks: [] as [number, number][],
    syncStates: [] as [number, string][],
    doneAt: null as number | null,
    countShownAt: null as number | null,
    heapPeak: 0,
    expectCount: null as string | null,
  }
  window.__naunganBench = probe
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longTasks.push([performance.timeOrigin + entry.startTime, entry.duration])
      }
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    // No long-task timing in this browser: the figures stay empty.
  }
  const start = () => {
    let lastState = ''
    const recordState = () => {
      const state = document.documentElement.dataset.syncState ?? ''
      if (state !== lastState) {
        lastState = state
        probe.syncStates.push([now(), state])
      }
    }
    new MutationObserver(recordState).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-sync-state'],
    })
    recordState()
    setInterval(() => {
      const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory
      if (memory && memory.usedJSHeapSize > probe.heapPeak) probe.heapPeak = memory.usedJSHeapSize
      if (probe.expectCount === null || probe.doneAt !== null) return
      const text = document.querySelector('.list-count')?.textContent ?? ''
      // "N peserta", or with a search typed "… cocok dari N peserta" (N is still the total).
      const shown = new RegExp(
        `(?:^|dari )${probe.expectCount.replaceAll('.', '\\.')} peserta(?:$|;)`,
      )
      if (!shown.test(text.trim())) return
      probe.countShownAt ??= now()
      if (document.documentElement.dataset.syncState === 'synced') probe.doneAt = now()
    }, 100)
  }
  if (document.documentElement) start()
  else document.addEventListener('DOMContentLoaded', start, { once: true })
}

export interface AppSession {
  page: Page
  context: BrowserContext
  cdp: CDPSession
  close(): Promise<void>
}

export async function openFreshApp(appUrl: string): Promise<AppSession> {
  const profile = mkdtempSync(join(tmpdir(), 'naungan-bench-profile-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
      headless: true,
      baseURL: appUrl,
      locale: 'id-ID',
      timezoneId: 'Asia/Makassar',
      viewport: { width: 1366, height: 768 },
    })
  } catch (error) {
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
  // As source text: tsx (esbuild keepNames) wraps the inner functions in `__name(…)`, which the
  // page does not have.
  await context.addInitScript({
    content: `var __name = (target) => target; (${installProbe.toString()})()`,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const cdp = await context.newCDPSession(page)
  return {
    page,
    context,
    cdp,
    async close() {
      await context.close().catch(() => undefined)
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

async function waitForSyncState(page: Page, state: RegExp, timeout = STEP_MS): Promise<void> {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.documentElement.dataset.syncState ?? ''),
    state.source,
    { timeout },
  )
}

/** "Hubungkan ke server pusat" at #/perangkat, as tests/e2e/pages/enrol-page.ts does it. */
export async function enrolThroughUi(page: Page, serverUrl: string, code: string): Promise<void> {
  await page.goto('/#/perangkat')
  await page.waitForFunction(
    () => /ready|failed/.test(document.documentElement.dataset.appState ?? ''),
    null,
    {
      timeout: STEP_MS,
    },
  )
  const form = page.getByRole('form', { name: 'Hubungkan ke server pusat' })
  await form.getByLabel('Alamat server').fill(serverUrl)
  await form.getByLabel('Kode pendaftaran').fill(code)
  await form.getByLabel('Nama perangkat').fill('PC benchmark')
  await form.getByRole('button', { name: 'Daftarkan perangkat' }).click()
  await waitForSyncState(page, /^signed-out$/)
}

/** Fills the login form and presses "Masuk"; does not wait for the sync. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Masuk' })
  await form.getByLabel('Nama pengguna').fill(username)
  await form.getByLabel('Kata sandi').fill(password)
  await form.getByRole('button', { name: 'Masuk' }).click()
}

/** Past the login screen (any signed-in sync state), then the list (Alt+2). */
export async function openListAfterLogin(page: Page): Promise<void> {
  await waitForSyncState(page, /^(starting|syncing|synced|offline|error)$/, 60_000)
  await page.getByRole('form', { name: 'Masuk' }).waitFor({ state: 'detached', timeout: STEP_MS })
  await page.keyboard.press('Alt+2')
  await page.getByRole('heading', { name: 'Daftar peserta' }).waitFor({ timeout: STEP_MS })
}

export async function expectCountInPage(page: Page, formatted: string): Promise<void> {
  await page.evaluate((text) => {
    if (window.__naunganBench) window.__naunganBench.expectCount = text
  }, formatted)
}

export async function readProbe(page: Page): Promise<PageProbe | null> {
  return page.evaluate(() => {
    const probe = window.__naunganBench
    if (!probe) return null
    return {
      longTasks: probe.longTasks,
      syncStates: probe.syncStates,
      doneAt: probe.doneAt,
      countShownAt: probe.countShownAt,
      heapPeak: probe.heapPeak,
    }
  })
}

export interface SearchProbe {
  /** Seconds after the first pull when the typing started. */
  atS: number
  prefix: string
  /** Typing → filtered rows (or "no match") on screen; null when it gave up at `giveUpMs`. */
  ms: number | null
}

/**
 * Types `prefix` into "Cari peserta" and times until the rows shown are all matches (or the list
 * says nothing matches); then clears the box and waits (untimed) for the unfiltered list.
 */
export async function searchProbe(
  page: Page,
  prefix: string,
  giveUpMs: number,
): Promise<number | null> {
  const box = page.getByLabel('Cari peserta')
  const started = performance.now()
  let ms: number | null = null
  try {
    await box.fill(prefix, { timeout: giveUpMs })
    const left = Math.max(1, giveUpMs - (performance.now() - started))
    await page.waitForFunction(
      (wanted) => {
        const input = document.querySelector<HTMLInputElement>('#participant-search')
        if (input && input.value !== wanted) return false
        if (document.querySelector('.participant-table .empty')) return true
        const rows = Array.from(document.querySelectorAll('.participant-table .viewport a.row'))
        return (
          rows.length > 0 &&
          rows.every((row) =>
            (row.children[1]?.textContent ?? '').toLowerCase().includes(wanted.toLowerCase()),
          )
        )
      },
      prefix,
      { timeout: left, polling: 20 },
    )
    ms = performance.now() - started
  } catch {
    ms = null
  }
  await box.fill('', { timeout: giveUpMs }).catch(() => undefined)
  await page
    .waitForFunction(
      (wanted) => {
        if (document.querySelector('.participant-table .empty')) return true
        const rows = Array.from(document.querySelectorAll('.participant-table .viewport a.row'))
        return rows.some(
          (row) =>
            !(row.children[1]?.textContent ?? '').toLowerCase().includes(wanted.toLowerCase()),
        )
      },
      prefix,
      { timeout: giveUpMs, polling: 50 },
    )
    .catch(() => undefined)
  return ms
}

/** V8 heap in use (CDP Runtime.getHeapUsage), or null when it did not answer within 5 s. */
export async function heapUsed(cdp: CDPSession): Promise<number | null> {
  const answer = cdp.send('Runtime.getHeapUsage').then((usage) => usage.usedSize)
  const timeout = new Promise<null>((done) => setTimeout(() => done(null), 5_000).unref())
  return Promise.race([answer.catch(() => null), timeout])
}
