/**
 * CSV as RFC 4180 writes it: records end in CRLF, a field holding the delimiter, a quote, CR or LF
 * is wrapped in quotes with inner quotes doubled, every other field is written as it is — so a
 * NIK stays its 16 digits and a KPJ keeps its leading zeros for the system that reads the file.
 *
 * Options for Indonesian Excel: it expects `;` between fields (the decimal separator is a comma)
 * and reads a file as UTF-8 only when it starts with a byte order mark. Excel still shows a long
 * number in a CSV as 6,40206E+15; people who open the export in Excel should take the XLSX.
 */

export interface CsvOptions {
  /** Default ','. */
  delimiter?: ',' | ';'
  /** Start with U+FEFF so Excel reads UTF-8 (names with é, ñ…). Default false. */
  bom?: boolean
}

export const UTF8_BOM = '\ufeff'

export function csvField(value: string, delimiter: ',' | ';' = ','): string {
  const needsQuotes = value.includes(delimiter) || /["\r\n]/.test(value)
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value
}

export function toCsv(rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ','
  const body = rows
    .map((row) => row.map((value) => csvField(value, delimiter)).join(delimiter) + '\r\n')
    .join('')
  return options.bom ? UTF8_BOM + body : body
}
