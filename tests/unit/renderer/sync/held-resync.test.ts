import { describe, expect, it } from 'vitest'
import { HeldResync } from '@/sync/held-resync'

/** A pull request sent and answered: the page RxDB may take. */
function pull(held: HeldResync): object {
  const number = held.pullSent()
  const page = { documents: [], number }
  held.answered(page, number)
  return page
}

describe('RESYNCs that come while a run is busy', () => {
  it('need nothing more when no run was busy', () => {
    const held = new HeldResync()
    held.noteResync(false)
    expect(held.takeAtRunEnd()).toBe(false)
  })

  it('are sent again at the run’s end when no page asked for later was taken', () => {
    const held = new HeldResync()
    const sentBefore = pull(held)
    held.noteResync(true)
    // The page answering a request sent before the RESYNC does not cover it.
    held.pageTaken(sentBefore)
    expect(held.takeAtRunEnd()).toBe(true)
    // Sent once.
    expect(held.takeAtRunEnd()).toBe(false)
  })

  it('are covered by a page asked for after them', () => {
    const held = new HeldResync()
    pull(held)
    held.noteResync(true)
    held.pageTaken(pull(held))
    expect(held.takeAtRunEnd()).toBe(false)
  })

  it('count from the last one: a page between two does not cover the second', () => {
    const held = new HeldResync()
    const first = pull(held)
    held.noteResync(true)
    const second = pull(held)
    held.noteResync(true)
    held.pageTaken(first)
    held.pageTaken(second)
    expect(held.takeAtRunEnd()).toBe(true)
  })

  it('are not covered by a page asked for after them but not taken (a prefetch RxDB dropped)', () => {
    const held = new HeldResync()
    held.noteResync(true)
    pull(held)
    held.pageTaken({ documents: [] })
    held.pageTaken(null)
    expect(held.takeAtRunEnd()).toBe(true)
  })
})
