/**
 * A synthetic DTKS extract for the import benchmarks: valid people spread over every desa of the
 * district (NIKs that agree with birth date and sex), one row in 1,000 with a short NIK.
 */
import type { District } from '../../../shared/district/district-config'

const FIRST = ['Siti', 'Budi', 'Ani', 'Rahmat', 'Dewi', 'Agus', 'Nur', 'Joko', 'Sri', 'Hadi']
const LAST = ['Aminah', 'Santoso', 'Hidayat', 'Lestari', 'Wahyuni', 'Saputra', 'Rahayu', 'Putra']
const pad = (value: number, length = 2) => String(value).padStart(length, '0')

export interface BenchPerson {
  nik: string
  fullName: string
  birthDate: string
  sex: 'L' | 'P'
  kecamatanCode: string
  villageCode: string
  villageName: string
  kecamatanName: string
}

/**
 * Person `i`. Within each block of consecutive `i` sharing a serial, day and month differ, so
 * every NIK is distinct for i below 9,999 × the number of desa.
 */
export function benchPerson(district: District, i: number): BenchPerson {
  const villages = district.regions.villages
  const village = villages[i % villages.length]!
  const kecamatan = district.regions.kecamatanByCode(village.kecamatanCode)!
  const sex = i % 2 === 0 ? 'L' : 'P'
  const day = 1 + (i % 28)
  const month = 1 + (Math.floor(i / 28) % 12)
  const year = 1965 + (Math.floor(i / 336) % 38)
  const serial = 1 + (Math.floor(i / villages.length) % 9999)
  return {
    nik: `6402${kecamatan.shortCode}${pad(sex === 'P' ? day + 40 : day)}${pad(month)}${pad(year % 100)}${pad(serial, 4)}`,
    fullName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / 7) % LAST.length]}`,
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    sex,
    kecamatanCode: kecamatan.code,
    villageCode: village.code,
    villageName: village.name,
    kecamatanName: kecamatan.name,
  }
}

export const DTKS_HEADER = [
  'NIK',
  'NAMA',
  'NO KK',
  'TGL LAHIR',
  'JENIS KELAMIN',
  'ALAMAT',
  'RT',
  'RW',
  'DESA',
  'KECAMATAN',
]

export function dtksCells(p: BenchPerson, i: number): string[] {
  return [
    i % 1000 === 17 ? p.nik.slice(0, 15) : p.nik,
    p.fullName,
    `6402${p.nik.slice(4, 6)}0101100123`,
    p.birthDate
      .split('-')
      .reverse()
      .join(i % 3 === 0 ? '/' : '-'),
    p.sex,
    'Jl. Danau Aji No. 12',
    String(1 + (i % 20)),
    String(1 + (i % 9)),
    p.villageName,
    p.kecamatanName,
  ]
}

/** `;`-separated UTF-8 with CRLF, as Indonesian Excel saves "CSV UTF-8". */
export function dtksCsv(people: readonly BenchPerson[]): Uint8Array {
  const lines = [DTKS_HEADER.join(';')]
  people.forEach((p, i) => lines.push(dtksCells(p, i).join(';')))
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`)
}
