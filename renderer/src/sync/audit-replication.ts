import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication'
import type { WithDeleted } from 'rxdb'
import type { Subscription } from 'rxjs'
import {
  participantChangeJsonSchema,
  type ParticipantChangeDocument,
} from '@shared/participant/participant-document'
import {
  AUDIT_PULL_PATH,
  AUDIT_RECOVER_PATH,
  AUDIT_PUSH_PATH,
  isSendableAuditEntry,
  MAX_AUDIT_PUSH_ROWS,
  type AuditEntry,
  type AuditPullResponse,
  type AuditPushRequest,
  type AuditPushResponse,
} from '@shared/audit/audit-entry'
import {
  MAX_REQUEST_BODY_BYTES,
  PULL_CHECKPOINT_HEADER,
  PULL_LIMIT_HEADER,
  SERVER_RESTORED,
  type PullCheckpoint,
} from '@shared/sync/sync-protocol'
import type { Enrolment } from '@/core/enrolled-device'
import type { ServerSession } from '@/core/server-session'
import { refusalCodeOf, ServerError } from '@/core/server-api'
import type { NaunganStore } from '@/core/store/database'
import { walkChangesByKeyset } from '@/core/store/audit-backlog'
import { recordAuditRefusals } from '@/core/store/audit-refusals'
import { RetryWaiter } from './retry-waiter'
import { retrying } from './retrying'
import { pullInit } from './pull-pacer'

const KNOWN_AUDIT_FIELDS = new Set(Object.keys(participantChangeJsonSchema.properties))
const utf8 = new TextEncoder()

/** History entries per pull page (an entry is 300–600 bytes). */
export const AUDIT_PULL_BATCH_SIZE = 2000
/**
 * Splits the entries of one audit push into requests of at most MAX_AUDIT_PUSH_ROWS entries and
 * AUDIT_PUSH_BODY_BUDGET_BYTES of JSON each (one entry is at most ~160 kB: it always fits alone).
 */
export function auditPushParts(entries: readonly AuditEntry[]): AuditEntry[][] {
  const parts: AuditEntry[][] = []
  let part: AuditEntry[] = []
  let bytes = 0
  for (const entry of entries) {
    const size = utf8.encode(JSON.stringify(entry)).length + 1
    if (
      part.length > 0 &&
      (part.length >= MAX_AUDIT_PUSH_ROWS || bytes + size > AUDIT_PUSH_BODY_BUDGET_BYTES)
    ) {
      parts.push(part)
      part = []
      bytes = 0
    }
    part.push(entry)
    bytes += size
  }
  if (part.length > 0) parts.push(part)
  return parts
}

/** The audit trail's replication: its own checkpoint and unsent entries, kept the same way. */
export function auditReplicationIdentifierOf(enrolment: Enrolment): string {
  return `participant_changes|${enrolment.serverUrl}|${enrolment.office.id}`
}

/**
 * History entries RxDB hands the audit push at once: the server's most per request. A typical
 * entry is 300–600 bytes, so 200 are ~100 kB; an entry may hold 64 changes of 300 characters,
 * though, so `pushAudit` splits a batch into requests below AUDIT_PUSH_BODY_BUDGET_BYTES.
 * (With 25, a backlog of 10,000 took 400 requests; docs/sync.md, "Audit trail", Backlog.)
 */
export const AUDIT_PUSH_BATCH_SIZE = MAX_AUDIT_PUSH_ROWS
/** Request body size an audit push stays under: the server's limit, with room to spare. */
export const AUDIT_PUSH_BODY_BUDGET_BYTES = Math.floor(MAX_REQUEST_BODY_BYTES * 0.75)

export interface AuditReplicationOptions {
  store: NaunganStore
  enrolment: Enrolment
  session: ServerSession
  /** Replication stopped or the PC revoked. */
  isStopped(): boolean
  /** The server said this PC is revoked. */
  onRevoked(): void
  /** The server's refusal of the last request while it lasts, null once one succeeds. */
  onRefusal(refusal: { code: string; message: string } | null): void
}

/**
 * Replicates `participant_changes` with the server's audit trail: every new local entry is
 * pushed (live), entries of the PC's jurisdiction are pulled after each participants' run and
 * when the link returns, and appear in each participant's history.
 *
 * The collection keeps RxDB's default conflict handler — the server's copy wins — on purpose.
 * STACK.md warns against it for documents that change (it drops the local edit); an entry never
 * changes, so a pulled copy can only differ from the local one when the server kept another
 * entry under the same id (AUDIT_APPEND_ONLY), and then the server's is the one on record.
 *
 * It waits on its own: a failing trail must not keep the participants' probe busy, and a server
 * that refuses the trail (an older server without it, say) must not show the office as failing.
 */
export class AuditReplication {
  private replication: RxReplicationState<ParticipantChangeDocument, PullCheckpoint> | null = null
  private readonly waiter = new RetryWaiter()
  private subscription: Subscription | null = null
  private refused = false

  constructor(private readonly options: AuditReplicationOptions) {}

  private retry<T>(work: () => Promise<T>): Promise<T> {
    return retrying(work, {
      waiter: this.waiter,
      isStopped: this.options.isStopped,
      isSessionEnded: () => Boolean(this.options.session.endedBy),
      onRevoked: this.options.onRevoked,
      onSuccess: () => {
        if (!this.refused) return
        this.refused = false
        this.options.onRefusal(null)
      },
      onFailure: (error) => {
        const failure = error instanceof ServerError ? error.failure : null
        if (failure?.kind !== 'refused') return
        this.refused = true
        this.options.onRefusal({ code: failure.code, message: failure.message })
      },
      restartWhenWoken: false,
    })
  }

  /** A pulled entry as the store keeps it: known fields only, never a tombstone. */
  private toLocalEntry = (entry: AuditEntry): WithDeleted<ParticipantChangeDocument> => {
    const local: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(entry)) {
      if (KNOWN_AUDIT_FIELDS.has(key)) local[key] = value
    }
    local._deleted = false
    return local as unknown as WithDeleted<ParticipantChangeDocument>
  }

  /** The entry as it travels: the document's fields and nothing of RxDB's. */
  private toWireEntry = (doc: WithDeleted<ParticipantChangeDocument>): AuditEntry => {
    const wire: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(doc)) {
      if (KNOWN_AUDIT_FIELDS.has(key)) wire[key] = value
    }
    return wire as unknown as AuditEntry
  }

  private pullAudit = async (
    checkpoint: PullCheckpoint | undefined,
    batchSize: number,
  ): Promise<{ documents: AuditEntry[]; checkpoint: PullCheckpoint | null }> => {
    // Like the participants' pull: one URL, one CORS preflight (PULL_CHECKPOINT_HEADER).
    const headers: Record<string, string> = { [PULL_LIMIT_HEADER]: String(batchSize) }
    if (checkpoint) headers[PULL_CHECKPOINT_HEADER] = JSON.stringify(checkpoint)
    const fromStart: Record<string, string> = { [PULL_LIMIT_HEADER]: String(batchSize) }
    const body = await this.retry(async () => {
      try {
        return await this.options.session.json<AuditPullResponse>(
          AUDIT_PULL_PATH,
          pullInit(headers),
        )
      } catch (error) {
        // The server was restored from an older backup: send this PC's entries again (the server
        // keeps each once), then read the trail from the start.
        if (!(error instanceof ServerError) || refusalCodeOf(error) !== SERVER_RESTORED) throw error
        await this.resendOwnEntries()
        return this.options.session.json<AuditPullResponse>(AUDIT_PULL_PATH, pullInit(fromStart))
      }
    })
    const own = this.options.enrolment.deviceId
    // This PC's own entries need no receipt (after a restore it sends them as it wrote them):
    // kept as written, the copy coming back equals the local one and is neither stored nor sent
    // again. Other PCs' entries keep theirs, to give them back to a restored server.
    const documents = (Array.isArray(body.documents) ? body.documents : []).map((entry) => {
      if (entry.deviceId !== own || entry.receipt === undefined) return entry
      const { receipt: _receipt, ...written } = entry
      return written
    })
    return { documents, checkpoint: body.checkpoint ?? checkpoint ?? null }
  }

  /**
   * After a server restore: every entry this PC wrote is sent again (as a push: the server keeps
   * each once), and every entry it pulled from the server goes back on the server's receipt — so
   * the history a PC that is gone wrote, and this PC holds, is not lost with it.
   */
  private async resendOwnEntries(): Promise<void> {
    const { store, enrolment, session } = this.options
    const all = (await store.db.participant_changes.find().exec()).map((doc) =>
      this.toWireEntry(doc.toMutableJSON() as WithDeleted<ParticipantChangeDocument>),
    )
    const own = all.filter((entry) => entry.deviceId === enrolment.deviceId)
    await this.pushAudit(own.map((entry) => ({ newDocumentState: entry })))
    const received = all.filter((entry) => entry.deviceId !== enrolment.deviceId && entry.receipt)
    for (let start = 0; start < received.length; start += MAX_AUDIT_PUSH_ROWS) {
      await session.json(AUDIT_RECOVER_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ entries: received.slice(start, start + MAX_AUDIT_PUSH_ROWS) }),
      })
    }
  }

  /**
   * Sends this PC's new history entries. Never reports a conflict: an entry is never changed, so
   * there is nothing to merge. An entry the server refused is recorded (`audit-refusals.ts`) and,
   * since RxDB counts it as sent, never sent again. Entries without a PC (a standalone PC's, and
   * those written before the audit trail) are not sent at all.
   */
  private pushAudit = async (
    rows: { newDocumentState: AuditEntry }[],
  ): Promise<WithDeleted<ParticipantChangeDocument>[]> => {
    const entries = rows.map((row) => row.newDocumentState).filter(isSendableAuditEntry)
    // One request per part, in order; RxDB counts the batch as sent once all have been answered.
    for (const part of auditPushParts(entries)) {
      const request: AuditPushRequest = { rows: part }
      const body = await this.retry(() =>
        this.options.session.json<AuditPushResponse>(AUDIT_PUSH_PATH, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(request),
        }),
      )
      const rejected = Array.isArray(body.rejected) ? body.rejected : []
      await recordAuditRefusals(this.options.store, rejected)
    }
    return []
  }

  start(): void {
    const { store, enrolment } = this.options
    // A backlog (an import, days offline) is found in time linear in its size (audit-backlog.ts).
    walkChangesByKeyset(store.db.participant_changes)
    this.replication = replicateRxCollection<ParticipantChangeDocument, PullCheckpoint>({
      collection: store.db.participant_changes,
      replicationIdentifier: auditReplicationIdentifierOf(enrolment),
      deletedField: '_deleted',
      live: true,
      retryTime: 30_000,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: AUDIT_PULL_BATCH_SIZE,
        handler: this.pullAudit as never,
        modifier: (doc) => this.toLocalEntry(doc as unknown as AuditEntry) as never,
      },
      push: {
        batchSize: AUDIT_PUSH_BATCH_SIZE,
        handler: this.pushAudit as never,
        modifier: (doc) => this.toWireEntry(doc as WithDeleted<ParticipantChangeDocument>) as never,
      },
    })
    this.subscription = this.replication.error$.subscribe((error) => {
      console.warn('Audit sync error:', error instanceof Error ? error.name : 'unknown')
    })
  }

  /** Pull now (after a participants' run: the server's change events cover entries too). */
  reSync(): void {
    this.replication?.reSync()
  }

  /** The link is back: retry at once. */
  linkReturned(): void {
    this.waiter.wakeAll()
    this.replication?.reSync()
  }

  async stop(): Promise<void> {
    this.waiter.stop()
    this.subscription?.unsubscribe()
    const replication = this.replication
    this.replication = null
    await replication?.cancel().catch(() => undefined)
  }
}
