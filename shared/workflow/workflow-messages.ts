/**
 * Why the verification workflow refuses a step, in words for the person who tried it, Bahasa
 * Indonesia first. `canPerform` and `actionsBetween` (workflow.ts) return the code and these words;
 * the server sends the same words back, so the screen and the server's refusal read alike.
 */
import { LANGUAGES, type Language } from '../i18n/language'
import { textFor, type Messages } from '../i18n/messages'

export const workflowMessagesId = {
  VERIFIER_CANNOT_EDIT_DATA:
    'Verifikator instansi hanya boleh mengisi hasil pemeriksaan instansinya, bukan mengubah data peserta.',
  DATA_LOCKED_AFTER_APPROVAL:
    'Data peserta yang sudah disetujui hanya boleh diubah oleh supervisor.',
  VERIFIER_CANNOT_SUBMIT: 'Hanya petugas pendaftaran atau supervisor yang boleh mengajukan data.',
  NOT_SUBMITTABLE: 'Hanya data berstatus draf atau dikembalikan yang dapat diajukan.',
  CLERK_CANNOT_DECIDE_CHECK: 'Petugas pendaftaran tidak boleh mengubah hasil pemeriksaan instansi.',
  NOT_YOUR_AGENCY: 'Anda hanya boleh mengisi pemeriksaan untuk instansi Anda sendiri.',
  AGENCY_NOT_REQUIRED: 'Instansi ini tidak perlu memeriksa peserta dengan pekerjaan tersebut.',
  NOT_UNDER_VERIFICATION: 'Pemeriksaan hanya dapat diisi selama data berstatus diajukan.',
  ONLY_SUPERVISOR_DECIDES:
    'Hanya supervisor dinas tenaga kerja yang boleh menyetujui atau mengembalikan data.',
  CHECKS_INCOMPLETE: 'Belum semua instansi mengonfirmasi peserta ini; data belum dapat disetujui.',
  NOT_APPROVED_YET:
    'Kepesertaan BPJS hanya dapat dicatat untuk data yang sudah disetujui supervisor.',
  VERIFIER_CANNOT_DELETE: 'Verifikator instansi tidak boleh menghapus data peserta.',
  ONLY_DRAFTS_DELETED:
    'Hanya data berstatus draf (belum pernah diajukan) yang boleh dihapus. Data yang sudah diajukan dikembalikan atau diakhiri, tidak dihapus.',
  NOT_YOUR_OFFICE_RECORD:
    'Petugas pendaftaran hanya boleh menghapus atau memulihkan draf yang didaftarkan kantornya sendiri.',
  VERIFIER_CANNOT_RESTORE:
    'Verifikator instansi tidak boleh memulihkan data peserta yang sudah dihapus.',
  NOT_UNDER_REVIEW: 'Hanya data yang sedang diajukan atau sudah disetujui yang dapat dikembalikan.',
  ILLEGAL_TRANSITION: 'Perubahan status ini tidak diizinkan oleh alur verifikasi.',
  VERIFIER_CANNOT_REPORT_DEATH:
    'Verifikator instansi tidak mencatat kematian; laporkan ke kantor kecamatan atau supervisor.',
  ALREADY_DECEASED: 'Kematian peserta ini sudah dilaporkan.',
  ONLY_SUPERVISOR_CORRECTS_DEATH:
    'Hanya supervisor yang boleh membatalkan laporan kematian, dengan alasan.',
  DEATH_NOT_REPORTED: 'Tidak ada laporan kematian yang dapat dibatalkan.',
  DEATH_REPORT_MISMATCH:
    'Laporan kematian harus mengakhiri kepesertaan tepat seperti aturannya (akhir bulan kematian) dan tidak mengubah data lain.',
  DEATH_ON_NEW_RECORD:
    'Kematian dilaporkan pada data peserta yang sudah ada di server; sinkronkan data barunya dulu.',
  CLAIM_HEIR_UNKNOWN:
    'Hubungan ahli waris pada klaim tidak dikenal di district.json. Perbarui aplikasi lalu coba lagi.',
  JKM_CLAIM_WITHOUT_DEATH:
    'Klaim JKM dibuka untuk peserta yang kematiannya sudah dilaporkan; laporkan kematiannya dulu.',
  DEATH_HAS_OPEN_CLAIM:
    'Masih ada klaim ahli waris yang berjalan atas kematian ini; tutup klaimnya dulu sebelum laporan dibatalkan.',
  DECISION_INVALID:
    'Keputusan verifikasi ulang tidak lengkap atau tidak dikenal (tahun, hasil, alasan, petugas, waktu). Tidak disimpan.',
  DECISION_REWRITTEN:
    'Keputusan verifikasi ulang yang sudah tercatat tidak boleh diubah atau dihapus; catat keputusan baru.',
  DECISION_ROLE_FORBIDDEN:
    'Hanya petugas kecamatan, verifikator instansi, atau supervisor yang boleh mencatat hasil verifikasi ulang.',
  DECISION_NOT_YOUR_KECAMATAN:
    'Hasil verifikasi ulang dicatat oleh kantor kecamatan peserta itu sendiri, verifikator instansi, atau supervisor {wilayah}.',
  DECISION_VERIFIER_CONTINUES:
    'Verifikator instansi mencatat temuan instansinya (diakhiri atau ditunda); melanjutkan kepesertaan diputuskan kantor kecamatan atau supervisor.',
}

export const workflowMessagesEn: Messages<typeof workflowMessagesId> = {
  VERIFIER_CANNOT_EDIT_DATA:
    "Agency verifiers only record their agency's check; they cannot change the participant's data.",
  DATA_LOCKED_AFTER_APPROVAL:
    "Once approved, a participant's data can only be changed by a supervisor.",
  VERIFIER_CANNOT_SUBMIT: 'Only registration clerks or supervisors submit records.',
  NOT_SUBMITTABLE: 'Only draft or returned records can be submitted.',
  CLERK_CANNOT_DECIDE_CHECK: "Registration clerks cannot change an agency's check.",
  NOT_YOUR_AGENCY: 'You may only record the check of your own agency.',
  AGENCY_NOT_REQUIRED: 'This agency does not check participants with that occupation.',
  NOT_UNDER_VERIFICATION: 'Checks can only be recorded while the record is submitted.',
  ONLY_SUPERVISOR_DECIDES: 'Only a labour office supervisor approves or returns records.',
  CHECKS_INCOMPLETE: 'Not every agency has confirmed this participant yet; it cannot be approved.',
  NOT_APPROVED_YET: 'BPJS enrolment can only be recorded for records a supervisor approved.',
  VERIFIER_CANNOT_DELETE: 'Agency verifiers cannot delete participant records.',
  ONLY_DRAFTS_DELETED:
    'Only draft records (never submitted) can be deleted. Submitted records are returned or ended, not deleted.',
  NOT_YOUR_OFFICE_RECORD:
    'Registration clerks may only delete or restore drafts registered by their own office.',
  VERIFIER_CANNOT_RESTORE: 'Agency verifiers cannot restore deleted participant records.',
  NOT_UNDER_REVIEW: 'Only submitted or approved records can be returned.',
  ILLEGAL_TRANSITION: 'The verification workflow does not allow this status change.',
  VERIFIER_CANNOT_REPORT_DEATH:
    'Agency verifiers do not record deaths; report it to the kecamatan office or a supervisor.',
  ALREADY_DECEASED: "This participant's death has already been reported.",
  ONLY_SUPERVISOR_CORRECTS_DEATH: 'Only a supervisor may withdraw a death report, with a reason.',
  DEATH_NOT_REPORTED: 'There is no death report to withdraw.',
  DEATH_REPORT_MISMATCH:
    'A death report must end coverage exactly as the rule says (the end of the month of death) and change nothing else.',
  DEATH_ON_NEW_RECORD:
    'A death is reported on a record the server already has; sync the new record first.',
  CLAIM_HEIR_UNKNOWN:
    "The claim's heir relationship is not one district.json knows. Update the app and retry.",
  JKM_CLAIM_WITHOUT_DEATH:
    'A JKM claim is opened for a participant whose death is reported; report the death first.',
  DEATH_HAS_OPEN_CLAIM:
    "An heirs' claim resting on this death is still open; close it before withdrawing the report.",
  DECISION_INVALID:
    'The re-verification decision is incomplete or unknown (year, outcome, reason, officer, time). Not saved.',
  DECISION_REWRITTEN:
    'A recorded re-verification decision cannot be changed or removed; record a new decision.',
  DECISION_ROLE_FORBIDDEN:
    'Only a kecamatan clerk, an agency verifier or a supervisor may record a re-verification outcome.',
  DECISION_NOT_YOUR_KECAMATAN:
    "A re-verification outcome is recorded by the participant's own kecamatan office, an agency verifier or a district supervisor.",
  DECISION_VERIFIER_CONTINUES:
    "An agency verifier records the agency's finding (ended or pending); continuing someone's coverage is the kecamatan office's or a supervisor's decision.",
}

export type WorkflowMessageKey = keyof typeof workflowMessagesId

export const workflowText = textFor<WorkflowMessageKey>({
  id: workflowMessagesId,
  en: workflowMessagesEn,
})

/** One message in every language: what a verdict carries, since its reader's language is not known. */
export function workflowMessage(key: WorkflowMessageKey): Record<Language, string> {
  return Object.fromEntries(
    LANGUAGES.map((language) => [language, workflowText(language, key)]),
  ) as Record<Language, string>
}
