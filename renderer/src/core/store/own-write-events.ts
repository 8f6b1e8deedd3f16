import { concatMap, from, map, of, type Observable } from 'rxjs'
import {
  getPrimaryFieldOfPrimaryKey,
  type BulkWriteRow,
  type EventBulk,
  type RxStorage,
  type RxStorageChangeEvent,
  type RxStorageInstance,
} from 'rxdb'

/**
 * Change events without the documents the window already holds.
 *
 * RxDB tells its collections about every write through the storage's change events, each with
 * the written document and the one before it. With the store in a worker (`store-in-worker.ts`)
 * every event crossed back to the window as a structured-clone message: the window had sent the
 * very same documents a moment earlier in its write. Measured in the app's import in Chromium
 * (30,000 rows, docs/performance.md), copying those messages was 404 MB of the 1,393 MB the window
 * allocated, and the window's pauses during the import were its garbage collector. In the worker,
 * each event of a sealed collection was also opened again (AES-GCM for a replication meta row,
 * whose `docData` is a whole record).
 *
 * So the worker sends an event of a write it received from the window as a mark: the record's id,
 * the operation and the revisions (`markOwnWriteEvents`). The window puts back the documents of
 * its own write (`fillOwnWriteEvents`), the same objects RxDB's in-thread storages put in their
 * events. An event the worker did not get from a write of this window (another tab's write,
 * reaching the worker through RxDB's multi-instance channel) is sent whole, as before.
 *
 * Order: RxDB's storages emit a write's events before the write returns (Dexie before it resolves;
 * RxDB's wrappers wait for their events to be out), and the remote storage sends messages in
 * order, so the window has every mark of a write before the write's answer, while it still holds
 * the write's rows. A mark the window cannot match (it should not happen) is filled from the store
 * instead: the record as it is now, read through the worker, in the events' order.
 */

const MARK = 'naunganOwnWrite'

/**
 * What stands in an event for a document of the window's own write: its revision and its write
 * time. The revision alone does not name one write: RxDB's revisions are the height and this
 * database's token, so two writes of a record from the same state (a clerk's edit and a pulled
 * page, one of which fails as a conflict) carry the same one. RxDB stamps each write with its own
 * `_meta.lwt` (its `now()` never returns a value twice).
 */
export interface OwnWriteMark {
  [MARK]: 'document' | 'previous'
  _rev: string
  lwt: number
}

export function isOwnWriteMark(value: unknown): value is OwnWriteMark {
  return typeof value === 'object' && value !== null && MARK in value
}

type Doc = Record<string, unknown>
type Bulk = EventBulk<RxStorageChangeEvent<Doc>, unknown>
type Instance = RxStorageInstance<Doc, unknown, unknown>

const lwtOf = (doc: Doc) => (doc._meta as { lwt?: number } | undefined)?.lwt
/** A write's row by its record and stamp (`OwnWriteMark`). */
const rowKey = (id: unknown, doc: Doc) =>
  `${String(id)}\u0000${String(doc._rev)}\u0000${String(lwtOf(doc))}`
const markKey = (id: unknown, mark: OwnWriteMark) =>
  `${String(id)}\u0000${mark._rev}\u0000${String(mark.lwt)}`

function primaryPathOf(schema: { primaryKey: unknown }): string {
  return getPrimaryFieldOfPrimaryKey(schema.primaryKey as never) as string
}

function marked(event: RxStorageChangeEvent<Doc>): RxStorageChangeEvent<Doc> {
  const previous = event.previousDocumentData
  return {
    documentId: event.documentId,
    operation: event.operation,
    documentData: {
      [MARK]: 'document',
      _rev: event.documentData._rev,
      lwt: lwtOf(event.documentData),
    } as never,
    previousDocumentData: (previous
      ? { [MARK]: 'previous', _rev: previous._rev, lwt: lwtOf(previous) }
      : previous) as never,
  }
}

/**
 * The worker's side: every event of a write that came through this storage's `bulkWrite` is sent
 * as a mark. Sits under the sealing (`sealed-fields-storage.ts`), which leaves marks unopened.
 */
export function markOwnWriteEvents<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return Object.assign({}, storage, {
    async createStorageInstance(
      params: Parameters<RxStorage<Internals, Options>['createStorageInstance']>[0],
    ) {
      const instance = await storage.createStorageInstance(params)
      const primaryPath = primaryPathOf(params.schema)
      /** Rows of the writes under way: record and stamp → how many writes carry it. */
      const inFlight = new Map<string, number>()
      const bulkWrite = instance.bulkWrite.bind(instance)
      const changeStream = instance.changeStream.bind(instance)
      instance.bulkWrite = async (rows, context) => {
        const keys = rows.map((row) => rowKey((row.document as Doc)[primaryPath], row.document))
        for (const key of keys) inFlight.set(key, (inFlight.get(key) ?? 0) + 1)
        try {
          return await bulkWrite(rows, context)
        } finally {
          for (const key of keys) {
            const left = (inFlight.get(key) ?? 1) - 1
            if (left > 0) inFlight.set(key, left)
            else inFlight.delete(key)
          }
        }
      }
      instance.changeStream = () =>
        (changeStream() as Observable<Bulk>).pipe(
          map((bulk) => {
            let events: RxStorageChangeEvent<Doc>[] | null = null
            bulk.events.forEach((event, index) => {
              if (!inFlight.has(rowKey(event.documentId, event.documentData))) return
              events ??= bulk.events.slice()
              events[index] = marked(event)
            })
            return events ? { ...bulk, events } : bulk
          }),
        ) as never
      return instance
    },
  })
}

/**
 * The window's side: the documents of this window's own writes put back into the marks. One
 * table for every instance of the storage, so that two instances of one collection (RxDB's remote
 * storage shares the worker's instance between them) each fill the other's marks too.
 */
export function fillOwnWriteEvents<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  /** Rows of the writes awaiting their answer, by instance, record and stamp. */
  const written = new Map<string, BulkWriteRow<Doc>[]>()
  return Object.assign({}, storage, {
    async createStorageInstance(
      params: Parameters<RxStorage<Internals, Options>['createStorageInstance']>[0],
    ) {
      const instance = (await storage.createStorageInstance(params)) as unknown as Instance
      const primaryPath = primaryPathOf(params.schema)
      const prefix = `${params.databaseName}\u0000${params.collectionName}\u0000${params.schema.version}\u0000`
      const bulkWrite = instance.bulkWrite.bind(instance)
      const changeStream = instance.changeStream.bind(instance)

      instance.bulkWrite = async (rows, context) => {
        const keys = rows.map((row) => prefix + rowKey(row.document[primaryPath], row.document))
        keys.forEach((key, index) => {
          const known = written.get(key)
          if (known) known.push(rows[index] as BulkWriteRow<Doc>)
          else written.set(key, [rows[index] as BulkWriteRow<Doc>])
        })
        try {
          return await bulkWrite(rows, context)
        } finally {
          keys.forEach((key, index) => {
            const known = written.get(key)
            const at = known?.indexOf(rows[index] as BulkWriteRow<Doc>) ?? -1
            if (!known || at < 0) return
            known.splice(at, 1)
            if (known.length === 0) written.delete(key)
          })
        }
      }

      /** The event with its documents back, or null when this window holds no such write. */
      const filled = (event: RxStorageChangeEvent<Doc>): RxStorageChangeEvent<Doc> | null => {
        const mark = event.documentData as unknown
        if (!isOwnWriteMark(mark)) return event
        const row = written.get(prefix + markKey(event.documentId, mark))?.[0]
        if (!row) return null
        return {
          documentId: event.documentId,
          operation: event.operation,
          documentData: row.document,
          previousDocumentData: (isOwnWriteMark(event.previousDocumentData)
            ? row.previous
            : event.previousDocumentData) as never,
        }
      }

      /**
       * Marks no write of this window matches (none should): the records as they are now, with
       * no previous state, in the events' order. Said where support staff look, without a record.
       */
      const fromStore = async (bulk: Bulk, events: (RxStorageChangeEvent<Doc> | null)[]) => {
        const missing = bulk.events.filter((_, index) => events[index] === null)
        console.warn(
          `Store worker: ${missing.length} change event(s) of ${params.collectionName} matched no write of this window; read from the store.`,
        )
        const found = await instance
          .findDocumentsById(
            missing.map((event) => event.documentId),
            true,
          )
          .catch(() => [])
        const byId = new Map(found.map((doc) => [String(doc[primaryPath]), doc as Doc]))
        const complete: RxStorageChangeEvent<Doc>[] = []
        bulk.events.forEach((event, index) => {
          const known = events[index]
          if (known) {
            complete.push(known)
            return
          }
          const now = byId.get(event.documentId)
          if (!now) return
          complete.push({
            documentId: event.documentId,
            operation: event.operation,
            documentData: now as never,
            previousDocumentData: undefined as never,
          })
        })
        return { ...bulk, events: complete }
      }

      instance.changeStream = () =>
        (changeStream() as Observable<Bulk>).pipe(
          // Matched as each message arrives, while the write's rows are still held; only the
          // (unexpected) reads from the store wait their turn below.
          map((bulk) => {
            if (!bulk.events.some((event) => isOwnWriteMark(event.documentData))) {
              return { bulk, events: null }
            }
            return { bulk, events: bulk.events.map(filled) }
          }),
          concatMap(({ bulk, events }) => {
            if (!events) return of(bulk)
            if (events.every((event) => event !== null)) {
              return of({ ...bulk, events: events as RxStorageChangeEvent<Doc>[] })
            }
            return from(fromStore(bulk, events))
          }),
        ) as never
      return instance as never
    },
  })
}
