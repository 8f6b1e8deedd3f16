/** Devices: enrolment codes, enrolling a PC, its card-signing certificate, revoking it. */
import { randomUUID } from 'node:crypto'
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  base64UrlOf,
  bytesOfBase64Url,
  issueDeviceCertificate,
  isEd25519PublicKey,
} from '../shared/cards/card-token'
import { CARD_PRINTING_OFFICE_KINDS } from '../shared/cards/card-offices'
import type {
  CardKeysResponse,
  DeviceInfo,
  EnrolmentCodeResponse,
  EnrolResponse,
  OfficeInfo,
} from '../shared/sync/sync-protocol'
import { hasControlOrLoneSurrogate } from '../shared/participant/participant-validation'
import {
  normalizeEnrolmentCode,
  randomEnrolmentCode,
  randomToken,
  sameBytes,
  sha256,
} from './crypto'
import type { Database, Queryable } from './database'
import { ApiFailure, failures } from './http-kit'
import { logSecurityEvent } from './security-log'
import { currentTime } from '../shared/dates/clock'
import type { Caller } from './sessions'
import {
  type CardSigningSettings,
  DEVICE_COLUMNS,
  type DeviceRow,
  deviceInfoOf,
  toIso,
} from './account-records'
import { getOffice } from './offices'

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
