import type { PullCheckpoint } from '@shared/sync/sync-protocol'

/**
 * Keeps an initial sync's link busy and its writes small.
 *
 * RxDB asks for the next page as soon as it has one, before that one is written. When pages
 * arrive faster than the store writes them, RxDB merges every unwritten page into one write, and
 * the window froze for seconds at a time (6–23 s tasks at 50,000 records, docs/performance.md).
 * So each page is handed over only once the page before it is stored: RxDB stores its checkpoint
 * after the page's documents, and the store reports every checkpoint it writes
 * (`NaunganStore.onCheckpointStored`). The link does not idle meanwhile: while a page is being
 * written, the next one is already on its way (one request ahead, never more, so a slow store
 * never piles up pages in memory).
 *
 * Nothing here is needed for correctness: a prefetched page whose checkpoint RxDB does not ask
 * for is dropped, a failed prefetch is fetched again the normal way, and a page that never
 * reports its checkpoint (RxDB found nothing to write) is waited for at most PERSIST_WAIT_MS.
 */
export const PERSIST_WAIT_MS = 20_000

/**
 * A pull request's options. `cache: 'default'`: the server answers `no-store`, so nothing is kept,
 * and unlike a 'no-store' request it lets Chromium reuse the CORS preflight of the pull's one URL
 * (with 'no-store' it preflighted every page: one more round trip each).
 */
export function pullInit(headers: Record<string, string>): RequestInit {
  return { headers, cache: 'default' }
}

export function sameCheckpoint(a: unknown, b: PullCheckpoint | null | undefined): boolean {
  if (!b || typeof a !== 'object' || a === null) return false
  const candidate = a as Partial<PullCheckpoint>
  return candidate.txid === b.txid && candidate.id === b.id
}

export class PullPacer<Page> {
  private prefetched: { key: string; page: Promise<Page | null> } | null = null
  /** The checkpoint at the end of the last page handed to RxDB, until RxDB has stored it. */
  private unwritten: PullCheckpoint | null = null
  private wakeWriters = new Set<() => void>()

  /**
   * @param onDropped Told of each prefetched page that is never taken (another key was asked
   *   for, a newer prefetch replaced it, or the replication stopped).
   */
  constructor(
    private readonly persistWaitMs = PERSIST_WAIT_MS,
    private readonly onDropped: (page: Page) => void = () => undefined,
  ) {}

  /** The store wrote a replication checkpoint (every checkpoint RxDB stores passes here). */
  readonly checkpointStored = (checkpoint: unknown): void => {
    if (!sameCheckpoint(checkpoint, this.unwritten)) return
    this.unwritten = null
    for (const wake of this.wakeWriters) wake()
    this.wakeWriters.clear()
  }

  /** A page from `from` to `to` goes to RxDB now. */
  handedOver(from: PullCheckpoint | undefined, to: PullCheckpoint | null, documents: number): void {
    this.unwritten = documents > 0 && to && !sameCheckpoint(from, to) ? to : null
  }

  /** Before the page after `checkpoint` is asked for: until the page ending there is stored. */
  async untilWritten(checkpoint: PullCheckpoint | undefined): Promise<void> {
    if (!this.unwritten || !sameCheckpoint(checkpoint, this.unwritten)) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wakeWriters.delete(done)
        resolve()
      }, this.persistWaitMs)
      const done = () => {
        clearTimeout(timer)
        resolve()
      }
      this.wakeWriters.add(done)
    })
  }

  /** Starts fetching the page at `key` while the current one is written. */
  prefetch(key: string, fetch: () => Promise<Page>): void {
    this.drop(this.prefetched)
    this.prefetched = { key, page: fetch().catch(() => null) }
  }

  /** The prefetched page at `key`, or null (none, another key, or it failed). */
  async take(key: string): Promise<Page | null> {
    const prefetched = this.prefetched
    this.prefetched = null
    if (!prefetched) return null
    if (prefetched.key === key) return prefetched.page
    this.drop(prefetched)
    return null
  }

  private drop(prefetched: { page: Promise<Page | null> } | null): void {
    if (!prefetched) return
    void prefetched.page.then((page) => {
      if (page) this.onDropped(page)
    })
  }

  /** Stop waiting and forget the prefetched page (replication stopped). */
  reset(): void {
    this.drop(this.prefetched)
    this.prefetched = null
    this.unwritten = null
    for (const wake of this.wakeWriters) wake()
    this.wakeWriters.clear()
  }
}
