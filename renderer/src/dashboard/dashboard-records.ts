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
import type { DashboardRecord } from '../../../shared/dashboard/aggregate'
import type { ParticipantDocument } from '../../../shared/participant/participant-document'
import { participantsAtRest, type NaunganStore } from '../store/database'

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
    checks: d.checks,
    createdAt: d.createdAt,
    birthDate: d.birthDate,
    sex: d.sex,
    kecamatanCode: d.kecamatanCode,
    villageCode: d.villageCode,
    occupationCode: d.occupationCode,
    prints: d.prints,
  }
  if (d.enrolmentBatchId !== undefined) record.enrolmentBatchId = d.enrolmentBatchId
  if (d.coverage !== undefined) record.coverage = d.coverage
  // Existing members (source `peserta-lama:…`) come off the baseline (shared/dashboard/aggregate).
  if (d.source !== undefined) record.source = d.source
  return record
}

function revisionOf(doc: Readonly<Record<string, unknown>>): number {
  const rev = doc['_rev']
  return typeof rev === 'string' ? Number.parseInt(rev, 10) || 0 : 0
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

export class DashboardRecords {
  private readonly entries = new Map<string, Entry>()
  private readonly loaded: Promise<void>
  private isStale = false

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
    this.loaded = readStoredParticipants(store, (docs) => {
      // Projected at once: the stored documents (ciphertext and all) are not kept.
      for (const doc of docs) this.put(String(doc['id']), revisionOf(doc), doc)
    }).then(
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
  }

  private put(id: string, revision: number, doc: Readonly<Record<string, unknown>> | null): void {
    const held = this.entries.get(id)
    if (held && held.revision > revision) return
    this.entries.set(id, { revision, record: doc ? toDashboardRecord(doc) : null })
  }
}

const byStore = new WeakMap<NaunganStore, DashboardRecords>()

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
  dashboardRecordsOf(store)
    .current()
    .catch(() => undefined)
}
