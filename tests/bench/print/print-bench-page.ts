/**
 * The in-browser half of the print benchmark: a bench-only page (never part of the shipped app)
 * that prints synthetic participants through the REAL print client — `prepareBatch` on the main
 * thread, then `renderInWorker`, which runs the app's two print workers (the code worker signs
 * every QR token with a device key certified here by a throwaway district key and computes its
 * code; the print worker draws with `renderPrintJob` as the codes arrive). While a job runs it
 * watches the main thread: Chromium's long-task entries and a 10 ms timer whose lateness shows
 * any task that held the thread. tests/bench/print/run-print-bench.ts drives it through
 * `window.naunganPrintBench`.
 */
import { district, localToday } from '../../../renderer/src/core/district'
import type { PersonToPrint, WorkerJob } from '../../../renderer/src/printing/print-worker-protocol'
import {
  issueDeviceCertificate,
  newSigningKeyPair,
  type CardKind,
  type CardSigner,
} from '../../../shared/cards/card-token'
import type { ParticipantDocument } from '../../../shared/participant/participant-document'
import { NO_CALIBRATION } from '../../../shared/printing/print-model'
import { BUILT_IN_STICKER_TEMPLATES } from '../../../shared/printing/sticker-templates'
import { personFieldsOf, syntheticPerson } from '../synthetic-people'
import {
  brandingFor,
  prepareBatch,
  renderInWorker,
  warmUpPrintWorker,
} from '../../../renderer/src/printing/print-client'
import { currentTime } from '../../../shared/dates/clock'

/** What the print screen offers: ID-1 cards one per page, A4 sheets of ten cards, A4 stickers. */
export type PrintScenario = 'card-id1' | 'card-a4' | 'sticker-a4-8'

export interface MainThreadWatch {
  /** Long-task entries (Chromium reports tasks of 50 ms and more) that overlap the job. */
  longTaskCount: number
  /** Duration of the longest of them; null when Chromium reported none (every task < 50 ms). */
  longestTaskMs: number | null
  longTaskTotalMs: number
  /** The most a 10 ms interval timer fired late while the job ran: what a keystroke could wait. */
  maxTimerLagMs: number
  timerTicks: number
}

export interface PrintRunResult {
  scenario: PrintScenario
  count: number
  /** `prepareBatch` called → PDF bytes back on the main thread: what the clerk waits for. */
  totalMs: number
  /** `prepareBatch` alone: masking, serials, region names — synchronous, on the main thread. */
  prepareMs: number
  /** Job posted → the last time the drawing waited for the code worker (includes the fonts). */
  signingMs: number
  /** → the worker reported the last page drawn. */
  drawingMs: number
  /** → the finished PDF arrived (pdfkit ends the document: compression, xref, font subsets). */
  finishMs: number
  pdfBytes: number
  pageCount: number
  /** Warning codes with how often each came (e.g. a logo the worker could not fetch). */
  warnings: Record<string, number>
  /** First bytes of the file, to check it is a PDF at all. */
  pdfHeader: string
  mainThread: MainThreadWatch
  /** The PDF itself, base64, only when asked for (to look at or decode the QR codes). */
  pdfBase64?: string
}

export interface NaunganPrintBench {
  run(options: { kind: PrintScenario; count: number; keepPdf?: boolean }): Promise<PrintRunResult>
  /** The print screen's warm-up of a new worker (fonts, logos, a few throwaway pages): its ms. */
  warmUp(): Promise<number>
  /** Blocks the main thread for `busyMs` in one task and reports what the watch saw of it. */
  checkWatch(busyMs: number): Promise<MainThreadWatch>
}

declare global {
  interface Window {
    naunganPrintBench?: NaunganPrintBench
  }
}

const OFFICE_CODE = '06-01'
const OPERATOR = 'Operator Bench'
const PROBE_INTERVAL_MS = 10

function addYears(isoDate: string, years: number): string {
  return `${Number(isoDate.slice(0, 4)) + years}${isoDate.slice(4)}`
}

/** A district key made here, and this "PC"'s key certified by it for two years from today. */
function benchSigner(today: string): CardSigner {
  const districtKeys = newSigningKeyPair()
  const deviceKeys = newSigningKeyPair()
  const certificate = issueDeviceCertificate(districtKeys.secretKey, {
    devicePublicKey: deviceKeys.publicKey,
    officeCode: OFFICE_CODE,
    issuedOn: today,
    // 29 February + 2 years is not a date: the day before will do for a benchmark.
    expiresOn: addYears(today, 2).replace(/-02-29$/, '-02-28'),
  })
  return { secretKey: deviceKeys.secretKey, certificate }
}

/**
 * Records as the print screen loads them from the store: active members covered this year (only
 * they get a card or a sticker, shared/cards/card-coverage.ts), never printed, no KPJ yet.
 */
function syntheticParticipants(count: number, year: number): ParticipantDocument[] {
  const participants: ParticipantDocument[] = []
  for (let index = 0; index < count; index += 1) {
    const person = syntheticPerson(index, district)
    participants.push({
      id: crypto.randomUUID(),
      registrationNumber: person.registrationNumber,
      ...personFieldsOf(person),
      status: 'active',
      coverage: [{ year, from: `${year}-01-01`, batchId: 'BENCH' }],
      // The blind index needs the store's key; printing never reads it.
      nikIndex: '',
      officeCode: person.officeCode,
      createdAt: person.createdAt,
      createdBy: 'Operator Sinkron',
      updatedAt: person.createdAt,
      updatedBy: 'Operator Sinkron',
      duplicates: [],
      conflicts: [],
      prints: [],
      checks: [],
    })
  }
  return participants
}

function workerJob(scenario: PrintScenario, people: PersonToPrint[]): WorkerJob {
  if (scenario === 'sticker-a4-8') {
    const template = BUILT_IN_STICKER_TEMPLATES.find((entry) => entry.id === 'a4-8')
    if (!template) throw new Error('no built-in a4-8 sticker template')
    return { kind: 'sticker', template, startPosition: 1, people }
  }
  return {
    kind: 'card',
    layout: scenario === 'card-id1' ? 'id1-single' : 'a4-sheet-10',
    // The print screen's default: fronts only.
    withBack: false,
    people,
  }
}

const nextTask = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Starts watching the main thread. `stop(from, to)` counts the long tasks that overlap
 * [from, to] and the timer's worst lateness up to then.
 */
function watchMainThread(): { stop(from: number, to: number): Promise<MainThreadWatch> } {
  const entries: PerformanceEntry[] = []
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()))
  observer.observe({ entryTypes: ['longtask'] })
  let last = performance.now()
  let maxLag = 0
  let ticks = 0
  const timer = setInterval(() => {
    const now = performance.now()
    maxLag = Math.max(maxLag, now - last - PROBE_INTERVAL_MS)
    last = now
    ticks += 1
  }, PROBE_INTERVAL_MS)
  return {
    async stop(from, to) {
      // One more tick shows the lateness the last task (the PDF arriving) caused; long-task
      // entries are queued after their task ends.
      await nextTask(3 * PROBE_INTERVAL_MS)
      clearInterval(timer)
      await nextTask(50)
      entries.push(...observer.takeRecords())
      observer.disconnect()
      const overlapping = entries.filter(
        (entry) => entry.startTime <= to && entry.startTime + entry.duration >= from,
      )
      const durations = overlapping.map((entry) => entry.duration)
      return {
        longTaskCount: overlapping.length,
        longestTaskMs: durations.length > 0 ? Math.max(...durations) : null,
        longTaskTotalMs: durations.reduce((total, ms) => total + ms, 0),
        maxTimerLagMs: Math.max(0, maxLag),
        timerTicks: ticks,
      }
    },
  }
}

function base64Of(bytes: Uint8Array): string {
  let binary = ''
  const CHUNK = 0x8000
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK))
  }
  return btoa(binary)
}

const bench: NaunganPrintBench = {
  async run({ kind, count, keepPdf = false }) {
    const today = localToday()
    const year = Number(today.slice(0, 4))
    const cardKind: CardKind = kind === 'sticker-a4-8' ? 'sticker' : 'card'
    const participants = syntheticParticipants(count, year)
    const signer = benchSigner(today)
    // Let the task that built the data end: it is not part of the job.
    await nextTask(50)

    const watch = watchMainThread()
    await nextTask(3 * PROBE_INTERVAL_MS)
    const marks = { lastSigning: NaN, lastDrawing: NaN }
    const start = performance.now()
    const { people } = prepareBatch({
      kind: cardKind,
      participants,
      coverageYear: year,
      today,
      reprint: null,
      by: OPERATOR,
      officeCode: OFFICE_CODE,
      now: currentTime(),
    })
    const prepared = performance.now()
    if (people.length !== participants.length) {
      throw new Error(`prepareBatch kept ${people.length} of ${participants.length} people`)
    }
    const outcome = await renderInWorker({
      job: workerJob(kind, people),
      signer,
      branding: brandingFor(year, 'id'),
      calibration: NO_CALIBRATION,
      onProgress: (progress) => {
        if (progress.phase === 'signing') marks.lastSigning = performance.now()
        else marks.lastDrawing = performance.now()
      },
      signal: new AbortController().signal,
    })
    const end = performance.now()
    const mainThread = await watch.stop(start, end)

    if (!outcome.ok) {
      throw new Error(
        `print job failed: ${outcome.reason}${'message' in outcome ? ` ${outcome.message}` : ''}`,
      )
    }
    const warnings: Record<string, number> = {}
    for (const warning of outcome.warnings) {
      warnings[warning.code] = (warnings[warning.code] ?? 0) + 1
    }
    // The print worker reports 'signing' only while its drawing waits for the code worker: the
    // last such report ends that part (none: the codes were always ahead).
    const signed = Number.isNaN(marks.lastSigning) ? prepared : marks.lastSigning
    return {
      scenario: kind,
      count,
      totalMs: end - start,
      prepareMs: prepared - start,
      signingMs: signed - prepared,
      drawingMs: marks.lastDrawing - signed,
      finishMs: end - marks.lastDrawing,
      pdfBytes: outcome.pdf.byteLength,
      pageCount: outcome.pageCount,
      warnings,
      pdfHeader: new TextDecoder().decode(outcome.pdf.subarray(0, 5)),
      mainThread,
      ...(keepPdf ? { pdfBase64: base64Of(outcome.pdf) } : {}),
    }
  },

  async warmUp() {
    // What the print screen does when it opens, before the clerk has chosen anyone.
    const start = performance.now()
    await warmUpPrintWorker('id')
    return performance.now() - start
  },

  async checkWatch(busyMs) {
    const watch = watchMainThread()
    await nextTask(3 * PROBE_INTERVAL_MS)
    const start = performance.now()
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        const until = performance.now() + busyMs
        while (performance.now() < until) {
          // Busy on purpose: one task that holds the main thread.
        }
        resolve()
      }, 0),
    )
    return watch.stop(start, performance.now())
  },
}

window.naunganPrintBench = bench
document.documentElement.dataset.benchState = 'ready'
