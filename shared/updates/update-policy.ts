/**
 * When a PC takes an update from the district's server (docs/updates.md). Pure: the shell asks
 * with what electron-updater read (the manifest's version), what the admin wrote (staging.json in
 * the server's updates folder) and what the app is doing, and acts on the answer.
 *
 * Two rules drive it:
 * - An update is staged: the admin's pilot offices first and/or a share of the PCs, chosen by a
 *   stable hash of the device id, so a PC never flips in and out between checks and a PC in at
 *   20 % is still in at 50 % (the share only grows).
 * - Installing restarts the app, so it never happens while something would be lost or cut off: a
 *   form with typed, unsaved values, a card print running, an import being applied. Changes saved
 *   on the PC and not yet sent to the server are not in the way: they are stored (IndexedDB) and
 *   sent after the restart.
 */
import { sha256 } from '@noble/hashes/sha2.js'

/** The name of the admin's staging file in the server's updates folder. */
export const STAGING_FILE_NAME = 'staging.json'

export interface StagingRule {
  /** The version this rule stages; another version in the manifest is offered to no one. */
  version: string
  /** 0–100: the share of PCs offered the version, chosen by `stagingBucketOf(deviceId)`. */
  percentage: number
  /** Office codes offered the version whatever the percentage (the pilot offices). */
  officeCodes: string[]
}

export type StagingParseResult = { ok: true; rule: StagingRule } | { ok: false; error: string }

const OFFICE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/
const STAGING_KEYS = ['version', 'percentage', 'offices']

/**
 * Reads staging.json strictly: the admin writes it by hand, and a typo ("persentase", 200, "20%")
 * must stop the rollout with a sentence naming the field, not roll out to everyone.
 */
export function parseStagingRule(text: string): StagingParseResult {
  const fail = (error: string): StagingParseResult => ({ ok: false, error })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return fail(`${STAGING_FILE_NAME} bukan JSON yang sah. Periksa tanda kutip, koma dan kurung.`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(
      `${STAGING_FILE_NAME} harus berupa objek, misalnya {"version": "1.2.0", "percentage": 20, "offices": []}.`,
    )
  }
  const record = value as Record<string, unknown>
  const unknownKey = Object.keys(record).find((key) => !STAGING_KEYS.includes(key))
  if (unknownKey !== undefined) {
    return fail(
      `Kolom "${unknownKey.slice(0, 40)}" tidak dikenal di ${STAGING_FILE_NAME}. Yang boleh: version, percentage, offices.`,
    )
  }
  if (typeof record.version !== 'string' || parseVersion(record.version) === null) {
    return fail(
      `"version" di ${STAGING_FILE_NAME} harus nomor versi aplikasi yang disebarkan, misalnya "1.2.0".`,
    )
  }
  const percentage = record.percentage ?? 0
  if (
    typeof percentage !== 'number' ||
    !Number.isInteger(percentage) ||
    percentage < 0 ||
    percentage > 100
  ) {
    return fail(
      `"percentage" di ${STAGING_FILE_NAME} harus bilangan bulat 0 sampai 100 (tanpa tanda %).`,
    )
  }
  const offices = record.offices ?? []
  if (!Array.isArray(offices)) {
    return fail(`"offices" di ${STAGING_FILE_NAME} harus daftar kode kantor, misalnya ["KEC01"].`)
  }
  const officeCodes: string[] = []
  for (const [index, office] of offices.entries()) {
    if (typeof office !== 'string' || !OFFICE_CODE.test(office)) {
      return fail(
        `"offices" nomor ${index + 1} di ${STAGING_FILE_NAME} bukan kode kantor yang sah (huruf, angka, titik, garis; paling banyak 40).`,
      )
    }
    const code = office.toUpperCase()
    if (officeCodes.includes(code)) {
      return fail(`Kantor ${office} tertulis dua kali di "offices" ${STAGING_FILE_NAME}.`)
    }
    officeCodes.push(code)
  }
  return { ok: true, rule: { version: record.version, percentage, officeCodes } }
}

interface Version {
  core: [number, number, number]
  prerelease: string[]
}

/** Semantic version as electron-builder writes it ("1.2.0", "1.3.0-beta.2"); null otherwise. */
export function parseVersion(text: string): Version | null {
  const match = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z.-]+))?$/.exec(
    text,
  )
  if (!match) return null
  const prerelease = match[4]?.split('.') ?? []
  if (prerelease.some((part) => part === '')) return null
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    prerelease,
  }
}

/** Semver precedence: negative when a < b. A pre-release comes before its release. */
export function compareVersions(a: Version, b: Version): number {
  for (let index = 0; index < 3; index++) {
    const diff = a.core[index]! - b.core[index]!
    if (diff !== 0) return Math.sign(diff)
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length)
  }
  const length = Math.max(a.prerelease.length, b.prerelease.length)
  for (let index = 0; index < length; index++) {
    const left = a.prerelease[index]
    const right = b.prerelease[index]
    if (left === undefined) return -1
    if (right === undefined) return 1
    const leftIsNumber = /^\d+$/.test(left)
    const rightIsNumber = /^\d+$/.test(right)
    if (leftIsNumber && rightIsNumber) {
      const diff = Number(left) - Number(right)
      if (diff !== 0) return Math.sign(diff)
    } else if (leftIsNumber !== rightIsNumber) {
      return leftIsNumber ? -1 : 1
    } else if (left !== right) {
      return left < right ? -1 : 1
    }
  }
  return 0
}

const BUCKETS = 10_000

/**
 * 0–9999, the same for a device id on every check and every version: the device is in a
 * percentage p when its bucket is below p × 100, so raising p only adds devices.
 */
export function stagingBucketOf(deviceId: string): number {
  const digest = sha256(new TextEncoder().encode(`naungan-update-staging:${deviceId}`))
  const head = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0
  return head % BUCKETS
}

export function isDeviceInStage(
  rule: StagingRule,
  deviceId: string,
  officeCode: string | null,
): boolean {
  if (officeCode !== null && rule.officeCodes.includes(officeCode.toUpperCase())) return true
  return stagingBucketOf(deviceId) < rule.percentage * (BUCKETS / 100)
}

/** What the app is doing that a restart would lose or cut off. */
export interface WorkInProgress {
  /** Forms open with typed values not yet saved (a half-typed registration): lost on restart. */
  unsavedFormCount: number
  /** A card print job is running: a restart cuts the print mid-sheet. */
  isPrinting: boolean
  /** An import is being applied: a restart leaves it half applied until it is run again. */
  isImportApplying: boolean
  /**
   * Saved on the PC, not yet sent to the server. Stored in IndexedDB and sent after the restart:
   * never a reason to wait, kept here so the shell passes it and the rule is visible.
   */
  pendingChangeCount: number
}

export type WaitReason = 'UNSAVED_FORM' | 'PRINTING' | 'IMPORT_APPLYING'

export type NotOfferedReason =
  'UP_TO_DATE' | 'VERSION_INVALID' | 'STAGING_FOR_OTHER_VERSION' | 'NOT_IN_STAGE'

export type UpdateDecision =
  | { kind: 'not-offered'; reason: NotOfferedReason }
  /** Download quietly; nothing the user does is touched. */
  | { kind: 'download-in-background' }
  /** Downloaded and nothing would be lost: restart into the new version. */
  | { kind: 'install-now' }
  /** Downloaded, but work is open: ask again once it is saved or done. */
  | { kind: 'wait-until-saved'; reasons: WaitReason[] }

export interface UpdateSituation {
  /** `version` from latest.yml / latest-linux.yml. */
  manifestVersion: string
  /** The running app's version (package.json). */
  appVersion: string
  /** The admin's staging.json; null when the updates folder has none: offered to every PC. */
  staging: StagingRule | null
  deviceId: string
  /** The office this PC is enrolled in; null before enrolment (then only the percentage counts). */
  officeCode: string | null
  /** The update's file has been downloaded and verified (SHA-512) by electron-updater. */
  isDownloaded: boolean
  work: WorkInProgress
}

export function decideUpdate(situation: UpdateSituation): UpdateDecision {
  const offered = parseVersion(situation.manifestVersion)
  const running = parseVersion(situation.appVersion)
  if (offered === null || running === null)
    return { kind: 'not-offered', reason: 'VERSION_INVALID' }
  // Never a downgrade, never the same version again.
  if (compareVersions(offered, running) <= 0) return { kind: 'not-offered', reason: 'UP_TO_DATE' }
  const { staging } = situation
  if (staging !== null) {
    const staged = parseVersion(staging.version)
    // A staging file left from the last release must not release this one to everyone.
    if (staged === null || compareVersions(staged, offered) !== 0) {
      return { kind: 'not-offered', reason: 'STAGING_FOR_OTHER_VERSION' }
    }
    if (!isDeviceInStage(staging, situation.deviceId, situation.officeCode)) {
      return { kind: 'not-offered', reason: 'NOT_IN_STAGE' }
    }
  }
  if (!situation.isDownloaded) return { kind: 'download-in-background' }
  const reasons: WaitReason[] = []
  if (situation.work.unsavedFormCount > 0) reasons.push('UNSAVED_FORM')
  if (situation.work.isPrinting) reasons.push('PRINTING')
  if (situation.work.isImportApplying) reasons.push('IMPORT_APPLYING')
  return reasons.length > 0 ? { kind: 'wait-until-saved', reasons } : { kind: 'install-now' }
}

/** The sentence the app shows while an update waits, one place for the Indonesian text. */
export const WAIT_REASON_MESSAGES: Record<WaitReason, string> = {
  UNSAVED_FORM:
    'Pembaruan sudah diunduh dan dipasang setelah formulir yang sedang diisi disimpan atau dibatalkan.',
  PRINTING: 'Pembaruan sudah diunduh dan dipasang setelah pencetakan kartu selesai.',
  IMPORT_APPLYING: 'Pembaruan sudah diunduh dan dipasang setelah impor data selesai diterapkan.',
}
