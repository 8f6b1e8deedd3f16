/**
 * Change notices for screens that re-read when records change (the list, the dashboard): they
 * get a callback, never the RxDB collection, so screens reach the store only through core/store.
 */
import type { NaunganStore } from './database'

/**
 * Calls `onChange` after each write to the participants — one call per written bulk (a pulled
 * page, an import slice, a save), not one per record. Returns the unsubscribe.
 */
export function watchParticipants(store: NaunganStore, onChange: () => void): () => void {
  const subscription = store.db.participants.eventBulks$.subscribe(() => onChange())
  return () => subscription.unsubscribe()
}
