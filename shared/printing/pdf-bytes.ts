/**
 * A pdfkit document whose output is collected in memory. Node's build of pdfkit emits Buffers,
 * the browser build Uint8Arrays; both are Uint8Arrays, so the result is one Uint8Array either
 * way, ready to hand to the main thread as a transferable.
 */
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
  const chunks: Uint8Array[] = []
  let length = 0
  const ended = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => {
      chunks.push(chunk)
      length += chunk.byteLength
    })
    doc.on('error', reject)
    doc.on('end', () => {
      const bytes = new Uint8Array(length)
      let offset = 0
      for (const chunk of chunks) {
        bytes.set(chunk, offset)
        offset += chunk.byteLength
      }
      resolve(bytes)
    })
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
