/**
 * A throttling TCP proxy on 127.0.0.1 that models ONE office link shared by every connection the
 * browser opens (Chromium keeps up to six per origin, plus the event stream): each direction is a
 * single queue drained at `bytesPerSecond`, then held for `oneWayDelayMs`. Two responses sent at
 * once therefore share the rate instead of each getting it (tests/support/fault-proxy.ts caps
 * each connection separately).
 *
 * It counts the bytes forwarded each way (headers and framing included: what the link carries)
 * and the HTTP/1.1 requests by method, CORS preflights (OPTIONS) included, by reading the request
 * lines in the client-to-server stream. Only plain HTTP/1.1 is expected here (no TLS on
 * 127.0.0.1), which is what Chromium speaks to an http:// origin.
 *
 *   const proxy = await startSharedLinkProxy({ target: serverUrl, bytesPerSecond: 125_000, oneWayDelayMs: 150 })
 *   … proxy.url …
 *   proxy.stats()
 *   await proxy.close()
 */
import { createServer, connect, type Server, type Socket } from 'node:net'

export interface LinkShape {
  /** Bytes per second each way; Infinity for no rate limit. */
  bytesPerSecond: number
  /** Added to every chunk in each direction (half the round trip). */
  oneWayDelayMs: number
}

export interface ProxyRequest {
  /** performance.now() in this process when the request line was read. */
  at: number
  method: string
  path: string
}

export interface LinkStats {
  bytesToServer: number
  bytesToClient: number
  connections: number
  requests: number
  preflights: number
  byMethod: Record<string, number>
}

export interface SharedLinkProxy {
  url: string
  /** Every request line seen, in order (bounded: the first 100,000). */
  requests: ProxyRequest[]
  stats(): LinkStats
  /** Forgets the counts (not the open connections). */
  resetCounts(): void
  close(): Promise<void>
}

/** Slices a chunk is cut into, so that two connections interleave on the link. */
const SLICE_BYTES = 4096
/** A sender is paused while this much of its data waits for the link (TCP-like backpressure). */
const PAUSE_ABOVE_BYTES = 256 * 1024
const MAX_RECORDED_REQUESTS = 100_000
const REQUEST_LINE = /(?:^|\r\n)([A-Z]{3,7}) (\S+) HTTP\/1\.[01]\r\n/g

interface Pending {
  deliverAt: number
  to: Socket
  from: Socket
  data: Buffer
}

/** One direction of the link: a FIFO served at the link rate, then delayed. */
class Direction {
  private busyUntil = 0
  private readonly queue: Pending[] = []
  private head = 0
  private timer: NodeJS.Timeout | null = null
  private readonly waiting = new Map<Socket, number>()
  bytes = 0

  constructor(private readonly shape: LinkShape) {}

  send(from: Socket, to: Socket, chunk: Buffer): void {
    this.bytes += chunk.length
    if (!Number.isFinite(this.shape.bytesPerSecond) && this.shape.oneWayDelayMs <= 0) {
      if (!to.destroyed) to.write(chunk)
      return
    }
    for (let offset = 0; offset < chunk.length; offset += SLICE_BYTES) {
      const data = chunk.subarray(offset, offset + SLICE_BYTES)
      const now = performance.now()
      const start = Math.max(now, this.busyUntil)
      const sent = Number.isFinite(this.shape.bytesPerSecond)
        ? start + (data.length / this.shape.bytesPerSecond) * 1000
        : start
      this.busyUntil = sent
      this.queue.push({ deliverAt: sent + this.shape.oneWayDelayMs, to, from, data })
    }
    const queued = (this.waiting.get(from) ?? 0) + chunk.length
    this.waiting.set(from, queued)
    if (queued > PAUSE_ABOVE_BYTES) from.pause()
    this.schedule()
  }

  private schedule(): void {
    if (this.timer || this.head >= this.queue.length) return
    const next = this.queue[this.head] as Pending
    this.timer = setTimeout(
      () => {
        this.timer = null
        this.drain()
      },
      Math.max(0, next.deliverAt - performance.now()),
    )
  }

  private drain(): void {
    const now = performance.now()
    while (this.head < this.queue.length) {
      const item = this.queue[this.head] as Pending
      if (item.deliverAt > now + 0.5) break
      this.head++
      if (!item.to.destroyed) item.to.write(item.data)
      const left = (this.waiting.get(item.from) ?? 0) - item.data.length
      this.waiting.set(item.from, left)
      if (left <= PAUSE_ABOVE_BYTES / 2 && item.from.isPaused() && !item.from.destroyed) {
        item.from.resume()
      }
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head)
      this.head = 0
    }
    this.schedule()
  }

  /** Ends `to` once everything queued for it has been delivered. */
  endAfterQueued(to: Socket): void {
    const last = this.queue.findLast((item) => item.to === to)
    if (!last || this.queue.indexOf(last) < this.head) {
      to.end()
      return
    }
    const check = setInterval(() => {
      if (this.queue.indexOf(last) < this.head || to.destroyed) {
        clearInterval(check)
        to.end()
      }
    }, 20)
  }

  forget(socket: Socket): void {
    this.waiting.delete(socket)
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.queue.length = 0
    this.head = 0
  }
}

export async function startSharedLinkProxy(options: LinkShape & { target: string }) {
  const target = new URL(options.target)
  const up = new Direction(options)
  const down = new Direction(options)
  const requests: ProxyRequest[] = []
  const counts = {
    connections: 0,
    requests: 0,
    preflights: 0,
    byMethod: {} as Record<string, number>,
  }
  const sockets = new Set<Socket>()

  const server: Server = createServer((client) => {
    counts.connections++
    const upstream = connect(Number(target.port), target.hostname)
    sockets.add(client)
    sockets.add(upstream)
    client.setNoDelay(true)
    upstream.setNoDelay(true)
    // The tail of the previous chunk, so a request line cut in two is still read once.
    let carry = ''
    client.on('data', (chunk: Buffer) => {
      const text = carry + chunk.toString('latin1')
      REQUEST_LINE.lastIndex = 0
      let match: RegExpExecArray | null
      let consumed = 0
      while ((match = REQUEST_LINE.exec(text)) !== null) {
        const method = match[1] as string
        counts.requests++
        counts.byMethod[method] = (counts.byMethod[method] ?? 0) + 1
        if (method === 'OPTIONS') counts.preflights++
        if (requests.length < MAX_RECORDED_REQUESTS) {
          requests.push({ at: performance.now(), method, path: match[2] as string })
        }
        consumed = REQUEST_LINE.lastIndex
      }
      carry = text.slice(Math.max(consumed, text.length - 2048))
      up.send(client, upstream, chunk)
    })
    upstream.on('data', (chunk: Buffer) => down.send(upstream, client, chunk))
    const finish = () => {
      sockets.delete(client)
      sockets.delete(upstream)
      up.forget(client)
      down.forget(upstream)
    }
    client.on('end', () => up.endAfterQueued(upstream))
    upstream.on('end', () => down.endAfterQueued(client))
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.on('close', () => {
      finish()
      upstream.destroy()
    })
    upstream.on('close', () => {
      finish()
      // Let what is still on the link reach the client before it closes.
      down.endAfterQueued(client)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('proxy did not bind')
  const proxy: SharedLinkProxy = {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    stats: () => ({
      bytesToServer: up.bytes,
      bytesToClient: down.bytes,
      connections: counts.connections,
      requests: counts.requests,
      preflights: counts.preflights,
      byMethod: { ...counts.byMethod },
    }),
    resetCounts() {
      up.bytes = 0
      down.bytes = 0
      counts.connections = 0
      counts.requests = 0
      counts.preflights = 0
      counts.byMethod = {}
      requests.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        up.close()
        down.close()
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
  return proxy
}
