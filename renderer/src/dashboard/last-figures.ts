/**
 * The dashboard's last counted figures, kept per year in a local RxDB document, so a central PC
 * (100,000 records: 2–3 s to read them on the first opening, docs/dashboard.md) shows something
 * at once. They are shown ONLY labelled with the time they were counted and "recounting", and
 * replaced by the fresh count as soon as it is done; reports and exports wait for the fresh one.
 *
 * Only aggregate counts are kept (no record, no name, no NIK), the same numbers the PDF report
 * prints.
 */
import type { DashboardFigures } from '../../../shared/dashboard/aggregate'
import type { NaunganStore } from '../store/database'
import { currentTime } from '../../../shared/dates/clock'

const LAST_FIGURES_DOC = 'dashboard-last-figures'

export interface LastFigures {
  figures: DashboardFigures
  records: number
  /** ISO time of the count. */
  countedAt: string
}

interface SavedFigures {
  /** Keyed by year as text. */
  years: Record<string, LastFigures>
}

export async function lastFigures(store: NaunganStore, year: number): Promise<LastFigures | null> {
  const doc = await store.db.getLocal<SavedFigures>(LAST_FIGURES_DOC)
  const saved = doc?.toMutableJSON().data.years[String(year)]
  return saved && saved.figures.year === year ? saved : null
}

export async function rememberFigures(
  store: NaunganStore,
  figures: DashboardFigures,
  records: number,
): Promise<void> {
  const doc = await store.db.getLocal<SavedFigures>(LAST_FIGURES_DOC)
  const years: SavedFigures['years'] = { ...(doc?.toMutableJSON().data.years ?? {}) }
  years[String(figures.year)] = { figures, records, countedAt: currentTime().toISOString() }
  await store.db.upsertLocal<SavedFigures>(LAST_FIGURES_DOC, { years })
}

/**
 * How long the screen waits for the fresh count before showing the saved one: a kecamatan office
 * (10,000 records: 0.3–0.4 s cold in the bench, under load) then does not see old figures flash
 * and change; the central office (100,000: 2.5–4 s) sees them after half a second.
 */
export const SHOW_LAST_FIGURES_AFTER_MS = 500
