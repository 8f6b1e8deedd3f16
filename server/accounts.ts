/**
 * Offices, users, devices, enrolment codes and sessions. Plain functions over the database; the
 * HTTP layer (routes.ts) decides who may call which.
 */
import { CENTRAL_SERIES_OFFICE_NUMBER } from '../shared/participant/registration-number'
import { randomUUID } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  base64UrlOf,
  bytesOfBase64Url,
  issueDeviceCertificate,
  isEd25519PublicKey,
} from '../shared/cards/card-token'
import { CARD_PRINTING_OFFICE_KINDS } from '../shared/cards/card-offices'
import type { District } from '../shared/district/district-config'
import type { AdminUserInfo } from '../shared/sync/admin-api'
import type {
  CardKeysResponse,
  ChangePasswordResponse,
  CreateOfficeRequest,
  CreateUserRequest,
  DeviceInfo,
  EnrolmentCodeResponse,
  EnrolResponse,
  OfficeInfo,
  OfficeKind,
  OfflineUserRecord,
  Role,
  SessionResponse,
  UserInfo,
} from '../shared/sync/sync-protocol'
import { ROLES } from '../shared/sync/sync-protocol'
import { hasControlOrLoneSurrogate } from '../shared/participant/participant-validation'
import {
  normalizeEnrolmentCode,
  randomEnrolmentCode,
  randomToken,
  sameBytes,
  sha256,
  signAccessToken,
} from './crypto'
import type { Database, Queryable } from './database'
import { ApiFailure, failures } from './http-kit'
import {
  loginHashOf,
  offlineVerifierOf,
  passwordPolicyProblem,
  verifyLoginHash,
  type LoginHashParams,
} from './passwords'
import { logSecurityEvent } from './security-log'
import { currentTime, currentTimeMs } from '../shared/dates/clock'

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

interface OfficeRow {
  id: string
  code: string
  name: string
  kind: OfficeKind
  kecamatan_code: string | null
  office_number: number | null
  agency_code: string | null
}

interface UserRow {
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

function toIsoOrNull(value: unknown): string | null {
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

function deviceInfoOf(row: DeviceRow): DeviceInfo {
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

const OFFICE_COLUMNS = 'id, code, name, kind, kecamatan_code, office_number, agency_code'
const USER_COLUMNS = `id, office_id, username, display_name, role, active, deactivated_at,
  password_hash, verifier_salt, verifier_hash, verifier_memory_kib, verifier_iterations,
  verifier_parallelism`
const DEVICE_COLUMNS = `id, office_id, name, secret_hash, enrolled_at, revoked_at, last_seen_at,
  card_public_key, card_certified_at`

export const CENTRAL_OFFICE_CODE = 'PUSAT'

const OFFICE_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,7}$/
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505'
}

export async function getOffice(db: Queryable, id: string): Promise<OfficeInfo | null> {
  const { rows } = await db.query<OfficeRow>(
    `SELECT ${OFFICE_COLUMNS} FROM offices WHERE id = $1`,
    [id],
  )
  return rows[0] ? officeInfoOf(rows[0]) : null
}

export async function listOffices(db: Queryable): Promise<OfficeInfo[]> {
  const { rows } = await db.query<OfficeRow>(`SELECT ${OFFICE_COLUMNS} FROM offices ORDER BY code`)
  return rows.map(officeInfoOf)
}

/** Checks an office against the district: kecamatan offices carry a real kecamatan. */
export function checkOfficeRequest(request: CreateOfficeRequest, district: District): void {
  const bad = (message: string) => failures.invalidRequest(message)
  if (typeof request.code !== 'string' || !OFFICE_CODE_PATTERN.test(request.code)) {
    throw bad('Kode kantor wajib 1–8 huruf besar, angka atau tanda hubung, misalnya 06-01.')
  }
  if (
    typeof request.name !== 'string' ||
    request.name.trim().length < 2 ||
    request.name.length > 100
  ) {
    throw bad('Nama kantor wajib diisi (2–100 karakter).')
  }
  if (hasControlOrLoneSurrogate(request.name)) {
    throw bad('Nama kantor tidak boleh berisi karakter kendali atau karakter yang tidak sah.')
  }
  if (!['kecamatan', 'agency', 'central'].includes(request.kind)) {
    throw bad('Jenis kantor harus kecamatan, agency atau central.')
  }
  if (request.kind === 'kecamatan') {
    const kecamatan =
      typeof request.kecamatanCode === 'string'
        ? district.regions.kecamatanByCode(request.kecamatanCode)
        : undefined
    if (!kecamatan) throw bad('Kecamatan kantor tidak dikenal di wilayah kabupaten ini.')
    const number = request.officeNumber
    // 99 is the central office's series in each kecamatan (CENTRAL_SERIES_OFFICE_NUMBER).
    if (
      typeof number !== 'number' ||
      !Number.isInteger(number) ||
      number < 1 ||
      number >= CENTRAL_SERIES_OFFICE_NUMBER
    ) {
      throw bad('Nomor kantor di kecamatan wajib 1–98 (99 dipakai kantor pusat).')
    }
    // Registration numbers and officeCode in documents are built the same way: '06-01'.
    const expected = `${String(request.kecamatanCode).slice(-2)}-${String(number).padStart(2, '0')}`
    if (request.code !== expected) throw bad(`Kode kantor kecamatan ini harus ${expected}.`)
  } else if (request.kecamatanCode !== null || request.officeNumber !== null) {
    throw bad('Kantor tingkat kabupaten tidak memiliki kecamatan atau nomor kantor.')
  }
  const agencyCode = request.agencyCode ?? null
  if (request.kind === 'agency') {
    const known = district.config.verification.agencies.some((agency) => agency.code === agencyCode)
    if (!known) throw bad('Pilih instansi pemeriksa untuk kantor dinas ini.')
  } else if (agencyCode !== null) {
    throw bad('Hanya kantor dinas yang mempunyai instansi pemeriksa.')
  }
}

export async function createOffice(
  db: Queryable,
  request: CreateOfficeRequest,
  district: District,
): Promise<OfficeInfo> {
  checkOfficeRequest(request, district)
  try {
    const { rows } = await db.query<OfficeRow>(
      `INSERT INTO offices (id, code, name, kind, kecamatan_code, office_number, agency_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${OFFICE_COLUMNS}`,
      [
        randomUUID(),
        request.code,
        request.name.trim(),
        request.kind,
        request.kecamatanCode,
        request.officeNumber,
        request.agencyCode ?? null,
      ],
    )
    return officeInfoOf(rows[0] as OfficeRow)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiFailure(
        409,
        'OFFICE_EXISTS',
        'Kode kantor atau nomor kantor di kecamatan itu sudah dipakai.',
      )
    }
    throw error
  }
}

/** The central office, created on first use (bootstrap). */
export async function ensureCentralOffice(db: Queryable, district: District): Promise<OfficeInfo> {
  const { rows } = await db.query<OfficeRow>(
    `SELECT ${OFFICE_COLUMNS} FROM offices WHERE code = $1`,
    [CENTRAL_OFFICE_CODE],
  )
  if (rows[0]) return officeInfoOf(rows[0])
  return createOffice(
    db,
    {
      code: CENTRAL_OFFICE_CODE,
      name: `Distransnaker ${district.config.region.name}`,
      kind: 'central',
      kecamatanCode: null,
      officeNumber: null,
    },
    district,
  )
}

/** A new password, or a 400 `PASSWORD_REFUSED` saying in Indonesian what to change. */
function checkNewPassword(password: unknown, username: string): string {
  const problem = passwordPolicyProblem(password, username)
  if (problem !== null || typeof password !== 'string') {
    throw new ApiFailure(400, 'PASSWORD_REFUSED', problem ?? 'Kata sandi wajib diisi.')
  }
  return password
}

export async function createUser(
  db: Queryable,
  request: CreateUserRequest,
  settings: Pick<AccountSettings, 'loginHashParams'>,
): Promise<UserInfo> {
  const username = typeof request.username === 'string' ? request.username.trim().toLowerCase() : ''
  if (!USERNAME_PATTERN.test(username)) {
    throw failures.invalidRequest(
      'Nama pengguna wajib 3–40 huruf kecil, angka, titik, garis bawah atau tanda hubung.',
    )
  }
  const displayName = typeof request.displayName === 'string' ? request.displayName.trim() : ''
  if (displayName.length < 2 || displayName.length > 100) {
    throw failures.invalidRequest('Nama tampilan wajib 2–100 karakter.')
  }
  // PostgreSQL refuses `\u0000` in text, and the name becomes createdBy/updatedBy in documents.
  if (hasControlOrLoneSurrogate(displayName)) {
    throw failures.invalidRequest(
      'Nama tampilan tidak boleh berisi karakter kendali atau karakter yang tidak sah.',
    )
  }
  if (!ROLES.includes(request.role)) {
    throw failures.invalidRequest('Peran harus operator, verifier, supervisor atau admin.')
  }
  const password = checkNewPassword(request.password, username)
  const office = typeof request.officeId === 'string' ? await getOffice(db, request.officeId) : null
  if (!office) throw new ApiFailure(404, 'OFFICE_NOT_FOUND', 'Kantor tidak ditemukan.')
  if (request.role === 'admin' && office.kind !== 'central') {
    throw failures.invalidRequest('Peran admin hanya untuk pengguna kantor pusat (Distransnaker).')
  }
  // A verifier checks for exactly one agency: the one their office is.
  if ((request.role === 'verifier') !== (office.kind === 'agency' && office.agencyCode !== null)) {
    throw failures.invalidRequest(
      request.role === 'verifier'
        ? 'Peran verifier hanya untuk pengguna kantor dinas yang sudah ditetapkan instansinya.'
        : 'Pengguna kantor dinas berperan verifier.',
    )
  }
  const [passwordHash, verifier] = await Promise.all([
    loginHashOf(password, settings.loginHashParams),
    offlineVerifierOf(password),
  ])
  try {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (id, office_id, username, display_name, role, password_hash,
         verifier_salt, verifier_hash, verifier_memory_kib, verifier_iterations, verifier_parallelism)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${USER_COLUMNS}`,
      [
        randomUUID(),
        office.id,
        username,
        displayName,
        request.role,
        passwordHash,
        verifier.salt,
        verifier.hash,
        verifier.memoryKiB,
        verifier.iterations,
        verifier.parallelism,
      ],
    )
    return userInfoOf(rows[0] as UserRow)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiFailure(409, 'USERNAME_TAKEN', 'Nama pengguna itu sudah dipakai.')
    }
    throw error
  }
}

export async function listUsers(db: Queryable, officeId?: string): Promise<UserInfo[]> {
  const { rows } = officeId
    ? await db.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE office_id = $1 ORDER BY username`,
        [officeId],
      )
    : await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)
  return rows.map(userInfoOf)
}

/**
 * What a PC keeps to check passwords with no network (never the login hash): the active users of
 * the PC's own office — nobody else may sign in there, and a central admin's verifier stays on
 * central PCs. `withdrawn` names the office's deactivated users, so the PC drops theirs.
 */
export async function offlineUsersOf(
  db: Queryable,
  officeId: string,
): Promise<{ users: OfflineUserRecord[]; withdrawn: UserInfo[] }> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE office_id = $1 ORDER BY username`,
    [officeId],
  )
  return {
    users: rows.filter((row) => row.active).map(offlineRecordOf),
    withdrawn: rows.filter((row) => !row.active).map(userInfoOf),
  }
}

function offlineRecordOf(row: UserRow): OfflineUserRecord {
  return {
    user: userInfoOf(row),
    verifier: {
      algorithm: 'argon2id',
      salt: Buffer.from(row.verifier_salt).toString('base64'),
      memoryKiB: Number(row.verifier_memory_kib),
      iterations: Number(row.verifier_iterations),
      parallelism: Number(row.verifier_parallelism),
      hash: Buffer.from(row.verifier_hash).toString('base64'),
    },
  }
}

export async function createEnrolmentCode(
  db: Queryable,
  officeId: string,
  createdBy: string | null,
  ttlSeconds: number,
): Promise<EnrolmentCodeResponse> {
  const office = typeof officeId === 'string' ? await getOffice(db, officeId) : null
  if (!office) throw new ApiFailure(404, 'OFFICE_NOT_FOUND', 'Kantor tidak ditemukan.')
  const code = randomEnrolmentCode()
  const { rows } = await db.query<{ expires_at: unknown }>(
    `INSERT INTO enrolment_codes (code_hash, office_id, created_by, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING expires_at`,
    [sha256(normalizeEnrolmentCode(code)), office.id, createdBy, ttlSeconds],
  )
  return { code, expiresAt: toIso(rows[0]?.expires_at) }
}

const ENROLMENT_REFUSED = () =>
  new ApiFailure(
    400,
    'ENROLMENT_CODE_INVALID',
    'Kode pendaftaran perangkat salah, sudah dipakai, atau sudah kedaluwarsa. Minta kode baru kepada admin.',
  )

/**
 * Exchanges a one-time code for a device credential. The code works once, atomically. With a card
 * signing public key the device of a printing office (kecamatan, central) is certified in the
 * same step; any other office's PC is enrolled without a certificate. Everything sent is checked
 * before the code is claimed, so a refused request leaves the code usable.
 */
export async function enrolDevice(
  db: Database,
  request: { code: string; deviceName: string; cardSigningPublicKey?: unknown },
  cardSigning: CardSigningSettings,
): Promise<EnrolResponse> {
  const normalized = normalizeEnrolmentCode(request.code)
  if (!/^[A-Z0-9]{8}$/.test(normalized)) throw ENROLMENT_REFUSED()
  const cardPublicKey =
    request.cardSigningPublicKey === undefined || request.cardSigningPublicKey === null
      ? null
      : parseCardPublicKey(request.cardSigningPublicKey)
  const name = request.deviceName.trim()
  if (name.length < 1 || name.length > 100) {
    throw failures.invalidRequest('Nama perangkat wajib 1–100 karakter.')
  }
  if (hasControlOrLoneSurrogate(name)) {
    throw failures.invalidRequest(
      'Nama perangkat tidak boleh berisi karakter kendali atau karakter yang tidak sah.',
    )
  }
  const deviceId = randomUUID()
  const deviceSecret = randomToken(32)
  const enrolled = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ office_id: string }>(
      `UPDATE enrolment_codes SET used_at = now()
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING office_id`,
      [sha256(normalized)],
    )
    const row = rows[0]
    if (!row) throw ENROLMENT_REFUSED()
    const office = await getOffice(tx, row.office_id)
    if (!office) throw new Error('Enrolment code without office')
    // Only a PC of an office that prints gets a certificate (card-offices.ts): an agency PC is
    // enrolled all the same, without one — its verifiers check cards, they never sign them.
    const certifiedKey =
      cardPublicKey && CARD_PRINTING_OFFICE_KINDS.includes(office.kind) ? cardPublicKey : null
    // Issued inside the transaction: should it fail, the code is not spent.
    const cardKeys = certifiedKey ? cardKeysOf(office, certifiedKey, cardSigning) : null
    await tx.query(
      `INSERT INTO devices (id, office_id, name, secret_hash, card_public_key, card_certified_at)
       VALUES ($1, $2, $3, $4, $5::text, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END)`,
      [
        deviceId,
        office.id,
        name,
        sha256(deviceSecret),
        certifiedKey ? base64UrlOf(certifiedKey) : null,
      ],
    )
    await tx.query('UPDATE enrolment_codes SET device_id = $1 WHERE code_hash = $2', [
      deviceId,
      sha256(normalized),
    ])
    return { deviceId, deviceSecret, office, ...(cardKeys ? { cardKeys } : {}) }
  })
  if (enrolled.cardKeys) {
    await logSecurityEvent(db, {
      kind: 'card_certificate_issued',
      deviceId,
      officeId: enrolled.office.id,
      detail: {
        officeCode: enrolled.office.code,
        expiresOn: enrolled.cardKeys.expiresOn,
        at: 'enrol',
      },
    })
  }
  return enrolled
}

// ---------------------------------------------------------------------------------------------
// Card signing: the district certifies an office PC's own Ed25519 key (shared/cards/card-token.ts)

const DAY_MS = 86_400_000
/** Certificates carry days as u16 since 1970-01-01: nothing after this day can be written. */
const LAST_CERTIFICATE_DAY = new Date(0xffff * DAY_MS).toISOString().slice(0, 10)
/**
 * Long enough for a PC that stays offline for months to keep printing; the price is that a stolen
 * PC's certificate stays valid that long (docs/security.md, "Card signing keys").
 */
export const CARD_CERTIFICATE_YEARS = 2

export function cardCertificateDatesOf(now: Date): { issuedOn: string; expiresOn: string } {
  const issuedOn = now.toISOString().slice(0, 10)
  const expiresOn = new Date(
    Date.UTC(now.getUTCFullYear() + CARD_CERTIFICATE_YEARS, now.getUTCMonth(), now.getUTCDate()),
  )
    .toISOString()
    .slice(0, 10)
  return {
    issuedOn,
    expiresOn: expiresOn < LAST_CERTIFICATE_DAY ? expiresOn : LAST_CERTIFICATE_DAY,
  }
}

const CARD_KEY_REFUSED = () =>
  new ApiFailure(
    400,
    'CARD_KEY_INVALID',
    'Kunci tanda tangan kartu dari perangkat ini tidak sah. Perbarui aplikasi lalu coba lagi.',
  )

/**
 * A PC's card signing public key as sent: canonical unpadded base64url of an Ed25519 point. A
 * point of small order is refused too: signatures under it can be made without any secret key,
 * so a certificate for it would let anyone print "genuine" cards.
 */
export function parseCardPublicKey(value: unknown): Uint8Array {
  const bytes = typeof value === 'string' ? bytesOfBase64Url(value, 100) : null
  if (
    !isEd25519PublicKey(bytes) ||
    base64UrlOf(bytes) !== value ||
    ed25519.Point.fromBytes(bytes).isSmallOrder()
  ) {
    throw CARD_KEY_REFUSED()
  }
  return bytes
}

function cardKeysOf(
  office: OfficeInfo,
  devicePublicKey: Uint8Array,
  settings: CardSigningSettings,
  now = currentTime(),
): CardKeysResponse {
  const dates = cardCertificateDatesOf(now)
  const certificate = issueDeviceCertificate(settings.districtSecretKey, {
    devicePublicKey,
    officeCode: office.code,
    ...dates,
  })
  return {
    certificate: base64UrlOf(certificate),
    districtPublicKeys: [...settings.districtPublicKeys],
    expiresOn: dates.expiresOn,
  }
}

/**
 * Certifies the caller's PC to sign cards for the PC's office. Stateless: a new request gets a
 * new certificate and nothing earlier is withdrawn; the device row only remembers the latest key
 * for the admin screen. Admin accounts print nothing, so they get no certificate.
 */
export async function certifyCardKey(
  db: Queryable,
  caller: Caller,
  rawPublicKey: unknown,
  settings: CardSigningSettings,
): Promise<CardKeysResponse> {
  if (caller.role === 'admin') {
    throw new ApiFailure(
      403,
      'FORBIDDEN_ROLE',
      'Akun admin tidak mencetak kartu. Masuk sebagai operator atau supervisor kantor ini untuk menyiapkan pencetakan kartu di perangkat ini.',
    )
  }
  const publicKey = parseCardPublicKey(rawPublicKey)
  const cardKeys = cardKeysOf(caller.deviceOffice, publicKey, settings)
  // Revoked since the caller was loaded: no certificate leaves the server.
  const { rows } = await db.query<{ id: string }>(
    `UPDATE devices SET card_public_key = $2, card_certified_at = now()
     WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
    [caller.deviceId, base64UrlOf(publicKey)],
  )
  if (!rows[0]) throw failures.deviceRevoked()
  await logSecurityEvent(db, {
    kind: 'card_certificate_issued',
    userId: caller.userId,
    deviceId: caller.deviceId,
    officeId: caller.deviceOffice.id,
    detail: { officeCode: caller.deviceOffice.code, expiresOn: cardKeys.expiresOn },
  })
  return cardKeys
}

export async function listDevices(db: Queryable, officeId?: string): Promise<DeviceInfo[]> {
  const { rows } = officeId
    ? await db.query<DeviceRow>(
        `SELECT ${DEVICE_COLUMNS} FROM devices WHERE office_id = $1 ORDER BY enrolled_at`,
        [officeId],
      )
    : await db.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY enrolled_at`)
  return rows.map(deviceInfoOf)
}

export async function revokeDevice(db: Database, deviceId: string): Promise<DeviceInfo> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<DeviceRow>(
      `UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1
       RETURNING ${DEVICE_COLUMNS}`,
      [deviceId],
    )
    const row = rows[0]
    if (!row) throw new ApiFailure(404, 'DEVICE_NOT_FOUND', 'Perangkat tidak ditemukan.')
    await tx.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL',
      [deviceId],
    )
    return deviceInfoOf(row)
  })
}

const CREDENTIALS_REFUSED = () =>
  new ApiFailure(401, 'INVALID_CREDENTIALS', 'Nama pengguna atau kata sandi salah.')
const DEVICE_UNKNOWN = () =>
  new ApiFailure(
    401,
    'DEVICE_UNKNOWN',
    'Perangkat ini tidak dikenal server. Daftarkan perangkat dengan kode dari admin.',
  )

/** A device credential, checked in constant time. Revoked devices are refused with 403. */
export async function checkDevice(
  db: Queryable,
  deviceId: string,
  deviceSecret: string,
): Promise<DeviceRow> {
  const { rows } = await db.query<DeviceRow>(
    `SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`,
    [deviceId],
  )
  const device = rows[0]
  if (!device || !sameBytes(Buffer.from(device.secret_hash), sha256(deviceSecret))) {
    throw DEVICE_UNKNOWN()
  }
  if (device.revoked_at !== null) throw failures.deviceRevoked()
  return device
}

// Checked against when the username is unknown, so both paths cost one argon2 verification.
let dummyHash: Promise<string> | null = null

async function issueSession(
  db: Queryable,
  user: UserRow,
  office: OfficeInfo,
  deviceId: string,
  familyId: string,
  settings: AccountSettings,
): Promise<SessionResponse> {
  const expiresAtSeconds = Math.floor(currentTimeMs() / 1000) + settings.accessTokenTtlSeconds
  // `fam` ties the access token to its refresh family: ending the family (logout, deactivation,
  // password reset, reuse) ends the access token too, not 15 minutes later.
  const accessToken = signAccessToken(
    {
      sub: user.id,
      dev: deviceId,
      off: office.id,
      role: user.role,
      exp: expiresAtSeconds,
      fam: familyId,
    },
    settings.tokenKey,
  )
  const refreshToken = randomToken(32)
  await db.query(
    `INSERT INTO refresh_tokens (token_hash, family_id, user_id, device_id, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [sha256(refreshToken), familyId, user.id, deviceId, settings.refreshTokenTtlSeconds],
  )
  return {
    accessToken,
    accessTokenExpiresAt: new Date(expiresAtSeconds * 1000).toISOString(),
    refreshToken,
    user: userInfoOf(user),
    office,
  }
}

// ---------------------------------------------------------------------------------------------
// Login lock: repeated wrong passwords lock the account and the PC, for longer each time.

/**
 * An account is locked after 5 wrong passwords in a row (within a day), a PC after 20 (a shared
 * PC where clerks mistype now and then must not lock, a script trying many names must). The lock
 * lasts 1 minute, then doubles with each further failure up to an hour; while it lasts, logins are
 * refused without even checking the password, so guessing stays at a few tries an hour. A right
 * password clears both counts; an admin can clear them (unlock).
 */
export const LOGIN_LOCK_POLICY = {
  accountFailures: 5,
  deviceFailures: 20,
  firstLockSeconds: 60,
  maxLockSeconds: 3600,
  /** Failures older than this are forgotten: the next one counts from 1. */
  forgetAfterSeconds: 24 * 3600,
} as const

const accountLockKey = (username: string) => `user:${username.trim().toLowerCase()}`
const deviceLockKey = (deviceId: string) => `device:${deviceId}`

export function lockSecondsAfter(failures: number, threshold: number): number {
  if (failures < threshold) return 0
  const doublings = Math.min(failures - threshold, 20)
  return Math.min(
    LOGIN_LOCK_POLICY.maxLockSeconds,
    LOGIN_LOCK_POLICY.firstLockSeconds * 2 ** doublings,
  )
}

function loginLocked(kind: 'account' | 'device', retryAfterSeconds: number): ApiFailure {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  return new ApiFailure(
    423,
    'LOGIN_LOCKED',
    kind === 'account'
      ? `Akun ini dikunci sementara karena kata sandi salah berkali-kali. Coba lagi dalam ${minutes} menit, atau minta admin membuka kuncinya.`
      : `Perangkat ini dikunci sementara karena terlalu banyak percobaan masuk yang salah. Coba lagi dalam ${minutes} menit, atau minta admin membuka kuncinya.`,
    { 'Retry-After': String(retryAfterSeconds) },
  )
}

/** Refuses (423) when the account or the PC is locked now. */
async function refuseIfLocked(
  db: Queryable,
  keys: string[],
  log: { ip: string | null; username: string | null; deviceId: string | null },
): Promise<void> {
  const now = currentTime()
  const { rows } = await db.query<{ key: string; locked_until: unknown }>(
    `SELECT key, locked_until FROM login_failures
     WHERE key = ANY($1::text[]) AND locked_until > $2::timestamptz
     ORDER BY locked_until DESC LIMIT 1`,
    [keys, now.toISOString()],
  )
  const row = rows[0]
  if (!row) return
  const untilMs = Date.parse(toIso(row.locked_until))
  const retryAfterSeconds = Math.max(1, Math.ceil((untilMs - now.getTime()) / 1000))
  const kind = row.key.startsWith('device:') ? 'device' : 'account'
  await logSecurityEvent(db, {
    kind: 'login_refused_locked',
    username: log.username,
    deviceId: log.deviceId,
    ip: log.ip,
    detail: { lock: kind, retryAfterSeconds },
  })
  throw loginLocked(kind, retryAfterSeconds)
}

/** Counts one wrong password against the account and the PC; locks either when it is due. */
async function recordLoginFailure(
  db: Queryable,
  username: string,
  deviceId: string,
  log: { ip: string | null; userId: string | null },
): Promise<void> {
  const now = currentTime()
  const counted: [string, number][] = [
    [accountLockKey(username), LOGIN_LOCK_POLICY.accountFailures],
    [deviceLockKey(deviceId), LOGIN_LOCK_POLICY.deviceFailures],
  ]
  for (const [key, threshold] of counted) {
    const { rows } = await db.query<{ failures: number }>(
      `INSERT INTO login_failures (key, failures, last_failure_at) VALUES ($1, 1, $2::timestamptz)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE
           WHEN login_failures.last_failure_at < $2::timestamptz - make_interval(secs => $3)
           THEN 1 ELSE login_failures.failures + 1 END,
         last_failure_at = $2::timestamptz
       RETURNING failures`,
      [key, now.toISOString(), LOGIN_LOCK_POLICY.forgetAfterSeconds],
    )
    const failures = Number(rows[0]?.failures ?? 0)
    const lockSeconds = lockSecondsAfter(failures, threshold)
    if (lockSeconds === 0) continue
    await db.query(
      `UPDATE login_failures SET locked_until = $2::timestamptz + make_interval(secs => $3)
       WHERE key = $1`,
      [key, now.toISOString(), lockSeconds],
    )
    await logSecurityEvent(db, {
      kind: 'login_locked',
      userId: log.userId,
      username: key.startsWith('user:') ? key.slice(5) : null,
      deviceId,
      ip: log.ip,
      detail: { lock: key.startsWith('user:') ? 'account' : 'device', failures, lockSeconds },
    })
  }
}

async function clearLoginFailures(db: Queryable, keys: string[]): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE key = ANY($1::text[])', [keys])
}

/**
 * Login needs an enrolled, non-revoked device of the user's own office (checked by the caller
 * with `checkDevice`, so the rate limit can be the device's own); admins of the central office may
 * log in from any enrolled device (to help an office on site). A locked account or PC is refused
 * before the password is looked at; a wrong password counts towards the lock.
 */
export async function login(
  db: Database,
  device: DeviceRow,
  request: { username: string; password: string },
  settings: AccountSettings,
  log: { ip: string | null } = { ip: null },
): Promise<SessionResponse> {
  const username = request.username.trim().toLowerCase()
  await refuseIfLocked(db, [accountLockKey(username), deviceLockKey(device.id)], {
    ip: log.ip,
    username,
    deviceId: device.id,
  })
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE username = $1`,
    [username],
  )
  const user = rows[0]
  let isRight: boolean
  if (!user) {
    dummyHash ??= loginHashOf('not-a-real-password', settings.loginHashParams)
    await verifyLoginHash(await dummyHash, request.password)
    isRight = false
  } else {
    isRight = await verifyLoginHash(user.password_hash, request.password)
  }
  if (!isRight) {
    // Unknown names count too: a lock must not tell which accounts exist.
    await recordLoginFailure(db, username, device.id, { ip: log.ip, userId: user?.id ?? null })
    await logSecurityEvent(db, {
      kind: 'login_failed',
      userId: user?.id ?? null,
      username,
      deviceId: device.id,
      officeId: device.office_id,
      ip: log.ip,
      detail: { reason: user ? 'WRONG_PASSWORD' : 'UNKNOWN_USER' },
    })
    throw CREDENTIALS_REFUSED()
  }
  const found = user as UserRow
  await clearLoginFailures(db, [accountLockKey(username), deviceLockKey(device.id)])
  if (!found.active) throw failures.userInactive()
  const office = await getOffice(db, found.office_id)
  if (!office) throw new Error('User without office')
  const isCentralAdmin = found.role === 'admin' && office.kind === 'central'
  if (device.office_id !== found.office_id && !isCentralAdmin) {
    throw new ApiFailure(
      403,
      'WRONG_OFFICE',
      'Pengguna ini bukan dari kantor tempat perangkat ini terdaftar.',
    )
  }
  return issueSession(db, found, office, device.id, randomUUID(), settings)
}

const REFRESH_REFUSED = () =>
  new ApiFailure(401, 'REFRESH_TOKEN_INVALID', 'Sesi sudah berakhir. Silakan masuk kembali.')

/**
 * Rotates a refresh token. A token used twice means it leaked (or a response was lost): the whole
 * family is revoked and the user logs in again, which is the safe side of the trade.
 */
export async function refreshSession(
  db: Database,
  device: DeviceRow,
  request: { refreshToken: string },
  settings: AccountSettings,
  log: { ip: string | null } = { ip: null },
): Promise<SessionResponse> {
  const deviceId = device.id
  const outcome = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      family_id: string
      user_id: string
      device_id: string
      used_at: unknown
      revoked_at: unknown
      is_expired: boolean
    }>(
      `SELECT family_id, user_id, device_id, used_at, revoked_at, expires_at <= now() AS is_expired
       FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [sha256(request.refreshToken)],
    )
    const token = rows[0]
    if (!token || token.device_id !== deviceId) return { ok: false as const, reason: 'UNKNOWN' }
    if (token.used_at !== null) {
      await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1', [
        token.family_id,
      ])
      return { ok: false as const, reason: 'REUSED', userId: token.user_id }
    }
    // A deactivated user is told so, not sent to a login that would refuse them anyway.
    const owner = await tx.query<{ active: boolean }>('SELECT active FROM users WHERE id = $1', [
      token.user_id,
    ])
    if (owner.rows[0] && !owner.rows[0].active) throw failures.userInactive()
    if (token.revoked_at !== null || token.is_expired) {
      return { ok: false as const, reason: token.revoked_at !== null ? 'ENDED' : 'EXPIRED' }
    }
    await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [
      sha256(request.refreshToken),
    ])
    const users = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [
      token.user_id,
    ])
    const user = users.rows[0]
    if (!user) return { ok: false as const, reason: 'UNKNOWN' }
    if (!user.active) throw failures.userInactive()
    const office = await getOffice(tx, user.office_id)
    if (!office) return { ok: false as const, reason: 'UNKNOWN' }
    return {
      ok: true as const,
      session: await issueSession(tx, user, office, deviceId, token.family_id, settings),
    }
  })
  if (!outcome.ok) {
    // A used token presented again means it leaked (or an answer was lost): worth an admin's look.
    if (outcome.reason === 'REUSED' || outcome.reason === 'UNKNOWN') {
      await logSecurityEvent(db, {
        kind: 'refresh_refused',
        userId: outcome.reason === 'REUSED' ? outcome.userId : null,
        deviceId,
        officeId: device.office_id,
        ip: log.ip,
        detail: { reason: outcome.reason },
      })
    }
    throw REFRESH_REFUSED()
  }
  return outcome.session
}

export interface Caller {
  userId: string
  deviceId: string
  role: Role
  office: OfficeInfo
  /** The device's own office (differs from `office` for a central admin on an office PC). */
  deviceOfficeId: string
  /** That office itself: a kecamatan device limits participant sync to its kecamatan. */
  deviceOffice: OfficeInfo
  /** The session (refresh family) the access token belongs to: logout ends it. */
  familyId?: string
}

export const SESSION_ENDED = () =>
  new ApiFailure(401, 'SESSION_ENDED', 'Sesi ini sudah diakhiri. Silakan masuk kembali.')

/**
 * The live checks behind every authenticated call, after the token's signature and expiry:
 * the device is not revoked and the user is still active. One indexed query.
 */
export async function loadCaller(
  db: Queryable,
  claims: { sub: string; dev: string; off: string; fam?: unknown },
): Promise<Caller> {
  // Tokens from before sessions were named carry no family: the app refreshes (≤ 15 minutes old).
  if (typeof claims.fam !== 'string' || claims.fam === '') throw failures.tokenExpired()
  const { rows } = await db.query<
    OfficeRow & {
      user_id: string
      role: Role
      active: boolean
      device_office_id: string
      revoked_at: unknown
      device_office: OfficeRow
      family_ended: boolean
    }
  >(
    `SELECT u.id AS user_id, u.role, u.active, d.office_id AS device_office_id, d.revoked_at,
            o.id, o.code, o.name, o.kind, o.kecamatan_code, o.office_number, o.agency_code,
            json_build_object('id', dof.id, 'code', dof.code, 'name', dof.name, 'kind', dof.kind,
              'kecamatan_code', dof.kecamatan_code, 'office_number', dof.office_number,
              'agency_code', dof.agency_code
            ) AS device_office,
            EXISTS (SELECT 1 FROM refresh_tokens rt
                    WHERE rt.family_id = $3 AND rt.revoked_at IS NOT NULL) AS family_ended
     FROM users u
     JOIN offices o ON o.id = u.office_id
     JOIN devices d ON d.id = $2
     JOIN offices dof ON dof.id = d.office_id
     WHERE u.id = $1`,
    [claims.sub, claims.dev, claims.fam],
  )
  const row = rows[0]
  if (!row || row.id !== claims.off) throw failures.tokenInvalid()
  if (row.revoked_at !== null) throw failures.deviceRevoked()
  if (!row.active) throw failures.userInactive()
  if (row.family_ended) throw SESSION_ENDED()
  // Seen-at is for the admin screen only: one write a minute per device is plenty.
  await db.query(
    `UPDATE devices SET last_seen_at = now()
     WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
    [claims.dev],
  )
  return {
    userId: row.user_id,
    deviceId: claims.dev,
    role: row.role,
    office: officeInfoOf(row),
    deviceOfficeId: row.device_office_id,
    deviceOffice: officeInfoOf(row.device_office),
    familyId: claims.fam,
  }
}

// ---------------------------------------------------------------------------------------------
// Account lifecycle: deactivate, reactivate, reset or change a password, log out, unlock.

interface AdminUserRow extends UserRow {
  failures: number | null
  locked_until: unknown
}

function adminUserInfoOf(row: AdminUserRow, now: Date): AdminUserInfo {
  const lockedUntil = toIsoOrNull(row.locked_until)
  return {
    ...userInfoOf(row),
    deactivatedAt: toIsoOrNull(row.deactivated_at),
    failedLogins: Number(row.failures ?? 0),
    lockedUntil:
      lockedUntil !== null && Date.parse(lockedUntil) > now.getTime() ? lockedUntil : null,
  }
}

const ADMIN_USER_SELECT = `SELECT ${USER_COLUMNS.split(',')
  .map((column) => `u.${column.trim()}`)
  .join(', ')}, lf.failures, lf.locked_until
  FROM users u LEFT JOIN login_failures lf ON lf.key = 'user:' || u.username`

/** The admin screen's list: each user with their deactivation and login lock. */
export async function listUsersForAdmin(
  db: Queryable,
  officeId?: string,
): Promise<AdminUserInfo[]> {
  const { rows } = officeId
    ? await db.query<AdminUserRow>(
        `${ADMIN_USER_SELECT} WHERE u.office_id = $1 ORDER BY u.username`,
        [officeId],
      )
    : await db.query<AdminUserRow>(`${ADMIN_USER_SELECT} ORDER BY u.username`)
  const now = currentTime()
  return rows.map((row) => adminUserInfoOf(row, now))
}

async function adminUser(db: Queryable, userId: string): Promise<AdminUserInfo> {
  const { rows } = await db.query<AdminUserRow>(`${ADMIN_USER_SELECT} WHERE u.id = $1`, [userId])
  const row = rows[0]
  if (!row) throw new ApiFailure(404, 'USER_NOT_FOUND', 'Pengguna tidak ditemukan.')
  return adminUserInfoOf(row, currentTime())
}

/** Ends every session of a user: refresh tokens die, and with them the access tokens (`fam`). */
async function endSessionsOf(
  db: Queryable,
  userId: string,
  exceptFamilyId?: string,
): Promise<void> {
  await db.query(
    `UPDATE refresh_tokens SET revoked_at = now()
     WHERE user_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR family_id <> $2::text)`,
    [userId, exceptFamilyId ?? null],
  )
}

export interface AdminAction {
  caller: Caller
  ip: string | null
}

/** The security log line of an admin's action on an account or a PC: who did it, from where. */
function logAdminAction(
  db: Queryable,
  kind: Parameters<typeof logSecurityEvent>[1]['kind'],
  action: AdminAction,
  detail: Record<string, string>,
): Promise<void> {
  return logSecurityEvent(db, {
    kind,
    userId: action.caller.userId,
    deviceId: action.caller.deviceId,
    officeId: action.caller.office.id,
    ip: action.ip,
    detail,
  })
}

/**
 * Deactivates a user: every session ends at once (refresh and access tokens), logins are refused,
 * and the next `GET /api/office-users` of each PC of the office lists them as withdrawn, so the PC
 * refuses them offline too. Their records and audit entries stay theirs. An admin cannot
 * deactivate themselves (nobody might be left to undo it).
 */
export async function deactivateUser(
  db: Database,
  userId: string,
  action: AdminAction,
): Promise<AdminUserInfo> {
  if (userId === action.caller.userId) {
    throw new ApiFailure(
      400,
      'CANNOT_DEACTIVATE_SELF',
      'Anda tidak dapat menonaktifkan akun Anda sendiri. Minta admin lain melakukannya.',
    )
  }
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `UPDATE users SET active = false, deactivated_at = COALESCE(deactivated_at, now())
       WHERE id = $1 RETURNING id`,
      [userId],
    )
    if (!rows[0]) throw new ApiFailure(404, 'USER_NOT_FOUND', 'Pengguna tidak ditemukan.')
    await endSessionsOf(tx, userId)
  })
  const user = await adminUser(db, userId)
  await logAdminAction(db, 'user_deactivated', action, {
    targetUserId: user.id,
    targetUsername: user.username,
  })
  return user
}

export async function reactivateUser(
  db: Database,
  userId: string,
  action: AdminAction,
): Promise<AdminUserInfo> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE users SET active = true, deactivated_at = NULL WHERE id = $1 RETURNING id',
    [userId],
  )
  if (!rows[0]) throw new ApiFailure(404, 'USER_NOT_FOUND', 'Pengguna tidak ditemukan.')
  const user = await adminUser(db, userId)
  await logAdminAction(db, 'user_reactivated', action, {
    targetUserId: user.id,
    targetUsername: user.username,
  })
  return user
}

async function storePassword(
  db: Queryable,
  userId: string,
  password: string,
  settings: Pick<AccountSettings, 'loginHashParams'>,
): Promise<void> {
  const [passwordHash, verifier] = await Promise.all([
    loginHashOf(password, settings.loginHashParams),
    offlineVerifierOf(password),
  ])
  await db.query(
    `UPDATE users SET password_hash = $2, verifier_salt = $3, verifier_hash = $4,
       verifier_memory_kib = $5, verifier_iterations = $6, verifier_parallelism = $7,
       password_changed_at = now()
     WHERE id = $1`,
    [
      userId,
      passwordHash,
      verifier.salt,
      verifier.hash,
      verifier.memoryKiB,
      verifier.iterations,
      verifier.parallelism,
    ],
  )
}

/**
 * An admin sets a new password (the user forgot theirs, or it leaked): every session of the user
 * ends, the login lock is cleared, and the PCs get the new offline verifier at their next sync.
 */
export async function resetPassword(
  db: Database,
  userId: string,
  newPassword: unknown,
  settings: Pick<AccountSettings, 'loginHashParams'>,
  action: AdminAction,
): Promise<AdminUserInfo> {
  const target = await adminUser(db, userId)
  const password = checkNewPassword(newPassword, target.username)
  await db.transaction(async (tx) => {
    await storePassword(tx, userId, password, settings)
    await endSessionsOf(tx, userId)
    await clearLoginFailures(tx, [accountLockKey(target.username)])
  })
  await logAdminAction(db, 'password_reset', action, {
    targetUserId: target.id,
    targetUsername: target.username,
  })
  return adminUser(db, userId)
}

/**
 * The signed-in user changes their own password, giving the current one (a PC left signed in
 * must not be enough). A wrong current password counts towards the login lock. The user's other
 * sessions end; this one goes on.
 */
export async function changeOwnPassword(
  db: Database,
  caller: Caller,
  request: { currentPassword: string; newPassword: unknown },
  settings: Pick<AccountSettings, 'loginHashParams'>,
  log: { ip: string | null },
): Promise<ChangePasswordResponse> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [
    caller.userId,
  ])
  const user = rows[0]
  if (!user) throw failures.tokenInvalid()
  const keys = [accountLockKey(user.username), deviceLockKey(caller.deviceId)]
  await refuseIfLocked(db, keys, { ip: log.ip, username: user.username, deviceId: caller.deviceId })
  if (!(await verifyLoginHash(user.password_hash, request.currentPassword))) {
    await recordLoginFailure(db, user.username, caller.deviceId, { ip: log.ip, userId: user.id })
    await logSecurityEvent(db, {
      kind: 'login_failed',
      userId: user.id,
      username: user.username,
      deviceId: caller.deviceId,
      officeId: caller.office.id,
      ip: log.ip,
      detail: { reason: 'WRONG_CURRENT_PASSWORD' },
    })
    throw new ApiFailure(400, 'CURRENT_PASSWORD_WRONG', 'Kata sandi lama salah.')
  }
  const password = checkNewPassword(request.newPassword, user.username)
  if (password === request.currentPassword) {
    throw new ApiFailure(
      400,
      'PASSWORD_REFUSED',
      'Kata sandi baru harus berbeda dari kata sandi lama.',
    )
  }
  await db.transaction(async (tx) => {
    await storePassword(tx, user.id, password, settings)
    await endSessionsOf(tx, user.id, caller.familyId)
    await clearLoginFailures(tx, keys)
  })
  await logSecurityEvent(db, {
    kind: 'password_changed',
    userId: user.id,
    username: user.username,
    deviceId: caller.deviceId,
    officeId: caller.office.id,
    ip: log.ip,
  })
  return { user: userInfoOf(user) }
}

/** "Keluar": the session's refresh family ends, and with it the access token that asked. */
export async function logout(
  db: Queryable,
  caller: Caller,
  log: { ip: string | null },
): Promise<{ ended: true }> {
  if (caller.familyId) {
    await db.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [caller.familyId],
    )
  }
  await logSecurityEvent(db, {
    kind: 'session_ended',
    userId: caller.userId,
    deviceId: caller.deviceId,
    officeId: caller.office.id,
    ip: log.ip,
  })
  return { ended: true }
}

/** Clears an account's login lock (admin). */
export async function unlockUser(
  db: Queryable,
  userId: string,
  action: AdminAction,
): Promise<AdminUserInfo> {
  const target = await adminUser(db, userId)
  await clearLoginFailures(db, [accountLockKey(target.username)])
  await logAdminAction(db, 'login_unlocked', action, {
    targetUserId: target.id,
    targetUsername: target.username,
  })
  return adminUser(db, userId)
}

/** Clears a PC's login lock (admin). */
export async function unlockDevice(
  db: Queryable,
  deviceId: string,
  action: AdminAction,
): Promise<DeviceInfo> {
  const { rows } = await db.query<DeviceRow>(
    `SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`,
    [deviceId],
  )
  const row = rows[0]
  if (!row) throw new ApiFailure(404, 'DEVICE_NOT_FOUND', 'Perangkat tidak ditemukan.')
  await clearLoginFailures(db, [deviceLockKey(deviceId)])
  await logAdminAction(db, 'login_unlocked', action, { targetDeviceId: deviceId })
  return deviceInfoOf(row)
}
