import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isKeychainSecretName } from '../../shared/platform/platform-contract'
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

  async function getOrCreate(name: unknown): Promise<string> {
    if (!isKeychainSecretName(name)) {
      throw new KeychainError('KEYCHAIN_UNKNOWN_SECRET', `"${String(name)}" is not a known secret.`)
    }
    if (!cipher.isAvailable()) {
      throw new KeychainError(
        'KEYCHAIN_UNAVAILABLE',
        'The operating system keychain cannot encrypt data on this machine, so the database key ' +
          'cannot be stored safely.',
      )
    }
    const file = await readKeychainFile()
    const stored = file.secrets[name]
    if (stored !== undefined) {
      let secret: string
      try {
        secret = cipher.decrypt(Buffer.from(stored, 'base64'))
      } catch {
        throw new KeychainError(
          'KEYCHAIN_DECRYPT_FAILED',
          `The stored "${name}" cannot be decrypted (was the data folder copied from another ` +
            'user or machine?).',
        )
      }
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
    await writeFileAtomically(filePath, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 })
    return secret
  }

  // Two first-time calls racing would each create a key and the loser's would be overwritten
  // while the renderer already uses it. One operation at a time makes the second call read the
  // first one's key.
  let queue: Promise<unknown> = Promise.resolve()
  return {
    getOrCreateSecret(name) {
      const result = queue.then(() => getOrCreate(name))
      queue = result.catch(() => undefined)
      return result
    },
  }
}

function isKeychainFile(value: unknown): value is KeychainFile {
  if (typeof value !== 'object' || value === null) return false
  const { version, secrets } = value as Record<string, unknown>
  if (version !== FILE_VERSION) return false
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return false
  return Object.values(secrets).every((entry) => typeof entry === 'string')
}
