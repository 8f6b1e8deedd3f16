/**
 * The print worker: draws the PDF off the main thread, each page once the code worker
 * (`card-codes.worker.ts`) has sent its people's signed tokens and QR codes. It reports progress
 * and stops between pages when the clerk cancels.
 */
import {
  NO_CALIBRATION,
  type PrintableParticipant,
  type PrintJob,
} from '@shared/printing/print-model'
import { BUILT_IN_STICKER_TEMPLATES } from '@shared/printing/sticker-templates'
import { renderPrintJob } from '@shared/printing/render-print-job'
import type { CodeChunk, PrintWorkerRequest, PrintWorkerResponse } from './print-worker-protocol'
import { workerScope } from '@/core/worker-scope'

const scope = workerScope<PrintWorkerRequest, PrintWorkerResponse>()

const cancelled = new Set<number>()

/**
 * A job's tokens and QR codes as the code worker sends them: fills them into the people, in order,
 * and lets the drawing wait for the people of its next page.
 */
class ArrivingCodes {
  private ready = 0
  private readonly waiters = new Set<{ count: number; resolve: () => void }>()
  /** The code worker's error; the job fails with it. */
  failure: string | null = null

  constructor(
    private readonly port: MessagePort,
    people: PrintableParticipant[],
    private readonly onProgress: (ready: number) => void,
  ) {
    port.onmessage = (event: MessageEvent<CodeChunk>) => {
      const chunk = event.data
      if (chunk.type === 'failed') {
        this.failure = chunk.message
        this.wakeAll()
        return
      }
      chunk.texts.forEach((text, offset) => {
        const person = people[chunk.from + offset]
        if (!person) return
        person.qrText = text
        const code = chunk.codes[offset]
        if (code) person.qrCode = code
      })
      this.ready = Math.max(this.ready, chunk.from + chunk.texts.length)
      for (const waiter of this.waiters) {
        if (waiter.count > this.ready) continue
        this.waiters.delete(waiter)
        waiter.resolve()
      }
      if (this.waiters.size > 0) this.onProgress(this.ready)
    }
  }

  /** Resolves once the first `count` people have their codes (or the job ends). */
  readonly untilReady = (count: number): Promise<void> => {
    if (count <= this.ready || this.failure !== null) return Promise.resolve()
    return new Promise((resolve) => this.waiters.add({ count, resolve }))
  }

  /** Cancelled or failed: let the drawing go on to its next check. */
  wakeAll(): void {
    for (const waiter of this.waiters) waiter.resolve()
    this.waiters.clear()
  }

  close(): void {
    this.wakeAll()
    this.port.close()
  }
}

const arriving = new Map<number, ArrivingCodes>()
const PROGRESS_INTERVAL_MS = 100
const fetched = new Map<string, Promise<Uint8Array>>()

/** Fonts and logos are fetched once per worker; a missing file becomes empty bytes (skipped). */
function bytesAt(url: string | null): Promise<Uint8Array> {
  if (url === null) return Promise.resolve(new Uint8Array())
  let pending = fetched.get(url)
  if (!pending) {
    pending = fetch(url)
      .then(async (response) =>
        response.ok ? new Uint8Array(await response.arrayBuffer()) : new Uint8Array(),
      )
      .catch(() => new Uint8Array())
    fetched.set(url, pending)
  }
  return pending
}

/** A real job has come: a warm-up still drawing stops at its next page, and none draws again. */
let isJobWaiting = false
let isWarm = false

/**
 * While the clerk chooses people: fetch the fonts and logos, and draw a few throwaway pages of
 * each kind so the drawing code is compiled before the first real job (a first job of 1,000
 * cards in a new worker took 2.0–2.4 s, the next ones 1.4–1.6 s). Nothing of it leaves the
 * worker; the PDFs are dropped.
 */
async function warmUp(request: Extract<PrintWorkerRequest, { type: 'warm-up' }>): Promise<void> {
  const { fontUrls, logoUrls } = request.assets
  const [regular, bold, ...logos] = await Promise.all([
    bytesAt(fontUrls.regular),
    bytesAt(fontUrls.bold),
    ...logoUrls.map(bytesAt),
  ])
  if (isWarm || regular.length === 0 || bold.length === 0) return
  isWarm = true
  const people = Array.from({ length: WARM_UP_PEOPLE }, (_, index) => warmUpPerson(index))
  const jobs: PrintJob[] = [
    { kind: 'card', layout: 'id1-single', withBack: true, people },
    { kind: 'card', layout: 'a4-sheet-10', withBack: true, people },
    { kind: 'sticker', template: BUILT_IN_STICKER_TEMPLATES[2]!, startPosition: 1, people },
  ]
  for (const job of jobs) {
    if (isJobWaiting) return
    await renderPrintJob(job, {
      fonts: { regular, bold },
      branding: { ...request.branding, logos },
      calibration: NO_CALIBRATION,
      isCancelled: () => isJobWaiting,
    })
  }
}

/** People per warm-up job: a few A4 sheets' worth, ~0.2 s of drawing in all on a cold worker. */
const WARM_UP_PEOPLE = 20

function warmUpPerson(index: number): PrintableParticipant {
  const serial = String(index).padStart(6, '0')
  return {
    participantId: `warm-up-${index}`,
    fullName: 'Siti Nurhaliza Binti Abdullah',
    maskedNik: `640206******${serial.slice(-4)}`,
    participantNumber: `REG-6402060001-${serial}`,
    participantNumberKind: 'registration',
    birthDate: '1990-05-15',
    villageName: 'Loa Ipuh Darat',
    kecamatanName: 'Tenggarong',
    rt: '007',
    rw: '002',
    coverageFrom: '2026-01-01',
    coverageUntil: '2026-12-31',
    serial: `WU${serial}`,
    // As long as a real token (~350 characters), so the codes are of the real size.
    qrText: `NGN1:${serial}${'A1B2C3D4E5'.repeat(35)}`,
  }
}

function post(message: PrintWorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer)
}

async function render(request: Extract<PrintWorkerRequest, { type: 'render' }>): Promise<void> {
  const { jobId, job } = request
  const [regular, bold, ...logos] = await Promise.all([
    bytesAt(request.assets.fontUrls.regular),
    bytesAt(request.assets.fontUrls.bold),
    ...request.assets.logoUrls.map(bytesAt),
  ])
  if (regular.length === 0 || bold.length === 0) {
    post({ type: 'failed', jobId, message: 'FONTS_MISSING' })
    return
  }

  let printJob: PrintJob
  let codes: ArrivingCodes | null = null
  if (job.kind === 'calibration-test') {
    printJob = job
  } else {
    if (!request.codes) {
      post({ type: 'failed', jobId, message: 'NOT_CERTIFIED' })
      return
    }
    const people: PrintableParticipant[] = job.people.map((person) => ({
      ...person.printable,
      qrText: '',
    }))
    codes = new ArrivingCodes(request.codes, people, (done) =>
      post({ type: 'progress', jobId, phase: 'signing', done, total: people.length }),
    )
    arriving.set(jobId, codes)
    printJob =
      job.kind === 'card'
        ? { kind: 'card', layout: job.layout, withBack: job.withBack, people }
        : { kind: 'sticker', template: job.template, startPosition: job.startPosition, people }
  }

  let lastProgressAt = 0
  const result = await renderPrintJob(printJob, {
    fonts: { regular, bold },
    branding: { ...request.branding, logos },
    calibration: request.calibration,
    onProgress: ({ done, total }) => {
      // A message per page cost 8 % of a 1,000-card batch; a progress bar needs ~10 a second.
      const now = performance.now()
      if (done < total && now - lastProgressAt < PROGRESS_INTERVAL_MS) return
      lastProgressAt = now
      post({ type: 'progress', jobId, phase: 'drawing', done, total })
    },
    isCancelled: () => cancelled.has(jobId) || (codes?.failure ?? null) !== null,
    ...(codes ? { untilPeopleReady: codes.untilReady } : {}),
  })
  cancelled.delete(jobId)
  arriving.delete(jobId)
  codes?.close()
  const failure = codes?.failure ?? null
  if (failure !== null) {
    post({ type: 'failed', jobId, message: failure })
    return
  }
  if (result.ok) {
    const pdf = result.pdf
    post({ type: 'done', jobId, result }, [pdf.buffer])
  } else {
    post({ type: 'done', jobId, result })
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data
  if (request.type === 'cancel') {
    cancelled.add(request.jobId)
    arriving.get(request.jobId)?.wakeAll()
    return
  }
  if (request.type === 'warm-up') {
    void warmUp(request).finally(() => post({ type: 'warmed-up' }))
    return
  }
  isJobWaiting = true
  render(request).catch((error: unknown) => {
    post({
      type: 'failed',
      jobId: request.jobId,
      message: error instanceof Error ? error.message : String(error),
    })
  })
})
