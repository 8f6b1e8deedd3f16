/**
 * The print side of the store: which participants a print batch may take, and the print log
 * entries written once a batch was actually printed or saved.
 */
import type { MangoQuerySelector } from 'rxdb'
import {
  currentPrintOf,
  mergePrintLogs,
  type PrintRecord,
  type ReprintReason,
} from '@shared/cards/print-log'
import { cardCoverageFor } from '@shared/cards/card-coverage'
import type { CardKind } from '@shared/cards/card-token'
import type {
  ParticipantDocument,
  ParticipantStatus,
} from '@shared/participant/participant-document'
import type { NaunganStore } from '@/core/store/database'
import { markLocalWrites } from '@/core/store/sync-state-repository'
import type { ActingUser } from '@/core/acting-user'
import { appendHistoryEntries } from '@/core/store/participant-repository'
import { currentTime } from '@shared/dates/clock'
import { districtDayOfIso } from '@/core/district'

export type PrintedFilter =
  /** Never printed (of the kind being printed). */
  | { kind: 'never' }
  /** Last printed before this day (YYYY-MM-DD), e.g. to renew last year's cards. */
  | { kind: 'before'; date: string }
  | { kind: 'any' }

export interface PrintSelectionFilters {
  kecamatanCode?: string
  villageCode?: string
  status?: ParticipantStatus
  printed: PrintedFilter
  /** Which print the "printed" filter looks at. */
  printKind: CardKind
  /** The budget year the card or sticker states: only people covered that year are listed. */
  coverageYear: number
}

/** One row of the print queue: what the clerk needs to choose, nothing sensitive. */
export interface PrintCandidate {
  id: string
  fullName: string
  registrationNumber: string
  villageCode: string
  kecamatanCode: string
  status: ParticipantStatus
  lastPrint: PrintRecord | undefined
}

/** More than this and the clerk is asked to narrow the filters (one kecamatan holds ~3,000). */
export const MAX_PRINT_CANDIDATES = 5000

function selectorOf(filters: PrintSelectionFilters): MangoQuerySelector<ParticipantDocument> {
  const selector: MangoQuerySelector<ParticipantDocument> = {}
  if (filters.kecamatanCode) selector.kecamatanCode = filters.kecamatanCode
  if (filters.villageCode) selector.villageCode = filters.villageCode
  if (filters.status) selector.status = filters.status
  return selector
}

function matchesPrinted(last: PrintRecord | undefined, filter: PrintedFilter): boolean {
  switch (filter.kind) {
    case 'any':
      return true
    case 'never':
      return last === undefined
    case 'before':
      // The district's day of the print (00:30 in Tenggarong is still yesterday in UTC).
      return last !== undefined && districtDayOfIso(last.printedAt) < filter.date
  }
}

/** Participants matching the filters, in name order, at most MAX_PRINT_CANDIDATES (+ overflow flag). */
export async function findPrintCandidates(
  store: NaunganStore,
  filters: PrintSelectionFilters,
): Promise<{ candidates: PrintCandidate[]; truncated: boolean; notCovered: number }> {
  const docs = await store.db.participants
    .find({
      selector: { ...selectorOf(filters), nameKey: { $gte: '' } },
      sort: [{ nameKey: 'asc' }],
    })
    .exec()
  const candidates: PrintCandidate[] = []
  let notCovered = 0
  for (const doc of docs) {
    const last = currentPrintOf(doc.prints ?? [], filters.printKind)
    if (!matchesPrinted(last, filters.printed)) continue
    if (!cardCoverageFor(doc, filters.coverageYear)) {
      notCovered++
      continue
    }
    if (candidates.length === MAX_PRINT_CANDIDATES) {
      return { candidates, truncated: true, notCovered }
    }
    candidates.push({
      id: doc.id,
      fullName: doc.fullName,
      registrationNumber: doc.registrationNumber,
      villageCode: doc.villageCode,
      kecamatanCode: doc.kecamatanCode,
      status: doc.status,
      lastPrint: last,
    })
  }
  return { candidates, truncated: false, notCovered }
}

/** Full records for a batch, in the order given, read in slices so no single task runs long. */
export async function loadParticipantsForPrint(
  store: NaunganStore,
  ids: readonly string[],
  onProgress?: (done: number) => void,
): Promise<ParticipantDocument[]> {
  const result: ParticipantDocument[] = []
  const SLICE = 100
  for (let start = 0; start < ids.length; start += SLICE) {
    const slice = ids.slice(start, start + SLICE)
    const found = await store.db.participants.findByIds(slice).exec()
    for (const id of slice) {
      const doc = found.get(id)
      if (doc) result.push(doc.toMutableJSON())
    }
    onProgress?.(Math.min(ids.length, start + SLICE))
    // Let the UI paint between slices.
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return result
}

export interface PrintLogEntry {
  participantId: string
  record: PrintRecord
}

export interface ReprintJustification {
  reason: ReprintReason
  note: string
}

/**
 * Appends the print log entries of a batch that was printed or saved, each in its participant's
 * record (so they sync with it), and notes the print in each participant's history. Safe against
 * a sync writing the same records meanwhile: each record is modified from its current state.
 */
export async function recordPrints(
  store: NaunganStore,
  entries: readonly PrintLogEntry[],
  options: {
    actor: ActingUser
    now?: Date
    onProgress?: (done: number) => void
  },
): Promise<void> {
  // Who printed: the history's actor, and the record's `updatedBy`.
  const actor = options.actor
  const at = (options.now ?? currentTime()).toISOString()
  const written: ParticipantDocument[] = []
  const SLICE = 50
  for (let start = 0; start < entries.length; start += SLICE) {
    const slice = entries.slice(start, start + SLICE)
    const docs = await store.db.participants.findByIds(slice.map((e) => e.participantId)).exec()
    const updated = await Promise.all(
      slice.map(async (entry) => {
        const doc = docs.get(entry.participantId)
        if (!doc) return null
        const next = await doc.incrementalModify((current) => ({
          ...current,
          prints: mergePrintLogs(current.prints, [entry.record]),
          updatedAt: at,
          updatedBy: actor.name,
        }))
        return next.toMutableJSON()
      }),
    )
    for (const doc of updated) if (doc) written.push(doc)
    await appendHistoryEntries(
      store,
      slice.flatMap((entry, index) => {
        const doc = updated[index]
        if (!doc) return []
        return [
          {
            participantId: doc.id,
            kecamatanCode: doc.kecamatanCode,
            kind: 'printed' as const,
            changes: [{ field: 'prints', from: '', to: printLogLine(entry.record) }],
            at,
          },
        ]
      }),
      actor,
    )
    options.onProgress?.(Math.min(entries.length, start + SLICE))
  }
  await markLocalWrites(store, written)
}

/** The history line of one print: "kartu 7K3M-9QX2 (cetak ulang: hilang — dompet hanyut)". */
export function printLogLine(record: PrintRecord): string {
  const what = `${record.kind === 'card' ? 'kartu' : 'stiker'} ${record.serial}`
  if (!record.reprintReason) return what
  const note = record.reprintNote ? ` — ${record.reprintNote}` : ''
  return `${what} (cetak ulang: ${record.reprintReason}${note})`.slice(0, 300)
}
