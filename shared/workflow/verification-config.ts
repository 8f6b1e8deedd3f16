/**
 * Which agencies must check which candidate is configuration, not code: district.json's
 * `verification` section names the agencies, the ones every candidate needs (identity, welfare
 * data), the sector agency per occupation, and the reasons a check may be rejected with.
 */
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

export class VerificationConfigError extends Error {
  constructor(path: string, message: string) {
    super(`district.json: .verification${path} ${message}`)
    this.name = 'DistrictConfigError'
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readLabelled(value: unknown, path: string): LabelledReason[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new VerificationConfigError(path, 'must be a non-empty list')
  }
  const seen = new Set<string>()
  return value.map((item, index) => {
    const at = `${path}[${index}]`
    if (!isRecord(item)) throw new VerificationConfigError(at, 'must be an object')
    const { code, labelId, labelEn } = item
    if (typeof code !== 'string' || !CODE.test(code) || code.length > 40) {
      throw new VerificationConfigError(
        `${at}.code`,
        'must be lowercase letters, digits and dashes',
      )
    }
    if (seen.has(code)) throw new VerificationConfigError(`${at}.code`, `"${code}" appears twice`)
    seen.add(code)
    for (const [key, text] of [
      ['labelId', labelId],
      ['labelEn', labelEn],
    ] as const) {
      if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_LABEL) {
        throw new VerificationConfigError(`${at}.${key}`, 'must be a non-empty text')
      }
    }
    return { code, labelId: (labelId as string).trim(), labelEn: (labelEn as string).trim() }
  })
}

function readAgencyList(value: unknown, path: string, known: Set<string>): string[] {
  if (!Array.isArray(value)) throw new VerificationConfigError(path, 'must be a list')
  const list = value.map((item, index) => {
    if (typeof item !== 'string' || !known.has(item)) {
      throw new VerificationConfigError(`${path}[${index}]`, 'must be the code of a listed agency')
    }
    return item
  })
  if (new Set(list).size !== list.length) {
    throw new VerificationConfigError(path, 'names an agency twice')
  }
  return list
}

/** Validates the `verification` section against the configured occupation codes. */
export function parseVerificationConfig(
  value: unknown,
  occupationCodes: readonly string[],
): VerificationConfig {
  if (!isRecord(value)) throw new VerificationConfigError('', 'must be an object')
  const agencies = readLabelled(value.agencies, '.agencies')
  const known = new Set(agencies.map((agency) => agency.code))
  const alwaysRequired = readAgencyList(value.alwaysRequired, '.alwaysRequired', known)
  if (!isRecord(value.byOccupation)) {
    throw new VerificationConfigError('.byOccupation', 'must be an object')
  }
  const byOccupation: Record<string, string[]> = {}
  for (const [occupation, list] of Object.entries(value.byOccupation)) {
    if (!occupationCodes.includes(occupation)) {
      throw new VerificationConfigError(
        `.byOccupation.${occupation}`,
        'is not an occupation code of this district',
      )
    }
    const extra = readAgencyList(list, `.byOccupation.${occupation}`, known)
    if (extra.some((code) => alwaysRequired.includes(code))) {
      throw new VerificationConfigError(
        `.byOccupation.${occupation}`,
        'repeats an agency that is always required',
      )
    }
    byOccupation[occupation] = extra
  }
  return {
    agencies,
    alwaysRequired,
    byOccupation,
    rejectionReasons: readLabelled(value.rejectionReasons, '.rejectionReasons'),
  }
}

/** The agencies that must check a candidate with this occupation, in configuration order. */
export function requiredAgenciesFor(config: VerificationConfig, occupationCode: string): string[] {
  const needed = new Set([...config.alwaysRequired, ...(config.byOccupation[occupationCode] ?? [])])
  return config.agencies.map((agency) => agency.code).filter((code) => needed.has(code))
}
