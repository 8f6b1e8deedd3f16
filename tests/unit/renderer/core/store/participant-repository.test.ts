import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PARTICIPANT_SCHEMA_VERSION } from '@shared/participant/participant-document'
import { openStore, StoreKeyMismatchError } from '@/core/store/database'
import {
  countParticipants,
  findParticipantsByNik,
  findSameNameAndBirthDate,
  getParticipant,
  getParticipantHistory,
  registerParticipant,
  searchParticipants,
  setParticipantStatus,
  updateParticipant,
  watchParticipantCount,
} from '@/core/store/participant-repository'
import { UNREADABLE_SEALED_VALUE } from '@/core/store/sealed-fields-storage'
import {
  closeTestStores,
  OFFICE,
  openTestStore,
  person,
  rawRows,
  uniqueStoreName,
} from '../../../support/store-fixture'

const SECRET = 'a1'.repeat(32)
const OTHER_SECRET = 'b2'.repeat(32)

function freshStore(name = uniqueStoreName('test'), secret = SECRET) {
  return openTestStore(name, secret)
}

afterEach(closeTestStores)

describe('participant store', () => {
  it('registers a participant with a sequential registration number per office', async () => {
    const store = await freshStore()
    const first = await registerParticipant(store, person(), { office: OFFICE })
    const second = await registerParticipant(
      store,
      person({
        nik: '6402061708850002',
        fullName: 'Budi Santoso',
        birthDate: '1985-08-17',
        sex: 'L',
      }),
      { office: OFFICE },
    )
    expect(first.registrationNumber).toBe('0601-000001')
    expect(second.registrationNumber).toBe('0601-000002')
    expect(first.id).not.toBe(second.id)
    expect(first.phone).toBe('+6281234567890')
    expect(first.rt).toBe('003')
  })

  it('hands out distinct numbers to saves made at the same moment', async () => {
    const store = await freshStore()
    const saved = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        registerParticipant(
          store,
          person({
            nik: `64020655059000${String(i + 10)}`,
            fullName: `Siti Nomor ${'abcdefgh'[i]}`,
          }),
          { office: OFFICE },
        ),
      ),
    )
    const numbers = new Set(saved.map((p) => p.registrationNumber))
    expect(numbers.size).toBe(8)
  })

  it('keeps NIK, KK and phone encrypted in IndexedDB while exact NIK lookup still works', async () => {
    const name = `enc-${Date.now()}`
    const store = await freshStore(name)
    await registerParticipant(store, person(), { office: OFFICE })
    const rows = await rawRows(`rxdb-dexie-${name}--${PARTICIPANT_SCHEMA_VERSION}--participants`)
    expect(rows).toHaveLength(1)
    const raw = JSON.stringify(rows)
    expect(raw).not.toContain('6402065505900001')
    expect(raw).not.toContain('6402060101100123')
    expect(raw).not.toContain('81234567890')
    expect(raw).toContain('Siti Aminah')

    const found = await findParticipantsByNik(store, '6402065505900001')
    expect(found.map((p) => p.fullName)).toEqual(['Siti Aminah'])
    expect(found[0]?.nik).toBe('6402065505900001')
    expect(await findParticipantsByNik(store, '6402065505900002')).toEqual([])
  })

  it('records survive closing and reopening the store', async () => {
    const name = `reopen-${Date.now()}`
    const store = await freshStore(name)
    await registerParticipant(store, person(), { office: OFFICE })
    await store.close()
    const reopened = await freshStore(name)
    const rows = await searchParticipants(reopened, { text: '', filters: {}, limit: 10 })
    expect(rows.map((r) => [r.fullName, r.nik])).toEqual([['Siti Aminah', '6402065505900001']])
    // The counter continues instead of restarting at 1.
    const next = await registerParticipant(
      reopened,
      person({
        nik: '6402061708850002',
        fullName: 'Budi Santoso',
        birthDate: '1985-08-17',
        sex: 'L',
      }),
      { office: OFFICE },
    )
    expect(next.registrationNumber).toBe('0601-000002')
  })

  it('refuses to open with another key instead of showing garbage', async () => {
    const name = `key-${Date.now()}`
    const store = await freshStore(name)
    await registerParticipant(store, person(), { office: OFFICE })
    await store.close()
    await expect(
      openStore({ name, secretHex: OTHER_SECRET, indexedDB, IDBKeyRange }),
    ).rejects.toBeInstanceOf(StoreKeyMismatchError)
    const again = await freshStore(name)
    expect(await countParticipants(again, {})).toBe(1)
  })

  it('searches by name prefix, NIK prefix and registration number, with filters', async () => {
    const store = await freshStore()
    await registerParticipant(store, person(), { office: OFFICE })
    await registerParticipant(
      store,
      person({
        nik: '6402041708850002',
        fullName: 'Budi Santoso',
        birthDate: '1985-08-17',
        sex: 'L',
        kecamatanCode: '64.02.04',
        villageCode: '64.02.04.2006',
        occupationCode: 'nelayan',
      }),
      { office: OFFICE },
    )
    const names = async (text: string, filters = {}) =>
      (await searchParticipants(store, { text, filters, limit: 50 })).map((p) => p.fullName)

    expect(await names('')).toEqual(['Budi Santoso', 'Siti Aminah'])
    expect(await names('siti a')).toEqual(['Siti Aminah'])
    expect(await names('  BUDI ')).toEqual(['Budi Santoso'])
    expect(await names('6402')).toEqual(['Budi Santoso', 'Siti Aminah'])
    expect(await names('640204')).toEqual(['Budi Santoso'])
    expect(await names('6402 0655')).toEqual(['Siti Aminah'])
    expect(await names('6402065505900001')).toEqual(['Siti Aminah'])
    expect(await names('0601-000002')).toEqual(['Budi Santoso'])
    expect(await names('', { kecamatanCode: '64.02.04' })).toEqual(['Budi Santoso'])
    expect(await names('', { occupationCode: 'pedagang-kecil' })).toEqual(['Siti Aminah'])
    expect(await names('', { status: 'submitted' })).toEqual([])
    expect(await countParticipants(store, { kecamatanCode: '64.02.06' })).toBe(1)
    expect(await names('zzz')).toEqual([])
  })

  it('pages through many people with the same name without repeating or skipping', async () => {
    const store = await freshStore()
    for (let i = 0; i < 23; i++) {
      await registerParticipant(
        store,
        person({
          nik: `640206550590${String(1000 + i)}`,
          fullName: i % 2 ? 'Ahmad' : 'Ahmad Yani',
        }),
        { office: OFFICE },
      )
    }
    const seen: string[] = []
    let after: { nameKey: string; id: string } | undefined
    for (let page = 0; page < 10; page++) {
      const rows = await searchParticipants(store, { text: 'ahm', filters: {}, limit: 5, after })
      if (rows.length === 0) break
      seen.push(...rows.map((r) => r.id))
      const last = rows[rows.length - 1]!
      after = { nameKey: last.nameKey, id: last.id }
    }
    expect(seen).toHaveLength(23)
    expect(new Set(seen).size).toBe(23)
  })

  it('finds a later word of a name after the names that start with it, page by page', async () => {
    const store = await freshStore()
    const names = ['Yanto', 'Ahmad Yani', 'Siti Aminah', 'Dewi Yanita Sari', 'Budi', 'Yani']
    for (const [i, fullName] of names.entries()) {
      await registerParticipant(
        store,
        person({ nik: `640206550590${String(2000 + i)}`, fullName }),
        { office: OFFICE },
      )
    }
    const search = (text: string, limit: number, after?: { nameKey: string; id: string }) =>
      searchParticipants(store, { text, filters: {}, limit, after })
    const found = async (text: string) => (await search(text, 50)).map((p) => p.fullName)

    // First word first (Yani, Yanto), then a later word (Ahmad Yani, Dewi Yanita Sari).
    expect(await found('yani')).toEqual(['Yani', 'Ahmad Yani', 'Dewi Yanita Sari'])
    expect(await found('yan')).toEqual(['Yani', 'Yanto', 'Ahmad Yani', 'Dewi Yanita Sari'])
    expect(await found('sari')).toEqual(['Dewi Yanita Sari'])
    expect(await found('amin')).toEqual(['Siti Aminah'])
    expect(await found('ani')).toEqual([])
    // Punctuation separates words, as it does in the stored key; it is never a pattern.
    expect(await found('ya.ni')).toEqual([])

    // Pages of one: every match once, in the same order.
    const paged: string[] = []
    let after: { nameKey: string; id: string } | undefined
    for (let page = 0; page < 10; page++) {
      const rows = await search('yan', 1, after)
      if (rows.length === 0) break
      paged.push(...rows.map((row) => row.fullName))
      after = { nameKey: rows[0]!.nameKey, id: rows[0]!.id }
    }
    expect(paged).toEqual(['Yani', 'Yanto', 'Ahmad Yani', 'Dewi Yanita Sari'])
  })

  it('finds the same name and birth date for the duplicate warning', async () => {
    const store = await freshStore()
    await registerParticipant(store, person(), { office: OFFICE })
    const same = await findSameNameAndBirthDate(store, '  siti   AMINAH ', '1990-05-15')
    expect(same).toHaveLength(1)
    expect(await findSameNameAndBirthDate(store, 'Siti Aminah', '1990-05-16')).toHaveLength(0)
  })

  it('keeps a history of edits with NIK, KK and phone masked', async () => {
    const store = await freshStore()
    const created = await registerParticipant(store, person(), { office: OFFICE })
    const result = await updateParticipant(
      store,
      created.id,
      person({ nik: '6402065505900009', address: 'Jl. Mangkurawang No. 7', phone: '' }),
      { office: { ...OFFICE, operatorName: 'Dedi' } },
    )
    expect(result.participant.phone).toBeUndefined()
    expect(result.changes).toEqual([
      { field: 'nik', from: '640206******0001', to: '640206******0009' },
      { field: 'address', from: 'Jl. Danau Aji No. 12', to: 'Jl. Mangkurawang No. 7' },
      { field: 'phone', from: '0812****7890', to: '' },
    ])
    const history = await getParticipantHistory(store, created.id)
    expect(history.map((h) => [h.kind, h.by])).toEqual([
      ['created', 'Rina'],
      ['updated', 'Dedi'],
    ])
    expect(JSON.stringify(history)).not.toMatch(/6402065505900001|6402065505900009|81234567890/)
    // The old NIK no longer finds the person; the new one does.
    expect(await findParticipantsByNik(store, '6402065505900001')).toHaveLength(0)
    expect(await findParticipantsByNik(store, '6402065505900009')).toHaveLength(1)
  })

  it('an edit form writes only what the clerk changed; a clash with a change made meanwhile is kept as a conflict', async () => {
    const store = await freshStore()
    const loaded = await registerParticipant(store, person(), { office: OFFICE })
    // While the form is open, a sync brings another office's edit of the phone and the address.
    const synced = await store.db.participants.findOne(loaded.id).exec()
    await synced?.incrementalPatch({
      phone: '081299990000',
      address: 'Jl. Dari Kantor Lain 5',
      updatedAt: '2026-02-01T00:00:00.000Z',
      updatedBy: 'Bayu',
    })

    // The clerk changed the address and the heir; every other box still shows the loaded copy.
    const result = await updateParticipant(
      store,
      loaded.id,
      person({ address: 'Jl. Ketikan Dedi 7', heirName: 'Budi Santoso' }),
      {
        office: { ...OFFICE, operatorName: 'Dedi' },
        loaded,
        now: new Date('2026-02-02T00:00:00Z'),
      },
    )
    const stored = await getParticipant(store, loaded.id)
    // Untouched field: the synced value stays (the stale form copy does not overwrite it).
    expect(stored?.phone).toBe('081299990000')
    // Changed by the clerk only: written.
    expect(stored?.heirName).toBe('Budi Santoso')
    // Changed on both sides: the record keeps the other value; the clerk's is a conflict.
    expect(stored?.address).toBe('Jl. Dari Kantor Lain 5')
    expect(stored?.conflicts).toEqual([
      {
        field: 'address',
        localValue: JSON.stringify('Jl. Ketikan Dedi 7'),
        serverValue: JSON.stringify('Jl. Dari Kantor Lain 5'),
        localBy: 'Dedi',
        localAt: '2026-02-02T00:00:00.000Z',
        detectedAt: '2026-02-02T00:00:00.000Z',
      },
    ])
    expect(result.conflicts.map((c) => c.field)).toEqual(['address'])
    // History holds what really changed in the record, nothing else.
    expect(result.changes).toEqual([
      { field: 'heirName', from: 'Rahmat Hidayat', to: 'Budi Santoso' },
    ])
    const history = await getParticipantHistory(store, loaded.id)
    expect(history.filter((h) => h.kind === 'updated').map((h) => h.changes)).toEqual([
      result.changes,
    ])
  })

  it('an edit form that changed nothing writes nothing, even if the record moved meanwhile', async () => {
    const store = await freshStore()
    const loaded = await registerParticipant(store, person(), { office: OFFICE })
    const synced = await store.db.participants.findOne(loaded.id).exec()
    await synced?.incrementalPatch({ address: 'Jl. Baru Dari Sync' })
    const result = await updateParticipant(store, loaded.id, person(), { office: OFFICE, loaded })
    expect(result.changes).toEqual([])
    expect(result.conflicts).toEqual([])
    expect((await getParticipant(store, loaded.id))?.address).toBe('Jl. Baru Dari Sync')
    expect(await getParticipantHistory(store, loaded.id)).toHaveLength(1)
  })

  it('shows a damaged record as unreadable and keeps every other record working', async () => {
    const name = `damaged-${Date.now()}`
    const store = await freshStore(name)
    await registerParticipant(store, person(), { office: OFFICE })
    const budi = await registerParticipant(
      store,
      person({
        nik: '6402061708850002',
        fullName: 'Budi Santoso',
        birthDate: '1985-08-17',
        sex: 'L',
      }),
      { office: OFFICE },
    )
    await store.close()
    // Flip the NIK ciphertext of one record directly in IndexedDB (disk corruption, a bad tool).
    await new Promise<void>((resolvePromise, reject) => {
      const request = indexedDB.open(
        `rxdb-dexie-${name}--${PARTICIPANT_SCHEMA_VERSION}--participants`,
      )
      request.onsuccess = () => {
        const db = request.result
        const tx = db.transaction('docs', 'readwrite')
        const docs = tx.objectStore('docs')
        const get = docs.getAll()
        get.onsuccess = () => {
          for (const row of get.result as Record<string, unknown>[]) {
            if (row.id === budi.id) docs.put({ ...row, nik: 'g1:AAAAgarbage' })
          }
        }
        tx.oncomplete = () => {
          db.close()
          resolvePromise()
        }
        tx.onerror = () => reject(tx.error)
      }
      request.onerror = () => reject(request.error)
    })
    const reopened = await freshStore(name)
    const rows = await searchParticipants(reopened, { text: '', filters: {}, limit: 10 })
    expect(rows.map((r) => [r.fullName, r.nik])).toEqual([
      ['Budi Santoso', UNREADABLE_SEALED_VALUE],
      ['Siti Aminah', '6402065505900001'],
    ])
    // Editing the damaged record is refused rather than overwriting what may still be recovered.
    await expect(
      updateParticipant(reopened, budi.id, person({ fullName: 'Budi S' }), { office: OFFICE }),
    ).rejects.toThrow()
  })

  it('keeps a live count in step with registrations, status changes and deletes, counting the store once', async () => {
    const store = await freshStore()
    const nikOf = (n: number) => `640206550590${String(1000 + n)}`
    const first = await registerParticipant(store, person({ nik: nikOf(0) }), { office: OFFICE })
    await registerParticipant(
      store,
      person({
        nik: '6402041708850002',
        fullName: 'Budi Santoso',
        birthDate: '1985-08-17',
        sex: 'L',
        kecamatanCode: '64.02.04',
        villageCode: '64.02.04.2006',
      }),
      { office: OFFICE },
    )
    const counts = store.db.participants.count.bind(store.db.participants)
    let storeCounts = 0
    store.db.participants.count = ((query?: never) => {
      storeCounts++
      return counts(query)
    }) as typeof store.db.participants.count
    const shown = { all: -1, kecamatan06: -1, submitted: -1 }
    const stops = [
      watchParticipantCount(store, {}, (n) => (shown.all = n)),
      watchParticipantCount(store, { kecamatanCode: '64.02.06' }, (n) => (shown.kecamatan06 = n)),
      watchParticipantCount(store, { status: 'submitted' }, (n) => (shown.submitted = n)),
    ]
    try {
      // Writes made while the first counts run are in the number too.
      const added = await Promise.all(
        [1, 2, 3].map((n) =>
          registerParticipant(store, person({ nik: nikOf(n) }), { office: OFFICE }),
        ),
      )
      await vi.waitFor(() => expect(shown).toEqual({ all: 5, kecamatan06: 4, submitted: 0 }))
      // Once the counts settle, each change moves the number without counting the store again.
      await vi.waitFor(async () => {
        const before = storeCounts
        await new Promise((resolve) => setTimeout(resolve, 1_700))
        expect(storeCounts).toBe(before)
      }, 10_000)
      const settled = storeCounts
      await setParticipantStatus(store, first.id, 'submitted', { office: OFFICE })
      await registerParticipant(store, person({ nik: nikOf(4) }), { office: OFFICE })
      await (await store.db.participants.findOne(added[0]!.id).exec())!.remove()
      await vi.waitFor(() => expect(shown).toEqual({ all: 5, kecamatan06: 4, submitted: 1 }))
      expect(storeCounts).toBe(settled)
      expect(await countParticipants(store, {})).toBe(5)
    } finally {
      for (const stop of stops) stop()
    }
  }, 20_000)
})
