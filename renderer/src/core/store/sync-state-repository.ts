import type { ParticipantDocument } from '@shared/participant/participant-document'
import { sameJson } from '@shared/sync/canonical-json'
import type { NaunganStore } from './database'
import type { RefusedState } from './refused-states'
import type { ParticipantSyncStateDocument } from './sync-state-collection'
import { currentTime } from '@shared/dates/clock'

export type { ParticipantSyncStateDocument, RecordSyncStatus } from './sync-state-collection'

const withoutMeta = (doc: object) =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_')))

function withProblem<T extends Omit<ParticipantSyncStateDocument, 'problem'>>(
  doc: T,
): T & Pick<ParticipantSyncStateDocument, 'problem'> {
  const problem = doc.state === 'rejected' || doc.hasConflict || doc.hasDuplicate ? '1' : '0'
  return { ...doc, problem }
}

// Every sync-state write of this window goes through one queue: a push confirmation computed from
// a read must not overwrite a local write's "pending" that landed in between.
let queue: Promise<unknown> = Promise.resolve()
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const result = queue.then(work, work)
  queue = result.catch(() => undefined)
  return result
}

type Changes = (
  id: string,
  current: ParticipantSyncStateDocument | undefined,
) =>
  | (Omit<ParticipantSyncStateDocument, 'problem' | 'refused'> &
      Partial<Pick<ParticipantSyncStateDocument, 'refused'>>)
  | null

/** The refusal bookkeeping of a state document, carried over unchanged. */
const refusalOf = (current: ParticipantSyncStateDocument | undefined) =>
  current?.refused === '1'
    ? {
        refused: '1' as const,
        ...(current.refusedKey !== undefined ? { refusedKey: current.refusedKey } : {}),
        ...(current.refusedBase !== undefined ? { refusedBase: current.refusedBase } : {}),
      }
    : { refused: '0' as const }

async function applyChanges(store: NaunganStore, ids: readonly string[], change: Changes) {
  if (ids.length === 0) return
  const collection = store.db.participant_sync
  const existing = await collection.findByIds([...new Set(ids)]).exec()
  const writes: ParticipantSyncStateDocument[] = []
  for (const id of new Set(ids)) {
    const current = existing.get(id)?.toMutableJSON()
    const next = change(id, current)
    if (!next) continue
    // A change that does not speak of the refusal keeps it.
    const full = withProblem(
      next.refused !== undefined
        ? { ...next, refused: next.refused }
        : { ...next, ...refusalOf(current) },
    )
    if (current && sameJson(withoutMeta(current), full)) continue
    writes.push(full)
  }
  // New rows are inserted, existing ones modified in place: `bulkUpsert` would first try to
  // insert every row and rewrite each existing one after its refused insert (a wasted sealed,
  // validated IndexedDB write per row: 38 % of an import's undo, which touches only existing rows).
  const fresh = writes.filter((write) => !existing.has(write.id))
  const known = writes.filter((write) => existing.has(write.id))
  const [inserted] = await Promise.all([
    fresh.length > 0 ? collection.bulkInsert(fresh) : null,
    // Queued in one tick, RxDB's incremental write queue stores them in one write.
    Promise.all(known.map((write) => existing.get(write.id)!.incrementalModify(() => write))),
  ])
  // Inserted meanwhile by another write (none today: the writes here are serialised): update it.
  const raced = (inserted?.error ?? []).filter((error) => error.status === 409)
  if (raced.length > 0) {
    const byId = new Map(fresh.map((write) => [write.id, write]))
    await collection.bulkUpsert(raced.map((error) => byId.get(error.documentId)!))
  }
  const failed = (inserted?.error ?? []).find((error) => error.status !== 409)
  if (failed)
    throw new Error(`Sync state of ${failed.documentId} could not be saved (${failed.status}).`)
}

const flagsOf = (participant: Pick<ParticipantDocument, 'conflicts' | 'duplicates'>) => ({
  hasConflict: (participant.conflicts?.length ?? 0) > 0,
  hasDuplicate: (participant.duplicates?.length ?? 0) > 0,
})

/** A local write as the repository marks it; `_deleted` when the write removed the record. */
type MarkedWrite = Pick<ParticipantDocument, 'id' | 'updatedAt' | 'conflicts' | 'duplicates'> & {
  _deleted?: boolean
}

/**
 * Pushes the server answered before the repository marked their write, by store and record:
 * the written state (`updatedAt` and whether it removed the record).
 *
 * RxDB pushes a write as soon as it is stored; the repository marks it pending only after that.
 * When the answer wins that race, a late "pending" stood until the record changed again (counted
 * as unsent in the header and at sign-out, though it was on the server). So an answer for a write
 * newer than the record's mark is remembered here, and the mark of exactly that write, when it
 * comes, changes nothing. Exactly: a delete keeps the record's `updatedAt`, and a PC's clock may
 * be set back, so a later write with the same or an older time still counts as unsent. In memory
 * only, because both happen in this window within moments; the oldest go past ANSWERED_LIMIT (a
 * write never marked, such as RxDB's own merge of a conflict, leaves its entry).
 */
const answeredAhead = new WeakMap<NaunganStore, Map<string, string>>()
const ANSWERED_LIMIT = 5_000

const writtenStateOf = (updatedAt: string, deleted: unknown) =>
  `${updatedAt}|${deleted === true ? 'deleted' : 'kept'}`

function rememberAnsweredAhead(
  store: NaunganStore,
  id: string,
  current: ParticipantSyncStateDocument | undefined,
  updatedAt: string,
  deleted: unknown,
): void {
  if (current && current.localUpdatedAt >= updatedAt) return
  let answered = answeredAhead.get(store)
  if (!answered) answeredAhead.set(store, (answered = new Map()))
  answered.delete(id)
  answered.set(id, writtenStateOf(updatedAt, deleted))
  for (const [oldest] of answered) {
    if (answered.size <= ANSWERED_LIMIT) break
    answered.delete(oldest)
  }
}

/** The state a local write leaves: pending, unless the server answered this very write first. */
function localWriteState(
  store: NaunganStore,
  participant: MarkedWrite,
  current: ParticipantSyncStateDocument | undefined,
  now: Date,
) {
  const answered = answeredAhead.get(store)
  const written = answered?.get(participant.id)
  answered?.delete(participant.id)
  if (
    current &&
    current.state !== 'pending' &&
    written === writtenStateOf(participant.updatedAt, participant._deleted)
  ) {
    return null
  }
  return {
    id: participant.id,
    state: 'pending' as const,
    localUpdatedAt: participant.updatedAt,
    since: now.toISOString(),
    ...flagsOf(participant),
  }
}

/** A write through the repository: the record now waits for the server. */
export function markLocalWrite(
  store: NaunganStore,
  participant: MarkedWrite,
  now: Date = currentTime(),
): Promise<void> {
  return serialised(() =>
    applyChanges(store, [participant.id], (_id, current) =>
      localWriteState(store, participant, current, now),
    ),
  )
}

/** `markLocalWrite` for many records in one write (a print batch touches hundreds at once). */
export function markLocalWrites(
  store: NaunganStore,
  participants: readonly MarkedWrite[],
  now: Date = currentTime(),
): Promise<void> {
  const byId = new Map(participants.map((participant) => [participant.id, participant]))
  return serialised(() =>
    applyChanges(store, [...byId.keys()], (id, current) =>
      localWriteState(store, byId.get(id)!, current, now),
    ),
  )
}

/**
 * Records that were never tracked (written before this version, or before enrolment) but are
 * about to be pushed: counted as pending until the server confirms them.
 */
export function markUntrackedAsPending(store: NaunganStore, now: Date = currentTime()) {
  return serialised(async () => {
    const participants = await store.db.participants.find().exec()
    const ids = participants.map((doc) => doc.id)
    const known = await store.db.participant_sync.findByIds(ids).exec()
    const fresh = participants
      .filter((doc) => !known.has(doc.id))
      .map((doc) =>
        withProblem({
          id: doc.id,
          state: 'pending',
          localUpdatedAt: doc.updatedAt,
          since: now.toISOString(),
          ...flagsOf(doc),
          refused: '0' as const,
        }),
      )
    if (fresh.length > 0) await store.db.participant_sync.bulkUpsert(fresh)
  })
}

/**
 * The server accepted these document states: local writes up to them are on the server, and RxDB's
 * copy of the server's document is now a real one (any refusal is over).
 */
export function markPushed(
  store: NaunganStore,
  pushed: readonly MarkedWrite[],
  now: Date = currentTime(),
): Promise<void> {
  const byId = new Map(pushed.map((doc) => [doc.id, doc]))
  for (const id of byId.keys()) store.refused.delete(id)
  return serialised(() =>
    applyChanges(store, [...byId.keys()], (id, current) => {
      const doc = byId.get(id)
      if (!doc) return null
      rememberAnsweredAhead(store, id, current, doc.updatedAt, doc._deleted)
      // A record answered before its first mark (a registration): confirmed.
      if (!current) {
        return {
          id,
          state: 'synced',
          localUpdatedAt: doc.updatedAt,
          since: now.toISOString(),
          ...flagsOf(doc),
          refused: '0',
        }
      }
      const confirmed = current.localUpdatedAt <= doc.updatedAt
      const next = {
        ...current,
        ...flagsOf(doc),
        ...(confirmed ? { state: 'synced' as const, since: now.toISOString() } : {}),
        refused: '0' as const,
      }
      delete next.refusedKey
      delete next.refusedBase
      if (confirmed) {
        delete next.rejectionCode
        delete next.rejectionMessage
      }
      return next
    }),
  )
}

export interface Rejection {
  id: string
  code: string
  message: string
  /**
   * What RxDB will now (wrongly) hold as the server copy: the refused row. Absent when the caller
   * does not replicate (tests of the bookkeeping alone).
   */
  refused?: RefusedState
  /** The refused write (`updatedAt`, `_deleted`); absent in tests of the bookkeeping alone. */
  write?: { updatedAt: string; _deleted?: boolean }
}

/**
 * The server refused these for good; they are not sent again until the record changes. With
 * `refused`, the replication is told at once (memory) and across restarts (sealed state document)
 * that RxDB's copy of the server document is the refused one.
 */
export function markRejected(
  store: NaunganStore,
  rejections: readonly Rejection[],
  now: Date = currentTime(),
): Promise<void> {
  const byId = new Map(rejections.map((rejection) => [rejection.id, rejection]))
  for (const rejection of byId.values()) {
    if (rejection.refused) store.refused.set(rejection.id, rejection.refused)
  }
  return serialised(() =>
    applyChanges(store, [...byId.keys()], (id, current) => {
      const rejection = byId.get(id)
      if (!rejection) return null
      const { write } = rejection
      if (write) rememberAnsweredAhead(store, id, current, write.updatedAt, write._deleted)
      const refusal = rejection.refused
        ? {
            refused: '1' as const,
            ...(rejection.refused.key !== null ? { refusedKey: rejection.refused.key } : {}),
            ...(rejection.refused.base ? { refusedBase: rejection.refused.base } : {}),
          }
        : refusalOf(current)
      return {
        id,
        state: 'rejected',
        localUpdatedAt: current?.localUpdatedAt ?? write?.updatedAt ?? '',
        since: now.toISOString(),
        rejectionCode: rejection.code.slice(0, 60),
        rejectionMessage: rejection.message.slice(0, 500),
        hasConflict: current?.hasConflict ?? false,
        hasDuplicate: current?.hasDuplicate ?? false,
        ...refusal,
      }
    }),
  )
}

/**
 * RxDB's copy of these records' server documents is a real one again (a pull brought exactly the
 * refused state, or a push conflict handed RxDB the server's copy): forget the refusal.
 * `unknownOnly` forgets only refusals recorded before this bookkeeping (whose refused state is
 * unknown); a known one is harmless once RxDB's copy differs from it, and kept until a push is
 * accepted so that a crash before RxDB stores the server copy cannot bring the lie back.
 */
export function forgetRefusals(
  store: NaunganStore,
  ids: readonly string[],
  options: { unknownOnly?: boolean } = {},
): Promise<void> {
  const forget = ids.filter((id) => {
    const entry = store.refused.get(id)
    return entry !== undefined && (!options.unknownOnly || entry.key === null)
  })
  if (forget.length === 0) return Promise.resolve()
  for (const id of forget) store.refused.delete(id)
  return serialised(() =>
    applyChanges(store, forget, (_id, current) => {
      if (!current || current.refused !== '1') return null
      const next = { ...current, refused: '0' as const }
      delete next.refusedKey
      delete next.refusedBase
      return next
    }),
  )
}

/**
 * Conflict and duplicate flags of documents that arrived from the server (or were merged here).
 * Only records with a flag, or whose flag changed, get a state document.
 */
export function recordServerFlags(
  store: NaunganStore,
  docs: readonly Pick<ParticipantDocument, 'id' | 'updatedAt' | 'conflicts' | 'duplicates'>[],
  now: Date = currentTime(),
): Promise<void> {
  const byId = new Map(docs.map((doc) => [doc.id, doc]))
  return serialised(() =>
    applyChanges(store, [...byId.keys()], (id, current) => {
      const doc = byId.get(id)
      if (!doc) return null
      const flags = flagsOf(doc)
      if (current) return { ...current, ...flags }
      if (!flags.hasConflict && !flags.hasDuplicate) return null
      return {
        id,
        state: 'synced',
        localUpdatedAt: doc.updatedAt,
        since: now.toISOString(),
        ...flags,
      }
    }),
  )
}

export async function getSyncState(
  store: NaunganStore,
  participantId: string,
): Promise<ParticipantSyncStateDocument | null> {
  const doc = await store.db.participant_sync.findOne(participantId).exec()
  return doc ? doc.toMutableJSON() : null
}

export function countPendingQuery(store: NaunganStore) {
  return store.db.participant_sync.count({ selector: { state: 'pending' } })
}

/** Records the server refused, in conflict or flagged duplicate: what "Masalah sinkronisasi" lists. */
export function countProblemsQuery(store: NaunganStore) {
  return store.db.participant_sync.count({ selector: { problem: '1' } })
}

/** Records with a problem (rejected, conflicted, duplicate), in id order, one page at a time. */
export async function listSyncProblems(
  store: NaunganStore,
  limit = 200,
): Promise<ParticipantSyncStateDocument[]> {
  const docs = await store.db.participant_sync
    .find({ selector: { problem: '1' }, sort: [{ problem: 'asc' }, { id: 'asc' }], limit })
    .exec()
  return docs.map((doc) => doc.toMutableJSON())
}

/** The records with a problem together with the records themselves (null when not on this PC). */
export async function listSyncProblemRecords(
  store: NaunganStore,
  limit = 200,
): Promise<{ state: ParticipantSyncStateDocument; participant: ParticipantDocument | null }[]> {
  const states = await listSyncProblems(store, limit)
  const participants = await store.db.participants.findByIds(states.map((s) => s.id)).exec()
  return states.map((state) => ({
    state,
    participant: participants.get(state.id)?.toMutableJSON() ?? null,
  }))
}

/** Calls `onChange` whenever any record's sync bookkeeping changes; returns the unsubscribe. */
export function watchSyncStates(store: NaunganStore, onChange: () => void): () => void {
  const subscription = store.db.participant_sync.$.subscribe(() => onChange())
  return () => subscription.unsubscribe()
}

/** One record's sync state as it changes (null: never tracked); returns the unsubscribe. */
export function watchSyncState(
  store: NaunganStore,
  participantId: string,
  onState: (state: ParticipantSyncStateDocument | null) => void,
): () => void {
  const subscription = store.db.participant_sync
    .findOne(participantId)
    .$.subscribe((doc) => onState(doc ? doc.toMutableJSON() : null))
  return () => subscription.unsubscribe()
}
