import { createContext, useContext, useSyncExternalStore } from 'react'
import type { UserInfo } from '@shared/sync/sync-protocol'
import type { Enrolment } from '@/core/enrolled-device'
import type { ServerSession } from '@/core/server-session'
import type { SyncController, SyncStatus } from './sync-controller'

/** The enrolled, signed-in side of the app; absent in standalone mode (no server). */
export interface SyncContextValue {
  controller: SyncController
  /** Authenticated requests to the central server (the admin screen's `AuthorizedRequest`). */
  session: ServerSession
  enrolment: Enrolment
  user: UserInfo
  /** Signed in against the stored verifier because the server could not be reached. */
  signedInOffline: boolean
}

export const SyncContext = createContext<SyncContextValue | null>(null)

export function useSync(): SyncContextValue | null {
  return useContext(SyncContext)
}

const STANDALONE_STATUS: SyncStatus | null = null
const noop = () => () => undefined

/** The live sync status, or null in standalone mode. */
export function useSyncStatus(): SyncStatus | null {
  const sync = useSync()
  return useSyncExternalStore(
    sync ? sync.controller.subscribe : noop,
    sync ? sync.controller.getStatus : () => STANDALONE_STATUS,
  )
}

/** Supervisors and admins settle conflicts (and, later, approve). */
export function canResolveConflicts(sync: SyncContextValue | null): boolean {
  return sync !== null && (sync.user.role === 'supervisor' || sync.user.role === 'admin')
}
