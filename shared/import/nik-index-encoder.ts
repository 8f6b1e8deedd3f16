/**
 * The NIK blind index (`shared/identity/nik-blind-index.ts`) for many NIKs at once. The index
 * chains one HMAC per digit; computed one NIK at a time it costs ~0.5 ms, so a 100,000-row list
 * would spend close to a minute there. The same chain is computed here with the keyed HMAC state
 * prepared once and the chain state of shared prefixes remembered (a list from one kabupaten
 * shares the first 4–8 digits of most NIKs), about ten times faster.
 *
 * Being a second implementation of the same function, it checks itself against
 * `encodeNikBlindIndex` on the first NIKs and now and then after; on any difference it uses that
 * function for the rest, so a change there can never make imports miss existing records.
 */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { BLIND_INDEX_KEY_BYTES, encodeNikBlindIndex } from '../identity/nik-blind-index'

const CONTEXT = new TextEncoder().encode('naungan/nik-blind-index/v1')
/** Prefixes longer than this are nearly unique per person: not worth remembering. */
const MAX_CACHED_PREFIX = 12
const MAX_CACHE_ENTRIES = 500_000
const CHECK_FIRST = 8
const CHECK_EVERY = 5_000

function permutedDigit(seed: Uint8Array, digit: number): string {
  const digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
  for (let i = 9; i > 0; i--) {
    const j = (seed[i] ?? 0) % (i + 1)
    const swap = digits[i] as number
    digits[i] = digits[j] as number
    digits[j] = swap
  }
  return String(digits[digit])
}

export interface NikIndexEncoder {
  encode(digits: string): string | null
  /** False once a self-check failed and the reference function took over. */
  readonly isFast: boolean
}

export interface NikIndexEncoderOptions {
  /** Longest prefix whose chain state is remembered (default 12: up to the birth date). */
  maxCachedPrefix?: number
  /** Remembered prefixes before the memory is emptied (default 500,000: ~50 MB). */
  maxCacheEntries?: number
}

export function createNikIndexEncoder(
  key: Uint8Array,
  options: NikIndexEncoderOptions = {},
): NikIndexEncoder {
  if (key.length < BLIND_INDEX_KEY_BYTES) throw new Error('Kunci indeks NIK terlalu pendek.')
  const maxCachedPrefix = options.maxCachedPrefix ?? MAX_CACHED_PREFIX
  const maxCacheEntries = options.maxCacheEntries ?? MAX_CACHE_ENTRIES
  const keyed = hmac.create(sha256, key)
  // One scratch HMAC reused for every step: the keyed state is copied into it instead of a new
  // object per digit (most of the time went to allocation, not to SHA-256).
  let scratch = keyed.clone()
  const step = new Uint8Array(33)
  const mac = (message: Uint8Array): Uint8Array => {
    scratch = keyed._cloneInto(scratch)
    const out = new Uint8Array(32)
    scratch.update(message).digestInto(out)
    return out
  }
  const initial = mac(CONTEXT)
  /** Chain state after a prefix, with the index characters of that prefix. */
  const prefixes = new Map<string, { state: Uint8Array; encoded: string }>()
  let fast = true
  let count = 0

  const fastEncode = (digits: string): string => {
    let state = initial
    let encoded = ''
    let start = 0
    // Resume from the longest remembered prefix.
    for (let length = Math.min(digits.length, maxCachedPrefix); length > 0; length--) {
      const cached = prefixes.get(digits.slice(0, length))
      if (cached) {
        state = cached.state
        encoded = cached.encoded
        start = length
        break
      }
    }
    for (let i = start; i < digits.length; i++) {
      encoded += permutedDigit(state, digits.charCodeAt(i) - 48)
      step.set(state)
      step[32] = digits.charCodeAt(i)
      state = mac(step)
      if (i + 1 <= maxCachedPrefix) {
        if (prefixes.size >= maxCacheEntries) prefixes.clear()
        prefixes.set(digits.slice(0, i + 1), { state, encoded })
      }
    }
    return encoded
  }

  return {
    get isFast() {
      return fast
    },
    encode(digits) {
      if (digits.length > 16 || !/^\d*$/.test(digits)) return null
      if (!fast) return encodeNikBlindIndex(digits, key)
      const encoded = fastEncode(digits)
      count++
      if (count <= CHECK_FIRST || count % CHECK_EVERY === 0) {
        const reference = encodeNikBlindIndex(digits, key)
        if (reference !== encoded) {
          fast = false
          return reference
        }
      }
      return encoded
    },
  }
}
