/**
 * Every problem the coverage layer (enrolment batches, BPJS answers, coverage changes) can report,
 * in words a supervisor at Distransnaker understands, Bahasa Indonesia first. Domain functions
 * return `{ code, params }`; the UI calls `describeCoverageProblem` (STYLE habit 12), so the text
 * lives in one place and a code without a message does not compile.
 *
 * No message shows a full NIK: rows are named by their spreadsheet row number and a masked NIK.
 */
import { format } from '../i18n/format'
import type { Language } from '../i18n/language'
import type { Messages } from '../i18n/messages'

export const COVERAGE_PROBLEM_CODES = [
  // The batch itself
  'BATCH_ID_INVALID',
  'BATCH_KODE_IURAN_INVALID',
  'BATCH_PERIOD_INVALID',
  'BATCH_CREATED_INVALID',
  'BATCH_PAYER_INVALID',
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

export const coverageMessagesId: Readonly<Record<CoverageProblemCode, string>> = {
  BATCH_ID_INVALID: 'Kode batch tidak valid.',
  BATCH_KODE_IURAN_INVALID:
    'Kode iuran harus diisi: huruf, angka, titik, garis miring atau tanda hubung, paling banyak 40 karakter.',
  BATCH_PERIOD_INVALID: 'Periode batch tidak valid: tahun 2000–2100 dan bulan mulai 1–12.',
  BATCH_CREATED_INVALID: 'Waktu dan pembuat batch harus diisi.',
  BATCH_PAYER_INVALID: 'Sumber dana batch tidak dikenal di district.json.',
  BATCH_EMPTY: 'Batch belum berisi peserta.',
  BATCH_TOO_LARGE: 'Batch berisi {count} peserta; paling banyak {max} per batch.',
  BATCH_MEMBER_REPEATED: 'Peserta yang sama tercantum dua kali di batch.',
  NOT_APPROVED: 'Belum disetujui: hanya calon yang sudah disetujui yang bisa didaftarkan ke BPJS.',
  COVERAGE_ENDED: 'Kepesertaan sudah berakhir.',
  ALREADY_COVERED_IN_YEAR: 'Sudah tercatat sebagai peserta tahun {year} (batch {batchId}).',
  NOTHING_TO_RENEW:
    'Tidak bisa diperpanjang ke tahun {year}: tidak ada kepesertaan tahun {previousYear} yang berjalan sampai akhir tahun.',
  OVER_AGE_LIMIT: 'Sudah berusia di atas {max} tahun pada {date|date}.',
  LAYOUT_NOT_A_LIST: 'Susunan kolom tidak terbaca.',
  LAYOUT_EMPTY: 'Susunan kolom belum berisi kolom.',
  LAYOUT_TOO_MANY_COLUMNS: 'Paling banyak {max} kolom; yang diisi {count}.',
  LAYOUT_HEADER_EMPTY: 'Kolom ke-{column}: judul kolom harus diisi.',
  LAYOUT_HEADER_TOO_LONG: 'Kolom ke-{column}: judul kolom paling banyak {max} karakter.',
  LAYOUT_HEADER_REPEATED:
    'Kolom ke-{column}: judul "{header}" sudah dipakai kolom ke-{firstColumn}.',
  LAYOUT_VALUE_UNKNOWN: 'Kolom ke-{column}: isi kolom "{value}" tidak dikenal.',
  LAYOUT_FIXED_TEXT_INVALID:
    'Kolom ke-{column}: teks tetap paling banyak {max} karakter, tanpa karakter kontrol, dan tidak boleh diawali = + - @.',
  NIK_EMPTY: 'NIK kosong.',
  NIK_INVALID: 'NIK tidak valid: harus 16 angka.',
  NIK_EXCEL_NUMBER:
    'NIK rusak (format angka Excel): angka terakhirnya hilang. Minta BPJS mengirim kolom NIK sebagai teks.',
  NIK_NOT_IN_BATCH: 'NIK tidak ada di batch ini.',
  NIK_SHARED_BY_MEMBERS:
    'NIK ini dimiliki lebih dari satu peserta di batch; selesaikan duplikatnya dulu.',
  NIK_DUPLICATE_CONFLICT:
    'NIK sama dengan baris {otherRow}, tetapi nomor KPJ atau tanggal mulainya berbeda. Tanyakan ke BPJS mana yang benar.',
  NIK_DUPLICATE_IDENTICAL:
    'NIK sama dengan baris {otherRows} dengan isi yang sama; dipakai sekali.',
  KPJ_EMPTY: 'Nomor KPJ kosong.',
  KPJ_INVALID: 'Nomor KPJ hanya boleh berisi angka.',
  KPJ_TOO_LONG: 'Nomor KPJ terlalu panjang (paling banyak {max} angka).',
  KPJ_EXCEL_NUMBER:
    'Nomor KPJ rusak (format angka Excel). Minta BPJS mengirim kolom KPJ sebagai teks.',
  KPJ_STORED_AS_NUMBER:
    'Nomor KPJ tersimpan sebagai angka di Excel; angka 0 di depan mungkin hilang. Cocokkan dengan kartu BPJS.',
  KPJ_USED_BY_OTHER_NIK: 'Nomor KPJ sama dengan baris {otherRow}, padahal NIK-nya berbeda.',
  KPJ_CHANGED: 'Nomor KPJ berubah dari {previous} menjadi {kpj}.',
  START_DATE_EMPTY: 'Tanggal mulai kepesertaan kosong.',
  START_DATE_INVALID:
    'Tanggal mulai "{value}" tidak terbaca; tulis sebagai dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd.',
  START_DATE_OUTSIDE_YEAR: 'Tanggal mulai {date|date} di luar tahun batch ({year}).',
  START_BEFORE_PERIOD: 'Tanggal mulai {date|date} lebih awal dari periode batch ({period}).',
  REJECTED_BY_BPJS: 'Ditolak BPJS: {note}',
  NAME_DIFFERS: 'Nama di jawaban BPJS ("{nameInAnswer}") berbeda dengan nama di Naungan.',
  NOT_IN_ANSWER: 'Tidak ada di jawaban BPJS.',
  NOT_ENROLLABLE: 'Status "{status}" tidak bisa menerima nomor KPJ.',
  ENROLMENT_INPUT_INVALID: 'Data kepesertaan tidak lengkap atau tidak valid ({field}).',
  NOT_COVERED: 'Belum menjadi peserta BPJS, jadi tidak ada kepesertaan yang bisa diakhiri.',
  END_DATE_INVALID: 'Tanggal berakhir tidak valid.',
  END_REASON_UNKNOWN: 'Alasan berakhir tidak dikenal.',
  END_BEFORE_COVERAGE: 'Tanggal berakhir {date|date} sebelum kepesertaan dimulai.',
}

export const coverageMessagesEn: Messages<typeof coverageMessagesId> = {
  BATCH_ID_INVALID: 'The batch id is not valid.',
  BATCH_KODE_IURAN_INVALID:
    'The kode iuran is required: letters, digits, dots, slashes or dashes, at most 40 characters.',
  BATCH_PERIOD_INVALID: 'The batch period is not valid: year 2000–2100 and a start month 1–12.',
  BATCH_CREATED_INVALID: 'The batch needs a creation time and creator.',
  BATCH_PAYER_INVALID: 'The batch names a funding source district.json does not know.',
  BATCH_EMPTY: 'The batch has no participants.',
  BATCH_TOO_LARGE: 'The batch holds {count} participants; at most {max} per batch.',
  BATCH_MEMBER_REPEATED: 'The same participant is listed twice in the batch.',
  NOT_APPROVED: 'Not approved: only approved candidates can be enrolled with BPJS.',
  COVERAGE_ENDED: 'Coverage has ended.',
  ALREADY_COVERED_IN_YEAR: 'Already covered for {year} (batch {batchId}).',
  NOTHING_TO_RENEW:
    'Cannot be renewed into {year}: no coverage in {previousYear} running to the end of the year.',
  OVER_AGE_LIMIT: 'Older than {max} on {date|date}.',
  LAYOUT_NOT_A_LIST: 'The column layout cannot be read.',
  LAYOUT_EMPTY: 'The column layout has no columns.',
  LAYOUT_TOO_MANY_COLUMNS: 'At most {max} columns; {count} were given.',
  LAYOUT_HEADER_EMPTY: 'Column {column}: the heading is required.',
  LAYOUT_HEADER_TOO_LONG: 'Column {column}: the heading has at most {max} characters.',
  LAYOUT_HEADER_REPEATED:
    'Column {column}: the heading "{header}" is already used by column {firstColumn}.',
  LAYOUT_VALUE_UNKNOWN: 'Column {column}: the content "{value}" is unknown.',
  LAYOUT_FIXED_TEXT_INVALID:
    'Column {column}: fixed text has at most {max} characters, no control characters, and may not start with = + - @.',
  NIK_EMPTY: 'The NIK is empty.',
  NIK_INVALID: 'The NIK is not valid: it must be 16 digits.',
  NIK_EXCEL_NUMBER:
    'The NIK is damaged (Excel number format): its last digits are lost. Ask BPJS to send the NIK column as text.',
  NIK_NOT_IN_BATCH: 'The NIK is not in this batch.',
  NIK_SHARED_BY_MEMBERS:
    'More than one participant in the batch has this NIK; resolve the duplicate first.',
  NIK_DUPLICATE_CONFLICT:
    'Same NIK as row {otherRow}, but with a different KPJ number or start date. Ask BPJS which is right.',
  NIK_DUPLICATE_IDENTICAL: 'Same NIK as row {otherRows} with the same content; applied once.',
  KPJ_EMPTY: 'The KPJ number is empty.',
  KPJ_INVALID: 'The KPJ number may contain digits only.',
  KPJ_TOO_LONG: 'The KPJ number is too long (at most {max} digits).',
  KPJ_EXCEL_NUMBER:
    'The KPJ number is damaged (Excel number format). Ask BPJS to send the KPJ column as text.',
  KPJ_STORED_AS_NUMBER:
    'The KPJ number is stored as a number in Excel; leading zeros may be lost. Compare with the BPJS card.',
  KPJ_USED_BY_OTHER_NIK: 'Same KPJ number as row {otherRow}, but a different NIK.',
  KPJ_CHANGED: 'The KPJ number changes from {previous} to {kpj}.',
  START_DATE_EMPTY: 'The coverage start date is empty.',
  START_DATE_INVALID:
    'The start date "{value}" cannot be read; write it as dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd.',
  START_DATE_OUTSIDE_YEAR: 'The start date {date|date} is outside the batch year ({year}).',
  START_BEFORE_PERIOD: 'The start date {date|date} is before the batch period ({period}).',
  REJECTED_BY_BPJS: 'Rejected by BPJS: {note}',
  NAME_DIFFERS: 'The name in the BPJS answer ("{nameInAnswer}") differs from the name in Naungan.',
  NOT_IN_ANSWER: 'Not in the BPJS answer.',
  NOT_ENROLLABLE: 'A record with status "{status}" cannot receive a KPJ number.',
  ENROLMENT_INPUT_INVALID: 'The enrolment data is incomplete or invalid ({field}).',
  NOT_COVERED: 'Not enrolled with BPJS, so there is no coverage to end.',
  END_DATE_INVALID: 'The end date is not valid.',
  END_REASON_UNKNOWN: 'Unknown end reason.',
  END_BEFORE_COVERAGE: 'The end date {date|date} is before coverage started.',
}

export function describeCoverageProblem(
  problem: CoverageProblem,
  language: Language = 'id',
): string {
  const messages = language === 'en' ? coverageMessagesEn : coverageMessagesId
  return format(messages[problem.code], problem.params, language)
}
