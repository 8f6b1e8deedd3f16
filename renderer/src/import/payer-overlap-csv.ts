/** The import's "paid twice" list as CSV: one line per run of months, payers by name. */
import { toCsv } from '@shared/coverage/csv-writer'
import type { ImportPayerOverlap } from '@shared/import/payer-overlaps'
import { district } from '@/core/district'
import type { ImportMessageKey } from './import-messages'

export const payerNameOf = (code: string): string => district.payerByCode(code)?.name ?? code

/** A run of months as a reader writes them: "2026-03" or "2026-03 – 2026-05". */
export const monthRunOf = (run: { fromMonth: string; untilMonth: string }): string =>
  run.fromMonth === run.untilMonth ? run.fromMonth : `${run.fromMonth} – ${run.untilMonth}`

export function payerOverlapCsv(
  overlaps: readonly ImportPayerOverlap[],
  t: (key: ImportMessageKey) => string,
): string {
  const header = (
    ['overlap.row', 'overlap.nik', 'overlap.name', 'overlap.records', 'overlap.months'] as const
  ).map((key) => t(key))
  const rows = overlaps.flatMap((entry) =>
    entry.overlaps.map((run) => [
      String(entry.rowNumber),
      entry.maskedNik,
      entry.fullName,
      entry.registrationNumbers.join(' '),
      monthRunOf(run),
      run.payerCodes.map(payerNameOf).join('; '),
    ]),
  )
  return toCsv([[...header, t('overlap.payers')], ...rows], { bom: true })
}
