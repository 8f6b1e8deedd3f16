import { describe, expect, it } from 'vitest'
import { MAX_PAGES_AHEAD, PullPacer } from '@/sync/pull-pacer'
import { pageHeadOf } from '@/sync/sync-controller'

describe('pages fetched ahead', () => {
  it('hands each page over once, to the pull that asks for it', async () => {
    const dropped: string[] = []
    const pacer = new PullPacer<string>(1_000, (page) => dropped.push(page))
    let fetches = 0
    const fetch = (page: string) => () => {
      fetches++
      return Promise.resolve(page)
    }
    pacer.prefetch('a', fetch('page a'))
    // The head of page a asks for b; the handover of a asks for it again: fetched once.
    expect(pacer.prefetchIfRoom('b', fetch('page b'))).toBe(true)
    pacer.prefetch('b', fetch('page b again'))
    expect(fetches).toBe(2)
    expect(await pacer.take('a')).toBe('page a')
    expect(await pacer.take('b')).toBe('page b')
    expect(await pacer.take('b')).toBeNull()
    expect(dropped).toEqual([])
  })

  it('keeps at most two pages waiting, and never pushes out one RxDB asks for next', async () => {
    const dropped: string[] = []
    const pacer = new PullPacer<string>(1_000, (page) => dropped.push(page))
    expect(MAX_PAGES_AHEAD).toBe(2)
    pacer.prefetch('a', () => Promise.resolve('page a'))
    expect(pacer.prefetchIfRoom('b', () => Promise.resolve('page b'))).toBe(true)
    expect(pacer.prefetchIfRoom('c', () => Promise.resolve('page c'))).toBe(false)
    expect(await pacer.take('a')).toBe('page a')
    expect(pacer.prefetchIfRoom('c', () => Promise.resolve('page c'))).toBe(true)
    expect(await pacer.take('b')).toBe('page b')
    expect(await pacer.take('c')).toBe('page c')
    expect(dropped).toEqual([])
  })

  it('drops the pages RxDB moved past, and all of them when it asks for another', async () => {
    const dropped: string[] = []
    const pacer = new PullPacer<string>(1_000, (page) => dropped.push(page))
    pacer.prefetch('a', () => Promise.resolve('page a'))
    pacer.prefetchIfRoom('b', () => Promise.resolve('page b'))
    expect(await pacer.take('b')).toBe('page b')
    await Promise.resolve()
    expect(dropped).toEqual(['page a'])
    pacer.prefetch('c', () => Promise.resolve('page c'))
    expect(await pacer.take('elsewhere')).toBeNull()
    await Promise.resolve()
    expect(dropped).toEqual(['page a', 'page c'])
  })

  it('a failed fetch is no page: the pull asks again itself', async () => {
    const pacer = new PullPacer<string>(1_000)
    pacer.prefetch('a', () => Promise.reject(new Error('link down')))
    expect(await pacer.take('a')).toBeNull()
  })
})

describe("a pull answer's head", () => {
  it('reads what the server writes', () => {
    const head = { count: 2000, checkpoint: { txid: '812', id: 'p-1' }, remaining: 48_000 }
    expect(pageHeadOf(JSON.stringify(head))).toEqual(head)
    expect(pageHeadOf('{"count":0,"checkpoint":null,"remaining":0}')).toEqual({
      count: 0,
      checkpoint: null,
      remaining: 0,
    })
  })

  it.each([
    ['absent', null],
    ['not JSON', 'page 3'],
    ['no count', '{"checkpoint":null,"remaining":0}'],
    ['a count as text', '{"count":"2000","checkpoint":null,"remaining":0}'],
    ['a checkpoint without its id', '{"count":1,"checkpoint":{"txid":"1"},"remaining":0}'],
    ['a list', '[1,2]'],
  ])('ignores one that is %s', (_what, text) => {
    expect(pageHeadOf(text)).toBeNull()
  })
})
