/**
 * What Kemendagri changed between two editions of a district's region table, and the record of
 * it kept beside the table (`wilayah-perubahan.csv`: `code,former_name,name,edition`), so that a
 * record registered under a code keeps its code and the screens can say what the area was called
 * then. A rename keeps the code (the new name in `name`); a code gone from the new edition has an
 * empty `name`; a new code needs no row (it has no past).
 *
 * Pure: scripts/district.ts writes the file when a new edition is taken, the app reads it.
 */
import { csvField, csvFieldsOf } from './csv-fields'

export interface RegionChange {
  code: string
  formerName: string
  /** '' when the code is gone from the edition. */
  name: string
  /** 'idn-area-data 4.0.1' */
  edition: string
}

export const REGION_CHANGES_HEADER = 'code,former_name,name,edition'

/** Code → name of a region CSV (`code,name,level,parent_code`). */
export function namesOfRegionCsv(csv: string): Map<string, string> {
  const names = new Map<string, string>()
  for (const line of csv.split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue
    const [code = '', name = ''] = csvFieldsOf(line) ?? []
    names.set(code.trim(), name.trim())
  }
  return names
}

/** The renames and removals from `before` to `after` (both region CSVs), by code. */
export function regionChangesBetween(
  before: string,
  after: string,
  edition: string,
): RegionChange[] {
  const old = namesOfRegionCsv(before)
  const next = namesOfRegionCsv(after)
  const changes: RegionChange[] = []
  for (const [code, formerName] of old) {
    const name = next.get(code)
    if (name === undefined) changes.push({ code, formerName, name: '', edition })
    else if (name !== formerName) changes.push({ code, formerName, name, edition })
  }
  return changes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
}

/** Codes new in `after`. */
export function regionCodesAdded(before: string, after: string): string[] {
  const old = namesOfRegionCsv(before)
  return [...namesOfRegionCsv(after).keys()].filter((code) => !old.has(code))
}

export function formatRegionChanges(changes: readonly RegionChange[]): string {
  return changes
    .map((change) =>
      [change.code, change.formerName, change.name, change.edition].map(csvField).join(','),
    )
    .map((line) => `${line}\n`)
    .join('')
}

/** Reads `wilayah-perubahan.csv`; throws in Indonesian with the line on a malformed row. */
export function parseRegionChanges(csv: string): RegionChange[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/)
  if ((lines[0] ?? '').trim() !== REGION_CHANGES_HEADER) {
    throw new Error(`wilayah-perubahan.csv baris 1: kepala kolom harus "${REGION_CHANGES_HEADER}"`)
  }
  const changes: RegionChange[] = []
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return
    const [code = '', formerName = '', name = '', edition = ''] = (csvFieldsOf(line) ?? []).map(
      (f) => f.trim(),
    )
    if (!/^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/.test(code) || formerName === '' || edition === '') {
      throw new Error(
        `wilayah-perubahan.csv baris ${index + 2}: harus kode wilayah, nama lama, nama baru (kosong bila dihapus) dan edisi`,
      )
    }
    changes.push({ code, formerName, name, edition })
  })
  return changes
}

/** The names an area had before, oldest first, and whether its code is gone. */
export function historyOfArea(
  changes: readonly RegionChange[],
  code: string,
): { formerNames: string[]; removedIn: string | null } {
  const own = changes.filter((change) => change.code === code)
  return {
    formerNames: own.map((change) => change.formerName),
    // The latest record decides: a code removed, brought back and removed again was last removed
    // in the last edition that says so; one brought back since is not removed.
    removedIn: own.at(-1)?.name === '' ? (own.at(-1)?.edition ?? null) : null,
  }
}
