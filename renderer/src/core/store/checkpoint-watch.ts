import type { RxStorage } from 'rxdb'

const REPLICATION_META_PREFIX = 'rx-replication-meta-'

/** Who wants to hear of every replication checkpoint the store writes. */
export class CheckpointListeners {
  private readonly listeners = new Set<(checkpoint: unknown) => void>()

  listen(listener: (checkpoint: unknown) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(checkpoint: unknown): void {
    for (const listener of this.listeners) listener(checkpoint)
  }
}

/**
 * Reports each pull checkpoint RxDB stores in a replication meta store, after the write. RxDB
 * stores a page's checkpoint only once the page's documents are written, so the sync can pace
 * its pulls to the store (`sync/pull-pacer.ts`). Only watches; every write passes unchanged.
 */
export function wrappedCheckpointWatchStorage<Internals, InstanceCreationOptions>(args: {
  storage: RxStorage<Internals, InstanceCreationOptions>
  listeners: CheckpointListeners
}): RxStorage<Internals, InstanceCreationOptions> {
  const { storage, listeners } = args
  return Object.assign({}, storage, {
    async createStorageInstance(
      params: Parameters<RxStorage<Internals, InstanceCreationOptions>['createStorageInstance']>[0],
    ) {
      const instance = await storage.createStorageInstance(params)
      if (!params.collectionName.startsWith(REPLICATION_META_PREFIX)) return instance
      const bulkWrite = instance.bulkWrite.bind(instance)
      instance.bulkWrite = async (rows, context) => {
        const result = await bulkWrite(rows, context)
        for (const row of rows) {
          const doc = row.document as {
            isCheckpoint?: string
            itemId?: string
            checkpointData?: unknown
          }
          if (doc.isCheckpoint === '1' && doc.itemId === 'down') listeners.emit(doc.checkpointData)
        }
        return result
      }
      return instance
    },
  })
}
