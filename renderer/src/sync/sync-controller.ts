import { auditTime, Subscription } from 'rxjs'
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication'
import type { WithDeleted } from 'rxdb'
import {
  participantChangeJsonSchema,
  participantJsonSchema,
  type ParticipantChangeDocument,
  type ParticipantDocument,
} from '../../../shared/participant/participant-document'
import {
  AUDIT_PULL_PATH,
  AUDIT_PUSH_PATH,
  isSendableAuditEntry,
  MAX_AUDIT_PUSH_ROWS,
  type AuditEntry,
  type AuditPullResponse,
  type AuditPushRequest,
  type AuditPushResponse,
} from '../../../shared/audit/audit-entry'
import { backoffDelay } from '../../../shared/sync/backoff'
import { sameJson } from '../../../shared/sync/canonical-json'
import {
  MAX_REQUEST_BODY_BYTES,
  type OfficeUsersResponse,
  type ParticipantWireDocument,
  type PullCheckpoint,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../../shared/sync/sync-protocol'
import type { Enrolment } from '../core/enrolment'
import type { ServerSession } from '../core/server-session'
import type { NaunganStore } from '../store/database'
import { walkChangesByKeyset } from '../audit/audit-backlog'
import { auditRefusals$, recordAuditRefusals } from '../audit/audit-refusals'
import { nikIndexOf } from '../store/participant-repository'
import { refusedStateKey } from '../store/refused-states'
import {
  countPendingQuery,
  countProblemsQuery,
  forgetRefusals,
  markPushed,
  markRejected,
  markUntrackedAsPending,
  recordServerFlags,
} from '../store/sync-state-repository'
import { liveStream } from './live-stream'
import { PullPacer } from './pull-pacer'
import { RetryWaiter } from './retry-waiter'
import { decideOnOverlap, UnsettledPushes } from './unsettled-pushes'
import {
  isDeviceRevoked,
  isUnreachable,
  probeServer,
  ServerError,
  type FetchFunction,
} from '../core/server-api'
import { currentTime } from '../../../shared/dates/clock'

/**
 * Pull pages of 2,000 (about 220 kB gzipped, ~2 s at 1 Mbit/s): every page costs a round trip
 * (300 ms on a satellite link), and with 300-row pages those round trips made an initial sync of
 * 50,000 take 2.3x the time its payload needs (docs/performance.md). A cut page is retried from
 * the last checkpoint, so a bigger page costs at most one page on a bad link.
 */
export const PULL_BATCH_SIZE = 2000
export const PUSH_BATCH_SIZE = 50
/**
 * History entries RxDB hands the audit push at once: the server's most per request. A typical
 * entry is 300–600 bytes, so 200 are ~100 kB; an entry may hold 64 changes of 300 characters,
 * though, so `pushAudit` splits a batch into requests below AUDIT_PUSH_BODY_BUDGET_BYTES.
 * (With 25, a backlog of 10,000 took 400 requests; docs/sync.md, "Audit trail", Backlog.)
 */
export const AUDIT_PUSH_BATCH_SIZE = MAX_AUDIT_PUSH_ROWS
/** Request body size an audit push stays under: the server's limit, with room to spare. */
export const AUDIT_PUSH_BODY_BUDGET_BYTES = Math.floor(MAX_REQUEST_BODY_BYTES * 0.75)
/** How often the server is probed while sync is failing (navigator.onLine lies behind portals). */
export const PROBE_INTERVAL_MS = 20_000
/**
 * How long a full pull page waits for a push of one of its records to settle before it is taken
 * as it is: a push the server keeps refusing must not stall the initial sync for good.
 */
export const PUSH_SETTLE_WAIT_MS = 30_000
/** Before every change the server has (its transaction ids start above 0). */
const PULL_FROM_START: PullCheckpoint = { txid: '0', id: '' }

function pullPath(checkpoint: PullCheckpoint | undefined, batchSize: number): string {
  const params = new URLSearchParams({ limit: String(batchSize) })
  if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint))
  return `/api/sync/participants/pull?${params}`
}

/** What `<html data-sync-state>` and the header show. */
export type SyncPhase = 'starting' | 'syncing' | 'synced' | 'offline' | 'error' | 'revoked'

export interface SyncStatus {
  phase: SyncPhase
  /** Local changes the server has not confirmed yet. */
  pendingCount: number
  /**
   * Records refused by the server, in conflict or flagged as duplicates: the indicator is never
   * "all sent" while one is waiting for a person.
   */
  problemCount: number
  /** ISO time of the last pull and push that both completed without error. */
  lastSyncedAt: string | null
  /** A long pull in progress: documents received in this run and the total expected. */
  progress: { done: number; total: number } | null
  /** The server's Indonesian message, or a code, for the last failure. */
  lastError: { code: string; message: string } | null
  /** Whether the live stream is connected. */
  live: boolean
  /** History entries of this PC the server refused (never sent again; `audit-refusals.ts`). */
  auditRefused: number
  /**
   * The server's refusal of the last audit trail request, while it lasts. Participants' sync is
   * unaffected: the trail is pushed and pulled on its own and catches up when this clears.
   */
  auditError: { code: string; message: string } | null
}

const LAST_SYNC_DOC = 'sync-last-success'
const KNOWN_FIELDS = new Set(Object.keys(participantJsonSchema.properties))
const KNOWN_AUDIT_FIELDS = new Set(Object.keys(participantChangeJsonSchema.properties))

const utf8 = new TextEncoder()

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

/** One identity per server and office: RxDB keeps checkpoints and unsent writes under it. */
export function replicationIdentifierOf(enrolment: Enrolment): string {
  return `participants|${enrolment.serverUrl}|${enrolment.office.id}`
}

/** The audit trail's replication: its own checkpoint and unsent entries, kept the same way. */
export function auditReplicationIdentifierOf(enrolment: Enrolment): string {
  return `participant_changes|${enrolment.serverUrl}|${enrolment.office.id}`
}

export interface SyncControllerOptions {
  store: NaunganStore
  enrolment: Enrolment
  session: ServerSession
  fetch: FetchFunction
  /** The office's users for offline login were refreshed. */
  onOfficeUsers?(response: OfficeUsersResponse): Promise<void> | void
  /**
   * The link is up (sync start, a session (re)opened, "Sinkronkan sekarang"): refresh what this PC
   * keeps besides records, e.g. the district's card keys and the list of revoked PCs. Best effort.
   */
  onLinkUp?(): Promise<void>
  onRevoked?(): void
  /**
   * Where the `online`/`offline` events come from; default `window`. Tests running several
   * offices in one Node process give each its own `EventTarget`.
   */
  linkEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
}

type Failure = { kind: 'unreachable' } | { kind: 'error'; code: string; message: string }

/**
 * Runs the replication of `participants` with the central server and tells the UI how it goes.
 * Retries every failed pull and push itself, with exponential backoff and jitter, and cuts the
 * wait short when the link returns (`online` event or a health probe that answers).
 */
export class SyncController {
  private status: SyncStatus = {
    phase: 'starting',
    pendingCount: 0,
    problemCount: 0,
    lastSyncedAt: null,
    progress: null,
    lastError: null,
    live: false,
    auditRefused: 0,
    auditError: null,
  }
  private listeners = new Set<() => void>()
  private replication: RxReplicationState<ParticipantDocument, PullCheckpoint> | null = null
  private auditReplication: RxReplicationState<ParticipantChangeDocument, PullCheckpoint> | null =
    null
  /** The audit trail waits on its own: a failing trail must not keep the probe busy. */
  private auditWaiter = new RetryWaiter()
  private subscriptions: Subscription[] = []
  private waiter = new RetryWaiter()
  /** Paces pulls to the store's writes and fetches one page ahead (`pull-pacer.ts`). */
  private readonly pacer = new PullPacer<PullResponse>()
  /** Records being pushed whose server copy RxDB has not stored yet (`unsettled-pushes.ts`). */
  private readonly unsettledPushes = new UnsettledPushes()
  private isWatchingUpstream = false
  private failure: Failure | null = null
  private active = false
  private pulledInRun = 0
  private probeTimer: ReturnType<typeof setInterval> | null = null
  private stopped = false
  private revoked = false
  private readonly onOnline = () => this.linkReturned()
  private readonly onOffline = () => this.fail({ kind: 'unreachable' })
  private readonly linkEvents: SyncControllerOptions['linkEvents'] | null

  constructor(private readonly options: SyncControllerOptions) {
    this.linkEvents = options.linkEvents ?? (typeof window === 'undefined' ? null : window)
  }

  getStatus = (): SyncStatus => this.status

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private update(patch: Partial<SyncStatus>): void {
    const next = { ...this.status, ...patch }
    next.phase = this.phaseOf(next)
    this.status = next
    if (typeof document !== 'undefined') document.documentElement.dataset.syncState = next.phase
    for (const listener of this.listeners) listener()
  }

  private phaseOf(status: SyncStatus): SyncPhase {
    if (this.revoked) return 'revoked'
    if (this.failure?.kind === 'unreachable') return 'offline'
    if (this.failure?.kind === 'error') return 'error'
    if (this.active) return 'syncing'
    return status.lastSyncedAt || status.phase !== 'starting' ? 'synced' : 'starting'
  }

  private fail(failure: Failure): void {
    this.failure = failure
    this.update({
      lastError: failure.kind === 'error' ? { code: failure.code, message: failure.message } : null,
    })
  }

  private succeed(): void {
    if (!this.failure) return
    this.failure = null
    this.update({ lastError: null })
  }

  private revoke(): void {
    if (this.revoked) return
    this.revoked = true
    this.update({ progress: null })
    this.options.onRevoked?.()
    void this.stopReplication()
  }

  /** Runs one request until it succeeds, waiting with backoff between tries. */
  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopped || this.revoked) throw new Error('SYNC_STOPPED')
      const wakesBefore = this.waiter.wakes
      try {
        const result = await work()
        this.succeed()
        return result
      } catch (error) {
        if (isDeviceRevoked(error)) {
          this.revoke()
          throw error
        }
        // The server ended the session (401 SESSION_ENDED, 403 USER_INACTIVE, refresh refused):
        // the app is signing the user out; retrying would only knock again.
        if (this.options.session.endedBy) throw error
        if (isUnreachable(error) || !(error instanceof ServerError)) {
          this.fail(
            error instanceof ServerError
              ? { kind: 'unreachable' }
              : { kind: 'error', code: 'CLIENT_ERROR', message: String(error) },
          )
        } else if (error.failure.kind === 'refused') {
          this.fail({ kind: 'error', code: error.failure.code, message: error.failure.message })
        }
        const retryAfter = error instanceof ServerError ? error.failure.retryAfterMs : undefined
        if (this.waiter.wakes !== wakesBefore && retryAfter === undefined) {
          // The link came back (online event, probe, "Sinkronkan sekarang") while this attempt was
          // failing: that wake-up found nothing waiting, so start over now instead of sleeping
          // through a long backoff until the next probe.
          attempt = 0
          continue
        }
        await this.waiter.wait(backoffDelay(attempt, undefined, undefined, retryAfter))
      }
    }
  }

  /** A server document as the local store keeps it: known fields only, its own blind index. */
  private toLocal = (doc: ParticipantWireDocument): WithDeleted<ParticipantDocument> => {
    const local: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(doc)) {
      if (KNOWN_FIELDS.has(key)) local[key] = value
    }
    local.nikIndex = nikIndexOf(this.options.store, String(doc.nik ?? '')) ?? ''
    local._deleted = Boolean(doc._deleted)
    return local as unknown as WithDeleted<ParticipantDocument>
  }

  /** The wire form: no blind index (keyed per PC), an explicit tombstone flag. */
  private toWire = (doc: WithDeleted<ParticipantDocument>): ParticipantWireDocument => {
    const { nikIndex: _omitted, ...rest } = doc as WithDeleted<ParticipantDocument> & {
      _meta?: unknown
      _rev?: unknown
      _attachments?: unknown
    }
    void _omitted
    const wire = { ...rest, _deleted: Boolean(doc._deleted) } as Record<string, unknown>
    delete wire._meta
    delete wire._rev
    delete wire._attachments
    return wire as unknown as ParticipantWireDocument
  }

  private pull = async (
    checkpoint: PullCheckpoint | undefined,
    batchSize: number,
  ): Promise<{ documents: ParticipantWireDocument[]; checkpoint: PullCheckpoint | null }> => {
    // The page before this one is stored first: RxDB would otherwise merge unwritten pages into
    // one long write that freezes the window (pull-pacer.ts).
    await this.pacer.untilWritten(checkpoint)
    if (this.stopped || this.revoked) throw new Error('SYNC_STOPPED')
    const path = pullPath(checkpoint, batchSize)
    let body: PullResponse
    let documents: ParticipantWireDocument[]
    let isCheckpointHeld = false
    for (let waitedMs = 0; ;) {
      const prefetched = waitedMs === 0 ? await this.pacer.take(path) : null
      body =
        prefetched ?? (await this.withRetry(() => this.options.session.json<PullResponse>(path)))
      documents = Array.isArray(body.documents) ? body.documents : []
      // A record this PC is pushing may come back with what the server added to it (a duplicate
      // flag) before RxDB has stored the push's answer; RxDB would skip that version for good.
      const decision = decideOnOverlap(
        this.unsettledPushes,
        documents.map((doc) => doc.id),
        batchSize,
      )
      if (decision.kind === 'hold-checkpoint') {
        isCheckpointHeld = true
        // RxDB delays this pull until its upstream is idle; by then the copy is stored.
        void this.unsettledPushes.whenSettled().then(() => this.replication?.reSync())
      }
      if (decision.kind !== 'wait-and-repull' || waitedMs >= PUSH_SETTLE_WAIT_MS) break
      const startedMs = performance.now()
      await Promise.race([
        this.unsettledPushes.whenSettled(),
        this.waiter.wait(PUSH_SETTLE_WAIT_MS - waitedMs),
      ])
      waitedMs += Math.max(1, performance.now() - startedMs)
      if (this.stopped || this.revoked) throw new Error('SYNC_STOPPED')
    }
    this.pulledInRun += documents.length
    const remaining = Number(body.remaining) || 0
    const total = this.pulledInRun + remaining
    this.update({
      progress: remaining > 0 && total > PULL_BATCH_SIZE ? { done: this.pulledInRun, total } : null,
    })
    if (remaining === 0) this.pulledInRun = 0
    // A refused record whose server copy now is exactly the refused state (the same edit reached
    // the server another way): RxDB's copy is true again, the record syncs as usual.
    const { refused } = this.options.store
    if (refused.size > 0) {
      const settled = documents.filter((doc) => {
        const entry = refused.get(doc.id)
        return (
          entry !== undefined &&
          entry.key !== null &&
          entry.key === refusedStateKey(this.toLocal(doc))
        )
      })
      await forgetRefusals(
        this.options.store,
        settled.map((doc) => doc.id),
      )
    }
    await recordServerFlags(this.options.store, documents)
    await this.confirmAlreadyOnServer(documents)
    // Held at the start, the checkpoint must still be one: RxDB merges a null into `{}`.
    const next = isCheckpointHeld
      ? (checkpoint ?? PULL_FROM_START)
      : (body.checkpoint ?? checkpoint ?? null)
    this.pacer.handedOver(checkpoint, next, documents.length)
    if (!isCheckpointHeld && next && documents.length >= batchSize && remaining > 0) {
      // Fetch the next page while RxDB writes this one.
      const nextPath = pullPath(next, batchSize)
      this.pacer.prefetch(nextPath, () => this.options.session.json<PullResponse>(nextPath))
    }
    return { documents, checkpoint: next }
  }

  /**
   * A push whose answer was lost on the way back may already be on the server. RxDB then learns
   * that from a pull or a conflict answer and never pushes the state again, so no push confirms
   * it: where the server's copy is the local record itself (server-owned flags aside), confirm
   * it here, or it would count as unsent forever.
   */
  private async confirmAlreadyOnServer(serverDocs: readonly ParticipantWireDocument[]) {
    if (serverDocs.length === 0) return
    const { store } = this.options
    const states = await store.db.participant_sync.findByIds(serverDocs.map((d) => d.id)).exec()
    const pending = serverDocs.filter((doc) => states.get(doc.id)?.get('state') === 'pending')
    if (pending.length === 0) return
    const locals = await store.db.participants.findByIds(pending.map((d) => d.id)).exec()
    const withoutServerFlags = (doc: ParticipantWireDocument) => ({ ...doc, duplicates: [] })
    const onServer = pending.filter((doc) => {
      const local = locals.get(doc.id)
      if (!local) return false
      const localWire = this.toWire(local.toMutableJSON() as WithDeleted<ParticipantDocument>)
      return sameJson(withoutServerFlags(localWire), withoutServerFlags(doc))
    })
    if (onServer.length > 0) await markPushed(store, onServer)
  }

  private push = async (
    rows: {
      assumedMasterState?: ParticipantWireDocument
      newDocumentState: ParticipantWireDocument
    }[],
  ): Promise<ParticipantWireDocument[]> => {
    const { store } = this.options
    // Without RxDB's upstream signal nothing would settle them: then pull as before.
    if (this.watchUpstream()) this.unsettledPushes.add(rows.map((row) => row.newDocumentState.id))
    // RxDB counts a refused row as written and keeps the refused state as the server copy. Where
    // that is what it now offers as `assumedMasterState`, send the server copy the refused edit
    // really started from. The row object is the one RxDB hands to the conflict handler, so a
    // conflict is merged against that true base too (docs/sync.md, "Refused pushes").
    for (const row of rows) {
      const entry = store.refused.get(row.newDocumentState.id)
      if (!entry || !row.assumedMasterState) continue
      if (!store.refused.isRefusedServerCopy(row.assumedMasterState)) continue
      if (entry.base) row.assumedMasterState = structuredClone(entry.base)
      else delete row.assumedMasterState
    }
    const request: PushRequest = { rows }
    const body = await this.withRetry(() =>
      this.options.session.json<PushResponse>('/api/sync/participants/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request),
      }),
    )
    const conflicts = Array.isArray(body.conflicts) ? body.conflicts : []
    const rejected = Array.isArray(body.rejected) ? body.rejected : []
    const notWritten = new Set([...conflicts.map((d) => d.id), ...rejected.map((r) => r.id)])
    const accepted = rows.map((row) => row.newDocumentState).filter((d) => !notWritten.has(d.id))
    await markPushed(store, accepted)
    await this.confirmAlreadyOnServer(conflicts)
    // Refused for good: RxDB counts them as sent (and their state as the server's copy), so they
    // wait until the record changes again. Remember what RxDB now wrongly holds as the server
    // copy, and the true one to send instead (the row's assumedMasterState, substituted above if
    // it was itself a refused state). The server's `serverDocument` is deliberately not taken as
    // that base: the server validates before it compares, so it may already hold another office's
    // newer edit, and a push based on it would overwrite that edit without a conflict.
    const rowsById = new Map(rows.map((row) => [row.newDocumentState.id, row]))
    await markRejected(
      store,
      rejected.map((rejection) => {
        const row = rowsById.get(rejection.id)
        return {
          id: rejection.id,
          code: String(rejection.code),
          message: String(rejection.message),
          ...(row
            ? {
                refused: {
                  key: refusedStateKey(row.newDocumentState),
                  base: row.assumedMasterState
                    ? structuredClone(row.assumedMasterState)
                    : undefined,
                },
              }
            : {}),
        }
      }),
    )
    // RxDB stores these server copies as its own: a refusal from before this bookkeeping, whose
    // refused state is unknown, is over.
    await forgetRefusals(
      store,
      conflicts.map((doc) => doc.id),
      { unknownOnly: true },
    )
    // The server copies go to the conflict handler, which merges them with the local edit.
    return conflicts.map((doc) => this.toLocal(doc) as unknown as ParticipantWireDocument)
  }

  /**
   * Settles the pushed records whenever RxDB's upstream goes idle: it stores the server copies of
   * a push before that. Subscribed from the first push, when RxDB's internal state exists.
   */
  private watchUpstream(): boolean {
    if (this.isWatchingUpstream) return true
    const activeUp = this.replication?.internalReplicationState?.events.active.up
    if (!activeUp) return false
    this.isWatchingUpstream = true
    this.subscriptions.push(
      activeUp.subscribe((isActive) => {
        if (!isActive) this.unsettledPushes.settleAll()
      }),
    )
    return true
  }

  /**
   * Runs one audit trail request until it succeeds, with backoff. Unlike `withRetry` it leaves
   * the sync phase alone: the participants' requests already report a dead link, and a server
   * that refuses the trail (an older server without it, say) must not show the office as failing.
   */
  private async withAuditRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopped || this.revoked) throw new Error('SYNC_STOPPED')
      try {
        const result = await work()
        if (this.status.auditError) this.update({ auditError: null })
        return result
      } catch (error) {
        if (isDeviceRevoked(error)) {
          this.revoke()
          throw error
        }
        if (this.options.session.endedBy) throw error
        const failure = error instanceof ServerError ? error.failure : null
        if (failure?.kind === 'refused') {
          this.update({ auditError: { code: failure.code, message: failure.message } })
        }
        await this.auditWaiter.wait(
          backoffDelay(attempt, undefined, undefined, failure?.retryAfterMs),
        )
      }
    }
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
    const params = new URLSearchParams({ limit: String(batchSize) })
    if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint))
    const body = await this.withAuditRetry(() =>
      this.options.session.json<AuditPullResponse>(`${AUDIT_PULL_PATH}?${params}`),
    )
    const documents = Array.isArray(body.documents) ? body.documents : []
    return { documents, checkpoint: body.checkpoint ?? checkpoint ?? null }
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
      const body = await this.withAuditRetry(() =>
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

  async start(): Promise<void> {
    const { store, enrolment } = this.options
    if (enrolment.revokedAt) {
      this.revoked = true
      this.update({})
      return
    }
    const lastSync = await store.db.getLocal<{ at: string }>(LAST_SYNC_DOC)
    this.update({ lastSyncedAt: (lastSync?.get('at') as string | undefined) ?? null })

    const identifier = replicationIdentifierOf(enrolment)
    const trackedFlag = `sync-tracked|${identifier}`
    if (!(await store.db.getLocal(trackedFlag))) {
      // Records typed before this PC synced (standalone use) will all be pushed: count them.
      await markUntrackedAsPending(store)
      await store.db.upsertLocal(trackedFlag, { at: currentTime().toISOString() })
    }

    const stopWatchingCheckpoints = store.onCheckpointStored(this.pacer.checkpointStored)
    this.subscriptions.push(
      new Subscription(stopWatchingCheckpoints),
      countPendingQuery(store).$.subscribe((count) => this.update({ pendingCount: count })),
      countProblemsQuery(store).$.subscribe((count) => this.update({ problemCount: count })),
      auditRefusals$(store).subscribe((refusals) => this.update({ auditRefused: refusals.total })),
    )

    const stream$ = liveStream(this.options.session, this.waiter, (live) => this.update({ live }))
    this.replication = replicateRxCollection<ParticipantDocument, PullCheckpoint>({
      collection: store.db.participants,
      replicationIdentifier: identifier,
      deletedField: '_deleted',
      live: true,
      // Our handlers retry on their own with backoff; RxDB's fixed retry is a last resort.
      retryTime: 30_000,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: PULL_BATCH_SIZE,
        handler: this.pull as never,
        modifier: (doc) => this.toLocal(doc as unknown as ParticipantWireDocument) as never,
        // Coalesce a burst of change events into one pull.
        stream$: stream$.pipe(auditTime(300)),
      },
      push: {
        batchSize: PUSH_BATCH_SIZE,
        handler: this.push as never,
        modifier: (doc) => this.toWire(doc as WithDeleted<ParticipantDocument>) as never,
      },
    })
    this.subscriptions.push(
      this.replication.active$.subscribe((active) => {
        const wasActive = this.active
        this.active = active
        // Handlers retry until they succeed, so a run that ends without a standing failure
        // has pulled and pushed everything.
        if (!active && wasActive && !this.failure && !this.stopped) {
          const at = currentTime().toISOString()
          void store.db.upsertLocal(LAST_SYNC_DOC, { at }).catch(() => undefined)
          this.update({ lastSyncedAt: at, progress: null })
          // The trail has no stream of its own: it pulls after every participants' run, which
          // every change event starts (the server sends one for new entries too).
          this.auditReplication?.reSync()
          return
        }
        this.update({})
      }),
      this.replication.error$.subscribe((error) => {
        console.warn('Sync error:', error instanceof Error ? error.name : 'unknown')
      }),
    )

    this.startAuditReplication()

    this.options.session.onOpened = () => void this.refreshOfficeUsers()
    this.linkEvents?.addEventListener('online', this.onOnline)
    this.linkEvents?.addEventListener('offline', this.onOffline)
    this.probeTimer = setInterval(() => void this.probe(), PROBE_INTERVAL_MS)
    void this.refreshOfficeUsers()
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
   */
  private startAuditReplication(): void {
    const { store, enrolment } = this.options
    // A backlog (an import, days offline) is found in time linear in its size (audit-backlog.ts).
    walkChangesByKeyset(store.db.participant_changes)
    this.auditReplication = replicateRxCollection<ParticipantChangeDocument, PullCheckpoint>({
      collection: store.db.participant_changes,
      replicationIdentifier: auditReplicationIdentifierOf(enrolment),
      deletedField: '_deleted',
      live: true,
      retryTime: 30_000,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: PULL_BATCH_SIZE,
        handler: this.pullAudit as never,
        modifier: (doc) => this.toLocalEntry(doc as unknown as AuditEntry) as never,
      },
      push: {
        batchSize: AUDIT_PUSH_BATCH_SIZE,
        handler: this.pushAudit as never,
        modifier: (doc) => this.toWireEntry(doc as WithDeleted<ParticipantChangeDocument>) as never,
      },
    })
    this.subscriptions.push(
      this.auditReplication.error$.subscribe((error) => {
        console.warn('Audit sync error:', error instanceof Error ? error.name : 'unknown')
      }),
    )
  }

  private async probe(): Promise<void> {
    if (this.stopped || this.revoked) return
    // Only worth it while something waits to retry or the last attempt failed.
    if (!this.failure && !this.waiter.hasWaiters) return
    const { session, enrolment } = this.options
    if (await probeServer(this.options.fetch, enrolment.serverUrl, session.currentAccessToken())) {
      this.linkReturned()
    } else if (!this.failure) {
      this.fail({ kind: 'unreachable' })
    }
  }

  private linkReturned(): void {
    this.waiter.wakeAll()
    this.auditWaiter.wakeAll()
    this.replication?.reSync()
    this.auditReplication?.reSync()
  }

  /** GET /api/office-users: fresh verifiers for offline login; best effort. */
  async refreshOfficeUsers(): Promise<void> {
    void this.options.onLinkUp?.().catch(() => undefined)
    try {
      const response = await this.options.session.json<OfficeUsersResponse>('/api/office-users')
      if (Array.isArray(response.users)) await this.options.onOfficeUsers?.(response)
    } catch (error) {
      if (isDeviceRevoked(error)) this.revoke()
    }
  }

  /** "Sinkronkan sekarang": retry at once, pull and push everything. */
  syncNow(): void {
    if (this.revoked || this.stopped) return
    this.linkReturned()
    void this.refreshOfficeUsers()
  }

  private async stopReplication(): Promise<void> {
    this.waiter.stop()
    this.pacer.reset()
    this.unsettledPushes.settleAll()
    this.auditWaiter.stop()
    const replications = [this.replication, this.auditReplication]
    this.replication = null
    this.auditReplication = null
    await Promise.all(replications.map((r) => r?.cancel().catch(() => undefined)))
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.probeTimer) clearInterval(this.probeTimer)
    this.linkEvents?.removeEventListener('online', this.onOnline)
    this.linkEvents?.removeEventListener('offline', this.onOffline)
    for (const subscription of this.subscriptions) subscription.unsubscribe()
    this.subscriptions = []
    await this.stopReplication()
  }
}
