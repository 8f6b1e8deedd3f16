/**
 * The audit trail: every change to a participant — field, old → new, who, in which role, on which
 * office's PC, when — kept on the PC that made it (`participant_changes`) and on the central
 * server (`audit_entries`), where it is append-only. docs/sync.md, "Audit trail", explains the
 * protocol; this module is its typed contract and the one validator both sides run.
 *
 *   POST /api/sync/audit/push   AuditPushRequest → AuditPushResponse        (any user)
 *   GET  /api/sync/audit/pull?checkpoint=<urlencoded JSON>&limit=<n> → AuditPullResponse
 *   GET  /api/audit/search?user=&office=&from=&to=&participant=&limit=&cursor=
 *                                                → AuditSearchResponse      (supervisor, admin)
 *
 * There is no route that changes or deletes an entry. NIK, KK and phone travel and rest masked
 * only (UU PDP 27/2022): an entry holding one in clear is refused, whoever sends it.
 *
 * Plain data and functions: no store, no Node, no React.
 */
import { maskKk, maskNik, maskPhone } from '../identity/masking'
import {
  SENSITIVE_PARTICIPANT_FIELDS,
  type FieldChange,
  type ParticipantChangeDocument,
  type SensitiveParticipantField,
} from '../participant/participant-document'
import { hasControlOrLoneSurrogate } from '../participant/participant-validation'
import { auditEntryWireViolation } from '../validation/wire-validators'
import type { PullCheckpoint } from '../sync/sync-protocol'

export { auditEntryWireSchema } from './audit-entry-schema'

/** A history entry as it travels and as the server stores it: the local document itself. */
export type AuditEntry = ParticipantChangeDocument

export const AUDIT_PUSH_PATH = '/api/sync/audit/push'
export const AUDIT_PULL_PATH = '/api/sync/audit/pull'
/** After a restore: entries a PC holds from the server, with its receipts ({ entries }). */
export const AUDIT_RECOVER_PATH = '/api/sync/audit/recover'
export const AUDIT_SEARCH_PATH = '/api/audit/search'

/** Entries per push; the request body limit is the participants' (MAX_REQUEST_BODY_BYTES). */
export const MAX_AUDIT_PUSH_ROWS = 200
export const DEFAULT_AUDIT_SEARCH_LIMIT = 50
export const MAX_AUDIT_SEARCH_LIMIT = 200

/**
 * Calendar days in the search (`from`, `to`) are days in the district's time: WITA, UTC+8, as
 * the registration date is (`participant-validation.ts`).
 */
export const AUDIT_DAY_UTC_OFFSET_MINUTES = 8 * 60

export interface AuditPushRequest {
  rows: AuditEntry[]
}

export type AuditRejectionCode =
  /** Not an entry: wrong shape, control characters, a NIK/KK/phone in clear. */
  | 'INVALID_AUDIT_ENTRY'
  /** The id is stored already with other content: entries are never changed. */
  | 'AUDIT_APPEND_ONLY'
  /** `officeCode` is not the office of the PC that sends it. */
  | 'AUDIT_OFFICE_MISMATCH'
  /** `deviceId` is not the PC that sends it. */
  | 'AUDIT_DEVICE_MISMATCH'
  /** `by`/`role` name no user who can sign in on that PC, in that role. */
  | 'AUDIT_ACTOR_MISMATCH'
  /** Shown after a restore without a valid server receipt (server/audit.ts recoverAuditEntries). */
  | 'RECEIPT_INVALID'
  /** A kecamatan office's PC sent an entry of another kecamatan. */
  | 'OUT_OF_JURISDICTION'
  /** A 'revealed' entry from someone who may not see that field (`identity-reveal.ts`). */
  | 'REVEAL_NOT_ALLOWED'

export interface AuditRejection {
  id: string
  code: AuditRejectionCode
  /** Plain Indonesian sentence. */
  message: string
}

export interface AuditPushResponse {
  /** Entries refused for good; nothing was stored for them. Every other one is stored. */
  rejected: AuditRejection[]
}

/** Like the participants' pull: (txid, id) checkpoints below the horizon (docs/sync.md). */
export interface AuditPullResponse {
  documents: AuditEntry[]
  checkpoint: PullCheckpoint | null
  remaining: number
}

export interface AuditSearchQuery {
  /** Part of the display name in `by`, any case. */
  user?: string
  /** Exact office code ('06-01', 'PUSAT'). */
  office?: string
  /** First and last day (YYYY-MM-DD, district time), both included. */
  from?: string
  to?: string
  /** A participant's registration number ('0601-000123'). */
  participant?: string
  limit?: number
  /** `nextCursor` of the previous page. */
  cursor?: string
}

export interface AuditSearchHit {
  entry: AuditEntry
  /** The participant's registration number, when the server holds the record. */
  registrationNumber: string | null
  /** When the server stored the entry (ISO). */
  receivedAt: string
}

export interface AuditSearchResponse {
  /** Newest first (`at`, then id). */
  entries: AuditSearchHit[]
  /** Pass as `cursor` for the next (older) page; null when this was the last one. */
  nextCursor: string | null
}

// ---------------------------------------------------------------------------------------------
// Masking

const SENSITIVE = new Set<string>(SENSITIVE_PARTICIPANT_FIELDS)

/** The sensitive field a history field name stands for: 'nik', or 'conflicts.nik' → 'nik'. */
function sensitiveFieldOf(field: string): SensitiveParticipantField | null {
  const last = field.split('.').at(-1) ?? ''
  return SENSITIVE.has(last) ? (last as SensitiveParticipantField) : null
}

export function isSensitiveHistoryField(field: string): boolean {
  return sensitiveFieldOf(field) !== null
}

/** What `maskNik`/`maskKk`/`maskPhone` produce, and nothing else. */
const MASKED_FORMS: Record<SensitiveParticipantField, RegExp> = {
  nik: /^(?:\d{6}\*{6}\d{4}|\*{16})$/,
  kk: /^(?:\d{6}\*{6}\d{4}|\*{16})$/,
  // National form, 10–13 digits: the first four and last four digits stay.
  phone: /^(?:08\d{2}\*{2,5}\d{4}|\*{12})$/,
}

/** True when `value` of history field `field` shows no more than the masked form ('' is fine). */
export function isMaskedHistoryValue(field: string, value: string): boolean {
  const sensitive = sensitiveFieldOf(field)
  if (sensitive === null || value === '') return true
  return MASKED_FORMS[sensitive].test(value)
}

/**
 * The value as history may hold it: NIK, KK and phone masked whatever the caller passed (a value
 * already masked stays as it is; masking it again would hide the digits it keeps).
 */
export function maskHistoryValue(field: string, value: string): string {
  const sensitive = sensitiveFieldOf(field)
  if (sensitive === null || isMaskedHistoryValue(field, value)) return value
  if (sensitive === 'phone') return maskPhone(value)
  return sensitive === 'nik' ? maskNik(value) : maskKk(value)
}

export function maskHistoryChanges(changes: readonly FieldChange[]): FieldChange[] {
  return changes.map((change) => ({
    field: change.field,
    from: maskHistoryValue(change.field, change.from),
    to: maskHistoryValue(change.field, change.to),
  }))
}

// ---------------------------------------------------------------------------------------------
// Validation

const ID = /^[A-Za-z0-9_-]{1,40}$/
const KECAMATAN_CODE = /^\d{2}\.\d{2}\.\d{2}$/
/** What `Date.prototype.toISOString` writes: the only form the app stores. */
const ISO_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/

export type AuditValidationResult =
  { ok: true; entry: AuditEntry } | { ok: false; code: 'INVALID_AUDIT_ENTRY'; message: string }

function invalid(reason: string): AuditValidationResult {
  return { ok: false, code: 'INVALID_AUDIT_ENTRY', message: `Catatan riwayat ditolak: ${reason}` }
}

function findForbiddenText(value: unknown): boolean {
  if (typeof value === 'string') return hasControlOrLoneSurrogate(value)
  if (Array.isArray(value)) return value.some(findForbiddenText)
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).some(findForbiddenText)
  }
  return false
}

/**
 * Is `value` an entry the server may store? Shape (the entry schema), text without control
 * characters or lone surrogates (PostgreSQL's jsonb refuses some, and no clerk types them), ids
 * and codes in their only form, a real instant, and NIK/KK/phone masked. Never throws.
 * Authorisation (office, PC, user, kecamatan) is the server's, on top of this.
 */
export function validateAuditEntry(value: unknown): AuditValidationResult {
  const violation = auditEntryWireViolation(value)
  if (violation !== null) return invalid(`isian "${violation}" tidak sesuai bentuknya.`)
  const entry = value as AuditEntry
  if (findForbiddenText(entry)) return invalid('berisi karakter kendali atau karakter tidak sah.')
  if (!ID.test(entry.id) || !ID.test(entry.participantId)) {
    return invalid('kode catatan atau kode peserta tidak sah.')
  }
  if (!KECAMATAN_CODE.test(entry.kecamatanCode)) {
    return invalid('kode kecamatan peserta tidak sah.')
  }
  const instant = ISO_INSTANT.exec(entry.at)
  const year = Number(instant?.[1])
  if (!instant || Number.isNaN(Date.parse(entry.at)) || year < 2000 || year > 2200) {
    return invalid('waktu perubahan tidak sah.')
  }
  if (entry.by.trim() === '' || entry.role === '' || entry.officeCode === '') {
    return invalid('petugas, peran atau kantor kosong.')
  }
  const unmasked = entry.changes.find(
    (change) =>
      !isMaskedHistoryValue(change.field, change.from) ||
      !isMaskedHistoryValue(change.field, change.to),
  )
  if (unmasked) {
    return invalid(
      `nilai "${unmasked.field}" harus disamarkan (NIK, KK dan nomor HP tidak boleh tercatat utuh).`,
    )
  }
  return { ok: true, entry }
}

/**
 * Whether this entry is ever sent to the server. One without a PC (made on a standalone PC, or
 * before the audit trail existed) stays where it was made: no server could tell whose it is.
 */
export function isSendableAuditEntry(entry: Pick<AuditEntry, 'deviceId'>): boolean {
  return entry.deviceId !== ''
}
