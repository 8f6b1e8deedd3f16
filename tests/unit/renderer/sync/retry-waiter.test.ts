import { describe, expect, it } from 'vitest'
import { RetryWaiter } from '@/sync/retry-waiter'

describe('retry waiter', () => {
  it('ends a long wait at once when the link returns', async () => {
    const waiter = new RetryWaiter()
    const started = performance.now()
    const waiting = waiter.wait(60_000)
    waiter.wakeAll()
    await waiting
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('counts wake-ups, so an attempt in flight during one can tell its failure is stale', () => {
    const waiter = new RetryWaiter()
    const before = waiter.wakes
    // Nothing waits while a request is in flight; the wake-up must still be noticed.
    waiter.wakeAll()
    expect(waiter.wakes).toBe(before + 1)
  })

  it('does not wait at all once stopped', async () => {
    const waiter = new RetryWaiter()
    waiter.stop()
    const started = performance.now()
    await waiter.wait(60_000)
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
