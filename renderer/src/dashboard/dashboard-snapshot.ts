/**
 * The dashboard copy (dashboard-records.ts) kept between sessions, so a cold start does not read
 * 100,000 whole documents again (2.5–3.3 s in Chromium, IndexedDB handing over ~1 KB a record).
 *
 * Saved in a local document of the store's own database (so it goes wherever the store goes,
 * removed with it): for each participant not deleted its id, `_rev` height and the fields the
 * dashboard counts — never a sealed field, a name or an address — plus a checkpoint: the highest
 * `_meta.lwt` (RxDB's last-write time, set on every write) the copy had seen.
 *
 * On the next start the copy is this snapshot PLUS every document written since the checkpoint
 * (less a safety margin), read through Dexie's `[_meta.lwt+id]` index — the index RxDB keeps for
 * its own "changes since" queries — deletions included. The copy's size is checked against the
 * store's count of documents not deleted (key counts, no document read; done while the figures
 * are counted, and they are not shown before it agrees); any doubt (other format, other schema
 * version, another count, an old snapshot) and the
 * copy is read in full as before. So the figures counted from it are as current as a full read.
 */
import type { DashboardRecord } from '@shared/dashboard/aggregate'
import { currentTimeMs } from '@shared/dates/clock'
import type { NaunganStore } from '@/core/store/database'
import { yieldToWindow } from '@/core/yield-to-window'

const SNAPSHOT_DOC = 'dashboard-records-snapshot'
/** Bumped whenever the encoding or the fields kept change: an older snapshot is ignored. */
const SNAPSHOT_FORMAT = 2

/**
 * Writes are re-read from this long before the checkpoint: RxDB stamps `_meta.lwt` before the
 * write is encrypted and committed, so a write stamped a little before the last one the copy saw
 * may commit after it (another window, a sync pull's batch): milliseconds, a minute is ample.
 * Re-reading a record the snapshot already holds is harmless (revisions decide).
 */
export const CHECKPOINT_MARGIN_MS = 60 * 1000
/**
 * RxDB's cleanup purges deleted documents some time after their deletion; a snapshot older than
 * that could miss a deletion. The store does not run cleanup today; a week keeps far inside any
 * setting it might get.
 */
export const SNAPSHOT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000

/** One record of the copy: what `DashboardRecords` holds per id. */
export interface SnapshotEntry {
  id: string
  revision: number
  record: DashboardRecord
}

export interface DashboardSnapshot {
  /** Highest `_meta.lwt` seen by the copy saved. */
  checkpointLwt: number
  /** When it was saved, ms since 1970 (for the age check). */
  savedAt: number
  entries: SnapshotEntry[]
  /** Read from IndexedDB on this thread (`readLocalAtRest`), not through RxDB. */
  isReadHere: boolean
}

/**
 * Column per field: the distinct values as JSON, and for each record the index of its value
 * written as `width` characters of base 1024 from U+0100 (no separator to split on, no number
 * to parse: decoding 100,000 records is a few `charCodeAt` per record).
 */
interface SavedColumn {
  values: string[]
  width: number
  indices: string
}

interface SavedSnapshot {
  format: number
  collection: string
  schemaVersion: number
  checkpointLwt: number
  savedAt: number
  count: number
  ids: string
  revisions: SavedColumn
  columns: Record<string, SavedColumn>
}

const DIGIT_BASE = 1024
const DIGIT_ZERO = 0x100

function encodeIndices(indices: readonly number[], distinct: number): SavedColumn['indices'] {
  const width = widthFor(distinct)
  let text = ''
  for (const index of indices) {
    let digits = ''
    for (
      let rest = index, place = 0;
      place < width;
      place += 1, rest = Math.floor(rest / DIGIT_BASE)
    ) {
      digits = String.fromCharCode(DIGIT_ZERO + (rest % DIGIT_BASE)) + digits
    }
    text += digits
  }
  return text
}

function widthFor(distinct: number): number {
  let width = 1
  while (DIGIT_BASE ** width < distinct) width += 1
  return width
}

/** The index of record `position` in a column, or -1 when the text is not what was written. */
function indexAt(column: SavedColumn, position: number): number {
  let index = 0
  const start = position * column.width
  for (let place = 0; place < column.width; place += 1) {
    const digit = column.indices.charCodeAt(start + place) - DIGIT_ZERO
    if (!(digit >= 0 && digit < DIGIT_BASE)) return -1
    index = index * DIGIT_BASE + digit
  }
  return index
}

/** Every field of `DashboardRecord`, in the form the aggregate reads. */
const FIELDS = [
  'status',
  'checks',
  'createdAt',
  'birthDate',
  'sex',
  'kecamatanCode',
  'villageCode',
  'occupationCode',
  'prints',
  'enrolmentBatchId',
  'coverage',
  'source',
  'claims',
] as const satisfies readonly (keyof DashboardRecord)[]

const DECODE_SLICE = 20_000

/** Absent optional fields are kept as absent (not `undefined` properties). */
const ABSENT = 'null'

function encodeColumn(
  entries: readonly SnapshotEntry[],
  valueOf: (entry: SnapshotEntry) => unknown,
): SavedColumn {
  const values: string[] = []
  const indexOfJson = new Map<string, number>()
  // Strings by value, arrays by identity (records read from a snapshot share them): most
  // values are found here without being written out as JSON again.
  const indexOfValue = new Map<unknown, number>()
  const indices: number[] = new Array<number>(entries.length)
  for (const [position, entry] of entries.entries()) {
    const value = valueOf(entry)
    let index = indexOfValue.get(value)
    if (index === undefined) {
      const json = value === undefined ? ABSENT : JSON.stringify(value)
      index = indexOfJson.get(json)
      if (index === undefined) {
        index = values.length
        values.push(json)
        indexOfJson.set(json, index)
      }
      indexOfValue.set(value, index)
    }
    indices[position] = index
  }
  return { values, width: widthFor(values.length), indices: encodeIndices(indices, values.length) }
}

export async function saveDashboardSnapshot(
  store: NaunganStore,
  snapshot: Omit<DashboardSnapshot, 'savedAt' | 'isReadHere'>,
): Promise<void> {
  const { entries } = snapshot
  const columns: SavedSnapshot['columns'] = {}
  for (const field of FIELDS) {
    // A column of 100,000 takes ~10–30 ms: the window gets a turn between them.
    await yieldToWindow()
    columns[field] = encodeColumn(entries, (entry) => entry.record[field])
  }
  const saved: SavedSnapshot = {
    format: SNAPSHOT_FORMAT,
    collection: store.db.participants.name,
    schemaVersion: store.db.participants.schema.version,
    checkpointLwt: snapshot.checkpointLwt,
    savedAt: currentTimeMs(),
    count: entries.length,
    ids: entries.map((entry) => entry.id).join(','),
    revisions: encodeColumn(entries, (entry) => entry.revision),
    columns,
  }
  await store.db.upsertLocal<SavedSnapshot>(SNAPSHOT_DOC, saved)
}

/** The saved copy, or null when there is none this store can trust. */
/** The saved snapshot as stored: read on this thread when the store allows, else via RxDB. */
async function savedSnapshotOf(
  store: NaunganStore,
): Promise<{ saved: SavedSnapshot | undefined; isReadHere: boolean }> {
  if (store.readLocalAtRest) {
    try {
      const saved = (await store.readLocalAtRest(SNAPSHOT_DOC)) as SavedSnapshot | null
      return { saved: saved ?? undefined, isReadHere: true }
    } catch {
      // Read it the usual way.
    }
  }
  const doc = await store.db.getLocal<SavedSnapshot>(SNAPSHOT_DOC)
  return {
    saved: doc ? (doc.toJSON().data as SavedSnapshot | undefined) : undefined,
    isReadHere: false,
  }
}

export async function loadDashboardSnapshot(
  store: NaunganStore,
  now = currentTimeMs(),
): Promise<DashboardSnapshot | null> {
  const { saved, isReadHere } = await savedSnapshotOf(store)
  if (
    !saved ||
    saved.format !== SNAPSHOT_FORMAT ||
    saved.collection !== store.db.participants.name ||
    saved.schemaVersion !== store.db.participants.schema.version ||
    !(now - saved.savedAt < SNAPSHOT_MAX_AGE_MS) ||
    !Number.isFinite(saved.checkpointLwt)
  ) {
    return null
  }
  const count = saved.count
  const ids = count === 0 ? [] : saved.ids.split(',')
  if (ids.length !== count) return null
  const decode = (column: SavedColumn | undefined) => {
    if (!column || column.indices.length !== count * column.width) return null
    // Parsed once per distinct value; records share them (the aggregate only reads).
    const values: unknown[] = column.values.map((json) =>
      json === ABSENT ? undefined : JSON.parse(json),
    )
    return { column, values }
  }
  const revisions = decode(saved.revisions)
  if (!revisions) return null
  const columns = {} as Record<(typeof FIELDS)[number], { column: SavedColumn; values: unknown[] }>
  for (const field of FIELDS) {
    const decoded = decode(saved.columns[field])
    if (!decoded) return null
    columns[field] = decoded
  }
  let isDamaged = false
  const valueAt = (decoded: { column: SavedColumn; values: unknown[] }, position: number) => {
    const index = indexAt(decoded.column, position)
    if (index < 0 || index >= decoded.values.length) isDamaged = true
    return decoded.values[index]
  }
  const value = (field: (typeof FIELDS)[number], position: number) =>
    valueAt(columns[field], position)
  const entries: SnapshotEntry[] = new Array<SnapshotEntry>(count)
  for (let position = 0; position < count; position += 1) {
    // 20,000 records a slice: the window is never held long.
    if (position > 0 && position % DECODE_SLICE === 0) await yieldToWindow()
    const record = {
      status: value('status', position),
      checks: value('checks', position),
      createdAt: value('createdAt', position),
      birthDate: value('birthDate', position),
      sex: value('sex', position),
      kecamatanCode: value('kecamatanCode', position),
      villageCode: value('villageCode', position),
      occupationCode: value('occupationCode', position),
      prints: value('prints', position),
    } as DashboardRecord
    const enrolmentBatchId = value('enrolmentBatchId', position)
    if (enrolmentBatchId !== undefined) record.enrolmentBatchId = enrolmentBatchId as string
    const coverage = value('coverage', position)
    if (coverage !== undefined) record.coverage = coverage as DashboardRecord['coverage']
    const source = value('source', position)
    if (source !== undefined) record.source = source as string
    const claims = value('claims', position)
    if (claims !== undefined) record.claims = claims as DashboardRecord['claims']
    entries[position] = {
      id: ids[position]!,
      revision: Number(valueAt(revisions, position)),
      record,
    }
  }
  if (isDamaged) return null
  return { checkpointLwt: saved.checkpointLwt, savedAt: saved.savedAt, entries, isReadHere }
}
