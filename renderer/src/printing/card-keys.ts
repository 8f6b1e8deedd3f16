/**
 * This PC's card-signing key and the district keys it trusts.
 *
 * - The Ed25519 secret key lives in the OS keychain (`card-signing-key`), never in IndexedDB.
 * - The district's certificate for its public half, the district public keys used to verify
 *   any card, and the district-signed list of revoked PCs are not secret: they sit in a local
 *   RxDB document.
 *
 * The key is made on the PC (the secret never travels); the server only certifies the public half,
 * at enrolment or later through `POST /api/card-certificate` when the PC was enrolled before
 * printing existed or its certificate runs out.
 */
import {
  base64UrlOf,
  bytesOfBase64Url,
  isEd25519PublicKey,
  newSigningKeyPair,
  parseDeviceCertificate,
  publicKeyOf,
  type CardSigner,
  type DeviceCertificate,
} from '@shared/cards/card-token'
import {
  isNewerRevocationList,
  verifyRevocationList,
  type CardRevocationList,
  type SignedCardRevocationList,
} from '@shared/cards/card-revocations'
import type {
  CardCertificateRequest,
  CardKeysResponse,
  DistrictCardKeysResponse,
} from '@shared/sync/sync-protocol'
import type { PublishedCardRevocations } from '@shared/cards/card-revocations'
import { defaultFetch, readJsonResponse, sendRequest } from '@/core/server-api'
import { getPlatform } from '@/core/platform'
import type { NaunganStore } from '@/core/store/database'

const CARD_KEYS_DOC = 'card-keys'
const SIGNING_SECRET = 'card-signing-key'
/** Ask for a new certificate this long before the current one runs out. */
const RENEW_BEFORE_DAYS = 30

interface StoredCardKeys {
  /** base64url certificate bytes, '' when none yet. */
  certificate: string
  /** base64url district public keys, current first. */
  districtPublicKeys: string[]
  /**
   * The newest district-signed list of revoked PCs this PC has seen, exactly as signed: checked
   * again on every load, so a list written here by anything else is worth nothing.
   */
  revocations?: SignedCardRevocationList
}

async function loadStored(store: NaunganStore): Promise<StoredCardKeys> {
  const doc = await store.db.getLocal<StoredCardKeys>(CARD_KEYS_DOC)
  const data = doc?.toJSON().data
  return {
    certificate: typeof data?.certificate === 'string' ? data.certificate : '',
    districtPublicKeys: Array.isArray(data?.districtPublicKeys) ? data.districtPublicKeys : [],
    ...(data?.revocations ? { revocations: data.revocations } : {}),
  }
}

function trustedKeysOf(stored: StoredCardKeys): Uint8Array[] {
  return stored.districtPublicKeys
    .map((text) => bytesOfBase64Url(text))
    .filter((key): key is Uint8Array => isEd25519PublicKey(key))
}

/** The district public keys this PC trusts (learnt at enrolment, refreshed with certificates). */
export async function loadTrustedDistrictKeys(store: NaunganStore): Promise<Uint8Array[]> {
  return trustedKeysOf(await loadStored(store))
}

/** The stored list of revoked PCs, if it still verifies under the trusted district keys. */
export async function loadRevocationList(
  store: NaunganStore,
): Promise<CardRevocationList | undefined> {
  const stored = await loadStored(store)
  const check = verifyRevocationList(stored.revocations, trustedKeysOf(stored))
  return check.ok ? check.list : undefined
}

/**
 * Keeps a list of revoked PCs got from anywhere (the server's `/api/card-keys` answer): only one
 * the district signed, and only when it is newer than the one held — an old list replayed to this
 * PC would bring revoked PCs back to life. Call after `trustDistrictKeys` with the same answer.
 */
export async function keepRevocationList(
  store: NaunganStore,
  signed: unknown,
): Promise<'kept' | 'not-newer' | 'refused'> {
  const stored = await loadStored(store)
  const keys = trustedKeysOf(stored)
  const check = verifyRevocationList(signed, keys)
  if (!check.ok) return 'refused'
  const held = verifyRevocationList(stored.revocations, keys)
  if (!isNewerRevocationList(check.list, held.ok ? held.list : undefined)) return 'not-newer'
  await store.db.upsertLocal<StoredCardKeys>(CARD_KEYS_DOC, {
    ...stored,
    revocations: check.signed,
  })
  return 'kept'
}

/** Adds district public keys (a server's `/api/card-keys` answer) to the trusted list. */
export async function trustDistrictKeys(
  store: NaunganStore,
  keys: readonly string[],
): Promise<void> {
  const stored = await loadStored(store)
  const valid = keys.filter((text) => isEd25519PublicKey(bytesOfBase64Url(text)))
  const merged = [...new Set([...valid, ...stored.districtPublicKeys])]
  await store.db.upsertLocal<StoredCardKeys>(CARD_KEYS_DOC, {
    ...stored,
    districtPublicKeys: merged,
  })
}

export type SignerState =
  | { ready: true; signer: CardSigner; certificate: DeviceCertificate }
  /** Never certified, or the keychain lost the key: needs the server once. */
  | { ready: false; reason: 'NOT_CERTIFIED' }
  /** Certified, but the certificate has run out (or will on `today`): needs the server once. */
  | { ready: false; reason: 'CERTIFICATE_EXPIRED'; certificate: DeviceCertificate }

async function loadSecretKey(): Promise<Uint8Array | null> {
  const text = await getPlatform().getSecret(SIGNING_SECRET)
  if (!text) return null
  try {
    const parsed = JSON.parse(text) as { secretKey?: unknown }
    const key = typeof parsed.secretKey === 'string' ? bytesOfBase64Url(parsed.secretKey) : null
    return key && key.length === 32 ? key : null
  } catch {
    return null
  }
}

/** This PC's signer, if it has a key whose certificate matches it and covers `today`. */
export async function loadCardSigner(store: NaunganStore, today: string): Promise<SignerState> {
  const [secretKey, stored] = await Promise.all([loadSecretKey(), loadStored(store)])
  const certificateBytes = bytesOfBase64Url(stored.certificate)
  const certificate = certificateBytes ? parseDeviceCertificate(certificateBytes) : null
  if (!secretKey || !certificateBytes || !certificate)
    return { ready: false, reason: 'NOT_CERTIFIED' }
  const publicKey = publicKeyOf(secretKey)
  if (base64UrlOf(publicKey) !== base64UrlOf(certificate.devicePublicKey)) {
    return { ready: false, reason: 'NOT_CERTIFIED' }
  }
  if (today < certificate.issuedOn || today > certificate.expiresOn) {
    return { ready: false, reason: 'CERTIFICATE_EXPIRED', certificate }
  }
  return { ready: true, signer: { secretKey, certificate: certificateBytes }, certificate }
}

/** True when the certificate runs out within RENEW_BEFORE_DAYS of `today`. */
export function certificateNeedsRenewal(certificate: DeviceCertificate, today: string): boolean {
  const daysLeft = (Date.parse(certificate.expiresOn) - Date.parse(today)) / 86_400_000
  return daysLeft < RENEW_BEFORE_DAYS
}

/** A new key pair, kept until the server's certificate for it arrives. */
export function newCardKeyPair(): { secretKey: Uint8Array; publicKeyText: string } {
  const pair = newSigningKeyPair()
  return { secretKey: pair.secretKey, publicKeyText: base64UrlOf(pair.publicKey) }
}

/**
 * Keeps a certified key: the secret in the keychain, certificate and district keys locally. The
 * certificate must be for this very key — a mismatched answer is refused, nothing stored.
 */
export async function saveCertifiedKey(
  store: NaunganStore,
  secretKey: Uint8Array,
  response: CardKeysResponse,
): Promise<boolean> {
  const certificateBytes = bytesOfBase64Url(response.certificate)
  const certificate = certificateBytes ? parseDeviceCertificate(certificateBytes) : null
  if (!certificate) return false
  if (base64UrlOf(certificate.devicePublicKey) !== base64UrlOf(publicKeyOf(secretKey))) return false
  await getPlatform().setSecret(
    SIGNING_SECRET,
    JSON.stringify({ secretKey: base64UrlOf(secretKey) }),
  )
  const stored = await loadStored(store)
  const keys = response.districtPublicKeys.filter((text) =>
    isEd25519PublicKey(bytesOfBase64Url(text)),
  )
  await store.db.upsertLocal<StoredCardKeys>(CARD_KEYS_DOC, {
    ...stored,
    certificate: response.certificate,
    districtPublicKeys: [...new Set([...keys, ...stored.districtPublicKeys])],
  })
  return true
}

/** The authenticated request the sync session offers (`ServerSession.json`). */
export type AuthorizedJson = <T>(path: string, init?: RequestInit) => Promise<T>

/**
 * Asks the central server to certify a fresh key for this PC (signed-in session required).
 * Throws the server's error (unreachable, refused) for the caller to explain.
 */
export async function requestCardCertificate(
  store: NaunganStore,
  json: AuthorizedJson,
): Promise<boolean> {
  const { secretKey, publicKeyText } = newCardKeyPair()
  const request: CardCertificateRequest = { publicKey: publicKeyText }
  const response = await json<CardKeysResponse>('/api/card-certificate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  })
  return saveCertifiedKey(store, secretKey, response)
}

/** The public-key endpoint answers small and fast; a dead link should not hang the button. */
const CARD_KEYS_REQUEST_TIMEOUT_MS = 15_000

/**
 * `GET /api/card-keys`: trusts the district keys it names, then keeps the list of revoked PCs
 * when the district signed it and it is newer than the one held (`keepRevocationList`). Run by
 * the verify screen and, on an enrolled PC, at every sync start and "Sinkronkan sekarang", so a
 * revocation reaches desks whose clerks never open the verify screen online.
 */
export async function refreshDistrictCardKeys(store: NaunganStore, baseUrl: string): Promise<void> {
  const response = await sendRequest(
    defaultFetch,
    `${baseUrl}/api/card-keys`,
    { headers: { Accept: 'application/json' } },
    CARD_KEYS_REQUEST_TIMEOUT_MS,
  )
  const body =
    await readJsonResponse<Partial<DistrictCardKeysResponse & PublishedCardRevocations>>(response)
  const keys = Array.isArray(body.districtPublicKeys)
    ? body.districtPublicKeys.filter((key): key is string => typeof key === 'string')
    : []
  await trustDistrictKeys(store, keys)
  if (body.revocations !== undefined) await keepRevocationList(store, body.revocations)
}
