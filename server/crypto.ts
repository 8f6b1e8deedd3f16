/**
 * The server's secrets and what it does with them. Three 256-bit keys come from the environment
 * (or, for the embedded PGlite default, from a file in the data folder):
 *
 * - the token key signs access tokens (HMAC-SHA256);
 * - the data key is never used directly: HKDF derives one key to seal sensitive fields
 *   (AES-256-GCM) and one to hash NIKs for lookups (HMAC-SHA256), so neither use weakens the other;
 * - the card signing key is the district's Ed25519 secret key: it certifies office PCs' card
 *   signing keys (shared/cards/card-token.ts), and its public half is handed to every copy of
 *   Naungan so a printed card can be checked offline. It is used for nothing else.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import { currentTimeMs } from '../shared/dates/clock'

export const KEY_BYTES = 32

export interface ServerKeys {
  tokenKey: Buffer
  dataKey: Buffer
  /** Ed25519 secret key (32 bytes) of the district: signs device certificates only. */
  cardSigningKey: Buffer
}

export interface DataKeys {
  sealKey: Buffer
  nikHashKey: Buffer
  /** Signs participant states' receipts (server/receipts.ts). */
  receiptKey: Buffer
}

export function deriveDataKeys(dataKey: Buffer): DataKeys {
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, KEY_BYTES))
  return {
    sealKey: derive('naungan/server/seal-participant-fields/v1'),
    nikHashKey: derive('naungan/server/nik-lookup-hash/v1'),
    receiptKey: derive('naungan/server/participant-receipt/v1'),
  }
}

/** Accepts 64 hex digits or base64/base64url of 32 bytes. */
export function parseKey(text: string, name: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64')
  if (key.length !== KEY_BYTES) {
    throw new Error(`${name} must be 32 bytes, as 64 hex digits or base64`)
  }
  return key
}

const SEAL_VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * AES-256-GCM with a fresh random IV per value. `context` (e.g. the record id) is additional
 * data: a ciphertext copied into another row does not open.
 */
export function seal(plaintext: string, key: Buffer, context: string): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return Buffer.concat([Buffer.from([SEAL_VERSION]), iv, body, cipher.getAuthTag()])
}

export function unseal(sealed: Uint8Array, key: Buffer, context: string): string {
  const data = Buffer.from(sealed)
  if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== SEAL_VERSION) {
    throw new Error('Sealed value has an unknown format')
  }
  const iv = data.subarray(1, 1 + IV_BYTES)
  const tag = data.subarray(data.length - TAG_BYTES)
  const body = data.subarray(1 + IV_BYTES, data.length - TAG_BYTES)
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
}

/** Keyed hash of a NIK: equal NIKs match in SQL, and a stolen table cannot be brute-forced. */
export function nikLookupHash(nik: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(`nik:${nik}`, 'utf8').digest()
}

/** For high-entropy random secrets (device secrets, refresh tokens, enrolment codes). */
export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** No 0/O, 1/I/L, 5/S or 2/Z: a code read aloud over the phone or copied from paper survives. */
const CODE_ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY'
const CODE_LENGTH = 8

/** 'K7QM-XWD9': 8 characters from 27 (38 bits); single use, expiring, rate-limited. */
export function randomEnrolmentCode(): string {
  const bytes = randomBytes(CODE_LENGTH * 2)
  let code = ''
  for (let i = 0; code.length < CODE_LENGTH; i++) {
    // Two bytes per character keep the modulo bias negligible (65536 mod 27 = 7).
    const value = bytes.readUInt16BE((i % CODE_LENGTH) * 2)
    code += CODE_ALPHABET[value % CODE_ALPHABET.length]
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** What a clerk may type for a code: any case, spaces or dashes anywhere. */
export function normalizeEnrolmentCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '')
}

export interface AccessTokenClaims {
  /** user id */
  sub: string
  /** device id */
  dev: string
  /** office id the session acts for (the user's office) */
  off: string
  role: string
  /** expiry, seconds since the epoch */
  exp: number
  /** the session's refresh family: ending it (logout, deactivation) ends this token too */
  fam?: string
}

const TOKEN_PREFIX = 'v1'

/** `v1.<payload base64url>.<HMAC-SHA256 base64url>`: small, stateless, checked without the DB. */
export function signAccessToken(claims: AccessTokenClaims, key: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url')
  const mac = createHmac('sha256', key).update(`${TOKEN_PREFIX}.${payload}`).digest('base64url')
  return `${TOKEN_PREFIX}.${payload}.${mac}`
}

export type TokenCheck =
  { ok: true; claims: AccessTokenClaims } | { ok: false; reason: 'TOKEN_INVALID' | 'TOKEN_EXPIRED' }

export function verifyAccessToken(token: string, key: Buffer, nowMs = currentTimeMs()): TokenCheck {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX || token.length > 2000) {
    return { ok: false, reason: 'TOKEN_INVALID' }
  }
  const [, payload = '', mac = ''] = parts
  const expected = createHmac('sha256', key).update(`${TOKEN_PREFIX}.${payload}`).digest()
  const given = Buffer.from(mac, 'base64url')
  if (!sameBytes(given, expected)) return { ok: false, reason: 'TOKEN_INVALID' }
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'TOKEN_INVALID' }
  }
  const c = claims as Partial<AccessTokenClaims> | null
  if (
    !c ||
    typeof c.sub !== 'string' ||
    typeof c.dev !== 'string' ||
    typeof c.off !== 'string' ||
    typeof c.role !== 'string' ||
    typeof c.exp !== 'number'
  ) {
    return { ok: false, reason: 'TOKEN_INVALID' }
  }
  if (c.exp * 1000 <= nowMs) return { ok: false, reason: 'TOKEN_EXPIRED' }
  return { ok: true, claims: c as AccessTokenClaims }
}
