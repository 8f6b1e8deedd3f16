/**
 * What this PC remembers of the last DTSEN extract applied, compactly: a Kukar extract has about
 * 90,000 rows, and only three things per person matter for the next diff (who, which family,
 * which decile). Everything is pseudonymous: the person is the NIK blind index the store already
 * holds, the family a keyed hash of the KK (`dtsenFamilyKey`), never the NIK or the KK.
 *
 * Families are listed once and people point at them by position, so a family of four costs one
 * hash, not four: ~24 characters a person, ~2 MB for 90,000.
 */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import type { DtsenExtract, DtsenPerson } from './dtsen-diff'

export interface EncodedDtsenExtract {
  snapshotDate: string
  /** Family keys, each once. */
  families: string[]
  /** `personKey:decile:familyPosition` joined by ','; the position is '' without a KK. */
  people: string
}

export function encodeDtsenExtract(extract: DtsenExtract): EncodedDtsenExtract {
  const families: string[] = []
  const positions = new Map<string, number>()
  const entries = extract.people.map((person) => {
    let position = ''
    if (person.familyKey !== '') {
      let found = positions.get(person.familyKey)
      if (found === undefined) {
        found = families.length
        families.push(person.familyKey)
        positions.set(person.familyKey, found)
      }
      position = found.toString(36)
    }
    return `${person.personKey}:${person.decile}:${position}`
  })
  return { snapshotDate: extract.snapshotDate, families, people: entries.join(',') }
}

/** Null when the stored text is not what `encodeDtsenExtract` writes (then no diff is offered). */
export function decodeDtsenExtract(encoded: EncodedDtsenExtract): DtsenExtract | null {
  const people: DtsenPerson[] = []
  if (encoded.people !== '') {
    for (const entry of encoded.people.split(',')) {
      const [personKey, decileText, position] = entry.split(':')
      const decile = Number(decileText)
      if (!personKey || !Number.isInteger(decile) || decile < 1 || decile > 10) return null
      let familyKey = ''
      if (position) {
        const family = encoded.families[parseInt(position, 36)]
        if (family === undefined) return null
        familyKey = family
      }
      people.push({ personKey, familyKey, decile })
    }
  }
  return { snapshotDate: encoded.snapshotDate, people }
}

const FAMILY_CONTEXT = 'naungan/dtsen-family/v1:'

/**
 * A keyed hash of a KK number, for telling families apart without keeping the KK. Only equality
 * is needed (no lookup by KK), so a plain HMAC with its own context, not the NIK blind index:
 * the two cannot be matched with each other. 96 bits: no two of a regency's families collide.
 */
export function dtsenFamilyKey(kk: string, key: Uint8Array): string {
  const mac = hmac(sha256, key, new TextEncoder().encode(FAMILY_CONTEXT + kk))
  let text = ''
  for (const byte of mac.subarray(0, 12)) text += byte.toString(16).padStart(2, '0')
  return text
}
