/**
 * A turn for the window (input, rendering, other tasks) between slices of long work.
 *
 * `scheduler.yield()` where Chromium has it (it resumes ahead of other queued tasks); otherwise
 * a MessageChannel message, which unlike `setTimeout(0)` is not stretched to 4 ms once timers nest
 * (hundreds of slices in an initial sync added seconds of idle time that way).
 */
export function yieldToWindow(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        channel.port1.close()
        resolve()
      }
      channel.port2.postMessage(null)
    })
  }
  return new Promise((resolve) => setTimeout(resolve, 0))
}
