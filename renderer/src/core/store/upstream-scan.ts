import type { BulkWriteRow, RxStorage, RxStorageDefaultCheckpoint, RxStorageInstance } from 'rxdb'
import { getHeightOfRevision, getPrimaryFieldOfPrimaryKey } from 'rxdb'
import { changedSinceByKeyset } from './audit-backlog'

/**
 * RxDB's upstream looks for records to push by scanning the store's changes since its own
 * checkpoint, `push.batchSize` (50) at a time; for each batch it reads the records' server copies,
 * compares them and stores its checkpoint. It does this at start and at every RESYNC (the live
 * stream connecting, a change event). During a first sync the records it finds are the pulled
 * ones, which need no push, and while the pull keeps writing pages the scan keeps finding new
 * ones: it chases the pull. Measured in the app in Chromium (50,000 records, unthrottled, a
 * tally of the store worker's calls): ~580 such batches in the first 60 s, each a read of 50
 * records, a read of their 50 server copies and a checkpoint written with strict durability;
 * the pull wrote ~450 records/s while it lasted and ~650/s after (docs/performance.md).
 *
 * So the store marks every record the pull writes: `_meta.pulled`, the replication's run (below)
 * and the revision the pull gave it. (RxDB's own mark, `_meta.o`, names the replication, not the
 * run, so a record pulled before a restart carries it too; it is put back below.) A local write
 * gives a record its next revision, so the mark no longer matches it. The scan for records to push is
 * answered here: the changes are read a growing number at a time (up to a page), the pull's
 * unchanged records are skipped, and RxDB is handed the others, up to the batch it asked for,
 * with a checkpoint past everything read (when all were skipped, the last one goes along so that
 * RxDB stores that checkpoint). RxDB would have skipped those records after reading their server
 * copies; now it reads one server copy per scan instead of one per record.
 *
 * What is never skipped: a local write, a conflict's resolution (both raise the revision), a
 * record pulled by an earlier run of the replication or before the store was opened (after a
 * move to a new server everything is offered again), and everything while no replication runs.
 *
 * RxDB's own mark, put back: `_meta.o` (the replication's hash and the revision its pull gave
 * the record) is what lets RxDB's pull repair a record whose page was written but whose server
 * copies were not (the power going, or a failed write, between the two). RxDB's storage layer
 * drops it on every insert, so a pulled new record lost it: the next pull took such a record for
 * an unsent local write and left it, while RxDB's upstream had already moved its checkpoint past
 * it on the page's change events, so it was neither pushed nor ever updated by a later pull
 * (an edit from another office never arrived) until someone edited it here. The pull's writes
 * now carry it again, as RxDB's pull wrote it (`tests/sync/pull-copies-lost.test.ts`). Records
 * pulled by an earlier version and unchanged since do not have it until a pull writes them again
 * (the server changing them); one of those whose copy is lost stays stuck as before.
 */

/** The most changes the scan reads at once: a pulled page. */
export const UPSTREAM_SCAN_READ = 1_000

/** The collection whose pulled records are marked and whose upstream scan skips them. */
const SCANNED_COLLECTION = 'participants'

/**
 * The context RxDB writes a replication's pulled documents with
 * (`replication-protocol/index.js` and `checkpoint.js` of RxDB 17): only the running
 * replication's own writes are marked, not a page a cancelled one still writes. Should RxDB
 * name it otherwise, nothing is marked and RxDB scans as before (upstream-scan.test.ts fails).
 */
export async function pullWriteContext(
  hashFunction: (input: string) => Promise<string>,
  replicationIdentifier: string,
  databaseName: string,
  collectionName: string,
): Promise<string> {
  const identifier = `rxdbreplication${replicationIdentifier}`
  const key = await hashFunction([identifier, databaseName, collectionName].join('||'))
  return `replication-downstream-rx_storage_replication_${key}`
}

interface Run {
  id: string
  /** The context its pull writes with (`pullWriteContext`). */
  context: string
  /** The hash RxDB marks the pull's writes with in `_meta.o` (`pullOriginHash`). */
  origin: string
}

/**
 * The hash RxDB's pull puts in `_meta.o` of what it writes (`identifierHash` in RxDB 17's
 * `replication-protocol/downstream.js`; the identifier is set in `plugins/replication`).
 */
export function pullOriginHash(
  hashFunction: (input: string) => Promise<string>,
  replicationIdentifier: string,
): Promise<string> {
  return hashFunction(`rxdbreplication${replicationIdentifier}`)
}

/**
 * The replication run whose pull writes here now (null: none), and what its scans skipped. A run is one start of the participants' replication on this opening of the store;
 * a mark from an earlier run or opening is not trusted, so the first scan of a run (at every
 * start) reads as RxDB's own would; another run may also pull from another server.
 */
export class ReplicationOrigin {
  private current: Run | null = null
  /** Records its scans skipped (tests and diagnostics). */
  readonly counts = { skippedEchoes: 0 }

  /** The run now marking pulled records, or null. */
  get run(): Readonly<Run> | null {
    return this.current
  }

  /**
   * A replication starts, whose pull writes with `context` (`pullWriteContext`) and marks with
   * `origin` (`pullOriginHash`): its records are marked with a run of their own. Returns the
   * run, for `stop`.
   */
  start(context: string, origin: string): Readonly<Run> {
    this.current = { id: crypto.randomUUID().replaceAll('-', '').slice(0, 12), context, origin }
    return this.current
  }

  /** The replication of `run` stopped (a later run, already started, is left alone). */
  stop(run: Readonly<Run>): void {
    if (this.current === run) this.current = null
  }
}

/** The mark the pull leaves on a record it writes: its run and the revision it gave the record. */
export const pulledMark = (run: string, revision: string) =>
  `${run}.${getHeightOfRevision(revision)}`

interface StoredRecord {
  _rev?: unknown
  _meta?: { lwt?: unknown; pulled?: unknown }
}

/** Written by the pull of the replication run `run`, and unchanged since. */
export function isPullEcho(doc: StoredRecord, run: string): boolean {
  const mark = doc._meta?.pulled
  return (
    typeof mark === 'string' && typeof doc._rev === 'string' && mark === pulledMark(run, doc._rev)
  )
}

type ChangesSince = NonNullable<
  RxStorageInstance<
    Record<string, unknown>,
    unknown,
    unknown,
    RxStorageDefaultCheckpoint
  >['getChangedDocumentsSince']
>

/**
 * Wraps a storage so that the participants written by the pull are marked, and their
 * changes-since (RxDB's upstream scan) skip the pull's unchanged records.
 */
export function wrappedUpstreamScanStorage<Internals, InstanceCreationOptions>(args: {
  storage: RxStorage<Internals, InstanceCreationOptions>
  origin: ReplicationOrigin
  /** The schema version of the collection the app has open (an older one is being migrated). */
  schemaVersion: number
}): RxStorage<Internals, InstanceCreationOptions> {
  const { storage, origin, schemaVersion } = args
  return Object.assign({}, storage, {
    async createStorageInstance(
      params: Parameters<RxStorage<Internals, InstanceCreationOptions>['createStorageInstance']>[0],
    ) {
      const instance = await storage.createStorageInstance(params)
      if (params.collectionName !== SCANNED_COLLECTION || params.schema.version !== schemaVersion) {
        return instance
      }
      const records = instance as unknown as RxStorageInstance<
        Record<string, unknown>,
        Internals,
        InstanceCreationOptions,
        RxStorageDefaultCheckpoint
      >
      const bulkWrite = records.bulkWrite.bind(records)
      records.bulkWrite = (rows, context) => {
        const run = origin.run
        if (run === null || context !== run.context) return bulkWrite(rows, context)
        // Copies: RxDB's rows of one insert share a single `_meta` object. `o` as RxDB's pull
        // set it before its storage layer dropped it from inserts (an update kept it already).
        const marked = rows.map((row): BulkWriteRow<Record<string, unknown>> => {
          const { document } = row
          const pulled = pulledMark(run.id, document._rev)
          const o = { _rev: getHeightOfRevision(document._rev), hash: run.origin }
          return { ...row, document: { ...document, _meta: { ...document._meta, pulled, o } } }
        })
        return bulkWrite(marked, context)
      }
      const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey)
      const readSince = changedSinceByKeyset(records, primaryPath)
      const scan: ChangesSince = async (limit, checkpoint) => {
        const run = origin.run
        if (run === null) return readSince(limit, checkpoint)
        const handed: Awaited<ReturnType<ChangesSince>>['documents'] = []
        let position = checkpoint
        let lastSkipped: (typeof handed)[number] | null = null
        // Local changes come first in full batches; a run of the pull's records is read in
        // growing steps, so a backlog of local edits is not read a page at a time.
        let size = limit
        for (;;) {
          const read = await readSince(size, position)
          for (const doc of read.documents) {
            position = { id: String(doc[primaryPath]), lwt: doc._meta.lwt }
            if (isPullEcho(doc, run.id)) {
              origin.counts.skippedEchoes++
              lastSkipped = doc
              continue
            }
            handed.push(doc)
            // Everything up to here is accounted for: the echoes need no push, the rest is handed.
            if (handed.length >= limit) return { documents: handed, checkpoint: position }
          }
          if (read.documents.length < size) {
            // RxDB ends its scan on an empty answer without storing the checkpoint: the last
            // record skipped goes along (RxDB finds it equal to its server copy), so that the
            // checkpoint past everything read is stored and the next scan starts there.
            if (handed.length === 0 && lastSkipped) handed.push(lastSkipped)
            return { documents: handed, checkpoint: position ?? read.checkpoint }
          }
          size = Math.min(size * 4, Math.max(limit, UPSTREAM_SCAN_READ))
        }
      }
      records.getChangedDocumentsSince = scan
      return instance
    },
  })
}
