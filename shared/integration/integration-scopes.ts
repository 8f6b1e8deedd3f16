/**
 * What another district system may read through the integration API (docs/integration.md): a key
 * names field groups and kecamatan, and every participant it receives is projected to them here,
 * by the same table the OpenAPI description is built from, so the two cannot disagree.
 *
 * Fields that are not in any group never leave the server by this API: the blind index and name
 * key (internal), the duplicate flags and sync conflicts (a conflict's values may hold a NIK), the
 * print log and the staff names who typed or printed a record — also inside checks, decisions,
 * death reports and claim steps (`projectParticipant`). Without the `personal` group, a NIK or
 * phone number a clerk typed into free text (a note, a source) is replaced too.
 */

/** Always sent: enough to keep a mirror keyed, placed and up to date. */
export const CORE_FIELDS = [
  'id',
  'registrationNumber',
  'kecamatanCode',
  'villageCode',
  'officeCode',
  'status',
  'createdAt',
  'updatedAt',
] as const

/**
 * Field groups a key may hold. `personal` (NIK, KK, phone) is never implied by another group: a
 * key gets it only when the admin names it, and every read that returns it is recorded.
 */
export const INTEGRATION_FIELD_GROUPS = {
  identity: ['fullName', 'birthPlace', 'birthDate', 'sex'],
  address: ['address', 'rt', 'rw'],
  work: ['occupationCode', 'monthlyIncome'],
  heir: ['heirName', 'heirRelationship'],
  coverage: ['kpjNumber', 'enrolmentBatchId', 'coverage', 'source'],
  workflow: ['checks', 'review', 'reverification', 'death'],
  claims: ['claims'],
  personal: ['nik', 'kk', 'phone'],
} as const

export type IntegrationFieldGroup = keyof typeof INTEGRATION_FIELD_GROUPS

export const INTEGRATION_FIELD_GROUP_NAMES = Object.keys(
  INTEGRATION_FIELD_GROUPS,
) as IntegrationFieldGroup[]

/** The fields only the `personal` group carries. */
export const PERSONAL_FIELDS: readonly string[] = INTEGRATION_FIELD_GROUPS.personal

/** What a key allows. Keys only ever read: `access` is there so the stored scope says so. */
export interface IntegrationScopes {
  fields: IntegrationFieldGroup[]
  /** Kemendagri kecamatan codes, or every kecamatan of the district. */
  kecamatan: 'all' | string[]
  access: 'read'
}

export const MAX_SCOPE_KECAMATAN = 50

export type ScopesResult =
  | { ok: true; scopes: IntegrationScopes }
  | {
      ok: false
      reason: 'FIELDS_INVALID' | 'KECAMATAN_INVALID' | 'KECAMATAN_UNKNOWN' | 'ACCESS_INVALID'
      /** The offending value, cut short, for the message. */
      value?: string
    }

/**
 * Checks a scope as sent by the admin: known field groups, each once; 'all' or a list of
 * kecamatan the district has; read access only.
 */
export function parseIntegrationScopes(
  input: { fields: unknown; kecamatan: unknown; access: unknown },
  isKnownKecamatan: (code: string) => boolean,
): ScopesResult {
  const { fields, kecamatan, access } = input
  if (access !== undefined && access !== 'read') return { ok: false, reason: 'ACCESS_INVALID' }
  if (!Array.isArray(fields) || fields.length > INTEGRATION_FIELD_GROUP_NAMES.length) {
    return { ok: false, reason: 'FIELDS_INVALID' }
  }
  const groups = new Set<IntegrationFieldGroup>()
  for (const field of fields) {
    if (typeof field !== 'string' || !(INTEGRATION_FIELD_GROUP_NAMES as string[]).includes(field)) {
      return { ok: false, reason: 'FIELDS_INVALID', value: String(field).slice(0, 40) }
    }
    groups.add(field as IntegrationFieldGroup)
  }
  let kecamatanScope: IntegrationScopes['kecamatan']
  if (kecamatan === 'all') kecamatanScope = 'all'
  else if (
    Array.isArray(kecamatan) &&
    kecamatan.length >= 1 &&
    kecamatan.length <= MAX_SCOPE_KECAMATAN &&
    kecamatan.every((code) => typeof code === 'string')
  ) {
    const codes = [...new Set(kecamatan as string[])]
    const unknown = codes.find((code) => !isKnownKecamatan(code))
    if (unknown !== undefined) {
      return { ok: false, reason: 'KECAMATAN_UNKNOWN', value: unknown.slice(0, 20) }
    }
    kecamatanScope = codes.sort()
  } else return { ok: false, reason: 'KECAMATAN_INVALID' }
  // Stored in the table's order, so two keys with the same rights read the same.
  const ordered = INTEGRATION_FIELD_GROUP_NAMES.filter((group) => groups.has(group))
  return { ok: true, scopes: { fields: ordered, kecamatan: kecamatanScope, access: 'read' } }
}

/** The participant fields a key receives, core first, in the groups' order. */
export function fieldsOfScopes(scopes: Pick<IntegrationScopes, 'fields'>): string[] {
  return [
    ...CORE_FIELDS,
    ...INTEGRATION_FIELD_GROUP_NAMES.filter((group) => scopes.fields.includes(group)).flatMap(
      (group) => INTEGRATION_FIELD_GROUPS[group],
    ),
  ]
}

export function mayReadKecamatan(
  scopes: Pick<IntegrationScopes, 'kecamatan'>,
  kecamatanCode: string,
): boolean {
  return scopes.kecamatan === 'all' || scopes.kecamatan.includes(kecamatanCode)
}

/** A record as the key may see it: only its fields, absent ones left out. */
export function projectParticipant(
  document: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  /** The key holds `personal`: digits in free text are left as typed. */
  personal = false,
): Record<string, unknown> {
  const projected: Record<string, unknown> = {}
  for (const field of fields) {
    if (document[field] === undefined) continue
    projected[field] = CORE_SET.has(field)
      ? document[field]
      : withoutStaffAndNumbers(document[field], personal)
  }
  return projected
}

const CORE_SET: ReadonlySet<string> = new Set(CORE_FIELDS)

/** Keys naming the staff who acted: checks' and steps' `decidedBy`, `reportedBy`, `by`, … */
const STAFF_KEY = /^(by|[a-z]+By)$/
/** A NIK, KK or phone number typed into free text (a note, a source, a document reference). */
const LONG_DIGITS = /\d(?:[\s.-]?\d){9,}/g

/**
 * The value as another system may read it: staff names out of nested records (who typed or
 * decided is the office's own business), and, without `personal`, any run of ten or more digits
 * in text replaced — a clerk's note or a list's source may hold a NIK or a phone number.
 */
function withoutStaffAndNumbers(value: unknown, personal: boolean): unknown {
  if (typeof value === 'string') {
    return personal ? value : value.replace(LONG_DIGITS, '[angka disamarkan]')
  }
  if (Array.isArray(value)) return value.map((item) => withoutStaffAndNumbers(item, personal))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      if (STAFF_KEY.test(key)) continue
      out[key] = withoutStaffAndNumbers(inner, personal)
    }
    return out
  }
  return value
}

/** The words an admin reads when a key's scope is refused. */
export function scopeProblemMessage(result: Extract<ScopesResult, { ok: false }>): string {
  switch (result.reason) {
    case 'FIELDS_INVALID':
      return `Kelompok data (fields) harus daftar dari: ${INTEGRATION_FIELD_GROUP_NAMES.join(', ')}.${
        result.value !== undefined ? ` "${result.value}" tidak dikenal.` : ''
      }`
    case 'KECAMATAN_INVALID':
      return `Kecamatan harus "all" atau daftar 1–${MAX_SCOPE_KECAMATAN} kode kecamatan.`
    case 'KECAMATAN_UNKNOWN':
      return `Kecamatan ${result.value ?? ''} tidak dikenal di wilayah ini.`
    case 'ACCESS_INVALID':
      return 'Kunci integrasi hanya dapat membaca data (access "read").'
  }
}
