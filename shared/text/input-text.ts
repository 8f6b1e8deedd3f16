/**
 * Guards for text that arrives from a form, a paste, an import file or a tampered IPC message.
 *
 * Every check in shared/ looks at the length first and only then runs a regular expression, so a
 * 10 MB paste is refused in constant time instead of freezing the clerk's laptop.
 */

/** No field of the registration form is legitimately longer than this. */
export const MAX_FIELD_LENGTH = 1000

/**
 * The text of a form value. Strings pass through; finite numbers become their decimal text (an
 * import may carry income as a number); null, undefined and anything else become '' so they are
 * reported as missing rather than crashing a `.trim()`.
 */
export function asInputText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return ''
}

/** True when the value is longer than any honest input and must be refused before parsing. */
export function isOverlong(text: string, max: number = MAX_FIELD_LENGTH): boolean {
  return text.length > max
}
