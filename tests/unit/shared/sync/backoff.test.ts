import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from '@shared/sync/backoff'

describe('retry backoff', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [9, 256_000],
    [10, 300_000],
    [50, 300_000],
    [1_000_000, 300_000],
  ])('retry %i waits at most %i ms', (attempt, ceiling) => {
    expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.999_999)).toBeLessThanOrEqual(ceiling)
    expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.999_999)).toBeGreaterThan(ceiling * 0.99)
  })

  it('spreads retries over the whole window (full jitter), never below the floor', () => {
    expect(backoffDelay(6, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.minMs)
    expect(backoffDelay(6, DEFAULT_BACKOFF, () => 0.5)).toBe(16_000)
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(8)))
    expect(delays.size).toBeGreaterThan(40)
  })

  it.each([0, -3, Number.NaN])('treats attempt %d as the first', (attempt) => {
    expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.999)).toBeLessThanOrEqual(1_000)
  })

  it("respects the server's Retry-After, within the cap", () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0, 30_000)).toBe(30_000)
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0, 3_600_000)).toBe(300_000)
  })

  it.each([
    ['120', 120_000],
    [' 5 ', 5_000],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('reads Retry-After %j', (header, expected) => {
    expect(parseRetryAfter(header, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected)
  })
})
