/**
 * A pdfkit document whose output is collected in memory. Node's build of pdfkit emits Buffers,
 * the browser build Uint8Arrays; both are Uint8Arrays, so the result is one Uint8Array either
 * way, ready to hand to the main thread as a transferable.
 */
import { zlibSync } from 'fflate'
import PDFDocument from 'pdfkit'
import type { PdfDocument } from './pdf-painter'

export interface CollectingPdf {
  doc: PdfDocument
  /** Ends the document and resolves with all its bytes. */
  finish(): Promise<Uint8Array>
}

export function createCollectingPdf(title: string): CollectingPdf {
  const options = {
    autoFirstPage: false,
    margin: 0,
    // Without a font pdfkit would load Helvetica's metrics from disk, which the browser build
    // cannot do; every text here uses the embedded Noto Sans registered by PdfPainter.
    font: null,
    info: { Title: title, Creator: 'Naungan', Producer: 'Naungan' },
  }
  // @types/pdfkit 0.17 types `font` as a string; pdfkit 0.20 documents null as "no default font".
  const doc = new PDFDocument(options as unknown as PDFKit.PDFDocumentOptions)
  askViewersNotToScale(doc)
  deflateFast(doc)
  const chunks: Uint8Array[] = []
  let length = 0
  const ended = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => {
      chunks.push(chunk)
      length += chunk.byteLength
    })
    doc.on('error', reject)
    doc.on('end', () => resolve(joined(chunks, length)))
  })
  // A cancelled job never ends its document; its promise must not count as unhandled.
  ended.catch(() => undefined)
  return {
    doc,
    finish() {
      doc.end()
      return ended
    },
  }
}

/** `chunks` as one array; `length` is their total when the caller counted it already. */
function joined(
  chunks: readonly Uint8Array[],
  length = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0),
): Uint8Array {
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * Cards must come out at exactly 85.6 × 54 mm: viewers and print dialogs (Chromium's included)
 * otherwise "fit to page" and shrink them. `/PrintScaling /None` asks them not to. pdfkit has no
 * option for it, so the catalog entry is set directly (pdfkit ends the reference with the
 * document, and writes plain strings as PDF names).
 */
function askViewersNotToScale(doc: PdfDocument): void {
  const internal = doc as unknown as {
    _root: { data: Record<string, unknown> }
    ref(data: Record<string, unknown>): unknown
  }
  internal._root.data.ViewerPreferences = internal.ref({ PrintScaling: 'None' })
}

/**
 * The deflate level of every stream pdfkit compresses (page contents, fonts). pdfkit's browser
 * build deflates in JS (fflate) at its default level 6, which was a third of a warm 1,000-card job
 * in the print worker. Level 1 took 1,000 cards on A4 sheets from 1.55–1.64 s to 1.11–1.17 s and
 * 1,000 stickers from 1.39–1.45 s to 0.85–0.97 s, for 7–31 % more bytes (ID-1 cards 4.42 → 4.73
 * MB, A4 sheets 3.07 → 3.94 MB); level 3 saved only a tenth of that size and gave back half the
 * time (docs/performance.md).
 */
export const PDF_DEFLATE_LEVEL = 1

interface PdfkitReference {
  compress: boolean
  buffer: Uint8Array[]
  data: Record<string, unknown>
  finalize(): void
}

/**
 * pdfkit has no option for the level, so each stream reference it makes deflates its own bytes
 * here, at `PDF_DEFLATE_LEVEL`, just before pdfkit writes it: pdfkit then sees a stream that
 * needs no compressing (its `FlateDecode` filter is already set by pdfkit while writing) and
 * writes these bytes as they are. Whether a stream is compressed stays pdfkit's decision.
 */
function deflateFast(doc: PdfDocument): void {
  const internal = doc as unknown as { ref(data?: Record<string, unknown>): PdfkitReference }
  const makeRef = internal.ref.bind(doc)
  internal.ref = (data) => {
    const ref = makeRef(data)
    const finalize = ref.finalize.bind(ref)
    ref.finalize = () => {
      if (ref.compress && ref.buffer.length > 0) {
        ref.buffer = [zlibSync(joined(ref.buffer), { level: PDF_DEFLATE_LEVEL })]
        ref.compress = false
        ref.data.Filter = 'FlateDecode'
      }
      finalize()
    }
    return ref
  }
}
