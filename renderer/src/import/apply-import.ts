/**
 * Applying an import as one step. RxDB has no transaction across documents; all-or-nothing is
 * built from three things:
 *
 * 1. Every write of one import carries the same `updatedAt` (the batch's `at`). A record whose
 *    `updatedAt` is still that value holds exactly what the import wrote; any later edit (a
 *    clerk, a verifier, a sync from another office) changes it.
 * 2. A batch record (`import-batches.ts`) lists, before each slice is written, what the slice
 *    will do.
 * 3. Rolling back a failed or cancelled apply (`undo-import.ts`) restores the recorded values of
 *    exactly the records still carrying the batch's `at`.
 *
 * Every write goes through the collection (sealed fields stay sealed, the schema validates),
 * is marked for sync and gets a history entry, like any other edit.
 */
import { nameSearchKey } from '@shared/participant/names'
import type {
  CoveragePeriod,
  FieldChange,
  ParticipantDocument,
} from '@shared/participant/participant-document'
import type { ImportKind } from '@shared/import/import-fields'
import { EXISTING_MEMBER_SOURCE_PREFIX } from '@shared/coverage/existing-members'
import {
  CENTRAL_SERIES_OFFICE_NUMBER,
  centralSeriesOfficeCode,
} from '@shared/participant/registration-number'
import { district } from '@/core/district'
import { memberRefusalOf, NO_REGISTRATION_HERE, type RowOutcome } from '@shared/import/import-plan'
import type { DraftValues, MemberValues } from '@shared/import/row-validation'
import {
  canPerform,
  withCheckDecision,
  type Actor,
  type AgencyCheck,
} from '@shared/workflow/workflow'
import { officeCodeOf, type ActingUser } from '@/core/acting-user'
import type { NaunganStore } from '@/core/store/database'
import {
  nikIndexOf,
  reserveRegistrationNumbers,
  type OfficeProfile,
} from '@/core/store/participant-repository'
import { markLocalWrites } from '@/core/store/sync-state-repository'
import { currentTime } from '@shared/dates/clock'
import {
  registerBatch,
  saveBatch,
  withCheck,
  writePart,
  type BatchEntry,
  type ImportBatch,
} from './import-batches'
import { checkChange, writeImportHistory, type ImportPhase } from './import-history'
import { findExistingByNik } from './nik-lookup'
import { rollBack } from './undo-import'
import {
  fulfilledDocuments,
  ImportCancelledError,
  inSlices,
  READ_SLICE,
  sliced,
  throwIfCancelled,
  writeSlicer,
  yieldToUi,
} from './write-slicing'

/** Entries per batch-record part: written once before the slices of its records. */
const PART_SIZE = 1_000

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

export interface ApplyOptions {
  /** Who applies: the history's and the batch's actor, and whom the workflow rules check. */
  actor: ActingUser
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
  options: Pick<ApplyOptions, 'office' | 'centralSeries' | 'actor'>,
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
      operatorName: options.actor.name,
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
  const { actor } = options
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
  const batch: ImportBatch = {
    id: crypto.randomUUID(),
    source: options.source.trim().slice(0, 80),
    kind: options.kind,
    agency: options.agency,
    fileName: options.fileName.slice(0, 200),
    at,
    by: actor.name,
    role: actor.role,
    officeCode: actor.officeCode,
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

  // One slicer per phase: a check decision costs the window more than a draft.
  const draftSlicer = writeSlicer(options.sliceSize)
  const checkSlicer = writeSlicer(options.sliceSize)
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
      await inSlices(docs, draftSlicer, options.signal, async (slice) => {
        const { error } = await store.db.participants.bulkInsert(slice)
        if (error.length > 0) {
          throw new Error(`${error.length} drafts could not be saved (${error[0]?.status}).`)
        }
        await markLocalWrites(store, slice)
        await writeImportHistory(
          store,
          slice.map((doc) => ({ participant: doc, changes: draftHistory(doc) })),
          at,
          actor,
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
      await inSlices(part, checkSlicer, options.signal, async (slice) => {
        const docs = await store.db.participants
          .findByIds(slice.map((update) => update.recordId))
          .exec()
        const results = await Promise.allSettled(
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
              return withCheck(current, entry.agency, entry.after, at, actor.name)
            })
          }),
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
          actor,
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
    const rolledBack = await rollBack(store, batch, actor, (done, of) =>
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
