import type { Language } from '../i18n/i18n'

/** Strings of the print screen, Indonesian first; kept beside the screen they belong to. */
const printMessages = {
  title: {
    id: 'Cetak kartu peserta & stiker rumah',
    en: 'Print membership cards & house stickers',
  },
  intro: {
    id: 'Pilih peserta, buat PDF, periksa pratinjau, lalu cetak atau simpan. Setiap cetakan dicatat pada data peserta dan ikut tersinkron.',
    en: 'Choose participants, make the PDF, check the preview, then print or save it. Every print is logged on the participant and syncs.',
  },
  'what.legend': { id: 'Yang dicetak', en: 'What to print' },
  'what.card-id1': {
    id: 'Kartu peserta — satu kartu per halaman (printer kartu PVC)',
    en: 'Membership card — one per page (PVC card printer)',
  },
  'what.card-a4': {
    id: 'Kartu peserta — lembar A4 isi 10 dengan tanda potong',
    en: 'Membership cards — A4 sheet of 10 with crop marks',
  },
  'what.sticker': { id: 'Stiker rumah peserta', en: 'House sticker' },
  withBack: {
    id: 'Cetak juga sisi belakang (manfaat dan kontak)',
    en: 'Also print the back (benefits and contact)',
  },
  template: { id: 'Lembar stiker', en: 'Sticker sheet' },
  'template.custom': { id: 'Lembar buatan kantor', en: "The office's own sheet" },
  startPosition: { id: 'Mulai dari posisi ke-', en: 'Start at position' },
  startPositionHelp: {
    id: 'Untuk lembar yang sebagian sudah terpakai: dihitung dari kiri ke kanan, lalu ke bawah.',
    en: 'For a partly used sheet: counted left to right, then down.',
  },
  coverageYear: { id: 'Tahun masa berlaku', en: 'Coverage year' },
  coverageYearHelp: {
    id: 'Kartu mencantumkan masa kepesertaan tiap peserta pada tahun ini (mulai dari BPJS, sampai berakhir bila dihentikan); seluruh tahun bila belum ada jawaban BPJS.',
    en: "Cards state each participant's coverage in this year (from BPJS's start, to its end if ended); the whole year while BPJS has not answered.",
  },
  'filters.legend': { id: 'Pilih peserta', en: 'Choose participants' },
  kecamatan: { id: 'Kecamatan', en: 'Kecamatan' },
  village: { id: 'Desa/kelurahan', en: 'Village' },
  status: { id: 'Status', en: 'Status' },
  all: { id: 'Semua', en: 'All' },
  printed: { id: 'Riwayat cetak', en: 'Print history' },
  'printed.never': { id: 'Belum pernah dicetak', en: 'Never printed' },
  'printed.before': { id: 'Terakhir dicetak sebelum tanggal', en: 'Last printed before a date' },
  'printed.any': { id: 'Semua, dicetak atau belum', en: 'All, printed or not' },
  printedBefore: { id: 'Sebelum tanggal', en: 'Before' },
  loading: { id: 'Memuat peserta…', en: 'Loading participants…' },
  found: { id: '{count} peserta cocok', en: '{count} matching participants' },
  notCovered: {
    id: '{count} orang lain yang cocok belum terlindungi BPJS pada tahun {year} (belum didaftarkan, belum dijawab BPJS, atau sudah berakhir), jadi tidak dicetak kartu atau stikernya.',
    en: '{count} other matching people are not covered by BPJS in {year} (not yet enrolled, not yet answered by BPJS, or ended), so no card or sticker is printed for them.',
  },
  truncated: {
    id: 'Hanya {count} peserta pertama yang ditampilkan. Persempit pilihan (desa, status).',
    en: 'Only the first {count} are shown. Narrow the filters (village, status).',
  },
  none: { id: 'Tidak ada peserta yang cocok.', en: 'No participant matches.' },
  selectAll: { id: 'Pilih semua', en: 'Select all' },
  select: { id: 'Pilih {name}', en: 'Select {name}' },
  'column.name': { id: 'Nama', en: 'Name' },
  'column.number': { id: 'No. registrasi', en: 'Registration no.' },
  'column.village': { id: 'Desa', en: 'Village' },
  'column.lastPrint': { id: 'Terakhir dicetak', en: 'Last printed' },
  neverPrinted: { id: 'belum', en: 'never' },
  selected: { id: '{count} dipilih', en: '{count} selected' },
  'reprint.legend': {
    id: 'Cetak ulang: {count} peserta sudah pernah dicetak',
    en: 'Reprint: {count} participants were printed before',
  },
  'reprint.help': {
    id: 'Kartu atau stiker lama mereka menjadi tidak berlaku. Pilih alasannya.',
    en: 'Their earlier card or sticker becomes invalid. Choose why.',
  },
  'reprint.reason': { id: 'Alasan cetak ulang', en: 'Reason for reprint' },
  'reprint.choose': { id: '— pilih alasan —', en: '— choose a reason —' },
  'reprint.hilang': { id: 'Hilang', en: 'Lost' },
  'reprint.rusak': { id: 'Rusak', en: 'Damaged' },
  'reprint.data-berubah': { id: 'Data peserta berubah', en: 'Participant data changed' },
  'reprint.salah-cetak': { id: 'Salah cetak', en: 'Misprint' },
  'reprint.lainnya': { id: 'Lainnya (tulis keterangan)', en: 'Other (describe)' },
  'reprint.note': { id: 'Keterangan cetak ulang', en: 'Reprint note' },
  'reprint.missing': {
    id: 'Pilih alasan cetak ulang sebelum membuat PDF.',
    en: 'Choose a reason for the reprint before making the PDF.',
  },
  'reprint.noteMissing': {
    id: 'Tulis keterangan untuk alasan "Lainnya".',
    en: 'Write a note for the reason "Other".',
  },
  generate: { id: 'Buat PDF ({count})', en: 'Make PDF ({count})' },
  nothingSelected: { id: 'Pilih minimal satu peserta.', en: 'Select at least one participant.' },
  'phase.loading': { id: 'Mengambil data peserta…', en: 'Reading participants…' },
  'phase.signing': { id: 'Menandatangani kode QR…', en: 'Signing QR codes…' },
  'phase.drawing': { id: 'Menyusun halaman…', en: 'Laying out pages…' },
  'phase.logging': { id: 'Mencatat riwayat cetak…', en: 'Logging the prints…' },
  progress: { id: '{done} dari {total}', en: '{done} of {total}' },
  cancel: { id: 'Batalkan', en: 'Cancel' },
  cancelled: {
    id: 'Pembuatan PDF dibatalkan. Tidak ada yang dicatat.',
    en: 'Making the PDF was cancelled. Nothing was logged.',
  },
  failed: {
    id: 'PDF tidak dapat dibuat. Tidak ada yang dicatat. Coba lagi; bila terulang, hubungi admin. ({detail})',
    en: 'The PDF could not be made. Nothing was logged. Try again; if it repeats, call the admin. ({detail})',
  },
  ready: {
    id: 'PDF siap: {pages} halaman. Periksa pratinjau, lalu cetak atau simpan.',
    en: 'PDF ready: {pages} pages. Check the preview, then print or save it.',
  },
  preview: { id: 'Pratinjau PDF', en: 'PDF preview' },
  print: { id: 'Cetak…', en: 'Print…' },
  save: { id: 'Simpan PDF…', en: 'Save PDF…' },
  download: { id: 'Unduh PDF', en: 'Download PDF' },
  webPrintHelp: {
    id: 'Di peramban, unduh PDF lalu cetak dari pembaca PDF (atau tombol cetak pada pratinjau).',
    en: "In the browser, download the PDF and print it from a PDF reader (or the preview's print button).",
  },
  discard: { id: 'Buang PDF ini', en: 'Discard this PDF' },
  logged: {
    id: 'Tercatat: {count} cetakan pada data peserta.',
    en: 'Logged: {count} prints on the participants.',
  },
  printCancelled: {
    id: 'Pencetakan dibatalkan. Belum ada yang dicatat.',
    en: 'Printing was cancelled. Nothing logged yet.',
  },
  printFailed: {
    id: 'Printer tidak menerima dokumen. Periksa printer lalu coba lagi, atau simpan PDF.',
    en: 'The printer did not take the document. Check it and try again, or save the PDF.',
  },
  saveFailed: {
    id: 'PDF tidak dapat disimpan di tempat itu. Pilih folder lain.',
    en: 'The PDF could not be saved there. Choose another folder.',
  },
  'warning.LOGO_UNREADABLE': {
    id: 'Logo ke-{detail} tidak ditemukan atau bukan PNG/JPEG: dicetak tanpa logo itu.',
    en: 'Logo {detail} is missing or not a PNG/JPEG: printed without it.',
  },
  'warning.UNPRINTABLE_CHARACTERS': {
    id: 'Huruf "{detail}" tidak ada di font kartu dan dicetak sebagai "?" ({name}).',
    en: 'Letters "{detail}" are not in the card font and print as "?" ({name}).',
  },
  'warning.NAME_SHORTENED': {
    id: 'Nama terlalu panjang untuk kotaknya dan dipendekkan dengan "…" ({name}).',
    en: 'Name too long for its box, shortened with "…" ({name}).',
  },
  'warning.CALIBRATION_CLAMPED': {
    id: 'Geser/skala printer di luar batas wajar dan dibatasi (geser maks. 20 mm, skala 90–110%).',
    en: 'Printer offset/scale out of range and clamped (offset max 20 mm, scale 90–110%).',
  },
  'warning.TEMPLATE_INVALID': {
    id: 'Lembar stiker tidak dapat dipakai: {detail}',
    en: 'The sticker sheet cannot be used: {detail}',
  },
  'signer.notCertified': {
    id: 'Komputer ini belum punya kunci tanda tangan kartu. Kode QR kartu hanya sah bila ditandatangani komputer kantor yang disahkan kabupaten.',
    en: 'This PC has no card-signing key yet. QR codes are valid only when signed by an office PC the district certified.',
  },
  'signer.expired': {
    id: 'Sertifikat tanda tangan kartu komputer ini sudah habis ({date}).',
    en: "This PC's card-signing certificate ran out ({date}).",
  },
  'signer.request': { id: 'Minta sertifikat dari server pusat', en: 'Ask the central server' },
  'signer.requesting': { id: 'Meminta sertifikat…', en: 'Asking…' },
  'signer.needsServer': {
    id: 'Hubungkan komputer ini ke server pusat (Pengaturan → Hubungkan) dan masuk saat ada internet; sertifikat diberikan otomatis.',
    en: 'Connect this PC to the central server (Settings → Connect) and sign in while online; the certificate comes automatically.',
  },
  'signer.unreachable': {
    id: 'server pusat tidak dapat dihubungi; coba lagi saat ada internet.',
    en: 'the central server cannot be reached; try again when online.',
  },
  'signer.failed': {
    id: 'Server pusat tidak dapat dihubungi atau menolak: {detail}',
    en: 'The central server could not be reached or refused: {detail}',
  },
  'signer.ready': {
    id: 'Kunci tanda tangan kantor {office} berlaku sampai {date}.',
    en: 'Signing key of office {office} valid until {date}.',
  },
  'settings.legend': { id: 'Pengaturan printer komputer ini', en: "This PC's printer settings" },
  'settings.calibration': { id: 'Kalibrasi printer', en: 'Printer calibration' },
  'settings.calibrationHelp': {
    id: 'Cetak halaman uji, ukur jarak tanda silang dari tepi kertas. Bila bukan 20 mm, isi selisihnya (plus = ke kanan/ke bawah).',
    en: 'Print the test page and measure the cross from the paper edges. If it is not 20 mm, enter the difference (plus = right/down).',
  },
  offsetX: { id: 'Geser mendatar (mm)', en: 'Horizontal offset (mm)' },
  offsetY: { id: 'Geser tegak (mm)', en: 'Vertical offset (mm)' },
  scale: { id: 'Skala (%)', en: 'Scale (%)' },
  testPage: { id: 'Buat halaman uji A4', en: 'Make an A4 test page' },
  saveSettings: { id: 'Simpan pengaturan printer', en: 'Save printer settings' },
  settingsSaved: { id: 'Pengaturan printer tersimpan.', en: 'Printer settings saved.' },
  settingsClamped: {
    id: 'Nilai di luar batas dibatasi: geser maks. 20 mm, skala 90–110%.',
    en: 'Values out of range were clamped: offset max 20 mm, scale 90–110%.',
  },
  notANumber: { id: 'Isi angka, misalnya 1,5 atau -2.', en: 'Enter a number, e.g. 1.5 or -2.' },
  'custom.legend': { id: 'Lembar stiker buatan kantor', en: "The office's own sticker sheet" },
  'custom.pageWidth': { id: 'Lebar kertas (mm)', en: 'Page width (mm)' },
  'custom.pageHeight': { id: 'Tinggi kertas (mm)', en: 'Page height (mm)' },
  'custom.rows': { id: 'Baris', en: 'Rows' },
  'custom.columns': { id: 'Kolom', en: 'Columns' },
  'custom.marginTop': { id: 'Margin atas (mm)', en: 'Top margin (mm)' },
  'custom.marginLeft': { id: 'Margin kiri (mm)', en: 'Left margin (mm)' },
  'custom.gapX': { id: 'Jarak antar kolom (mm)', en: 'Gap between columns (mm)' },
  'custom.gapY': { id: 'Jarak antar baris (mm)', en: 'Gap between rows (mm)' },
  'custom.save': { id: 'Simpan lembar', en: 'Save sheet' },
  'custom.invalid': {
    id: 'Lembar tidak dapat dipakai: {detail}',
    en: 'Sheet not usable: {detail}',
  },
  'custom.saved': { id: 'Lembar stiker kantor tersimpan.', en: "The office's sheet is saved." },
  'log.title': { id: 'Riwayat cetak kartu & stiker', en: 'Cards & stickers printed' },
  'log.empty': { id: 'Belum pernah dicetak.', en: 'Never printed.' },
  'log.what': { id: 'Cetakan', en: 'Print' },
  'log.serial': { id: 'No. seri', en: 'Serial' },
  'log.when': { id: 'Waktu', en: 'When' },
  'log.by': { id: 'Oleh', en: 'By' },
  'log.state': { id: 'Keadaan', en: 'State' },
  'log.card': { id: 'Kartu peserta', en: 'Membership card' },
  'log.sticker': { id: 'Stiker rumah', en: 'House sticker' },
  'log.reprint': { id: 'cetak ulang ({reason})', en: 'reprint ({reason})' },
  'log.valid': { id: 'Berlaku s.d. {date}', en: 'Valid until {date}' },
  'log.replaced': { id: 'Dibatalkan (sudah diganti)', en: 'Revoked (replaced)' },
  'problem.PAGE_SIZE_OUT_OF_RANGE': {
    id: 'ukuran kertas harus 50–1000 mm.',
    en: 'the page must be 50–1000 mm.',
  },
  'problem.GRID_OUT_OF_RANGE': {
    id: 'jumlah baris dan kolom harus 1–20.',
    en: 'rows and columns must be 1–20.',
  },
  'problem.NEGATIVE_SPACING': {
    id: 'margin dan jarak tidak boleh negatif.',
    en: 'margins and gaps cannot be negative.',
  },
  'problem.CELLS_OFF_PAGE': {
    id: 'stiker tidak muat di kertas.',
    en: 'the stickers do not fit on the page.',
  },
  'problem.CELL_TOO_SMALL': {
    id: 'setiap stiker minimal 40 × 30 mm agar tulisan dan kode QR terbaca.',
    en: 'each sticker must be at least 40 × 30 mm for its words and QR code to be readable.',
  },
} satisfies Record<string, { id: string; en: string }>

export type PrintMessageKey = keyof typeof printMessages

export function printText(
  language: Language,
  key: PrintMessageKey,
  params?: Record<string, string | number>,
): string {
  const template = printMessages[key][language]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}
