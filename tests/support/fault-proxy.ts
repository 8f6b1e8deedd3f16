import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A small TCP proxy on 127.0.0.1 that stands between the app and the server and behaves like a
 * bad office link: latency, a bandwidth cap, refused connections, and connections cut in the
 * middle of a response. Only loopback: it never dials anything but the target port on 127.0.0.1.
 */

export interface LinkConditions {
  /** One-way delay added to every chunk, in ms (a 300 ms round trip is 150 each way). */
  latencyMs: number
  /** Bandwidth cap per direction in bytes per second; 0 means unlimited. */
  bytesPerSecond: number
  /** Probability that a new connection is refused (closed at once). */
  refuseProbability: number
  /**
   * Probability that a connection is cut after some of the server's answer went through — a
   * response lost half-way, the hardest case for idempotency.
   */
  cutResponseProbability: number
  /** Link entirely down: every new connection is closed and open ones are cut. */
  down: boolean
}

export const GOOD_LINK: LinkConditions = {
  latencyMs: 0,
  bytesPerSecond: 0,
  refuseProbability: 0,
  cutResponseProbability: 0,
  down: false,
}

export interface ProxyStats {
  connections: number
  refused: number
  cut: number
  bytesToServer: number
  bytesToClient: number
}

export interface FaultProxy {
  port: number
  url: string
  stats: ProxyStats
  set(conditions: Partial<LinkConditions>): void
  resetStats(): void
  close(): Promise<void>
}

/** Deterministic randomness so a failing fault run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    // xorshift32
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 0x100000000
  }
}

const SLICE_BYTES = 4096

/** Forwards bytes from one socket to another with the link's latency and bandwidth cap. */
class ThrottledPipe {
  private sendFreeAt = 0
  private pendingTimers = new Set<ReturnType<typeof setTimeout>>()
  constructor(
    private readonly to: Socket,
    private readonly conditions: () => LinkConditions,
    private readonly onBytes: (count: number) => void,
  ) {}

  push(chunk: Buffer): void {
    for (let offset = 0; offset < chunk.length; offset += SLICE_BYTES) {
      const slice = chunk.subarray(offset, offset + SLICE_BYTES)
      const { latencyMs, bytesPerSecond } = this.conditions()
      const now = Date.now()
      const transmitMs = bytesPerSecond > 0 ? (slice.length * 1000) / bytesPerSecond : 0
      const start = Math.max(now, this.sendFreeAt)
      this.sendFreeAt = start + transmitMs
      const deliverAt = this.sendFreeAt + latencyMs
      const timer = setTimeout(
        () => {
          this.pendingTimers.delete(timer)
          if (this.to.destroyed) return
          this.onBytes(slice.length)
          this.to.write(slice)
        },
        Math.max(0, deliverAt - now),
      )
      this.pendingTimers.add(timer)
    }
  }

  /** Ends the far side once everything queued has been delivered. */
  endAfterQueue(): void {
    const wait = Math.max(0, this.sendFreeAt + this.conditions().latencyMs - Date.now())
    const timer = setTimeout(() => {
      this.pendingTimers.delete(timer)
      if (!this.to.destroyed) this.to.end()
    }, wait + 1)
    this.pendingTimers.add(timer)
  }

  cancel(): void {
    for (const timer of this.pendingTimers) clearTimeout(timer)
    this.pendingTimers.clear()
  }
}

export async function startFaultProxy(options: {
  targetPort: number
  seed?: number
  conditions?: Partial<LinkConditions>
}): Promise<FaultProxy> {
  let conditions: LinkConditions = { ...GOOD_LINK, ...options.conditions }
  const random = seededRandom(options.seed ?? 1)
  const stats: ProxyStats = {
    connections: 0,
    refused: 0,
    cut: 0,
    bytesToServer: 0,
    bytesToClient: 0,
  }
  const open = new Set<Socket>()

  const server: Server = createServer((client) => {
    stats.connections++
    open.add(client)
    client.on('close', () => open.delete(client))
    client.on('error', () => undefined)
    if (conditions.down || random() < conditions.refuseProbability) {
      stats.refused++
      client.destroy()
      return
    }
    const upstream = connect({ host: '127.0.0.1', port: options.targetPort })
    open.add(upstream)
    upstream.on('close', () => open.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())

    // Cut this connection after a random part of the server's answer, if the dice say so.
    const cutAfterBytes =
      random() < conditions.cutResponseProbability ? 1 + Math.floor(random() * 2048) : Infinity
    let forwardedToClient = 0
    const cut = () => {
      stats.cut++
      toClient.cancel()
      toServer.cancel()
      client.destroy()
      upstream.destroy()
    }

    const toServer = new ThrottledPipe(
      upstream,
      () => conditions,
      (n) => (stats.bytesToServer += n),
    )
    const toClient = new ThrottledPipe(
      client,
      () => conditions,
      (n) => {
        stats.bytesToClient += n
        forwardedToClient += n
        if (forwardedToClient >= cutAfterBytes) cut()
      },
    )
    client.on('data', (chunk: Buffer) => {
      if (conditions.down) return cut()
      toServer.push(chunk)
    })
    upstream.on('data', (chunk: Buffer) => {
      if (conditions.down) return cut()
      toClient.push(chunk)
    })
    client.on('end', () => toServer.endAfterQueue())
    upstream.on('end', () => toClient.endAfterQueue())
    client.on('close', () => {
      toServer.cancel()
      upstream.destroy()
    })
    upstream.on('close', () => {
      // Let what is queued for the client arrive before closing, as a real link would.
      toClient.endAfterQueue()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stats,
    set(next) {
      conditions = { ...conditions, ...next }
      if (conditions.down) for (const socket of open) socket.destroy()
    },
    resetStats() {
      Object.assign(stats, {
        connections: 0,
        refused: 0,
        cut: 0,
        bytesToServer: 0,
        bytesToClient: 0,
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
