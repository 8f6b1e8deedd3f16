/**
 * Offline login: checks a typed password against the verifier the server sent for this office's
 * users (`OfflineUserRecord`), with no network. The verifier is argon2id of the password with its
 * own salt and the parameters in the record, so the PC never holds the password or the server's
 * login hash.
 */
import { argon2idAsync } from '@noble/hashes/argon2.js'
import type { OfflineUserRecord } from './sync-protocol'

/**
 * Bounds on the parameters a record may ask for. A damaged or hostile record must not make the
 * login screen allocate gigabytes or spin for minutes; the server uses m = 19 MiB, t = 2, p = 1.
 */
export const VERIFIER_LIMITS = {
  maxMemoryKiB: 256 * 1024,
  maxIterations: 16,
  maxParallelism: 8,
} as const

export type VerifierCheck =
  { ok: true } | { ok: false; reason: 'WRONG_PASSWORD' | 'UNSUPPORTED_VERIFIER' | 'USER_INACTIVE' }

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number)
  return difference === 0
}

export async function checkOfflinePassword(
  record: OfflineUserRecord,
  password: string,
): Promise<VerifierCheck> {
  if (!record.user.active) return { ok: false, reason: 'USER_INACTIVE' }
  const { verifier } = record
  const { memoryKiB, iterations, parallelism } = verifier
  const sane =
    verifier.algorithm === 'argon2id' &&
    Number.isInteger(memoryKiB) &&
    Number.isInteger(iterations) &&
    Number.isInteger(parallelism) &&
    iterations >= 1 &&
    iterations <= VERIFIER_LIMITS.maxIterations &&
    parallelism >= 1 &&
    parallelism <= VERIFIER_LIMITS.maxParallelism &&
    memoryKiB >= 8 * parallelism &&
    memoryKiB <= VERIFIER_LIMITS.maxMemoryKiB
  if (!sane) return { ok: false, reason: 'UNSUPPORTED_VERIFIER' }
  let salt: Uint8Array
  let expected: Uint8Array
  try {
    salt = base64ToBytes(verifier.salt)
    expected = base64ToBytes(verifier.hash)
  } catch {
    return { ok: false, reason: 'UNSUPPORTED_VERIFIER' }
  }
  if (salt.length < 8 || expected.length < 16) return { ok: false, reason: 'UNSUPPORTED_VERIFIER' }
  const actual = await argon2idAsync(password, salt, {
    t: iterations,
    m: memoryKiB,
    p: parallelism,
    dkLen: expected.length,
    // Yield to the page every few milliseconds so the login screen keeps painting.
    asyncTick: 10,
  })
  return constantTimeEqual(actual, expected)
    ? { ok: true }
    : { ok: false, reason: 'WRONG_PASSWORD' }
}
