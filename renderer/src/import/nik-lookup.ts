/** Looking up the file's NIKs through the blind index, without holding the window. */
import type { ParticipantDocument } from '@shared/participant/participant-document'
import type { ExistingRecord } from '@shared/import/import-plan'
import type { NaunganStore } from '@/core/store/database'
import { nikIndexOf } from '@/core/store/participant-repository'
import { throwIfCancelled, yieldToUi } from './write-slicing'

/** NIKs per blind-index query: one `$in` over a sorted run of index values. */
export const NIK_LOOKUP_SLICE = 500

export interface NikToFind {
  nik: string
  /** The blind index, when the worker already computed it. */
  nikIndex?: string
}

const recordOf = (doc: ParticipantDocument): ExistingRecord => ({
  id: doc.id,
  registrationNumber: doc.registrationNumber,
  nameKey: doc.nameKey,
  status: doc.status,
  checks: (doc.checks ?? []).map((check) => ({ ...check })),
  updatedAt: doc.updatedAt,
  ...(doc.kpjNumber ? { kpjNumber: doc.kpjNumber } : {}),
  ...(doc.coverage ? { coverage: doc.coverage.map((period) => ({ ...period })) } : {}),
})

/** Work items between two pauses while preparing a lookup (HMACs are ~0.5 ms each). */
const PREPARE_CHUNK = 5_000
const HMAC_CHUNK = 100

/**
 * The records holding each NIK, in slices of `sliceSize` with a pause between slices, so 100,000
 * NIKs never hold the window. The index values are sorted first: RxDB runs an `$in` as a scan of
 * the index between its smallest and largest value, so sorted slices each scan a narrow band and
 * together read each stored record about once (an unsorted slice of 500 scans nearly all of it).
 * Sorting 100,000 values in one call would itself hold the window (~50 ms), so they are first
 * spread over buckets by their first two characters, and each bucket is sorted when reached.
 */
export async function findExistingByNik(
  store: NaunganStore,
  niks: readonly NikToFind[],
  options: {
    sliceSize?: number
    onProgress?(done: number, total: number): void
    signal?: AbortSignal
  } = {},
): Promise<Map<string, ExistingRecord[]>> {
  const nikByIndex = new Map<string, string>()
  const buckets = new Map<string, string[]>()
  for (let position = 0; position < niks.length; position++) {
    const entry = niks[position] as NikToFind
    const index = entry.nikIndex ?? nikIndexOf(store, entry.nik)
    if (index && index.length === 16 && !nikByIndex.has(index)) {
      nikByIndex.set(index, entry.nik)
      const bucket = index.slice(0, 2)
      const list = buckets.get(bucket)
      if (list) list.push(index)
      else buckets.set(bucket, [index])
    }
    const chunk = entry.nikIndex ? PREPARE_CHUNK : HMAC_CHUNK
    if (position % chunk === chunk - 1) {
      throwIfCancelled(options.signal)
      await yieldToUi()
    }
  }
  const total = nikByIndex.size
  const sliceSize = options.sliceSize ?? NIK_LOOKUP_SLICE
  const found = new Map<string, ExistingRecord[]>()
  let done = 0
  const lookUp = async (slice: string[]) => {
    throwIfCancelled(options.signal)
    const docs = await store.db.participants.find({ selector: { nikIndex: { $in: slice } } }).exec()
    for (const doc of docs) {
      const data = doc.toJSON() as ParticipantDocument
      const nik = nikByIndex.get(data.nikIndex)
      // The index is exact by construction; the decrypted NIK guards against a damaged row.
      if (nik === undefined || data.nik !== nik) continue
      const list = found.get(nik) ?? []
      list.push(recordOf(data))
      found.set(nik, list)
    }
    done += slice.length
    options.onProgress?.(done, total)
    await yieldToUi()
  }
  let pending: string[] = []
  for (const bucket of [...buckets.keys()].sort()) {
    for (const index of (buckets.get(bucket) as string[]).sort()) {
      pending.push(index)
      if (pending.length === sliceSize) {
        await lookUp(pending)
        pending = []
      }
    }
  }
  if (pending.length > 0) await lookUp(pending)
  return found
}
