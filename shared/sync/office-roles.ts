/**
 * Which roles a user of each kind of office may have: the admin screen offers exactly these and
 * the server refuses any other pairing. A verifier decides checks for one agency, so only an
 * agency office whose agency is set has verifiers, and nobody else there; the admin manages the
 * whole district from the central office (Distransnaker).
 */
import type { OfficeInfo, Role } from './sync-protocol'

export function rolesForOffice(office: Pick<OfficeInfo, 'kind' | 'agencyCode'>): Role[] {
  switch (office.kind) {
    case 'agency':
      return office.agencyCode ? ['verifier'] : []
    case 'kecamatan':
      return ['operator', 'supervisor']
    case 'central':
      return ['operator', 'supervisor', 'admin']
  }
}
