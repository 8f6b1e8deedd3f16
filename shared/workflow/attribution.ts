/**
 * Who did what, checked against who can have done it. A pushed record names people in several
 * places — `createdBy`, `updatedBy`, each check's `decidedBy`/`decidedRole`/`decidedAt`,
 * `review.by`/`review.at`, each print's `printedBy` — and the server stores them as evidence.
 * They are only evidence if they name someone who could have typed on the PC that pushed them.
 *
 * The server cannot simply write the signed-in user into these fields: an office PC is shared and
 * works offline, so a push made by the afternoon clerk carries the morning clerk's edits under the
 * morning clerk's name (both sign in on that PC, offline with the office's verifiers). And an
 * overwritten field would make the server copy differ from what the PC pushed, turning the PC's
 * next edit into a conflict (docs/sync.md). So each field is **verified, and refused on a
 * mismatch**: a name the push sets or changes must be one of the people who may work on that PC
 * (its office's users, and the signed-in user), in the role it states. A value carried over
 * unchanged from the server copy is not re-judged: a merge may keep a supervisor's name from
 * another office. docs/workflow.md, "Who did it: attribution", lists the decisions per field.
 *
 * Pure: the server supplies the people and the time.
 */
import type { Role } from '../sync/sync-protocol'
import { sameJson } from '../sync/canonical-json'
import type { AgencyCheck, ReviewDecision } from './workflow'

/** Someone who may have typed on the pushing PC: a user of its office, or the signed-in user. */
export interface PossibleActor {
  name: string
  role: Role
}

/** The fields of a participant that name a person. */
export interface AttributedDoc {
  createdBy: string
  updatedBy: string
  checks?: readonly AgencyCheck[]
  review?: ReviewDecision
  prints?: readonly { serial: string; kind: string; printedBy: string }[]
}

export interface AttributionProblem {
  code: 'ACTOR_MISMATCH'
  message: string
}

/** A PC's clock may run a little ahead of the server's; more than this is not a PC clock. */
export const MAX_ACTOR_CLOCK_SKEW_MS = 10 * 60_000

const problem = (message: string): AttributionProblem => ({ code: 'ACTOR_MISMATCH', message })

const NOT_OF_THIS_PC = (what: string, name: string) =>
  problem(
    `${what} "${name}" bukan pengguna yang dapat masuk di perangkat kantor ini. Nama petugas diisi otomatis dari akun yang masuk; perubahan ini tidak disimpan.`,
  )

/**
 * Null when every person `next` names anew (relative to `stored`, undefined for a new record)
 * could have acted on the pushing PC, in the stated role, at no time later than `nowMs` (plus a
 * little clock skew); otherwise the Indonesian reason.
 */
export function attributionProblemOfPush(
  stored: AttributedDoc | undefined,
  next: AttributedDoc,
  actors: readonly PossibleActor[],
  nowMs: number,
): AttributionProblem | null {
  const names = new Set(actors.map((actor) => actor.name))
  const hasRole = (name: string, roles: readonly Role[]) =>
    actors.some((actor) => actor.name === name && roles.includes(actor.role))
  const isFuture = (iso: string) => {
    const ms = Date.parse(iso)
    return !Number.isFinite(ms) || ms > nowMs + MAX_ACTOR_CLOCK_SKEW_MS
  }

  if (!stored && !names.has(next.createdBy)) {
    return NOT_OF_THIS_PC('Petugas pendaftar', next.createdBy)
  }
  if ((!stored || stored.updatedBy !== next.updatedBy) && !names.has(next.updatedBy)) {
    return NOT_OF_THIS_PC('Petugas pengubah terakhir', next.updatedBy)
  }

  const storedChecks = new Map((stored?.checks ?? []).map((check) => [check.agency, check]))
  for (const check of next.checks ?? []) {
    const before = storedChecks.get(check.agency)
    if (before && sameJson(before, check)) continue
    const isDecision = check.state !== 'pending'
    const namesSomeone =
      check.decidedBy !== undefined ||
      check.decidedRole !== undefined ||
      check.decidedAt !== undefined
    if (!isDecision && !namesSomeone) continue
    if (
      check.decidedBy === undefined ||
      check.decidedRole === undefined ||
      check.decidedAt === undefined
    ) {
      return problem(
        `Hasil pemeriksaan ${check.agency} harus mencatat siapa yang memutuskan, perannya, dan waktunya.`,
      )
    }
    // Registration clerks never decide a check (canPerform), so no clerk is named as having done so.
    if (check.decidedRole === 'operator' || !hasRole(check.decidedBy, [check.decidedRole])) {
      return NOT_OF_THIS_PC(`Pemutus pemeriksaan ${check.agency}`, check.decidedBy)
    }
    if (isFuture(check.decidedAt)) {
      return problem(`Waktu keputusan pemeriksaan ${check.agency} tidak sah atau di masa depan.`)
    }
  }

  if (next.review && !sameJson(stored?.review ?? null, next.review)) {
    if (!hasRole(next.review.by, ['supervisor', 'admin'])) {
      return NOT_OF_THIS_PC('Supervisor pada keputusan', next.review.by)
    }
    if (isFuture(next.review.at)) {
      return problem('Waktu keputusan supervisor tidak sah atau di masa depan.')
    }
  }

  const knownPrints = new Set(
    (stored?.prints ?? []).map((entry) => `${entry.kind}:${entry.serial}`),
  )
  for (const entry of next.prints ?? []) {
    if (knownPrints.has(`${entry.kind}:${entry.serial}`)) continue
    if (!names.has(entry.printedBy)) return NOT_OF_THIS_PC('Petugas pencetak', entry.printedBy)
  }
  return null
}
