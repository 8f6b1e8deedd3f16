/**
 * The `participant_sync` collection as the store opens it: its document, schema, migrations and
 * the refusals read back on open. Apart from `sync-state-repository.ts`, which writes through an
 * open store, so that `database.ts` can open the collection without importing the repository
 * that imports it.
 */
import type { MigrationStrategies, RxCollection, RxJsonSchema } from 'rxdb'
import type { ParticipantWireDocument } from '@shared/sync/sync-protocol'
import type { RefusedStates } from './refused-states'

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
  /**
   * '1' while RxDB's replication meta holds a state of this record that the server refused
   * (`refused-states.ts`): kept through later local writes until a push is accepted.
   */
  refused: '0' | '1'
  /** `refusedStateKey` of the refused state (sealed: it is the document's text). */
  refusedKey?: string
  /** The server copy the refused edit started from, wire form (sealed). */
  refusedBase?: ParticipantWireDocument
}

export const PARTICIPANT_SYNC_SCHEMA_VERSION = 1
/** Hold personal data (the refused document's text, a server copy): sealed at rest. */
export const SEALED_PARTICIPANT_SYNC_FIELDS = ['refusedKey', 'refusedBase'] as const

export const participantSyncMigrations: MigrationStrategies = {
  // v1: refusals are remembered for the replication. One recorded before has an unknown refused
  // state (key absent): its next push carries no server copy, so the merge keeps every clash.
  1: (oldDoc: Record<string, unknown>) => ({
    ...oldDoc,
    refused: oldDoc.state === 'rejected' ? '1' : '0',
  }),
}

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
    refused: { type: 'string', enum: ['0', '1'], maxLength: 1 },
    refusedKey: { type: 'string' },
    refusedBase: { type: 'object' },
  },
  required: [
    'id',
    'state',
    'localUpdatedAt',
    'since',
    'hasConflict',
    'hasDuplicate',
    'problem',
    'refused',
  ],
  indexes: [
    ['state', 'id'],
    ['problem', 'id'],
    ['refused', 'id'],
  ],
  additionalProperties: false,
} as const satisfies RxJsonSchema<ParticipantSyncStateDocument>

/** Fills the in-memory refusals from the state documents (on open). */
export async function loadRefusedStates(
  collection: RxCollection<ParticipantSyncStateDocument>,
  into: RefusedStates,
): Promise<void> {
  const docs = await collection.find({ selector: { refused: '1' } }).exec()
  for (const doc of docs) {
    const state = doc.toMutableJSON()
    into.set(state.id, { key: state.refusedKey ?? null, base: state.refusedBase })
  }
}
