/**
 * The Indonesian catalogue: every string the UI shows, in Bahasa Indonesia — the language of the
 * people using it. App-wide strings (shell, registration, participants, sync) are written here; each
 * feature keeps its namespace beside its screens and is joined in below under its prefix
 * (`verify.title`, `queue.approve`), so `t()` reaches every string by one typed key.
 */
import { namespaced, type Messages } from '@shared/i18n/messages'
import { adminMessagesId } from '@/admin/admin-messages'
import { ageLimitMessagesId } from '@shared/coverage/age-limit-messages'
import { auditMessagesId } from '@/audit/audit-messages'
import { coverageMessagesId } from '@shared/coverage/coverage-messages'
import { dashboardMessagesId } from '@/dashboard/dashboard-messages'
import { existingMemberMessagesId } from '@shared/coverage/existing-member-messages'
import { batchMessagesId } from '@/coverage/coverage-messages'
import { billingMessagesId } from '@/billing/billing-messages'
import { deathMessagesId } from '@/deaths/death-messages'
import { claimsMessagesId } from '@/claims/claims-messages'
import { rescueMessagesId } from '@/rescue/rescue-messages'
import { reverificationScreenMessagesId } from '@/reverification/reverification-messages'
import { importMessagesId } from '@/import/import-messages'
import { importRowMessagesId } from '@shared/import/import-row-messages'
import { issueMessagesId } from '@shared/messages/issue-messages'
import { printMessagesId } from '@/printing/print-messages'
import { queueMessagesId } from '@/verification-queue/queue-messages'
import { verifyMessagesId } from '@/card-check/verify-messages'
import { workflowMessagesId } from '@shared/workflow/workflow-messages'

export const appMessagesId = {
  'app.title': 'Naungan',
  'app.subtitle': 'Pendaftaran Pekerja Rentan — BPJS Ketenagakerjaan',
  'app.loading': 'Membuka data…',
  'app.language': 'Bahasa',
  'app.skipToContent': 'Lompat ke isi',
  'nav.register': 'Pendaftaran',
  'nav.participants': 'Daftar Peserta',
  'nav.admin': 'Administrasi',
  'nav.settings': 'Pengaturan',
  'nav.print': 'Cetak Kartu & Stiker',
  'nav.verify': 'Verifikasi Kartu',
  'nav.queue': 'Pemeriksaan',
  'nav.audit': 'Riwayat perubahan (audit)',
  'nav.import': 'Impor daftar',
  'nav.batches': 'Kepesertaan BPJS',
  'nav.billing': 'Tagihan & iuran',
  'nav.deaths': 'Kematian peserta',
  'nav.claims': 'Klaim ahli waris',
  'nav.reverification': 'Verifikasi ulang tahunan',
  'nav.dashboard': 'Dasbor',
  'nav.label': 'Menu utama',
  'nav.group.registration': 'Pendaftaran',
  'nav.group.participants': 'Peserta',
  'nav.group.checks': 'Pemeriksaan',
  'nav.group.coverage': 'Kepesertaan BPJS',
  'nav.group.cards': 'Cetak & Verifikasi',
  'nav.group.reports': 'Laporan',
  'nav.group.administration': 'Administrasi',
  'shell.role.operator': 'Petugas pendaftaran',
  'shell.role.verifier': 'Verifikator instansi',
  'shell.role.supervisor': 'Supervisor',
  'shell.role.admin': 'Admin',
  'shell.standaloneOffice': 'Kecamatan {kecamatan} · kantor {number}',
  'shell.refusal.title': 'Layar ini bukan untuk peran Anda',
  'shell.refusal.body':
    '“{screen}” tidak dapat dibuka oleh {role} di {office}. Menu di samping hanya memuat layar yang boleh Anda gunakan.',
  'shell.refusal.standalone':
    '“{screen}” hanya untuk pengguna yang masuk ke server pusat; komputer ini belum terhubung ke server.',
  'shell.refusal.back': 'Ke layar utama Anda: {screen}',
  'startup.failedTitle': 'Data tidak dapat dibuka',
  'startup.failedBody':
    'Naungan tidak dapat membuka penyimpanan data di komputer ini. Tidak ada data yang dihapus. Tutup lalu buka kembali aplikasi; jika masih terjadi, hubungi admin dinas tenaga kerja dan sebutkan keterangan di bawah.',
  'startup.keyMismatch':
    'Kunci pengaman data di komputer ini tidak cocok dengan data yang tersimpan (misalnya profil pengguna Windows berubah). Data tidak dihapus dan tidak diubah. Hubungi admin dinas tenaga kerja.',
  'startup.technicalDetail': 'Keterangan teknis',
  'setup.title': 'Pengaturan kantor',
  'setup.intro':
    'Isi sekali untuk komputer ini. Nomor kantor diberikan oleh dinas tenaga kerja agar nomor registrasi tidak pernah sama antar kantor.',
  'setup.kecamatan': 'Kecamatan kantor',
  'setup.officeNumber': 'Nomor kantor (1–99)',
  'setup.operatorName': 'Nama petugas',
  'setup.save': 'Simpan pengaturan',
  'setup.saved': 'Pengaturan tersimpan.',
  'setup.errorKecamatan': 'Pilih kecamatan kantor.',
  'setup.errorOfficeNumber': 'Nomor kantor harus angka 1 sampai 99.',
  'setup.errorOperator': 'Isi nama petugas (2–100 huruf).',
  'setup.host': 'Penyimpanan kunci',
  'setup.host.os-keychain': 'Kunci data disimpan di keychain sistem operasi.',
  'setup.host.browser-storage':
    'Versi peramban: kunci data disimpan di penyimpanan peramban. Untuk kantor, gunakan aplikasi desktop.',
  'setup.version': 'Versi',
  'setup.regionData': 'Data wilayah',
  'setup.regionDataSource':
    'Kode dan nama wilayah Kemendagri dari {edition} (Open Database License, ODbL 1.0).',
  'form.title': 'Pendaftaran peserta baru',
  'form.editTitle': 'Ubah data peserta',
  'form.hint':
    'Tekan Enter untuk pindah ke kolom berikutnya, Ctrl+Enter untuk menyimpan. Kolom bertanda * wajib diisi.',
  'form.nik': 'NIK',
  'form.kk': 'No. KK',
  'form.fullName': 'Nama lengkap',
  'form.birthPlace': 'Tempat lahir',
  'form.birthDate': 'Tanggal lahir',
  'form.sex': 'Jenis kelamin',
  'form.sex.choose': '— pilih —',
  'form.sex.L': 'Laki-laki',
  'form.sex.P': 'Perempuan',
  'form.address': 'Alamat',
  'form.rtRw': 'RT/RW',
  'detail.rt': 'RT',
  'detail.rw': 'RW',
  'form.rtRwHint': 'contoh: 003/005',
  'form.kecamatan': 'Kecamatan',
  'form.village': 'Desa/Kelurahan',
  'form.occupation': 'Pekerjaan',
  'form.monthlyIncome': 'Penghasilan per bulan',
  'form.monthlyIncomeHint': 'dalam rupiah, contoh: 1.500.000',
  'form.phone': 'No. HP',
  'form.phoneHint': 'boleh kosong',
  'form.heirName': 'Nama ahli waris',
  'form.heirRelationship': 'Hubungan ahli waris',
  'form.choose': '— pilih —',
  'form.chooseKecamatanFirst': '— pilih kecamatan dulu —',
  'form.save': 'Simpan',
  'form.saveChanges': 'Simpan perubahan',
  'form.cancel': 'Batal',
  'form.saving': 'Menyimpan…',
  'form.saved': 'Tersimpan',
  'form.savedDetail': '{name} — No. registrasi {number}.',
  'form.openSaved': 'Buka data',
  'form.noChanges': 'Tidak ada perubahan.',
  'form.savedWithConflicts':
    'Data ini diubah di tempat lain selama formulir terbuka. Isian Anda untuk {count} kolom tidak menimpa perubahan itu; keduanya disimpan sebagai konflik untuk diputuskan supervisor.',
  'form.fixErrors': 'Ada {count} kolom yang perlu diperbaiki. Data belum disimpan.',
  'form.saveFailed': 'Gagal menyimpan. Data yang diketik masih ada di formulir; coba lagi.',
  'form.prefilled': 'Tanggal lahir dan jenis kelamin diisi dari NIK. Periksa kembali.',
  'form.prefillCleared':
    'Tanggal lahir dan jenis kelamin dari NIK sebelumnya dikosongkan karena NIK berubah. Periksa NIK.',
  'form.tooLong':
    'Teks terlalu panjang: menjadi {length} huruf, paling banyak {max}. Tidak dimasukkan; isian tetap seperti sebelumnya. Periksa teks yang ditempel.',
  'draft.offerTitle': 'Lanjutkan isian sebelumnya?',
  'draft.summary': 'Ada pendaftaran yang belum disimpan: {name}, NIK {nik}, terakhir diketik {at}.',
  'draft.noName': '(nama belum diisi)',
  'draft.noNik': '(belum diisi)',
  'draft.continue': 'Lanjutkan isian',
  'draft.startOver': 'Buang dan mulai baru…',
  'draft.discardTitle': 'Buang isian ini?',
  'draft.discardBody': 'Isian ini akan dihapus dari komputer ini dan tidak dapat dikembalikan.',
  'draft.keep': 'Jangan buang',
  'draft.discard': 'Ya, buang isian',
  'draft.kept':
    'Isian disimpan sementara (terenkripsi) di komputer ini sampai didaftarkan; tidak hilang bila pindah layar atau aplikasi tertutup.',
  'form.duplicateNik': 'NIK ini sudah terdaftar atas nama {name} (No. registrasi {number}).',
  'form.openExisting': 'Buka data yang sudah ada',
  'form.similarPerson':
    'Sudah ada peserta dengan nama dan tanggal lahir yang sama tetapi NIK berbeda: {list}.',
  'form.confirmDifferentPerson': 'Saya sudah memeriksa: ini orang yang berbeda.',
  'form.confirmRequired': 'Centang konfirmasi bahwa ini orang yang berbeda sebelum menyimpan.',
  'form.unreadableRecord':
    'Sebagian data peserta ini rusak dan tidak dapat dibaca, sehingga tidak dapat diubah di sini. Hubungi admin.',
  'list.title': 'Daftar peserta',
  'list.search': 'Cari peserta',
  'list.searchPlaceholder': 'Nama, NIK, atau No. registrasi',
  'list.filterKecamatan': 'Kecamatan',
  'list.filterVillage': 'Desa/Kelurahan',
  'list.filterOccupation': 'Pekerjaan',
  'list.filterStatus': 'Status',
  'list.all': 'Semua',
  'list.count': '{count} peserta',
  'list.matches': '{matches} cocok dari {count} peserta',
  'list.matchesMore':
    'Lebih dari {matches} cocok dari {count} peserta; ketik lebih lengkap untuk mempersempit',
  'list.counting': 'Menghitung…',
  'list.empty': 'Tidak ada peserta yang cocok.',
  'list.emptyStore': 'Belum ada peserta. Daftarkan peserta pertama di menu Pendaftaran.',
  'list.loadingMore': 'Memuat…',
  'list.col.registrationNumber': 'No. registrasi',
  'list.col.name': 'Nama',
  'list.col.nik': 'NIK',
  'list.col.birthDate': 'Tgl lahir',
  'list.col.village': 'Desa/Kel.',
  'list.col.kecamatan': 'Kecamatan',
  'list.col.occupation': 'Pekerjaan',
  'list.col.status': 'Status',
  'list.damaged': 'data rusak',
  'list.failed': 'Daftar tidak dapat dimuat. Coba lagi.',
  'status.draft': 'Draf',
  'status.submitted': 'Diajukan',
  'status.submittedRejected': 'Ditolak {agencies}, menunggu supervisor',
  'status.returned': 'Dikembalikan',
  'status.approved': 'Disetujui',
  'status.enrolled': 'Didaftarkan ke BPJS',
  'status.active': 'Aktif',
  'status.ended': 'Berakhir',
  'detail.back': 'Kembali ke daftar',
  'detail.backToParticipant': 'Kembali ke data peserta',
  'detail.notFound': 'Peserta tidak ditemukan.',
  'detail.edit': 'Ubah data',
  'detail.data': 'Data',
  'detail.history': 'Riwayat perubahan',
  'detail.prints': 'Cetak kartu/stiker',
  'detail.check': 'Pemeriksaan',
  'detail.review': 'Keputusan supervisor',
  'detail.sentToBpjs': 'dikirim ke BPJS',
  'detail.kpj': 'No. KPJ',
  'detail.coverage': 'Masa kepesertaan',
  'detail.coverageOpen': 'akhir tahun',
  'detail.endReason.meninggal': 'meninggal',
  'detail.endReason.pindah': 'pindah domisili',
  'detail.endReason.penanggung-lain': 'ditanggung pihak lain',
  'detail.endReason.batas-usia': 'batas usia',
  'detail.historyEmpty': 'Belum ada riwayat.',
  'detail.createdBy': 'Didaftarkan oleh {by} pada {at}',
  'detail.updatedBy': 'Terakhir diubah oleh {by} pada {at}',
  'detail.unreadable': 'tidak dapat dibaca (data rusak)',
  'history.created': 'Didaftarkan',
  'history.updated': 'Diubah',
  'history.status': 'Status diubah',
  'history.empty': '(kosong)',
  'history.by': 'oleh {by}',
  'nav.syncProblems': 'Masalah sinkronisasi',
  'sync.region': 'Status sinkronisasi',
  'sync.phase.starting': 'Memulai sinkronisasi…',
  'sync.phase.syncing': 'Menyinkronkan…',
  'sync.phase.synced': 'Sudah sinkron',
  'sync.phase.offline': 'Luring (tanpa sambungan)',
  'sync.phase.error': 'Gagal sinkron',
  'sync.phase.revoked': 'Perangkat dicabut — sinkronisasi berhenti',
  'sync.pending': '{count} perubahan belum terkirim',
  'sync.pendingNone': 'Semua perubahan sudah terkirim',
  'sync.phase.problems': 'Ada data yang perlu diperiksa',
  'sync.pendingNoneButProblems': 'Tidak ada yang menunggu dikirim',
  'sync.problems': '{count} data ditolak server, bentrok atau mungkin ganda',
  'sync.problemsLink': 'Masalah sinkronisasi ({count})',
  'sync.nowOffline':
    'Tidak ada sambungan ke server. Perubahan tetap tersimpan di komputer ini dan dikirim begitu tersambung.',
  'sync.nowStarted': 'Sinkronisasi dimulai.',
  'sync.auditRefused': '{count} catatan riwayat ditolak server',
  'update.downloading':
    'Versi {version} sedang diunduh dari server kabupaten; kerja tidak terganggu.',
  'update.waiting': 'Versi {version} sudah diunduh.',
  'update.wait.UNSAVED_FORM':
    'Dipasang setelah formulir yang sedang diisi disimpan atau dibatalkan.',
  'update.wait.PRINTING': 'Dipasang setelah pencetakan kartu selesai.',
  'update.wait.IMPORT_APPLYING': 'Dipasang setelah impor data selesai.',
  'update.installing':
    'Memasang versi {version}: aplikasi ditutup dan dibuka kembali. Semua data sudah tersimpan.',
  'update.stagingInvalid': 'Pembaruan ditahan: berkas staging.json di server tidak sah ({detail}).',
  'sync.recovered':
    'Server pusat dipulihkan dari cadangan. PC ini mengembalikan {count} data yang hilang dari server ({at}).',
  'sync.recoveryRefused':
    '{count} data tidak diterima server dan tetap tersimpan di PC ini; hubungi admin TI.',
  'sync.lastSynced': 'Terakhir sinkron: {at}',
  'sync.neverSynced': 'Belum pernah sinkron',
  'sync.progress': '{done} dari {total}',
  'sync.progressLabel': 'Unduhan data awal',
  'sync.now': 'Sinkronkan sekarang',
  'sync.revokedDetail':
    'Admin mencabut izin perangkat ini. Data di komputer ini tetap ada dan masih bisa dipakai, tetapi tidak lagi dikirim ke server pusat. Hubungi admin dinas tenaga kerja.',
  'sync.operator': 'Petugas: {name}',
  'sync.offlineLogin': 'masuk tanpa sambungan',
  'sync.record.title': 'Sinkronisasi',
  'sync.record.pending': 'Belum terkirim ke server pusat (sejak {at}).',
  'sync.record.synced': 'Sudah tersimpan di server pusat.',
  'sync.record.untracked': 'Belum ada catatan sinkronisasi untuk data ini.',
  'sync.record.rejected': 'Ditolak server pusat: {reason}',
  'sync.record.rejectedHint': 'Perbaiki data lalu simpan; data dikirim ulang setelah diubah.',
  'sync.duplicates':
    'Duplikat: NIK yang sama juga terdaftar di {list}. Supervisor perlu memeriksa.',
  'sync.conflicts': 'Ada {count} perubahan yang bertabrakan dengan perubahan di tempat lain.',
  'sync.conflict.field': 'Kolom',
  'sync.conflict.server': 'Nilai sekarang (server)',
  'sync.conflict.local': 'Nilai lain (diketik {by}, {at})',
  'sync.conflict.keepServer': 'Pakai nilai sekarang',
  'sync.conflict.takeLocal': 'Pakai nilai lain',
  'sync.conflict.apply': 'Simpan keputusan',
  'sync.conflict.applied': 'Keputusan tersimpan dan akan dikirim ke server.',
  'sync.conflict.supervisorOnly': 'Hanya supervisor yang dapat memutuskan nilai mana yang dipakai.',
  'sync.conflict.deleted': 'Dihapus',
  'sync.conflict.kept': 'Tidak dihapus',
  'sync.conflict.empty': '(kosong)',
  'problems.title': 'Masalah sinkronisasi',
  'problems.intro':
    'Data yang ditolak server, yang perubahannya bertabrakan, atau yang ditandai duplikat.',
  'problems.empty': 'Tidak ada masalah sinkronisasi.',
  'problems.kind.rejected': 'Ditolak',
  'problems.kind.conflict': 'Bentrok',
  'problems.kind.duplicate': 'Duplikat',
  'problems.col.record': 'Data',
  'problems.col.problem': 'Masalah',
  'problems.col.detail': 'Keterangan',
  'problems.missing': '(data tidak ada di komputer ini)',
  'enrol.office': 'Kantor',
  'enrol.title': 'Hubungkan ke server pusat',
  'enrol.intro':
    'Admin dinas tenaga kerja memberi kode pendaftaran sekali pakai untuk kantor ini. Setelah terhubung, petugas masuk dengan nama pengguna dan kata sandi masing-masing, juga saat tidak ada sambungan.',
  'enrol.link': 'Hubungkan komputer ini ke server pusat',
  'enrol.serverUrl': 'Alamat server',
  'enrol.serverUrlHint': 'contoh: https://naungan.kukarkab.go.id',
  'enrol.code': 'Kode pendaftaran',
  'enrol.deviceName': 'Nama perangkat',
  'enrol.deviceNameHint': 'contoh: PC loket 1 kantor kecamatan',
  'enrol.submit': 'Daftarkan perangkat',
  'enrol.working': 'Menghubungi server…',
  'enrol.errorUrl':
    'Alamat server harus diawali https:// (atau http:// hanya untuk komputer ini sendiri).',
  'enrol.errorCode': 'Isi kode pendaftaran dari admin.',
  'enrol.errorDeviceName': 'Isi nama perangkat (2–60 huruf).',
  'enrol.unreachable':
    'Server tidak dapat dihubungi. Periksa alamat dan sambungan internet, lalu coba lagi.',
  'enrol.refused': 'Server menolak: {message}',
  'enrol.unknownKecamatan':
    'Kecamatan kantor ini tidak ada di tabel wilayah aplikasi. Hubungi admin.',
  'enrol.keychainFailed': 'Kredensial perangkat tidak dapat disimpan di keychain komputer ini.',
  'enrol.back': 'Kembali ke pengaturan kantor',
  'enrol.missingCredential':
    'Kredensial perangkat tidak ditemukan di keychain komputer ini. Daftarkan ulang perangkat dengan kode baru dari admin.',
  'login.title': 'Masuk',
  'login.office': 'Kantor: {office}',
  'login.username': 'Nama pengguna',
  'login.password': 'Kata sandi',
  'login.submit': 'Masuk',
  'login.working': 'Memeriksa…',
  'login.missing': 'Isi nama pengguna dan kata sandi.',
  'login.wrongPassword': 'Nama pengguna atau kata sandi salah.',
  'login.refused': 'Server menolak: {message}',
  'login.unknownOfflineUser':
    'Tidak ada sambungan ke server, dan pengguna ini belum pernah masuk di komputer ini. Masuk sekali saat ada sambungan.',
  'login.userInactive': 'Akun ini sudah dinonaktifkan. Hubungi admin kantor.',
  'login.unsupportedVerifier':
    'Data masuk tanpa sambungan untuk pengguna ini tidak dapat dipakai. Masuk saat ada sambungan.',
  'login.offlineNote': 'Tanpa sambungan ke server: masuk diperiksa di komputer ini.',
  'account.region': 'Akun yang sedang masuk',
  'account.signedInAs': '{name} ({username})',
  'account.signOut': 'Keluar',
  'account.signingOut': 'Keluar…',
  'account.changePassword': 'Ganti kata sandi',
  'account.signedOut': '{name} sudah keluar. Petugas berikutnya dapat masuk.',
  'account.signedOutOffline':
    '{name} sudah keluar dari komputer ini. Server belum dapat dihubungi: sesinya di server diakhiri begitu sambungan kembali selama aplikasi terbuka, dan paling lambat berakhir sendiri setelah 30 hari.',
  'account.signedOutPending':
    '{count} perubahan belum terkirim; dikirim saat petugas kantor ini masuk lagi dengan sambungan.',
  'account.sessionEnded':
    'Sesi {name} sudah diakhiri (keluar di komputer lain, kata sandi diganti, atau oleh admin). Silakan masuk lagi.',
  'account.userInactive':
    'Akun {name} sudah dinonaktifkan oleh admin. Data yang sudah disimpan tetap ada di komputer ini.',
  'password.title': 'Ganti kata sandi',
  'password.intro':
    'Kata sandi baru minimal 8 karakter, tidak memuat nama pengguna, dan bukan kata sandi yang umum dipakai.',
  'password.current': 'Kata sandi sekarang',
  'password.new': 'Kata sandi baru',
  'password.repeat': 'Ulangi kata sandi baru',
  'password.submit': 'Simpan kata sandi baru',
  'password.working': 'Menyimpan…',
  'password.cancel': 'Batal',
  'password.missing': 'Isi ketiga kolom.',
  'password.mismatch': 'Kata sandi baru dan ulangannya tidak sama.',
  'password.currentWrong': 'Kata sandi sekarang salah.',
  'password.refused': 'Kata sandi baru ditolak: {message}',
  'password.offline':
    'Tidak ada sambungan ke server. Kata sandi hanya dapat diganti saat terhubung.',
  'password.changed':
    'Kata sandi sudah diganti. Di komputer lain akun ini harus masuk lagi dengan kata sandi baru.',
  'register.notAllowed':
    'Kantor ini ({office}) tidak mendaftarkan peserta; pendaftaran dilakukan di kantor kecamatan.',
} as const

export const messagesId = {
  ...appMessagesId,
  ...namespaced('admin', adminMessagesId),
  ...namespaced('ageLimit', ageLimitMessagesId),
  ...namespaced('audit', auditMessagesId),
  ...namespaced('coverage', coverageMessagesId),
  ...namespaced('dashboard', dashboardMessagesId),
  ...namespaced('existingMember', existingMemberMessagesId),
  ...namespaced('batches', batchMessagesId),
  ...namespaced('billing', billingMessagesId),
  ...namespaced('death', deathMessagesId),
  ...namespaced('claims', claimsMessagesId),
  ...namespaced('rescue', rescueMessagesId),
  ...namespaced('reverification', reverificationScreenMessagesId),
  ...namespaced('import', importMessagesId),
  ...namespaced('importRow', importRowMessagesId),
  ...namespaced('issue', issueMessagesId),
  ...namespaced('print', printMessagesId),
  ...namespaced('queue', queueMessagesId),
  ...namespaced('verify', verifyMessagesId),
  ...namespaced('workflow', workflowMessagesId),
}

/** One string per key; the English catalogue has this type, so it has exactly these keys. */
export type Catalogue = Messages<typeof messagesId>

export type MessageKey = keyof Catalogue

type NamespacedKey = Exclude<MessageKey, keyof typeof appMessagesId>

// An app-wide key that a namespace also produces would be silently overwritten by the spread.
const _noKeyInTwoPlaces: Record<Extract<keyof typeof appMessagesId, NamespacedKey>, never> = {}
void _noKeyInTwoPlaces
