/** The rows behind offices, users and devices, and how they become the API's shapes. */
import type { District } from '../shared/district/district-config'
import type {
  DeviceInfo,
  OfficeInfo,
  OfficeKind,
  Role,
  UserInfo,
} from '../shared/sync/sync-protocol'
import type { LoginHashParams } from './passwords'

export interface AccountSettings {
  tokenKey: Buffer
  loginHashParams: LoginHashParams
  accessTokenTtlSeconds: number
  refreshTokenTtlSeconds: number
  enrolmentCodeTtlSeconds: number
  district: District
  cardSigning: CardSigningSettings
}

export interface CardSigningSettings {
  /** The district's Ed25519 secret key (ServerKeys.cardSigningKey). */
  districtSecretKey: Uint8Array
  /** base64url public keys a card may be signed under: the current one first, then retired ones. */
  districtPublicKeys: string[]
}

export interface OfficeRow {
  id: string
  code: string
  name: string
  kind: OfficeKind
  kecamatan_code: string | null
  office_number: number | null
  agency_code: string | null
}

export interface UserRow {
  id: string
  office_id: string
  username: string
  display_name: string
  role: Role
  active: boolean
  deactivated_at: unknown
  password_hash: string
  verifier_salt: Uint8Array
  verifier_hash: Uint8Array
  verifier_memory_kib: number
  verifier_iterations: number
  verifier_parallelism: number
}

export interface DeviceRow {
  id: string
  office_id: string
  name: string
  secret_hash: Uint8Array
  enrolled_at: unknown
  revoked_at: unknown
  last_seen_at: unknown
  card_public_key: string | null
  card_certified_at: unknown
}

export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString()
  return new Date(String(value)).toISOString()
}

export function toIsoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toIso(value)
}

export function officeInfoOf(row: OfficeRow): OfficeInfo {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    kecamatanCode: row.kecamatan_code,
    officeNumber: row.office_number === null ? null : Number(row.office_number),
    agencyCode: row.agency_code ?? null,
  }
}

export function userInfoOf(row: Pick<UserRow, keyof UserRow>): UserInfo {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    officeId: row.office_id,
    active: row.active,
  }
}

export function deviceInfoOf(row: DeviceRow): DeviceInfo {
  return {
    id: row.id,
    officeId: row.office_id,
    name: row.name,
    enrolledAt: toIso(row.enrolled_at),
    revokedAt: toIsoOrNull(row.revoked_at),
    lastSeenAt: toIsoOrNull(row.last_seen_at),
    cardPublicKey: row.card_public_key,
    cardCertifiedAt: toIsoOrNull(row.card_certified_at),
  }
}

export const OFFICE_COLUMNS = 'id, code, name, kind, kecamatan_code, office_number, agency_code'

export const USER_COLUMNS = `id, office_id, username, display_name, role, active, deactivated_at,
  password_hash, verifier_salt, verifier_hash, verifier_memory_kib, verifier_iterations,
  verifier_parallelism`

export const DEVICE_COLUMNS = `id, office_id, name, secret_hash, enrolled_at, revoked_at, last_seen_at,
  card_public_key, card_certified_at`

export const CENTRAL_OFFICE_CODE = 'PUSAT'

export const OFFICE_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,7}$/

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505'
}
