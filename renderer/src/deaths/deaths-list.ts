/**
 * The deaths reported on this PC's records, read from the records as stored (dashboard-records.ts
 * `readStoredParticipants`: no sealed field is opened; the report, the name and the coverage are
 * not sealed), so a district PC lists them in one pass over IndexedDB.
 */
import { isDeceased, type DeathReport } from '@shared/participant/death'
import type { CoveragePeriod } from '@shared/participant/participant-status'
import type { NaunganStore } from '@/core/store/database'
import { readStoredParticipants } from '@/dashboard/dashboard-records'

export interface ListedDeath {
  id: string
  fullName: string
  kecamatanCode: string
  death: DeathReport
  coverage: readonly CoveragePeriod[]
}

export async function listDeaths(store: NaunganStore): Promise<ListedDeath[]> {
  const listed: ListedDeath[] = []
  await readStoredParticipants(store, (docs) => {
    for (const doc of docs) {
      const death = doc['death'] as DeathReport | undefined
      if (!death || !isDeceased({ death })) continue
      listed.push({
        id: String(doc['id']),
        fullName: String(doc['fullName']),
        kecamatanCode: String(doc['kecamatanCode']),
        death,
        coverage: (doc['coverage'] as CoveragePeriod[] | undefined) ?? [],
      })
    }
  })
  return listed.sort((a, b) => b.death.date.localeCompare(a.death.date))
}
