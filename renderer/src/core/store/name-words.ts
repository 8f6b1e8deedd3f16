import type {
  BulkWriteRow,
  DexieStorageInternals,
  RxCollection,
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageInstance,
} from 'rxdb'
import {
  createRevision,
  fillWithDefaultSettings,
  normalizeMangoQuery,
  now as rxdbNow,
  prepareQuery,
} from 'rxdb'
import {
  PARTICIPANT_SCHEMA_VERSION,
  PARTICIPANT_STATUSES,
  type ParticipantDocument,
} from '@shared/participant/participant-document'
import { yieldToWindow } from '@/core/yield-to-window'
import { sealedAtRest } from './sealed-fields-storage'

/**
 * The later-word index of participant names: "yani" finds Ahmad Yani through an index range
 * instead of a walk over every name (issue 14: during a 50,000-record first sync each such walk
 * read every record from IndexedDB behind the sync's writes, and a search every 5 s stretched the
 * sync from ~82 s to 361 s).
 *
 * One small row per later word of a name: its key is the name's tail from that word on, the
 * whole `nameKey` and the participant id (`AHMAD YANI` → `YANI␁AHMAD YANI␁<id>`). A typed text
 * is a prefix of a tail exactly when it is a prefix of a later word (several typed words too:
 * "yani s" is a prefix of the tail `YANI SAPUTRA`), so a later-word search is a range over the
 * primary key, bounded by the names that match. The first word needs no row: the participants'
 * own `nameKey` index serves it. A row also carries the four list filters, so a filtered search
 * filters the tiny rows, not the participants. It holds nothing sealed: no NIK, KK or phone.
 *
 * Kept in step from the participants' change stream, whatever wrote (registration, edit,
 * import, the replication's pull, conflict resolution, workflow steps, deletes), never by each
 * caller: a write path added later cannot forget it. A crash between a participant's write and
 * its rows is caught up at the next start from a checkpoint (RxDB's `_meta.lwt`, as the
 * dashboard's snapshot does); an old store without the index is built the same way, from an
 * empty checkpoint (the migration). Until that first build is done, search keeps the old walk.
 * Search checks every row it returns against the participant (name and filters): a stale row can
 * cost a skipped candidate, never a wrong result, and is repaired when found.
 */

export interface ParticipantWordDocument {
  /** `tail ␁ nameKey ␁ id`: the range a typed prefix selects, in (tail, name, id) order. */
  key: string
  participantId: string
  kecamatanCode: string
  villageCode: string
  occupationCode: string
  status: ParticipantDocument['status']
}

/**
 * The rows live in a storage instance of their own, not an RxCollection: the open core counts
 * open collections (at most 13 per process, STACK.md), and a fourth collection per store left a
 * test with four offices' stores over the limit. Nothing here needs a collection's documents,
 * events or queries: the rows are written and read through the storage directly.
 */
export type ParticipantWordStorage = RxStorageInstance<ParticipantWordDocument, unknown, unknown>

/**
 * Below every character a key holds (nameKey is letters, digits and single spaces), so a tail
 * sorts before any longer tail it begins ("YANI␁…" before "YANI SAPUTRA␁…").
 */
const SEPARATOR = '\u0001'
const HIGHEST = '\uffff'

export const participantWordJsonSchema = {
  title: 'participant name word',
  description: 'One later word of a participant name, for search-as-you-type (derived data)',
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    // tail (≤ 100) + nameKey (≤ 100) + id (≤ 40) + two separators
    key: { type: 'string', maxLength: 250 },
    participantId: { type: 'string', maxLength: 40 },
    kecamatanCode: { type: 'string', maxLength: 8 },
    villageCode: { type: 'string', maxLength: 13 },
    occupationCode: { type: 'string', maxLength: 40 },
    status: { type: 'string', enum: [...PARTICIPANT_STATUSES], maxLength: 20 },
  },
  required: ['key', 'participantId', 'kecamatanCode', 'villageCode', 'occupationCode', 'status'],
  additionalProperties: false,
} as const

export const participantWordRxSchema =
  participantWordJsonSchema as unknown as RxJsonSchema<ParticipantWordDocument>

/** The schema as a storage instance takes it (RxDB's `_meta`, `_rev`, … filled in). */
const STORED_WORD_SCHEMA = fillWithDefaultSettings(participantWordRxSchema)

/** Opens the word rows' storage beside a store's collections (openStore; closed with it). */
export function openParticipantWordStorage(
  storage: RxStorage<unknown, unknown>,
  database: { name: string; token: string },
): Promise<ParticipantWordStorage> {
  return storage.createStorageInstance<ParticipantWordDocument>({
    databaseInstanceToken: database.token,
    databaseName: database.name,
    collectionName: 'participant_words',
    schema: STORED_WORD_SCHEMA,
    options: {},
    multiInstance: false,
    devMode: false,
  }) as Promise<ParticipantWordStorage>
}

/** Up to `limit` rows matching `selector`, in key order, read from the storage. */
async function queryRows(
  words: ParticipantWordStorage,
  selector: Record<string, unknown>,
  limit?: number,
): Promise<StoredRow[]> {
  const query = normalizeMangoQuery<RxDocumentData<ParticipantWordDocument>>(STORED_WORD_SCHEMA, {
    selector: { ...selector, _deleted: { $eq: false } } as never,
    sort: [{ key: 'asc' }],
    ...(limit === undefined ? {} : { limit }),
  })
  const { documents } = await words.query(prepareQuery(STORED_WORD_SCHEMA, query))
  return documents
}

/** Every stored row (tests and diagnostics). */
export function listWordRows(db: object): Promise<ParticipantWordDocument[]> {
  const index = nameWordIndexOf(db)
  if (!index) return Promise.resolve([])
  return queryRows(index.words, {}).then((rows) => rows.map(stripMeta))
}

/** The tails of a name key from its second word on, each once: `A B C` → `B C`, `C`. */
export function laterWordTails(nameKey: string): string[] {
  const tails = new Set<string>()
  for (let at = nameKey.indexOf(' '); at !== -1; at = nameKey.indexOf(' ', at + 1)) {
    const tail = nameKey.slice(at + 1)
    if (tail) tails.add(tail)
  }
  return [...tails]
}

/**
 * The tail under which a name is listed for a typed prefix: its first later word that starts the
 * match, or null when the name is not a later-word match (no such word, or its first word
 * already matches: those are listed with the first-word matches).
 */
export function listedTail(nameKey: string, typed: string): string | null {
  if (!typed || nameKey.startsWith(typed)) return null
  return laterWordTails(nameKey).find((tail) => tail.startsWith(typed)) ?? null
}

export function wordKey(tail: string, nameKey: string, id: string): string {
  return `${tail}${SEPARATOR}${nameKey}${SEPARATOR}${id}`
}

function splitKey(key: string): { tail: string; nameKey: string; id: string } {
  const [tail = '', nameKey = '', id = ''] = key.split(SEPARATOR)
  return { tail, nameKey, id }
}

/** The fields of a participant the rows are made from (a document, an event's or a stored one). */
interface NameState {
  id: string
  nameKey: string
  kecamatanCode: string
  villageCode: string
  occupationCode: string
  status: ParticipantDocument['status']
}

const plain = (doc: ParticipantDocument) => doc as unknown as Readonly<Record<string, unknown>>

function stateOf(doc: Readonly<Record<string, unknown>>): NameState {
  return {
    id: String(doc['id']),
    nameKey: typeof doc['nameKey'] === 'string' ? doc['nameKey'] : '',
    kecamatanCode: String(doc['kecamatanCode'] ?? ''),
    villageCode: String(doc['villageCode'] ?? ''),
    occupationCode: String(doc['occupationCode'] ?? ''),
    status: doc['status'] as ParticipantDocument['status'],
  }
}

export function wordRowsOf(state: NameState): ParticipantWordDocument[] {
  return laterWordTails(state.nameKey).map((tail) => ({
    key: wordKey(tail, state.nameKey, state.id),
    participantId: state.id,
    kecamatanCode: state.kecamatanCode,
    villageCode: state.villageCode,
    occupationCode: state.occupationCode,
    status: state.status,
  }))
}

const sameRowFields = (a: NameState, b: NameState) =>
  a.nameKey === b.nameKey &&
  a.kecamatanCode === b.kecamatanCode &&
  a.villageCode === b.villageCode &&
  a.occupationCode === b.occupationCode &&
  a.status === b.status

/** Dexie stores `_deleted` as '0'/'1' (IndexedDB cannot index booleans); events carry booleans. */
const isDeletedDoc = (doc: Readonly<Record<string, unknown>>) =>
  doc['_deleted'] === true || doc['_deleted'] === '1'

const revisionOf = (doc: Readonly<Record<string, unknown>>) => {
  const rev = doc['_rev']
  return typeof rev === 'string' ? Number.parseInt(rev, 10) || 0 : 0
}

const lastWriteOf = (doc: Readonly<Record<string, unknown>>) => {
  const meta = doc['_meta'] as { lwt?: unknown } | undefined
  return typeof meta?.lwt === 'number' ? meta.lwt : 0
}

/** Row writes and removals gathered from a run of changes, applied in one go. */
class PendingRows {
  readonly put = new Map<string, ParticipantWordDocument>()
  readonly remove = new Set<string>()
  lastWrite = 0

  get size(): number {
    return this.put.size + this.remove.size
  }

  /** A participant changed from `before` (unknown: null) to `after` (deleted: null). */
  change(before: NameState | null, after: NameState | null): void {
    if (before && after && sameRowFields(before, after)) return
    const keep = new Set<string>()
    for (const row of after ? wordRowsOf(after) : []) {
      keep.add(row.key)
      this.remove.delete(row.key)
      this.put.set(row.key, row)
    }
    for (const row of before ? wordRowsOf(before) : []) {
      if (keep.has(row.key)) continue
      this.put.delete(row.key)
      this.remove.add(row.key)
    }
  }
}

/** The checkpoint of the rows written: the last participant write (`_meta.lwt`) they include. */
const CHECKPOINT_DOC = 'name-words-checkpoint'
/** Bumped when the rows change shape: an older checkpoint then rebuilds every row. */
const CHECKPOINT_FORMAT = 1
/**
 * Writes are read again from this long before the checkpoint: RxDB stamps `_meta.lwt` before a
 * write is sealed and committed, so one stamped a little earlier may commit later (the same
 * margin as the dashboard snapshot's). Applying a write twice is harmless.
 */
const CHECKPOINT_MARGIN_MS = 60_000
/** The checkpoint is saved at most this often while changes keep coming. */
const CHECKPOINT_EVERY_MS = 5_000
/** Stored participants read per step of the catch-up. */
const CATCH_UP_CHUNK = 1_000
/** How long a search waits for the rows of writes still being indexed. */
const SETTLE_WAIT_MS = 50
/**
 * Above this many rows pending or being written (a sync's or an import's pages), a search does
 * not wait for them at all: they would not be written within SETTLE_WAIT_MS anyway, and the
 * wait was half of a search's 100 ms budget during a first sync.
 */
const SETTLE_WAIT_MAX_ROWS = 200
/** Revisions remembered to drop a change event that arrives after a newer one (bounded). */
const REVISIONS_LIMIT = 20_000

interface IndexedDatabase {
  name: string
  token: string
  participants: RxCollection<ParticipantDocument>
  getLocal(id: string): Promise<{ get(field: string): unknown } | null>
  upsertLocal(id: string, data: { format: number; lwt: number }): Promise<unknown>
}

/**
 * Keeps one store's word rows in step with its participants. Changes are applied in order, one
 * batch at a time, off the write that caused them (a write never waits for its rows).
 */
export class NameWordIndex {
  private readonly pending = new PendingRows()
  private readonly revisions = new Map<string, number>()
  private flushing: Promise<void> = Promise.resolve()
  /** Rows handed to the storage and not yet written. */
  private writing = 0
  private isFlushQueued = false
  private checkpointSavedAt = 0
  private isClosed = false
  /**
   * While the catch-up runs, an event's `_meta.lwt` does not move the checkpoint: a write made
   * now is newer than stored participants the catch-up has not reached yet.
   */
  private isCatchingUp = true
  private unsubscribe: () => void = () => undefined
  /** True once every stored participant has its rows (after the catch-up at start). */
  isReady = false
  /** Resolves when the catch-up is done (never rejects: search then keeps the old walk). */
  readonly ready: Promise<void>

  constructor(
    private readonly db: IndexedDatabase,
    readonly words: ParticipantWordStorage,
  ) {
    // Subscribe before reading: a write committed while the catch-up reads is applied on top.
    // Its rows go to `pending` at once (a few small strings, not the event's whole document), and
    // the catch-up writes them with its next chunk: nothing grows while an older store is built
    // during a sync. The catch-up skips a stored state older than one an event brought.
    const subscription = db.participants.eventBulks$.subscribe({
      next: (bulk) => {
        for (const event of bulk.events) this.onEvent(event)
        if (this.isReady) this.queueFlush()
      },
      complete: () => this.close(),
      error: () => this.close(),
    })
    this.unsubscribe = () => subscription.unsubscribe()
    this.ready = this.catchUp().then(
      () => {
        this.isCatchingUp = false
        this.isReady = !this.isClosed
        this.queueFlush()
      },
      (error: unknown) => {
        this.isCatchingUp = false
        if (!this.isClosed) console.error('Name word index not built:', describe(error))
      },
    )
  }

  close(): void {
    this.isClosed = true
    this.isReady = false
    this.unsubscribe()
  }

  /** Rows of changes seen and not yet in the store. */
  get backlog(): number {
    return this.pending.size + this.writing
  }

  /** Resolves once every change seen so far is in the rows (the flush queued last covers it). */
  async settled(): Promise<void> {
    if (this.pending.size > 0) this.queueFlush()
    await this.flushing
  }

  /**
   * Repairs rows a search found stale (say, a change lost to a crash): `stale` keys go, and the
   * rows of the `fresh` participants are written as they are now.
   */
  repair(stale: readonly string[], fresh: readonly ParticipantDocument[]): void {
    for (const key of stale) {
      this.pending.put.delete(key)
      this.pending.remove.add(key)
    }
    for (const doc of fresh) this.pending.change(null, stateOf(plain(doc)))
    this.queueFlush()
  }

  private onEvent(event: {
    operation: 'INSERT' | 'UPDATE' | 'DELETE'
    documentId: string
    documentData: unknown
    previousDocumentData?: unknown
  }): void {
    const doc = event.documentData as Record<string, unknown>
    const revision = revisionOf(doc)
    const held = this.revisions.get(event.documentId)
    // Events may arrive out of order (async storage wrappers): a late older state is dropped.
    if (held !== undefined && held >= revision) return
    if (this.revisions.size >= REVISIONS_LIMIT) this.revisions.clear()
    this.revisions.set(event.documentId, revision)
    const previous = event.previousDocumentData as Record<string, unknown> | undefined
    const before = previous && !isDeletedDoc(previous) ? stateOf(previous) : null
    const after = event.operation === 'DELETE' || isDeletedDoc(doc) ? null : stateOf(doc)
    this.pending.change(before, after)
    if (!this.isCatchingUp) {
      this.pending.lastWrite = Math.max(this.pending.lastWrite, lastWriteOf(doc))
    }
  }

  private queueFlush(): void {
    if (this.isFlushQueued || this.isClosed) return
    this.isFlushQueued = true
    this.flushing = this.flushing.then(async () => {
      this.isFlushQueued = false
      await this.flush().catch((error: unknown) => {
        if (!this.isClosed) console.error('Name word index write failed:', describe(error))
      })
    })
  }

  private async flush(): Promise<void> {
    if (this.isClosed) return
    const put = [...this.pending.put.values()]
    const remove = [...this.pending.remove]
    const lastWrite = this.pending.lastWrite
    this.pending.put.clear()
    this.pending.remove.clear()
    this.writing = put.length + remove.length
    try {
      await writeRows(this.words, this.db.token, put, remove)
    } finally {
      this.writing = 0
    }
    const now = performance.now()
    if (
      lastWrite > 0 &&
      (this.pending.size === 0 || now - this.checkpointSavedAt > CHECKPOINT_EVERY_MS)
    ) {
      this.checkpointSavedAt = now
      await this.db.upsertLocal(CHECKPOINT_DOC, { format: CHECKPOINT_FORMAT, lwt: lastWrite })
    }
  }

  /**
   * Every participant written since the saved checkpoint (all of them on a store that has no
   * index yet), read as stored — sealed fields stay ciphertext and are not used — in chunks with
   * a turn for the window between, and its rows written.
   */
  private async catchUp(): Promise<void> {
    const saved = await this.db.getLocal(CHECKPOINT_DOC)
    const since =
      saved && saved.get('format') === CHECKPOINT_FORMAT
        ? Number(saved.get('lwt')) - CHECKPOINT_MARGIN_MS
        : -Infinity
    const atRest = sealedAtRest(this.db.name, 'participants', PARTICIPANT_SCHEMA_VERSION)
    if (!atRest) throw new Error('The participants collection is not open.')
    const { dexieTable } = await (atRest.internals as DexieStorageInternals)
    let lower: [number, unknown] = [since, -Infinity]
    for (;;) {
      if (this.isClosed) return
      // RxDB's own "changes since" index (storage-dexie): deleted documents included.
      const rows = (await dexieTable
        .where('[_meta.lwt+id]')
        .between(lower, [Infinity, [[]]], lower[1] === -Infinity, true)
        .limit(CATCH_UP_CHUNK)
        .toArray()) as Record<string, unknown>[]
      for (const doc of rows) {
        // An event already brought this record's state or a newer one.
        const held = this.revisions.get(String(doc['id']))
        if (held !== undefined && held >= revisionOf(doc)) continue
        const state = stateOf(doc)
        this.pending.change(isDeletedDoc(doc) ? state : null, isDeletedDoc(doc) ? null : state)
        this.pending.lastWrite = Math.max(this.pending.lastWrite, lastWriteOf(doc))
      }
      if (this.pending.size > 0) await this.flush()
      const last = rows[rows.length - 1]
      if (rows.length < CATCH_UP_CHUNK || !last) return
      lower = [lastWriteOf(last), last['id']]
      await yieldToWindow()
    }
  }
}

type StoredRow = RxDocumentData<ParticipantWordDocument>

/**
 * A row as the storage takes it, stamped as RxDB's collection layer would: a revision that
 * follows the row it replaces (the storage refuses a write whose `previous` is not what it
 * holds) and the time of the write.
 */
const storedRow = (
  token: string,
  row: ParticipantWordDocument,
  previous?: StoredRow,
  deleted = false,
): StoredRow => {
  const next: StoredRow = {
    ...row,
    _deleted: deleted,
    _attachments: {},
    _meta: { lwt: rxdbNow() },
    _rev: '',
  }
  next._rev = createRevision(token, previous)
  return next
}

/**
 * Writes and removes rows on the storage. A row is written as new first; one that exists (a
 * changed filter field, a catch-up's second pass) comes back as a conflict with the stored row,
 * and is written again on top of it. A removal reads the stored row it replaces.
 */
async function writeRows(
  storage: ParticipantWordStorage,
  token: string,
  put: readonly ParticipantWordDocument[],
  remove: readonly string[],
): Promise<void> {
  const rows: BulkWriteRow<ParticipantWordDocument>[] = []
  if (remove.length > 0) {
    for (const previous of await storage.findDocumentsById([...remove], false)) {
      rows.push({ previous, document: storedRow(token, stripMeta(previous), previous, true) })
    }
  }
  for (const row of put) rows.push({ document: storedRow(token, row) })
  if (rows.length === 0) return
  const { error } = await storage.bulkWrite(rows, 'name-words')
  const again: BulkWriteRow<ParticipantWordDocument>[] = []
  let refused = 0
  for (const failed of error) {
    const inDb = failed.status === 409 ? failed.documentInDb : undefined
    if (!inDb) refused++
    else if (!failed.writeRow.document._deleted) {
      again.push({
        previous: inDb,
        document: storedRow(token, stripMeta(failed.writeRow.document), inDb),
      })
    } else if (!inDb._deleted) {
      again.push({ previous: inDb, document: storedRow(token, stripMeta(inDb), inDb, true) })
    }
  }
  const retried = again.length > 0 ? (await storage.bulkWrite(again, 'name-words')).error : []
  if (refused + retried.length > 0) {
    throw new Error(`${refused + retried.length} name words not written`)
  }
}

function stripMeta(doc: StoredRow): ParticipantWordDocument {
  return {
    key: doc.key,
    participantId: doc.participantId,
    kecamatanCode: doc.kecamatanCode,
    villageCode: doc.villageCode,
    occupationCode: doc.occupationCode,
    status: doc.status,
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown'
}

const indexes = new WeakMap<object, NameWordIndex>()

/** Starts keeping the store's word rows (openStore calls it once the collections are open). */
export function startNameWordIndex(
  db: IndexedDatabase,
  words: ParticipantWordStorage,
): NameWordIndex {
  const index = new NameWordIndex(db, words)
  indexes.set(db, index)
  return index
}

export function nameWordIndexOf(db: object): NameWordIndex | undefined {
  return indexes.get(db)
}

export interface WordFilters {
  kecamatanCode?: string | undefined
  villageCode?: string | undefined
  occupationCode?: string | undefined
  status?: ParticipantDocument['status'] | undefined
}

const matchesFilters = (doc: NameState, filters: WordFilters) =>
  (!filters.kecamatanCode || doc.kecamatanCode === filters.kecamatanCode) &&
  (!filters.villageCode || doc.villageCode === filters.villageCode) &&
  (!filters.occupationCode || doc.occupationCode === filters.occupationCode) &&
  (!filters.status || doc.status === filters.status)

/**
 * Up to `take` participants with a later word starting with `typed` (a name key) and whose
 * first word does not, in (matching tail, name, id) order, continuing after the row `after` (the
 * last one shown). Null when the index cannot answer yet (still being built): the caller walks.
 *
 * Work per call: a range of the word rows (the matches, filters applied to the small rows) read
 * a page at a time, and the page's participants by id.
 */
export async function findByLaterWord(
  db: IndexedDatabase,
  typed: string,
  filters: WordFilters,
  take: number,
  after?: { nameKey: string; id: string },
): Promise<ParticipantDocument[] | null> {
  const index = nameWordIndexOf(db)
  if (!index?.isReady) return null
  if (!typed || take <= 0) return []
  // Rows of the writes just made (a registration saved a moment ago), if they come soon; a
  // sync's backlog of rows is not waited for.
  if (index.backlog <= SETTLE_WAIT_MAX_ROWS) {
    await Promise.race([
      index.settled(),
      new Promise((resolve) => setTimeout(resolve, SETTLE_WAIT_MS)),
    ])
  }
  let cursor: string | null = null
  if (after) {
    const tail = listedTail(after.nameKey, typed)
    if (tail === null) return []
    cursor = wordKey(tail, after.nameKey, after.id)
  }
  const selector: Record<string, unknown> = {
    key:
      cursor === null
        ? { $gte: typed, $lt: typed + HIGHEST }
        : { $gt: cursor, $lt: typed + HIGHEST },
  }
  for (const field of ['kecamatanCode', 'villageCode', 'occupationCode', 'status'] as const) {
    if (filters[field]) selector[field] = filters[field]
  }
  const found: ParticipantDocument[] = []
  for (;;) {
    const want = take - found.length
    // A few more than needed: a name with two matching words has two rows, listed once.
    const batch = want + 8
    const rows = await queryRows(index.words, selector, batch)
    const listed: { key: string; nameKey: string; id: string }[] = []
    for (const row of rows) {
      const { tail, nameKey, id } = splitKey(row.key)
      if (listedTail(nameKey, typed) === tail) listed.push({ key: row.key, nameKey, id })
    }
    const docs = await db.participants.findByIds(listed.map((row) => row.id)).exec()
    const stale: string[] = []
    const fresh: ParticipantDocument[] = []
    for (const row of listed) {
      const doc = docs.get(row.id)?.toMutableJSON()
      if (!doc || doc.nameKey !== row.nameKey) {
        stale.push(row.key)
        if (doc) fresh.push(doc)
        continue
      }
      if (!matchesFilters(stateOf(plain(doc)), filters)) {
        fresh.push(doc)
        continue
      }
      found.push(doc)
      if (found.length >= take) break
    }
    if (stale.length > 0 || fresh.length > 0) index.repair(stale, fresh)
    const last = rows[rows.length - 1]
    if (found.length >= take || rows.length < batch || !last) return found
    selector['key'] = { $gt: last.key, $lt: typed + HIGHEST }
  }
}
