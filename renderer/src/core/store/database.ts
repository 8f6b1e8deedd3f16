import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type DexieStorageInternals,
  type RxJsonSchema,
} from 'rxdb'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents'
import {
  participantChangeJsonSchema,
  participantJsonSchema,
  SEALED_PARTICIPANT_FIELDS,
  type ParticipantChangeDocument,
  type ParticipantDocument,
} from '@shared/participant/participant-document'
import {
  sealedAtRest,
  wrappedSealedFieldsStorage,
  type SealedAtRest,
} from './sealed-fields-storage'
import { wrappedCompiledValidationStorage } from './validated-storage'
import { CheckpointListeners, wrappedCheckpointWatchStorage } from './checkpoint-watch'
import { wrappedSlicedWritesStorage } from './sliced-writes'
import { deriveStoreKeys, type StoreKeys } from './store-keys'
import { participantChangeMigrations, participantMigrations } from './migrations'
import { createParticipantConflictHandler } from './conflict-handler'
import {
  loadRefusedStates,
  participantSyncJsonSchema,
  participantSyncMigrations,
  SEALED_PARTICIPANT_SYNC_FIELDS,
  type ParticipantSyncStateDocument,
} from './sync-state-collection'
import { RefusedStates } from './refused-states'
import { startNameWordIndex, openParticipantWordStorage, nameWordIndexOf } from './name-words'

addRxPlugin(RxDBMigrationSchemaPlugin)
addRxPlugin(RxDBLocalDocumentsPlugin)

export type ParticipantCollection = RxCollection<ParticipantDocument>
export type ParticipantChangeCollection = RxCollection<ParticipantChangeDocument>
export type ParticipantSyncCollection = RxCollection<ParticipantSyncStateDocument>

export interface NaunganCollections {
  participants: ParticipantCollection
  participant_changes: ParticipantChangeCollection
  participant_sync: ParticipantSyncCollection
}

export type NaunganRxDatabase = RxDatabase<NaunganCollections>

export interface NaunganStore {
  db: NaunganRxDatabase
  keys: StoreKeys
  /** Records whose server copy in RxDB's replication meta is a refused push (refused-states.ts). */
  refused: RefusedStates
  /** Calls `listener` with every pull checkpoint a replication stores (`checkpoint-watch.ts`). */
  onCheckpointStored(listener: (checkpoint: unknown) => void): () => void
  close(): Promise<void>
}

export interface OpenStoreOptions {
  /** IndexedDB database name prefix; tests and benchmarks use their own. */
  name: string
  /** 64 hex characters from the host's keychain (`getOrCreateSecret('database-key')`). */
  secretHex: string
  /** Injected in Node tests (fake-indexeddb); the browser's own otherwise. */
  indexedDB?: IDBFactory
  IDBKeyRange?: typeof IDBKeyRange
}

export class StoreKeyMismatchError extends Error {
  constructor() {
    super('The database key does not match the key these records were written with.')
    this.name = 'StoreKeyMismatchError'
  }
}

const KEY_CHECK_DOC = 'store-key-check'

/**
 * The storage every store is opened with: Dexie with strict durability, NIK/KK/phone sealed,
 * every write to the app's collections validated by compiled validators. Exported so the migration tests can write records the way an older
 * version of the app did.
 */
export function storeStorage(
  keys: StoreKeys,
  options: Pick<OpenStoreOptions, 'indexedDB' | 'IDBKeyRange'>,
  checkpoints: CheckpointListeners = new CheckpointListeners(),
) {
  const dexie = getRxStorageDexie({
    // Chromium's IndexedDB default is "relaxed" since Chrome 121: the OS may still hold a
    // committed write in its cache when the power goes. Offices lose power; "Tersimpan" must mean
    // the record is on disk, so every readwrite transaction is flushed.
    chromeTransactionDurability: 'strict',
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  })
  return wrappedCompiledValidationStorage({
    storage: wrappedSealedFieldsStorage({
      storage: wrappedCheckpointWatchStorage({
        storage: wrappedSlicedWritesStorage({ storage: dexie }),
        listeners: checkpoints,
      }),
      options: {
        fieldKey: keys.fieldKey,
        sealedFields: {
          participants: SEALED_PARTICIPANT_FIELDS,
          participant_sync: SEALED_PARTICIPANT_SYNC_FIELDS,
        },
        // The replication keeps a server copy of every participant: sealed like the original.
        replicationMetaSealedFields: ['docData'],
      },
    }),
  })
}

/**
 * The participants as stored in Dexie, sealed fields still ciphertext: for counts that never need
 * them (the dashboard, read-participants.ts). Undefined once the store is closed.
 */
export function participantsAtRest(
  store: NaunganStore,
): SealedAtRest<DexieStorageInternals> | undefined {
  const collection = store.db.participants
  // Every store is opened on storeStorage (Dexie), so its internals are Dexie's.
  return sealedAtRest(store.db.name, collection.name, collection.schema.version) as
    SealedAtRest<DexieStorageInternals> | undefined
}

export async function openStore(options: OpenStoreOptions): Promise<NaunganStore> {
  const keys = await deriveStoreKeys(options.secretHex)
  const checkpoints = new CheckpointListeners()
  const storage = storeStorage(keys, options, checkpoints)
  const db = await createRxDatabase<NaunganCollections>({
    name: options.name,
    storage,
    localDocuments: true,
    // Counting a filtered list (kecamatan + occupation) is worth a slower count than an error.
    allowSlowCount: true,
    closeDuplicates: true,
  })
  const refused = new RefusedStates()
  try {
    const existingCheck = await db.getLocal<{ value: string }>(KEY_CHECK_DOC)
    if (existingCheck && existingCheck.get('value') !== keys.keyCheck) {
      throw new StoreKeyMismatchError()
    }
    await db.addCollections({
      participants: {
        schema: participantJsonSchema as unknown as RxJsonSchema<ParticipantDocument>,
        migrationStrategies: participantMigrations,
        // Per-field merge; never RxDB's default, which drops the local edit (STACK.md).
        conflictHandler: createParticipantConflictHandler(keys.blindIndexKey, refused),
      },
      participant_changes: {
        schema: participantChangeJsonSchema as unknown as RxJsonSchema<ParticipantChangeDocument>,
        migrationStrategies: participantChangeMigrations,
      },
      participant_sync: {
        schema: participantSyncJsonSchema as unknown as RxJsonSchema<ParticipantSyncStateDocument>,
        migrationStrategies: participantSyncMigrations,
      },
    })
    await loadRefusedStates(db.participant_sync, refused)
    if (!existingCheck) await db.upsertLocal(KEY_CHECK_DOC, { value: keys.keyCheck })
    // The later words of participant names, for search (name-words.ts): derived, never synced,
    // in a storage instance of its own (not a collection: the open core allows 13 per process).
    // Follows every participant write from now on; builds the rows of an older store meanwhile.
    startNameWordIndex(db, await openParticipantWordStorage(storage as never, db))
  } catch (error) {
    await db.close()
    throw error
  }
  return {
    db,
    keys,
    refused,
    onCheckpointStored: (listener) => checkpoints.listen(listener),
    close: async () => {
      const index = nameWordIndexOf(db)
      index?.close()
      await db.close()
      await index?.words.close()
    },
  }
}
