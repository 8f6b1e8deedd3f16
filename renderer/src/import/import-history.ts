/** The one place the import decides its history entries (who applies or undoes: an ActingUser). */
import type {
  FieldChange,
  ParticipantChangeDocument,
  ParticipantDocument,
} from '@shared/participant/participant-document'
import { participantChangeJsonSchema } from '@shared/participant/participant-document'
import type { AgencyCheck } from '@shared/workflow/workflow'
import type { ActingUser } from '@/core/acting-user'
import type { NaunganStore } from '@/core/store/database'
import { appendHistoryEntries, type HistoryEntry } from '@/core/store/participant-repository'

export type ImportPhase = 'checking' | 'writing' | 'rolling-back' | 'undoing'

/** 'imported' where the history schema knows it (it does since v1), else plain 'updated'. */
const IMPORT_HISTORY_KIND = (
  (participantChangeJsonSchema.properties.kind.enum as readonly string[]).includes('imported')
    ? 'imported'
    : 'updated'
) as ParticipantChangeDocument['kind']

export async function writeImportHistory(
  store: NaunganStore,
  entries: readonly {
    participant: Pick<ParticipantDocument, 'id' | 'kecamatanCode'>
    changes: FieldChange[]
  }[],
  at: string,
  actor: ActingUser,
): Promise<void> {
  const history: HistoryEntry[] = entries
    .filter((entry) => entry.changes.length > 0)
    .map((entry) => ({
      participantId: entry.participant.id,
      kecamatanCode: entry.participant.kecamatanCode,
      kind: IMPORT_HISTORY_KIND,
      changes: entry.changes,
      at,
    }))
  await appendHistoryEntries(store, history, actor)
}

/** A check as history shows it, the way the verification screens write it. */
const describeCheck = (check: AgencyCheck | undefined) =>
  check ? [check.state, check.reasonCode, check.note].filter(Boolean).join(' — ') : ''

export const checkChange = (
  agency: string,
  from: AgencyCheck | undefined,
  to: AgencyCheck | undefined,
) => ({
  field: `checks.${agency}`,
  from: describeCheck(from),
  to: describeCheck(to),
})
