/**
 * The print worker: draws the PDF off the main thread, each page once the code worker
 * (`card-codes.worker.ts`) has sent its people's signed tokens and QR codes. It reports progress
 * and stops between pages when the clerk cancels.
 */
import type { PrintableParticipant, PrintJob } from '@shared/printing/print-model'
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
    const { fontUrls, logoUrls } = request.assets
    void Promise.all([bytesAt(fontUrls.regular), bytesAt(fontUrls.bold), ...logoUrls.map(bytesAt)])
    return
  }
  render(request).catch((error: unknown) => {
    post({
      type: 'failed',
      jobId: request.jobId,
      message: error instanceof Error ? error.message : String(error),
    })
  })
})
