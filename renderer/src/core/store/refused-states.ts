import { canonicalJson } from '@shared/sync/canonical-json'
import type { ParticipantWireDocument } from '@shared/sync/sync-protocol'

/**
 * Records whose last push the server refused for good (`PushRejection`), kept in memory for the
 * replication's synchronous checks and in `participant_sync` (sealed) across restarts.
 *
 * Why: RxDB's push handler can only report conflicts; a refused row counts as written, so RxDB
 * stores the refused state in its replication meta as "the server's copy". Left alone, that lie
 * (A) becomes the next push's `assumedMasterState` and the base of the three-way merge — which
 * then silently reverts the refused-but-valid edits — and (B) lets any pull of a newer server copy
 * overwrite the refused local edit, because the local state equals RxDB's "server copy". So:
 *
 * - the push substitutes `base` (the server copy the refused edit really started from) whenever
 *   RxDB's `assumedMasterState` is the recorded refused state (`sync-controller.ts`);
 * - the conflict handler's `isEqual` answers "not equal" in RxDB's downstream check of such a
 *   record, so RxDB treats it as an unsent local write and a pull skips it (`conflict-handler.ts`).
 *
 * See docs/sync.md, "Refused pushes".
 */
export interface RefusedState {
  /**
   * `refusedStateKey` of the refused document, i.e. of what RxDB now holds as the server copy.
   * Null for a refusal recorded before this bookkeeping existed (schema v0 `rejected`): the
   * refused state is unknown, so the record's server copy is treated as unknown too.
   */
  key: string | null
  /**
   * The server copy the refused edit started from (the refused row's real `assumedMasterState`),
   * wire form; undefined when the server had no copy the client knew of. Never the refused state.
   */
  base: ParticipantWireDocument | undefined
}

/** One text per document state, as RxDB's meta and the push rows hold it (no meta, no blind index). */
export function refusedStateKey(doc: unknown): string {
  if (typeof doc !== 'object' || doc === null) return canonicalJson(doc)
  const copy: Record<string, unknown> = { ...(doc as Record<string, unknown>) }
  delete copy._rev
  delete copy._meta
  delete copy._attachments
  // Keyed per PC; the wire form does not carry it.
  delete copy.nikIndex
  // The server's receipt: a copy it hands back signs anew what this PC sent.
  delete copy.receipt
  copy._deleted = Boolean(copy._deleted)
  return canonicalJson(copy)
}

export class RefusedStates {
  private readonly byId = new Map<string, RefusedState>()

  get size(): number {
    return this.byId.size
  }

  get(id: string): RefusedState | undefined {
    return this.byId.get(id)
  }

  set(id: string, state: RefusedState): void {
    this.byId.set(id, state)
  }

  delete(id: string): void {
    this.byId.delete(id)
  }

  /**
   * Whether `assumed` — what RxDB holds as the server copy of its record — is a state the server
   * refused (or, for a refusal from before this bookkeeping, may be one).
   */
  isRefusedServerCopy(assumed: unknown): boolean {
    if (this.byId.size === 0 || typeof assumed !== 'object' || assumed === null) return false
    const id = (assumed as { id?: unknown }).id
    if (typeof id !== 'string') return false
    const entry = this.byId.get(id)
    if (!entry) return false
    return entry.key === null || entry.key === refusedStateKey(assumed)
  }
}
