import type { RxConflictHandler } from 'rxdb'
import { encodeNikBlindIndex } from '../../../shared/identity/nik-blind-index'
import type { ParticipantDocument } from '../../../shared/participant/participant-document'
import {
  mergeParticipant,
  sameParticipantState,
  type MergeableParticipant,
} from '../../../shared/sync/merge'

/**
 * The participants' conflict handler (set on the collection, used by replication). RxDB's default
 * keeps the server's document and drops the local edit; this one merges per field
 * (`shared/sync/merge.ts`) and keeps every clash in `conflicts` for a supervisor.
 *
 * `isEqual` must be synchronous and cheap: RxDB calls it for every document it pushes.
 */
export function createParticipantConflictHandler(
  blindIndexKey: Uint8Array,
  now: () => Date = () => new Date(),
): RxConflictHandler<ParticipantDocument> {
  return {
    isEqual: (a, b) => sameParticipantState(a, b),
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
