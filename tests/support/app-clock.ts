/**
 * Tests set the app's clock (shared/dates/clock.ts) instead of trusting the machine's: call
 * `useAppClockFrom(instant)` at the top of a file or `describe` and every test in it starts at
 * that instant, with time running on so records written in order keep their order.
 */
import { afterEach, beforeEach } from 'vitest'
import { clockStartingAt, installClock } from '../../shared/dates/clock'

export function useAppClockFrom(instant: string): void {
  let restore: (() => void) | undefined
  beforeEach(() => {
    restore = installClock(clockStartingAt(instant))
  })
  afterEach(() => {
    restore?.()
    restore = undefined
  })
}
