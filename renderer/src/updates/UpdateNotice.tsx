import { useEffect, useRef, useState } from 'react'
import type { UpdateCheckResult } from '@shared/platform/platform-contract'
import { useI18n } from '@/core/i18n/i18n'
import { getPlatform } from '@/core/platform'
import { currentWork, watchWork } from '@/core/work-in-progress'
import { useSync, useSyncStatus } from '@/sync/sync-context'

/** How often an enrolled PC asks its server for a new version (and once at sign-in). */
const CHECK_EVERY_MS = 4 * 60 * 60 * 1000
/** After work ends while an update waits: ask again this soon (a burst of saves settles first). */
const RECHECK_AFTER_WORK_MS = 5_000

/**
 * Updates from the district's server, in the header of an enrolled PC (docs/updates.md). The
 * shell decides (electron/main/updates.ts); this only asks, with what the app is doing, and says
 * what happens: downloading, waiting for a form, a print or an import to end, installing. The web
 * build answers `unsupported` and nothing is shown.
 */
export function UpdateNotice() {
  const { t } = useI18n()
  const sync = useSync()
  const status = useSyncStatus()
  const [result, setResult] = useState<UpdateCheckResult | null>(null)
  const pending = useRef(0)
  const pendingCount = status?.pendingCount ?? 0
  useEffect(() => {
    pending.current = pendingCount
  }, [pendingCount])
  const serverUrl = sync?.enrolment.serverUrl
  const deviceId = sync?.enrolment.deviceId
  const officeCode = sync?.enrolment.office.code ?? null

  useEffect(() => {
    if (!serverUrl || !deviceId) return
    let isCurrent = true
    let isChecking = false
    const check = () => {
      if (isChecking) return
      isChecking = true
      void getPlatform()
        .checkForUpdate({
          serverUrl,
          deviceId,
          officeCode,
          work: { ...currentWork(), pendingChangeCount: pending.current },
        })
        .then(
          (answer) => {
            if (isCurrent) setResult(answer)
          },
          () => undefined,
        )
        .finally(() => {
          isChecking = false
        })
    }
    check()
    const every = setInterval(check, CHECK_EVERY_MS)
    let soon: ReturnType<typeof setTimeout> | null = null
    const stopWatching = watchWork(() => {
      if (soon !== null) clearTimeout(soon)
      soon = setTimeout(check, RECHECK_AFTER_WORK_MS)
    })
    return () => {
      isCurrent = false
      clearInterval(every)
      if (soon !== null) clearTimeout(soon)
      stopWatching()
    }
  }, [serverUrl, deviceId, officeCode])

  if (!result) return null
  const text =
    result.kind === 'downloading'
      ? t('update.downloading', { version: result.version })
      : result.kind === 'waiting'
        ? [
            t('update.waiting', { version: result.version }),
            ...result.reasons.map((reason) => t(`update.wait.${reason}`)),
          ].join(' ')
        : result.kind === 'installing'
          ? t('update.installing', { version: result.version })
          : result.kind === 'not-offered' &&
              result.reason === 'STAGING_INVALID' &&
              sync?.user.role === 'admin'
            ? t('update.stagingInvalid', { detail: result.detail ?? '' })
            : null
  if (!text) return null
  return (
    <p className="update-notice" role="status" data-testid="update-notice">
      {text}
    </p>
  )
}
