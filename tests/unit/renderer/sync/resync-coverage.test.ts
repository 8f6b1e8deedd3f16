import { describe, expect, it } from 'vitest'
import { ResyncCoverage } from '@/sync/resync-coverage'

/** A pull request sent and answered: the page RxDB may take. */
function pull(coverage: ResyncCoverage): object {
  const number = coverage.pullSent()
  const page = { documents: [], number }
  coverage.answered(page, number)
  return page
}

describe('RESYNCs that come while a run is busy', () => {
  it('need nothing more when no run was busy', () => {
    const coverage = new ResyncCoverage()
    coverage.noteResync(false)
    expect(coverage.takeAtRunEnd()).toBe(false)
  })

  it('are sent again at the run’s end when no page asked for later was taken', () => {
    const coverage = new ResyncCoverage()
    const sentBefore = pull(coverage)
    coverage.noteResync(true)
    // The page answering a request sent before the RESYNC does not cover it.
    coverage.pageTaken(sentBefore)
    expect(coverage.takeAtRunEnd()).toBe(true)
    // Sent once.
    expect(coverage.takeAtRunEnd()).toBe(false)
  })

  it('are covered by a page asked for after them', () => {
    const coverage = new ResyncCoverage()
    pull(coverage)
    coverage.noteResync(true)
    coverage.pageTaken(pull(coverage))
    expect(coverage.takeAtRunEnd()).toBe(false)
  })

  it('count from the last one: a page between two does not cover the second', () => {
    const coverage = new ResyncCoverage()
    const first = pull(coverage)
    coverage.noteResync(true)
    const second = pull(coverage)
    coverage.noteResync(true)
    coverage.pageTaken(first)
    coverage.pageTaken(second)
    expect(coverage.takeAtRunEnd()).toBe(true)
  })

  it('are not covered by a page asked for after them but not taken (a prefetch RxDB dropped)', () => {
    const coverage = new ResyncCoverage()
    coverage.noteResync(true)
    pull(coverage)
    coverage.pageTaken({ documents: [] })
    coverage.pageTaken(null)
    expect(coverage.takeAtRunEnd()).toBe(true)
  })
})
