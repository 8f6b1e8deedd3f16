/**
 * The last DTSEN extract applied on this PC, remembered so that the next one can be compared with
 * it (`shared/import/dtsen-diff.ts`). Local documents, never synced: each PC compares with what
 * it applied itself.
 *
 * What is kept per person is the NIK blind index (what participants' `nikIndex` holds already),
 * the decile and a keyed hash of the KK: NIK and KK are sealed personal data and are not stored
 * here in any readable form. The people are split in parts of 10,000 under a generation id; the
 * header is written last and names its generation, so a PC switched off halfway still holds the
 * previous extract whole, and the parts of the old generation are removed afterwards.
 */
import {
  diffDtsenExtracts,
  type DtsenDiff,
  type DtsenDiffRefusal,
  type DtsenExtract,
  type DtsenPerson,
} from '@shared/import/dtsen-diff'
import { decodeDtsenExtract, encodeDtsenExtract } from '@shared/import/dtsen-extract-codec'
import type { ExistingRecord } from '@shared/import/import-plan'
import type { ValidatedRow } from '@shared/import/row-validation'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { importRowText } from '@shared/import/import-row-messages'
import type { FieldChange } from '@shared/participant/participant-document'
import type { ActingUser } from '@/core/acting-user'
import type { NaunganStore } from '@/core/store/database'
import { appendHistoryEntries, type HistoryEntry } from '@/core/store/participant-repository'
import { NIK_LOOKUP_SLICE } from './nik-lookup'
import { throwIfCancelled, yieldToUi } from './write-slicing'

const HEADER_DOC = 'dtsen-extract'
const PEOPLE_PER_PART = 10_000
const partDocId = (generation: string, part: number) => `dtsen-extract/${generation}/${part}`

interface DtsenExtractHeader {
  snapshotDate: string
  families: string[]
  generation: string
  parts: number
  people: number
  appliedAt: string
  appliedBy: string
}

export interface RememberedDtsenExtract extends DtsenExtract {
  appliedAt: string
  appliedBy: string
}

export async function loadLastDtsenExtract(
  store: NaunganStore,
): Promise<RememberedDtsenExtract | null> {
  const header = (await store.db.getLocal<DtsenExtractHeader>(HEADER_DOC))?.toJSON().data
  if (!header) return null
  const chunks: string[] = []
  for (let part = 0; part < header.parts; part++) {
    const doc = await store.db.getLocal<{ people: string }>(partDocId(header.generation, part))
    // A missing part means a damaged record: compare with nothing rather than with half.
    if (!doc) return null
    const people = doc.toJSON().data.people
    if (people !== '') chunks.push(people)
  }
  const extract = decodeDtsenExtract({
    snapshotDate: header.snapshotDate,
    families: [...header.families],
    people: chunks.join(','),
  })
  return extract ? { ...extract, appliedAt: header.appliedAt, appliedBy: header.appliedBy } : null
}

export async function rememberDtsenExtract(
  store: NaunganStore,
  extract: DtsenExtract,
  applied: { at: string; by: string },
): Promise<void> {
  const previous = (await store.db.getLocal<DtsenExtractHeader>(HEADER_DOC))?.toJSON().data
  const encoded = encodeDtsenExtract(extract)
  const entries = encoded.people === '' ? [] : encoded.people.split(',')
  // The time of the apply is unique enough on one PC and sorts.
  const generation = applied.at.replace(/[^0-9]/g, '')
  let parts = 0
  for (let start = 0; start < entries.length; start += PEOPLE_PER_PART) {
    await store.db.upsertLocal(partDocId(generation, parts), {
      people: entries.slice(start, start + PEOPLE_PER_PART).join(','),
    })
    parts++
    await yieldToUi()
  }
  const header: DtsenExtractHeader = {
    snapshotDate: extract.snapshotDate,
    families: encoded.families,
    generation,
    parts,
    people: entries.length,
    appliedAt: applied.at,
    appliedBy: applied.by,
  }
  await store.db.upsertLocal(HEADER_DOC, header)
  if (previous) {
    // The old generation's parts; or, should two applies share a millisecond, the parts the
    // shorter new extract did not overwrite.
    const first = previous.generation === generation ? parts : 0
    for (let part = first; part < previous.parts; part++) {
      await (await store.db.getLocal(partDocId(previous.generation, part)))?.remove()
    }
  }
}

/**
 * The file's date: the one the clerk gave, else the first date a snapshot column held (the
 * validator has made every other row agree with it).
 */
export function snapshotDateOfRows(
  rows: readonly ValidatedRow[],
  given: string | undefined,
): string | undefined {
  if (given) return given
  return rows.find((row) => row.dtsen?.snapshotDate)?.dtsen?.snapshotDate
}

/**
 * The extract as the diff sees it: every row with a readable NIK and decile, even one whose other
 * columns are wrong (a bad birth date does not take a person out of DTSEN; counting them as gone
 * would flag them for nothing).
 */
export function extractOfRows(rows: readonly ValidatedRow[], snapshotDate: string): DtsenExtract {
  const people: DtsenPerson[] = []
  for (const row of rows) {
    if (!row.nikIndex || !row.dtsen) continue
    people.push({
      personKey: row.nikIndex,
      familyKey: row.dtsen.familyKey ?? '',
      decile: row.dtsen.decile,
      rowNumber: row.rowNumber,
    })
  }
  return { snapshotDate, people }
}

/** A record of someone the diff names, with what its history entry needs. */
export type DtsenRecord = ExistingRecord & { kecamatanCode: string }

const recordOf = (doc: ParticipantDocument): DtsenRecord => ({
  kecamatanCode: doc.kecamatanCode,
  id: doc.id,
  registrationNumber: doc.registrationNumber,
  nameKey: doc.nameKey,
  status: doc.status,
  checks: (doc.checks ?? []).map((check) => ({ ...check })),
  updatedAt: doc.updatedAt,
  ...(doc.kpjNumber ? { kpjNumber: doc.kpjNumber } : {}),
})

/**
 * Records by NIK blind index, for people the file no longer lists (their NIK is not in the file,
 * and not kept here). Sorted slices, as `findExistingByNik` does, so each slice scans a narrow band.
 */
export async function findRecordsByNikIndex(
  store: NaunganStore,
  indexes: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, DtsenRecord[]>> {
  const sorted = [...new Set(indexes)].sort()
  const found = new Map<string, DtsenRecord[]>()
  for (let start = 0; start < sorted.length; start += NIK_LOOKUP_SLICE) {
    throwIfCancelled(signal)
    const slice = sorted.slice(start, start + NIK_LOOKUP_SLICE)
    const docs = await store.db.participants.find({ selector: { nikIndex: { $in: slice } } }).exec()
    for (const doc of docs) {
      const data = doc.toJSON() as ParticipantDocument
      const list = found.get(data.nikIndex) ?? []
      list.push(recordOf(data))
      found.set(data.nikIndex, list)
    }
    await yieldToUi()
  }
  return found
}

export interface DtsenComparison {
  /** The diff, or why this extract cannot be compared (older than the last, bad date). */
  diff: DtsenDiff | DtsenDiffRefusal
  /** The last extract applied here: when and by whom (absent on the first). */
  last?: { snapshotDate: string; appliedAt: string; appliedBy: string }
  /**
   * Records here of the people who are gone or crossed the threshold, by NIK blind index: what
   * the supervisor reviews. New people are the plan's drafts, as for DTKS.
   */
  registered: Map<string, DtsenRecord[]>
}

export async function compareDtsenExtract(
  store: NaunganStore,
  rows: readonly ValidatedRow[],
  options: { snapshotDate: string; maxDecile: number; today: string; signal?: AbortSignal },
): Promise<DtsenComparison> {
  const last = await loadLastDtsenExtract(store)
  const diff = diffDtsenExtracts(
    last,
    extractOfRows(rows, options.snapshotDate),
    options.maxDecile,
    options.today,
  )
  const lastInfo = last
    ? {
        last: {
          snapshotDate: last.snapshotDate,
          appliedAt: last.appliedAt,
          appliedBy: last.appliedBy,
        },
      }
    : {}
  if (!diff.ok) return { diff, ...lastInfo, registered: new Map() }
  const keys = [...diff.gone, ...diff.crossedUp, ...diff.crossedDown].map(
    (change) => change.personKey,
  )
  const registered = await findRecordsByNikIndex(store, keys, options.signal)
  return { diff, ...lastInfo, registered }
}

/** Records whose history gets a review note when this comparison is applied, by group. */
export function reviewCounts(comparison: DtsenComparison): {
  gone: number
  crossedUp: number
  crossedDown: number
} {
  const { diff, registered } = comparison
  const count = (changes: readonly { personKey: string }[]) =>
    changes.reduce((sum, change) => sum + (registered.get(change.personKey)?.length ?? 0), 0)
  return diff.ok
    ? {
        gone: count(diff.gone),
        crossedUp: count(diff.crossedUp),
        crossedDown: count(diff.crossedDown),
      }
    : { gone: 0, crossedUp: 0, crossedDown: 0 }
}

/**
 * After the drafts of an applied DTSEN import: notes the change on every record here of someone
 * who left DTSEN or crossed the threshold (one audited history entry each, field `dtsen.desil`),
 * and remembers the extract for the next comparison. Nothing on the record itself changes: a
 * newer extract never ends anyone's coverage; the note is for the supervisor's yearly check.
 * Returns the number of records noted. Refuses (throws) a comparison that was refused.
 */
export async function applyDtsenComparison(
  store: NaunganStore,
  comparison: DtsenComparison,
  options: { actor: ActingUser; at: string; maxDecile: number },
): Promise<number> {
  const { diff, registered } = comparison
  if (!diff.ok) throw new Error(`DTSEN extract refused: ${diff.reason}`)
  const date = diff.next.snapshotDate
  const max = options.maxDecile
  const lastDate = diff.lastSnapshotDate ?? ''
  const entries: HistoryEntry[] = []
  const note = (personKey: string, change: FieldChange) => {
    for (const record of registered.get(personKey) ?? []) {
      entries.push({
        participantId: record.id,
        kecamatanCode: record.kecamatanCode,
        kind: 'imported',
        changes: [change],
        at: options.at,
      })
    }
  }
  const before = (decile: number | undefined) =>
    decile === undefined
      ? ''
      : importRowText('id', 'dtsen.history.decile', { decile, date: lastDate })
  for (const change of diff.crossedUp) {
    note(change.personKey, {
      field: 'dtsen.desil',
      from: before(change.before),
      to: importRowText('id', 'dtsen.history.crossedUp', { decile: change.after ?? '', date, max }),
    })
  }
  for (const change of diff.crossedDown) {
    note(change.personKey, {
      field: 'dtsen.desil',
      from: before(change.before),
      to: importRowText('id', 'dtsen.history.crossedDown', {
        decile: change.after ?? '',
        date,
        max,
      }),
    })
  }
  for (const change of diff.gone) {
    note(change.personKey, {
      field: 'dtsen.desil',
      from: before(change.before),
      to: importRowText('id', 'dtsen.history.gone', { date }),
    })
  }
  // Slices, like every import write: 90,000 rows may name a few thousand records.
  for (let start = 0; start < entries.length; start += 500) {
    await appendHistoryEntries(store, entries.slice(start, start + 500), options.actor)
    await yieldToUi()
  }
  await rememberDtsenExtract(store, diff.next, { at: options.at, by: options.actor.name })
  return entries.length
}
