/**
 * The import's side of the local store: looking up the file's NIKs through the blind index,
 * saving column mappings per source, and applying or undoing an import as one step.
 *
 * RxDB has no transaction across documents. All-or-nothing is built from three things:
 *
 * 1. Every write of one import carries the same `updatedAt` (the batch's `at`). A record whose
 *    `updatedAt` is still that value holds exactly what the import wrote; any later edit (a
 *    clerk, a verifier, a sync from another office) changes it.
 * 2. A batch record (local documents `import-batch/<id>` and its parts) lists, before each slice
 *    is written, what the slice will do: the ids of drafts it creates, and for each check it
 *    changes the value before and after. Only those fields; no NIK.
 * 3. Rolling back (a failed or cancelled apply) and undoing (the clerk's "Urungkan impor") restore
 *    the recorded values of exactly the records still carrying the batch's `at`; undo refuses,
 *    listing them, when any record was changed since — it never writes over a later edit.
 *
 * Every write goes through the collection (sealed fields stay sealed, the schema validates),
 * is marked for sync and gets a history entry, like any other edit.
 */
import type { RxDocument } from 'rxdb'
import { nameSearchKey } from '../../../shared/participant/names'
import type {
  CoveragePeriod,
  FieldChange,
  ParticipantChangeDocument,
  ParticipantDocument,
} from '../../../shared/participant/participant-document'
import { participantChangeJsonSchema } from '../../../shared/participant/participant-document'
import type { ColumnMapping, ImportKind } from '../../../shared/import/import-fields'
import { EXISTING_MEMBER_SOURCE_PREFIX } from '../../../shared/coverage/existing-members'
import {
  CENTRAL_SERIES_OFFICE_NUMBER,
  centralSeriesOfficeCode,
} from '../../../shared/participant/registration-number'
import { district } from '../app/district'
import {
  memberRefusalOf,
  NO_REGISTRATION_HERE,
  type ExistingRecord,
  type RowOutcome,
} from '../../../shared/import/import-plan'
import type { DraftValues, MemberValues } from '../../../shared/import/row-validation'
import { DELETED_FIELD } from '../../../shared/sync/merge'
import {
  canPerform,
  withCheckDecision,
  type Actor,
  type AgencyCheck,
  type WorkflowVerdict,
} from '../../../shared/workflow/workflow'
import type { NaunganStore } from '../store/database'
import {
  appendHistoryEntries,
  nikIndexOf,
  officeCodeOf,
  reserveRegistrationNumbers,
  type HistoryActor,
  type HistoryEntry,
  type OfficeProfile,
} from '../store/participant-repository'
import { markLocalWrites } from '../store/sync-state-repository'
import { currentTime } from '../../../shared/dates/clock'

/** NIKs per blind-index query: one `$in` over a sorted run of index values. */
export const NIK_LOOKUP_SLICE = 500
/** Most records per write while applying or undoing (see `writeSlicer`). */
export const WRITE_SLICE = 500
/** Records per `findByIds` while checking: building 500 documents at once is a long task. */
const READ_SLICE = 200

export class ImportCancelledError extends Error {
  constructor() {
    super('Import cancelled.')
    this.name = 'ImportCancelledError'
  }
}

/** Lets the window paint and handle keys between slices. */
export const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportCancelledError()
}

function sliced<T>(items: readonly T[], size: number): T[][] {
  const slices: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    slices.push(items.slice(start, start + size))
  }
  return slices
}

/**
 * RxDB's writes run mostly on the main thread (schema validation, documents: ~1 ms per record in
 * Chromium), so 500 records in one write hold the window for half a second. Write slices are
 * sized from the last one's time to stay near TARGET_WRITE_MS; a fixed size (tests) is kept.
 */
const TARGET_WRITE_MS = 35
const MIN_WRITE_SLICE = 5
const FIRST_WRITE_SLICE = 25
/** Entries per batch-record part: written once before the slices of its records. */
const PART_SIZE = 1_000

interface WriteSlicer {
  readonly size: number
  timed<T>(count: number, work: () => Promise<T>): Promise<T>
}

function writeSlicer(fixed?: number): WriteSlicer {
  let size = fixed ?? FIRST_WRITE_SLICE
  return {
    get size() {
      return size
    },
    async timed(count, work) {
      const started = performance.now()
      const result = await work()
      if (fixed === undefined && count > 0) {
        const perRecord = Math.max(performance.now() - started, 1) / count
        size = Math.max(
          MIN_WRITE_SLICE,
          Math.min(WRITE_SLICE, Math.round(TARGET_WRITE_MS / perRecord)),
        )
      }
      return result
    },
  }
}

/** `work` on consecutive slices of `items`, as large as the slicer says, with a pause between. */
async function inSlices<T>(
  items: readonly T[],
  slicer: WriteSlicer,
  signal: AbortSignal | undefined,
  work: (slice: T[]) => Promise<void>,
): Promise<void> {
  let position = 0
  while (position < items.length) {
    throwIfCancelled(signal)
    const slice = items.slice(position, position + slicer.size)
    await work(slice)
    position += slice.length
    await yieldToUi()
  }
}

function fulfilledDocuments(
  results: readonly PromiseSettledResult<RxDocument<ParticipantDocument>>[],
): ParticipantDocument[] {
  return results.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value.toJSON() as ParticipantDocument] : [],
  )
}

// ---------------------------------------------------------------------------------------------
// Looking up the file's NIKs

export interface NikToFind {
  nik: string
  /** The blind index, when the worker already computed it. */
  nikIndex?: string
}

const recordOf = (doc: ParticipantDocument): ExistingRecord => ({
  id: doc.id,
  registrationNumber: doc.registrationNumber,
  nameKey: doc.nameKey,
  status: doc.status,
  checks: (doc.checks ?? []).map((check) => ({ ...check })),
  updatedAt: doc.updatedAt,
  ...(doc.kpjNumber ? { kpjNumber: doc.kpjNumber } : {}),
})

/** Work items between two pauses while preparing a lookup (HMACs are ~0.5 ms each). */
const PREPARE_CHUNK = 5_000
const HMAC_CHUNK = 100

/**
 * The records holding each NIK, in slices of `sliceSize` with a pause between slices, so 100,000
 * NIKs never hold the window. The index values are sorted first: RxDB runs an `$in` as a scan of
 * the index between its smallest and largest value, so sorted slices each scan a narrow band and
 * together read each stored record about once (an unsorted slice of 500 scans nearly all of it).
 * Sorting 100,000 values in one call would itself hold the window (~50 ms), so they are first
 * spread over buckets by their first two characters, and each bucket is sorted when reached.
 */
export async function findExistingByNik(
  store: NaunganStore,
  niks: readonly NikToFind[],
  options: {
    sliceSize?: number
    onProgress?(done: number, total: number): void
    signal?: AbortSignal
  } = {},
): Promise<Map<string, ExistingRecord[]>> {
  const nikByIndex = new Map<string, string>()
  const buckets = new Map<string, string[]>()
  for (let position = 0; position < niks.length; position++) {
    const entry = niks[position] as NikToFind
    const index = entry.nikIndex ?? nikIndexOf(store, entry.nik)
    if (index && index.length === 16 && !nikByIndex.has(index)) {
      nikByIndex.set(index, entry.nik)
      const bucket = index.slice(0, 2)
      const list = buckets.get(bucket)
      if (list) list.push(index)
      else buckets.set(bucket, [index])
    }
    const chunk = entry.nikIndex ? PREPARE_CHUNK : HMAC_CHUNK
    if (position % chunk === chunk - 1) {
      throwIfCancelled(options.signal)
      await yieldToUi()
    }
  }
  const total = nikByIndex.size
  const sliceSize = options.sliceSize ?? NIK_LOOKUP_SLICE
  const found = new Map<string, ExistingRecord[]>()
  let done = 0
  const lookUp = async (slice: string[]) => {
    throwIfCancelled(options.signal)
    const docs = await store.db.participants.find({ selector: { nikIndex: { $in: slice } } }).exec()
    for (const doc of docs) {
      const data = doc.toJSON() as ParticipantDocument
      const nik = nikByIndex.get(data.nikIndex)
      // The index is exact by construction; the decrypted NIK guards against a damaged row.
      if (nik === undefined || data.nik !== nik) continue
      const list = found.get(nik) ?? []
      list.push(recordOf(data))
      found.set(nik, list)
    }
    done += slice.length
    options.onProgress?.(done, total)
    await yieldToUi()
  }
  let pending: string[] = []
  for (const bucket of [...buckets.keys()].sort()) {
    for (const index of (buckets.get(bucket) as string[]).sort()) {
      pending.push(index)
      if (pending.length === sliceSize) {
        await lookUp(pending)
        pending = []
      }
    }
  }
  if (pending.length > 0) await lookUp(pending)
  return found
}

// ---------------------------------------------------------------------------------------------
// Column mappings saved per source

export interface SavedMapping {
  /** What the clerk called the source, e.g. "DTKS Dinsos 2026". */
  name: string
  kind: ImportKind
  agency: string
  mapping: ColumnMapping
  createDrafts: boolean
  updatedAt: string
}

const MAPPINGS_DOC = 'import-mappings'
const MAX_SAVED_MAPPINGS = 50

/** Source names compare without case and spacing: "DTKS  dinsos 2026" is "DTKS Dinsos 2026". */
export const sourceKey = (name: string) => name.trim().replace(/\s+/g, ' ').toUpperCase()

export async function loadSavedMappings(store: NaunganStore): Promise<SavedMapping[]> {
  const doc = await store.db.getLocal<{ mappings: SavedMapping[] }>(MAPPINGS_DOC)
  return doc ? [...(doc.toJSON().data.mappings ?? [])] : []
}

export async function saveMapping(store: NaunganStore, mapping: SavedMapping): Promise<void> {
  const others = (await loadSavedMappings(store)).filter(
    (entry) => sourceKey(entry.name) !== sourceKey(mapping.name),
  )
  const name = mapping.name.trim().replace(/\s+/g, ' ').slice(0, 80)
  const mappings = [{ ...mapping, name }, ...others].slice(0, MAX_SAVED_MAPPINGS)
  await store.db.upsertLocal(MAPPINGS_DOC, { mappings })
}

// ---------------------------------------------------------------------------------------------
// The batch record

export type ImportBatchState = 'applying' | 'applied' | 'rolled-back' | 'undone'

export interface ImportBatch {
  id: string
  /** The source name the clerk gave, e.g. "DTKS Dinsos 2026". */
  source: string
  kind: ImportKind
  agency: string
  fileName: string
  /** The `updatedAt` every record written by this import carries. */
  at: string
  by: string
  role: string
  officeCode: string
  state: ImportBatchState
  created: number
  updated: number
  parts: number
  undoneAt?: string
  undoneBy?: string
  /** Why an apply stopped (technical, for support). */
  failure?: string
}

export type BatchEntry =
  | { kind: 'created'; id: string }
  | { kind: 'updated'; id: string; agency: string; before: AgencyCheck; after: AgencyCheck }

const BATCH_INDEX_DOC = 'import-batches'
const MAX_BATCHES_KEPT = 50
const batchDocId = (id: string) => `import-batch/${id}`
const partDocId = (id: string, part: number) => `import-batch/${id}/${part}`

async function saveBatch(store: NaunganStore, batch: ImportBatch): Promise<void> {
  await store.db.upsertLocal(batchDocId(batch.id), batch)
}

async function registerBatch(store: NaunganStore, batch: ImportBatch): Promise<void> {
  await saveBatch(store, batch)
  const index = await store.db.getLocal<{ ids: string[] }>(BATCH_INDEX_DOC)
  const ids = [batch.id, ...(index?.toJSON().data.ids ?? []).filter((id) => id !== batch.id)]
  await store.db.upsertLocal(BATCH_INDEX_DOC, { ids: ids.slice(0, MAX_BATCHES_KEPT) })
  // Batches beyond the kept ones can no longer be undone: their records go.
  for (const old of ids.slice(MAX_BATCHES_KEPT)) {
    const header = await loadBatch(store, old)
    for (let part = 0; part < (header?.parts ?? 0); part++) {
      await (await store.db.getLocal(partDocId(old, part)))?.remove()
    }
    await (await store.db.getLocal(batchDocId(old)))?.remove()
  }
}

export async function loadBatch(store: NaunganStore, id: string): Promise<ImportBatch | null> {
  const doc = await store.db.getLocal<ImportBatch>(batchDocId(id))
  return doc ? ({ ...doc.toJSON().data } as ImportBatch) : null
}

async function loadBatchEntries(store: NaunganStore, batch: ImportBatch): Promise<BatchEntry[]> {
  const entries: BatchEntry[] = []
  for (let part = 0; part < batch.parts; part++) {
    const doc = await store.db.getLocal<{ entries: BatchEntry[] }>(partDocId(batch.id, part))
    if (doc) entries.push(...doc.toJSON().data.entries)
  }
  return entries
}

/** The latest imports of this PC, newest first. */
export async function listImportBatches(store: NaunganStore, limit = 10): Promise<ImportBatch[]> {
  const index = await store.db.getLocal<{ ids: string[] }>(BATCH_INDEX_DOC)
  const batches: ImportBatch[] = []
  for (const id of (index?.toJSON().data.ids ?? []).slice(0, limit)) {
    const batch = await loadBatch(store, id)
    if (batch) batches.push(batch)
  }
  return batches
}

// ---------------------------------------------------------------------------------------------
// History: the one place the import decides the shape of its entries.

/** 'imported' where the history schema knows it (it does since v1), else plain 'updated'. */
const IMPORT_HISTORY_KIND = (
  (participantChangeJsonSchema.properties.kind.enum as readonly string[]).includes('imported')
    ? 'imported'
    : 'updated'
) as ParticipantChangeDocument['kind']

async function writeImportHistory(
  store: NaunganStore,
  entries: readonly {
    participant: Pick<ParticipantDocument, 'id' | 'kecamatanCode'>
    changes: FieldChange[]
  }[],
  at: string,
  actor: HistoryActor,
): Promise<void> {
  const history: HistoryEntry[] = entries
    .filter((entry) => entry.changes.length > 0)
    .map((entry) => ({
      participantId: entry.participant.id,
      kecamatanCode: entry.participant.kecamatanCode,
      kind: IMPORT_HISTORY_KIND,
      changes: entry.changes,
      at,
    }))
  await appendHistoryEntries(store, history, actor)
}

/** A check as history shows it, the way the verification screens write it. */
const describeCheck = (check: AgencyCheck | undefined) =>
  check ? [check.state, check.reasonCode, check.note].filter(Boolean).join(' — ') : ''

const checkChange = (
  agency: string,
  from: AgencyCheck | undefined,
  to: AgencyCheck | undefined,
) => ({
  field: `checks.${agency}`,
  from: describeCheck(from),
  to: describeCheck(to),
})

function draftDocument(
  store: NaunganStore,
  create: PlannedCreate,
  registrationNumber: string,
  context: { source: string; at: string; by: string; officeCode: string },
): ParticipantDocument {
  const values = create.draft
  // The worker's index (self-checked against encodeNikBlindIndex) spares ~0.5 ms per draft here.
  const nikIndex = create.nikIndex ?? nikIndexOf(store, values.nik)
  if (!nikIndex || nikIndex.length !== 16) {
    throw new Error('NIK must be normalised digits before saving.')
  }
  return {
    id: crypto.randomUUID(),
    registrationNumber,
    nik: values.nik,
    nikIndex,
    kk: values.kk,
    fullName: values.fullName,
    nameKey: nameSearchKey(values.fullName),
    birthPlace: values.birthPlace,
    birthDate: values.birthDate,
    sex: values.sex,
    address: values.address,
    rt: values.rt,
    rw: values.rw,
    kecamatanCode: values.kecamatanCode,
    villageCode: values.villageCode,
    // Not in an agency list: the clerk completes them before submitting.
    occupationCode: create.member?.occupationCode ?? '',
    monthlyIncome: 0,
    heirName: '',
    heirRelationship: '',
    status: create.member?.status ?? 'draft',
    officeCode: context.officeCode,
    createdAt: context.at,
    createdBy: context.by,
    updatedAt: context.at,
    updatedBy: context.by,
    duplicates: [],
    conflicts: [],
    prints: [],
    checks: [],
    source: sourceOf(create, context.source),
    // An existing member: already paid for by the regency, with BPJS's number and since when.
    ...(create.member
      ? { kpjNumber: create.member.kpjNumber, coverage: create.member.coverage }
      : {}),
  }
}

/** `impor:<source>` for drafts, `peserta-lama:<source>` for existing members (80 characters). */
function sourceOf(create: Pick<PlannedCreate, 'member'>, source: string): string {
  const prefix = create.member ? EXISTING_MEMBER_SOURCE_PREFIX : 'impor:'
  return `${prefix}${source}`.slice(0, 80)
}

/** As the enrolment screen's history writes coverage: "2026: 2026-01-01 [peserta-lama]". */
const describePeriods = (periods: readonly CoveragePeriod[]) =>
  periods
    .map(
      (period) =>
        `${period.year}: ${period.from}${period.until ? `..${period.until}` : ''} [${period.batchId}]`,
    )
    .join('; ')

const draftHistory = (doc: ParticipantDocument): FieldChange[] => {
  const fields = [
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
    'status',
    'kpjNumber',
  ] as const
  return [
    ...fields
      .filter((field) => doc[field] !== '' && doc[field] !== undefined)
      .map((field) => ({ field, from: '', to: String(doc[field]) })),
    ...(doc.coverage ? [{ field: 'coverage', from: '', to: describePeriods(doc.coverage) }] : []),
    { field: 'source', from: '', to: doc.source ?? '' },
  ]
}

// ---------------------------------------------------------------------------------------------
// Apply

/** Who applies or undoes, and from where (the history's actor). */
export interface ImportContext {
  actor: Actor
  officeCode: string
  deviceId: string
}

const historyActorOfContext = (context: ImportContext): HistoryActor => ({
  by: context.actor.name,
  role: context.actor.role,
  officeCode: context.officeCode,
  deviceId: context.deviceId,
})

export type ImportPhase = 'checking' | 'writing' | 'rolling-back' | 'undoing'

export interface ApplyOptions {
  context: ImportContext
  /** The registering office (registration numbers of drafts); null where none may be made. */
  office: OfficeProfile | null
  /** The central office: existing members go in its series of their kecamatan ('06-99'). */
  centralSeries?: boolean
  source: string
  kind: ImportKind
  agency: string
  fileName: string
  now?: Date
  sliceSize?: number
  onProgress?(phase: ImportPhase, done: number, total: number): void
  signal?: AbortSignal
}

/** A record the dry run saw differently from the store now (a row to run the dry run again for). */
export interface StaleRow {
  rowNumber: number
  registrationNumber?: string
}

export type ApplyResult =
  | { ok: true; batch: ImportBatch }
  | { ok: false; reason: 'NOTHING_TO_APPLY' }
  | { ok: false; reason: 'STALE'; rows: StaleRow[] }
  | { ok: false; reason: 'NOT_ALLOWED'; message: { id: string; en: string } }
  | {
      ok: false
      reason: 'CANCELLED' | 'FAILED'
      /** False when the rollback itself failed: the batch stays listed for "Urungkan impor". */
      rolledBack: boolean
      /** Null when it stopped before anything was written. */
      batch: ImportBatch | null
      message: string
    }

type PlannedUpdate = {
  rowNumber: number
  recordId: string
  registrationNumber: string
  expectedUpdatedAt: string
  agency: string
  to: { state: 'confirmed' | 'rejected'; reasonCode?: string; note?: string }
}
type PlannedCreate = {
  rowNumber: number
  draft: DraftValues
  nikIndex?: string
  member?: MemberValues
}

type Numbering = { registrationNumber: string; officeCode: string }

/**
 * A registration number and office for each record to create, in order: the registering
 * office's sequence, or — at the central office, for existing members — its series of each
 * record's kecamatan (`centralSeriesOfficeCode`, e.g. 0699-000001).
 */
async function numberCreates(
  store: NaunganStore,
  creates: readonly PlannedCreate[],
  options: Pick<ApplyOptions, 'office' | 'centralSeries' | 'context'>,
): Promise<Numbering[]> {
  if (creates.length === 0) return []
  if (options.office) {
    const officeCode = officeCodeOf(options.office)
    const numbers = await reserveRegistrationNumbers(store, options.office, creates.length)
    return numbers.map((registrationNumber) => ({ registrationNumber, officeCode }))
  }
  const byKecamatan = new Map<string, number[]>()
  creates.forEach((create, index) => {
    const code = create.draft.kecamatanCode
    byKecamatan.set(code, [...(byKecamatan.get(code) ?? []), index])
  })
  const numbering: Numbering[] = new Array<Numbering>(creates.length)
  for (const [kecamatanCode, indexes] of byKecamatan) {
    const kecamatan = district.regions.kecamatanByCode(kecamatanCode)
    if (!kecamatan) throw new Error(`Unknown kecamatan ${kecamatanCode}`)
    const series: OfficeProfile = {
      kecamatanCode,
      kecamatanShortCode: kecamatan.shortCode,
      officeNumber: CENTRAL_SERIES_OFFICE_NUMBER,
      operatorName: options.context.actor.name,
    }
    const officeCode = centralSeriesOfficeCode(kecamatan.shortCode)
    const numbers = await reserveRegistrationNumbers(store, series, indexes.length)
    indexes.forEach((createIndex, position) => {
      numbering[createIndex] = { registrationNumber: numbers[position] as string, officeCode }
    })
  }
  return numbering
}

/**
 * Re-reads what the dry run decided on: every record to change must be as the dry run saw it
 * (and still allowed), every NIK to create must still be unknown here.
 */
async function preflight(
  store: NaunganStore,
  updates: readonly PlannedUpdate[],
  creates: readonly PlannedCreate[],
  actor: Actor,
  onProgress: (done: number) => void,
  signal: AbortSignal | undefined,
): Promise<{ stale: StaleRow[]; before: Map<string, AgencyCheck> }> {
  const stale: StaleRow[] = []
  const before = new Map<string, AgencyCheck>()
  let done = 0
  for (const slice of sliced(updates, READ_SLICE)) {
    throwIfCancelled(signal)
    const docs = await store.db.participants
      .findByIds(slice.map((update) => update.recordId))
      .exec()
    for (const update of slice) {
      const doc = docs.get(update.recordId)?.toJSON() as ParticipantDocument | undefined
      const current = doc?.checks.find((check) => check.agency === update.agency)
      const allowed =
        doc &&
        canPerform(actor, doc, {
          kind: 'decide-check',
          agency: update.agency,
          state: update.to.state,
        }).allowed
      if (!doc || doc.updatedAt !== update.expectedUpdatedAt || !current || !allowed) {
        stale.push({ rowNumber: update.rowNumber, registrationNumber: update.registrationNumber })
      } else {
        before.set(update.recordId, { ...current })
      }
    }
    done += slice.length
    onProgress(done)
    await yieldToUi()
  }
  if (creates.length > 0) {
    const rowOf = new Map(creates.map((create) => [create.draft.nik, create.rowNumber]))
    const existing = await findExistingByNik(
      store,
      creates.map((create) =>
        create.nikIndex
          ? { nik: create.draft.nik, nikIndex: create.nikIndex }
          : { nik: create.draft.nik },
      ),
      { signal, onProgress: (count) => onProgress(done + count) },
    )
    for (const [nik, records] of existing) {
      stale.push({
        rowNumber: rowOf.get(nik) ?? 0,
        registrationNumber: records[0]?.registrationNumber,
      })
    }
  }
  stale.sort((a, b) => a.rowNumber - b.rowNumber)
  return { stale, before }
}

/**
 * Applies what the dry run planned, all or nothing: drafts for `create` rows, check decisions for
 * `match` rows. Any failure — or a cancel — rolls back what was already written.
 */
export async function applyImport(
  store: NaunganStore,
  outcomes: readonly RowOutcome[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const { actor } = options.context
  const updates: PlannedUpdate[] = []
  const creates: PlannedCreate[] = []
  for (const outcome of outcomes) {
    if (outcome.outcome === 'create') {
      creates.push({
        rowNumber: outcome.rowNumber,
        draft: outcome.draft,
        ...(outcome.nikIndex ? { nikIndex: outcome.nikIndex } : {}),
        ...(outcome.member ? { member: outcome.member } : {}),
      })
    }
    if (outcome.outcome === 'match') {
      for (const change of outcome.changes) {
        updates.push({ rowNumber: outcome.rowNumber, ...change })
      }
    }
  }
  if (updates.length === 0 && creates.length === 0) return { ok: false, reason: 'NOTHING_TO_APPLY' }
  if (creates.length > 0) {
    const verdict = canPerform(actor, { status: 'draft', checks: [] }, { kind: 'edit-data' })
    if (!verdict.allowed) return { ok: false, reason: 'NOT_ALLOWED', message: verdict.message }
    const allMembers = creates.every((create) => create.member)
    if (!options.office && !(allMembers && options.centralSeries)) {
      return { ok: false, reason: 'NOT_ALLOWED', message: NO_REGISTRATION_HERE }
    }
    if (creates.some((create) => create.member)) {
      const refusal = memberRefusalOf({
        actor,
        registrationAllowed: options.office !== null,
        centralSeries: options.centralSeries ?? false,
      })
      if (refusal) return { ok: false, reason: 'NOT_ALLOWED', message: refusal }
    }
  }

  const total = updates.length + creates.length
  const progress = options.onProgress ?? (() => undefined)
  let checked
  try {
    checked = await preflight(
      store,
      updates,
      creates,
      actor,
      (done) => progress('checking', done, total),
      options.signal,
    )
  } catch (error) {
    if (error instanceof ImportCancelledError) {
      return {
        ok: false,
        reason: 'CANCELLED',
        rolledBack: true,
        batch: null,
        message: error.message,
      }
    }
    throw error
  }
  if (checked.stale.length > 0) return { ok: false, reason: 'STALE', rows: checked.stale }

  const at = (options.now ?? currentTime()).toISOString()
  const historyActor = historyActorOfContext(options.context)
  const batch: ImportBatch = {
    id: crypto.randomUUID(),
    source: options.source.trim().slice(0, 80),
    kind: options.kind,
    agency: options.agency,
    fileName: options.fileName.slice(0, 200),
    at,
    by: actor.name,
    role: actor.role,
    officeCode: options.context.officeCode,
    state: 'applying',
    created: 0,
    updated: 0,
    parts: 0,
  }
  let numbering: Numbering[] = []
  try {
    numbering = await numberCreates(store, creates, options)
  } catch (error) {
    // E.g. the office's sequence would pass 999999: nothing is written yet.
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: 'FAILED', rolledBack: true, batch: null, message }
  }
  await registerBatch(store, batch)

  const slicer = writeSlicer(options.sliceSize)
  const partSize = Math.max(PART_SIZE, options.sliceSize ?? 0)
  let written = 0
  try {
    // Drafts first, then the check decisions. Each part is recorded before any of its records is
    // written, then written in slices sized to keep the window responsive.
    for (const [partIndex, part] of sliced(creates, partSize).entries()) {
      throwIfCancelled(options.signal)
      const docs = part.map((create, index) => {
        const { registrationNumber, officeCode } = numbering[
          partIndex * partSize + index
        ] as Numbering
        return draftDocument(store, create, registrationNumber, {
          source: batch.source,
          at,
          by: actor.name,
          officeCode,
        })
      })
      await writePart(
        store,
        batch,
        docs.map((doc) => ({ kind: 'created', id: doc.id })),
      )
      await inSlices(docs, slicer, options.signal, async (slice) => {
        const { error } = await slicer.timed(slice.length, () =>
          store.db.participants.bulkInsert(slice),
        )
        if (error.length > 0) {
          throw new Error(`${error.length} drafts could not be saved (${error[0]?.status}).`)
        }
        await markLocalWrites(store, slice)
        await writeImportHistory(
          store,
          slice.map((doc) => ({ participant: doc, changes: draftHistory(doc) })),
          at,
          historyActor,
        )
        batch.created += slice.length
        written += slice.length
        progress('writing', written, total)
      })
    }

    for (const part of sliced(updates, partSize)) {
      throwIfCancelled(options.signal)
      const entries = part.map((update): Extract<BatchEntry, { kind: 'updated' }> => {
        const before = checked.before.get(update.recordId) as AgencyCheck
        return {
          kind: 'updated',
          id: update.recordId,
          agency: update.agency,
          before,
          after: decidedCheck(before, update, actor, at),
        }
      })
      await writePart(store, batch, entries)
      const entryOf = new Map(entries.map((entry) => [entry.id, entry]))
      await inSlices(part, slicer, options.signal, async (slice) => {
        const docs = await store.db.participants
          .findByIds(slice.map((update) => update.recordId))
          .exec()
        const results = await slicer.timed(slice.length, () =>
          Promise.allSettled(
            slice.map((update) => {
              const doc = docs.get(update.recordId)
              const entry = entryOf.get(update.recordId) as Extract<BatchEntry, { kind: 'updated' }>
              if (!doc) return Promise.reject(new Error('record gone'))
              return doc.incrementalModify((current) => {
                // May run again if the record changed under it: then it is not the dry run's.
                if (current.updatedAt !== update.expectedUpdatedAt) {
                  throw new Error('changed meanwhile')
                }
                const verdict = canPerform(actor, current, {
                  kind: 'decide-check',
                  agency: update.agency,
                  state: update.to.state,
                })
                if (!verdict.allowed) throw new Error(verdict.code)
                return {
                  ...current,
                  checks: current.checks.map((check) =>
                    check.agency === entry.agency ? entry.after : check,
                  ),
                  updatedAt: at,
                  updatedBy: actor.name,
                }
              })
            }),
          ),
        )
        const saved = fulfilledDocuments(results)
        await markLocalWrites(store, saved)
        await writeImportHistory(
          store,
          saved.map((doc) => {
            const entry = entryOf.get(doc.id) as Extract<BatchEntry, { kind: 'updated' }>
            return {
              participant: doc,
              changes: [checkChange(entry.agency, entry.before, entry.after)],
            }
          }),
          at,
          historyActor,
        )
        const failed = results.find((result) => result.status === 'rejected')
        if (failed) throw (failed as PromiseRejectedResult).reason
        batch.updated += saved.length
        written += saved.length
        progress('writing', written, total)
      })
    }
  } catch (error) {
    const cancelled = error instanceof ImportCancelledError
    const message = error instanceof Error ? error.message : String(error)
    const rolledBack = await rollBack(store, batch, options.context, (done, of) =>
      progress('rolling-back', done, of),
    )
      .then(() => true)
      .catch(() => false)
    batch.failure = message.slice(0, 300)
    if (rolledBack) batch.state = 'rolled-back'
    await saveBatch(store, batch).catch(() => undefined)
    return { ok: false, reason: cancelled ? 'CANCELLED' : 'FAILED', rolledBack, batch, message }
  }
  batch.state = 'applied'
  await saveBatch(store, batch)
  return { ok: true, batch }
}

function decidedCheck(
  before: AgencyCheck,
  update: PlannedUpdate,
  actor: Actor,
  at: string,
): AgencyCheck {
  const decided = withCheckDecision(
    { status: 'submitted', checks: [before] },
    {
      agency: update.agency,
      state: update.to.state,
      ...(update.to.reasonCode ? { reasonCode: update.to.reasonCode } : {}),
      ...(update.to.note ? { note: update.to.note } : {}),
      actor,
      at,
    },
  )
  return decided.checks[0] as AgencyCheck
}

async function writePart(
  store: NaunganStore,
  batch: ImportBatch,
  entries: BatchEntry[],
): Promise<void> {
  await store.db.upsertLocal(partDocId(batch.id, batch.parts), { entries })
  batch.parts += 1
  await saveBatch(store, batch)
}

// ---------------------------------------------------------------------------------------------
// Rollback and undo

/**
 * What a rollback or undo will restore: entries and ids only. The documents are read again slice
 * by slice right before each write (holding 100,000 RxDB documents for the whole undo made the
 * browser's garbage collector stop the window for up to a second and a half).
 */
interface RevertPlan {
  updated: Extract<BatchEntry, { kind: 'updated' }>[]
  created: string[]
  /** Records the acting user may not revert, with the workflow's reason (undo only). */
  refused: { id: string; registrationNumber: string }[]
  refusal: Extract<WorkflowVerdict, { allowed: false }> | null
}

/**
 * What a revert has written so far, so a failure can put exactly that back. Removed drafts by id
 * only: their data stays in the store as deleted documents and is read back if needed (holding
 * 100,000 documents in memory made garbage collection stop the window for up to a second).
 */
interface RevertLog {
  reverted: Extract<BatchEntry, { kind: 'updated' }>[]
  removed: string[]
}

/** Record changed after the import, as the refusal lists it. */
export interface ChangedRecord {
  id: string
  registrationNumber: string
  fullName: string
  updatedAt: string
  updatedBy: string
}

async function readRevertPlan(
  store: NaunganStore,
  batch: ImportBatch,
  entries: readonly BatchEntry[],
  actor: Actor | null,
): Promise<{ plan: RevertPlan; changed: ChangedRecord[] }> {
  const plan: RevertPlan = { updated: [], created: [], refused: [], refusal: null }
  const changed: ChangedRecord[] = []
  for (const slice of sliced(entries, READ_SLICE)) {
    const docs = await store.db.participants.findByIds(slice.map((entry) => entry.id)).exec()
    for (const entry of slice) {
      const doc = docs.get(entry.id)?.toJSON() as ParticipantDocument | undefined
      // Gone (deleted meanwhile, or a draft whose slice never got written): nothing to restore.
      if (!doc) continue
      if (doc.updatedAt !== batch.at) {
        // Never written by an interrupted apply: older than the batch. Anything else is a later edit.
        if (batch.state === 'applying' && doc.updatedAt < batch.at) continue
        changed.push({
          id: doc.id,
          registrationNumber: doc.registrationNumber,
          fullName: doc.fullName,
          updatedAt: doc.updatedAt,
          updatedBy: doc.updatedBy,
        })
        continue
      }
      if (entry.kind === 'created') plan.created.push(entry.id)
      else plan.updated.push(entry)
      if (actor) {
        const verdict = canPerform(
          actor,
          doc,
          entry.kind === 'created'
            ? { kind: 'edit-data' }
            : { kind: 'decide-check', agency: entry.agency, state: entry.before.state },
        )
        if (!verdict.allowed) {
          plan.refusal ??= verdict
          plan.refused.push({ id: doc.id, registrationNumber: doc.registrationNumber })
        }
      }
    }
    await yieldToUi()
  }
  return { plan, changed }
}

/**
 * Restores the values before the import for every record the batch still owns, and deletes its
 * drafts, noting each write in `log`. Throws when a write fails or a record changed meanwhile.
 */
async function revert(
  store: NaunganStore,
  batch: ImportBatch,
  plan: RevertPlan,
  context: ImportContext,
  at: string,
  log: RevertLog,
  onProgress: (done: number, total: number) => void,
  sliceSize?: number,
): Promise<void> {
  const total = plan.updated.length + plan.created.length
  const historyActor = historyActorOfContext(context)
  const slicer = writeSlicer(sliceSize)
  let done = 0
  await inSlices(plan.updated, slicer, undefined, async (slice) => {
    const docs = await store.db.participants.findByIds(slice.map((entry) => entry.id)).exec()
    const results = await slicer.timed(slice.length, () =>
      Promise.allSettled(
        slice.map((entry) => {
          const doc = docs.get(entry.id)
          if (!doc) return Promise.reject(new Error('record gone'))
          return doc.incrementalModify((current) => {
            if (current.updatedAt !== batch.at) throw new Error('changed meanwhile')
            return {
              ...current,
              checks: current.checks.map((check) =>
                check.agency === entry.agency ? entry.before : check,
              ),
              updatedAt: at,
              updatedBy: context.actor.name,
            }
          })
        }),
      ),
    )
    const saved = fulfilledDocuments(results)
    const entryOf = new Map(slice.map((entry) => [entry.id, entry]))
    for (const doc of saved) log.reverted.push(entryOf.get(doc.id) as (typeof slice)[number])
    await markLocalWrites(store, saved)
    await writeImportHistory(
      store,
      saved.map((doc) => {
        const entry = entryOf.get(doc.id) as (typeof slice)[number]
        return { participant: doc, changes: [checkChange(entry.agency, entry.after, entry.before)] }
      }),
      at,
      historyActor,
    )
    const failed = results.find((result) => result.status === 'rejected')
    if (failed) throw (failed as PromiseRejectedResult).reason
    done += slice.length
    onProgress(done, total)
  })
  await inSlices(plan.created, slicer, undefined, async (slice) => {
    const found = await store.db.participants.findByIds(slice).exec()
    const docs = [...found.values()]
    if (docs.some((doc) => doc.updatedAt !== batch.at)) throw new Error('changed meanwhile')
    const before = docs.map((doc) => doc.toMutableJSON() as ParticipantDocument)
    // With the documents (not ids), RxDB removes each only if unchanged since it was read.
    const { error } = await slicer.timed(slice.length, () => store.db.participants.bulkRemove(docs))
    const failedIds = new Set(error.map((entry) => entry.documentId))
    const removed = before.filter((doc) => !failedIds.has(doc.id))
    for (const doc of removed) log.removed.push(doc.id)
    await markLocalWrites(store, removed)
    await writeImportHistory(
      store,
      removed.map((doc) => ({
        participant: doc,
        changes: [{ field: DELETED_FIELD, from: 'false', to: 'true' }],
      })),
      at,
      historyActor,
    )
    if (error.length > 0) throw new Error(`${error.length} drafts could not be removed.`)
    done += slice.length
    onProgress(done, total)
  })
}

/** After a failed or cancelled apply: every record still as the import wrote it goes back. */
async function rollBack(
  store: NaunganStore,
  batch: ImportBatch,
  context: ImportContext,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const entries = await loadBatchEntries(store, batch)
  // During its own apply the batch may be partly written: records older than it were untouched.
  const { plan } = await readRevertPlan(store, { ...batch, state: 'applying' }, entries, null)
  const log: RevertLog = { reverted: [], removed: [] }
  await revert(store, batch, plan, context, currentTime().toISOString(), log, onProgress)
}

export type UndoResult =
  | { ok: true; batch: ImportBatch; restored: number; removed: number }
  | { ok: false; reason: 'NOT_FOUND' | 'ALREADY_UNDONE' }
  | { ok: false; reason: 'CHANGED_SINCE'; records: ChangedRecord[] }
  | {
      ok: false
      reason: 'NOT_ALLOWED'
      records: { id: string; registrationNumber: string }[]
      message: { id: string; en: string }
    }
  | { ok: false; reason: 'FAILED'; message: string }

/**
 * "Urungkan impor": puts back every value the import changed and deletes the drafts it created,
 * as one step — or, when any of those records was changed after the import, changes nothing and
 * lists them.
 */
export async function undoImport(
  store: NaunganStore,
  batchId: string,
  options: {
    context: ImportContext
    now?: Date
    sliceSize?: number
    onProgress?(phase: ImportPhase, done: number, total: number): void
  },
): Promise<UndoResult> {
  const batch = await loadBatch(store, batchId)
  if (!batch) return { ok: false, reason: 'NOT_FOUND' }
  if (batch.state === 'undone' || batch.state === 'rolled-back') {
    return { ok: false, reason: 'ALREADY_UNDONE' }
  }
  const { actor } = options.context
  const entries = await loadBatchEntries(store, batch)
  const { plan, changed } = await readRevertPlan(store, batch, entries, actor)
  if (changed.length > 0) return { ok: false, reason: 'CHANGED_SINCE', records: changed }
  if (plan.refusal) {
    return {
      ok: false,
      reason: 'NOT_ALLOWED',
      records: plan.refused,
      message: plan.refusal.message,
    }
  }

  const at = (options.now ?? currentTime()).toISOString()
  const log: RevertLog = { reverted: [], removed: [] }
  try {
    await revert(
      store,
      batch,
      plan,
      options.context,
      at,
      log,
      (done, total) => options.onProgress?.('undoing', done, total),
      options.sliceSize,
    )
  } catch (error) {
    // Part of the undo is written: put those records back as the import left them.
    await redo(store, batch, log, options.context, at).catch(() => undefined)
    return {
      ok: false,
      reason: 'FAILED',
      message: error instanceof Error ? error.message : String(error),
    }
  }
  const undone: ImportBatch = { ...batch, state: 'undone', undoneAt: at, undoneBy: actor.name }
  await saveBatch(store, undone)
  return { ok: true, batch: undone, restored: plan.updated.length, removed: plan.created.length }
}

/** Reverses a partly written undo: checks back to the import's values, removed drafts back. */
async function redo(
  store: NaunganStore,
  batch: ImportBatch,
  log: RevertLog,
  context: ImportContext,
  undoAt: string,
): Promise<void> {
  // Back to exactly what the import wrote, `updatedAt` included, so the batch can be undone again.
  const historyActor = historyActorOfContext(context)
  const slicer = writeSlicer()
  const historyAt = currentTime().toISOString()
  await inSlices(log.reverted, slicer, undefined, async (slice) => {
    const docs = await store.db.participants.findByIds(slice.map((entry) => entry.id)).exec()
    const undone = slice.filter((entry) => docs.get(entry.id)?.updatedAt === undoAt)
    const results = await slicer.timed(undone.length, () =>
      Promise.allSettled(
        undone.map((entry) =>
          (docs.get(entry.id) as RxDocument<ParticipantDocument>).incrementalModify((current) => ({
            ...current,
            checks: current.checks.map((check) =>
              check.agency === entry.agency ? entry.after : check,
            ),
            updatedAt: batch.at,
            updatedBy: batch.by,
          })),
        ),
      ),
    )
    const restored = fulfilledDocuments(results)
    const entryOf = new Map(slice.map((entry) => [entry.id, entry]))
    await markLocalWrites(store, restored)
    await writeImportHistory(
      store,
      restored.map((doc) => {
        const entry = entryOf.get(doc.id) as (typeof slice)[number]
        return { participant: doc, changes: [checkChange(entry.agency, entry.before, entry.after)] }
      }),
      historyAt,
      historyActor,
    )
  })
  await inSlices(log.removed, slicer, undefined, async (ids) => {
    // A removed document keeps its data in the store, marked deleted: read it through the
    // collection's own storage (sealed fields opened as for any read), and insert it again.
    const rows = await store.db.participants.storageInstance.findDocumentsById(ids, true)
    const drafts = rows.map(
      (row) =>
        Object.fromEntries(
          Object.entries(row).filter(([key]) => !key.startsWith('_')),
        ) as unknown as ParticipantDocument,
    )
    await slicer.timed(drafts.length, () => store.db.participants.bulkUpsert(drafts))
    await markLocalWrites(store, drafts)
    await writeImportHistory(
      store,
      drafts.map((doc) => ({
        participant: doc,
        changes: [{ field: DELETED_FIELD, from: 'true', to: 'false' }],
      })),
      historyAt,
      historyActor,
    )
  })
}
