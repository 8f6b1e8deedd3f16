/**
 * Lets a query go ahead of the next write slice (issue 14: search during a first sync).
 *
 * IndexedDB runs a read after every write transaction on the same table that was started before
 * it. During a first sync the store's worker starts the next write slice as soon as the last one
 * is stored, so a clerk's search, or the list's page, waited behind one write after another:
 * measured at 50,000 records, a search's one indexed query of a page took 1.0–1.8 s, while the
 * same query after the sync took 15–66 ms. Here a write slice that is about to start waits while
 * a query runs, so the query waits only for the slices already under way.
 *
 * Only queries and counts go first: those are what a window asks for. Reads by id are what the
 * replication itself does around every page; letting them go first too cut a search to ~140 ms
 * but stretched a 50,000-record first sync from 60 s to 113 s (docs/performance.md). A write
 * never waits longer than `maxWaitMs` per slice, so a long count cannot stall the sync.
 */
export class ReadsFirst {
  private running = 0
  private waiting = new Set<() => void>()

  constructor(private readonly maxWaitMs = 500) {}

  /** Runs a query; write slices about to start wait until no query runs. */
  async read<T>(query: () => Promise<T>): Promise<T> {
    this.running += 1
    try {
      return await query()
    } finally {
      this.running -= 1
      if (this.running === 0) this.wakeWriters()
    }
  }

  /** Resolves once no query runs, or after `maxWaitMs`. */
  beforeWrite(): Promise<void> {
    if (this.running === 0) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        this.waiting.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, this.maxWaitMs)
      this.waiting.add(wake)
    })
  }

  /** Writers waiting now (none once their queries ended or their wait ran out). */
  get waitingWriters(): number {
    return this.waiting.size
  }

  private wakeWriters(): void {
    for (const wake of [...this.waiting]) wake()
  }
}
