/**
 * A turn for the window between slices of work on the main thread. `setTimeout(0)` waits ≥ 4 ms once nested (the HTML
 * timer clamp): 50 slices of 100,000 records idled ~200 ms. `scheduler.yield()` (Chromium) lets
 * input and paint in without that wait.
 */
export function yieldToWindow(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise<void>((resolve) => setTimeout(resolve, 0))
}
