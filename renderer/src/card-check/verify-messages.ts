/**
 * Strings of "Verifikasi kartu", Indonesian first; kept beside the screen they belong to. Plain
 * data and functions (no React), so the verdict wording is unit-tested in Node.
 */

import { textFor, type Messages } from '@shared/i18n/messages'

export { formatCardDate } from '@shared/i18n/format'

export const verifyMessagesId = {
  title: 'Verifikasi kartu peserta',
  intro:
    'Periksa apakah kartu peserta atau stiker rumah asli dan masih berlaku. Pindai kode QR-nya dengan pemindai atau kamera, atau tempel teksnya di kotak ini.',
  qrText: 'Teks kode QR',
  qrTextHint:
    'Pemindai barcode USB mengetik ke kotak ini dan menekan Enter sendiri. Enter atau Ctrl+Enter memeriksa.',
  check: 'Periksa',
  emptyText: 'Kotak teks kode QR masih kosong. Pindai kartu atau tempel teksnya dulu.',
  checking: 'Memeriksa…',
  checkFailed:
    'Pemeriksaan gagal karena data di komputer ini tidak dapat dibaca. Coba lagi; bila terus terjadi, mulai ulang aplikasi.',
  // Camera
  scanWithCamera: 'Pindai dengan kamera',
  stopCamera: 'Matikan kamera',
  cameraStarting: 'Membuka kamera…',
  cameraScanning: 'Arahkan kode QR kartu ke kamera dan tahan sebentar. Esc mematikan kamera.',
  cameraVideo: 'Gambar kamera',
  cameraFailed:
    'Kamera tidak dapat dibuka: izin ditolak atau tidak ada kamera. Tempel teks QR di kotak di atas.',
  // Result
  resultHeading: 'Hasil pemeriksaan',
  'title.valid': 'ASLI — kartu berlaku',
  'title.revoked': 'DIBATALKAN — kartu ini sudah diganti',
  'title.expired': 'KEDALUWARSA — masa berlaku habis pada {date}',
  'title.notYetValid': 'BELUM BERLAKU — mulai {date}',
  'title.forged': 'PALSU ATAU RUSAK',
  'title.revokedSigner': 'DICABUT — ditandatangani perangkat yang sudah dicabut',
  'title.revokedSignerEarlier': 'PERLU DIPERIKSA — ditandatangani perangkat yang sudah dicabut',
  revokedSignerAdvice:
    'Komputer kantor yang mencetak kartu ini dicabut {wilayah} pada {date} (hilang, dicuri atau disalahgunakan). Kartu ini tercetak pada atau sesudah tanggal itu: jangan diterima; minta peserta ke kantor kecamatan untuk kartu baru.',
  revokedSignerEarlierAdvice:
    'Komputer kantor yang mencetak kartu ini dicabut {wilayah} pada {date}. Kartu mengaku dicetak sebelumnya, tetapi tanggal itu ditulis komputer yang dicabut itu sendiri dan cetakannya tidak tercatat di sini. Periksa ke kantor penerbit sebelum diterima.',
  'title.deceased': 'PESERTA TELAH MENINGGAL — kartu asli, tetapi tidak berlaku lagi',
  deceasedAdvice:
    'Menurut data kantor ini peserta meninggal pada {date}. Kartu ini tidak menjamin siapa pun. Bila keluarga datang untuk klaim JKM, bantu ahli waris menyiapkan berkas.',
  'title.notCovered':
    'TERDAFTAR, BELUM/TIDAK TERLINDUNGI — kartu asli, tetapi pemegangnya tidak dijamin BPJS',
  notCoveredAdvice:
    'Menurut data kantor ini status peserta: {status}. Iurannya tidak dibayar pemerintah daerah, jadi kartu ini tidak menjamin apa pun. Hubungi kantor kecamatan.',
  'status.draft': 'Draf',
  'status.submitted': 'Diajukan',
  'status.returned': 'Dikembalikan',
  'status.approved': 'Disetujui, belum didaftarkan ke BPJS',
  'status.enrolled': 'Terdaftar di BPJS',
  'status.active': 'Aktif',
  'status.ended': 'Kepesertaan berakhir',
  'title.unknownKey': 'TIDAK DAPAT DIPERIKSA — kunci {wilayah} tidak dikenal',
  'revocation.checked': 'Status pembatalan: diperiksa dengan data kantor ini.',
  'revocation.notLocal':
    'Tanda tangan asli. Kartu ini dari luar data kantor ini, jadi penggantian kartu tidak dapat diperiksa di sini.',
  'revocation.notYetSynced':
    'Tanda tangan asli. Peserta ada di data kantor ini, tetapi cetakan kartu ini belum tercatat di sini (mungkin belum sinkron), jadi penggantian kartu belum dapat dipastikan.',
  compareInitials: 'Cocokkan inisial {initials} dengan nama pada KTP pemegang kartu.',
  replacedBy:
    'Diganti dengan nomor seri {serial}, dicetak {date}. Kartu ini jangan diterima; minta peserta memakai yang terbaru.',
  expiredAdvice:
    'Tanda tangan asli, tetapi masa berlakunya sudah habis. Peserta perlu kartu baru dari kantor kecamatan.',
  notYetValidAdvice:
    'Tanda tangan asli, tetapi kartu baru berlaku mulai tanggal itu. Periksa tanggal komputer ini bila terasa salah.',
  'failure.NOT_A_NAUNGAN_CODE': 'Ini bukan kode QR kartu Naungan.',
  'failure.MALFORMED': 'Kode terpotong atau rusak; pindai ulang.',
  'failure.UNKNOWN_DISTRICT_KEY':
    'Kartu ditandatangani dengan kunci yang tidak dikenal komputer ini ({wilayah} lain, atau kunci belum tersimpan).',
  'failure.CERTIFICATE_FORGED':
    'Isi kartu diubah setelah dicetak: izin komputer pencetaknya tidak ditandatangani {wilayah}.',
  'failure.SIGNATURE_FORGED': 'Isi kartu diubah setelah dicetak.',
  'failure.CERTIFICATE_NOT_VALID_THEN':
    'Kartu dicetak pada tanggal ketika komputer pencetaknya tidak berwenang mencetak kartu.',
  'failure.OFFICE_MAY_NOT_SIGN':
    'Kartu ditandatangani komputer kantor yang tidak berwenang menerbitkan kartu untuk nomor pendaftaran ini (kecamatan lain).',
  unknownKeyAdvice:
    'Jangan langsung dianggap palsu: simpan kunci publik {wilayah} di bagian "Kunci publik {wilayah}" di bawah, lalu periksa lagi.',
  forgedAdvice:
    'Kartu ini jangan diterima. Bila kartu tampak asli, pindai sekali lagi dengan hati-hati.',
  // Card details
  holderInitials: 'Inisial pemegang',
  participantNumber: 'Nomor peserta',
  kind: 'Jenis',
  'kind.card': 'Kartu peserta',
  'kind.sticker': 'Stiker rumah',
  serial: 'Nomor seri',
  office: 'Kantor penerbit',
  validity: 'Masa berlaku',
  validityRange: '{from} s.d. {until}',
  printedOn: 'Dicetak',
  fullName: 'Nama di data kantor ini',
  openParticipant: 'Buka data peserta',
  // Trusted keys
  keysHeading: 'Kunci publik {wilayah}',
  trustedCount: 'Kunci yang dipercaya: {count}',
  noKeys:
    'Komputer ini belum menyimpan kunci publik {wilayah}, jadi belum dapat memastikan kartu asli. Minta teks kunci publik {wilayah} ke dinas tenaga kerja, lalu tempel di kotak "Kunci publik {wilayah}" dan pilih "Simpan kunci".',
  addKeySummary: 'Tambah kunci publik {wilayah}',
  keyField: 'Kunci publik {wilayah}',
  keyFieldHint:
    'Teks dari dinas tenaga kerja (43 huruf, angka, - dan _). Untuk komputer Naungan yang tidak tersambung ke server, misalnya di meja BPJS atau puskesmas. Kunci ini tidak rahasia.',
  saveKey: 'Simpan kunci',
  keyEmpty: 'Kotak kunci masih kosong. Tempel teks kunci dari dinas tenaga kerja.',
  keyInvalid:
    'Teks ini bukan kunci publik {wilayah} yang sah (harus 43 huruf, angka, - atau _). Periksa salinannya. Tidak ada yang disimpan.',
  keySaved: 'Kunci tersimpan. Kunci yang dipercaya sekarang: {count}.',
  keyAlreadyTrusted: 'Kunci ini sudah tersimpan sebelumnya. Tidak ada yang berubah.',
  keySaveFailed:
    'Kunci tidak dapat disimpan karena data di komputer ini tidak dapat ditulis. Coba lagi.',
  revocationListAge: 'Daftar pencabutan per {date}: {count} perangkat dicabut.',
  noRevocationList:
    'Komputer ini belum menyimpan daftar perangkat yang dicabut. Perbarui kunci dari server saat tersambung.',
  refreshFromServer: 'Perbarui kunci dari server',
  refreshing: 'Menghubungi server…',
  refreshOffline:
    'Komputer ini sedang tidak tersambung ke internet. Kunci yang sudah tersimpan tetap dipakai.',
  refreshFailed:
    'Server pusat tidak dapat dihubungi. Kunci yang sudah tersimpan tetap dipakai; coba lagi nanti.',
  refreshDone: 'Kunci dari server tersimpan. Kunci yang dipercaya sekarang: {count}.',
}

export const verifyMessagesEn: Messages<typeof verifyMessagesId> = {
  title: 'Verify a participant card',
  intro:
    'Check whether a membership card or house sticker is genuine and still valid. Scan its QR code with a scanner or the camera, or paste its text into the box.',
  qrText: 'QR code text',
  qrTextHint:
    'A USB barcode scanner types into this box and presses Enter itself. Enter or Ctrl+Enter checks.',
  check: 'Check',
  emptyText: 'The QR code text box is empty. Scan the card or paste its text first.',
  checking: 'Checking…',
  checkFailed:
    "The check failed because this PC's data could not be read. Try again; if it keeps happening, restart the app.",
  // Camera
  scanWithCamera: 'Scan with the camera',
  stopCamera: 'Turn the camera off',
  cameraStarting: 'Opening the camera…',
  cameraScanning:
    "Hold the card's QR code in front of the camera for a moment. Esc turns the camera off.",
  cameraVideo: 'Camera picture',
  cameraFailed:
    'The camera could not be opened: permission was refused or there is no camera. Paste the QR text into the box above.',
  // Result
  resultHeading: 'Result',
  'title.valid': 'GENUINE — card is valid',
  'title.revoked': 'CANCELLED — this card has been replaced',
  'title.expired': 'EXPIRED — validity ended on {date}',
  'title.notYetValid': 'NOT YET VALID — from {date}',
  'title.forged': 'FORGED OR DAMAGED',
  'title.revokedSigner': 'REVOKED — signed by a PC that has been revoked',
  'title.revokedSignerEarlier': 'NEEDS CHECKING — signed by a PC that has been revoked',
  revokedSignerAdvice:
    'The office PC that printed this card was revoked by the district on {date} (lost, stolen or misused). This card was printed on or after that day: do not accept it; send the participant to the kecamatan office for a new card.',
  revokedSignerEarlierAdvice:
    'The office PC that printed this card was revoked by the district on {date}. The card claims an earlier print day, but that day was written by the revoked PC itself and the print is not recorded here. Check with the issuing office before accepting it.',
  'title.deceased': 'PARTICIPANT HAS DIED — a genuine card, no longer valid',
  deceasedAdvice:
    "According to this office's data the participant died on {date}. This card protects no one. If the family comes to claim JKM, help the heir prepare the documents.",
  'title.notCovered':
    'REGISTERED, NOT COVERED — a genuine card, but its holder has no BPJS coverage',
  notCoveredAdvice:
    "According to this office's data the participant's status is: {status}. The regency does not pay for them, so this card guarantees nothing. Contact the kecamatan office.",
  'status.draft': 'Draft',
  'status.submitted': 'Submitted',
  'status.returned': 'Returned',
  'status.approved': 'Approved, not yet enrolled with BPJS',
  'status.enrolled': 'Enrolled with BPJS',
  'status.active': 'Active',
  'status.ended': 'Coverage ended',
  'title.unknownKey': 'CANNOT BE CHECKED — unknown district key',
  'revocation.checked': "Cancellation status: checked against this office's data.",
  'revocation.notLocal':
    "The signature is genuine. This card is from outside this office's data, so a replacement card cannot be checked here.",
  'revocation.notYetSynced':
    'The signature is genuine. The participant is in this office’s data, but this print is not recorded here yet (perhaps not synced), so a replacement cannot be ruled out.',
  compareInitials: "Match the initials {initials} against the name on the holder's ID card.",
  replacedBy:
    'Replaced by serial {serial}, printed {date}. Do not accept this card; ask for the newest one.',
  expiredAdvice:
    'The signature is genuine, but the card has run out. The participant needs a new card from the kecamatan office.',
  notYetValidAdvice:
    "The signature is genuine, but the card only becomes valid on that date. Check this PC's date if that looks wrong.",
  'failure.NOT_A_NAUNGAN_CODE': 'This is not the QR code of a Naungan card.',
  'failure.MALFORMED': 'The code is cut off or damaged; scan it again.',
  'failure.UNKNOWN_DISTRICT_KEY':
    'The card is signed with a key this PC does not know (another district, or the key is not saved yet).',
  'failure.CERTIFICATE_FORGED':
    "The card was altered after printing: the printing PC's authorisation was not signed by the district.",
  'failure.SIGNATURE_FORGED': 'The card was altered after printing.',
  'failure.CERTIFICATE_NOT_VALID_THEN':
    'The card was printed on a day when the printing PC was not authorised to print cards.',
  'failure.OFFICE_MAY_NOT_SIGN':
    "The card was signed by an office PC that may not issue cards for this registration number (another kecamatan's).",
  unknownKeyAdvice:
    'Do not call it forged yet: save the district public key under "District public key" below, then check again.',
  forgedAdvice: 'Do not accept this card. If it looks genuine, scan it once more with care.',
  // Card details
  holderInitials: "Holder's initials",
  participantNumber: 'Participant number',
  kind: 'Kind',
  'kind.card': 'Membership card',
  'kind.sticker': 'House sticker',
  serial: 'Serial',
  office: 'Issuing office',
  validity: 'Valid',
  validityRange: '{from} to {until}',
  printedOn: 'Printed',
  fullName: "Name in this office's data",
  openParticipant: 'Open participant record',
  // Trusted keys
  keysHeading: 'District public key',
  trustedCount: 'Trusted keys: {count}',
  noKeys:
    'This PC has not saved the district public key yet, so it cannot tell a genuine card yet. Ask the labour office for the district public key text, paste it into "District public key" and choose "Save key".',
  addKeySummary: 'Add a district public key',
  keyField: 'District public key',
  keyFieldHint:
    'Text from the labour office (43 letters, digits, - and _). For copies of Naungan not connected to the server, e.g. at a BPJS or puskesmas desk. This key is not secret.',
  saveKey: 'Save key',
  keyEmpty: 'The key box is empty. Paste the key text from the labour office.',
  keyInvalid:
    'This text is not a valid district public key (it must be 43 letters, digits, - or _). Check the copy. Nothing was saved.',
  keySaved: 'Key saved. Trusted keys now: {count}.',
  keyAlreadyTrusted: 'This key was already saved. Nothing changed.',
  keySaveFailed:
    "The key could not be saved because this PC's data could not be written. Try again.",
  revocationListAge:
    'Revocation list as of {date}: {count, plural, one {# PC} other {# PCs}} revoked.',
  noRevocationList:
    'This PC holds no list of revoked PCs yet. Update the keys from the server when connected.',
  refreshFromServer: 'Update keys from the server',
  refreshing: 'Contacting the server…',
  refreshOffline: 'This PC is offline. The keys already saved are still used.',
  refreshFailed:
    'The central server could not be reached. The keys already saved are still used; try again later.',
  refreshDone: 'Keys from the server saved. Trusted keys now: {count}.',
}

export type VerifyMessageKey = keyof typeof verifyMessagesId

export const verifyText = textFor<VerifyMessageKey>({ id: verifyMessagesId, en: verifyMessagesEn })
