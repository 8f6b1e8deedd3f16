import type {
  EnrolRequest,
  EnrolResponse,
  OfficeInfo,
  OfficeUsersResponse,
  OfflineUserRecord,
  UserInfo,
} from '@shared/sync/sync-protocol'
import { checkOfflinePassword } from '@shared/sync/offline-verifier'
import { district } from '@/core/district'
import { getPlatform } from '@/core/platform'
import type { NaunganStore } from '@/core/store/database'
import type { OfficeProfile } from '@/core/store/participant-repository'
import { openValue, sealValue, isUnreadable } from '@/core/store/sealed-fields-storage'
import {
  jsonRequest,
  readJsonResponse,
  sendRequest,
  ServerError,
  isDeviceRevoked,
  type FetchFunction,
} from '@/core/server-api'
import type { DeviceCredential } from '@/core/server-session'
import type { Enrolment } from '@/core/enrolled-device'
import { newCardKeyPair, saveCertifiedKey } from '@/printing/card-keys'
import { currentTime } from '@shared/dates/clock'

export type { Enrolment } from '@/core/enrolled-device'

const ENROLMENT_DOC = 'sync-enrolment'
const OFFICE_USERS_DOC = 'office-users'
const OFFICE_USERS_AAD = 'local:office-users'

export async function loadEnrolment(store: NaunganStore): Promise<Enrolment | null> {
  const doc = await store.db.getLocal<Enrolment>(ENROLMENT_DOC)
  return doc ? (doc.toJSON().data as Enrolment) : null
}

export async function markEnrolmentRevoked(store: NaunganStore, at = currentTime()): Promise<void> {
  const enrolment = await loadEnrolment(store)
  if (!enrolment || enrolment.revokedAt) return
  await store.db.upsertLocal<Enrolment>(ENROLMENT_DOC, {
    ...enrolment,
    revokedAt: at.toISOString(),
  })
}

export async function loadDeviceCredential(): Promise<DeviceCredential | null> {
  const text = await getPlatform().getSecret('device-credential')
  if (!text) return null
  try {
    const parsed = JSON.parse(text) as Partial<DeviceCredential>
    if (typeof parsed.deviceId === 'string' && typeof parsed.deviceSecret === 'string') {
      return { deviceId: parsed.deviceId, deviceSecret: parsed.deviceSecret }
    }
  } catch {
    // Reported as missing: the PC must be enrolled again.
  }
  return null
}

export type OfficeProfileResult =
  | { ok: true; profile: OfficeProfile; registrationAllowed: boolean }
  | { ok: false; reason: 'UNKNOWN_KECAMATAN' }

/**
 * The registration-number identity of an enrolled office: its kecamatan's short code from the
 * region table and its office number. District-wide offices (central, agency) register no one.
 */
export function officeProfileOf(office: OfficeInfo, operatorName: string): OfficeProfileResult {
  if (office.kind !== 'kecamatan' || !office.kecamatanCode || !office.officeNumber) {
    return {
      ok: true,
      registrationAllowed: false,
      profile: { kecamatanCode: '', kecamatanShortCode: '00', officeNumber: 0, operatorName },
    }
  }
  const kecamatan = district.regions.kecamatanByCode(office.kecamatanCode)
  if (!kecamatan) return { ok: false, reason: 'UNKNOWN_KECAMATAN' }
  return {
    ok: true,
    registrationAllowed: true,
    profile: {
      kecamatanCode: kecamatan.code,
      kecamatanShortCode: kecamatan.shortCode,
      officeNumber: office.officeNumber,
      operatorName,
    },
  }
}

export type EnrolResult =
  | { ok: true; enrolment: Enrolment }
  | { ok: false; reason: 'UNREACHABLE' | 'UNKNOWN_KECAMATAN' | 'KEYCHAIN_FAILED' }
  | { ok: false; reason: 'REFUSED'; message: string }

/** POST /api/enrol: exchanges a one-time code for this PC's credential. */
export async function enrolDevice(args: {
  store: NaunganStore
  serverUrl: string
  code: string
  deviceName: string
  fetch: FetchFunction
  now?: Date
}): Promise<EnrolResult> {
  let response: EnrolResponse
  // The PC's card-signing key is made here and never leaves it: the server certifies its public
  // half with the district key, so cards printed here verify anywhere (shared/cards).
  const cardKey = newCardKeyPair()
  try {
    const request: EnrolRequest = {
      code: args.code.trim().toUpperCase(),
      deviceName: args.deviceName,
      cardSigningPublicKey: cardKey.publicKeyText,
      districtCode: district.config.region.code,
    }
    response = await readJsonResponse<EnrolResponse>(
      await sendRequest(args.fetch, `${args.serverUrl}/api/enrol`, jsonRequest('POST', request)),
    )
  } catch (error) {
    if (error instanceof ServerError && error.failure.kind === 'refused') {
      return { ok: false, reason: 'REFUSED', message: error.failure.message }
    }
    return { ok: false, reason: 'UNREACHABLE' }
  }
  const profile = officeProfileOf(response.office, '')
  if (!profile.ok) return { ok: false, reason: 'UNKNOWN_KECAMATAN' }
  try {
    const credential: DeviceCredential = {
      deviceId: response.deviceId,
      deviceSecret: response.deviceSecret,
    }
    await getPlatform().setSecret('device-credential', JSON.stringify(credential))
  } catch {
    return { ok: false, reason: 'KEYCHAIN_FAILED' }
  }
  const enrolment: Enrolment = {
    serverUrl: args.serverUrl,
    deviceId: response.deviceId,
    deviceName: args.deviceName,
    office: response.office,
    enrolledAt: (args.now ?? currentTime()).toISOString(),
  }
  await args.store.db.upsertLocal<Enrolment>(ENROLMENT_DOC, enrolment)
  if (response.cardKeys) {
    // A failure here only delays printing: the print screen asks for a certificate again.
    await saveCertifiedKey(args.store, cardKey.secretKey, response.cardKeys).catch(() => false)
  }
  // Verifiers of another office (a re-enrolled PC) must not let its users in here.
  await args.store.db.upsertLocal(OFFICE_USERS_DOC, { sealed: '' })
  return { ok: true, enrolment }
}

/**
 * What the PC keeps for offline login: the office's active users with their verifiers, and the
 * users the server withdrew (deactivated), so the login screen can say why they are refused.
 */
export interface StoredOfficeUsers {
  users: OfflineUserRecord[]
  withdrawn: UserInfo[]
}

/**
 * The office's users with their offline verifiers, sealed with the field key like NIKs: the
 * verifiers are slow hashes, but there is no reason to leave them readable on disk. The server's
 * list replaces the whole stored one, so a deactivated user's verifier is gone after this.
 */
export async function saveOfficeUsers(
  store: NaunganStore,
  response: Pick<OfficeUsersResponse, 'users'> & Partial<Pick<OfficeUsersResponse, 'withdrawn'>>,
): Promise<void> {
  const kept: StoredOfficeUsers = {
    users: response.users,
    withdrawn: Array.isArray(response.withdrawn) ? response.withdrawn : [],
  }
  const sealed = await sealValue(store.keys.fieldKey, OFFICE_USERS_AAD, kept)
  await store.db.upsertLocal(OFFICE_USERS_DOC, { sealed })
}

export async function loadStoredOfficeUsers(store: NaunganStore): Promise<StoredOfficeUsers> {
  const doc = await store.db.getLocal<{ sealed: string }>(OFFICE_USERS_DOC)
  const sealed = doc?.get('sealed')
  if (typeof sealed !== 'string' || sealed === '') return { users: [], withdrawn: [] }
  const value = await openValue(store.keys.fieldKey, OFFICE_USERS_AAD, sealed)
  if (isUnreadable(value)) return { users: [], withdrawn: [] }
  // Versions before `withdrawn` sealed the bare list of users.
  if (Array.isArray(value)) return { users: value as OfflineUserRecord[], withdrawn: [] }
  const kept = value as Partial<StoredOfficeUsers> | null
  return {
    users: Array.isArray(kept?.users) ? kept.users : [],
    withdrawn: Array.isArray(kept?.withdrawn) ? kept.withdrawn : [],
  }
}

export async function loadOfficeUsers(store: NaunganStore): Promise<OfflineUserRecord[]> {
  return (await loadStoredOfficeUsers(store)).users
}

/**
 * The server said USER_INACTIVE during a session: drop that user's verifier now, before the next
 * `/api/office-users`, so nobody can sign in as them offline on this PC in the meantime.
 */
export async function withdrawOfficeUser(store: NaunganStore, user: UserInfo): Promise<void> {
  const kept = await loadStoredOfficeUsers(store)
  await saveOfficeUsers(store, withdrawUser(kept, user))
}

/** `kept` without `user`'s verifier, and with `user` among the withdrawn. */
export function withdrawUser(kept: StoredOfficeUsers, user: UserInfo): StoredOfficeUsers {
  return {
    users: kept.users.filter((entry) => entry.user.id !== user.id),
    withdrawn: [
      ...kept.withdrawn.filter((entry) => entry.id !== user.id),
      { ...user, active: false },
    ],
  }
}

export type SignInResult =
  | { ok: true; user: UserInfo; online: boolean; revoked: boolean }
  | {
      ok: false
      reason: 'WRONG_PASSWORD' | 'UNKNOWN_OFFLINE_USER' | 'USER_INACTIVE' | 'UNSUPPORTED_VERIFIER'
      message?: string
    }
  | { ok: false; reason: 'REFUSED'; message: string }

/** Same user name whatever the case and stray spaces the clerk typed. */
const sameUsername = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * Checks the password offline against this office's stored verifiers. Used when the server cannot
 * be reached (or has revoked this PC): clerks must be able to work with no network.
 */
export async function signInOffline(
  store: NaunganStore,
  username: string,
  password: string,
  revoked: boolean,
): Promise<SignInResult> {
  const kept = await loadStoredOfficeUsers(store)
  // A withdrawn user is refused before any password is checked: they have no verifier here.
  if (kept.withdrawn.some((user) => sameUsername(user.username, username))) {
    return { ok: false, reason: 'USER_INACTIVE' }
  }
  const record = kept.users.find((entry) => sameUsername(entry.user.username, username))
  if (!record) return { ok: false, reason: 'UNKNOWN_OFFLINE_USER' }
  const check = await checkOfflinePassword(record, password)
  if (!check.ok) return { ok: false, reason: check.reason }
  return { ok: true, user: record.user, online: false, revoked }
}

/** What the login screen needs to tell a refusal that ends the attempt from "try offline". */
export function classifyLoginError(error: unknown): 'offline' | 'revoked' | 'refused' {
  if (isDeviceRevoked(error)) return 'revoked'
  if (error instanceof ServerError) {
    if (error.failure.kind === 'unreachable') return 'offline'
    // Rate limited: the password may well be right; the verifier can tell without the server.
    if (error.failure.status === 429) return 'offline'
    return 'refused'
  }
  return 'offline'
}
