import { textFor, type Messages } from '@shared/i18n/messages'

/**
 * Strings of the printed claim cover letter and the heir's checklist (claim-letter.ts), Indonesian
 * first. Written for a family far from the branch: short sentences, plain words. The names of
 * statuses, documents and benefit lines are shared/claims/claim-messages.ts's.
 */
export const claimLetterMessagesId = {
  'programme.jkm': 'Jaminan Kematian (JKM)',
  'programme.jkk': 'Jaminan Kecelakaan Kerja (JKK)',
  title: 'Surat pengantar klaim {programme}',
  placeDate: '{place}, {date|date}',
  number: 'Nomor: ....................',
  attachment: 'Lampiran: daftar berkas (1 lembar)',
  to: 'Kepada Yth.\nKepala Kantor Cabang BPJS Ketenagakerjaan\ndi tempat',
  greeting: 'Dengan hormat,',
  'opening.heir':
    'Kami mengantar ahli waris peserta di bawah ini. Ahli waris akan mengajukan klaim {programme}. Mohon klaim ini dibantu.',
  'opening.self':
    'Kami mengantar peserta di bawah ini. Peserta akan mengajukan klaim {programme}. Mohon klaim ini dibantu.',
  'section.participant': 'Peserta',
  'field.name': 'Nama',
  'field.nik': 'NIK',
  'field.kpj': 'No. KPJ',
  'field.kpjNone': 'Belum ada',
  'field.registration': 'No. pendaftaran',
  'field.village': 'Desa / kelurahan',
  'field.kecamatan': 'Kecamatan',
  'field.programme': 'Kepesertaan',
  programmeValue: 'Bukan Penerima Upah (BPU). Iuran dibayar Pemerintah {region}.',
  'field.diedOn': 'Tanggal meninggal',
  'field.accidentOn': 'Tanggal kecelakaan kerja',
  accidentDied: 'Peserta meninggal dunia karena kecelakaan ini.',
  'section.heir': 'Ahli waris',
  'field.relationship': 'Hubungan',
  'section.benefit': 'Perkiraan manfaat',
  'col.benefit': 'Manfaat',
  'col.amount': 'Jumlah',
  'benefit.total': 'Jumlah seluruhnya',
  'benefit.full': 'Kepesertaan tanpa putus sejak {start|date}.',
  'benefit.early':
    'Peserta meninggal dalam 3 bulan pertama kepesertaan (mulai {start|date}). Karena itu yang dibayar hanya biaya pemakaman.',
  'scholarship.eligible':
    'Beasiswa pendidikan: berhak, untuk {children} anak yang bersekolah. Besarnya ditetapkan BPJS dan dibayar tiap tahun ajaran.',
  'scholarship.noChildren':
    'Beasiswa pendidikan: masa kepesertaan sudah 3 tahun, tetapi belum tercatat anak yang bersekolah. Beri tahu BPJS bila ada.',
  'scholarship.tooShort':
    'Beasiswa pendidikan: belum berhak, karena masa kepesertaan kurang dari 3 tahun.',
  'benefit.jkk':
    'Manfaat JKK ditetapkan BPJS setelah BPJS menilai kecelakaan kerja ini. Kepesertaan sejak {start|date}.',
  'benefit.unknown': 'Perkiraan manfaat belum dapat dihitung.',
  'benefit.note':
    'Ini perkiraan menurut aturan. Jumlah yang dibayar tetap ditetapkan BPJS Ketenagakerjaan.',
  'section.status': 'Status klaim',
  statusLine: '{status}, sejak {since|date}.',
  openedLine: 'Kematian atau kecelakaan dilaporkan ke kantor kami pada {date|date}.',
  claimedLine: 'Jumlah yang diajukan: {amount|rupiah}.',
  paidLine: 'Dibayar BPJS {amount|rupiah} pada {date|date}.',
  rejectedLine: 'Alasan BPJS menolak: {reason}',
  closing: 'Terima kasih atas bantuan Bapak/Ibu.',
  signTitle: 'Petugas {office}',
  signLine: '(..............................................)',
  signName: 'Nama jelas, tanda tangan dan cap',
  'checklist.title.heir': 'Daftar berkas untuk ahli waris',
  'checklist.title.self': 'Daftar berkas untuk peserta',
  'checklist.for.heir': 'Untuk {heir} ({relationship}), ahli waris {participant}.',
  'checklist.for.self': 'Untuk {participant}.',
  'checklist.claim': 'Klaim {programme}. No. KPJ: {kpj}.',
  'checklist.legend': 'Tanda [x]: berkas sudah kami terima. Tanda [ ]: berkas belum ada.',
  'col.box': 'Ada',
  'col.document': 'Berkas',
  'col.state': 'Keterangan',
  received: 'Diterima {date|date}',
  missing: 'Belum ada',
  complete: 'Semua berkas sudah lengkap.',
  incomplete: '{count} berkas belum ada. Lengkapi dulu sebelum pergi ke kantor BPJS.',
  'bring.title': 'Yang dibawa ke kantor BPJS Ketenagakerjaan',
  'bring.letter': 'Surat pengantar ini (halaman 1).',
  'bring.documents':
    'Semua berkas di daftar di atas. Bawa yang asli dan satu fotokopi tiap berkas.',
  'bring.account.heir':
    'Buku tabungan atas nama ahli waris. Uang klaim dikirim BPJS ke rekening itu.',
  'bring.account.self': 'Buku tabungan atas nama peserta. Uang klaim dikirim BPJS ke rekening itu.',
  'bring.free':
    'Mengurus klaim tidak dipungut biaya. Jangan memberi uang kepada siapa pun untuk mengurusnya.',
  'ask.title': 'Tempat bertanya',
  'ask.office': 'Bila ada yang kurang jelas, tanyakan ke {office}.',
  'ask.address': 'Alamat: {address}',
  printed: 'Dicetak {date|date}.',
}

export const claimLetterMessagesEn: Messages<typeof claimLetterMessagesId> = {
  'programme.jkm': 'Death Benefit (Jaminan Kematian, JKM)',
  'programme.jkk': 'Work Accident Benefit (Jaminan Kecelakaan Kerja, JKK)',
  title: 'Claim cover letter: {programme}',
  placeDate: '{place}, {date|date}',
  number: 'Number: ....................',
  attachment: 'Attached: list of documents (1 sheet)',
  to: 'To\nThe Head of the BPJS Ketenagakerjaan Branch Office',
  greeting: 'Dear Sir or Madam,',
  'opening.heir':
    'We refer to you the heir of the participant below. The heir will claim the {programme}. Please help with this claim.',
  'opening.self':
    'We refer to you the participant below. The participant will claim the {programme}. Please help with this claim.',
  'section.participant': 'Participant',
  'field.name': 'Name',
  'field.nik': 'NIK',
  'field.kpj': 'KPJ number',
  'field.kpjNone': 'None yet',
  'field.registration': 'Registration no.',
  'field.village': 'Village',
  'field.kecamatan': 'Kecamatan',
  'field.programme': 'Membership',
  programmeValue: 'Non-wage earner (BPU). Contributions paid by the Government of {region}.',
  'field.diedOn': 'Date of death',
  'field.accidentOn': 'Date of the work accident',
  accidentDied: 'The participant died in this accident.',
  'section.heir': 'Heir',
  'field.relationship': 'Relationship',
  'section.benefit': 'Expected benefit',
  'col.benefit': 'Benefit',
  'col.amount': 'Amount',
  'benefit.total': 'Total',
  'benefit.full': 'Unbroken membership since {start|date}.',
  'benefit.early':
    'The participant died in the first 3 months of membership (from {start|date}). So only the funeral costs are paid.',
  'scholarship.eligible':
    'Education scholarship: eligible, for {children, plural, one {# child} other {# children}} in school. BPJS sets the amount and pays it each school year.',
  'scholarship.noChildren':
    'Education scholarship: membership reached 3 years, but no child in school is recorded. Tell BPJS if there is one.',
  'scholarship.tooShort': 'Education scholarship: not eligible, membership is under 3 years.',
  'benefit.jkk':
    'BPJS sets the JKK benefit after assessing this work accident. Membership since {start|date}.',
  'benefit.unknown': 'The expected benefit cannot be computed yet.',
  'benefit.note': 'This is an estimate by the rules. BPJS Ketenagakerjaan sets the amount it pays.',
  'section.status': 'Claim status',
  statusLine: '{status}, since {since|date}.',
  openedLine: 'The death or accident was reported to our office on {date|date}.',
  claimedLine: 'Amount claimed: {amount|rupiah}.',
  paidLine: 'Paid by BPJS: {amount|rupiah} on {date|date}.',
  rejectedLine: "BPJS's reason for rejecting: {reason}",
  closing: 'Thank you for your help.',
  signTitle: 'Officer, {office}',
  signLine: '(..............................................)',
  signName: 'Full name, signature and stamp',
  'checklist.title.heir': 'Documents for the heir',
  'checklist.title.self': 'Documents for the participant',
  'checklist.for.heir': 'For {heir} ({relationship}), heir of {participant}.',
  'checklist.for.self': 'For {participant}.',
  'checklist.claim': 'Claim: {programme}. KPJ number: {kpj}.',
  'checklist.legend': 'Mark [x]: we have received it. Mark [ ]: not there yet.',
  'col.box': 'Have',
  'col.document': 'Document',
  'col.state': 'Note',
  received: 'Received {date|date}',
  missing: 'Not there yet',
  complete: 'Every document is there.',
  incomplete:
    '{count, plural, one {# document is} other {# documents are}} not there yet. Get them before going to the BPJS office.',
  'bring.title': 'What to bring to the BPJS Ketenagakerjaan office',
  'bring.letter': 'This cover letter (page 1).',
  'bring.documents':
    'Every document on the list above. Bring the original and one photocopy of each.',
  'bring.account.heir': "The heir's bank book. BPJS sends the money to that account.",
  'bring.account.self': "The participant's bank book. BPJS sends the money to that account.",
  'bring.free': 'Claiming costs nothing. Do not give anyone money to arrange it.',
  'ask.title': 'Where to ask',
  'ask.office': 'If anything is unclear, ask {office}.',
  'ask.address': 'Address: {address}',
  printed: 'Printed {date|date}.',
}

export type ClaimLetterMessageKey = keyof typeof claimLetterMessagesId

export const claimLetterText = textFor<ClaimLetterMessageKey>({
  id: claimLetterMessagesId,
  en: claimLetterMessagesEn,
})
