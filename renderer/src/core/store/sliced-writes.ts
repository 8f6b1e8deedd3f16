import type { RxStorage } from 'rxdb'
import { yieldToWindow } from '@/core/yield-to-window'
import { ReadsFirst } from './reads-first'

/** Rows IndexedDB stores in one transaction: ~40–80 ms of main thread in Chromium. */
export const WRITE_SLICE = 200

/**
 * Splits a large write into transactions of WRITE_SLICE rows with a turn for the window between.
 *
 * IndexedDB copies every stored value on the calling thread; a pulled page of 2,000 records (and
 * RxDB's copy of each, a second write) held the window for 0.4–0.8 s per write on this machine
 * (docs/performance.md). Each row is still written whole, and RxDB treats every row of a
 * bulkWrite on its own (errors are per row), so a write cut by a power failure between two slices
 * is what RxDB already recovers from between a page's documents and its metadata: the pull
 * checkpoint is stored only after all of them.
 *
 * A query (a search, the list's page) goes ahead of the next slice of any write of this storage
 * (`reads-first.ts`).
 */
export function wrappedSlicedWritesStorage<Internals, InstanceCreationOptions>(args: {
  storage: RxStorage<Internals, InstanceCreationOptions>
  slice?: number
}): RxStorage<Internals, InstanceCreationOptions> {
  const { storage } = args
  const slice = args.slice ?? WRITE_SLICE
  const reads = new ReadsFirst()
  return Object.assign({}, storage, {
    async createStorageInstance(
      params: Parameters<RxStorage<Internals, InstanceCreationOptions>['createStorageInstance']>[0],
    ) {
      const instance = await storage.createStorageInstance(params)
      const bulkWrite = instance.bulkWrite.bind(instance)
      const query = instance.query.bind(instance)
      const count = instance.count.bind(instance)
      instance.query = (prepared) => reads.read(() => query(prepared))
      instance.count = (prepared) => reads.read(() => count(prepared))
      instance.bulkWrite = async (rows, context) => {
        await reads.beforeWrite()
        if (rows.length <= slice) return bulkWrite(rows, context)
        const result: Awaited<ReturnType<typeof bulkWrite>> = { error: [] }
        for (let start = 0; start < rows.length; start += slice) {
          if (start > 0) {
            await yieldToWindow()
            await reads.beforeWrite()
          }
          const part = await bulkWrite(rows.slice(start, start + slice), context)
          result.error.push(...part.error)
        }
        return result
      }
      return instance
    },
  })
}
