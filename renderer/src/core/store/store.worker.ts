/**
 * The store's worker: IndexedDB (Dexie) and the sealing of NIK, KK and phone run here, off the
 * window's thread (`store-in-worker.ts`). The window's RxDB talks to it through RxDB's
 * `storage-remote`; every request and change event is a structured-clone message.
 *
 * The first message carries the field key (a non-extractable CryptoKey, cloned, never its
 * bytes); RxDB's messages follow.
 */
import { Subject } from 'rxjs'
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote'
import { exposeStoreStorage } from './sealed-dexie-storage'
import type { StoreWorkerReply, StoreWorkerOpen } from './store-worker-protocol'
import { workerScope } from '@/core/worker-scope'

const scope = workerScope<StoreWorkerOpen | MessageToRemote, MessageFromRemote | StoreWorkerReply>()

const messages$ = new Subject<MessageToRemote>()
let opened = false

scope.addEventListener('message', (event) => {
  const message = event.data
  if (opened) {
    messages$.next(message as MessageToRemote)
    return
  }
  if ((message as StoreWorkerOpen).type !== 'open') return
  opened = true
  try {
    exposeStoreStorage((message as StoreWorkerOpen).fieldKey, {
      messages$: messages$.asObservable(),
      send: (answer) => scope.postMessage(answer),
    })
    scope.postMessage({ type: 'ready' })
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : '?' })
  }
})
