import { afterEach, describe, expect, it } from 'vitest'
import {
  clearRegistrationDraft,
  draftDocId,
  loadRegistrationDraft,
  saveRegistrationDraft,
  type DraftOwner,
} from '@/registration/registration-draft'
import { emptyFormValues } from '@/registration/registration-form-values'
import { closeTestStores, openTestStore, uniqueStoreName } from '../../support/store-fixture'

const SECRET = 'ab'.repeat(32)
const RINA: DraftOwner = { officeCode: '06-01', userKey: 'user:rina' }
const values = {
  ...emptyFormValues('64.02.06'),
  nik: '6402065505900001',
  kk: '6402060101100123',
  fullName: 'Siti Aminah',
  phone: '0812 3456 7890',
}

afterEach(closeTestStores)

describe('a registration draft in the local store', () => {
  it('comes back for its owner after the store is reopened', async () => {
    const name = uniqueStoreName('draft')
    const store = await openTestStore(name, SECRET)
    await saveRegistrationDraft(store, RINA, values)
    await store.close()
    const reopened = await openTestStore(name, SECRET)
    const draft = await loadRegistrationDraft(reopened, RINA)
    expect(draft?.values).toEqual(values)
    expect(draft?.savedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('is sealed: neither the NIK, the KK, the phone, the name nor the user is readable at rest', async () => {
    const store = await openTestStore(uniqueStoreName('draft'), SECRET)
    await saveRegistrationDraft(store, RINA, values)
    // Local documents are not opened by the sealed-fields storage: this is the stored form.
    const local = await store.db.getLocal(await draftDocId(RINA))
    const stored = JSON.stringify(local?.toJSON())
    expect(stored).toMatch(/"sealed":"g1:/)
    for (const secret of ['6402065505900001', '6402060101100123', '3456', 'Siti', 'rina']) {
      expect(stored).not.toContain(secret)
    }
  })

  it('belongs to one user of one office, and is gone once cleared', async () => {
    const store = await openTestStore(uniqueStoreName('draft'), SECRET)
    await saveRegistrationDraft(store, RINA, values)
    expect(await loadRegistrationDraft(store, { ...RINA, userKey: 'user:budi' })).toBeNull()
    expect(await loadRegistrationDraft(store, { ...RINA, officeCode: '06-02' })).toBeNull()
    await clearRegistrationDraft(store, RINA)
    expect(await loadRegistrationDraft(store, RINA)).toBeNull()
    // A new walk-in after the clear is kept again.
    await saveRegistrationDraft(store, RINA, { ...values, fullName: 'Budi' })
    expect((await loadRegistrationDraft(store, RINA))?.values.fullName).toBe('Budi')
  })

  it('does not open under another database key', async () => {
    const name = uniqueStoreName('draft')
    const store = await openTestStore(name, SECRET)
    await saveRegistrationDraft(store, RINA, values)
    const other = await openTestStore(uniqueStoreName('draft'), 'cd'.repeat(32))
    // The sealed value copied into another store: that store's key cannot open it.
    const id = await draftDocId(RINA)
    const sealed = (await store.db.getLocal<{ sealed: string }>(id))?.get('sealed')
    await other.db.upsertLocal(id, { sealed })
    expect(await loadRegistrationDraft(other, RINA)).toBeNull()
  })
})
