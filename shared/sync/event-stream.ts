/**
 * An incremental parser of `text/event-stream` (the HTML Server-Sent Events format). The app
 * reads the live stream with `fetch` rather than `EventSource`, because EventSource cannot send
 * the Authorization header; this turns the arriving text chunks back into events.
 */
export interface ServerSentEvent {
  /** `event:` field; 'message' when absent. */
  event: string
  /** `data:` lines joined with '\n'. */
  data: string
  /** `id:` field, when given. */
  id?: string
  /** `retry:` field in ms, when given. */
  retry?: number
}

/** Largest event the parser holds, in characters: a broken stream must not grow memory forever. */
export const MAX_EVENT_CHARS = 64 * 1024

export class EventStreamParser {
  private buffer = ''
  private data: string[] = []
  private dataChars = 0
  private eventName = ''
  private id: string | undefined
  private retry: number | undefined
  private firstChunk = true

  /** Feeds decoded text; returns the events completed by it. */
  push(chunk: string): ServerSentEvent[] {
    let text = chunk
    if (this.firstChunk && text.length > 0) {
      this.firstChunk = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    this.buffer += text
    const events: ServerSentEvent[] = []
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer)
      if (!match) break
      // A lone '\r' at the very end may be the first half of '\r\n': wait for the next chunk.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break
      const line = this.buffer.slice(0, match.index)
      this.buffer = this.buffer.slice(match.index + match[0].length)
      const event = this.processLine(line)
      if (event) events.push(event)
    }
    if (this.buffer.length > MAX_EVENT_CHARS) {
      this.buffer = ''
      this.resetEvent()
    }
    return events
  }

  private resetEvent(): void {
    this.data = []
    this.dataChars = 0
    this.eventName = ''
  }

  private processLine(line: string): ServerSentEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.eventName = ''
        return null
      }
      const event: ServerSentEvent = {
        event: this.eventName || 'message',
        data: this.data.join('\n'),
        ...(this.id !== undefined ? { id: this.id } : {}),
        ...(this.retry !== undefined ? { retry: this.retry } : {}),
      }
      this.resetEvent()
      return event
    }
    if (line.startsWith(':')) return null // a comment: the server's keep-alive
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    switch (field) {
      case 'data':
        this.dataChars += value.length
        if (this.dataChars > MAX_EVENT_CHARS) this.resetEvent()
        else this.data.push(value)
        break
      case 'event':
        this.eventName = value
        break
      case 'id':
        if (!value.includes('\u0000')) this.id = value
        break
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value)
        break
      default:
        break
    }
    return null
  }
}
