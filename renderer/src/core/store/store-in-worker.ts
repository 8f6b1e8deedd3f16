import { Subject, type Observable } from 'rxjs'
import type { RxStorage } from 'rxdb'
import {
  getRxStorageRemote,
  type MessageFromRemote,
  type MessageToRemote,
} from 'rxdb/plugins/storage-remote'
import { fillOwnWriteEvents } from './own-write-events'
import type { StoreWorkerOpen, StoreWorkerReply } from './store-worker-protocol'

/** The store's worker, started, and the storage the window's RxDB opens its collections on. */
export interface StoreWorker {
  storage: RxStorage<unknown, unknown>
  /** Ends the worker; after the database closed (its instances' `close` went through it). */
  terminate(): void
}

const REMOTE_ERROR_PREFIX = 'could not requestRemote: '
/** Every storage-instance method the window calls over the link. */
const REMOTE_METHODS = [
  'bulkWrite',
  'findDocumentsById',
  'query',
  'count',
  'getAttachmentData',
  'getChangedDocumentsSince',
  'cleanup',
  'close',
  'remove',
] as const

/**
 * The worker's own error for a failed request. RxDB's remote storage writes the whole request
 * into the message of the error it throws, a write's records with their NIK, KK and phone in
 * plain text among them; that message must not travel further (UU PDP: never logged).
 */
export function withoutRequest(error: unknown, method: string): unknown {
  if (!(error instanceof Error) || !error.message.startsWith(REMOTE_ERROR_PREFIX)) return error
  let reason = 'unknown'
  try {
    const answer = JSON.parse(error.message.slice(REMOTE_ERROR_PREFIX.length)) as {
      error?: { name?: unknown; message?: unknown }
    }
    reason = `${String(answer.error?.name ?? 'Error')}: ${String(answer.error?.message ?? '')}`
  } catch {
    // Not the JSON RxDB writes: say nothing of it.
  }
  const clean = new Error(`The store worker refused ${method}: ${reason}`)
  clean.name = 'StoreWorkerError'
  return clean
}

/** Every instance's failures as `withoutRequest` tells them. */
function wrappedRemoteErrors<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return Object.assign({}, storage, {
    async createStorageInstance(
      params: Parameters<RxStorage<Internals, Options>['createStorageInstance']>[0],
    ) {
      const instance = await storage.createStorageInstance(params).catch((error: unknown) => {
        throw withoutRequest(error, 'createStorageInstance')
      })
      const methods = instance as unknown as Record<
        string,
        (...args: unknown[]) => Promise<unknown>
      >
      for (const method of REMOTE_METHODS) {
        const call = methods[method]?.bind(instance)
        if (!call) continue
        methods[method] = (...args) =>
          call(...args).catch((error: unknown) => {
            throw withoutRequest(error, method)
          })
      }
      return instance
    },
  })
}

let remotes = 0

/**
 * The window's end of the store worker's storage, over any channel that carries RxDB's remote
 * messages: the worker's failures cleaned of their records (`withoutRequest`) and the events of
 * the window's own writes filled back in (`own-write-events.ts`).
 */
export function remoteStoreStorage(channel: {
  messages$: Observable<MessageFromRemote>
  send(message: MessageToRemote): void
}): RxStorage<unknown, unknown> {
  const storage = getRxStorageRemote({
    identifier: `naungan-store-worker-${++remotes}`,
    // One channel for every instance: the worker is this window's alone.
    mode: 'one',
    messageChannelCreator: () => Promise.resolve({ ...channel, close: () => Promise.resolve() }),
  })
  return fillOwnWriteEvents(wrappedRemoteErrors(storage as unknown as RxStorage<unknown, unknown>))
}

/**
 * Starts `store.worker.ts` and hands it the field key. IndexedDB's copying of every stored
 * value, the AES-GCM sealing and opening of NIK/KK/phone and Dexie's bookkeeping then run on the
 * worker's thread: in a 50,000-record initial sync they were ~20 s of the window's thread
 * (docs/performance.md). RxDB itself (documents, queries, replication, events) stays here.
 */
export async function startStoreWorker(fieldKey: CryptoKey): Promise<StoreWorker> {
  const worker = new Worker(new URL('./store.worker.ts', import.meta.url), { type: 'module' })
  const messages$ = new Subject<MessageFromRemote>()
  const ready = new Promise<void>((resolve, reject) => {
    worker.onerror = (event) => {
      event.preventDefault()
      reject(new Error(`The store worker could not start: ${event.message}`))
    }
    worker.onmessage = (event: MessageEvent<StoreWorkerReply | MessageFromRemote>) => {
      const reply = event.data as StoreWorkerReply
      if (reply.type === 'ready') resolve()
      else if (reply.type === 'failed') reject(new Error(reply.message))
    }
  })
  const open: StoreWorkerOpen = { type: 'open', fieldKey }
  worker.postMessage(open)
  try {
    await ready
  } catch (error) {
    worker.terminate()
    throw error
  }
  worker.onmessage = (event: MessageEvent<MessageFromRemote>) => messages$.next(event.data)
  worker.onerror = (event) => {
    // A request in flight would wait for good: say so where support staff look.
    console.error('Store worker error:', event.message)
  }
  const storage = remoteStoreStorage({
    messages$: messages$.asObservable(),
    send: (message) => worker.postMessage(message),
  })
  return {
    storage,
    terminate: () => {
      messages$.complete()
      worker.terminate()
    },
  }
}
