/**
 * Strings of the verification queues and of the workflow part of a participant's page, Indonesian
 * first; kept beside the screens they belong to. Plain data (no React).
 */

import { textFor, type Messages } from '@shared/i18n/messages'

export const queueMessagesId = {
  // ---- Screen ----------------------------------------------------------------------------------
  'title.verifier': 'Antrean pemeriksaan — {agency}',
  'title.supervisor': 'Persetujuan supervisor',
  'title.none': 'Antrean pemeriksaan',
  'none.OPERATOR':
    'Antrean pemeriksaan hanya untuk verifikator instansi dan supervisor. Petugas pendaftaran mengajukan data dari halaman data peserta.',
  'none.VERIFIER_WITHOUT_AGENCY':
    'Kantor Anda belum ditetapkan sebagai instansi pemeriksa, jadi belum ada pemeriksaan untuk Anda. Minta administrator memilih instansi untuk kantor ini.',
  'intro.verifier':
    'Data yang diajukan petugas pendaftaran dan menunggu pemeriksaan instansi Anda. Keputusan tersimpan di komputer ini dan terkirim ke server sendiri saat tersambung.',
  'intro.supervisor':
    'Data yang diajukan, dengan hasil pemeriksaan tiap instansi. Setujui bila semua instansi sudah mengonfirmasi; kembalikan ke petugas bila ada yang harus diperbaiki.',
  loading: 'Memuat antrean…',
  loadFailed:
    'Antrean tidak dapat dimuat dari data di komputer ini. Buka lagi layar ini; bila terus terjadi, mulai ulang aplikasi.',
  // ---- Filters ---------------------------------------------------------------------------------
  filters: 'Saringan',
  'filter.kecamatan': 'Kecamatan',
  'filter.village': 'Desa/Kelurahan',
  'filter.any': 'Semua',
  'filter.from': 'Didaftarkan sejak',
  'filter.to': 'Didaftarkan sampai',
  'filter.showDecided': 'Tampilkan juga yang sudah diputuskan',
  'filter.readiness': 'Tampilkan',
  'readiness.all': 'Semua yang diajukan',
  'readiness.all-confirmed': 'Semua instansi sudah konfirmasi',
  'readiness.has-rejection': 'Ada penolakan',
  'readiness.waiting': 'Masih menunggu',
  'problem.FROM_AFTER_TO':
    'Tanggal "sejak" jatuh setelah tanggal "sampai", jadi tidak ada data yang cocok. Tukar kedua tanggal.',
  // ---- List ------------------------------------------------------------------------------------
  listLabel: 'Daftar data yang diajukan. Spasi memilih, Enter membuka.',
  count: '{shown} data ditampilkan · {selected} dipilih',
  truncated:
    'Hanya {max} data pertama yang ditampilkan. Persempit dengan saringan kecamatan, desa atau tanggal.',
  'empty.verifier': 'Tidak ada data yang menunggu pemeriksaan instansi Anda.',
  'empty.supervisor': 'Tidak ada data yang sedang diajukan.',
  'empty.filtered': 'Tidak ada data yang cocok dengan saringan.',
  'col.name': 'Nama',
  'col.nik': 'NIK',
  'col.place': 'Desa / kecamatan',
  'col.registered': 'Didaftarkan',
  'col.yourCheck': 'Pemeriksaan Anda',
  'state.pending': '… menunggu',
  'state.confirmed': '✓ dikonfirmasi',
  'state.rejected': '✗ ditolak',
  'state.rejectedWith': '✗ ditolak ({reason})',
  'state.notRequired': '— tidak perlu',
  // ---- Keyboard and buttons --------------------------------------------------------------------
  shortcutsTitle: 'Pintasan papan ketik',
  'shortcuts.verifier':
    '↑/↓ pindah baris · Spasi pilih · Ctrl+A pilih semua · Enter buka berdampingan · K konfirmasi · T tolak · Esc tutup',
  'shortcuts.supervisor':
    '↑/↓ pindah baris · Spasi pilih · Ctrl+A pilih semua · Enter buka rincian · S setujui · K kembalikan ke petugas · Esc tutup',
  shortcutsTarget:
    'Tombol keputusan berlaku untuk data yang dipilih; bila belum ada yang dipilih, untuk baris yang disorot.',
  selectAll: 'Pilih semua (Ctrl+A)',
  clearSelection: 'Kosongkan pilihan',
  openSideBySide: 'Buka berdampingan (Enter)',
  openDetails: 'Buka rincian (Enter)',
  confirm: 'Konfirmasi (K)',
  reject: 'Tolak (T)',
  approve: 'Setujui (S)',
  returnToClerk: 'Kembalikan ke petugas (K)',
  close: 'Tutup (Esc)',
  cancel: 'Batal (Esc)',
  'onBehalf.open': 'Catat keputusan instansi dari surat…',
  'onBehalf.title': 'Keputusan instansi yang diterima lewat surat',
  'onBehalf.hint':
    'Untuk instansi yang belum memakai Naungan. Keputusan dicatat atas nama instansi itu, dengan nama Anda dan nomor surat, dan tampak begitu di riwayat.',
  'onBehalf.agency': 'Instansi',
  'onBehalf.decision': 'Keputusan instansi',
  'onBehalf.letter': 'Nomor dan tanggal surat instansi',
  'onBehalf.letterHint':
    'Contoh: 460/123/Dinsos/2026, 20 November 2026. Simpan suratnya di berkas.',
  'onBehalf.letterRequired':
    'Tulis nomor dan tanggal surat instansi: keputusan atas nama instansi harus bisa ditelusuri.',
  'onBehalf.reasonRequired': 'Pilih alasan penolakan yang tertulis di surat.',
  'onBehalf.submit': 'Simpan keputusan instansi',
  'check.onBehalf': 'dicatat atas nama instansi oleh {by}, {at}, dari surat: {letter}',
  'done.onBehalf': '{count} keputusan instansi dicatat dari surat.',
  openRecord: 'Buka halaman data peserta',
  nothingChosen: 'Belum ada data yang dipilih. Sorot baris dengan ↑/↓ atau pilih dengan Spasi.',
  working: 'Menyimpan keputusan…',
  // ---- Results ---------------------------------------------------------------------------------
  'done.confirmed': '{count} data dikonfirmasi.',
  'done.rejected': '{count} data ditolak.',
  'done.approved': '{count} data disetujui.',
  'done.returned': '{count} data dikembalikan ke petugas.',
  'done.syncNote': 'Tersimpan di komputer ini; terkirim ke server saat tersambung.',
  refusedTitle: '{count} data tidak diproses:',
  refusedItem: '{name}: {message}',
  notFound: 'data ini tidak ada lagi di komputer ini.',
  saveFailed:
    'Keputusan tidak dapat disimpan di komputer ini. Coba lagi; bila terus terjadi, mulai ulang aplikasi.',
  // ---- Reject form -----------------------------------------------------------------------------
  'reject.title': 'Tolak pemeriksaan — {count} data',
  'reject.names': 'Data: {names}',
  'reject.reason': 'Alasan penolakan',
  'reject.chooseReason': '— pilih alasan —',
  'reject.note': 'Keterangan',
  'reject.noteHint':
    'Wajib diisi bila alasannya "Lainnya". Dibaca oleh petugas dan supervisor. Ctrl+Enter menolak.',
  'reject.submit': 'Tolak {count} data',
  'rejectProblem.REASON_REQUIRED': 'Pilih alasan penolakan dari daftar.',
  'rejectProblem.NOTE_REQUIRED': 'Alasan "Lainnya" perlu keterangan: tulis apa yang tidak sesuai.',
  'rejectProblem.NOTE_TOO_LONG': 'Keterangan terlalu panjang: paling banyak {max} karakter.',
  // ---- Return form -----------------------------------------------------------------------------
  'return.title': 'Kembalikan ke petugas — {count} data',
  'return.hint':
    'Catatan diisi dari alasan penolakan instansi; ubah bila perlu. Petugas membacanya di halaman data peserta.',
  'return.note': 'Catatan untuk petugas — {name}',
  'return.submit': 'Kembalikan {count} data',
  'returnProblem.NOTE_REQUIRED':
    'Tulis alasan pengembalian untuk {name}: petugas perlu tahu apa yang harus diperbaiki.',
  'returnProblem.NOTE_TOO_LONG':
    'Catatan untuk {name} terlalu panjang: paling banyak {max} karakter.',
  // ---- Side by side ----------------------------------------------------------------------------
  'panel.title': 'Pemeriksaan — {name}',
  'panel.clerkData': 'Data dari petugas pendaftaran',
  'panel.checks': 'Hasil pemeriksaan',
  'panel.yourCheck': 'Keputusan {agency}',
  'panel.otherAgencies': 'Instansi lain (hanya dibaca)',
  'panel.hint.verifier':
    '↑/↓ data sebelumnya/berikutnya · K konfirmasi · T tolak · Esc kembali ke daftar',
  'panel.hint.supervisor':
    '↑/↓ data sebelumnya/berikutnya · S setujui · K kembalikan · Esc kembali ke daftar',
  'panel.registered': 'Didaftarkan oleh {by} (kantor {office}), {at}',
  'panel.birth': 'Tempat, tanggal lahir',
  'panel.heir': 'Ahli waris',
  'panel.unreadable': 'tidak dapat dibaca (data rusak)',
  // ---- Checks, as read anywhere ----------------------------------------------------------------
  'check.by': 'oleh {by}, {at}',
  'check.reason': 'Alasan: {reason}',
  'check.note': 'Keterangan: {note}',
  // ---- Participant page ------------------------------------------------------------------------
  'workflow.title': 'Pemeriksaan instansi',
  'workflow.status': 'Status: {status}',
  'workflow.notSubmitted': 'Belum diajukan. Instansi yang akan memeriksa: {agencies}.',
  'workflow.noChecks': 'Tidak ada pemeriksaan instansi yang tercatat.',
  'workflow.review.approved': 'Disetujui oleh {by}, {at}',
  'workflow.review.returned': 'Dikembalikan oleh {by}, {at}',
  'workflow.reviewNote': 'Catatan supervisor: {note}',
  'workflow.returnedNotice': 'Dikembalikan oleh supervisor: {note}',
  'workflow.returnedRejections': 'Alasan penolakan instansi:',
  'workflow.returnedFix':
    'Perbaiki data yang disebut (Ubah data), lalu tekan "Ajukan ulang". Konfirmasi instansi lain tetap berlaku.',
  'workflow.submit': 'Ajukan',
  'workflow.resubmit': 'Ajukan ulang',
  'workflow.submitting': 'Mengajukan…',
  'workflow.submitted': 'Diajukan. Menunggu pemeriksaan: {agencies}.',
  'workflow.submitFailed':
    'Data tidak dapat diajukan karena tidak dapat disimpan di komputer ini. Coba lagi; bila terus terjadi, mulai ulang aplikasi.',
  'workflow.editRefusedTitle': 'Data peserta tidak dapat diubah',
}

export const queueMessagesEn: Messages<typeof queueMessagesId> = {
  // ---- Screen ----------------------------------------------------------------------------------
  'title.verifier': 'Check queue — {agency}',
  'title.supervisor': 'Supervisor approval',
  'title.none': 'Check queue',
  'none.OPERATOR':
    'The check queue is for agency verifiers and supervisors. Registration clerks submit records from the participant page.',
  'none.VERIFIER_WITHOUT_AGENCY':
    'Your office has not been assigned a checking agency, so there is nothing for you to check yet. Ask an administrator to set the agency of this office.',
  'intro.verifier':
    'Records submitted by registration clerks that wait for your agency’s check. Decisions are saved on this PC and reach the server by themselves when connected.',
  'intro.supervisor':
    'Submitted records with each agency’s check. Approve when every agency has confirmed; return to the clerk when something must be corrected.',
  loading: 'Loading the queue…',
  loadFailed:
    'The queue could not be read from this PC’s data. Open this screen again; if it keeps happening, restart the app.',
  // ---- Filters ---------------------------------------------------------------------------------
  filters: 'Filters',
  'filter.kecamatan': 'Kecamatan',
  'filter.village': 'Village',
  'filter.any': 'All',
  'filter.from': 'Registered from',
  'filter.to': 'Registered until',
  'filter.showDecided': 'Also show records already decided',
  'filter.readiness': 'Show',
  'readiness.all': 'Everything submitted',
  'readiness.all-confirmed': 'Every agency confirmed',
  'readiness.has-rejection': 'Has a rejection',
  'readiness.waiting': 'Still waiting',
  'problem.FROM_AFTER_TO':
    'The "from" date is after the "until" date, so nothing can match. Swap the two dates.',
  // ---- List ------------------------------------------------------------------------------------
  listLabel: 'Submitted records. Space selects, Enter opens.',
  count: '{shown} records shown · {selected} selected',
  truncated:
    'Only the first {max} records are shown. Narrow the list with the kecamatan, village or date filters.',
  'empty.verifier': 'Nothing is waiting for your agency’s check.',
  'empty.supervisor': 'No record is waiting for approval.',
  'empty.filtered': 'No record matches the filters.',
  'col.name': 'Name',
  'col.nik': 'NIK',
  'col.place': 'Village / kecamatan',
  'col.registered': 'Registered',
  'col.yourCheck': 'Your check',
  'state.pending': '… waiting',
  'state.confirmed': '✓ confirmed',
  'state.rejected': '✗ rejected',
  'state.rejectedWith': '✗ rejected ({reason})',
  'state.notRequired': '— not needed',
  // ---- Keyboard and buttons --------------------------------------------------------------------
  shortcutsTitle: 'Keyboard shortcuts',
  'shortcuts.verifier':
    '↑/↓ move · Space select · Ctrl+A select all · Enter open side by side · K confirm · T reject · Esc close',
  'shortcuts.supervisor':
    '↑/↓ move · Space select · Ctrl+A select all · Enter open details · S approve · K return to the clerk · Esc close',
  shortcutsTarget:
    'Decisions apply to the selected records; when none is selected, to the highlighted row.',
  selectAll: 'Select all (Ctrl+A)',
  clearSelection: 'Clear selection',
  openSideBySide: 'Open side by side (Enter)',
  openDetails: 'Open details (Enter)',
  confirm: 'Confirm (K)',
  reject: 'Reject (T)',
  approve: 'Approve (S)',
  returnToClerk: 'Return to the clerk (K)',
  close: 'Close (Esc)',
  cancel: 'Cancel (Esc)',
  'onBehalf.open': "Record an agency's decision from its letter…",
  'onBehalf.title': 'An agency decision received by letter',
  'onBehalf.hint':
    'For an agency that does not use Naungan yet. The decision is recorded on its behalf, with your name and the letter, and shows so in the history.',
  'onBehalf.agency': 'Agency',
  'onBehalf.decision': "The agency's decision",
  'onBehalf.letter': "The agency's letter: number and date",
  'onBehalf.letterHint':
    'For example: 460/123/Dinsos/2026, 20 November 2026. Keep the letter on file.',
  'onBehalf.letterRequired':
    "Write the agency letter's number and date: a decision on its behalf must be traceable.",
  'onBehalf.reasonRequired': 'Choose the rejection reason given in the letter.',
  'onBehalf.submit': "Save the agency's decision",
  'check.onBehalf': 'recorded on the agency’s behalf by {by}, {at}, from the letter: {letter}',
  'done.onBehalf': '{count} agency decisions recorded from their letter.',
  openRecord: 'Open the participant page',
  nothingChosen: 'No record is selected. Highlight a row with ↑/↓ or select with Space.',
  working: 'Saving the decision…',
  // ---- Results ---------------------------------------------------------------------------------
  'done.confirmed': '{count, plural, one {# record} other {# records}} confirmed.',
  'done.rejected': '{count, plural, one {# record} other {# records}} rejected.',
  'done.approved': '{count, plural, one {# record} other {# records}} approved.',
  'done.returned': '{count, plural, one {# record} other {# records}} returned to the clerk.',
  'done.syncNote': 'Saved on this PC; sent to the server when connected.',
  refusedTitle: '{count} records were not processed:',
  refusedItem: '{name}: {message}',
  notFound: 'this record is no longer on this PC.',
  saveFailed:
    'The decision could not be saved on this PC. Try again; if it keeps happening, restart the app.',
  // ---- Reject form -----------------------------------------------------------------------------
  'reject.title': 'Reject the check — {count} records',
  'reject.names': 'Records: {names}',
  'reject.reason': 'Reason for rejection',
  'reject.chooseReason': '— choose a reason —',
  'reject.note': 'Note',
  'reject.noteHint':
    'Required when the reason is "Other". Read by the clerk and the supervisor. Ctrl+Enter rejects.',
  'reject.submit': 'Reject {count, plural, one {# record} other {# records}}',
  'rejectProblem.REASON_REQUIRED': 'Choose a reason for the rejection from the list.',
  'rejectProblem.NOTE_REQUIRED': 'The reason "Other" needs a note: write what does not match.',
  'rejectProblem.NOTE_TOO_LONG': 'The note is too long: at most {max} characters.',
  // ---- Return form -----------------------------------------------------------------------------
  'return.title': 'Return to the clerk — {count} records',
  'return.hint':
    'Each note starts from the agencies’ rejection reasons; change it if needed. The clerk reads it on the participant page.',
  'return.note': 'Note for the clerk — {name}',
  'return.submit': 'Return {count, plural, one {# record} other {# records}}',
  'returnProblem.NOTE_REQUIRED':
    'Write why {name} is returned: the clerk needs to know what to correct.',
  'returnProblem.NOTE_TOO_LONG': 'The note for {name} is too long: at most {max} characters.',
  // ---- Side by side ----------------------------------------------------------------------------
  'panel.title': 'Check — {name}',
  'panel.clerkData': 'What the clerk entered',
  'panel.checks': 'Checks',
  'panel.yourCheck': 'Decision of {agency}',
  'panel.otherAgencies': 'Other agencies (read only)',
  'panel.hint.verifier': '↑/↓ previous/next record · K confirm · T reject · Esc back to the list',
  'panel.hint.supervisor': '↑/↓ previous/next record · S approve · K return · Esc back to the list',
  'panel.registered': 'Registered by {by} (office {office}), {at}',
  'panel.birth': 'Place and date of birth',
  'panel.heir': 'Heir',
  'panel.unreadable': 'unreadable (damaged data)',
  // ---- Checks, as read anywhere ----------------------------------------------------------------
  'check.by': 'by {by}, {at}',
  'check.reason': 'Reason: {reason}',
  'check.note': 'Note: {note}',
  // ---- Participant page ------------------------------------------------------------------------
  'workflow.title': 'Agency checks',
  'workflow.status': 'Status: {status}',
  'workflow.notSubmitted': 'Not submitted yet. Agencies that will check: {agencies}.',
  'workflow.noChecks': 'No agency check is recorded.',
  'workflow.review.approved': 'Approved by {by}, {at}',
  'workflow.review.returned': 'Returned by {by}, {at}',
  'workflow.reviewNote': 'Supervisor’s note: {note}',
  'workflow.returnedNotice': 'Returned by the supervisor: {note}',
  'workflow.returnedRejections': 'The agencies’ reasons for rejecting:',
  'workflow.returnedFix':
    'Correct what is mentioned (Edit), then press "Submit again". Other agencies’ confirmations are kept.',
  'workflow.submit': 'Submit',
  'workflow.resubmit': 'Submit again',
  'workflow.submitting': 'Submitting…',
  'workflow.submitted': 'Submitted. Waiting for: {agencies}.',
  'workflow.submitFailed':
    'The record could not be submitted because it could not be saved on this PC. Try again; if it keeps happening, restart the app.',
  'workflow.editRefusedTitle': 'The participant’s data cannot be changed',
}

export type QueueMessageKey = keyof typeof queueMessagesId

export const queueText = textFor<QueueMessageKey>({ id: queueMessagesId, en: queueMessagesEn })
