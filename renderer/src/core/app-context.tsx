import { createContext, useContext } from 'react'
import type { AppInfo } from '@shared/platform/platform-contract'
import type { NaunganStore } from './store/database'
import type { OfficeProfile } from './store/participant-repository'

export interface AppContextValue {
  store: NaunganStore
  office: OfficeProfile
  appInfo: AppInfo
  setOffice(office: OfficeProfile): Promise<void>
  /** False for district-wide offices (central, agency): they see participants, register none. */
  registrationAllowed: boolean
}

export const AppContext = createContext<AppContextValue | null>(null)

export function useApp(): AppContextValue {
  const value = useContext(AppContext)
  if (!value) throw new Error('useApp outside AppContext')
  return value
}
