/** The store worker's own messages (`store.worker.ts`), before RxDB's remote storage takes over. */
export interface StoreWorkerOpen {
  type: 'open'
  /** The AES-GCM key for the sealed fields (structured-cloned; not extractable). */
  fieldKey: CryptoKey
}

export type StoreWorkerReply = { type: 'ready' } | { type: 'failed'; message: string }
