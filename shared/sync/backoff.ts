import { currentTimeMs } from '../dates/clock'
/**
 * Retry delays for a link that comes and goes: exponential, capped, with "full jitter" (a random
 * delay between zero and the exponential ceiling), so fifty offices that lost the same satellite
 * link do not all come back in the same second.
 */
export interface BackoffPolicy {
  /** First ceiling, in ms. */
  baseMs: number
  /** Largest delay, in ms. */
  capMs: number
  /** Shortest delay, in ms, so a tight failure loop can never spin. */
  minMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000, minMs: 250 }

/**
 * Delay before retry number `attempt` (1 for the first retry). `random` is injectable for tests
 * and returns [0, 1). A server's Retry-After (429/503), when given, is respected as a floor.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const exponent = Number.isFinite(attempt) ? Math.min(Math.max(attempt, 1) - 1, 30) : 0
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent)
  const jittered = Math.max(policy.minMs, Math.floor(random() * ceiling))
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0) {
    return Math.min(policy.capMs, Math.max(jittered, retryAfterMs))
  }
  return jittered
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(
  header: string | null,
  now: number = currentTimeMs(),
): number | undefined {
  if (!header) return undefined
  const trimmed = header.trim()
  if (/^\d{1,7}$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}
