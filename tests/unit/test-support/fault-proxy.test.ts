import { createServer, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy'

/** The proxy is test equipment: these tests make sure it really degrades the link as told. */

let server: Server | undefined
let proxy: FaultProxy | undefined

afterEach(async () => {
  await proxy?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
  proxy = undefined
})

async function startEchoServer(bodyBytes: number): Promise<number> {
  server = createServer((_, response) => {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream' })
    response.end(Buffer.alloc(bodyBytes, 7))
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}

describe('fault proxy', () => {
  it('passes traffic through unchanged on a good link', async () => {
    const targetPort = await startEchoServer(100_000)
    proxy = await startFaultProxy({ targetPort })
    const response = await fetch(proxy.url)
    expect((await response.arrayBuffer()).byteLength).toBe(100_000)
    expect(proxy.stats.bytesToClient).toBeGreaterThan(100_000)
  })

  it('caps bandwidth and adds latency', async () => {
    const targetPort = await startEchoServer(50_000)
    proxy = await startFaultProxy({
      targetPort,
      conditions: { bytesPerSecond: 100_000, latencyMs: 100 },
    })
    const started = Date.now()
    const response = await fetch(proxy.url)
    await response.arrayBuffer()
    // 50 kB at 100 kB/s is 0.5 s, plus latency both ways.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600)
  })

  it('refuses connections while the link is down and recovers after', async () => {
    const targetPort = await startEchoServer(10)
    proxy = await startFaultProxy({ targetPort, conditions: { down: true } })
    await expect(fetch(proxy.url)).rejects.toThrow()
    proxy.set({ down: false })
    const response = await fetch(proxy.url)
    expect(response.status).toBe(200)
  })

  it('cuts a response half-way when told to', async () => {
    const targetPort = await startEchoServer(500_000)
    proxy = await startFaultProxy({ targetPort, conditions: { cutResponseProbability: 1 } })
    await expect(fetch(proxy.url).then((r) => r.arrayBuffer())).rejects.toThrow()
    expect(proxy.stats.cut).toBe(1)
  })
})
