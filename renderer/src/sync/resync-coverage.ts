/**
 * The RESYNCs that came while a replication run was busy, and whether the run covered them.
 *
 * A RESYNC (the live stream connected or heard of a change, the link came back, "Sinkronkan
 * sekarang") tells RxDB to pull from its checkpoint. RxDB drops one that comes before it asks
 * for the next page of a run in progress, since that page will hold the change. With pages
 * fetched ahead (`pull-pacer.ts`) that is no longer true: the page's request may have gone out
 * before the RESYNC came, and a record registered in between was missed until the next change.
 *
 * So the controller counts the pull requests it really sends. A page asked for after a RESYNC
 * holds every change that RESYNC stood for, so a run that takes such a page covers it; otherwise
 * one more RESYNC is sent when the run is over. The RESYNC itself still goes to RxDB as it comes.
 */
export class ResyncCoverage {
  /** Pull requests sent so far. */
  private pullsSent = 0
  /** The request each answer came from, by `pullsSent`. */
  private readonly numberOf = new WeakMap<object, number>()
  /** `pullsSent` when the last RESYNC during a run came; null when none waits to be covered. */
  private uncoveredAt: number | null = null

  /** A pull request goes out now; its number, for `answered`. */
  pullSent(): number {
    return ++this.pullsSent
  }

  /** `page` is the answer to request `number`. */
  answered(page: unknown, number: number): void {
    if (typeof page === 'object' && page !== null) this.numberOf.set(page, number)
  }

  /** RxDB takes `page`: if it was asked for after the last RESYNC, it covers it. */
  pageTaken(page: unknown): void {
    if (this.uncoveredAt === null || typeof page !== 'object' || page === null) return
    if ((this.numberOf.get(page) ?? 0) > this.uncoveredAt) this.uncoveredAt = null
  }

  /** A RESYNC came; during a run it must be covered by a page asked for after it. */
  noteResync(isRunBusy: boolean): void {
    if (isRunBusy) this.uncoveredAt = this.pullsSent
  }

  /** The run is over: whether a RESYNC it did not cover must be sent again now. */
  takeAtRunEnd(): boolean {
    const isUncovered = this.uncoveredAt !== null
    this.uncoveredAt = null
    return isUncovered
  }
}
