import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createPdfPrinter,
  PRINT_DIR_PREFIX,
  printFileNameFor,
  printPdfWith,
  printResultFrom,
  printTempFiles,
  removeStalePrintDirs,
  STALE_PRINT_DIR_AGE_MS,
  type OpenAndPrint,
  type PrintOutcome,
} from '../../../../electron/main/print-pdf'

// The temp files are real; only `openAndPrint` is a stand-in. It is the one seam where a fake is
// unavoidable: the real one opens a BrowserWindow, and the Electron binary cannot run on the
// machines these tests run on. What it would do on screen is checked by hand (docs/architecture.md).

const request = {
  title: 'Kartu peserta — Siti Aminah',
  data: new TextEncoder().encode('%PDF-1.7\n% NIK 6402011505800001\n%%EOF\n'),
}

const isPosix = process.platform !== 'win32'

describe('printResultFrom', () => {
  it.each<[string, PrintOutcome, unknown]>([
    ['a job sent to the printer', { success: true, failureReason: '' }, { printed: true }],
    [
      "Electron 45's cancel reason",
      { success: false, failureReason: 'Print job canceled' },
      { printed: false, reason: 'CANCELLED' },
    ],
    [
      'the British spelling',
      { success: false, failureReason: 'cancelled' },
      { printed: false, reason: 'CANCELLED' },
    ],
    [
      'a failed job',
      { success: false, failureReason: 'Print job failed' },
      { printed: false, reason: 'FAILED' },
    ],
    [
      'bad printer settings',
      { success: false, failureReason: 'Invalid printer settings' },
      { printed: false, reason: 'FAILED' },
    ],
    [
      'no reason at all',
      { success: false, failureReason: '' },
      { printed: false, reason: 'FAILED' },
    ],
  ])('maps %s', (_why, outcome, result) => {
    expect(printResultFrom(outcome)).toEqual(result)
  })
})

describe('printFileNameFor', () => {
  it.each([
    ['Kartu peserta — Siti Aminah', 'naungan-Kartu-peserta-Siti-Aminah.pdf'],
    ['Stiker 12/2025', 'naungan-Stiker-12-2025.pdf'],
    ['../../etc/passwd', 'naungan-etc-passwd.pdf'],
    ['C:\\Windows\\win.ini', 'naungan-C-Windows-win-ini.pdf'],
    ['CON', 'naungan-CON.pdf'],
    ['.bashrc', 'naungan-bashrc.pdf'],
    ['Ñoño Ümit', 'naungan-Ñoño-Ümit.pdf'],
    ['   ', 'naungan-cetak.pdf'],
    ['***', 'naungan-cetak.pdf'],
  ])('%j → %s', (title, name) => {
    expect(printFileNameFor(title)).toBe(name)
  })

  it('keeps long titles to a short name', () => {
    const name = printFileNameFor(`${'a'.repeat(79)} ${'b'.repeat(120)}`)
    expect(name).toBe(`naungan-${'a'.repeat(79)}.pdf`)
  })
})

describe('printPdfWith', () => {
  let tempRoot: string
  let errorLog: ReturnType<typeof vi.spyOn>
  let warnLog: ReturnType<typeof vi.spyOn>

  beforeEach(async () => {
    tempRoot = await mkdtemp(join(tmpdir(), 'naungan-print-test-'))
    errorLog = vi.spyOn(console, 'error').mockImplementation(() => {})
    warnLog = vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(async () => {
    errorLog.mockRestore()
    warnLog.mockRestore()
    await rm(tempRoot, { recursive: true, force: true })
  })

  /** An openAndPrint that records what the window would have been given, then answers. */
  function printerThatAnswers(answer: (pdfPath: string) => Promise<PrintOutcome>) {
    const seen: { path: string; bytes: Uint8Array; fileMode: number; dirMode: number }[] = []
    const openAndPrint: OpenAndPrint = async (pdfPath) => {
      seen.push({
        path: pdfPath,
        bytes: new Uint8Array(await readFile(pdfPath)),
        fileMode: (await stat(pdfPath)).mode & 0o777,
        dirMode: (await stat(dirname(pdfPath))).mode & 0o777,
      })
      return answer(pdfPath)
    }
    return { openAndPrint, seen }
  }

  it('gives the window the exact bytes in a private folder, then removes the folder', async () => {
    const { openAndPrint, seen } = printerThatAnswers(async () => ({
      success: true,
      failureReason: '',
    }))
    const result = await printPdfWith(request, { ...printTempFiles(tempRoot), openAndPrint })

    expect(result).toEqual({ printed: true })
    expect(seen).toHaveLength(1)
    const [printed] = seen
    expect(printed?.bytes).toEqual(request.data)
    expect(basename(printed?.path ?? '')).toBe('naungan-Kartu-peserta-Siti-Aminah.pdf')
    expect(dirname(dirname(printed?.path ?? ''))).toBe(tempRoot)
    expect(basename(dirname(printed?.path ?? ''))).toMatch(new RegExp(`^${PRINT_DIR_PREFIX}`))
    if (isPosix) {
      expect(printed?.fileMode).toBe(0o600)
      expect(printed?.dirMode).toBe(0o700)
    }
    expect(await readdir(tempRoot)).toEqual([])
  })

  it('removes the folder when the clerk cancels the dialog', async () => {
    const { openAndPrint, seen } = printerThatAnswers(async () => ({
      success: false,
      failureReason: 'Print job canceled',
    }))
    const result = await printPdfWith(request, { ...printTempFiles(tempRoot), openAndPrint })
    expect(result).toEqual({ printed: false, reason: 'CANCELLED' })
    expect(seen).toHaveLength(1)
    expect(await readdir(tempRoot)).toEqual([])
  })

  it('reports a failed job and removes the folder', async () => {
    const { openAndPrint } = printerThatAnswers(async () => ({
      success: false,
      failureReason: 'Print job failed',
    }))
    const result = await printPdfWith(request, { ...printTempFiles(tempRoot), openAndPrint })
    expect(result).toEqual({ printed: false, reason: 'FAILED' })
    expect(await readdir(tempRoot)).toEqual([])
  })

  it('reports FAILED and removes the folder when the window cannot load the PDF', async () => {
    const { openAndPrint, seen } = printerThatAnswers(async () => {
      throw new Error('printPdf: could not load the PDF (-6 ERR_FILE_NOT_FOUND)')
    })
    const result = await printPdfWith(request, { ...printTempFiles(tempRoot), openAndPrint })
    expect(result).toEqual({ printed: false, reason: 'FAILED' })
    expect(seen).toHaveLength(1)
    expect(await readdir(tempRoot)).toEqual([])
    expect(errorLog).toHaveBeenCalledOnce()
  })

  it('gives up after the time limit: aborts the window, reports FAILED, removes the folder', async () => {
    let signalSeen: AbortSignal | undefined
    const openAndPrint: OpenAndPrint = (_pdfPath, signal) => {
      signalSeen = signal
      // A dialog nobody answers.
      return new Promise(() => {})
    }
    const result = await printPdfWith(request, {
      ...printTempFiles(tempRoot),
      openAndPrint,
      timeLimitMs: 50,
    })
    expect(result).toEqual({ printed: false, reason: 'FAILED' })
    expect(signalSeen?.aborted).toBe(true)
    expect(await readdir(tempRoot)).toEqual([])
  })

  it('does not open a window when the file cannot be written, and still removes the folder', async () => {
    const openAndPrint = vi.fn<OpenAndPrint>()
    const files = printTempFiles(tempRoot)
    const result = await printPdfWith(request, {
      ...files,
      writeFile: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      },
      openAndPrint,
    })
    expect(result).toEqual({ printed: false, reason: 'FAILED' })
    expect(openAndPrint).not.toHaveBeenCalled()
    expect(await readdir(tempRoot)).toEqual([])
  })

  it('reports FAILED when no temp folder can be made', async () => {
    const openAndPrint = vi.fn<OpenAndPrint>()
    const missingRoot = join(tempRoot, 'folder-yang-tidak-ada')
    const result = await printPdfWith(request, { ...printTempFiles(missingRoot), openAndPrint })
    expect(result).toEqual({ printed: false, reason: 'FAILED' })
    expect(openAndPrint).not.toHaveBeenCalled()
  })

  it('keeps the print result when the folder cannot be removed', async () => {
    const { openAndPrint } = printerThatAnswers(async () => ({ success: true, failureReason: '' }))
    const result = await printPdfWith(request, {
      ...printTempFiles(tempRoot),
      removeDir: async () => {
        throw new Error('EBUSY: resource busy or locked')
      },
      openAndPrint,
    })
    expect(result).toEqual({ printed: true })
    expect(errorLog).toHaveBeenCalledOnce()
  })

  it('gives each print its own folder', async () => {
    const folders: string[] = []
    const { openAndPrint } = printerThatAnswers(async (pdfPath) => {
      folders.push(dirname(pdfPath))
      return { success: true, failureReason: '' }
    })
    const dependencies = { ...printTempFiles(tempRoot), openAndPrint }
    await printPdfWith(request, dependencies)
    await printPdfWith(request, dependencies)
    expect(new Set(folders).size).toBe(2)
  })
})

describe('createPdfPrinter', () => {
  let tempRoot: string
  beforeEach(async () => {
    tempRoot = await mkdtemp(join(tmpdir(), 'naungan-print-test-'))
  })
  afterEach(async () => {
    await rm(tempRoot, { recursive: true, force: true })
  })

  it('opens the second dialog only after the first one is answered', async () => {
    const events: string[] = []
    let answerFirst: (outcome: PrintOutcome) => void = () => {}
    const openAndPrint: OpenAndPrint = (pdfPath) => {
      const name = basename(pdfPath)
      events.push(`open ${name}`)
      if (name.includes('Kartu')) {
        return new Promise((resolve) => {
          answerFirst = (outcome) => {
            events.push(`answer ${name}`)
            resolve(outcome)
          }
        })
      }
      return Promise.resolve({ success: true, failureReason: '' })
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const print = createPdfPrinter({ ...printTempFiles(tempRoot), openAndPrint })

    const first = print({ ...request, title: 'Kartu' })
    const second = print({ ...request, title: 'Stiker' })
    await vi.waitFor(() => expect(events).toEqual(['open naungan-Kartu.pdf']))
    answerFirst({ success: false, failureReason: 'Print job canceled' })

    expect(await first).toEqual({ printed: false, reason: 'CANCELLED' })
    expect(await second).toEqual({ printed: true })
    expect(events).toEqual([
      'open naungan-Kartu.pdf',
      'answer naungan-Kartu.pdf',
      'open naungan-Stiker.pdf',
    ])
    warn.mockRestore()
  })
})

describe('removeStalePrintDirs', () => {
  let tempRoot: string
  beforeEach(async () => {
    tempRoot = await mkdtemp(join(tmpdir(), 'naungan-print-test-'))
  })
  afterEach(async () => {
    await rm(tempRoot, { recursive: true, force: true })
  })

  it('removes print folders a crash left behind, and nothing else', async () => {
    const now = Date.now()
    const longAgo = new Date(now - STALE_PRINT_DIR_AGE_MS - 60_000)
    const makeDir = async (name: string, modified: Date) => {
      await mkdir(join(tempRoot, name))
      await utimes(join(tempRoot, name), modified, modified)
    }
    await makeDir(`${PRINT_DIR_PREFIX}crashed`, longAgo)
    await makeDir(`${PRINT_DIR_PREFIX}printing-now`, new Date(now - 60_000))
    await makeDir('another-app-folder', longAgo)

    await removeStalePrintDirs(tempRoot, now)

    expect((await readdir(tempRoot)).sort()).toEqual([
      'another-app-folder',
      `${PRINT_DIR_PREFIX}printing-now`,
    ])
  })

  it('shrugs off a temp folder it cannot read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await expect(removeStalePrintDirs(join(tempRoot, 'missing'))).resolves.toBeUndefined()
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })
})
