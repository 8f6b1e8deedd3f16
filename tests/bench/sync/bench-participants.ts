/**
 * Participant documents for the sync benchmarks, as the app pushes them (the wire form: no
 * `nikIndex`, explicit `_deleted`). The people come from the store benchmark's deterministic
 * generator (tests/bench/synthetic-people.ts): varied names, addresses, occupations and phone
 * numbers, so gzip sees realistic text, not one record repeated 50,000 times.
 */
import type { District } from '../../../shared/district/district-config'
import { validateParticipantWireDocument } from '../../../shared/participant/participant-validation'
import type { ParticipantWireDocument } from '../../../shared/sync/sync-protocol'
import { personFieldsOf, prng, syntheticPerson, type SyntheticPerson } from '../synthetic-people'

const pad = (value: number, width: number) => String(value).padStart(width, '0')

/**
 * Person indices that live in kecamatan number `kecamatanIndex` (0..19): the generator puts
 * person i in kecamatan i % 20 with NIK serial floor(i / 20) % 9999 + 1, so slot j of a kecamatan
 * is person kecamatanIndex + 20 j, and slots 0..9998 have distinct NIKs.
 */
export const SLOTS_PER_KECAMATAN = 9999

export function personInKecamatan(
  kecamatanIndex: number,
  slot: number,
  district: District,
): SyntheticPerson {
  return syntheticPerson(kecamatanIndex + 20 * slot, district)
}

export interface Registrar {
  /** Office code written into the document, e.g. '06-01'. */
  officeCode: string
  /** Two-digit kecamatan short code and office number of the registration number. */
  kecamatanShortCode: string
  officeNumber: number
  /** The clerk's display name (createdBy / updatedBy). */
  clerk: string
}

/** A new registration made now by `registrar` (createdAt = updatedAt = now). */
export function newRegistration(
  person: SyntheticPerson,
  registrar: Registrar,
  sequence: number,
  now = new Date(),
): ParticipantWireDocument {
  const at = now.toISOString()
  return {
    id: crypto.randomUUID(),
    registrationNumber: `${registrar.kecamatanShortCode}${pad(registrar.officeNumber, 2)}-${pad(
      sequence,
      6,
    )}`,
    ...personFieldsOf(person),
    officeCode: registrar.officeCode,
    createdAt: at,
    createdBy: registrar.clerk,
    updatedAt: at,
    updatedBy: registrar.clerk,
    duplicates: [],
    conflicts: [],
    prints: [],
    checks: [],
    _deleted: false,
  }
}

/**
 * A clerk's correction of a stored record: a new house number and RT, a corrected income, a
 * draft submitted. Everything stays valid; `updatedAt` moves on.
 */
export function editedRegistration(
  doc: ParticipantWireDocument,
  clerk: string,
  seed: number,
  now = new Date(),
): ParticipantWireDocument {
  const random = prng(seed)
  const street = doc.address.replace(/ No\. \d+$/, '')
  return {
    ...doc,
    address: `${street} No. ${1 + Math.floor(random() * 200)}`,
    rt: pad(1 + Math.floor(random() * 20), 3),
    monthlyIncome: 500_000 + Math.floor(random() * 50) * 50_000,
    status: 'submitted',
    updatedAt: now.toISOString(),
    updatedBy: clerk,
  }
}

/** Throws with the server's own sentence when a generated document would be refused. */
export function assertValid(doc: ParticipantWireDocument, district: District): void {
  const result = validateParticipantWireDocument(doc, { district })
  if (!result.ok) throw new Error(`Generated participant is invalid: ${result.message}`)
}
