/**
 * The offline verifier is made on the server with the native `argon2` package and recomputed on
 * an office PC with @noble/hashes (pure JS). If the two disagreed, nobody could log in offline.
 */
import { argon2id } from '@noble/hashes/argon2.js'
import { describe, expect, it } from 'vitest'
import { OFFLINE_VERIFIER_PARAMS, offlineVerifierOf } from '../../server/passwords'

describe('offline verifier', () => {
  it('gives the same bytes from native argon2 and from @noble/hashes argon2id', async () => {
    const password = 'Sandi-Kantor-Tenggarong-2026 ✓'
    const verifier = await offlineVerifierOf(password)
    expect(verifier).toMatchObject({ memoryKiB: 19_456, iterations: 2, parallelism: 1 })
    expect(verifier.salt).toHaveLength(16)
    const noble = argon2id(new TextEncoder().encode(password), verifier.salt, {
      m: OFFLINE_VERIFIER_PARAMS.memoryKiB,
      t: OFFLINE_VERIFIER_PARAMS.iterations,
      p: OFFLINE_VERIFIER_PARAMS.parallelism,
      dkLen: 32,
    })
    expect(Buffer.from(noble).toString('hex')).toBe(verifier.hash.toString('hex'))

    const wrong = argon2id(new TextEncoder().encode(`${password}!`), verifier.salt, {
      m: OFFLINE_VERIFIER_PARAMS.memoryKiB,
      t: OFFLINE_VERIFIER_PARAMS.iterations,
      p: OFFLINE_VERIFIER_PARAMS.parallelism,
      dkLen: 32,
    })
    expect(Buffer.from(wrong).toString('hex')).not.toBe(verifier.hash.toString('hex'))
  }, 60_000)

  it('uses a fresh salt for every password set', async () => {
    const a = await offlineVerifierOf('sama-saja-123')
    const b = await offlineVerifierOf('sama-saja-123')
    expect(a.salt.equals(b.salt)).toBe(false)
    expect(a.hash.equals(b.hash)).toBe(false)
  }, 30_000)
})
