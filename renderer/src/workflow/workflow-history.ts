/**
 * The one place workflow steps write their history entry: through the store's `appendHistory`,
 * which masks NIK/KK/phone whatever it is given and stamps the actor for the audit trail.
 */
import type { ParticipantDocument } from '@shared/participant/participant-document'
import type { NaunganStore } from '@/core/store/database'
import type { ActingUser } from '@/core/acting-user'
import { appendHistory } from '@/core/store/participant-repository'

export async function recordWorkflowHistory(
  store: NaunganStore,
  entry: {
    participant: ParticipantDocument
    kind: 'status' | 'check' | 'review'
    changes: { field: string; from: string; to: string }[]
    at: string
    actor: ActingUser
  },
): Promise<void> {
  if (entry.changes.length === 0) return
  await appendHistory(
    store,
    {
      participantId: entry.participant.id,
      kind: entry.kind,
      changes: entry.changes.map((change) => ({
        field: change.field.slice(0, 40),
        from: change.from.slice(0, 300),
        to: change.to.slice(0, 300),
      })),
      at: entry.at,
      kecamatanCode: entry.participant.kecamatanCode,
    },
    entry.actor,
  )
}
