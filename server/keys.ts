/**
 * Where the server's two keys come from. Order: explicit option (tests) → environment
 * (NAUNGAN_TOKEN_KEY, NAUNGAN_DATA_KEY) → for embedded PGlite only, a file in the data folder,
 * created on first start. With DATABASE_URL the environment is required: several processes must
 * share the keys, and keys must not live next to a database they protect.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { KEY_BYTES, parseKey, type ServerKeys } from './crypto'

export const KEY_FILE_NAME = 'server-keys.json'

export function resolveKeys(input: {
  keys?: ServerKeys
  env: NodeJS.ProcessEnv
  /** Set for PGlite: where a generated key file may live. */
  keyFileDir?: string
}): ServerKeys {
  if (input.keys) return input.keys
  const tokenText = input.env.NAUNGAN_TOKEN_KEY
  const dataText = input.env.NAUNGAN_DATA_KEY
  if (tokenText && dataText) {
    return {
      tokenKey: parseKey(tokenText, 'NAUNGAN_TOKEN_KEY'),
      dataKey: parseKey(dataText, 'NAUNGAN_DATA_KEY'),
    }
  }
  if (!input.keyFileDir) {
    throw new Error(
      'NAUNGAN_TOKEN_KEY and NAUNGAN_DATA_KEY must be set (32 bytes each, hex or base64) when using DATABASE_URL. Generate one with: openssl rand -hex 32',
    )
  }
  const file = join(input.keyFileDir, KEY_FILE_NAME)
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { tokenKey?: string; dataKey?: string }
    return {
      tokenKey: tokenText
        ? parseKey(tokenText, 'NAUNGAN_TOKEN_KEY')
        : parseKey(stored.tokenKey ?? '', `${file} tokenKey`),
      dataKey: dataText
        ? parseKey(dataText, 'NAUNGAN_DATA_KEY')
        : parseKey(stored.dataKey ?? '', `${file} dataKey`),
    }
  }
  if (dataText) {
    // A data key from the environment with no key file: do not invent the other half silently.
    throw new Error('NAUNGAN_DATA_KEY is set but NAUNGAN_TOKEN_KEY is not: set both.')
  }
  const keys: ServerKeys = {
    tokenKey: tokenText ? parseKey(tokenText, 'NAUNGAN_TOKEN_KEY') : randomBytes(KEY_BYTES),
    dataKey: randomBytes(KEY_BYTES),
  }
  const temporary = `${file}.tmp`
  writeFileSync(
    temporary,
    JSON.stringify({
      tokenKey: keys.tokenKey.toString('hex'),
      dataKey: keys.dataKey.toString('hex'),
    }),
    { mode: 0o600 },
  )
  chmodSync(temporary, 0o600)
  renameSync(temporary, file)
  return keys
}
