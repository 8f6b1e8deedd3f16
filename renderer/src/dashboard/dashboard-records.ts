/**
 * What the dashboard counts, kept in memory per open store: for each participant only the fields
 * the aggregate reads (`DashboardRecord`), never a sealed one (NIK, KK, phone, conflicts).
 *
 * Why not `participants.find().exec()` (tests/bench/dashboard, 100,000 records, Chromium): RxDB
 * decrypts every sealed field of every record on the way out (AES-GCM, four per document), which
 * made the first opening of the dashboard take 6.6–9.5 s though the dashboard shows none of them.
 * Here the first read takes the records as they lie in IndexedDB (`participantsAtRest`): sealed
 * fields stay ciphertext and are dropped at once by `toDashboardRecord`.
 *
 * After that first read the copy follows the collection's change stream (this window's writes,
 * sync pulls, other windows via RxDB's multi-instance channel), so a recount after a sync never
 * reads IndexedDB again: it counts the copy.
 */
import type { RxChangeEvent } from 'rxdb'
import type { DashboardRecord } from '@shared/dashboard/aggregate'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { participantsAtRest, type NaunganStore } from '@/core/store/database'
import {
  CHECKPOINT_MARGIN_MS,
  loadDashboardSnapshot,
  saveDashboardSnapshot,
  type SnapshotEntry,
} from './dashboard-snapshot'

/** The copy's entry for one document; `record` null: deleted (kept so a late event can't revive it). */
interface Entry {
  /** The `_rev` height of the state held: change events may arrive out of order (async wrappers). */
  revision: number
  record: DashboardRecord | null
}

/** The name of Dexie's index on `[_deleted + primary key]` (rxdb storage-dexie, dexie-helper). */
const NOT_DELETED_INDEX = '[_deleted+id]'

export function toDashboardRecord(doc: Readonly<Record<string, unknown>>): DashboardRecord {
  const d = doc as unknown as ParticipantDocument
  const record: DashboardRecord = {
    status: d.status,
    // Only what the aggregate reads: the snapshot (dashboard-snapshot.ts) then holds no agency,
    // serial or print time, and few distinct values to store.
    checks: d.checks.map((check) => ({ state: check.state })),
    createdAt: d.createdAt,
    birthDate: d.birthDate,
    sex: d.sex,
    kecamatanCode: d.kecamatanCode,
    villageCode: d.villageCode,
    occupationCode: d.occupationCode,
    prints: d.prints.map((entry) => ({ kind: entry.kind })),
  }
  if (d.enrolmentBatchId !== undefined) record.enrolmentBatchId = d.enrolmentBatchId
  if (d.coverage !== undefined) record.coverage = d.coverage
  // Existing members (source `peserta-lama:…`) come off the baseline (shared/dashboard/aggregate).
  if (d.source !== undefined) record.source = d.source
  if (d.claims !== undefined && d.claims.length > 0) {
    record.claims = d.claims.map((claim) => ({
      kecamatanCode: claim.kecamatanCode,
      openedOn: claim.openedOn,
      history: claim.history.map((step) => ({
        status: step.status,
        on: step.on,
        ...(step.status === 'dibayar' ? { amountPaid: step.amountPaid } : {}),
      })),
    }))
  }
  return record
}

function revisionOf(doc: Readonly<Record<string, unknown>>): number {
  const rev = doc['_rev']
  return typeof rev === 'string' ? Number.parseInt(rev, 10) || 0 : 0
}

/** RxDB's last-write time of a stored document or change event (ms since 1970). */
function lastWriteOf(doc: Readonly<Record<string, unknown>>): number {
  const meta = doc['_meta'] as { lwt?: unknown } | undefined
  return typeof meta?.lwt === 'number' ? meta.lwt : 0
}

/** Dexie stores `_deleted` as '0'/'1' (IndexedDB cannot index booleans); events carry booleans. */
function isDeletedDoc(doc: Readonly<Record<string, unknown>>): boolean {
  return doc['_deleted'] === true || doc['_deleted'] === '1'
}

/** Records per read: one `getAll` of 100,000 held the window ~0.7 s while Chromium deserialised. */
const READ_CHUNK = 10_000

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * Every participant not deleted, as stored: sealed fields are the ciphertext strings. `getAll`
 * on Dexie's `[_deleted+id]` index (`_deleted` is stored as '0'/'1'), which is what `find()`
 * selects too, in chunks of 10,000 with a pause between them for the window to paint.
 *
 * Measured at 100,000 records in Chromium (cold, tests/bench/dashboard): one index `getAll`, the
 * object store's `getAll` filtered by `_deleted`, and these chunks all read in 1.9–2.4 s — the
 * cost is IndexedDB handing over ~1 KB a record, not the way it is asked. Asking for every chunk
 * at once (ids first, then one `getAll` per chunk) saved nothing, held the window up to 0.5 s and
 * kept the last figures (last-figures.ts) off the screen for ~1 s: one chunk at a time it is.
 */
export async function readStoredParticipants(
  store: NaunganStore,
  onChunk: (docs: readonly Record<string, unknown>[]) => void,
  chunkSize = READ_CHUNK,
): Promise<void> {
  const atRest = participantsAtRest(store)
  if (!atRest) throw new Error('The participants collection is not open.')
  const { dexieTable } = await atRest.internals
  // ['0', id] … ['0', [[]]]: the keys of the index whose first part is '0', after the last id
  // read ([[]] is Dexie's maxKey: above every string).
  let lower: [string, unknown] = ['0', -Infinity]
  for (;;) {
    const rows = (await dexieTable
      .where(NOT_DELETED_INDEX)
      .between(lower, ['0', [[]]], false, true)
      .limit(chunkSize)
      .toArray()) as Record<string, unknown>[]
    onChunk(rows)
    const last = rows[rows.length - 1]
    if (rows.length < chunkSize || !last) return
    lower = ['0', last['id']]
    await nextTask()
  }
}

/** RxDB's index on `[_meta.lwt + primary key]` (storage-dexie), kept for "changed since" reads. */
const LAST_WRITE_INDEX = '[_meta.lwt+id]'

/**
 * Every participant document written at or after `sinceLwt`, deleted ones included, in
 * last-write order, in chunks. Returns how many were read.
 */
export async function readWrittenSince(
  store: NaunganStore,
  sinceLwt: number,
  onChunk: (docs: readonly Record<string, unknown>[]) => void,
  chunkSize = READ_CHUNK,
): Promise<number> {
  const atRest = participantsAtRest(store)
  if (!atRest) throw new Error('The participants collection is not open.')
  const { dexieTable } = await atRest.internals
  let lower: [number, unknown] = [sinceLwt, -Infinity]
  let read = 0
  for (;;) {
    const rows = (await dexieTable
      .where(LAST_WRITE_INDEX)
      .between(lower, [Infinity, [[]]], lower[1] === -Infinity, true)
      .limit(chunkSize)
      .toArray()) as Record<string, unknown>[]
    read += rows.length
    onChunk(rows)
    const last = rows[rows.length - 1]
    if (rows.length < chunkSize || !last) return read
    lower = [lastWriteOf(last), last['id']]
    await nextTask()
  }
}

/**
 * How many participants are not deleted, without reading a document or walking the big index:
 * every key of the object store counted, less the deleted ones (few) counted on `[_deleted+id]`.
 * (At 100,000 in Chromium, counting the not-deleted range of that index took 1.2 s and reading
 * its keys 1.6 s: IndexedDB checks each index entry against its record.)
 */
export async function countStoredParticipants(store: NaunganStore): Promise<number> {
  const atRest = participantsAtRest(store)
  if (!atRest) throw new Error('The participants collection is not open.')
  const { dexieTable } = await atRest.internals
  return dexieTable.db.transaction('r', dexieTable, async () => {
    const [all, deleted] = await Promise.all([
      dexieTable.count(),
      dexieTable
        .where(NOT_DELETED_INDEX)
        .between(['1', -Infinity], ['1', [[]]], true, true)
        .count(),
    ])
    return all - deleted
  })
}

/** How the copy was first filled: from the saved snapshot plus later writes, or a full read. */
export type DashboardCopySource =
  | {
      kind: 'snapshot'
      /** The snapshot read from IndexedDB in the window (not through the store worker). */
      isReadHere: boolean
      /** Documents read through the last-write index (the margin's included). */
      writesSince: number
      /**
       * Milliseconds: the snapshot read and decoded, the writes since read, and the store counted
       * (from the start, beside the other two).
       */
      ms: { snapshot: number; writesSince: number; countCheck: number }
    }
  | { kind: 'full-read'; ms: { read: number } }

export class DashboardRecords {
  private readonly entries = new Map<string, Entry>()
  private readonly loaded: Promise<void>
  private isStale = false
  private verification: Promise<boolean> = Promise.resolve(true)
  private unsubscribe: () => void = () => undefined
  /** Highest `_meta.lwt` among the documents and events applied: the snapshot's checkpoint. */
  private lastWrite = 0
  /** Changes since the copy was last saved (or it was never saved): worth a new snapshot. */
  private unsavedChanges = 0
  private saving: Promise<void> = Promise.resolve()
  source: DashboardCopySource | null = null

  constructor(store: NaunganStore) {
    // Subscribe before reading: a write committed after the read began arrives as an event and
    // is applied on top (idempotent if the read already saw it).
    const early: RxChangeEvent<ParticipantDocument>[] = []
    let isLoaded = false
    const subscription = store.db.participants.$.subscribe({
      next: (event) => {
        if (isLoaded) this.apply(event)
        else early.push(event)
      },
      // The store closed: the next count starts a new copy (or fails as find() would).
      complete: () => {
        this.isStale = true
      },
      error: () => {
        this.isStale = true
      },
    })
    this.unsubscribe = () => subscription.unsubscribe()
    this.loaded = this.fill(store).then(
      () => {
        isLoaded = true
        for (const event of early) this.apply(event)
        early.length = 0
      },
      (error: unknown) => {
        this.isStale = true
        subscription.unsubscribe()
        throw error
      },
    )
    // Whoever awaits `current()` gets the error; this only keeps it from being reported twice.
    this.loaded.catch(() => undefined)
  }

  get isUsable(): boolean {
    return !this.isStale
  }

  /**
   * The saved snapshot plus the writes since its checkpoint, when the result holds as many
   * records as the store; otherwise (no snapshot, or any doubt) every stored record.
   */
  private async fill(store: NaunganStore): Promise<void> {
    const started = performance.now()
    const isTrusted = !distrustedSnapshots.has(store)
    // Counting the store waits on IndexedDB, not on this thread: it starts with the snapshot's
    // read and runs beside it and the figures' count; `verified()` holds the figures back until
    // it agrees (countDashboard). Started after the snapshot and the writes since, it came last
    // (~0.65 s of a 1.4 s first opening at 100,000 records).
    const counted = isTrusted
      ? countStoredParticipants(store).then(
          (stored) => ({ stored, at: performance.now() }),
          () => null,
        )
      : null
    const snapshot = isTrusted ? await loadDashboardSnapshot(store).catch(() => null) : null
    if (snapshot && counted) {
      const loaded = performance.now()
      for (const entry of snapshot.entries) {
        this.entries.set(entry.id, { revision: entry.revision, record: entry.record })
      }
      this.lastWrite = snapshot.checkpointLwt
      const writesSince = await readWrittenSince(
        store,
        snapshot.checkpointLwt - CHECKPOINT_MARGIN_MS,
        (docs) => this.putStored(docs),
      )
      const writesRead = performance.now()
      let live = 0
      for (const entry of this.entries.values()) if (entry.record) live += 1
      const ms = { snapshot: loaded - started, writesSince: writesRead - loaded, countCheck: NaN }
      this.verification = counted.then((count) => {
        if (!count) return false
        ms.countCheck = count.at - started
        return count.stored === live
      })
      this.source = { kind: 'snapshot', isReadHere: snapshot.isReadHere, writesSince, ms }
      this.unsavedChanges = writesSince
      return
    }
    const reading = performance.now()
    await readStoredParticipants(store, (docs) => this.putStored(docs))
    this.source = { kind: 'full-read', ms: { read: performance.now() - reading } }
    this.unsavedChanges = Number.POSITIVE_INFINITY
  }

  /**
   * True when the copy holds as many records as the store (always, after a full read). When
   * not, the copy is dropped, the snapshot is not used again while this store is open, and the
   * caller counts again from a full read (`dashboardRecordsOf` then makes one).
   */
  async verified(store: NaunganStore): Promise<boolean> {
    const isSame = await this.verification
    if (!isSame) {
      distrustedSnapshots.add(store)
      this.isStale = true
      this.unsubscribe()
    }
    return isSame
  }

  /** Projected at once: the stored documents (ciphertext and all) are not kept. */
  private putStored(docs: readonly Record<string, unknown>[]): void {
    for (const doc of docs) {
      this.put(String(doc['id']), revisionOf(doc), isDeletedDoc(doc) ? null : doc)
      this.lastWrite = Math.max(this.lastWrite, lastWriteOf(doc))
    }
  }

  /**
   * Saves the copy for the next start (dashboard-snapshot.ts) when it changed since the last
   * save. One save at a time; a failure only means the next start reads everything.
   */
  saveSnapshot(store: NaunganStore): Promise<void> {
    this.saving = this.saving.then(async () => {
      await this.loaded
      if (this.isStale || this.unsavedChanges === 0) return
      const changesSaved = this.unsavedChanges
      const entries: SnapshotEntry[] = []
      for (const [id, entry] of this.entries) {
        if (entry.record) entries.push({ id, revision: entry.revision, record: entry.record })
      }
      await saveDashboardSnapshot(store, { checkpointLwt: this.lastWrite, entries })
      if (this.unsavedChanges === changesSaved) this.unsavedChanges = 0
    })
    this.saving = this.saving.catch(() => undefined)
    return this.saving
  }

  /** The records as of now (a snapshot: counting it while events arrive is safe). */
  async current(): Promise<DashboardRecord[]> {
    await this.loaded
    const records: DashboardRecord[] = []
    for (const entry of this.entries.values()) if (entry.record) records.push(entry.record)
    return records
  }

  private apply(event: RxChangeEvent<ParticipantDocument>): void {
    const doc = event.documentData as unknown as Record<string, unknown>
    const isDeleted = event.operation === 'DELETE' || doc['_deleted'] === true
    this.put(event.documentId, revisionOf(doc), isDeleted ? null : doc)
    this.lastWrite = Math.max(this.lastWrite, lastWriteOf(doc))
    this.unsavedChanges += 1
  }

  private put(id: string, revision: number, doc: Readonly<Record<string, unknown>> | null): void {
    const held = this.entries.get(id)
    if (held && held.revision > revision) return
    this.entries.set(id, { revision, record: doc ? toDashboardRecord(doc) : null })
  }
}

const byStore = new WeakMap<NaunganStore, DashboardRecords>()
/** Stores whose saved copy disagreed with them once: read in full while they stay open. */
const distrustedSnapshots = new WeakSet<NaunganStore>()

/** The store's dashboard copy, made (and read from IndexedDB) on first use. */
export function dashboardRecordsOf(store: NaunganStore): DashboardRecords {
  const held = byStore.get(store)
  if (held?.isUsable) return held
  const made = new DashboardRecords(store)
  byStore.set(store, made)
  return made
}

/**
 * Starts the store's dashboard copy in the background (the read pauses between chunks), so the
 * dashboard opened later counts a copy already in memory: on a central PC with 100,000 records
 * that is ~0.35 s instead of 2.5–3.3 s for the read (docs/dashboard.md). Costs the copy's memory
 * (the counted fields only, ~10 per record) while the store is open.
 */
export function warmDashboardRecords(store: NaunganStore): void {
  // A failure shows when the dashboard opens (it reads again); nothing to report here.
  const copy = dashboardRecordsOf(store)
  copy
    .current()
    .then(() => copy.verified(store))
    .then((isSame) => (isSame ? undefined : dashboardRecordsOf(store).current()))
    .then(() => saveDashboardCopy(store))
    .catch(() => undefined)
}

/**
 * Saves the store's dashboard copy for the next start if it changed since it was last saved
 * (dashboard-snapshot.ts); resolves once saved. Never throws: a copy not saved is read in full
 * next time.
 */
export function saveDashboardCopy(store: NaunganStore): Promise<void> {
  return dashboardRecordsOf(store).saveSnapshot(store)
}
