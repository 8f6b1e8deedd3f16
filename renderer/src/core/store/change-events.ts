import { mergeMap, type Observable } from 'rxjs'
import type { RxChangeEvent, RxChangeEventBulk, RxCollection, RxDatabase } from 'rxdb'

/**
 * RxDB 17.6's change events without its leak.
 *
 * `collection.$` and `database.$` turn each bulk of storage events into RxChangeEvents through
 * `rxChangeEventBulkToRxChangeEvents`, which remembers the result in a module-level `Map` keyed
 * by the bulk and never deletes from it (rxdb/src/rx-change-event.ts, `EVENT_BULK_CACHE`). As
 * soon as anything listens to a collection's `$` (the dashboard's copy follows `participants.$`,
 * the sync panel `participant_sync.$`), every write of the window's life stays in memory with the
 * whole document. Found in a heap snapshot of a 50,000-record first sync (docs/performance.md):
 * of 96 MB live in the window, the event cache held ~44,000 events and their documents, and the
 * heap sampled during the sync reached 181–239 MB.
 *
 * Here the same conversion is remembered in a WeakMap, so two listeners of one bulk still get
 * the same event objects and a bulk is forgotten once nobody holds it. `releaseChangeEvents`
 * replaces the `$` of each collection and of the database (RxDB's own `insert$`, `update$`,
 * `remove$` and `getLocal$` read them there) when the store opens. RxDB's queries, documents and
 * replication listen to `eventBulks$` and never used the cache.
 */
const converted = new WeakMap<RxChangeEventBulk<unknown>, RxChangeEvent<unknown>[]>()

export function changeEventsOf<T>(bulk: RxChangeEventBulk<T>): RxChangeEvent<T>[] {
  const known = converted.get(bulk as RxChangeEventBulk<unknown>)
  if (known) return known as RxChangeEvent<T>[]
  const events = bulk.events.map(
    (event): RxChangeEvent<T> =>
      ({
        documentId: event.documentId,
        collectionName: bulk.collectionName,
        isLocal: bulk.isLocal,
        operation: event.operation,
        documentData: event.documentData,
        previousDocumentData: event.previousDocumentData,
      }) as RxChangeEvent<T>,
  )
  converted.set(bulk as RxChangeEventBulk<unknown>, events as RxChangeEvent<unknown>[])
  return events
}

function changeEvents$<T>(bulks$: Observable<RxChangeEventBulk<T>>): Observable<RxChangeEvent<T>> {
  return bulks$.pipe(mergeMap((bulk) => changeEventsOf(bulk)))
}

/** Points the database's and every open collection's `$` at `changeEventsOf`. */
export function releaseChangeEvents(db: {
  eventBulks$: RxDatabase['eventBulks$']
  collections: object
}): void {
  // `observable$` is what `database.$` returns; private in RxDB's types, a plain field at runtime.
  ;(db as unknown as { observable$: Observable<RxChangeEvent<unknown>> }).observable$ =
    changeEvents$(db.eventBulks$)
  for (const collection of Object.values(db.collections) as RxCollection[]) {
    collection.$ = changeEvents$(collection.eventBulks$)
  }
}
