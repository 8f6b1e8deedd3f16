/**
 * The audit trail on the server: participant history entries pushed by every PC, stored
 * append-only, pulled back by checkpoint like participants, and searched by supervisors.
 * docs/sync.md ("Audit trail") explains the design; `shared/audit/audit-entry.ts` is the contract.
 *
 * Append-only three times over: there is no route that changes or deletes an entry; a push only
 * ever INSERTs (ON CONFLICT DO NOTHING) and compares what it found; and the table refuses UPDATE,
 * DELETE and TRUNCATE itself (migration 5).
 */
import {
  AUDIT_DAY_UTC_OFFSET_MINUTES,
  DEFAULT_AUDIT_SEARCH_LIMIT,
  MAX_AUDIT_PUSH_ROWS,
  MAX_AUDIT_SEARCH_LIMIT,
  validateAuditEntry,
  type AuditEntry,
  type AuditPullResponse,
  type AuditPushResponse,
  type AuditRejection,
  type AuditSearchHit,
  type AuditSearchResponse,
} from '../shared/audit/audit-entry'
import type { District } from '../shared/district/district-config'
import {
  mayRevealIdentity,
  mayRoleRevealIdentity,
  readRevealEntry,
  type RevealSubject,
} from '../shared/identity/identity-reveal'
import { hasControlOrLoneSurrogate } from '../shared/participant/participant-validation'
import { canonicalJson } from '../shared/sync/canonical-json'
import { hasValidAuditReceipt, signAuditReceipt } from './receipts'
import { MAX_PULL_LIMIT, type PullCheckpoint } from '../shared/sync/sync-protocol'
import { toIso } from './account-records'
import type { Caller } from './sessions'
import type { Database, Queryable } from './database'
import { ApiFailure, failures, isRecord } from './http-kit'
import {
  CHANGE_CHANNEL,
  assertCurrentGeneration,
  currentHorizon,
  jurisdictionOf,
  participantCallerOf,
  type ChangeNotice,
} from './participants'

export interface AuditSettings {
  district: District
}

/** Jurisdiction follows the device, as for participants: a kecamatan PC sees its kecamatan. */
function auditJurisdictionOf(caller: Caller): string | null {
  return jurisdictionOf(participantCallerOf(caller))
}

const reject = (id: string, code: AuditRejection['code'], message: string): AuditRejection => ({
  id,
  code,
  message,
})

const APPEND_ONLY_MESSAGE = 'Catatan riwayat tidak boleh diubah atau dihapus.'

/** The request body: `{ rows: [...] }`, each row at least an object with an id. */
export function parseAuditPushRows(body: unknown): Record<string, unknown>[] {
  if (!isRecord(body) || !Array.isArray(body.rows)) {
    throw failures.invalidRequest('Isi kiriman harus berisi daftar "rows".')
  }
  if (body.rows.length > MAX_AUDIT_PUSH_ROWS) {
    throw new ApiFailure(
      413,
      'TOO_MANY_ROWS',
      `Satu kiriman paling banyak ${MAX_AUDIT_PUSH_ROWS} catatan. Aplikasi akan membaginya.`,
    )
  }
  return body.rows.map((row: unknown) => {
    if (!isRecord(row) || typeof row.id !== 'string' || row.id.length < 1 || row.id.length > 40) {
      throw failures.invalidRequest('Setiap catatan riwayat harus berisi "id".')
    }
    return row
  })
}

/**
 * Who may appear as `by`/`role` in an entry this caller pushes: the users of the caller's PC's
 * office (inactive ones too: their entries predate the deactivation) and the caller. Not only the
 * caller: a PC is shared, and the entries a morning clerk made offline are pushed by whoever is
 * signed in when the link returns. Not every central admin, though an admin may sign in on any
 * PC: an admin helping on site is accepted while signed in there; the same entries pushed later
 * by a clerk are refused, since the server cannot tell them from an author forged on the PC.
 * The session that pushed is kept with each entry (`received_by_user`, and `device_id`, which
 * must be the pushing PC).
 */
async function actorsOf(db: Queryable, caller: Caller): Promise<Set<string>> {
  const { rows } = await db.query<{ display_name: string; role: string }>(
    `SELECT u.display_name, u.role FROM users u WHERE u.office_id = $1 OR u.id = $2`,
    [caller.deviceOfficeId, caller.userId],
  )
  return new Set(rows.map((row) => actorKey(row.display_name, row.role)))
}

const actorKey = (by: string, role: string) => `${role}\u0000${by}`

/**
 * The participants that pushed 'revealed' entries are about, as the reveal rule needs them: the
 * registering office and the agencies checking. One query, and none for a push without reveals.
 */
async function revealSubjectsOf(
  db: Queryable,
  rows: Record<string, unknown>[],
): Promise<Map<string, RevealSubject>> {
  const ids = [
    ...new Set(
      rows
        .filter((row) => row.kind === 'revealed' && typeof row.participantId === 'string')
        .map((row) => String(row.participantId)),
    ),
  ]
  if (ids.length === 0) return new Map()
  const { rows: found } = await db.query<{ id: string; office_code: string; checks: unknown }>(
    `SELECT id, office_code, doc->'checks' AS checks FROM participants WHERE id = ANY($1::text[])`,
    [ids],
  )
  return new Map(
    found.map((row) => [
      row.id,
      {
        officeCode: row.office_code,
        checks: Array.isArray(row.checks)
          ? row.checks.filter(
              (check): check is { agency: string } =>
                isRecord(check) && typeof check.agency === 'string',
            )
          : [],
      },
    ]),
  )
}

const REVEAL_REFUSED =
  'Catatan riwayat ditolak: peran petugas ini tidak boleh melihat NIK lengkap peserta ini.'

/**
 * A reveal is evidence that someone saw a full NIK: stored only when the rule lets that person
 * see it (the identity agency's verifier for a candidate it checks, the registering office's
 * clerk or supervisor), with the agency it names being the pushing PC's. For a participant the
 * server does not hold yet (a clerk's new record still on its way), the role alone decides.
 */
function revealRejection(
  entry: AuditEntry,
  caller: Caller,
  subject: RevealSubject | undefined,
  settings: AuditSettings,
): AuditRejection | null {
  const reveal = readRevealEntry(entry.changes)
  if (reveal === null) {
    return reject(
      entry.id,
      'INVALID_AUDIT_ENTRY',
      'Catatan riwayat ditolak: catatan penampilan NIK tidak berbentuk semestinya.',
    )
  }
  const office = caller.deviceOffice
  if (reveal.agencyCode !== office.agencyCode) {
    return reject(entry.id, 'REVEAL_NOT_ALLOWED', REVEAL_REFUSED)
  }
  const actor = {
    role: entry.role as Caller['role'],
    officeKind: office.kind,
    officeCode: office.code,
    agencyCode: office.agencyCode,
  }
  const identityAgencies = settings.district.config.identityAgencies
  const verdict = subject
    ? mayRevealIdentity(actor, subject, reveal.field, identityAgencies)
    : mayRoleRevealIdentity(actor, reveal.field, identityAgencies)
  return verdict.allowed ? null : reject(entry.id, 'REVEAL_NOT_ALLOWED', REVEAL_REFUSED)
}

/** Checks one pushed row; the entry when it may be stored, else why not. */
function checkEntry(
  row: Record<string, unknown>,
  caller: Caller,
  actors: Set<string>,
  jurisdiction: string | null,
  settings: AuditSettings,
  revealSubjects: Map<string, RevealSubject>,
): { entry: AuditEntry } | { rejection: AuditRejection } {
  const id = String(row.id)
  const result = validateAuditEntry(row)
  if (!result.ok) return { rejection: reject(id, result.code, result.message) }
  const { entry } = result
  if (
    !settings.district.regions.kecamatanByCode(entry.kecamatanCode) &&
    !settings.district.removedAreaCodes?.has(entry.kecamatanCode)
  ) {
    return {
      rejection: reject(
        id,
        'INVALID_AUDIT_ENTRY',
        'Catatan riwayat ditolak: kecamatan peserta tidak dikenal di wilayah ini.',
      ),
    }
  }
  if (entry.officeCode !== caller.deviceOffice.code) {
    return {
      rejection: reject(
        id,
        'AUDIT_OFFICE_MISMATCH',
        `Catatan riwayat dari perangkat ini harus berkode kantor ${caller.deviceOffice.code}.`,
      ),
    }
  }
  if (entry.deviceId !== caller.deviceId) {
    return {
      rejection: reject(
        id,
        'AUDIT_DEVICE_MISMATCH',
        'Catatan riwayat ini dibuat di perangkat lain dan tidak dapat dikirim dari perangkat ini.',
      ),
    }
  }
  if (!actors.has(actorKey(entry.by, entry.role))) {
    return {
      rejection: reject(
        id,
        'AUDIT_ACTOR_MISMATCH',
        'Petugas atau peran pada catatan riwayat ini tidak terdaftar untuk kantor perangkat ini.',
      ),
    }
  }
  if (jurisdiction !== null && entry.kecamatanCode !== jurisdiction) {
    return {
      rejection: reject(
        id,
        'OUT_OF_JURISDICTION',
        'Catatan riwayat ini milik peserta di luar wilayah kecamatan kantor Anda.',
      ),
    }
  }
  if (entry.kind === 'revealed') {
    const refused = revealRejection(
      entry,
      caller,
      revealSubjects.get(entry.participantId),
      settings,
    )
    if (refused) return { rejection: refused }
  }
  return { entry }
}

/**
 * Stores what may be stored, in one transaction. A new id is inserted; an id stored already is
 * compared whole: the same entry is a retried push (its answer was lost) and counts as stored, a
 * different one is refused (AUDIT_APPEND_ONLY) and the stored one stays as it is. Nothing here
 * can change a stored row: the only write is INSERT … ON CONFLICT DO NOTHING.
 */
export async function pushAuditEntries(
  db: Database,
  caller: Caller,
  rowsAsSent: Record<string, unknown>[],
  settings: AuditSettings,
): Promise<AuditPushResponse> {
  const jurisdiction = auditJurisdictionOf(caller)
  // A receipt is the server's, handed out on pull; what is stored is the entry as written.
  const rows = rowsAsSent.map(({ receipt: _receipt, ...entry }) => entry)
  const actors = await actorsOf(db, caller)
  const revealSubjects = await revealSubjectsOf(db, rows)
  const rejected: AuditRejection[] = []
  // One row per id goes to the database; a repeat within the push is compared with the first.
  const firstById = new Map<string, AuditEntry>()
  const repeats: AuditEntry[] = []
  for (const row of rows) {
    const checked = checkEntry(row, caller, actors, jurisdiction, settings, revealSubjects)
    if ('rejection' in checked) {
      rejected.push(checked.rejection)
    } else if (firstById.has(checked.entry.id)) {
      repeats.push(checked.entry)
    } else {
      firstById.set(checked.entry.id, checked.entry)
    }
  }
  if (firstById.size === 0) return { rejected }

  // Ids in sorted order: two pushes sharing ids wait on each other in one order, never deadlock.
  const entries = [...firstById.values()].sort((a, b) => (a.id < b.id ? -1 : 1))
  const clashes = await runWithRetry(() =>
    db.transaction(async (tx) => {
      const insertedIds = await insertNewEntries(tx, entries, caller.userId)
      const existing = entries.filter((entry) => !insertedIds.has(entry.id))
      const stored = new Map<string, unknown>()
      if (existing.length > 0) {
        const { rows: found } = await tx.query<{ id: string; entry: unknown }>(
          'SELECT id, entry FROM audit_entries WHERE id = ANY($1::text[])',
          [existing.map((entry) => entry.id)],
        )
        for (const row of found) stored.set(row.id, row.entry)
      }
      if (insertedIds.size > 0) {
        const kecamatanCodes = new Set(
          entries.filter((e) => insertedIds.has(e.id)).map((e) => e.kecamatanCode),
        )
        const { rows: txRows } = await tx.query<{ txid: string }>(
          'SELECT pg_current_xact_id()::text AS txid',
        )
        // The participants' change event (delivered at COMMIT): every PC that may see these
        // entries pulls, and pulls the audit trail after that run (sync-controller.ts).
        const notice: ChangeNotice = {
          txid: txRows[0]?.txid ?? '0',
          id: '',
          kecamatanCodes: [...kecamatanCodes].sort(),
        }
        await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(notice)])
      }
      return existing.filter(
        (entry) => canonicalJson(stored.get(entry.id)) !== canonicalJson(entry),
      )
    }),
  )
  for (const entry of clashes)
    rejected.push(reject(entry.id, 'AUDIT_APPEND_ONLY', APPEND_ONLY_MESSAGE))
  for (const entry of repeats) {
    if (canonicalJson(entry) !== canonicalJson(firstById.get(entry.id))) {
      rejected.push(reject(entry.id, 'AUDIT_APPEND_ONLY', APPEND_ONLY_MESSAGE))
    }
  }
  return { rejected }
}

/** Stores the entries the trail does not have yet (by id); returns the ids stored now. */
async function insertNewEntries(
  tx: Queryable,
  entries: readonly AuditEntry[],
  receivedByUser: string,
): Promise<Set<string>> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO audit_entries (id, txid, participant_id, kecamatan_code, kind, entry, at, by,
       role, office_code, device_id, received_by_user)
     SELECT e->>'id', pg_current_xact_id(), e->>'participantId', e->>'kecamatanCode',
       e->>'kind', e, (e->>'at')::timestamptz, e->>'by', e->>'role', e->>'officeCode',
       e->>'deviceId', $2
     FROM jsonb_array_elements($1::jsonb) AS e
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [JSON.stringify(entries), receivedByUser],
  )
  return new Set(rows.map((row) => row.id))
}

const RETRYABLE_CODES = new Set(['40P01', '40001'])

async function runWithRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code
      if (typeof code !== 'string' || !RETRYABLE_CODES.has(code) || attempt >= 4) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()))
    }
  }
}

/**
 * Entries after the checkpoint in (txid, id) order, below the horizon: the participants' pull
 * (`pullParticipants`), over `audit_entries`, filtered by the caller's kecamatan.
 */
export async function pullAuditEntries(
  db: Database,
  caller: Caller,
  checkpoint: PullCheckpoint | null,
  limit: number,
  generation: string,
  /** Signs each entry's receipt (server/receipts.ts): a restored server takes it back on it. */
  signing: { key: Buffer; district: string },
): Promise<AuditPullResponse> {
  const jurisdiction = auditJurisdictionOf(caller)
  assertCurrentGeneration(checkpoint, generation)
  const pageSize = Math.max(1, Math.min(MAX_PULL_LIMIT, Math.floor(limit)))
  const horizon = (await currentHorizon(db)).toString()
  const after = checkpoint ?? { txid: '0', id: '' }
  // Columns named with the table: a bare `txid` in ORDER BY would sort the text output column.
  const filter = `(txid, id) > ($1::xid8, $2::text) AND txid < $3::xid8
    AND ($4::text IS NULL OR kecamatan_code = $4::text)`
  const { rows } = await db.query<{ id: string; txid: string; entry: AuditEntry }>(
    `SELECT id, txid::text AS txid, entry FROM audit_entries
     WHERE ${filter} ORDER BY audit_entries.txid, audit_entries.id LIMIT $5`,
    [after.txid, after.id, horizon, jurisdiction, pageSize],
  )
  const last = rows.at(-1)
  const next = last
    ? { txid: last.txid, id: last.id, generation }
    : checkpoint && { ...checkpoint, generation }
  let remaining = 0
  if (rows.length === pageSize && next) {
    const { rows: countRows } = await db.query<{ remaining: number }>(
      `SELECT count(*)::int AS remaining FROM audit_entries WHERE ${filter}`,
      [next.txid, next.id, horizon, jurisdiction],
    )
    remaining = Number(countRows[0]?.remaining ?? 0)
  }
  return {
    documents: rows.map((row) => ({
      ...row.entry,
      receipt: signAuditReceipt(
        signing.key,
        signing.district,
        row.entry as unknown as Record<string, unknown>,
      ),
    })),
    checkpoint: next,
    remaining,
  }
}

/**
 * After a restore (server/recovery.ts for the records): history entries a PC holds from the
 * server — any PC's, with the server's receipt — taken back as they were. An entry without a
 * valid receipt, or outside the caller's kecamatan, is refused; one the server has is counted.
 */
export async function recoverAuditEntries(
  db: Database,
  caller: Caller,
  raw: readonly unknown[],
  signing: { key: Buffer; district: string },
): Promise<{ restored: number; alreadyHeld: number; refused: AuditRejection[] }> {
  const jurisdiction = auditJurisdictionOf(caller)
  const refused: AuditRejection[] = []
  const taken: AuditEntry[] = []
  for (const value of raw) {
    const row = isRecord(value) ? value : {}
    const id = String(row.id ?? '').slice(0, 40)
    if (!hasValidAuditReceipt(signing.key, signing.district, row)) {
      refused.push(
        reject(id, 'RECEIPT_INVALID', 'Tanda terima server pada catatan riwayat ini tidak sah.'),
      )
      continue
    }
    const { receipt: _receipt, ...entry } = row
    const checked = validateAuditEntry(entry)
    if (!checked.ok) {
      refused.push(reject(id, checked.code, checked.message))
      continue
    }
    if (jurisdiction !== null && checked.entry.kecamatanCode !== jurisdiction) {
      refused.push(reject(id, 'OUT_OF_JURISDICTION', 'Catatan riwayat ini dari kecamatan lain.'))
      continue
    }
    taken.push(checked.entry)
  }
  if (taken.length === 0) return { restored: 0, alreadyHeld: 0, refused }
  const inserted = await runWithRetry(() =>
    db.transaction(async (tx) => {
      const inserted = await insertNewEntries(tx, taken, caller.userId)
      if (inserted.size > 0) {
        const { rows: txRows } = await tx.query<{ txid: string }>(
          'SELECT pg_current_xact_id()::text AS txid',
        )
        const notice: ChangeNotice = {
          txid: txRows[0]?.txid ?? '0',
          id: '',
          kecamatanCodes: [...new Set(taken.map((entry) => entry.kecamatanCode))].sort(),
        }
        await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(notice)])
      }
      return inserted.size
    }),
  )
  return { restored: inserted, alreadyHeld: taken.length - inserted, refused }
}

// ---------------------------------------------------------------------------------------------
// Search

export interface ParsedAuditSearch {
  /** ILIKE pattern for `by`, or null. */
  userPattern: string | null
  office: string | null
  fromInstant: string | null
  /** Exclusive: the start of the day after `to`. */
  untilInstant: string | null
  registrationNumber: string | null
  participantId: string | null
  limit: number
  cursor: { at: string; id: string } | null
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const OFFICE_CODE = /^[A-Z0-9][A-Z0-9-]{0,7}$/
const REGISTRATION_NUMBER = /^\d{4}-\d{6}$/
const PARTICIPANT_ID = /^[A-Za-z0-9_-]{1,40}$/

/** The start of a district calendar day as an ISO instant; null when `text` is no real day. */
function dayStart(text: string, plusDays = 0): string | null {
  const match = DAY.exec(text)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const utc = Date.UTC(year, month - 1, day)
  const date = new Date(utc)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || year < 2000) return null
  return new Date(utc + plusDays * 86_400_000 - AUDIT_DAY_UTC_OFFSET_MINUTES * 60_000).toISOString()
}

export function encodeAuditCursor(cursor: { at: string; id: string }): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), 'utf8').toString('base64url')
}

function decodeAuditCursor(text: string): { at: string; id: string } | null {
  if (text.length > 200) return null
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      PARTICIPANT_ID.test(value[1])
    ) {
      return { at: new Date(value[0]).toISOString(), id: value[1] }
    }
  } catch {
    // Reported below.
  }
  return null
}

/** Reads the search's query string; a value that makes no sense is a 400 naming it. */
export function parseAuditSearch(url: URL): ParsedAuditSearch {
  const param = (name: string) => {
    const value = url.searchParams.get(name)?.trim() ?? ''
    return value === '' ? null : value
  }
  const bad = (message: string) => failures.invalidRequest(message)

  const user = param('user')
  if (user !== null && (user.length > 100 || hasControlOrLoneSurrogate(user))) {
    throw bad('Nama petugas yang dicari paling panjang 100 karakter.')
  }
  const office = param('office')?.toUpperCase() ?? null
  if (office !== null && !OFFICE_CODE.test(office)) {
    throw bad('Kode kantor yang dicari tidak sah, misalnya 06-01 atau PUSAT.')
  }
  const from = param('from')
  const to = param('to')
  const fromInstant = from === null ? null : dayStart(from)
  const untilInstant = to === null ? null : dayStart(to, 1)
  if ((from !== null && fromInstant === null) || (to !== null && untilInstant === null)) {
    throw bad('Tanggal pencarian harus berbentuk TTTT-BB-HH, misalnya 2026-11-23.')
  }
  if (fromInstant !== null && untilInstant !== null && fromInstant >= untilInstant) {
    throw bad('Tanggal awal pencarian harus sebelum atau sama dengan tanggal akhir.')
  }
  const participant = param('participant')
  let registrationNumber: string | null = null
  let participantId: string | null = null
  if (participant !== null) {
    if (REGISTRATION_NUMBER.test(participant)) registrationNumber = participant
    else if (PARTICIPANT_ID.test(participant)) participantId = participant
    else throw bad('Nomor pendaftaran peserta tidak sah, misalnya 0601-000123.')
  }
  const limitText = param('limit') ?? String(DEFAULT_AUDIT_SEARCH_LIMIT)
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_SEARCH_LIMIT) {
    throw bad(`Batas (limit) harus angka 1–${MAX_AUDIT_SEARCH_LIMIT}.`)
  }
  const cursorText = param('cursor')
  const cursor = cursorText === null ? null : decodeAuditCursor(cursorText)
  if (cursorText !== null && cursor === null) throw bad('Penanda halaman (cursor) tidak sah.')

  const escaped = user?.replace(/[\\%_]/g, (c) => `\\${c}`)
  return {
    userPattern: escaped === undefined ? null : `%${escaped}%`,
    office,
    fromInstant,
    untilInstant,
    registrationNumber,
    participantId,
    limit,
    cursor,
  }
}

/**
 * Entries newest first (`at`, then id), one page after the cursor, within the caller's
 * jurisdiction. Supervisors and admins only: the route checks the role.
 */
export async function searchAuditEntries(
  db: Database,
  caller: Caller,
  query: ParsedAuditSearch,
): Promise<AuditSearchResponse> {
  const { rows } = await db.query<{
    id: string
    at: unknown
    entry: AuditEntry
    received_at: unknown
    registration_number: string | null
  }>(
    `SELECT a.id, a.at, a.entry, a.received_at, p.registration_number
     FROM audit_entries a LEFT JOIN participants p ON p.id = a.participant_id
     WHERE ($1::text IS NULL OR a.kecamatan_code = $1::text)
       AND ($2::text IS NULL OR a.by ILIKE $2::text ESCAPE '\\')
       AND ($3::text IS NULL OR a.office_code = $3::text)
       AND ($4::timestamptz IS NULL OR a.at >= $4::timestamptz)
       AND ($5::timestamptz IS NULL OR a.at < $5::timestamptz)
       AND ($6::text IS NULL OR a.participant_id IN
             (SELECT id FROM participants WHERE registration_number = $6::text))
       AND ($7::text IS NULL OR a.participant_id = $7::text)
       AND ($8::timestamptz IS NULL OR (a.at, a.id) < ($8::timestamptz, $9::text))
     ORDER BY a.at DESC, a.id DESC
     LIMIT $10`,
    [
      auditJurisdictionOf(caller),
      query.userPattern,
      query.office,
      query.fromInstant,
      query.untilInstant,
      query.registrationNumber,
      query.participantId,
      query.cursor?.at ?? null,
      query.cursor?.id ?? '',
      query.limit + 1,
    ],
  )
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  const entries: AuditSearchHit[] = page.map((row) => ({
    entry: row.entry,
    registrationNumber: row.registration_number,
    receivedAt: toIso(row.received_at),
  }))
  return {
    entries,
    nextCursor:
      rows.length > query.limit && last
        ? encodeAuditCursor({ at: toIso(last.at), id: last.id })
        : null,
  }
}
