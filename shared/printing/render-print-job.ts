/**
 * Print job → PDF bytes. Runs in the app's Web Worker (pdfkit's browser build) and in Node (tests,
 * benchmarks) alike: no file system, fonts and logos come in as bytes.
 *
 * Problems that can be handled safely (a long name, a missing glyph, a broken logo, a calibration
 * typo) are handled and reported as warnings for the clerk to see before printing; only a
 * sticker template or page size that cannot be laid out refuses the job, so a broken PDF never
 * reaches a printer.
 */
import { applyCalibration, clampCalibration, drawCalibrationTestPage } from './calibration'
import {
  a4CardSlot,
  CARD_HEIGHT_MM,
  CARD_WIDTH_MM,
  CARDS_PER_A4_SHEET,
  drawCardBack,
  drawCardFront,
  drawCropMarks,
  type CardBrandingText,
} from './card-layout'
import { prepareLogo } from './logo-images'
import { toPrintedParticipant, type PrintedParticipant } from './participant-fields'
import { createCollectingPdf } from './pdf-bytes'
import { PdfPainter, type OpenedImage } from './pdf-painter'
import { mmToPt } from './geometry'
import {
  A4_SIZE_MM,
  type CalibrationTestJob,
  type CardPrintJob,
  type PrintableParticipant,
  type PrinterCalibration,
  type PrintJob,
  type PrintOptions,
  type PrintResult,
  type PrintWarning,
  type StickerPrintJob,
} from './print-model'
import { DEFAULT_STICKER_WORDS, drawSticker, type StickerBrandingText } from './sticker-layout'
import {
  clampStartPosition,
  STICKER_TEMPLATE_LIMITS,
  stickerCellRects,
  validateStickerTemplate,
} from './sticker-templates'

/** One page to add: its size and what to draw on it. */
interface PlannedPage {
  widthMm: number
  heightMm: number
  /** How many of the job's people (in order) are drawn by this page and those before it. */
  peopleThrough: number
  draw(context: JobContext): void
}

type PagePlan =
  | { ok: true; title: string; pages: PlannedPage[]; needsLogos: boolean }
  | { ok: false; problems: string[] }

/** Warnings in the order met, each (code, participant, detail) once. */
class WarningLog {
  private readonly seen = new Set<string>()
  readonly warnings: PrintWarning[] = []

  add(warning: PrintWarning): void {
    const key = `${warning.code}|${warning.participantId ?? ''}|${warning.detail ?? ''}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    this.warnings.push(warning)
  }
}

/** What the pages of one job share: the painter, branding text, logos, printed participants. */
class JobContext {
  private readonly printed = new Map<PrintableParticipant, PrintedParticipant>()
  readonly cardBranding: CardBrandingText
  readonly stickerBranding: StickerBrandingText

  constructor(
    readonly painter: PdfPainter,
    readonly warnings: WarningLog,
    readonly logos: Array<OpenedImage | null>,
    /** As applied (clamped): the calibration test page prints it. */
    readonly calibration: PrinterCalibration,
    branding: PrintOptions['branding'],
  ) {
    const printable = (text: string): string => {
      const result = painter.printable(text)
      if (result.unprintable.length > 0) {
        warnings.add({ code: 'UNPRINTABLE_CHARACTERS', detail: result.unprintable.join('') })
      }
      return result.text
    }
    const districtName = printable(branding.districtName)
    this.cardBranding = {
      programmeTitle: printable(branding.programmeTitle),
      districtName,
      cardTitle: printable(branding.cardTitle ?? 'KARTU PESERTA'),
      benefits: branding.benefits.map(printable).filter((line) => line !== ''),
      contactText: printable(branding.contactText),
    }
    const words = branding.stickerWords?.length ? branding.stickerWords : DEFAULT_STICKER_WORDS
    this.stickerBranding = {
      words: words.map(printable),
      districtYear: `${districtName} · ${branding.year}`,
    }
  }

  /** Made printable once per person, with one warning listing the characters replaced. */
  person(person: PrintableParticipant): PrintedParticipant {
    const cached = this.printed.get(person)
    if (cached) return cached
    const { printed, unprintable } = toPrintedParticipant(person, this.painter)
    if (unprintable.length > 0) {
      this.warnings.add({
        code: 'UNPRINTABLE_CHARACTERS',
        participantId: person.participantId,
        detail: unprintable.join(''),
      })
    }
    this.printed.set(person, printed)
    return printed
  }

  nameShortened(person: PrintableParticipant): void {
    this.warnings.add({ code: 'NAME_SHORTENED', participantId: person.participantId })
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let index = 0; index < items.length; index += size) {
    chunks.push(items.slice(index, index + size))
  }
  return chunks
}

function planCardPages(job: CardPrintJob): PlannedPage[] {
  const pages: PlannedPage[] = []
  if (job.layout === 'id1-single') {
    const size = { widthMm: CARD_WIDTH_MM, heightMm: CARD_HEIGHT_MM }
    const origin = { x: 0, y: 0 }
    for (const [index, person] of job.people.entries()) {
      const peopleThrough = index + 1
      pages.push({
        ...size,
        peopleThrough,
        draw(context) {
          const printed = context.person(person)
          const front = drawCardFront(
            context.painter,
            origin,
            printed,
            context.cardBranding,
            context.logos,
          )
          if (front.isNameShortened) context.nameShortened(person)
        },
      })
      if (job.withBack) {
        pages.push({
          ...size,
          peopleThrough,
          draw: (context) => drawCardBack(context.painter, origin, context.cardBranding),
        })
      }
    }
    return pages
  }
  const a4 = { widthMm: A4_SIZE_MM.width, heightMm: A4_SIZE_MM.height }
  let peopleThrough = 0
  for (const sheet of chunk(job.people, CARDS_PER_A4_SHEET)) {
    peopleThrough += sheet.length
    pages.push({
      ...a4,
      peopleThrough,
      draw(context) {
        const slots = sheet.map((_, index) => a4CardSlot(index, 'front'))
        sheet.forEach((person, index) => {
          const slot = slots[index]
          if (!slot) return
          const front = drawCardFront(
            context.painter,
            slot,
            context.person(person),
            context.cardBranding,
            context.logos,
          )
          if (front.isNameShortened) context.nameShortened(person)
        })
        drawCropMarks(context.painter, slots)
      },
    })
    if (job.withBack) {
      pages.push({
        ...a4,
        peopleThrough,
        draw(context) {
          sheet.forEach((_, index) => {
            drawCardBack(context.painter, a4CardSlot(index, 'back'), context.cardBranding)
          })
        },
      })
    }
  }
  return pages
}

function planStickerPages(job: StickerPrintJob): PagePlan {
  const check = validateStickerTemplate(job.template)
  if (!check.ok) return { ok: false, problems: check.problems }
  const cells = stickerCellRects(job.template)
  const firstCell = clampStartPosition(job.startPosition, cells.length) - 1
  const pages: PlannedPage[] = []
  const size = { widthMm: job.template.pageWidthMm, heightMm: job.template.pageHeightMm }
  let people = job.people
  let startCell = firstCell
  let peopleThrough = 0
  while (people.length > 0) {
    const onThisSheet = people.slice(0, cells.length - startCell)
    const sheetStart = startCell
    peopleThrough += onThisSheet.length
    pages.push({
      ...size,
      peopleThrough,
      draw(context) {
        onThisSheet.forEach((person, index) => {
          const cell = cells[sheetStart + index]
          if (!cell) return
          const sticker = drawSticker(
            context.painter,
            cell,
            context.person(person),
            context.stickerBranding,
          )
          if (sticker.isNameShortened) context.nameShortened(person)
        })
      },
    })
    people = people.slice(onThisSheet.length)
    // `startPosition` is for a partly used first sheet only; later sheets start at the top.
    startCell = 0
  }
  return { ok: true, title: 'Stiker rumah peserta', pages, needsLogos: false }
}

function planCalibrationPage(job: CalibrationTestJob): PagePlan {
  const { minPageMm, maxPageMm } = STICKER_TEMPLATE_LIMITS
  const isSizeOk = [job.pageWidthMm, job.pageHeightMm].every(
    (size) => Number.isFinite(size) && size >= minPageMm && size <= maxPageMm,
  )
  if (!isSizeOk) return { ok: false, problems: ['PAGE_SIZE_OUT_OF_RANGE'] }
  return {
    ok: true,
    title: 'Halaman uji kalibrasi printer',
    needsLogos: false,
    pages: [
      {
        widthMm: job.pageWidthMm,
        heightMm: job.pageHeightMm,
        peopleThrough: 0,
        draw(context) {
          drawCalibrationTestPage(
            context.painter,
            { widthMm: job.pageWidthMm, heightMm: job.pageHeightMm },
            context.calibration,
          )
        },
      },
    ],
  }
}

function planPages(job: PrintJob): PagePlan {
  switch (job.kind) {
    case 'card':
      return { ok: true, title: 'Kartu peserta', pages: planCardPages(job), needsLogos: true }
    case 'sticker':
      return planStickerPages(job)
    case 'calibration-test':
      return planCalibrationPage(job)
  }
}

/**
 * Opens each logo once for the whole document. A logo that is not a readable PNG or JPEG is
 * skipped (its place in the header stays empty) with one warning naming its position (1-based).
 */
async function openLogos(
  painter: PdfPainter,
  logos: Uint8Array[],
  warnings: WarningLog,
): Promise<Array<OpenedImage | null>> {
  const opened: Array<OpenedImage | null> = []
  for (const [index, bytes] of logos.slice(0, 2).entries()) {
    const unreadable = () => {
      warnings.add({ code: 'LOGO_UNREADABLE', detail: String(index + 1) })
      return null
    }
    const prepared = await prepareLogo(bytes)
    if (!prepared.ok) {
      opened.push(unreadable())
      continue
    }
    try {
      const image = painter.openImage(prepared.bytes)
      const isSized = image.width > 0 && image.height > 0
      opened.push(isSized ? image : unreadable())
    } catch {
      // pdfkit throws Errors for PNGs and plain strings for JPEGs: either way, no logo.
      opened.push(unreadable())
    }
  }
  return opened
}

/**
 * Gives the worker's message loop a turn (so a Cancel click arrives) without paying a timer for
 * every one of thousands of pages: a macrotask at most every `budgetMs`.
 */
function createYielder(budgetMs: number): () => Promise<void> {
  let lastYield = performance.now()
  return async () => {
    if (performance.now() - lastYield < budgetMs) return
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    lastYield = performance.now()
  }
}

const YIELD_BUDGET_MS = 25

export async function renderPrintJob(job: PrintJob, options: PrintOptions): Promise<PrintResult> {
  const warnings = new WarningLog()
  const { calibration, wasClamped } = clampCalibration(options.calibration)
  if (wasClamped) warnings.add({ code: 'CALIBRATION_CLAMPED' })

  if (job.kind !== 'calibration-test' && job.people.length === 0) {
    // A PDF without pages is not a valid PDF (poppler and printers refuse it); the print screen
    // offers Print only once people are selected, so this is a programming error.
    throw new RangeError('renderPrintJob: a card or sticker job needs at least one person')
  }
  const plan = planPages(job)
  if (!plan.ok) {
    for (const problem of plan.problems) warnings.add({ code: 'TEMPLATE_INVALID', detail: problem })
    return { ok: false, reason: 'TEMPLATE_INVALID', warnings: warnings.warnings }
  }
  const isCancelled = () => options.isCancelled?.() === true
  if (isCancelled()) return { ok: false, reason: 'CANCELLED' }

  const pdf = createCollectingPdf(plan.title)
  const painter = new PdfPainter(pdf.doc, options.fonts)
  const logos = plan.needsLogos ? await openLogos(painter, options.branding.logos, warnings) : []
  const context = new JobContext(painter, warnings, logos, calibration, options.branding)
  const yieldNow = createYielder(YIELD_BUDGET_MS)
  const total = plan.pages.length

  for (const [index, page] of plan.pages.entries()) {
    if (page.peopleThrough > 0) await options.untilPeopleReady?.(page.peopleThrough)
    if (isCancelled()) return { ok: false, reason: 'CANCELLED' }
    pdf.doc.addPage({ size: [mmToPt(page.widthMm), mmToPt(page.heightMm)], margin: 0 })
    pdf.doc.save()
    applyCalibration(pdf.doc, calibration)
    page.draw(context)
    pdf.doc.restore()
    options.onProgress?.({ done: index + 1, total })
    await yieldNow()
  }
  if (isCancelled()) return { ok: false, reason: 'CANCELLED' }

  const bytes = await pdf.finish()
  return { ok: true, pdf: bytes, pageCount: total, warnings: warnings.warnings }
}
