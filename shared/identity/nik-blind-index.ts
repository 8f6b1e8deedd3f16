import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'

/**
 * A keyed, prefix-preserving blind index for NIKs.
 *
 * The NIK is stored encrypted, and an encrypted field cannot be queried. Clerks still need an
 * exact lookup (duplicate check) and search-as-you-type by NIK prefix. Each digit is replaced by a
 * keyed pseudo-random permutation of 0–9 chosen by everything before it, so:
 *   - equal NIKs get equal index strings (exact lookup is an equality query),
 *   - NIKs sharing their first k digits share the first k index characters (prefix search is a
 *     range query over an ordinary index),
 *   - without the key the index reveals no digit. What it does reveal is which records share a
 *     prefix — the same grouping an attacker learns from the clear birth date and kecamatan.
 *
 * The key is derived from the database key held in the OS keychain; it never sits in the store.
 */

const NIK_BLIND_INDEX_CONTEXT = new TextEncoder().encode('naungan/nik-blind-index/v1')
const DIGITS = '0123456789'

export const BLIND_INDEX_KEY_BYTES = 32

function permutationOfDigits(seed: Uint8Array): string[] {
  const digits = DIGITS.split('')
  // Fisher–Yates driven by the seed's bytes; the tiny modulo bias is irrelevant for hiding digits.
  for (let i = digits.length - 1; i > 0; i--) {
    const j = (seed[i] ?? 0) % (i + 1)
    const swap = digits[i] as string
    digits[i] = digits[j] as string
    digits[j] = swap
  }
  return digits
}

/**
 * Encodes a run of digits (a full NIK or the prefix a clerk has typed so far). Any character other
 * than 0–9 makes the result `null`: callers normalise input first.
 */
export function encodeNikBlindIndex(digits: string, key: Uint8Array): string | null {
  if (key.length < BLIND_INDEX_KEY_BYTES) throw new Error('Kunci indeks NIK terlalu pendek.')
  if (digits.length > 16 || !/^\d*$/.test(digits)) return null
  let state = hmac(sha256, key, NIK_BLIND_INDEX_CONTEXT)
  let encoded = ''
  for (const digit of digits) {
    const permutation = permutationOfDigits(state)
    encoded += permutation[Number(digit)]
    const step = new Uint8Array(state.length + 1)
    step.set(state)
    step[state.length] = digit.charCodeAt(0)
    state = hmac(sha256, key, step)
  }
  return encoded
}
