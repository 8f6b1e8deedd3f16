/**
 * Live change notification: every push that writes sends a NOTIFY at commit; each server process
 * LISTENs (a dedicated connection with PostgreSQL, PGlite's listen API embedded) and tells its own
 * SSE clients to pull. Nothing is shared in process memory between servers.
 *
 * An event is sent only once the change is pullable — its transaction below the pull horizon —
 * so a client that pulls on the event finds the change rather than an empty page.
 */
import type { ServerResponse } from 'node:http'
import type { PullCheckpoint, SyncStreamEvent } from '../shared/sync/sync-protocol'
import type { Database } from './database'
import { CHANGE_CHANNEL, currentHorizon, type ChangeNotice } from './participants'

export interface StreamSubscriber {
  /** null: sees every kecamatan */
  jurisdiction: string | null
  send(event: SyncStreamEvent): void
  /** With `close`: at most MAX_STREAMS_PER_DEVICE streams per device in this process. */
  deviceId?: string
  /** Ends the stream (it unsubscribes itself). */
  close?(): void
}

const HORIZON_RECHECK_MS = 200

/**
 * Open streams one device may hold in one process. A new one closes the device's oldest: a client
 * reconnecting over a link whose old connection the server still thinks open must get through.
 */
export const MAX_STREAMS_PER_DEVICE = 3

export class ChangeFeed {
  private readonly subscribers = new Set<StreamSubscriber>()
  private pending: ChangeNotice[] = []
  private recheckTimer: NodeJS.Timeout | null = null
  private stopListening: (() => Promise<void>) | null = null
  private isClosed = false

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(CHANGE_CHANNEL, (payload) => this.onNotify(payload))
  }

  subscribe(subscriber: StreamSubscriber): () => void {
    if (subscriber.deviceId !== undefined) {
      // A Set iterates in insertion order: the first ones found are the oldest.
      const same = [...this.subscribers].filter((s) => s.deviceId === subscriber.deviceId)
      for (const oldest of same.slice(0, Math.max(0, same.length - MAX_STREAMS_PER_DEVICE + 1))) {
        this.subscribers.delete(oldest)
        oldest.close?.()
      }
    }
    this.subscribers.add(subscriber)
    return () => this.subscribers.delete(subscriber)
  }

  get subscriberCount(): number {
    return this.subscribers.size
  }

  private onNotify(payload: string | null): void {
    if (payload === null) {
      // The listening connection was lost and is back: changes may have been missed. Ask every
      // client to pull; an empty pull is cheap.
      this.broadcast(null, { txid: '0', id: '' })
      return
    }
    try {
      const notice = JSON.parse(payload) as ChangeNotice
      if (typeof notice.txid !== 'string' || !Array.isArray(notice.kecamatanCodes)) return
      this.pending.push(notice)
      void this.flush()
    } catch {
      // Not ours; ignore.
    }
  }

  private async flush(): Promise<void> {
    if (this.isClosed || this.pending.length === 0) return
    let horizon: bigint
    try {
      horizon = await currentHorizon(this.db)
    } catch {
      this.scheduleRecheck()
      return
    }
    const ready = this.pending.filter((notice) => BigInt(notice.txid) < horizon)
    this.pending = this.pending.filter((notice) => BigInt(notice.txid) >= horizon)
    for (const notice of ready) {
      this.broadcast(new Set(notice.kecamatanCodes), { txid: notice.txid, id: notice.id })
    }
    if (this.pending.length > 0) this.scheduleRecheck()
  }

  private scheduleRecheck(): void {
    if (this.recheckTimer || this.isClosed) return
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = null
      void this.flush()
    }, HORIZON_RECHECK_MS)
  }

  private broadcast(kecamatanCodes: Set<string> | null, checkpoint: PullCheckpoint): void {
    for (const subscriber of this.subscribers) {
      if (
        kecamatanCodes !== null &&
        subscriber.jurisdiction !== null &&
        !kecamatanCodes.has(subscriber.jurisdiction)
      ) {
        continue
      }
      subscriber.send({ checkpoint })
    }
  }

  async close(): Promise<void> {
    this.isClosed = true
    if (this.recheckTimer) clearTimeout(this.recheckTimer)
    await this.stopListening?.()
    this.subscribers.clear()
  }
}

/** Writes the SSE framing for one stream; returns false once the connection is gone. */
export function writeSseEvent(res: ServerResponse, event: SyncStreamEvent): boolean {
  if (res.destroyed || res.writableEnded) return false
  res.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`)
  return true
}
