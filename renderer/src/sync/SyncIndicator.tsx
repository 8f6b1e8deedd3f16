import { useState } from 'react'
import { hrefOf } from '@/core/hash-route'
import { formatDateTime, formatNumber, useI18n } from '@/core/i18n/i18n'
import { useSync, useSyncStatus } from './sync-context'
import './sync.css'

/**
 * Always in the header once the PC is enrolled: state, changes not yet on the server, last
 * successful sync, the initial download's progress, and "Sinkronkan sekarang".
 */
export function SyncIndicator() {
  const { t, language } = useI18n()
  const sync = useSync()
  const status = useSyncStatus()
  // "Sinkronkan sekarang" while the link is down: say so instead of doing nothing visible.
  const [nowNotice, setNowNotice] = useState<string | null>(null)
  if (!sync || !status) return null
  const { phase, pendingCount, lastSyncedAt, progress, lastError, problemCount } = status
  const problems = problemCount
  // Never green while a record waits for a person (refused, in conflict or a possible duplicate)
  // or the server refused part of this PC's history.
  const look = phase === 'synced' && (problems > 0 || status.auditRefused > 0) ? 'problem' : phase
  return (
    <section
      className={`sync-indicator sync-${look}`}
      aria-label={t('sync.region')}
      data-testid="sync-indicator"
    >
      <p className="sync-phase" role="status" data-sync-phase={phase}>
        <span className="sync-dot" aria-hidden="true" />
        <strong>{look === 'problem' ? t('sync.phase.problems') : t(`sync.phase.${phase}`)}</strong>
        {phase === 'error' && lastError?.message ? <span> — {lastError.message}</span> : null}
      </p>
      <p className="sync-detail">
        <span data-testid="sync-pending" data-count={pendingCount}>
          {pendingCount > 0
            ? t('sync.pending', { count: formatNumber(language, pendingCount) })
            : problems > 0
              ? t('sync.pendingNoneButProblems')
              : t('sync.pendingNone')}
        </span>
        {problems > 0 ? (
          <>
            {' · '}
            <span data-testid="sync-problems" data-count={problems} className="sync-problem-count">
              {t('sync.problems', { count: formatNumber(language, problems) })}
            </span>
          </>
        ) : null}
        {status.auditRefused > 0 ? (
          <>
            {' · '}
            <span data-testid="sync-audit-refused" className="sync-problem-count">
              {t('sync.auditRefused', { count: formatNumber(language, status.auditRefused) })}
            </span>
          </>
        ) : null}
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
      {status.lastRecovery ? (
        <p className="sync-recovery" role="status" data-testid="sync-recovery">
          {t('sync.recovered', {
            count: formatNumber(
              language,
              status.lastRecovery.restored +
                status.lastRecovery.merged +
                status.lastRecovery.resent,
            ),
            at: formatDateTime(language, status.lastRecovery.at),
          })}
          {status.lastRecovery.refused > 0
            ? ` ${t('sync.recoveryRefused', { count: formatNumber(language, status.lastRecovery.refused) })}`
            : ''}
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
          onClick={() => {
            sync.controller.syncNow()
            setNowNotice(
              phase === 'offline' || !navigator.onLine
                ? t('sync.nowOffline')
                : t('sync.nowStarted'),
            )
          }}
          disabled={phase === 'revoked'}
        >
          {t('sync.now')}
        </button>{' '}
        <a href={hrefOf({ screen: 'sync-problems' })}>
          {problems > 0
            ? t('sync.problemsLink', { count: formatNumber(language, problems) })
            : t('nav.syncProblems')}
        </a>
      </p>
      {nowNotice ? (
        <p className="sync-now-notice" role="status" data-testid="sync-now-notice">
          {nowNotice}
        </p>
      ) : null}
    </section>
  )
}
