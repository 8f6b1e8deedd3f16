import type {
  ApiError,
  CreateEnrolmentCodeRequest,
  CreateOfficeRequest,
  CreateUserRequest,
  DeviceInfo,
  EnrolmentCodeResponse,
  OfficeInfo,
  UserInfo,
} from '@shared/sync/sync-protocol'
import type {
  AdminDevicesResponse,
  AdminOfficesResponse,
  AdminUserInfo,
  AdminUsersResponse,
  ResetPasswordRequest,
  SecurityEventsResponse,
} from '@shared/sync/admin-api'

import type {
  CreateIntegrationKeyRequest,
  CreateIntegrationKeyResponse,
  IntegrationKeyInfo,
  IntegrationKeysResponse,
} from '@shared/integration/integration-api'
/** Sends an authenticated request to the central server (token handling is the caller's). */
export type AuthorizedRequest = (path: string, init?: RequestInit) => Promise<Response>

/** A refusal the server explained; the message is Indonesian and meant for the admin. */
export class AdminApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = 'AdminApiError'
  }
}

/**
 * What to tell the admin of a failed call: the server's own words when it refused, otherwise
 * `fallback` (no connection, a timeout: the browser's text would be English and technical).
 */
export function adminErrorText(error: unknown, fallback: string): string {
  return error instanceof AdminApiError ? error.message : fallback
}

async function readJson<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (body as Partial<ApiError> | null)?.error
    throw new AdminApiError(
      typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
      typeof error?.message === 'string' ? error.message : `Server menjawab ${response.status}.`,
      response.status,
    )
  }
  return body as T
}

/** A POST whose route says it all (deactivate, unlock…): no body. */
const post = (): RequestInit => ({ method: 'POST' })

const userPath = (userId: string, action: string) =>
  `/api/admin/users/${encodeURIComponent(userId)}/${action}`

/** How many security events the admin screen shows: the last few hours of an attack, not a log. */
export const SECURITY_EVENTS_SHOWN = 50

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

/** The server's admin endpoints (shared/sync/sync-protocol.ts), for the admin screen. */
export function createAdminApi(request: AuthorizedRequest) {
  return {
    listOffices: async () =>
      (await readJson<AdminOfficesResponse>(await request('/api/admin/offices'))).offices,
    createOffice: async (office: CreateOfficeRequest) =>
      readJson<OfficeInfo>(await request('/api/admin/offices', json(office))),
    listUsers: async () =>
      (await readJson<AdminUsersResponse>(await request('/api/admin/users'))).users,
    createUser: async (user: CreateUserRequest) =>
      readJson<UserInfo>(await request('/api/admin/users', json(user))),
    createEnrolmentCode: async (body: CreateEnrolmentCodeRequest) =>
      readJson<EnrolmentCodeResponse>(await request('/api/admin/enrolment-codes', json(body))),
    listDevices: async () =>
      (await readJson<AdminDevicesResponse>(await request('/api/admin/devices'))).devices,
    revokeDevice: async (deviceId: string) =>
      readJson<DeviceInfo>(
        await request(`/api/admin/devices/${encodeURIComponent(deviceId)}/revoke`, json({})),
      ),
    unlockDevice: async (deviceId: string) =>
      readJson<DeviceInfo>(
        await request(`/api/admin/devices/${encodeURIComponent(deviceId)}/unlock`, post()),
      ),
    /** Ends every session of the user at once; PCs withdraw the offline verifier at next sync. */
    deactivateUser: async (userId: string) =>
      readJson<AdminUserInfo>(await request(userPath(userId, 'deactivate'), post())),
    reactivateUser: async (userId: string) =>
      readJson<AdminUserInfo>(await request(userPath(userId, 'reactivate'), post())),
    resetPassword: async (userId: string, newPassword: string) =>
      readJson<AdminUserInfo>(
        await request(
          userPath(userId, 'password'),
          json({ newPassword } satisfies ResetPasswordRequest),
        ),
      ),
    unlockUser: async (userId: string) =>
      readJson<AdminUserInfo>(await request(userPath(userId, 'unlock'), post())),
    listIntegrationKeys: async () =>
      (await readJson<IntegrationKeysResponse>(await request('/api/admin/integration-keys'))).keys,
    /** The answer holds the key's token: shown once, never again. */
    createIntegrationKey: async (body: CreateIntegrationKeyRequest) =>
      readJson<CreateIntegrationKeyResponse>(
        await request('/api/admin/integration-keys', json(body)),
      ),
    revokeIntegrationKey: async (keyId: string) =>
      readJson<IntegrationKeyInfo>(
        await request(`/api/admin/integration-keys/${encodeURIComponent(keyId)}/revoke`, post()),
      ),
    listSecurityEvents: async (limit = SECURITY_EVENTS_SHOWN) =>
      (
        await readJson<SecurityEventsResponse>(
          await request(`/api/admin/security-events?limit=${limit}`),
        )
      ).events,
  }
}

export type AdminApi = ReturnType<typeof createAdminApi>
