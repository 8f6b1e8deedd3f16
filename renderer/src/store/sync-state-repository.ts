import type { RxJsonSchema } from 'rxdb'
import type { ParticipantDocument } from '../../../shared/participant/participant-document'
import { sameJson } from '../../../shared/sync/canonical-json'
import type { NaunganStore } from './database'

const withoutMeta = (doc: object) =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_')))

/**
 * Per-record sync bookkeeping, one small document per participant that has something to say:
 * a local write the server has not confirmed yet (`pending`), confirmed (`synced`), or refused
 * for good with the server's reason (`rejected`), plus whether the record carries conflicts or
 * duplicate flags. Kept apart from the participant so the server never sees it, and so the
 * header's counter and the "Masalah sinkronisasi" list are index ranges, not scans of 50,000
 * decrypted records.
 */
export type RecordSyncStatus = 'pending' | 'synced' | 'rejected'

export interface ParticipantSyncStateDocument {
  /** The participant's id. */
  id: string
  state: RecordSyncStatus
  /** `updatedAt` of the latest local write; a push carrying it (or later) confirms it. */
  localUpdatedAt: string
  /** When `state` last changed. */
  since: string
  rejectionCode?: string
  /** The server's Indonesian reason, shown on the record. */
  rejectionMessage?: string
  hasConflict: boolean
  hasDuplicate: boolean
  /** '1' when rejected, conflicted or flagged duplicate: the index of the problems list. */
  problem: '0' | '1'
}

export const PARTICIPANT_SYNC_SCHEMA_VERSION = 0

export const participantSyncJsonSchema = {
  title: 'participant sync state',
  description: 'Whether a local change reached the server, and what the server said',
  version: PARTICIPANT_SYNC_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    state: { type: 'string', enum: ['pending', 'synced', 'rejected'], maxLength: 10 },
    localUpdatedAt: { type: 'string', maxLength: 30 },
    since: { type: 'string', maxLength: 30 },
    rejectionCode: { type: 'string', maxLength: 60 },
    rejectionMessage: { type: 'string', maxLength: 500 },
    hasConflict: { type: 'boolean' },
    hasDuplicate: { type: 'boolean' },
    problem: { type: 'string', enum: ['0', '1'], maxLength: 1 },
  },
  required: ['id', 'state', 'localUpdatedAt', 'since', 'hasConflict', 'hasDuplicate', 'problem'],
  indexes: [
    ['state', 'id'],
    ['problem', 'id'],
  ],
  additionalProperties: false,
} as const satisfies RxJsonSchema<ParticipantSyncStateDocument>

function withProblem(
  doc: Omit<ParticipantSyncStateDocument, 'problem'>,
): ParticipantSyncStateDocument {
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
) => Omit<ParticipantSyncStateDocument, 'problem'> | null

async function applyChanges(store: NaunganStore, ids: readonly string[], change: Changes) {
  if (ids.length === 0) return
  const collection = store.db.participant_sync
  const existing = await collection.findByIds([...new Set(ids)]).exec()
  const writes: ParticipantSyncStateDocument[] = []
  for (const id of new Set(ids)) {
    const current = existing.get(id)?.toMutableJSON()
    const next = change(id, current)
    if (!next) continue
    const full = withProblem(next)
    if (current && sameJson(withoutMeta(current), full)) continue
    writes.push(full)
  }
  if (writes.length > 0) await collection.bulkUpsert(writes)
}

const flagsOf = (participant: Pick<ParticipantDocument, 'conflicts' | 'duplicates'>) => ({
  hasConflict: (participant.conflicts?.length ?? 0) > 0,
  hasDuplicate: (participant.duplicates?.length ?? 0) > 0,
})

/** A write through the repository: the record now waits for the server. */
export function markLocalWrite(
  store: NaunganStore,
  participant: Pick<ParticipantDocument, 'id' | 'updatedAt' | 'conflicts' | 'duplicates'>,
  now: Date = new Date(),
): Promise<void> {
  return serialised(() =>
    applyChanges(store, [participant.id], () => ({
      id: participant.id,
      state: 'pending',
      localUpdatedAt: participant.updatedAt,
      since: now.toISOString(),
      ...flagsOf(participant),
    })),
  )
}

/**
 * Records that were never tracked (written before this version, or before enrolment) but are
 * about to be pushed: counted as pending until the server confirms them.
 */
export function markUntrackedAsPending(store: NaunganStore, now: Date = new Date()) {
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
        }),
      )
    if (fresh.length > 0) await store.db.participant_sync.bulkUpsert(fresh)
  })
}

/** The server accepted these document states: local writes up to them are on the server. */
export function markPushed(
  store: NaunganStore,
  pushed: readonly Pick<ParticipantDocument, 'id' | 'updatedAt' | 'conflicts' | 'duplicates'>[],
  now: Date = new Date(),
): Promise<void> {
  const byId = new Map(pushed.map((doc) => [doc.id, doc]))
  return serialised(() =>
    applyChanges(store, [...byId.keys()], (id, current) => {
      const doc = byId.get(id)
      if (!current || !doc) return null
      const confirmed = current.localUpdatedAt <= doc.updatedAt
      const next = {
        ...current,
        ...flagsOf(doc),
        ...(confirmed ? { state: 'synced' as const, since: now.toISOString() } : {}),
      }
      if (confirmed) {
        delete next.rejectionCode
        delete next.rejectionMessage
      }
      return next
    }),
  )
}

/** The server refused these for good; they are not sent again until the record changes. */
export function markRejected(
  store: NaunganStore,
  rejections: readonly { id: string; code: string; message: string }[],
  now: Date = new Date(),
): Promise<void> {
  const byId = new Map(rejections.map((rejection) => [rejection.id, rejection]))
  return serialised(() =>
    applyChanges(store, [...byId.keys()], (id, current) => {
      const rejection = byId.get(id)
      if (!rejection) return null
      return {
        id,
        state: 'rejected',
        localUpdatedAt: current?.localUpdatedAt ?? '',
        since: now.toISOString(),
        rejectionCode: rejection.code.slice(0, 60),
        rejectionMessage: rejection.message.slice(0, 500),
        hasConflict: current?.hasConflict ?? false,
        hasDuplicate: current?.hasDuplicate ?? false,
      }
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
  now: Date = new Date(),
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
