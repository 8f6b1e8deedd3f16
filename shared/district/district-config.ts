/**
 * What makes Naungan "the Kutai Kartanegara app" is data, not code: resources/district/district.json
 * plus the region CSV it names. Another kabupaten adopts Naungan by replacing those two files.
 *
 * Both files ship with the app, so a broken file is a deployment mistake: loadDistrict throws a
 * DistrictConfigError (config-error.ts) that names the key and says in Indonesian what it should
 * hold, loadDistrictFromText adds the line, and the app refuses to start rather than register
 * people against the wrong rules.
 */
import { utcOffsetMinutesOfProvince } from '../dates/clock'
import { isProvinceCode } from '../region/provinces'
import { parseRegionCsv, type RegionTable } from '../region/region-table'
import type { Tariff } from '../coverage/tariffs'
import { parseTariffs } from './tariff-config'
import { parseBillingRules, type BillingRules } from '../coverage/payments'
import { defaultPayerOf, parsePayers, type Payer } from './payer-config'
import { parseVerificationConfig, type VerificationConfig } from '../workflow/verification-config'
import { DistrictConfigError, writtenAs } from './config-error'
import { indexJson } from './json-lines'

export { DistrictConfigError } from './config-error'

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
  /**
   * When a month's contribution is due and how many unpaid months make BPJS end the group's
   * participants' membership (shared/coverage/payments.ts). Optional: 15th of the next month, 3.
   */
  billing: BillingRules
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
  /**
   * Kecamatan and village codes an earlier Kemendagri edition had and the current one does not
   * (wilayah-perubahan.csv): records registered under them keep them, so the server still takes
   * their other changes. Absent: none known.
   */
  removedAreaCodes?: ReadonlySet<string>
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readRecord(value: unknown, path: string, example: string): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new DistrictConfigError(
      path,
      `harus berupa objek { … }; ${writtenAs(value)}; contoh: ${example}`,
    )
  }
  return value
}

function readText(
  record: Record<string, unknown>,
  key: string,
  path: string,
  example: string,
): string {
  const value = record[key]
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    throw new DistrictConfigError(
      `${path}.${key}`,
      `harus teks berisi di antara tanda kutip ganda, paling banyak ${MAX_TEXT} karakter; ${writtenAs(value)}; contoh: ${JSON.stringify(example)}`,
    )
  }
  return value.trim()
}

function readInteger(
  record: Record<string, unknown>,
  key: string,
  path: string,
  range: { min: number; max: number; example: number },
): number {
  const value = record[key]
  const { min, max, example } = range
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DistrictConfigError(
      `${path}.${key}`,
      `harus bilangan bulat antara ${min} dan ${max}, tanpa tanda kutip; ${writtenAs(value)}; contoh: ${example}`,
    )
  }
  return value
}

function readArray(
  record: Record<string, unknown>,
  key: string,
  path: string,
  example: string,
): unknown[] {
  const value = record[key]
  if (!Array.isArray(value) || value.length === 0) {
    throw new DistrictConfigError(
      `${path}.${key}`,
      `harus daftar [ … ] yang berisi paling sedikit satu; ${writtenAs(value)}; contoh: ${example}`,
    )
  }
  return value
}

/** A code stored with records: a lowercase slug, so a typo cannot make two spellings of one thing. */
function codeReason(value: unknown, example: string): string {
  return `harus huruf kecil, angka dan tanda minus, paling banyak 40 karakter; ${writtenAs(value)}; contoh: ${JSON.stringify(example)}`
}

function readOptions(
  record: Record<string, unknown>,
  key: string,
  example: LabelledOption,
): LabelledOption[] {
  const firstAt = new Map<string, string>()
  const exampleText = JSON.stringify(example).replaceAll(',', ', ')
  return readArray(record, key, '', `[${exampleText}]`).map((item, index) => {
    const path = `.${key}[${index}]`
    const option = readRecord(item, path, exampleText)
    const code = option.code
    if (typeof code !== 'string' || !OPTION_CODE.test(code) || code.length > 40) {
      throw new DistrictConfigError(`${path}.code`, codeReason(code, example.code))
    }
    const earlier = firstAt.get(code)
    if (earlier !== undefined) {
      throw new DistrictConfigError(
        `${path}.code`,
        `kode "${code}" sudah dipakai di ${earlier}: setiap pilihan perlu kode sendiri`,
      )
    }
    firstAt.set(code, path)
    return {
      code,
      labelId: readText(option, 'labelId', path, example.labelId),
      labelEn: readText(option, 'labelEn', path, example.labelEn),
    }
  })
}

function readTextList(
  record: Record<string, unknown>,
  key: string,
  path: string,
  limits: { maxItems: number; maxLength: number; example: string },
): string[] {
  const { maxItems, maxLength, example } = limits
  const items = readArray(record, key, path, `[${JSON.stringify(example)}]`)
  if (items.length > maxItems) {
    throw new DistrictConfigError(
      `${path}.${key}`,
      `paling banyak ${maxItems} entri; ada ${items.length} entri`,
    )
  }
  return items.map((item, index) => {
    if (typeof item !== 'string' || item.trim() === '' || item.length > maxLength) {
      throw new DistrictConfigError(
        `${path}.${key}[${index}]`,
        `harus teks berisi, paling banyak ${maxLength} karakter; ${writtenAs(item)}; contoh: ${JSON.stringify(example)}`,
      )
    }
    return item.trim()
  })
}

function readPrint(value: unknown): DistrictPrintConfig {
  const path = '.print'
  const print = readRecord(
    value,
    path,
    '{ "logos": ["logo-kabupaten.png"], "benefits": ["…"], "benefitsEn": ["…"], "cardTitleId": "KARTU PESERTA", "cardTitleEn": "MEMBERSHIP CARD" }',
  )

  const logosValue = print.logos
  if (!Array.isArray(logosValue) || logosValue.length > MAX_LOGOS) {
    throw new DistrictConfigError(
      `${path}.logos`,
      `harus daftar paling banyak ${MAX_LOGOS} nama berkas gambar (boleh kosong: []); ${writtenAs(logosValue)}; contoh: ["logo-kabupaten.png", "logo-program.png"]`,
    )
  }
  const logos = logosValue.map((item, index) => {
    if (typeof item !== 'string' || !LOGO_FILE_NAME.test(item)) {
      throw new DistrictConfigError(
        `${path}.logos[${index}]`,
        `harus nama berkas .png, .jpg atau .jpeg yang terletak di folder yang sama dengan district.json, tanpa nama folder; ${writtenAs(item)}; contoh: "logo-kabupaten.png"`,
      )
    }
    return item
  })

  const benefitLimits = {
    maxItems: MAX_BENEFITS,
    maxLength: MAX_BENEFIT_TEXT,
    example: 'Jaminan Kematian (JKM)',
  }
  const benefits = readTextList(print, 'benefits', path, benefitLimits)
  const benefitsEn = readTextList(print, 'benefitsEn', path, {
    ...benefitLimits,
    example: 'Death benefit (JKM)',
  })
  if (benefitsEn.length !== benefits.length) {
    throw new DistrictConfigError(
      `${path}.benefitsEn`,
      `harus berisi sama banyak dengan benefits (${benefits.length} entri, urutan sama); ada ${benefitsEn.length} entri`,
    )
  }

  const readTitle = (key: string, example: string): string => {
    const title = readText(print, key, path, example)
    if (title.length > MAX_CARD_TITLE) {
      throw new DistrictConfigError(
        `${path}.${key}`,
        `paling banyak ${MAX_CARD_TITLE} karakter agar muat di kartu; ada ${title.length} karakter; contoh: ${JSON.stringify(example)}`,
      )
    }
    return title
  }

  const config: DistrictPrintConfig = {
    logos,
    benefits,
    benefitsEn,
    cardTitleId: readTitle('cardTitleId', 'KARTU PESERTA'),
    cardTitleEn: readTitle('cardTitleEn', 'MEMBERSHIP CARD'),
  }
  if (print.stickerWords !== undefined) {
    config.stickerWords = readTextList(print, 'stickerWords', path, {
      maxItems: MAX_STICKER_WORDS,
      maxLength: MAX_STICKER_WORD_TEXT,
      example: 'RUMAH PESERTA',
    })
  }
  return config
}

/** The optional `eligibility` section; a section without `maxDecile` is a mistake, not a default. */
function readEligibility(value: unknown): DistrictEligibility | undefined {
  if (value === undefined) return undefined
  const record = readRecord(value, '.eligibility', '{ "maxDecile": 5 }')
  return {
    maxDecile: readInteger(record, 'maxDecile', '.eligibility', { ...DTSEN_DECILES, example: 5 }),
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
      throw new DistrictConfigError(
        `.verification.agencies[${index}].checksIdentity`,
        `harus true atau false, tanpa tanda kutip; ${writtenAs(flag)}; contoh: true`,
      )
    }
    return flag === true ? [(agency as { code: string }).code] : []
  })
}

const OCCUPATION_EXAMPLE: LabelledOption = {
  code: 'nelayan',
  labelId: 'Nelayan',
  labelEn: 'Fisher',
}
const HEIR_EXAMPLE: LabelledOption = { code: 'anak', labelId: 'Anak', labelEn: 'Child' }
const AGE = { min: 0, max: 120 }

/**
 * Checks the shape and the internal consistency of district.json. Throws DistrictConfigError
 * (key path and Indonesian reason, no line: the value has none) on the first problem.
 */
export function parseDistrictConfig(configJson: unknown): DistrictConfig {
  const root = readRecord(configJson, '', '{ "schemaVersion": 1, "region": { … }, … }')
  if (root.schemaVersion !== 1) {
    throw new DistrictConfigError(
      '.schemaVersion',
      `harus 1 (versi susunan berkas yang dibaca Naungan ini); ${writtenAs(root.schemaVersion)}; contoh: 1`,
    )
  }

  const regionRecord = readRecord(
    root.region,
    '.region',
    '{ "code": "64.02", "name": "Kutai Kartanegara", "kind": "kabupaten" }',
  )
  const regionCode = readText(regionRecord, 'code', '.region', '64.02')
  if (!REGION_CODE.test(regionCode) || !isProvinceCode(regionCode.slice(0, 2))) {
    throw new DistrictConfigError(
      '.region.code',
      `harus kode wilayah Kemendagri kabupaten/kota berbentuk "NN.NN" dengan kode provinsi yang ada (bukan kode BPS); ${writtenAs(regionCode)}; contoh: "64.02"`,
    )
  }
  const regionName = readText(regionRecord, 'name', '.region', 'Kutai Kartanegara')
  const kind = regionRecord.kind
  if (kind !== 'kabupaten' && kind !== 'kota') {
    throw new DistrictConfigError(
      '.region.kind',
      `harus "kabupaten" atau "kota"; ${writtenAs(kind)}; contoh: "kabupaten"`,
    )
  }
  const provinceName = readText(root, 'provinceName', '', 'Kalimantan Timur')

  const programme = readRecord(
    root.programme,
    '.programme',
    '{ "titleId": "Perlindungan Jaminan Sosial …", "titleEn": "Employment social security …" }',
  )
  const programmeTitles = {
    titleId: readText(
      programme,
      'titleId',
      '.programme',
      'Perlindungan Jaminan Sosial Ketenagakerjaan',
    ),
    titleEn: readText(programme, 'titleEn', '.programme', 'Employment social security'),
  }
  const occupations = readOptions(root, 'occupations', OCCUPATION_EXAMPLE)

  const ageRecord = readRecord(root.ageRange, '.ageRange', '{ "min": 18, "max": 64 }')
  const ageRange = {
    min: readInteger(ageRecord, 'min', '.ageRange', { ...AGE, example: 18 }),
    max: readInteger(ageRecord, 'max', '.ageRange', { ...AGE, example: 64 }),
  }
  if (ageRange.min > ageRange.max) {
    throw new DistrictConfigError(
      '.ageRange.min',
      `umur terendah (min) ${ageRange.min} tidak boleh lebih besar dari umur tertinggi (max) ${ageRange.max}; contoh: { "min": 18, "max": 64 }`,
    )
  }

  const eligibility = readEligibility(root.eligibility)
  const tariffs = parseTariffs(root)
  const payers = parsePayers(root, regionName)
  const billing = parseBillingRules(root.billing)
  const baselineCoveredParticipants = readInteger(root, 'baselineCoveredParticipants', '', {
    min: 0,
    max: 10_000_000,
    example: 35440,
  })

  const yearAt = new Map<number, string>()
  const annualTargets = readArray(
    root,
    'annualTargets',
    '',
    '[{ "year": 2026, "newParticipants": 13000 }]',
  ).map((item, index) => {
    const path = `.annualTargets[${index}]`
    const target = readRecord(item, path, '{ "year": 2026, "newParticipants": 13000 }')
    const year = readInteger(target, 'year', path, { min: 2000, max: 2100, example: 2026 })
    const earlier = yearAt.get(year)
    if (earlier !== undefined) {
      throw new DistrictConfigError(
        `${path}.year`,
        `tahun ${year} sudah ada di ${earlier}: satu target per tahun`,
      )
    }
    yearAt.set(year, path)
    const newParticipants = readInteger(target, 'newParticipants', path, {
      min: 0,
      max: 10_000_000,
      example: 13000,
    })
    return { year, newParticipants }
  })

  const heirRelationships = readOptions(root, 'heirRelationships', HEIR_EXAMPLE)
  const contactRecord = readRecord(
    root.contact,
    '.contact',
    '{ "id": "Hubungi Disnakertrans …", "en": "Contact Disnakertrans …" }',
  )
  const contact = {
    id: readText(contactRecord, 'id', '.contact', 'Hubungi Disnakertrans, telepon 0541-000000'),
    en: readText(contactRecord, 'en', '.contact', 'Contact Disnakertrans, phone 0541-000000'),
  }
  const print = readPrint(root.print)
  const verification = parseVerificationConfig(
    root.verification,
    occupations.map((option) => option.code),
  )

  return {
    schemaVersion: 1,
    region: { code: regionCode, name: regionName, kind },
    provinceName,
    programme: programmeTitles,
    occupations,
    ageRange,
    ...(eligibility ? { eligibility } : {}),
    tariffs,
    payers,
    billing,
    baselineCoveredParticipants,
    annualTargets,
    heirRelationships,
    contact,
    print,
    verification,
    identityAgencies: readIdentityAgencies(root.verification),
  }
}

/**
 * Validates district.json (already parsed), parses the region CSV and checks that the two describe
 * one place. A wrong district.json throws DistrictConfigError without a line (the value has none:
 * loadDistrictFromText adds it); a wrong CSV throws an Error naming its line.
 */
export function loadDistrict(configJson: unknown, regionCsv: string): District {
  const config = parseDistrictConfig(configJson)
  const regions = parseRegionCsv(regionCsv)
  if (regions.kabupaten.code !== config.region.code) {
    throw new DistrictConfigError(
      '.region.code',
      `"${config.region.code}" tidak sama dengan kode kabupaten/kota di CSV wilayah ("${regions.kabupaten.code}"): kedua berkas harus untuk daerah yang sama`,
    )
  }
  if (regions.kabupaten.name !== config.region.name) {
    throw new DistrictConfigError(
      '.region.name',
      `"${config.region.name}" tidak sama dengan nama di CSV wilayah: tulis persis "${regions.kabupaten.name}"`,
    )
  }
  if (regions.kabupaten.kind !== config.region.kind) {
    throw new DistrictConfigError(
      '.region.kind',
      `"${config.region.kind}" tidak sama dengan tingkat wilayah di CSV wilayah: tulis "${regions.kabupaten.kind}" (tabel Kemendagri menyebutnya ${regions.kabupaten.kind === 'kota' ? 'Kota' : 'Kabupaten'})`,
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

/**
 * loadDistrict from district.json's text, as read from disk: the regency's IT staff edit that
 * text, so every refusal says where in it to look. A JSON syntax error gives its line and column
 * ('district.json baris 12, kolom 5: sesudah nilai ini harus ada koma …'); a key written twice in
 * one object is refused at the later one (JSON.parse would silently drop the earlier); a wrong
 * value gives the line of its key, or of the parent object when the key is missing
 * ('district.json baris 27 (.ageRange.max): harus bilangan bulat …; contoh: 64'). A wrong region
 * CSV throws loadDistrict's Error, which names the CSV's own line.
 */
export function loadDistrictFromText(configText: string, regionCsv: string): District {
  // Notepad's "UTF-8" starts the file with a byte-order mark, which JSON.parse refuses.
  const text = configText.startsWith('\uFEFF') ? configText.slice(1) : configText
  const index = indexJson(text)
  if (!index.ok) {
    const { line, column, reason } = index.problem
    throw new DistrictConfigError('', reason, { line, column })
  }
  const duplicate = index.duplicates[0]
  if (duplicate) {
    throw new DistrictConfigError(
      duplicate.path,
      `kunci ini tertulis dua kali dalam objek yang sama: hapus salah satu (JSON hanya memakai yang terakhir)`,
      { line: duplicate.line },
    )
  }
  try {
    return loadDistrict(JSON.parse(text) as unknown, regionCsv)
  } catch (error) {
    if (error instanceof DistrictConfigError && error.line === undefined) {
      throw error.at({ line: index.lineOf(error.path) })
    }
    throw error
  }
}
