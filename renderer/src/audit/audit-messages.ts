/**
 * Strings of the history list and "Riwayat perubahan (audit)", Indonesian first; kept beside the
 * screens they belong to. Plain data and functions (no React).
 */
import { readRevealEntry } from '../../../shared/identity/identity-reveal'
import type {
  ParticipantChangeDocument,
  ParticipantChangeKind,
} from '../../../shared/participant/participant-document'
import {
  agencyShortLabel,
  heirRelationshipLabel,
  kecamatanName,
  occupationLabel,
  villageName,
} from '../participants/participant-labels'

/** The app's languages (`Language` in i18n.tsx), repeated here to keep this file React-free. */
export type AuditLanguage = 'id' | 'en'

const auditMessages = {
  nav: { id: 'Riwayat (audit)', en: 'Audit trail' },
  'sex.L': { id: 'Laki-laki', en: 'Male' },
  'sex.P': { id: 'Perempuan', en: 'Female' },
  title: { id: 'Riwayat perubahan (audit)', en: 'Change history (audit)' },
  intro: {
    id: 'Semua perubahan data peserta dari setiap kantor: siapa, dengan peran apa, di kantor dan perangkat mana, kapan. NIK, KK dan nomor HP selalu disamarkan.',
    en: 'Every change to participant data from every office: who, in which role, at which office and on which PC, and when. NIK, KK and phone numbers are always masked.',
  },
  forbidden: {
    id: 'Hanya supervisor dan admin yang dapat mencari riwayat perubahan semua kantor. Riwayat satu peserta ada di halaman pesertanya.',
    en: "Only supervisors and admins can search every office's change history. A participant's own history is on their page.",
  },
  needsConnection: {
    id: 'Pencarian riwayat memerlukan sambungan ke server pusat. Komputer ini sedang luring; riwayat tiap peserta tetap dapat dilihat di halaman pesertanya.',
    en: "Searching the history needs a connection to the central server. This PC is offline; each participant's history can still be seen on their page.",
  },
  unreachable: {
    id: 'Server pusat tidak dapat dihubungi. Periksa sambungan lalu coba lagi.',
    en: 'The central server cannot be reached. Check the connection and try again.',
  },
  'filter.legend': { id: 'Saring riwayat', en: 'Filter the history' },
  'filter.user': { id: 'Nama petugas', en: 'Staff name' },
  'filter.userHint': { id: 'Sebagian nama pun boleh.', en: 'Part of the name is enough.' },
  'filter.office': { id: 'Kode kantor', en: 'Office code' },
  'filter.officeHint': { id: 'Misalnya 06-01 atau PUSAT.', en: 'For example 06-01 or PUSAT.' },
  'filter.from': { id: 'Dari tanggal', en: 'From' },
  'filter.to': { id: 'Sampai tanggal', en: 'To' },
  'filter.participant': { id: 'Nomor pendaftaran peserta', en: 'Participant registration number' },
  'filter.participantHint': { id: 'Misalnya 0601-000123.', en: 'For example 0601-000123.' },
  search: { id: 'Cari', en: 'Search' },
  searching: { id: 'Mencari…', en: 'Searching…' },
  empty: { id: 'Tidak ada riwayat yang cocok.', en: 'No matching history.' },
  resultsLabel: { id: 'Hasil pencarian riwayat', en: 'History search results' },
  pageInfo: { id: 'Halaman {page}', en: 'Page {page}' },
  previousPage: { id: 'Halaman sebelumnya', en: 'Previous page' },
  nextPage: { id: 'Halaman berikutnya', en: 'Next page' },
  'col.at': { id: 'Waktu', en: 'When' },
  'col.participant': { id: 'Peserta', en: 'Participant' },
  'col.kind': { id: 'Jenis', en: 'Kind' },
  'col.changes': { id: 'Perubahan', en: 'Changes' },
  'col.who': { id: 'Petugas', en: 'Staff' },
  'col.office': { id: 'Kantor', en: 'Office' },
  'col.device': { id: 'Perangkat', en: 'PC' },
  unknownParticipant: { id: 'belum ada di server', en: 'not on the server yet' },
  refused: {
    id: '{count} catatan riwayat dari komputer ini ditolak server dan tidak akan dikirim ulang.',
    en: '{count} history entries from this PC were refused by the server and will not be sent again.',
  },
  refusedDetail: { id: 'Lihat alasannya', en: 'See why' },

  // The history list on a participant's page
  historyBy: { id: 'oleh {by}', en: 'by {by}' },
  historyRole: { id: 'sebagai {role}', en: 'as {role}' },
  historyOffice: { id: 'kantor {office}', en: 'office {office}' },
  historyDevice: { id: 'perangkat {device}', en: 'PC {device}' },
  thisDevice: { id: 'perangkat ini', en: 'this PC' },
  localOnly: {
    id: 'hanya di komputer ini',
    en: 'on this PC only',
  },
  createdFields: { id: 'Isian saat didaftarkan', en: 'Fields at registration' },
  emptyValue: { id: '(kosong)', en: '(empty)' },

  'kind.created': { id: 'Didaftarkan', en: 'Registered' },
  'kind.updated': { id: 'Diubah', en: 'Changed' },
  'kind.status': { id: 'Status diubah', en: 'Status changed' },
  'kind.check': { id: 'Pemeriksaan instansi', en: 'Agency check' },
  'kind.review': { id: 'Keputusan supervisor', en: "Supervisor's decision" },
  'kind.printed': { id: 'Kartu/stiker dicetak', en: 'Card/sticker printed' },
  'kind.imported': { id: 'Diimpor', en: 'Imported' },
  'kind.conflict-resolved': { id: 'Konflik data diselesaikan', en: 'Data conflict settled' },
  'kind.revealed': { id: 'NIK ditampilkan', en: 'NIK shown' },

  // A reveal of the full NIK (shared/identity/identity-reveal.ts): who saw it, never the value.
  'revealed.toVerifier': {
    id: 'NIK ditampilkan kepada Verifikator {by} ({agency})',
    en: 'NIK shown to verifier {by} ({agency})',
  },
  'revealed.toStaff': {
    id: 'NIK ditampilkan kepada {role} {by} (kantor {office})',
    en: 'NIK shown to {role} {by} (office {office})',
  },
  'reveal.show': { id: 'Tampilkan NIK', en: 'Show NIK' },
  'reveal.hide': { id: 'Sembunyikan NIK', en: 'Hide NIK' },
  'reveal.recorded': {
    id: 'Setiap kali NIK lengkap ditampilkan, hal itu dicatat di riwayat peserta.',
    en: "Each time the full NIK is shown, it is recorded in the participant's history.",
  },
  'reveal.failed': {
    id: 'NIK tidak ditampilkan: catatan riwayatnya tidak dapat disimpan. Coba lagi.',
    en: 'The NIK was not shown: its history record could not be saved. Try again.',
  },

  'role.operator': { id: 'petugas pendaftaran', en: 'registration clerk' },
  'role.verifier': { id: 'verifikator instansi', en: 'agency verifier' },
  'role.supervisor': { id: 'supervisor', en: 'supervisor' },
  'role.admin': { id: 'admin', en: 'admin' },

  'status.draft': { id: 'draf', en: 'draft' },
  'status.submitted': { id: 'diajukan', en: 'submitted' },
  'status.returned': { id: 'dikembalikan', en: 'returned' },
  'status.approved': { id: 'disetujui', en: 'approved' },
  'status.enrolled': { id: 'didaftarkan ke BPJS', en: 'enrolled with BPJS' },
  'status.active': { id: 'aktif', en: 'active' },
  'status.ended': { id: 'berakhir', en: 'ended' },
} as const satisfies Record<string, { id: string; en: string }>

export type AuditMessageKey = keyof typeof auditMessages

export function auditText(
  language: AuditLanguage,
  key: AuditMessageKey,
  params?: Record<string, string | number>,
): string {
  const template: string = auditMessages[key][language]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}

export function kindLabel(language: AuditLanguage, kind: ParticipantChangeKind | string): string {
  const key = `kind.${kind}`
  return key in auditMessages ? auditText(language, key as AuditMessageKey) : kind
}

/**
 * A reveal entry as a sentence: "NIK ditampilkan kepada Verifikator Dewi (Disdukcapil)". Null for
 * other kinds, and for a reveal not in the form `revealEntryChanges` writes.
 */
export function revealText(
  language: AuditLanguage,
  entry: Pick<ParticipantChangeDocument, 'kind' | 'changes' | 'by' | 'role' | 'officeCode'>,
): string | null {
  if (entry.kind !== 'revealed') return null
  const reveal = readRevealEntry(entry.changes)
  if (reveal === null) return null
  return reveal.agencyCode !== null
    ? auditText(language, 'revealed.toVerifier', {
        by: entry.by,
        agency: agencyShortLabel(reveal.agencyCode, language),
      })
    : auditText(language, 'revealed.toStaff', {
        role: roleLabel(language, entry.role),
        by: entry.by,
        office: entry.officeCode,
      })
}

/** '' (entries from before the audit trail) and unknown roles give ''. */
export function roleLabel(language: AuditLanguage, role: string): string {
  const key = `role.${role}`
  return role !== '' && key in auditMessages ? auditText(language, key as AuditMessageKey) : role
}

/** A history value as people read it: statuses in words, the rest as recorded. */
/**
 * A stored history value as the clerk typed or chose it: region and option codes as names, sex in
 * words, income in Rupiah, dates as dates. A code this build does not know stays as it is.
 */
export function historyValueText(language: AuditLanguage, field: string, value: string): string {
  if (value === '') return auditText(language, 'emptyValue')
  const key = `status.${value}`
  if (field === 'status' && key in auditMessages) return auditText(language, key as AuditMessageKey)
  const en = language === 'en'
  switch (field) {
    case 'kecamatanCode':
      return kecamatanName(value)
    case 'villageCode':
      return villageName(value)
    case 'occupationCode':
      return occupationLabel(value, language)
    case 'heirRelationship':
      return heirRelationshipLabel(value, language)
    case 'sex':
      return value === 'L'
        ? auditText(language, 'sex.L')
        : value === 'P'
          ? auditText(language, 'sex.P')
          : value
    case 'monthlyIncome': {
      const amount = Number(value)
      return Number.isFinite(amount)
        ? new Intl.NumberFormat(en ? 'en-GB' : 'id-ID', {
            style: 'currency',
            currency: 'IDR',
            maximumFractionDigits: 0,
          }).format(amount)
        : value
    }
    case 'birthDate': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
      if (!match) return value
      return new Intl.DateTimeFormat(en ? 'en-GB' : 'id-ID', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))))
    }
    default:
      return value
  }
}

/** A device id is a UUID: its first block is enough to tell PCs apart on screen. */
export function shortDeviceId(deviceId: string): string {
  return deviceId.split('-')[0]?.slice(0, 8) ?? ''
}
