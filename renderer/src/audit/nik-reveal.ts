/**
 * Showing a participant's full NIK to someone whose job needs it, and recording that it was
 * shown (UU PDP 27/2022): the rule is `shared/identity/identity-reveal.ts`, the record a
 * 'revealed' history entry that syncs to the server's audit trail like every other entry.
 */
import { useCallback, useState } from 'react'
import { currentTime } from '@shared/dates/clock'
import {
  mayRevealIdentity,
  revealEntryChanges,
  type RevealActor,
  type RevealVerdict,
} from '@shared/identity/identity-reveal'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { actingUserOf, officeCodeOf } from '@/core/acting-user'
import { useApp } from '@/core/app-context'
import { district } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { appendHistory, type OfficeProfile } from '@/core/store/participant-repository'
import { useSync, type SyncContextValue } from '@/sync/sync-context'

/** Who is at this PC, as the reveal rule sees them. A standalone PC is a kecamatan office's. */
export function revealActorOf(sync: SyncContextValue | null, office: OfficeProfile): RevealActor {
  if (!sync) {
    return {
      role: 'operator',
      officeKind: 'kecamatan',
      officeCode: officeCodeOf(office),
      agencyCode: null,
    }
  }
  return {
    role: sync.user.role,
    officeKind: sync.enrolment.office.kind,
    officeCode: sync.enrolment.office.code,
    agencyCode: sync.enrolment.office.agencyCode,
  }
}

/**
 * Writes the audit entry of one reveal: who (name, role, office, PC, from the session), when,
 * which participant and field; for a verifier, their agency. Never the value.
 */
export async function recordNikReveal(
  store: NaunganStore,
  participant: Pick<ParticipantDocument, 'id' | 'kecamatanCode'>,
  sync: SyncContextValue | null,
  office: OfficeProfile,
): Promise<void> {
  await appendHistory(
    store,
    {
      participantId: participant.id,
      kecamatanCode: participant.kecamatanCode,
      kind: 'revealed',
      changes: revealEntryChanges('nik', revealActorOf(sync, office).agencyCode),
      at: currentTime().toISOString(),
    },
    actingUserOf(office, sync),
  )
}

export interface NikReveal {
  verdict: RevealVerdict
  /** True once revealed for this participant, in this viewing (a new participant hides it). */
  isRevealed: boolean
  /** Records the reveal first; the NIK shows only when the record is written. */
  reveal(): Promise<void>
  hide(): void
  failed: boolean
}

/** The reveal state of one participant on one screen; nothing is kept past the screen. */
export function useNikReveal(participant: ParticipantDocument): NikReveal {
  const { store, office } = useApp()
  const sync = useSync()
  const [revealedId, setRevealedId] = useState<string | null>(null)
  const [failedId, setFailedId] = useState<string | null>(null)
  const verdict = mayRevealIdentity(
    revealActorOf(sync, office),
    participant,
    'nik',
    district.config.identityAgencies,
  )
  const reveal = useCallback(async () => {
    if (!verdict.allowed) return
    try {
      await recordNikReveal(store, participant, sync, office)
      setFailedId(null)
      setRevealedId(participant.id)
    } catch (error) {
      // No record, no reveal. The error's name only: its message could quote the entry.
      console.error(
        'Recording a NIK reveal failed:',
        error instanceof Error ? error.name : 'unknown',
      )
      setFailedId(participant.id)
    }
  }, [verdict.allowed, store, participant, sync, office])
  return {
    verdict,
    isRevealed: verdict.allowed && revealedId === participant.id,
    reveal,
    hide: () => setRevealedId(null),
    failed: failedId === participant.id,
  }
}
