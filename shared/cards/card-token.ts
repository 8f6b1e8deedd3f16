/**
 * The text inside a card's or sticker's QR code: a compact claim signed by the office PC that
 * printed it, carrying that PC's certificate signed by the district. Anyone holding the
 * district's public key — any copy of Naungan, offline — can tell a genuine card from a forged
 * one; no server, no NIK (UU PDP: a QR can be photographed by anyone).
 *
 *   token       = "NGN1:" base45( certificate ‖ claims ‖ deviceSignature )
 *   certificate = v1 ‖ districtKeyId(4) ‖ devicePublicKey(32) ‖ office(text) ‖ issuedDay ‖
 *                 expiresDay ‖ districtSignature(64)
 *   claims      = v1 ‖ kind ‖ participantId ‖ number(text) ‖ initials(text) ‖ validFrom ‖
 *                 validUntil ‖ serial(5) ‖ printedDay
 *
 * Days are u16 days since 1970-01-01; texts are u8-length-prefixed UTF-8. Both signatures are
 * Ed25519 over a domain-separated message, so a certificate cannot be passed off as a card or the
 * other way round. ~230 bytes → ~350 base45 characters → a version-11 QR at level M.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { bytesToNumberLE } from '@noble/curves/utils.js'
import { decodeBase45, encodeBase45 } from './base45'
import { officeMaySignNumber } from './card-offices'

export const CARD_TOKEN_PREFIX = 'NGN1:'
const FORMAT_VERSION = 1
const CERTIFICATE_DOMAIN = new TextEncoder().encode('naungan/device-certificate/v1\0')
const CLAIMS_DOMAIN = new TextEncoder().encode('naungan/card-claims/v1\0')
const KEY_ID_BYTES = 4
const PUBLIC_KEY_BYTES = 32
const SIGNATURE_BYTES = 64
const SERIAL_BYTES = 5
const MAX_TEXT_BYTES = 60

export type CardKind = 'card' | 'sticker'
const KIND_CODES: Record<CardKind, number> = { card: 1, sticker: 2 }

/** What the district says about an office PC: this key may sign cards for this office until then. */
export interface DeviceCertificate {
  districtKeyId: string
  devicePublicKey: Uint8Array
  /** The issuing office's code, e.g. '06-01'. */
  officeCode: string
  /** YYYY-MM-DD */
  issuedOn: string
  expiresOn: string
}

/** What a card or sticker claims. Deliberately small and free of personal data beyond initials. */
export interface CardClaims {
  kind: CardKind
  participantId: string
  /** KPJ once issued, otherwise the registration number. */
  participantNumber: string
  /** 'SA' for "Siti Aminah": enough to match the card to the person holding it. */
  initials: string
  /** YYYY-MM-DD, inclusive. */
  validFrom: string
  validUntil: string
  /** `7K3M-9QX2`: printed under the QR; a reprint gets a new one and revokes the old. */
  serial: string
  printedOn: string
}

export interface CardSigner {
  /** Ed25519 secret key (32 bytes) of this PC. */
  secretKey: Uint8Array
  /** The certificate bytes the server returned for this PC's public key. */
  certificate: Uint8Array
}

// ---------------------------------------------------------------------------------------------
// Small binary helpers

const DAY_MS = 86_400_000

function dayNumberOf(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!match) throw new RangeError(`not a date: ${isoDate}`)
  const days = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS
  if (!Number.isInteger(days) || days < 0 || days > 0xffff)
    throw new RangeError('date out of range')
  return days
}

function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10)
}

class ByteWriter {
  private readonly bytes: number[] = []
  u8(value: number): this {
    this.bytes.push(value & 0xff)
    return this
  }
  u16(value: number): this {
    return this.u8(value >> 8).u8(value)
  }
  raw(bytes: Uint8Array): this {
    for (const byte of bytes) this.bytes.push(byte)
    return this
  }
  text(value: string): this {
    const encoded = new TextEncoder().encode(value)
    if (encoded.length > MAX_TEXT_BYTES) throw new RangeError('text too long for a card token')
    return this.u8(encoded.length).raw(encoded)
  }
  result(): Uint8Array {
    return Uint8Array.from(this.bytes)
  }
}

class ByteReader {
  private offset = 0
  constructor(private readonly bytes: Uint8Array) {}
  get position(): number {
    return this.offset
  }
  get remaining(): number {
    return this.bytes.length - this.offset
  }
  raw(length: number): Uint8Array {
    if (this.remaining < length) throw new RangeError('truncated')
    const slice = this.bytes.slice(this.offset, this.offset + length)
    this.offset += length
    return slice
  }
  u8(): number {
    return this.raw(1)[0]!
  }
  u16(): number {
    const [high, low] = this.raw(2)
    return high! * 256 + low!
  }
  text(): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.raw(this.u8()))
  }
  /** The bytes read between two positions (what a signature covers). */
  readSince(start: number): Uint8Array {
    return this.bytes.slice(start, this.offset)
  }
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')

function bytesOfHex(text: string, length: number): Uint8Array | null {
  if (!new RegExp(`^[0-9a-f]{${length * 2}}$`).test(text)) return null
  return Uint8Array.from({ length }, (_, index) =>
    parseInt(text.slice(index * 2, index * 2 + 2), 16),
  )
}

// ---------------------------------------------------------------------------------------------
// Keys

/** First 4 bytes of SHA-256 of the district public key: tells which district key signed. */
export function districtKeyIdOf(districtPublicKey: Uint8Array): string {
  return hex(sha256(districtPublicKey).slice(0, KEY_ID_BYTES))
}

export function newSigningKeyPair(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = ed25519.utils.randomSecretKey()
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) }
}

export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey)
}

// ---------------------------------------------------------------------------------------------
// Certificates (made by the server with the district key)

function certificateBody(certificate: DeviceCertificate): Uint8Array {
  const keyId = bytesOfHex(certificate.districtKeyId, KEY_ID_BYTES)
  if (!keyId) throw new RangeError('bad district key id')
  if (certificate.devicePublicKey.length !== PUBLIC_KEY_BYTES) throw new RangeError('bad key')
  return new ByteWriter()
    .u8(FORMAT_VERSION)
    .raw(keyId)
    .raw(certificate.devicePublicKey)
    .text(certificate.officeCode)
    .u16(dayNumberOf(certificate.issuedOn))
    .u16(dayNumberOf(certificate.expiresOn))
    .result()
}

export function issueDeviceCertificate(
  districtSecretKey: Uint8Array,
  fields: Omit<DeviceCertificate, 'districtKeyId'>,
): Uint8Array {
  const districtKeyId = districtKeyIdOf(ed25519.getPublicKey(districtSecretKey))
  const body = certificateBody({ ...fields, districtKeyId })
  return concat(body, ed25519.sign(concat(CERTIFICATE_DOMAIN, body), districtSecretKey))
}

function readCertificate(reader: ByteReader): {
  certificate: DeviceCertificate
  body: Uint8Array
  signature: Uint8Array
} {
  const start = reader.position
  if (reader.u8() !== FORMAT_VERSION) throw new RangeError('unknown certificate version')
  const districtKeyId = hex(reader.raw(KEY_ID_BYTES))
  const devicePublicKey = reader.raw(PUBLIC_KEY_BYTES)
  const officeCode = reader.text()
  const issuedOn = isoDateOf(reader.u16())
  const expiresOn = isoDateOf(reader.u16())
  const body = reader.readSince(start)
  return {
    certificate: { districtKeyId, devicePublicKey, officeCode, issuedOn, expiresOn },
    body,
    signature: reader.raw(SIGNATURE_BYTES),
  }
}

/** Reads certificate bytes (as stored by the PC) without checking them; null when malformed. */
export function parseDeviceCertificate(bytes: Uint8Array): DeviceCertificate | null {
  try {
    const reader = new ByteReader(bytes)
    const { certificate } = readCertificate(reader)
    return reader.remaining === 0 ? certificate : null
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// Serials

const SERIAL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ' // Crockford: no I, L, O, U

function serialTextOf(bytes: Uint8Array): string {
  let bits = 0n
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte)
  let text = ''
  for (let index = 0; index < 8; index += 1) {
    text = SERIAL_ALPHABET[Number(bits & 31n)]! + text
    bits >>= 5n
  }
  return `${text.slice(0, 4)}-${text.slice(4)}`
}

function serialBytesOf(serial: string): Uint8Array | null {
  const compact = serial.replace('-', '')
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(compact)) return null
  let bits = 0n
  for (const character of compact) bits = (bits << 5n) | BigInt(SERIAL_ALPHABET.indexOf(character))
  return Uint8Array.from({ length: SERIAL_BYTES }, (_, index) =>
    Number((bits >> BigInt(8 * (SERIAL_BYTES - 1 - index))) & 0xffn),
  )
}

/** A fresh random serial, `7K3M-9QX2` (40 bits: unique enough per participant, short to read). */
export function newCardSerial(random: (length: number) => Uint8Array = randomBytes): string {
  return serialTextOf(random(SERIAL_BYTES))
}

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length))
}

export function isCardSerial(value: unknown): value is string {
  return typeof value === 'string' && serialBytesOf(value) !== null
}

/** 'Siti Aminah binti Tohir' → 'SABT' (at most four words, upper case). */
export function initialsOf(fullName: string): string {
  return fullName
    .trim()
    .split(/[\s.'-]+/u)
    .filter((word) => word !== '')
    .slice(0, 4)
    .map((word) => [...word][0]!.toLocaleUpperCase('id-ID'))
    .join('')
}

// ---------------------------------------------------------------------------------------------
// Claims (signed by the office PC)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function writeParticipantId(writer: ByteWriter, id: string): void {
  if (UUID.test(id)) writer.u8(0).raw(bytesOfHex(id.replaceAll('-', ''), 16)!)
  else writer.u8(1).text(id)
}

function readParticipantId(reader: ByteReader): string {
  const form = reader.u8()
  if (form === 1) return reader.text()
  if (form !== 0) throw new RangeError('participant id form')
  const h = hex(reader.raw(16))
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

function claimsBody(claims: CardClaims): Uint8Array {
  const serial = serialBytesOf(claims.serial)
  if (!serial) throw new RangeError('bad serial')
  const writer = new ByteWriter().u8(FORMAT_VERSION).u8(KIND_CODES[claims.kind])
  writeParticipantId(writer, claims.participantId)
  return writer
    .text(claims.participantNumber)
    .text(claims.initials)
    .u16(dayNumberOf(claims.validFrom))
    .u16(dayNumberOf(claims.validUntil))
    .raw(serial)
    .u16(dayNumberOf(claims.printedOn))
    .result()
}

function readClaims(reader: ByteReader): { claims: CardClaims; body: Uint8Array } {
  const start = reader.position
  if (reader.u8() !== FORMAT_VERSION) throw new RangeError('unknown claims version')
  const kindCode = reader.u8()
  const kind = (Object.keys(KIND_CODES) as CardKind[]).find((k) => KIND_CODES[k] === kindCode)
  if (!kind) throw new RangeError('unknown kind')
  const participantId = readParticipantId(reader)
  const participantNumber = reader.text()
  const initials = reader.text()
  const validFrom = isoDateOf(reader.u16())
  const validUntil = isoDateOf(reader.u16())
  const serial = serialTextOf(reader.raw(SERIAL_BYTES))
  const printedOn = isoDateOf(reader.u16())
  return {
    claims: {
      kind,
      participantId,
      participantNumber,
      initials,
      validFrom,
      validUntil,
      serial,
      printedOn,
    },
    body: reader.readSince(start),
  }
}

/** The QR text for one card or sticker, signed by this PC. Throws on values that cannot fit. */
export function signCardToken(signer: CardSigner, claims: CardClaims): string {
  return cardTokenSigner(signer)(claims)
}

/**
 * Signs many tokens with one key: `ed25519.sign` derives the key's scalar, prefix and public key
 * (a SHA-512 and a scalar multiplication) again on every call, half the cost of a signature.
 * Derived once here, then each signature is RFC 8032 §5.1.6 exactly as `ed25519.sign` computes it
 * (Ed25519 is deterministic: the same bytes, tests/unit/shared/cards/card-token.test.ts compares them).
 */
export function cardTokenSigner(signer: CardSigner): (claims: CardClaims) => string {
  const { prefix, scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(signer.secretKey)
  const { Fn } = ed25519.Point
  const base = ed25519.Point.BASE
  const scalarOf = (...parts: Uint8Array[]) => Fn.create(bytesToNumberLE(sha512(concat(...parts))))
  return (claims) => {
    const body = claimsBody(claims)
    const message = concat(CLAIMS_DOMAIN, signer.certificate, body)
    const r = scalarOf(prefix, message)
    const rBytes = base.multiply(r).toBytes()
    const k = scalarOf(rBytes, pointBytes, message)
    const s = Fn.create(r + k * scalar)
    const signature = concat(rBytes, Fn.toBytes(s))
    return CARD_TOKEN_PREFIX + encodeBase45(concat(signer.certificate, body, signature))
  }
}

export type TokenFailure =
  /** Not a Naungan QR at all (another QR, a URL, typing). */
  | 'NOT_A_NAUNGAN_CODE'
  /** Starts like ours but is cut, damaged or altered beyond parsing. */
  | 'MALFORMED'
  /** Signed for a district whose key this copy does not know. */
  | 'UNKNOWN_DISTRICT_KEY'
  /** The office PC's certificate was not signed by the district. */
  | 'CERTIFICATE_FORGED'
  /** The card's claims were not signed by the certified PC (edited after printing). */
  | 'SIGNATURE_FORGED'
  /** Printed on a day the PC's certificate did not cover. */
  | 'CERTIFICATE_NOT_VALID_THEN'
  /**
   * A genuine office PC signed a card of a registration number its office may not issue (another
   * kecamatan's series, `card-offices.ts`): a stolen or misused PC, not a card of that office.
   */
  | 'OFFICE_MAY_NOT_SIGN'

export type TokenCheck =
  | { ok: true; claims: CardClaims; certificate: DeviceCertificate }
  | { ok: false; reason: TokenFailure }

/**
 * Checks a scanned or pasted QR text against the district public keys this copy trusts. Pure and
 * offline. Whether the card was since replaced (revoked) or has run out is for `judgeCard`.
 */
export function verifyCardToken(
  text: string,
  districtPublicKeys: readonly Uint8Array[],
): TokenCheck {
  const trimmed = text.trim()
  if (!trimmed.toUpperCase().startsWith(CARD_TOKEN_PREFIX)) {
    return { ok: false, reason: 'NOT_A_NAUNGAN_CODE' }
  }
  const bytes = decodeBase45(trimmed.slice(CARD_TOKEN_PREFIX.length))
  if (!bytes) return { ok: false, reason: 'MALFORMED' }
  let certificatePart: ReturnType<typeof readCertificate>
  let claimsPart: ReturnType<typeof readClaims>
  let signature: Uint8Array
  try {
    const reader = new ByteReader(bytes)
    certificatePart = readCertificate(reader)
    claimsPart = readClaims(reader)
    signature = reader.raw(SIGNATURE_BYTES)
    if (reader.remaining !== 0) return { ok: false, reason: 'MALFORMED' }
  } catch {
    return { ok: false, reason: 'MALFORMED' }
  }
  const { certificate } = certificatePart
  const districtKey = districtPublicKeys.find(
    (key) => districtKeyIdOf(key) === certificate.districtKeyId && isEd25519PublicKey(key),
  )
  if (!districtKey) return { ok: false, reason: 'UNKNOWN_DISTRICT_KEY' }
  if (!isEd25519PublicKey(certificate.devicePublicKey))
    return { ok: false, reason: 'CERTIFICATE_FORGED' }
  const certificateBytes = concat(certificatePart.body, certificatePart.signature)
  if (
    !safeVerify(
      certificatePart.signature,
      concat(CERTIFICATE_DOMAIN, certificatePart.body),
      districtKey,
    )
  ) {
    return { ok: false, reason: 'CERTIFICATE_FORGED' }
  }
  if (
    !safeVerify(
      signature,
      concat(CLAIMS_DOMAIN, certificateBytes, claimsPart.body),
      certificate.devicePublicKey,
    )
  ) {
    return { ok: false, reason: 'SIGNATURE_FORGED' }
  }
  const printed = claimsPart.claims.printedOn
  if (printed < certificate.issuedOn || printed > certificate.expiresOn) {
    return { ok: false, reason: 'CERTIFICATE_NOT_VALID_THEN' }
  }
  // 'unknown' (a KPJ-numbered card) passes: the card names no kecamatan (docs/printing.md).
  if (officeMaySignNumber(certificate.officeCode, claimsPart.claims.participantNumber) === 'no') {
    return { ok: false, reason: 'OFFICE_MAY_NOT_SIGN' }
  }
  return { ok: true, claims: claimsPart.claims, certificate }
}

function safeVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey)
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------------
// Key text forms (JSON, keychain, district configuration)

export function base64UrlOf(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export function bytesOfBase64Url(text: string, maxLength = 4096): Uint8Array | null {
  if (typeof text !== 'string' || text.length > maxLength || !/^[A-Za-z0-9_-]*$/.test(text)) {
    return null
  }
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
    return Uint8Array.from(binary, (character) => character.charCodeAt(0))
  } catch {
    return null
  }
}

export function isEd25519PublicKey(bytes: Uint8Array | null): bytes is Uint8Array {
  if (!bytes || bytes.length !== PUBLIC_KEY_BYTES) return false
  try {
    // A small-order point (the identity, for one) "verifies" many messages: never trust one.
    return !ed25519.Point.fromBytes(bytes).isSmallOrder()
  } catch {
    return false
  }
}
