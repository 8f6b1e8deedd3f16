/**
 * This PC's enrolment as the store keeps it: read by sync/ (where to replicate, whether the PC is
 * revoked) and written by auth/device-enrolment.ts, so it sits below both.
 */
import type { OfficeInfo } from '@shared/sync/sync-protocol'

/** What this PC remembers about its enrolment (no secret: that is in the keychain). */
/** What this PC remembers about its enrolment (no secret: that is in the keychain). */
export interface Enrolment {
  serverUrl: string
  deviceId: string
  deviceName: string
  office: OfficeInfo
  enrolledAt: string
  /** Set when the server answered DEVICE_REVOKED: the PC no longer syncs. */
  revokedAt?: string
}
