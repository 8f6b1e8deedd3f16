/**
 * Every problem the coverage layer (enrolment batches, BPJS answers, coverage changes) can report,
 * in words a supervisor at Distransnaker understands, Bahasa Indonesia first. Domain functions
 * return `{ code, params }`; the UI calls `describeCoverageProblem` (STYLE habit 12), so the text
 * lives in one place and a code without a message does not compile.
 *
 * No message shows a full NIK: rows are named by their spreadsheet row number and a masked NIK.
 */

export const COVERAGE_PROBLEM_CODES = [
  // The batch itself
  'BATCH_ID_INVALID',
  'BATCH_KODE_IURAN_INVALID',
  'BATCH_PERIOD_INVALID',
  'BATCH_CREATED_INVALID',
  'BATCH_EMPTY',
  'BATCH_TOO_LARGE',
  'BATCH_MEMBER_REPEATED',
  // Who may go into a batch
  'NOT_APPROVED',
  'COVERAGE_ENDED',
  'ALREADY_COVERED_IN_YEAR',
  'NOTHING_TO_RENEW',
  'OVER_AGE_LIMIT',
  // The column layout of the export
  'LAYOUT_NOT_A_LIST',
  'LAYOUT_EMPTY',
  'LAYOUT_TOO_MANY_COLUMNS',
  'LAYOUT_HEADER_EMPTY',
  'LAYOUT_HEADER_TOO_LONG',
  'LAYOUT_HEADER_REPEATED',
  'LAYOUT_VALUE_UNKNOWN',
  'LAYOUT_FIXED_TEXT_INVALID',
  // One row of BPJS's answer
  'NIK_EMPTY',
  'NIK_INVALID',
  'NIK_EXCEL_NUMBER',
  'NIK_NOT_IN_BATCH',
  'NIK_SHARED_BY_MEMBERS',
  'NIK_DUPLICATE_CONFLICT',
  'NIK_DUPLICATE_IDENTICAL',
  'KPJ_EMPTY',
  'KPJ_INVALID',
  'KPJ_TOO_LONG',
  'KPJ_EXCEL_NUMBER',
  'KPJ_STORED_AS_NUMBER',
  'KPJ_USED_BY_OTHER_NIK',
  'KPJ_CHANGED',
  'START_DATE_EMPTY',
  'START_DATE_INVALID',
  'START_DATE_OUTSIDE_YEAR',
  'START_BEFORE_PERIOD',
  'REJECTED_BY_BPJS',
  'NAME_DIFFERS',
  'NOT_IN_ANSWER',
  // Changing a participant's coverage
  'NOT_ENROLLABLE',
  'ENROLMENT_INPUT_INVALID',
  'NOT_COVERED',
  'END_DATE_INVALID',
  'END_REASON_UNKNOWN',
  'END_BEFORE_COVERAGE',
] as const

export type CoverageProblemCode = (typeof COVERAGE_PROBLEM_CODES)[number]

export type CoverageProblemParams = Readonly<Record<string, string | number>>

export interface CoverageProblem<C extends CoverageProblemCode = CoverageProblemCode> {
  code: C
  params?: CoverageProblemParams
}

export type CoverageMessageLanguage = 'id' | 'en'

export const COVERAGE_MESSAGES: Readonly<Record<CoverageProblemCode, { id: string; en: string }>> =
  {
    BATCH_ID_INVALID: {
      id: 'Kode batch tidak valid.',
      en: 'The batch id is not valid.',
    },
    BATCH_KODE_IURAN_INVALID: {
      id: 'Kode iuran harus diisi: huruf, angka, titik, garis miring atau tanda hubung, paling banyak 40 karakter.',
      en: 'The kode iuran is required: letters, digits, dots, slashes or dashes, at most 40 characters.',
    },
    BATCH_PERIOD_INVALID: {
      id: 'Periode batch tidak valid: tahun 2000–2100 dan bulan mulai 1–12.',
      en: 'The batch period is not valid: year 2000–2100 and a start month 1–12.',
    },
    BATCH_CREATED_INVALID: {
      id: 'Waktu dan pembuat batch harus diisi.',
      en: 'The batch needs a creation time and creator.',
    },
    BATCH_EMPTY: {
      id: 'Batch belum berisi peserta.',
      en: 'The batch has no participants.',
    },
    BATCH_TOO_LARGE: {
      id: 'Batch berisi {count} peserta; paling banyak {max} per batch.',
      en: 'The batch holds {count} participants; at most {max} per batch.',
    },
    BATCH_MEMBER_REPEATED: {
      id: 'Peserta yang sama tercantum dua kali di batch.',
      en: 'The same participant is listed twice in the batch.',
    },
    NOT_APPROVED: {
      id: 'Belum disetujui: hanya calon yang sudah disetujui yang bisa didaftarkan ke BPJS.',
      en: 'Not approved: only approved candidates can be enrolled with BPJS.',
    },
    COVERAGE_ENDED: {
      id: 'Kepesertaan sudah berakhir.',
      en: 'Coverage has ended.',
    },
    ALREADY_COVERED_IN_YEAR: {
      id: 'Sudah tercatat sebagai peserta tahun {year} (batch {batchId}).',
      en: 'Already covered for {year} (batch {batchId}).',
    },
    NOTHING_TO_RENEW: {
      id: 'Tidak bisa diperpanjang ke tahun {year}: tidak ada kepesertaan tahun {previousYear} yang berjalan sampai akhir tahun.',
      en: 'Cannot be renewed into {year}: no coverage in {previousYear} running to the end of the year.',
    },
    OVER_AGE_LIMIT: {
      id: 'Sudah berusia di atas {max} tahun pada {date|date}.',
      en: 'Older than {max} on {date|date}.',
    },
    LAYOUT_NOT_A_LIST: {
      id: 'Susunan kolom tidak terbaca.',
      en: 'The column layout cannot be read.',
    },
    LAYOUT_EMPTY: {
      id: 'Susunan kolom belum berisi kolom.',
      en: 'The column layout has no columns.',
    },
    LAYOUT_TOO_MANY_COLUMNS: {
      id: 'Paling banyak {max} kolom; yang diisi {count}.',
      en: 'At most {max} columns; {count} were given.',
    },
    LAYOUT_HEADER_EMPTY: {
      id: 'Kolom ke-{column}: judul kolom harus diisi.',
      en: 'Column {column}: the heading is required.',
    },
    LAYOUT_HEADER_TOO_LONG: {
      id: 'Kolom ke-{column}: judul kolom paling banyak {max} karakter.',
      en: 'Column {column}: the heading has at most {max} characters.',
    },
    LAYOUT_HEADER_REPEATED: {
      id: 'Kolom ke-{column}: judul "{header}" sudah dipakai kolom ke-{firstColumn}.',
      en: 'Column {column}: the heading "{header}" is already used by column {firstColumn}.',
    },
    LAYOUT_VALUE_UNKNOWN: {
      id: 'Kolom ke-{column}: isi kolom "{value}" tidak dikenal.',
      en: 'Column {column}: the content "{value}" is unknown.',
    },
    LAYOUT_FIXED_TEXT_INVALID: {
      id: 'Kolom ke-{column}: teks tetap paling banyak {max} karakter, tanpa karakter kontrol, dan tidak boleh diawali = + - @.',
      en: 'Column {column}: fixed text has at most {max} characters, no control characters, and may not start with = + - @.',
    },
    NIK_EMPTY: {
      id: 'NIK kosong.',
      en: 'The NIK is empty.',
    },
    NIK_INVALID: {
      id: 'NIK tidak valid: harus 16 angka.',
      en: 'The NIK is not valid: it must be 16 digits.',
    },
    NIK_EXCEL_NUMBER: {
      id: 'NIK rusak (format angka Excel): angka terakhirnya hilang. Minta BPJS mengirim kolom NIK sebagai teks.',
      en: 'The NIK is damaged (Excel number format): its last digits are lost. Ask BPJS to send the NIK column as text.',
    },
    NIK_NOT_IN_BATCH: {
      id: 'NIK tidak ada di batch ini.',
      en: 'The NIK is not in this batch.',
    },
    NIK_SHARED_BY_MEMBERS: {
      id: 'NIK ini dimiliki lebih dari satu peserta di batch; selesaikan duplikatnya dulu.',
      en: 'More than one participant in the batch has this NIK; resolve the duplicate first.',
    },
    NIK_DUPLICATE_CONFLICT: {
      id: 'NIK sama dengan baris {otherRow}, tetapi nomor KPJ atau tanggal mulainya berbeda. Tanyakan ke BPJS mana yang benar.',
      en: 'Same NIK as row {otherRow}, but with a different KPJ number or start date. Ask BPJS which is right.',
    },
    NIK_DUPLICATE_IDENTICAL: {
      id: 'NIK sama dengan baris {otherRows} dengan isi yang sama; dipakai sekali.',
      en: 'Same NIK as row {otherRows} with the same content; applied once.',
    },
    KPJ_EMPTY: {
      id: 'Nomor KPJ kosong.',
      en: 'The KPJ number is empty.',
    },
    KPJ_INVALID: {
      id: 'Nomor KPJ hanya boleh berisi angka.',
      en: 'The KPJ number may contain digits only.',
    },
    KPJ_TOO_LONG: {
      id: 'Nomor KPJ terlalu panjang (paling banyak {max} angka).',
      en: 'The KPJ number is too long (at most {max} digits).',
    },
    KPJ_EXCEL_NUMBER: {
      id: 'Nomor KPJ rusak (format angka Excel). Minta BPJS mengirim kolom KPJ sebagai teks.',
      en: 'The KPJ number is damaged (Excel number format). Ask BPJS to send the KPJ column as text.',
    },
    KPJ_STORED_AS_NUMBER: {
      id: 'Nomor KPJ tersimpan sebagai angka di Excel; angka 0 di depan mungkin hilang. Cocokkan dengan kartu BPJS.',
      en: 'The KPJ number is stored as a number in Excel; leading zeros may be lost. Compare with the BPJS card.',
    },
    KPJ_USED_BY_OTHER_NIK: {
      id: 'Nomor KPJ sama dengan baris {otherRow}, padahal NIK-nya berbeda.',
      en: 'Same KPJ number as row {otherRow}, but a different NIK.',
    },
    KPJ_CHANGED: {
      id: 'Nomor KPJ berubah dari {previous} menjadi {kpj}.',
      en: 'The KPJ number changes from {previous} to {kpj}.',
    },
    START_DATE_EMPTY: {
      id: 'Tanggal mulai kepesertaan kosong.',
      en: 'The coverage start date is empty.',
    },
    START_DATE_INVALID: {
      id: 'Tanggal mulai "{value}" tidak terbaca; tulis sebagai dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd.',
      en: 'The start date "{value}" cannot be read; write it as dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd.',
    },
    START_DATE_OUTSIDE_YEAR: {
      id: 'Tanggal mulai {date|date} di luar tahun batch ({year}).',
      en: 'The start date {date|date} is outside the batch year ({year}).',
    },
    START_BEFORE_PERIOD: {
      id: 'Tanggal mulai {date|date} lebih awal dari periode batch ({period}).',
      en: 'The start date {date|date} is before the batch period ({period}).',
    },
    REJECTED_BY_BPJS: {
      id: 'Ditolak BPJS: {note}',
      en: 'Rejected by BPJS: {note}',
    },
    NAME_DIFFERS: {
      id: 'Nama di jawaban BPJS ("{nameInAnswer}") berbeda dengan nama di Naungan.',
      en: 'The name in the BPJS answer ("{nameInAnswer}") differs from the name in Naungan.',
    },
    NOT_IN_ANSWER: {
      id: 'Tidak ada di jawaban BPJS.',
      en: 'Not in the BPJS answer.',
    },
    NOT_ENROLLABLE: {
      id: 'Status "{status}" tidak bisa menerima nomor KPJ.',
      en: 'A record with status "{status}" cannot receive a KPJ number.',
    },
    ENROLMENT_INPUT_INVALID: {
      id: 'Data kepesertaan tidak lengkap atau tidak valid ({field}).',
      en: 'The enrolment data is incomplete or invalid ({field}).',
    },
    NOT_COVERED: {
      id: 'Belum menjadi peserta BPJS, jadi tidak ada kepesertaan yang bisa diakhiri.',
      en: 'Not enrolled with BPJS, so there is no coverage to end.',
    },
    END_DATE_INVALID: {
      id: 'Tanggal berakhir tidak valid.',
      en: 'The end date is not valid.',
    },
    END_REASON_UNKNOWN: {
      id: 'Alasan berakhir tidak dikenal.',
      en: 'Unknown end reason.',
    },
    END_BEFORE_COVERAGE: {
      id: 'Tanggal berakhir {date|date} sebelum kepesertaan dimulai.',
      en: 'The end date {date|date} is before coverage started.',
    },
  }

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** '2026-08-03' → '3 Agustus 2026' ('3 August 2026'); anything else is returned as it is. */
export function formatDateWords(isoDate: string, language: CoverageMessageLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!match) return isoDate
  const month = (language === 'id' ? MONTHS_ID : MONTHS_EN)[Number(match[2]) - 1]
  return month ? `${Number(match[3])} ${month} ${match[1]}` : isoDate
}

/** Fills `{name}` and `{name|date}` placeholders; an unknown placeholder stays visible. */
export function fillTemplate(
  template: string,
  params: CoverageProblemParams | undefined,
  language: CoverageMessageLanguage,
): string {
  return template.replace(/\{(\w+)(\|date)?\}/g, (whole, name: string, asDate?: string) => {
    const value = params?.[name]
    if (value === undefined) return whole
    return asDate ? formatDateWords(String(value), language) : String(value)
  })
}

export function describeCoverageProblem(
  problem: CoverageProblem,
  language: CoverageMessageLanguage = 'id',
): string {
  return fillTemplate(COVERAGE_MESSAGES[problem.code][language], problem.params, language)
}
