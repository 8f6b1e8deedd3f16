/**
 * The kabupaten's kecamatan and villages, read from resources/district/wilayah-XXXX.csv.
 *
 * The file is configuration shipped with the app, not user input: a malformed file is a build or
 * deployment mistake, so parseRegionCsv throws with the line number instead of returning a value.
 * Codes are Kemendagri codes (Kepmendagri 300.2.2-2138/2025); BPS codes are different and must not
 * be mixed in (see the CSV's README).
 */

export interface Kabupaten {
  /** '64.02' */
  code: string
  name: string
  /** The level the table gives it: a kabupaten, or a kota (which has kelurahan only). */
  kind: 'kabupaten' | 'kota'
}

export interface Kecamatan {
  /** '64.02.06' */
  code: string
  /** '06', the two digits that appear in a NIK and in registration numbers. */
  shortCode: string
  name: string
}

/** Kemendagri numbers kelurahan 1xxx and desa 2xxx inside each kecamatan. */
export type VillageKind = 'desa' | 'kelurahan'

export interface Village {
  /** '64.02.06.1001' */
  code: string
  name: string
  kind: VillageKind
  /** '64.02.06' */
  kecamatanCode: string
}

export interface RegionTable {
  kabupaten: Kabupaten
  /** Sorted by code. */
  kecamatan: readonly Kecamatan[]
  /** Sorted by code. */
  villages: readonly Village[]
  kecamatanByCode(code: string): Kecamatan | undefined
  villageByCode(code: string): Village | undefined
  /** The kecamatan's villages sorted by code; empty for an unknown kecamatan. */
  villagesOf(kecamatanCode: string): readonly Village[]
}

const EXPECTED_HEADER = ['code', 'name', 'level', 'parent_code'] as const
const MAX_CSV_LENGTH = 5_000_000
const MAX_NAME_LENGTH = 100

const KABUPATEN_CODE = /^\d{2}\.\d{2}$/
const KECAMATAN_CODE = /^\d{2}\.\d{2}\.\d{2}$/
const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.[12]\d{3}$/

/**
 * Splits RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Another
 * kabupaten's export may quote names such as "Sungai Kunjang, Ilir", so we do not split on ','.
 */
function parseCsvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = []
  let fields: string[] = []
  let field = ''
  let inQuotes = false
  let line = 1
  let recordLine = 1
  let i = 0
  const endRecord = (): void => {
    fields.push(field)
    const isBlank = fields.length === 1 && fields[0] === ''
    if (!isBlank) records.push({ line: recordLine, fields })
    fields = []
    field = ''
  }
  while (i < text.length) {
    const char = text[i]
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        inQuotes = false
      } else {
        if (char === '\n') line += 1
        field += char
      }
      i += 1
      continue
    }
    if (char === '"') {
      if (field !== '') {
        throw new Error(
          `CSV wilayah baris ${line}: tanda kutip ganda " di tengah kolom; kutip hanya boleh membuka dan menutup seluruh kolom, mis. "Sungai Kunjang, Ilir"`,
        )
      }
      inQuotes = true
    } else if (char === ',') {
      fields.push(field)
      field = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      // CRLF written by a spreadsheet on Windows: the '\n' ends the record on the next turn.
    } else if (char === '\n') {
      endRecord()
      line += 1
      recordLine = line
    } else {
      field += char
    }
    i += 1
  }
  if (inQuotes) {
    throw new Error(
      `CSV wilayah baris ${recordLine}: kolom yang dibuka dengan tanda kutip ganda " tidak pernah ditutup`,
    )
  }
  endRecord()
  return records
}

function fail(line: number, message: string): never {
  throw new Error(`CSV wilayah baris ${line}: ${message}`)
}

export function parseRegionCsv(csvText: string): RegionTable {
  if (typeof csvText !== 'string' || csvText.length === 0) {
    throw new Error('CSV wilayah kosong')
  }
  if (csvText.length > MAX_CSV_LENGTH) {
    throw new Error(`CSV wilayah lebih dari ${MAX_CSV_LENGTH} karakter`)
  }
  // A byte-order mark is what Excel writes at the start of a "CSV UTF-8" file.
  const text = csvText.startsWith('\uFEFF') ? csvText.slice(1) : csvText
  const records = parseCsvRecords(text)
  const header = records.shift()
  if (
    !header ||
    header.fields.length !== EXPECTED_HEADER.length ||
    header.fields.some((name, index) => name.trim() !== EXPECTED_HEADER[index])
  ) {
    throw new Error(
      `CSV wilayah baris ${header?.line ?? 1}: judul kolom harus persis "${EXPECTED_HEADER.join(',')}"`,
    )
  }

  let kabupaten: Kabupaten | undefined
  const kecamatan: Kecamatan[] = []
  const villages: Village[] = []
  const seenCodes = new Set<string>()

  for (const { line, fields } of records) {
    if (fields.length !== EXPECTED_HEADER.length) {
      fail(
        line,
        `harus ${EXPECTED_HEADER.length} kolom (${EXPECTED_HEADER.join(',')}); ada ${fields.length} kolom`,
      )
    }
    const [code = '', rawName = '', level = '', parentCode = ''] = fields.map((f) => f.trim())
    const name = rawName.replace(/\s+/g, ' ')
    if (name === '' || name.length > MAX_NAME_LENGTH) {
      fail(line, `nama harus berisi 1 sampai ${MAX_NAME_LENGTH} karakter`)
    }
    if (seenCodes.has(code)) fail(line, `kode ${code} tertulis dua kali`)
    seenCodes.add(code)

    switch (level) {
      case 'kabupaten':
      case 'kota': {
        if (!KABUPATEN_CODE.test(code))
          fail(line, `"${code}" bukan kode kabupaten/kota Kemendagri seperti 64.02`)
        if (parentCode !== code.slice(0, 2))
          fail(line, `induk (parent_code) ${code} harus kode provinsinya, ${code.slice(0, 2)}`)
        if (kabupaten) fail(line, 'berkas harus memuat tepat satu kabupaten/kota')
        kabupaten = { code, name, kind: level }
        break
      }
      case 'kecamatan': {
        if (!KECAMATAN_CODE.test(code))
          fail(line, `"${code}" bukan kode kecamatan Kemendagri seperti 64.02.06`)
        if (parentCode !== code.slice(0, 5))
          fail(line, `induk (parent_code) ${code} harus ${code.slice(0, 5)}`)
        kecamatan.push({ code, shortCode: code.slice(6), name })
        break
      }
      case 'desa':
      case 'kelurahan': {
        if (!VILLAGE_CODE.test(code)) {
          fail(line, `"${code}" bukan kode desa/kelurahan Kemendagri seperti 64.02.06.1001`)
        }
        if (parentCode !== code.slice(0, 8))
          fail(line, `induk (parent_code) ${code} harus ${code.slice(0, 8)}`)
        // Kemendagri: kelurahan are numbered 1xxx and desa 2xxx. A mismatch means a shifted column.
        const expectedKind: VillageKind = code[9] === '1' ? 'kelurahan' : 'desa'
        if (level !== expectedKind)
          fail(
            line,
            `${code} bernomor ${expectedKind} (kelurahan 1xxx, desa 2xxx); tertulis ${level}`,
          )
        villages.push({ code, name, kind: level, kecamatanCode: parentCode })
        break
      }
      default:
        fail(
          line,
          `level "${level}" tidak dikenal; pilih kabupaten, kota, kecamatan, kelurahan atau desa`,
        )
    }
  }

  if (!kabupaten) throw new Error('CSV wilayah tidak memuat baris kabupaten/kota')
  const kabupatenCode = kabupaten.code
  if (kecamatan.length === 0) throw new Error('CSV wilayah tidak memuat kecamatan')
  for (const k of kecamatan) {
    if (!k.code.startsWith(`${kabupatenCode}.`)) {
      throw new Error(
        `CSV wilayah: kecamatan ${k.code} bukan bagian dari kabupaten/kota ${kabupatenCode}`,
      )
    }
  }

  const byCode = (a: { code: string }, b: { code: string }): number =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0
  kecamatan.sort(byCode)
  villages.sort(byCode)

  const kecamatanMap = new Map(kecamatan.map((k) => [k.code, k]))
  const villageMap = new Map(villages.map((v) => [v.code, v]))
  const villagesByKecamatan = new Map<string, Village[]>(kecamatan.map((k) => [k.code, []]))
  for (const village of villages) {
    const list = villagesByKecamatan.get(village.kecamatanCode)
    if (!list) {
      throw new Error(
        `CSV wilayah: desa/kelurahan ${village.code} tidak punya kecamatan di berkas ini`,
      )
    }
    list.push(village)
  }
  for (const [code, list] of villagesByKecamatan) {
    if (list.length === 0)
      throw new Error(`CSV wilayah: kecamatan ${code} tidak punya desa/kelurahan`)
    Object.freeze(list)
  }

  const frozenKecamatan = Object.freeze(kecamatan.map((k) => Object.freeze(k)))
  const frozenVillages = Object.freeze(villages.map((v) => Object.freeze(v)))
  const empty: readonly Village[] = Object.freeze([])

  return Object.freeze({
    kabupaten: Object.freeze(kabupaten),
    kecamatan: frozenKecamatan,
    villages: frozenVillages,
    kecamatanByCode: (code: string) =>
      typeof code === 'string' ? kecamatanMap.get(code) : undefined,
    villageByCode: (code: string) => (typeof code === 'string' ? villageMap.get(code) : undefined),
    villagesOf: (kecamatanCode: string) =>
      (typeof kecamatanCode === 'string' && villagesByKecamatan.get(kecamatanCode)) || empty,
  })
}
