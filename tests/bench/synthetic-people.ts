/**
 * Deterministic synthetic participants for the store benchmark. Person `i` is always the same
 * person, so the benchmark can pick search targets by index without reading the store back.
 *
 * Every NIK follows the NIK rules (6402 KK DDMMYY SSSS, women's day + 40, serial 0001..9999) and
 * is unique for i < 199,980: the kecamatan is i % 20 and the serial floor(i / 20) % 9999 + 1, so
 * no two people below that bound share (kecamatan, serial).
 */
import type { District } from '../../shared/district/district-config'
import { nameSearchKey } from '../../shared/participant/names'
import type { ParticipantDocument } from '../../shared/participant/participant-document'
import type { RegistrationInput } from '../../shared/participant/registration-input'

export const MAX_UNIQUE_PEOPLE = 20 * 9999

/** mulberry32: small, fast, good enough to spread synthetic data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T

const MALE_FIRST = [
  'Muhammad',
  'Ahmad',
  'Abdul',
  'Budi',
  'Agus',
  'Andi',
  'Arif',
  'Bambang',
  'Dedi',
  'Eko',
  'Fajar',
  'Hendra',
  'Irfan',
  'Joko',
  'Rahmat',
  'Rizki',
  'Slamet',
  'Sugeng',
  'Syahrul',
  'Taufik',
  'Wahyu',
  'Yusuf',
  'Hasan',
  'Iwan',
  'Rudi',
  'Darmawan',
  'Kadir',
  'Syamsul',
  'Jumadi',
  'Herman',
  'Supriadi',
  'Mahyudin',
  'Zainal',
  'Akhmad',
  'Fauzi',
  'Gusti',
  'Nanang',
  'Udin',
  'La Ode',
  'Yohanes',
] as const

const FEMALE_FIRST = [
  'Siti',
  'Nur',
  'Dewi',
  'Sri',
  'Rina',
  'Ani',
  'Fitri',
  'Indah',
  'Lestari',
  'Maya',
  'Nurul',
  'Putri',
  'Ratna',
  'Sari',
  'Wati',
  'Yuni',
  'Aminah',
  'Fatimah',
  'Rahmawati',
  'Halimah',
  'Juliana',
  'Kartini',
  'Masitah',
  'Norhayati',
  'Rusmini',
  'Salmah',
  'Hj. Jamilah',
  'Erna',
  'Yati',
  'Mariana',
] as const

const MIDDLE = ['Nur', 'Dwi', 'Tri', 'Eka', 'Dian', 'Ayu', 'Ade', 'Rizal', 'Hidayatul'] as const

const LAST = [
  'Santoso',
  'Hidayat',
  'Saputra',
  'Wijaya',
  'Kurniawan',
  'Setiawan',
  'Pratama',
  'Nugroho',
  'Rahman',
  'Hakim',
  'Syahputra',
  'Susanti',
  'Handayani',
  'Wulandari',
  'Anggraini',
  'Ramadhan',
  'Firmansyah',
  'Gunawan',
  'Hartono',
  'Sulastri',
  'Rusdi',
  'Baharuddin',
  'Jamaluddin',
  'Syamsuddin',
  'Abdullah',
  'Maulana',
  "Nur'aini",
  'Effendi',
  'Marlina',
  'Yulianti',
  'Aji',
  'Bakri',
  'Ismail',
  'Daeng Masiga',
  'Sembiring',
  'Lubis',
  'Purba',
  'Tanjung',
  'Pohan',
  'Hasibuan',
] as const

const STREETS = [
  'Jl. Danau Aji',
  'Jl. Panjaitan',
  'Jl. Gunung Belah',
  'Jl. Wolter Monginsidi',
  'Jl. Loa Ipuh',
  'Jl. Poros Samarinda',
  'Jl. Pesisir',
  'Gg. Mawar',
  'Jl. Kartini',
  'Jl. Ahmad Yani',
] as const

const PLACES = [
  'Tenggarong',
  'Samarinda',
  'Loa Janan',
  'Muara Badak',
  'Anggana',
  'Sanga-Sanga',
  'Kota Bangun',
  'Balikpapan',
  'Surabaya',
  'Bone',
] as const

const HEIR_RELATIONSHIPS = ['suami-istri', 'anak', 'orang-tua', 'saudara-kandung'] as const

export interface SyntheticPerson {
  index: number
  nik: string
  kk: string
  fullName: string
  birthPlace: string
  birthDate: string
  sex: 'L' | 'P'
  address: string
  rt: string
  rw: string
  kecamatanShortCode: string
  kecamatanCode: string
  villageCode: string
  occupationCode: string
  monthlyIncome: number
  /** National format, 08…; null for about one in five people. */
  phoneNational: string | null
  heirName: string
  heirRelationship: string
  status: 'draft' | 'submitted'
  /** Registration number of a sibling office (02..09): the bench office 01 keeps its sequence. */
  registrationNumber: string
  officeCode: string
  createdAt: string
}

const pad = (value: number, width: number) => String(value).padStart(width, '0')

/** A person aged 18..64 on 1 January 2026: inside the programme's age range this year. */
function birthOf(random: () => number): { year: number; month: number; day: number } {
  const year = 1962 + Math.floor(random() * 46)
  const month = 1 + Math.floor(random() * 12)
  const day = 1 + Math.floor(random() * 28)
  return { year, month, day }
}

export function syntheticPerson(index: number, district: District): SyntheticPerson {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_UNIQUE_PEOPLE) {
    throw new RangeError(`person index ${index} outside 0..${MAX_UNIQUE_PEOPLE - 1}`)
  }
  const random = prng(index * 2654435761 + 12345)
  const kecamatan = district.regions.kecamatan[index % 20]
  if (!kecamatan) throw new Error('The district needs 20 kecamatan for this generator.')
  const villages = district.regions.villagesOf(kecamatan.code)
  const sex: 'L' | 'P' = random() < 0.5 ? 'L' : 'P'
  const first = sex === 'L' ? pick(random, MALE_FIRST) : pick(random, FEMALE_FIRST)
  const shape = random()
  const fullName =
    shape < 0.15
      ? first
      : shape < 0.45
        ? `${first} ${pick(random, MIDDLE)} ${pick(random, LAST)}`
        : `${first} ${pick(random, LAST)}`
  const birth = birthOf(random)
  const nikDay = sex === 'P' ? birth.day + 40 : birth.day
  const serial = (Math.floor(index / 20) % 9999) + 1
  const nik =
    `6402${kecamatan.shortCode}` +
    `${pad(nikDay, 2)}${pad(birth.month, 2)}${pad(birth.year % 100, 2)}${pad(serial, 4)}`
  const kk = `6402${kecamatan.shortCode}${pad(1 + Math.floor(random() * 28), 2)}${pad(
    1 + Math.floor(random() * 12),
    2,
  )}${pad(10 + Math.floor(random() * 15), 2)}${pad(1 + Math.floor(random() * 9998), 4)}`
  const officeNumber = (Math.floor(index / 20) % 8) + 2
  const sequence = Math.floor(index / 160) + 1
  const registrationNumber = `${kecamatan.shortCode}${pad(officeNumber, 2)}-${pad(sequence, 6)}`
  const created = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 365 * 86_400_000))
  return {
    index,
    nik,
    kk,
    fullName,
    birthPlace: pick(random, PLACES),
    birthDate: `${birth.year}-${pad(birth.month, 2)}-${pad(birth.day, 2)}`,
    sex,
    address: `${pick(random, STREETS)} No. ${1 + Math.floor(random() * 200)}`,
    rt: pad(1 + Math.floor(random() * 20), 3),
    rw: pad(1 + Math.floor(random() * 10), 3),
    kecamatanShortCode: kecamatan.shortCode,
    kecamatanCode: kecamatan.code,
    villageCode: villages.length > 0 ? pick(random, villages).code : '',
    occupationCode: pick(random, district.config.occupations).code,
    monthlyIncome: 500_000 + Math.floor(random() * 50) * 50_000,
    phoneNational:
      random() < 0.8 ? `08${pick(random, [1, 2, 5])}${pad(Math.floor(random() * 1e9), 9)}` : null,
    heirName: `${pick(random, sex === 'L' ? FEMALE_FIRST : MALE_FIRST)} ${pick(random, LAST)}`,
    heirRelationship: pick(random, HEIR_RELATIONSHIPS),
    status: random() < 0.8 ? 'submitted' : 'draft',
    registrationNumber,
    officeCode: `${kecamatan.shortCode}-${pad(officeNumber, 2)}`,
    createdAt: created.toISOString(),
  }
}

/** The fields of a participant document that come from the person, as the app stores them. */
export type PersonFields = Pick<
  ParticipantDocument,
  | 'nik'
  | 'kk'
  | 'fullName'
  | 'nameKey'
  | 'birthPlace'
  | 'birthDate'
  | 'sex'
  | 'address'
  | 'rt'
  | 'rw'
  | 'kecamatanCode'
  | 'villageCode'
  | 'occupationCode'
  | 'monthlyIncome'
  | 'phone'
  | 'heirName'
  | 'heirRelationship'
  | 'status'
>

/** What the person and the form share, whichever way the rest is written. */
function sharedFieldsOf(person: SyntheticPerson) {
  return {
    nik: person.nik,
    kk: person.kk,
    fullName: person.fullName,
    birthPlace: person.birthPlace,
    birthDate: person.birthDate,
    sex: person.sex,
    address: person.address,
    rt: person.rt,
    rw: person.rw,
    kecamatanCode: person.kecamatanCode,
    villageCode: person.villageCode,
    occupationCode: person.occupationCode,
    heirName: person.heirName,
    heirRelationship: person.heirRelationship,
  }
}

export function personFieldsOf(person: SyntheticPerson): PersonFields {
  return {
    ...sharedFieldsOf(person),
    nameKey: nameSearchKey(person.fullName),
    monthlyIncome: person.monthlyIncome,
    ...(person.phoneNational ? { phone: `+62${person.phoneNational.slice(1)}` } : {}),
    status: person.status,
  }
}

/** The person as a clerk would type them into the form, for `validateRegistration`. */
export function registrationInputOf(person: SyntheticPerson): RegistrationInput {
  return {
    ...sharedFieldsOf(person),
    monthlyIncome: String(person.monthlyIncome),
    phone: person.phoneNational ?? '',
  }
}
