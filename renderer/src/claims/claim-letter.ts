/**
 * The printed claim papers the office gives the heir (issue 17): page 1 a cover letter from the
 * office to the BPJS Ketenagakerjaan branch (who the participant was, the event, the heir, the
 * expected benefit, the case's status, a signature block), page 2 the heir's checklist (every
 * document of the case, received or not, what to bring to the branch, where to ask). The family
 * often lives far from the branch: the words are plain Indonesian, in short sentences.
 *
 * Pure: fonts come in as bytes and everything else as data, so a unit test renders the same file
 * and reads it back with poppler. Only the masked NIK is printed: the paper travels with the
 * family and sits on a counter at the branch. Noto Sans has no ballot-box glyph (☐/☑), so the
 * checklist marks are written [x] and [ ].
 */
import type { ExpectedBenefitResult, JkmBenefit } from '@shared/claims/benefits'
import { claimSummary, type ClaimCase } from '@shared/claims/claim-case'
import {
  claimDocumentLabelsEn,
  claimDocumentLabelsId,
  claimStatusLabelsEn,
  claimStatusLabelsId,
  describeClaimProblem,
  jkmBenefitLabelsEn,
  jkmBenefitLabelsId,
} from '@shared/claims/claim-messages'
import { maskNik } from '@shared/identity/masking'
import { formatDateWords, formatRupiah } from '@shared/i18n/format'
import type { Language } from '@shared/i18n/language'
import { createCollectingPdf } from '@shared/printing/pdf-bytes'
import type { PdfDocument } from '@shared/printing/pdf-painter'
import { claimLetterText, type ClaimLetterMessageKey } from './claim-letter-messages'

export interface ClaimLetterParticipant {
  fullName: string
  /** '640206******0001': never the full NIK (a full one is masked here rather than printed). */
  maskedNik: string
  kpjNumber?: string
  registrationNumber: string
  villageName: string
  kecamatanName: string
  /** The heir named at registration: printed when the case itself names no heir. */
  heirName: string
}

export interface ClaimLetterInput {
  claim: ClaimCase
  participant: ClaimLetterParticipant
  /** `expectedBenefit(...)` for the case; null when it could not be computed (no coverage data). */
  benefit: ExpectedBenefitResult | null
  /** The office that hands the letter over and answers the family's questions. */
  office: { name: string; address?: string }
  /** 'Kabupaten Kutai Kartanegara': the regency that pays the contributions; the letter's place. */
  regionName: string
  /** YYYY-MM-DD in the district: the letter's date. */
  today: string
  language: Language
  /** The heir's relationship in the reader's words (district.json `heirRelationships`). */
  heirRelationshipLabel: string
}

export interface ClaimLetterFonts {
  regular: Uint8Array
  bold: Uint8Array
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 40
/** The letter's text size: the longest letter (long names, BPJS's longest reason) fits one page. */
const LETTER_SIZE = 9.5
/** Room to sign and stamp between the office's title and the name line. */
const SIGNATURE_ROOM = 32
const CONTENT_WIDTH = A4.width - 2 * MARGIN
const BOTTOM = A4.height - MARGIN
/** Enough digits in a row to be more than a masked NIK's six: then it is not masked. */
const UNMASKED_DIGITS = /\d{7,}/

/** The NIK as printed: masked, even if a caller handed over the full number by mistake. */
export function printedNik(maskedNik: string): string {
  return UNMASKED_DIGITS.test(maskedNik.replace(/[\s.-]/g, '')) ? maskNik(maskedNik) : maskedNik
}

const labelsOf = <K extends string>(
  language: Language,
  tables: { id: Readonly<Record<K, string>>; en: Readonly<Record<K, string>> },
) => tables[language]

/** The letter's title: also the PDF's title. */
export function claimLetterTitle(kind: ClaimCase['kind'], language: Language): string {
  return claimLetterText(language, 'title', {
    programme: claimLetterText(language, `programme.${kind}`),
  })
}

/** Page 1 and page 2 as an A4 PDF with Noto Sans embedded (fonts as bytes). */
export async function renderClaimLetterPdf(
  input: ClaimLetterInput,
  fonts: ClaimLetterFonts,
): Promise<Uint8Array> {
  const { claim, participant, language } = input
  const t = (key: ClaimLetterMessageKey, params?: Record<string, string | number>) =>
    claimLetterText(language, key, params)
  const date = (isoDate: string) => formatDateWords(language, isoDate)
  const documentLabels = labelsOf(language, {
    id: claimDocumentLabelsId,
    en: claimDocumentLabelsEn,
  })
  const statusLabels = labelsOf(language, { id: claimStatusLabelsId, en: claimStatusLabelsEn })
  const programme = t(`programme.${claim.kind}`)
  const title = claimLetterTitle(claim.kind, language)
  const byHeir = claim.died
  const heirName = claim.heir?.name ?? participant.heirName
  const kpj = participant.kpjNumber?.trim() || t('field.kpjNone')

  const pdf = createCollectingPdf(title)
  const doc: PdfDocument = pdf.doc
  // pdfkit's types want a Buffer or a path; its browser build reads any Uint8Array.
  doc.registerFont('regular', fonts.regular as unknown as Buffer)
  doc.registerFont('bold', fonts.bold as unknown as Buffer)
  let y = MARGIN
  const newPage = () => {
    doc.addPage({ size: 'A4', margin: 0 })
    y = MARGIN
  }
  const ensure = (height: number) => {
    if (y + height > BOTTOM) newPage()
  }
  interface WriteOptions {
    weight?: 'regular' | 'bold'
    x?: number
    width?: number
    align?: 'left' | 'right'
    gap?: number
  }
  const write = (text: string, size: number, options: WriteOptions = {}) => {
    const { weight = 'regular', x = MARGIN, width = CONTENT_WIDTH, align = 'left' } = options
    doc.font(weight).fontSize(size)
    const height = doc.heightOfString(text, { width })
    ensure(height)
    doc.text(text, x, y, { width, align, lineBreak: true })
    y += height + (options.gap ?? 3)
  }
  const heading = (text: string) => {
    y += 4
    // A heading stays with what follows it: not alone at the foot of a page.
    ensure(48)
    write(text, 11, { weight: 'bold' })
  }
  const rule = () => {
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + CONTENT_WIDTH, y)
      .lineWidth(0.6)
      .strokeColor('#555555')
      .stroke()
    y += 6
  }
  interface Cell {
    text: string
    weight?: 'regular' | 'bold'
    align?: 'left' | 'right'
  }
  /** A row of cells at the given widths (fractions of the content width), lined below or not. */
  const row = (
    cells: readonly Cell[],
    widths: readonly number[],
    options: { size?: number; lined?: boolean } = {},
  ) => {
    const size = options.size ?? 9.5
    const heights = cells.map((cell, index) => {
      doc.font(cell.weight ?? 'regular').fontSize(size)
      return doc.heightOfString(cell.text, { width: (widths[index] ?? 0) * CONTENT_WIDTH - 6 })
    })
    const height = Math.max(size + 4, ...heights.map((h) => h + 4))
    ensure(height)
    let x = MARGIN
    cells.forEach((cell, index) => {
      const width = (widths[index] ?? 0) * CONTENT_WIDTH
      doc
        .font(cell.weight ?? 'regular')
        .fontSize(size)
        .text(cell.text, x + 3, y + 2, { width: width - 6, align: cell.align ?? 'left' })
      x += width
    })
    if (options.lined) {
      doc
        .moveTo(MARGIN, y + height)
        .lineTo(MARGIN + CONTENT_WIDTH, y + height)
        .lineWidth(0.4)
        .strokeColor('#999999')
        .stroke()
    }
    y += height
  }
  const FIELD_WIDTHS = [0.18, 0.82]
  const field = (label: string, value: string) =>
    row([{ text: label }, { text: value, weight: 'bold' }], FIELD_WIDTHS)
  /** Two label–value pairs side by side: the letter must fit one page. */
  const PAIR_WIDTHS = [0.18, 0.32, 0.18, 0.32]
  const fields = (first: [string, string], second: [string, string]) =>
    row(
      [
        { text: first[0] },
        { text: first[1], weight: 'bold' },
        { text: second[0] },
        { text: second[1], weight: 'bold' },
      ],
      PAIR_WIDTHS,
    )

  // --- Page 1: the cover letter -----------------------------------------------------------------
  newPage()
  write(input.office.name, 13, { weight: 'bold', gap: 1 })
  if (input.office.address) write(input.office.address, 9, { gap: 1 })
  write(input.regionName, 9)
  rule()
  // The date on the right, on the line of the letter's number.
  const dateTop = y
  write(t('placeDate', { place: input.regionName, date: input.today }), LETTER_SIZE, {
    x: MARGIN + CONTENT_WIDTH * 0.45,
    width: CONTENT_WIDTH * 0.55,
    align: 'right',
  })
  y = dateTop
  write(t('number'), LETTER_SIZE, { width: CONTENT_WIDTH * 0.45, gap: 1 })
  write(t('attachment'), LETTER_SIZE)
  y += 4
  write(t('to'), LETTER_SIZE)
  y += 4
  write(title, 14, { weight: 'bold', gap: 4 })
  write(t('greeting'), LETTER_SIZE, { gap: 1 })
  write(t(byHeir ? 'opening.heir' : 'opening.self', { programme }), LETTER_SIZE)

  heading(t('section.participant'))
  fields(
    [t('field.name'), participant.fullName],
    [t('field.nik'), printedNik(participant.maskedNik)],
  )
  fields([t('field.kpj'), kpj], [t('field.registration'), participant.registrationNumber])
  fields(
    [t('field.village'), participant.villageName],
    [t('field.kecamatan'), participant.kecamatanName],
  )
  field(t('field.programme'), t('programmeValue', { region: input.regionName }))
  if (claim.kind === 'jkm') field(t('field.diedOn'), date(claim.eventOn))
  else {
    field(
      t('field.accidentOn'),
      [date(claim.eventOn), claim.died ? t('accidentDied') : ''].filter(Boolean).join(' '),
    )
  }

  if (byHeir) {
    heading(t('section.heir'))
    fields([t('field.name'), heirName], [t('field.relationship'), input.heirRelationshipLabel])
  }

  heading(t('section.benefit'))
  writeBenefit()

  heading(t('section.status'))
  const summary = claimSummary(claim)
  write(
    t('statusLine', { status: statusLabels[summary.status], since: summary.since }),
    LETTER_SIZE,
    {
      weight: 'bold',
    },
  )
  write(
    [
      t('openedLine', { date: claim.openedOn }),
      summary.amountClaimed !== undefined && summary.amountPaid === undefined
        ? t('claimedLine', { amount: summary.amountClaimed })
        : '',
      summary.amountPaid !== undefined && summary.paidOn
        ? t('paidLine', { amount: summary.amountPaid, date: summary.paidOn })
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    LETTER_SIZE,
  )
  if (summary.rejectionReason)
    write(t('rejectedLine', { reason: summary.rejectionReason }), LETTER_SIZE)

  // The closing on the left; beside it, the signature block, kept whole, on the right half.
  y += 6
  const signX = MARGIN + CONTENT_WIDTH * 0.5
  const signWidth = CONTENT_WIDTH * 0.5
  const signTitle = t('signTitle', { office: input.office.name })
  doc.font('regular').fontSize(LETTER_SIZE)
  ensure(
    doc.heightOfString(signTitle, { width: signWidth }) + SIGNATURE_ROOM + 3 * LETTER_SIZE + 12,
  )
  const signTop = y
  write(t('closing'), LETTER_SIZE, { width: CONTENT_WIDTH * 0.48 })
  y = signTop
  const sign = (text: string, options: WriteOptions = {}) =>
    write(text, LETTER_SIZE, { x: signX, width: signWidth, ...options })
  sign(signTitle)
  y += SIGNATURE_ROOM
  sign(t('signLine'), { gap: 1 })
  sign(t('signName'))

  // --- Page 2: the heir's checklist -------------------------------------------------------------
  newPage()
  write(t(byHeir ? 'checklist.title.heir' : 'checklist.title.self'), 15, { weight: 'bold' })
  write(
    byHeir
      ? t('checklist.for.heir', {
          heir: heirName,
          relationship: input.heirRelationshipLabel,
          participant: participant.fullName,
        })
      : t('checklist.for.self', { participant: participant.fullName }),
    10.5,
  )
  write(t('checklist.claim', { programme, kpj }), 10.5)
  y += 4
  write(t('checklist.legend'), 10)
  y += 4
  const CHECK_WIDTHS = [0.08, 0.6, 0.32]
  const lineRule = () => {
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + CONTENT_WIDTH, y)
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke()
  }
  lineRule()
  row(
    [
      { text: t('col.box'), weight: 'bold' },
      { text: t('col.document'), weight: 'bold' },
      { text: t('col.state'), weight: 'bold' },
    ],
    CHECK_WIDTHS,
    { size: 10.5, lined: true },
  )
  for (const entry of claim.documents) {
    const received = entry.state === 'received'
    row(
      [
        { text: received ? '[x]' : '[ ]', weight: 'bold' },
        { text: documentLabels[entry.code] },
        { text: received ? t('received', { date: entry.on }) : t('missing') },
      ],
      CHECK_WIDTHS,
      { size: 10.5, lined: true },
    )
  }
  y += 6
  const missing = claim.documents.filter((entry) => entry.state !== 'received').length
  write(missing === 0 ? t('complete') : t('incomplete', { count: missing }), 10.5, {
    weight: 'bold',
  })

  heading(t('bring.title'))
  const bullet = (text: string) => {
    doc.font('regular').fontSize(10.5)
    const height = doc.heightOfString(text, { width: CONTENT_WIDTH - 14 })
    ensure(height)
    doc.text('•', MARGIN + 2, y)
    doc.text(text, MARGIN + 14, y, { width: CONTENT_WIDTH - 14 })
    y += height + 4
  }
  bullet(t('bring.letter'))
  bullet(t('bring.documents'))
  bullet(t(byHeir ? 'bring.account.heir' : 'bring.account.self'))
  bullet(t('bring.free'))

  heading(t('ask.title'))
  write(t('ask.office', { office: input.office.name }), 10.5)
  if (input.office.address) write(t('ask.address', { address: input.office.address }), 10.5)
  y += 10
  write(t('printed', { date: input.today }), 8.5)

  return pdf.finish()

  /** The expected benefit: JKM's lines and total, JKK's "BPJS decides", or why there is none. */
  function writeBenefit() {
    const result = input.benefit
    if (!result || !result.ok || result.expected.kind !== claim.kind) {
      write(t('benefit.unknown'), LETTER_SIZE)
      if (result && !result.ok) write(describeClaimProblem(result.problem, language), LETTER_SIZE)
      return
    }
    const expected = result.expected
    if (expected.kind === 'jkk') {
      write(t('benefit.jkk', { start: expected.membershipStart }), LETTER_SIZE)
      return
    }
    writeJkm(expected.benefit)
  }

  function writeJkm(benefit: JkmBenefit) {
    const lineLabels = labelsOf(language, { id: jkmBenefitLabelsId, en: jkmBenefitLabelsEn })
    const widths = [0.7, 0.3]
    row(
      [
        { text: t('col.benefit'), weight: 'bold' },
        { text: t('col.amount'), weight: 'bold', align: 'right' },
      ],
      widths,
      { lined: true },
    )
    for (const line of benefit.lines) {
      row(
        [{ text: lineLabels[line.code] }, { text: formatRupiah(line.amount), align: 'right' }],
        widths,
        { lined: true },
      )
    }
    row(
      [
        { text: t('benefit.total'), weight: 'bold' },
        { text: formatRupiah(benefit.total), weight: 'bold', align: 'right' },
      ],
      widths,
    )
    y += 3
    const note = (text: string) => write(text, 9, { gap: 2 })
    note(
      benefit.isEarlyDeath
        ? t('benefit.early', { start: benefit.membershipStart })
        : t('benefit.full', { start: benefit.membershipStart }),
    )
    const { scholarship } = benefit
    note(
      scholarship.eligible
        ? t('scholarship.eligible', { children: scholarship.children })
        : scholarship.hasEnoughMembership
          ? t('scholarship.noChildren')
          : t('scholarship.tooShort'),
    )
    note(t('benefit.note'))
  }
}
