/**
 * The dry-run report as a CSV the clerk can send back to the agency: spreadsheet row number,
 * masked NIK, the name in the file, the outcome and the reason. `;`-separated UTF-8 with a BOM,
 * which Indonesian Excel opens in columns with the accents intact.
 */
import type { Language } from '../i18n/language'
import type { VerificationConfig } from '../workflow/verification-config'
import { describeOutcome, OUTCOME_LABELS, type RowOutcome } from './import-plan'

const HEADERS = {
  id: ['Baris', 'NIK', 'Nama', 'Hasil', 'Keterangan'],
  en: ['Row', 'NIK', 'Name', 'Outcome', 'Details'],
}

/**
 * A cell as text Excel will not run: values starting with = + - @ (or a tab/CR) are formulas to
 * a spreadsheet, and a name in an agency's file is not trusted input (CSV injection).
 */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[;",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The report's first line (with the BOM Excel needs to read UTF-8). */
export function outcomeCsvHeader(language: Language): string {
  return `\uFEFF${HEADERS[language].join(';')}\r\n`
}

/** One row's line of the report, with its line break. */
export function outcomeCsvLine(
  outcome: RowOutcome,
  config: VerificationConfig,
  language: Language,
): string {
  return `${[
    outcome.rowNumber,
    outcome.maskedNik,
    outcome.fullName,
    OUTCOME_LABELS[outcome.outcome][language],
    describeOutcome(outcome, config, language),
  ]
    .map(csvCell)
    .join(';')}\r\n`
}

export function outcomesToCsv(
  outcomes: readonly RowOutcome[],
  config: VerificationConfig,
  language: Language,
): string {
  let text = outcomeCsvHeader(language)
  for (const outcome of outcomes) text += outcomeCsvLine(outcome, config, language)
  return text
}
