/**
 * A participant's fields as they appear on paper: dates in the Indonesian day-month-year order,
 * RT/RW padded as on a KTP, a dash for anything empty (never "undefined"), and only characters
 * the font can print. The card and the sticker layouts draw these strings and nothing else.
 */
import { parseIsoDate } from '../dates/calendar-date'
import type { PdfPainter } from './pdf-painter'
import type { PrintableParticipant } from './print-model'
import type { QrCodePath } from './qr-vector'

export const EMPTY_FIELD = '-'

export interface PrintedParticipant {
  participantId: string
  name: string
  /** Cards only; the sticker layout never reads it. */
  maskedNik: string
  numberLabel: string
  participantNumber: string
  birthDate: string
  villageName: string
  kecamatanName: string
  /** 'RT 003 / RW 002' */
  rtRw: string
  /** '01-01-2026 s.d. 31-12-2026' */
  coverage: string
  serial: string
  /** Not shown as text: it becomes the QR code as given. */
  qrText: string
  /** `qrText`'s code when computed ahead (`PrintableParticipant.qrCode`). */
  qrCode?: QrCodePath
}

export const PARTICIPANT_NUMBER_LABELS: Record<
  PrintableParticipant['participantNumberKind'],
  string
> = {
  kpj: 'No. KPJ',
  registration: 'No. Registrasi',
}

/** '1990-05-15' → '15-05-1990'; anything else → '-' rather than a wrong date on a card. */
export function formatPrintedDate(isoDate: string): string {
  const date = parseIsoDate(isoDate)
  if (!date) return EMPTY_FIELD
  const pad = (value: number, length: number) => String(value).padStart(length, '0')
  return `${pad(date.day, 2)}-${pad(date.month, 2)}-${pad(date.year, 4)}`
}

/** KTPs print RT and RW with three digits: '3' → '003'. */
function formatRtRwPart(value: string): string {
  const trimmed = value.trim()
  if (trimmed === '') return EMPTY_FIELD
  return /^\d{1,3}$/.test(trimmed) ? trimmed.padStart(3, '0') : trimmed
}

export function formatRtRw(rt: string, rw: string): string {
  return `RT ${formatRtRwPart(rt)} / RW ${formatRtRwPart(rw)}`
}

export function formatCoverage(from: string, until: string): string {
  return `${formatPrintedDate(from)} s.d. ${formatPrintedDate(until)}`
}

function textOrDash(value: unknown): string {
  return typeof value === 'string' && value.trim() !== '' ? value : EMPTY_FIELD
}

/**
 * Every printed field made printable; the characters the font lacks are returned once for the
 * whole person, for one UNPRINTABLE_CHARACTERS warning.
 */
export function toPrintedParticipant(
  person: PrintableParticipant,
  painter: PdfPainter,
): { printed: PrintedParticipant; unprintable: string[] } {
  const unprintable: string[] = []
  const printable = (value: unknown): string => {
    const result = painter.printable(textOrDash(value))
    for (const char of result.unprintable) if (!unprintable.includes(char)) unprintable.push(char)
    return result.text === '' ? EMPTY_FIELD : result.text
  }
  const printed: PrintedParticipant = {
    participantId: person.participantId,
    name: printable(person.fullName),
    maskedNik: printable(person.maskedNik),
    numberLabel:
      PARTICIPANT_NUMBER_LABELS[person.participantNumberKind] ??
      PARTICIPANT_NUMBER_LABELS.registration,
    participantNumber: printable(person.participantNumber),
    birthDate: formatPrintedDate(person.birthDate),
    villageName: printable(person.villageName),
    kecamatanName: printable(person.kecamatanName),
    rtRw: printable(formatRtRw(textOrDash(person.rt), textOrDash(person.rw))),
    coverage: formatCoverage(person.coverageFrom, person.coverageUntil),
    serial: printable(person.serial),
    qrText: person.qrText,
    ...(person.qrCode ? { qrCode: person.qrCode } : {}),
  }
  return { printed, unprintable }
}
