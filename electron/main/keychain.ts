import { safeStorage } from 'electron'
import { createKeychainStore, type KeychainStore } from './keychain-store'

/** The keychain store backed by Electron's safeStorage. Only callable after `app` is ready. */
export function createSafeStorageKeychain(userDataDir: string): KeychainStore {
  if (process.platform === 'linux' && safeStorage.isEncryptionAvailable()) {
    // Without a Secret Service or KWallet, Chromium falls back to a fixed password: still
    // "available", but no better than obfuscation. Say so in the log instead of failing a clerk
    // whose desktop has no keyring (see docs/security.md).
    const backend = safeStorage.getSelectedStorageBackend()
    if (backend === 'basic_text' || backend === 'unknown') {
      console.warn(`safeStorage backend is "${backend}": the database key is only obfuscated.`)
    }
  }
  return createKeychainStore({
    directory: userDataDir,
    cipher: {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      encrypt: (plainText) => safeStorage.encryptString(plainText),
      decrypt: (cipherText) => safeStorage.decryptString(cipherText),
    },
  })
}
