import type { BatchLayout } from '@shared/coverage/batch-layout'
import type { EnrolmentBatch } from '@shared/coverage/enrolment-batch'
import { getPlatform } from '@/core/platform'
import type { NaunganStore } from '@/core/store/database'
import { batchFile, type BatchFileFormat } from './coverage-files'
import { getParticipants } from './coverage-repository'

export type SaveOutcome =
  { saved: true; name: string } | { saved: false; reason: 'CANCELLED' | 'WRITE_FAILED' }

/** Writes a recorded batch's sheet and hands it to the platform's save dialog. */
export async function saveBatchFile(
  store: NaunganStore,
  batch: EnrolmentBatch,
  layout: BatchLayout,
  format: BatchFileFormat,
): Promise<SaveOutcome> {
  const members = await getParticipants(store, batch.memberIds)
  const present = new Set(members.map((doc) => doc.id))
  // A member removed from this PC since (a restore) cannot be written; the rest still can.
  const file = batchFile(
    { ...batch, memberIds: batch.memberIds.filter((id) => present.has(id)) },
    members,
    layout,
    format,
  )
  const result = await getPlatform().saveFile({
    suggestedName: file.name,
    mimeType: file.mimeType,
    data: file.data,
  })
  return result.saved ? { saved: true, name: file.name } : result
}
