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
 * and the revision the pull gave it. (RxDB has a mark of its own, `_meta.o`, but its storage layer
 * replaces `_meta` on every insert, so a pulled new record never keeps it.) A local write gives a
 * record its next revision, so the mark no longer matches it. The scan for records to push is
 * answered here: the changes are read a growing number at a time (up to a page), the pull's
 * unchanged records are skipped, and RxDB is handed the others, up to the batch it asked for,
 * with a checkpoint past everything read. RxDB would have skipped those records after reading
 * their server copies; now it never sees them.
 *
 * What is never skipped: a local write, a conflict's resolution (both raise the revision), a
 * record pulled by an earlier run of the replication or before the store was opened (after a
 * move to a new server everything is offered again), and everything while no replication runs.
 */

/** The most changes the scan reads at once: a pulled page. */
export const UPSTREAM_SCAN_READ = 1_000

/** The collection whose pulled records are marked and whose upstream scan skips them. */
const SCANNED_COLLECTION = 'participants'

/** RxDB's write context for the documents its pull writes (`replication-downstream-<key>`). */
const PULL_WRITE_CONTEXT = 'replication-downstream-'

/**
 * The replication run whose pull writes here now (null: none), and what its scans read and
 * skipped. A run is one start of the participants' replication on this opening of the store: a
 * mark from an earlier run or opening is not trusted. The power may have gone between the pull's
 * write of a page and RxDB's write of its server copies, and RxDB's upstream must then see those
 * records (it pushes them, the server answers that it has them, and the server copy is written:
 * sync-controller's `confirmAlreadyOnServer`); another run may also pull from another server.
 */
export class ReplicationOrigin {
  private current: string | null = null
  readonly counts = { read: 0, skippedEchoes: 0 }

  /** The run now marking pulled records, or null. */
  get run(): string | null {
    return this.current
  }

  /** A replication starts: its pull's records are marked with a run of their own. */
  start(): void {
    this.current = crypto.randomUUID().replaceAll('-', '').slice(0, 12)
  }

  stop(): void {
    this.current = null
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
        if (run === null || !context.startsWith(PULL_WRITE_CONTEXT)) return bulkWrite(rows, context)
        // Copies: RxDB's rows of one insert share a single `_meta` object.
        const marked = rows.map((row): BulkWriteRow<Record<string, unknown>> => {
          const { document } = row
          const pulled = pulledMark(run, document._rev)
          return { ...row, document: { ...document, _meta: { ...document._meta, pulled } } }
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
        // Local changes come first in full batches; a run of the pull's records is read in
        // growing steps, so a backlog of local edits is not read a page at a time.
        let size = limit
        for (;;) {
          const read = await readSince(size, position)
          origin.counts.read += read.documents.length
          for (const doc of read.documents) {
            position = { id: String(doc[primaryPath]), lwt: doc._meta.lwt }
            if (isPullEcho(doc, run)) {
              origin.counts.skippedEchoes++
              continue
            }
            handed.push(doc)
            // Everything up to here is accounted for: the echoes need no push, the rest is handed.
            if (handed.length >= limit) return { documents: handed, checkpoint: position }
          }
          if (read.documents.length < size) {
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
