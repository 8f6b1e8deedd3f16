import { hrefOf } from '../app/hash-route'
import { formatDateTime, formatNumber, useI18n } from '../i18n/i18n'
import { useSync, useSyncStatus } from './sync-context'

/**
 * Always in the header once the PC is enrolled: state, changes not yet on the server, last
 * successful sync, the initial download's progress, and "Sinkronkan sekarang".
 */
export function SyncIndicator() {
  const { t, language } = useI18n()
  const sync = useSync()
  const status = useSyncStatus()
  if (!sync || !status) return null
  const { phase, pendingCount, lastSyncedAt, progress, lastError } = status
  return (
    <section
      className={`sync-indicator sync-${phase}`}
      aria-label={t('sync.region')}
      data-testid="sync-indicator"
    >
      <p className="sync-phase" role="status" data-sync-phase={phase}>
        <span className="sync-dot" aria-hidden="true" />
        <strong>{t(`sync.phase.${phase}`)}</strong>
        {phase === 'error' && lastError?.message ? <span> — {lastError.message}</span> : null}
      </p>
      <p className="sync-detail">
        <span data-testid="sync-pending" data-count={pendingCount}>
          {pendingCount > 0
            ? t('sync.pending', { count: formatNumber(language, pendingCount) })
            : t('sync.pendingNone')}
        </span>
        {' · '}
        <span data-testid="sync-last">
          {lastSyncedAt
            ? t('sync.lastSynced', { at: formatDateTime(language, lastSyncedAt) })
            : t('sync.neverSynced')}
        </span>
        {' · '}
        <span>
          {t('sync.operator', { name: sync.user.displayName })}
          {sync.signedInOffline ? ` (${t('sync.offlineLogin')})` : ''}
        </span>
      </p>
      {progress ? (
        <p className="sync-progress">
          <progress
            aria-label={t('sync.progressLabel')}
            max={progress.total}
            value={progress.done}
          />{' '}
          <span data-testid="sync-progress-text">
            {t('sync.progress', {
              done: formatNumber(language, progress.done),
              total: formatNumber(language, progress.total),
            })}
          </span>
        </p>
      ) : null}
      {phase === 'revoked' ? (
        <p className="sync-revoked" role="alert">
          {t('sync.revokedDetail')}
        </p>
      ) : null}
      <p className="sync-actions">
        <button
          type="button"
          onClick={() => sync.controller.syncNow()}
          disabled={phase === 'revoked'}
        >
          {t('sync.now')}
        </button>{' '}
        <a href={hrefOf({ screen: 'sync-problems' })}>{t('nav.syncProblems')}</a>
      </p>
    </section>
  )
}
