/**
 * The print worker: signs every QR code and draws the PDF off the main thread. It reports
 * progress after each page and stops between pages when the clerk cancels.
 */
import { cardTokenSigner } from '@shared/cards/card-token'
import type { PrintableParticipant, PrintJob } from '@shared/printing/print-model'
import { renderPrintJob } from '@shared/printing/render-print-job'
import type { PrintWorkerRequest, PrintWorkerResponse } from './print-worker-protocol'

/**
 * The worker's global scope, typed narrowly: this file is compiled with the DOM library (one
 * renderer project), whose `self` is a Window.
 */
interface WorkerScope {
  postMessage(message: PrintWorkerResponse, transfer: Transferable[]): void
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<PrintWorkerRequest>) => void,
  ): void
}
const scope = self as unknown as WorkerScope

const cancelled = new Set<number>()
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
  if (job.kind === 'calibration-test') {
    printJob = job
  } else {
    const signer = request.signer
    if (!signer) {
      post({ type: 'failed', jobId, message: 'NOT_CERTIFIED' })
      return
    }
    const sign = cardTokenSigner(signer)
    const people: PrintableParticipant[] = []
    for (let index = 0; index < job.people.length; index += 1) {
      const person = job.people[index]!
      people.push({ ...person.printable, qrText: sign(person.claims) })
      if (index % 100 === 99) {
        post({
          type: 'progress',
          jobId,
          phase: 'signing',
          done: index + 1,
          total: job.people.length,
        })
        await new Promise((resolve) => setTimeout(resolve, 0))
        if (cancelled.has(jobId)) {
          post({ type: 'done', jobId, result: { ok: false, reason: 'CANCELLED' } })
          return
        }
      }
    }
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
    isCancelled: () => cancelled.has(jobId),
  })
  cancelled.delete(jobId)
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
