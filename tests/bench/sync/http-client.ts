/**
 * A minimal HTTP/1.1 client for the sync benchmarks: keep-alive connections (as a browser keeps
 * them), `Accept-Encoding: gzip` like the app, and the raw body size as it came over the wire
 * (fetch would decompress it out of sight).
 */
import { Agent, request } from 'node:http'
import { gunzipSync } from 'node:zlib'

export interface HttpResult<T = unknown> {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** Body bytes as received (compressed when the server gzipped it). */
  wireBytes: number
  /** Decoded body bytes. */
  bodyBytes: number
  body: T
  /** Request start → last byte of the response. */
  ms: number
  /** Request start → response headers. */
  headersMs: number
}

export class HttpClient {
  readonly agent: Agent

  constructor(
    readonly baseUrl: string,
    options: { maxSockets?: number } = {},
  ) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? Infinity,
      keepAliveMsecs: 30_000,
    })
  }

  send<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; body?: unknown; gzip?: boolean; timeoutMs?: number } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (options.gzip !== false) headers['Accept-Encoding'] = 'gzip'
    if (options.token) headers.Authorization = `Bearer ${options.token}`
    let payload: Buffer | undefined
    if (options.body !== undefined) {
      payload = Buffer.from(JSON.stringify(options.body), 'utf8')
      headers['Content-Type'] = 'application/json'
      headers['Content-Length'] = String(payload.length)
    }
    const started = performance.now()
    return new Promise<HttpResult<T>>((resolve, reject) => {
      const req = request(
        `${this.baseUrl}${path}`,
        { method, headers, agent: this.agent, timeout: options.timeoutMs ?? 180_000 },
        (res) => {
          const headersMs = performance.now() - started
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', reject)
          res.on('end', () => {
            try {
              const raw = Buffer.concat(chunks)
              const decoded = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw
              const text = decoded.toString('utf8')
              let body: unknown = text
              try {
                body = text === '' ? null : JSON.parse(text)
              } catch {
                // Leave as text.
              }
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                wireBytes: raw.length,
                bodyBytes: decoded.length,
                body: body as T,
                ms: performance.now() - started,
                headersMs,
              })
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)))
            }
          })
        },
      )
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)))
      req.on('error', reject)
      req.end(payload)
    })
  }

  /**
   * Holds the live event stream open as the app does and counts its `change` events, so the
   * server carries its real load of subscribers while the benchmark runs.
   */
  openEventStream(token: string): Promise<{ events(): number; close(): void }> {
    return new Promise((resolve, reject) => {
      let events = 0
      let tail = ''
      const req = request(
        `${this.baseUrl}/api/sync/participants/stream`,
        { method: 'GET', headers: { Authorization: `Bearer ${token}` }, agent: this.agent },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume()
            reject(new Error(`event stream refused with ${res.statusCode}`))
            return
          }
          res.setEncoding('utf8')
          res.on('data', (text: string) => {
            const lines = (tail + text).split('\n')
            tail = lines.pop() ?? ''
            events += lines.filter((line) => line === 'event: change').length
          })
          res.on('error', () => undefined)
          resolve({ events: () => events, close: () => req.destroy() })
        },
      )
      req.on('error', (error) => reject(error))
      req.end()
    })
  }

  close(): void {
    this.agent.destroy()
  }
}
