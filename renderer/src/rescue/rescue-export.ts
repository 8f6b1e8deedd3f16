/**
 * What goes into a rescue file (shared/rescue/rescue-file.ts): every record this PC has not got
 * onto the server — waiting to be sent, or refused — with the server copy it started from, and
 * every history entry this PC wrote (the server keeps each once, so sending all is safe).
 */
import type { WithDeleted } from 'rxdb'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import type { RescueContents } from '@shared/rescue/rescue-file'
import { currentTime } from '@shared/dates/clock'
import { district } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'

export async function collectRescueContents(
  store: NaunganStore,
  sync: SyncContextValue,
): Promise<RescueContents> {
  const unsent = await store.db.participant_sync
    .find({ selector: { state: { $in: ['pending', 'rejected'] } } })
    .exec()
  const ids = unsent.map((doc) => doc.id)
  const records = await store.db.participants.findByIds(ids).exec()
  const bases = await sync.controller.serverCopiesOf(ids)
  const participants = ids.flatMap((id) => {
    const doc = records.get(id)
    if (!doc) return []
    const state = sync.controller.wireOf(doc.toMutableJSON() as WithDeleted<ParticipantDocument>)
    return [{ state, base: bases.get(id) ?? null }]
  })
  const own = await store.db.participant_changes
    .find({ selector: { deviceId: sync.enrolment.deviceId } })
    .exec()
  return {
    district: district.nikRegencyCode,
    device: {
      id: sync.enrolment.deviceId,
      name: sync.enrolment.deviceName,
      officeCode: sync.enrolment.office.code,
    },
    exportedAt: currentTime().toISOString(),
    exportedBy: sync.user.displayName,
    participants,
    audit: own.map((doc) => doc.toMutableJSON()),
  }
}
