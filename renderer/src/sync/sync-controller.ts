import { auditTime, Subscription, tap } from 'rxjs'
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication'
import type { WithDeleted } from 'rxdb'
import {
  participantJsonSchema,
  type ParticipantDocument,
} from '@shared/participant/participant-document'
import { sameJson } from '@shared/sync/canonical-json'
import {
  PULL_BATCH_SIZE,
  PULL_CHECKPOINT_HEADER,
  PULL_LIMIT_HEADER,
  PULL_PAGE_HEADER,
  type PullPageHead,
  type OfficeUsersResponse,
  type ParticipantWireDocument,
  type PullCheckpoint,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  SERVER_RESTORED,
} from '@shared/sync/sync-protocol'
import {
  serverStatesKnownHere,
  showStatesToRestoredServer,
  type RecoveryOutcome,
} from './restored-server'
import type { Enrolment } from '@/core/enrolled-device'
import type { ServerSession } from '@/core/server-session'
import type { NaunganStore } from '@/core/store/database'
import { auditRefusals$ } from '@/core/store/audit-refusals'
import { nikIndexOf } from '@/core/store/participant-repository'
import { refusedStateKey } from '@/core/store/refused-states'
import {
  countPendingQuery,
  countProblemsQuery,
  forgetRefusals,
  markPushed,
  markRejected,
  markUntrackedAsPending,
  recordServerFlags,
} from '@/core/store/sync-state-repository'
import { liveStream } from './live-stream'
import { AuditReplication } from './audit-replication'
import { retrying } from './retrying'
import { PERSIST_WAIT_MS, pullInit, PullPacer, sameCheckpoint } from './pull-pacer'
import { RetryWaiter } from './retry-waiter'
import { ResyncCoverage } from './resync-coverage'
import { decideOnOverlap, type OverlapDecision, UnsettledPushes } from './unsettled-pushes'
import {
  isDeviceRevoked,
  isUnreachable,
  probeServer,
  readJsonResponse,
  refusalCodeOf,
  ServerError,
  type FetchFunction,
} from '@/core/server-api'
import { currentTime } from '@shared/dates/clock'
import { yieldToWindow } from '@/core/yield-to-window'
import {
  pullOriginHash,
  pullWriteContext,
  type ReplicationOrigin,
} from '@/core/store/upstream-scan'

export const PUSH_BATCH_SIZE = 50
/** Pulled NIKs given their blind index before the window gets a turn (~25 ms). */
const NIK_INDEX_SLICE = 250
/** How often the server is probed while sync is failing (navigator.onLine lies behind portals). */
export const PROBE_INTERVAL_MS = 20_000
/**
 * How long a full pull page waits for a push of one of its records to settle before it is handed
 * over without those records (`leave-out`): a push retried on and on must not stall the initial
 * sync for good.
 */
export const PUSH_SETTLE_WAIT_MS = 30_000
/** Before every change the server has (its transaction ids start above 0). */
const PULL_FROM_START: PullCheckpoint = { txid: '0', id: '' }

/**
 * One page's request: one constant URL with the checkpoint and limit in headers, so the browser
 * preflights it once, not once per page (PULL_CHECKPOINT_HEADER).
 */
function pullRequest(
  checkpoint: PullCheckpoint | undefined,
  batchSize: number,
): { key: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { [PULL_LIMIT_HEADER]: String(batchSize) }
  if (checkpoint) headers[PULL_CHECKPOINT_HEADER] = JSON.stringify(checkpoint)
  return { key: JSON.stringify(headers), headers }
}

const PULL_PATH = '/api/sync/participants/pull'
/** Pulled documents remembered for `notLocalWrites`: the last two or three pages. */
const RECENTLY_PULLED_LIMIT = 3 * PULL_BATCH_SIZE

/** A pull answer's head (`PULL_PAGE_HEADER`), or null when absent or not as the server writes it. */
export function pageHeadOf(text: string | null): PullPageHead | null {
  if (!text) return null
  try {
    const head = JSON.parse(text) as Partial<PullPageHead> | null
    const checkpoint = head?.checkpoint
    if (
      !head ||
      !Number.isSafeInteger(head.count) ||
      !Number.isSafeInteger(head.remaining) ||
      !(
        checkpoint === null ||
        (typeof checkpoint === 'object' &&
          typeof checkpoint.txid === 'string' &&
          typeof checkpoint.id === 'string')
      )
    ) {
      return null
    }
    return head as PullPageHead
  } catch {
    return null
  }
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
  /**
   * The last time this PC showed a server restored from a backup what it holds (this session),
   * and what came of it; null when it never had to.
   */
  lastRecovery: (RecoveryOutcome & { at: string }) | null
}

const LAST_SYNC_DOC = 'sync-last-success'
const KNOWN_FIELDS = new Set(Object.keys(participantJsonSchema.properties))

/** One identity per server and office: RxDB keeps checkpoints and unsent writes under it. */
export function replicationIdentifierOf(enrolment: Enrolment): string {
  return `participants|${enrolment.serverUrl}|${enrolment.office.id}`
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
    lastRecovery: null,
  }
  private listeners = new Set<() => void>()
  private replication: RxReplicationState<ParticipantDocument, PullCheckpoint> | null = null
  /** This replication's run on the store, whose pulled records its upstream skips. */
  private pullRun: ReturnType<ReplicationOrigin['start']> | null = null
  /** The audit trail, replicated beside the participants (`audit-replication.ts`). */
  private auditReplication: AuditReplication | null = null
  private subscriptions: Subscription[] = []
  private waiter = new RetryWaiter()
  /**
   * The server's documents of the last pages handed to RxDB, by id (at most
   * `RECENTLY_PULLED_LIMIT`): see `notLocalWrites`.
   */
  private readonly recentlyPulled = new Map<string, ParticipantWireDocument>()
  /** Blind indexes of the page being handed to RxDB, by record id (`indexNiks`). */
  private readonly pulledNikIndexes = new Map<string, { nik: string; index: string | null }>()
  /** Paces pulls to the store's writes and fetches one page ahead (`pull-pacer.ts`). */
  private readonly pacer = new PullPacer<{ body: PullResponse; mark: number }>(
    PERSIST_WAIT_MS,
    (page) => this.unsettledPushes.release(page.mark),
  )
  /**
   * The checkpoint of a full page the server said nothing follows: RxDB's next pull from there is
   * answered here, once, without a round trip (`pull`).
   */
  private endOfRun: PullCheckpoint | null = null
  /** Records being pushed whose server copy RxDB has not stored yet (`unsettled-pushes.ts`). */
  private readonly unsettledPushes = new UnsettledPushes()
  private isWatchingUpstream = false
  private failure: Failure | null = null
  private active = false
  /** RESYNCs that came while a run was busy, until a page covers them (`resync-coverage.ts`). */
  private readonly resyncCoverage = new ResyncCoverage()
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
  private withRetry<T>(work: () => Promise<T>): Promise<T> {
    return retrying(work, {
      waiter: this.waiter,
      isStopped: () => this.stopped || this.revoked,
      // The server ended the session (401 SESSION_ENDED, 403 USER_INACTIVE, refresh refused).
      isSessionEnded: () => Boolean(this.options.session.endedBy),
      onRevoked: () => this.revoke(),
      onSuccess: () => this.succeed(),
      onFailure: (error) => {
        if (isUnreachable(error) || !(error instanceof ServerError)) {
          this.fail(
            error instanceof ServerError
              ? { kind: 'unreachable' }
              : { kind: 'error', code: 'CLIENT_ERROR', message: String(error) },
          )
        } else if (error.failure.kind === 'refused') {
          this.fail({ kind: 'error', code: error.failure.code, message: error.failure.message })
        }
      },
      restartWhenWoken: true,
    })
  }

  /** A server document as the local store keeps it: known fields only, its own blind index. */
  private toLocal = (doc: ParticipantWireDocument): WithDeleted<ParticipantDocument> => {
    const local: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(doc)) {
      if (KNOWN_FIELDS.has(key)) local[key] = value
    }
    const nik = String(doc.nik ?? '')
    const known = this.pulledNikIndexes.get(doc.id)
    local.nikIndex = (known?.nik === nik ? known.index : nikIndexOf(this.options.store, nik)) ?? ''
    local._deleted = Boolean(doc._deleted)
    return local as unknown as WithDeleted<ParticipantDocument>
  }

  /**
   * The blind index of each pulled NIK, computed in slices with a turn for the window between
   * (2,000 of them at once held it for ~200 ms); `toLocal` then finds them here.
   */
  private async indexNiks(documents: readonly ParticipantWireDocument[]): Promise<void> {
    this.pulledNikIndexes.clear()
    for (let start = 0; start < documents.length; start += NIK_INDEX_SLICE) {
      if (start > 0) await yieldToWindow()
      for (const doc of documents.slice(start, start + NIK_INDEX_SLICE)) {
        const nik = String(doc.nik ?? '')
        this.pulledNikIndexes.set(doc.id, { nik, index: nikIndexOf(this.options.store, nik) })
      }
    }
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
    // After a full page with nothing after it, RxDB asks once more: the server said already
    // that there is nothing (a change since starts a pull of its own, through the live stream).
    const endOfRun = this.endOfRun
    this.endOfRun = null
    if (endOfRun && checkpoint && sameCheckpoint(checkpoint, endOfRun)) {
      return { documents: [], checkpoint: endOfRun }
    }
    await this.pacer.untilWritten(checkpoint)
    if (this.stopped || this.revoked) throw new Error('SYNC_STOPPED')
    const request = pullRequest(checkpoint, batchSize)
    let body: PullResponse
    let documents: ParticipantWireDocument[]
    let isCheckpointHeld = false
    let isPageCut = false
    let firstAnswerMs = 0
    for (let waitedMs = 0; ;) {
      const prefetched = waitedMs === 0 ? await this.pacer.take(request.key) : null
      let mark: number
      if (prefetched) ({ body, mark } = prefetched)
      else {
        mark = this.unsettledPushes.mark()
        try {
          body = await this.withRetry(() => this.pageOrRecover(request.headers, batchSize))
        } catch (error) {
          this.unsettledPushes.release(mark)
          throw error
        }
      }
      if (waitedMs === 0) firstAnswerMs = performance.now()
      let decision: OverlapDecision
      try {
        documents = Array.isArray(body.documents) ? body.documents : []
        // A record this PC is pushing may come back with what the server added to it (a
        // duplicate flag) before RxDB has stored the push's answer; RxDB would skip that version
        // for good. And a record pushed after this page was asked for may come back as it was
        // before the push.
        decision = decideOnOverlap(
          this.unsettledPushes,
          documents.map((doc) => doc.id),
          batchSize,
          mark,
          waitedMs >= PUSH_SETTLE_WAIT_MS,
        )
      } finally {
        this.unsettledPushes.release(mark)
      }
      if (decision.kind === 'accept') break
      const { withheld } = decision
      if (decision.kind === 'hold-checkpoint') {
        isCheckpointHeld = true
        documents = documents.filter((doc) => !withheld.has(doc.id))
        // RxDB delays this pull until its upstream is idle; by then the copy is stored.
        void this.unsettledPushes.whenSettled().then(() => this.replication?.reSync())
        break
      }
      if (decision.kind === 'leave-out') {
        documents = documents.filter((doc) => !withheld.has(doc.id))
        isPageCut = true
        break
      }
      await Promise.race([
        this.unsettledPushes.whenSettled(),
        this.waiter.wait(PUSH_SETTLE_WAIT_MS - waitedMs),
      ])
      // Counted from the first answer, the pulls again included: a page that comes back stale
      // again and again (a record pushed during each pull) still ends within the limit.
      waitedMs = Math.max(waitedMs + 1, performance.now() - firstAnswerMs)
      if (this.stopped || this.revoked) throw new Error('SYNC_STOPPED')
    }
    this.resyncCoverage.pageTaken(body)
    this.pulledInRun += documents.length
    const remaining = Number(body.remaining) || 0
    const total = this.pulledInRun + remaining
    this.update({
      progress: remaining > 0 && total > PULL_BATCH_SIZE ? { done: this.pulledInRun, total } : null,
    })
    // Held at the start, the checkpoint must still be one: RxDB merges a null into `{}`.
    const next = isCheckpointHeld
      ? (checkpoint ?? PULL_FROM_START)
      : (body.checkpoint ?? checkpoint ?? null)
    if (!isCheckpointHeld && next && documents.length >= batchSize && remaining > 0) {
      // Fetch the next page now (unless its head asked for it already), while this one is
      // checked, indexed and written: the link would otherwise idle through the checks and the
      // NIK index of every page.
      this.prefetchPage(next, batchSize, 'replace')
    }
    if (remaining === 0) this.pulledInRun = 0
    if (
      !isCheckpointHeld &&
      !isPageCut &&
      next &&
      documents.length >= batchSize &&
      remaining === 0
    ) {
      this.endOfRun = next
    }
    // Short of records, the page reads to RxDB as the last one: the rest is asked for now.
    if (isPageCut && remaining > 0) void Promise.resolve().then(() => this.replication?.reSync())
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
    await this.indexNiks(documents)
    this.pacer.handedOver(checkpoint, next, documents.length)
    for (const doc of documents) {
      this.recentlyPulled.delete(doc.id)
      this.recentlyPulled.set(doc.id, doc)
    }
    for (const [id] of this.recentlyPulled) {
      if (this.recentlyPulled.size <= RECENTLY_PULLED_LIMIT) break
      this.recentlyPulled.delete(id)
    }
    return { documents, checkpoint: next }
  }

  /**
   * One pull page. A server restored from an older backup refuses the checkpoint it handed out
   * before (SERVER_RESTORED): this PC then shows it what it holds (`restored-server.ts`) and
   * pulls from the start; RxDB stores the new checkpoint as usual.
   */
  private pageOrRecover = async (
    headers: Record<string, string>,
    batchSize: number,
  ): Promise<PullResponse> => {
    try {
      return await this.fetchPage(headers, batchSize)
    } catch (error) {
      if (refusalCodeOf(error) !== SERVER_RESTORED) throw error
      await this.recoverAfterRestore()
      return this.fetchPage(pullRequest(undefined, batchSize).headers, batchSize)
    }
  }

  /**
   * One pull request. As soon as its answer's head says a full page with more after it, the page
   * after it is asked for (`PULL_PAGE_HEADER`), while this one's body still arrives.
   */
  private fetchPage = async (
    headers: Record<string, string>,
    batchSize: number,
  ): Promise<PullResponse> => {
    const number = this.resyncCoverage.pullSent()
    const response = await this.options.session.fetch(PULL_PATH, pullInit(headers))
    if (response.ok) {
      const head = pageHeadOf(response.headers.get(PULL_PAGE_HEADER))
      if (head && head.checkpoint && head.count >= batchSize && head.remaining > 0) {
        this.prefetchPage(head.checkpoint, batchSize, 'if-room')
      }
    }
    const body = await readJsonResponse<PullResponse>(response)
    this.resyncCoverage.answered(body, number)
    return body
  }

  /**
   * Fetches the page after `checkpoint` ahead (`pull-pacer.ts`): `replace` when the page just
   * handed over asks for it, `if-room` when a page's head does (never pushing out one RxDB asks
   * for next). Failures are dropped: the pull asks again itself.
   */
  private prefetchPage(
    checkpoint: PullCheckpoint,
    batchSize: number,
    how: 'replace' | 'if-room',
  ): void {
    if (this.stopped || this.revoked) return
    const request = pullRequest(checkpoint, batchSize)
    const fetch = () => {
      const mark = this.unsettledPushes.mark()
      return this.fetchPage(request.headers, batchSize).then(
        (page) => ({ body: page, mark }),
        (error: unknown) => {
          this.unsettledPushes.release(mark)
          throw error
        },
      )
    }
    if (how === 'replace') this.pacer.prefetch(request.key, fetch)
    else this.pacer.prefetchIfRoom(request.key, fetch)
  }

  /**
   * The server copy RxDB holds for each of `ids` (wire form, with its receipt), for a rescue file
   * (`rescue/rescue-export.ts`); empty while replication is not running (a revoked PC).
   */
  async serverCopiesOf(ids: readonly string[]): Promise<Map<string, ParticipantWireDocument>> {
    const meta = this.replication?.metaInstance
    if (!meta || ids.length === 0) return new Map()
    const states = await serverStatesKnownHere(meta as never, ids)
    return new Map(states.map((state) => [state.id, this.toWire(state)]))
  }

  /** This PC's record in the wire form the server takes. */
  wireOf(doc: WithDeleted<ParticipantDocument>): ParticipantWireDocument {
    return this.toWire(doc)
  }

  private recovering: Promise<void> | null = null

  /** Shows the restored server this PC's states, once however many pulls ask at the same time. */
  private recoverAfterRestore(): Promise<void> {
    this.recovering ??= (async () => {
      const meta = this.replication?.metaInstance
      if (!meta) throw new Error('SYNC_STOPPED')
      const { store, session } = this.options
      const ids = (await store.db.participants.find().exec()).map((doc) => doc.id)
      const outcome = await showStatesToRestoredServer({
        meta: meta as never,
        ids,
        session,
        toWire: this.toWire,
      })
      this.update({ lastRecovery: { at: currentTime().toISOString(), ...outcome } })
    })().finally(() => {
      this.recovering = null
    })
    return this.recovering
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
    const withoutServerFlags = (doc: ParticipantWireDocument) => ({
      ...doc,
      duplicates: [],
      receipt: undefined,
    })
    const onServer = pending.filter((doc) => {
      const local = locals.get(doc.id)
      if (!local) return false
      const localWire = this.toWire(local.toMutableJSON() as WithDeleted<ParticipantDocument>)
      return sameJson(withoutServerFlags(localWire), withoutServerFlags(doc))
    })
    if (onServer.length > 0) await markPushed(store, onServer)
  }

  /**
   * Rows RxDB offers to push that are no local write at all: a record just pulled, exactly as the
   * server sent it, with no server copy in RxDB's meta yet. RxDB's upstream `RESYNC` (the live
   * stream sends one when it connects) reads the store between a pulled page's records and their
   * meta rows, and takes them for new local records: in 1 of 2 unthrottled first syncs of 10,000
   * it pushed 50 or more of them, and the pages holding them then waited up to 30 s for those
   * pushes (measured: "synced" 12–15 s after the list was full, 57 s at 50,000). Answered as
   * written, without a request: RxDB then stores them as the server copy, which they are.
   */
  private notLocalWrites(
    rows: readonly { assumedMasterState?: unknown; newDocumentState: ParticipantWireDocument }[],
  ): Set<string> {
    const echoes = new Set<string>()
    for (const row of rows) {
      if (row.assumedMasterState) continue
      const pulled = this.recentlyPulled.get(row.newDocumentState.id)
      if (pulled && sameJson(pulled, row.newDocumentState)) echoes.add(pulled.id)
    }
    return echoes
  }

  private push = async (
    offered: {
      assumedMasterState?: ParticipantWireDocument
      newDocumentState: ParticipantWireDocument
    }[],
  ): Promise<ParticipantWireDocument[]> => {
    const { store } = this.options
    const echoes = this.notLocalWrites(offered)
    const rows =
      echoes.size > 0 ? offered.filter((row) => !echoes.has(row.newDocumentState.id)) : offered
    if (rows.length === 0) return []
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
                write: {
                  updatedAt: row.newDocumentState.updatedAt,
                  _deleted: Boolean(row.newDocumentState._deleted),
                },
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
   *
   * A `RESYNC` reports idle before it pushes and not after; its pushes still settle, because
   * RxDB queues one task per wake-up: the writes such a RESYNC pushes each queued their own task,
   * which runs after it and reports idle (tests/sync/resync-push.test.ts walks that story).
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
    // RxDB's upstream then skips the records this replication's pull wrote when it scans for
    // records to push (upstream-scan.ts): a first sync no longer reads them back 50 at a time.
    this.pullRun = store.replicationOrigin.start(
      await pullWriteContext(store.db.hashFunction, identifier, store.db.name, 'participants'),
      await pullOriginHash(store.db.hashFunction, identifier),
    )
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
        stream$: stream$.pipe(auditTime(300), tap(this.noteResync)),
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
        if (!active && this.resyncCoverage.takeAtRunEnd()) {
          void Promise.resolve().then(() => this.replication?.reSync())
        }
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

    this.auditReplication = new AuditReplication({
      store,
      enrolment,
      session: this.options.session,
      isStopped: () => this.stopped || this.revoked,
      onRevoked: () => this.revoke(),
      onRefusal: (auditError) => this.update({ auditError }),
    })
    this.auditReplication.start()

    this.options.session.onOpened = () => void this.refreshOfficeUsers()
    this.linkEvents?.addEventListener('online', this.onOnline)
    this.linkEvents?.addEventListener('offline', this.onOffline)
    this.probeTimer = setInterval(() => void this.probe(), PROBE_INTERVAL_MS)
    void this.refreshOfficeUsers()
  }

  /** A RESYNC goes to RxDB; one a busy run does not cover is sent again at its end. */
  private noteResync = (): void => this.resyncCoverage.noteResync(this.active)

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
    this.noteResync()
    this.replication?.reSync()
    this.auditReplication?.linkReturned()
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
    this.endOfRun = null
    this.unsettledPushes.settleAll()
    const { replication, auditReplication, pullRun } = this
    this.replication = null
    this.auditReplication = null
    this.pullRun = null
    await Promise.all([replication?.cancel().catch(() => undefined), auditReplication?.stop()])
    if (pullRun) this.options.store.replicationOrigin.stop(pullRun)
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
