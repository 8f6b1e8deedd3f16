import { describe, expect, it } from 'vitest'
import { EventStreamParser, MAX_EVENT_CHARS } from '@shared/sync/event-stream'

const parseAll = (...chunks: string[]) => {
  const parser = new EventStreamParser()
  return chunks.flatMap((chunk) => parser.push(chunk))
}

describe('text/event-stream parsing', () => {
  it('reads a change event', () => {
    expect(parseAll('event: change\ndata: {"checkpoint":{"txid":"9","id":"a"}}\n\n')).toEqual([
      { event: 'change', data: '{"checkpoint":{"txid":"9","id":"a"}}' },
    ])
  })

  it('joins events split across chunks anywhere, including inside \\r\\n', () => {
    const text = 'event: change\r\ndata: one\r\n\r\nevent: change\r\ndata: two\r\n\r\n'
    for (let cut = 1; cut < text.length; cut++) {
      expect(parseAll(text.slice(0, cut), text.slice(cut)).map((e) => e.data)).toEqual([
        'one',
        'two',
      ])
    }
  })

  it.each([
    ['keep-alive comments', ': ping\n\n: ping\n\ndata: x\n\n', [{ event: 'message', data: 'x' }]],
    ['multi-line data', 'data: a\ndata: b\n\n', [{ event: 'message', data: 'a\nb' }]],
    ['no space after the colon', 'event:change\ndata:x\n\n', [{ event: 'change', data: 'x' }]],
    ['an event with no data', 'event: change\n\n', []],
    [
      'id and retry',
      'id: 7\nretry: 3000\ndata: x\n\n',
      [{ event: 'message', data: 'x', id: '7', retry: 3000 }],
    ],
    ['a bad retry', 'retry: soon\ndata: x\n\n', [{ event: 'message', data: 'x' }]],
    ['unknown fields', 'foo: bar\ndata: x\n\n', [{ event: 'message', data: 'x' }]],
    ['a byte-order mark', '\ufeffdata: x\n\n', [{ event: 'message', data: 'x' }]],
    ['CR line endings', 'data: x\r\rdata: y', [{ event: 'message', data: 'x' }]],
    ['an unfinished event', 'event: change\ndata: x\n', []],
  ])('handles %s', (_what, text, expected) => {
    expect(parseAll(text)).toEqual(expected)
  })

  it('drops an oversized event instead of growing without bound', () => {
    const huge = `data: ${'x'.repeat(MAX_EVENT_CHARS + 10)}\n\ndata: ok\n\n`
    expect(parseAll(huge)).toEqual([{ event: 'message', data: 'ok' }])
    const parser = new EventStreamParser()
    parser.push('x'.repeat(MAX_EVENT_CHARS + 1))
    expect(parser.push('\ndata: fine\n\n')).toEqual([{ event: 'message', data: 'fine' }])
  })
})
