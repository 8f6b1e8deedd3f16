/**
 * The server's reading of a pushed participant's claim cases (issue 17): what changed in `claims`
 * between the stored record and the pushed one, and whether this actor may make that change. The
 * client's screens only offer what the rules allow, but the server trusts nothing it is sent, so
 * every pushed case is parsed again and compared with the stored one. Pure: the same rules are
 * tested here and enforced there.
 *
 * - Cases are opened on records the server already holds, one `dilaporkan` step each; the record's
 *   own office (or a district supervisor) opens them (`canHandleClaim`, action 'open').
 * - A case never disappears, and once open its facts (participant, kecamatan, kind, dates of the
 *   event and the report, whether the participant died) stay as they were.
 * - Its history only grows: every stored step comes back identical, and each new step is judged as
 *   the action it is (`actionOfMove`: reopening a rejection is a supervisor's).
 * - The heir and the checklist change only while the case is `dilaporkan` (action 'update'); a
 *   push that also moves the case may carry them when the case was `dilaporkan` at some point
 *   between the stored status and the last new step (documents received, then the file declared
 *   complete, on one PC offline). A paid case changes no more.
 *
 * `CLAIM_FORBIDDEN`: this actor may not (`canHandleClaim`'s refusal). `CLAIM_INVALID`: nobody may
 * push this (a forged, foreign, rewritten or deleted case).
 */
import { sameJson } from '../sync/canonical-json'
import {
  actionOfMove,
  canHandleClaim,
  CLAIM_STATUSES,
  claimStatusOf,
  MAX_CLAIMS_PER_RECORD,
  parseClaimCase,
  type ClaimAction,
  type ClaimActor,
  type ClaimCase,
  type ClaimOptions,
  type ClaimStatus,
} from './claim-case'
import { describeClaimProblem, type ClaimProblem } from './claim-messages'

export interface ClaimPushRefusal {
  code: 'CLAIM_FORBIDDEN' | 'CLAIM_INVALID'
  /** In Indonesian: what the clerk whose push was refused reads. */
  message: string
}

const invalid = (problem: ClaimProblem): ClaimPushRefusal => ({
  code: 'CLAIM_INVALID',
  message: describeClaimProblem(problem, 'id'),
})

/** The facts of a case that never change once it is open (`id` is how the cases are paired). */
const CASE_FACTS = [
  'participantId',
  'kecamatanCode',
  'kind',
  'eventOn',
  'died',
  'openedOn',
] as const satisfies readonly (keyof ClaimCase)[]

const isStatus = (value: unknown): value is ClaimStatus =>
  (CLAIM_STATUSES as readonly unknown[]).includes(value)

/**
 * Why `parseClaimCase` refused `raw`: a skipped or impossible status says which move; anything
 * else names the field at fault.
 */
function parseProblem(raw: unknown, reason: string): ClaimProblem {
  const skipped = /^history\[(\d+)\]\.status$/.exec(reason)
  if (skipped && typeof raw === 'object' && raw !== null && 'history' in raw) {
    const history = (raw as { history: unknown }).history
    const index = Number(skipped[1])
    if (Array.isArray(history) && index > 0) {
      const from = (history[index - 1] as { status?: unknown } | undefined)?.status
      const to = (history[index] as { status?: unknown } | undefined)?.status
      if (isStatus(from) && isStatus(to)) return { code: 'MOVE_NOT_ALLOWED', params: { from, to } }
    }
  }
  return { code: 'CASE_INPUT_INVALID', params: { field: reason } }
}

/** The first top-level key where `raw` differs from what parsing it gave back, if any. */
function nonCanonicalKey(raw: unknown, parsed: ClaimCase): string | undefined {
  const given = raw as Record<string, unknown>
  const keys = new Set([...Object.keys(given), ...Object.keys(parsed)])
  return [...keys].find(
    (key) =>
      !sameJson(given[key] ?? null, (parsed as unknown as Record<string, unknown>)[key] ?? null),
  )
}

/**
 * Null when the change to `claims` between `stored` (undefined: a new record) and `next` is one
 * `actor` may make; otherwise the refusal, in Indonesian. `actor` is the one the server judges the
 * push by (`participantCallerOf`). The heir's relationship code is the caller's to check against
 * the district, as for `parseClaimCase`.
 */
export function claimsProblemOfPush(
  stored: { id: string; kecamatanCode: string; claims?: readonly ClaimCase[] } | undefined,
  next: { id: string; kecamatanCode: string; claims?: readonly unknown[] },
  actor: ClaimActor,
  options: ClaimOptions = {},
): ClaimPushRefusal | null {
  const pushed: unknown = next.claims ?? []
  if (!Array.isArray(pushed)) {
    return invalid({ code: 'CASE_INPUT_INVALID', params: { field: 'claims' } })
  }
  const before = stored?.claims ?? []
  // Canonical comparison: the server's jsonb hands keys back in its own order.
  if (sameJson(before, pushed)) return null
  if (!stored) return invalid({ code: 'CLAIMS_ON_NEW_RECORD' })
  if (pushed.length > MAX_CLAIMS_PER_RECORD) {
    return invalid({ code: 'CLAIMS_TOO_MANY', params: { max: MAX_CLAIMS_PER_RECORD } })
  }

  const claims: ClaimCase[] = []
  for (const raw of pushed as readonly unknown[]) {
    const parsed = parseClaimCase(raw, options)
    if (!parsed.ok) return invalid(parseProblem(raw, parsed.reason))
    const claim = parsed.claim
    // What the server stores is what it checked: no untrimmed name, empty note or capital UUID.
    const loose = nonCanonicalKey(raw, claim)
    if (loose !== undefined) {
      return invalid({ code: 'CLAIM_NOT_CANONICAL', params: { field: loose } })
    }
    if (claim.participantId !== next.id) return invalid({ code: 'CLAIM_OF_OTHER_PARTICIPANT' })
    if (claims.some((other) => other.id === claim.id)) {
      return invalid({ code: 'CLAIM_ID_REPEATED' })
    }
    claims.push(claim)
  }
  const byId = new Map(claims.map((claim) => [claim.id, claim]))
  if (before.some((claim) => !byId.has(claim.id))) return invalid({ code: 'CLAIM_REMOVED' })

  // The actor must hold the record where the server has it and where the push puts it.
  const kecamatans = [...new Set([stored.kecamatanCode, next.kecamatanCode])]
  const authorize = (action: ClaimAction): ClaimPushRefusal | null => {
    for (const kecamatanCode of kecamatans) {
      const verdict = canHandleClaim(actor, kecamatanCode, action)
      if (!verdict.allowed) return { code: 'CLAIM_FORBIDDEN', message: verdict.message.id }
    }
    return null
  }

  const storedById = new Map(before.map((claim) => [claim.id, claim]))
  for (const claim of claims) {
    const previous = storedById.get(claim.id)
    if (previous && sameJson(previous, claim)) continue
    if (claim.kecamatanCode !== next.kecamatanCode) {
      return invalid({ code: 'CLAIM_OF_OTHER_KECAMATAN' })
    }
    const problem = previous ? changeProblem(previous, claim, authorize) : openProblem(claim)
    if (problem) return problem
  }
  return null

  // A PC may open a case and move it before its first sync (the family brings every document to
  // the counter while the link is down): the opening and each later step are judged in turn.
  function openProblem(claim: ClaimCase): ClaimPushRefusal | null {
    const [first, ...later] = claim.history
    if (first?.status !== 'dilaporkan') return invalid({ code: 'CLAIM_NEW_NOT_REPORTED' })
    const opened = authorize('open')
    if (opened) return opened
    let previous: ClaimStatus = first.status
    for (const step of later) {
      const refused = authorize(actionOfMove(previous, step.status))
      if (refused) return refused
      previous = step.status
    }
    return null
  }
}

function changeProblem(
  previous: ClaimCase,
  claim: ClaimCase,
  authorize: (action: ClaimAction) => ClaimPushRefusal | null,
): ClaimPushRefusal | null {
  const status = claimStatusOf(previous)
  if (status === 'dibayar') return invalid({ code: 'CLAIM_PAID_FINAL' })
  if (CASE_FACTS.some((key) => !sameJson(previous[key], claim[key]))) {
    return invalid({ code: 'CLAIM_FACTS_CHANGED' })
  }
  const kept = claim.history.slice(0, previous.history.length)
  if (kept.length < previous.history.length || !sameJson(kept, previous.history)) {
    return invalid({ code: 'CLAIM_HISTORY_REWRITTEN' })
  }
  // Every status the case passed through in this push: the stored one, then each new step.
  const statuses: ClaimStatus[] = [status]
  for (const step of claim.history.slice(previous.history.length)) {
    const refused = authorize(actionOfMove(statuses.at(-1) ?? status, step.status))
    if (refused) return refused
    statuses.push(step.status)
  }
  const checklistChanged =
    !sameJson(previous.heir ?? null, claim.heir ?? null) ||
    !sameJson(previous.documents, claim.documents)
  if (checklistChanged) {
    // The checklist is BPJS's file from `berkas-lengkap` on: it changed only if the case was
    // `dilaporkan` at some moment of this push (parseClaimCase holds the file complete after).
    if (!statuses.includes('dilaporkan')) {
      return invalid({ code: 'DOCUMENTS_LOCKED', params: { status } })
    }
    return authorize('update')
  }
  return null
}
