import type { Observable } from 'rxjs'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import {
  exposeRxStorageRemote,
  type MessageFromRemote,
  type MessageToRemote,
} from 'rxdb/plugins/storage-remote'
import { SEALED_PARTICIPANT_FIELDS } from '@shared/participant/participant-document'
import { markOwnWriteEvents } from './own-write-events'
import { wrappedSealedFieldsStorage } from './sealed-fields-storage'
import { WRITE_SLICE, wrappedSlicedWritesStorage } from './sliced-writes'
import { SEALED_PARTICIPANT_SYNC_FIELDS } from './sync-state-collection'

/**
 * Rows per IndexedDB transaction in the store's worker. No window waits on them there; a reader
 * (the list, a search) does wait for the write transaction ahead of it on the same table, so a
 * pulled page (`PULL_BATCH_SIZE`, 1,000) goes in one. Measured (10,000 records at 1 Mbit/s,
 * docs/performance.md): 200 rows per transaction wrote a 2,000-record page in ~3.4 s, 2,000 rows
 * in ~2.5 s.
 */
export const WORKER_WRITE_SLICE = 1_000

export interface IndexedDbOptions {
  /** Injected in Node tests (fake-indexeddb); the browser's own otherwise. */
  indexedDB?: IDBFactory
  IDBKeyRange?: typeof IDBKeyRange
}

/** The collections whose fields are sealed at rest, and the fields. */
export const SEALED_FIELDS_BY_COLLECTION: Readonly<Record<string, readonly string[]>> = {
  participants: SEALED_PARTICIPANT_FIELDS,
  participant_sync: SEALED_PARTICIPANT_SYNC_FIELDS,
}

/**
 * The part of the store that touches IndexedDB and the field key: Dexie with strict durability,
 * writes in slices, NIK/KK/phone sealed. In the app it runs in the store's worker
 * (`store.worker.ts`); Node tests run it in their own thread.
 */
export function sealedDexieStorage(
  fieldKey: CryptoKey,
  options: IndexedDbOptions,
  writeSlice = WRITE_SLICE,
  /**
   * The events of writes that came through this storage go out as marks (`own-write-events.ts`):
   * only where the storage sits behind RxDB's remote storage, whose other end fills them back in
   * (the store's worker and `store-in-worker.ts`).
   */
  markOwnWrites = false,
) {
  const dexie = getRxStorageDexie({
    // Chromium's IndexedDB default is "relaxed" since Chrome 121: the OS may still hold a
    // committed write in its cache when the power goes. Offices lose power; "Tersimpan" must mean
    // the record is on disk, so every readwrite transaction is flushed.
    chromeTransactionDurability: 'strict',
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  })
  const sliced = wrappedSlicedWritesStorage({ storage: dexie, slice: writeSlice })
  return wrappedSealedFieldsStorage({
    storage: markOwnWrites ? markOwnWriteEvents(sliced) : sliced,
    options: {
      ownWritesMarked: markOwnWrites,
      fieldKey,
      sealedFields: SEALED_FIELDS_BY_COLLECTION,
      // The replication keeps a server copy of every participant: sealed like the original.
      replicationMetaSealedFields: ['docData'],
    },
  })
}

/**
 * The store worker's end of RxDB's remote storage (`store.worker.ts`): the sealed Dexie storage,
 * writes in the worker's slices, the events of the window's writes sent as marks for the window
 * to fill in (`remoteStoreStorage` in `store-in-worker.ts`). Node tests serve it over a
 * `MessageChannel` of their own.
 */
export function exposeStoreStorage(
  fieldKey: CryptoKey,
  channel: { messages$: Observable<MessageToRemote>; send(message: MessageFromRemote): void },
  options: IndexedDbOptions = {},
): void {
  exposeRxStorageRemote({
    storage: sealedDexieStorage(fieldKey, options, WORKER_WRITE_SLICE, true),
    messages$: channel.messages$,
    send: (message) => channel.send(message),
  })
}
