/**
 * When the central server was restored from an older backup (a pull answered SERVER_RESTORED):
 * this PC shows it what it holds before pulling again from the start (docs/sync.md, "After a
 * server restore").
 *
 * 1. For every record, the state this PC last had from the server — RxDB's copy of the server's
 *    state in the replication's meta rows — with the server's receipt, in requests of 100 to
 *    `POST /api/sync/participants/recover`. The server takes back what it lost on its own
 *    signature; a supervisor's approval held by a kecamatan PC comes back too.
 * 2. A state this PC pushed but never had back (no receipt: the answer or the echo was lost) is
 *    pushed again as this PC's own write; where the server holds an older copy it is merged with
 *    it as any conflict is, so the edit is not overwritten by the older copy on the next pull.
 * 3. The caller then pulls from the start. Edits made here and not yet sent go up as usual: the
 *    server again holds the state they started from.
 */
import { getComposedPrimaryKeyOfDocumentData, type RxStorageInstance, type WithDeleted } from 'rxdb'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { mergeParticipant, type MergeableParticipant } from '@shared/sync/merge'
import {
  RECOVER_PATH,
  type ParticipantWireDocument,
  type PushRequest,
  type PushResponse,
  type RecoverRequest,
  type RecoverResponse,
} from '@shared/sync/sync-protocol'
import { currentTime } from '@shared/dates/clock'
import type { ServerSession } from '@/core/server-session'

const RECOVER_BATCH = 100
const META_READ_BATCH = 500

export interface RecoveryOutcome {
  /** States the server took back as they were. */
  restored: number
  /** States merged with an edit made on the server since the restore. */
  merged: number
  /** States the server already held. */
  alreadyHeld: number
  /** States this PC pushed again as its own (it never had their receipt). */
  resent: number
  /** States the server would not take (kept here as they are; see docs/sync.md). */
  refused: number
}

type MetaInstance = RxStorageInstance<
  { itemId: string; isCheckpoint: string; docData: unknown },
  unknown,
  unknown
>

/** RxDB's copy of the server's state of each record (`docData` of the per-record meta rows). */
export async function serverStatesKnownHere(
  meta: MetaInstance,
  ids: readonly string[],
): Promise<WithDeleted<ParticipantDocument>[]> {
  const states: WithDeleted<ParticipantDocument>[] = []
  for (let start = 0; start < ids.length; start += META_READ_BATCH) {
    const keys = ids
      .slice(start, start + META_READ_BATCH)
      .map((itemId) =>
        getComposedPrimaryKeyOfDocumentData(meta.schema as never, { itemId, isCheckpoint: '0' }),
      )
    const rows = await meta.findDocumentsById(keys, true)
    for (const row of rows) {
      if (row.docData) states.push(row.docData as WithDeleted<ParticipantDocument>)
    }
  }
  return states
}

export async function showStatesToRestoredServer(options: {
  meta: MetaInstance
  ids: readonly string[]
  session: ServerSession
  toWire(doc: WithDeleted<ParticipantDocument>): ParticipantWireDocument
}): Promise<RecoveryOutcome> {
  const { session } = options
  const outcome: RecoveryOutcome = { restored: 0, merged: 0, alreadyHeld: 0, resent: 0, refused: 0 }
  const known = (await serverStatesKnownHere(options.meta, options.ids)).map(options.toWire)
  const receipted = known.filter((doc) => doc.receipt)
  for (let start = 0; start < receipted.length; start += RECOVER_BATCH) {
    const request: RecoverRequest = { states: receipted.slice(start, start + RECOVER_BATCH) }
    const answer = await session.json<RecoverResponse>(RECOVER_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request),
    })
    outcome.restored += Number(answer.restored) || 0
    outcome.merged += Number(answer.merged) || 0
    outcome.alreadyHeld += Number(answer.alreadyHeld) || 0
    outcome.refused += Array.isArray(answer.refused) ? answer.refused.length : 0
  }
  // Pushed here, never had back: pushed again as this PC's own write.
  for (const doc of known.filter((state) => !state.receipt)) {
    const first = await push(session, { rows: [{ newDocumentState: doc }] })
    const held = first.conflicts?.[0]
    if (!held) {
      if ((first.rejected?.length ?? 0) > 0) outcome.refused += 1
      else outcome.resent += 1
      continue
    }
    const { merged } = mergeParticipant<MergeableParticipant>({
      base: undefined,
      local: doc as unknown as MergeableParticipant,
      remote: held as unknown as MergeableParticipant,
      now: currentTime().toISOString(),
    })
    const second = await push(session, {
      rows: [
        {
          assumedMasterState: held,
          newDocumentState: merged as unknown as ParticipantWireDocument,
        },
      ],
    })
    if ((second.rejected?.length ?? 0) > 0 || (second.conflicts?.length ?? 0) > 0) {
      outcome.refused += 1
    } else outcome.resent += 1
  }
  return outcome
}

function push(session: ServerSession, request: PushRequest): Promise<PushResponse> {
  return session.json<PushResponse>('/api/sync/participants/push', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
  })
}
