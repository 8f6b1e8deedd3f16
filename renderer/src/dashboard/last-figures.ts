/**
 * The dashboard's last counted figures, kept per year in a local RxDB document, so a central PC
 * (100,000 records: 2–3 s to read them when no saved copy can be used) shows something
 * at once. They are shown ONLY labelled with the time they were counted and "recounting", and
 * replaced by the fresh count as soon as it is done; reports and exports wait for the fresh one.
 *
 * Only aggregate counts are kept (no record, no name, no NIK), the same numbers the PDF report
 * prints.
 */
import type { DashboardFigures } from '@shared/dashboard/aggregate'
import type { NaunganStore } from '@/core/store/database'
import { currentTime } from '@shared/dates/clock'

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
  // Figures saved before the budget was costed per tariff have no tariffPeriods: the screen would
  // fail on them, and they are only a stopgap, so they are skipped until the fresh count replaces
  // them.
  // Likewise figures saved before the budget was kept per payer (no budgetByPayer).
  const isCurrentShape =
    Array.isArray(saved?.figures.budget.tariffPeriods) &&
    Array.isArray(saved?.figures.budgetByPayer) &&
    saved?.figures.payerChecks !== undefined
  return saved && saved.figures.year === year && isCurrentShape ? saved : null
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
 * How long the screen waits for the fresh count before showing the saved one. With the dashboard
 * copy saved between sessions (dashboard-snapshot.ts) a cold start at 100,000 records counts in
 * 0.6–0.9 s (tests/bench/dashboard, under load): the fresh figures come first and nothing old
 * flashes. The labelled last figures show only when a count must read every record (the first
 * opening on a PC, or a saved copy that no longer matches the store: 2.5–3.3 s at 100,000).
 */
export const SHOW_LAST_FIGURES_AFTER_MS = 1000
