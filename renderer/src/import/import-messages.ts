import type { Language } from '../i18n/i18n'

/** Strings of the import screen, Indonesian first; kept beside the screen they belong to. */
const importMessages = {
  title: { id: 'Impor daftar dari instansi', en: 'Import agency lists' },
  intro: {
    id: 'Baca berkas CSV atau XLSX dari Dinas Sosial (DTKS/P3KE), Disdukcapil atau dinas sektor. Uji coba dulu: tidak ada yang berubah sampai Anda menekan "Terapkan", dan impor dapat diurungkan sekaligus.',
    en: 'Read a CSV or XLSX file from Social Affairs (DTKS/P3KE), the civil registry or a sector agency. Dry run first: nothing changes until you press "Apply", and an import can be undone in one step.',
  },
  'step.choose': { id: '1. Berkas dan jenis daftar', en: '1. File and kind of list' },
  'step.mapping': { id: '2. Pemetaan kolom', en: '2. Column mapping' },
  'step.dryRun': { id: '3. Uji coba', en: '3. Dry run' },
  'step.applied': { id: '4. Hasil impor', en: '4. Import result' },
  file: { id: 'Berkas (CSV atau XLSX)', en: 'File (CSV or XLSX)' },
  fileChosen: { id: '{name} ({size})', en: '{name} ({size})' },
  kind: { id: 'Jenis daftar', en: 'Kind of list' },
  'kind.dtks': {
    id: 'Data DTKS / P3KE dari Dinas Sosial',
    en: 'DTKS / P3KE extract from Social Affairs',
  },
  'kind.agency-result': {
    id: 'Hasil verifikasi instansi (sesuai / tidak sesuai)',
    en: "An agency's verification result (confirmed / rejected)",
  },
  'kind.member-list': {
    id: 'Daftar anggota dinas sektor',
    en: "A sector agency's member list",
  },
  'kind.existing-members': {
    id: 'Peserta lama (sudah terdaftar di BPJS, dengan nomor KPJ)',
    en: 'Existing members (already enrolled with BPJS, with KPJ numbers)',
  },
  'kindHelp.existing-members': {
    id: 'Untuk peserta yang sudah dibiayai APBD sebelum Naungan. NIK yang belum terdaftar di sini menjadi data peserta aktif dengan nomor KPJ dan tanggal mulai kepesertaan (TMT); data yang belum ada di berkas dilengkapi kemudian. Hanya supervisor: di kantor pusat untuk seluruh kabupaten (nomor seri kantor pusat di tiap kecamatan), atau di kantor kecamatan untuk kecamatannya sendiri.',
    en: 'For people the regency paid for before Naungan. NIKs not registered here become active participant records with their KPJ number and coverage start; missing details are completed later. Supervisors only: at the central office for the whole district (in the central office’s series of each kecamatan), or at a kecamatan office for its own kecamatan.',
  },
  'kindHelp.dtks': {
    id: 'Peserta yang sudah terdaftar: pemeriksaan instansi dikonfirmasi. NIK yang belum terdaftar dapat dijadikan draf untuk dilengkapi petugas.',
    en: "Registered people: the agency's check is confirmed. Unregistered NIKs can become drafts for clerks to complete.",
  },
  'kindHelp.agency-result': {
    id: 'Setiap baris mengisi hasil pemeriksaan instansi untuk NIK tersebut, dengan alasan bila ditolak.',
    en: "Each row records the agency's check for that NIK, with the reason when rejected.",
  },
  'kindHelp.member-list': {
    id: 'NIK yang tercantum: pemeriksaan instansi tersebut dikonfirmasi.',
    en: "Listed NIKs: that agency's check is confirmed.",
  },
  agency: { id: 'Instansi yang memeriksa', en: 'Checking agency' },
  source: { id: 'Nama sumber (untuk menyimpan pemetaan)', en: 'Source name (to save the mapping)' },
  sourceHelp: {
    id: 'Misalnya "DTKS Dinsos 2026". Pemetaan kolom disimpan dengan nama ini dan ditawarkan lagi lain kali.',
    en: 'For example "DTKS Dinsos 2026". The column mapping is saved under this name and offered next time.',
  },
  sourceRequired: { id: 'Isi nama sumber.', en: 'Fill in the source name.' },
  createDrafts: {
    id: 'Buat draf untuk NIK yang belum terdaftar (status draf, sumber dicatat)',
    en: 'Create drafts for NIKs not registered yet (status draft, source noted)',
  },
  sheet: { id: 'Lembar kerja', en: 'Worksheet' },
  read: { id: 'Baca berkas', en: 'Read file' },
  reading: { id: 'Membaca berkas…', en: 'Reading the file…' },
  chooseFile: { id: 'Pilih berkas dulu.', en: 'Choose a file first.' },
  fileFacts: {
    id: '{rows} baris data; judul kolom di baris {headerRow}.',
    en: '{rows} data rows; column headers in row {headerRow}.',
  },
  'warning.ENCODING_FALLBACK': {
    id: 'Berkas bukan UTF-8; dibaca sebagai Windows-1252. Periksa huruf seperti é/ñ.',
    en: 'The file is not UTF-8; it was read as Windows-1252. Check letters such as é/ñ.',
  },
  'warning.CSV_UNCLOSED_QUOTE': {
    id: 'Tanda kutip di baris {row} tidak ditutup; isi sampai akhir berkas dibaca sebagai satu sel. Periksa baris itu.',
    en: 'A quote in row {row} is never closed; everything up to the end of the file was read as one cell. Check that row.',
  },
  'problem.EMPTY_FILE': { id: 'Berkas kosong.', en: 'The file is empty.' },
  'problem.NO_HEADER': {
    id: 'Berkas tidak punya baris judul kolom.',
    en: 'The file has no row of column headers.',
  },
  'problem.XLS_NOT_SUPPORTED': {
    id: 'Format .xls lama tidak dapat dibaca. Di Excel, simpan sebagai "Excel Workbook (.xlsx)" atau "CSV UTF-8", lalu pilih lagi.',
    en: 'The old .xls format cannot be read. In Excel, save as "Excel Workbook (.xlsx)" or "CSV UTF-8" and choose it again.',
  },
  'problem.NOT_XLSX': {
    id: 'Berkas ini bukan XLSX maupun CSV. Simpan sebagai .xlsx atau CSV, lalu pilih lagi.',
    en: 'This file is neither XLSX nor CSV. Save it as .xlsx or CSV and choose it again.',
  },
  'problem.NO_SHEETS': {
    id: 'Berkas XLSX ini tidak berisi lembar kerja.',
    en: 'This XLSX file has no worksheet.',
  },
  'problem.SHEET_NOT_FOUND': {
    id: 'Lembar kerja itu tidak ada di berkas.',
    en: 'That worksheet is not in the file.',
  },
  'problem.TOO_LARGE': {
    id: 'Berkas terlalu besar (lebih dari 200 MB). Bagi menjadi beberapa berkas.',
    en: 'The file is too large (over 200 MB). Split it into several files.',
  },
  'problem.NO_DATA_ROWS': {
    id: 'Berkas tidak berisi baris data.',
    en: 'The file has no data rows.',
  },
  workerFailed: {
    id: 'Berkas tidak dapat diproses ({detail}). Coba simpan ulang dari Excel.',
    en: 'The file could not be processed ({detail}). Try saving it again from Excel.',
  },
  mappingIntro: {
    id: 'Pilih kolom berkas untuk setiap isian. Yang bertanda * wajib ada.',
    en: 'Choose the file column for each field. Those marked * are required.',
  },
  notMapped: { id: '— tidak dipakai —', en: '— not used —' },
  required: { id: '*', en: '*' },
  preview: { id: 'Pratinjau 5 baris pertama', en: 'Preview of the first 5 rows' },
  row: { id: 'Baris', en: 'Row' },
  back: { id: 'Kembali', en: 'Back' },
  startDryRun: { id: 'Mulai uji coba', en: 'Start dry run' },
  cancel: { id: 'Batalkan', en: 'Cancel' },
  cancelled: { id: 'Dibatalkan. Tidak ada yang berubah.', en: 'Cancelled. Nothing changed.' },
  'phase.reading': { id: 'Membaca berkas', en: 'Reading the file' },
  'phase.validating': { id: 'Memeriksa baris', en: 'Checking rows' },
  'phase.lookup': { id: 'Mencocokkan NIK', en: 'Matching NIKs' },
  'phase.planning': { id: 'Menyusun hasil uji coba', en: 'Preparing the dry run' },
  'phase.checking': { id: 'Memeriksa ulang data', en: 'Re-checking the records' },
  'phase.writing': { id: 'Menyimpan', en: 'Saving' },
  'phase.rolling-back': { id: 'Mengembalikan perubahan', en: 'Rolling back' },
  'phase.undoing': { id: 'Mengurungkan impor', en: 'Undoing the import' },
  progress: { id: '{done} dari {total}', en: '{done} of {total}' },
  summary: { id: 'Ringkasan uji coba', en: 'Dry-run summary' },
  'count.rows': { id: 'Baris dibaca', en: 'Rows read' },
  'count.match': { id: 'Cocok, akan diubah', en: 'Matched, will change' },
  'count.create': { id: 'Data baru', en: 'New records' },
  'count.notFound': { id: 'NIK tidak ditemukan', en: 'NIK not found' },
  'count.skip': { id: 'Dilewati', en: 'Skipped' },
  'count.error': { id: 'Kesalahan', en: 'Errors' },
  'count.withWarnings': { id: 'Dengan peringatan', en: 'With warnings' },
  nothingChangedYet: {
    id: 'Ini baru uji coba: belum ada data yang berubah.',
    en: 'This is only a dry run: no record has changed yet.',
  },
  filter: { id: 'Tampilkan', en: 'Show' },
  'filter.all': { id: 'Semua ({count})', en: 'All ({count})' },
  filterOption: { id: '{label} ({count})', en: '{label} ({count})' },
  'column.row': { id: 'Baris', en: 'Row' },
  'column.nik': { id: 'NIK', en: 'NIK' },
  'column.name': { id: 'Nama di berkas', en: 'Name in the file' },
  'column.outcome': { id: 'Hasil', en: 'Outcome' },
  'column.details': { id: 'Keterangan', en: 'Details' },
  page: { id: 'Halaman {page} dari {pages}', en: 'Page {page} of {pages}' },
  previous: { id: 'Sebelumnya', en: 'Previous' },
  next: { id: 'Berikutnya', en: 'Next' },
  noRows: { id: 'Tidak ada baris dengan hasil ini.', en: 'No rows with this outcome.' },
  downloadErrors: { id: 'Unduh laporan kesalahan (CSV)', en: 'Download the error report (CSV)' },
  downloadAll: { id: 'Unduh semua hasil (CSV)', en: 'Download all outcomes (CSV)' },
  saveFailed: { id: 'Berkas tidak dapat disimpan.', en: 'The file could not be saved.' },
  apply: {
    id: 'Terapkan: {creates} data baru, {changes} pemeriksaan',
    en: 'Apply: {creates} new records, {changes} checks',
  },
  confirmApply: {
    id: 'Terapkan impor ini sekarang? {creates} data baru dibuat dan {changes} pemeriksaan diubah. Impor dapat diurungkan sekaligus selama datanya belum diubah orang lain.',
    en: 'Apply this import now? {creates} new records are created and {changes} checks changed. It can be undone in one step as long as nobody changes those records meanwhile.',
  },
  nothingToApply: {
    id: 'Tidak ada yang dapat diterapkan dari berkas ini.',
    en: 'Nothing in this file can be applied.',
  },
  stale: {
    id: 'Sebagian data berubah sejak uji coba (baris {rows}). Tidak ada yang disimpan; jalankan uji coba lagi.',
    en: 'Some records changed since the dry run (rows {rows}). Nothing was saved; run the dry run again.',
  },
  applyFailed: {
    id: 'Impor gagal dan semua perubahannya sudah dikembalikan. Tidak ada yang berubah. ({detail})',
    en: 'The import failed and all its changes were rolled back. Nothing changed. ({detail})',
  },
  applyFailedNotRolledBack: {
    id: 'Impor gagal dan pengembaliannya belum selesai. Pilih "Urungkan impor" pada riwayat impor di bawah untuk mencoba lagi. ({detail})',
    en: 'The import failed and rolling it back did not finish. Choose "Undo import" in the import history below to try again. ({detail})',
  },
  applyCancelled: {
    id: 'Impor dibatalkan; perubahan yang sempat tersimpan sudah dikembalikan.',
    en: 'Import cancelled; the changes already saved were rolled back.',
  },
  applied: {
    id: 'Impor selesai: {created} data baru, {updated} pemeriksaan diubah. Perubahan ini ikut tersinkron.',
    en: 'Import done: {created} new records, {updated} checks changed. These changes sync like any other.',
  },
  undo: { id: 'Urungkan impor', en: 'Undo import' },
  confirmUndo: {
    id: 'Urungkan impor "{source}" ({file})? Semua pemeriksaan dikembalikan dan data baru yang dibuat impor ini dihapus.',
    en: 'Undo the import "{source}" ({file})? Every check goes back and the records it created are deleted.',
  },
  undone: {
    id: 'Impor diurungkan: {restored} pemeriksaan dikembalikan, {removed} data dihapus.',
    en: 'Import undone: {restored} checks restored, {removed} records deleted.',
  },
  undoChangedSince: {
    id: 'Impor tidak dapat diurungkan: data berikut sudah diubah setelah impor. Tidak ada yang diubah.',
    en: 'The import cannot be undone: these records were changed after it. Nothing was changed.',
  },
  changedBy: {
    id: '{number} {name} — diubah {by}, {at}',
    en: '{number} {name} — changed by {by}, {at}',
  },
  undoNotAllowed: {
    id: 'Impor tidak dapat diurungkan oleh Anda: {reason}',
    en: 'You cannot undo this import: {reason}',
  },
  undoFailed: {
    id: 'Pengurungan gagal dan sudah dibatalkan; data tetap seperti setelah impor. ({detail})',
    en: 'The undo failed and was reverted; the records stay as the import left them. ({detail})',
  },
  alreadyUndone: { id: 'Impor ini sudah diurungkan.', en: 'This import was already undone.' },
  newImport: { id: 'Impor berkas lain', en: 'Import another file' },
  history: { id: 'Riwayat impor (10 terakhir)', en: 'Import history (last 10)' },
  noHistory: { id: 'Belum ada impor.', en: 'No imports yet.' },
  'batch.applied': { id: 'diterapkan', en: 'applied' },
  'batch.applying': {
    id: 'terputus (belum selesai)',
    en: 'interrupted (not finished)',
  },
  'batch.rolled-back': { id: 'gagal, dikembalikan', en: 'failed, rolled back' },
  'batch.undone': { id: 'diurungkan {at}', en: 'undone {at}' },
  batchLine: {
    id: '{at} — {source} ({file}), oleh {by}: {created} data baru, {updated} pemeriksaan — {state}',
    en: '{at} — {source} ({file}), by {by}: {created} new records, {updated} checks — {state}',
  },
} satisfies Record<string, { id: string; en: string }>

export type ImportMessageKey = keyof typeof importMessages

export function importText(
  language: Language,
  key: ImportMessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = importMessages[key][language]
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}
