/**
 * The year's re-verification as this PC sees it: every stored participant read once (no sealed
 * field is opened: the rules read names, dates, status, coverage, prints and decisions), the DTSEN
 * deciles of the last extract applied here, then shared/reverification/proposal.ts's proposal and
 * decree list. A kecamatan PC holds its kecamatan, a district PC everyone: the decree and the
 * berita acara are the district's documents, made on a district PC (the screen says so).
 */
import {
  decreeList,
  proposeReverification,
  type DecreeResult,
  type ReverificationProposal,
  type ReverificationRecord,
} from '@shared/reverification/proposal'
import {
  recordedOfYear,
  type ReverificationDecision,
} from '@shared/reverification/reverification-decision'
import type { NaunganStore } from '@/core/store/database'
import { district } from '@/core/district'
import { readStoredParticipants } from '@/dashboard/dashboard-records'
import { loadLastDtsenExtract } from '@/import/dtsen-extracts'

export type StoredForReverification = ReverificationRecord & {
  reverification?: ReverificationDecision[]
}

export interface YearReview {
  year: number
  proposal: ReverificationProposal
  decree: DecreeResult
  /** Participant id → the record as read (names for the documents, decisions for the queue). */
  records: ReadonlyMap<string, StoredForReverification>
  /** Where the deciles came from: the date of the last DTSEN extract applied here. */
  dtsenSnapshot: string | null
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

function recordOf(doc: Readonly<Record<string, unknown>>): StoredForReverification {
  return {
    id: text(doc['id']),
    registrationNumber: text(doc['registrationNumber']),
    fullName: text(doc['fullName']),
    birthDate: text(doc['birthDate']),
    status: doc['status'] as ReverificationRecord['status'],
    kecamatanCode: text(doc['kecamatanCode']),
    villageCode: text(doc['villageCode']),
    officeCode: text(doc['officeCode']),
    prints: (doc['prints'] as ReverificationRecord['prints'] | undefined) ?? [],
    ...(typeof doc['source'] === 'string' ? { source: doc['source'] } : {}),
    ...(Array.isArray(doc['coverage'])
      ? { coverage: doc['coverage'] as NonNullable<ReverificationRecord['coverage']> }
      : {}),
    ...(typeof doc['kpjNumber'] === 'string' ? { kpjNumber: doc['kpjNumber'] } : {}),
    ...(typeof doc['enrolmentBatchId'] === 'string'
      ? { enrolmentBatchId: doc['enrolmentBatchId'] }
      : {}),
    ...(Array.isArray(doc['reverification'])
      ? { reverification: doc['reverification'] as ReverificationDecision[] }
      : {}),
  }
}

/** Reads the PC's participants and works out `year`'s proposal and decree. */
export async function reviewYear(store: NaunganStore, year: number): Promise<YearReview> {
  const records: StoredForReverification[] = []
  const nikIndexOf = new Map<string, string>()
  await readStoredParticipants(store, (docs) => {
    for (const doc of docs) {
      const record = recordOf(doc)
      records.push(record)
      if (typeof doc['nikIndex'] === 'string') nikIndexOf.set(record.id, doc['nikIndex'])
    }
  })
  const maxDecile = district.config.eligibility?.maxDecile
  const extract = maxDecile === undefined ? null : await loadLastDtsenExtract(store)
  let decileOf: Map<string, number> | undefined
  if (maxDecile !== undefined && extract) {
    const byPersonKey = new Map(extract.people.map((person) => [person.personKey, person.decile]))
    decileOf = new Map()
    for (const [id, key] of nikIndexOf) {
      const decile = byPersonKey.get(key)
      if (decile !== undefined && Number.isInteger(decile) && decile >= 1 && decile <= 10) {
        decileOf.set(id, decile)
      }
    }
  }
  const { outcomes, recordedReasons } = recordedOfYear(records, year)
  const input = {
    participants: records,
    year,
    ageRange: district.config.ageRange,
    districtRegionCode: district.config.region.code,
    recordedReasons,
    ...(maxDecile === undefined ? {} : { maxDecile }),
    ...(decileOf ? { decileOf } : {}),
  }
  const proposal = proposeReverification(input)
  // A decision on someone the rules no longer consider (their record ended years ago) is not a
  // decree's input: proposal.ts would refuse the whole list for it.
  const proposed = new Set(proposal.candidates.map((candidate) => candidate.participantId))
  const decree = decreeList(
    proposal,
    records,
    outcomes.filter((entry) => proposed.has(entry.participantId)),
  )
  return {
    year,
    proposal,
    decree,
    records: new Map(records.map((record) => [record.id, record])),
    dtsenSnapshot: extract?.snapshotDate ?? null,
  }
}
