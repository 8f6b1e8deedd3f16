import {
  wrapRxStorageInstance,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb'
import { yieldToWindow } from '@/core/yield-to-window'
import { isOwnWriteMark } from './own-write-events'

/**
 * A storage wrapper that encrypts chosen top-level fields with AES-GCM (WebCrypto) before they
 * reach IndexedDB and decrypts them on the way out.
 *
 * Why not RxDB's `encryption-crypto-js`: it derives a key per value with MD5 (slow at 100k
 * records, weak), and one undecryptable value makes the whole query throw — one damaged record
 * would hide every participant. Here a value that cannot be opened becomes
 * `UNREADABLE_SEALED_VALUE`, the UI says so on that record, and the rest keep working.
 *
 * Each ciphertext is bound to its collection, document id and field (AES-GCM additional data), so
 * a value copied into another record does not decrypt.
 */

export const UNREADABLE_SEALED_VALUE = '!tidak-terbaca'
const FORMAT_PREFIX = 'g1:'

export function isUnreadable(value: unknown): boolean {
  return value === UNREADABLE_SEALED_VALUE
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number)
  return btoa(binary)
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export async function sealValue(key: CryptoKey, aad: string, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
      key,
      encoder.encode(JSON.stringify(value)),
    ),
  )
  const packed = new Uint8Array(iv.length + cipher.length)
  packed.set(iv)
  packed.set(cipher, iv.length)
  return FORMAT_PREFIX + bytesToBase64(packed)
}

export async function openValue(key: CryptoKey, aad: string, sealed: unknown): Promise<unknown> {
  try {
    if (typeof sealed !== 'string' || !sealed.startsWith(FORMAT_PREFIX)) {
      return UNREADABLE_SEALED_VALUE
    }
    const packed = base64ToBytes(sealed.slice(FORMAT_PREFIX.length))
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: packed.slice(0, 12), additionalData: encoder.encode(aad) },
      key,
      packed.slice(12),
    )
    return JSON.parse(decoder.decode(plain)) as unknown
  } catch {
    return UNREADABLE_SEALED_VALUE
  }
}

export interface SealedFieldsOptions {
  fieldKey: CryptoKey
  /** Collection name → top-level fields to seal. */
  sealedFields: Readonly<Record<string, readonly string[]>>
  /**
   * Fields to seal in RxDB's replication meta stores (`rx-replication-meta-*`). They keep the
   * last known server copy of every replicated document in `docData`, personal data included,
   * so that copy is sealed whole, as RxDB's own encryption plugin would.
   */
  replicationMetaSealedFields?: readonly string[]
  /**
   * The storage under this one sends the events of the window's own writes as marks
   * (`own-write-events.ts`, in the store's worker): nothing of them is opened, so nothing
   * just sealed needs remembering.
   */
  ownWritesMarked?: boolean
}

const REPLICATION_META_PREFIX = 'rx-replication-meta-'
/** Documents sealed in one go before the window gets a turn (~10 ms of work in Chromium). */
const SEAL_SLICE = 100
/** Plain values kept for ciphertexts just written (`justSealed`): a few pages' worth. */
const JUST_SEALED_LIMIT = 20_000

/**
 * A sealed collection as it lies in storage: the sealed fields are the ciphertext strings, never
 * opened. Read-only on purpose — a write through it would skip the sealing.
 *
 * Why it exists: counting 100,000 participants for the dashboard through RxDB opens every sealed
 * field of every record (one AES-GCM decrypt per field per document, most of the 6–9 s the first
 * count took in Chromium) although the dashboard never reads one. Counting from the stored form
 * decrypts nothing and hands no personal data out.
 */
export interface SealedAtRest<Internals = unknown> {
  databaseName: string
  collectionName: string
  schemaVersion: number
  /** The fields that stay ciphertext in every document read from here. */
  sealedFields: readonly string[]
  /** The inner storage's own handle (Dexie: its tables), for bulk reads. */
  internals: Internals
  isClosed(): boolean
}

const sealedAtRestInstances = new Map<string, SealedAtRest>()
const atRestKey = (databaseName: string, collectionName: string, schemaVersion: number) =>
  `${databaseName}\u0000${collectionName}\u0000${schemaVersion}`

/** The open sealed collection's stored form, if that collection is open in this window. */
export function sealedAtRest(
  databaseName: string,
  collectionName: string,
  schemaVersion: number,
): SealedAtRest | undefined {
  const found = sealedAtRestInstances.get(atRestKey(databaseName, collectionName, schemaVersion))
  return found && !found.isClosed() ? found : undefined
}

/**
 * Makes a sealed collection's stored form readable in this window (`sealedAtRest`) until the
 * returned function is called. The store's worker (`store-in-worker.ts`) registers a handle of
 * the window's own on the same IndexedDB database.
 */
export function registerSealedAtRestView<Internals>(
  view: Omit<SealedAtRest<Internals>, 'isClosed'>,
): () => void {
  const key = atRestKey(view.databaseName, view.collectionName, view.schemaVersion)
  let isClosed = false
  const registered: SealedAtRest<Internals> = { ...view, isClosed: () => isClosed }
  sealedAtRestInstances.set(key, registered)
  return () => {
    isClosed = true
    if (sealedAtRestInstances.get(key) === registered) sealedAtRestInstances.delete(key)
  }
}

function registerSealedAtRest<Internals, InstanceCreationOptions>(
  instance: RxStorageInstance<Record<string, unknown>, Internals, InstanceCreationOptions>,
  fields: readonly string[],
): void {
  const forget = registerSealedAtRestView({
    databaseName: instance.databaseName,
    collectionName: instance.collectionName,
    schemaVersion: instance.schema.version,
    sealedFields: fields,
    internals: instance.internals,
  })
  // Wrapping close/remove of the inner instance: RxDB's wrappers call these (bound) on close.
  const close = instance.close.bind(instance)
  const remove = instance.remove.bind(instance)
  instance.close = () => {
    forget()
    return close()
  }
  instance.remove = () => {
    forget()
    return remove()
  }
}

export function wrappedSealedFieldsStorage<Internals, InstanceCreationOptions>(args: {
  storage: RxStorage<Internals, InstanceCreationOptions>
  options: SealedFieldsOptions
}): RxStorage<Internals, InstanceCreationOptions> {
  const { storage, options } = args
  return Object.assign({}, storage, {
    async createStorageInstance(
      params: Parameters<RxStorage<Internals, InstanceCreationOptions>['createStorageInstance']>[0],
    ) {
      const fields =
        options.sealedFields[params.collectionName] ??
        (params.collectionName.startsWith(REPLICATION_META_PREFIX)
          ? (options.replicationMetaSealedFields ?? [])
          : [])
      if (fields.length === 0) return storage.createStorageInstance(params)

      const schemaKey = params.schema.primaryKey as string | { key: string }
      const primaryKey = typeof schemaKey === 'string' ? schemaKey : schemaKey.key
      const storedSchema = structuredClone(params.schema) as RxJsonSchema<Record<string, unknown>>
      const storedProperties = storedSchema.properties as Record<string, unknown>
      for (const field of fields) storedProperties[field] = { type: 'string' }
      const instance = await storage.createStorageInstance({ ...params, schema: storedSchema })
      registerSealedAtRest(instance, fields)
      const aadOf = (doc: Record<string, unknown>, field: string) =>
        `${params.collectionName}:${String(doc[primaryKey])}:${field}`

      /**
       * Plain values of ciphertexts this instance has just written, until RxDB reads them back.
       * RxDB passes every written document through the wrapper again as a change event; opening
       * what was sealed a moment ago doubled the crypto of every write (the largest share of the
       * window's longest tasks in an initial sync, docs/performance.md). A ciphertext carries a
       * random IV, so it names one write. Bounded: a write that fails leaves entries behind.
       */
      const justSealed = new Map<string, unknown>()
      /**
       * Only a collection's own change events come back through `open` (RxDB subscribes to them);
       * nobody reads a replication meta row's events, so remembering its sealed `docData` (a
       * whole pulled record) would only hold up to JUST_SEALED_LIMIT records in the heap.
       */
      const remembers =
        !options.ownWritesMarked && !params.collectionName.startsWith(REPLICATION_META_PREFIX)
      /** Documents sealed ahead by `bulkWrite` below: the row-by-row pass leaves them alone. */
      const presealed = new WeakSet<object>()

      const seal = async (doc: Record<string, unknown>, remember = true) => {
        const sealed: Record<string, unknown> = { ...doc }
        for (const field of fields) {
          const value = sealed[field]
          if (value === undefined) continue
          if (isUnreadable(value)) {
            // Writing back a value we could not read would destroy the original ciphertext.
            throw new Error(`Field ${field} could not be decrypted; refusing to overwrite it.`)
          }
          const ciphertext = await sealValue(options.fieldKey, aadOf(sealed, field), value)
          if (remember && remembers) {
            if (justSealed.size >= JUST_SEALED_LIMIT) justSealed.clear()
            justSealed.set(ciphertext, value)
          }
          sealed[field] = ciphertext
        }
        presealed.add(sealed)
        return sealed
      }

      const wrapped = wrapRxStorageInstance(
        params.schema,
        instance,
        async (doc) =>
          (presealed.has(doc) ? doc : await seal(doc as Record<string, unknown>)) as never,
        async (doc) => {
          // A mark for a document the window wrote (`own-write-events.ts`): nothing sealed in it.
          if (isOwnWriteMark(doc)) return doc as never
          const opened: Record<string, unknown> = { ...doc }
          for (const field of fields) {
            const stored = opened[field]
            if (stored === undefined) continue
            if (typeof stored === 'string' && justSealed.has(stored)) {
              const value = justSealed.get(stored)
              justSealed.delete(stored)
              opened[field] = typeof value === 'object' ? structuredClone(value) : value
              continue
            }
            opened[field] = await openValue(options.fieldKey, aadOf(opened, field), stored)
          }
          return opened as never
        },
      )
      // Seal a large write in slices with a pause between, so that sealing 2,000 pulled
      // documents (and RxDB's copy of each) is many short tasks instead of one long one. The
      // previous state is sealed only for the storage's revision check: RxDB never reads that
      // ciphertext back, so it is not remembered.
      const bulkWrite = wrapped.bulkWrite.bind(wrapped)
      wrapped.bulkWrite = async (rows, context) => {
        const sealedRows: typeof rows = []
        for (let start = 0; start < rows.length; start += SEAL_SLICE) {
          if (start > 0) await yieldToWindow()
          for (const row of await Promise.all(
            rows.slice(start, start + SEAL_SLICE).map(async (row) => ({
              document: (await seal(row.document as Record<string, unknown>)) as never,
              ...(row.previous
                ? {
                    previous: (await seal(row.previous as Record<string, unknown>, false)) as never,
                  }
                : {}),
            })),
          )) {
            sealedRows.push(row)
          }
        }
        return bulkWrite(sealedRows, context)
      }
      return wrapped
    },
  })
}
