import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { BLIND_INDEX_KEY_BYTES } from '@shared/identity/nik-blind-index'
import { createNikIndexEncoder, type NikIndexEncoder } from '@shared/import/nik-index-encoder'

/**
 * Keys of the local store, all derived from the one database secret that the host keeps in the OS
 * keychain (Electron) or the browser's key store (web build). Separate keys per purpose, so the
 * blind index key can never decrypt a field and vice versa.
 */
export interface StoreKeys {
  /** AES-GCM key for the sensitive fields (NIK, KK, phone). Not extractable. */
  fieldKey: CryptoKey
  /** HMAC key of the NIK blind index. */
  blindIndexKey: Uint8Array
  /**
   * The blind index of one NIK, computed with the keyed HMAC prepared once and the chain state
   * of common prefixes (region, birth date) remembered: a 50,000-record pull computes 50,000 of
   * them, which cost 7.6 s of main thread one HMAC object per digit (docs/performance.md).
   */
  nikIndex: NikIndexEncoder
  /**
   * A value that identifies the key without revealing it. Saved with the database the first time,
   * so a later start with a different key (a reinstalled keychain, a copied profile) is detected
   * and explained instead of showing every record as damaged.
   */
  keyCheck: string
}

function hexToBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/i.test(hex))
    throw new Error('Kunci basis data tidak berbentuk 64 digit hex.')
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

const info = (purpose: string) => new TextEncoder().encode(`naungan/store/${purpose}/v1`)

export async function deriveStoreKeys(secretHex: string): Promise<StoreKeys> {
  const secret = hexToBytes(secretHex)
  const salt = new TextEncoder().encode('naungan')
  const fieldKeyBytes = hkdf(sha256, secret, salt, info('field-encryption'), 32)
  const fieldKey = await crypto.subtle.importKey(
    'raw',
    fieldKeyBytes as Uint8Array<ArrayBuffer>,
    { name: 'AES-GCM' },
    false,
    ['encrypt', 'decrypt'],
  )
  fieldKeyBytes.fill(0)
  const blindIndexKey = hkdf(sha256, secret, salt, info('nik-blind-index'), BLIND_INDEX_KEY_BYTES)
  return {
    fieldKey,
    blindIndexKey,
    // Up to the birth month (6 region digits + DDMM): shared by many, ~40,000 prefixes at most in
    // a district, a few MB; longer prefixes are nearly one per person and not worth the memory.
    nikIndex: createNikIndexEncoder(blindIndexKey, {
      maxCachedPrefix: 10,
      maxCacheEntries: 40_000,
    }),
    keyCheck: toHex(hkdf(sha256, secret, salt, info('key-check'), 16)),
  }
}
