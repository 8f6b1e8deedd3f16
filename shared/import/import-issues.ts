/**
 * What can be wrong with one row of an import file, as codes (STYLE habit 12), and the words a
 * clerk reads for each, Bahasa Indonesia first. NIK, KK and registration-form problems keep the
 * codes and messages of the form (`shared/messages/issue-messages.ts`), so a bad NIK reads the
 * same in an import report as on the registration screen.
 */
import { isIssueCode, type IssueCode, type IssueSeverity } from '../issues/issue'
import { maskNik } from '../identity/masking'
import { describeIssue } from '../messages/issue-messages'
import { format } from '../i18n/format'
import type { Language } from '../i18n/language'
import { EXISTING_MEMBER_PROBLEM_MESSAGES } from '../coverage/existing-members'
import { TARGET_FIELD_LABELS, type TargetField } from './import-fields'

export const IMPORT_ISSUE_CODES = [
  'NIK_AS_NUMBER',
  'KK_AS_NUMBER',
  'DUPLICATE_IN_FILE',
  'DATE_UNREADABLE',
  'SEX_UNKNOWN',
  'VILLAGE_NOT_FOUND',
  'VILLAGE_AMBIGUOUS',
  'VILLAGE_NOT_IN_KECAMATAN',
  'KECAMATAN_NOT_FOUND',
  'KECAMATAN_AMBIGUOUS',
  'RESULT_UNKNOWN',
  'REASON_MISSING',
  'REASON_UNKNOWN',
  'NOTE_MISSING',
  'NAME_DIFFERS',
  'KPJ_EMPTY',
  'KPJ_INVALID',
  'KPJ_TOO_LONG',
  'KPJ_EXCEL_NUMBER',
  'START_INVALID',
  'START_AFTER_BUDGET_YEAR',
  'START_BEFORE_BIRTH',
  'OCCUPATION_UNKNOWN',
] as const
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number]

export type RowIssueCode = ImportIssueCode | IssueCode

export interface RowIssue {
  severity: IssueSeverity
  code: RowIssueCode
  field: TargetField
  params?: Readonly<Record<string, string | number>>
}

const IMPORT_ISSUE_MESSAGES: Record<ImportIssueCode, { id: string; en: string }> = {
  ...EXISTING_MEMBER_PROBLEM_MESSAGES,
  START_INVALID: {
    id: 'Tanggal mulai kepesertaan "{value}" tidak dapat dibaca. Tulis sebagai dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd.',
    en: 'Coverage start "{value}" cannot be read. Write it as dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd.',
  },
  OCCUPATION_UNKNOWN: {
    id: 'Pekerjaan "{value}" tidak ada di daftar pekerjaan program; dibiarkan kosong untuk dilengkapi.',
    en: 'Occupation "{value}" is not in the programme\'s list; left empty to be completed.',
  },
  NIK_AS_NUMBER: {
    id: 'NIK tersimpan sebagai angka di Excel, sehingga angka terakhirnya bisa hilang. Ubah format kolom NIK menjadi Teks, isi ulang NIK-nya, lalu impor lagi.',
    en: 'The NIK is stored as a number in Excel, so its last digits may be lost. Format the NIK column as Text, re-enter the NIKs and import again.',
  },
  KK_AS_NUMBER: {
    id: 'Nomor KK tersimpan sebagai angka di Excel, sehingga angka terakhirnya bisa hilang. Ubah format kolomnya menjadi Teks.',
    en: 'The KK number is stored as a number in Excel, so its last digits may be lost. Format the column as Text.',
  },
  DUPLICATE_IN_FILE: {
    id: 'NIK sama dengan baris {firstRow}.',
    en: 'Same NIK as row {firstRow}.',
  },
  DATE_UNREADABLE: {
    id: 'Tanggal lahir "{value}" tidak dapat dibaca. Tulis sebagai dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd.',
    en: 'Date of birth "{value}" cannot be read. Write it as dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd.',
  },
  SEX_UNKNOWN: {
    id: 'Jenis kelamin "{value}" tidak dikenal. Tulis L atau P.',
    en: 'Sex "{value}" is not recognised. Write L or P.',
  },
  VILLAGE_NOT_FOUND: {
    id: 'Desa/kelurahan "{value}" tidak ada di {district}.',
    en: 'Desa/kelurahan "{value}" is not in {district}.',
  },
  VILLAGE_AMBIGUOUS: {
    id: 'Ada lebih dari satu desa/kelurahan bernama "{value}". Isi juga kolom kecamatan.',
    en: 'More than one desa/kelurahan is called "{value}". Fill in the kecamatan column too.',
  },
  VILLAGE_NOT_IN_KECAMATAN: {
    id: 'Desa/kelurahan "{value}" tidak berada di kecamatan yang diisi.',
    en: 'Desa/kelurahan "{value}" is not in the kecamatan given.',
  },
  KECAMATAN_NOT_FOUND: {
    id: 'Kecamatan "{value}" tidak ada di {district}.',
    en: 'Kecamatan "{value}" is not in {district}.',
  },
  KECAMATAN_AMBIGUOUS: {
    id: 'Ada lebih dari satu kecamatan bernama "{value}". Tulis kode kecamatannya.',
    en: 'More than one kecamatan is called "{value}". Write its code instead.',
  },
  RESULT_UNKNOWN: {
    id: 'Hasil "{value}" tidak dikenal. Tulis SESUAI atau TIDAK SESUAI (juga YA/TIDAK, TERVERIFIKASI/DITOLAK).',
    en: 'Result "{value}" is not recognised. Write SESUAI or TIDAK SESUAI (also YA/TIDAK, TERVERIFIKASI/DITOLAK).',
  },
  REASON_MISSING: {
    id: 'Hasilnya ditolak, tetapi alasan dan keterangannya kosong.',
    en: 'The result is a rejection, but the reason and note are empty.',
  },
  REASON_UNKNOWN: {
    id: 'Alasan "{value}" tidak ada di daftar alasan; dicatat sebagai "Lainnya" dengan keterangan tersebut.',
    en: 'Reason "{value}" is not in the list of reasons; it is recorded as "Other" with that text as the note.',
  },
  NOTE_MISSING: {
    id: 'Alasan "Lainnya" perlu keterangan.',
    en: 'The reason "Other" needs a note.',
  },
  NAME_DIFFERS: {
    id: 'Nama di berkas tidak sama dengan nama pada data {registrationNumber}. Periksa apakah NIK-nya benar.',
    en: 'The name in the file differs from the name in record {registrationNumber}. Check that the NIK is right.',
  },
}

const MAX_SHOWN_VALUE = 60

/** A cell's text as a message may quote it: short, and never a full identity number. */
export function quotedValue(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim()
  const short = text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text
  return maskLongDigitRuns(short)
}

function maskLongDigitRuns(text: string): string {
  return text.replace(/\d{16,}/g, (digits) => (digits.length === 16 ? maskNik(digits) : '****'))
}

/** One issue in the chosen language: the field, then what is wrong. */
export function describeRowIssue(issue: RowIssue, language: Language): string {
  const label = TARGET_FIELD_LABELS[issue.field][language]
  if (isIssueCode(issue.code)) {
    return `${label}: ${describeIssue({ code: issue.code, ...(issue.params ? { params: issue.params } : {}) }, language)}`
  }
  const template = IMPORT_ISSUE_MESSAGES[issue.code as ImportIssueCode][language]
  return maskLongDigitRuns(format(template, issue.params, language))
}

/** "Kolom NIK tidak ada di berkas.": said before the dry run, when a required column is missing. */
export function describeMissingColumns(
  missing: readonly TargetField[],
  language: Language,
): string {
  const names = missing.map((field) => TARGET_FIELD_LABELS[field][language])
  const list =
    names.length <= 1
      ? (names[0] ?? '')
      : `${names.slice(0, -1).join(', ')} ${language === 'en' ? 'and' : 'dan'} ${names[names.length - 1]}`
  return language === 'en'
    ? `The file has no ${list} column.`
    : `Kolom ${list} tidak ada di berkas.`
}
