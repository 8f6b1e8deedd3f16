/**
 * Token buckets per caller (an enrolled device, or the IP address before there is one). In
 * process memory: with several server processes each enforces its own share, which is enough to
 * stop a runaway client or a code-guessing script without a shared store.
 */
export interface BucketOptions {
  /** Requests allowed in a burst. */
  capacity: number
  /** Tokens added per second. */
  refillPerSecond: number
}

export interface RateLimitOptions {
  perDevice: BucketOptions
  perIp: BucketOptions
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  // A sync of 50,000 records at 1,000 per page is ~50 pulls; pushes are at most 200 rows each.
  perDevice: { capacity: 120, refillPerSecond: 20 },
  // Before login: health probes, enrolment, login. Offices behind one NAT share an address.
  perIp: { capacity: 300, refillPerSecond: 30 },
}

interface Bucket {
  tokens: number
  updatedMs: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private readonly sweeper: NodeJS.Timeout

  constructor(private readonly now: () => number = Date.now) {
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
