/**
 * Token buckets per client: an enrolled device (a valid access token, or a login/refresh whose
 * device credential checked out), else the address of a caller with no identity yet. One bucket
 * per address is also every request's first, coarse guard against sheer volume. In process memory:
 * with several server processes each enforces its own share, which is enough to stop a runaway
 * client or a code-guessing script without a shared store. Time comes from the shared clock.
 */
import { currentTimeMs } from '../shared/dates/clock'

export interface BucketOptions {
  /** Requests allowed in a burst. */
  capacity: number
  /** Tokens added per second. */
  refillPerSecond: number
}

export interface RateLimitOptions {
  /** Each device's own budget (a valid token, or a verified device credential at login). */
  perDevice: BucketOptions
  /** Callers with no identity (health probes, card keys, enrolment, bad credentials), per address. */
  perIp: BucketOptions
  /**
   * Every request, per address, before anything else. Offices behind one proxy share it unless
   * the proxy is trusted (NAUNGAN_TRUSTED_PROXIES), so it is sized for all of them at once.
   */
  outerPerIp: BucketOptions
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  // A sync of 50,000 records at 1,000 per page is ~50 pulls; pushes are at most 200 rows each.
  perDevice: { capacity: 120, refillPerSecond: 20 },
  // Before login: health probes, enrolment, card keys. Offices behind one NAT share an address.
  perIp: { capacity: 300, refillPerSecond: 30 },
  // ~100 offices syncing flat out at once stay under it; a single flooding script does not.
  outerPerIp: { capacity: 5000, refillPerSecond: 2000 },
}

interface Bucket {
  tokens: number
  updatedMs: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private readonly sweeper: NodeJS.Timeout

  constructor(private readonly now: () => number = currentTimeMs) {
    this.sweeper = setInterval(() => this.sweep(), 60_000)
    this.sweeper.unref()
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait (for Retry-After). */
  take(key: string, options: BucketOptions): number {
    const nowMs = this.now()
    const bucket = this.buckets.get(key) ?? { tokens: options.capacity, updatedMs: nowMs }
    const elapsedSeconds = Math.max(0, nowMs - bucket.updatedMs) / 1000
    bucket.tokens = Math.min(
      options.capacity,
      bucket.tokens + elapsedSeconds * options.refillPerSecond,
    )
    bucket.updatedMs = nowMs
    this.buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return 0
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / options.refillPerSecond))
  }

  /** Forgets buckets that have been full for a while. */
  private sweep(): void {
    const cutoff = this.now() - 10 * 60_000
    for (const [key, bucket] of this.buckets) {
      if (bucket.updatedMs < cutoff) this.buckets.delete(key)
    }
  }

  close(): void {
    clearInterval(this.sweeper)
  }
}
