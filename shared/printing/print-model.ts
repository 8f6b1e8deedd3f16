/**
 * What a print job is made of, independent of where the PDF is drawn (a Web Worker in the app,
 * Node in tests and benchmarks). The renderer turns participants into `PrintableParticipant`s
 * (already masked, already signed), the layout code turns them into pages. Nothing here holds a
 * full NIK, KK or phone number: the layout code never sees one, so it cannot print one.
 *
 * Every length is in millimetres; the PDF code converts to points (1 mm = 72 / 25.4 pt).
 */

export const POINTS_PER_MM = 72 / 25.4

/** ISO/IEC 7810 ID-1 (CR80): the size of a bank card and of PVC card-printer stock. */
export const ID1_CARD_SIZE_MM = { width: 85.6, height: 54 } as const
export const A4_SIZE_MM = { width: 210, height: 297 } as const
import type { QrCodePath } from './qr-vector'

/** One person as the card and sticker layouts draw them. */
export interface PrintableParticipant {
  participantId: string
  fullName: string
  /** Already masked: `640206******0001`. The layouts print this text as is. */
  maskedNik: string
  /** KPJ once BPJS issued one, otherwise the registration number. */
  participantNumber: string
  /** Whether `participantNumber` is a KPJ (the card labels it "No. KPJ") or a registration number. */
  participantNumberKind: 'kpj' | 'registration'
  /** YYYY-MM-DD */
  birthDate: string
  villageName: string
  kecamatanName: string
  rt: string
  rw: string
  /** YYYY-MM-DD, inclusive: the coverage the card states. */
  coverageFrom: string
  coverageUntil: string
  /** Card or sticker serial as printed under the QR code. */
  serial: string
  /** The signed text the QR code carries (`shared/cards/card-token.ts`). */
  qrText: string
  /** That text's code, computed ahead in the print's code worker; computed while drawing if absent. */
  qrCode?: QrCodePath
}

/** The district's look and words, from `resources/district` (swappable per kabupaten). */
export interface PrintBranding {
  /** "Perlindungan Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan Kutai Kartanegara" */
  programmeTitle: string
  /** "Kabupaten Kutai Kartanegara" */
  districtName: string
  /** Printed on stickers: "RUMAH PESERTA … 2026". */
  year: number
  /** PNG or JPEG bytes, left and right of the card header. Missing or unreadable logos are skipped. */
  logos: Uint8Array[]
  /** Card back: one benefit per line. */
  benefits: string[]
  /** Card back: where to ask. */
  contactText: string
  /** Card front, under the header: "KARTU PESERTA" when absent. */
  cardTitle?: string
  /** Sticker headline, one entry a line: "RUMAH PESERTA", … when absent. */
  stickerWords?: string[]
}

/** TrueType fonts shipped in `resources/fonts` and embedded as subsets, so every PC prints alike. */
export interface PrintFonts {
  regular: Uint8Array
  bold: Uint8Array
}

/**
 * A sheet of stickers: page size and a grid. The four built-in sheets are A4; a custom template
 * (settings) can describe any label stock.
 */
export interface StickerTemplate {
  id: string
  /** Shown in the template picker. */
  label: string
  pageWidthMm: number
  pageHeightMm: number
  rows: number
  columns: number
  marginTopMm: number
  marginLeftMm: number
  /** Space between two stickers side by side / one above the other. */
  gapXMm: number
  gapYMm: number
}

/**
 * How this office's printer is off: measured once with the test page and saved in settings.
 * Offsets move everything on the page; scale corrects a printer that shrinks or stretches.
 */
export interface PrinterCalibration {
  offsetXMm: number
  offsetYMm: number
  /** 1 = as designed. */
  scale: number
}

export const NO_CALIBRATION: PrinterCalibration = { offsetXMm: 0, offsetYMm: 0, scale: 1 }

export type CardLayout = 'id1-single' | 'a4-sheet-10'

export interface CardPrintJob {
  kind: 'card'
  layout: CardLayout
  /** Add a back page after each front page (duplex printers, or print the backs separately). */
  withBack: boolean
  people: PrintableParticipant[]
}

export interface StickerPrintJob {
  kind: 'sticker'
  template: StickerTemplate
  /**
   * 1-based position of the first sticker on the first sheet, counted left to right then top to
   * bottom, so a partly used sheet is not wasted.
   */
  startPosition: number
  people: PrintableParticipant[]
}

/** A page to measure the printer's offsets with a ruler: rulers, a cross at a known spot, a frame. */
export interface CalibrationTestJob {
  kind: 'calibration-test'
  pageWidthMm: number
  pageHeightMm: number
}

export type PrintJob = CardPrintJob | StickerPrintJob | CalibrationTestJob

/** A problem the layout met and handled safely (clamped, shrunk, skipped): shown before printing. */
export interface PrintWarning {
  code: PrintWarningCode
  /** The participant concerned, when there is one. */
  participantId?: string
  /** The characters or value concerned, for the message. */
  detail?: string
}

export type PrintWarningCode =
  /** A logo file is missing or not a PNG/JPEG: printed without it. `detail`: '1' (left) or '2'. */
  | 'LOGO_UNREADABLE'
  /**
   * Letters the shipped font has no glyph for: printed as "?" (the name is still on screen).
   * `detail`: the characters, each once.
   */
  | 'UNPRINTABLE_CHARACTERS'
  /** A name too long even at the smallest legible size: shortened with "…". */
  | 'NAME_SHORTENED'
  /** Offsets or scale outside what a printer can be off by: clamped to the nearest sane value. */
  | 'CALIBRATION_CLAMPED'
  /**
   * The sticker template (or the test page's size) was not usable: refused. `detail`: one
   * `StickerTemplateProblem` code per warning (shared/printing/sticker-templates.ts).
   */
  | 'TEMPLATE_INVALID'

export interface PrintProgress {
  done: number
  total: number
}

export interface PrintOptions {
  fonts: PrintFonts
  branding: PrintBranding
  calibration: PrinterCalibration
  /** Called after each page (or every few items) so a progress bar can move. */
  onProgress?: (progress: PrintProgress) => void
  /** Checked between pages: returning true stops the job (it resolves with `cancelled`). */
  isCancelled?: () => boolean
  /**
   * Before each page: resolves once the job's first `count` people have their `qrText` (and
   * `qrCode`). The app's print worker draws while its code worker still signs the later people;
   * without it every person must be complete before the job starts.
   */
  untilPeopleReady?: (count: number) => Promise<void>
}

export type PrintResult =
  | { ok: true; pdf: Uint8Array; pageCount: number; warnings: PrintWarning[] }
  | { ok: false; reason: 'CANCELLED' }
  | { ok: false; reason: 'TEMPLATE_INVALID'; warnings: PrintWarning[] }
