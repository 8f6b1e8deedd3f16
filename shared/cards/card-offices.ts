/**
 * Which offices print cards, and whose cards each may sign. The server asks the first before it
 * certifies a PC's key; every copy of Naungan asks the second when it verifies a card, so a
 * certificate of one kecamatan's office cannot vouch for another kecamatan's participants.
 *
 *   office code  `KK-OO` (kecamatan office)  signs registration numbers `KKxx-……` of its own
 *                                            kecamatan: any office series there, the central
 *                                            office's series 99 included (existing members filed
 *                                            in the kecamatan's name, docs/import.md), since
 *                                            every office of a kecamatan holds its records
 *   office code  `PUSAT` (Distransnaker)     signs any number of the district
 *   anything else (agency offices)           signs nothing
 *
 * A card numbered with its KPJ (after BPJS's answer) names no kecamatan: whether the office may
 * sign it cannot be told from the card alone ('unknown'); docs/printing.md says what that means.
 */
import type { OfficeKind, Role } from '../sync/roles'

/** Roles that print (docs/printing.md): registration clerks and supervisors. */
export const CARD_PRINTING_ROLES: readonly Role[] = ['operator', 'supervisor']
/** Office kinds that print: kecamatan offices and Distransnaker; agencies only verify. */
export const CARD_PRINTING_OFFICE_KINDS: readonly OfficeKind[] = ['kecamatan', 'central']

/** The central office's code (server/accounts.ts makes it). */
const CENTRAL_OFFICE_CODE = 'PUSAT'

/** May a user of this role, signed in on a PC of this office kind, hold a card certificate? */
export function mayHoldCardCertificate(role: Role, officeKind: OfficeKind): boolean {
  return CARD_PRINTING_ROLES.includes(role) && CARD_PRINTING_OFFICE_KINDS.includes(officeKind)
}

const KECAMATAN_OFFICE_CODE = /^(\d{2})-\d{2}$/
/** The printed form only ('0601-000123'): a KPJ number has no dash. */
const PRINTED_REGISTRATION_NUMBER = /^(\d{2})\d{2}-\d{6}$/

/**
 * May a certificate for `officeCode` sign a card numbered `participantNumber`? 'unknown' when
 * the number is not a registration number (a KPJ number says nothing about the kecamatan).
 */
export function officeMaySignNumber(
  officeCode: string,
  participantNumber: string,
): 'yes' | 'no' | 'unknown' {
  const number = PRINTED_REGISTRATION_NUMBER.exec(participantNumber)
  if (!number) {
    const isPrintingOffice =
      officeCode === CENTRAL_OFFICE_CODE || KECAMATAN_OFFICE_CODE.test(officeCode)
    return isPrintingOffice ? 'unknown' : 'no'
  }
  if (officeCode === CENTRAL_OFFICE_CODE) return 'yes'
  const office = KECAMATAN_OFFICE_CODE.exec(officeCode)
  return office && office[1] === number[1] ? 'yes' : 'no'
}
