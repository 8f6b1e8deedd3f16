/**
 * Records this PC is pushing whose answer RxDB has not yet stored as its server copy, and records
 * pushed since a pull was asked for.
 *
 * Why: a pull answered in that window can carry the server's version of such a record — with
 * what the server added on its own in the same transaction, such as the `duplicates` flag. RxDB
 * then still sees an unsent local write (no server copy yet), skips the pulled version, and moves
 * the checkpoint past it: the flag never arrives until the server changes the record again
 * (measured: a pull retrying from an offline spell and a push woken by the same `online` event).
 * A pull that holds such a record is therefore pulled again once the push has settled.
 *
 * The other way round: a pull asked for before a push, and answered by the server before the push
 * reached it, carries the record as it was. When RxDB has stored the push's answer by the time the
 * page arrives, it sees nothing unsent and stores that older version over the newer edit, until the
 * next pull brings the edit back (measured in the e2e story of a JKM claim: "berkas lengkap" went
 * back to "dilaporkan" for a moment, and a move made in that moment was refused). So a page also
 * overlaps a record pushed since its request was sent (`mark()` when sending).
 *
 * Plain TypeScript: no RxDB, no React. The controller adds ids when its push handler starts and
 * settles them when RxDB's upstream is idle (it stores the server copies before it goes idle).
 */
export class UnsettledPushes {
  private readonly ids = new Set<string>()
  private waiters: (() => void)[] = []
  /** Pushes counted from 1; each record's latest push. */
  private pushes = 0
  /** Every push up to this one has its answer stored as the server copy (the last `settleAll`). */
  private settledThrough = 0
  private readonly lastPush = new Map<string, number>()
  /** Marks of the pulls still in flight (a record pushed before all of them is forgotten). */
  private readonly openMarks = new Map<number, number>()

  /** The push handler is about to send these records. */
  add(ids: Iterable<string>): void {
    this.pushes += 1
    for (const id of ids) {
      this.ids.add(id)
      this.lastPush.set(id, this.pushes)
    }
  }

  /**
   * A pull request is about to be sent: its mark, for `overlapping` when the answer comes. The
   * mark is the last push known to be settled, not the last one sent: a push already on its way
   * may reach the server after this request, and settle before the page is handed over (a page
   * fetched ahead waits for the one before it). Every mark is released (`release`) once its page
   * is decided, so records pushed long ago are let go.
   */
  mark(): number {
    const mark = this.settledThrough
    this.openMarks.set(mark, (this.openMarks.get(mark) ?? 0) + 1)
    return mark
  }

  /** The page asked for at `mark` is decided. */
  release(mark: number): void {
    const count = this.openMarks.get(mark) ?? 0
    if (count <= 1) this.openMarks.delete(mark)
    else this.openMarks.set(mark, count - 1)
    this.forgetSettled()
  }

  /** A push no open or future mark can be older than is of no use any more. */
  private forgetSettled(): void {
    let oldest = this.settledThrough
    for (const mark of this.openMarks.keys()) oldest = Math.min(oldest, mark)
    for (const [id, push] of this.lastPush) if (push <= oldest) this.lastPush.delete(id)
  }

  /** RxDB's upstream is idle: every answered push is stored as the server copy. */
  settleAll(): void {
    this.ids.clear()
    this.settledThrough = this.pushes
    this.forgetSettled()
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }

  get isSettled(): boolean {
    return this.ids.size === 0
  }

  /**
   * The records of a pulled page whose push has not settled, or (given the page's `mark`) that
   * were pushed after its request was sent: the page may hold them as they were before.
   */
  overlapping(pulledIds: Iterable<string>, mark?: number): Set<string> {
    const found = new Set<string>()
    if (this.ids.size === 0 && (mark === undefined || this.lastPush.size === 0)) return found
    for (const id of pulledIds) {
      const pushed = this.lastPush.get(id)
      if (this.ids.has(id) || (mark !== undefined && pushed !== undefined && pushed > mark))
        found.add(id)
    }
    return found
  }

  /** Whether a pulled page holds a record whose push has not settled (or came after `mark`). */
  overlaps(pulledIds: Iterable<string>, mark?: number): boolean {
    return this.overlapping(pulledIds, mark).size > 0
  }

  /** Resolves when every push has settled (at once when nothing is unsettled). */
  whenSettled(): Promise<void> {
    if (this.ids.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }
}

export type OverlapDecision =
  /** Nothing unsettled in the page: hand it to RxDB with the server's checkpoint. */
  | { kind: 'accept' }
  /**
   * The last page holds an unsettled record: hand the page over without `withheld` and keep the
   * old checkpoint, and pull again once the push has settled (RxDB itself delays that pull until
   * its upstream is idle). Withheld, because RxDB would store an older version over the edit once
   * the push's answer is stored.
   */
  | { kind: 'hold-checkpoint'; withheld: ReadonlySet<string> }
  /**
   * A full page: keeping its checkpoint would make RxDB ask for the same page at once, in a loop.
   * Wait for the push to settle, then pull the same page again.
   */
  | { kind: 'wait-and-repull'; withheld: ReadonlySet<string> }
  /**
   * A full page whose push has not settled within the wait (a push retried on and on): hand it
   * over without `withheld`, with the server's checkpoint, so the sync goes on past it. A push
   * that reaches the server after the page was answered comes back in a later page; one that was
   * there already RxDB skips while it is unsettled anyway (as it did before any of this).
   */
  | { kind: 'leave-out'; withheld: ReadonlySet<string> }

/**
 * What the pull handler does with a page, given the records whose push has not settled and the
 * page's `mark` (records pushed after its request was sent), and whether a full page has waited
 * as long as it may.
 */
export function decideOnOverlap(
  unsettled: Pick<UnsettledPushes, 'overlapping'>,
  pulledIds: readonly string[],
  batchSize: number,
  mark?: number,
  isWaitOver = false,
): OverlapDecision {
  const withheld = unsettled.overlapping(pulledIds, mark)
  if (withheld.size === 0) return { kind: 'accept' }
  if (pulledIds.length < batchSize) return { kind: 'hold-checkpoint', withheld }
  return isWaitOver ? { kind: 'leave-out', withheld } : { kind: 'wait-and-repull', withheld }
}
