/**
 * The main-thread side of printing: turns participant records into what the worker needs (masked,
 * with fresh serials and the claims to sign), runs the worker, and hands back the PDF with the
 * print log entries that describe exactly that PDF.
 */
import fontBoldUrl from '@resources/fonts/NotoSans-Bold.ttf?url'
import fontRegularUrl from '@resources/fonts/NotoSans-Regular.ttf?url'
import { initialsOf, newCardSerial, type CardKind, type CardSigner } from '@shared/cards/card-token'
import type { PrintRecord } from '@shared/cards/print-log'
import { maskNik } from '@shared/identity/masking'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { cardCoverageFor } from '@shared/cards/card-coverage'
import { brandingFromDistrict } from '@shared/printing/branding'
import type { PrintBranding, PrinterCalibration, PrintResult } from '@shared/printing/print-model'
import { district, localToday } from '@/core/district'
import type { Language } from '@/core/i18n/i18n'
import type { ReprintJustification } from './print-records'
import type {
  CodeWorkerRequest,
  PersonToPrint,
  PrintAssets,
  PrintWorkerRequest,
  PrintWorkerResponse,
  WorkerJob,
} from './print-worker-protocol'

/** Logo files shipped beside district.json, by file name (a configured name not here is missing). */
const LOGO_URLS: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('@district/*.{png,jpg,jpeg}', {
      query: '?url',
      import: 'default',
      eager: true,
    }),
  ).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]),
)

const absolute = (url: string) => new URL(url, window.location.href).href

export function printAssets(): PrintAssets {
  return {
    fontUrls: { regular: absolute(fontRegularUrl), bold: absolute(fontBoldUrl) },
    logoUrls: district.config.print.logos.map((name) =>
      LOGO_URLS[name] ? absolute(LOGO_URLS[name]) : null,
    ),
  }
}

export function brandingFor(year: number, language: Language): Omit<PrintBranding, 'logos'> {
  const { logos: _logos, ...rest } = brandingFromDistrict(district.config, year, [], language)
  return rest
}

export interface BatchRequest {
  kind: CardKind
  participants: readonly ParticipantDocument[]
  coverageYear: number
  /** Today where the clerk sits, YYYY-MM-DD. */
  today: string
  /** Needed when any participant already has a print of this kind. */
  reprint: ReprintJustification | null
  by: string
  officeCode: string
  now: Date
}

/**
 * What the worker needs for each person, plus the log entries for the same serials. People not
 * covered in the year (see `cardCoverageFor`) get nothing printed and are listed in `notCovered`.
 */
export function prepareBatch(request: BatchRequest): {
  people: PersonToPrint[]
  logEntries: { participantId: string; record: PrintRecord }[]
  notCovered: { participantId: string; fullName: string }[]
} {
  const people: PersonToPrint[] = []
  const logEntries: { participantId: string; record: PrintRecord }[] = []
  const notCovered: { participantId: string; fullName: string }[] = []
  for (const doc of request.participants) {
    const coverage = cardCoverageFor(doc, request.coverageYear)
    if (!coverage) {
      notCovered.push({ participantId: doc.id, fullName: doc.fullName })
      continue
    }
    const serial = newCardSerial()
    const village = district.regions.villageByCode(doc.villageCode)
    const kecamatan = district.regions.kecamatanByCode(doc.kecamatanCode)
    const participantNumber = doc.kpjNumber ?? doc.registrationNumber
    const isReprint = doc.prints.some((entry) => entry.kind === request.kind)
    people.push({
      printable: {
        participantId: doc.id,
        fullName: doc.fullName,
        maskedNik: maskNik(doc.nik),
        participantNumber,
        participantNumberKind: doc.kpjNumber ? 'kpj' : 'registration',
        birthDate: doc.birthDate,
        villageName: village?.name ?? '',
        kecamatanName: kecamatan?.name ?? '',
        rt: doc.rt,
        rw: doc.rw,
        coverageFrom: coverage.from,
        coverageUntil: coverage.until,
        serial,
      },
      claims: {
        kind: request.kind,
        participantId: doc.id,
        participantNumber,
        initials: initialsOf(doc.fullName),
        validFrom: coverage.from,
        validUntil: coverage.until,
        serial,
        printedOn: request.today,
      },
    })
    logEntries.push({
      participantId: doc.id,
      record: {
        serial,
        kind: request.kind,
        printedAt: request.now.toISOString(),
        printedBy: request.by,
        officeCode: request.officeCode,
        validUntil: coverage.until,
        ...(isReprint && request.reprint
          ? {
              reprintReason: request.reprint.reason,
              ...(request.reprint.note.trim() ? { reprintNote: request.reprint.note.trim() } : {}),
            }
          : {}),
      },
    })
  }
  return { people, logEntries, notCovered }
}

export interface RenderRequest {
  job: WorkerJob
  signer: CardSigner | null
  branding: Omit<PrintBranding, 'logos'>
  calibration: PrinterCalibration
  onProgress(progress: { phase: 'signing' | 'drawing'; done: number; total: number }): void
  signal: AbortSignal
}

export type RenderOutcome = PrintResult | { ok: false; reason: 'FAILED'; message: string }

let worker: Worker | null = null
let codeWorker: Worker | null = null
let nextJobId = 1

function printWorker(): Worker {
  worker ??= new Worker(new URL('./print.worker.ts', import.meta.url), { type: 'module' })
  return worker
}

function cardCodeWorker(): Worker {
  codeWorker ??= new Worker(new URL('./card-codes.worker.ts', import.meta.url), {
    type: 'module',
  })
  return codeWorker
}

/**
 * Starts the print worker while the clerk is still choosing participants: it fetches the fonts
 * and logos (~0.5 s on an office PC) and draws a few throwaway pages, so the first PDF is drawn
 * by compiled code (a first job of 1,000 cards took 2.0–2.4 s without, the next ones 1.4–1.6 s).
 * Resolves when the worker is done warming up; the print screen need not wait for it.
 */
export function warmUpPrintWorker(language: Language = 'id'): Promise<void> {
  const target = printWorker()
  cardCodeWorker()
  const warmed = new Promise<void>((resolve) => {
    const onMessage = (event: MessageEvent<PrintWorkerResponse>) => {
      if (event.data.type !== 'warmed-up') return
      target.removeEventListener('message', onMessage)
      resolve()
    }
    target.addEventListener('message', onMessage)
  })
  const message: PrintWorkerRequest = {
    type: 'warm-up',
    assets: printAssets(),
    branding: brandingFor(Number(localToday().slice(0, 4)), language),
  }
  target.postMessage(message)
  return warmed
}

/**
 * Starts the code worker on a job's people (`card-codes.worker.ts`); its tokens and QR codes go
 * over the returned port to the print worker. Null without a signer or people: no codes.
 */
function startCodes(jobId: number, request: RenderRequest): MessagePort | null {
  const { job, signer } = request
  if (job.kind === 'calibration-test' || !signer) return null
  const channel = new MessageChannel()
  const message: CodeWorkerRequest = {
    type: 'sign',
    jobId,
    signer,
    claims: job.people.map((person) => person.claims),
    port: channel.port2,
  }
  cardCodeWorker().postMessage(message, [channel.port2])
  return channel.port1
}

/** Runs one job in the print worker. Resolves (never rejects) with the PDF or why there is none. */
export function renderInWorker(request: RenderRequest): Promise<RenderOutcome> {
  const jobId = nextJobId++
  const target = printWorker()
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent<PrintWorkerResponse>) => {
      const message = event.data
      if (message.type === 'warmed-up' || message.jobId !== jobId) return
      if (message.type === 'progress') {
        request.onProgress(message)
        return
      }
      target.removeEventListener('message', onMessage)
      request.signal.removeEventListener('abort', onAbort)
      resolve(
        message.type === 'done'
          ? message.result
          : { ok: false, reason: 'FAILED', message: message.message },
      )
    }
    const onAbort = () => {
      const cancel: PrintWorkerRequest = { type: 'cancel', jobId }
      target.postMessage(cancel)
      const cancelCodes: CodeWorkerRequest = { type: 'cancel', jobId }
      codeWorker?.postMessage(cancelCodes)
    }
    target.addEventListener('message', onMessage)
    request.signal.addEventListener('abort', onAbort)
    const codes = startCodes(jobId, request)
    const message: PrintWorkerRequest = {
      type: 'render',
      jobId,
      job: request.job,
      codes,
      assets: printAssets(),
      branding: request.branding,
      calibration: request.calibration,
    }
    target.postMessage(message, codes ? [codes] : [])
  })
}
