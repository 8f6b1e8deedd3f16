/**
 * A sheet as the import reads it, whatever the file was: rows of text cells with the row number
 * the clerk's spreadsheet shows. XLSX number cells keep the number as Excel wrote it (see
 * `numericCells`), because a NIK stored as a number has already lost its last digit.
 */
export interface SheetRow {
  /** 1-based, as the spreadsheet shows it (the header is usually row 1). */
  rowNumber: number
  cells: string[]
  /** Column indexes whose cell was a number in the XLSX file (absent for CSV). */
  numericCells?: number[]
}

/** Column letters of a cell reference: 'A' → 0, 'Z' → 25, 'AA' → 26. */
export function columnIndexOf(letters: string): number {
  let index = 0
  for (let i = 0; i < letters.length; i++) index = index * 26 + (letters.charCodeAt(i) - 64)
  return index - 1
}

/** 0 → 'A', 26 → 'AA': how the mapping step names a column without a header. */
export function columnLettersOf(index: number): string {
  let letters = ''
  let rest = index + 1
  while (rest > 0) {
    const digit = (rest - 1) % 26
    letters = String.fromCharCode(65 + digit) + letters
    rest = Math.floor((rest - 1) / 26)
  }
  return letters
}

/** A heading pattern that names the column of one field (matched on the normalised heading). */
export interface HeadingGuess<Field extends string> {
  field: Field
  pattern: RegExp
}

/**
 * A suggested column per field from a sheet's headings, which the user confirms before reading:
 * each heading upper-cased, with `. _ : / \ -` read as spaces; the first heading a field's pattern
 * matches is its column, and a heading serves one field at most (the first guess that matches).
 */
export function guessColumns<Field extends string>(
  header: readonly string[],
  guesses: readonly HeadingGuess<Field>[],
): Partial<Record<Field, number>> {
  const mapping: Partial<Record<Field, number>> = {}
  header.forEach((heading, index) => {
    const key = heading
      .toUpperCase()
      .replace(/[._:/\\-]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
    for (const guess of guesses) {
      if (mapping[guess.field] === undefined && guess.pattern.test(key)) {
        mapping[guess.field] = index
        break
      }
    }
  })
  return mapping
}
