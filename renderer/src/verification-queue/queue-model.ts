/**
 * What the verification queues show and act on, as pure functions over records: which rows a
 * verifier or a supervisor sees, the place/date filters, the keyboard selection, the note a
 * supervisor starts from when returning a record. No React, no store, no DOM — unit-tested in Node
 * (tests/unit/renderer/verification-queue/queue-model.test.ts).
 */
import type { ParticipantDocument } from '@shared/participant/participant-document'
import type { VerificationConfig } from '@shared/workflow/verification-config'
import type { Actor, AgencyCheck } from '@shared/workflow/workflow'

/** The fields the queues read. */
export type QueueRecord = Pick<
  ParticipantDocument,
  'id' | 'status' | 'checks' | 'kecamatanCode' | 'villageCode' | 'createdAt' | 'fullName'
>

/** Which queue a signed-in user works in. */
export type QueueMode =
  | { kind: 'verifier'; agency: string }
  | { kind: 'supervisor' }
  | { kind: 'none'; reason: 'OPERATOR' | 'VERIFIER_WITHOUT_AGENCY' }

export function queueModeOf(actor: Pick<Actor, 'role' | 'agency'>): QueueMode {
  switch (actor.role) {
    case 'verifier':
      return actor.agency
        ? { kind: 'verifier', agency: actor.agency }
        : { kind: 'none', reason: 'VERIFIER_WITHOUT_AGENCY' }
    case 'supervisor':
    case 'admin':
      return { kind: 'supervisor' }
    case 'operator':
      return { kind: 'none', reason: 'OPERATOR' }
  }
}

// ---------------------------------------------------------------------------------------------
// Filters

/** Kecamatan, desa and registration dates; '' means "any". Dates are YYYY-MM-DD, inclusive. */
export interface PlaceAndDateFilter {
  kecamatanCode: string
  villageCode: string
  registeredFrom: string
  registeredTo: string
}

export const ANY_PLACE_OR_DATE: PlaceAndDateFilter = {
  kecamatanCode: '',
  villageCode: '',
  registeredFrom: '',
  registeredTo: '',
}

export function isAnyPlaceOrDate(filter: PlaceAndDateFilter): boolean {
  return (Object.keys(ANY_PLACE_OR_DATE) as (keyof PlaceAndDateFilter)[]).every(
    (key) => filter[key] === '',
  )
}

export function matchesPlaceAndDate(
  record: Pick<QueueRecord, 'kecamatanCode' | 'villageCode' | 'createdAt'>,
  filter: PlaceAndDateFilter,
  dateOf: (iso: string) => string,
): boolean {
  if (filter.kecamatanCode && record.kecamatanCode !== filter.kecamatanCode) return false
  if (filter.villageCode && record.villageCode !== filter.villageCode) return false
  if (filter.registeredFrom || filter.registeredTo) {
    const day = dateOf(record.createdAt)
    if (!day) return false
    if (filter.registeredFrom && day < filter.registeredFrom) return false
    if (filter.registeredTo && day > filter.registeredTo) return false
  }
  return true
}

/** "From" after "to" finds nothing: said plainly instead of showing an empty queue. */
export function dateRangeProblem(filter: PlaceAndDateFilter): 'FROM_AFTER_TO' | null {
  return filter.registeredFrom && filter.registeredTo && filter.registeredFrom > filter.registeredTo
    ? 'FROM_AFTER_TO'
    : null
}

// ---------------------------------------------------------------------------------------------
// Rows per role

export function checkOf(record: Pick<QueueRecord, 'checks'>, agency: string) {
  return record.checks.find((check) => check.agency === agency)
}

/**
 * A verifier's queue: submitted records that need this agency's check, still pending — or, with
 * `showDecided`, also those this agency already confirmed or rejected (it may change its mind
 * while the record is still submitted). Keeps the input order (by name, from the index).
 */
export function verifierRows<T extends QueueRecord>(
  records: readonly T[],
  agency: string,
  options: { showDecided: boolean },
  filter: PlaceAndDateFilter,
  /** The district's calendar day of an ISO instant (the app passes `districtDayOfIso`). */
  dateOf: (iso: string) => string,
): T[] {
  return records.filter((record) => {
    if (record.status !== 'submitted') return false
    const check = checkOf(record, agency)
    if (!check) return false
    if (check.state !== 'pending' && !options.showDecided) return false
    return matchesPlaceAndDate(record, filter, dateOf)
  })
}

/** Where a submitted record stands for the supervisor. */
export type Readiness = 'all-confirmed' | 'has-rejection' | 'waiting'

export function readinessOf(record: Pick<QueueRecord, 'checks'>): Readiness {
  if (record.checks.some((check) => check.state === 'rejected')) return 'has-rejection'
  if (record.checks.length > 0 && record.checks.every((check) => check.state === 'confirmed')) {
    return 'all-confirmed'
  }
  return 'waiting'
}

export type ReadinessFilter = 'all' | Readiness
export const READINESS_FILTERS: readonly ReadinessFilter[] = [
  'all',
  'all-confirmed',
  'has-rejection',
  'waiting',
]

/** The supervisor's list: every submitted record, narrowed by readiness, place and date. */
export function supervisorRows<T extends QueueRecord>(
  records: readonly T[],
  readiness: ReadinessFilter,
  filter: PlaceAndDateFilter,
  /** The district's calendar day of an ISO instant (the app passes `districtDayOfIso`). */
  dateOf: (iso: string) => string,
): T[] {
  return records.filter(
    (record) =>
      record.status === 'submitted' &&
      (readiness === 'all' || readinessOf(record) === readiness) &&
      matchesPlaceAndDate(record, filter, dateOf),
  )
}

/** The agencies to show as columns: every agency any shown record needs, in configured order. */
export function agencyColumns(
  records: readonly Pick<QueueRecord, 'checks'>[],
  config: Pick<VerificationConfig, 'agencies'>,
): string[] {
  const needed = new Set(records.flatMap((record) => record.checks.map((check) => check.agency)))
  const ordered = config.agencies.map((agency) => agency.code).filter((code) => needed.has(code))
  // An agency no longer configured still shows (its check is on the record), after the others.
  return [...ordered, ...[...needed].filter((code) => !ordered.includes(code)).sort()]
}

/**
 * What the supervisor's note to the clerk starts as when returning a record: one line per rejected
 * check, "<agency>: <reason> — <verifier's note>". Empty when no agency rejected (the supervisor
 * then writes their own reason).
 */
export function returnNotePrefill(
  record: Pick<QueueRecord, 'checks'>,
  labels: { agency(code: string): string; reason(code: string): string },
): string {
  return record.checks
    .filter((check) => check.state === 'rejected')
    .map((check) => {
      const reason = check.reasonCode ? labels.reason(check.reasonCode) : ''
      const parts = [reason, check.note?.trim() ?? ''].filter(Boolean)
      return `${labels.agency(check.agency)}: ${parts.join(' — ')}`
    })
    .join('\n')
}

/** The rejected checks of a record, for the clerk's "returned" notice. */
export function rejectedChecks(record: Pick<QueueRecord, 'checks'>): AgencyCheck[] {
  return record.checks.filter((check) => check.state === 'rejected')
}

// ---------------------------------------------------------------------------------------------
// Rejecting: a reason from the list, and words when the reason is "other".

/** The configured reason that needs the verifier's own words. */
export const OTHER_REASON_CODE = 'lainnya'
export const MAX_CHECK_NOTE_LENGTH = 300
export const MAX_REVIEW_NOTE_LENGTH = 500

export type RejectionProblem = 'REASON_REQUIRED' | 'NOTE_REQUIRED' | 'NOTE_TOO_LONG'

export function rejectionProblem(reasonCode: string, note: string): RejectionProblem | null {
  if (!reasonCode) return 'REASON_REQUIRED'
  if (reasonCode === OTHER_REASON_CODE && note.trim() === '') return 'NOTE_REQUIRED'
  if (note.trim().length > MAX_CHECK_NOTE_LENGTH) return 'NOTE_TOO_LONG'
  return null
}

export type ReturnNoteProblem = 'NOTE_REQUIRED' | 'NOTE_TOO_LONG'

export function returnNoteProblem(note: string): ReturnNoteProblem | null {
  if (note.trim() === '') return 'NOTE_REQUIRED'
  if (note.trim().length > MAX_REVIEW_NOTE_LENGTH) return 'NOTE_TOO_LONG'
  return null
}

// ---------------------------------------------------------------------------------------------
// Keyboard selection: a cursor (the highlighted row) and a set of chosen rows.

export interface Selection {
  /** The highlighted row's id; null when the list is empty. */
  cursorId: string | null
  selectedIds: ReadonlySet<string>
}

export const EMPTY_SELECTION: Selection = { cursorId: null, selectedIds: new Set() }

/**
 * The selection after the rows changed (a sync, a decision, a filter): chosen rows that are no
 * longer shown are dropped; a cursor whose row left moves to the row now at its old position, so
 * "decide, next" flows down the list.
 */
export function reconcileSelection(
  selection: Selection,
  previousIds: readonly string[],
  ids: readonly string[],
): Selection {
  const shown = new Set(ids)
  const selectedIds = new Set([...selection.selectedIds].filter((id) => shown.has(id)))
  let cursorId = selection.cursorId
  if (cursorId === null || !shown.has(cursorId)) {
    const oldIndex = cursorId === null ? 0 : Math.max(0, previousIds.indexOf(cursorId))
    cursorId = ids.length === 0 ? null : (ids[Math.min(oldIndex, ids.length - 1)] ?? null)
  }
  return { cursorId, selectedIds }
}

export function moveCursor(selection: Selection, ids: readonly string[], delta: number): Selection {
  if (ids.length === 0) return { ...selection, cursorId: null }
  const index = selection.cursorId === null ? -1 : ids.indexOf(selection.cursorId)
  const next = index < 0 ? 0 : Math.min(ids.length - 1, Math.max(0, index + delta))
  return { ...selection, cursorId: ids[next] ?? null }
}

export function toggleSelected(selection: Selection, id: string): Selection {
  const selectedIds = new Set(selection.selectedIds)
  if (selectedIds.has(id)) selectedIds.delete(id)
  else selectedIds.add(id)
  return { cursorId: id, selectedIds }
}

/** Ctrl+A: every shown row; pressed again when all are chosen, none. */
export function toggleAll(selection: Selection, ids: readonly string[]): Selection {
  const allChosen = ids.length > 0 && ids.every((id) => selection.selectedIds.has(id))
  return { ...selection, selectedIds: allChosen ? new Set() : new Set(ids) }
}

/** What a batch action applies to: the chosen rows in list order, or else the highlighted one. */
export function targetIds(selection: Selection, ids: readonly string[]): string[] {
  const chosen = ids.filter((id) => selection.selectedIds.has(id))
  if (chosen.length > 0) return chosen
  return selection.cursorId !== null && ids.includes(selection.cursorId) ? [selection.cursorId] : []
}
