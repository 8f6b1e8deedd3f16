/**
 * A write is not kept in memory after everyone listening has seen it (issue 14: the window's
 * heap during a first sync). RxDB 17.6 remembered every change-event bulk its `collection.$`
 * converted, for good; the dashboard's copy listens to `participants.$` from the window's start,
 * so every record written in a day stayed in memory with its whole document
 * (renderer/src/core/store/change-events.ts). Real store on fake-indexeddb, V8's own collector.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, expect, it } from 'vitest'
import { registerParticipant } from '@/core/store/participant-repository'
import { changeEventsOf } from '@/core/store/change-events'
import { dashboardRecordsOf } from '@/dashboard/dashboard-records'
import type { RxChangeEventBulk } from 'rxdb'
import {
  closeTestStores,
  OFFICE,
  openTestStore,
  person,
  uniqueStoreName,
} from '../../../support/store-fixture'

setFlagsFromString('--expose_gc')
const collectGarbage = runInNewContext('gc') as () => void

afterEach(closeTestStores)

/** Collects until `ref` is gone or 20 rounds have passed (each lets pending callbacks run). */
async function collectedWithin(ref: WeakRef<object>): Promise<boolean> {
  for (let round = 0; round < 20 && ref.deref() !== undefined; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    collectGarbage()
  }
  return ref.deref() === undefined
}

function nik(index: number): string {
  return `640206550590${String(index).padStart(4, '0')}`
}

/** A name of letters only (a digit is not allowed in one): 27 → "Warga Bb". */
function nameOf(index: number): string {
  const letters = [Math.floor(index / 26), index % 26].map((n) => String.fromCharCode(97 + n))
  return `Warga ${letters.join('').replace(/^./, (first) => first.toUpperCase())}`
}

it("a registration's change event is let go once its listeners have seen it", async () => {
  const store = await openTestStore(uniqueStoreName('events'), 'c3'.repeat(32))
  // The app's own listener (the dashboard's copy follows participants.$), plus one on the
  // collection's and one on the database's stream, where RxDB's getLocal$ listens.
  const copy = dashboardRecordsOf(store)
  await copy.current()
  const seen: string[] = []
  const onCollection = store.db.participants.$.subscribe((event) => seen.push(event.documentId))
  const onDatabase = store.db.$.subscribe(() => undefined)

  let firstWrite: WeakRef<object> | undefined
  const watch = store.db.participants.eventBulks$.subscribe((bulk) => {
    firstWrite ??= new WeakRef(bulk)
  })
  const first = await registerParticipant(store, person({ nik: nik(1) }), { office: OFFICE })
  watch.unsubscribe()
  await registerParticipant(store, person({ nik: nik(2), fullName: nameOf(2) }), {
    office: OFFICE,
  })

  expect((await copy.current()).length).toBe(2)
  expect(seen[0]).toBe(first.id)
  expect(firstWrite).toBeDefined()
  expect(await collectedWithin(firstWrite as WeakRef<object>)).toBe(true)
  onCollection.unsubscribe()
  onDatabase.unsubscribe()
})

it('the collection still tells every listener each change, as the same event objects', async () => {
  const store = await openTestStore(uniqueStoreName('events'), 'c4'.repeat(32))
  const first: unknown[] = []
  const second: unknown[] = []
  const one = store.db.participants.$.subscribe((event) => first.push(event))
  const two = store.db.participants.$.subscribe((event) => second.push(event))
  const inserts: string[] = []
  const three = store.db.participants.insert$.subscribe((event) => inserts.push(event.documentId))

  const doc = await registerParticipant(store, person(), { office: OFFICE })
  one.unsubscribe()
  two.unsubscribe()
  three.unsubscribe()

  expect(first).toHaveLength(1)
  expect(first[0]).toBe(second[0])
  expect(first[0]).toMatchObject({
    documentId: doc.id,
    collectionName: 'participants',
    isLocal: false,
    operation: 'INSERT',
    documentData: { id: doc.id, fullName: 'Siti Aminah' },
  })
  expect(inserts).toEqual([doc.id])
})

it('converts a bulk once, whoever asks', () => {
  const bulk = {
    id: 'b1',
    collectionName: 'participants',
    isLocal: false,
    events: [{ documentId: 'p1', operation: 'DELETE', previousDocumentData: { id: 'p1' } }],
  } as unknown as RxChangeEventBulk<unknown>
  const events = changeEventsOf(bulk)
  expect(changeEventsOf(bulk)).toBe(events)
  expect(events).toEqual([
    {
      documentId: 'p1',
      collectionName: 'participants',
      isLocal: false,
      operation: 'DELETE',
      documentData: undefined,
      previousDocumentData: { id: 'p1' },
    },
  ])
})
