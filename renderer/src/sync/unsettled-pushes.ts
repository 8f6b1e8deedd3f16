/**
 * Records this PC is pushing whose answer RxDB has not yet stored as its server copy.
 *
 * Why: a pull answered in that window can carry the server's version of such a record — with
 * what the server added on its own in the same transaction, such as the `duplicates` flag. RxDB
 * then still sees an unsent local write (no server copy yet), skips the pulled version, and moves
 * the checkpoint past it: the flag never arrives until the server changes the record again
 * (measured: a pull retrying from an offline spell and a push woken by the same `online` event).
 * A pull that holds such a record is therefore pulled again once the push has settled.
 *
 * Plain TypeScript: no RxDB, no React. The controller adds ids when its push handler starts and
 * settles them when RxDB's upstream is idle (it stores the server copies before it goes idle).
 */
export class UnsettledPushes {
  private readonly ids = new Set<string>()
  private waiters: (() => void)[] = []

  /** The push handler is about to send these records. */
  add(ids: Iterable<string>): void {
    for (const id of ids) this.ids.add(id)
  }

  /** RxDB's upstream is idle: every answered push is stored as the server copy. */
  settleAll(): void {
    this.ids.clear()
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }

  get isSettled(): boolean {
    return this.ids.size === 0
  }

  /** Whether a pulled page holds a record whose push has not settled. */
  overlaps(pulledIds: Iterable<string>): boolean {
    if (this.ids.size === 0) return false
    for (const id of pulledIds) if (this.ids.has(id)) return true
    return false
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
   * The last page holds an unsettled record: hand the page over but keep the old checkpoint, and
   * pull again once the push has settled (RxDB itself delays that pull until its upstream is idle).
   */
  | { kind: 'hold-checkpoint' }
  /**
   * A full page: keeping its checkpoint would make RxDB ask for the same page at once, in a loop.
   * Wait for the push to settle, then pull the same page again.
   */
  | { kind: 'wait-and-repull' }

/** What the pull handler does with a page, given the records whose push has not settled. */
export function decideOnOverlap(
  unsettled: Pick<UnsettledPushes, 'overlaps'>,
  pulledIds: readonly string[],
  batchSize: number,
): OverlapDecision {
  if (!unsettled.overlaps(pulledIds)) return { kind: 'accept' }
  return pulledIds.length < batchSize ? { kind: 'hold-checkpoint' } : { kind: 'wait-and-repull' }
}
