/**
 * Another payer's list against the periods already recorded (issue 16): "Importing another payer's
 * list (the province's, a village's) matches by NIK and lists every person with overlapping
 * periods from two payers, for a supervisor to settle before the next bill." The list's rows
 * carry their periods under the list's payer (row-validation.ts); the records found by NIK carry
 * theirs; `coverageOverlaps` (shared/coverage/payers.ts) decides, by the budget's month rule.
 *
 * Only what a report may show: the masked NIK, the name on the list, the registration numbers of
 * the records. Pure: the dry run calls it after the NIK lookup, before anything is written.
 */
import { coverageOverlaps, type PayerOverlap } from '../coverage/payers'
import type { ExistingRecord } from './import-plan'
import type { ValidatedRow } from './row-validation'

export interface ImportPayerOverlap {
  rowNumber: number
  maskedNik: string
  fullName: string
  /** The records here holding this NIK (one normally; more when it is a cross-office duplicate). */
  registrationNumbers: string[]
  overlaps: PayerOverlap[]
}

export function importPayerOverlaps(
  rows: readonly ValidatedRow[],
  existing: ReadonlyMap<string, readonly ExistingRecord[]>,
  defaultCode: string,
): ImportPayerOverlap[] {
  const result: ImportPayerOverlap[] = []
  for (const row of rows) {
    if (row.nik === null || !row.member) continue
    const records = existing.get(row.nik) ?? []
    if (records.length === 0) continue
    const [found] = coverageOverlaps(
      [
        {
          key: row.nik,
          periods: [...row.member.coverage, ...records.flatMap((record) => record.coverage ?? [])],
        },
      ],
      defaultCode,
    )
    if (!found) continue
    result.push({
      rowNumber: row.rowNumber,
      maskedNik: row.maskedNik,
      fullName: row.fullName,
      registrationNumbers: records.map((record) => record.registrationNumber),
      overlaps: found.overlaps,
    })
  }
  return result
}
