/**
 * Which agencies must check which candidate is configuration, not code: district.json's
 * `verification` section names the agencies, the ones every candidate needs (identity, welfare
 * data), the sector agency per occupation, and the reasons a check may be rejected with.
 */
import { DistrictConfigError, writtenAs } from '../district/config-error'

export interface VerificationAgency {
  /** Stable code stored in each check, e.g. 'disdukcapil'. */
  code: string
  labelId: string
  labelEn: string
}

export interface LabelledReason {
  code: string
  labelId: string
  labelEn: string
}

export interface VerificationConfig {
  agencies: VerificationAgency[]
  /** Agencies every candidate needs, whatever their occupation (identity, welfare data). */
  alwaysRequired: string[]
  /** Extra agencies per occupation code (the sector agency). */
  byOccupation: Record<string, string[]>
  /** Reasons an agency may reject a check with (plus free text). */
  rejectionReasons: LabelledReason[]
}

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const MAX_LABEL = 200
const AGENCY_EXAMPLE =
  '{ "code": "disdukcapil", "labelId": "Disdukcapil", "labelEn": "Civil registry" }'

/** `path` is below '.verification'. */
function refuse(path: string, reason: string): never {
  throw new DistrictConfigError(`.verification${path}`, reason)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readLabelled(value: unknown, path: string, example: string): LabelledReason[] {
  if (!Array.isArray(value) || value.length === 0) {
    refuse(
      path,
      `harus daftar [ … ] yang berisi paling sedikit satu; ${writtenAs(value)}; contoh: [${example}]`,
    )
  }
  const firstAt = new Map<string, string>()
  return value.map((item, index) => {
    const at = `${path}[${index}]`
    if (!isRecord(item)) {
      refuse(
        at,
        `harus berupa objek { code, labelId, labelEn }; ${writtenAs(item)}; contoh: ${example}`,
      )
    }
    const { code, labelId, labelEn } = item
    if (typeof code !== 'string' || !CODE.test(code) || code.length > 40) {
      refuse(
        `${at}.code`,
        `harus huruf kecil, angka dan tanda minus, paling banyak 40 karakter; ${writtenAs(code)}; contoh: "disdukcapil"`,
      )
    }
    const earlier = firstAt.get(code)
    if (earlier !== undefined) {
      refuse(
        `${at}.code`,
        `kode "${code}" sudah dipakai di .verification${earlier}: setiap entri perlu kode sendiri`,
      )
    }
    firstAt.set(code, at)
    for (const [key, text] of [
      ['labelId', labelId],
      ['labelEn', labelEn],
    ] as const) {
      if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_LABEL) {
        refuse(
          `${at}.${key}`,
          `harus teks berisi, paling banyak ${MAX_LABEL} karakter; ${writtenAs(text)}`,
        )
      }
    }
    return { code, labelId: (labelId as string).trim(), labelEn: (labelEn as string).trim() }
  })
}

function readAgencyList(value: unknown, path: string, known: readonly string[]): string[] {
  if (!Array.isArray(value)) {
    refuse(
      path,
      `harus daftar kode instansi dari .verification.agencies (boleh kosong: []); ${writtenAs(value)}; contoh: ${JSON.stringify(known.slice(0, 2))}`,
    )
  }
  const firstAt = new Map<string, number>()
  return value.map((item, index) => {
    if (typeof item !== 'string' || !known.includes(item)) {
      refuse(
        `${path}[${index}]`,
        `harus kode instansi yang ada di .verification.agencies, yaitu salah satu dari ${known.join(', ')}; ${writtenAs(item)}`,
      )
    }
    const earlier = firstAt.get(item)
    if (earlier !== undefined) {
      refuse(`${path}[${index}]`, `instansi "${item}" sudah disebut di ${path}[${earlier}]`)
    }
    firstAt.set(item, index)
    return item
  })
}

/**
 * Validates the `verification` section against the configured occupation codes. Throws
 * DistrictConfigError, its path under '.verification', on the first problem.
 */
export function parseVerificationConfig(
  value: unknown,
  occupationCodes: readonly string[],
): VerificationConfig {
  if (!isRecord(value)) {
    refuse(
      '',
      `harus berupa objek { agencies, alwaysRequired, byOccupation, rejectionReasons }; ${writtenAs(value)}`,
    )
  }
  const agencies = readLabelled(value.agencies, '.agencies', AGENCY_EXAMPLE)
  const known = agencies.map((agency) => agency.code)
  const alwaysRequired = readAgencyList(value.alwaysRequired, '.alwaysRequired', known)
  if (!isRecord(value.byOccupation)) {
    refuse(
      '.byOccupation',
      `harus berupa objek: kode pekerjaan → daftar instansi sektornya (boleh kosong: {}); ${writtenAs(value.byOccupation)}; contoh: { "nelayan": ["dkp"] }`,
    )
  }
  const byOccupation: Record<string, string[]> = {}
  for (const [occupation, list] of Object.entries(value.byOccupation)) {
    const path = `.byOccupation.${occupation}`
    if (!occupationCodes.includes(occupation)) {
      refuse(
        path,
        `"${occupation}" bukan kode pekerjaan di .occupations; pilih dari ${occupationCodes.join(', ')}`,
      )
    }
    const extra = readAgencyList(list, path, known)
    const repeated = extra.findIndex((code) => alwaysRequired.includes(code))
    if (repeated >= 0) {
      refuse(
        `${path}[${repeated}]`,
        `"${extra[repeated]}" sudah wajib untuk setiap calon (.verification.alwaysRequired): hapus dari sini`,
      )
    }
    byOccupation[occupation] = extra
  }
  return {
    agencies,
    alwaysRequired,
    byOccupation,
    rejectionReasons: readLabelled(
      value.rejectionReasons,
      '.rejectionReasons',
      '{ "code": "nik-tidak-cocok", "labelId": "NIK tidak cocok", "labelEn": "NIK does not match" }',
    ),
  }
}

/** The agencies that must check a candidate with this occupation, in configuration order. */
export function requiredAgenciesFor(config: VerificationConfig, occupationCode: string): string[] {
  const needed = new Set([...config.alwaysRequired, ...(config.byOccupation[occupationCode] ?? [])])
  return config.agencies.map((agency) => agency.code).filter((code) => needed.has(code))
}
