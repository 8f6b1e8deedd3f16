/**
 * Every problem code in words a kecamatan clerk understands, Bahasa Indonesia first. The one place
 * where codes become text (STYLE habit 12): domain code returns codes, the UI calls describeIssue.
 *
 * Templates name params in braces, `{age}`; `{nikSex|sex}` formats the value first (see
 * ISSUE_FORMATS and shared/i18n/format.ts).
 * No template shows a full NIK or KK, and describeIssue masks any 16-digit run that reaches it.
 */
import { ISSUE_CODES, type Issue, type IssueCode } from '../issues/issue'
import { maskNik } from '../identity/masking'
import { format, MONTH_NAMES, type FormatValues, type ValueFormat } from '../i18n/format'
import type { Language } from '../i18n/language'
import type { Messages } from '../i18n/messages'

export const issueMessagesId: Readonly<Record<IssueCode, string>> = {
  NIK_EMPTY: 'NIK belum diisi.',
  NIK_NOT_DIGITS:
    'NIK hanya boleh berisi angka. Periksa apakah ada huruf yang terketik, misalnya huruf O sebagai ganti angka 0.',
  NIK_LENGTH: 'NIK harus 16 angka, yang diisi {length} angka.',
  NIK_PROVINCE_UNKNOWN:
    'Dua angka pertama NIK ({provinceCode}) bukan kode provinsi. Periksa lagi NIK di KTP.',
  NIK_REGION_INVALID:
    'Kode kabupaten atau kecamatan di NIK (angka ke-3 sampai ke-6) tidak boleh 00. Periksa lagi NIK di KTP.',
  NIK_DATE_INVALID:
    'Angka tanggal lahir di NIK (tanggal {day}, bulan {month}) bukan tanggal yang benar. Untuk perempuan, tanggal di NIK ditambah 40. Periksa lagi NIK di KTP.',
  NIK_SERIAL_ZERO: 'Empat angka terakhir NIK tidak boleh 0000. Periksa lagi NIK di KTP.',
  NIK_BIRTH_DAY_MISMATCH:
    'Tanggal lahir di NIK ({nikDay}) tidak sama dengan tanggal lahir yang diisi ({enteredDay}).',
  NIK_BIRTH_MONTH_MISMATCH:
    'Bulan lahir di NIK ({nikMonth|month}) tidak sama dengan bulan lahir yang diisi ({enteredMonth|month}).',
  NIK_BIRTH_YEAR_MISMATCH:
    'Tahun lahir di NIK (berakhiran {nikYear2}) tidak sama dengan tahun lahir yang diisi ({enteredYear}).',
  NIK_SEX_MISMATCH:
    'Menurut NIK, orang ini {nikSex|sex} (angka tanggal di NIK {nikDayDigits}; untuk perempuan tanggal ditambah 40), tetapi jenis kelamin yang diisi {enteredSex|sex}.',
  NIK_OUTSIDE_DISTRICT:
    'NIK ini pertama kali dibuat di luar {districtName} (kode wilayah {regencyCode}, {provinceName}). Boleh tetap didaftarkan jika orangnya sekarang tinggal di sini; pastikan alamat yang diisi adalah alamat tinggal sekarang.',
  NIK_KECAMATAN_UNKNOWN:
    'Kode kecamatan di NIK (angka ke-5 dan ke-6: {kecamatanShortCode}) tidak ada di {districtName}. Periksa lagi NIK di KTP.',
  KK_EMPTY: 'Nomor KK belum diisi.',
  KK_NOT_DIGITS: 'Nomor KK hanya boleh berisi angka.',
  KK_LENGTH: 'Nomor KK harus 16 angka, yang diisi {length} angka.',
  KK_ALL_ZEROS: 'Nomor KK tidak boleh semuanya angka 0. Salin nomor dari Kartu Keluarga.',
  KK_PROVINCE_UNKNOWN:
    'Dua angka pertama nomor KK ({provinceCode}) bukan kode provinsi. Periksa lagi Kartu Keluarga.',
  KK_SAME_AS_NIK:
    'Nomor KK sama dengan NIK. Nomor KK ada di bagian atas Kartu Keluarga, bukan di KTP.',
  PHONE_EMPTY: 'Nomor HP belum diisi.',
  PHONE_INVALID_CHARS:
    'Nomor HP hanya boleh berisi angka, boleh dengan spasi, tanda hubung, titik, kurung, atau + di depan.',
  PHONE_NOT_MOBILE:
    'Ini bukan nomor HP Indonesia. Nomor HP diawali 08 atau +628; nomor telepon rumah atau kantor tidak bisa dipakai.',
  PHONE_LENGTH: 'Nomor HP harus 10 sampai 13 angka (diawali 08), yang diisi {length} angka.',
  BIRTH_DATE_INVALID: 'Tanggal lahir tidak benar. Pilih tanggal yang ada di kalender.',
  BIRTH_DATE_IN_FUTURE: 'Tanggal lahir tidak boleh sesudah hari ini.',
  AGE_BELOW_MIN:
    'Umurnya {age} tahun. Peserta harus sudah berumur {min} tahun pada hari pendaftaran.',
  AGE_ABOVE_MAX:
    'Umurnya {age} tahun. Peserta paling tua berumur {max} tahun pada hari pendaftaran.',
  OCCUPATION_NOT_ELIGIBLE: 'Pekerjaan ini tidak termasuk program. Pilih pekerjaan dari daftar.',
  REQUIRED: 'Wajib diisi.',
  TOO_LONG: 'Terlalu panjang, paling banyak {max} huruf.',
  TOO_SHORT: 'Terlalu pendek, paling sedikit {min} huruf.',
  NAME_INVALID_CHARS:
    "Hanya boleh berisi huruf, spasi, dan tanda . , ' - (tanpa angka, emoji, atau simbol lain).",
  NAME_NEEDS_LETTER: 'Harus berisi huruf.',
  PLACE_INVALID_CHARS: "Hanya boleh berisi huruf, angka, spasi, dan tanda . , ' - ( ) /",
  ADDRESS_INVALID_CHARS:
    'Alamat berisi tanda yang tidak boleh dipakai, misalnya < > atau emoji. Tulis alamat seperti di KTP.',
  SEX_INVALID: 'Pilih laki-laki atau perempuan.',
  RT_INVALID: 'RT harus angka 1 sampai 3 digit, misalnya 3 atau 003, dan bukan 000.',
  RW_INVALID: 'RW harus angka 1 sampai 3 digit, misalnya 3 atau 003, dan bukan 000.',
  KECAMATAN_UNKNOWN: 'Kecamatan tidak dikenal. Pilih dari daftar.',
  VILLAGE_UNKNOWN: 'Desa/kelurahan tidak dikenal. Pilih dari daftar.',
  KECAMATAN_OUTSIDE_OFFICE:
    'Kantor ini melayani warga Kecamatan {officeKecamatanName}; warga Kecamatan {kecamatanName} didaftarkan di kantor kecamatannya. Server akan menolak data ini.',
  VILLAGE_NOT_IN_KECAMATAN:
    '{villageName} tidak berada di Kecamatan {kecamatanName}. Pilih lagi desa/kelurahannya.',
  INCOME_INVALID: 'Penghasilan harus angka rupiah tanpa sen, misalnya 1500000 atau Rp 1.500.000.',
  INCOME_TOO_HIGH: 'Penghasilan per bulan paling banyak {max|rupiah}. Periksa jumlah angka nol.',
  HEIR_RELATIONSHIP_UNKNOWN: 'Hubungan ahli waris tidak dikenal. Pilih dari daftar.',
  HEIR_SAME_AS_PARTICIPANT:
    'Nama ahli waris sama dengan nama peserta. Ahli waris adalah orang lain yang menerima santunan jika peserta meninggal.',
  REGISTRATION_NUMBER_INVALID: 'Nomor pendaftaran tidak benar. Bentuknya seperti 0601-000123.',
  DUPLICATE_NIK:
    'NIK ini sudah terdaftar. Satu orang hanya boleh didaftarkan sekali; cari datanya dengan NIK ini.',
  POSSIBLE_DUPLICATE_PERSON:
    'Sudah ada peserta dengan nama dan tanggal lahir yang sama. Periksa apakah orang yang sama sudah didaftarkan dengan NIK lain.',
}

export const issueMessagesEn: Messages<typeof issueMessagesId> = {
  NIK_EMPTY: 'The NIK has not been filled in.',
  NIK_NOT_DIGITS:
    'The NIK may contain digits only. Check for a typed letter, for example the letter O instead of the digit 0.',
  NIK_LENGTH: 'A NIK has 16 digits; {length} were entered.',
  NIK_PROVINCE_UNKNOWN:
    'The first two digits of the NIK ({provinceCode}) are not a province code. Check the NIK on the KTP.',
  NIK_REGION_INVALID:
    'The regency or kecamatan code in the NIK (digits 3 to 6) cannot be 00. Check the NIK on the KTP.',
  NIK_DATE_INVALID:
    'The birth date in the NIK (day {day}, month {month}) is not a real date. For women, 40 is added to the day. Check the NIK on the KTP.',
  NIK_SERIAL_ZERO: 'The last four digits of the NIK cannot be 0000. Check the NIK on the KTP.',
  NIK_BIRTH_DAY_MISMATCH:
    'The birth day in the NIK ({nikDay}) is not the same as the birth day entered ({enteredDay}).',
  NIK_BIRTH_MONTH_MISMATCH:
    'The birth month in the NIK ({nikMonth|month}) is not the same as the birth month entered ({enteredMonth|month}).',
  NIK_BIRTH_YEAR_MISMATCH:
    'The birth year in the NIK (ending in {nikYear2}) is not the same as the birth year entered ({enteredYear}).',
  NIK_SEX_MISMATCH:
    'According to the NIK this person is {nikSex|sex} (the day in the NIK is {nikDayDigits}; for women 40 is added to the day), but the sex entered is {enteredSex|sex}.',
  NIK_OUTSIDE_DISTRICT:
    'This NIK was first issued outside {districtName} (region code {regencyCode}, {provinceName}). The person may still be registered if they now live here; make sure the address entered is where they live now.',
  NIK_KECAMATAN_UNKNOWN:
    'The kecamatan code in the NIK (digits 5 and 6: {kecamatanShortCode}) does not exist in {districtName}. Check the NIK on the KTP.',
  KK_EMPTY: 'The family card (KK) number has not been filled in.',
  KK_NOT_DIGITS: 'The family card (KK) number may contain digits only.',
  KK_LENGTH: 'A family card (KK) number has 16 digits; {length} were entered.',
  KK_ALL_ZEROS:
    'The family card (KK) number cannot be all zeros. Copy the number from the family card.',
  KK_PROVINCE_UNKNOWN:
    'The first two digits of the family card (KK) number ({provinceCode}) are not a province code. Check the family card.',
  KK_SAME_AS_NIK:
    'The family card (KK) number is the same as the NIK. The KK number is at the top of the family card, not on the KTP.',
  PHONE_EMPTY: 'The mobile number has not been filled in.',
  PHONE_INVALID_CHARS:
    'A mobile number may contain digits only, with spaces, dashes, dots, brackets or a leading +.',
  PHONE_NOT_MOBILE:
    'This is not an Indonesian mobile number. Mobile numbers start with 08 or +628; home or office landlines cannot be used.',
  PHONE_LENGTH: 'A mobile number has 10 to 13 digits (starting with 08); {length} were entered.',
  BIRTH_DATE_INVALID: 'The birth date is not a real date. Choose a date from the calendar.',
  BIRTH_DATE_IN_FUTURE: 'The birth date cannot be after today.',
  AGE_BELOW_MIN:
    'The person is {age} years old. Participants must be at least {min} on the day of registration.',
  AGE_ABOVE_MAX:
    'The person is {age} years old. Participants can be at most {max} on the day of registration.',
  OCCUPATION_NOT_ELIGIBLE:
    'This occupation is not covered by the programme. Choose an occupation from the list.',
  REQUIRED: 'This field is required.',
  TOO_LONG: 'Too long: at most {max} characters.',
  TOO_SHORT: 'Too short: at least {min} characters.',
  NAME_INVALID_CHARS:
    "Only letters, spaces and the marks . , ' - are allowed (no digits, emoji or other symbols).",
  NAME_NEEDS_LETTER: 'Must contain letters.',
  PLACE_INVALID_CHARS: "Only letters, digits, spaces and the marks . , ' - ( ) / are allowed.",
  ADDRESS_INVALID_CHARS:
    'The address contains characters that are not allowed, such as < > or emoji. Write the address as on the KTP.',
  SEX_INVALID: 'Choose male or female.',
  RT_INVALID: 'RT must be a number of 1 to 3 digits, for example 3 or 003, and not 000.',
  RW_INVALID: 'RW must be a number of 1 to 3 digits, for example 3 or 003, and not 000.',
  KECAMATAN_UNKNOWN: 'Unknown kecamatan. Choose one from the list.',
  VILLAGE_UNKNOWN: 'Unknown desa/kelurahan. Choose one from the list.',
  KECAMATAN_OUTSIDE_OFFICE:
    'This office serves residents of Kecamatan {officeKecamatanName}; residents of Kecamatan {kecamatanName} register at their own kecamatan office. The server would refuse this record.',
  VILLAGE_NOT_IN_KECAMATAN:
    '{villageName} is not in Kecamatan {kecamatanName}. Choose the desa/kelurahan again.',
  INCOME_INVALID: 'Income must be whole rupiah, for example 1500000 or Rp 1.500.000.',
  INCOME_TOO_HIGH: 'Monthly income can be at most {max|rupiah}. Check the number of zeros.',
  HEIR_RELATIONSHIP_UNKNOWN: 'Unknown heir relationship. Choose one from the list.',
  HEIR_SAME_AS_PARTICIPANT:
    'The heir has the same name as the participant. The heir is another person who receives the benefit if the participant dies.',
  REGISTRATION_NUMBER_INVALID: 'Not a valid registration number. It looks like 0601-000123.',
  DUPLICATE_NIK:
    'This NIK is already registered. A person can be registered only once; search for the record with this NIK.',
  POSSIBLE_DUPLICATE_PERSON:
    'A participant with the same name and birth date already exists. Check whether the same person was registered with another NIK.',
}

/** Value formats issue templates add to the built-in ones (`{max|rupiah}`). */
const ISSUE_FORMATS: Readonly<Record<string, ValueFormat>> = {
  sex: (value, language) => {
    if (value === 'L') return language === 'id' ? 'laki-laki' : 'male'
    if (value === 'P') return language === 'id' ? 'perempuan' : 'female'
    return String(value)
  },
  month: (value, language) => {
    const name = MONTH_NAMES[language][Number(value) - 1]
    return name ? `${Number(value)} (${name})` : String(value)
  },
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
export function describeIssue(issue: Pick<Issue, 'code' | 'params'>, lang: Language): string {
  const language: Language = lang === 'en' ? 'en' : 'id'
  const template = (ISSUE_CODES as readonly string[]).includes(issue.code)
    ? (language === 'en' ? issueMessagesEn : issueMessagesId)[issue.code]
    : language === 'id'
      ? 'Ada isian yang perlu diperiksa.'
      : 'Something in this field needs checking.'
  // Only text and numbers are shown; anything else in params reads as "…", like a missing one.
  const values: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value
  }
  const text = format(template, values satisfies FormatValues, language, {
    formats: ISSUE_FORMATS,
    missing: '…',
    shown: (value) =>
      value.length > MAX_PARAM_LENGTH ? `${value.slice(0, MAX_PARAM_LENGTH)}…` : value,
  })
  // Last line of defence for PII: a 16-digit run (a NIK or KK) never leaves in clear.
  return text.replace(/\d{16,}/g, (digits) => (digits.length === 16 ? maskNik(digits) : '****'))
}
