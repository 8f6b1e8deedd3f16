/**
 * The import's write slices are sized from how long a slice held the window, not from how long
 * its writes took (the store's worker and the disk take most of that, unseen by the window).
 * The clock is injected or faked: a "hold" is the clock moved while no timer could run.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  WRITE_SLICE,
  inSlices,
  nextSliceSize,
  withLongestHold,
  writeSlicer,
} from '@/import/write-slicing'

describe('nextSliceSize', () => {
  it('grows at most twofold while slices hold the window for almost nothing, up to the cap', () => {
    const sizes = [25]
    for (let i = 0; i < 12; i++) {
      const size = sizes.at(-1) as number
      sizes.push(nextSliceSize(size, size, 0))
    }
    expect(sizes.slice(0, 4)).toEqual([25, 50, 100, 200])
    for (let i = 1; i < sizes.length; i++) {
      expect(sizes[i]).toBeLessThanOrEqual(Math.min(WRITE_SLICE, 2 * (sizes[i - 1] as number)))
    }
    expect(sizes.at(-1)).toBe(WRITE_SLICE)
  })

  it('shrinks at once after a long hold, to what would have held the window ~35 ms', () => {
    expect(nextSliceSize(200, 200, 140)).toBe(50)
    expect(nextSliceSize(200, 200, 35)).toBe(200)
    expect(nextSliceSize(200, 200, 70)).toBe(100)
  })

  it('does not grow after a short slice (the last of a part), and scales from what it held', () => {
    // 10 records held the window for nothing: no evidence about 200.
    expect(nextSliceSize(100, 10, 0)).toBe(100)
    // 50 records held it 70 ms: 25 would have held it ~35 ms.
    expect(nextSliceSize(100, 50, 70)).toBe(25)
  })

  it('keeps a slice within about a second, however free the window', () => {
    // 200 records took 4 s (a slow disk): 50 would take ~1 s.
    expect(nextSliceSize(200, 200, 0, 4_000)).toBe(50)
  })

  it('never goes below five records however long the hold', () => {
    expect(nextSliceSize(25, 25, 10_000)).toBe(5)
  })
})

/** Work that holds the thread for `ms` on vitest's fake clock: it moves, and no timer runs. */
const holdingFor = (ms: number) => async () => {
  vi.setSystemTime(Date.now() + ms)
  await Promise.resolve()
}

describe('withLongestHold', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('reports how long the work held the event loop, not how long it took', async () => {
    vi.useFakeTimers({ now: 0 })
    const now = () => Date.now()
    // Work that waits 500 ms for something else (the store's worker) while the window stays
    // free: the probe's timers run all along.
    const waited = await withLongestHold(async () => {
      await vi.advanceTimersByTimeAsync(500)
      return 'written'
    }, now)
    expect(waited.value).toBe('written')
    expect(Date.now()).toBe(500)
    expect(waited.heldMs).toBe(0)

    // Work that holds the thread for 120 ms: the clock moves and no timer runs meanwhile.
    const held = await withLongestHold(holdingFor(120), now)
    expect(held.heldMs).toBe(110)
  })

  it('does not count a gap while the window was hidden, or hidden and shown again', async () => {
    vi.useFakeTimers({ now: 0 })
    const now = () => Date.now()
    const page = new EventTarget() as EventTarget & { visibilityState: string }
    page.visibilityState = 'visible'
    vi.stubGlobal('document', page)
    try {
      // Minimised: Chromium fires the probe's timer a second late. No hold a user could feel.
      const hidden = await withLongestHold(async () => {
        page.visibilityState = 'hidden'
        page.dispatchEvent(new Event('visibilitychange'))
        vi.setSystemTime(Date.now() + 1_000)
        page.visibilityState = 'visible'
        page.dispatchEvent(new Event('visibilitychange'))
        await Promise.resolve()
      }, now)
      expect(hidden.heldMs).toBe(0)
      // On screen throughout, the same second is a hold.
      const shown = await withLongestHold(holdingFor(1_000), now)
      expect(shown.heldMs).toBe(990)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('leaves no probe running when the work fails', async () => {
    vi.useFakeTimers({ now: 0 })
    await expect(
      withLongestHold(async () => {
        await vi.advanceTimersByTimeAsync(50)
        throw new Error('write refused')
      }),
    ).rejects.toThrow('write refused')
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('writeSlicer with inSlices', () => {
  it('hands out larger slices while the window stays free, and every item exactly once', async () => {
    const items = Array.from({ length: 2_000 }, (_, i) => i)
    const seen: number[] = []
    const sizes: number[] = []
    // A clock that never moves: no slice holds the window.
    await inSlices(
      items,
      writeSlicer(undefined, () => 0),
      undefined,
      async (slice) => {
        sizes.push(slice.length)
        seen.push(...slice)
        await Promise.resolve()
      },
    )
    expect(seen).toEqual(items)
    expect(sizes[0]).toBe(25)
    expect(Math.max(...sizes)).toBeGreaterThan(100)
  })

  it('keeps a fixed size when given one', async () => {
    const sizes: number[] = []
    await inSlices(
      Array.from({ length: 35 }, (_, i) => i),
      writeSlicer(10),
      undefined,
      async (slice) => {
        sizes.push(slice.length)
      },
    )
    expect(sizes).toEqual([10, 10, 10, 5])
  })
})
