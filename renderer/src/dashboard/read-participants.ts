/**
 * Counts every participant in the store for the dashboard: one `find().exec()`, then the counter
 * is fed slice by slice with a pause for the UI between slices, so counting 100,000 records
 * (~300–600 ms in Chromium) never holds the window in one piece.
 *
 * Why `find().exec()` and not the storage instance (tests/bench/dashboard, 100,000 records): the
 * first read costs the same either way (~6.5 s: IndexedDB plus decrypting the sealed fields), but
 * RxDB keeps the query's result up to date afterwards, so every recount after a sync reads it in
 * ~1 ms. Reading by `id > last` slices was far worse: Dexie re-scanned the table for each slice.
 */
import {
  createDashboardCounter,
  type DashboardFigures,
  type DashboardInput,
} from '../../../shared/dashboard/aggregate'
import type { NaunganStore } from '../store/database'

const SLICE = 2_000

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export async function countDashboard(
  store: NaunganStore,
  input: DashboardInput,
): Promise<{ figures: DashboardFigures; records: number }> {
  const documents = await store.db.participants.find().exec()
  const counter = createDashboardCounter(input)
  for (let start = 0; start < documents.length; start += SLICE) {
    if (start > 0) await nextTask()
    const end = Math.min(documents.length, start + SLICE)
    for (let index = start; index < end; index++) {
      const document = documents[index]
      if (document) counter.add(document)
    }
  }
  return { figures: counter.finish(), records: documents.length }
}
