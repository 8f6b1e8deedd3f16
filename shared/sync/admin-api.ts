/**
 * Response bodies of the admin list endpoints, which sync-protocol.ts names but does not shape.
 * Each list is wrapped in an object so fields (paging, totals) can be added without breaking a
 * client. `?officeId=<id>` narrows users and devices to one office.
 */
import type { DeviceInfo, OfficeInfo, UserInfo } from './sync-protocol'

/** GET /api/admin/offices */
export interface AdminOfficesResponse {
  offices: OfficeInfo[]
}

/** A user as the admin screen sees it: the account plus its login lock. */
export interface AdminUserInfo extends UserInfo {
  /** ISO time the account was deactivated; null while active. */
  deactivatedAt: string | null
  /** Failed logins counted towards the lock (reset by a successful login or an unlock). */
  failedLogins: number
  /** ISO time until which logins are refused; null when not locked. */
  lockedUntil: string | null
}

/**
 * GET /api/admin/users[?officeId=]. The user routes below answer one AdminUserInfo:
 * - POST /api/admin/users/<id>/deactivate   (no body) sessions end at once, offline verifier withdrawn
 * - POST /api/admin/users/<id>/reactivate   (no body)
 * - POST /api/admin/users/<id>/password     ResetPasswordRequest; every session of the user ends
 * - POST /api/admin/users/<id>/unlock       (no body) clears the account's login lock
 * POST /api/admin/devices/<id>/unlock (no body) clears a PC's login lock and answers a DeviceInfo.
 */
export interface AdminUsersResponse {
  users: AdminUserInfo[]
}

/** POST /api/admin/users/<id>/password */
export interface ResetPasswordRequest {
  newPassword: string
}

export type SecurityEventKind =
  | 'login_failed'
  | 'login_locked'
  | 'login_refused_locked'
  | 'login_unlocked'
  | 'refresh_refused'
  | 'enrolment_code_invalid'
  | 'forbidden'
  | 'rate_limited'
  | 'user_deactivated'
  | 'user_reactivated'
  | 'password_reset'
  | 'password_changed'
  | 'session_ended'
  | 'device_revoked'
  | 'card_certificate_issued'
  | 'participant_deleted'
  | 'deletion_refused'
  | 'integration_key_created'
  | 'integration_key_revoked'
  | 'server_restored'
  | 'participants_recovered'
  | 'rescue_imported'
  | 'payment_withdrawn'

/** One row of the security log (server/security-log.ts). No NIK, password or token, ever. */
export interface SecurityEventRecord {
  /** Increasing; pass the last one seen as `before` for the next, older page. */
  id: number
  at: string
  kind: SecurityEventKind
  userId: string | null
  username: string | null
  deviceId: string | null
  officeId: string | null
  /** The client address as the server saw it (the proxy's, unless the proxy is trusted). */
  ip: string | null
  detail: Record<string, string | number | boolean | null>
}

/** GET /api/admin/security-events[?limit=1..500][&before=<id>][&kind=<kind>], newest first. */
export interface SecurityEventsResponse {
  events: SecurityEventRecord[]
}

/**
 * GET /api/admin/devices[?officeId=]; POST /api/admin/devices/<id>/revoke returns a DeviceInfo.
 * `cardCertifiedAt` tells which PCs can sign cards (and since when their key was certified).
 */
export interface AdminDevicesResponse {
  devices: DeviceInfo[]
}
