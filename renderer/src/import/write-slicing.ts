/**
 * Slicing the import's reads and writes so the window keeps painting and answering keys: fixed
 * read slices, write slices sized from how long the last one held the window, a pause between
 * slices, and a cancel checked before each.
 */
import type { RxDocument } from 'rxdb'
import type { ParticipantDocument } from '@shared/participant/participant-document'

/**
 * Most records per slice while applying or undoing (see `writeSlicer`). 500 was measured too:
 * ~8 % faster, but undo then held the window up to 263 ms twice and ended with a 500 MB heap.
 */
export const WRITE_SLICE = 250
/** Records per `findByIds` while checking: building 500 documents at once is a long task. */
export const READ_SLICE = 200

export class ImportCancelledError extends Error {
  constructor() {
    super('Import cancelled.')
    this.name = 'ImportCancelledError'
  }
}

/** Lets the window paint and handle keys between slices. */
export const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportCancelledError()
}

export function sliced<T>(items: readonly T[], size: number): T[][] {
  const slices: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    slices.push(items.slice(start, start + size))
  }
  return slices
}

/**
 * Write slices are sized from how long each slice's work held the window's event loop, not from
 * how long it took. The store runs in its worker: a slice's time is mostly IndexedDB's and the
 * disk's (each transaction flushed), which the window does not feel. Sized from that time, as
 * before, slices of ~25 drafts on a profile on disk meant ~3,900 slices of five flushed
 * transactions each for ~95,000 drafts (docs/performance.md). What the window does feel — RxDB's
 * documents and change events for the slice on this thread — is what the probe measures.
 */
const TARGET_HOLD_MS = 35
/**
 * A slice's wall time is still bounded, looser: cancel is checked and progress reported between
 * slices, and on a slow disk (10–20 ms a flush) 250 records could take seconds.
 */
const MAX_SLICE_MS = 1_000
const MIN_WRITE_SLICE = 5
const FIRST_WRITE_SLICE = 25
/**
 * How often the probe looks at the event loop while a slice's work runs. It sees how late it
 * fires, so a hold reads up to this much short: the effective target is 35–45 ms.
 */
const PROBE_INTERVAL_MS = 10

export interface WriteSlicer {
  readonly size: number
  /** Runs one slice's work on `count` items and sizes the next slice from what it held. */
  measured<T>(count: number, work: () => Promise<T>): Promise<T>
}

/**
 * The next slice's size after one of `count` items (the slicer's `size` was `size`) that held
 * the window `heldMs` and took `elapsedMs`: scaled from the count so the window would be held
 * about TARGET_HOLD_MS and the slice would take at most MAX_SLICE_MS; growing at most twofold a
 * slice (a short hold says little about a slice twice as large), and not at all after a short
 * slice (a part's last); shrinking at once after a long hold.
 */
export function nextSliceSize(size: number, count: number, heldMs: number, elapsedMs = 0): number {
  const byHold = Math.round((count * TARGET_HOLD_MS) / Math.max(heldMs, 1))
  const byTime = Math.round((count * MAX_SLICE_MS) / Math.max(elapsedMs, 1))
  const most = Math.min(WRITE_SLICE, count < size ? size : size * 2)
  return Math.max(MIN_WRITE_SLICE, Math.min(most, byHold, byTime))
}

/** Whether the window is on screen (always, outside a browser): hidden, its timers are slowed. */
function windowVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden'
}

/**
 * Runs `work` and reports the longest stretch the event loop was held meanwhile: a timer every
 * PROBE_INTERVAL_MS notes how late it fires. While the window is hidden (minimised), Chromium
 * slows its timers to one a second: a gap during which the window was hidden at either end, or
 * was hidden or shown, is not a hold a user could feel and is not counted.
 */
export async function withLongestHold<T>(
  work: () => Promise<T>,
  now: () => number = () => performance.now(),
): Promise<{ value: T; heldMs: number }> {
  let last = now()
  let heldMs = 0
  let visibleThroughout = windowVisible()
  const onVisibility = () => {
    visibleThroughout = false
  }
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility)
  let timer: ReturnType<typeof setTimeout> | undefined
  const look = () => {
    const at = now()
    const visible = windowVisible()
    if (visibleThroughout && visible) heldMs = Math.max(heldMs, at - last - PROBE_INTERVAL_MS)
    visibleThroughout = visible
    last = at
  }
  const tick = () => {
    look()
    timer = setTimeout(tick, PROBE_INTERVAL_MS)
  }
  timer = setTimeout(tick, PROBE_INTERVAL_MS)
  try {
    const value = await work()
    look()
    return { value, heldMs: Math.max(0, heldMs) }
  } finally {
    clearTimeout(timer)
    if (typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }
}

/**
 * A slicer for one phase of work (the drafts, the check decisions): the next phase takes a new
 * one, starting small again, since its records cost the window differently. `fixed`: always that
 * size (tests). `now`: the probe's clock, injected in tests.
 */
export function writeSlicer(
  fixed?: number,
  now: () => number = () => performance.now(),
): WriteSlicer {
  let size = fixed ?? FIRST_WRITE_SLICE
  return {
    get size() {
      return size
    },
    async measured(count, work) {
      if (fixed !== undefined) return work()
      const started = now()
      const { value, heldMs } = await withLongestHold(work, now)
      size = nextSliceSize(size, count, heldMs, now() - started)
      return value
    },
  }
}

/**
 * `work` on consecutive slices of `items`, as large as the slicer says, with a turn for the
 * window after each (measured with the slice: what the slice's change events cost the window
 * runs then).
 */
export async function inSlices<T>(
  items: readonly T[],
  slicer: WriteSlicer,
  signal: AbortSignal | undefined,
  work: (slice: T[]) => Promise<void>,
): Promise<void> {
  let position = 0
  while (position < items.length) {
    throwIfCancelled(signal)
    const slice = items.slice(position, position + slicer.size)
    await slicer.measured(slice.length, async () => {
      await work(slice)
      await yieldToUi()
    })
    position += slice.length
  }
}

export function fulfilledDocuments(
  results: readonly PromiseSettledResult<RxDocument<ParticipantDocument>>[],
): ParticipantDocument[] {
  return results.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value.toJSON() as ParticipantDocument] : [],
  )
}
