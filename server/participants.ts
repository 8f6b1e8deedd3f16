/**
 * Participant replication: push (validate, authorise, detect conflicts, write, flag duplicates)
 * and pull (by checkpoint). docs/sync.md explains the design; the comments here say why the code
 * is shaped as it is.
 */
import { randomUUID } from 'node:crypto'
import type { District } from '../shared/district/district-config'
import type { DuplicateFlag } from '../shared/participant/participant-document'
import { participantJsonSchema } from '../shared/participant/participant-document'
import { validateParticipantWireDocument } from '../shared/participant/participant-validation'
import { participantWireViolation } from '../shared/validation/wire-validators'
import {
  centralSeriesOfficeCode,
  parseRegistrationNumber,
} from '../shared/participant/registration-number'
import { isExistingMemberSource } from '../shared/coverage/existing-members'
import { payerChangeProblem } from '../shared/coverage/payers'
import { canonicalJson } from '../shared/sync/canonical-json'
import { LEGACY_GENERATION, signedPartOf, type ServerReceipt } from '../shared/sync/receipt'
import { signReceipt } from './receipts'
import { isAppendOnly } from '../shared/cards/print-log'
import { withWorkflowDefaults, workflowProblemOfPush } from '../shared/workflow/workflow-push'
import { attributionProblemOfPush, type PossibleActor } from '../shared/workflow/attribution'
import type { AuditEntry } from '../shared/audit/audit-entry'
import { currentTime, currentTimeMs } from '../shared/dates/clock'
import type {
  OfficeInfo,
  ParticipantWireDocument,
  PullCheckpoint,
  PullResponse,
  PushRejection,
  PushResponse,
  PushRow,
  Role,
} from '../shared/sync/sync-protocol'
import { MAX_PULL_LIMIT, SERVER_RESTORED } from '../shared/sync/sync-protocol'
import { ApiFailure } from './http-kit'
import type { Caller } from './sessions'
import { nikLookupHash, seal, unseal, type DataKeys } from './crypto'
import type { Database, Queryable } from './database'

export const CHANGE_CHANNEL = 'naungan_participant_changes'

/** Payload of the NOTIFY sent by every transaction that changed participants. */
export interface ChangeNotice {
  txid: string
  /** Last (by id) participant the transaction wrote. */
  id: string
  kecamatanCodes: string[]
}

/** Who is pushing or pulling, as far as participants are concerned. */
export interface ParticipantCaller {
  userId: string
  deviceId: string
  role: Role
  /** The office whose jurisdiction applies (participantCallerOf). */
  office: Pick<OfficeInfo, 'kind' | 'kecamatanCode' | 'code'>
  /** The agency a verifier checks for (their own office's); null for everyone else. */
  agency: string | null
}

/**
 * The device decides the jurisdiction: on a kecamatan office's PC it is that kecamatan, whoever
 * signed in (a central admin helping on site must not pull the whole district onto the PC).
 * Elsewhere it is the user's office.
 */
export function participantCallerOf(caller: Caller): ParticipantCaller {
  return {
    userId: caller.userId,
    deviceId: caller.deviceId,
    role: caller.role,
    office: caller.deviceOffice.kind === 'kecamatan' ? caller.deviceOffice : caller.office,
    agency: caller.role === 'verifier' ? caller.office.agencyCode : null,
  }
}

export interface ParticipantSettings {
  keys: DataKeys
  district: District
  /** This database's generation (server/generation.ts): every receipt written names it. */
  generation: string
}

/** `kecamatan` offices see their own kecamatan; district-wide offices see everything. */
export function jurisdictionOf(caller: ParticipantCaller): string | null {
  if (caller.office.kind === 'kecamatan') {
    // A kecamatan office without a kecamatan would see everything: refuse instead.
    if (!caller.office.kecamatanCode) throw new Error('Kecamatan office without kecamatan code')
    return caller.office.kecamatanCode
  }
  return null
}

const SEALED_FIELDS = ['nik', 'kk', 'phone', 'conflicts'] as const
type SealedPart = Pick<ParticipantWireDocument, 'nik' | 'kk' | 'phone' | 'conflicts'>

interface ParticipantRow {
  id: string
  txid: string
  nik_hash: Uint8Array
  doc: Record<string, unknown>
  sealed: Uint8Array
}

const sealContext = (id: string) => `participant:${id}`

function splitDocument(doc: ParticipantWireDocument): {
  clear: Record<string, unknown>
  sealed: SealedPart
} {
  const clear: Record<string, unknown> = { ...doc }
  const sealed: Record<string, unknown> = {}
  for (const field of SEALED_FIELDS) {
    if (clear[field] !== undefined) sealed[field] = clear[field]
    delete clear[field]
  }
  return { clear, sealed: sealed as unknown as SealedPart }
}

/**
 * A stored record as the workflow sees it (old rows get their pending checks), with its receipt:
 * rows written before receipts existed are signed as they are read, in the legacy generation.
 */
export function currentDocumentOf(
  row: Pick<ParticipantRow, 'id' | 'doc' | 'sealed'>,
  settings: ParticipantSettings,
): ParticipantWireDocument {
  const doc = documentOf(row, settings.keys)
  if (!doc.receipt) doc.receipt = receiptFor(doc, settings, { g: LEGACY_GENERATION, n: 0 })
  return withWorkflowDefaults(doc, settings.district.config.verification)
}

export function receiptFor(
  doc: ParticipantWireDocument,
  settings: ParticipantSettings,
  at: { g: string; n: number },
): ServerReceipt {
  return signReceipt(
    settings.keys.receiptKey,
    settings.district.nikRegencyCode,
    doc as unknown as Record<string, unknown>,
    at,
  )
}

/** The document as a new write of this generation: its server-owned receipt replaced. */
export function withNewReceipt(
  doc: ParticipantWireDocument,
  stored: ParticipantWireDocument | undefined,
  settings: ParticipantSettings,
): ParticipantWireDocument {
  const { receipt: _previous, ...rest } = doc
  const next = rest as ParticipantWireDocument
  // The count comes from the stored copy only: a pushed receipt is whatever the PC sent.
  const n = (stored?.receipt?.n ?? 0) + 1
  return { ...next, receipt: receiptFor(next, settings, { g: settings.generation, n }) }
}

function documentOf(
  row: Pick<ParticipantRow, 'id' | 'doc' | 'sealed'>,
  keys: DataKeys,
): ParticipantWireDocument {
  const sealed = JSON.parse(unseal(row.sealed, keys.sealKey, sealContext(row.id))) as SealedPart
  // Rows written before the print log existed (schema v1) have none: an empty log.
  return { prints: [], ...row.doc, ...sealed } as unknown as ParticipantWireDocument
}

/** The document without the server-owned fields (duplicates, receipt), for comparisons. */
export function clientPart(doc: ParticipantWireDocument): string {
  return signedPartOf(doc as unknown as Record<string, unknown>)
}

const REJECT_OUT_OF_JURISDICTION = (id: string): PushRejection => ({
  id,
  code: 'OUT_OF_JURISDICTION',
  message:
    'Peserta ini berada di luar wilayah kecamatan kantor Anda, sehingga tidak dapat dikirim dari perangkat ini.',
})

/** Fields the registering office sets once; an update may not change them. */
const SET_ONCE_FIELDS = {
  registrationNumber: 'nomor pendaftaran',
  officeCode: 'kode kantor',
  createdAt: 'waktu pendaftaran',
  createdBy: 'petugas pendaftar',
} as const

const REJECT_SET_ONCE = (id: string, fields: string[]): PushRejection => ({
  id,
  code: 'SET_ONCE_FIELD_CHANGED',
  message: `Isian yang ditetapkan saat pendaftaran tidak boleh diubah: ${fields.join(', ')}.`,
})

const REJECT_WRONG_OFFICE = (id: string, officeCode: string | null): PushRejection => ({
  id,
  code: 'WRONG_OFFICE_CODE',
  message:
    officeCode === null
      ? 'Kode kantor atau awalan nomor pendaftaran data baru ini tidak sesuai dengan kantor kecamatan yang terdaftar di server.'
      : `Data baru dari perangkat ini harus berkode kantor ${officeCode} dengan nomor pendaftaran berawalan ${officeCode.replace('-', '')}-.`,
})

const REJECT_CONFLICTS_FORBIDDEN = (id: string): PushRejection => ({
  id,
  code: 'CONFLICT_RESOLUTION_FORBIDDEN',
  message:
    'Hanya supervisor atau admin yang boleh menyelesaikan atau mengubah catatan konflik data. Perubahan ini tidak disimpan.',
})

const REJECT_PRINT_LOG_REWRITTEN = (id: string): PushRejection => ({
  id,
  code: 'PRINT_LOG_REWRITTEN',
  message:
    'Riwayat cetak kartu dan stiker tidak boleh diubah atau dihapus, hanya ditambah. Perubahan ini tidak disimpan.',
})

const REJECT_PRINT_OTHER_OFFICE = (id: string, officeCode: string): PushRejection => ({
  id,
  code: 'PRINT_OFFICE_MISMATCH',
  message: `Catatan cetak baru dari perangkat ini harus berkode kantor ${officeCode}. Perubahan ini tidak disimpan.`,
})

/**
 * The print log is append-only, and an office records only its own prints: entries already
 * stored must come back unchanged, and each new entry must carry the caller's office code.
 */
function printLogProblem(
  stored: ParticipantWireDocument | undefined,
  doc: ParticipantWireDocument,
  officeCode: string,
): PushRejection | null {
  if (stored && !isAppendOnly(stored.prints, doc.prints)) return REJECT_PRINT_LOG_REWRITTEN(doc.id)
  const known = new Set((stored?.prints ?? []).map((entry) => `${entry.kind}:${entry.serial}`))
  const foreign = doc.prints.some(
    (entry) => !known.has(`${entry.kind}:${entry.serial}`) && entry.officeCode !== officeCode,
  )
  return foreign ? REJECT_PRINT_OTHER_OFFICE(doc.id, officeCode) : null
}

/**
 * Who pays for each coverage period (shared/coverage/payers.ts): a payer district.json knows, set
 * or changed by a supervisor or admin only. Checked before the workflow so the refusal names the
 * payer rule, not only "coverage is the supervisor's".
 */
function payerProblemOfPush(
  stored: ParticipantWireDocument | undefined,
  doc: ParticipantWireDocument,
  caller: ParticipantCaller,
  district: District,
): PushRejection | null {
  const problem = payerChangeProblem(
    stored,
    doc,
    caller.role,
    new Set(district.config.payers.map((payer) => payer.code)),
    district.defaultPayer.code,
  )
  if (!problem) return null
  return problem.code === 'UNKNOWN_PAYER'
    ? {
        id: doc.id,
        code: 'UNKNOWN_PAYER',
        message: `Sumber dana "${problem.params.payerCode}" tidak dikenal di district.json. Perubahan ini tidak disimpan.`,
      }
    : {
        id: doc.id,
        code: 'PAYER_CHANGE_FORBIDDEN',
        message: `Hanya supervisor atau admin yang boleh menetapkan atau mengubah sumber dana masa kepesertaan ${problem.params.year} (batch ${problem.params.batchId}). Perubahan ini tidak disimpan.`,
      }
}

/** At most this many other records are listed in `duplicates` (participant schema). */
export const MAX_DUPLICATES = participantJsonSchema.properties.duplicates.maxItems

const REJECT_TOO_MANY_DUPLICATES = (id: string): PushRejection => ({
  id,
  code: 'TOO_MANY_DUPLICATES',
  message: `NIK ini sudah dipakai oleh ${MAX_DUPLICATES + 1} data peserta lain, sehingga data ini tidak dapat disimpan. Hubungi supervisor untuk memeriksa data ganda.`,
})

/** The kecamatan office code a registration number belongs to ('0601-000123' → '06-01'). */
/**
 * An existing BPJS member the central office files in a kecamatan's name, in its own series of
 * that kecamatan ('06-99', CENTRAL_SERIES_OFFICE_NUMBER): only the central office, only for
 * records from BPJS's list.
 */
function isCentralSeriesRecord(
  caller: ParticipantCaller,
  doc: ParticipantWireDocument,
  district: District,
): boolean {
  const kecamatan = district.regions.kecamatanByCode(doc.kecamatanCode)
  return (
    caller.office.kind === 'central' &&
    kecamatan !== undefined &&
    isExistingMemberSource(doc.source) &&
    doc.officeCode === centralSeriesOfficeCode(kecamatan.shortCode)
  )
}

function officeCodeOfRegistrationNumber(registrationNumber: string): string | null {
  const parsed = parseRegistrationNumber(registrationNumber)
  // Only the printed form is stored: one number, one spelling.
  if (!parsed.ok || parsed.registrationNumber !== registrationNumber) return null
  return `${parsed.kecamatanShortCode}-${String(parsed.officeNumber).padStart(2, '0')}`
}

/**
 * True when `next` drops or alters an entry of `stored` (compared whole, as a multiset). Adding
 * entries is what every client's merge does; removing one is a supervisor's decision.
 */
function removesConflictEntries(
  stored: ParticipantWireDocument['conflicts'],
  next: ParticipantWireDocument['conflicts'],
): boolean {
  const counts = new Map<string, number>()
  for (const entry of next) {
    const key = canonicalJson(entry)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  for (const entry of stored) {
    const key = canonicalJson(entry)
    const left = counts.get(key) ?? 0
    if (left === 0) return true
    counts.set(key, left - 1)
  }
  return false
}

/**
 * The assumed state is only compared, never stored, but it is untrusted JSON: one that does not
 * have the document's shape (a deeply nested value would overflow the comparison's stack) counts
 * as missing, so the row becomes a conflict and the client gets the real server copy. Only the
 * shape is checked: a stored copy written under older rules must still be a usable assumed state.
 */
function wellFormedAssumedState(row: PushRow): ParticipantWireDocument | undefined {
  const assumed: unknown = row.assumedMasterState
  if (assumed === undefined || participantWireViolation(assumed) !== null) {
    return undefined
  }
  return assumed as ParticipantWireDocument
}

/** Advisory-lock key of a NIK hash: its first 8 bytes as a signed bigint. */
const nikLockKey = (hashHex: string) => Buffer.from(hashHex, 'hex').readBigInt64BE(0).toString()

/**
 * Takes the transaction-scoped advisory lock of every NIK hash not held yet, in sorted order.
 * Pushes that touch one NIK therefore run their duplicate check one after the other: under READ
 * COMMITTED the later one sees the earlier one's committed rows and flags both.
 */
async function lockNikHashes(tx: Queryable, hashesHex: Iterable<string>, held: Set<string>) {
  const wanted = [...new Set(hashesHex)].filter((hex) => !held.has(hex)).sort()
  if (wanted.length === 0) return
  await tx.query('SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k', [
    wanted.map(nikLockKey),
  ])
  for (const hex of wanted) held.add(hex)
}

interface ParsedRow {
  row: PushRow
  doc: ParticipantWireDocument
  assumed: ParticipantWireDocument | undefined
}

/**
 * Applies a push in the given transaction. Rows are validated before anything is written;
 * pushParticipants wraps this in one transaction, so a crash leaves nothing half-applied. Exported
 * for tests that hold a push transaction open themselves (the concurrency proof).
 */
export async function applyPush(
  tx: Queryable,
  caller: ParticipantCaller,
  rows: PushRow[],
  settings: ParticipantSettings,
): Promise<PushResponse & { notice: ChangeNotice | null }> {
  const jurisdiction = jurisdictionOf(caller)
  const rejected: PushRejection[] = []
  const conflicts: ParticipantWireDocument[] = []
  const accepted: ParsedRow[] = []

  for (const row of rows) {
    const id = row.newDocumentState.id
    const result = validateParticipantWireDocument(row.newDocumentState, {
      district: settings.district,
    })
    if (!result.ok) {
      rejected.push({ id, code: result.code, message: result.message })
      continue
    }
    if (jurisdiction !== null && result.document.kecamatanCode !== jurisdiction) {
      rejected.push(REJECT_OUT_OF_JURISDICTION(id))
      continue
    }
    accepted.push({
      row,
      doc: withWorkflowDefaults(result.document, settings.district.config.verification),
      assumed: wellFormedAssumedState(row),
    })
  }

  const hashHexOf = (nik: string) => nikLookupHash(nik, settings.keys.nikHashKey).toString('hex')
  // NIK locks come first, before any row lock, in one sorted order for every push: the new NIKs
  // and the stored ones (read unlocked here; re-checked below once the rows are locked).
  const ids = [...new Set(accepted.map((entry) => entry.doc.id))].sort()
  const heldNikLocks = new Set<string>()
  const current = new Map<string, ParticipantWireDocument>()
  const storedHashHex = new Map<string, string>()
  if (ids.length > 0) {
    const { rows: before } = await tx.query<{ nik_hash: Uint8Array }>(
      'SELECT nik_hash FROM participants WHERE id = ANY($1::text[])',
      [ids],
    )
    await lockNikHashes(
      tx,
      [
        ...accepted.map((entry) => hashHexOf(entry.doc.nik)),
        ...before.map((row) => Buffer.from(row.nik_hash).toString('hex')),
      ],
      heldNikLocks,
    )
    // Lock every row this push may touch, in id order so concurrent pushes cannot deadlock here.
    const { rows: stored } = await tx.query<ParticipantRow>(
      `SELECT id, txid::text AS txid, nik_hash, doc, sealed FROM participants
       WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      [ids],
    )
    for (const row of stored) {
      current.set(row.id, currentDocumentOf(row, settings))
      storedHashHex.set(row.id, Buffer.from(row.nik_hash).toString('hex'))
    }
    // A NIK changed by a push that committed in between: lock it too (a rare deadlock is retried).
    await lockNikHashes(tx, storedHashHex.values(), heldNikLocks)
  }

  // Live records per NIK, to keep every duplicate group within MAX_DUPLICATES + 1 records.
  const liveCount = new Map<string, number>()
  if (heldNikLocks.size > 0) {
    const { rows: counts } = await tx.query<{ nik_hash: Uint8Array; n: number }>(
      `SELECT nik_hash, count(*)::int AS n FROM participants
       WHERE nik_hash = ANY($1::bytea[]) AND NOT is_deleted GROUP BY nik_hash`,
      [[...heldNikLocks].map((hex) => Buffer.from(hex, 'hex'))],
    )
    for (const row of counts)
      liveCount.set(Buffer.from(row.nik_hash).toString('hex'), Number(row.n))
  }

  // Inserts by a district-wide office must name an existing kecamatan office.
  const kecamatanOffices = new Map<string, string>()
  if (caller.office.kind !== 'kecamatan') {
    const codes = accepted
      .filter((entry) => !current.has(entry.doc.id))
      .map((e) => e.doc.officeCode)
    if (codes.length > 0) {
      const { rows: offices } = await tx.query<{ code: string; kecamatan_code: string }>(
        `SELECT code, kecamatan_code FROM offices
         WHERE kind = 'kecamatan' AND code = ANY($1::text[])`,
        [[...new Set(codes)]],
      )
      for (const office of offices) kecamatanOffices.set(office.code, office.kecamatan_code)
    }
  }

  const written = new Map<string, ParticipantWireDocument>()
  const touchedNikHashes = new Set<string>()
  const pushActor = {
    role: caller.role,
    agency: caller.agency,
    officeCode: caller.office.code,
    office: { kind: caller.office.kind, kecamatanCode: caller.office.kecamatanCode },
    utcOffsetMinutes: settings.district.utcOffsetMinutes,
    heirRelationshipCodes: settings.district.config.heirRelationships.map((entry) => entry.code),
  }
  const people = await possibleActorsOf(tx, caller)
  for (const { doc, assumed } of accepted) {
    const stored = current.get(doc.id)
    if (stored) {
      if (jurisdiction !== null && stored.kecamatanCode !== jurisdiction) {
        rejected.push(REJECT_OUT_OF_JURISDICTION(doc.id))
        continue
      }
      const changed = (Object.keys(SET_ONCE_FIELDS) as (keyof typeof SET_ONCE_FIELDS)[]).filter(
        (field) => stored[field] !== doc[field],
      )
      if (changed.length > 0) {
        rejected.push(
          REJECT_SET_ONCE(
            doc.id,
            changed.map((field) => SET_ONCE_FIELDS[field]),
          ),
        )
        continue
      }
      // A retried push (lost response) finds its own write: nothing to do, and no conflict.
      if (clientPart(stored) === clientPart(doc)) continue
      if (!assumed || clientPart(stored) !== clientPart(assumed)) {
        conflicts.push(stored)
        continue
      }
      // Checked only for a write: a stale edit is a conflict first, and the merge adds entries.
      if (caller.role === 'operator' && removesConflictEntries(stored.conflicts, doc.conflicts)) {
        rejected.push(REJECT_CONFLICTS_FORBIDDEN(doc.id))
        continue
      }
      const printProblem = printLogProblem(stored, doc, caller.office.code)
      if (printProblem) {
        rejected.push(printProblem)
        continue
      }
      const payerProblem = payerProblemOfPush(stored, doc, caller, settings.district)
      if (payerProblem) {
        rejected.push(payerProblem)
        continue
      }
      const workflowProblem = workflowProblemOfPush(
        stored,
        doc,
        pushActor,
        settings.district.config.verification,
      )
      if (workflowProblem) {
        rejected.push({ id: doc.id, ...workflowProblem })
        continue
      }
      const actorProblem = attributionProblemOfPush(stored, doc, people.actors, currentTimeMs())
      if (actorProblem) {
        rejected.push({ id: doc.id, ...actorProblem })
        continue
      }
    } else {
      const registeringOffice = officeCodeOfRegistrationNumber(doc.registrationNumber)
      const isOwnOffice =
        caller.office.kind === 'kecamatan'
          ? doc.officeCode === caller.office.code
          : kecamatanOffices.get(doc.officeCode) === doc.kecamatanCode ||
            isCentralSeriesRecord(caller, doc, settings.district)
      if (!isOwnOffice || registeringOffice !== doc.officeCode) {
        const expected = caller.office.kind === 'kecamatan' ? caller.office.code : null
        rejected.push(REJECT_WRONG_OFFICE(doc.id, expected))
        continue
      }
      const printProblem = printLogProblem(undefined, doc, caller.office.code)
      if (printProblem) {
        rejected.push(printProblem)
        continue
      }
      const payerProblem = payerProblemOfPush(undefined, doc, caller, settings.district)
      if (payerProblem) {
        rejected.push(payerProblem)
        continue
      }
      const workflowProblem = workflowProblemOfPush(
        undefined,
        doc,
        pushActor,
        settings.district.config.verification,
      )
      if (workflowProblem) {
        rejected.push({ id: doc.id, ...workflowProblem })
        continue
      }
      const actorProblem = attributionProblemOfPush(undefined, doc, people.actors, currentTimeMs())
      if (actorProblem) {
        rejected.push({ id: doc.id, ...actorProblem })
        continue
      }
    }
    const hashHex = hashHexOf(doc.nik)
    const previousHex = stored ? storedHashHex.get(doc.id) : undefined
    const wasLiveInGroup = stored !== undefined && !stored._deleted && previousHex === hashHex
    if (!doc._deleted && !wasLiveInGroup && (liveCount.get(hashHex) ?? 0) > MAX_DUPLICATES) {
      rejected.push(REJECT_TOO_MANY_DUPLICATES(doc.id))
      continue
    }
    if (stored && !stored._deleted && previousHex !== undefined) {
      liveCount.set(previousHex, (liveCount.get(previousHex) ?? 1) - 1)
    }
    if (!doc._deleted) liveCount.set(hashHex, (liveCount.get(hashHex) ?? 0) + 1)

    // `duplicates` belongs to the server: whatever the client sent, keep the stored value (it is
    // recomputed below for every NIK this push touched).
    // ... and so does the receipt: signed anew for what is stored now.
    const next = withNewReceipt({ ...doc, duplicates: stored?.duplicates ?? [] }, stored, settings)
    if (previousHex !== undefined) touchedNikHashes.add(previousHex)
    touchedNikHashes.add(hashHex)
    const nikHash = Buffer.from(hashHex, 'hex')
    await writeParticipant(tx, next, nikHash, caller, stored !== undefined, settings.keys.sealKey)
    if (next._deleted !== (stored?._deleted ?? false)) {
      await recordDeletion(tx, next, caller, people.callerName)
    }
    current.set(next.id, next)
    storedHashHex.set(next.id, hashHex)
    written.set(next.id, next)
  }

  const kecamatanCodes = new Set([...written.values()].map((doc) => doc.kecamatanCode))
  const refreshed = await refreshDuplicateFlags(
    tx,
    touchedNikHashes,
    [...written.keys()],
    caller,
    settings,
  )
  for (const doc of refreshed) {
    kecamatanCodes.add(doc.kecamatanCode)
    written.set(doc.id, doc)
  }

  await attachServerDocuments(tx, rejected, written, current, jurisdiction, settings)

  let notice: ChangeNotice | null = null
  if (written.size > 0) {
    const { rows: txRows } = await tx.query<{ txid: string }>(
      'SELECT pg_current_xact_id()::text AS txid',
    )
    notice = {
      txid: txRows[0]?.txid ?? '0',
      id: [...written.keys()].sort().at(-1) ?? '',
      kecamatanCodes: [...kecamatanCodes].sort(),
    }
    // Delivered at COMMIT, to every server process (LISTEN), never for a rolled-back push.
    await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(notice)])
  }
  return { conflicts, rejected, notice }
}

/**
 * The people whose names a push from this caller's PC may carry (shared/workflow/attribution.ts):
 * the users of the PC's office — inactive ones too, whose offline edits may still be waiting on
 * the PC — and the signed-in user (a central admin helping on site). And the signed-in user's
 * own name, for the entries the server writes itself.
 */
async function possibleActorsOf(
  tx: Queryable,
  caller: ParticipantCaller,
): Promise<{ actors: PossibleActor[]; callerName: string }> {
  const { rows } = await tx.query<{ id: string; display_name: string; role: Role }>(
    `SELECT u.id, u.display_name, u.role FROM users u
     WHERE u.id = $2 OR u.office_id = (SELECT office_id FROM devices WHERE id = $1)`,
    [caller.deviceId, caller.userId],
  )
  return {
    actors: rows.map((row) => ({ name: row.display_name, role: row.role })),
    callerName: rows.find((row) => row.id === caller.userId)?.display_name ?? caller.userId,
  }
}

/**
 * Every deletion (and restoration) the server accepts leaves a history entry written by the
 * server itself, in the name of the signed-in user on the pushing PC: a tombstone changes no
 * field a PC's own history would show, and the PC's entry could be left unsent or forged.
 */
async function recordDeletion(
  tx: Queryable,
  doc: ParticipantWireDocument,
  caller: ParticipantCaller,
  callerName: string,
): Promise<void> {
  const entry: AuditEntry = {
    // 'srv-' + a UUID: 40 characters, the id's limit, never one a PC makes (PCs use bare UUIDs).
    id: `srv-${randomUUID()}`,
    participantId: doc.id,
    kind: 'status',
    changes: [{ field: '_deleted', from: String(!doc._deleted), to: String(doc._deleted) }],
    at: currentTime().toISOString(),
    by: callerName,
    role: caller.role,
    officeCode: caller.office.code,
    deviceId: caller.deviceId,
    kecamatanCode: doc.kecamatanCode,
  }
  await tx.query(
    `INSERT INTO audit_entries (id, txid, participant_id, kecamatan_code, kind, entry, at, by,
       role, office_code, device_id, received_by_user)
     VALUES ($1, pg_current_xact_id(), $2, $3, $4, $5::jsonb, $6::timestamptz, $7, $8, $9, $10, $11)`,
    [
      entry.id,
      entry.participantId,
      entry.kecamatanCode,
      entry.kind,
      JSON.stringify(entry),
      entry.at,
      entry.by,
      entry.role,
      entry.officeCode,
      entry.deviceId,
      caller.userId,
    ],
  )
}

export async function writeParticipant(
  tx: Queryable,
  doc: ParticipantWireDocument,
  nikHash: Buffer,
  caller: ParticipantCaller,
  exists: boolean,
  sealKey: Buffer,
): Promise<void> {
  const { clear, sealed } = splitDocument(doc)
  const params = [
    doc.id,
    doc.kecamatanCode,
    doc.officeCode,
    doc.registrationNumber,
    nikHash,
    doc._deleted,
    JSON.stringify(clear),
    seal(JSON.stringify(sealed), sealKey, sealContext(doc.id)),
    caller.userId,
    caller.deviceId,
  ]
  if (exists) {
    await tx.query(
      `UPDATE participants SET txid = pg_current_xact_id(), kecamatan_code = $2, office_code = $3,
         registration_number = $4, nik_hash = $5, is_deleted = $6, doc = $7::jsonb, sealed = $8,
         written_at = now(), written_by_user = $9, written_by_device = $10
       WHERE id = $1`,
      params,
    )
  } else {
    // ON CONFLICT: another push inserted the same new id concurrently; that row then wins and
    // this push sees it next time as a conflict (after the retry below).
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO participants (id, txid, kecamatan_code, office_code, registration_number,
         nik_hash, is_deleted, doc, sealed, written_by_user, written_by_device)
       VALUES ($1, pg_current_xact_id(), $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      params,
    )
    if (rows.length === 0) throw new ConcurrentInsertError()
  }
}

/** Raised when a concurrent push inserted the same new id first; the push is retried. */
export class ConcurrentInsertError extends Error {
  constructor() {
    super('Concurrent insert of the same participant id')
    this.name = 'ConcurrentInsertError'
  }
}

/**
 * Gives each refused row the current server copy of its record, when there is one the caller may
 * see (PushRejection.serverDocument): the client repairs its idea of the server copy with it.
 */
async function attachServerDocuments(
  tx: Queryable,
  rejected: PushRejection[],
  written: Map<string, ParticipantWireDocument>,
  current: Map<string, ParticipantWireDocument>,
  jurisdiction: string | null,
  settings: ParticipantSettings,
): Promise<void> {
  const known = (id: string) => written.get(id) ?? current.get(id)
  const missing = [...new Set(rejected.map((r) => r.id))].filter((id) => !known(id))
  const fetched = new Map<string, ParticipantWireDocument>()
  if (missing.length > 0) {
    const { rows } = await tx.query<ParticipantRow>(
      `SELECT id, txid::text AS txid, nik_hash, doc, sealed FROM participants
       WHERE id = ANY($1::text[])`,
      [missing],
    )
    for (const row of rows) fetched.set(row.id, currentDocumentOf(row, settings))
  }
  for (const rejection of rejected) {
    const doc = known(rejection.id) ?? fetched.get(rejection.id)
    if (doc && (jurisdiction === null || doc.kecamatanCode === jurisdiction)) {
      rejection.serverDocument = doc
    }
  }
}

/**
 * Recomputes `duplicates` for every live record sharing one of the given NIK hashes (the new and
 * the old NIK of each written record, so a corrected NIK also clears stale flags). Records whose
 * flags change are written again, which moves them forward in the change order: their offices
 * pull the flag on their next sync.
 *
 * Bounded: a push may not grow a NIK's live group past MAX_DUPLICATES + 1 records (applyPush), and
 * tombstones are read only when this push wrote them (any other one already lists nobody), so
 * the work per NIK is at most that group. Each record lists at most MAX_DUPLICATES others, in id
 * order, so a pulled document always fits the schema.
 */
export async function refreshDuplicateFlags(
  tx: Queryable,
  nikHashesHex: Set<string>,
  writtenIds: string[],
  caller: ParticipantCaller,
  settings: ParticipantSettings,
): Promise<ParticipantWireDocument[]> {
  if (nikHashesHex.size === 0) return []
  const hashes = [...nikHashesHex].sort().map((hex) => Buffer.from(hex, 'hex'))
  const { rows } = await tx.query<ParticipantRow>(
    `SELECT id, txid::text AS txid, nik_hash, doc, sealed FROM participants
     WHERE nik_hash = ANY($1::bytea[]) AND (NOT is_deleted OR id = ANY($2::text[]))
     ORDER BY id FOR UPDATE`,
    [hashes, writtenIds],
  )
  const groups = new Map<string, ParticipantWireDocument[]>()
  const hashOf = new Map<string, Buffer>()
  for (const row of rows) {
    const key = Buffer.from(row.nik_hash).toString('hex')
    const doc = currentDocumentOf(row, settings)
    hashOf.set(doc.id, Buffer.from(row.nik_hash))
    groups.set(key, [...(groups.get(key) ?? []), doc])
  }
  const changed: ParticipantWireDocument[] = []
  for (const members of groups.values()) {
    for (const doc of members) {
      const flags: DuplicateFlag[] = doc._deleted
        ? []
        : members
            .filter((other) => other.id !== doc.id && !other._deleted)
            .slice(0, MAX_DUPLICATES)
            .map((other) => ({
              id: other.id,
              registrationNumber: other.registrationNumber,
              officeCode: other.officeCode,
            }))
      if (canonicalJson(flags) === canonicalJson(doc.duplicates)) continue
      const next = { ...doc, duplicates: flags }
      await writeParticipant(
        tx,
        next,
        hashOf.get(doc.id) as Buffer,
        caller,
        true,
        settings.keys.sealKey,
      )
      changed.push(next)
    }
  }
  return changed
}

const RETRYABLE_CODES = new Set(['40P01', '40001', '23505'])

/** One push, one transaction, retried a few times on deadlock or a racing insert. */
export async function pushParticipants(
  db: Database,
  caller: ParticipantCaller,
  rows: PushRow[],
  settings: ParticipantSettings,
): Promise<PushResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { conflicts, rejected } = await db.transaction((tx) =>
        applyPush(tx, caller, rows, settings),
      )
      return { conflicts, rejected }
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code
      const isRetryable =
        error instanceof ConcurrentInsertError ||
        (typeof code === 'string' && RETRYABLE_CODES.has(code))
      if (!isRetryable || attempt >= 4) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()))
    }
  }
}

const TXID = /^\d{1,20}$/

export function parseCheckpoint(raw: string | null): PullCheckpoint | null | 'invalid' {
  if (raw === null || raw === '' || raw === 'null') return null
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return 'invalid'
  }
  if (value === null) return null
  const checkpoint = value as Partial<PullCheckpoint>
  if (
    typeof value !== 'object' ||
    typeof checkpoint.txid !== 'string' ||
    !TXID.test(checkpoint.txid) ||
    // PostgreSQL's xid8 stops at 2^64 − 1: a larger one is not a checkpoint we wrote.
    BigInt(checkpoint.txid) > 18_446_744_073_709_551_615n ||
    typeof checkpoint.id !== 'string' ||
    checkpoint.id.length > 100 ||
    (checkpoint.generation !== undefined &&
      (typeof checkpoint.generation !== 'string' || checkpoint.generation.length > 40))
  ) {
    return 'invalid'
  }
  return {
    txid: checkpoint.txid,
    id: checkpoint.id,
    ...(checkpoint.generation === undefined ? {} : { generation: checkpoint.generation }),
  }
}

/**
 * Refuses a checkpoint handed out by another generation of this server: the rows behind it may
 * be gone (restored from an older backup) and new ones may sit behind it (transaction ids start
 * again), so the PC shows its states again and pulls from the start.
 */
export function assertCurrentGeneration(
  checkpoint: PullCheckpoint | null,
  generation: string,
): void {
  if (checkpoint?.generation !== undefined && checkpoint.generation !== generation) {
    throw new ApiFailure(
      409,
      SERVER_RESTORED,
      'Server pusat dipulihkan dari cadangan. PC ini mengirim ulang data yang dipegangnya, lalu mengambil semuanya lagi.',
    )
  }
}

/**
 * Rows after the checkpoint in (txid, id) order, but only rows written by transactions older
 * than every transaction still running (txid < xmin of a fresh snapshot). A transaction that is
 * still open — even one that started earlier and will commit later — holds the horizon below its
 * own txid, so no row can ever appear behind a checkpoint a client already holds.
 */
export async function pullParticipants(
  db: Database,
  caller: ParticipantCaller,
  checkpoint: PullCheckpoint | null,
  limit: number,
  settings: ParticipantSettings,
): Promise<PullResponse> {
  const jurisdiction = jurisdictionOf(caller)
  assertCurrentGeneration(checkpoint, settings.generation)
  const pageSize = Math.max(1, Math.min(MAX_PULL_LIMIT, Math.floor(limit)))
  const { rows: horizonRows } = await db.query<{ xmin: string }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
  )
  // One horizon for the page and the count, so "remaining" describes the same set of rows.
  const horizon = horizonRows[0]?.xmin ?? '0'
  const after = checkpoint ?? { txid: '0', id: '' }
  // ORDER BY names the table's columns: a bare `txid` would mean the output column
  // `txid::text`, ordering '1000' before '999' while WHERE compares numbers — every page that
  // crosses a power of ten would then skip rows for good (found by the pull-order probe).
  const filter = `(txid, id) > ($1::xid8, $2::text) AND txid < $3::xid8
    AND ($4::text IS NULL OR kecamatan_code = $4::text)`
  const { rows } = await db.query<ParticipantRow>(
    `SELECT id, txid::text AS txid, nik_hash, doc, sealed FROM participants
     WHERE ${filter} ORDER BY participants.txid, participants.id LIMIT $5`,
    [after.txid, after.id, horizon, jurisdiction, pageSize],
  )
  const last = rows.at(-1)
  const next = last
    ? { txid: last.txid, id: last.id, generation: settings.generation }
    : checkpoint && { ...checkpoint, generation: settings.generation }
  let remaining = 0
  if (rows.length === pageSize && next) {
    const { rows: countRows } = await db.query<{ remaining: number }>(
      `SELECT count(*)::int AS remaining FROM participants WHERE ${filter}`,
      [next.txid, next.id, horizon, jurisdiction],
    )
    remaining = Number(countRows[0]?.remaining ?? 0)
  }
  return {
    documents: rows.map((row) => currentDocumentOf(row, settings)),
    checkpoint: next,
    remaining,
  }
}

/** The current horizon: changes of transactions below it are pullable. */
export async function currentHorizon(db: Queryable): Promise<bigint> {
  const { rows } = await db.query<{ xmin: string }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
  )
  return BigInt(rows[0]?.xmin ?? '0')
}
