/**
 * Vitest setup: with NAUNGAN_TEST_SYSTEM_TIME set (an ISO instant), the machine's clock reads
 * that instant when each test file starts and runs on from there at real speed. CI runs the
 * date-sensitive suites this way at the edges of a budget year, on 29 February and in another
 * time zone (npm run test:clock), so a test that reads the wall clock instead of installing the
 * app's clock (shared/dates/clock.ts) fails on the day it would have failed anyway, not months
 * later.
 *
 * Only the reading of "now" moves (`Date.now()`, `new Date()`, `Date()`): dates built from
 * values, `instanceof Date`, structured clones, timers and `performance.now()` are untouched,
 * and the moved clock keeps millisecond steps like the real one.
 */
const moved = process.env.NAUNGAN_TEST_SYSTEM_TIME
if (moved) {
  const RealDate = Date
  const at = RealDate.parse(moved)
  if (Number.isNaN(at)) throw new Error(`NAUNGAN_TEST_SYSTEM_TIME is not an instant: ${moved}`)
  const offsetMs = at - RealDate.now()
  const movedNow = () => RealDate.now() + offsetMs
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [movedNow()] : args, newTarget)
    },
    apply() {
      return new RealDate(movedNow()).toString()
    },
    get(target, property, receiver) {
      if (property === 'now') return movedNow
      return Reflect.get(target, property, receiver)
    },
  })
}
