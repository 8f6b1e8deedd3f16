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
