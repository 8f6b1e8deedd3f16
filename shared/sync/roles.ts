/**
 * Who uses Naungan: the roles of an account and the kinds of office. A leaf module (it imports
 * nothing) so the card, workflow and protocol rules can all name these without importing each
 * other; `sync-protocol.ts` re-exports them.
 */

/**
 * `operator`: registration clerk. `verifier`: checks candidates for one agency (their office's
 * `agencyCode`). `supervisor`: Distransnaker, approves or returns. `admin`: accounts and devices.
 */
export type Role = 'operator' | 'verifier' | 'supervisor' | 'admin'
export const ROLES: readonly Role[] = ['operator', 'verifier', 'supervisor', 'admin']

/**
 * `kecamatan` offices register people and see only their kecamatan's participants; `central`
 * (Distransnaker) and `agency` offices see the whole district.
 */
export type OfficeKind = 'kecamatan' | 'agency' | 'central'
