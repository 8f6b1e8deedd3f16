/**
 * The import's words outside its screen, Bahasa Indonesia first: the target fields, what can be
 * wrong with a row, the refusals that hold for a whole import, and what the dry run will do to each
 * row. The import worker, the dry run and the report use them through `format()` (they run without
 * React); the screen reads them as the `importRow` namespace of the catalogue.
 */
import { LANGUAGES, type Language } from '../i18n/language'
import type { FormatValues } from '../i18n/format'
import { textFor, type Messages } from '../i18n/messages'

export const importRowMessagesId = {
  // ---- The fields a column can map to
  'field.nik': 'NIK',
  'field.fullName': 'Nama lengkap',
  'field.kk': 'Nomor KK',
  'field.birthPlace': 'Tempat lahir',
  'field.birthDate': 'Tanggal lahir',
  'field.sex': 'Jenis kelamin',
  'field.address': 'Alamat',
  'field.rt': 'RT',
  'field.rw': 'RW',
  'field.village': 'Desa/kelurahan',
  'field.kecamatan': 'Kecamatan',
  'field.result': 'Hasil pemeriksaan',
  'field.reason': 'Alasan',
  'field.note': 'Keterangan',
  'field.kpj': 'Nomor KPJ',
  'field.coverageStart': 'Mulai kepesertaan (TMT)',
  'field.occupation': 'Pekerjaan',
  'field.decile': 'Desil',
  'field.snapshotDate': 'Tanggal data (snapshot)',
  // ---- A row's problems (NIK, KK and form problems read as on the form: issue-messages.ts)
  'issue.START_INVALID':
    'Tanggal mulai kepesertaan "{value}" tidak dapat dibaca. Tulis sebagai dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd.',
  'issue.OCCUPATION_UNKNOWN':
    'Pekerjaan "{value}" tidak ada di daftar pekerjaan program; dibiarkan kosong untuk dilengkapi.',
  'issue.DECILE_INVALID':
    'Desil "{value}" tidak dapat dibaca. Desil DTSEN adalah angka bulat 1 sampai 10 (1 = 10% keluarga termiskin).',
  'issue.SNAPSHOT_DATE_INVALID':
    'Tanggal data "{value}" tidak dapat dibaca. Tulis sebagai dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd.',
  'issue.SNAPSHOT_DATE_DIFFERS':
    'Tanggal data {value} berbeda dengan tanggal data berkas ini ({expected}). Satu berkas DTSEN berasal dari satu tanggal data.',
  'issue.NIK_AS_NUMBER':
    'NIK tersimpan sebagai angka di Excel, sehingga angka terakhirnya bisa hilang. Ubah format kolom NIK menjadi Teks, isi ulang NIK-nya, lalu impor lagi.',
  'issue.KK_AS_NUMBER':
    'Nomor KK tersimpan sebagai angka di Excel, sehingga angka terakhirnya bisa hilang. Ubah format kolomnya menjadi Teks.',
  'issue.DUPLICATE_IN_FILE': 'NIK sama dengan baris {firstRow}.',
  'issue.DATE_UNREADABLE':
    'Tanggal lahir "{value}" tidak dapat dibaca. Tulis sebagai dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd.',
  'issue.SEX_UNKNOWN': 'Jenis kelamin "{value}" tidak dikenal. Tulis L atau P.',
  'issue.VILLAGE_NOT_FOUND': 'Desa/kelurahan "{value}" tidak ada di {district}.',
  'issue.VILLAGE_AMBIGUOUS':
    'Ada lebih dari satu desa/kelurahan bernama "{value}". Isi juga kolom kecamatan.',
  'issue.VILLAGE_NOT_IN_KECAMATAN':
    'Desa/kelurahan "{value}" tidak berada di kecamatan yang diisi.',
  'issue.KECAMATAN_NOT_FOUND': 'Kecamatan "{value}" tidak ada di {district}.',
  'issue.KECAMATAN_AMBIGUOUS':
    'Ada lebih dari satu kecamatan bernama "{value}". Tulis kode kecamatannya.',
  'issue.RESULT_UNKNOWN':
    'Hasil "{value}" tidak dikenal. Tulis SESUAI atau TIDAK SESUAI (juga YA/TIDAK, TERVERIFIKASI/DITOLAK).',
  'issue.REASON_MISSING': 'Hasilnya ditolak, tetapi alasan dan keterangannya kosong.',
  'issue.REASON_UNKNOWN':
    'Alasan "{value}" tidak ada di daftar alasan; dicatat sebagai "Lainnya" dengan keterangan tersebut.',
  'issue.NOTE_MISSING': 'Alasan "Lainnya" perlu keterangan.',
  'issue.NAME_DIFFERS':
    'Nama di berkas tidak sama dengan nama pada data {registrationNumber}. Periksa apakah NIK-nya benar.',
  missingColumns: 'Kolom {list} tidak ada di berkas.',
  'list.last': '{rest} dan {last}',
  // ---- Refusals that hold for a whole import
  'refusal.noRegistrationHere':
    'Kantor ini tidak mendaftarkan peserta, sehingga tidak dapat membuat draf.',
  'refusal.membersSupervisorOnly':
    'Hanya supervisor yang boleh mencatat peserta lama dari daftar BPJS.',
  'refusal.membersNotHere':
    'Peserta lama dicatat di kantor pusat (dinas tenaga kerja) atau di kantor kecamatan.',
  'refusal.outsideOffice':
    'Desa/kelurahan ini di luar kecamatan kantor ini; impor baris ini di kantor kecamatannya.',
  'refusal.aboveDecile':
    'Keluarga ini berada di desil {decile}, di atas batas program (desil 1–{max}); tidak diusulkan sebagai draf.',
  'refusal.noDecileThreshold':
    'district.json belum menetapkan eligibility.maxDecile (batas desil program), sehingga data DTSEN tidak dapat diimpor. Hubungi admin kabupaten.',
  // ---- The dry-run table and the downloadable report
  'state.pending': 'menunggu',
  'state.confirmed': 'dikonfirmasi',
  'state.rejected': 'ditolak',
  'outcome.match': 'Cocok (diubah)',
  'outcome.create': 'Data baru',
  'outcome.not-found': 'Tidak ditemukan',
  'outcome.skip': 'Dilewati',
  'outcome.error': 'Kesalahan',
  checkChange: 'Pemeriksaan {agency}: {from} → {to}',
  'checkChange.withReason': 'Pemeriksaan {agency}: {from} → {to} ({reason})',
  'skip.noResult': 'Berkas belum memuat hasil untuk baris ini.',
  'skip.already': '{number}: pemeriksaan {agency} sudah {state}.',
  'skip.workflow': '{number}: {message}',
  'skip.aboveDecile':
    '{number}: desil {decile}, di atas batas program (desil 1–{max}); pemeriksaan tidak dikonfirmasi.',
  'skip.sameKpj': '{number}: sudah tercatat dengan nomor KPJ ini.',
  'skip.memberKnown':
    '{number}: NIK ini sudah terdaftar di sini (status {status}); catat KPJ-nya lewat "Jawaban BPJS" di Kepesertaan BPJS.',
  'create.active': 'Data peserta akan dibuat: aktif, KPJ {kpj}, peserta sejak {since}.',
  'create.enrolled':
    'Data peserta akan dibuat: terdaftar (kepesertaan belum mulai), KPJ {kpj}, peserta sejak {since}.',
  'create.draft': 'Draf data baru akan dibuat untuk dilengkapi petugas.',
  notFound: 'NIK ini belum terdaftar di sini.',
  // ---- DTSEN: comparing with the last extract applied on this PC
  'dtsen.olderThanLast':
    'Ekstrak ini bertanggal data {date}, lebih lama dari ekstrak terakhir yang diterapkan di PC ini ({last}). Data lama tidak boleh menimpa data yang lebih baru: impor ekstrak terbaru.',
  'dtsen.snapshotInvalid':
    'Tanggal data "{date}" tidak dapat dibaca. Tulis sebagai yyyy-mm-dd, misalnya 2026-09-30.',
  'dtsen.snapshotInFuture': 'Tanggal data {date} belum lewat. Periksa tanggal ekstraknya.',
  'dtsen.sameSnapshot':
    'Ekstrak dengan tanggal data {date} sudah pernah diterapkan di PC ini. Perubahan di bawah dibandingkan dengan ekstrak itu.',
  'dtsen.history.decile': 'desil {decile} (DTSEN {date})',
  'dtsen.history.crossedUp':
    'desil {decile} (DTSEN {date}), di atas batas desil {max}: tinjau pada pemeriksaan tahunan; kepesertaan tidak diakhiri',
  'dtsen.history.crossedDown':
    'desil {decile} (DTSEN {date}), kembali dalam batas desil 1–{max}: tinjau statusnya',
  'dtsen.history.gone':
    'tidak ada di DTSEN {date}: tinjau pada pemeriksaan tahunan; kepesertaan tidak diakhiri',
}

export const importRowMessagesEn: Messages<typeof importRowMessagesId> = {
  // ---- The fields a column can map to
  'field.nik': 'NIK',
  'field.fullName': 'Full name',
  'field.kk': 'Family card (KK) number',
  'field.birthPlace': 'Place of birth',
  'field.birthDate': 'Date of birth',
  'field.sex': 'Sex',
  'field.address': 'Address',
  'field.rt': 'RT',
  'field.rw': 'RW',
  'field.village': 'Desa/kelurahan',
  'field.kecamatan': 'Kecamatan',
  'field.result': 'Check result',
  'field.reason': 'Reason',
  'field.note': 'Note',
  'field.kpj': 'KPJ number',
  'field.coverageStart': 'Coverage start',
  'field.occupation': 'Occupation',
  'field.decile': 'Decile',
  'field.snapshotDate': 'Data date (snapshot)',
  // ---- A row's problems
  'issue.START_INVALID':
    'Coverage start "{value}" cannot be read. Write it as dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd.',
  'issue.OCCUPATION_UNKNOWN':
    'Occupation "{value}" is not in the programme\'s list; left empty to be completed.',
  'issue.DECILE_INVALID':
    'Decile "{value}" cannot be read. A DTSEN decile is a whole number from 1 to 10 (1 = the poorest 10% of families).',
  'issue.SNAPSHOT_DATE_INVALID':
    'Data date "{value}" cannot be read. Write it as dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd.',
  'issue.SNAPSHOT_DATE_DIFFERS':
    "Data date {value} differs from this file's data date ({expected}). One DTSEN file comes from one data date.",
  'issue.NIK_AS_NUMBER':
    'The NIK is stored as a number in Excel, so its last digits may be lost. Format the NIK column as Text, re-enter the NIKs and import again.',
  'issue.KK_AS_NUMBER':
    'The KK number is stored as a number in Excel, so its last digits may be lost. Format the column as Text.',
  'issue.DUPLICATE_IN_FILE': 'Same NIK as row {firstRow}.',
  'issue.DATE_UNREADABLE':
    'Date of birth "{value}" cannot be read. Write it as dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd.',
  'issue.SEX_UNKNOWN': 'Sex "{value}" is not recognised. Write L or P.',
  'issue.VILLAGE_NOT_FOUND': 'Desa/kelurahan "{value}" is not in {district}.',
  'issue.VILLAGE_AMBIGUOUS':
    'More than one desa/kelurahan is called "{value}". Fill in the kecamatan column too.',
  'issue.VILLAGE_NOT_IN_KECAMATAN': 'Desa/kelurahan "{value}" is not in the kecamatan given.',
  'issue.KECAMATAN_NOT_FOUND': 'Kecamatan "{value}" is not in {district}.',
  'issue.KECAMATAN_AMBIGUOUS':
    'More than one kecamatan is called "{value}". Write its code instead.',
  'issue.RESULT_UNKNOWN':
    'Result "{value}" is not recognised. Write SESUAI or TIDAK SESUAI (also YA/TIDAK, TERVERIFIKASI/DITOLAK).',
  'issue.REASON_MISSING': 'The result is a rejection, but the reason and note are empty.',
  'issue.REASON_UNKNOWN':
    'Reason "{value}" is not in the list of reasons; it is recorded as "Other" with that text as the note.',
  'issue.NOTE_MISSING': 'The reason "Other" needs a note.',
  'issue.NAME_DIFFERS':
    'The name in the file differs from the name in record {registrationNumber}. Check that the NIK is right.',
  missingColumns: 'The file has no {list} column.',
  'list.last': '{rest} and {last}',
  // ---- Refusals that hold for a whole import
  'refusal.noRegistrationHere':
    'This office does not register participants, so it cannot create drafts.',
  'refusal.membersSupervisorOnly':
    "Only a supervisor may record existing members from BPJS's list.",
  'refusal.membersNotHere':
    'Existing members are recorded at the central office (labour office) or a kecamatan office.',
  'refusal.outsideOffice':
    "This desa/kelurahan is outside this office's kecamatan; import this row at its kecamatan office.",
  'refusal.aboveDecile':
    "This family is in decile {decile}, above the programme's threshold (deciles 1–{max}); no draft is proposed.",
  'refusal.noDecileThreshold':
    "district.json sets no eligibility.maxDecile (the programme's decile threshold), so DTSEN data cannot be imported. Contact the district administrator.",
  // ---- The dry-run table and the downloadable report
  'state.pending': 'pending',
  'state.confirmed': 'confirmed',
  'state.rejected': 'rejected',
  'outcome.match': 'Match (changes)',
  'outcome.create': 'New record',
  'outcome.not-found': 'Not found',
  'outcome.skip': 'Skipped',
  'outcome.error': 'Error',
  checkChange: '{agency} check: {from} → {to}',
  'checkChange.withReason': '{agency} check: {from} → {to} ({reason})',
  'skip.noResult': 'The file has no result for this row yet.',
  'skip.already': '{number}: the {agency} check is already {state}.',
  'skip.workflow': '{number}: {message}',
  'skip.aboveDecile':
    "{number}: decile {decile}, above the programme's threshold (deciles 1–{max}); the check is not confirmed.",
  'skip.sameKpj': '{number}: already recorded with this KPJ number.',
  'skip.memberKnown':
    '{number}: this NIK is already registered here (status {status}); record its KPJ through "BPJS answer" under BPJS enrolment.',
  'create.active':
    'A participant record will be created: active, KPJ {kpj}, covered since {since}.',
  'create.enrolled':
    'A participant record will be created: enrolled (coverage not started yet), KPJ {kpj}, covered since {since}.',
  'create.draft': 'A draft record will be created for a clerk to complete.',
  notFound: 'No record with this NIK here.',
  // ---- DTSEN: comparing with the last extract applied on this PC
  'dtsen.olderThanLast':
    'This extract is dated {date}, older than the last extract applied on this PC ({last}). Older data must not overwrite newer data: import the latest extract.',
  'dtsen.snapshotInvalid':
    'Data date "{date}" cannot be read. Write it as yyyy-mm-dd, e.g. 2026-09-30.',
  'dtsen.snapshotInFuture': 'The data date {date} has not passed yet. Check the extract date.',
  'dtsen.sameSnapshot':
    'An extract with data date {date} was already applied on this PC. The changes below are compared with it.',
  'dtsen.history.decile': 'decile {decile} (DTSEN {date})',
  'dtsen.history.crossedUp':
    'decile {decile} (DTSEN {date}), above threshold {max}: review at the yearly check; coverage not ended',
  'dtsen.history.crossedDown':
    'decile {decile} (DTSEN {date}), back within deciles 1–{max}: review the status',
  'dtsen.history.gone': 'not in DTSEN {date}: review at the yearly check; coverage not ended',
}

export type ImportRowMessageKey = keyof typeof importRowMessagesId

export const importRowText = textFor<ImportRowMessageKey>({
  id: importRowMessagesId,
  en: importRowMessagesEn,
})

/** One message in every language: what a plan carries, made before its reader is known. */
export function importRowMessage(
  key: ImportRowMessageKey,
  values?: FormatValues,
): Record<Language, string> {
  return Object.fromEntries(
    LANGUAGES.map((language) => [language, importRowText(language, key, values)]),
  ) as Record<Language, string>
}
