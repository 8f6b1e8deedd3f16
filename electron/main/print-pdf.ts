import { lstat, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
// Types only: this module must load under vitest, where the Electron binary cannot run.
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  DownloadItem,
  Event,
  WebContents,
} from 'electron'
import type { PrintPdfRequest, PrintPdfResult } from '../../shared/platform/platform-contract'
import { currentTimeMs } from '../../shared/dates/clock'

/**
 * `printPdf` under Electron: the PDF goes to a private temp folder, a hidden window opens it in
 * Chromium's PDF viewer, and `webContents.print` shows the system print dialog. The temp folder
 * holds names and NIKs, so it is removed on every path, and the window is always closed.
 *
 * Split in two so the decisions are testable without Electron: `printPdfWith` owns the temp file
 * lifecycle, the time limit and the result mapping; `openPdfInHiddenWindowAndPrint` is the thin
 * Electron part (it is handed the BrowserWindow constructor by index.ts).
 */

/** What Electron's `webContents.print` callback reports. */
export interface PrintOutcome {
  success: boolean
  failureReason: string
}

/** Opens the PDF at `pdfPath`, prints it with the dialog, closes everything it opened. */
export type OpenAndPrint = (pdfPath: string, signal: AbortSignal) => Promise<PrintOutcome>

export interface PrintPdfDependencies {
  /** Creates a fresh folder only this user can read. */
  makeTempDir: () => Promise<string>
  writeFile: (path: string, data: Uint8Array) => Promise<void>
  removeDir: (path: string) => Promise<void>
  openAndPrint: OpenAndPrint
  /** Bound on the whole print, dialog included. Defaults to PRINT_TIME_LIMIT_MS. */
  timeLimitMs?: number
}

/** A print that has not finished after this is reported FAILED and cleaned up. */
export const PRINT_TIME_LIMIT_MS = 10 * 60 * 1000
/** Temp folders are named `<temp>/naungan-print-XXXXXX`. */
export const PRINT_DIR_PREFIX = 'naungan-print-'
/** Longer than any print may last, so a folder this old was left behind by a crash. */
export const STALE_PRINT_DIR_AGE_MS = 60 * 60 * 1000
const MAX_FILE_NAME_STEM = 80

/**
 * Electron 45 documents "Print job canceled" for a dismissed dialog (electron.d.ts,
 * `webContents.print`); earlier versions and other platforms have said "cancelled", so any
 * "cancel" counts as the clerk's choice rather than a failure.
 */
export function printResultFrom(outcome: PrintOutcome): PrintPdfResult {
  if (outcome.success) return { printed: true }
  if (/cancel/i.test(outcome.failureReason)) return { printed: false, reason: 'CANCELLED' }
  return { printed: false, reason: 'FAILED' }
}

/**
 * A file name for the temp copy. Without PDF metadata Chromium shows the file name as the
 * document title, which is what the OS print queue lists, so it is made from the job title:
 * letters and digits kept, everything else (separators, dots, spaces) folded into dashes. The
 * fixed prefix keeps it clear of Windows device names like `CON` and of leading dots.
 */
export function printFileNameFor(title: string): string {
  const stem = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, MAX_FILE_NAME_STEM)
    .replace(/-$/, '')
  return `naungan-${stem === '' ? 'cetak' : stem}.pdf`
}

class PrintTimeLimitError extends Error {
  constructor(limitMs: number) {
    super(`PRINT_TIME_LIMIT: no answer from the print window after ${limitMs} ms`)
    this.name = 'PrintTimeLimitError'
  }
}

/** Runs `task`, aborting its signal and rejecting once `limitMs` has passed. */
async function withinTimeLimit<T>(
  task: (signal: AbortSignal) => Promise<T>,
  limitMs: number,
): Promise<T> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new PrintTimeLimitError(limitMs))
    }, limitMs)
  })
  try {
    return await Promise.race([task(controller.signal), expired])
  } finally {
    clearTimeout(timer)
  }
}

export async function printPdfWith(
  request: PrintPdfRequest,
  dependencies: PrintPdfDependencies,
): Promise<PrintPdfResult> {
  const { makeTempDir, writeFile, removeDir, openAndPrint } = dependencies
  let directory: string | undefined
  try {
    directory = await makeTempDir()
    const pdfPath = join(directory, printFileNameFor(request.title))
    await writeFile(pdfPath, request.data)
    const outcome = await withinTimeLimit(
      (signal) => openAndPrint(pdfPath, signal),
      dependencies.timeLimitMs ?? PRINT_TIME_LIMIT_MS,
    )
    if (!outcome.success) console.warn(`printPdf: not printed (${outcome.failureReason})`)
    return printResultFrom(outcome)
  } catch (error) {
    // The renderer only needs to know it failed; paths and errors belong in the log.
    console.error('printPdf: could not print', error)
    return { printed: false, reason: 'FAILED' }
  } finally {
    if (directory !== undefined) {
      try {
        await removeDir(directory)
      } catch (error) {
        // Not worth failing a print that happened; removeStalePrintDirs retries at next start.
        console.error(`printPdf: could not remove ${directory}`, error)
      }
    }
  }
}

/** The file-system half of the dependencies, in `tempRoot` (Electron: `app.getPath('temp')`). */
export function printTempFiles(
  tempRoot: string,
): Pick<PrintPdfDependencies, 'makeTempDir' | 'writeFile' | 'removeDir'> {
  return {
    // mkdtemp makes the folder with mode 0700 and a random, unguessable suffix.
    makeTempDir: () => mkdtemp(join(tempRoot, PRINT_DIR_PREFIX)),
    writeFile: (path, data) => writeFile(path, data, { mode: 0o600, flag: 'wx' }),
    // Windows may hold the file for a moment after the window closes: retry briefly.
    removeDir: (path) => rm(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }),
  }
}

/**
 * Prints one PDF at a time: a second request waits for the first dialog to close instead of
 * stacking two dialogs (the hidden print window does not block the main window, so a clerk can
 * press "Cetak" again while the dialog is open).
 */
export function createPdfPrinter(
  dependencies: PrintPdfDependencies,
): (request: PrintPdfRequest) => Promise<PrintPdfResult> {
  let previous: Promise<unknown> = Promise.resolve()
  return (request) => {
    const result = previous.then(() => printPdfWith(request, dependencies))
    previous = result
    return result
  }
}

/**
 * Removes print folders a crash left behind (they hold personal data). Only folders older than
 * any print can last are touched, so another instance's print in progress is left alone.
 */
export async function removeStalePrintDirs(tempRoot: string, now = currentTimeMs()): Promise<void> {
  let names: string[]
  try {
    names = await readdir(tempRoot)
  } catch (error) {
    console.warn(`printPdf: cannot list ${tempRoot}`, error)
    return
  }
  for (const name of names) {
    if (!name.startsWith(PRINT_DIR_PREFIX)) continue
    const path = join(tempRoot, name)
    try {
      const stats = await lstat(path)
      if (!stats.isDirectory() || now - stats.mtimeMs < STALE_PRINT_DIR_AGE_MS) continue
      await rm(path, { recursive: true, force: true })
    } catch (error) {
      console.warn(`printPdf: could not remove stale ${path}`, error)
    }
  }
}

// --- The Electron part. It cannot run on the build machines (no Electron binary); keep it to
// --- window plumbing and leave every decision to the functions above.

/** Time between 'did-finish-load' and print, for the PDF viewer to lay the document out. */
const SETTLE_DELAY_MS = 1000

export interface HiddenPrintWindowOptions {
  /** `(options) => new BrowserWindow(options)`, from index.ts. */
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow
}

export function openPdfInHiddenWindowAndPrint({
  createWindow,
}: HiddenPrintWindowOptions): OpenAndPrint {
  return (pdfPath, signal) =>
    new Promise<PrintOutcome>((resolve, reject) => {
      if (signal.aborted) {
        reject(new Error('printPdf: aborted before the window opened'))
        return
      }
      const window = createWindow({
        show: false,
        width: 800,
        height: 1000,
        webPreferences: {
          // No preload: the page is a PDF, not ours, and gets no platform API. Same session as
          // the app, whose permission rules (security.ts) give a file:// page nothing; a
          // separate in-memory partition is avoided because Electron's PDF viewer has failed to
          // load in one (electron/electron#24378).
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          nodeIntegrationInSubFrames: false,
          // Electron gates Chromium's PDF viewer on this (electron/electron#9507); without the
          // viewer the PDF would turn into a download, which onWillDownload turns into FAILED.
          plugins: true,
          // JavaScript stays on: the viewer itself is a JavaScript extension page.
          webviewTag: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          spellcheck: false,
          devTools: false,
          // A hidden window counts as backgrounded; keep the viewer's timers running so the
          // document is laid out when print() asks for it.
          backgroundThrottling: false,
        },
      })
      const contents = window.webContents
      const session = contents.session
      let hasLoaded = false
      let isDialogOpen = false
      let isSettled = false
      let settleTimer: ReturnType<typeof setTimeout> | undefined

      const closeWindow = () => {
        if (!window.isDestroyed()) window.destroy()
      }
      const settle = (outcome: PrintOutcome | Error) => {
        if (isSettled) return
        isSettled = true
        clearTimeout(settleTimer)
        session.off('will-download', onWillDownload)
        signal.removeEventListener('abort', onAbort)
        // Destroying a window while its native print dialog runs is asking for a crash; after
        // an abort it closes as soon as the dialog returns (see the print callback).
        if (!isDialogOpen) closeWindow()
        if (outcome instanceof Error) reject(outcome)
        else resolve(outcome)
      }
      const onAbort = () => settle(new Error('printPdf: time limit reached, print abandoned'))
      // Without a working PDF viewer Chromium would offer the PDF as a download instead.
      const onWillDownload = (event: Event, _item: DownloadItem, source: WebContents) => {
        if (source !== contents) return
        event.preventDefault()
        settle(new Error('printPdf: the PDF viewer is unavailable (the PDF became a download)'))
      }

      signal.addEventListener('abort', onAbort, { once: true })
      session.on('will-download', onWillDownload)
      window.once('closed', () => settle(new Error('printPdf: print window closed')))
      contents.once('render-process-gone', (_event, details) =>
        settle(new Error(`printPdf: print window renderer gone (${details.reason})`)),
      )
      contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
        if (isMainFrame)
          settle(new Error(`printPdf: could not load the PDF (${code} ${description})`))
      })
      contents.once('did-finish-load', () => {
        hasLoaded = true
        settleTimer = setTimeout(() => {
          if (isSettled) return
          isDialogOpen = true
          try {
            // Since Electron 30 (electron/electron#43309) this prints the PDF plugin's frame,
            // not a blank page.
            contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
              isDialogOpen = false
              if (isSettled) closeWindow()
              else settle({ success, failureReason })
            })
          } catch (error) {
            // print() throws synchronously on settings it refuses; in a timer that would be an
            // uncaught exception in the main process.
            isDialogOpen = false
            settle(error instanceof Error ? error : new Error(String(error)))
          }
        }, SETTLE_DELAY_MS)
      })
      window.loadFile(pdfPath).catch((error: unknown) => {
        if (!hasLoaded) settle(error instanceof Error ? error : new Error(String(error)))
      })
    })
}
