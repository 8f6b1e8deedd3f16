/**
 * What makes Naungan "the Kutai Kartanegara app" is data, not code: resources/district/district.json
 * plus the region CSV it names. Another kabupaten adopts Naungan by replacing those two files.
 *
 * Both files ship with the app, so a broken file is a deployment mistake: loadDistrict throws an
 * Error that says which key is wrong, and the app refuses to start rather than register people
 * against the wrong rules.
 */
import { isProvinceCode } from '../region/provinces'
import { parseRegionCsv, type RegionTable } from '../region/region-table'

export interface LabelledOption {
  /** Stable code stored with each registration; never shown to the clerk. */
  code: string
  labelId: string
  labelEn: string
}

export interface AnnualTarget {
  year: number
  newParticipants: number
}

export interface DistrictConfig {
  schemaVersion: 1
  region: {
    /** Kemendagri code of the kabupaten/kota, '64.02'. Must match the region CSV. */
    code: string
    name: string
    kind: 'kabupaten' | 'kota'
  }
  provinceName: string
  programme: { titleId: string; titleEn: string }
  /** Informal-worker occupations the programme pays for; any other code is not eligible. */
  occupations: LabelledOption[]
  /** Inclusive: with { min: 18, max: 64 } a person aged 64 is eligible and 65 is not. */
  ageRange: { min: number; max: number }
  /**
   * Rupiah per participant per month. BPJS Ketenagakerjaan "Bukan Penerima Upah" at the lowest
   * income band: JKK Rp10.000 + JKM Rp6.800 (PP 44/2015 as amended by PP 82/2019).
   * `total` must be the sum, so a typo in one figure cannot slip through.
   */
  premiumPerMonth: { jkk: number; jkm: number; total: number }
  /** Participants already covered when the programme started, for the dashboard's baseline. */
  baselineCoveredParticipants: number
  annualTargets: AnnualTarget[]
  heirRelationships: LabelledOption[]
  /** Where a participant or clerk can ask questions, printed on the card and the help page. */
  contact: { id: string; en: string }
}

export interface District {
  config: DistrictConfig
  regions: RegionTable
  /** '64' */
  provinceCode: string
  /** '6402': the first four digits of a NIK first issued in this kabupaten. */
  nikRegencyCode: string
  occupationByCode(code: string): LabelledOption | undefined
  heirRelationshipByCode(code: string): LabelledOption | undefined
  /** New participants targeted for the year, or undefined when the config sets none. */
  targetFor(year: number): number | undefined
}

const OPTION_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const REGION_CODE = /^\d{2}\.\d{2}$/
const MAX_TEXT = 500

class ConfigError extends Error {
  constructor(path: string, message: string) {
    super(`district.json: ${path} ${message}`)
    this.name = 'DistrictConfigError'
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new ConfigError(path, 'must be an object')
  return value
}

function readText(record: Record<string, unknown>, key: string, path: string): string {
  const value = record[key]
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    throw new ConfigError(
      `${path}.${key}`,
      `must be a non-empty text of at most ${MAX_TEXT} characters`,
    )
  }
  return value.trim()
}

function readInteger(
  record: Record<string, unknown>,
  key: string,
  path: string,
  min: number,
  max: number,
): number {
  const value = record[key]
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${path}.${key}`, `must be a whole number from ${min} to ${max}`)
  }
  return value
}

function readArray(record: Record<string, unknown>, key: string, path: string): unknown[] {
  const value = record[key]
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError(`${path}.${key}`, 'must be a non-empty list')
  }
  return value
}

function readOptions(record: Record<string, unknown>, key: string): LabelledOption[] {
  const seen = new Set<string>()
  return readArray(record, key, '').map((item, index) => {
    const path = `.${key}[${index}]`
    const option = readRecord(item, path)
    const code = readText(option, 'code', path)
    if (!OPTION_CODE.test(code) || code.length > 40) {
      throw new ConfigError(`${path}.code`, 'must be lowercase letters, digits and dashes')
    }
    if (seen.has(code)) throw new ConfigError(`${path}.code`, `"${code}" appears twice`)
    seen.add(code)
    return {
      code,
      labelId: readText(option, 'labelId', path),
      labelEn: readText(option, 'labelEn', path),
    }
  })
}

/** Checks the shape and the internal consistency of district.json. Throws on the first problem. */
export function parseDistrictConfig(configJson: unknown): DistrictConfig {
  const root = readRecord(configJson, '(root)')
  if (root.schemaVersion !== 1) throw new ConfigError('.schemaVersion', 'must be 1')

  const regionRecord = readRecord(root.region, '.region')
  const regionCode = readText(regionRecord, 'code', '.region')
  if (!REGION_CODE.test(regionCode) || !isProvinceCode(regionCode.slice(0, 2))) {
    throw new ConfigError('.region.code', 'must be a Kemendagri kabupaten/kota code like "64.02"')
  }
  const kind = regionRecord.kind
  if (kind !== 'kabupaten' && kind !== 'kota') {
    throw new ConfigError('.region.kind', 'must be "kabupaten" or "kota"')
  }

  const programme = readRecord(root.programme, '.programme')
  const ageRecord = readRecord(root.ageRange, '.ageRange')
  const ageRange = {
    min: readInteger(ageRecord, 'min', '.ageRange', 0, 120),
    max: readInteger(ageRecord, 'max', '.ageRange', 0, 120),
  }
  if (ageRange.min > ageRange.max) throw new ConfigError('.ageRange', 'min must not exceed max')

  const premiumRecord = readRecord(root.premiumPerMonth, '.premiumPerMonth')
  const premiumPerMonth = {
    jkk: readInteger(premiumRecord, 'jkk', '.premiumPerMonth', 0, 10_000_000),
    jkm: readInteger(premiumRecord, 'jkm', '.premiumPerMonth', 0, 10_000_000),
    total: readInteger(premiumRecord, 'total', '.premiumPerMonth', 1, 20_000_000),
  }
  if (premiumPerMonth.total !== premiumPerMonth.jkk + premiumPerMonth.jkm) {
    throw new ConfigError('.premiumPerMonth.total', 'must equal jkk + jkm')
  }

  const seenYears = new Set<number>()
  const annualTargets = readArray(root, 'annualTargets', '').map((item, index) => {
    const path = `.annualTargets[${index}]`
    const target = readRecord(item, path)
    const year = readInteger(target, 'year', path, 2000, 2100)
    if (seenYears.has(year)) throw new ConfigError(`${path}.year`, `${year} appears twice`)
    seenYears.add(year)
    return { year, newParticipants: readInteger(target, 'newParticipants', path, 0, 10_000_000) }
  })

  const contact = readRecord(root.contact, '.contact')

  return {
    schemaVersion: 1,
    region: { code: regionCode, name: readText(regionRecord, 'name', '.region'), kind },
    provinceName: readText(root, 'provinceName', ''),
    programme: {
      titleId: readText(programme, 'titleId', '.programme'),
      titleEn: readText(programme, 'titleEn', '.programme'),
    },
    occupations: readOptions(root, 'occupations'),
    ageRange,
    premiumPerMonth,
    baselineCoveredParticipants: readInteger(
      root,
      'baselineCoveredParticipants',
      '',
      0,
      10_000_000,
    ),
    annualTargets,
    heirRelationships: readOptions(root, 'heirRelationships'),
    contact: { id: readText(contact, 'id', '.contact'), en: readText(contact, 'en', '.contact') },
  }
}

/** Validates district.json, parses the region CSV and checks that the two describe one place. */
export function loadDistrict(configJson: unknown, regionCsv: string): District {
  const config = parseDistrictConfig(configJson)
  const regions = parseRegionCsv(regionCsv)
  if (regions.kabupaten.code !== config.region.code) {
    throw new Error(
      `district.json is for region ${config.region.code} but the region CSV is for ${regions.kabupaten.code}`,
    )
  }
  if (regions.kabupaten.name !== config.region.name) {
    throw new Error(
      `district.json names the region "${config.region.name}" but the region CSV names it "${regions.kabupaten.name}"`,
    )
  }
  const occupations = new Map(config.occupations.map((o) => [o.code, o]))
  const heirs = new Map(config.heirRelationships.map((h) => [h.code, h]))
  const targets = new Map(config.annualTargets.map((t) => [t.year, t.newParticipants]))
  return Object.freeze({
    config,
    regions,
    provinceCode: config.region.code.slice(0, 2),
    nikRegencyCode: config.region.code.replace('.', ''),
    occupationByCode: (code: string) =>
      typeof code === 'string' ? occupations.get(code) : undefined,
    heirRelationshipByCode: (code: string) =>
      typeof code === 'string' ? heirs.get(code) : undefined,
    targetFor: (year: number) => targets.get(year),
  })
}
