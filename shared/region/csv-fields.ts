/**
 * One line of a simple CSV (the Kemendagri package's tables, the region change record): fields
 * split at commas, a quoted field may hold commas and doubled quotes. Null when a quote is left
 * open. And the other way: a value quoted when it holds a comma, a quote or a line break.
 */
export function csvFieldsOf(line: string): string[] | null {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let at = 0; at < line.length; at++) {
    const char = line[at]!
    if (quoted) {
      if (char === '"' && line[at + 1] === '"') {
        field += '"'
        at++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      fields.push(field)
      field = ''
    } else field += char
  }
  if (quoted) return null
  fields.push(field)
  return fields.map((value) => value.trim())
}

export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
