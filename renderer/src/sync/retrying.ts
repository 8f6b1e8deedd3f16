import { backoffDelay } from '@shared/sync/backoff'
import { isDeviceRevoked, ServerError } from '@/core/server-api'
import type { RetryWaiter } from './retry-waiter'

/** How one replication retries its requests; the participants' and the audit trail's differ. */
export interface RetryPolicy {
  waiter: RetryWaiter
  /** Replication stopped or the PC revoked: give up. */
  isStopped(): boolean
  /** The server ended the session: the app is signing the user out, knocking again is useless. */
  isSessionEnded(): boolean
  /** The server says this PC is revoked. */
  onRevoked(): void
  onSuccess(): void
  onFailure(error: unknown): void
  /**
   * Start again at once when the link came back (online event, probe, "Sinkronkan sekarang")
   * while the attempt was failing: that wake-up found nothing waiting, and sleeping through a
   * long backoff until the next probe would waste it.
   */
  restartWhenWoken: boolean
}

/** Runs one request until it succeeds, waiting with backoff and jitter between tries. */
export async function retrying<T>(work: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (policy.isStopped()) throw new Error('SYNC_STOPPED')
    const wakesBefore = policy.waiter.wakes
    try {
      const result = await work()
      policy.onSuccess()
      return result
    } catch (error) {
      if (isDeviceRevoked(error)) {
        policy.onRevoked()
        throw error
      }
      if (policy.isSessionEnded()) throw error
      policy.onFailure(error)
      const retryAfter = error instanceof ServerError ? error.failure.retryAfterMs : undefined
      if (
        policy.restartWhenWoken &&
        policy.waiter.wakes !== wakesBefore &&
        retryAfter === undefined
      ) {
        attempt = 0
        continue
      }
      await policy.waiter.wait(backoffDelay(attempt, undefined, undefined, retryAfter))
    }
  }
}
