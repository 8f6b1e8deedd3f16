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
} satisfies Record<string, { id: string; en: string }>

export type AdminMessageKey = keyof typeof adminMessages

export function adminText(
  language: Language,
  key: AdminMessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = adminMessages[key][language]
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}
