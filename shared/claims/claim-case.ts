/**
 * Claim assistance (issue 17): a case opened when a participant's death (JKM) or work accident
 * (JKK) is reported, followed until BPJS pays or refuses. Claims stall when a document is missing
 * or nobody goes back to the branch; the case keeps the checklist and every status with its date
 * so the kecamatan list can show the stalled ones first. Pure: the store, the server and the
 * screens all apply these rules, and every date is given (nothing reads the clock).
 *
 *   dilaporkan ──(every required document received)──▶ berkas-lengkap ──▶ diajukan ──▶ dibayar
 *       ▲  ▲                                                │                  │
 *       │  └──────────── back, with a note ◀────────────────┘                  └──▶ ditolak
 *       └──────────────────────── reopened by a supervisor, with a note ◀───────────┘
 *
 * - No status is skipped; `dibayar` is final. `dibayar` carries the amount paid (whole rupiah > 0)
 *   and its date; `ditolak` BPJS's reason. `diajukan` may carry the amount claimed.
 * - A rejected case is reopened in place rather than opened again: the rejection and its reason
 *   stay in the history, and the days open keep counting from the first report, which is what
 *   the family has waited. Reopening is the supervisor's (a rejection is BPJS's decision; going
 *   back on it is a decision too). Any return to `dilaporkan` needs a note saying why.
 * - The checklist changes only while the case is `dilaporkan`; from `berkas-lengkap` on it is
 *   the file handed to BPJS. Which documents: `CLAIM_DOCUMENT_RULES` (issue 17's list for heirs;
 *   the marriage book only when the heir is the spouse; a JKK claim adds the accident report, and
 *   a participant who survived the accident claims with their own KTP and a doctor's statement).
 * - Days are whole calendar days: opened today is 0 days open. A paid or rejected case stops
 *   counting on the day it closed. A case is stalled when it has been more than `thresholdDays`
 *   (30) days in one open status: 31 days is stalled, 30 is not.
 *
 * Who may act (`canHandleClaim`): the operator and supervisor of the participant's kecamatan
 * office; supervisors and admins of a district-wide office anywhere; verifiers never. The office
 * is the one whose jurisdiction applies, as the server decides it (`participantCallerOf`: a
 * kecamatan office's PC is that kecamatan's, whoever signs in).
 */
import { parseIsoDate } from '../dates/calendar-date'
import type { OfficeKind, Role } from '../sync/roles'
import {
  claimRefusalMessage,
  type ClaimProblem,
  type ClaimProblemCode,
  type ClaimRefusal,
} from './claim-messages'

export const CLAIM_KINDS = ['jkm', 'jkk'] as const
export type ClaimKind = (typeof CLAIM_KINDS)[number]

export const CLAIM_STATUSES = [
  'dilaporkan',
  'berkas-lengkap',
  'diajukan',
  'dibayar',
  'ditolak',
] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

/** Statuses in which nothing more is expected: the days stop, and the case cannot stall. */
export const CLOSED_CLAIM_STATUSES: readonly ClaimStatus[] = ['dibayar', 'ditolak']

/** The diagram in the header: from each status, where a case may go next. */
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  dilaporkan: ['berkas-lengkap'],
  'berkas-lengkap': ['diajukan', 'dilaporkan'],
  diajukan: ['dibayar', 'ditolak'],
  dibayar: [],
  ditolak: ['dilaporkan'],
}

export const CLAIM_DOCUMENT_CODES = [
  'kartu-peserta',
  'ktp-ahli-waris',
  'akta-kematian',
  'kartu-keluarga',
  'surat-keterangan-ahli-waris',
  'buku-nikah',
  'buku-tabungan',
  'ktp-peserta',
  'laporan-kecelakaan',
  'surat-keterangan-dokter',
] as const
export type ClaimDocumentCode = (typeof CLAIM_DOCUMENT_CODES)[number]

/** Who claims: the heirs when the participant died, else the participant (a JKK accident survived). */
export type Claimant = 'ahli-waris' | 'peserta'

export interface ClaimDocumentRule {
  code: ClaimDocumentCode
  kinds: readonly ClaimKind[]
  claimants: readonly Claimant[]
  /** Only when the heir is the participant's spouse: the marriage book proves the marriage. */
  spouseHeirOnly?: true
}

/** Which documents a claim needs, in the order the checklist shows them. */
export const CLAIM_DOCUMENT_RULES: readonly ClaimDocumentRule[] = [
  { code: 'kartu-peserta', kinds: ['jkm', 'jkk'], claimants: ['ahli-waris', 'peserta'] },
  { code: 'ktp-ahli-waris', kinds: ['jkm', 'jkk'], claimants: ['ahli-waris'] },
  { code: 'ktp-peserta', kinds: ['jkk'], claimants: ['peserta'] },
  { code: 'akta-kematian', kinds: ['jkm', 'jkk'], claimants: ['ahli-waris'] },
  { code: 'kartu-keluarga', kinds: ['jkm', 'jkk'], claimants: ['ahli-waris'] },
  { code: 'surat-keterangan-ahli-waris', kinds: ['jkm', 'jkk'], claimants: ['ahli-waris'] },
  {
    code: 'buku-nikah',
    kinds: ['jkm', 'jkk'],
    claimants: ['ahli-waris'],
    spouseHeirOnly: true,
  },
  { code: 'laporan-kecelakaan', kinds: ['jkk'], claimants: ['ahli-waris', 'peserta'] },
  { code: 'surat-keterangan-dokter', kinds: ['jkk'], claimants: ['peserta'] },
  // The heir's account when the participant died, else the participant's.
  { code: 'buku-tabungan', kinds: ['jkm', 'jkk'], claimants: ['ahli-waris', 'peserta'] },
]

/**
 * district.json `heirRelationships` codes that name a spouse. The district's list has one
 * ('suami-istri'); a district that adds another passes its codes in `ClaimOptions`.
 */
export const DEFAULT_SPOUSE_RELATIONSHIP_CODES: readonly string[] = ['suami-istri']

export interface ClaimOptions {
  spouseRelationshipCodes?: readonly string[]
}

export interface ClaimHeir {
  name: string
  /** A code of district.json `heirRelationships`; the caller checks it against the district. */
  relationshipCode: string
  /**
   * Which heir on the participant's record this is (0: the heir named at registration); absent
   * when the heir claiming is not on record and was named when the case opened.
   */
  recordIndex?: number
}

export type ClaimDocumentState = 'received' | 'missing'

export interface ClaimDocument {
  code: ClaimDocumentCode
  state: ClaimDocumentState
  /** YYYY-MM-DD: the day it was received, or the day it was noted missing (the case's opening). */
  on: string
}

interface StepBase {
  /** YYYY-MM-DD */
  on: string
  /** Who recorded it (display name); the server records the account too. */
  by: string
}

export type ClaimStep =
  /** Reported (first step), or back to reported: then `note` says why. */
  | (StepBase & { status: 'dilaporkan'; note?: string })
  | (StepBase & { status: 'berkas-lengkap'; note?: string })
  | (StepBase & { status: 'diajukan'; amountClaimed?: number; note?: string })
  | (StepBase & { status: 'dibayar'; amountPaid: number; note?: string })
  | (StepBase & { status: 'ditolak'; reason: string })

export interface ClaimCase {
  /** A UUID made offline. */
  id: string
  participantId: string
  /** The participant's kecamatan (Kemendagri code, '64.02.06'): whose list the case is on. */
  kecamatanCode: string
  kind: ClaimKind
  /** JKM: the date of death; JKK: the date of the accident. */
  eventOn: string
  /** The participant died (always for JKM; for JKK, an accident that killed them). */
  died: boolean
  /** YYYY-MM-DD: the day the death or accident was reported to the office. */
  openedOn: string
  /** Who claims for a participant who died; absent when the participant claims (JKK, alive). */
  heir?: ClaimHeir
  documents: ClaimDocument[]
  /** Oldest first; the first step is `dilaporkan` on `openedOn`; the last is the status now. */
  history: ClaimStep[]
}

export type ClaimResult = { ok: true; claim: ClaimCase } | { ok: false; problem: ClaimProblem }

export const MAX_CLAIM_AMOUNT = 10_000_000_000
export const MAX_HEIRS_ON_RECORD = 10
export const MAX_CLAIM_HISTORY = 100
/** Claim cases on one record: a death and an accident or two are the most a person has. */
export const MAX_CLAIMS_PER_RECORD = 10
const MAX_NAME = 100
const MAX_BY = 120
const MAX_NOTE = 300
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const KECAMATAN_CODE = /^\d{2}\.\d{2}\.\d{2}$/
const OPTION_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

// ---------------------------------------------------------------------------------------------
// Reading a case

export const claimStatusOf = (claim: Pick<ClaimCase, 'history'>): ClaimStatus =>
  lastStep(claim).status

function lastStep(claim: Pick<ClaimCase, 'history'>): ClaimStep {
  const last = claim.history.at(-1)
  // parseClaimCase and openClaimCase never make an empty history; a hand-made one is a bug.
  if (!last) throw new RangeError('a claim case without history')
  return last
}

export const isClosedStatus = (status: ClaimStatus): boolean =>
  CLOSED_CLAIM_STATUSES.includes(status)

const claimantOf = (died: boolean): Claimant => (died ? 'ahli-waris' : 'peserta')

/** The documents a claim in this situation needs, in checklist order. */
export function requiredDocuments(
  situation: { kind: ClaimKind; died: boolean; heirRelationshipCode?: string | undefined },
  options: ClaimOptions = {},
): ClaimDocumentCode[] {
  const spouseCodes = options.spouseRelationshipCodes ?? DEFAULT_SPOUSE_RELATIONSHIP_CODES
  const claimant = claimantOf(situation.died)
  const isSpouse =
    situation.heirRelationshipCode !== undefined &&
    spouseCodes.includes(situation.heirRelationshipCode)
  return CLAIM_DOCUMENT_RULES.filter(
    (rule) =>
      rule.kinds.includes(situation.kind) &&
      rule.claimants.includes(claimant) &&
      (!rule.spouseHeirOnly || (claimant === 'ahli-waris' && isSpouse)),
  ).map((rule) => rule.code)
}

const requiredFor = (claim: Pick<ClaimCase, 'kind' | 'died' | 'heir'>, options: ClaimOptions) =>
  requiredDocuments(
    { kind: claim.kind, died: claim.died, heirRelationshipCode: claim.heir?.relationshipCode },
    options,
  )

/** Required documents not received yet, in checklist order. */
export function missingDocuments(
  claim: Pick<ClaimCase, 'kind' | 'died' | 'heir' | 'documents'>,
  options: ClaimOptions = {},
): ClaimDocumentCode[] {
  const received = new Set(
    claim.documents.filter((entry) => entry.state === 'received').map((entry) => entry.code),
  )
  return requiredFor(claim, options).filter((code) => !received.has(code))
}

export interface ClaimSummary {
  status: ClaimStatus
  /** The day the case entered its current status. */
  since: string
  /** From the latest submission, when it named an amount. */
  amountClaimed?: number
  amountPaid?: number
  paidOn?: string
  /** BPJS's reason, while the case stands rejected. */
  rejectionReason?: string
  /** How many times BPJS rejected the case (reopened ones included). */
  rejections: number
}

/** The figures the list and the case screen show, read from the history. */
export function claimSummary(claim: Pick<ClaimCase, 'history'>): ClaimSummary {
  const last = lastStep(claim)
  const submitted = claim.history.filter((step) => step.status === 'diajukan').at(-1)
  return {
    status: last.status,
    since: last.on,
    ...(submitted?.status === 'diajukan' && submitted.amountClaimed !== undefined
      ? { amountClaimed: submitted.amountClaimed }
      : {}),
    ...(last.status === 'dibayar' ? { amountPaid: last.amountPaid, paidOn: last.on } : {}),
    ...(last.status === 'ditolak' ? { rejectionReason: last.reason } : {}),
    rejections: claim.history.filter((step) => step.status === 'ditolak').length,
  }
}

/**
 * Whole days from 0001-01-01 (days-from-civil on the proleptic Gregorian calendar): no `Date`,
 * so no time zone and no year-0–99 quirk can move a day.
 */
function dayNumber(isoDate: string): number {
  const date = parseIsoDate(isoDate)
  if (!date) throw new RangeError(`not a date: ${isoDate}`)
  const year = date.month <= 2 ? date.year - 1 : date.year
  const era = Math.floor(year / 400)
  const yearOfEra = year - era * 400
  const shiftedMonth = (date.month + 9) % 12
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + date.day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Throws on a date not real. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

/** Days since the case was opened; a closed case counts to the day it closed. Never negative. */
export function daysOpen(claim: Pick<ClaimCase, 'openedOn' | 'history'>, today: string): number {
  const last = lastStep(claim)
  const end = isClosedStatus(last.status) ? last.on : today
  return Math.max(0, daysBetween(claim.openedOn, end))
}

/** Days in the current status. Never negative. */
export function daysInStatus(claim: Pick<ClaimCase, 'history'>, today: string): number {
  return Math.max(0, daysBetween(lastStep(claim).on, today))
}

export const DEFAULT_STALLED_AFTER_DAYS = 30

/** Open, and more than `thresholdDays` in the same status. */
export function isStalled(
  claim: Pick<ClaimCase, 'history'>,
  today: string,
  thresholdDays: number = DEFAULT_STALLED_AFTER_DAYS,
): boolean {
  return !isClosedStatus(claimStatusOf(claim)) && daysInStatus(claim, today) > thresholdDays
}

/**
 * The kecamatan's claims list: stalled cases first, then the other open ones, then the closed;
 * within each, the oldest report first (the family waiting longest), then by id so every PC shows
 * the same order. Returns a new array.
 */
export function sortForKecamatanList<T extends Pick<ClaimCase, 'id' | 'openedOn' | 'history'>>(
  claims: readonly T[],
  today: string,
  thresholdDays: number = DEFAULT_STALLED_AFTER_DAYS,
): T[] {
  const rank = (claim: T) =>
    isStalled(claim, today, thresholdDays) ? 0 : isClosedStatus(claimStatusOf(claim)) ? 2 : 1
  return claims
    .map((claim) => ({ claim, rank: rank(claim) }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        a.claim.openedOn.localeCompare(b.claim.openedOn) ||
        (a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0),
    )
    .map((entry) => entry.claim)
}

// ---------------------------------------------------------------------------------------------
// Checking the parts

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max

const isAmount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= MAX_CLAIM_AMOUNT

const isDate = (value: unknown): value is string => parseIsoDate(value) !== null

/** Keys outside `allowed`: a misspelt `amountpaid` must not pass as a step without an amount. */
const unknownKey = (value: Record<string, unknown>, allowed: readonly string[]) =>
  Object.keys(value).find((key) => !allowed.includes(key))

/** The heir as given, trimmed, or the field at fault. */
function readHeir(value: unknown): { heir: ClaimHeir } | { field: string } {
  if (!isRecord(value) || unknownKey(value, ['name', 'relationshipCode', 'recordIndex'])) {
    return { field: 'heir' }
  }
  const { name, relationshipCode, recordIndex } = value
  if (!isText(name, MAX_NAME)) return { field: 'heir.name' }
  if (
    typeof relationshipCode !== 'string' ||
    relationshipCode.length > 40 ||
    !OPTION_CODE.test(relationshipCode)
  ) {
    return { field: 'heir.relationshipCode' }
  }
  if (
    recordIndex !== undefined &&
    (typeof recordIndex !== 'number' ||
      !Number.isInteger(recordIndex) ||
      recordIndex < 0 ||
      recordIndex >= MAX_HEIRS_ON_RECORD)
  ) {
    return { field: 'heir.recordIndex' }
  }
  return {
    heir: {
      name: name.trim(),
      relationshipCode,
      ...(recordIndex === undefined ? {} : { recordIndex }),
    },
  }
}

const STEP_KEYS: Readonly<Record<ClaimStatus, readonly string[]>> = {
  dilaporkan: ['status', 'on', 'by', 'note'],
  'berkas-lengkap': ['status', 'on', 'by', 'note'],
  diajukan: ['status', 'on', 'by', 'amountClaimed', 'note'],
  dibayar: ['status', 'on', 'by', 'amountPaid', 'note'],
  ditolak: ['status', 'on', 'by', 'reason'],
}

/**
 * One step as given, trimmed, or the problem with it. `isReturn`: a step back to `dilaporkan`,
 * which must say why.
 */
function readStep(
  value: unknown,
  isReturn: boolean,
): { step: ClaimStep } | { field: string; code: ClaimProblemCode } {
  const invalid = (field: string, code: ClaimProblemCode = 'CASE_INPUT_INVALID') => ({
    field,
    code,
  })
  if (!isRecord(value)) return invalid('step')
  const { status, on, by, note, amountClaimed, amountPaid, reason } = value
  if (typeof status !== 'string' || !(CLAIM_STATUSES as readonly string[]).includes(status)) {
    return invalid('status')
  }
  const known = status as ClaimStatus
  const extra = unknownKey(value, STEP_KEYS[known])
  if (extra !== undefined) return invalid(extra)
  if (!isDate(on)) return invalid('on', 'DATE_INVALID')
  if (!isText(by, MAX_BY)) return invalid('by')
  if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE)) {
    return invalid('note', isReturn ? 'NOTE_REQUIRED' : 'CASE_INPUT_INVALID')
  }
  const trimmedNote = typeof note === 'string' ? note.trim() : ''
  const noteField = trimmedNote === '' ? {} : { note: trimmedNote }
  const base = { on, by: by.trim() }
  switch (known) {
    case 'dilaporkan':
      if (isReturn && trimmedNote === '') return invalid('note', 'NOTE_REQUIRED')
      return { step: { status: known, ...base, ...noteField } }
    case 'berkas-lengkap':
      return { step: { status: known, ...base, ...noteField } }
    case 'diajukan':
      if (amountClaimed !== undefined && !isAmount(amountClaimed)) {
        return invalid('amountClaimed', 'AMOUNT_INVALID')
      }
      return {
        step: {
          status: known,
          ...base,
          ...(amountClaimed === undefined ? {} : { amountClaimed }),
          ...noteField,
        },
      }
    case 'dibayar':
      if (!isAmount(amountPaid)) return invalid('amountPaid', 'AMOUNT_INVALID')
      return { step: { status: known, ...base, amountPaid, ...noteField } }
    case 'ditolak':
      if (!isText(reason, MAX_NOTE)) return invalid('reason', 'REASON_REQUIRED')
      return { step: { status: known, ...base, reason: reason.trim() } }
  }
}

const problemOf = (code: ClaimProblemCode, field: string): ClaimProblem => {
  switch (code) {
    case 'CASE_INPUT_INVALID':
    case 'DATE_INVALID':
      return { code, params: { field } }
    case 'AMOUNT_INVALID':
      return { code, params: { max: MAX_CLAIM_AMOUNT } }
    default:
      return { code }
  }
}

// ---------------------------------------------------------------------------------------------
// Changing a case

export interface OpenClaimInput {
  id: string
  participantId: string
  kecamatanCode: string
  kind: ClaimKind
  eventOn: string
  /** JKM: always (may be left out); JKK: whether the accident killed the participant. */
  died?: boolean
  openedOn: string
  by: string
  heir?: ClaimHeir
  note?: string
}

/**
 * A new case, status `dilaporkan` on `openedOn`, every required document missing. Refused when
 * the report is dated in the future or before the event itself.
 */
export function openClaimCase(
  input: OpenClaimInput,
  today: string,
  options: ClaimOptions = {},
): ClaimResult {
  const invalid = (field: string): ClaimResult => ({
    ok: false,
    problem: { code: 'CASE_INPUT_INVALID', params: { field } },
  })
  if (!isDate(today)) return { ok: false, problem: problemOf('DATE_INVALID', 'today') }
  if (typeof input.id !== 'string' || !UUID.test(input.id)) return invalid('id')
  if (typeof input.participantId !== 'string' || !UUID.test(input.participantId)) {
    return invalid('participantId')
  }
  if (typeof input.kecamatanCode !== 'string' || !KECAMATAN_CODE.test(input.kecamatanCode)) {
    return invalid('kecamatanCode')
  }
  if (!(CLAIM_KINDS as readonly unknown[]).includes(input.kind)) return invalid('kind')
  const died = input.died ?? input.kind === 'jkm'
  if (typeof died !== 'boolean') return invalid('died')
  if (input.kind === 'jkm' && !died) return { ok: false, problem: { code: 'JKM_NEEDS_DEATH' } }
  if (!isDate(input.eventOn)) return { ok: false, problem: problemOf('DATE_INVALID', 'eventOn') }
  if (!isDate(input.openedOn)) return { ok: false, problem: problemOf('DATE_INVALID', 'openedOn') }
  for (const date of [input.eventOn, input.openedOn]) {
    if (date > today) return { ok: false, problem: { code: 'DATE_IN_FUTURE', params: { date } } }
  }
  if (input.openedOn < input.eventOn) {
    return { ok: false, problem: { code: 'OPENED_BEFORE_EVENT', params: { date: input.openedOn } } }
  }
  const heir = checkHeir(input.heir, died)
  if ('problem' in heir) return { ok: false, problem: heir.problem }
  const first = readStep(
    { status: 'dilaporkan', on: input.openedOn, by: input.by, note: input.note },
    false,
  )
  if ('field' in first) return { ok: false, problem: problemOf(first.code, first.field) }
  const claim: ClaimCase = {
    id: input.id.toLowerCase(),
    participantId: input.participantId.toLowerCase(),
    kecamatanCode: input.kecamatanCode,
    kind: input.kind,
    eventOn: input.eventOn,
    died,
    openedOn: input.openedOn,
    ...(heir.heir ? { heir: heir.heir } : {}),
    documents: [],
    history: [first.step],
  }
  claim.documents = requiredFor(claim, options).map((code) => ({
    code,
    state: 'missing',
    on: input.openedOn,
  }))
  return { ok: true, claim }
}

function checkHeir(
  value: ClaimHeir | undefined,
  died: boolean,
): { heir: ClaimHeir | null } | { problem: ClaimProblem } {
  if (!died)
    return value === undefined ? { heir: null } : { problem: { code: 'HEIR_NOT_EXPECTED' } }
  if (value === undefined) return { problem: { code: 'HEIR_REQUIRED' } }
  const read = readHeir(value)
  return 'field' in read ? { problem: { code: 'HEIR_INVALID' } } : { heir: read.heir }
}

function whileReported(claim: ClaimCase): ClaimProblem | null {
  const status = claimStatusOf(claim)
  return status === 'dilaporkan' ? null : { code: 'DOCUMENTS_LOCKED', params: { status } }
}

function checkChangeDate(claim: ClaimCase, on: string, today: string): ClaimProblem | null {
  if (!isDate(today)) return problemOf('DATE_INVALID', 'today')
  if (!isDate(on)) return problemOf('DATE_INVALID', 'on')
  if (on > today) return { code: 'DATE_IN_FUTURE', params: { date: on } }
  if (on < claim.openedOn) return { code: 'DATE_BEFORE_OPENED', params: { date: on } }
  return null
}

/** Records a document received (or found missing again) on `on`. Only while `dilaporkan`. */
export function withDocument(
  claim: ClaimCase,
  change: { code: ClaimDocumentCode; state: ClaimDocumentState; on: string },
  today: string,
): ClaimResult {
  const problem = whileReported(claim) ?? checkChangeDate(claim, change.on, today)
  if (problem) return { ok: false, problem }
  if (change.state !== 'received' && change.state !== 'missing') {
    return { ok: false, problem: problemOf('CASE_INPUT_INVALID', 'state') }
  }
  if (!claim.documents.some((entry) => entry.code === change.code)) {
    return {
      ok: false,
      problem: { code: 'DOCUMENT_NOT_ON_CHECKLIST', params: { document: String(change.code) } },
    }
  }
  return {
    ok: true,
    claim: {
      ...claim,
      documents: claim.documents.map((entry) =>
        entry.code === change.code
          ? { code: entry.code, state: change.state, on: change.on }
          : entry,
      ),
    },
  }
}

/**
 * Another heir claims (or the heir's details are corrected). Only while `dilaporkan`. The
 * checklist follows: a document still needed keeps its state; one newly needed (the marriage book
 * for a spouse) is missing from `on`; one no longer needed leaves the list.
 */
export function withHeir(
  claim: ClaimCase,
  heir: ClaimHeir,
  on: string,
  today: string,
  options: ClaimOptions = {},
): ClaimResult {
  const problem = whileReported(claim) ?? checkChangeDate(claim, on, today)
  if (problem) return { ok: false, problem }
  const checked = checkHeir(heir, claim.died)
  if ('problem' in checked) return { ok: false, problem: checked.problem }
  const next: ClaimCase = { ...claim, ...(checked.heir ? { heir: checked.heir } : {}) }
  const kept = new Map(claim.documents.map((entry) => [entry.code, entry]))
  next.documents = requiredFor(next, options).map(
    (code) => kept.get(code) ?? { code, state: 'missing', on },
  )
  return { ok: true, claim: next }
}

/** The statuses the case may move to now (the screen offers these). */
export function allowedNextStatuses(claim: Pick<ClaimCase, 'history'>): readonly ClaimStatus[] {
  return CLAIM_TRANSITIONS[claimStatusOf(claim)]
}

/**
 * Moves the case by one step of the diagram. The step's date is not in the future, not before
 * the last step; `berkas-lengkap` needs every required document received.
 */
export function moveClaim(
  claim: ClaimCase,
  step: ClaimStep,
  today: string,
  options: ClaimOptions = {},
): ClaimResult {
  const from = claimStatusOf(claim)
  const to = isRecord(step) ? step.status : undefined
  if (typeof to !== 'string' || !CLAIM_TRANSITIONS[from].includes(to as ClaimStatus)) {
    return { ok: false, problem: { code: 'MOVE_NOT_ALLOWED', params: { from, to: String(to) } } }
  }
  const read = readStep(step, to === 'dilaporkan')
  if ('field' in read) return { ok: false, problem: problemOf(read.code, read.field) }
  const dateProblem = checkChangeDate(claim, read.step.on, today)
  if (dateProblem) return { ok: false, problem: dateProblem }
  const last = lastStep(claim)
  if (read.step.on < last.on) {
    return {
      ok: false,
      problem: { code: 'DATE_BEFORE_LAST_STEP', params: { date: read.step.on, last: last.on } },
    }
  }
  if (to === 'berkas-lengkap') {
    const missing = missingDocuments(claim, options)
    if (missing.length > 0) {
      return {
        ok: false,
        problem: { code: 'DOCUMENTS_INCOMPLETE', params: { count: missing.length } },
      }
    }
    // The file is complete on the day its last document came in, not before.
    const lastReceived = claim.documents.reduce(
      (latest, entry) => (entry.on > latest ? entry.on : latest),
      '',
    )
    if (read.step.on < lastReceived) {
      return {
        ok: false,
        problem: {
          code: 'DATE_BEFORE_DOCUMENT',
          params: { date: read.step.on, last: lastReceived },
        },
      }
    }
  }
  return { ok: true, claim: { ...claim, history: [...claim.history, read.step] } }
}

// ---------------------------------------------------------------------------------------------
// A case from anywhere

const CASE_KEYS = [
  'id',
  'participantId',
  'kecamatanCode',
  'kind',
  'eventOn',
  'died',
  'openedOn',
  'heir',
  'documents',
  'history',
] as const

/**
 * A case from the network, another PC or the store: every field checked, and the case as a whole
 * (the history follows the diagram with dates in order from the opening; the checklist is exactly
 * the required documents; outside `dilaporkan` every one of them is received), or the field at
 * fault. Unknown keys are refused. The heir's relationship code is checked against the district
 * by the caller, as payer codes are.
 */
export function parseClaimCase(
  input: unknown,
  options: ClaimOptions = {},
): { ok: true; claim: ClaimCase } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason })
  if (!isRecord(input)) return fail('not an object')
  const extra = unknownKey(input, CASE_KEYS)
  if (extra !== undefined) return fail(`unknown key ${extra}`)
  const { id, participantId, kecamatanCode, kind, eventOn, died, openedOn, heir } = input
  if (typeof id !== 'string' || !UUID.test(id)) return fail('id')
  if (typeof participantId !== 'string' || !UUID.test(participantId)) return fail('participantId')
  if (typeof kecamatanCode !== 'string' || !KECAMATAN_CODE.test(kecamatanCode)) {
    return fail('kecamatanCode')
  }
  if (typeof kind !== 'string' || !(CLAIM_KINDS as readonly string[]).includes(kind)) {
    return fail('kind')
  }
  const claimKind = kind as ClaimKind
  if (typeof died !== 'boolean' || (claimKind === 'jkm' && !died)) return fail('died')
  if (!isDate(eventOn)) return fail('eventOn')
  if (!isDate(openedOn) || openedOn < eventOn) return fail('openedOn')
  let claimHeir: ClaimHeir | undefined
  if (died) {
    const read = readHeir(heir)
    if ('field' in read) return fail(read.field)
    claimHeir = read.heir
  } else if (heir !== undefined) {
    return fail('heir')
  }

  if (!Array.isArray(input.history) || input.history.length === 0) return fail('history')
  if (input.history.length > MAX_CLAIM_HISTORY) return fail('history')
  const history: ClaimStep[] = []
  for (const [index, entry] of input.history.entries()) {
    const previous = history.at(-1)
    const read = readStep(entry, previous !== undefined)
    if ('field' in read) return fail(`history[${index}].${read.field}`)
    const { step } = read
    if (previous === undefined) {
      if (step.status !== 'dilaporkan' || step.on !== openedOn) return fail('history[0]')
    } else if (!CLAIM_TRANSITIONS[previous.status].includes(step.status)) {
      return fail(`history[${index}].status`)
    } else if (step.on < previous.on) {
      return fail(`history[${index}].on`)
    }
    history.push(step)
  }

  const situation = { kind: claimKind, died, heir: claimHeir }
  const required = requiredFor(situation, options)
  if (!Array.isArray(input.documents) || input.documents.length !== required.length) {
    return fail('documents')
  }
  const documents: ClaimDocument[] = []
  for (const [index, entry] of input.documents.entries()) {
    if (!isRecord(entry) || unknownKey(entry, ['code', 'state', 'on'])) {
      return fail(`documents[${index}]`)
    }
    const { code, state, on } = entry
    if (typeof code !== 'string' || !required.includes(code as ClaimDocumentCode)) {
      return fail(`documents[${index}].code`)
    }
    if (documents.some((document) => document.code === code)) {
      return fail(`documents[${index}].code`)
    }
    if (state !== 'received' && state !== 'missing') return fail(`documents[${index}].state`)
    if (!isDate(on) || on < openedOn) return fail(`documents[${index}].on`)
    documents.push({ code: code as ClaimDocumentCode, state, on })
  }
  const status = history.at(-1)?.status
  if (status !== 'dilaporkan') {
    // The file BPJS holds: complete, and unchanged since it was declared complete.
    const declared = history.filter((step) => step.status === 'berkas-lengkap').at(-1)
    const frozen = documents.every(
      (document) => document.state === 'received' && declared && document.on <= declared.on,
    )
    if (!frozen) return fail('documents')
  }
  return {
    ok: true,
    claim: {
      id: id.toLowerCase(),
      participantId: participantId.toLowerCase(),
      kecamatanCode,
      kind: claimKind,
      eventOn,
      died,
      openedOn,
      ...(claimHeir ? { heir: claimHeir } : {}),
      documents,
      history,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Who may act

export type ClaimAction =
  /** Open a case from a death or accident report. */
  | 'open'
  /** Change the heir or the checklist. */
  | 'update'
  /** Move the case along the diagram (including back to `dilaporkan` before submission). */
  | 'move'
  /** Reopen a case BPJS rejected. */
  | 'reopen'

export interface ClaimActor {
  role: Role
  /** The office whose jurisdiction applies: the PC's when it is a kecamatan office, else the user's. */
  office: { kind: OfficeKind; kecamatanCode: string | null }
}

export type ClaimVerdict =
  { allowed: true } | { allowed: false; code: ClaimRefusal; message: { id: string; en: string } }

const refuse = (code: ClaimRefusal): ClaimVerdict => ({
  allowed: false,
  code,
  message: claimRefusalMessage(code),
})
const ALLOWED: ClaimVerdict = { allowed: true }

/** Which action a move from `from` to `to` is: reopening a rejection, or an ordinary move. */
export const actionOfMove = (from: ClaimStatus, to: ClaimStatus): ClaimAction =>
  from === 'ditolak' && to === 'dilaporkan' ? 'reopen' : 'move'

/**
 * May `actor` do `action` on a claim of a participant living in `participantKecamatanCode`?
 * Pure: the same answer on every PC and on the server.
 */
export function canHandleClaim(
  actor: ClaimActor,
  participantKecamatanCode: string,
  action: ClaimAction,
): ClaimVerdict {
  const { role, office } = actor
  if (role === 'verifier') return refuse('VERIFIER_CANNOT_HANDLE_CLAIMS')
  const isSupervisor = role === 'supervisor' || role === 'admin'
  if (action === 'reopen' && !isSupervisor) return refuse('ONLY_SUPERVISOR_REOPENS')
  if (office.kind === 'kecamatan') {
    // A kecamatan office without a kecamatan would reach everyone: refuse instead (as the server).
    if (!office.kecamatanCode) return refuse('OFFICE_WITHOUT_KECAMATAN')
    return office.kecamatanCode === participantKecamatanCode
      ? ALLOWED
      : refuse('NOT_YOUR_KECAMATAN')
  }
  return isSupervisor ? ALLOWED : refuse('OPERATOR_NEEDS_KECAMATAN_OFFICE')
}
