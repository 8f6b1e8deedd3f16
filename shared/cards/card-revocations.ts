/**
 * The district's list of revoked office PCs, as every copy of Naungan checks it offline.
 *
 * A card names its signer by the PC's public key inside the certificate (`card-token.ts`), so the
 * list names revoked PCs by that key, with the moment the admin revoked the device. The server
 * signs the list with the district key; a PC may therefore take it from any channel (the server,
 * a USB stick, a colleague's copy) and trust it as far as it trusts the district key.
 *
 *   published = { districtKeyId, payload: JSON text of CardRevocationList, signature }
 *   signature = Ed25519(district key, "naungan/card-revocations/v1\0" ‖ UTF-8 payload)
 *
 * The exact JSON text is signed, not a re-serialisation, so nothing depends on key order.
 *
 * Newer beats older: revocation is permanent (no route un-revokes a device), so the list only
 * grows and `sequence` (its length) only rises. A PC keeps the list with the higher sequence, and
 * on a tie the later `issuedAt`: an old list replayed to it is refused, never stored.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { base64UrlOf, bytesOfBase64Url, districtKeyIdOf, isEd25519PublicKey } from './card-token'

const REVOCATIONS_DOMAIN = new TextEncoder().encode('naungan/card-revocations/v1\0')
/** A district has hundreds of PCs, not hundreds of thousands; more is an attack on the parser. */
const MAX_PAYLOAD_CHARS = 2_000_000
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/

export interface RevokedCardKey {
  /** base64url of the revoked PC's card public key (the key its certificates carry). */
  devicePublicKey: string
  /** ISO time (UTC) the admin revoked the device. */
  revokedAt: string
}

export interface CardRevocationList {
  /** How many keys the list names: it only grows, so a larger one is newer. */
  sequence: number
  /** ISO time the server issued the list: "Daftar pencabutan per …" on the verify screen. */
  issuedAt: string
  revoked: RevokedCardKey[]
}

/** The list as published and stored: exactly the signed text, and the signature. */
export interface SignedCardRevocationList {
  /** `districtKeyIdOf` the key that signed. */
  districtKeyId: string
  payload: string
  /** base64url Ed25519 signature. */
  signature: string
}

/** What `GET /api/card-keys` adds to `DistrictCardKeysResponse`. */
export interface PublishedCardRevocations {
  revocations: SignedCardRevocationList
}

export type RevocationListFailure =
  /** Not a list at all, or one whose fields do not parse. */
  | 'MALFORMED'
  /** Signed by a district key this copy does not trust. */
  | 'UNKNOWN_DISTRICT_KEY'
  /** The text was changed after signing, or the signature is not the district's. */
  | 'SIGNATURE_FORGED'

export type RevocationListCheck =
  | { ok: true; list: CardRevocationList; signed: SignedCardRevocationList }
  | { ok: false; reason: RevocationListFailure }

const message = (payload: string) => {
  const text = new TextEncoder().encode(payload)
  const out = new Uint8Array(REVOCATIONS_DOMAIN.length + text.length)
  out.set(REVOCATIONS_DOMAIN)
  out.set(text, REVOCATIONS_DOMAIN.length)
  return out
}

/** Server side: the district signs the list it publishes. */
export function signRevocationList(
  districtSecretKey: Uint8Array,
  list: CardRevocationList,
): SignedCardRevocationList {
  const payload = JSON.stringify(list)
  return {
    districtKeyId: districtKeyIdOf(ed25519.getPublicKey(districtSecretKey)),
    payload,
    signature: base64UrlOf(ed25519.sign(message(payload), districtSecretKey)),
  }
}

function parseList(payload: string): CardRevocationList | null {
  let value: unknown
  try {
    value = JSON.parse(payload)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { sequence, issuedAt, revoked } = value as Record<string, unknown>
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0) return null
  if (typeof issuedAt !== 'string' || !ISO_TIME.test(issuedAt)) return null
  if (!Array.isArray(revoked)) return null
  const entries: RevokedCardKey[] = []
  for (const entry of revoked as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return null
    const { devicePublicKey, revokedAt } = entry as Record<string, unknown>
    if (typeof devicePublicKey !== 'string' || typeof revokedAt !== 'string') return null
    if (!isEd25519PublicKey(bytesOfBase64Url(devicePublicKey, 100))) return null
    if (!ISO_TIME.test(revokedAt)) return null
    entries.push({ devicePublicKey, revokedAt })
  }
  return { sequence, issuedAt, revoked: entries }
}

/** Checks a list got from anywhere against the district keys this copy trusts. */
export function verifyRevocationList(
  value: unknown,
  districtPublicKeys: readonly Uint8Array[],
): RevocationListCheck {
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'MALFORMED' }
  const { districtKeyId, payload, signature } = value as Record<string, unknown>
  if (
    typeof districtKeyId !== 'string' ||
    typeof payload !== 'string' ||
    typeof signature !== 'string' ||
    payload.length > MAX_PAYLOAD_CHARS
  ) {
    return { ok: false, reason: 'MALFORMED' }
  }
  const key = districtPublicKeys.find(
    (candidate) => districtKeyIdOf(candidate) === districtKeyId && isEd25519PublicKey(candidate),
  )
  if (!key) return { ok: false, reason: 'UNKNOWN_DISTRICT_KEY' }
  const signatureBytes = bytesOfBase64Url(signature, 200)
  let isGenuine = false
  try {
    isGenuine = signatureBytes !== null && ed25519.verify(signatureBytes, message(payload), key)
  } catch {
    isGenuine = false
  }
  if (!isGenuine) return { ok: false, reason: 'SIGNATURE_FORGED' }
  const list = parseList(payload)
  if (!list) return { ok: false, reason: 'MALFORMED' }
  return { ok: true, list, signed: { districtKeyId, payload, signature } }
}

/** Should `candidate` replace `stored`? Never for an older list (lower sequence or issue time). */
export function isNewerRevocationList(
  candidate: CardRevocationList,
  stored: CardRevocationList | undefined,
): boolean {
  if (!stored) return true
  if (candidate.sequence !== stored.sequence) return candidate.sequence > stored.sequence
  return candidate.issuedAt > stored.issuedAt
}

/** The revocation of the PC whose certificate carries `devicePublicKey`, if it is revoked. */
export function revocationOf(
  list: CardRevocationList | undefined,
  devicePublicKey: Uint8Array,
): RevokedCardKey | undefined {
  if (!list) return undefined
  const text = base64UrlOf(devicePublicKey)
  return list.revoked.find((entry) => entry.devicePublicKey === text)
}
