/**
 * Updates from the district's own server (issue 18; docs/updates.md). The renderer asks
 * (`checkForUpdate`, at sign-in and every few hours) with the PC's server, device, office and what
 * it is doing; this asks electron-updater's generic provider at `<server>/updates/`, reads the
 * admin's `staging.json` beside it, and does what `decideUpdate` (shared/updates/update-policy.ts)
 * says: download quietly, install when nothing would be lost, or wait.
 *
 * electron-updater checks the downloaded file against the SHA-512 in latest.yml before it counts
 * as downloaded; on Windows it also checks the publisher of a signed installer (the district's
 * decision, docs/updates.md). It never downloads or installs on its own here: `autoDownload` and
 * `autoInstallOnAppQuit` are off, so nothing happens that the policy did not decide.
 *
 * The updater is passed in (`UpdaterLike`, the part of electron-updater's AppUpdater used): the
 * Electron binary cannot run on the build machines, so tests drive this with a stand-in, and the
 * Windows check in docs/updates.md covers the real one.
 */
import type { UpdateCheckRequest, UpdateCheckResult } from '../../shared/platform/platform-contract'
import {
  decideUpdate,
  parseStagingRule,
  STAGING_FILE_NAME,
  type StagingRule,
} from '../../shared/updates/update-policy'

export interface UpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  setFeedURL(options: { provider: 'generic'; url: string }): void
  checkForUpdates(): Promise<{ updateInfo: { version: string } } | null>
  downloadUpdate(): Promise<unknown>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
}

export interface UpdateCheckerOptions {
  updater: UpdaterLike
  appVersion: string
  /** An unpackaged app (a developer's `npm start`) is never updated. */
  isPackaged: boolean
  /** GET `url` as text (staging.json); status 404 means the admin staged nothing. */
  fetchText(url: string): Promise<{ status: number; text: string }>
}

/** The feed of a district server: its `/updates/` folder, where latest.yml and the files are. */
export function updatesUrlOf(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/updates/`
}

export function createUpdateChecker(options: UpdateCheckerOptions) {
  const { updater } = options
  updater.autoDownload = false
  updater.autoInstallOnAppQuit = false
  /** The version downloaded and verified by electron-updater, once it is. */
  let downloaded: string | null = null
  let downloading: Promise<unknown> | null = null
  let feed: string | null = null

  async function stagingOf(
    url: string,
  ): Promise<{ ok: true; rule: StagingRule | null } | { ok: false; error: string }> {
    const answer = await options.fetchText(`${url}${STAGING_FILE_NAME}`)
    if (answer.status === 404) return { ok: true, rule: null }
    if (answer.status !== 200) return { ok: false, error: `HTTP ${answer.status}` }
    const parsed = parseStagingRule(answer.text)
    return parsed.ok ? { ok: true, rule: parsed.rule } : { ok: false, error: parsed.error }
  }

  return async function check(request: UpdateCheckRequest): Promise<UpdateCheckResult> {
    if (!options.isPackaged) return { kind: 'unsupported' }
    try {
      const url = updatesUrlOf(request.serverUrl)
      if (feed !== url) {
        updater.setFeedURL({ provider: 'generic', url })
        feed = url
        downloaded = null
      }
      const found = await updater.checkForUpdates()
      if (!found) return { kind: 'not-offered', reason: 'UP_TO_DATE' }
      const version = found.updateInfo.version
      const staging = await stagingOf(url)
      // A staging file that does not parse stops the rollout: never everyone by a typo.
      if (!staging.ok)
        return { kind: 'not-offered', reason: 'STAGING_INVALID', detail: staging.error }
      const decision = decideUpdate({
        manifestVersion: version,
        appVersion: options.appVersion,
        staging: staging.rule,
        deviceId: request.deviceId,
        officeCode: request.officeCode,
        isDownloaded: downloaded === version,
        work: request.work,
      })
      switch (decision.kind) {
        case 'not-offered':
          return { kind: 'not-offered', reason: decision.reason }
        case 'download-in-background':
          downloading ??= updater.downloadUpdate().then(
            () => {
              downloaded = version
              downloading = null
            },
            () => {
              downloading = null
            },
          )
          return { kind: 'downloading', version }
        case 'wait-until-saved':
          return { kind: 'waiting', version, reasons: decision.reasons }
        case 'install-now':
          // Silent on Windows (no installer pages), and the app starts again afterwards.
          setTimeout(() => updater.quitAndInstall(true, true), 0)
          return { kind: 'installing', version }
      }
    } catch (error) {
      return { kind: 'failed', message: String((error as Error)?.message ?? error).slice(0, 300) }
    }
  }
}
