/**
 * What makes Naungan "the Kutai Kartanegara app" is data, not code: resources/district/district.json
 * plus the region CSV it names. Another kabupaten adopts Naungan by replacing those two files.
 *
 * Both files ship with the app, so a broken file is a deployment mistake: loadDistrict throws an
 * Error that says which key is wrong, and the app refuses to start rather than register people
 * against the wrong rules.
 */
import { utcOffsetMinutesOfProvince } from '../dates/clock'
import { isProvinceCode } from '../region/provinces'
import { parseRegionCsv, type RegionTable } from '../region/region-table'
import type { Tariff } from '../coverage/tariffs'
import { parseTariffs } from './tariff-config'
import { defaultPayerOf, parsePayers, type Payer } from './payer-config'
import { parseVerificationConfig, type VerificationConfig } from '../workflow/verification-config'

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
   * Socio-economic targeting. `maxDecile`: a DTSEN family in decile 1..maxDecile (inclusive) may
   * be proposed for the programme; above it the DTSEN import makes no draft and a re-import flags
   * covered people for review (docs/import.md). Absent in a district that does not target by
   * DTSEN: the DTSEN import then refuses to run rather than guess a threshold.
   */
  eligibility?: DistrictEligibility
  /**
   * The contribution rates per programme line (JKK, JKM) with the months they are in force and
   * the discounts some payers get (shared/coverage/tariffs.ts, checked by tariff-config.ts). An
   * old file's `premiumPerMonth` is read as one open-ended tariff.
   */
  tariffs: Tariff[]
  /**
   * Who pays (APBD kabupaten, APBD provinsi, DBH, APBDes, CSR…), with each one's BPJS group and
   * budget per year (shared/district/payer-config.ts). Exactly one is the default.
   */
  payers: Payer[]
  /** Participants already covered when the programme started, for the dashboard's baseline. */
  baselineCoveredParticipants: number
  annualTargets: AnnualTarget[]
  heirRelationships: LabelledOption[]
  /** Where a participant or clerk can ask questions, printed on the card and the help page. */
  contact: { id: string; en: string }
  /** What the membership card and the house sticker print besides the participant's data. */
  print: DistrictPrintConfig
  /** Which agencies check which candidates, and why they may reject one. */
  verification: VerificationConfig
  /**
   * Agencies whose check is the person's identity (`verification.agencies[].checksIdentity`,
   * Disdukcapil): their verifiers may reveal a candidate's full NIK (`identity-reveal.ts`).
   */
  identityAgencies: string[]
}

export interface DistrictEligibility {
  /** DTSEN deciles run 1 (poorest tenth) to 10; PBI-JK uses ≤ 5, Jawa Barat ≤ 4. */
  maxDecile: number
}

/** DTSEN ranks every family into ten deciles (Inpres 4/2025). */
export const DTSEN_DECILES = { min: 1, max: 10 } as const

export interface DistrictPrintConfig {
  /**
   * PNG or JPEG file names in resources/district/, next to district.json: left and right of the
   * card header, in that order. At most two; an empty list prints the header without logos.
   */
  logos: string[]
  /** Card back, one line per benefit, in Indonesian and in English (same count, same order). */
  benefits: string[]
  benefitsEn: string[]
  /** Under the card header: "KARTU PESERTA". */
  cardTitleId: string
  cardTitleEn: string
  /** The sticker headline, one entry a line; absent for the built-in "RUMAH PESERTA" wording. */
  stickerWords?: string[]
}

export interface District {
  config: DistrictConfig
  regions: RegionTable
  /** '64' */
  provinceCode: string
  /** '6402': the first four digits of a NIK first issued in this kabupaten. */
  nikRegencyCode: string
  /** The province's fixed offset from UTC in minutes (WITA: 480): where the district's day starts. */
  utcOffsetMinutes: number
  occupationByCode(code: string): LabelledOption | undefined
  heirRelationshipByCode(code: string): LabelledOption | undefined
  /** New participants targeted for the year, or undefined when the config sets none. */
  targetFor(year: number): number | undefined
  payerByCode(code: string): Payer | undefined
  /** The regency's own APBD: the payer of coverage recorded without one. */
  defaultPayer: Payer
}

const OPTION_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** A plain file name in resources/district/: no folders, so a config cannot point elsewhere. */
const LOGO_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(?:png|jpe?g)$/i
const MAX_LOGOS = 2
const MAX_BENEFITS = 8
/** A benefit is one line on an 85.6 mm card: longer does not fit at a legible size. */
const MAX_BENEFIT_TEXT = 200
const MAX_CARD_TITLE = 40
const MAX_STICKER_WORDS = 4
const MAX_STICKER_WORD_TEXT = 40
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

function readTextList(
  record: Record<string, unknown>,
  key: string,
  path: string,
  maxItems: number,
  maxLength: number,
): string[] {
  const items = readArray(record, key, path)
  if (items.length > maxItems) {
    throw new ConfigError(`${path}.${key}`, `must list at most ${maxItems} entries`)
  }
  return items.map((item, index) => {
    if (typeof item !== 'string' || item.trim() === '' || item.length > maxLength) {
      throw new ConfigError(
        `${path}.${key}[${index}]`,
        `must be a non-empty text of at most ${maxLength} characters`,
      )
    }
    return item.trim()
  })
}

function readPrint(value: unknown): DistrictPrintConfig {
  const path = '.print'
  const print = readRecord(value, path)

  const logosValue = print.logos
  if (!Array.isArray(logosValue) || logosValue.length > MAX_LOGOS) {
    throw new ConfigError(`${path}.logos`, `must be a list of at most ${MAX_LOGOS} file names`)
  }
  const logos = logosValue.map((item, index) => {
    if (typeof item !== 'string' || !LOGO_FILE_NAME.test(item)) {
      throw new ConfigError(
        `${path}.logos[${index}]`,
        'must be a .png, .jpg or .jpeg file name next to district.json (no folders)',
      )
    }
    return item
  })

  const benefits = readTextList(print, 'benefits', path, MAX_BENEFITS, MAX_BENEFIT_TEXT)
  const benefitsEn = readTextList(print, 'benefitsEn', path, MAX_BENEFITS, MAX_BENEFIT_TEXT)
  if (benefitsEn.length !== benefits.length) {
    throw new ConfigError(`${path}.benefitsEn`, 'must have as many entries as benefits')
  }

  const readTitle = (key: string): string => {
    const title = readText(print, key, path)
    if (title.length > MAX_CARD_TITLE) {
      throw new ConfigError(`${path}.${key}`, `must be at most ${MAX_CARD_TITLE} characters`)
    }
    return title
  }

  const config: DistrictPrintConfig = {
    logos,
    benefits,
    benefitsEn,
    cardTitleId: readTitle('cardTitleId'),
    cardTitleEn: readTitle('cardTitleEn'),
  }
  if (print.stickerWords !== undefined) {
    config.stickerWords = readTextList(
      print,
      'stickerWords',
      path,
      MAX_STICKER_WORDS,
      MAX_STICKER_WORD_TEXT,
    )
  }
  return config
}

/** The optional `eligibility` section; a section without `maxDecile` is a mistake, not a default. */
function readEligibility(value: unknown): DistrictEligibility | undefined {
  if (value === undefined) return undefined
  const record = readRecord(value, '.eligibility')
  return {
    maxDecile: readInteger(
      record,
      'maxDecile',
      '.eligibility',
      DTSEN_DECILES.min,
      DTSEN_DECILES.max,
    ),
  }
}

/**
 * `checksIdentity: true` on the agencies whose verifiers compare the NIK with the civil registry.
 * Read here rather than in the verification section's parser so that parser stays about checks;
 * that parser has validated the list and its codes already.
 */
function readIdentityAgencies(verification: unknown): string[] {
  const agencies = (verification as { agencies: unknown[] }).agencies
  return agencies.flatMap((agency, index) => {
    const flag = (agency as Record<string, unknown>).checksIdentity
    if (flag !== undefined && typeof flag !== 'boolean') {
      throw new ConfigError(
        `.verification.agencies[${index}].checksIdentity`,
        'must be true or false',
      )
    }
    return flag === true ? [(agency as { code: string }).code] : []
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

  const tariffs = parseTariffs(root)
  const eligibility = readEligibility(root.eligibility)

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
    ...(eligibility ? { eligibility } : {}),
    tariffs,
    payers: parsePayers(root, readText(regionRecord, 'name', '.region')),
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
    print: readPrint(root.print),
    verification: parseVerificationConfig(
      root.verification,
      readOptions(root, 'occupations').map((option) => option.code),
    ),
    identityAgencies: readIdentityAgencies(root.verification),
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
  const payers = new Map(config.payers.map((payer) => [payer.code, payer]))
  return Object.freeze({
    config,
    regions,
    provinceCode: config.region.code.slice(0, 2),
    nikRegencyCode: config.region.code.replace('.', ''),
    utcOffsetMinutes: utcOffsetMinutesOfProvince(config.region.code.slice(0, 2)),
    occupationByCode: (code: string) =>
      typeof code === 'string' ? occupations.get(code) : undefined,
    heirRelationshipByCode: (code: string) =>
      typeof code === 'string' ? heirs.get(code) : undefined,
    targetFor: (year: number) => targets.get(year),
    payerByCode: (code: string) => (typeof code === 'string' ? payers.get(code) : undefined),
    defaultPayer: defaultPayerOf(config.payers),
  })
}
