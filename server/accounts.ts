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
import type { District } from '../shared/district/district-config'
import type {
  CardKeysResponse,
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
import { loginHashOf, offlineVerifierOf, verifyLoginHash, type LoginHashParams } from './passwords'
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
  password_hash: string
  verifier_salt: Uint8Array
  verifier_hash: Uint8Array
  verifier_memory_kib: number
  verifier_iterations: number
  verifier_parallelism: number
}

interface DeviceRow {
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
const USER_COLUMNS = `id, office_id, username, display_name, role, active, password_hash,
  verifier_salt, verifier_hash, verifier_memory_kib, verifier_iterations, verifier_parallelism`
const DEVICE_COLUMNS = `id, office_id, name, secret_hash, enrolled_at, revoked_at, last_seen_at,
  card_public_key, card_certified_at`

export const CENTRAL_OFFICE_CODE = 'PUSAT'

const OFFICE_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,7}$/
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/
const MIN_PASSWORD_LENGTH = 8
const MAX_PASSWORD_LENGTH = 200

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

function checkPassword(password: unknown): string {
  if (
    typeof password !== 'string' ||
    password.length < MIN_PASSWORD_LENGTH ||
    password.length > MAX_PASSWORD_LENGTH
  ) {
    throw failures.invalidRequest(
      `Kata sandi wajib ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} karakter.`,
    )
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
  const password = checkPassword(request.password)
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

/** What an office's PCs keep to check passwords with no network (never the login hash). */
export async function offlineUsersOf(
  db: Queryable,
  officeId: string,
): Promise<OfflineUserRecord[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE office_id = $1 ORDER BY username`,
    [officeId],
  )
  return rows.map((row) => ({
    user: userInfoOf(row),
    verifier: {
      algorithm: 'argon2id',
      salt: Buffer.from(row.verifier_salt).toString('base64'),
      memoryKiB: Number(row.verifier_memory_kib),
      iterations: Number(row.verifier_iterations),
      parallelism: Number(row.verifier_parallelism),
      hash: Buffer.from(row.verifier_hash).toString('base64'),
    },
  }))
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
 * signing public key the device is certified in the same step; everything sent is checked before
 * the code is claimed, so a refused request leaves the code usable.
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
  return db.transaction(async (tx) => {
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
    // Issued inside the transaction: should it fail, the code is not spent.
    const cardKeys = cardPublicKey ? cardKeysOf(office, cardPublicKey, cardSigning) : null
    await tx.query(
      `INSERT INTO devices (id, office_id, name, secret_hash, card_public_key, card_certified_at)
       VALUES ($1, $2, $3, $4, $5::text, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END)`,
      [
        deviceId,
        office.id,
        name,
        sha256(deviceSecret),
        cardPublicKey ? base64UrlOf(cardPublicKey) : null,
      ],
    )
    await tx.query('UPDATE enrolment_codes SET device_id = $1 WHERE code_hash = $2', [
      deviceId,
      sha256(normalized),
    ])
    return { deviceId, deviceSecret, office, ...(cardKeys ? { cardKeys } : {}) }
  })
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
async function checkDevice(
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
  const accessToken = signAccessToken(
    { sub: user.id, dev: deviceId, off: office.id, role: user.role, exp: expiresAtSeconds },
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

/**
 * Login needs an enrolled, non-revoked device of the user's own office; admins of the central
 * office may log in from any enrolled device (to help an office on site).
 */
export async function login(
  db: Database,
  request: { deviceId: string; deviceSecret: string; username: string; password: string },
  settings: AccountSettings,
): Promise<SessionResponse> {
  const device = await checkDevice(db, request.deviceId, request.deviceSecret)
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE username = $1`,
    [request.username.trim().toLowerCase()],
  )
  const user = rows[0]
  if (!user) {
    dummyHash ??= loginHashOf('not-a-real-password', settings.loginHashParams)
    await verifyLoginHash(await dummyHash, request.password)
    throw CREDENTIALS_REFUSED()
  }
  if (!(await verifyLoginHash(user.password_hash, request.password))) throw CREDENTIALS_REFUSED()
  if (!user.active) throw failures.userInactive()
  const office = await getOffice(db, user.office_id)
  if (!office) throw new Error('User without office')
  const isCentralAdmin = user.role === 'admin' && office.kind === 'central'
  if (device.office_id !== user.office_id && !isCentralAdmin) {
    throw new ApiFailure(
      403,
      'WRONG_OFFICE',
      'Pengguna ini bukan dari kantor tempat perangkat ini terdaftar.',
    )
  }
  return issueSession(db, user, office, device.id, randomUUID(), settings)
}

const REFRESH_REFUSED = () =>
  new ApiFailure(401, 'REFRESH_TOKEN_INVALID', 'Sesi sudah berakhir. Silakan masuk kembali.')

/**
 * Rotates a refresh token. A token used twice means it leaked (or a response was lost): the whole
 * family is revoked and the user logs in again, which is the safe side of the trade.
 */
export async function refreshSession(
  db: Database,
  request: { deviceId: string; deviceSecret: string; refreshToken: string },
  settings: AccountSettings,
): Promise<SessionResponse> {
  await checkDevice(db, request.deviceId, request.deviceSecret)
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
    if (!token || token.device_id !== request.deviceId) return { ok: false as const }
    if (token.used_at !== null) {
      await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1', [
        token.family_id,
      ])
      return { ok: false as const }
    }
    if (token.revoked_at !== null || token.is_expired) return { ok: false as const }
    await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [
      sha256(request.refreshToken),
    ])
    const users = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [
      token.user_id,
    ])
    const user = users.rows[0]
    if (!user) return { ok: false as const }
    if (!user.active) throw failures.userInactive()
    const office = await getOffice(tx, user.office_id)
    if (!office) return { ok: false as const }
    return {
      ok: true as const,
      session: await issueSession(tx, user, office, request.deviceId, token.family_id, settings),
    }
  })
  if (!outcome.ok) throw REFRESH_REFUSED()
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
}

/**
 * The live checks behind every authenticated call, after the token's signature and expiry:
 * the device is not revoked and the user is still active. One indexed query.
 */
export async function loadCaller(
  db: Queryable,
  claims: { sub: string; dev: string; off: string },
): Promise<Caller> {
  const { rows } = await db.query<
    OfficeRow & {
      user_id: string
      role: Role
      active: boolean
      device_office_id: string
      revoked_at: unknown
      device_office: OfficeRow
    }
  >(
    `SELECT u.id AS user_id, u.role, u.active, d.office_id AS device_office_id, d.revoked_at,
            o.id, o.code, o.name, o.kind, o.kecamatan_code, o.office_number, o.agency_code,
            json_build_object('id', dof.id, 'code', dof.code, 'name', dof.name, 'kind', dof.kind,
              'kecamatan_code', dof.kecamatan_code, 'office_number', dof.office_number,
              'agency_code', dof.agency_code
            ) AS device_office
     FROM users u
     JOIN offices o ON o.id = u.office_id
     JOIN devices d ON d.id = $2
     JOIN offices dof ON dof.id = d.office_id
     WHERE u.id = $1`,
    [claims.sub, claims.dev],
  )
  const row = rows[0]
  if (!row || row.id !== claims.off) throw failures.tokenInvalid()
  if (row.revoked_at !== null) throw failures.deviceRevoked()
  if (!row.active) throw failures.userInactive()
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
  }
}
