/**
 * Every claim case on this PC, with its participant's name and kecamatan: read from the records
 * as stored (dashboard-records.ts `readStoredParticipants`: no sealed field is opened, claims and
 * names are not sealed), so listing claims on a district PC of 50,000 records costs one pass over
 * IndexedDB, not a decryption of everyone.
 */
import { parseClaimCase, type ClaimCase } from '@shared/claims/claim-case'
import type { NaunganStore } from '@/core/store/database'
import { readStoredParticipants } from '@/dashboard/dashboard-records'

export interface ListedClaim {
  claim: ClaimCase
  participantId: string
  fullName: string
  kecamatanCode: string
}

export async function listClaims(store: NaunganStore): Promise<ListedClaim[]> {
  const listed: ListedClaim[] = []
  await readStoredParticipants(store, (docs) => {
    for (const doc of docs) {
      const claims = doc['claims']
      if (!Array.isArray(claims) || claims.length === 0) continue
      for (const raw of claims) {
        // Read as strictly as from the network: a damaged case is left out, never half-shown.
        const parsed = parseClaimCase(raw)
        if (!parsed.ok) continue
        listed.push({
          claim: parsed.claim,
          participantId: String(doc['id']),
          fullName: String(doc['fullName']),
          kecamatanCode: String(doc['kecamatanCode']),
        })
      }
    }
  })
  return listed
}
