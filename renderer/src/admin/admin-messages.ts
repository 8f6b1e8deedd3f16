import type { Language } from '../i18n/i18n'

/** Strings of the admin screen, Indonesian first; kept beside the screen they belong to. */
const adminMessages = {
  title: { id: 'Administrasi', en: 'Administration' },
  intro: {
    id: 'Kelola kantor, pengguna dan perangkat. Perubahan langsung dikirim ke server pusat.',
    en: 'Manage offices, users and devices. Changes go straight to the central server.',
  },
  needsConnection: {
    id: 'Halaman ini memerlukan sambungan ke server pusat.',
    en: 'This page needs a connection to the central server.',
  },
  offices: { id: 'Kantor', en: 'Offices' },
  users: { id: 'Pengguna', en: 'Users' },
  devices: { id: 'Perangkat', en: 'Devices' },
  enrolmentCode: { id: 'Kode pendaftaran perangkat', en: 'Device enrolment code' },
  code: { id: 'Kode kantor', en: 'Office code' },
  name: { id: 'Nama kantor', en: 'Office name' },
  kind: { id: 'Jenis kantor', en: 'Office kind' },
  'kind.kecamatan': { id: 'Kantor kecamatan', en: 'Kecamatan office' },
  'kind.agency': { id: 'Dinas / instansi', en: 'Agency' },
  'kind.central': { id: 'Kantor pusat (Distransnaker)', en: 'Central office (Distransnaker)' },
  kecamatan: { id: 'Kecamatan', en: 'Kecamatan' },
  officeNumber: { id: 'Nomor kantor (1–99)', en: 'Office number (1–99)' },
  createOffice: { id: 'Tambah kantor', en: 'Add office' },
  office: { id: 'Kantor', en: 'Office' },
  username: { id: 'Nama pengguna', en: 'Username' },
  displayName: { id: 'Nama lengkap pengguna', en: "User's full name" },
  role: { id: 'Peran', en: 'Role' },
  roleChooseOffice: { id: 'Pilih kantor dahulu', en: 'Choose the office first' },
  status: { id: 'Status', en: 'Status' },
  deviceName: { id: 'Nama perangkat', en: 'Device name' },
  actions: { id: 'Tindakan', en: 'Actions' },
  'role.operator': { id: 'Operator', en: 'Operator' },
  'role.verifier': { id: 'Verifikator instansi', en: 'Agency verifier' },
  agency: { id: 'Instansi pemeriksa', en: 'Checking agency' },
  'role.supervisor': { id: 'Supervisor', en: 'Supervisor' },
  'role.admin': { id: 'Admin', en: 'Admin' },
  password: { id: 'Kata sandi awal', en: 'Initial password' },
  createUser: { id: 'Tambah pengguna', en: 'Add user' },
  makeCode: { id: 'Buat kode', en: 'Create code' },
  codeFor: {
    id: 'Kode untuk {office}: {code} (berlaku sampai {until}). Berikan kepada petugas; kode hanya dapat dipakai sekali.',
    en: 'Code for {office}: {code} (valid until {until}). Give it to the clerk; it works once.',
  },
  revoke: { id: 'Cabut', en: 'Revoke' },
  revoked: { id: 'dicabut {at}', en: 'revoked {at}' },
  active: { id: 'aktif', en: 'active' },
  inactive: { id: 'nonaktif', en: 'inactive' },
  lastSeen: { id: 'terakhir terhubung {at}', en: 'last seen {at}' },
  never: { id: 'belum pernah', en: 'never' },
  confirmRevoke: {
    id: 'Cabut perangkat "{name}"? Perangkat ini tidak dapat sinkronisasi lagi.',
    en: 'Revoke device "{name}"? It will no longer be able to sync.',
  },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  loading: { id: 'Memuat…', en: 'Loading…' },
  choose: { id: '— pilih —', en: '— choose —' },
  required: { id: 'Isi semua kolom yang wajib.', en: 'Fill in every required field.' },
  none: { id: 'Belum ada.', en: 'None yet.' },
  deactivate: { id: 'Nonaktifkan', en: 'Deactivate' },
  reactivate: { id: 'Aktifkan lagi', en: 'Reactivate' },
  resetPassword: { id: 'Atur ulang kata sandi', en: 'Reset password' },
  unlock: { id: 'Buka kunci', en: 'Unlock' },
  unlockDevice: { id: 'Buka kunci masuk di {name}', en: 'Unlock sign-in on {name}' },
  confirmDeactivate: {
    id: 'Nonaktifkan {name} ({username})? Semua sesinya berakhir sekarang. Komputer kantornya menolak akun ini, juga tanpa sambungan, setelah sinkronisasi berikutnya. Data dan riwayat yang dibuatnya tetap ada.',
    en: 'Deactivate {name} ({username})? All their sessions end now. Their office PCs refuse the account, offline too, after their next sync. Records and history they made stay.',
  },
  deactivatedSince: { id: 'nonaktif sejak {at}', en: 'inactive since {at}' },
  lockedUntil: {
    id: 'dikunci sampai {at} ({count} kali salah)',
    en: 'locked until {at} ({count} failed)',
  },
  failedLogins: { id: '{count} kali salah masuk', en: '{count} failed sign-ins' },
  deactivated: {
    id: '{username} dinonaktifkan. Semua sesinya sudah berakhir.',
    en: '{username} deactivated. All their sessions have ended.',
  },
  reactivated: {
    id: '{username} aktif lagi. Ia masuk dengan kata sandi yang lama.',
    en: '{username} is active again and signs in with the old password.',
  },
  unlocked: { id: 'Kunci {name} sudah dibuka.', en: '{name} unlocked.' },
  passwordFor: { id: 'Kata sandi baru untuk {name}', en: 'New password for {name}' },
  savePassword: { id: 'Simpan kata sandi', en: 'Save password' },
  cancel: { id: 'Batal', en: 'Cancel' },
  passwordReset: {
    id: 'Kata sandi {username} sudah diatur ulang; semua sesinya berakhir. Sampaikan kata sandi baru secara langsung, bukan lewat pesan.',
    en: "{username}'s password was reset; all their sessions ended. Hand over the new password in person, not by message.",
  },
  passwordMissing: { id: 'Isi kata sandi baru.', en: 'Enter the new password.' },
  securityEvents: { id: 'Peristiwa keamanan', en: 'Security events' },
  securityEventsIntro: {
    id: '{count} peristiwa terakhir, yang terbaru di atas: gagal masuk, penguncian, akses ditolak, perubahan akun.',
    en: 'The last {count} events, newest first: failed sign-ins, locks, refused access, account changes.',
  },
  securityEventsFailed: {
    id: 'Peristiwa keamanan tidak dapat dimuat.',
    en: 'Security events could not be loaded.',
  },
  refresh: { id: 'Muat ulang', en: 'Reload' },
  eventAt: { id: 'Waktu', en: 'Time' },
  eventKind: { id: 'Peristiwa', en: 'Event' },
  eventUser: { id: 'Pengguna', en: 'User' },
  eventDevice: { id: 'Perangkat', en: 'Device' },
  eventIp: { id: 'Alamat IP', en: 'IP address' },
  eventDetail: { id: 'Keterangan', en: 'Detail' },
  'event.login_failed': { id: 'Gagal masuk', en: 'Failed sign-in' },
  'event.login_locked': { id: 'Dikunci karena salah berkali-kali', en: 'Locked after failures' },
  'event.login_refused_locked': { id: 'Masuk ditolak: terkunci', en: 'Sign-in refused: locked' },
  'event.login_unlocked': { id: 'Kunci dibuka admin', en: 'Unlocked by an admin' },
  'event.refresh_refused': { id: 'Pembaruan sesi ditolak', en: 'Session renewal refused' },
  'event.enrolment_code_invalid': {
    id: 'Kode pendaftaran perangkat salah',
    en: 'Wrong device enrolment code',
  },
  'event.forbidden': { id: 'Akses ditolak', en: 'Access refused' },
  'event.rate_limited': { id: 'Terlalu banyak permintaan', en: 'Too many requests' },
  'event.user_deactivated': { id: 'Pengguna dinonaktifkan', en: 'User deactivated' },
  'event.user_reactivated': { id: 'Pengguna diaktifkan lagi', en: 'User reactivated' },
  'event.password_reset': { id: 'Kata sandi diatur ulang admin', en: 'Password reset by admin' },
  'event.password_changed': { id: 'Kata sandi diganti pengguna', en: 'Password changed by user' },
  'event.session_ended': { id: 'Keluar (sesi diakhiri)', en: 'Signed out (session ended)' },
  'event.device_revoked': { id: 'Perangkat dicabut', en: 'Device revoked' },
  'event.card_certificate_issued': {
    id: 'Sertifikat kartu diterbitkan',
    en: 'Card certificate issued',
  },
  'event.participant_deleted': { id: 'Data peserta dihapus', en: 'Participant deleted' },
  'event.deletion_refused': { id: 'Penghapusan ditolak', en: 'Deletion refused' },
  'reason.WRONG_PASSWORD': { id: 'kata sandi salah', en: 'wrong password' },
  'reason.UNKNOWN_USER': { id: 'nama pengguna tidak dikenal', en: 'unknown username' },
  'reason.WRONG_CURRENT_PASSWORD': {
    id: 'kata sandi lama salah (saat mengganti)',
    en: 'wrong current password (when changing)',
  },
} satisfies Record<string, { id: string; en: string }>

export type AdminMessageKey = keyof typeof adminMessages

/** `adminText` bound to the screen's language. */
export type AdminText = (key: AdminMessageKey, params?: Record<string, string | number>) => string

export function adminText(
  language: Language,
  key: AdminMessageKey,
  params: Record<string, string | number> = {},
): string {
  // A key built from the server's words (an event kind or reason this version does not know)
  // shows as it is rather than breaking the screen.
  const entry = (adminMessages as Partial<Record<string, { id: string; en: string }>>)[key]
  if (!entry) return key
  const template = entry[language]
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}
