import { now as storeClock, type MangoQuerySelector } from 'rxdb'
import { maskKk, maskNik, maskPhone } from '@shared/identity/masking'
import { maskHistoryChanges } from '@shared/audit/audit-entry'
import { nameSearchKey } from '@shared/participant/names'
import { formatRegistrationNumber } from '@shared/participant/registration-number'
import type { ValidRegistration } from '@shared/participant/registration-input'
import type {
  FieldChange,
  FieldConflict,
  ParticipantChangeDocument,
  ParticipantDocument,
  ParticipantStatus,
} from '@shared/participant/participant-document'
import type { NaunganStore } from './database'
import { withWorkflowDefaults } from '@shared/workflow/workflow-push'
import { district } from '@/core/district'
import { markLocalWrite } from './sync-state-repository'
import {
  applyConflictChoices,
  DELETED_FIELD,
  MAX_CONFLICTS,
  type ConflictDecision,
  type MergeableParticipant,
} from '@shared/sync/merge'
import { currentTime } from '@shared/dates/clock'
import { actingUserOf, officeCodeOf, type ActingUser } from '@/core/acting-user'
import { findByLaterWord } from './name-words'

/** The office this installation registers for; set up once per PC (later: by enrolment). */
export interface OfficeProfile {
  /** Kemendagri code of the office's kecamatan, e.g. 64.02.06 */
  kecamatanCode: string
  /** Two-digit short code of that kecamatan, e.g. 06 */
  kecamatanShortCode: string
  /** 1–99, given to each office by Distransnaker so registration numbers never collide. */
  officeNumber: number
  /** Who is at the keyboard; recorded as created/updated by. */
  operatorName: string
  /**
   * On an enrolled PC, the signed-in user (`actingUserOf` the session), whose saves this profile
   * records: the enrolled office's code is 'PUSAT' on a central PC, where the fields above are
   * placeholders. Set at sign-in, never stored (saveOfficeProfile drops it). Absent on a
   * standalone PC: the operator above acts, with no device and this profile's office code.
   */
  actor?: ActingUser
}

/** Who saves with this office profile: its signed-in user, else the standalone PC's operator. */
const actingUserOfOffice = (office: OfficeProfile): ActingUser =>
  office.actor ?? actingUserOf(office, null)

const OFFICE_PROFILE_DOC = 'office-profile'

export async function loadOfficeProfile(store: NaunganStore): Promise<OfficeProfile | null> {
  const doc = await store.db.getLocal<OfficeProfile>(OFFICE_PROFILE_DOC)
  return doc ? (doc.toJSON().data as OfficeProfile) : null
}

export async function saveOfficeProfile(store: NaunganStore, office: OfficeProfile): Promise<void> {
  // The actor is the session's: a stored one would name the last user at the next start.
  const { actor: _session, ...profile } = office
  void _session
  await store.db.upsertLocal<OfficeProfile>(OFFICE_PROFILE_DOC, profile)
}

/** Fields a person's data is made of: what the form edits and what history records. */
const EDITABLE_FIELDS = [
  'nik',
  'kk',
  'fullName',
  'birthPlace',
  'birthDate',
  'sex',
  'address',
  'rt',
  'rw',
  'kecamatanCode',
  'villageCode',
  'occupationCode',
  'monthlyIncome',
  'phone',
  'heirName',
  'heirRelationship',
] as const satisfies readonly (keyof ParticipantDocument)[]

type EditableFields = Pick<ParticipantDocument, (typeof EDITABLE_FIELDS)[number]>

function fieldsOf(valid: ValidRegistration): EditableFields {
  return {
    nik: valid.nik,
    kk: valid.kk,
    fullName: valid.fullName,
    birthPlace: valid.birthPlace,
    birthDate: valid.birthDate,
    sex: valid.sex,
    address: valid.address,
    rt: valid.rt,
    rw: valid.rw,
    kecamatanCode: valid.kecamatanCode,
    villageCode: valid.villageCode,
    occupationCode: valid.occupationCode,
    monthlyIncome: valid.monthlyIncome,
    ...(valid.phone ? { phone: valid.phone } : {}),
    heirName: valid.heirName,
    heirRelationship: valid.heirRelationship,
  }
}

/** History never holds NIK, KK or phone in clear (UU PDP): they are masked as on print. */
function displayValueForHistory(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return ''
  const text = String(value)
  if (field === 'nik') return maskNik(text)
  if (field === 'kk') return maskKk(text)
  if (field === 'phone') return maskPhone(text)
  return text.slice(0, 300)
}

function diffFields(
  before: Partial<EditableFields>,
  after: Partial<EditableFields>,
): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of EDITABLE_FIELDS) {
    const from = before[field]
    const to = after[field]
    if ((from ?? '') === (to ?? '')) continue
    changes.push({
      field,
      from: displayValueForHistory(field, from),
      to: displayValueForHistory(field, to),
    })
  }
  return changes
}

/** What a caller says about a change; who made it comes from the ActingUser. */
export type HistoryEntry = Pick<
  ParticipantChangeDocument,
  'participantId' | 'kecamatanCode' | 'kind' | 'changes' | 'at'
>

/**
 * Who makes a change, as a history entry (and the audit trail on the server) records it:
 * docs/sync.md, "Audit trail". The server refuses an entry whose office or PC is not the one
 * sending it, or whose user cannot sign in there.
 */
function historyDocumentOf(entry: HistoryEntry, actor: ActingUser): ParticipantChangeDocument {
  return {
    id: crypto.randomUUID(),
    participantId: entry.participantId,
    kind: entry.kind,
    // The one guard for every writer: NIK, KK and phone are stored masked whatever the caller
    // passed (UU PDP; the server refuses an entry holding one in clear). Masked before clipped,
    // so a cut can never leave digits the mask would have hidden.
    changes: maskHistoryChanges(entry.changes).map((change) => ({
      field: change.field.slice(0, 40),
      from: change.from.slice(0, 300),
      to: change.to.slice(0, 300),
    })),
    at: entry.at,
    by: actor.name.slice(0, 100),
    role: actor.role,
    officeCode: actor.officeCode,
    deviceId: actor.deviceId,
    kecamatanCode: entry.kecamatanCode,
  }
}

/**
 * Adds one entry to a participant's append-only history. It syncs to the server's audit trail
 * when the PC is enrolled (`sync-controller.ts`).
 */
export async function appendHistory(
  store: NaunganStore,
  entry: HistoryEntry,
  actor: ActingUser,
): Promise<ParticipantChangeDocument> {
  const doc = historyDocumentOf(entry, actor)
  await store.db.participant_changes.insert(doc)
  return doc
}

/** Many entries by one actor in one write (a print batch, a workflow step over a list). */
export async function appendHistoryEntries(
  store: NaunganStore,
  entries: readonly HistoryEntry[],
  actor: ActingUser,
): Promise<void> {
  if (entries.length === 0) return
  const { error } = await store.db.participant_changes.bulkInsert(
    entries.map((entry) => historyDocumentOf(entry, actor)),
  )
  if (error.length > 0) throw new Error(`${error.length} history entries could not be written.`)
}

export function nikIndexOf(store: NaunganStore, nikDigits: string): string | null {
  return store.keys.nikIndex.encode(nikDigits)
}

/** Exact NIK lookup through the blind index; the NIK itself is encrypted and not queryable. */
export async function findParticipantsByNik(
  store: NaunganStore,
  nik: string,
): Promise<ParticipantDocument[]> {
  const nikIndex = nikIndexOf(store, nik)
  if (!nikIndex || nikIndex.length !== 16) return []
  const docs = await store.db.participants.find({ selector: { nikIndex } }).exec()
  // The index is exact by construction; comparing the decrypted NIK guards against a damaged row.
  return docs.map((doc) => doc.toMutableJSON()).filter((doc) => doc.nik === nik)
}

/** Same person typed twice with a different NIK: same normalised name and birth date. */
export async function findSameNameAndBirthDate(
  store: NaunganStore,
  fullName: string,
  birthDate: string,
): Promise<ParticipantDocument[]> {
  const docs = await store.db.participants
    .find({ selector: { nameKey: nameSearchKey(fullName), birthDate } })
    .exec()
  return docs.map((doc) => doc.toMutableJSON())
}

export async function getParticipant(
  store: NaunganStore,
  id: string,
): Promise<ParticipantDocument | null> {
  const doc = await store.db.participants.findOne(id).exec()
  return doc ? doc.toMutableJSON() : null
}

/**
 * Next registration number of this office. The sequence lives in the office's own store, and the
 * number is checked against the records before use, so a lost counter (restored backup, cleared
 * local document) can never hand out a number twice.
 */
async function takeNextRegistrationNumber(
  store: NaunganStore,
  office: OfficeProfile,
): Promise<string> {
  const counterId = `registration-sequence/${officeCodeOf(office)}`
  for (let attempt = 0; attempt < 1000; attempt++) {
    const counter = await store.db.getLocal<{ next: number }>(counterId)
    const candidate = counter ? Number(counter.get('next')) : 1
    await store.db.upsertLocal(counterId, { next: candidate + 1 })
    const registrationNumber = formatRegistrationNumber({
      kecamatanShortCode: office.kecamatanShortCode,
      officeNumber: office.officeNumber,
      sequence: candidate,
    })
    const taken = await store.db.participants.findOne({ selector: { registrationNumber } }).exec()
    if (!taken) return registrationNumber
  }
  throw new Error('No free registration number found after 1000 attempts.')
}

// One registration at a time in this window: two quick saves must not take the same number.
let registrationQueue: Promise<unknown> = Promise.resolve()
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const result = registrationQueue.then(work, work)
  registrationQueue = result.catch(() => undefined)
  return result
}

/** Registration numbers checked against the records per query (consecutive: a narrow index band). */
const RESERVE_CHECK_SLICE = 500

/**
 * `count` unused registration numbers of this office for a bulk import, from the same sequence
 * the form uses, each checked against the records. It runs in the form's queue: a registration
 * saved meanwhile waits, then takes a number after the block — never one of it (the counter is
 * moved past the whole block before the check).
 */
export function reserveRegistrationNumbers(
  store: NaunganStore,
  office: OfficeProfile,
  count: number,
): Promise<string[]> {
  return serialised(async () => {
    const counterId = `registration-sequence/${officeCodeOf(office)}`
    const numbers: string[] = []
    while (numbers.length < count) {
      const counter = await store.db.getLocal<{ next: number }>(counterId)
      const first = counter ? Number(counter.get('next')) : 1
      const wanted = count - numbers.length
      await store.db.upsertLocal(counterId, { next: first + wanted })
      for (let from = first; from < first + wanted; from += RESERVE_CHECK_SLICE) {
        const slice: string[] = []
        const to = Math.min(first + wanted, from + RESERVE_CHECK_SLICE)
        for (let sequence = from; sequence < to; sequence++) {
          slice.push(
            formatRegistrationNumber({
              kecamatanShortCode: office.kecamatanShortCode,
              officeNumber: office.officeNumber,
              sequence,
            }),
          )
        }
        const taken = await store.db.participants
          .find({ selector: { registrationNumber: { $in: slice } } })
          .exec()
        const takenNumbers = new Set(taken.map((doc) => doc.registrationNumber))
        numbers.push(...slice.filter((number) => !takenNumbers.has(number)))
      }
    }
    return numbers
  })
}

export interface RegisterOptions {
  office: OfficeProfile
  now?: Date
  status?: ParticipantStatus
}

/**
 * Saves a validated registration. Resolves only after IndexedDB committed the write with strict
 * durability — the caller may then say "Tersimpan".
 */
export function registerParticipant(
  store: NaunganStore,
  valid: ValidRegistration,
  options: RegisterOptions,
): Promise<ParticipantDocument> {
  return serialised(async () => {
    const nikIndex = nikIndexOf(store, valid.nik)
    if (!nikIndex) throw new Error('NIK must be normalised digits before saving.')
    const at = (options.now ?? currentTime()).toISOString()
    const registrationNumber = await takeNextRegistrationNumber(store, options.office)
    const fields = fieldsOf(valid)
    const doc: ParticipantDocument = withWorkflowDefaults(
      {
        id: crypto.randomUUID(),
        registrationNumber,
        ...fields,
        nikIndex,
        nameKey: nameSearchKey(fields.fullName),
        status: options.status ?? 'draft',
        officeCode: officeCodeOf(options.office),
        createdAt: at,
        createdBy: options.office.operatorName,
        updatedAt: at,
        updatedBy: options.office.operatorName,
        duplicates: [],
        conflicts: [],
        prints: [],
        checks: [],
        // A record registered as submitted waits for every agency its occupation needs.
      },
      district.config.verification,
    )
    await store.db.participants.insert(doc)
    await markLocalWrite(store, doc)
    await appendHistory(
      store,
      {
        participantId: doc.id,
        kind: 'created',
        changes: diffFields({}, fields),
        at,
        kecamatanCode: doc.kecamatanCode,
      },
      actingUserOfOffice(options.office),
    )
    return doc
  })
}

export interface UpdateResult {
  participant: ParticipantDocument
  /** What this save changed in the record (the history entry); empty when nothing was written. */
  changes: FieldChange[]
  /**
   * Fields the clerk changed that someone else (a sync, another screen) had also changed since
   * the form was loaded: the record keeps the other value, the clerk's is kept here (and in the
   * record's `conflicts`) for a supervisor to choose.
   */
  conflicts: FieldConflict[]
}

const sameFieldValue = (a: unknown, b: unknown) => (a ?? '') === (b ?? '')

/**
 * Saves an edit made in a form. Only the fields the clerk changed (form value ≠ the value the form
 * was loaded with) are written; everything else keeps whatever the record holds now, so a change
 * that arrived by sync while the form was open is not overwritten with the stale copy. A field the
 * clerk changed that was also changed meanwhile is not overwritten either: the record keeps the
 * other value and the clerk's value becomes a `FieldConflict` (docs/sync.md, "Editing while sync
 * runs").
 *
 * `loaded` is the copy the form was filled from; without it the stored record at the time of the
 * call is taken (for callers that read and write in one go).
 */
export async function updateParticipant(
  store: NaunganStore,
  id: string,
  valid: ValidRegistration,
  options: { office: OfficeProfile; now?: Date; loaded?: ParticipantDocument },
): Promise<UpdateResult> {
  const doc = await store.db.participants.findOne(id).exec()
  if (!doc) throw new Error(`Participant ${id} not found`)
  const loaded = options.loaded ?? doc.toMutableJSON()
  const fields = fieldsOf(valid) as Partial<EditableFields>
  const edited = EDITABLE_FIELDS.filter((field) => !sameFieldValue(fields[field], loaded[field]))
  if (edited.length === 0) return { participant: doc.toMutableJSON(), changes: [], conflicts: [] }
  const at = (options.now ?? currentTime()).toISOString()
  const by = options.office.operatorName

  let changes: FieldChange[] = []
  let conflicts: FieldConflict[] = []
  const updated = await doc.incrementalModify((current) => {
    // May run again if the record changed under it: everything is recomputed from `current`.
    const next: Record<string, unknown> = { ...current }
    const clashes: FieldConflict[] = []
    for (const field of edited) {
      const mine = fields[field]
      const stored = current[field]
      if (sameFieldValue(stored, mine)) continue
      if (!sameFieldValue(stored, loaded[field])) {
        clashes.push({
          field,
          localValue: JSON.stringify(mine ?? null),
          serverValue: JSON.stringify(stored ?? null),
          localBy: by,
          localAt: at,
          detectedAt: at,
        })
        continue
      }
      if (mine === undefined || mine === '') delete next[field]
      else next[field] = mine
    }
    changes = diffFields(current, next as Partial<EditableFields>)
    conflicts = clashes
    if (changes.length === 0 && clashes.length === 0) return current
    const nik = String(next.nik)
    const nikIndex = nik === current.nik ? current.nikIndex : nikIndexOf(store, nik)
    if (!nikIndex) throw new Error('NIK must be normalised digits before saving.')
    return {
      ...(next as unknown as ParticipantDocument),
      nikIndex,
      nameKey: nameSearchKey(String(next.fullName)),
      conflicts: [...current.conflicts, ...clashes].slice(-MAX_CONFLICTS),
      updatedAt: at,
      updatedBy: by,
    }
  })
  if (changes.length === 0 && conflicts.length === 0) {
    return { participant: updated.toMutableJSON(), changes, conflicts }
  }
  await markLocalWrite(store, updated)
  if (changes.length > 0) {
    await appendHistory(
      store,
      { participantId: id, kind: 'updated', changes, at, kecamatanCode: updated.kecamatanCode },
      actingUserOfOffice(options.office),
    )
  }
  return { participant: updated.toMutableJSON(), changes, conflicts }
}

export async function setParticipantStatus(
  store: NaunganStore,
  id: string,
  status: ParticipantStatus,
  options: { office: OfficeProfile; now?: Date },
): Promise<ParticipantDocument> {
  const doc = await store.db.participants.findOne(id).exec()
  if (!doc) throw new Error(`Participant ${id} not found`)
  const from = doc.status
  const at = (options.now ?? currentTime()).toISOString()
  const updated = await doc.incrementalPatch({
    status,
    updatedAt: at,
    updatedBy: options.office.operatorName,
  })
  await markLocalWrite(store, updated)
  await appendHistory(
    store,
    {
      participantId: id,
      kind: 'status',
      changes: [{ field: 'status', from, to: status }],
      at,
      kecamatanCode: updated.kecamatanCode,
    },
    actingUserOfOffice(options.office),
  )
  return updated.toMutableJSON()
}

/**
 * A supervisor settles sync conflicts: per conflict entry they saw, the server's value or the one
 * kept in the entry. Exactly those entries leave `conflicts` (others, also for the same field,
 * stay); the change is a local write like any other, so it syncs and other offices see the
 * settled conflicts gone.
 */
export async function resolveParticipantConflicts(
  store: NaunganStore,
  id: string,
  choices: readonly ConflictDecision[],
  options: { office: OfficeProfile; now?: Date },
): Promise<ParticipantDocument> {
  const doc = await store.db.participants.findOne(id).exec()
  if (!doc) throw new Error(`Participant ${id} not found`)
  const before = doc.toMutableJSON()
  const at = (options.now ?? currentTime()).toISOString()
  const by = options.office.operatorName
  let deleteRecord = false
  const updated = await doc.incrementalModify((current) => {
    const { next } = applyConflictChoices(
      { ...current, _deleted: false } as MergeableParticipant,
      choices,
      by,
      at,
    )
    deleteRecord = next._deleted
    const result = { ...next } as Partial<MergeableParticipant>
    delete result._deleted
    const nikIndex = nikIndexOf(store, String(result.nik))
    return { ...(result as ParticipantDocument), nikIndex: nikIndex ?? current.nikIndex }
  })
  const after = updated.toMutableJSON()
  const changes = diffFields(before, after)
  if (before.status !== after.status) {
    changes.push({ field: 'status', from: before.status, to: after.status })
  }
  if (deleteRecord) {
    changes.push({ field: DELETED_FIELD, from: 'false', to: 'true' })
    await updated.incrementalRemove()
  }
  await markLocalWrite(store, deleteRecord ? { ...after, _deleted: true } : after)
  await appendHistory(
    store,
    {
      participantId: id,
      kind: 'conflict-resolved',
      changes,
      at,
      kecamatanCode: after.kecamatanCode,
    },
    actingUserOfOffice(options.office),
  )
  return after
}

/**
 * A participant's history, oldest first: what this PC wrote and what the audit trail brought from
 * other PCs (sync-controller.ts). Its `$` follows new entries as they are written or pulled.
 */
export function participantHistoryQuery(store: NaunganStore, participantId: string) {
  return store.db.participant_changes.find({
    selector: { participantId },
    sort: [{ participantId: 'asc' }, { at: 'asc' }],
  })
}

export async function getParticipantHistory(
  store: NaunganStore,
  participantId: string,
): Promise<ParticipantChangeDocument[]> {
  const docs = await participantHistoryQuery(store, participantId).exec()
  return docs.map((doc) => doc.toMutableJSON())
}

export interface ParticipantFilters {
  kecamatanCode?: string
  villageCode?: string
  occupationCode?: string
  status?: ParticipantStatus
}

export interface SearchRequest {
  /** What the clerk typed: a name prefix, a NIK prefix or a registration number prefix. */
  text: string
  filters: ParticipantFilters
  limit: number
  /** Continue after this row (the last one of the previous page) in name order. */
  after?: { nameKey: string; id: string }
}

function filterSelector(filters: ParticipantFilters): MangoQuerySelector<ParticipantDocument> {
  const selector: MangoQuerySelector<ParticipantDocument> = {}
  if (filters.kecamatanCode) selector.kecamatanCode = filters.kecamatanCode
  if (filters.villageCode) selector.villageCode = filters.villageCode
  if (filters.occupationCode) selector.occupationCode = filters.occupationCode
  if (filters.status) selector.status = filters.status
  return selector
}

const HIGHEST = '\uffff'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Reads the typed text as the three things a clerk may be searching by. */
export function interpretSearchText(text: string): {
  nameKey: string
  digits: string | null
  registrationPrefix: string | null
} {
  const trimmed = text.slice(0, 120).trim()
  const compact = trimmed.replace(/[\s.-]/g, '')
  const digits = /^\d{1,16}$/.test(compact) ? compact : null
  let registrationPrefix: string | null = null
  if (/^\d{1,4}(-\d{0,6})?$/.test(trimmed)) registrationPrefix = trimmed
  else if (digits && digits.length <= 10) {
    registrationPrefix = digits.length > 4 ? `${digits.slice(0, 4)}-${digits.slice(4)}` : digits
  }
  return { nameKey: nameSearchKey(trimmed), digits, registrationPrefix }
}

/**
 * One page of the participant list in name order, narrowed by what the clerk typed. Every query
 * here is a range over an index, sorted ascending, with a limit — at 100,000 records a scan or a
 * descending walk would be hundreds of milliseconds per keystroke.
 */
export async function searchParticipants(
  store: NaunganStore,
  request: SearchRequest,
): Promise<ParticipantDocument[]> {
  const base = filterSelector(request.filters)
  const limit = Math.max(1, Math.min(request.limit, 500))
  const { nameKey, digits, registrationPrefix } = interpretSearchText(request.text)
  const collection = store.db.participants

  if (digits || registrationPrefix) {
    // Number searches return one page of the closest matches; the clerk types more to narrow.
    if (request.after) return []
    const queries: Promise<ParticipantDocument[]>[] = []
    if (digits) {
      const indexPrefix = nikIndexOf(store, digits)
      if (indexPrefix) {
        queries.push(
          collection
            .find({
              selector: { ...base, nikIndex: { $gte: indexPrefix, $lt: indexPrefix + HIGHEST } },
              sort: [{ nikIndex: 'asc' }],
              limit,
            })
            .exec()
            .then((docs) => docs.map((d) => d.toMutableJSON())),
        )
      }
    }
    if (registrationPrefix) {
      queries.push(
        collection
          .find({
            selector: {
              ...base,
              registrationNumber: { $gte: registrationPrefix, $lt: registrationPrefix + HIGHEST },
            },
            sort: [{ registrationNumber: 'asc' }],
            limit,
          })
          .exec()
          .then((docs) => docs.map((d) => d.toMutableJSON())),
      )
    }
    const seen = new Set<string>()
    const merged: ParticipantDocument[] = []
    for (const docs of await Promise.all(queries)) {
      for (const doc of docs) {
        if (seen.has(doc.id)) continue
        seen.add(doc.id)
        merged.push(doc)
      }
    }
    // Blind-index order means nothing to a person: show the matches by name, like the full list.
    merged.sort((a, b) =>
      a.nameKey === b.nameKey ? (a.id < b.id ? -1 : 1) : a.nameKey < b.nameKey ? -1 : 1,
    )
    return merged.slice(0, limit)
  }

  const nameSelector = nameKey ? { $gte: nameKey, $lt: nameKey + HIGHEST } : { $gte: '' }
  const byName = (selector: MangoQuerySelector<ParticipantDocument>, take: number) =>
    collection
      .find({
        selector: { ...base, ...selector },
        sort: [{ nameKey: 'asc' }, { id: 'asc' }],
        limit: take,
      })
      .exec()
      .then((docs) => docs.map((d) => d.toMutableJSON()))

  // "yani" also finds Ahmad Yani: after the names whose first word starts with what was typed
  // come those with a later word that does, from the word index (name-words.ts): a range of its
  // rows, never a walk over every name. They are listed by the matching words, then by name.
  // Until an older store's index is built, the walk of before (below) answers instead.
  const withLaterWord = async (
    after: { nameKey: string; id: string } | undefined,
    take: number,
  ): Promise<ParticipantDocument[]> => {
    if (!nameKey || take <= 0) return []
    const indexed = await findByLaterWord(store.db, nameKey, request.filters, take, after)
    return indexed ?? walkForLaterWord(after, take)
  }
  // Names whose first word does not start with the text (those came first) but a later one does.
  const laterWord = nameKey ? `^(?!${escapeRegExp(nameKey)})\\S.* ${escapeRegExp(nameKey)}` : null
  const walkForLaterWord = async (
    after: { nameKey: string; id: string } | undefined,
    take: number,
  ): Promise<ParticipantDocument[]> => {
    if (!laterWord || take <= 0) return []
    const sameName = after
      ? await byName({ nameKey: after.nameKey, id: { $gt: after.id } }, take)
      : []
    const later = await byName(
      { nameKey: after ? { $gt: after.nameKey, $regex: laterWord } : { $regex: laterWord } },
      take - sameName.length,
    )
    return [...sameName, ...later]
  }

  if (!request.after) {
    const startsWith = await byName({ nameKey: nameSelector }, limit)
    if (startsWith.length >= limit) return startsWith
    return [...startsWith, ...(await withLaterWord(undefined, limit - startsWith.length))]
  }

  const { nameKey: afterKey, id: afterId } = request.after
  // The page ended among the later-word matches: go on with those.
  if (nameKey && !afterKey.startsWith(nameKey)) {
    return withLaterWord(request.after, limit)
  }

  // Keyset pagination: continue after the last row shown instead of skipping N rows. First the
  // rest of the rows with the same name, then the names after it.
  const sameName = await byName({ nameKey: afterKey, id: { $gt: afterId } }, limit)
  if (sameName.length >= limit) return sameName
  const laterNames = await byName(
    { nameKey: nameKey ? { $gt: afterKey, $lt: nameKey + HIGHEST } : { $gt: afterKey } },
    limit - sameName.length,
  )
  const page = [...sameName, ...laterNames]
  if (page.length >= limit) return page
  return [...page, ...(await withLaterWord(undefined, limit - page.length))]
}

export async function countParticipants(
  store: NaunganStore,
  filters: ParticipantFilters,
): Promise<number> {
  return store.db.participants.count({ selector: filterSelector(filters) }).exec()
}

/** While records keep changing, an uncertain live count is counted again at most this often. */
const RECOUNT_EVERY_MS = 30_000
/** An uncertain live count is counted again once no record changed for this long. */
const RECOUNT_QUIET_MS = 1_500

interface CountedEvent {
  operation: 'INSERT' | 'UPDATE' | 'DELETE'
  documentData: unknown
  previousDocumentData?: unknown
}

const countedFields = ['kecamatanCode', 'villageCode', 'occupationCode', 'status'] as const

function isCounted(doc: unknown, filters: ParticipantFilters): boolean {
  if (!doc || typeof doc !== 'object') return false
  const fields = doc as Record<string, unknown>
  if (fields['_deleted'] === true) return false
  return countedFields.every((field) => !filters[field] || fields[field] === filters[field])
}

/**
 * What one change does to the number of participants matching `filters`: +1, −1, 0, or null
 * when the event does not say (an update or delete without the state before it).
 */
export function countChangeOf(event: CountedEvent, filters: ParticipantFilters): number | null {
  const after = event.operation === 'DELETE' ? false : isCounted(event.documentData, filters)
  if (event.operation === 'INSERT') return after ? 1 : 0
  if (!event.previousDocumentData) return null
  return (after ? 1 : 0) - (isCounted(event.previousDocumentData, filters) ? 1 : 0)
}

const lastWriteOf = (doc: unknown) => {
  const meta = (doc as { _meta?: { lwt?: unknown } } | null)?._meta
  return typeof meta?.lwt === 'number' ? meta.lwt : 0
}

/**
 * The number of participants matching `filters`, kept up to date as records change:
 * `onCount` gets it once counted and again after every change.
 *
 * Counting walks an index of every matching record in IndexedDB — about a second at 50,000, and
 * every other read of the store (a search as the clerk types) waits behind it. A first sync
 * changes records for minutes; counting again after each re-read of the list (every 1.5 s) kept
 * IndexedDB busy through the sync (issue 14). So the store is counted once, and each change event
 * after that moves the number (its state before and after, against the filters). An event that
 * arrives while a count runs is taken as in that count when its write began before the count (RxDB
 * stamps `_meta.lwt` when a write begins), and added to it otherwise — a close guess, not a
 * certainty, so such an event, and one that does not say its state before, makes the number
 * uncertain: the store is then counted again once changes pause (RECOUNT_QUIET_MS), or every
 * RECOUNT_EVERY_MS while they do not. The number shown once writes stop is a count of the store.
 */
export function watchParticipantCount(
  store: NaunganStore,
  filters: ParticipantFilters,
  onCount: (count: number) => void,
): () => void {
  let count: number | null = null
  /** While a count runs: its start on RxDB's clock, and the changes of writes begun after it. */
  let running: { since: number; change: number } | null = null
  let isUncertain = false
  let lastCountAt = -Infinity
  let quietTimer: ReturnType<typeof setTimeout> | undefined
  let isClosed = false

  const recount = () => {
    clearTimeout(quietTimer)
    quietTimer = undefined
    if (isClosed || running) return
    const run = { since: storeClock(), change: 0 }
    running = run
    isUncertain = false
    lastCountAt = performance.now()
    countParticipants(store, filters).then(
      (counted) => {
        running = null
        if (isClosed) return
        count = counted + run.change
        onCount(count)
        if (isUncertain) quietTimer = setTimeout(recount, RECOUNT_QUIET_MS)
      },
      () => {
        running = null
        isUncertain = true
      },
    )
  }

  const subscription = store.db.participants.eventBulks$.subscribe((bulk) => {
    if (isClosed) return
    let moved = false
    for (const event of bulk.events) {
      const change = countChangeOf(event, filters)
      if (change === null) isUncertain = true
      else if (running) {
        if (change === 0) continue
        if (lastWriteOf(event.documentData) > running.since) running.change += change
        // Even a write begun after the count may have reached IndexedDB first: count again later.
        isUncertain = true
      } else if (count !== null && change !== 0) {
        count += change
        moved = true
      }
    }
    if (moved && count !== null) onCount(count)
    if (!isUncertain) return
    if (performance.now() - lastCountAt > RECOUNT_EVERY_MS) recount()
    else {
      clearTimeout(quietTimer)
      quietTimer = setTimeout(recount, RECOUNT_QUIET_MS)
    }
  })
  recount()
  return () => {
    isClosed = true
    clearTimeout(quietTimer)
    subscription.unsubscribe()
  }
}
