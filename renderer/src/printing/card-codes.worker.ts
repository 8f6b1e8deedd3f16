/**
 * The print's code worker: signs each card's token (Ed25519) and computes its QR code while the
 * print worker draws the pages before it, so a batch uses the PC's second core (signing and the
 * QR codes were about a third of a 1,000-card batch's time). Sends the results in order, a chunk
 * at a time, over the job's MessagePort straight to the print worker.
 */
import { cardTokenSigner } from '@shared/cards/card-token'
import { qrCodePath } from '@shared/printing/qr-vector'
import type { CodeChunk, CodeWorkerRequest } from './print-worker-protocol'
import { workerScope } from '@/core/worker-scope'

const scope = workerScope<CodeWorkerRequest>()

/** People per message: the first page waits for one chunk, so it stays small. */
const CHUNK = 20
const active = new Set<number>()
const cancelled = new Set<number>()

async function sign(request: Extract<CodeWorkerRequest, { type: 'sign' }>): Promise<void> {
  const { jobId, claims, port } = request
  const send = (chunk: CodeChunk) => port.postMessage(chunk)
  active.add(jobId)
  try {
    const signToken = cardTokenSigner(request.signer)
    for (let from = 0; from < claims.length; from += CHUNK) {
      if (cancelled.has(jobId)) return
      const texts = claims.slice(from, from + CHUNK).map(signToken)
      send({ type: 'codes', from, texts, codes: texts.map(qrCodePath) })
      // A turn for the message loop, so that a cancel arrives between chunks.
      if (from % (CHUNK * 10) === 0) await new Promise((resolve) => setTimeout(resolve, 0))
    }
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  } finally {
    active.delete(jobId)
    cancelled.delete(jobId)
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data
  if (request.type === 'cancel') {
    if (active.has(request.jobId)) cancelled.add(request.jobId)
    return
  }
  void sign(request)
})
