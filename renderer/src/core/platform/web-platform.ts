import type {
  KeychainSecretName,
  NaunganPlatform,
  PrintPdfResult,
  SaveFileRequest,
  SaveFileResult,
  StoredSecretName,
} from '@shared/platform/platform-contract'
import {
  isKeychainSecretName,
  isStoredSecretName,
  MAX_STORED_SECRET_LENGTH,
} from '@shared/platform/platform-contract'

/**
 * The platform contract in a plain browser (`npm run web`, the e2e suite).
 *
 * There is no OS keychain here. Secrets are kept in their own IndexedDB database, encrypted with a
 * non-extractable AES-GCM key that lives in the same database: script on the page cannot read the
 * key's bytes, and the secret is never stored in clear. It does NOT protect against someone who
 * copies the whole browser profile — on office PCs use the Electron app, whose secrets are sealed
 * by the OS keychain (DPAPI on Windows). See docs/security.md.
 */

const KEYCHAIN_DB = 'naungan-keychain'
const STORE = 'secrets'
const WRAPPING_KEY_ID = '__wrapping-key'

function openKeychainDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(KEYCHAIN_DB, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB keychain failed to open'))
  })
}

function idbGet<T>(db: IDBDatabase, key: string): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const request = db.transaction(STORE, 'readonly').objectStore(STORE).get(key)
    request.onsuccess = () => resolve(request.result as T | undefined)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'))
  })
}

/** Adds the value only if the key is still free, so two tabs starting together agree on one. */
function idbAddIfAbsent(db: IDBDatabase, key: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' })
    tx.objectStore(STORE).add(value, key)
    tx.oncomplete = () => resolve()
    tx.onabort = () => {
      if (tx.error?.name === 'ConstraintError') resolve()
      else reject(tx.error ?? new Error('IndexedDB write aborted'))
    }
  })
}

/** Replaces (or with undefined, deletes) the value under a key. */
function idbPut(db: IDBDatabase, key: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' })
    const store = tx.objectStore(STORE)
    if (value === undefined) store.delete(key)
    else store.put(value, key)
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'))
  })
}

interface WrappedSecret {
  iv: Uint8Array<ArrayBuffer>
  cipher: ArrayBuffer
}

async function wrappingKey(db: IDBDatabase): Promise<CryptoKey> {
  const existing = await idbGet<CryptoKey>(db, WRAPPING_KEY_ID)
  if (existing) return existing
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ])
  await idbAddIfAbsent(db, WRAPPING_KEY_ID, key)
  const stored = await idbGet<CryptoKey>(db, WRAPPING_KEY_ID)
  if (!stored) throw new Error('The browser did not keep the key store.')
  return stored
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')
}

async function getOrCreateSecret(name: KeychainSecretName): Promise<string> {
  if (!isKeychainSecretName(name)) throw new Error('Unknown secret name')
  const db = await openKeychainDb()
  try {
    const key = await wrappingKey(db)
    const read = async (): Promise<string | null> => {
      const stored = await idbGet<WrappedSecret>(db, name)
      if (!stored) return null
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: stored.iv },
        key,
        stored.cipher,
      )
      return new TextDecoder().decode(plain)
    }
    const existing = await read()
    if (existing) return existing
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const cipher = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      key,
      new TextEncoder().encode(randomHex(32)),
    )
    await idbAddIfAbsent(db, name, { iv, cipher } satisfies WrappedSecret)
    const created = await read()
    if (!created) throw new Error('The browser did not keep the secret.')
    return created
  } finally {
    db.close()
  }
}

async function readWrapped(db: IDBDatabase, key: CryptoKey, name: string): Promise<string | null> {
  const stored = await idbGet<WrappedSecret>(db, name)
  if (!stored) return null
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: stored.iv }, key, stored.cipher)
  return new TextDecoder().decode(plain)
}

async function getSecret(name: StoredSecretName): Promise<string | null> {
  if (!isStoredSecretName(name)) throw new Error('Unknown secret name')
  const db = await openKeychainDb()
  try {
    return await readWrapped(db, await wrappingKey(db), name)
  } finally {
    db.close()
  }
}

async function setSecret(name: StoredSecretName, value: string | null): Promise<void> {
  if (!isStoredSecretName(name)) throw new Error('Unknown secret name')
  if (value !== null && (value === '' || value.length > MAX_STORED_SECRET_LENGTH)) {
    throw new Error('Bad secret value')
  }
  const db = await openKeychainDb()
  try {
    if (value === null) {
      await idbPut(db, name, undefined)
      return
    }
    const key = await wrappingKey(db)
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const cipher = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      key,
      new TextEncoder().encode(value),
    )
    await idbPut(db, name, { iv, cipher } satisfies WrappedSecret)
  } finally {
    db.close()
  }
}

async function saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
  try {
    const blob = new Blob([request.data as Uint8Array<ArrayBuffer>], { type: request.mimeType })
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = request.suggestedName
    link.rel = 'noopener'
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
    return { saved: true, location: request.suggestedName }
  } catch {
    return { saved: false, reason: 'WRITE_FAILED' }
  }
}

/**
 * A web page cannot hand a PDF straight to the system print dialog. The UI checks
 * `AppInfo.canPrintPdf` (false here) and offers the download and the browser's own PDF viewer,
 * whose print button does, instead.
 */
async function printPdf(): Promise<PrintPdfResult> {
  return { printed: false, reason: 'UNSUPPORTED' }
}

export const webPlatform = {
  getAppInfo: async () => ({
    version: import.meta.env.VITE_APP_VERSION ?? '0.0.0',
    host: 'web' as const,
    secretProtection: 'browser-storage' as const,
    canPrintPdf: false,
  }),
  getOrCreateSecret,
  getSecret,
  setSecret,
  saveFile,
  printPdf,
  // A browser tab is updated by reloading the served build: nothing to download or install.
  checkForUpdate: async () => ({ kind: 'unsupported' as const }),
} satisfies NaunganPlatform
