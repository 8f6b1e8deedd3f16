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
import { COMMON_PASSWORDS } from './common-passwords'

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

// ---------------------------------------------------------------------------------------------
// Password policy: what a clerk can live with and a guesser does not try first.

export const MIN_PASSWORD_LENGTH = 8
export const MAX_PASSWORD_LENGTH = 200

const COMMON = new Set(COMMON_PASSWORDS)

/** Lower case, with what people add to satisfy a rule stripped: 'Rahasia123!' → 'rahasia'. */
function guessableCoreOf(password: string): string {
  return password
    .trim()
    .toLowerCase()
    .replace(/[\s\d!@#$%^&*()_+=.,?-]+$/u, '')
    .replace(/^[\s\d!@#$%^&*()_+=.,?-]+/u, '')
}

/**
 * Why a new password is refused, as the sentence the admin or clerk reads, or null when it is
 * acceptable. Rules (NIST SP 800-63B: length and a blocklist, no composition rules): 8–200
 * characters, not only spaces, not the user name, not one of the commonly chosen passwords (also
 * with digits or symbols added before or after), and more than three different characters.
 */
export function passwordPolicyProblem(password: unknown, username: string): string | null {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    return `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Kata sandi paling banyak ${MAX_PASSWORD_LENGTH} karakter.`
  }
  if (password.trim() === '') return 'Kata sandi tidak boleh hanya berisi spasi.'
  const lower = password.trim().toLowerCase()
  const name = username.trim().toLowerCase()
  const core = guessableCoreOf(password)
  if (
    name !== '' &&
    (lower === name || core === name || (name.length >= 4 && lower.includes(name)))
  ) {
    return 'Kata sandi tidak boleh memuat nama pengguna.'
  }
  if (COMMON.has(lower) || COMMON.has(core) || COMMON.has(lower.replace(/[\s-]/g, ''))) {
    return 'Kata sandi ini terlalu umum dan mudah ditebak. Pakai gabungan beberapa kata yang mudah Anda ingat, misalnya "kopi-pagi-di-sungai".'
  }
  if (new Set(lower).size <= 3) {
    return 'Kata sandi ini terlalu mudah ditebak (hanya beberapa karakter yang diulang). Pakai gabungan beberapa kata.'
  }
  return null
}
