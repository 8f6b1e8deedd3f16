import { useState } from 'react'
import { useI18n } from '@/core/i18n/i18n'
import type { SyncContextValue } from '@/sync/sync-context'
import { ChangePasswordDialog } from './ChangePasswordDialog'
import './account.css'

/**
 * In the header of an enrolled PC while someone is signed in: who it is, "Ganti kata sandi" and
 * "Keluar". A shared PC goes from one clerk to the next without a reload.
 */
export function AccountBar({
  sync,
  onSignOut,
}: {
  sync: SyncContextValue
  onSignOut(): Promise<void>
}) {
  const { t } = useI18n()
  const [isSigningOut, setSigningOut] = useState(false)
  const [isChangingPassword, setChangingPassword] = useState(false)
  return (
    <section className="account-bar" aria-label={t('account.region')}>
      <span className="account-name" data-testid="account-name">
        {t('account.signedInAs', {
          name: sync.user.displayName,
          username: sync.user.username,
        })}
      </span>
      <button type="button" onClick={() => setChangingPassword(true)}>
        {t('account.changePassword')}
      </button>
      <button
        type="button"
        disabled={isSigningOut}
        onClick={() => {
          setSigningOut(true)
          void onSignOut().finally(() => setSigningOut(false))
        }}
      >
        {isSigningOut ? t('account.signingOut') : t('account.signOut')}
      </button>
      {isChangingPassword ? (
        <ChangePasswordDialog sync={sync} onClose={() => setChangingPassword(false)} />
      ) : null}
    </section>
  )
}
