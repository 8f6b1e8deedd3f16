/**
 * Annual plans (targets and APBD allocations) on this PC: the server is the truth, and the last
 * plans fetched are kept in a local RxDB document so the dashboard keeps working offline.
 */
import type { PlanRow, PlansResponse, PutPlansRequest } from '@shared/sync/sync-protocol'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
import { currentTime } from '@shared/dates/clock'

const PLANS_DOC = 'dashboard-plans'

interface CachedPlans {
  /** Keyed by year as text. */
  years: Record<string, { plans: readonly PlanRow[]; fetchedAt: string }>
}

export interface KnownPlans {
  plans: readonly PlanRow[]
  /** When the server last sent them; null when never fetched on this PC. */
  fetchedAt: string | null
}

export async function cachedPlans(store: NaunganStore, year: number): Promise<KnownPlans> {
  const doc = await store.db.getLocal<CachedPlans>(PLANS_DOC)
  const entry = doc?.toJSON().data.years[String(year)]
  return entry ? { plans: entry.plans, fetchedAt: entry.fetchedAt } : { plans: [], fetchedAt: null }
}

async function remember(store: NaunganStore, year: number, plans: PlanRow[]): Promise<KnownPlans> {
  const doc = await store.db.getLocal<CachedPlans>(PLANS_DOC)
  const years: CachedPlans['years'] = { ...(doc?.toJSON().data.years ?? {}) }
  const fetchedAt = currentTime().toISOString()
  years[String(year)] = { plans, fetchedAt }
  await store.db.upsertLocal<CachedPlans>(PLANS_DOC, { years })
  return { plans, fetchedAt }
}

/** Fetches the year's plans and caches them; throws when the server cannot be reached. */
export async function refreshPlans(
  sync: SyncContextValue,
  store: NaunganStore,
  year: number,
): Promise<KnownPlans> {
  const response = await sync.session.json<PlansResponse>(`/api/plans?year=${year}`)
  return remember(store, year, response.plans)
}

export async function savePlans(
  sync: SyncContextValue,
  store: NaunganStore,
  request: PutPlansRequest,
): Promise<KnownPlans> {
  const response = await sync.session.json<PlansResponse>('/api/plans', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  })
  return remember(store, request.year, response.plans)
}
