import { describe, expect, it } from 'vitest'
import {
  compareVersions,
  decideUpdate,
  isDeviceInStage,
  parseStagingRule,
  parseVersion,
  stagingBucketOf,
  type StagingRule,
  type UpdateSituation,
  type WorkInProgress,
} from '@shared/updates/update-policy'

const IDLE: WorkInProgress = {
  unsavedFormCount: 0,
  isPrinting: false,
  isImportApplying: false,
  pendingChangeCount: 0,
}

function situation(overrides: Partial<UpdateSituation> = {}): UpdateSituation {
  return {
    manifestVersion: '1.3.0',
    appVersion: '1.2.0',
    staging: null,
    deviceId: 'dev-0001',
    officeCode: 'KEC01',
    isDownloaded: false,
    work: IDLE,
    ...overrides,
  }
}

const deviceIds = Array.from({ length: 2000 }, (_, index) => `device-${index}`)

describe('which version is newer', () => {
  const ordered = [
    '0.9.9',
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0',
    '1.0.1',
    '1.10.0',
  ]
  it.each(ordered.slice(1).map((newer, index) => [ordered[index]!, newer]))(
    '%s comes before %s',
    (older, newer) => {
      expect(compareVersions(parseVersion(older)!, parseVersion(newer)!)).toBe(-1)
      expect(compareVersions(parseVersion(newer)!, parseVersion(older)!)).toBe(1)
    },
  )
  it.each(['1.2', 'v1.2.0', '01.2.0', '1.2.0-', '1.2.0-a..b', '', '1.2.0 '])(
    '%j is not a version',
    (text) => expect(parseVersion(text)).toBeNull(),
  )
})

describe('the decision', () => {
  it('the same or an older version is never offered (no downgrade)', () => {
    expect(decideUpdate(situation({ manifestVersion: '1.2.0' }))).toEqual({
      kind: 'not-offered',
      reason: 'UP_TO_DATE',
    })
    expect(decideUpdate(situation({ manifestVersion: '1.1.9', isDownloaded: true }))).toEqual({
      kind: 'not-offered',
      reason: 'UP_TO_DATE',
    })
    expect(decideUpdate(situation({ manifestVersion: 'terbaru' })).kind).toBe('not-offered')
  })

  it('a newer version with no staging file downloads in the background, whatever is open', () => {
    const busy = { ...IDLE, unsavedFormCount: 2, isPrinting: true, isImportApplying: true }
    expect(decideUpdate(situation({ work: busy }))).toEqual({ kind: 'download-in-background' })
  })

  it('installs once downloaded when nothing would be lost', () => {
    expect(decideUpdate(situation({ isDownloaded: true }))).toEqual({ kind: 'install-now' })
  })

  it('unsent changes are stored on the PC: they never hold the install back', () => {
    const work = { ...IDLE, pendingChangeCount: 480 }
    expect(decideUpdate(situation({ isDownloaded: true, work }))).toEqual({ kind: 'install-now' })
  })

  it.each<[Partial<WorkInProgress>, string[]]>([
    [{ unsavedFormCount: 1 }, ['UNSAVED_FORM']],
    [{ isPrinting: true }, ['PRINTING']],
    [{ isImportApplying: true }, ['IMPORT_APPLYING']],
    [
      { unsavedFormCount: 3, isPrinting: true, isImportApplying: true, pendingChangeCount: 9 },
      ['UNSAVED_FORM', 'PRINTING', 'IMPORT_APPLYING'],
    ],
  ])('with %j open it waits until the work is saved or done', (work, reasons) => {
    expect(decideUpdate(situation({ isDownloaded: true, work: { ...IDLE, ...work } }))).toEqual({
      kind: 'wait-until-saved',
      reasons,
    })
  })
})

describe('staging by the admin', () => {
  const rule = (overrides: Partial<StagingRule> = {}): StagingRule => ({
    version: '1.3.0',
    percentage: 0,
    officeCodes: [],
    ...overrides,
  })

  it('a device hashes to the same bucket every time, spread over 0–9999', () => {
    expect(stagingBucketOf('device-7')).toBe(stagingBucketOf('device-7'))
    const buckets = deviceIds.map(stagingBucketOf)
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...buckets)).toBeLessThan(10_000)
    // 2,000 ids in 10,000 buckets: ~1,813 distinct expected of a fair hash.
    expect(new Set(buckets).size).toBeGreaterThan(1700)
  })

  it('raising the percentage only adds devices, and about that share of them', () => {
    const steps = [0, 1, 5, 20, 50, 80, 100]
    const inAt = steps.map(
      (percentage) =>
        new Set(deviceIds.filter((id) => isDeviceInStage(rule({ percentage }), id, null))),
    )
    for (let index = 1; index < steps.length; index++) {
      for (const id of inAt[index - 1]!) expect(inAt[index]!.has(id)).toBe(true)
    }
    expect(inAt[0]!.size).toBe(0)
    expect(inAt[steps.length - 1]!.size).toBe(deviceIds.length)
    // 20 % of 2,000 devices, give or take what a fair hash gives.
    expect(inAt[3]!.size).toBeGreaterThan(320)
    expect(inAt[3]!.size).toBeLessThan(480)
  })

  it('the chosen offices get it first, at 0 %, whatever their case', () => {
    const pilot = rule({ officeCodes: ['KEC01'] })
    expect(decideUpdate(situation({ staging: pilot, officeCode: 'kec01' }))).toEqual({
      kind: 'download-in-background',
    })
    expect(decideUpdate(situation({ staging: pilot, officeCode: 'KEC02' }))).toEqual({
      kind: 'not-offered',
      reason: 'NOT_IN_STAGE',
    })
    expect(decideUpdate(situation({ staging: pilot, officeCode: null })).kind).toBe('not-offered')
  })

  it('a device outside the percentage is not offered; inside it is', () => {
    const inside = deviceIds.find((id) => stagingBucketOf(id) < 2000)!
    const outside = deviceIds.find((id) => stagingBucketOf(id) >= 2000)!
    const twenty = rule({ percentage: 20 })
    expect(
      decideUpdate(situation({ staging: twenty, deviceId: inside, officeCode: 'X' })).kind,
    ).toBe('download-in-background')
    expect(
      decideUpdate(situation({ staging: twenty, deviceId: outside, officeCode: 'X' })),
    ).toEqual({
      kind: 'not-offered',
      reason: 'NOT_IN_STAGE',
    })
  })

  it('a staging file left from the last release releases the new one to no one', () => {
    const old = rule({ version: '1.2.0', percentage: 100 })
    expect(decideUpdate(situation({ staging: old }))).toEqual({
      kind: 'not-offered',
      reason: 'STAGING_FOR_OTHER_VERSION',
    })
  })
})

describe("reading the admin's staging.json", () => {
  it('reads a rule, office codes upper-cased, missing parts meaning none', () => {
    expect(
      parseStagingRule('{"version": "1.3.0", "percentage": 20, "offices": ["kec01"]}'),
    ).toEqual({
      ok: true,
      rule: { version: '1.3.0', percentage: 20, officeCodes: ['KEC01'] },
    })
    expect(parseStagingRule('{"version": "1.3.0", "offices": ["PUSAT"]}')).toEqual({
      ok: true,
      rule: { version: '1.3.0', percentage: 0, officeCodes: ['PUSAT'] },
    })
  })

  it.each([
    ['{"version": "1.3.0", "percentage": 20,}', 'bukan JSON yang sah'],
    ['[20]', 'harus berupa objek'],
    ['{"version": "1.3.0", "persentase": 20}', 'Kolom "persentase" tidak dikenal'],
    ['{"percentage": 20}', '"version"'],
    ['{"version": "v1.3", "percentage": 20}', '"version"'],
    ['{"version": "1.3.0", "percentage": "20%"}', '"percentage"'],
    ['{"version": "1.3.0", "percentage": 120}', '0 sampai 100'],
    ['{"version": "1.3.0", "percentage": 12.5}', 'bilangan bulat'],
    ['{"version": "1.3.0", "offices": "KEC01"}', '"offices"'],
    ['{"version": "1.3.0", "offices": ["KEC 01"]}', 'nomor 1'],
    ['{"version": "1.3.0", "offices": ["KEC01", "kec01"]}', 'dua kali'],
  ])('refuses %s, naming what to fix', (text, expected) => {
    const parsed = parseStagingRule(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toContain(expected)
  })
})
