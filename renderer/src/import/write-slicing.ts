/**
 * Slicing the import's reads and writes so the window keeps painting and answering keys: fixed
 * read slices, write slices sized from the time the last one took, a pause between slices, and
 * a cancel checked before each.
 */
import type { RxDocument } from 'rxdb'
import type { ParticipantDocument } from '@shared/participant/participant-document'

/** Most records per write while applying or undoing (see `writeSlicer`). */
export const WRITE_SLICE = 500
/** Records per `findByIds` while checking: building 500 documents at once is a long task. */
export const READ_SLICE = 200

export class ImportCancelledError extends Error {
  constructor() {
    super('Import cancelled.')
    this.name = 'ImportCancelledError'
  }
}

/** Lets the window paint and handle keys between slices. */
export const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportCancelledError()
}

export function sliced<T>(items: readonly T[], size: number): T[][] {
  const slices: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    slices.push(items.slice(start, start + size))
  }
  return slices
}

/**
 * RxDB's writes run mostly on the main thread (schema validation, documents: ~1 ms per record in
 * Chromium), so 500 records in one write hold the window for half a second. Write slices are
 * sized from the last one's time to stay near TARGET_WRITE_MS; a fixed size (tests) is kept.
 */
const TARGET_WRITE_MS = 35
const MIN_WRITE_SLICE = 5
const FIRST_WRITE_SLICE = 25

export interface WriteSlicer {
  readonly size: number
  timed<T>(count: number, work: () => Promise<T>): Promise<T>
}

export function writeSlicer(fixed?: number): WriteSlicer {
  let size = fixed ?? FIRST_WRITE_SLICE
  return {
    get size() {
      return size
    },
    async timed(count, work) {
      const started = performance.now()
      const result = await work()
      if (fixed === undefined && count > 0) {
        const perRecord = Math.max(performance.now() - started, 1) / count
        size = Math.max(
          MIN_WRITE_SLICE,
          Math.min(WRITE_SLICE, Math.round(TARGET_WRITE_MS / perRecord)),
        )
      }
      return result
    },
  }
}

/** `work` on consecutive slices of `items`, as large as the slicer says, with a pause between. */
export async function inSlices<T>(
  items: readonly T[],
  slicer: WriteSlicer,
  signal: AbortSignal | undefined,
  work: (slice: T[]) => Promise<void>,
): Promise<void> {
  let position = 0
  while (position < items.length) {
    throwIfCancelled(signal)
    const slice = items.slice(position, position + slicer.size)
    await work(slice)
    position += slice.length
    await yieldToUi()
  }
}

export function fulfilledDocuments(
  results: readonly PromiseSettledResult<RxDocument<ParticipantDocument>>[],
): ParticipantDocument[] {
  return results.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value.toJSON() as ParticipantDocument] : [],
  )
}
