/**
 * Disdukcapil's list of deaths against this PC's records: each readable row is matched by NIK
 * (the blind index, so nothing is decrypted but the matches) and sorted into what reporting it
 * would do; `applyDeathList` then reports the matched deaths one by one (death-repository.ts),
 * each with the list as its source. Nothing changes before the user applies.
 */
import type { DeathListRow } from '@shared/participant/death-list'
import { isDeceased } from '@shared/participant/death'
import type { ActingUser } from '@/core/acting-user'
import type { NaunganStore } from '@/core/store/database'
import { findParticipantsByNik } from '@/core/store/participant-repository'
import { reportDeath, type DeathOutcome } from './death-repository'

export type DeathListMatch =
  | {
      kind: 'report'
      row: Extract<DeathListRow, { ok: true }>
      participantId: string
      fullName: string
    }
  | {
      kind: 'already'
      row: Extract<DeathListRow, { ok: true }>
      participantId: string
      fullName: string
      reportedDate: string
    }
  | { kind: 'not-found'; row: Extract<DeathListRow, { ok: true }> }
  | { kind: 'several'; row: Extract<DeathListRow, { ok: true }>; participantIds: string[] }
  | { kind: 'duplicate'; row: Extract<DeathListRow, { ok: true }> }
  | { kind: 'error'; row: Extract<DeathListRow, { ok: false }> }

export async function matchDeathList(
  store: NaunganStore,
  rows: readonly DeathListRow[],
): Promise<DeathListMatch[]> {
  const matches: DeathListMatch[] = []
  for (const row of rows) {
    if (!row.ok) {
      matches.push({ kind: 'error', row })
      continue
    }
    if (row.duplicateOf !== undefined) {
      matches.push({ kind: 'duplicate', row })
      continue
    }
    const found = await findParticipantsByNik(store, row.nik)
    const [only] = found
    if (!only) matches.push({ kind: 'not-found', row })
    else if (found.length > 1) {
      // Two records of one NIK (registered at two offices): which one is the person's is for the
      // clerk to settle on the records, not for a list to guess.
      matches.push({ kind: 'several', row, participantIds: found.map((doc) => doc.id) })
    } else if (only.death && isDeceased(only)) {
      matches.push({
        kind: 'already',
        row,
        participantId: only.id,
        fullName: only.fullName,
        reportedDate: only.death.date,
      })
    } else matches.push({ kind: 'report', row, participantId: only.id, fullName: only.fullName })
  }
  return matches
}

/** Reports every matched death of the list; the outcome of each, in order. */
export async function applyDeathList(
  store: NaunganStore,
  matches: readonly DeathListMatch[],
  actor: ActingUser,
): Promise<{ participantId: string; outcome: DeathOutcome }[]> {
  const outcomes: { participantId: string; outcome: DeathOutcome }[] = []
  for (const match of matches) {
    if (match.kind !== 'report') continue
    outcomes.push({
      participantId: match.participantId,
      outcome: await reportDeath(
        store,
        match.participantId,
        { date: match.row.date, source: 'disdukcapil', reference: match.row.reference },
        actor,
      ),
    })
  }
  return outcomes
}
