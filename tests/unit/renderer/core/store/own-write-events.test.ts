/**
 * The store's worker sends the events of the window's own writes back as marks, and the window
 * puts its own documents in them (renderer/src/core/store/own-write-events.ts; issue 14: copying
 * those events was the largest share of what the window allocated during an import).
 *
 * The whole store as the app opens it, with its worker's code (`exposeStoreStorage`) served over a
 * Node `MessageChannel`, which copies every message as the browser's `postMessage` does, and
 * `remoteStoreStorage` at the window's end; IndexedDB is fake-indexeddb. Every message the worker
 * sends is kept, so the tests read what crossed.
 */
import { MessageChannel } from 'node:worker_threads'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { Subject } from 'rxjs'
import {
  fillWithDefaultSettings,
  randomToken,
  type RxChangeEvent,
  type RxStorageChangeEvent,
  type RxJsonSchema,
  type RxStorageInstance,
} from 'rxdb'
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote'
import { afterEach, expect, it } from 'vitest'
import { openStore, type NaunganStore } from '@/core/store/database'
import { exposeStoreStorage } from '@/core/store/sealed-dexie-storage'
import { remoteStoreStorage, type StoreWorker } from '@/core/store/store-in-worker'
import { deriveStoreKeys } from '@/core/store/store-keys'
import {
  registerParticipant,
  searchParticipants,
  updateParticipant,
} from '@/core/store/participant-repository'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { OFFICE, person, uniqueStoreName } from '../../../support/store-fixture'

const SECRET = 'e7'.repeat(32)
const NIK = '6402065505900001'

let cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

/**
 * The worker's code served on this thread. Each window end passed in gets every message the
 * worker sends (RxDB's remote storage keeps to its own connection's), and `wire` keeps them all.
 */
function serveWorker(fieldKey: CryptoKey, wire: MessageFromRemote[]) {
  const toWorker = new Subject<MessageToRemote>()
  const ends: MessageChannel[] = []
  exposeStoreStorage(
    fieldKey,
    {
      messages$: toWorker.asObservable(),
      send: (message) => {
        wire.push(structuredClone(message))
        for (const end of ends) end.port2.postMessage(message)
      },
    },
    { indexedDB, IDBKeyRange },
  )
  /** A window's end of the worker: RxDB's remote storage as the app's window has it. */
  const connect = (): StoreWorker => {
    const channel = new MessageChannel()
    ends.push(channel)
    channel.port2.on('message', (message: MessageToRemote) => toWorker.next(message))
    const toWindow = new Subject<MessageFromRemote>()
    channel.port1.on('message', (message: MessageFromRemote) => toWindow.next(message))
    const terminate = () => {
      toWindow.complete()
      channel.port1.close()
      channel.port2.close()
    }
    cleanups.push(terminate)
    return {
      storage: remoteStoreStorage({
        messages$: toWindow.asObservable(),
        send: (message) => channel.port1.postMessage(message),
      }),
      terminate,
    }
  }
  return connect
}

async function storeBehindWorker(wire: MessageFromRemote[]): Promise<NaunganStore> {
  const store = await openStore({
    name: uniqueStoreName('own-writes'),
    secretHex: SECRET,
    indexedDB,
    IDBKeyRange,
    startWorker: (fieldKey) => Promise.resolve(serveWorker(fieldKey, wire)()),
  })
  cleanups.push(() => store.close())
  return store
}

/** Every change event in the worker's messages, as it crossed. */
function eventsOnTheWire(messages: MessageFromRemote[]): { documentData: object }[] {
  return messages
    .filter((message) => message.method === 'changeStream')
    .flatMap((message) => (message.return as { events: { documentData: object }[] }).events)
}

it('a registration and an edit reach the window whole, and none of the record crosses back', async () => {
  const wire: MessageFromRemote[] = []
  const store = await storeBehindWorker(wire)
  const events: RxChangeEvent<ParticipantDocument>[] = []
  const listening = store.db.participants.$.subscribe((event) => events.push(event))
  cleanups.push(() => listening.unsubscribe())

  const written = wire.length
  const registered = await registerParticipant(store, person({ nik: NIK }), { office: OFFICE })
  await updateParticipant(
    store,
    registered.id,
    person({ nik: NIK, fullName: 'Siti Aminah Rahayu', phone: '0813-1111-2222' }),
    { office: OFFICE },
  )

  // What the window's listeners got: the records in full, personal data readable.
  expect(events.map((event) => event.operation)).toEqual(['INSERT', 'UPDATE'])
  const [inserted, updated] = events as [
    RxChangeEvent<ParticipantDocument>,
    RxChangeEvent<ParticipantDocument>,
  ]
  expect(inserted.documentData).toMatchObject({
    id: registered.id,
    nik: NIK,
    fullName: 'Siti Aminah',
  })
  expect(updated.documentData).toMatchObject({
    nik: NIK,
    fullName: 'Siti Aminah Rahayu',
    phone: '+6281311112222',
  })
  expect(updated.previousDocumentData).toMatchObject({ nik: NIK, fullName: 'Siti Aminah' })
  const stored = await store.db.participants.findOne(registered.id).exec()
  expect(updated.documentData._rev).toBe(stored?.revision)

  // What crossed from the worker for those writes: marks only. Not the name, not the NIK, not
  // its ciphertext (every sealed value starts "g1:"), for the records nor their history rows.
  const crossed = wire.slice(written).filter((message) => message.method === 'changeStream')
  const text = JSON.stringify(crossed)
  for (const secret of ['Siti', NIK, '0813', 'g1:', 'Tenggarong']) {
    expect(text).not.toContain(secret)
  }
  const marks = eventsOnTheWire(crossed)
  expect(marks.length).toBeGreaterThanOrEqual(2)
  for (const event of marks) {
    expect(Object.keys(event.documentData).sort()).toEqual(['_rev', 'lwt', 'naunganOwnWrite'])
  }

  // What follows the events still follows them: the later-word index finds the new name.
  const found = await searchParticipants(store, { text: 'rahayu', filters: {}, limit: 10 })
  expect(found.map((participant) => participant.id)).toEqual([registered.id])
})

const noteSchema = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, text: { type: 'string' } },
  required: ['id', 'text'],
} as RxJsonSchema<{ id: string; text: string }>)

it('a mark the window holds no write for is filled with the record as stored', async () => {
  // Two window ends on one worker, one collection opened at each: RxDB's remote storage shares
  // the worker's instance, so each end receives the marks of the other's writes.
  const wire: MessageFromRemote[] = []
  const keys = await deriveStoreKeys(SECRET)
  const connect = serveWorker(keys.fieldKey, wire)
  const params = {
    databaseInstanceToken: randomToken(10),
    databaseName: uniqueStoreName('two-ends'),
    collectionName: 'notes',
    schema: noteSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  }
  type Note = { id: string; text: string }
  const open = async () =>
    (await connect().storage.createStorageInstance(params as never)) as RxStorageInstance<
      Note,
      unknown,
      unknown
    >
  const here = await open()
  const there = await open()
  cleanups.push(async () => {
    await there.close()
    await here.close()
  })
  const seenHere: unknown[] = []
  const seenThere: unknown[] = []
  const subs = [
    here.changeStream().subscribe((bulk) => seenHere.push(...bulk.events)),
    there.changeStream().subscribe((bulk) => seenThere.push(...bulk.events)),
  ]
  cleanups.push(() => subs.forEach((sub) => sub.unsubscribe()))

  const row = {
    document: {
      id: 'n-1',
      text: 'catatan',
      _deleted: false,
      _rev: '1-aaaaaaaaaa',
      _meta: { lwt: 1_000 },
      _attachments: {},
    },
  }
  const result = await there.bulkWrite([row], 'test-write')
  expect(result.error).toEqual([])
  for (let round = 0; round < 50 && seenHere.length === 0; round++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }

  // The writer's own end: the very document it wrote, not a copy.
  expect(seenThere).toHaveLength(1)
  expect((seenThere[0] as { documentData: unknown }).documentData).toBe(row.document)
  // The other end: the same record, read from the store, in full.
  expect(seenHere).toHaveLength(1)
  expect(seenHere[0]).toMatchObject({
    documentId: 'n-1',
    operation: 'INSERT',
    documentData: { id: 'n-1', text: 'catatan', _rev: '1-aaaaaaaaaa' },
  })
  // And the worker sent marks only.
  const marks = eventsOnTheWire(wire)
  // One per connection: the worker's instance tells both.
  expect(marks).toHaveLength(2)
  expect(JSON.stringify(marks)).not.toContain('catatan')
})

it('a write of 2,500 sealed rows with one refused, a removal and a re-insert: every event carries the window’s own rows', async () => {
  const wire: MessageFromRemote[] = []
  const keys = await deriveStoreKeys(SECRET)
  const connect = serveWorker(keys.fieldKey, wire)
  type Sealed = { id: string; text: string; nik: string }
  const schema = fillWithDefaultSettings({
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 40 },
      text: { type: 'string' },
      nik: { type: 'string' },
    },
    required: ['id', 'text'],
  } as RxJsonSchema<Sealed>)
  // "participants": the worker seals its NIK, in slices of 100, and writes 1,000 rows at a time.
  const instance = (await connect().storage.createStorageInstance({
    databaseInstanceToken: randomToken(10),
    databaseName: uniqueStoreName('big-write'),
    collectionName: 'participants',
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  } as never)) as RxStorageInstance<Sealed, unknown, unknown>
  cleanups.push(() => instance.close())
  const seen: RxStorageChangeEvent<unknown>[] = []
  const sub = instance.changeStream().subscribe((bulk) => seen.push(...bulk.events))
  cleanups.push(() => sub.unsubscribe())
  const doc = (id: string, text: string, rev: string, lwt: number, deleted = false) => ({
    id,
    text,
    nik: NIK,
    _deleted: deleted,
    _rev: rev,
    _meta: { lwt },
    _attachments: {},
  })

  await instance.bulkWrite([{ document: doc('n-0000', 'lama', '1-a', 1_000) }], 'seed')
  // The first row is already stored and comes without its previous state: refused (409).
  const rows = Array.from({ length: 2_500 }, (_, index) => ({
    document: doc(`n-${String(index).padStart(4, '0')}`, `catatan ${index}`, '1-b', 2_000),
  }))
  const result = await instance.bulkWrite(rows, 'big')
  expect(result.error.map((error) => error.documentId)).toEqual(['n-0000'])
  expect(seen).toHaveLength(2_500) // the seed's and 2,499 of the big write
  seen.slice(1).forEach((event, index) => {
    expect(event.operation).toBe('INSERT')
    expect(event.documentData).toBe(rows[index + 1]?.document)
  })

  const stored = rows[1]!.document
  const removed = { ...stored, _deleted: true, _rev: '2-b', _meta: { lwt: 3_000 } }
  await instance.bulkWrite([{ previous: stored, document: removed }], 'remove')
  const back = { ...stored, text: 'kembali', _rev: '3-b', _meta: { lwt: 4_000 } }
  await instance.bulkWrite([{ previous: removed, document: back }], 'insert-again')
  const [removal, reinsert] = seen.slice(-2) as [
    RxStorageChangeEvent<unknown>,
    RxStorageChangeEvent<unknown>,
  ]
  expect(removal.operation).toBe('DELETE')
  expect(removal.documentData).toBe(removed)
  expect(removal.previousDocumentData).toBe(stored)
  expect(reinsert.operation).toBe('INSERT')
  expect(reinsert.documentData).toBe(back)
  expect(reinsert.previousDocumentData).toBeNull()

  // Nothing of the rows crossed in the events: not the text, the NIK, nor its ciphertext.
  const text = JSON.stringify(eventsOnTheWire(wire))
  for (const secret of ['catatan', 'kembali', NIK, 'g1:']) expect(text).not.toContain(secret)
  expect(eventsOnTheWire(wire)).toHaveLength(2_502)
})
