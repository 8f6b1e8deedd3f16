/**
 * Messages between the print screen and its two Web Workers. The code worker signs each card's
 * token and computes its QR code; the print worker draws the PDF, page by page as the codes
 * arrive over a MessageChannel between the two. A 1,000-card batch never blocks the window and
 * uses both cores of an office PC; the main thread only gathers the records and logs what was
 * printed.
 */
import type { CardClaims, CardSigner } from '@shared/cards/card-token'
import type { QrCodePath } from '@shared/printing/qr-vector'
import type {
  CardLayout,
  PrintableParticipant,
  PrintBranding,
  PrinterCalibration,
  PrintResult,
  StickerTemplate,
} from '@shared/printing/print-model'

/** One person to print: what the layout draws, and the claims the worker signs into the QR. */
export interface PersonToPrint {
  printable: Omit<PrintableParticipant, 'qrText'>
  claims: CardClaims
}

export type WorkerJob =
  | { kind: 'card'; layout: CardLayout; withBack: boolean; people: PersonToPrint[] }
  | { kind: 'sticker'; template: StickerTemplate; startPosition: number; people: PersonToPrint[] }
  | { kind: 'calibration-test'; pageWidthMm: number; pageHeightMm: number }

export interface PrintAssets {
  /** Absolute URLs of the shipped fonts (the worker fetches them once and keeps them). */
  fontUrls: { regular: string; bold: string }
  /** Absolute URLs of the district's logos; null for a logo file that is not in the build. */
  logoUrls: (string | null)[]
}

export type PrintWorkerRequest =
  | {
      type: 'render'
      jobId: number
      job: WorkerJob
      /**
       * Where the code worker sends the people's tokens and codes, in order (`CodeChunk`). Null
       * only for the calibration test page, which carries no QR code.
       */
      codes: MessagePort | null
      assets: PrintAssets
      branding: Omit<PrintBranding, 'logos'>
      calibration: PrinterCalibration
    }
  | { type: 'cancel'; jobId: number }
  /**
   * Sent when the print screen opens: fetch the fonts and logos and draw a few throwaway pages
   * before the first job (answered by `warmed-up`).
   */
  | { type: 'warm-up'; assets: PrintAssets; branding: Omit<PrintBranding, 'logos'> }

export type PrintWorkerResponse =
  | { type: 'progress'; jobId: number; phase: 'signing' | 'drawing'; done: number; total: number }
  | { type: 'done'; jobId: number; result: PrintResult }
  | { type: 'failed'; jobId: number; message: string }
  /** The warm-up is over (done, or cut short by a job). */
  | { type: 'warmed-up' }

export type CodeWorkerRequest =
  /** Sign every claim and compute its QR code, in order, into `port` (to the print worker). */
  | { type: 'sign'; jobId: number; signer: CardSigner; claims: CardClaims[]; port: MessagePort }
  | { type: 'cancel'; jobId: number }

/** From the code worker to the print worker, over the job's port. */
export type CodeChunk =
  | { type: 'codes'; from: number; texts: string[]; codes: QrCodePath[] }
  | { type: 'failed'; message: string }
