/**
 * Strings of the verification queues and of the workflow part of a participant's page, Indonesian
 * first; kept beside the screens they belong to. Plain data (no React).
 */

/** The app's languages (`Language` in i18n.tsx), repeated here to keep this file React-free. */
export type QueueLanguage = 'id' | 'en'

const queueMessages = {
  // ---- Screen ----------------------------------------------------------------------------------
  'title.verifier': { id: 'Antrean pemeriksaan — {agency}', en: 'Check queue — {agency}' },
  'title.supervisor': { id: 'Persetujuan supervisor', en: 'Supervisor approval' },
  'title.none': { id: 'Antrean pemeriksaan', en: 'Check queue' },
  'none.OPERATOR': {
    id: 'Antrean pemeriksaan hanya untuk verifikator instansi dan supervisor. Petugas pendaftaran mengajukan data dari halaman data peserta.',
    en: 'The check queue is for agency verifiers and supervisors. Registration clerks submit records from the participant page.',
  },
  'none.VERIFIER_WITHOUT_AGENCY': {
    id: 'Kantor Anda belum ditetapkan sebagai instansi pemeriksa, jadi belum ada pemeriksaan untuk Anda. Minta administrator memilih instansi untuk kantor ini.',
    en: 'Your office has not been assigned a checking agency, so there is nothing for you to check yet. Ask an administrator to set the agency of this office.',
  },
  'intro.verifier': {
    id: 'Data yang diajukan petugas pendaftaran dan menunggu pemeriksaan instansi Anda. Keputusan tersimpan di komputer ini dan terkirim ke server sendiri saat tersambung.',
    en: 'Records submitted by registration clerks that wait for your agency’s check. Decisions are saved on this PC and reach the server by themselves when connected.',
  },
  'intro.supervisor': {
    id: 'Data yang diajukan, dengan hasil pemeriksaan tiap instansi. Setujui bila semua instansi sudah mengonfirmasi; kembalikan ke petugas bila ada yang harus diperbaiki.',
    en: 'Submitted records with each agency’s check. Approve when every agency has confirmed; return to the clerk when something must be corrected.',
  },
  loading: { id: 'Memuat antrean…', en: 'Loading the queue…' },
  loadFailed: {
    id: 'Antrean tidak dapat dimuat dari data di komputer ini. Buka lagi layar ini; bila terus terjadi, mulai ulang aplikasi.',
    en: 'The queue could not be read from this PC’s data. Open this screen again; if it keeps happening, restart the app.',
  },

  // ---- Filters ---------------------------------------------------------------------------------
  filters: { id: 'Saringan', en: 'Filters' },
  'filter.kecamatan': { id: 'Kecamatan', en: 'Kecamatan' },
  'filter.village': { id: 'Desa/Kelurahan', en: 'Village' },
  'filter.any': { id: 'Semua', en: 'All' },
  'filter.from': { id: 'Didaftarkan sejak', en: 'Registered from' },
  'filter.to': { id: 'Didaftarkan sampai', en: 'Registered until' },
  'filter.showDecided': {
    id: 'Tampilkan juga yang sudah diputuskan',
    en: 'Also show records already decided',
  },
  'filter.readiness': { id: 'Tampilkan', en: 'Show' },
  'readiness.all': { id: 'Semua yang diajukan', en: 'Everything submitted' },
  'readiness.all-confirmed': {
    id: 'Semua instansi sudah konfirmasi',
    en: 'Every agency confirmed',
  },
  'readiness.has-rejection': { id: 'Ada penolakan', en: 'Has a rejection' },
  'readiness.waiting': { id: 'Masih menunggu', en: 'Still waiting' },
  'problem.FROM_AFTER_TO': {
    id: 'Tanggal "sejak" jatuh setelah tanggal "sampai", jadi tidak ada data yang cocok. Tukar kedua tanggal.',
    en: 'The "from" date is after the "until" date, so nothing can match. Swap the two dates.',
  },

  // ---- List ------------------------------------------------------------------------------------
  listLabel: {
    id: 'Daftar data yang diajukan. Spasi memilih, Enter membuka.',
    en: 'Submitted records. Space selects, Enter opens.',
  },
  count: {
    id: '{shown} data ditampilkan · {selected} dipilih',
    en: '{shown} records shown · {selected} selected',
  },
  truncated: {
    id: 'Hanya {max} data pertama yang ditampilkan. Persempit dengan saringan kecamatan, desa atau tanggal.',
    en: 'Only the first {max} records are shown. Narrow the list with the kecamatan, village or date filters.',
  },
  'empty.verifier': {
    id: 'Tidak ada data yang menunggu pemeriksaan instansi Anda.',
    en: 'Nothing is waiting for your agency’s check.',
  },
  'empty.supervisor': {
    id: 'Tidak ada data yang sedang diajukan.',
    en: 'No record is waiting for approval.',
  },
  'empty.filtered': {
    id: 'Tidak ada data yang cocok dengan saringan.',
    en: 'No record matches the filters.',
  },
  'col.name': { id: 'Nama', en: 'Name' },
  'col.nik': { id: 'NIK', en: 'NIK' },
  'col.place': { id: 'Desa / kecamatan', en: 'Village / kecamatan' },
  'col.registered': { id: 'Didaftarkan', en: 'Registered' },
  'col.yourCheck': { id: 'Pemeriksaan Anda', en: 'Your check' },
  'state.pending': { id: '… menunggu', en: '… waiting' },
  'state.confirmed': { id: '✓ dikonfirmasi', en: '✓ confirmed' },
  'state.rejected': { id: '✗ ditolak', en: '✗ rejected' },
  'state.rejectedWith': { id: '✗ ditolak ({reason})', en: '✗ rejected ({reason})' },
  'state.notRequired': { id: '— tidak perlu', en: '— not needed' },

  // ---- Keyboard and buttons --------------------------------------------------------------------
  shortcutsTitle: { id: 'Pintasan papan ketik', en: 'Keyboard shortcuts' },
  'shortcuts.verifier': {
    id: '↑/↓ pindah baris · Spasi pilih · Ctrl+A pilih semua · Enter buka berdampingan · K konfirmasi · T tolak · Esc tutup',
    en: '↑/↓ move · Space select · Ctrl+A select all · Enter open side by side · K confirm · T reject · Esc close',
  },
  'shortcuts.supervisor': {
    id: '↑/↓ pindah baris · Spasi pilih · Ctrl+A pilih semua · Enter buka rincian · S setujui · K kembalikan ke petugas · Esc tutup',
    en: '↑/↓ move · Space select · Ctrl+A select all · Enter open details · S approve · K return to the clerk · Esc close',
  },
  shortcutsTarget: {
    id: 'Tombol keputusan berlaku untuk data yang dipilih; bila belum ada yang dipilih, untuk baris yang disorot.',
    en: 'Decisions apply to the selected records; when none is selected, to the highlighted row.',
  },
  selectAll: { id: 'Pilih semua (Ctrl+A)', en: 'Select all (Ctrl+A)' },
  clearSelection: { id: 'Kosongkan pilihan', en: 'Clear selection' },
  openSideBySide: { id: 'Buka berdampingan (Enter)', en: 'Open side by side (Enter)' },
  openDetails: { id: 'Buka rincian (Enter)', en: 'Open details (Enter)' },
  confirm: { id: 'Konfirmasi (K)', en: 'Confirm (K)' },
  reject: { id: 'Tolak (T)', en: 'Reject (T)' },
  approve: { id: 'Setujui (S)', en: 'Approve (S)' },
  returnToClerk: { id: 'Kembalikan ke petugas (K)', en: 'Return to the clerk (K)' },
  close: { id: 'Tutup (Esc)', en: 'Close (Esc)' },
  cancel: { id: 'Batal (Esc)', en: 'Cancel (Esc)' },
  'onBehalf.open': {
    id: 'Catat keputusan instansi dari surat…',
    en: "Record an agency's decision from its letter…",
  },
  'onBehalf.title': {
    id: 'Keputusan instansi yang diterima lewat surat',
    en: 'An agency decision received by letter',
  },
  'onBehalf.hint': {
    id: 'Untuk instansi yang belum memakai Naungan. Keputusan dicatat atas nama instansi itu, dengan nama Anda dan nomor surat, dan tampak begitu di riwayat.',
    en: 'For an agency that does not use Naungan yet. The decision is recorded on its behalf, with your name and the letter, and shows so in the history.',
  },
  'onBehalf.agency': { id: 'Instansi', en: 'Agency' },
  'onBehalf.decision': { id: 'Keputusan instansi', en: "The agency's decision" },
  'onBehalf.letter': {
    id: 'Nomor dan tanggal surat instansi',
    en: "The agency's letter: number and date",
  },
  'onBehalf.letterHint': {
    id: 'Contoh: 460/123/Dinsos/2026, 20 November 2026. Simpan suratnya di berkas.',
    en: 'For example: 460/123/Dinsos/2026, 20 November 2026. Keep the letter on file.',
  },
  'onBehalf.letterRequired': {
    id: 'Tulis nomor dan tanggal surat instansi: keputusan atas nama instansi harus bisa ditelusuri.',
    en: "Write the agency letter's number and date: a decision on its behalf must be traceable.",
  },
  'onBehalf.reasonRequired': {
    id: 'Pilih alasan penolakan yang tertulis di surat.',
    en: 'Choose the rejection reason given in the letter.',
  },
  'onBehalf.submit': { id: 'Simpan keputusan instansi', en: "Save the agency's decision" },
  'check.onBehalf': {
    id: 'dicatat atas nama instansi oleh {by}, {at}, dari surat: {letter}',
    en: 'recorded on the agency’s behalf by {by}, {at}, from the letter: {letter}',
  },
  'done.onBehalf': {
    id: '{count} keputusan instansi dicatat dari surat.',
    en: '{count} agency decisions recorded from their letter.',
  },
  openRecord: { id: 'Buka halaman data peserta', en: 'Open the participant page' },
  nothingChosen: {
    id: 'Belum ada data yang dipilih. Sorot baris dengan ↑/↓ atau pilih dengan Spasi.',
    en: 'No record is selected. Highlight a row with ↑/↓ or select with Space.',
  },
  working: { id: 'Menyimpan keputusan…', en: 'Saving the decision…' },

  // ---- Results ---------------------------------------------------------------------------------
  'done.confirmed': { id: '{count} data dikonfirmasi.', en: '{count} records confirmed.' },
  'done.rejected': { id: '{count} data ditolak.', en: '{count} records rejected.' },
  'done.approved': { id: '{count} data disetujui.', en: '{count} records approved.' },
  'done.returned': {
    id: '{count} data dikembalikan ke petugas.',
    en: '{count} records returned to the clerk.',
  },
  'done.syncNote': {
    id: 'Tersimpan di komputer ini; terkirim ke server saat tersambung.',
    en: 'Saved on this PC; sent to the server when connected.',
  },
  refusedTitle: {
    id: '{count} data tidak diproses:',
    en: '{count} records were not processed:',
  },
  refusedItem: { id: '{name}: {message}', en: '{name}: {message}' },
  notFound: {
    id: 'data ini tidak ada lagi di komputer ini.',
    en: 'this record is no longer on this PC.',
  },
  saveFailed: {
    id: 'Keputusan tidak dapat disimpan di komputer ini. Coba lagi; bila terus terjadi, mulai ulang aplikasi.',
    en: 'The decision could not be saved on this PC. Try again; if it keeps happening, restart the app.',
  },

  // ---- Reject form -----------------------------------------------------------------------------
  'reject.title': {
    id: 'Tolak pemeriksaan — {count} data',
    en: 'Reject the check — {count} records',
  },
  'reject.names': { id: 'Data: {names}', en: 'Records: {names}' },
  'reject.reason': { id: 'Alasan penolakan', en: 'Reason for rejection' },
  'reject.chooseReason': { id: '— pilih alasan —', en: '— choose a reason —' },
  'reject.note': { id: 'Keterangan', en: 'Note' },
  'reject.noteHint': {
    id: 'Wajib diisi bila alasannya "Lainnya". Dibaca oleh petugas dan supervisor. Ctrl+Enter menolak.',
    en: 'Required when the reason is "Other". Read by the clerk and the supervisor. Ctrl+Enter rejects.',
  },
  'reject.submit': { id: 'Tolak {count} data', en: 'Reject {count} records' },
  'rejectProblem.REASON_REQUIRED': {
    id: 'Pilih alasan penolakan dari daftar.',
    en: 'Choose a reason for the rejection from the list.',
  },
  'rejectProblem.NOTE_REQUIRED': {
    id: 'Alasan "Lainnya" perlu keterangan: tulis apa yang tidak sesuai.',
    en: 'The reason "Other" needs a note: write what does not match.',
  },
  'rejectProblem.NOTE_TOO_LONG': {
    id: 'Keterangan terlalu panjang: paling banyak {max} karakter.',
    en: 'The note is too long: at most {max} characters.',
  },

  // ---- Return form -----------------------------------------------------------------------------
  'return.title': {
    id: 'Kembalikan ke petugas — {count} data',
    en: 'Return to the clerk — {count} records',
  },
  'return.hint': {
    id: 'Catatan diisi dari alasan penolakan instansi; ubah bila perlu. Petugas membacanya di halaman data peserta.',
    en: 'Each note starts from the agencies’ rejection reasons; change it if needed. The clerk reads it on the participant page.',
  },
  'return.note': { id: 'Catatan untuk petugas — {name}', en: 'Note for the clerk — {name}' },
  'return.submit': { id: 'Kembalikan {count} data', en: 'Return {count} records' },
  'returnProblem.NOTE_REQUIRED': {
    id: 'Tulis alasan pengembalian untuk {name}: petugas perlu tahu apa yang harus diperbaiki.',
    en: 'Write why {name} is returned: the clerk needs to know what to correct.',
  },
  'returnProblem.NOTE_TOO_LONG': {
    id: 'Catatan untuk {name} terlalu panjang: paling banyak {max} karakter.',
    en: 'The note for {name} is too long: at most {max} characters.',
  },

  // ---- Side by side ----------------------------------------------------------------------------
  'panel.title': { id: 'Pemeriksaan — {name}', en: 'Check — {name}' },
  'panel.clerkData': { id: 'Data dari petugas pendaftaran', en: 'What the clerk entered' },
  'panel.checks': { id: 'Hasil pemeriksaan', en: 'Checks' },
  'panel.yourCheck': { id: 'Keputusan {agency}', en: 'Decision of {agency}' },
  'panel.otherAgencies': { id: 'Instansi lain (hanya dibaca)', en: 'Other agencies (read only)' },
  'panel.hint.verifier': {
    id: '↑/↓ data sebelumnya/berikutnya · K konfirmasi · T tolak · Esc kembali ke daftar',
    en: '↑/↓ previous/next record · K confirm · T reject · Esc back to the list',
  },
  'panel.hint.supervisor': {
    id: '↑/↓ data sebelumnya/berikutnya · S setujui · K kembalikan · Esc kembali ke daftar',
    en: '↑/↓ previous/next record · S approve · K return · Esc back to the list',
  },
  'panel.registered': {
    id: 'Didaftarkan oleh {by} (kantor {office}), {at}',
    en: 'Registered by {by} (office {office}), {at}',
  },
  'panel.birth': { id: 'Tempat, tanggal lahir', en: 'Place and date of birth' },
  'panel.heir': { id: 'Ahli waris', en: 'Heir' },
  'panel.unreadable': { id: 'tidak dapat dibaca (data rusak)', en: 'unreadable (damaged data)' },

  // ---- Checks, as read anywhere ----------------------------------------------------------------
  'check.by': { id: 'oleh {by}, {at}', en: 'by {by}, {at}' },
  'check.reason': { id: 'Alasan: {reason}', en: 'Reason: {reason}' },
  'check.note': { id: 'Keterangan: {note}', en: 'Note: {note}' },

  // ---- Participant page ------------------------------------------------------------------------
  'workflow.title': { id: 'Pemeriksaan instansi', en: 'Agency checks' },
  'workflow.status': { id: 'Status: {status}', en: 'Status: {status}' },
  'workflow.notSubmitted': {
    id: 'Belum diajukan. Instansi yang akan memeriksa: {agencies}.',
    en: 'Not submitted yet. Agencies that will check: {agencies}.',
  },
  'workflow.noChecks': {
    id: 'Tidak ada pemeriksaan instansi yang tercatat.',
    en: 'No agency check is recorded.',
  },
  'workflow.review.approved': { id: 'Disetujui oleh {by}, {at}', en: 'Approved by {by}, {at}' },
  'workflow.review.returned': {
    id: 'Dikembalikan oleh {by}, {at}',
    en: 'Returned by {by}, {at}',
  },
  'workflow.reviewNote': { id: 'Catatan supervisor: {note}', en: 'Supervisor’s note: {note}' },
  'workflow.returnedNotice': {
    id: 'Dikembalikan oleh supervisor: {note}',
    en: 'Returned by the supervisor: {note}',
  },
  'workflow.returnedRejections': {
    id: 'Alasan penolakan instansi:',
    en: 'The agencies’ reasons for rejecting:',
  },
  'workflow.returnedFix': {
    id: 'Perbaiki data yang disebut (Ubah data), lalu tekan "Ajukan ulang". Konfirmasi instansi lain tetap berlaku.',
    en: 'Correct what is mentioned (Edit), then press "Submit again". Other agencies’ confirmations are kept.',
  },
  'workflow.submit': { id: 'Ajukan', en: 'Submit' },
  'workflow.resubmit': { id: 'Ajukan ulang', en: 'Submit again' },
  'workflow.submitting': { id: 'Mengajukan…', en: 'Submitting…' },
  'workflow.submitted': {
    id: 'Diajukan. Menunggu pemeriksaan: {agencies}.',
    en: 'Submitted. Waiting for: {agencies}.',
  },
  'workflow.submitFailed': {
    id: 'Data tidak dapat diajukan karena tidak dapat disimpan di komputer ini. Coba lagi; bila terus terjadi, mulai ulang aplikasi.',
    en: 'The record could not be submitted because it could not be saved on this PC. Try again; if it keeps happening, restart the app.',
  },
  'workflow.editRefusedTitle': {
    id: 'Data peserta tidak dapat diubah',
    en: 'The participant’s data cannot be changed',
  },
} satisfies Record<string, { id: string; en: string }>

export type QueueMessageKey = keyof typeof queueMessages

export function queueText(
  language: QueueLanguage,
  key: QueueMessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = queueMessages[key][language]
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}
