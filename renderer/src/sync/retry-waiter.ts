/**
 * Waits between retries that can be cut short: when the link returns (`online` event, a health
 * probe that answers), when the clerk presses "Sinkronkan sekarang", or when sync stops.
 */
export class RetryWaiter {
  private waiting = new Set<() => void>()
  private stopped = false
  /**
   * How many times waits were cut short. A retry loop compares it across an attempt: if the link
   * came back while the attempt was still failing, the failure is stale and the next try should
   * not wait out a backoff that nothing would wake.
   */
  wakes = 0

  wait(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiting.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.waiting.add(done)
    })
  }

  /** Ends every wait now: retry at once. */
  wakeAll(): void {
    this.wakes++
    for (const done of [...this.waiting]) done()
  }

  get hasWaiters(): boolean {
    return this.waiting.size > 0
  }

  stop(): void {
    this.stopped = true
    this.wakeAll()
  }
}
