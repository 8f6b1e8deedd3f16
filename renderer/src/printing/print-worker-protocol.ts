/**
 * Messages between the print screen and the print Web Worker. The worker signs each QR code and
 * draws the PDF, so a 1,000-card batch never blocks the window; the main thread only gathers the
 * records and logs what was printed.
 */
import type { CardClaims, CardSigner } from '@shared/cards/card-token'
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
      /** Null only for the calibration test page, which carries no QR code. */
      signer: CardSigner | null
      assets: PrintAssets
      branding: Omit<PrintBranding, 'logos'>
      calibration: PrinterCalibration
    }
  | { type: 'cancel'; jobId: number }
  /** Sent when the print screen opens: fetch the fonts and logos before the first job. */
  | { type: 'warm-up'; assets: PrintAssets }

export type PrintWorkerResponse =
  | { type: 'progress'; jobId: number; phase: 'signing' | 'drawing'; done: number; total: number }
  | { type: 'done'; jobId: number; result: PrintResult }
  | { type: 'failed'; jobId: number; message: string }
