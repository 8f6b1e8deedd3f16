/**
 * Who acts in the renderer, modelled once: the workflow rules read the role and agency, the
 * history entries (and the server's audit trail) the name, role, office and PC. The server
 * refuses a pushed entry whose office or PC is not the one sending it, or whose user cannot sign
 * in there (docs/sync.md, "Audit trail"), so all four must come from the same session.
 *
 * A leaf of core/: it reads the office profile's fields without importing the store, so the
 * store's history functions can take an ActingUser without an import cycle.
 */
import type { OfficeInfo, UserInfo } from '@shared/sync/sync-protocol'
import type { Actor } from '@shared/workflow/workflow'

export interface ActingUser extends Actor {
  /** The office of this PC ('06-01', 'PUSAT'). */
  officeCode: string
  /** This PC's device id; '' on a standalone PC, whose history is never sent. */
  deviceId: string
}

/** The signed-in side of an enrolled PC, as much of it as says who acts (a SyncContextValue). */
export interface SignedInSession {
  user: Pick<UserInfo, 'role' | 'displayName'>
  enrolment: { deviceId: string; office: Pick<OfficeInfo, 'code' | 'agencyCode'> }
}

/** The office settings that name who acts on a standalone PC (an OfficeProfile has them). */
export interface StandaloneOffice {
  kecamatanShortCode: string
  officeNumber: number
  operatorName: string
}

/** An office's code as registration numbers and history carry it, e.g. '06-01'. */
export function officeCodeOf(
  office: Pick<StandaloneOffice, 'kecamatanShortCode' | 'officeNumber'>,
) {
  return `${office.kecamatanShortCode}-${String(office.officeNumber).padStart(2, '0')}`
}

/**
 * Who acts at this PC: the signed-in user at the office the PC is enrolled in, or, on a
 * standalone PC (no server), a clerk named in the office settings, with no device. Only a
 * verifier checks for an agency, the one of their office (the server reads it the same way).
 */
export function actingUserOf(
  office: StandaloneOffice,
  session: SignedInSession | null,
): ActingUser {
  if (!session) {
    return {
      name: office.operatorName,
      role: 'operator',
      agency: null,
      officeCode: officeCodeOf(office),
      deviceId: '',
    }
  }
  const { role, displayName } = session.user
  return {
    name: displayName,
    role,
    agency: role === 'verifier' ? session.enrolment.office.agencyCode : null,
    officeCode: session.enrolment.office.code,
    deviceId: session.enrolment.deviceId,
  }
}
