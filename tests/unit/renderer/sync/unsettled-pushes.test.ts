import { describe, expect, it } from 'vitest'
import { decideOnOverlap, UnsettledPushes } from '@/sync/unsettled-pushes'

describe('records pushed but not yet stored as the server copy', () => {
  it('overlaps a pulled page only while one of its records is being pushed', () => {
    const unsettled = new UnsettledPushes()
    expect(unsettled.overlaps(['a', 'b'])).toBe(false)
    unsettled.add(['b'])
    expect(unsettled.isSettled).toBe(false)
    expect(unsettled.overlaps(['a', 'b'])).toBe(true)
    expect(unsettled.overlaps(['a', 'c'])).toBe(false)
    expect(unsettled.overlaps([])).toBe(false)
    unsettled.settleAll()
    expect(unsettled.overlaps(['a', 'b'])).toBe(false)
    expect(unsettled.isSettled).toBe(true)
  })

  it('wakes every waiter when the upstream settles, and answers at once when nothing waits', async () => {
    const unsettled = new UnsettledPushes()
    await unsettled.whenSettled()
    unsettled.add(['x', 'y'])
    const woken: string[] = []
    const first = unsettled.whenSettled().then(() => woken.push('first'))
    const second = unsettled.whenSettled().then(() => woken.push('second'))
    await Promise.resolve()
    expect(woken).toEqual([])
    unsettled.settleAll()
    await Promise.all([first, second])
    expect(woken).toEqual(['first', 'second'])
  })

  describe('what the pull does with a page', () => {
    const pushing = new UnsettledPushes()
    pushing.add(['mine'])
    const cases: [string, readonly string[], number, string][] = [
      ['nothing of it is being pushed', ['other'], 10, 'accept'],
      ['an empty page', [], 10, 'accept'],
      ['the last page holds a pushed record', ['other', 'mine'], 10, 'hold-checkpoint'],
      ['a full page holds a pushed record', ['other', 'mine'], 2, 'wait-and-repull'],
      ['a full page without one', ['other', 'third'], 2, 'accept'],
    ]
    it.each(cases)('%s', (_story, ids, batchSize, expected) => {
      expect(decideOnOverlap(pushing, ids, batchSize).kind).toBe(expected)
    })
  })
})
