import { describe, expect, it } from 'vitest'
import { createUpdateChecker, type UpdaterLike } from '../../../../electron/main/updates'
import {
  InvalidArgumentsError,
  parsePlatformArguments,
} from '../../../../electron/main/ipc-arguments'
import { stagingBucketOf } from '@shared/updates/update-policy'
import type { UpdateCheckRequest } from '@shared/platform/platform-contract'

/**
 * The shell's update check (electron/main/updates.ts) with a stand-in for electron-updater's
 * AppUpdater: the Electron binary cannot run on the build machines, so what electron-updater
 * itself does (fetch latest.yml, download, verify SHA-512, install) is the Windows check in
 * docs/updates.md. What is ours is tested here: what is asked, and what is done with the answer.
 */
class StandInUpdater implements UpdaterLike {
  autoDownload = true
  autoInstallOnAppQuit = true
  feeds: string[] = []
  downloads = 0
  installs: [boolean | undefined, boolean | undefined][] = []
  finishDownload: () => void = () => undefined
  constructor(
    private readonly offered: string | null,
    private readonly failure: Error | null = null,
  ) {}
  setFeedURL(options: { provider: 'generic'; url: string }) {
    this.feeds.push(`${options.provider} ${options.url}`)
  }
  async checkForUpdates() {
    if (this.failure) throw this.failure
    return this.offered ? { updateInfo: { version: this.offered } } : null
  }
  downloadUpdate() {
    this.downloads++
    return new Promise<void>((resolve) => {
      this.finishDownload = resolve
    })
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter])
  }
}

const IDLE = {
  unsavedFormCount: 0,
  isPrinting: false,
  isImportApplying: false,
  pendingChangeCount: 3,
}
const request = (over: Partial<UpdateCheckRequest> = {}): UpdateCheckRequest => ({
  serverUrl: 'https://naungan.kukarkab.go.id',
  deviceId: 'b7d4a0f2-0000-4000-8000-000000000001',
  officeCode: '06-01',
  work: IDLE,
  ...over,
})
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

function checkerWith(updater: StandInUpdater, staging: { status: number; text: string }) {
  const asked: string[] = []
  const check = createUpdateChecker({
    updater,
    appVersion: '1.2.0',
    isPackaged: true,
    fetchText: async (url) => {
      asked.push(url)
      return staging
    },
  })
  return { check, asked }
}
const NO_STAGING = { status: 404, text: '' }

describe('the shell asks the district server for updates and follows the policy', () => {
  it('never downloads or installs on its own, and an unpackaged app is not updated', async () => {
    const updater = new StandInUpdater('1.3.0')
    const check = createUpdateChecker({
      updater,
      appVersion: '1.2.0',
      isPackaged: false,
      fetchText: async () => NO_STAGING,
    })
    expect(updater.autoDownload).toBe(false)
    expect(updater.autoInstallOnAppQuit).toBe(false)
    expect(await check(request())).toEqual({ kind: 'unsupported' })
    expect(updater.feeds).toEqual([])
  })

  it("reads the feed from the server's /updates/ folder, and says so when nothing is newer", async () => {
    const updater = new StandInUpdater(null)
    const { check } = checkerWith(updater, NO_STAGING)
    expect(await check(request({ serverUrl: 'https://naungan.kukarkab.go.id/' }))).toEqual({
      kind: 'not-offered',
      reason: 'UP_TO_DATE',
    })
    expect(updater.feeds).toEqual(['generic https://naungan.kukarkab.go.id/updates/'])
  })

  it('downloads once in the background, then installs only when nothing is open', async () => {
    const updater = new StandInUpdater('1.3.0')
    const { check, asked } = checkerWith(updater, NO_STAGING)
    expect(await check(request())).toEqual({ kind: 'downloading', version: '1.3.0' })
    expect(await check(request())).toEqual({ kind: 'downloading', version: '1.3.0' })
    expect(updater.downloads).toBe(1)
    expect(asked).toEqual([
      'https://naungan.kukarkab.go.id/updates/staging.json',
      'https://naungan.kukarkab.go.id/updates/staging.json',
    ])
    updater.finishDownload()
    await tick()

    // A half-typed registration and a print running: it waits, and says for what.
    const busy = { ...IDLE, unsavedFormCount: 1, isPrinting: true }
    expect(await check(request({ work: busy }))).toEqual({
      kind: 'waiting',
      version: '1.3.0',
      reasons: ['UNSAVED_FORM', 'PRINTING'],
    })
    await tick()
    expect(updater.installs).toEqual([])

    // Saved and printed (changes not yet sent are no reason to wait: they are stored).
    expect(await check(request())).toEqual({ kind: 'installing', version: '1.3.0' })
    await tick()
    expect(updater.installs).toEqual([[true, true]])
  })

  it("follows the admin's staging: pilot offices first, a share of PCs by their id", async () => {
    const staging = {
      status: 200,
      text: JSON.stringify({ version: '1.3.0', percentage: 0, offices: ['PUSAT'] }),
    }
    const outside = checkerWith(new StandInUpdater('1.3.0'), staging)
    expect(await outside.check(request())).toEqual({ kind: 'not-offered', reason: 'NOT_IN_STAGE' })
    const pilot = checkerWith(new StandInUpdater('1.3.0'), staging)
    expect(await pilot.check(request({ officeCode: 'PUSAT' }))).toEqual({
      kind: 'downloading',
      version: '1.3.0',
    })
    // At 100 % every PC is in, whatever its bucket.
    const everyone = checkerWith(new StandInUpdater('1.3.0'), {
      status: 200,
      text: JSON.stringify({ version: '1.3.0', percentage: 100, offices: [] }),
    })
    expect(stagingBucketOf(request().deviceId)).toBeGreaterThanOrEqual(0)
    expect((await everyone.check(request())).kind).toBe('downloading')
  })

  it('holds the rollout when staging.json does not parse, rather than offer it to everyone', async () => {
    const updater = new StandInUpdater('1.3.0')
    const { check } = checkerWith(updater, {
      status: 200,
      text: '{"version": "1.3.0", "persen": 20}',
    })
    const answer = await check(request())
    expect(answer).toMatchObject({ kind: 'not-offered', reason: 'STAGING_INVALID' })
    expect(answer.kind === 'not-offered' ? answer.detail : '').toContain('persen')
    expect(updater.downloads).toBe(0)
  })

  it('reports a failed check in words, without throwing', async () => {
    const updater = new StandInUpdater('1.3.0', new Error('net::ERR_CONNECTION_RESET'))
    const { check } = checkerWith(updater, NO_STAGING)
    expect(await check(request())).toEqual({
      kind: 'failed',
      message: 'net::ERR_CONNECTION_RESET',
    })
  })
})

describe('checkForUpdate arguments from the renderer', () => {
  const parse = (value: unknown) => parsePlatformArguments.checkForUpdate([value])

  it('takes an HTTPS server, or HTTP on this machine', () => {
    expect(parse(request())[0].serverUrl).toBe('https://naungan.kukarkab.go.id')
    expect(parse(request({ serverUrl: 'http://127.0.0.1:8787' }))[0].serverUrl).toBe(
      'http://127.0.0.1:8787',
    )
  })

  it("refuses a feed a page could point at a stranger's installer, and malformed work", () => {
    for (const serverUrl of [
      'http://naungan.kukarkab.go.id',
      'file:///C:/update.exe',
      'javascript:alert(1)',
      'https://user:pass@naungan.kukarkab.go.id',
      'https://naungan.kukarkab.go.id/?next=evil',
      'bukan alamat',
    ]) {
      expect(() => parse(request({ serverUrl })), serverUrl).toThrow(InvalidArgumentsError)
    }
    expect(() => parse(request({ deviceId: '../../etc' }))).toThrow(InvalidArgumentsError)
    expect(() => parse({ ...request(), work: { ...IDLE, unsavedFormCount: -1 } })).toThrow(
      InvalidArgumentsError,
    )
    expect(() => parse({ ...request(), work: { ...IDLE, isPrinting: 'ya' } })).toThrow(
      InvalidArgumentsError,
    )
    expect(() => parsePlatformArguments.checkForUpdate([])).toThrow(InvalidArgumentsError)
  })
})
