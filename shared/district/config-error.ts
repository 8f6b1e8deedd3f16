/**
 * The one error every check of district.json throws (district-config.ts and the sections it hands
 * to payer-config.ts, tariff-config.ts, workflow/verification-config.ts and
 * coverage/payments.ts). The file is edited by hand by the regency's IT staff, in Indonesian, so
 * the reason is Indonesian and names what is expected; the key path says which key, and the line
 * (when the file's text is at hand: loadDistrictFromText) says where in the editor to look.
 *
 *   district.json baris 27 (.ageRange.max): harus bilangan bulat antara 0 dan 120; tertulis 64.5; contoh: 64
 */
export interface ConfigPosition {
  /** 1-based line in district.json. */
  line: number
  /** 1-based column, given for a JSON syntax error only. */
  column?: number
}

export class DistrictConfigError extends Error {
  /** The key path, '.payers[1].budgets[0].total'; '' for the file as a whole. */
  readonly path: string
  /** Why, in Indonesian: 'harus bilangan bulat …; tertulis "5"; contoh: 5'. */
  readonly reason: string
  readonly line: number | undefined
  readonly column: number | undefined

  constructor(path: string, reason: string, position?: ConfigPosition) {
    const where = position
      ? ` baris ${position.line}${position.column === undefined ? '' : `, kolom ${position.column}`}`
      : ''
    super(`district.json${where}${path === '' ? '' : ` (${path})`}: ${reason}`)
    this.name = 'DistrictConfigError'
    this.path = path
    this.reason = reason
    this.line = position?.line
    this.column = position?.column
  }

  /** The same problem, placed at a line of the file's text. */
  at(position: ConfigPosition): DistrictConfigError {
    return new DistrictConfigError(this.path, this.reason, position)
  }
}

const MAX_SHOWN = 60

/**
 * What the file holds at the key, for the end of a reason: 'tertulis "6402"', or 'kunci ini tidak
 * ada' when the key is missing (JSON has no `undefined`; printing it would puzzle the reader).
 */
export function writtenAs(value: unknown): string {
  if (value === undefined) return 'kunci ini tidak ada'
  const shown = JSON.stringify(value) ?? String(value)
  return `tertulis ${shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN - 1)}…` : shown}`
}
