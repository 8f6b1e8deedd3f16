/**
 * History entries the server refused for good (shared/audit/audit-entry.ts, AuditRejectionCode).
 * RxDB counts a refused entry as sent, so it is never pushed again: an entry does not change, and
 * sending it again would be refused again. What remains is telling someone: the ids, codes and the
 * server's sentences are kept in one local document for the "Masalah sinkronisasi" screen.
 */
import type { Observable } from 'rxjs'
import { map } from 'rxjs'
import type { AuditRejection } from '@shared/audit/audit-entry'
import type { NaunganStore } from './database'
import { currentTime } from '@shared/dates/clock'

const REFUSALS_DOC = 'audit-refusals'
/** The most recent refusals kept with their reason; the count covers all of them. */
export const MAX_LISTED_AUDIT_REFUSALS = 200

export interface AuditRefusal {
  id: string
  code: string
  message: string
  /** When the server refused it (ISO). */
  at: string
}

export interface AuditRefusals {
  /** Every refusal ever recorded on this PC. */
  total: number
  /** The latest ones, newest last. */
  recent: AuditRefusal[]
}

const EMPTY: AuditRefusals = { total: 0, recent: [] }

export async function loadAuditRefusals(store: NaunganStore): Promise<AuditRefusals> {
  const doc = await store.db.getLocal<AuditRefusals>(REFUSALS_DOC)
  return doc ? (doc.toJSON().data as AuditRefusals) : EMPTY
}

/** The refusals as they change (the sync status and the problems screen follow it). */
export function auditRefusals$(store: NaunganStore): Observable<AuditRefusals> {
  return store.db
    .getLocal$<AuditRefusals>(REFUSALS_DOC)
    .pipe(map((doc) => (doc ? (doc.toJSON().data as AuditRefusals) : EMPTY)))
}

// One update at a time in this window: two push answers must not overwrite each other's count.
let queue: Promise<unknown> = Promise.resolve()

export function recordAuditRefusals(
  store: NaunganStore,
  rejections: readonly AuditRejection[],
  now: Date = currentTime(),
): Promise<void> {
  if (rejections.length === 0) return Promise.resolve()
  const work = async () => {
    const current = await loadAuditRefusals(store)
    const known = new Set(current.recent.map((refusal) => refusal.id))
    const fresh = rejections
      .filter((rejection) => !known.has(String(rejection.id)))
      .map((rejection) => ({
        id: String(rejection.id).slice(0, 40),
        code: String(rejection.code).slice(0, 40),
        message: String(rejection.message).slice(0, 500),
        at: now.toISOString(),
      }))
    await store.db.upsertLocal<AuditRefusals>(REFUSALS_DOC, {
      total: current.total + fresh.length,
      recent: [...current.recent, ...fresh].slice(-MAX_LISTED_AUDIT_REFUSALS),
    })
  }
  const result = queue.then(work, work)
  queue = result.catch(() => undefined)
  return result
}
