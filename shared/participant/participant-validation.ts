/**
 * Is this a participant document the server may store? Two layers, both pure:
 *
 * 1. Shape: the participant JSON schema as it travels (`participant-wire-schema.ts`: without
 *    `nikIndex`, each client keys its own blind index, and with `_deleted`), checked by a
 *    validator compiled from it at build time (`shared/validation/`), so the same check runs on
 *    the server and under the renderer's CSP (no `unsafe-eval`) and nothing interprets a schema
 *    at runtime.
 * 2. Domain: the form's rules (`validateRegistration`) re-run on the document's values, on the
 *    registration date, and the values must already be in their normalised form (what the form
 *    stores), so a document made by anything other than the form is held to the same rules.
 *
 * Returns a value with an Indonesian sentence, never throws on bad input.
 */
import type { District } from '../district/district-config'
import { describeIssue } from '../messages/issue-messages'
import { nameSearchKey } from './names'
import {
  registrationInputOf,
  validateRegistration,
  type RegistrationField,
} from './registration-input'
import { parseRegistrationNumber } from './registration-number'
import { isExistingMemberSource } from '../coverage/existing-members'
import { isCardSerial } from '../cards/card-token'
import type { ParticipantWireDocument } from '../sync/sync-protocol'
import { participantWireViolation } from '../validation/wire-validators'

/** Field names as the form shows them, for messages about a whole record. */
const FIELD_LABELS: Record<RegistrationField, string> = {
  nik: 'NIK',
  kk: 'Nomor KK',
  fullName: 'Nama lengkap',
  birthPlace: 'Tempat lahir',
  birthDate: 'Tanggal lahir',
  sex: 'Jenis kelamin',
  address: 'Alamat',
  rt: 'RT',
  rw: 'RW',
  kecamatanCode: 'Kecamatan',
  villageCode: 'Desa/kelurahan',
  occupationCode: 'Pekerjaan',
  monthlyIncome: 'Penghasilan per bulan',
  phone: 'Nomor HP',
  heirName: 'Nama ahli waris',
  heirRelationship: 'Hubungan ahli waris',
}

/** Fields a draft may leave empty until a clerk completes it. */
export const DRAFT_MAY_LACK: ReadonlySet<RegistrationField> = new Set<RegistrationField>([
  'kk',
  'birthPlace',
  'address',
  'rt',
  'rw',
  'occupationCode',
  'monthlyIncome',
  'heirName',
  'heirRelationship',
])

export interface ParticipantProblem {
  /** A document field (or schema path) */
  field: string
  code: string
}

export type ParticipantValidationResult =
  | { ok: true; document: ParticipantWireDocument }
  | { ok: false; code: 'INVALID_DOCUMENT'; message: string; problems: ParticipantProblem[] }

export interface ParticipantValidationContext {
  district: District
  /**
   * The registration date is the calendar date of `createdAt` at this offset from UTC. Default
   * +08:00 (WITA, Kalimantan Timur).
   */
  utcOffsetMinutes?: number
}

/** 'YYYY-MM-DD' of an ISO instant at the given offset, or null when it is not an instant. */
export function localDateOf(isoInstant: string, utcOffsetMinutes: number): string | null {
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/.test(
      isoInstant,
    )
  )
    return null
  const millis = Date.parse(isoInstant)
  if (!Number.isFinite(millis)) return null
  return new Date(millis + utcOffsetMinutes * 60_000).toISOString().slice(0, 10)
}

const OFFICE_CODE = /^(?:\d{2}-\d{2}|[A-Z0-9-]{2,8})$/

/**
 * Control characters (C0, DEL, C1) and unpaired UTF-16 surrogates: never typed into the form, and
 * PostgreSQL's jsonb/text refuse some of them (`\u0000`, lone surrogates), which would turn a
 * stored push into a server error on every retry.
 */
const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u

/** True when `text` holds a control character or an unpaired surrogate. */
export function hasControlOrLoneSurrogate(text: string): boolean {
  return CONTROL_OR_LONE_SURROGATE.test(text)
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`
}

/** The path of the first string (at any depth) holding a forbidden character, or null. */
function findForbiddenCharacters(value: unknown, path: string): string | null {
  if (typeof value === 'string') return hasControlOrLoneSurrogate(value) ? path : null
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findForbiddenCharacters(value[index], `${path}[${index}]`)
      if (found !== null) return found
    }
    return null
  }
  if (typeof value === 'object' && value !== null) {
    for (const [name, child] of Object.entries(value)) {
      const found = findForbiddenCharacters(child, join(path, name))
      if (found !== null) return found
    }
  }
  return null
}

function invalid(problems: ParticipantProblem[], sentences: string[]): ParticipantValidationResult {
  const message = `Data peserta ditolak server: ${sentences.join(' ')}`
  return { ok: false, code: 'INVALID_DOCUMENT', message, problems }
}

/**
 * Checks a pushed participant document. `value` is untrusted JSON; on success it is returned
 * typed.
 */
export function validateParticipantWireDocument(
  value: unknown,
  ctx: ParticipantValidationContext,
): ParticipantValidationResult {
  const violation = participantWireViolation(value)
  if (violation !== null) {
    return invalid(
      [{ field: violation, code: 'SCHEMA' }],
      [`Isian "${violation}" tidak sesuai format data peserta.`],
    )
  }
  // After the schema check the value is at most three levels deep, so the walk is bounded.
  const badText = findForbiddenCharacters(value, '')
  if (badText !== null) {
    return invalid(
      [{ field: badText, code: 'FORBIDDEN_CHARACTER' }],
      [`Isian "${badText}" berisi karakter kendali atau karakter yang tidak sah.`],
    )
  }
  const doc = value as ParticipantWireDocument

  const problems: ParticipantProblem[] = []
  const sentences: string[] = []
  const add = (field: string, code: string, sentence: string) => {
    problems.push({ field, code })
    sentences.push(sentence)
  }

  const registrationDate = localDateOf(doc.createdAt, ctx.utcOffsetMinutes ?? 8 * 60)
  if (registrationDate === null) add('createdAt', 'DATE_INVALID', 'Waktu pendaftaran tidak sah.')
  if (localDateOf(doc.updatedAt, 0) === null) {
    add('updatedAt', 'DATE_INVALID', 'Waktu perubahan tidak sah.')
  }
  if (!parseRegistrationNumber(doc.registrationNumber).ok) {
    add('registrationNumber', 'REGISTRATION_NUMBER_INVALID', 'Nomor pendaftaran tidak sah.')
  }
  if (!OFFICE_CODE.test(doc.officeCode)) {
    add('officeCode', 'OFFICE_CODE_INVALID', 'Kode kantor tidak sah.')
  }
  if (doc.nameKey !== nameSearchKey(doc.fullName)) {
    add('nameKey', 'NAME_KEY_MISMATCH', 'Kunci pencarian nama tidak cocok dengan nama lengkap.')
  }

  if (registrationDate !== null) {
    const input = registrationInputOf(doc)
    const result = validateRegistration(input, { district: ctx.district, today: registrationDate })
    if (!result.ok) {
      // A draft (e.g. made from a DTKS list) may still lack what the clerk completes later;
      // everything it does hold must be valid, and identity and place are never optional.
      // So may an existing member recorded from BPJS's list (`existing-members.ts`): the list
      // has no income or heir, and the person is already covered.
      const mayLackDetails = doc.status === 'draft' || isExistingMemberSource(doc.source)
      // A code Kemendagri has since removed stays on the records registered under it: their other
      // changes (a check, an approval, coverage, a death) are still taken.
      const removed = ctx.district.removedAreaCodes
      const keptArea = (issue: { field: string; code: string }) =>
        removed !== undefined &&
        ((issue.code === 'KECAMATAN_UNKNOWN' && removed.has(doc.kecamatanCode)) ||
          ((issue.code === 'VILLAGE_UNKNOWN' || issue.code === 'VILLAGE_NOT_IN_KECAMATAN') &&
            removed.has(doc.villageCode)))
      const errors = (
        mayLackDetails
          ? result.errors.filter(
              (issue) => !(issue.code === 'REQUIRED' && DRAFT_MAY_LACK.has(issue.field)),
            )
          : result.errors
      ).filter((issue) => !keptArea(issue))
      for (const issue of errors) {
        add(issue.field, issue.code, `${FIELD_LABELS[issue.field]}: ${describeIssue(issue, 'id')}`)
      }
    } else {
      // The form stores normalised values; anything else did not come from the form.
      const normalised: Record<RegistrationField, unknown> = {
        ...result.value,
        phone: result.value.phone ?? undefined,
      }
      const stored: Record<RegistrationField, unknown> = {
        ...input,
        monthlyIncome: doc.monthlyIncome,
      }
      stored.phone = doc.phone
      for (const field of Object.keys(FIELD_LABELS) as RegistrationField[]) {
        if (normalised[field] !== stored[field]) {
          add(field, 'NOT_NORMALISED', `${FIELD_LABELS[field]}: isian belum dalam bentuk baku.`)
        }
      }
    }
  }

  const prints = doc.prints ?? []
  prints.forEach((entry, index) => {
    const field = `prints[${index}]`
    if (
      !isCardSerial(entry.serial) ||
      localDateOf(entry.printedAt, 0) === null ||
      !/^\d{4}-\d{2}-\d{2}$/.test(entry.validUntil) ||
      !OFFICE_CODE.test(entry.officeCode)
    ) {
      add(field, 'PRINT_RECORD_INVALID', `Catatan cetak ke-${index + 1} tidak sah.`)
    }
  })
  if (new Set(prints.map((entry) => `${entry.kind}:${entry.serial}`)).size !== prints.length) {
    add('prints', 'PRINT_RECORD_DUPLICATE', 'Nomor seri kartu tercatat dua kali.')
  }

  if (problems.length > 0) return invalid(problems, sentences)
  return { ok: true, document: { ...doc, prints, checks: doc.checks ?? [] } }
}
