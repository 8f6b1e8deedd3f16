/** The shape of an ajv standalone validator (`*.generated.js`), typed once. */
export interface CompiledValidationError {
  /** JSON pointer of the value at fault, e.g. `/prints/0/at`; '' for the document. */
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

export interface CompiledValidator {
  (value: unknown): boolean
  /** The first error of the last call (ajv stops at the first), or null when it passed. */
  errors?: CompiledValidationError[] | null
}

/**
 * The path of the first value that breaks the schema, written as the app always has
 * (`prints[0].at`, `fullName`, `(dokumen)` for the document itself), or null when it fits.
 */
export function firstViolation(validate: CompiledValidator, value: unknown): string | null {
  if (validate(value)) return null
  const error = validate.errors?.[0]
  if (!error) return '(dokumen)'
  let path = ''
  for (const segment of error.instancePath.split('/').slice(1)) {
    const name = segment.replace(/~1/g, '/').replace(/~0/g, '~')
    path = /^\d+$/.test(name) ? `${path}[${name}]` : path === '' ? name : `${path}.${name}`
  }
  const child = error.params.missingProperty ?? error.params.additionalProperty
  if ((error.keyword === 'required' || error.keyword === 'additionalProperties') && child) {
    return path === '' ? String(child) : `${path}.${String(child)}`
  }
  return path || '(dokumen)'
}
