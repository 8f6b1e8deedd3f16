/**
 * What each kind of agency list can tell us, and which of the file's columns says it. Headers
 * differ between agencies and years ("NIK", "No KTP", "NIK_ART"; "NAMA", "NAMA LENGKAP"), so the
 * mapping is suggested from synonyms, shown to the clerk, and saved per source for next time.
 */
import { importRowMessage } from './import-row-messages'

/**
 * - `dtks`: a Dinsos DTKS / P3KE extract. People already registered here get the welfare check
 *   confirmed; unknown NIKs may become draft records for clerks to complete.
 * - `dtsen`: a DTSEN extract (Inpres 4/2025: DTKS, Regsosek and P3KE merged), DTKS's columns plus
 *   each family's decile and the date the data stands at. Only rows within the district's
 *   `eligibility.maxDecile` confirm checks or become drafts; a newer extract is compared with the
 *   last one applied (`dtsen-diff.ts`).
 * - `agency-result`: an agency's verification result per NIK (confirmed, or rejected with a reason).
 * - `member-list`: a sector agency's member list; listed NIKs get that agency's check confirmed.
 * - `existing-members`: people the regency already pays BPJS for (enrolled before Naungan), with
 *   their KPJ number and coverage start; unknown NIKs become active participants
 *   (`shared/coverage/existing-members.ts`). Supervisors only.
 */
export const IMPORT_KINDS = [
  'dtks',
  'dtsen',
  'agency-result',
  'member-list',
  'existing-members',
] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export const TARGET_FIELDS = [
  'nik',
  'fullName',
  'kk',
  'birthPlace',
  'birthDate',
  'sex',
  'address',
  'rt',
  'rw',
  'village',
  'kecamatan',
  'result',
  'reason',
  'note',
  'kpj',
  'coverageStart',
  'occupation',
  'decile',
  'snapshotDate',
] as const
export type TargetField = (typeof TARGET_FIELDS)[number]

export interface TargetFieldSpec {
  field: TargetField
  required: boolean
}

const FIELDS_BY_KIND: Record<ImportKind, readonly TargetFieldSpec[]> = {
  // What a draft needs that only the file can give (NIK, name, birth date, desa); sex falls back
  // on the NIK (day + 40 for women), the kecamatan on the desa.
  dtks: [
    { field: 'nik', required: true },
    { field: 'fullName', required: true },
    { field: 'birthDate', required: true },
    { field: 'village', required: true },
    { field: 'kecamatan', required: false },
    { field: 'sex', required: false },
    { field: 'kk', required: false },
    { field: 'birthPlace', required: false },
    { field: 'address', required: false },
    { field: 'rt', required: false },
    { field: 'rw', required: false },
  ],
  // DTKS's columns, plus the decile. The snapshot date is usually one date for the whole file,
  // asked of the clerk; a column of it is read when the extract has one.
  dtsen: [
    { field: 'nik', required: true },
    { field: 'fullName', required: true },
    { field: 'birthDate', required: true },
    { field: 'village', required: true },
    { field: 'decile', required: true },
    { field: 'kk', required: false },
    { field: 'snapshotDate', required: false },
    { field: 'kecamatan', required: false },
    { field: 'sex', required: false },
    { field: 'birthPlace', required: false },
    { field: 'address', required: false },
    { field: 'rt', required: false },
    { field: 'rw', required: false },
  ],
  'agency-result': [
    { field: 'nik', required: true },
    { field: 'result', required: true },
    { field: 'reason', required: false },
    { field: 'note', required: false },
    { field: 'fullName', required: false },
  ],
  'member-list': [
    { field: 'nik', required: true },
    { field: 'fullName', required: false },
  ],
  // BPJS's participant list as the regency holds it: identity, place, KPJ and since when.
  'existing-members': [
    { field: 'nik', required: true },
    { field: 'fullName', required: true },
    { field: 'birthDate', required: true },
    { field: 'village', required: true },
    { field: 'kpj', required: true },
    { field: 'coverageStart', required: true },
    { field: 'kecamatan', required: false },
    { field: 'sex', required: false },
    { field: 'occupation', required: false },
    { field: 'kk', required: false },
    { field: 'birthPlace', required: false },
    { field: 'address', required: false },
    { field: 'rt', required: false },
    { field: 'rw', required: false },
  ],
}

export function targetFieldsOf(kind: ImportKind): readonly TargetFieldSpec[] {
  return FIELDS_BY_KIND[kind]
}

/** Each field's name in every language (importRow namespace, `field.<name>`). */
export const TARGET_FIELD_LABELS = Object.fromEntries(
  TARGET_FIELDS.map((field) => [field, importRowMessage(`field.${field}`)]),
) as Record<TargetField, { id: string; en: string }>

/** Header names as agencies write them, in `headerKey` form (upper case, words apart). */
const SYNONYMS: Record<TargetField, readonly string[]> = {
  nik: [
    'NIK',
    'NO KTP',
    'NOMOR KTP',
    'NO NIK',
    'NOMOR NIK',
    'NIK KTP',
    'NIK ART',
    'NIK PESERTA',
    'NOMOR INDUK KEPENDUDUKAN',
    'NO INDUK KEPENDUDUKAN',
  ],
  fullName: [
    'NAMA',
    'NAMA LENGKAP',
    'NAMA ART',
    'NAMA PESERTA',
    'NAMA ANGGOTA',
    'NAMA SESUAI KTP',
    'NAMA KTP',
    'NAMA PENERIMA',
    'NAME',
    'FULL NAME',
  ],
  kk: ['KK', 'NO KK', 'NOKK', 'NOMOR KK', 'NO KARTU KELUARGA', 'NOMOR KARTU KELUARGA', 'NKK'],
  birthPlace: ['TEMPAT LAHIR', 'TMPT LAHIR', 'TMP LAHIR', 'TEMPAT LHR', 'PLACE OF BIRTH'],
  birthDate: [
    'TGL LAHIR',
    'TANGGAL LAHIR',
    'TGLLAHIR',
    'TGL LHR',
    'TANGGAL LHR',
    'TGL LAHIR DD MM YYYY',
    'DATE OF BIRTH',
    'BIRTH DATE',
    'DOB',
  ],
  sex: [
    'JENIS KELAMIN',
    'JK',
    'JNS KEL',
    'JNS KELAMIN',
    'JENKEL',
    'KELAMIN',
    'L P',
    'SEX',
    'GENDER',
  ],
  address: ['ALAMAT', 'ALAMAT LENGKAP', 'ALAMAT KTP', 'ALAMAT DOMISILI', 'ADDRESS'],
  rt: ['RT', 'NO RT'],
  rw: ['RW', 'NO RW'],
  village: [
    'DESA',
    'KELURAHAN',
    'DESA KELURAHAN',
    'DESA KEL',
    'KEL DESA',
    'KELURAHAN DESA',
    'NAMA DESA',
    'NAMA DESA KELURAHAN',
    'KODE DESA',
    'KD DESA',
    'KODE DESA KELURAHAN',
    'VILLAGE',
  ],
  kecamatan: ['KECAMATAN', 'KEC', 'NAMA KECAMATAN', 'KODE KECAMATAN', 'KD KEC', 'KODE KEC'],
  result: [
    'HASIL',
    'HASIL VERIFIKASI',
    'HASIL PEMERIKSAAN',
    'HASIL VALIDASI',
    'STATUS',
    'STATUS VERIFIKASI',
    'VERIFIKASI',
    'KESESUAIAN',
    'RESULT',
  ],
  reason: ['ALASAN', 'ALASAN PENOLAKAN', 'ALASAN DITOLAK', 'KODE ALASAN', 'REASON'],
  note: ['KETERANGAN', 'KET', 'CATATAN', 'NOTE', 'NOTES'],
  kpj: [
    'KPJ',
    'NO KPJ',
    'NOMOR KPJ',
    'NO PESERTA',
    'NOMOR PESERTA',
    'NO KARTU PESERTA',
    'NOMOR KARTU PESERTA',
    'KPJ NUMBER',
  ],
  coverageStart: [
    'TMT',
    'TMT KEPESERTAAN',
    'TGL KEPESERTAAN',
    'TANGGAL KEPESERTAAN',
    'TGL MULAI',
    'TANGGAL MULAI',
    'TGL MULAI KEPESERTAAN',
    'TANGGAL MULAI KEPESERTAAN',
    'MULAI KEPESERTAAN',
    'AWAL KEPESERTAAN',
    'TGL TERDAFTAR',
    'TANGGAL TERDAFTAR',
    'TGL EFEKTIF',
    'COVERAGE START',
  ],
  occupation: ['PEKERJAAN', 'JENIS PEKERJAAN', 'PROFESI', 'SEKTOR', 'OCCUPATION'],
  decile: [
    'DESIL',
    'DESIL NASIONAL',
    'DESIL KESEJAHTERAAN',
    'PERINGKAT DESIL',
    'KELOMPOK DESIL',
    'DESIL DTSEN',
    'DECILE',
  ],
  snapshotDate: [
    'TANGGAL DATA',
    'TGL DATA',
    'PERIODE DATA',
    'TANGGAL SNAPSHOT',
    'TGL SNAPSHOT',
    'SNAPSHOT',
    'TANGGAL PEMUTAKHIRAN',
    'TGL PEMUTAKHIRAN',
    'TANGGAL PEMBARUAN',
    'SNAPSHOT DATE',
  ],
}

/** 'No. KTP ' → 'NO KTP', 'nama_lengkap' → 'NAMA LENGKAP', 'L/P' → 'L P'. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
}

const SYNONYM_INDEX: ReadonlyMap<string, TargetField> = new Map(
  (Object.entries(SYNONYMS) as [TargetField, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name) => [name, field] as const),
  ),
)

/** The field a header names, if it is one of the known synonyms. */
export function fieldForHeader(header: string): TargetField | undefined {
  return SYNONYM_INDEX.get(headerKey(header))
}

/** Target field → the file's header text. Saved per source; matched again by `headerKey`. */
export type ColumnMapping = Partial<Record<TargetField, string>>

/** Target field → column index in the file. */
export type ResolvedColumns = Partial<Record<TargetField, number>>

/** A mapping from the headers alone: each known header to its field, first column wins. */
export function suggestMapping(headers: readonly string[], kind: ImportKind): ColumnMapping {
  const wanted = new Set(targetFieldsOf(kind).map((spec) => spec.field))
  const mapping: ColumnMapping = {}
  for (const header of headers) {
    const field = fieldForHeader(header)
    if (field && wanted.has(field) && mapping[field] === undefined) mapping[field] = header
  }
  return mapping
}

/**
 * A saved mapping applied to a new file of the same source: fields whose saved header is still
 * there keep it; the others fall back on the suggestion.
 */
export function mergeSavedMapping(
  headers: readonly string[],
  kind: ImportKind,
  saved: ColumnMapping,
): ColumnMapping {
  const suggested = suggestMapping(headers, kind)
  const byKey = new Map(headers.map((header) => [headerKey(header), header]))
  const mapping: ColumnMapping = {}
  for (const { field } of targetFieldsOf(kind)) {
    const savedHeader = saved[field]
    const found = savedHeader !== undefined ? byKey.get(headerKey(savedHeader)) : undefined
    const chosen = found ?? suggested[field]
    if (chosen !== undefined) mapping[field] = chosen
  }
  return mapping
}

export type MappingCheck =
  | { ok: true; columns: ResolvedColumns }
  | { ok: false; missing: TargetField[]; columns: ResolvedColumns }

/** Column indexes of a mapping; names every required field without a column in this file. */
export function resolveMapping(
  headers: readonly string[],
  mapping: ColumnMapping,
  kind: ImportKind,
): MappingCheck {
  const indexByKey = new Map<string, number>()
  headers.forEach((header, index) => {
    const key = headerKey(header)
    if (key !== '' && !indexByKey.has(key)) indexByKey.set(key, index)
  })
  const columns: ResolvedColumns = {}
  const missing: TargetField[] = []
  for (const { field, required } of targetFieldsOf(kind)) {
    const header = mapping[field]
    const index = header !== undefined ? indexByKey.get(headerKey(header)) : undefined
    if (index !== undefined) columns[field] = index
    else if (required) missing.push(field)
  }
  return missing.length > 0 ? { ok: false, missing, columns } : { ok: true, columns }
}
