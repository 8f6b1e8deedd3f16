/**
 * How the audit trail's replication finds the next history entries to push, without reading the
 * ones it pushed already again and again.
 *
 * RxDB's push walks the collection by checkpoint ({ lwt, id }: write time, then id) whenever it
 * starts (every app start with a backlog, every resync). Dexie has no method of its own for that,
 * so RxDB runs one query, "lwt > L, or lwt = L and id > I": a selector no index satisfies, so the
 * index cursor starts at the first entry written at L and steps over every entry of that write up
 * to I before it finds the next batch. Entries written together share one lwt (a bulk insert
 * stamps all its rows with one time: an import slice, a print batch), so a backlog of n entries
 * from one write costs n²/(2 × batch) cursor steps: 3,000 entries took 120 s, 10,000 would take
 * many minutes (tests/bench/sync/run-audit-backlog-bench.ts, docs/sync.md "Audit trail").
 *
 * `getChangedDocumentsSince` is the optional storage method RxDB calls instead when a storage
 * has it. This one runs the same walk as two range queries on RxDB's own [_meta.lwt, id] index,
 * each starting exactly after the checkpoint: the rest of the checkpoint's write (lwt = L and
 * id > I), then the writes after it (lwt > L). Each reads only the entries it returns. Same
 * documents, same order, same checkpoints as RxDB's query (tests/sync/audit-backlog.test.ts).
 */
import {
  normalizeMangoQuery,
  prepareQuery,
  RX_META_LWT_MINIMUM,
  type MangoQuerySelector,
  type RxCollection,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
} from 'rxdb'

type ChangedSince<T> = NonNullable<
  RxStorageInstance<T, unknown, unknown, RxStorageDefaultCheckpoint>['getChangedDocumentsSince']
>

/**
 * Gives the collection's storage a `getChangedDocumentsSince` that reads each entry once (see
 * above). Call before the replication starts; a storage that has the method already keeps it.
 */
export function walkChangesByKeyset<T>(collection: RxCollection<T>): void {
  const instance = collection.storageInstance as unknown as RxStorageInstance<
    T,
    unknown,
    unknown,
    RxStorageDefaultCheckpoint
  >
  if (instance.getChangedDocumentsSince) return
  instance.getChangedDocumentsSince = changedSinceByKeyset(instance, collection.schema.primaryPath)
}

/** The two-query walk over `instance`; exported for the test that compares it with RxDB's. */
export function changedSinceByKeyset<T>(
  instance: RxStorageInstance<T, unknown, unknown, RxStorageDefaultCheckpoint>,
  primaryPath: string,
): ChangedSince<T> {
  const { schema } = instance
  const range = async (selector: MangoQuerySelector<T>, limit: number) => {
    const query = normalizeMangoQuery<T>(schema, {
      selector,
      sort: [{ '_meta.lwt': 'asc' }, { [primaryPath]: 'asc' }] as never,
      index: ['_meta.lwt', primaryPath],
      skip: 0,
      limit,
    })
    const result = await instance.query(prepareQuery(schema, query))
    return result.documents
  }

  return async (limit, checkpoint) => {
    const lwt = checkpoint?.lwt ?? RX_META_LWT_MINIMUM
    const id = checkpoint?.id ?? ''
    const documents = await range(
      { '_meta.lwt': { $eq: lwt }, [primaryPath]: { $gt: id } } as never,
      limit,
    )
    if (documents.length < limit) {
      documents.push(
        ...(await range({ '_meta.lwt': { $gt: lwt } } as never, limit - documents.length)),
      )
    }
    const last = documents.at(-1)
    return {
      documents,
      checkpoint: last
        ? { id: String((last as Record<string, unknown>)[primaryPath]), lwt: last._meta.lwt }
        : (checkpoint ?? { id: '', lwt: 0 }),
    }
  }
}
