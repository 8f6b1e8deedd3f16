/**
 * One kabupaten's or kota's region table, taken from the whole Kemendagri table as the npm package
 * `idn-area-data` publishes it (its `data/regencies.csv`, `districts.csv`, `villages.csv`: code and
 * name per row, each with its parent's code), and written in the shape `parseRegionCsv` reads
 * (`code,name,level,parent_code`: the kabupaten/kota, its kecamatan, its desa and kelurahan).
 *
 * A district is chosen by its code ('64.02', '64.72'); nobody types the table. Pure: the caller
 * reads the package's files (scripts/district.ts), so the same extraction runs in a test.
 *
 * - The regency's name loses its "Kabupaten " or "Kota " prefix, which becomes its level: the
 *   package names 64.72 "Kota Samarinda", the table holds "Samarinda", level `kota`.
 * - Villages numbered 1xxx are kelurahan, 2xxx desa (Kemendagri's numbering, as `parseRegionCsv`
 *   checks); a kota has kelurahan only.
 * - Rows come out sorted by code, so each kecamatan is followed by its villages; a name holding a
 *   comma or a quote is quoted (RFC 4180).
 */
import { csvField, csvFieldsOf } from './csv-fields'

export interface KemendagriTables {
  /** `code,province_code,name` */
  regencies: string
  /** `code,regency_code,name` */
  districts: string
  /** `code,district_code,name` */
  villages: string
}

export interface RegencyExtract {
  code: string
  /** Without "Kabupaten"/"Kota": 'Kutai Kartanegara', 'Samarinda'. */
  name: string
  kind: 'kabupaten' | 'kota'
  kecamatanCount: number
  villageCount: number
  /** `code,name,level,parent_code`, ending with a line break. */
  csv: string
}

const REGENCY_CODE = /^\d{2}\.\d{2}$/

/** Splits one table's lines into fields: a simple CSV whose names may be quoted. */
function rowsOf(text: string, table: string, header: string): string[][] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  if ((lines[0] ?? '').trim() !== header) {
    throw new Error(`${table}: kepala kolom harus "${header}", ditemukan "${lines[0] ?? ''}"`)
  }
  const rows: string[][] = []
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!
    if (line.trim() === '') continue
    const fields = csvFieldsOf(line)
    if (!fields) throw new Error(`${table} baris ${index + 1}: tanda kutip tidak ditutup`)
    rows.push(fields)
  }
  return rows
}

/** The table of regency `code` ('64.72'); throws in Indonesian when the package has no such code. */
export function extractRegency(tables: KemendagriTables, code: string): RegencyExtract {
  if (!REGENCY_CODE.test(code)) {
    throw new Error(
      `Kode kabupaten/kota harus seperti "64.02" (dua angka, titik, dua angka): "${code}"`,
    )
  }
  const regency = rowsOf(tables.regencies, 'regencies.csv', 'code,province_code,name').find(
    ([rowCode]) => rowCode === code,
  )
  if (!regency) {
    throw new Error(
      `Kode ${code} tidak ada dalam tabel Kemendagri (idn-area-data): periksa kodenya.`,
    )
  }
  const fullName = regency[2] ?? ''
  const prefix = /^(Kabupaten|Kota)\s+/.exec(fullName)
  if (!prefix) {
    throw new Error(`Nama wilayah ${code} "${fullName}" tidak diawali "Kabupaten" atau "Kota".`)
  }
  const kind = prefix[1] === 'Kota' ? 'kota' : 'kabupaten'
  const name = fullName.slice(prefix[0].length)
  const kecamatan = rowsOf(tables.districts, 'districts.csv', 'code,regency_code,name')
    .filter(([, parent]) => parent === code)
    .sort(([a = ''], [b = '']) => a.localeCompare(b))
  const inside = new Set(kecamatan.map(([rowCode]) => rowCode))
  const villages = rowsOf(tables.villages, 'villages.csv', 'code,district_code,name')
    .filter(([, parent = '']) => inside.has(parent))
    .sort(([a = ''], [b = '']) => a.localeCompare(b))
  const lines = [
    'code,name,level,parent_code',
    `${code},${csvField(name)},${kind},${code.slice(0, 2)}`,
  ]
  // Each kecamatan followed by its villages: sorting the codes as text does exactly that.
  const body = [
    ...kecamatan.map(([rowCode = '', , rowName = '']) => ({
      rowCode,
      line: `${rowCode},${csvField(rowName)},kecamatan,${code}`,
    })),
    ...villages.map(([rowCode = '', parent = '', rowName = '']) => ({
      rowCode,
      line: `${rowCode},${csvField(rowName)},${rowCode.slice(-4).startsWith('1') ? 'kelurahan' : 'desa'},${parent}`,
    })),
  ].sort((a, b) => (a.rowCode < b.rowCode ? -1 : a.rowCode > b.rowCode ? 1 : 0))
  for (const row of body) lines.push(row.line)
  return {
    code,
    name,
    kind,
    kecamatanCount: kecamatan.length,
    villageCount: villages.length,
    csv: `${lines.join('\n')}\n`,
  }
}
