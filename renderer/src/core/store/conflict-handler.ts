import type { RxConflictHandler } from 'rxdb'
import { encodeNikBlindIndex } from '@shared/identity/nik-blind-index'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import type { RefusedStates } from './refused-states'
import {
  mergeParticipant,
  sameParticipantState,
  type MergeableParticipant,
} from '@shared/sync/merge'
import { currentTime } from '@shared/dates/clock'

/**
 * The participants' conflict handler (set on the collection, used by replication). RxDB's default
 * keeps the server's document and drops the local edit; this one merges per field
 * (`shared/sync/merge.ts`) and keeps every clash in `conflicts` for a supervisor.
 *
 * `isEqual` must be synchronous and cheap: RxDB calls it for every document it pushes.
 *
 * Refused pushes (`refused-states.ts`): RxDB holds the refused state as the server copy. In its
 * downstream check "is the local state the server copy?" (`downstream-check-if-equal-0`, `a` =
 * RxDB's server copy, `b` = the local state), the answer for such a record is "no": RxDB then
 * treats the refused edit as a local write not yet on the server, and a pulled server copy does
 * not overwrite it. Every other check compares as usual, so an unchanged refused record is not
 * pushed again.
 */
export function createParticipantConflictHandler(
  blindIndexKey: Uint8Array,
  refused: RefusedStates | null = null,
  now: () => Date = () => currentTime(),
): RxConflictHandler<ParticipantDocument> {
  return {
    isEqual: (a, b, context) => {
      if (context === 'downstream-check-if-equal-0' && refused?.isRefusedServerCopy(a)) {
        return false
      }
      return sameParticipantState(a, b)
    },
    resolve: async ({ assumedMasterState, newDocumentState, realMasterState }) => {
      const { merged } = mergeParticipant<MergeableParticipant>({
        base: assumedMasterState as MergeableParticipant | undefined,
        local: newDocumentState as MergeableParticipant,
        remote: realMasterState as MergeableParticipant,
        now: now().toISOString(),
      })
      // The blind index is keyed per PC: recompute it for the merged NIK.
      const nikIndex = encodeNikBlindIndex(merged.nik, blindIndexKey)
      return { ...merged, nikIndex: nikIndex ?? merged.nikIndex ?? '' } as never
    },
  }
}
