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

/** GET /api/admin/users[?officeId=] */
export interface AdminUsersResponse {
  users: UserInfo[]
}

/**
 * GET /api/admin/devices[?officeId=]; POST /api/admin/devices/<id>/revoke returns a DeviceInfo.
 * `cardCertifiedAt` tells which PCs can sign cards (and since when their key was certified).
 */
export interface AdminDevicesResponse {
  devices: DeviceInfo[]
}
