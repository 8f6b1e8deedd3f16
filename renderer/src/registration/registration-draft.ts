import { currentTime } from '@shared/dates/clock'
import type { NaunganStore } from '@/core/store/database'
import { isUnreadable, openValue, sealValue } from '@/core/store/sealed-fields-storage'
import { draftFromStored, type RegistrationDraft } from './registration-draft-values'
import type { RegistrationFormValues } from './registration-form-values'

/**
 * Whose draft: one per user and office, so a clerk never sees (or overwrites) what a colleague
 * on the same PC was typing, and a PC moved to another office starts clean.
 */
export interface DraftOwner {
  /** The office code, e.g. '06-01'. */
  officeCode: string
  /** The signed-in user's id on an enrolled PC; the operator's name on a standalone one. */
  userKey: string
}

/**
 * A local document of the existing database, not a collection: open core allows 13 collections
 * per window (STACK.md) and a draft is one small value. Its id is a hash, so the local store does
 * not list who typed; its content is sealed with the field key like the record's NIK, KK and
 * phone, bound to that id (AES-GCM additional data) so it opens for its owner only.
 */
export async function draftDocId(owner: DraftOwner): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${owner.officeCode}\u0000${owner.userKey}`),
  )
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
  return `registration-draft-${hex.slice(0, 32)}`
}

const aadOf = (docId: string) => `local:${docId}`

export async function saveRegistrationDraft(
  store: NaunganStore,
  owner: DraftOwner,
  values: RegistrationFormValues,
): Promise<void> {
  const docId = await draftDocId(owner)
  const draft: RegistrationDraft = { values, savedAt: currentTime().toISOString() }
  const sealed = await sealValue(store.keys.fieldKey, aadOf(docId), draft)
  await store.db.upsertLocal(docId, { sealed })
}

/** The owner's draft, or null when there is none or it cannot be opened. */
export async function loadRegistrationDraft(
  store: NaunganStore,
  owner: DraftOwner,
): Promise<RegistrationDraft | null> {
  const docId = await draftDocId(owner)
  const doc = await store.db.getLocal<{ sealed: string }>(docId)
  const sealed = doc?.get('sealed')
  if (typeof sealed !== 'string' || sealed === '') return null
  const opened = await openValue(store.keys.fieldKey, aadOf(docId), sealed)
  return isUnreadable(opened) ? null : draftFromStored(opened)
}

export async function clearRegistrationDraft(store: NaunganStore, owner: DraftOwner) {
  const doc = await store.db.getLocal(await draftDocId(owner))
  await doc?.remove()
}
