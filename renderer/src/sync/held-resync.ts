/**
 * Holds the RESYNCs asked for while a replication run is busy.
 *
 * A RESYNC (the live stream connected or heard of a change, the link came back, "Sinkronkan
 * sekarang") tells RxDB to pull from its checkpoint. RxDB hands every RESYNC to its upstream
 * too, which then reads every record written since the upstream's own checkpoint, 50 at a time
 * with their meta rows, looking for local writes to push. During a first sync that checkpoint
 * trails the pulled pages, so a RESYNC in the middle of it (the live stream connects a few
 * seconds in) made the upstream read the office again while the pages were still being written,
 * and "synced" came seconds after the list was full (docs/performance.md).
 *
 * So while a run is busy a RESYNC is held, and nothing it stood for is lost: a pull page asked
 * for after it holds every change made before it, so a run that takes such a page covers it.
 * Otherwise the run's end sends it. The downstream would not pull for it meanwhile anyway (RxDB
 * queues it behind the run), and the upstream pushes every local write as it is made.
 */
export class HeldResync {
  /** Pull requests sent so far. */
  private pullsSent = 0
  /** The request each answer came from, by `pullsSent`. */
  private readonly numberOf = new WeakMap<object, number>()
  /** `pullsSent` when a RESYNC was last held; null when none waits. */
  private heldAt: number | null = null

  /** A pull request goes out now; its number, for `answered`. */
  pullSent(): number {
    return ++this.pullsSent
  }

  /** `page` is the answer to request `number`. */
  answered(page: unknown, number: number): void {
    if (typeof page === 'object' && page !== null) this.numberOf.set(page, number)
  }

  /** RxDB takes `page`: if it was asked for after the held RESYNC, it covers it. */
  pageTaken(page: unknown): void {
    if (this.heldAt === null || typeof page !== 'object' || page === null) return
    if ((this.numberOf.get(page) ?? 0) > this.heldAt) this.heldAt = null
  }

  /** A RESYNC is asked for: whether it goes to RxDB now (no run busy) or is held. */
  ask(isRunBusy: boolean): boolean {
    if (!isRunBusy) return true
    this.heldAt = this.pullsSent
    return false
  }

  /** The run is over: whether a RESYNC it did not cover must be sent now. */
  takeAtRunEnd(): boolean {
    const isHeld = this.heldAt !== null
    this.heldAt = null
    return isHeld
  }
}
