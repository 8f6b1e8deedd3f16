import type { Language } from '../i18n/i18n'

/** Strings of the dashboard and its PDF report, Indonesian first. */
const dashboardMessages = {
  title: { id: 'Dasbor cakupan', en: 'Coverage dashboard' },
  intro: {
    id: 'Angka dihitung dari data di komputer ini, juga tanpa internet. Di kantor pusat data ini mencakup seluruh kabupaten.',
    en: 'Figures are counted from the data on this PC, offline too. At the central office that data covers the whole district.',
  },
  year: { id: 'Tahun', en: 'Year' },
  asOf: { id: 'Per {date}', en: 'As of {date}' },
  loading: { id: 'Menghitung…', en: 'Counting…' },
  lastCount: {
    id: 'Angka per {time} (hitungan terakhir), sedang dihitung ulang…',
    en: 'Figures as of {time} (last count), recounting…',
  },
  reload: { id: 'Hitung ulang', en: 'Recount' },
  countedIn: {
    id: '{count} data dihitung dalam {ms} ms.',
    en: '{count} records counted in {ms} ms.',
  },
  exportXlsx: { id: 'Ekspor XLSX', en: 'Export XLSX' },
  downloadPdf: { id: 'Unduh laporan PDF', en: 'Download PDF report' },
  makingPdf: { id: 'Menyusun laporan…', en: 'Preparing the report…' },
  saveFailed: { id: 'Berkas tidak dapat disimpan.', en: 'The file could not be saved.' },
  loadFailed: {
    id: 'Data tidak dapat dibaca: {reason}',
    en: 'The data could not be read: {reason}',
  },
  unknownArea: {
    id: '{count} data memiliki kecamatan atau desa yang tidak ada di daftar wilayah.',
    en: '{count} records have a kecamatan or village missing from the region list.',
  },

  'headline.active': { id: 'Peserta terlindungi', en: 'Covered participants' },
  'headline.activeDetail': {
    id: '{baseline} peserta awal + {active} aktif di Naungan = {total}',
    en: '{baseline} baseline + {active} active in Naungan = {total}',
  },
  'headline.new': { id: 'Peserta baru tahun ini', en: 'New this year' },
  'headline.newDetail': {
    id: 'dari target {target} ({percent})',
    en: 'of a target of {target} ({percent})',
  },
  'headline.targetPlan': { id: 'target dari rencana tahunan', en: 'target from the annual plan' },
  'headline.targetConfig': {
    id: 'target dari konfigurasi kabupaten',
    en: 'target from the district configuration',
  },
  'headline.targetNone': { id: 'belum ada target', en: 'no target yet' },
  'headline.approved': { id: 'Disetujui, menunggu BPJS', en: 'Approved, waiting for BPJS' },
  'headline.approvedDetail': {
    id: '{sent} sudah dikirim dalam batch',
    en: '{sent} already sent in a batch',
  },
  'headline.waiting': { id: 'Menunggu verifikasi', en: 'Waiting for verification' },
  'headline.waitingDetail': {
    id: '{returned} dikembalikan, {drafts} draf, {registered} data seluruhnya',
    en: '{returned} returned, {drafts} drafts, {registered} records in all',
  },

  'chart.kecamatan': { id: 'Cakupan per kecamatan', en: 'Coverage by kecamatan' },
  'chart.village': { id: 'Cakupan per desa/kelurahan', en: 'Coverage by village' },
  'chart.occupation': { id: 'Per pekerjaan', en: 'By occupation' },
  'chart.sexAge': { id: 'Per jenis kelamin dan kelompok umur', en: 'By sex and age band' },
  'chart.funnel': { id: 'Alur verifikasi', en: 'Verification funnel' },
  'chart.weekly': {
    id: 'Pendaftaran per minggu (12 minggu terakhir)',
    en: 'Registrations per week (last 12 weeks)',
  },
  'chart.prints': {
    id: 'Kartu dan stiker dibanding peserta terdaftar BPJS',
    en: 'Cards and stickers against enrolled',
  },
  'chart.budget': { id: 'Anggaran iuran (APBD)', en: 'Premium budget (APBD)' },
  chooseKecamatan: { id: 'Kecamatan', en: 'Kecamatan' },

  'col.kecamatan': { id: 'Kecamatan', en: 'Kecamatan' },
  'col.village': { id: 'Desa/kelurahan', en: 'Village' },
  'col.registered': { id: 'Terdaftar', en: 'Registered' },
  'col.active': { id: 'Aktif', en: 'Active' },
  'col.new': { id: 'Baru tahun ini', en: 'New this year' },
  'col.target': { id: 'Target', en: 'Target' },
  'col.percent': { id: '% target', en: '% of target' },
  'col.occupation': { id: 'Pekerjaan', en: 'Occupation' },
  'col.band': { id: 'Kelompok umur', en: 'Age band' },
  'col.male': { id: 'Laki-laki', en: 'Male' },
  'col.female': { id: 'Perempuan', en: 'Female' },
  'col.total': { id: 'Jumlah', en: 'Total' },
  'col.stage': { id: 'Tahap', en: 'Stage' },
  'col.count': { id: 'Jumlah', en: 'Count' },
  'col.week': { id: 'Minggu', en: 'Week' },
  'col.registrations': { id: 'Pendaftaran', en: 'Registrations' },
  'col.item': { id: 'Uraian', en: 'Item' },
  'col.value': { id: 'Nilai', en: 'Value' },
  'band.other': { id: 'Di luar 18–64', en: 'Outside 18–64' },

  'stage.submitted': { id: 'Diajukan', en: 'Submitted' },
  'stage.checked': { id: 'Diperiksa semua instansi', en: 'Checked by every agency' },
  'stage.approved': { id: 'Disetujui', en: 'Approved' },
  'stage.enrolled': { id: 'Terdaftar di BPJS', en: 'Enrolled with BPJS' },

  'prints.enrolled': { id: 'Peserta terdaftar/aktif', en: 'Enrolled or active' },
  'prints.cardPrinted': { id: 'Kartu dicetak', en: 'Cards printed' },
  'prints.stickered': { id: 'Rumah ditempeli stiker', en: 'Houses stickered' },
  'prints.enrolledWithCard': {
    id: 'Peserta terdaftar yang sudah punya kartu',
    en: 'Enrolled with a card',
  },
  'prints.enrolledWithSticker': {
    id: 'Peserta terdaftar yang rumahnya berstiker',
    en: 'Enrolled with a sticker',
  },

  'budget.premium': { id: 'Iuran per orang per bulan', en: 'Premium per person per month' },
  'budget.active': { id: 'Peserta aktif di Naungan hari ini', en: 'Active in Naungan today' },
  'budget.baselineNotCounted': {
    id: 'Peserta awal di luar Naungan (tidak dihitung)',
    en: 'Baseline outside Naungan (not counted)',
  },
  'budget.monthly': {
    id: 'Iuran bulanan (iuran × peserta aktif)',
    en: 'Monthly premium (premium × active)',
  },
  'budget.allocation': { id: 'Pagu APBD', en: 'APBD allocation' },
  'budget.spent': { id: 'Realisasi s.d. bulan ini', en: 'Spent to date' },
  'budget.projected': { id: 'Proyeksi s.d. akhir tahun', en: 'Projected to year end' },
  'budget.surplus': { id: 'Sisa pagu pada akhir tahun', en: 'Left at year end' },
  'budget.shortfall': { id: 'Kekurangan pagu pada akhir tahun', en: 'Shortfall at year end' },
  'budget.remainingTarget': { id: 'Sisa target peserta baru', en: 'Remaining target' },
  'budget.costToTarget': {
    id: 'Biaya menambah sisa target (mulai bulan {month})',
    en: 'Cost of adding the remaining target (from month {month})',
  },
  'budget.withTarget': {
    id: 'Proyeksi bila target tercapai',
    en: 'Projected with the target reached',
  },
  'budget.noAllocation': {
    id: 'Pagu APBD tahun ini belum diisi di Rencana tahunan.',
    en: 'No APBD allocation has been entered for this year in the annual plan.',
  },

  'plans.title': { id: 'Rencana tahunan', en: 'Annual plan' },
  'plans.intro': {
    id: 'Target peserta baru dan pagu APBD per tahun, untuk kabupaten dan tiap kecamatan. Diisi oleh supervisor dan disinkronkan ke semua kantor.',
    en: 'New-participant targets and the APBD allocation per year, for the district and each kecamatan. Entered by a supervisor and synced to every office.',
  },
  'plans.district': { id: 'Kabupaten (total)', en: 'District (total)' },
  'plans.area': { id: 'Wilayah', en: 'Area' },
  'plans.target': { id: 'Target peserta baru', en: 'New-participant target' },
  'plans.allocation': { id: 'Pagu APBD (Rp)', en: 'APBD allocation (Rp)' },
  'plans.save': { id: 'Simpan rencana', en: 'Save plan' },
  'plans.saved': { id: 'Rencana tersimpan.', en: 'Plan saved.' },
  'plans.cached': {
    id: 'Rencana terakhir yang diketahui (diambil {at}).',
    en: 'Last known plan (fetched {at}).',
  },
  'plans.none': {
    id: 'Belum ada rencana tersimpan di komputer ini.',
    en: 'No plan stored on this PC yet.',
  },
  'plans.offline': {
    id: 'Mengubah rencana memerlukan koneksi ke server pusat. Angka di atas memakai rencana terakhir yang diketahui.',
    en: 'Changing the plan needs a connection to the central server. The figures above use the last known plan.',
  },
  'plans.standalone': {
    id: 'Kantor mandiri (tanpa server): target diambil dari konfigurasi kabupaten, pagu belum ada.',
    en: 'Standalone office (no server): the target comes from the district configuration; there is no allocation.',
  },
  'plans.readOnly': {
    id: 'Hanya supervisor yang dapat mengubah rencana.',
    en: 'Only a supervisor can change the plan.',
  },
  'plans.invalid': {
    id: 'Isi bilangan bulat tidak negatif (paling banyak 10.000.000.000.000).',
    en: 'Enter whole, non-negative numbers (at most 10,000,000,000,000).',
  },
  'plans.failed': {
    id: 'Rencana tidak tersimpan: {reason}',
    en: 'The plan was not saved: {reason}',
  },

  'report.title': {
    id: 'Laporan cakupan BPJS Ketenagakerjaan',
    en: 'BPJS Ketenagakerjaan coverage report',
  },
  'report.generated': {
    id: 'Disusun {date} dari data Naungan.',
    en: 'Prepared {date} from Naungan data.',
  },
  'report.headline': { id: 'Ringkasan', en: 'Summary' },
  'report.page': { id: 'Halaman {page}', en: 'Page {page}' },
} as const

export type DashboardMessageKey = keyof typeof dashboardMessages

export function dashboardText(
  language: Language,
  key: DashboardMessageKey,
  params?: Record<string, string | number>,
): string {
  const template: string = dashboardMessages[key][language]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}
