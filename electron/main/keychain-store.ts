import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  isKeychainSecretName,
  isStoredSecretName,
  MAX_STORED_SECRET_LENGTH,
} from '../../shared/platform/platform-contract'
import { writeFileAtomically } from './atomic-write'

/**
 * Whatever encrypts secrets at rest. In the app this is Electron's safeStorage (DPAPI on Windows,
 * the Secret Service / KWallet on Linux); the unit tests pass a reversible stand-in.
 */
export interface SecretCipher {
  isAvailable(): boolean
  encrypt(plainText: string): Uint8Array
  decrypt(cipherText: Buffer): string
}

export type KeychainErrorCode =
  | 'KEYCHAIN_UNAVAILABLE'
  | 'KEYCHAIN_UNKNOWN_SECRET'
  | 'KEYCHAIN_FILE_CORRUPT'
  | 'KEYCHAIN_DECRYPT_FAILED'
  | 'KEYCHAIN_BAD_VALUE'

/** The code leads the message so it survives the trip over IPC, where only `message` is kept. */
export class KeychainError extends Error {
  constructor(
    readonly code: KeychainErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`)
    this.name = 'KeychainError'
  }
}

export const KEYCHAIN_FILE_NAME = 'keychain.json'
const FILE_VERSION = 1
const SECRET_BYTES = 32
const SECRET_PATTERN = /^[0-9a-f]{64}$/

interface KeychainFile {
  version: typeof FILE_VERSION
  /** Secret name → base64 of the encrypted secret. Never the secret itself. */
  secrets: Record<string, string>
}

export interface KeychainStore {
  getOrCreateSecret(name: unknown): Promise<string>
  /** A secret kept with `setSecret` (stored names only), or null. */
  getSecret(name: unknown): Promise<string | null>
  /** Keeps a stored secret encrypted, or removes it with null. */
  setSecret(name: unknown, value: unknown): Promise<void>
}

export function createKeychainStore(options: {
  directory: string
  cipher: SecretCipher
}): KeychainStore {
  const filePath = join(options.directory, KEYCHAIN_FILE_NAME)
  const { cipher } = options

  async function readKeychainFile(): Promise<KeychainFile> {
    let text: string
    try {
      text = await readFile(filePath, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { version: FILE_VERSION, secrets: {} }
      }
      throw error
    }
    // A damaged file is reported, never replaced: a fresh key would lock the clerk out of every
    // record already encrypted with the old one.
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new KeychainError('KEYCHAIN_FILE_CORRUPT', `${filePath} is not valid JSON.`)
    }
    if (!isKeychainFile(parsed)) {
      throw new KeychainError('KEYCHAIN_FILE_CORRUPT', `${filePath} has an unexpected shape.`)
    }
    return parsed
  }

  function requireCipher(): void {
    if (!cipher.isAvailable()) {
      throw new KeychainError(
        'KEYCHAIN_UNAVAILABLE',
        'The operating system keychain cannot encrypt data on this machine, so secrets ' +
          'cannot be stored safely.',
      )
    }
  }

  function decryptEntry(name: string, stored: string): string {
    try {
      return cipher.decrypt(Buffer.from(stored, 'base64'))
    } catch {
      throw new KeychainError(
        'KEYCHAIN_DECRYPT_FAILED',
        `The stored "${name}" cannot be decrypted (was the data folder copied from another ` +
          'user or machine?).',
      )
    }
  }

  async function writeKeychainFile(file: KeychainFile): Promise<void> {
    await writeFileAtomically(filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 })
  }

  async function getOrCreate(name: unknown): Promise<string> {
    if (!isKeychainSecretName(name)) {
      throw new KeychainError('KEYCHAIN_UNKNOWN_SECRET', `"${String(name)}" is not a known secret.`)
    }
    requireCipher()
    const file = await readKeychainFile()
    const stored = file.secrets[name]
    if (stored !== undefined) {
      const secret = decryptEntry(name, stored)
      if (!SECRET_PATTERN.test(secret)) {
        throw new KeychainError('KEYCHAIN_FILE_CORRUPT', `The stored "${name}" is malformed.`)
      }
      return secret
    }
    const secret = randomBytes(SECRET_BYTES).toString('hex')
    const next: KeychainFile = {
      version: FILE_VERSION,
      secrets: { ...file.secrets, [name]: Buffer.from(cipher.encrypt(secret)).toString('base64') },
    }
    await writeKeychainFile(next)
    return secret
  }

  async function getStored(name: unknown): Promise<string | null> {
    if (!isStoredSecretName(name)) {
      throw new KeychainError('KEYCHAIN_UNKNOWN_SECRET', `"${String(name)}" is not a known secret.`)
    }
    requireCipher()
    const file = await readKeychainFile()
    const stored = file.secrets[name]
    return stored === undefined ? null : decryptEntry(name, stored)
  }

  async function setStored(name: unknown, value: unknown): Promise<void> {
    if (!isStoredSecretName(name)) {
      throw new KeychainError('KEYCHAIN_UNKNOWN_SECRET', `"${String(name)}" is not a known secret.`)
    }
    if (
      value !== null &&
      (typeof value !== 'string' || value === '' || value.length > MAX_STORED_SECRET_LENGTH)
    ) {
      throw new KeychainError('KEYCHAIN_BAD_VALUE', `"${name}" must be a non-empty short text.`)
    }
    const file = await readKeychainFile()
    const secrets = { ...file.secrets }
    if (value === null) {
      if (!(name in secrets)) return
      delete secrets[name]
    } else {
      // Forgetting needs no cipher; keeping does, and never falls back to clear text.
      requireCipher()
      secrets[name] = Buffer.from(cipher.encrypt(value)).toString('base64')
    }
    await writeKeychainFile({ version: FILE_VERSION, secrets })
  }

  // Two first-time calls racing would each create a key and the loser's would be overwritten
  // while the renderer already uses it. One operation at a time makes the second call read the
  // first one's key.
  // The same queue keeps a read-modify-write of one secret from undoing another's.
  let queue: Promise<unknown> = Promise.resolve()
  function serialised<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work)
    queue = result.catch(() => undefined)
    return result
  }
  return {
    getOrCreateSecret: (name) => serialised(() => getOrCreate(name)),
    getSecret: (name) => serialised(() => getStored(name)),
    setSecret: (name, value) => serialised(() => setStored(name, value)),
  }
}

function isKeychainFile(value: unknown): value is KeychainFile {
  if (typeof value !== 'object' || value === null) return false
  const { version, secrets } = value as Record<string, unknown>
  if (version !== FILE_VERSION) return false
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return false
  return Object.values(secrets).every((entry) => typeof entry === 'string')
}
