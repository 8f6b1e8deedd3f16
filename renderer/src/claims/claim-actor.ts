import type { ClaimActor } from '@shared/claims/claim-case'
import type { ActingUser } from '@/core/acting-user'
import type { OfficeProfile } from '@/core/store/participant-repository'
import type { SyncContextValue } from '@/sync/sync-context'

/**
 * Who handles a claim, as `canHandleClaim` judges it: the role, and the office whose jurisdiction
 * applies (the enrolled PC's office; a standalone PC is its kecamatan's office).
 */
export function claimActorOf(
  actor: ActingUser,
  sync: SyncContextValue | null,
  office: OfficeProfile | null,
): ClaimActor {
  if (sync) {
    return {
      role: actor.role,
      office: {
        kind: sync.enrolment.office.kind,
        kecamatanCode: sync.enrolment.office.kecamatanCode,
      },
    }
  }
  return {
    role: actor.role,
    office: { kind: 'kecamatan', kecamatanCode: office?.kecamatanCode ?? null },
  }
}
