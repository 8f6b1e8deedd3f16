/**
 * Three-way merge of a participant that two places changed while apart: this client (`local`) and
 * the server (`remote`, which already holds another office's or a verifier's edit), both starting
 * from the server copy this client last saw (`base`, RxDB's `assumedMasterState`).
 *
 * Never last-write-wins (see ../shared/STACK.md, "Replication data-loss trap"): a field changed on
 * one side takes that side's value; the same change on both sides is fine; two different changes
 * keep the server's value in the document and the client's value in a `FieldConflict`, with who
 * typed it and when, for a supervisor to choose. No typed value is ever dropped silently.
 *
 * Pure code: no clock (the caller passes `now`), no keys (the caller recomputes `nikIndex`).
 */
import type { FieldConflict, ParticipantDocument } from '../participant/participant-document'
import { nameSearchKey } from '../participant/names'
import { sameJson } from './canonical-json'
import { mergePrintLogs } from '../cards/print-log'
import { parseClaimCase, type ClaimCase } from '../claims/claim-case'
import {
  withDeathCorrected,
  withDeathReported,
  type DeathCorrection,
  type DeathFields,
  type DeathReport,
} from '../participant/death'

/** A participant as the merge sees it: with or without `nikIndex`, with its tombstone flag. */
export type MergeableParticipant = Omit<ParticipantDocument, 'nikIndex'> & {
  nikIndex?: string
  _deleted: boolean
}

/** Filled by the server alone (it sees every office): the server's value always stands. */
export const SERVER_OWNED_FIELDS = ['duplicates', 'receipt'] as const
/** Computed from other fields, never merged on their own. */
const DERIVED_FIELDS = ['nameKey', 'nikIndex'] as const
/** Describe the edit rather than being one. */
const EDIT_STAMP_FIELDS = ['updatedAt', 'updatedBy'] as const
/** Append-only logs: merged as the union of both sides, never a conflict. */
const APPEND_ONLY_FIELDS = ['prints', 'reverification'] as const
/**
 * Agency checks merge per agency: two agencies deciding while apart is not a clash; the same
 * agency deciding differently on two PCs is, recorded under `checks.<agency>`.
 */
const CHECKS_FIELD = 'checks'
export const CHECK_CONFLICT_PREFIX = 'checks.'
/**
 * Claim cases merge per case (`mergeClaims`): a case only one side has is kept, a case one side
 * took further (more steps, more documents brought) keeps the progress of both.
 */
const CLAIMS_FIELD = 'claims'
export const CLAIM_CONFLICT_PREFIX = 'claims.'
/** What a death report decides: merged by applying the report again, not field by field. */
const DEATH_FIELDS = new Set(['death', 'status', 'coverage'])

/**
 * The death action this side took while the server's copy moved on: a new report (no report, or a
 * withdrawn one, on the common ancestor and the server), or a withdrawal of the report both had.
 */
function deathActionHere(
  base: MergeableParticipant | undefined,
  local: MergeableParticipant,
  remote: MergeableParticipant,
):
  | { kind: 'report'; report: DeathReport }
  | { kind: 'correct'; correction: DeathCorrection }
  | null {
  const here = local.death
  if (!here || sameJson(here, remote.death ?? null)) return null
  if (!base || !sameJson(base.death ?? null, remote.death ?? null)) return null
  if (!here.correction) return { kind: 'report', report: here }
  const { correction, ...report } = here
  return remote.death && !remote.death.correction && sameJson(report, remote.death)
    ? { kind: 'correct', correction }
    : null
}

/** The field name under which a deletion that met an edit is recorded. */
export const DELETED_FIELD = '_deleted'
/** `conflicts` may hold at most this many entries (participant schema). */
export const MAX_CONFLICTS = 64

const NOT_MERGED_AS_DATA = new Set<string>([
  'id',
  'conflicts',
  DELETED_FIELD,
  ...SERVER_OWNED_FIELDS,
  ...DERIVED_FIELDS,
  ...EDIT_STAMP_FIELDS,
  ...APPEND_ONLY_FIELDS,
  CHECKS_FIELD,
  CLAIMS_FIELD,
])

export interface MergeInput<T extends MergeableParticipant> {
  /** The server copy the client last saw; undefined when the client never saw one. */
  base: T | undefined
  local: T
  remote: T
  /** ISO time stamped on new conflicts. */
  now: string
}

export interface MergeResult<T extends MergeableParticipant> {
  merged: T
  /** Conflicts this merge found (already included in `merged.conflicts`). */
  newConflicts: FieldConflict[]
}

const jsonText = (value: unknown) => JSON.stringify(value === undefined ? null : value)

function conflictKey(conflict: FieldConflict): string {
  return `${conflict.field}\u0000${conflict.localValue}\u0000${conflict.serverValue}`
}

/** Fields both documents carry as data (personal data, status, registration details). */
function dataFieldsOf(...docs: (MergeableParticipant | undefined)[]): string[] {
  const fields = new Set<string>()
  for (const doc of docs) {
    if (!doc) continue
    for (const key of Object.keys(doc)) {
      if (!NOT_MERGED_AS_DATA.has(key) && !key.startsWith('_')) fields.add(key)
    }
  }
  return [...fields].sort()
}

function hasDataEdits(
  side: MergeableParticipant,
  base: MergeableParticipant | undefined,
  fields: readonly string[],
): boolean {
  if (!base) return true
  const record = side as unknown as Record<string, unknown>
  const baseRecord = base as unknown as Record<string, unknown>
  return fields.some((field) => !sameJson(record[field], baseRecord[field]))
}

/**
 * Conflicts are a set that both sides may add to (new clashes) and take from (a supervisor's
 * choice). An entry stays unless one side removed it since `base`.
 */
function mergeConflictLists(
  base: readonly FieldConflict[],
  local: readonly FieldConflict[],
  remote: readonly FieldConflict[],
): FieldConflict[] {
  const inBase = new Set(base.map(conflictKey))
  const inLocal = new Set(local.map(conflictKey))
  const inRemote = new Set(remote.map(conflictKey))
  const merged: FieldConflict[] = []
  for (const conflict of remote) {
    const key = conflictKey(conflict)
    if (inLocal.has(key) || !inBase.has(key)) merged.push(conflict)
  }
  for (const conflict of local) {
    const key = conflictKey(conflict)
    if (!inRemote.has(key) && !inBase.has(key)) merged.push(conflict)
  }
  return merged
}

type Check = MergeableParticipant['checks'][number]

/** Three-way merge of the checks, agency by agency, in the server's order. */
function mergeChecks(
  base: readonly Check[],
  local: readonly Check[],
  remote: readonly Check[],
  onClash: (agency: string, localValue: Check | undefined, serverValue: Check | undefined) => void,
): Check[] {
  const byAgency = (checks: readonly Check[]) => new Map(checks.map((c) => [c.agency, c]))
  const [b, l, r] = [byAgency(base), byAgency(local), byAgency(remote)]
  const agencies = [...new Set([...remote.map((c) => c.agency), ...local.map((c) => c.agency)])]
  const merged: Check[] = []
  for (const agency of agencies) {
    const [baseCheck, localCheck, remoteCheck] = [b.get(agency), l.get(agency), r.get(agency)]
    let value: Check | undefined
    if (sameJson(localCheck, remoteCheck)) value = remoteCheck
    else if (sameJson(localCheck, baseCheck)) value = remoteCheck
    else if (sameJson(remoteCheck, baseCheck)) value = localCheck
    else {
      value = remoteCheck
      onClash(agency, localCheck, remoteCheck)
    }
    if (value) merged.push(value)
  }
  return merged
}

export function mergeParticipant<T extends MergeableParticipant>(
  input: MergeInput<T>,
): MergeResult<T> {
  const { base, local, remote, now } = input
  const localRecord = local as unknown as Record<string, unknown>
  const remoteRecord = remote as unknown as Record<string, unknown>
  const baseRecord = base as unknown as Record<string, unknown> | undefined
  const merged: Record<string, unknown> = { ...remoteRecord }
  const newConflicts: FieldConflict[] = []

  const addConflict = (field: string, localValue: unknown, serverValue: unknown) => {
    newConflicts.push({
      field,
      localValue: jsonText(localValue),
      serverValue: jsonText(serverValue),
      localBy: local.updatedBy,
      localAt: local.updatedAt,
      detectedAt: now,
    })
  }

  // A death reported (or withdrawn) here while the record changed on the server is an action, not
  // a field: it is applied again to the server's record (death.ts), as it would have been had the
  // report been made on that copy, so status, coverage and the report agree (the server checks it).
  const deathHere = deathActionHere(base, local, remote)
  const fields = dataFieldsOf(base, local, remote).filter(
    (field) => !deathHere || !DEATH_FIELDS.has(field),
  )
  for (const field of fields) {
    const l = localRecord[field]
    const r = remoteRecord[field]
    let value: unknown
    if (sameJson(l, r)) value = r
    else if (baseRecord && sameJson(l, baseRecord[field])) value = r
    else if (baseRecord && sameJson(r, baseRecord[field])) value = l
    else {
      // Both changed it, differently (or there is no common ancestor to tell who did).
      value = r
      addConflict(field, l, r)
    }
    if (value === undefined) delete merged[field]
    else merged[field] = value
  }

  if (deathHere) {
    const onServer: DeathFields = {
      status: remote.status,
      birthDate: remote.birthDate,
      ...(remote.coverage ? { coverage: remote.coverage } : {}),
      ...(remote.death ? { death: remote.death } : {}),
    }
    const applied =
      deathHere.kind === 'report'
        ? withDeathReported(onServer, deathHere.report, deathHere.report.reportedOn)
        : withDeathCorrected(onServer, deathHere.correction)
    if (applied.ok) {
      merged.status = applied.doc.status
      merged.death = applied.doc.death
      if (applied.doc.coverage === undefined) delete merged.coverage
      else merged.coverage = applied.doc.coverage
    } else {
      // The server's record no longer takes it (someone else reported the death meanwhile): the
      // server's stands, and the clerk's report is kept as a clash for a supervisor.
      addConflict('death', local.death, remote.death)
    }
  }

  // Tombstone against edit: the edit wins. A record someone is still correcting is kept alive,
  // and the deletion is recorded as a conflict so a supervisor can still delete it on purpose.
  const baseDeleted = base ? base._deleted : false
  const localDeleted = local._deleted
  const remoteDeleted = remote._deleted
  let deleted: boolean
  if (localDeleted === remoteDeleted) deleted = remoteDeleted
  else if (base && localDeleted === baseDeleted) deleted = remoteDeleted
  else if (base && remoteDeleted === baseDeleted) deleted = localDeleted
  else deleted = true
  if (deleted && localDeleted !== remoteDeleted) {
    const survivor = localDeleted ? remote : local
    if (hasDataEdits(survivor, base, fields)) {
      deleted = false
      addConflict(DELETED_FIELD, localDeleted, remoteDeleted)
    }
  }
  merged._deleted = deleted

  // The later edit stamp describes the merged record; ties go to the server.
  const localIsLater = local.updatedAt > remote.updatedAt
  merged.updatedAt = localIsLater ? local.updatedAt : remote.updatedAt
  merged.updatedBy = localIsLater ? local.updatedBy : remote.updatedBy

  if (typeof merged.fullName === 'string') merged.nameKey = nameSearchKey(merged.fullName)
  // The caller recomputes the blind index from the merged NIK; keep one that already matches.
  if ('nikIndex' in localRecord || 'nikIndex' in remoteRecord) {
    merged.nikIndex = merged.nik === local.nik ? local.nikIndex : remote.nikIndex
    if (merged.nikIndex === undefined) delete merged.nikIndex
  }

  if (CHECKS_FIELD in localRecord || CHECKS_FIELD in remoteRecord) {
    merged.checks = mergeChecks(
      base?.checks ?? [],
      local.checks ?? [],
      remote.checks ?? [],
      (agency, l, r) => addConflict(`${CHECK_CONFLICT_PREFIX}${agency}`, l, r),
    )
  }

  if (CLAIMS_FIELD in localRecord || CLAIMS_FIELD in remoteRecord) {
    const claims = mergeClaims(
      base?.claims ?? [],
      local.claims ?? [],
      remote.claims ?? [],
      (id, l, r) => addConflict(`${CLAIM_CONFLICT_PREFIX}${id.slice(0, 8)}`, l, r),
    )
    if (claims.length > 0) merged.claims = claims
    else delete merged.claims
  }

  // Two PCs that printed for the same person while apart both keep their entry.
  if ('prints' in localRecord || 'prints' in remoteRecord) {
    merged.prints = mergePrintLogs(local.prints, remote.prints)
  }
  // Re-verification decisions: the server's, then each made here it does not have yet (the
  // server accepts only additions after what it holds; the latest decidedAt of a year counts).
  if ('reverification' in localRecord || 'reverification' in remoteRecord) {
    // Only what this side added after the copy it started from: an older entry altered here is
    // not made new again (the server keeps its own).
    const baseDecisions = base?.reverification ?? []
    const mineAll = local.reverification ?? []
    const mineNew = isPrefix(baseDecisions, mineAll) ? mineAll.slice(baseDecisions.length) : mineAll
    const decisions = [...(remote.reverification ?? [])]
    for (const mine of mineNew) {
      if (!decisions.some((theirs) => sameJson(theirs, mine))) decisions.push(mine)
    }
    if (decisions.length > 0) merged.reverification = decisions
    else delete merged.reverification
  }

  const conflicts = mergeConflictLists(
    base?.conflicts ?? [],
    local.conflicts ?? [],
    remote.conflicts ?? [],
  )
  const known = new Set(conflicts.map(conflictKey))
  const added = newConflicts.filter((conflict) => {
    const key = conflictKey(conflict)
    if (known.has(key)) return false
    known.add(key)
    return true
  })
  // Only a record with more than 64 open clashes would lose its oldest entries here.
  merged.conflicts = [...conflicts, ...added].slice(-MAX_CONFLICTS)

  return { merged: merged as T, newConflicts: added }
}

const isPrefix = <T>(shorter: readonly T[], longer: readonly T[]) =>
  shorter.length <= longer.length && shorter.every((item, index) => sameJson(item, longer[index]))

/**
 * One case as both sides hold it. The same case written twice on one PC in quick succession meets
 * its own first write as "the server's" (the second push still assumes the state before the
 * first): the later write, which already holds the first, must win — and two PCs that each ticked
 * documents must both keep theirs. So: history is the longer when one extends the other; each
 * document brought on either side stays brought (the earlier day); the heir of the side that
 * changed it. Histories that went apart (two PCs moved the case differently) are a clash: the
 * server's case stands, the other is recorded for a supervisor.
 */
function mergeClaimCase(
  base: ClaimCase | undefined,
  local: ClaimCase,
  remote: ClaimCase,
): ClaimCase | null {
  if (sameJson(local, remote)) return remote
  if (base && sameJson(local, base)) return remote
  if (base && sameJson(remote, base)) return local
  const history = isPrefix(remote.history, local.history)
    ? local.history
    : isPrefix(local.history, remote.history)
      ? remote.history
      : null
  if (!history) return null
  const heir =
    base && sameJson(local.heir ?? null, base.heir ?? null)
      ? remote.heir
      : base && sameJson(remote.heir ?? null, base.heir ?? null)
        ? local.heir
        : history === local.history
          ? local.heir
          : remote.heir
  const fromHeirSide = heir === local.heir ? local.documents : remote.documents
  const other = new Map(
    (heir === local.heir ? remote.documents : local.documents).map((entry) => [entry.code, entry]),
  )
  const documents = fromHeirSide.map((entry) => {
    const theirs = other.get(entry.code)
    if (!theirs || theirs.state !== 'received') return entry
    if (entry.state !== 'received' || theirs.on < entry.on) return theirs
    return entry
  })
  const merged: ClaimCase = { ...remote, documents, history: [...history] }
  if (heir) merged.heir = heir
  else delete merged.heir
  const checked = parseClaimCase(merged)
  return checked.ok ? checked.claim : null
}

function mergeClaims(
  base: readonly ClaimCase[],
  local: readonly ClaimCase[],
  remote: readonly ClaimCase[],
  onClash: (id: string, local: ClaimCase, remote: ClaimCase) => void,
): ClaimCase[] {
  const byId = (cases: readonly ClaimCase[]) => new Map(cases.map((entry) => [entry.id, entry]))
  const [b, l] = [byId(base), byId(local)]
  const merged: ClaimCase[] = []
  for (const theirs of remote) {
    const mine = l.get(theirs.id)
    if (!mine) {
      merged.push(theirs)
      continue
    }
    const result = mergeClaimCase(b.get(theirs.id), mine, theirs)
    if (result) merged.push(result)
    else {
      merged.push(theirs)
      onClash(theirs.id, mine, theirs)
    }
  }
  // Cases opened here (the server has not seen them yet) are kept; none is ever dropped.
  const onServer = new Set(remote.map((entry) => entry.id))
  for (const mine of local) if (!onServer.has(mine.id)) merged.push(mine)
  return merged
}

/** RxDB's `isEqual`: deep equality of two document states, ignoring key order and RxDB's meta. */
export function sameParticipantState(a: unknown, b: unknown): boolean {
  return sameJson(withoutStorageMeta(a), withoutStorageMeta(b))
}

function withoutStorageMeta(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null) return doc
  const copy: Record<string, unknown> = { ...(doc as Record<string, unknown>) }
  delete copy._rev
  delete copy._meta
  delete copy._attachments
  copy._deleted = Boolean(copy._deleted)
  return copy
}

export type ConflictChoice = 'local' | 'server'

/** One conflict entry, as the supervisor saw it, and what they chose for it. */
export interface ConflictDecision {
  entry: FieldConflict
  choice: ConflictChoice
}

/**
 * The identity of one conflict entry: every part of it. Two entries for the same field (two
 * offices' clashing edits, or the same clerk's edit clashing twice) differ in value, author or
 * time, so a decision about one never settles another the supervisor did not see.
 */
export function conflictEntryId(conflict: FieldConflict): string {
  return [
    conflict.field,
    conflict.localValue,
    conflict.serverValue,
    conflict.localBy,
    conflict.localAt,
    conflict.detectedAt,
  ].join('\u0000')
}

export class ConflictChoiceError extends Error {
  constructor(readonly field: string) {
    super(`Two different choices for field ${field}`)
    this.name = 'ConflictChoiceError'
  }
}

/**
 * A supervisor's decision: for each conflict entry they saw, keep the server's value or take the
 * one kept in the entry. Exactly the decided entries are removed; any other entry — also one for
 * the same field that arrived (by sync) after the screen was drawn — stays for a later decision.
 * Decisions naming entries no longer in the record are ignored (someone settled them already).
 * Two decisions that give one field different values throw `ConflictChoiceError`.
 * Returns the new field values and whether the record is to be deleted.
 */
export function applyConflictChoices<T extends MergeableParticipant>(
  doc: T,
  decisions: readonly ConflictDecision[],
  by: string,
  at: string,
): { next: T; changedFields: string[] } {
  const next: Record<string, unknown> = { ...(doc as unknown as Record<string, unknown>) }
  const changedFields: string[] = []
  const chosen = new Map(
    decisions.map((decision) => [conflictEntryId(decision.entry), decision.choice]),
  )
  const remaining: FieldConflict[] = []
  const valueOf = new Map<string, string>()
  for (const conflict of doc.conflicts) {
    const choice = chosen.get(conflictEntryId(conflict))
    if (!choice) {
      remaining.push(conflict)
      continue
    }
    const json = choice === 'local' ? conflict.localValue : conflict.serverValue
    const earlier = valueOf.get(conflict.field)
    if (earlier !== undefined) {
      if (!sameJson(JSON.parse(earlier), JSON.parse(json))) {
        throw new ConflictChoiceError(conflict.field)
      }
      continue
    }
    valueOf.set(conflict.field, json)
    const value = JSON.parse(json) as unknown
    if (conflict.field === DELETED_FIELD) {
      next._deleted = value === true
      if (value === true) changedFields.push(DELETED_FIELD)
      continue
    }
    if (conflict.field.startsWith(CHECK_CONFLICT_PREFIX)) {
      const agency = conflict.field.slice(CHECK_CONFLICT_PREFIX.length)
      const checks = (next.checks as Check[] | undefined) ?? []
      const current = checks.find((check) => check.agency === agency)
      if (sameJson(current, value)) continue
      next.checks =
        value === null
          ? checks.filter((check) => check.agency !== agency)
          : current
            ? checks.map((check) => (check.agency === agency ? (value as Check) : check))
            : [...checks, value as Check]
      changedFields.push(CHECKS_FIELD)
      continue
    }
    if (sameJson(next[conflict.field], value)) continue
    if (value === null) delete next[conflict.field]
    else next[conflict.field] = value
    changedFields.push(conflict.field)
  }
  next.conflicts = remaining
  next.updatedAt = at
  next.updatedBy = by
  if (typeof next.fullName === 'string') next.nameKey = nameSearchKey(next.fullName)
  return { next: next as T, changedFields }
}
