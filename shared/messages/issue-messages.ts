/**
 * Every problem code in words a kecamatan clerk understands, Bahasa Indonesia first. The one place
 * where codes become text (STYLE habit 12): domain code returns codes, the UI calls describeIssue.
 *
 * Templates name params in braces, `{age}`; `{nikSex|sex}` formats the value first (see FORMATS).
 * No template shows a full NIK or KK, and describeIssue masks any 16-digit run that reaches it.
 */
import { ISSUE_CODES, type Issue, type IssueCode } from '../issues/issue'
import { maskNik } from '../identity/masking'

export type MessageLanguage = 'id' | 'en'

export interface MessageTemplate {
  id: string
  en: string
}

export const ISSUE_MESSAGES: Readonly<Record<IssueCode, MessageTemplate>> = {
  NIK_EMPTY: { id: 'NIK belum diisi.', en: 'The NIK has not been filled in.' },
  NIK_NOT_DIGITS: {
    id: 'NIK hanya boleh berisi angka. Periksa apakah ada huruf yang terketik, misalnya huruf O sebagai ganti angka 0.',
    en: 'The NIK may contain digits only. Check for a typed letter, for example the letter O instead of the digit 0.',
  },
  NIK_LENGTH: {
    id: 'NIK harus 16 angka, yang diisi {length} angka.',
    en: 'A NIK has 16 digits; {length} were entered.',
  },
  NIK_PROVINCE_UNKNOWN: {
    id: 'Dua angka pertama NIK ({provinceCode}) bukan kode provinsi. Periksa lagi NIK di KTP.',
    en: 'The first two digits of the NIK ({provinceCode}) are not a province code. Check the NIK on the KTP.',
  },
  NIK_REGION_INVALID: {
    id: 'Kode kabupaten atau kecamatan di NIK (angka ke-3 sampai ke-6) tidak boleh 00. Periksa lagi NIK di KTP.',
    en: 'The regency or kecamatan code in the NIK (digits 3 to 6) cannot be 00. Check the NIK on the KTP.',
  },
  NIK_DATE_INVALID: {
    id: 'Angka tanggal lahir di NIK (tanggal {day}, bulan {month}) bukan tanggal yang benar. Untuk perempuan, tanggal di NIK ditambah 40. Periksa lagi NIK di KTP.',
    en: 'The birth date in the NIK (day {day}, month {month}) is not a real date. For women, 40 is added to the day. Check the NIK on the KTP.',
  },
  NIK_SERIAL_ZERO: {
    id: 'Empat angka terakhir NIK tidak boleh 0000. Periksa lagi NIK di KTP.',
    en: 'The last four digits of the NIK cannot be 0000. Check the NIK on the KTP.',
  },
  NIK_BIRTH_DAY_MISMATCH: {
    id: 'Tanggal lahir di NIK ({nikDay}) tidak sama dengan tanggal lahir yang diisi ({enteredDay}).',
    en: 'The birth day in the NIK ({nikDay}) is not the same as the birth day entered ({enteredDay}).',
  },
  NIK_BIRTH_MONTH_MISMATCH: {
    id: 'Bulan lahir di NIK ({nikMonth|month}) tidak sama dengan bulan lahir yang diisi ({enteredMonth|month}).',
    en: 'The birth month in the NIK ({nikMonth|month}) is not the same as the birth month entered ({enteredMonth|month}).',
  },
  NIK_BIRTH_YEAR_MISMATCH: {
    id: 'Tahun lahir di NIK (berakhiran {nikYear2}) tidak sama dengan tahun lahir yang diisi ({enteredYear}).',
    en: 'The birth year in the NIK (ending in {nikYear2}) is not the same as the birth year entered ({enteredYear}).',
  },
  NIK_SEX_MISMATCH: {
    id: 'Menurut NIK, orang ini {nikSex|sex} (angka tanggal di NIK {nikDayDigits}; untuk perempuan tanggal ditambah 40), tetapi jenis kelamin yang diisi {enteredSex|sex}.',
    en: 'According to the NIK this person is {nikSex|sex} (the day in the NIK is {nikDayDigits}; for women 40 is added to the day), but the sex entered is {enteredSex|sex}.',
  },
  NIK_OUTSIDE_DISTRICT: {
    id: 'NIK ini pertama kali dibuat di luar {districtName} (kode wilayah {regencyCode}, {provinceName}). Boleh tetap didaftarkan jika orangnya sekarang tinggal di sini; pastikan alamat yang diisi adalah alamat tinggal sekarang.',
    en: 'This NIK was first issued outside {districtName} (region code {regencyCode}, {provinceName}). The person may still be registered if they now live here; make sure the address entered is where they live now.',
  },
  NIK_KECAMATAN_UNKNOWN: {
    id: 'Kode kecamatan di NIK (angka ke-5 dan ke-6: {kecamatanShortCode}) tidak ada di {districtName}. Periksa lagi NIK di KTP.',
    en: 'The kecamatan code in the NIK (digits 5 and 6: {kecamatanShortCode}) does not exist in {districtName}. Check the NIK on the KTP.',
  },
  KK_EMPTY: {
    id: 'Nomor KK belum diisi.',
    en: 'The family card (KK) number has not been filled in.',
  },
  KK_NOT_DIGITS: {
    id: 'Nomor KK hanya boleh berisi angka.',
    en: 'The family card (KK) number may contain digits only.',
  },
  KK_LENGTH: {
    id: 'Nomor KK harus 16 angka, yang diisi {length} angka.',
    en: 'A family card (KK) number has 16 digits; {length} were entered.',
  },
  KK_ALL_ZEROS: {
    id: 'Nomor KK tidak boleh semuanya angka 0. Salin nomor dari Kartu Keluarga.',
    en: 'The family card (KK) number cannot be all zeros. Copy the number from the family card.',
  },
  KK_PROVINCE_UNKNOWN: {
    id: 'Dua angka pertama nomor KK ({provinceCode}) bukan kode provinsi. Periksa lagi Kartu Keluarga.',
    en: 'The first two digits of the family card (KK) number ({provinceCode}) are not a province code. Check the family card.',
  },
  KK_SAME_AS_NIK: {
    id: 'Nomor KK sama dengan NIK. Nomor KK ada di bagian atas Kartu Keluarga, bukan di KTP.',
    en: 'The family card (KK) number is the same as the NIK. The KK number is at the top of the family card, not on the KTP.',
  },
  PHONE_EMPTY: { id: 'Nomor HP belum diisi.', en: 'The mobile number has not been filled in.' },
  PHONE_INVALID_CHARS: {
    id: 'Nomor HP hanya boleh berisi angka, boleh dengan spasi, tanda hubung, titik, kurung, atau + di depan.',
    en: 'A mobile number may contain digits only, with spaces, dashes, dots, brackets or a leading +.',
  },
  PHONE_NOT_MOBILE: {
    id: 'Ini bukan nomor HP Indonesia. Nomor HP diawali 08 atau +628; nomor telepon rumah atau kantor tidak bisa dipakai.',
    en: 'This is not an Indonesian mobile number. Mobile numbers start with 08 or +628; home or office landlines cannot be used.',
  },
  PHONE_LENGTH: {
    id: 'Nomor HP harus 10 sampai 13 angka (diawali 08), yang diisi {length} angka.',
    en: 'A mobile number has 10 to 13 digits (starting with 08); {length} were entered.',
  },
  BIRTH_DATE_INVALID: {
    id: 'Tanggal lahir tidak benar. Pilih tanggal yang ada di kalender.',
    en: 'The birth date is not a real date. Choose a date from the calendar.',
  },
  BIRTH_DATE_IN_FUTURE: {
    id: 'Tanggal lahir tidak boleh sesudah hari ini.',
    en: 'The birth date cannot be after today.',
  },
  AGE_BELOW_MIN: {
    id: 'Umurnya {age} tahun. Peserta harus sudah berumur {min} tahun pada hari pendaftaran.',
    en: 'The person is {age} years old. Participants must be at least {min} on the day of registration.',
  },
  AGE_ABOVE_MAX: {
    id: 'Umurnya {age} tahun. Peserta paling tua berumur {max} tahun pada hari pendaftaran.',
    en: 'The person is {age} years old. Participants can be at most {max} on the day of registration.',
  },
  OCCUPATION_NOT_ELIGIBLE: {
    id: 'Pekerjaan ini tidak termasuk program. Pilih pekerjaan dari daftar.',
    en: 'This occupation is not covered by the programme. Choose an occupation from the list.',
  },
  REQUIRED: { id: 'Wajib diisi.', en: 'This field is required.' },
  TOO_LONG: {
    id: 'Terlalu panjang, paling banyak {max} huruf.',
    en: 'Too long: at most {max} characters.',
  },
  TOO_SHORT: {
    id: 'Terlalu pendek, paling sedikit {min} huruf.',
    en: 'Too short: at least {min} characters.',
  },
  NAME_INVALID_CHARS: {
    id: "Hanya boleh berisi huruf, spasi, dan tanda . , ' - (tanpa angka, emoji, atau simbol lain).",
    en: "Only letters, spaces and the marks . , ' - are allowed (no digits, emoji or other symbols).",
  },
  NAME_NEEDS_LETTER: { id: 'Harus berisi huruf.', en: 'Must contain letters.' },
  PLACE_INVALID_CHARS: {
    id: "Hanya boleh berisi huruf, angka, spasi, dan tanda . , ' - ( ) /",
    en: "Only letters, digits, spaces and the marks . , ' - ( ) / are allowed.",
  },
  ADDRESS_INVALID_CHARS: {
    id: 'Alamat berisi tanda yang tidak boleh dipakai, misalnya < > atau emoji. Tulis alamat seperti di KTP.',
    en: 'The address contains characters that are not allowed, such as < > or emoji. Write the address as on the KTP.',
  },
  SEX_INVALID: { id: 'Pilih laki-laki atau perempuan.', en: 'Choose male or female.' },
  RT_INVALID: {
    id: 'RT harus angka 1 sampai 3 digit, misalnya 3 atau 003, dan bukan 000.',
    en: 'RT must be a number of 1 to 3 digits, for example 3 or 003, and not 000.',
  },
  RW_INVALID: {
    id: 'RW harus angka 1 sampai 3 digit, misalnya 3 atau 003, dan bukan 000.',
    en: 'RW must be a number of 1 to 3 digits, for example 3 or 003, and not 000.',
  },
  KECAMATAN_UNKNOWN: {
    id: 'Kecamatan tidak dikenal. Pilih dari daftar.',
    en: 'Unknown kecamatan. Choose one from the list.',
  },
  VILLAGE_UNKNOWN: {
    id: 'Desa/kelurahan tidak dikenal. Pilih dari daftar.',
    en: 'Unknown desa/kelurahan. Choose one from the list.',
  },
  KECAMATAN_OUTSIDE_OFFICE: {
    id: 'Kantor ini melayani warga Kecamatan {officeKecamatanName}; warga Kecamatan {kecamatanName} didaftarkan di kantor kecamatannya. Server akan menolak data ini.',
    en: 'This office serves residents of Kecamatan {officeKecamatanName}; residents of Kecamatan {kecamatanName} register at their own kecamatan office. The server would refuse this record.',
  },
  VILLAGE_NOT_IN_KECAMATAN: {
    id: '{villageName} tidak berada di Kecamatan {kecamatanName}. Pilih lagi desa/kelurahannya.',
    en: '{villageName} is not in Kecamatan {kecamatanName}. Choose the desa/kelurahan again.',
  },
  INCOME_INVALID: {
    id: 'Penghasilan harus angka rupiah tanpa sen, misalnya 1500000 atau Rp 1.500.000.',
    en: 'Income must be whole rupiah, for example 1500000 or Rp 1.500.000.',
  },
  INCOME_TOO_HIGH: {
    id: 'Penghasilan per bulan paling banyak {max|rupiah}. Periksa jumlah angka nol.',
    en: 'Monthly income can be at most {max|rupiah}. Check the number of zeros.',
  },
  HEIR_RELATIONSHIP_UNKNOWN: {
    id: 'Hubungan ahli waris tidak dikenal. Pilih dari daftar.',
    en: 'Unknown heir relationship. Choose one from the list.',
  },
  HEIR_SAME_AS_PARTICIPANT: {
    id: 'Nama ahli waris sama dengan nama peserta. Ahli waris adalah orang lain yang menerima santunan jika peserta meninggal.',
    en: 'The heir has the same name as the participant. The heir is another person who receives the benefit if the participant dies.',
  },
  REGISTRATION_NUMBER_INVALID: {
    id: 'Nomor pendaftaran tidak benar. Bentuknya seperti 0601-000123.',
    en: 'Not a valid registration number. It looks like 0601-000123.',
  },
  DUPLICATE_NIK: {
    id: 'NIK ini sudah terdaftar. Satu orang hanya boleh didaftarkan sekali; cari datanya dengan NIK ini.',
    en: 'This NIK is already registered. A person can be registered only once; search for the record with this NIK.',
  },
  POSSIBLE_DUPLICATE_PERSON: {
    id: 'Sudah ada peserta dengan nama dan tanggal lahir yang sama. Periksa apakah orang yang sama sudah didaftarkan dengan NIK lain.',
    en: 'A participant with the same name and birth date already exists. Check whether the same person was registered with another NIK.',
  },
}

const MONTH_NAMES: Record<MessageLanguage, readonly string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
}

function groupThousands(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
}

/** Value formats a template may ask for with `{param|format}`. */
const FORMATS: Record<string, (value: string | number, lang: MessageLanguage) => string> = {
  sex: (value, lang) => {
    if (value === 'L') return lang === 'id' ? 'laki-laki' : 'male'
    if (value === 'P') return lang === 'id' ? 'perempuan' : 'female'
    return String(value)
  },
  month: (value, lang) => {
    const name = MONTH_NAMES[lang][Number(value) - 1]
    return name ? `${Number(value)} (${name})` : String(value)
  },
  // Indonesian grouping in both languages: the clerk reads rupiah amounts this way.
  rupiah: (value) =>
    typeof value === 'number' && Number.isFinite(value)
      ? `Rp${groupThousands(value)}`
      : String(value),
}

const PLACEHOLDER = /\{(\w+)(?:\|(\w+))?\}/g
const MAX_PARAM_LENGTH = 100

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[0])
}

/**
 * The issue in the chosen language, params filled in. Unknown codes get a generic sentence rather
 * than an exception: the message is shown to a clerk, never parsed.
 */
export function describeIssue(
  issue: Pick<Issue, 'code' | 'params'>,
  lang: MessageLanguage,
): string {
  const language: MessageLanguage = lang === 'en' ? 'en' : 'id'
  const template = (ISSUE_CODES as readonly string[]).includes(issue.code)
    ? ISSUE_MESSAGES[issue.code][language]
    : language === 'id'
      ? 'Ada isian yang perlu diperiksa.'
      : 'Something in this field needs checking.'
  const params = issue.params ?? {}
  const text = template.replace(PLACEHOLDER, (_match, name: string, format?: string) => {
    const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined
    if (value === undefined || (typeof value !== 'string' && typeof value !== 'number')) return '…'
    const formatter = format ? FORMATS[format] : undefined
    const shown = formatter ? formatter(value, language) : String(value)
    return shown.length > MAX_PARAM_LENGTH ? `${shown.slice(0, MAX_PARAM_LENGTH)}…` : shown
  })
  // Last line of defence for PII: a 16-digit run (a NIK or KK) never leaves in clear.
  return text.replace(/\d{16,}/g, (digits) => (digits.length === 16 ? maskNik(digits) : '****'))
}
