/**
 * DTSEN extracts against the real store (RxDB on fake-indexeddb): the first one makes drafts
 * within the decile threshold, a newer one is compared with it — who is new, gone, or crossed the
 * threshold — and every registered person in those groups gets an audited note for the yearly
 * review, while no record's status or coverage changes. An older extract is refused.
 */
import { indexedDB } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import { fixedClock, installClock } from '@shared/dates/clock'
import { validateTable } from '@shared/import/analyse'
import { suggestMapping } from '@shared/import/import-fields'
import type { PlanContext } from '@shared/import/import-plan'
import { readImportTable } from '@shared/import/import-table'
import { createNikIndexEncoder } from '@shared/import/nik-index-encoder'
import { dtsenFamilyKey } from '@shared/import/dtsen-extract-codec'
import type { ActingUser } from '@/core/acting-user'
import type { NaunganStore } from '@/core/store/database'
import { getParticipantHistory, registerParticipant } from '@/core/store/participant-repository'
import { applyImport } from '@/import/apply-import'
import {
  applyDtsenComparison,
  loadLastDtsenExtract,
  rememberDtsenExtract,
  reviewCounts,
} from '@/import/dtsen-extracts'
import { runDryRun } from '@/import/import-dry-run'
import {
  closeTestStores,
  district,
  OFFICE,
  openTestStore,
  person,
  uniqueStoreName,
} from '../../support/store-fixture'

/** Every row of every IndexedDB database of this store (records, local documents, history). */
async function everythingStored(storeName: string): Promise<string> {
  const names = (await indexedDB.databases())
    .map((info) => info.name ?? '')
    .filter((name) => name.includes(storeName))
  const rows: unknown[] = []
  for (const name of names) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    for (const table of [...db.objectStoreNames]) {
      rows.push(
        await new Promise((resolve, reject) => {
          const request = db.transaction(table).objectStore(table).getAll()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        }),
      )
    }
    db.close()
  }
  return JSON.stringify(rows)
}

const SECRET = 'd4'.repeat(32)
const TODAY = '2026-12-06'
const SUPERVISOR: ActingUser = {
  name: 'Bu Supervisor',
  role: 'supervisor',
  agency: null,
  officeCode: '06-01',
  deviceId: 'device-1',
}

let undoClock: (() => void) | null = null
afterEach(async () => {
  undoClock?.()
  undoClock = null
  await closeTestStores()
})
const setClock = (at: string) => {
  undoClock?.()
  undoClock = installClock(fixedClock(at))
}

// Ani, Budi and Citra are registered here; Dedi and Eka are not.
const ANI = { nik: '6402064101900001', kk: '6402060101200001', name: 'Ani', birth: '01-01-1990' }
const BUDI = { nik: '6402060202850002', kk: '6402060101200002', name: 'Budi', birth: '02-02-1985' }
const CITRA = {
  nik: '6402064303880003',
  kk: '6402060101200003',
  name: 'Citra',
  birth: '03-03-1988',
}
const DEDI = { nik: '6402060404920004', kk: '6402060101200004', name: 'Dedi', birth: '04-04-1992' }
const EKA = { nik: '6402064505950005', kk: '6402060101200004', name: 'Eka', birth: '05-05-1995' }
type Someone = typeof ANI

const csv = (rows: [Someone, number][]) =>
  new TextEncoder().encode(
    'NIK;NO KK;NAMA;TGL LAHIR;DESA;DESIL\n' +
      rows
        .map(([p, decile]) => `${p.nik};${p.kk};${p.name};${p.birth};Loa Ipuh;${decile}`)
        .join('\n') +
      '\n',
  )

async function dryRun(store: NaunganStore, bytes: Uint8Array, snapshotDate: string) {
  const read = readImportTable(bytes, 'dtsen')
  if (!read.ok) throw new Error(read.problem)
  const encoder = createNikIndexEncoder(store.keys.blindIndexKey)
  const validated = validateTable(
    read.table,
    suggestMapping(read.table.headers, 'dtsen'),
    'dtsen',
    {
      district,
      today: TODAY,
      snapshotDate,
      encodeNikIndex: (nik) => encoder.encode(nik),
      encodeFamilyKey: (kk) => dtsenFamilyKey(kk, store.keys.blindIndexKey),
    },
  )
  if (!validated.ok) throw new Error(`missing ${validated.missing.join()}`)
  const ctx: PlanContext = {
    kind: 'dtsen',
    agency: 'dinsos',
    actor: SUPERVISOR,
    createDrafts: true,
    registrationAllowed: true,
    maxDecile: 5,
  }
  return runDryRun(store, validated.rows, ctx, { dtsen: { snapshotDate, today: TODAY } })
}

async function apply(store: NaunganStore, run: Awaited<ReturnType<typeof dryRun>>) {
  const result = await applyImport(store, run.outcomes, {
    actor: SUPERVISOR,
    office: OFFICE,
    source: 'DTSEN Dinsos',
    kind: 'dtsen',
    agency: 'dinsos',
    fileName: 'dtsen.csv',
  })
  expect(result.ok || result.reason === 'NOTHING_TO_APPLY').toBe(true)
  return applyDtsenComparison(store, run.dtsen!, {
    actor: SUPERVISOR,
    at: '2026-12-06T02:00:00.000Z',
    maxDecile: 5,
  })
}

describe('DTSEN extracts, one quarter after another', () => {
  it('proposes drafts within the threshold, then flags the changes of a newer extract for review', async () => {
    setClock('2026-10-05T02:00:00.000Z')
    const store = await openTestStore(uniqueStoreName('import-dtsen'), SECRET)
    const registered = new Map<string, string>()
    for (const p of [ANI, BUDI, CITRA]) {
      const [day, month, year] = p.birth.split('-')
      const doc = await registerParticipant(
        store,
        person({
          nik: p.nik,
          kk: p.kk,
          fullName: p.name,
          birthDate: `${year}-${month}-${day}`,
          sex: Number(p.nik.slice(6, 8)) > 40 ? 'P' : 'L',
        }),
        { office: OFFICE, status: 'submitted' },
      )
      registered.set(p.name, doc.id)
    }

    // September: Dedi (decile 6) is above the threshold, so no draft; Eka is not listed yet.
    const september = await dryRun(
      store,
      csv([
        [ANI, 3],
        [BUDI, 4],
        [CITRA, 6],
        [DEDI, 6],
      ]),
      '2026-09-30',
    )
    expect(september.outcomes.map((o) => o.outcome)).toEqual([
      'match',
      'match',
      'skip',
      'not-found',
    ])
    expect(september.dtsen?.diff).toMatchObject({ ok: true, isFirst: true })
    expect(await apply(store, september)).toBe(0)

    // What this PC remembers holds no NIK and no KK, in any local document.
    const remembered = await loadLastDtsenExtract(store)
    expect(remembered?.snapshotDate).toBe('2026-09-30')
    expect(remembered?.people).toHaveLength(4)
    const stored = await everythingStored(store.db.name)
    for (const p of [ANI, BUDI, CITRA, DEDI]) {
      expect(stored).not.toContain(p.nik)
      expect(stored).not.toContain(p.kk)
    }
    expect(stored).toContain(remembered!.people[0]!.personKey)

    // December: Ani 3 → 7 (crossed up), Budi gone, Citra 6 → 4 (crossed down), Dedi unchanged
    // above the threshold, Eka new in Dedi's family, within it.
    setClock('2026-12-06T02:00:00.000Z')
    const december = await dryRun(
      store,
      csv([
        [ANI, 7],
        [CITRA, 4],
        [DEDI, 6],
        [EKA, 2],
      ]),
      '2026-12-01',
    )
    const comparison = december.dtsen!
    expect(comparison.diff).toMatchObject({
      ok: true,
      isFirst: false,
      lastSnapshotDate: '2026-09-30',
      unchanged: 1,
      newFamilies: 0,
      goneFamilies: 1,
    })
    if (!comparison.diff.ok) throw new Error('refused')
    expect(comparison.diff.added.map((c) => c.rowNumber)).toEqual([5])
    expect(comparison.diff.crossedUp.map((c) => [c.before, c.after])).toEqual([[3, 7]])
    expect(comparison.diff.crossedDown.map((c) => [c.before, c.after])).toEqual([[6, 4]])
    expect(comparison.diff.gone.map((c) => c.before)).toEqual([4])
    expect(reviewCounts(comparison)).toEqual({ gone: 1, crossedUp: 1, crossedDown: 1 })
    expect(december.outcomes.map((o) => o.outcome)).toEqual([
      'skip',
      'match',
      'not-found',
      'create',
    ])

    const statusBefore = await Promise.all(
      [...registered.values()].map(
        async (id) => (await store.db.participants.findOne(id).exec())?.status,
      ),
    )
    expect(await apply(store, december)).toBe(3)

    // Each change is on the person's history, audited; no status changed.
    const noteOf = async (name: string) =>
      (await getParticipantHistory(store, registered.get(name)!))
        .flatMap((entry) => entry.changes)
        .find((change) => change.field === 'dtsen.desil')
    expect(await noteOf('Ani')).toEqual({
      field: 'dtsen.desil',
      from: 'desil 3 (DTSEN 2026-09-30)',
      to: 'desil 7 (DTSEN 2026-12-01), di atas batas desil 5: tinjau pada pemeriksaan tahunan; kepesertaan tidak diakhiri',
    })
    expect((await noteOf('Budi'))?.to).toBe(
      'tidak ada di DTSEN 2026-12-01: tinjau pada pemeriksaan tahunan; kepesertaan tidak diakhiri',
    )
    expect((await noteOf('Citra'))?.to).toBe(
      'desil 4 (DTSEN 2026-12-01), kembali dalam batas desil 1–5: tinjau statusnya',
    )
    const statusAfter = await Promise.all(
      [...registered.values()].map(
        async (id) => (await store.db.participants.findOne(id).exec())?.status,
      ),
    )
    expect(statusAfter).toEqual(statusBefore)
    expect((await loadLastDtsenExtract(store))?.snapshotDate).toBe('2026-12-01')

    // An extract older than December's is refused, with the reason, and blocks the apply.
    const june = await dryRun(store, csv([[ANI, 2]]), '2026-06-30')
    expect(june.blocked).toBe(true)
    expect(june.notices.map((notice) => notice.id)).toContain(
      'Ekstrak ini bertanggal data 2026-06-30, lebih lama dari ekstrak terakhir yang diterapkan di PC ini (2026-12-01). Data lama tidak boleh menimpa data yang lebih baru: impor ekstrak terbaru.',
    )
    await expect(
      applyDtsenComparison(store, june.dtsen!, { actor: SUPERVISOR, at: TODAY, maxDecile: 5 }),
    ).rejects.toThrow(/OLDER_THAN_LAST/)
  })
})

describe('the remembered DTSEN extract', () => {
  it('keeps a regency-sized extract in parts and leaves no stale part behind', async () => {
    const store = await openTestStore(uniqueStoreName('dtsen-remember'), SECRET)
    const people = Array.from({ length: 25_000 }, (_, i) => ({
      personKey: String(6402060000000000 + i),
      familyKey: `family-${Math.floor(i / 4)}`,
      decile: (i % 10) + 1,
    }))
    const at = '2026-12-06T02:00:00.000Z'
    await rememberDtsenExtract(store, { snapshotDate: '2026-09-30', people }, { at, by: 'Sari' })
    const big = await loadLastDtsenExtract(store)
    expect(big?.people).toHaveLength(25_000)
    expect(big?.people[24_999]).toEqual(people[24_999])

    // The same millisecond, a shorter extract: the parts it does not overwrite are removed.
    await rememberDtsenExtract(
      store,
      { snapshotDate: '2026-12-01', people: people.slice(0, 3) },
      { at, by: 'Sari' },
    )
    expect((await loadLastDtsenExtract(store))?.people).toEqual(people.slice(0, 3))
    const parts = await Promise.all(
      [0, 1, 2].map((part) => store.db.getLocal(`dtsen-extract/20261206020000000/${part}`)),
    )
    expect(parts.map((doc) => doc !== null)).toEqual([true, false, false])
  })
})
