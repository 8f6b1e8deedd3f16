/**
 * The annual re-verification (issue 17). Before each budget year the app proposes who to re-check;
 * the kecamatan offices and agencies record an outcome for each person; the outcomes produce the
 * year's participant list for the decree (lampiran SK Bupati) and a berita acara per kecamatan.
 * Pure: no store, no clock — `year` is the budget year being prepared (the APBD year is the
 * calendar year), every date is 'YYYY-MM-DD'.
 *
 * Who is considered for `year` (`isConsidered`): status `active` or `enrolled`, or anyone with a
 * readable coverage period of `year − 1` (so people whose coverage ended during the last year —
 * died, moved, covered by an employer, aged out — are confirmed as ended in the berita acara).
 * Drafts, candidates still in verification, approved people not yet enrolled and people whose
 * coverage ended before `year − 1` are not.
 *
 * Why a considered person is proposed (`REVERIFICATION_REASONS`; a person may have several, listed
 * in that order). "The latest period" is the person's coverage period with the greatest year, then
 * the latest start.
 * - `batas-usia`: they reach `ageRange.max + 1` on or before 31 December of `year` (turning 65
 *   during the year with 18..64, or already past the limit and still recorded), by the
 *   registration's age rule (`birthdayOfAge`: born 29 February → 1 March in a common year); or the
 *   latest period ended with the reason `batas-usia`.
 * - `meninggal`: any period ended with the reason `meninggal` (a death is final: a later period
 *   after one is itself worth checking).
 * - `pindah`: the latest period ended with the reason `pindah`, or the recorded kecamatan is not
 *   one of the district's (its code does not start with `districtRegionCode` + '.': another
 *   regency's, or unreadable).
 * - `penanggung-lain`: the latest period ended with the reason `penanggung-lain` (an employer or
 *   another payer covers them).
 * - `tidak-layak-desil`: with `maxDecile` and `decileOf` (participant id → DTSEN decile, from the
 *   last extract applied; DTSEN deciles are not on the record), a decile above `maxDecile`
 *   (`isDecileEligible`). A person absent from `decileOf` is not proposed for it: a district may
 *   cover people DTSEN does not list (existing members, registrations at the counter).
 * - `belum-dicetak` (never printed): no membership card was ever printed (`prints` has no card).
 * - `belum-terjangkau` (never reached): the record came from a list (`source` set: a DTSEN/DTKS
 *   import or BPJS's list of existing members), not typed at a counter, and nothing was ever
 *   printed for the person, card or sticker — nobody from the programme is known to have met them.
 *   Such a person is always `belum-dicetak` too.
 *
 * Each proposed person ends as `continued`, `ended` (with a reason from `COVERAGE_END_REASONS` or
 * `tidak-layak-desil`) or `pending`; a proposed person without a recorded outcome counts as pending.
 * The end reason is what the office found, not necessarily a reason they were proposed for (a
 * person proposed because no card was printed may turn out to have moved).
 *
 * The decree list of `year` (`decreeList`): the considered people who can continue into `year`
 * (`continuationBlock` is null: status active or enrolled, kecamatan in the district, not past the
 * age limit on 1 January, and coverage of `year − 1` running to 31 December or a period of `year`
 * already covering 1 January — the renewal batch's rule) and who were either not proposed, or
 * proposed and `continued`. Never the ended. Never the pending: a pending person is not renewed
 * from 1 January by this decree; once decided `continued` they need an amending decree and a
 * renewal batch of their own. So the list is exactly who is covered on 1 January of `year` once
 * the decree is carried out (`recordsAfterDecree`), the figure the dashboard shows as active on
 * that day. Considered people who were not proposed and cannot continue (active with last year's
 * coverage stopped early or never renewed, or enrolled from later in the year) are not listed
 * either: `leftOff` names them, so nobody drops out unseen.
 *
 * Outcomes are refused, and with them the whole decree (an official document is not produced from
 * doubtful input): an unknown kind, an unknown end reason, an outcome for someone not in the
 * proposal (never silently ignored: it may hold a decision someone believes was recorded), two
 * outcomes for one person, `continued` for someone who cannot continue, and a proposed person
 * missing from the participants given (a partial list would make every total wrong).
 *
 * Proposal and decree are grouped per kecamatan: the recorded kecamatan when it is the district's;
 * for someone recorded outside it, the kecamatan of the office that registered them (officeCode
 * `KK-NN` → `districtRegionCode.KK`), else '' (the regency's own office).
 */
import { parseIsoDate } from '../dates/calendar-date'
import { DTSEN_DECILES } from '../district/district-config'
import { birthdayOfAge } from '../coverage/age-limit'
import { coveredSpan, isCoveredOn } from '../coverage/budget'
import { addDays } from '../coverage/calendar-days'
import { endCoverage, renewalFor } from '../coverage/coverage-status'
import { isDecileEligible } from '../import/dtsen-diff'
import {
  isReverificationEndReason,
  REVERIFICATION_END_REASONS,
  REVERIFICATION_REASONS,
  type RecordedOutcome,
  type ReverificationEndReason,
  type ReverificationOutcome,
  type ReverificationReason,
} from './reasons'
import {
  COVERAGE_END_REASONS,
  type CoverageEndReason,
  type CoveragePeriod,
  type ParticipantDocument,
} from '../participant/participant-document'

export * from './reasons'

function isCoverageEndReason(value: string): value is CoverageEndReason {
  return (COVERAGE_END_REASONS as readonly string[]).includes(value)
}

/** The participant fields the re-verification reads. */
export type ReverificationRecord = Pick<
  ParticipantDocument,
  | 'id'
  | 'registrationNumber'
  | 'fullName'
  | 'birthDate'
  | 'status'
  | 'kecamatanCode'
  | 'villageCode'
  | 'officeCode'
  | 'prints'
  | 'source'
  | 'coverage'
  | 'kpjNumber'
  | 'enrolmentBatchId'
>

/**
 * Why someone cannot be continued into the year: the status says their coverage ended, or it was
 * never started (`NOT_COVERED`), their kecamatan is not the district's, they are past the age
 * limit on 1 January, or no coverage runs into the year (`NOTHING_TO_RENEW`: last year's period
 * stopped before 31 December, or a period of the year starts after 1 January).
 */
export type ContinuationBlock =
  'COVERAGE_ENDED' | 'NOT_COVERED' | 'OUT_OF_DISTRICT' | 'OVER_AGE_LIMIT' | 'NOTHING_TO_RENEW'

export interface ReverificationInput {
  participants: readonly ReverificationRecord[]
  /** The budget year being prepared. */
  year: number
  /** district.json `ageRange` (inclusive). */
  ageRange: { min: number; max: number }
  /** district.json `eligibility.maxDecile`; absent when the district does not target by DTSEN. */
  maxDecile?: number
  /** Participant id → DTSEN decile (1..10). Requires `maxDecile`. */
  decileOf?: ReadonlyMap<string, number>
  /** Kemendagri code of the kabupaten/kota, '64.02' (district.json `region.code`). */
  districtRegionCode: string
  /**
   * Participant id → the reasons a recorded decision of `year` was made for
   * (reverification-decision.ts). A considered person stays proposed for them after the facts
   * changed (a card printed since, a decile updated): a decision once recorded is never dropped
   * from the berita acara, nor its "ended" silently turned into a listing.
   */
  recordedReasons?: ReadonlyMap<string, readonly ReverificationReason[]>
}

export interface ReverificationCandidate {
  participantId: string
  registrationNumber: string
  fullName: string
  /** The kecamatan whose office re-checks them (see the header). */
  kecamatanCode: string
  /** The kecamatan as recorded (outside the district for some `pindah`). */
  recordedKecamatanCode: string
  villageCode: string
  status: ParticipantDocument['status']
  /** At least one, in `REVERIFICATION_REASONS` order. */
  reasons: ReverificationReason[]
  /** With `batas-usia` from the birth date: the first day over the limit. */
  overLimitOn?: string
  /** With `tidak-layak-desil`: the decile. */
  decile?: number
  /** Null when `continued` is a possible outcome; else why not (only ended or pending are). */
  continuationBlock: ContinuationBlock | null
}

export type ReasonCounts = Record<ReverificationReason, number>

export interface KecamatanQueue {
  kecamatanCode: string
  /** People considered whose office this is. */
  considered: number
  candidates: ReverificationCandidate[]
  /** People per reason (someone with two reasons counts under both). */
  byReason: ReasonCounts
}

export interface ReverificationProposal {
  year: number
  districtRegionCode: string
  /** `ageRange.max` the proposal used. */
  ageMax: number
  maxDecile: number | null
  considered: number
  /** By kecamatan, then registration number. */
  candidates: ReverificationCandidate[]
  /** Kecamatan with someone considered, by code. */
  byKecamatan: KecamatanQueue[]
  byReason: ReasonCounts
}

const DISTRICT_CODE = /^\d{2}\.\d{2}$/
const OFFICE_KECAMATAN = /^(\d{2})-\d+$/

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < 2001 || year > 2100) {
    throw new RangeError(`year must be 2001..2100; got ${year}`)
  }
}

function requireDistrictCode(code: string): void {
  if (!DISTRICT_CODE.test(code)) {
    throw new RangeError(`districtRegionCode must look like 64.02; got ${JSON.stringify(code)}`)
  }
}

const emptyReasonCounts = (): ReasonCounts =>
  Object.fromEntries(REVERIFICATION_REASONS.map((reason) => [reason, 0])) as ReasonCounts

export function isInDistrict(kecamatanCode: string, districtRegionCode: string): boolean {
  return kecamatanCode.startsWith(`${districtRegionCode}.`)
}

/** The kecamatan whose office deals with the person (see the header). */
export function homeKecamatanOf(
  doc: Pick<ReverificationRecord, 'kecamatanCode' | 'officeCode'>,
  districtRegionCode: string,
): string {
  if (isInDistrict(doc.kecamatanCode, districtRegionCode)) return doc.kecamatanCode
  const office = OFFICE_KECAMATAN.exec(doc.officeCode)
  return office ? `${districtRegionCode}.${office[1]}` : ''
}

/** The latest period: greatest year, then latest start. */
function latestPeriod(coverage: readonly CoveragePeriod[] | undefined): CoveragePeriod | undefined {
  let latest: CoveragePeriod | undefined
  for (const period of coverage ?? []) {
    if (
      !latest ||
      period.year > latest.year ||
      (period.year === latest.year && period.from > latest.from)
    ) {
      latest = period
    }
  }
  return latest
}

/** Considered for `year` (see the header). */
export function isConsidered(
  doc: Pick<ReverificationRecord, 'status' | 'coverage'>,
  year: number,
): boolean {
  if (doc.status === 'active' || doc.status === 'enrolled') return true
  return (doc.coverage ?? []).some(
    (period) => period.year === year - 1 && coveredSpan(period) !== null,
  )
}

/** Null when the person can be continued into `year`; else why not (see the header). */
export function continuationBlock(
  doc: Pick<ReverificationRecord, 'status' | 'kecamatanCode' | 'birthDate' | 'coverage'>,
  year: number,
  ageMax: number,
  districtRegionCode: string,
): ContinuationBlock | null {
  if (doc.status === 'ended') return 'COVERAGE_ENDED'
  if (doc.status !== 'active' && doc.status !== 'enrolled') return 'NOT_COVERED'
  if (!isInDistrict(doc.kecamatanCode, districtRegionCode)) return 'OUT_OF_DISTRICT'
  const firstDay = `${year}-01-01`
  const overLimitOn = birthdayOfAge(doc.birthDate, ageMax + 1)
  if (overLimitOn !== null && overLimitOn <= firstDay) return 'OVER_AGE_LIMIT'
  const coverage = doc.coverage ?? []
  if (coverage.some((period) => period.year === year)) {
    // Already renewed (or enrolled for the year): it must cover 1 January.
    const first = parseIsoDate(firstDay)
    return first && isCoveredOn(coverage, first) ? null : 'NOTHING_TO_RENEW'
  }
  const runsToYearEnd = coverage.some((period) => {
    const span = coveredSpan(period)
    return (
      period.year === year - 1 && span !== null && span.last.month === 12 && span.last.day === 31
    )
  })
  return runsToYearEnd ? null : 'NOTHING_TO_RENEW'
}

function reasonsOf(
  doc: ReverificationRecord,
  input: ReverificationInput,
): { reasons: ReverificationReason[]; overLimitOn?: string; decile?: number } {
  const found = new Set<ReverificationReason>()
  const latest = latestPeriod(doc.coverage)
  const overLimitOn = birthdayOfAge(doc.birthDate, input.ageRange.max + 1)
  const turnsOverInTime = overLimitOn !== null && overLimitOn <= `${input.year}-12-31`
  if (turnsOverInTime || latest?.endReason === 'batas-usia') found.add('batas-usia')
  if ((doc.coverage ?? []).some((period) => period.endReason === 'meninggal'))
    found.add('meninggal')
  if (
    latest?.endReason === 'pindah' ||
    !isInDistrict(doc.kecamatanCode, input.districtRegionCode)
  ) {
    found.add('pindah')
  }
  if (latest?.endReason === 'penanggung-lain') found.add('penanggung-lain')
  const decile = input.decileOf?.get(doc.id)
  const isAboveDecile =
    input.maxDecile !== undefined &&
    decile !== undefined &&
    !isDecileEligible(decile, input.maxDecile)
  if (isAboveDecile) found.add('tidak-layak-desil')
  if (!doc.prints.some((entry) => entry.kind === 'card')) found.add('belum-dicetak')
  if (doc.source !== undefined && doc.source.trim() !== '' && doc.prints.length === 0) {
    found.add('belum-terjangkau')
  }
  for (const reason of input.recordedReasons?.get(doc.id) ?? []) {
    if ((REVERIFICATION_REASONS as readonly string[]).includes(reason)) found.add(reason)
  }
  return {
    reasons: REVERIFICATION_REASONS.filter((reason) => found.has(reason)),
    ...(turnsOverInTime ? { overLimitOn } : {}),
    ...(isAboveDecile ? { decile } : {}),
  }
}

function validateInput(input: ReverificationInput): void {
  requireYear(input.year)
  requireDistrictCode(input.districtRegionCode)
  const { min, max } = input.ageRange
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min || max > 150) {
    throw new RangeError(`ageRange must be whole years with 0 ≤ min ≤ max; got ${min}..${max}`)
  }
  if (input.maxDecile !== undefined && !isDecile(input.maxDecile)) {
    throw new RangeError(`maxDecile must be a DTSEN decile 1..10; got ${input.maxDecile}`)
  }
  if (input.decileOf !== undefined) {
    if (input.maxDecile === undefined) {
      // As district.json: deciles without a threshold are a mistake, not a default.
      throw new RangeError('decileOf needs maxDecile')
    }
    for (const [participantId, decile] of input.decileOf) {
      if (!isDecile(decile)) {
        throw new RangeError(`decile of ${participantId} must be 1..10; got ${decile}`)
      }
    }
  }
}

function isDecile(value: number): boolean {
  return Number.isInteger(value) && value >= DTSEN_DECILES.min && value <= DTSEN_DECILES.max
}

const byKecamatanThenNumber = (
  a: Pick<ReverificationCandidate, 'kecamatanCode' | 'registrationNumber' | 'participantId'>,
  b: Pick<ReverificationCandidate, 'kecamatanCode' | 'registrationNumber' | 'participantId'>,
): number =>
  compareText(a.kecamatanCode, b.kecamatanCode) ||
  compareText(a.registrationNumber, b.registrationNumber) ||
  compareText(a.participantId, b.participantId)

/** One record per person: the same id twice would count a person twice. */
function requireUniqueIds(participants: readonly Pick<ReverificationRecord, 'id'>[]): void {
  const seen = new Set<string>()
  for (const { id } of participants) {
    if (seen.has(id)) throw new RangeError(`participant ${id} is given twice`)
    seen.add(id)
  }
}

/** Code-unit order: the same on every PC, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Who to re-check before budget year `input.year`, and why, per kecamatan (see the header). */
export function proposeReverification(input: ReverificationInput): ReverificationProposal {
  validateInput(input)
  const { year, districtRegionCode } = input
  const candidates: ReverificationCandidate[] = []
  const queues = new Map<string, KecamatanQueue>()
  const byReason = emptyReasonCounts()
  let considered = 0
  requireUniqueIds(input.participants)
  for (const doc of input.participants) {
    if (!isConsidered(doc, year)) continue
    considered++
    const kecamatanCode = homeKecamatanOf(doc, districtRegionCode)
    let queue = queues.get(kecamatanCode)
    if (!queue) {
      queue = { kecamatanCode, considered: 0, candidates: [], byReason: emptyReasonCounts() }
      queues.set(kecamatanCode, queue)
    }
    queue.considered++
    const { reasons, overLimitOn, decile } = reasonsOf(doc, input)
    if (reasons.length === 0) continue
    const candidate: ReverificationCandidate = {
      participantId: doc.id,
      registrationNumber: doc.registrationNumber,
      fullName: doc.fullName,
      kecamatanCode,
      recordedKecamatanCode: doc.kecamatanCode,
      villageCode: doc.villageCode,
      status: doc.status,
      reasons,
      ...(overLimitOn === undefined ? {} : { overLimitOn }),
      ...(decile === undefined ? {} : { decile }),
      continuationBlock: continuationBlock(doc, year, input.ageRange.max, districtRegionCode),
    }
    candidates.push(candidate)
    queue.candidates.push(candidate)
    for (const reason of reasons) {
      byReason[reason]++
      queue.byReason[reason]++
    }
  }
  candidates.sort(byKecamatanThenNumber)
  const byKecamatan = [...queues.values()].sort((a, b) =>
    compareText(a.kecamatanCode, b.kecamatanCode),
  )
  for (const queue of byKecamatan) queue.candidates.sort(byKecamatanThenNumber)
  return {
    year,
    districtRegionCode,
    ageMax: input.ageRange.max,
    maxDecile: input.maxDecile ?? null,
    considered,
    candidates,
    byKecamatan,
    byReason,
  }
}

// ---------------------------------------------------------------------------------------------
// Outcomes

export type OutcomeRefusal = 'OUTCOME_INVALID' | 'END_REASON_UNKNOWN'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** An outcome read from storage or the wire: only the three kinds, and only a known end reason. */
export function parseReverificationOutcome(
  value: unknown,
): { ok: true; outcome: ReverificationOutcome } | { ok: false; code: OutcomeRefusal } {
  if (!isRecord(value)) return { ok: false, code: 'OUTCOME_INVALID' }
  switch (value.kind) {
    case 'continued':
      return { ok: true, outcome: { kind: 'continued' } }
    case 'pending':
      return { ok: true, outcome: { kind: 'pending' } }
    case 'ended':
      return isReverificationEndReason(value.reason)
        ? { ok: true, outcome: { kind: 'ended', reason: value.reason } }
        : { ok: false, code: 'END_REASON_UNKNOWN' }
    default:
      return { ok: false, code: 'OUTCOME_INVALID' }
  }
}

// ---------------------------------------------------------------------------------------------
// The decree list and the berita acara

export type DecreeProblem =
  | { code: OutcomeRefusal; participantId: string }
  /** The outcome names someone the proposal does not (an unknown id included). */
  | { code: 'NOT_PROPOSED'; participantId: string }
  | { code: 'OUTCOME_REPEATED'; participantId: string }
  /** In the proposal, not in the participants given. */
  | { code: 'PARTICIPANT_MISSING'; participantId: string }
  | { code: 'CANNOT_CONTINUE'; participantId: string; block: ContinuationBlock }

export interface DecreeEntry {
  participantId: string
  registrationNumber: string
  fullName: string
  kecamatanCode: string
  villageCode: string
  kpjNumber?: string
  /** `continued`: proposed and confirmed; `not-proposed`: nothing to re-check. */
  basis: 'continued' | 'not-proposed'
  /** 31 December, or the day before the person passes the age limit during the year. */
  lastCoveredDay: string
  /** The payer of the latest period (renewals stay with their payer); absent: the default one. */
  payerCode?: string
}

export type EndReasonCounts = Record<ReverificationEndReason, number>

/** The counts of one kecamatan's berita acara. They add up (see `BeritaAcara`'s fields). */
export interface BeritaAcara {
  year: number
  kecamatanCode: string
  /** = continued + ended + pending */
  proposed: number
  proposedByReason: ReasonCounts
  continued: number
  /** = the sum of endedByReason */
  ended: number
  endedByReason: EndReasonCounts
  /** Recorded pending, plus proposed people without an outcome. */
  pending: number
  /** Of `pending`: no outcome recorded at all. */
  withoutOutcome: number
  /** Considered, not proposed, on the list. */
  notProposedListed: number
  /** Considered, not proposed, and unable to continue (see `DecreeList.leftOff`). */
  notProposedLeftOff: number
  /** = continued + notProposedListed: this kecamatan's lines of the decree list. */
  listed: number
}

export interface DecreeList {
  year: number
  districtRegionCode: string
  ageMax: number
  /** By kecamatan, then registration number. */
  entries: DecreeEntry[]
  total: number
  /** Kecamatan with at least one entry, by code. */
  byKecamatan: { kecamatanCode: string; count: number }[]
  /** One per kecamatan with someone considered or proposed, by code. */
  beritaAcara: BeritaAcara[]
  /** Proposed and ended, with the outcome's reason: the berita acara names them. */
  ended: { participantId: string; kecamatanCode: string; reason: ReverificationEndReason }[]
  /** Proposed and pending; `recorded` false when no outcome was recorded at all. */
  pending: { participantId: string; kecamatanCode: string; recorded: boolean }[]
  /** Considered, not proposed, and unable to continue: not listed, shown so nobody vanishes. */
  leftOff: { participantId: string; kecamatanCode: string; block: ContinuationBlock }[]
  /**
   * Not listed, yet already holding coverage of the year on 1 January (a renewal recorded before
   * the outcome): the dashboard counts them and the decree does not, until that period is ended.
   */
  coveredButNotListed: string[]
}

export type DecreeResult =
  { ok: true; decree: DecreeList } | { ok: false; problems: DecreeProblem[] }

function emptyBeritaAcara(year: number, kecamatanCode: string): BeritaAcara {
  return {
    year,
    kecamatanCode,
    proposed: 0,
    proposedByReason: emptyReasonCounts(),
    continued: 0,
    ended: 0,
    endedByReason: Object.fromEntries(
      REVERIFICATION_END_REASONS.map((reason) => [reason, 0]),
    ) as EndReasonCounts,
    pending: 0,
    withoutOutcome: 0,
    notProposedListed: 0,
    notProposedLeftOff: 0,
    listed: 0,
  }
}

/** The last day covered in `year`: the day before the age limit is passed, else 31 December. */
function lastCoveredDayIn(birthDate: string, year: number, ageMax: number): string {
  const overLimitOn = birthdayOfAge(birthDate, ageMax + 1)
  const yearEnd = `${year}-12-31`
  return overLimitOn !== null && overLimitOn <= yearEnd ? addDays(overLimitOn, -1) : yearEnd
}

/**
 * The decree list of `proposal.year` from the proposal as issued, the participants as they stand
 * now (the whole population: every proposed person must be in it) and the recorded outcomes; or
 * every problem that refuses it (see the header). Who is "not proposed" is decided now: someone
 * considered now and absent from the proposal. Throws a RangeError when a record's id is given
 * twice (a store never yields that; a wrongly merged list would count people twice).
 */
export function decreeList(
  proposal: ReverificationProposal,
  participants: readonly ReverificationRecord[],
  outcomes: readonly RecordedOutcome[],
): DecreeResult {
  const { year, ageMax, districtRegionCode } = proposal
  requireYear(year)
  requireDistrictCode(districtRegionCode)
  requireUniqueIds(participants)
  const problems: DecreeProblem[] = []
  const byId = new Map<string, ReverificationRecord>()
  for (const doc of participants) byId.set(doc.id, doc)
  const proposed = new Map<string, ReverificationCandidate>()
  for (const candidate of proposal.candidates) {
    proposed.set(candidate.participantId, candidate)
    if (!byId.has(candidate.participantId)) {
      problems.push({ code: 'PARTICIPANT_MISSING', participantId: candidate.participantId })
    }
  }

  const outcomeOf = new Map<string, ReverificationOutcome>()
  const repeated = new Set<string>()
  for (const recorded of outcomes as readonly unknown[]) {
    const participantId =
      isRecord(recorded) && typeof recorded.participantId === 'string' ? recorded.participantId : ''
    const parsed = parseReverificationOutcome(isRecord(recorded) ? recorded.outcome : undefined)
    if (!parsed.ok) {
      problems.push({ code: parsed.code, participantId })
      continue
    }
    if (!proposed.has(participantId)) {
      problems.push({ code: 'NOT_PROPOSED', participantId })
      continue
    }
    if (outcomeOf.has(participantId)) {
      if (!repeated.has(participantId)) problems.push({ code: 'OUTCOME_REPEATED', participantId })
      repeated.add(participantId)
      continue
    }
    outcomeOf.set(participantId, parsed.outcome)
    const doc = byId.get(participantId)
    if (parsed.outcome.kind === 'continued' && doc) {
      const block = continuationBlock(doc, year, ageMax, districtRegionCode)
      if (block) problems.push({ code: 'CANNOT_CONTINUE', participantId, block })
    }
  }
  if (problems.length > 0) return { ok: false, problems }

  const reports = new Map<string, BeritaAcara>()
  const reportOf = (kecamatanCode: string): BeritaAcara => {
    let report = reports.get(kecamatanCode)
    if (!report) {
      report = emptyBeritaAcara(year, kecamatanCode)
      reports.set(kecamatanCode, report)
    }
    return report
  }
  const entries: DecreeEntry[] = []
  const ended: DecreeList['ended'] = []
  const pending: DecreeList['pending'] = []
  const leftOff: DecreeList['leftOff'] = []
  const coveredButNotListed: string[] = []
  const firstDay = parseIsoDate(`${year}-01-01`)

  for (const doc of participants) {
    const candidate = proposed.get(doc.id)
    if (!candidate && !isConsidered(doc, year)) continue
    const kecamatanCode = homeKecamatanOf(doc, districtRegionCode)
    const report = reportOf(kecamatanCode)
    let isListed = false
    if (candidate) {
      report.proposed++
      for (const reason of candidate.reasons) report.proposedByReason[reason]++
      const outcome = outcomeOf.get(doc.id)
      if (outcome?.kind === 'continued') {
        report.continued++
        isListed = true
      } else if (outcome?.kind === 'ended') {
        report.ended++
        report.endedByReason[outcome.reason]++
        ended.push({ participantId: doc.id, kecamatanCode, reason: outcome.reason })
      } else {
        report.pending++
        if (!outcome) report.withoutOutcome++
        pending.push({ participantId: doc.id, kecamatanCode, recorded: outcome !== undefined })
      }
    } else {
      const block = continuationBlock(doc, year, ageMax, districtRegionCode)
      if (block) {
        report.notProposedLeftOff++
        leftOff.push({ participantId: doc.id, kecamatanCode, block })
      } else {
        report.notProposedListed++
        isListed = true
      }
    }
    if (isListed) {
      report.listed++
      const payerCode = latestPeriod(doc.coverage)?.payerCode
      entries.push({
        participantId: doc.id,
        registrationNumber: doc.registrationNumber,
        fullName: doc.fullName,
        kecamatanCode: doc.kecamatanCode,
        villageCode: doc.villageCode,
        ...(doc.kpjNumber === undefined ? {} : { kpjNumber: doc.kpjNumber }),
        basis: candidate ? 'continued' : 'not-proposed',
        lastCoveredDay: lastCoveredDayIn(doc.birthDate, year, ageMax),
        ...(payerCode === undefined ? {} : { payerCode }),
      })
    } else if (firstDay && isCoveredOn(doc.coverage, firstDay)) {
      coveredButNotListed.push(doc.id)
    }
  }

  entries.sort(byKecamatanThenNumber)
  const byPlace = (
    a: { kecamatanCode: string; participantId: string },
    b: { kecamatanCode: string; participantId: string },
  ): number =>
    compareText(a.kecamatanCode, b.kecamatanCode) || compareText(a.participantId, b.participantId)
  const counts = new Map<string, number>()
  for (const entry of entries) {
    counts.set(entry.kecamatanCode, (counts.get(entry.kecamatanCode) ?? 0) + 1)
  }
  return {
    ok: true,
    decree: {
      year,
      districtRegionCode,
      ageMax,
      entries,
      total: entries.length,
      byKecamatan: [...counts.entries()]
        .map(([kecamatanCode, count]) => ({ kecamatanCode, count }))
        .sort((a, b) => compareText(a.kecamatanCode, b.kecamatanCode)),
      beritaAcara: [...reports.values()].sort((a, b) =>
        compareText(a.kecamatanCode, b.kecamatanCode),
      ),
      ended: ended.sort(byPlace),
      pending: pending.sort(byPlace),
      leftOff: leftOff.sort(byPlace),
      coveredButNotListed: coveredButNotListed.sort(compareText),
    },
  }
}

/** One kecamatan's berita acara; all zeros for a kecamatan nobody was considered in. */
export function beritaAcara(decree: DecreeList, kecamatanCode: string): BeritaAcara {
  return (
    decree.beritaAcara.find((report) => report.kecamatanCode === kecamatanCode) ??
    emptyBeritaAcara(decree.year, kecamatanCode)
  )
}

/**
 * The records once the decree is carried out, in the order given (the others unchanged): everyone
 * listed is renewed into the year in the renewal batch `batchId` (`renewalFor`: a period from
 * 1 January, with the payer of their latest period) unless a period of the year is already
 * recorded; everyone ended with a coverage end reason whose status is still active or enrolled has
 * their coverage ended on 31 December of the year before (`endCoverage`, which also removes a
 * period of the year recorded early). `tidak-layak-desil` is not a coverage end reason the record
 * can hold: such a person is simply not renewed. The pending are left as they are.
 *
 * This is what the dashboard reads: its `active` count on 1 January of the year equals
 * `decree.total` (unless `coveredButNotListed` is not empty). Throws when a listed person cannot
 * be renewed: the decree was made from other records than these.
 */
export function recordsAfterDecree<T extends ReverificationRecord>(
  participants: readonly T[],
  decree: DecreeList,
  renewal: { batchId: string },
): T[] {
  const listed = new Set(decree.entries.map((entry) => entry.participantId))
  const endedWith = new Map<string, CoverageEndReason>()
  for (const { participantId, reason } of decree.ended) {
    if (isCoverageEndReason(reason)) endedWith.set(participantId, reason)
  }
  const ageRange = { ageRange: { min: 0, max: decree.ageMax } }
  const lastYearEnd = `${decree.year - 1}-12-31`
  return participants.map((doc) => {
    if (listed.has(doc.id)) {
      if ((doc.coverage ?? []).some((period) => period.year === decree.year)) return doc
      const payerCode = latestPeriod(doc.coverage)?.payerCode
      const renewed = renewalFor(doc, decree.year, renewal.batchId, ageRange, payerCode)
      if (!renewed.ok) {
        throw new Error(`${doc.id} is on the decree but cannot be renewed: ${renewed.problem.code}`)
      }
      return renewed.doc
    }
    const reason = endedWith.get(doc.id)
    if (reason && (doc.status === 'active' || doc.status === 'enrolled')) {
      const ended = endCoverage(doc, { until: lastYearEnd, reason })
      return ended.ok ? ended.doc : doc
    }
    return doc
  })
}
