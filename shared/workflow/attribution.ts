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
import type { DeathReport } from '../participant/death'
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
  death?: DeathReport
  claims?: readonly { id: string; history: readonly { by: string; on: string }[] }[]
  reverification?: readonly { decidedBy: string; decidedRole: string; decidedAt: string }[]
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
/** How far back a death report may be dated when it reaches the server: a long offline spell. */
export const MAX_REPORT_AGE_MS = 90 * 86_400_000

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

  // A death report names who reported it, and a withdrawal the supervisor who withdrew it; both
  // must be able to sign in on the pushing PC, and neither time may lie ahead of the server's.
  if (next.death && !sameJson(stored?.death ?? null, next.death)) {
    const reportIsNew =
      !stored?.death ||
      !sameJson({ ...stored.death, correction: null }, { ...next.death, correction: null })
    if (reportIsNew) {
      if (!names.has(next.death.reportedBy)) {
        return NOT_OF_THIS_PC('Pelapor kematian', next.death.reportedBy)
      }
      if (isFuture(next.death.reportedAt)) {
        return problem('Waktu laporan kematian tidak sah atau di masa depan.')
      }
      // The report's day decides which months stay paid: one dated far back would end coverage
      // months ago. A PC offline longer than this syncs its report as refused, for a supervisor.
      if (Date.parse(next.death.reportedAt) < nowMs - MAX_REPORT_AGE_MS) {
        return problem(
          'Waktu laporan kematian terlalu jauh ke belakang; laporkan ulang dengan tanggal hari ini.',
        )
      }
    }
    const correction = next.death.correction
    if (correction && !sameJson(stored?.death?.correction ?? null, correction)) {
      if (!hasRole(correction.by, ['supervisor', 'admin'])) {
        return NOT_OF_THIS_PC('Supervisor yang membatalkan laporan kematian', correction.by)
      }
      if (isFuture(correction.at)) {
        return problem('Waktu pembatalan laporan kematian tidak sah atau di masa depan.')
      }
    }
  }

  // Each step added to a claim case names who took it: someone who can sign in on this PC.
  // The latest calendar day anywhere in Indonesia now (UTC+9 at most, with the clock skew).
  const latestDay = new Date(nowMs + MAX_ACTOR_CLOCK_SKEW_MS + 9 * 3_600_000)
    .toISOString()
    .slice(0, 10)
  const storedSteps = new Map(
    (stored?.claims ?? []).map((claim) => [claim.id, claim.history.length]),
  )
  for (const claim of next.claims ?? []) {
    for (const step of claim.history.slice(storedSteps.get(claim.id) ?? 0)) {
      if (!names.has(step.by)) return NOT_OF_THIS_PC('Petugas pada klaim', step.by)
      // A step dated ahead would skew days open, stalled cases and the year's payments.
      if (step.on > latestDay) return problem('Tanggal langkah klaim di masa depan.')
    }
  }

  // A re-verification decision names who decided, in which role, when: each new one is checked.
  for (const decision of (next.reverification ?? []).slice(stored?.reverification?.length ?? 0)) {
    if (!hasRole(decision.decidedBy, [decision.decidedRole as Role])) {
      return NOT_OF_THIS_PC('Petugas verifikasi ulang', decision.decidedBy)
    }
    if (isFuture(decision.decidedAt)) {
      return problem('Waktu keputusan verifikasi ulang di masa depan.')
    }
    // As a death report: a long offline spell at most, so nobody backdates a decision to make it
    // count below (or above) another office's.
    if (Date.parse(decision.decidedAt) < nowMs - MAX_REPORT_AGE_MS) {
      return problem('Waktu keputusan verifikasi ulang lebih dari 90 hari yang lalu.')
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
