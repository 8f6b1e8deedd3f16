import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type DexieStorageInternals,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb'
import { closeDexieDb, getDexieDbWithTables } from 'rxdb/plugins/storage-dexie'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents'
import {
  participantChangeJsonSchema,
  participantJsonSchema,
  SEALED_PARTICIPANT_FIELDS,
  type ParticipantChangeDocument,
  type ParticipantDocument,
} from '@shared/participant/participant-document'
import { releaseChangeEvents } from './change-events'
import { registerSealedAtRestView, sealedAtRest, type SealedAtRest } from './sealed-fields-storage'
import { wrappedCompiledValidationStorage } from './validated-storage'
import { CheckpointListeners, wrappedCheckpointWatchStorage } from './checkpoint-watch'
import { ReplicationOrigin, wrappedUpstreamScanStorage } from './upstream-scan'
import { sealedDexieStorage, type IndexedDbOptions } from './sealed-dexie-storage'
import { startStoreWorker, type StoreWorker } from './store-in-worker'
import { deriveStoreKeys, type StoreKeys } from './store-keys'
import { participantChangeMigrations, participantMigrations } from './migrations'
import { createParticipantConflictHandler } from './conflict-handler'
import {
  loadRefusedStates,
  participantSyncJsonSchema,
  participantSyncMigrations,
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
  /**
   * The participants' replication running on this store, so that RxDB's upstream scan skips the
   * records its pull wrote (`upstream-scan.ts`); the sync controller starts and stops its runs.
   */
  replicationOrigin: ReplicationOrigin
  /**
   * A database-level local document's data read straight from IndexedDB on this thread (null:
   * there is none), for a large one read once at start (the dashboard's saved copy). Only when
   * the store runs in a worker; the caller falls back on `db.getLocal` when it is absent or
   * throws.
   */
  readLocalAtRest?(id: string): Promise<unknown>
  close(): Promise<void>
}

export interface OpenStoreOptions extends IndexedDbOptions {
  /** IndexedDB database name prefix; tests and benchmarks use their own. */
  name: string
  /** 64 hex characters from the host's keychain (`getOrCreateSecret('database-key')`). */
  secretHex: string
  /**
   * IndexedDB and the sealing in a Web Worker (`store-in-worker.ts`): the app and its Chromium
   * bench pages do, so that an initial sync or an import does not hold the window. Node tests,
   * which have no Worker, keep them on their own thread.
   */
  inWorker?: boolean
  /**
   * The store's worker started another way: Node tests serve the worker's code
   * (`exposeStoreStorage`) over a `MessageChannel` of their own. Implies `inWorker`.
   */
  startWorker?: (fieldKey: CryptoKey) => Promise<StoreWorker>
}

export class StoreKeyMismatchError extends Error {
  constructor() {
    super('The database key does not match the key these records were written with.')
    this.name = 'StoreKeyMismatchError'
  }
}

const KEY_CHECK_DOC = 'store-key-check'

/**
 * What the window's RxDB wraps around the storage: every write to the app's collections checked
 * by compiled validators, each stored pull checkpoint reported (`checkpoint-watch.ts`), and the
 * upstream's scan for records to push spared the pull's own records (`upstream-scan.ts`).
 */
function windowStorage<Internals, Options>(
  inner: RxStorage<Internals, Options>,
  checkpoints: CheckpointListeners,
  origin: ReplicationOrigin,
) {
  return wrappedUpstreamScanStorage({
    storage: wrappedCompiledValidationStorage({
      storage: wrappedCheckpointWatchStorage({ storage: inner, listeners: checkpoints }),
    }),
    origin,
    schemaVersion: participantJsonSchema.version,
  })
}

/**
 * The storage of a store on this thread: Dexie with strict durability, NIK/KK/phone sealed,
 * every write to the app's collections validated by compiled validators. Exported so the
 * migration tests can write records the way an older version of the app did.
 */
export function storeStorage(
  keys: StoreKeys,
  options: IndexedDbOptions,
  checkpoints: CheckpointListeners = new CheckpointListeners(),
  origin: ReplicationOrigin = new ReplicationOrigin(),
) {
  return windowStorage(sealedDexieStorage(keys.fieldKey, options), checkpoints, origin)
}

/**
 * The window's own read-only handle on the participants' IndexedDB database, for the reads that
 * skip RxDB (`participantsAtRest`), when the store runs in a worker. Dexie opens the database the
 * worker's Dexie created, by the same name and tables.
 */
function openParticipantsAtRestHere(
  db: NaunganRxDatabase,
  options: IndexedDbOptions,
): () => Promise<void> {
  const collection = db.participants
  const storedSchema = structuredClone(collection.schema.jsonSchema) as RxJsonSchema<
    Record<string, unknown>
  >
  const properties = storedSchema.properties as Record<string, unknown>
  for (const field of SEALED_PARTICIPANT_FIELDS) properties[field] = { type: 'string' }
  const internals = getDexieDbWithTables(
    db.name,
    collection.name,
    {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    },
    storedSchema,
  )
  const forget = registerSealedAtRestView({
    databaseName: db.name,
    collectionName: collection.name,
    schemaVersion: collection.schema.version,
    sealedFields: SEALED_PARTICIPANT_FIELDS,
    internals,
  })
  return async () => {
    forget()
    await closeDexieDb(internals)
  }
}

/** The IndexedDB database RxDB's Dexie storage keeps a database's local documents in. */
function localDocumentsDatabaseName(databaseName: string): string {
  return `rxdb-dexie-${databaseName}--0--plugin-local-documents-`
}

/**
 * Local documents read here, not through the worker: RxDB's remote storage reads them there and
 * copies them over, 0.41–0.57 s for the dashboard's 8.6 MB copy of 100,000 records against
 * 0.16–0.18 s for the same row read here (tests/bench/dashboard, Chromium). Read-only; writes
 * still go through RxDB. The connection yields to any version change and closes with the store.
 */
function localDocumentsAtRestHere(databaseName: string, options: IndexedDbOptions) {
  const factory = options.indexedDB ?? indexedDB
  let opened: Promise<IDBDatabase> | null = null
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(localDocumentsDatabaseName(databaseName))
      // Not there: opening would create an empty database. Abort; the caller uses getLocal.
      request.onupgradeneeded = () => request.transaction?.abort()
      request.onsuccess = () => {
        const db = request.result
        db.onversionchange = () => db.close()
        resolve(db)
      }
      request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'))
    }))
  return {
    async read(id: string): Promise<unknown> {
      const db = await open()
      return new Promise((resolve, reject) => {
        const request = db.transaction('docs', 'readonly').objectStore('docs').get(id)
        request.onsuccess = () => {
          const row = request.result as { _deleted?: unknown; data?: unknown } | undefined
          const isDeleted = row?._deleted === '1' || row?._deleted === true
          resolve(row && !isDeleted ? (row.data ?? null) : null)
        }
        request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'))
      })
    },
    close(): void {
      void opened?.then(
        (db) => db.close(),
        () => undefined,
      )
    },
  }
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
  const replicationOrigin = new ReplicationOrigin()
  const start = options.startWorker ?? (options.inWorker ? startStoreWorker : null)
  const worker: StoreWorker | null = start ? await start(keys.fieldKey) : null
  const storage = worker
    ? windowStorage(worker.storage, checkpoints, replicationOrigin)
    : storeStorage(keys, options, checkpoints, replicationOrigin)
  let db: NaunganRxDatabase
  try {
    db = await createRxDatabase<NaunganCollections>({
      name: options.name,
      storage: storage as RxStorage<unknown, unknown>,
      localDocuments: true,
      // Counting a filtered list (kecamatan + occupation) is worth a slower count than an error.
      allowSlowCount: true,
      closeDuplicates: true,
    })
  } catch (error) {
    worker?.terminate()
    throw error
  }
  const refused = new RefusedStates()
  let closeAtRest: (() => Promise<void>) | null = null
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
    // Before anything listens: RxDB's own `$` keeps every change event for good (change-events.ts).
    releaseChangeEvents(db)
    await loadRefusedStates(db.participant_sync, refused)
    if (!existingCheck) await db.upsertLocal(KEY_CHECK_DOC, { value: keys.keyCheck })
    // The later words of participant names, for search (name-words.ts): derived, never synced,
    // in a storage instance of its own (not a collection: the open core allows 13 per process).
    // Follows every participant write from now on; builds the rows of an older store meanwhile.
    if (worker) closeAtRest = openParticipantsAtRestHere(db, options)
    startNameWordIndex(db, await openParticipantWordStorage(storage as never, db))
  } catch (error) {
    await db.close()
    await closeAtRest?.()
    worker?.terminate()
    throw error
  }
  const localsAtRest = worker ? localDocumentsAtRestHere(db.name, options) : null
  return {
    db,
    keys,
    refused,
    onCheckpointStored: (listener) => checkpoints.listen(listener),
    replicationOrigin,
    ...(localsAtRest ? { readLocalAtRest: (id: string) => localsAtRest.read(id) } : {}),
    close: async () => {
      const index = nameWordIndexOf(db)
      index?.close()
      localsAtRest?.close()
      await db.close()
      await index?.words.close()
      await closeAtRest?.()
      worker?.terminate()
    },
  }
}
