/**
 * Change notices for screens that re-read when records change (the list, the dashboard): they
 * get a callback, never the RxDB collection, so screens reach the store only through core/store.
 */
import type { ParticipantDocument } from '@shared/participant/participant-document'
import type { NaunganStore } from './database'

/**
 * Calls `onChange` after each write to the participants — one call per written bulk (a pulled
 * page, an import slice, a save), not one per record. Returns the unsubscribe.
 */
export function watchParticipants(store: NaunganStore, onChange: () => void): () => void {
  const subscription = store.db.participants.eventBulks$.subscribe(() => onChange())
  return () => subscription.unsubscribe()
}

/**
 * Calls `onRevision` with one record's revision now and after each change to it ('missing' when
 * it is not, or no longer, on this PC). Returns the unsubscribe.
 */
export function watchParticipantRevision(
  store: NaunganStore,
  id: string,
  onRevision: (revision: string) => void,
): () => void {
  const subscription = store.db.participants
    .findOne(id)
    .$.subscribe((doc) => onRevision(doc ? doc.revision : 'missing'))
  return () => subscription.unsubscribe()
}

/**
 * Every record with `status`, by name, now and after each change (the `['status', 'nameKey']`
 * index answers the query). `onError` gets the failure when the query cannot run. Returns the
 * unsubscribe.
 */
export function watchParticipantsWithStatus(
  store: NaunganStore,
  status: ParticipantDocument['status'],
  onRecords: (records: ParticipantDocument[]) => void,
  onError: (error: unknown) => void,
): () => void {
  const subscription = store.db.participants
    .find({ selector: { status }, sort: [{ status: 'asc' }, { nameKey: 'asc' }] })
    .$.subscribe({
      next: (docs) => onRecords(docs.map((doc) => doc.toMutableJSON())),
      error: onError,
    })
  return () => subscription.unsubscribe()
}
