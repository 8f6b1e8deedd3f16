/**
 * Two different argon2id values per user, both made when the password is set:
 *
 * - the login hash (encoded PHC string, the `argon2` package): checked by the server at login;
 * - the offline verifier: argon2id raw output with its own salt and fixed, published parameters,
 *   sent to the office's PCs so a clerk can log in with no network. The app recomputes it with
 *   @noble/hashes (pure JS); tests/server/offline-verifier.test.ts checks both give the same bytes.
 *
 * They differ so that the verifier on a PC says nothing about the server's login hash.
 */
import argon2 from 'argon2'
import { randomBytes } from 'node:crypto'

/** OWASP's argon2id minimum (m = 19 MiB, t = 2, p = 1). */
export const OFFLINE_VERIFIER_PARAMS = { memoryKiB: 19_456, iterations: 2, parallelism: 1 }
export const OFFLINE_VERIFIER_HASH_BYTES = 32
const SALT_BYTES = 16

export interface LoginHashParams {
  memoryKiB: number
  iterations: number
  parallelism: number
}

export const DEFAULT_LOGIN_HASH_PARAMS: LoginHashParams = {
  memoryKiB: 19_456,
  iterations: 2,
  parallelism: 1,
}

export interface OfflineVerifier {
  salt: Buffer
  hash: Buffer
  memoryKiB: number
  iterations: number
  parallelism: number
}

export async function offlineVerifierOf(
  password: string,
  salt: Buffer = randomBytes(SALT_BYTES),
): Promise<OfflineVerifier> {
  const hash = await argon2.hash(password, {
    type: argon2.argon2id,
    raw: true,
    salt,
    hashLength: OFFLINE_VERIFIER_HASH_BYTES,
    memoryCost: OFFLINE_VERIFIER_PARAMS.memoryKiB,
    timeCost: OFFLINE_VERIFIER_PARAMS.iterations,
    parallelism: OFFLINE_VERIFIER_PARAMS.parallelism,
  })
  return { salt, hash, ...OFFLINE_VERIFIER_PARAMS }
}

export function loginHashOf(password: string, params: LoginHashParams): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
  })
}

export async function verifyLoginHash(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}
