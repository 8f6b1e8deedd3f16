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

  it('overlaps a page with a record pushed after its request was sent, even once settled', () => {
    const unsettled = new UnsettledPushes()
    unsettled.add(['before'])
    unsettled.settleAll()
    const mark = unsettled.mark()
    unsettled.add(['after'])
    unsettled.settleAll()
    // The page may hold `after` as it was before the push; `before` was on the server already.
    expect([...unsettled.overlapping(['before', 'after', 'other'], mark)]).toEqual(['after'])
    expect(unsettled.overlaps(['before', 'other'], mark)).toBe(false)
    // A request sent after that push gets the pushed version.
    const later = unsettled.mark()
    expect(unsettled.overlaps(['after'], later)).toBe(false)
    unsettled.release(later)
    unsettled.release(mark)
    // Once no request is in flight, nothing pushed before is remembered.
    expect(unsettled.overlaps(['after'], mark)).toBe(false)
  })

  it('forgets a push once every request sent before it is decided', () => {
    const unsettled = new UnsettledPushes()
    const first = unsettled.mark()
    unsettled.add(['x'])
    unsettled.settleAll()
    const second = unsettled.mark()
    unsettled.add(['y'])
    unsettled.settleAll()
    unsettled.release(first)
    // `x` was pushed before the second request: its answer holds x's push already.
    expect(unsettled.overlaps(['x'], second)).toBe(false)
    expect([...unsettled.overlapping(['x', 'y'], second)]).toEqual(['y'])
    unsettled.release(second)
  })

  it('overlaps a page with a record whose push was already on its way when the request was sent', () => {
    const unsettled = new UnsettledPushes()
    unsettled.add(['sending'])
    // The pull is sent while the push travels; the server may answer the pull first.
    const mark = unsettled.mark()
    // The push's answer is stored before the page is handed over (a page fetched ahead waits).
    unsettled.settleAll()
    expect(unsettled.isSettled).toBe(true)
    expect([...unsettled.overlapping(['sending', 'other'], mark)]).toEqual(['sending'])
    // A request sent once that push has settled gets the pushed version.
    const later = unsettled.mark()
    expect(unsettled.overlaps(['sending'], later)).toBe(false)
    unsettled.release(mark)
    unsettled.release(later)
  })

  it('keeps nothing once every push has settled and no request is in flight', () => {
    const unsettled = new UnsettledPushes()
    for (let push = 0; push < 50; push += 1) unsettled.add([`r${push}`])
    unsettled.settleAll()
    // No pull asked for before those pushes: a request from now on sees them all.
    const mark = unsettled.mark()
    expect(unsettled.overlaps(['r0', 'r49'], mark)).toBe(false)
    unsettled.release(mark)
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

    it('leaves the pushed records out of a full page that has waited as long as it may', () => {
      const decision = decideOnOverlap(pushing, ['other', 'mine'], 2, undefined, true)
      expect(decision.kind === 'leave-out' && [...decision.withheld]).toEqual(['mine'])
      // A last page keeps its checkpoint however long it waited: nothing after it is held up.
      expect(decideOnOverlap(pushing, ['other', 'mine'], 10, undefined, true).kind).toBe(
        'hold-checkpoint',
      )
      expect(decideOnOverlap(pushing, ['other', 'third'], 2, undefined, true).kind).toBe('accept')
    })

    it('withholds the pushed records of a last page, and only those', () => {
      const decision = decideOnOverlap(pushing, ['other', 'mine'], 10)
      expect(decision.kind === 'hold-checkpoint' && [...decision.withheld]).toEqual(['mine'])
    })

    it('holds a last page with a record pushed after its request, though that push settled', () => {
      const unsettled = new UnsettledPushes()
      const mark = unsettled.mark()
      unsettled.add(['edited'])
      unsettled.settleAll()
      const decision = decideOnOverlap(unsettled, ['other', 'edited'], 10, mark)
      expect(decision.kind === 'hold-checkpoint' && [...decision.withheld]).toEqual(['edited'])
      expect(decideOnOverlap(unsettled, ['other', 'edited'], 2, mark).kind).toBe('wait-and-repull')
    })
  })
})
