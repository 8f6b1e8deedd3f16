/**
 * What can be wrong with one existing member of BPJS's list (existing-members.ts), Bahasa
 * Indonesia first. The import report words its rows with these (import-issues.ts).
 */
import type { Messages } from '../i18n/messages'
import type { ExistingMemberProblem } from './existing-members'

export const existingMemberMessagesId = {
  KPJ_EMPTY: 'Nomor KPJ kosong.',
  KPJ_INVALID: 'Nomor KPJ hanya boleh berisi angka.',
  KPJ_TOO_LONG: 'Nomor KPJ terlalu panjang.',
  KPJ_EXCEL_NUMBER:
    'Nomor KPJ tersimpan sebagai angka di Excel (mis. 1,23E+10), sehingga angkanya bisa hilang. Ubah format kolomnya menjadi Teks.',
  START_INVALID:
    'Tanggal mulai kepesertaan tidak dapat dibaca. Tulis sebagai dd-mm-yyyy atau yyyy-mm-dd.',
  START_AFTER_BUDGET_YEAR:
    'Tanggal mulai kepesertaan sesudah tahun anggaran {year}; orang ini belum menjadi peserta tahun itu.',
  START_BEFORE_BIRTH: 'Tanggal mulai kepesertaan sebelum tanggal lahir.',
} satisfies Record<ExistingMemberProblem['code'], string>

export const existingMemberMessagesEn: Messages<typeof existingMemberMessagesId> = {
  KPJ_EMPTY: 'The KPJ number is empty.',
  KPJ_INVALID: 'A KPJ number may only contain digits.',
  KPJ_TOO_LONG: 'The KPJ number is too long.',
  KPJ_EXCEL_NUMBER:
    'The KPJ number is stored as a number in Excel (e.g. 1.23E+10), so digits may be lost. Format the column as Text.',
  START_INVALID: 'The coverage start date cannot be read. Write it as dd-mm-yyyy or yyyy-mm-dd.',
  START_AFTER_BUDGET_YEAR:
    'The coverage start is after budget year {year}; this person was not a participant that year.',
  START_BEFORE_BIRTH: 'The coverage start is before the date of birth.',
}
