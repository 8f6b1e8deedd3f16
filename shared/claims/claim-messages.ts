/**
 * The words of claim assistance (issue 17), Bahasa Indonesia first: every problem the benefit and
 * claim-case rules report, every refusal of the role rules, and the names of statuses, documents
 * and benefit lines. Domain functions return `{ code, params }`; the screen calls
 * `describeClaimProblem` (STYLE habit 12), so the text lives in one place and a code without a
 * message does not compile. A leaf: it imports shared/i18n only.
 */
import { format, type ValueFormat } from '../i18n/format'
import { LANGUAGES, type Language } from '../i18n/language'
import { textFor, type Messages } from '../i18n/messages'

export const CLAIM_PROBLEM_CODES = [
  // The expected benefit
  'DATE_INVALID',
  'DEATH_BEFORE_MEMBERSHIP',
  'NOT_COVERED_ON_DATE',
  'COVERAGE_INVALID',
  'CHILDREN_INVALID',
  // Opening and changing a case
  'CASE_INPUT_INVALID',
  'DATE_IN_FUTURE',
  'OPENED_BEFORE_EVENT',
  'DATE_BEFORE_OPENED',
  'DATE_BEFORE_LAST_STEP',
  'DATE_BEFORE_DOCUMENT',
  'JKM_NEEDS_DEATH',
  'HEIR_REQUIRED',
  'HEIR_NOT_EXPECTED',
  'HEIR_INVALID',
  'DOCUMENT_NOT_ON_CHECKLIST',
  'DOCUMENTS_LOCKED',
  'DOCUMENTS_INCOMPLETE',
  'MOVE_NOT_ALLOWED',
  'AMOUNT_INVALID',
  'REASON_REQUIRED',
  'NOTE_REQUIRED',
  // A record's claims as pushed to the server (claim-push.ts)
  'CLAIMS_ON_NEW_RECORD',
  'CLAIMS_TOO_MANY',
  'CLAIM_ID_REPEATED',
  'CLAIM_NOT_CANONICAL',
  'CLAIM_OF_OTHER_PARTICIPANT',
  'CLAIM_OF_OTHER_KECAMATAN',
  'CLAIM_REMOVED',
  'CLAIM_NEW_NOT_REPORTED',
  'CLAIM_FACTS_CHANGED',
  'CLAIM_HISTORY_REWRITTEN',
  'CLAIM_PAID_FINAL',
] as const

export type ClaimProblemCode = (typeof CLAIM_PROBLEM_CODES)[number]

export interface ClaimProblem {
  code: ClaimProblemCode
  params?: Readonly<Record<string, string | number>>
}

export const claimMessagesId: Readonly<Record<ClaimProblemCode, string>> = {
  DATE_INVALID: 'Tanggal tidak valid ({field}).',
  DEATH_BEFORE_MEMBERSHIP:
    'Tanggal meninggal {date|date} sebelum kepesertaan dimulai ({start|date}).',
  NOT_COVERED_ON_DATE:
    'Tidak tercatat sebagai peserta pada {date|date}: tidak ada manfaat yang bisa diklaim.',
  COVERAGE_INVALID:
    'Data kepesertaan tahun {year} tidak terbaca; perbaiki dulu sebelum menghitung.',
  CHILDREN_INVALID: 'Jumlah anak yang bersekolah harus bilangan bulat 0–{max}.',
  CASE_INPUT_INVALID: 'Data klaim tidak lengkap atau tidak valid ({field}).',
  DATE_IN_FUTURE: 'Tanggal {date|date} belum terjadi.',
  OPENED_BEFORE_EVENT: 'Klaim dibuka {date|date}, sebelum tanggal kejadian.',
  DATE_BEFORE_OPENED: 'Tanggal {date|date} sebelum klaim dibuka.',
  DATE_BEFORE_LAST_STEP:
    'Tanggal {date|date} lebih awal dari perubahan status terakhir ({last|date}).',
  DATE_BEFORE_DOCUMENT:
    'Berkas tidak bisa lengkap pada {date|date}: dokumen terakhir baru diterima {last|date}.',
  JKM_NEEDS_DEATH: 'Klaim JKM hanya untuk peserta yang meninggal dunia.',
  HEIR_REQUIRED: 'Peserta meninggal dunia: ahli waris yang mengajukan klaim harus diisi.',
  HEIR_NOT_EXPECTED:
    'Peserta masih hidup: klaim JKK diajukan oleh peserta sendiri, tanpa ahli waris.',
  HEIR_INVALID:
    'Ahli waris harus punya nama (paling banyak 100 karakter) dan hubungan keluarga yang dikenal.',
  DOCUMENT_NOT_ON_CHECKLIST: 'Dokumen "{document|document}" tidak diperlukan untuk klaim ini.',
  DOCUMENTS_LOCKED:
    'Daftar dokumen hanya bisa diubah selama klaim berstatus "dilaporkan" (sekarang "{status|status}").',
  DOCUMENTS_INCOMPLETE: 'Berkas belum lengkap: {count} dokumen belum diterima.',
  MOVE_NOT_ALLOWED: 'Status klaim tidak bisa berpindah dari "{from|status}" ke "{to|status}".',
  AMOUNT_INVALID: 'Jumlah harus rupiah bulat lebih dari 0, paling banyak {max|rupiah}.',
  REASON_REQUIRED: 'Alasan penolakan BPJS harus diisi (paling banyak 300 karakter).',
  NOTE_REQUIRED:
    'Tulis alasan klaim dikembalikan ke status "dilaporkan" (paling banyak 300 karakter).',
  CLAIMS_ON_NEW_RECORD:
    'Klaim hanya dibuka pada peserta yang sudah tercatat; kirim dulu data pesertanya, lalu buka klaim.',
  CLAIMS_TOO_MANY: 'Satu peserta paling banyak punya {max} klaim.',
  CLAIM_ID_REPEATED: 'Klaim yang sama tercatat dua kali pada peserta ini.',
  CLAIM_NOT_CANONICAL:
    'Data klaim tidak dalam bentuk yang dibuat aplikasi (spasi berlebih atau nilai kosong, {field}).',
  CLAIM_OF_OTHER_PARTICIPANT: 'Klaim ini milik peserta lain; tidak bisa dicatat pada peserta ini.',
  CLAIM_OF_OTHER_KECAMATAN:
    'Klaim ini tercatat di kecamatan lain dari kecamatan peserta; tidak bisa diubah di sini.',
  CLAIM_REMOVED: 'Klaim yang sudah tercatat tidak boleh dihapus.',
  CLAIM_NEW_NOT_REPORTED:
    'Klaim baru dikirim dengan status "dilaporkan" saja; ubah statusnya setelah klaim tersimpan di server.',
  CLAIM_FACTS_CHANGED:
    'Peserta, kecamatan, jenis klaim, tanggal kejadian, meninggal atau tidak, dan tanggal lapor tidak boleh diubah setelah klaim dibuka.',
  CLAIM_HISTORY_REWRITTEN:
    'Riwayat status klaim tidak boleh diubah atau dihapus; status baru hanya bisa ditambahkan.',
  CLAIM_PAID_FINAL: 'Klaim yang sudah dibayar tidak bisa diubah lagi.',
}

export const claimMessagesEn: Messages<typeof claimMessagesId> = {
  DATE_INVALID: 'The date is not valid ({field}).',
  DEATH_BEFORE_MEMBERSHIP:
    'The date of death {date|date} is before membership began ({start|date}).',
  NOT_COVERED_ON_DATE:
    'Not recorded as a participant on {date|date}: there is no benefit to claim.',
  COVERAGE_INVALID: 'The coverage of {year} cannot be read; correct it before computing.',
  CHILDREN_INVALID: 'The number of children in school must be a whole number 0–{max}.',
  CASE_INPUT_INVALID: 'The claim data is incomplete or invalid ({field}).',
  DATE_IN_FUTURE: 'The date {date|date} has not come yet.',
  OPENED_BEFORE_EVENT: 'The claim is opened on {date|date}, before the event.',
  DATE_BEFORE_OPENED: 'The date {date|date} is before the claim was opened.',
  DATE_BEFORE_LAST_STEP: 'The date {date|date} is before the last status change ({last|date}).',
  DATE_BEFORE_DOCUMENT:
    'The file cannot be complete on {date|date}: the last document came in on {last|date}.',
  JKM_NEEDS_DEATH: 'A JKM claim is only for a participant who died.',
  HEIR_REQUIRED: 'The participant died: the heir who claims is required.',
  HEIR_NOT_EXPECTED: 'The participant is alive: they claim JKK themselves, without an heir.',
  HEIR_INVALID: 'The heir needs a name (at most 100 characters) and a known relationship.',
  DOCUMENT_NOT_ON_CHECKLIST: 'The document "{document|document}" is not needed for this claim.',
  DOCUMENTS_LOCKED:
    'The document list can only change while the claim is "reported" (it is "{status|status}").',
  DOCUMENTS_INCOMPLETE: 'The file is incomplete: {count} documents not received yet.',
  MOVE_NOT_ALLOWED: 'The claim cannot move from "{from|status}" to "{to|status}".',
  AMOUNT_INVALID: 'The amount must be whole rupiah above 0, at most {max|rupiah}.',
  REASON_REQUIRED: "BPJS's reason for rejecting is required (at most 300 characters).",
  NOTE_REQUIRED: 'Say why the claim goes back to "reported" (at most 300 characters).',
  CLAIMS_ON_NEW_RECORD:
    'Claims are opened on participants already recorded; send the participant first, then open the claim.',
  CLAIMS_TOO_MANY: 'A participant has at most {max} claims.',
  CLAIM_ID_REPEATED: 'The same claim appears twice on this participant.',
  CLAIM_NOT_CANONICAL:
    'The claim is not in the form the app makes (extra spaces or an empty value, {field}).',
  CLAIM_OF_OTHER_PARTICIPANT:
    'This claim belongs to another participant; it cannot be recorded on this one.',
  CLAIM_OF_OTHER_KECAMATAN:
    "This claim is recorded in a kecamatan other than the participant's; it cannot change here.",
  CLAIM_REMOVED: 'A recorded claim cannot be deleted.',
  CLAIM_NEW_NOT_REPORTED:
    'A new claim is sent as "reported" only; change its status once the server holds it.',
  CLAIM_FACTS_CHANGED:
    'The participant, kecamatan, kind of claim, date of the event, whether the participant died and the date reported cannot change once the claim is open.',
  CLAIM_HISTORY_REWRITTEN:
    "A claim's status history cannot be changed or deleted; new statuses can only be added.",
  CLAIM_PAID_FINAL: 'A paid claim cannot change any more.',
}

export const claimStatusLabelsId = {
  dilaporkan: 'Dilaporkan',
  'berkas-lengkap': 'Berkas lengkap',
  diajukan: 'Diajukan ke BPJS',
  dibayar: 'Dibayar',
  ditolak: 'Ditolak',
}

export const claimStatusLabelsEn: Messages<typeof claimStatusLabelsId> = {
  dilaporkan: 'Reported',
  'berkas-lengkap': 'File complete',
  diajukan: 'Submitted to BPJS',
  dibayar: 'Paid',
  ditolak: 'Rejected',
}

export const claimDocumentLabelsId = {
  'kartu-peserta': 'Kartu peserta BPJS Ketenagakerjaan',
  'ktp-ahli-waris': 'KTP ahli waris',
  'akta-kematian': 'Akta kematian',
  'kartu-keluarga': 'Kartu Keluarga (KK)',
  'surat-keterangan-ahli-waris': 'Surat keterangan ahli waris',
  'buku-nikah': 'Buku nikah',
  'buku-tabungan': 'Buku tabungan',
  'ktp-peserta': 'KTP peserta',
  'laporan-kecelakaan': 'Laporan dan kronologi kecelakaan kerja',
  'surat-keterangan-dokter': 'Surat keterangan dokter',
}

export const claimDocumentLabelsEn: Messages<typeof claimDocumentLabelsId> = {
  'kartu-peserta': 'BPJS Ketenagakerjaan membership card',
  'ktp-ahli-waris': "Heir's identity card (KTP)",
  'akta-kematian': 'Death certificate (akta kematian)',
  'kartu-keluarga': 'Family card (KK)',
  'surat-keterangan-ahli-waris': 'Certificate of heirship',
  'buku-nikah': 'Marriage book',
  'buku-tabungan': 'Bank book',
  'ktp-peserta': "Participant's identity card (KTP)",
  'laporan-kecelakaan': 'Work accident report and account of events',
  'surat-keterangan-dokter': "Doctor's statement",
}

export const jkmBenefitLabelsId = {
  'santunan-sekaligus': 'Santunan sekaligus',
  'santunan-berkala': 'Santunan berkala (dibayar sekaligus)',
  'biaya-pemakaman': 'Biaya pemakaman',
}

export const jkmBenefitLabelsEn: Messages<typeof jkmBenefitLabelsId> = {
  'santunan-sekaligus': 'Lump sum',
  'santunan-berkala': 'Periodic benefit (paid at once)',
  'biaya-pemakaman': 'Funeral costs',
}

export const claimRefusalsId = {
  VERIFIER_CANNOT_HANDLE_CLAIMS: 'Verifikator instansi tidak menangani klaim BPJS.',
  NOT_YOUR_KECAMATAN:
    'Klaim ini milik peserta kecamatan lain; hanya kantor kecamatannya atau supervisor {wilayah} yang menanganinya.',
  OPERATOR_NEEDS_KECAMATAN_OFFICE:
    'Petugas pendaftaran menangani klaim dari kantor kecamatan peserta; di tingkat {wilayah} hanya supervisor atau admin.',
  OFFICE_WITHOUT_KECAMATAN: 'Kantor kecamatan ini belum punya kode kecamatan; hubungi admin.',
  ONLY_SUPERVISOR_REOPENS: 'Hanya supervisor yang boleh membuka kembali klaim yang ditolak BPJS.',
}

export const claimRefusalsEn: Messages<typeof claimRefusalsId> = {
  VERIFIER_CANNOT_HANDLE_CLAIMS: 'Agency verifiers do not handle BPJS claims.',
  NOT_YOUR_KECAMATAN:
    "This claim belongs to another kecamatan's participant; only its kecamatan office or a district supervisor handles it.",
  OPERATOR_NEEDS_KECAMATAN_OFFICE:
    "Registration clerks handle claims from the participant's kecamatan office; district-wide, only supervisors or admins do.",
  OFFICE_WITHOUT_KECAMATAN: 'This kecamatan office has no kecamatan code; ask the admin.',
  ONLY_SUPERVISOR_REOPENS: 'Only a supervisor may reopen a claim BPJS rejected.',
}

export type ClaimRefusal = keyof typeof claimRefusalsId
export type ClaimStatusKey = keyof typeof claimStatusLabelsId
export type ClaimDocumentKey = keyof typeof claimDocumentLabelsId

export const claimRefusalText = textFor<ClaimRefusal>({ id: claimRefusalsId, en: claimRefusalsEn })

/** One refusal in every language: what a verdict carries, since its reader's language is not known. */
export function claimRefusalMessage(key: ClaimRefusal): Record<Language, string> {
  return Object.fromEntries(
    LANGUAGES.map((language) => [language, claimRefusalText(language, key)]),
  ) as Record<Language, string>
}

const labelFormat =
  (tables: Record<Language, Readonly<Record<string, string>>>): ValueFormat =>
  (value, language) =>
    tables[language][String(value)] ?? String(value)

/** `{from|status}` and `{document|document}` name a status or document in the reader's words. */
const CLAIM_FORMATS: Readonly<Record<string, ValueFormat>> = {
  status: labelFormat({ id: claimStatusLabelsId, en: claimStatusLabelsEn }),
  document: labelFormat({ id: claimDocumentLabelsId, en: claimDocumentLabelsEn }),
}

export function describeClaimProblem(problem: ClaimProblem, language: Language = 'id'): string {
  const messages = language === 'en' ? claimMessagesEn : claimMessagesId
  return format(messages[problem.code], problem.params, language, { formats: CLAIM_FORMATS })
}
