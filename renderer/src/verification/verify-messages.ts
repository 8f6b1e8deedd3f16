/**
 * Strings of "Verifikasi kartu", Indonesian first; kept beside the screen they belong to. Plain
 * data and functions (no React), so the verdict wording is unit-tested in Node.
 */

/** The app's languages (`Language` in i18n.tsx), repeated here to keep this file React-free. */
export type VerifyLanguage = 'id' | 'en'

const verifyMessages = {
  title: { id: 'Verifikasi kartu peserta', en: 'Verify a participant card' },
  intro: {
    id: 'Periksa apakah kartu peserta atau stiker rumah asli dan masih berlaku. Pindai kode QR-nya dengan pemindai atau kamera, atau tempel teksnya di kotak ini.',
    en: 'Check whether a membership card or house sticker is genuine and still valid. Scan its QR code with a scanner or the camera, or paste its text into the box.',
  },
  qrText: { id: 'Teks kode QR', en: 'QR code text' },
  qrTextHint: {
    id: 'Pemindai barcode USB mengetik ke kotak ini dan menekan Enter sendiri. Enter atau Ctrl+Enter memeriksa.',
    en: 'A USB barcode scanner types into this box and presses Enter itself. Enter or Ctrl+Enter checks.',
  },
  check: { id: 'Periksa', en: 'Check' },
  emptyText: {
    id: 'Kotak teks kode QR masih kosong. Pindai kartu atau tempel teksnya dulu.',
    en: 'The QR code text box is empty. Scan the card or paste its text first.',
  },
  checking: { id: 'Memeriksa…', en: 'Checking…' },
  checkFailed: {
    id: 'Pemeriksaan gagal karena data di komputer ini tidak dapat dibaca. Coba lagi; bila terus terjadi, mulai ulang aplikasi.',
    en: "The check failed because this PC's data could not be read. Try again; if it keeps happening, restart the app.",
  },

  // Camera
  scanWithCamera: { id: 'Pindai dengan kamera', en: 'Scan with the camera' },
  stopCamera: { id: 'Matikan kamera', en: 'Turn the camera off' },
  cameraStarting: { id: 'Membuka kamera…', en: 'Opening the camera…' },
  cameraScanning: {
    id: 'Arahkan kode QR kartu ke kamera dan tahan sebentar. Esc mematikan kamera.',
    en: "Hold the card's QR code in front of the camera for a moment. Esc turns the camera off.",
  },
  cameraVideo: { id: 'Gambar kamera', en: 'Camera picture' },
  cameraFailed: {
    id: 'Kamera tidak dapat dibuka: izin ditolak atau tidak ada kamera. Tempel teks QR di kotak di atas.',
    en: 'The camera could not be opened: permission was refused or there is no camera. Paste the QR text into the box above.',
  },

  // Result
  resultHeading: { id: 'Hasil pemeriksaan', en: 'Result' },
  'title.valid': { id: 'ASLI — kartu berlaku', en: 'GENUINE — card is valid' },
  'title.revoked': {
    id: 'DIBATALKAN — kartu ini sudah diganti',
    en: 'CANCELLED — this card has been replaced',
  },
  'title.expired': {
    id: 'KEDALUWARSA — masa berlaku habis pada {date}',
    en: 'EXPIRED — validity ended on {date}',
  },
  'title.notYetValid': {
    id: 'BELUM BERLAKU — mulai {date}',
    en: 'NOT YET VALID — from {date}',
  },
  'title.forged': { id: 'PALSU ATAU RUSAK', en: 'FORGED OR DAMAGED' },
  'title.revokedSigner': {
    id: 'DICABUT — ditandatangani perangkat yang sudah dicabut',
    en: 'REVOKED — signed by a PC that has been revoked',
  },
  'title.revokedSignerEarlier': {
    id: 'PERLU DIPERIKSA — ditandatangani perangkat yang sudah dicabut',
    en: 'NEEDS CHECKING — signed by a PC that has been revoked',
  },
  revokedSignerAdvice: {
    id: 'Komputer kantor yang mencetak kartu ini dicabut kabupaten pada {date} (hilang, dicuri atau disalahgunakan). Kartu ini tercetak pada atau sesudah tanggal itu: jangan diterima; minta peserta ke kantor kecamatan untuk kartu baru.',
    en: 'The office PC that printed this card was revoked by the district on {date} (lost, stolen or misused). This card was printed on or after that day: do not accept it; send the participant to the kecamatan office for a new card.',
  },
  revokedSignerEarlierAdvice: {
    id: 'Komputer kantor yang mencetak kartu ini dicabut kabupaten pada {date}. Kartu mengaku dicetak sebelumnya, tetapi tanggal itu ditulis komputer yang dicabut itu sendiri dan cetakannya tidak tercatat di sini. Periksa ke kantor penerbit sebelum diterima.',
    en: 'The office PC that printed this card was revoked by the district on {date}. The card claims an earlier print day, but that day was written by the revoked PC itself and the print is not recorded here. Check with the issuing office before accepting it.',
  },
  'title.notCovered': {
    id: 'TERDAFTAR, BELUM/TIDAK TERLINDUNGI — kartu asli, tetapi pemegangnya tidak dijamin BPJS',
    en: 'REGISTERED, NOT COVERED — a genuine card, but its holder has no BPJS coverage',
  },
  notCoveredAdvice: {
    id: 'Menurut data kantor ini status peserta: {status}. Iurannya tidak dibayar pemerintah daerah, jadi kartu ini tidak menjamin apa pun. Hubungi kantor kecamatan.',
    en: "According to this office's data the participant's status is: {status}. The regency does not pay for them, so this card guarantees nothing. Contact the kecamatan office.",
  },
  'status.draft': { id: 'Draf', en: 'Draft' },
  'status.submitted': { id: 'Diajukan', en: 'Submitted' },
  'status.returned': { id: 'Dikembalikan', en: 'Returned' },
  'status.approved': {
    id: 'Disetujui, belum didaftarkan ke BPJS',
    en: 'Approved, not yet enrolled with BPJS',
  },
  'status.enrolled': { id: 'Terdaftar di BPJS', en: 'Enrolled with BPJS' },
  'status.active': { id: 'Aktif', en: 'Active' },
  'status.ended': { id: 'Kepesertaan berakhir', en: 'Coverage ended' },
  'title.unknownKey': {
    id: 'TIDAK DAPAT DIPERIKSA — kunci kabupaten tidak dikenal',
    en: 'CANNOT BE CHECKED — unknown district key',
  },

  'revocation.checked': {
    id: 'Status pembatalan: diperiksa dengan data kantor ini.',
    en: "Cancellation status: checked against this office's data.",
  },
  'revocation.notLocal': {
    id: 'Tanda tangan asli. Kartu ini dari luar data kantor ini, jadi penggantian kartu tidak dapat diperiksa di sini.',
    en: "The signature is genuine. This card is from outside this office's data, so a replacement card cannot be checked here.",
  },
  'revocation.notYetSynced': {
    id: 'Tanda tangan asli. Peserta ada di data kantor ini, tetapi cetakan kartu ini belum tercatat di sini (mungkin belum sinkron), jadi penggantian kartu belum dapat dipastikan.',
    en: 'The signature is genuine. The participant is in this office’s data, but this print is not recorded here yet (perhaps not synced), so a replacement cannot be ruled out.',
  },
  compareInitials: {
    id: 'Cocokkan inisial {initials} dengan nama pada KTP pemegang kartu.',
    en: "Match the initials {initials} against the name on the holder's ID card.",
  },
  replacedBy: {
    id: 'Diganti dengan nomor seri {serial}, dicetak {date}. Kartu ini jangan diterima; minta peserta memakai yang terbaru.',
    en: 'Replaced by serial {serial}, printed {date}. Do not accept this card; ask for the newest one.',
  },
  expiredAdvice: {
    id: 'Tanda tangan asli, tetapi masa berlakunya sudah habis. Peserta perlu kartu baru dari kantor kecamatan.',
    en: 'The signature is genuine, but the card has run out. The participant needs a new card from the kecamatan office.',
  },
  notYetValidAdvice: {
    id: 'Tanda tangan asli, tetapi kartu baru berlaku mulai tanggal itu. Periksa tanggal komputer ini bila terasa salah.',
    en: "The signature is genuine, but the card only becomes valid on that date. Check this PC's date if that looks wrong.",
  },
  'failure.NOT_A_NAUNGAN_CODE': {
    id: 'Ini bukan kode QR kartu Naungan.',
    en: 'This is not the QR code of a Naungan card.',
  },
  'failure.MALFORMED': {
    id: 'Kode terpotong atau rusak; pindai ulang.',
    en: 'The code is cut off or damaged; scan it again.',
  },
  'failure.UNKNOWN_DISTRICT_KEY': {
    id: 'Kartu ditandatangani dengan kunci yang tidak dikenal komputer ini (kabupaten lain, atau kunci belum tersimpan).',
    en: 'The card is signed with a key this PC does not know (another district, or the key is not saved yet).',
  },
  'failure.CERTIFICATE_FORGED': {
    id: 'Isi kartu diubah setelah dicetak: izin komputer pencetaknya tidak ditandatangani kabupaten.',
    en: "The card was altered after printing: the printing PC's authorisation was not signed by the district.",
  },
  'failure.SIGNATURE_FORGED': {
    id: 'Isi kartu diubah setelah dicetak.',
    en: 'The card was altered after printing.',
  },
  'failure.CERTIFICATE_NOT_VALID_THEN': {
    id: 'Kartu dicetak pada tanggal ketika komputer pencetaknya tidak berwenang mencetak kartu.',
    en: 'The card was printed on a day when the printing PC was not authorised to print cards.',
  },
  'failure.OFFICE_MAY_NOT_SIGN': {
    id: 'Kartu ditandatangani komputer kantor yang tidak berwenang menerbitkan kartu untuk nomor pendaftaran ini (kecamatan lain).',
    en: "The card was signed by an office PC that may not issue cards for this registration number (another kecamatan's).",
  },
  unknownKeyAdvice: {
    id: 'Jangan langsung dianggap palsu: simpan kunci publik kabupaten di bagian "Kunci publik kabupaten" di bawah, lalu periksa lagi.',
    en: 'Do not call it forged yet: save the district public key under "District public key" below, then check again.',
  },
  forgedAdvice: {
    id: 'Kartu ini jangan diterima. Bila kartu tampak asli, pindai sekali lagi dengan hati-hati.',
    en: 'Do not accept this card. If it looks genuine, scan it once more with care.',
  },

  // Card details
  holderInitials: { id: 'Inisial pemegang', en: "Holder's initials" },
  participantNumber: { id: 'Nomor peserta', en: 'Participant number' },
  kind: { id: 'Jenis', en: 'Kind' },
  'kind.card': { id: 'Kartu peserta', en: 'Membership card' },
  'kind.sticker': { id: 'Stiker rumah', en: 'House sticker' },
  serial: { id: 'Nomor seri', en: 'Serial' },
  office: { id: 'Kantor penerbit', en: 'Issuing office' },
  validity: { id: 'Masa berlaku', en: 'Valid' },
  validityRange: { id: '{from} s.d. {until}', en: '{from} to {until}' },
  printedOn: { id: 'Dicetak', en: 'Printed' },
  fullName: { id: 'Nama di data kantor ini', en: "Name in this office's data" },
  openParticipant: { id: 'Buka data peserta', en: 'Open participant record' },

  // Trusted keys
  keysHeading: { id: 'Kunci publik kabupaten', en: 'District public key' },
  trustedCount: { id: 'Kunci yang dipercaya: {count}', en: 'Trusted keys: {count}' },
  noKeys: {
    id: 'Komputer ini belum menyimpan kunci publik kabupaten, jadi belum dapat memastikan kartu asli. Minta teks kunci publik kabupaten ke Distransnaker, lalu tempel di kotak "Kunci publik kabupaten" dan pilih "Simpan kunci".',
    en: 'This PC has not saved the district public key yet, so it cannot tell a genuine card yet. Ask Distransnaker for the district public key text, paste it into "District public key" and choose "Save key".',
  },
  addKeySummary: { id: 'Tambah kunci publik kabupaten', en: 'Add a district public key' },
  keyField: { id: 'Kunci publik kabupaten', en: 'District public key' },
  keyFieldHint: {
    id: 'Teks dari Distransnaker (43 huruf, angka, - dan _). Untuk komputer Naungan yang tidak tersambung ke server, misalnya di meja BPJS atau puskesmas. Kunci ini tidak rahasia.',
    en: 'Text from Distransnaker (43 letters, digits, - and _). For copies of Naungan not connected to the server, e.g. at a BPJS or puskesmas desk. This key is not secret.',
  },
  saveKey: { id: 'Simpan kunci', en: 'Save key' },
  keyEmpty: {
    id: 'Kotak kunci masih kosong. Tempel teks kunci dari Distransnaker.',
    en: 'The key box is empty. Paste the key text from Distransnaker.',
  },
  keyInvalid: {
    id: 'Teks ini bukan kunci publik kabupaten yang sah (harus 43 huruf, angka, - atau _). Periksa salinannya. Tidak ada yang disimpan.',
    en: 'This text is not a valid district public key (it must be 43 letters, digits, - or _). Check the copy. Nothing was saved.',
  },
  keySaved: {
    id: 'Kunci tersimpan. Kunci yang dipercaya sekarang: {count}.',
    en: 'Key saved. Trusted keys now: {count}.',
  },
  keyAlreadyTrusted: {
    id: 'Kunci ini sudah tersimpan sebelumnya. Tidak ada yang berubah.',
    en: 'This key was already saved. Nothing changed.',
  },
  keySaveFailed: {
    id: 'Kunci tidak dapat disimpan karena data di komputer ini tidak dapat ditulis. Coba lagi.',
    en: "The key could not be saved because this PC's data could not be written. Try again.",
  },
  revocationListAge: {
    id: 'Daftar pencabutan per {date}: {count} perangkat dicabut.',
    en: 'Revocation list as of {date}: {count} PCs revoked.',
  },
  noRevocationList: {
    id: 'Komputer ini belum menyimpan daftar perangkat yang dicabut. Perbarui kunci dari server saat tersambung.',
    en: 'This PC holds no list of revoked PCs yet. Update the keys from the server when connected.',
  },
  refreshFromServer: { id: 'Perbarui kunci dari server', en: 'Update keys from the server' },
  refreshing: { id: 'Menghubungi server…', en: 'Contacting the server…' },
  refreshOffline: {
    id: 'Komputer ini sedang tidak tersambung ke internet. Kunci yang sudah tersimpan tetap dipakai.',
    en: 'This PC is offline. The keys already saved are still used.',
  },
  refreshFailed: {
    id: 'Server pusat tidak dapat dihubungi. Kunci yang sudah tersimpan tetap dipakai; coba lagi nanti.',
    en: 'The central server could not be reached. The keys already saved are still used; try again later.',
  },
  refreshDone: {
    id: 'Kunci dari server tersimpan. Kunci yang dipercaya sekarang: {count}.',
    en: 'Keys from the server saved. Trusted keys now: {count}.',
  },
} satisfies Record<string, { id: string; en: string }>

export type VerifyMessageKey = keyof typeof verifyMessages

export function verifyText(
  language: VerifyLanguage,
  key: VerifyMessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = verifyMessages[key][language]
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  )
}

const MONTHS: Record<VerifyLanguage, readonly string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
}

/**
 * `2026-05-07` → `07 Mei 2026`: a fixed table rather than Intl, so a card reads the same on every
 * PC whatever its ICU data, and a month name never hides behind a number (07/05 vs 05/07).
 */
export function formatCardDate(language: VerifyLanguage, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  const month = match ? MONTHS[language][Number(match[2]) - 1] : undefined
  if (!match || !month) return isoDate
  return `${match[3]} ${month} ${match[1]}`
}
