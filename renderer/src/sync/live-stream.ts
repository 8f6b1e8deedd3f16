import { Observable } from 'rxjs'
import { backoffDelay } from '@shared/sync/backoff'
import { EventStreamParser } from '@shared/sync/event-stream'
import type { ServerSession } from '@/core/server-session'
import type { RetryWaiter } from './retry-waiter'

/**
 * If nothing at all (not even the server's keep-alive comment) arrives for this long, the
 * connection is taken as dead — satellite links drop without a FIN — and opened again.
 */
export const STREAM_IDLE_TIMEOUT_MS = 75_000

/**
 * GET /api/sync/participants/stream, read with fetch (EventSource cannot send the Authorization
 * header). Emits 'RESYNC' when connected (anything may have changed while disconnected) and for
 * every `change` event; RxDB then pulls from its checkpoint. Reconnects with backoff.
 */
export function liveStream(
  session: ServerSession,
  waiter: RetryWaiter,
  onConnected: (connected: boolean) => void,
): Observable<'RESYNC'> {
  return new Observable<'RESYNC'>((subscriber) => {
    let stopped = false
    let controller: AbortController | null = null
    void (async () => {
      let attempt = 0
      while (!stopped && !session.isRevoked) {
        controller = new AbortController()
        let idleTimer: ReturnType<typeof setTimeout> | null = null
        const armIdle = () => {
          if (idleTimer) clearTimeout(idleTimer)
          idleTimer = setTimeout(() => controller?.abort(), STREAM_IDLE_TIMEOUT_MS)
        }
        try {
          const response = await session.fetch(
            '/api/sync/participants/stream',
            { headers: { Accept: 'text/event-stream' }, signal: controller.signal },
            null,
          )
          if (!response.ok || !response.body) throw new Error(`stream ${response.status}`)
          attempt = 0
          onConnected(true)
          subscriber.next('RESYNC')
          armIdle()
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
          const parser = new EventStreamParser()
          for (;;) {
            const { value, done } = await reader.read()
            if (done) break
            armIdle()
            if (parser.push(value).some((event) => event.event === 'change')) {
              subscriber.next('RESYNC')
            }
          }
        } catch {
          // Dropped, refused or timed out: reconnect below after a pause.
        } finally {
          if (idleTimer) clearTimeout(idleTimer)
          onConnected(false)
        }
        if (stopped) break
        attempt++
        await waiter.wait(backoffDelay(attempt))
      }
    })()
    return () => {
      stopped = true
      controller?.abort()
    }
  })
}
