/** Column mappings saved per source, so the next file from the same agency maps itself. */
import type { ColumnMapping, ImportKind } from '@shared/import/import-fields'
import type { NaunganStore } from '@/core/store/database'

export interface SavedMapping {
  /** What the clerk called the source, e.g. "DTKS Dinsos 2026". */
  name: string
  kind: ImportKind
  agency: string
  mapping: ColumnMapping
  createDrafts: boolean
  updatedAt: string
}

const MAPPINGS_DOC = 'import-mappings'
const MAX_SAVED_MAPPINGS = 50

/** Source names compare without case and spacing: "DTKS  dinsos 2026" is "DTKS Dinsos 2026". */
export const sourceKey = (name: string) => name.trim().replace(/\s+/g, ' ').toUpperCase()

export async function loadSavedMappings(store: NaunganStore): Promise<SavedMapping[]> {
  const doc = await store.db.getLocal<{ mappings: SavedMapping[] }>(MAPPINGS_DOC)
  return doc ? [...(doc.toJSON().data.mappings ?? [])] : []
}

export async function saveMapping(store: NaunganStore, mapping: SavedMapping): Promise<void> {
  const others = (await loadSavedMappings(store)).filter(
    (entry) => sourceKey(entry.name) !== sourceKey(mapping.name),
  )
  const name = mapping.name.trim().replace(/\s+/g, ' ').slice(0, 80)
  const mappings = [{ ...mapping, name }, ...others].slice(0, MAX_SAVED_MAPPINGS)
  await store.db.upsertLocal(MAPPINGS_DOC, { mappings })
}
