import type { AppInfo } from '@shared/platform/platform-contract'
import { getPlatform } from '@/core/platform'
import { openStore, type NaunganStore } from '@/core/store/database'
import { loadOfficeProfile, type OfficeProfile } from '@/core/store/participant-repository'

export const STORE_NAME = 'naungan'

export interface StartedApp {
  store: NaunganStore
  office: OfficeProfile | null
  appInfo: AppInfo
}

let started: Promise<StartedApp> | null = null

/** Opens the store once per window, with the key the host keeps in its keychain. */
export function startApp(): Promise<StartedApp> {
  started ??= (async () => {
    const platform = getPlatform()
    const [appInfo, secretHex] = await Promise.all([
      platform.getAppInfo(),
      platform.getOrCreateSecret('database-key'),
    ])
    const store = await openStore({ name: STORE_NAME, secretHex, inWorker: true })
    const office = await loadOfficeProfile(store)
    return { store, office, appInfo }
  })()
  return started
}

/**
 * Tells tests and the Electron shell that the app finished starting (Joplin's "startup
 * finished" signal): e2e tests wait for it instead of sleeping.
 */
export function signalAppState(state: 'starting' | 'ready' | 'failed'): void {
  document.documentElement.dataset.appState = state
}

/**
 * The sync state for tests and support staff: `standalone` (no server configured), `signed-out`
 * (enrolled, nobody logged in), then what the sync controller reports (`starting`, `syncing`,
 * `synced`, `offline`, `error`, `revoked`).
 */
export function signalSyncState(state: string): void {
  document.documentElement.dataset.syncState = state
}
