/**
 * Who may see a participant's full NIK on screen, and what the audit entry of each reveal holds.
 * docs/security.md, "NIK reveal", gives the reasons.
 *
 * UU 27/2022 (Pelindungan Data Pribadi) asks for data minimisation: a NIK is masked everywhere
 * (`masking.ts`) and shown in full only to the people whose job is to compare it with the KTP or
 * the civil registry, and each showing is recorded (`PARTICIPANT_CHANGE_KINDS` 'revealed'):
 *
 *   - the verifier of an identity agency (district.json `verification.agencies[].checksIdentity`,
 *     Disdukcapil), for a candidate that agency must check: checking the NIK in SIAK is the check;
 *   - the registration clerk (operator) or supervisor of the kecamatan office that registered the
 *     person: they typed it from the KTP at the counter, and compare it with the KTP when the
 *     person comes back.
 *
 * Nobody else: not other agencies (they search their own data by name and address), not another
 * kecamatan office, not the central supervisor (Disdukcapil has confirmed the identity before the
 * approval), not the admin. The KK is never revealed: Disdukcapil reads the family card in SIAK
 * from the NIK, so showing it adds nothing to the check.
 *
 * Pure: the renderer asks it to draw the button, the server to accept the audit entry.
 */
import type { FieldChange } from '../participant/participant-document'
import type { OfficeKind, Role } from '../sync/sync-protocol'

/** The identity fields a reveal may show. Only the NIK (see above for the KK). */
export const REVEALABLE_FIELDS = ['nik'] as const
export type RevealableField = (typeof REVEALABLE_FIELDS)[number]

/** Who asks, from which office (the PC's enrolled office). */
export interface RevealActor {
  role: Role
  officeKind: OfficeKind
  /** The office's code: '06-01', 'PUSAT', an agency office's code. */
  officeCode: string
  /** For agency offices, which agency; else null. */
  agencyCode: string | null
}

/** What the rule needs of the participant. */
export interface RevealSubject {
  /** The registering office ('06-01'). */
  officeCode: string
  /** The agency checks set on submission; a check of the actor's agency makes it their case. */
  checks: readonly { agency: string }[]
}

export type RevealRefusal =
  /** The field is never revealed (KK, phone). */
  | 'FIELD_NOT_REVEALABLE'
  /** This role at this office never sees a full NIK. */
  | 'ROLE_MAY_NOT_REVEAL'
  /** An identity verifier, but the person has no check of their agency (not their case). */
  | 'NOT_THEIR_CHECK'
  /** A clerk or supervisor, but the person was registered by another office. */
  | 'OTHER_OFFICE'

export type RevealVerdict =
  | { allowed: true; basis: 'identity-check' | 'own-office' }
  | { allowed: false; reason: RevealRefusal }

const refuse = (reason: RevealRefusal): RevealVerdict => ({ allowed: false, reason })

function isRevealableField(field: string): field is RevealableField {
  return (REVEALABLE_FIELDS as readonly string[]).includes(field)
}

function isIdentityVerifier(actor: RevealActor, identityAgencies: readonly string[]): boolean {
  return (
    actor.role === 'verifier' &&
    actor.officeKind === 'agency' &&
    actor.agencyCode !== null &&
    identityAgencies.includes(actor.agencyCode)
  )
}

function isRegisteringStaff(actor: RevealActor): boolean {
  // Kecamatan offices only: central and agency offices register nobody at a counter.
  return (
    (actor.role === 'operator' || actor.role === 'supervisor') && actor.officeKind === 'kecamatan'
  )
}

/**
 * Whether this role at this office may ever reveal `field`, whoever the participant is. The
 * server falls back on it for an entry about a participant it does not hold yet (a clerk's record
 * still on its way); the full rule is `mayRevealIdentity`.
 */
export function mayRoleRevealIdentity(
  actor: RevealActor,
  field: string,
  identityAgencies: readonly string[],
): RevealVerdict {
  if (!isRevealableField(field)) return refuse('FIELD_NOT_REVEALABLE')
  if (isIdentityVerifier(actor, identityAgencies)) return { allowed: true, basis: 'identity-check' }
  if (isRegisteringStaff(actor)) return { allowed: true, basis: 'own-office' }
  return refuse('ROLE_MAY_NOT_REVEAL')
}

/** Whether `actor` may see `subject`'s full `field`, and on which basis (for the audit). */
export function mayRevealIdentity(
  actor: RevealActor,
  subject: RevealSubject,
  field: string,
  identityAgencies: readonly string[],
): RevealVerdict {
  const verdict = mayRoleRevealIdentity(actor, field, identityAgencies)
  if (!verdict.allowed) return verdict
  if (verdict.basis === 'identity-check') {
    return subject.checks.some((check) => check.agency === actor.agencyCode)
      ? verdict
      : refuse('NOT_THEIR_CHECK')
  }
  return subject.officeCode === actor.officeCode ? verdict : refuse('OTHER_OFFICE')
}

// ---------------------------------------------------------------------------------------------
// The audit entry of a reveal

/**
 * The `changes` of a 'revealed' history entry: the field shown, with empty values (the value
 * itself is never written anywhere), and for a verifier their agency, which the history names.
 */
export function revealEntryChanges(
  field: RevealableField,
  agencyCode: string | null,
): FieldChange[] {
  return [
    { field, from: '', to: '' },
    ...(agencyCode === null ? [] : [{ field: 'agency', from: '', to: agencyCode }]),
  ]
}

/** Reads `revealEntryChanges` back; null when `changes` is not in exactly that form. */
export function readRevealEntry(
  changes: readonly FieldChange[],
): { field: string; agencyCode: string | null } | null {
  const [shown, agency, ...rest] = changes
  if (!shown || rest.length > 0 || shown.from !== '' || shown.to !== '') return null
  if (shown.field === 'agency') return null
  if (agency === undefined) return { field: shown.field, agencyCode: null }
  if (agency.field !== 'agency' || agency.from !== '' || agency.to === '') return null
  return { field: shown.field, agencyCode: agency.to }
}
