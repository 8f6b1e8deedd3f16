/**
 * What changed between two DTSEN extracts. DTSEN (Inpres 4/2025) ranks every family into deciles
 * 1–10 and is refreshed quarterly; the regency receives a new extract each time. Re-importing one
 * must show the supervisor who is new, who is gone and whose decile crossed the district's
 * threshold (`eligibility.maxDecile`), so that each change becomes a draft or a review they
 * approve: a newer extract never ends anyone's coverage by itself.
 *
 * Pure and keyed by pseudonyms: a person is their NIK blind index (the store's `nikIndex`), a
 * family a keyed hash of the KK (`dtsen-family-key.ts`). NIK and KK are personal data sealed at
 * rest, so what this PC remembers of an extract never holds them in plain text.
 */
import { parseIsoDate } from '../dates/calendar-date'
import type { Language } from '../i18n/language'
import { importRowText } from './import-row-messages'

/** One person of an extract, as remembered or as read from a new file. */
export interface DtsenPerson {
  /** The NIK blind index: what the store's `nikIndex` holds. Never the NIK. */
  personKey: string
  /** A keyed hash of the KK; '' when the extract gave no KK. Never the KK. */
  familyKey: string
  /** 1 (poorest tenth) … 10. */
  decile: number
  /** The file's row, for the words of a duplicate; absent in a remembered extract. */
  rowNumber?: number
}

export interface DtsenExtract {
  /** The date DTSEN's data stands at ('YYYY-MM-DD'), from the file or asked of the clerk. */
  snapshotDate: string
  people: readonly DtsenPerson[]
}

/** A person whose entry changed, with the decile before and/or after. */
export interface DtsenChange {
  personKey: string
  familyKey: string
  /** Absent for a person new in this extract. */
  before?: number
  /** Absent for a person gone from this extract. */
  after?: number
  rowNumber?: number
}

export interface DtsenDuplicate {
  personKey: string
  rowNumber?: number
  /** The first row with this person: it stands, later ones are left out. */
  firstRowNumber?: number
}

export type DtsenDiffRefusal =
  | { ok: false; reason: 'SNAPSHOT_DATE_INVALID'; snapshotDate: string }
  | { ok: false; reason: 'SNAPSHOT_IN_FUTURE'; snapshotDate: string; today: string }
  /** An extract older than the last one applied: its changes would undo newer data. */
  | { ok: false; reason: 'OLDER_THAN_LAST'; snapshotDate: string; lastSnapshotDate: string }

export interface DtsenDiff {
  ok: true
  /** No extract was applied before on this PC: everyone is new. */
  isFirst: boolean
  /**
   * The same snapshot date as the last extract applied: a corrected file or the same one again.
   * Allowed (its differences are still shown), but the screen warns.
   */
  sameSnapshot: boolean
  lastSnapshotDate?: string
  /** In this extract and not in the last; `after` is their decile. */
  added: DtsenChange[]
  /** In the last extract and not in this one. */
  gone: DtsenChange[]
  /** Was within the threshold, now above it. */
  crossedUp: DtsenChange[]
  /** Was above the threshold, now within it. */
  crossedDown: DtsenChange[]
  /** Decile changed on the same side of the threshold: counted, nothing to do. */
  movedWithinSide: number
  unchanged: number
  /** Families (KK) present now and not before / before and not now. */
  newFamilies: number
  goneFamilies: number
  /** Later rows of a person already in this extract. */
  duplicates: DtsenDuplicate[]
  /** The extract as it will be remembered once applied: one entry per person, first row wins. */
  next: DtsenExtract
}

/** Within the district's threshold (inclusive: with 5, decile 5 is eligible and 6 is not). */
export function isDecileEligible(decile: number, maxDecile: number): boolean {
  return decile <= maxDecile
}

/**
 * Compares a new extract with the last one applied (null when none was). `today` is the
 * district's date ('YYYY-MM-DD'): DTSEN cannot have published data from the future.
 */
export function diffDtsenExtracts(
  last: DtsenExtract | null,
  next: DtsenExtract,
  maxDecile: number,
  today: string,
): DtsenDiff | DtsenDiffRefusal {
  const { snapshotDate } = next
  if (!parseIsoDate(snapshotDate)) {
    return { ok: false, reason: 'SNAPSHOT_DATE_INVALID', snapshotDate }
  }
  // ISO dates compare as text.
  if (snapshotDate > today) return { ok: false, reason: 'SNAPSHOT_IN_FUTURE', snapshotDate, today }
  if (last && snapshotDate < last.snapshotDate) {
    return {
      ok: false,
      reason: 'OLDER_THAN_LAST',
      snapshotDate,
      lastSnapshotDate: last.snapshotDate,
    }
  }

  const byPerson = new Map<string, DtsenPerson>()
  const duplicates: DtsenDuplicate[] = []
  for (const person of next.people) {
    const first = byPerson.get(person.personKey)
    if (first) {
      duplicates.push({
        personKey: person.personKey,
        ...(person.rowNumber !== undefined ? { rowNumber: person.rowNumber } : {}),
        ...(first.rowNumber !== undefined ? { firstRowNumber: first.rowNumber } : {}),
      })
      continue
    }
    byPerson.set(person.personKey, person)
  }

  const lastByPerson = new Map((last?.people ?? []).map((person) => [person.personKey, person]))
  const added: DtsenChange[] = []
  const crossedUp: DtsenChange[] = []
  const crossedDown: DtsenChange[] = []
  let movedWithinSide = 0
  let unchanged = 0
  for (const person of byPerson.values()) {
    const row = person.rowNumber !== undefined ? { rowNumber: person.rowNumber } : {}
    const before = lastByPerson.get(person.personKey)
    if (!before) {
      added.push({
        personKey: person.personKey,
        familyKey: person.familyKey,
        after: person.decile,
        ...row,
      })
      continue
    }
    if (before.decile === person.decile) {
      unchanged++
      continue
    }
    const change: DtsenChange = {
      personKey: person.personKey,
      familyKey: person.familyKey,
      before: before.decile,
      after: person.decile,
      ...row,
    }
    const wasEligible = isDecileEligible(before.decile, maxDecile)
    const isEligible = isDecileEligible(person.decile, maxDecile)
    if (wasEligible && !isEligible) crossedUp.push(change)
    else if (!wasEligible && isEligible) crossedDown.push(change)
    else movedWithinSide++
  }

  const gone: DtsenChange[] = []
  for (const person of lastByPerson.values()) {
    if (!byPerson.has(person.personKey)) {
      gone.push({ personKey: person.personKey, familyKey: person.familyKey, before: person.decile })
    }
  }

  const familiesOf = (people: Iterable<DtsenPerson>): Set<string> => {
    const families = new Set<string>()
    for (const person of people) if (person.familyKey !== '') families.add(person.familyKey)
    return families
  }
  const nowFamilies = familiesOf(byPerson.values())
  const lastFamilies = familiesOf(lastByPerson.values())
  let newFamilies = 0
  for (const family of nowFamilies) if (!lastFamilies.has(family)) newFamilies++
  let goneFamilies = 0
  for (const family of lastFamilies) if (!nowFamilies.has(family)) goneFamilies++

  return {
    ok: true,
    isFirst: last === null,
    sameSnapshot: last !== null && last.snapshotDate === snapshotDate,
    ...(last ? { lastSnapshotDate: last.snapshotDate } : {}),
    added,
    gone,
    crossedUp,
    crossedDown,
    movedWithinSide,
    unchanged,
    newFamilies,
    goneFamilies,
    duplicates,
    next: {
      snapshotDate,
      people: [...byPerson.values()].map(({ personKey, familyKey, decile }) => ({
        personKey,
        familyKey,
        decile,
      })),
    },
  }
}

/** Why an extract cannot be compared, in the clerk's language. */
export function describeDtsenRefusal(refusal: DtsenDiffRefusal, language: Language): string {
  switch (refusal.reason) {
    case 'SNAPSHOT_DATE_INVALID':
      return importRowText(language, 'dtsen.snapshotInvalid', { date: refusal.snapshotDate })
    case 'SNAPSHOT_IN_FUTURE':
      return importRowText(language, 'dtsen.snapshotInFuture', { date: refusal.snapshotDate })
    case 'OLDER_THAN_LAST':
      return importRowText(language, 'dtsen.olderThanLast', {
        date: refusal.snapshotDate,
        last: refusal.lastSnapshotDate,
      })
  }
}
