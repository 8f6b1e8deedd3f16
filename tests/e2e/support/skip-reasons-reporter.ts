import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter'

/**
 * The list reporter prints a skipped test as a bare "-". This one adds a line saying why, from
 * the reason given to `test.skip(condition, reason)`, so CI's output explains every skip.
 */
export default class SkipReasonsReporter implements Reporter {
  printsToStdio(): boolean {
    return true
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return
    const reasons = test.annotations
      .filter((annotation) => annotation.type === 'skip' || annotation.type === 'fixme')
      .map((annotation) => annotation.description?.trim())
      .filter((reason): reason is string => Boolean(reason))
    const title = test.titlePath().filter(Boolean).slice(1).join(' › ')
    console.log(
      `  skipped: ${title} — ${
        reasons.length > 0
          ? reasons.join('; ')
          : 'did not run: an earlier test of its serial group failed (or a skip gave no reason)'
      }`,
    )
  }
}
