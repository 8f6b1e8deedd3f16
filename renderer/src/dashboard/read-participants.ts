/**
 * Counts every participant in the store for the dashboard: the store's dashboard copy
 * (dashboard-records.ts: read once from IndexedDB without opening a sealed field, then kept up to
 * date from the change stream), fed to the counter slice by slice with a pause for the UI between
 * slices, so counting 100,000 records (~300 ms in Chromium) never holds the window in one piece.
 *
 * Before (tests/bench/dashboard, 100,000 records, Chromium): `participants.find().exec()` took
 * 6.6–9.5 s on the first opening, nearly all of it RxDB reading the records and decrypting four
 * sealed fields of each that the dashboard never shows. Figures in docs/performance.md.
 */
import {
  createDashboardCounter,
  type DashboardFigures,
  type DashboardInput,
} from '@shared/dashboard/aggregate'
import type { NaunganStore } from '@/core/store/database'
import { dashboardRecordsOf, saveDashboardCopy } from './dashboard-records'
import { yieldToWindow } from '@/core/yield-to-window'

const SLICE = 2_000

export async function countDashboard(
  store: NaunganStore,
  input: DashboardInput,
): Promise<{ figures: DashboardFigures; records: number }> {
  for (;;) {
    const copy = dashboardRecordsOf(store)
    const records = await copy.current()
    const counter = createDashboardCounter(input)
    for (let start = 0; start < records.length; start += SLICE) {
      if (start > 0) await yieldToWindow()
      const end = Math.min(records.length, start + SLICE)
      for (let index = start; index < end; index++) {
        const record = records[index]
        if (record) counter.add(record)
      }
    }
    // A copy from the saved snapshot is checked against the store's count (done meanwhile);
    // figures from a copy that disagrees are never returned: counted again from a full read.
    if (!(await copy.verified(store))) continue
    const figures = counter.finish()
    // After the figures, not before them: the next start reads this copy instead of every record.
    void saveDashboardCopy(store)
    return { figures, records: records.length }
  }
}
