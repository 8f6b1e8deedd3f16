import { argon2id } from '@noble/hashes/argon2.js'
import { describe, expect, it } from 'vitest'
import { checkOfflinePassword } from '@shared/sync/offline-verifier'
import type { OfflineUserRecord } from '@shared/sync/sync-protocol'

const salt = Uint8Array.from({ length: 16 }, (_, i) => i + 1)
const small = { memoryKiB: 64, iterations: 1, parallelism: 1 }
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

function recordFor(
  password: string,
  overrides: Partial<OfflineUserRecord['verifier']> = {},
): OfflineUserRecord {
  const hash = argon2id(password, salt, {
    m: small.memoryKiB,
    t: small.iterations,
    p: 1,
    dkLen: 32,
  })
  return {
    user: {
      id: 'u-1',
      username: 'rina',
      displayName: 'Rina Operator',
      role: 'operator',
      officeId: 'o-1',
      active: true,
    },
    verifier: { algorithm: 'argon2id', salt: b64(salt), hash: b64(hash), ...small, ...overrides },
  }
}

describe('offline password check', () => {
  it('accepts the right password, including non-ASCII', async () => {
    expect(await checkOfflinePassword(recordFor('rahasia-123'), 'rahasia-123')).toEqual({
      ok: true,
    })
    expect(await checkOfflinePassword(recordFor('kopi☕susu'), 'kopi☕susu')).toEqual({ ok: true })
  })

  it.each(['rahasia-124', 'Rahasia-123', 'rahasia-123 ', ''])('refuses %j', async (typed) => {
    expect(await checkOfflinePassword(recordFor('rahasia-123'), typed)).toEqual({
      ok: false,
      reason: 'WRONG_PASSWORD',
    })
  })

  it('matches a verifier made with the server parameters (m = 19 MiB, t = 2)', async () => {
    const params = { m: 19_456, t: 2, p: 1, dkLen: 32 }
    const record = recordFor('x')
    record.verifier = {
      ...record.verifier,
      memoryKiB: 19_456,
      iterations: 2,
      hash: b64(argon2id('sandi kantor', salt, params)),
    }
    expect(await checkOfflinePassword(record, 'sandi kantor')).toEqual({ ok: true })
  }, 30_000)

  it('refuses an inactive user even with the right password', async () => {
    const record = recordFor('rahasia-123')
    record.user.active = false
    expect(await checkOfflinePassword(record, 'rahasia-123')).toEqual({
      ok: false,
      reason: 'USER_INACTIVE',
    })
  })

  it.each([
    ['absurd memory', { memoryKiB: 4 * 1024 * 1024 }],
    ['absurd iterations', { iterations: 1000 }],
    ['zero parallelism', { parallelism: 0 }],
    ['fractional memory', { memoryKiB: 64.5 }],
    ['a salt that is not base64', { salt: '%%%' }],
    ['a short hash', { hash: b64(new Uint8Array(4)) }],
    ['another algorithm', { algorithm: 'bcrypt' as 'argon2id' }],
  ])('refuses a verifier with %s without computing it', async (_why, overrides) => {
    expect(await checkOfflinePassword(recordFor('p', overrides), 'p')).toEqual({
      ok: false,
      reason: 'UNSUPPORTED_VERIFIER',
    })
  })
})
