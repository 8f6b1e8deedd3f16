/**
 * Where the server's three keys come from. Order: explicit option (tests) → environment
 * (NAUNGAN_TOKEN_KEY, NAUNGAN_DATA_KEY, NAUNGAN_CARD_SIGNING_KEY) → for embedded PGlite only, a
 * file in the data folder, created on first start. With DATABASE_URL the environment is required:
 * several processes must share the keys, and keys must not live next to a database they protect.
 *
 * A key file written before the card signing key existed gets one added on the next start; the
 * token and data keys in it are never replaced (a new data key would make every stored NIK
 * unreadable).
 */
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import {
  base64UrlOf,
  bytesOfBase64Url,
  isEd25519PublicKey,
  publicKeyOf,
} from '../shared/cards/card-token'
import { KEY_BYTES, parseKey, type ServerKeys } from './crypto'

export const KEY_FILE_NAME = 'server-keys.json'

type KeyName = keyof ServerKeys

const ENV_NAMES: Record<KeyName, string> = {
  tokenKey: 'NAUNGAN_TOKEN_KEY',
  dataKey: 'NAUNGAN_DATA_KEY',
  cardSigningKey: 'NAUNGAN_CARD_SIGNING_KEY',
}
const KEY_NAMES = Object.keys(ENV_NAMES) as KeyName[]

export function resolveKeys(input: {
  keys?: ServerKeys
  env: NodeJS.ProcessEnv
  /** Set for PGlite: the folder of the key file (`server-keys.json`), unless `keyFile` is set. */
  keyFileDir?: string
  /** Set for PGlite: the key file's own path, e.g. on another disk than the data. */
  keyFile?: string
}): ServerKeys {
  if (input.keys) return input.keys
  const fromEnv: Partial<Record<KeyName, Buffer>> = {}
  for (const name of KEY_NAMES) {
    const text = input.env[ENV_NAMES[name]]
    if (text) fromEnv[name] = parseKey(text, ENV_NAMES[name])
  }
  if (fromEnv.tokenKey && fromEnv.dataKey && fromEnv.cardSigningKey) {
    return {
      tokenKey: fromEnv.tokenKey,
      dataKey: fromEnv.dataKey,
      cardSigningKey: fromEnv.cardSigningKey,
    }
  }
  if (!input.keyFileDir && !input.keyFile) {
    const missing = KEY_NAMES.filter((name) => !fromEnv[name]).map((name) => ENV_NAMES[name])
    throw new Error(
      `NAUNGAN_TOKEN_KEY, NAUNGAN_DATA_KEY and NAUNGAN_CARD_SIGNING_KEY must be set (32 bytes each, hex or base64) when using DATABASE_URL; missing: ${missing.join(', ')}. Generate each with: openssl rand -hex 32`,
    )
  }

  const file = input.keyFile ?? join(input.keyFileDir as string, KEY_FILE_NAME)
  if (existsSync(file)) restrictToOwner(file, 0o600)
  const stored = existsSync(file) ? readKeyFile(file) : null
  const resolved: Partial<Record<KeyName, Buffer>> = {}
  for (const name of KEY_NAMES) {
    const storedText = stored?.[name]
    resolved[name] =
      fromEnv[name] ??
      (storedText === undefined ? undefined : parseKey(String(storedText), `${file} ${name}`))
  }
  if (stored && (!resolved.tokenKey || !resolved.dataKey)) {
    // Never invent these next to a file that should have had them: it is damaged or was edited.
    const name = resolved.tokenKey ? 'dataKey' : 'tokenKey'
    throw new Error(`${file} has no ${name} and ${ENV_NAMES[name]} is not set.`)
  }
  if (!stored && fromEnv.dataKey && !fromEnv.tokenKey) {
    // A data key from the environment with no key file: do not invent the other half silently.
    throw new Error('NAUNGAN_DATA_KEY is set but NAUNGAN_TOKEN_KEY is not: set both.')
  }

  const generated: Partial<Record<KeyName, Buffer>> = {}
  for (const name of KEY_NAMES) {
    if (!resolved[name]) resolved[name] = generated[name] = randomBytes(KEY_BYTES)
  }
  if (Object.keys(generated).length > 0) {
    const contents: Record<string, unknown> = { ...stored }
    for (const [name, key] of Object.entries(generated)) contents[name] = key.toString('hex')
    // As before: a new file pairs a generated data key with the token key it was made with.
    if (generated.dataKey && resolved.tokenKey) {
      contents.tokenKey = resolved.tokenKey.toString('hex')
    }
    writeFileAtomically(file, `${JSON.stringify(contents, null, 2)}\n`)
  }
  return {
    tokenKey: resolved.tokenKey as Buffer,
    dataKey: resolved.dataKey as Buffer,
    cardSigningKey: resolved.cardSigningKey as Buffer,
  }
}

/**
 * Keys are readable by the server's own user only. A file or folder left readable by others (an
 * older version, a copy restored from backup) is tightened, with a warning. No-op on Windows,
 * where access is governed by ACLs, not mode bits.
 */
export function restrictToOwner(path: string, mode: 0o600 | 0o700): void {
  if (process.platform === 'win32') return
  const current = statSync(path).mode & 0o777
  if ((current & 0o077) === 0) return
  chmodSync(path, mode)
  console.warn(
    `${path} was readable by other users (mode ${current.toString(8)}); set to ${mode.toString(8)}.`,
  )
}

function readKeyFile(file: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    // No details: the parser's message may quote part of the file, i.e. a key.
    throw new Error(`${file} is not valid JSON: restore it from the backup of the data folder.`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} is not a key file: restore it from the backup of the data folder.`)
  }
  return parsed as Record<string, unknown>
}

/**
 * Temp file (mode 0600) flushed to disk, then renamed over the target: a crash leaves either the
 * old file or the new one, never half of either.
 */
function writeFileAtomically(file: string, contents: string): void {
  const temporary = `${file}.${process.pid}.tmp`
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const fd = openSync(temporary, 'w', 0o600)
  try {
    writeSync(fd, contents)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temporary, { force: true })
    throw error
  }
  closeSync(fd)
  renameSync(temporary, file)
  try {
    const dir = openSync(dirname(file), 'r')
    try {
      fsyncSync(dir)
    } finally {
      closeSync(dir)
    }
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  }
}

/**
 * The public keys of retired district keys that cards may still carry, from
 * NAUNGAN_CARD_TRUSTED_KEYS (comma-separated base64url). Refuses anything that is not an Ed25519
 * public key, so a secret key pasted by mistake stops the start instead of being published.
 */
export function parseTrustedCardKeys(text: string | undefined): Uint8Array[] {
  if (!text) return []
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      const bytes = bytesOfBase64Url(entry, 100)
      if (!isEd25519PublicKey(bytes) || base64UrlOf(bytes) !== entry) {
        throw new Error(
          `NAUNGAN_CARD_TRUSTED_KEYS entry ${index + 1} is not an Ed25519 public key in base64url (43 characters).`,
        )
      }
      return bytes
    })
}

/** What the server hands out as trusted: the current district key first, then retired ones. */
export function districtPublicKeysOf(
  cardSigningKey: Uint8Array,
  retired: readonly Uint8Array[],
): string[] {
  const current = base64UrlOf(publicKeyOf(cardSigningKey))
  return [...new Set([current, ...retired.map(base64UrlOf)])]
}
