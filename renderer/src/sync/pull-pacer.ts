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
 * written, the next one is already on its way, asked for as soon as the page before it started
 * to arrive (its `X-Naungan-Page` header). At most `MAX_PAGES_AHEAD` pages wait, so a slow store
 * never piles up pages in memory.
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

/**
 * Pages fetched ahead and not yet taken: the next one, and the one after it, asked for while the
 * next one's body still arrives.
 */
export const MAX_PAGES_AHEAD = 2

export class PullPacer<Page> {
  /** Pages fetched ahead, in the order they were asked for. */
  private readonly prefetched = new Map<string, Promise<Page | null>>()
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

  /**
   * Starts fetching the page at `key` while the current one is written, unless it is on its way
   * already. Pages asked for before and never taken make room (the oldest first).
   */
  prefetch(key: string, fetch: () => Promise<Page>): void {
    if (this.prefetched.has(key)) return
    while (this.prefetched.size >= MAX_PAGES_AHEAD) this.dropOldest()
    this.prefetched.set(
      key,
      fetch().catch(() => null),
    )
  }

  /**
   * Starts fetching the page at `key` further ahead, if fewer than `MAX_PAGES_AHEAD` pages wait
   * (never making room: the pages waiting are the ones RxDB asks for next). Whether it started.
   */
  prefetchIfRoom(key: string, fetch: () => Promise<Page>): boolean {
    if (this.prefetched.has(key)) return true
    if (this.prefetched.size >= MAX_PAGES_AHEAD) return false
    this.prefetched.set(
      key,
      fetch().catch(() => null),
    )
    return true
  }

  /**
   * The prefetched page at `key`, or null (none, or it failed). Pages asked for before it are
   * dropped: RxDB has moved past them.
   */
  async take(key: string): Promise<Page | null> {
    const page = this.prefetched.get(key)
    if (!page) {
      while (this.prefetched.size > 0) this.dropOldest()
      return null
    }
    for (const [waiting] of this.prefetched) {
      if (waiting === key) break
      this.dropOldest()
    }
    this.prefetched.delete(key)
    return page
  }

  private dropOldest(): void {
    const oldest = this.prefetched.entries().next()
    if (oldest.done) return
    const [key, page] = oldest.value
    this.prefetched.delete(key)
    this.drop(page)
  }

  private drop(page: Promise<Page | null>): void {
    void page.then((dropped) => {
      if (dropped) this.onDropped(dropped)
    })
  }

  /** Stop waiting and forget the prefetched page (replication stopped). */
  reset(): void {
    while (this.prefetched.size > 0) this.dropOldest()
    this.unwritten = null
    for (const wake of this.wakeWriters) wake()
    this.wakeWriters.clear()
  }
}
