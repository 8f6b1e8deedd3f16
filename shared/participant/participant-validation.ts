/**
 * Is this a participant document the server may store? Two layers, both pure:
 *
 * 1. Shape: the participant JSON schema (`participant-document.ts`) as it travels — without
 *    `nikIndex` (each client keys its own blind index) and with `_deleted`. The schema is
 *    interpreted here by a small checker of the keywords the schema uses, not by a code-generating
 *    validator, so this module also runs under the renderer's CSP (no `unsafe-eval`).
 * 2. Domain: the form's rules (`validateRegistration`) re-run on the document's values, on the
 *    registration date, and the values must already be in their normalised form (what the form
 *    stores), so a document made by anything other than the form is held to the same rules.
 *
 * Returns a value with an Indonesian sentence, never throws on bad input.
 */
import type { District } from '../district/district-config'
import { describeIssue } from '../messages/issue-messages'
import { nameSearchKey } from './names'
import { participantJsonSchema } from './participant-document'
import {
  registrationInputOf,
  validateRegistration,
  type RegistrationField,
} from './registration-input'
import { parseRegistrationNumber } from './registration-number'
import { isExistingMemberSource } from '../coverage/existing-members'
import { isCardSerial } from '../cards/card-token'
import type { ParticipantWireDocument } from '../sync/sync-protocol'

interface SchemaNode {
  type?: string
  maxLength?: number
  enum?: readonly unknown[]
  minimum?: number
  maximum?: number
  multipleOf?: number
  maxItems?: number
  items?: SchemaNode
  properties?: Readonly<Record<string, SchemaNode>>
  required?: readonly string[]
  additionalProperties?: boolean
}

/** Keywords the checker understands; any other one in a schema is a programming error. */
const KNOWN_KEYWORDS = new Set([
  'type',
  'maxLength',
  'enum',
  'minimum',
  'maximum',
  'multipleOf',
  'maxItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
])

function buildWireSchema(): SchemaNode {
  const { nikIndex: _nikIndex, ...properties } = participantJsonSchema.properties
  return {
    type: 'object',
    properties: { ...properties, _deleted: { type: 'boolean' } },
    // `prints` (v2) may be absent: a PC that has not updated yet sends v1 documents, which the
    // server stores with an empty print log rather than refusing every edit they carry.
    required: [
      ...participantJsonSchema.required.filter(
        (field) => field !== 'nikIndex' && field !== 'prints' && field !== 'checks',
      ),
      '_deleted',
    ],
    additionalProperties: false,
  }
}

/** The participant schema as it travels: no `nikIndex`, plus `_deleted`. */
export const participantWireSchema: SchemaNode = buildWireSchema()

function assertKnownKeywords(node: SchemaNode, path: string): void {
  for (const key of Object.keys(node)) {
    if (!KNOWN_KEYWORDS.has(key)) throw new Error(`Schema keyword "${key}" at ${path} unsupported`)
  }
  if (node.items) assertKnownKeywords(node.items, `${path}[]`)
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    assertKnownKeywords(child, `${path}.${name}`)
  }
}
assertKnownKeywords(participantWireSchema, '$')

function typeMatches(type: string | undefined, value: unknown): boolean {
  switch (type) {
    case undefined:
      return true
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
    default:
      return false
  }
}

/** The path of the first value that breaks the schema, or null when the value fits. */
export function findSchemaViolation(node: SchemaNode, value: unknown, path = ''): string | null {
  if (!typeMatches(node.type, value)) return path || '(dokumen)'
  if (typeof value === 'string' && node.maxLength !== undefined) {
    // maxLength counts code points, as JSON Schema does.
    if ([...value].length > node.maxLength) return path
  }
  if (node.enum && !node.enum.includes(value)) return path
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) return path
    if (node.maximum !== undefined && value > node.maximum) return path
    if (node.multipleOf !== undefined && value % node.multipleOf !== 0) return path
  }
  if (Array.isArray(value)) {
    if (node.maxItems !== undefined && value.length > node.maxItems) return path
    if (node.items) {
      for (let index = 0; index < value.length; index++) {
        const found = findSchemaViolation(node.items, value[index], `${path}[${index}]`)
        if (found !== null) return found
      }
    }
  }
  if (node.type === 'object' && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    const properties = node.properties ?? {}
    for (const name of node.required ?? []) {
      if (!Object.prototype.hasOwnProperty.call(record, name)) return join(path, name)
    }
    for (const [name, child] of Object.entries(record)) {
      const schema = Object.prototype.hasOwnProperty.call(properties, name)
        ? properties[name]
        : undefined
      if (!schema) {
        if (node.additionalProperties === false) return join(path, name)
        continue
      }
      const found = findSchemaViolation(schema, child, join(path, name))
      if (found !== null) return found
    }
  }
  return null
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`
}

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
  const violation = findSchemaViolation(participantWireSchema, value)
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
      const errors = mayLackDetails
        ? result.errors.filter(
            (issue) => !(issue.code === 'REQUIRED' && DRAFT_MAY_LACK.has(issue.field)),
          )
        : result.errors
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
