/**
 * Reading one cell the way agencies write it: dates in Indonesian order, sex as L/P or words or
 * DTKS's 1/2, verification results as words, desa/kelurahan by name or Kemendagri code.
 * Each reader returns null (or a reason) rather than guessing: a misread row is worse than a
 * reported one.
 */
import { formatIsoDate, isRealDate } from '../dates/calendar-date'
import type { RegionTable, Village } from '../region/region-table'
import type { LabelledReason } from '../workflow/verification-config'

const MONTHS: Record<string, number> = {
  JAN: 1,
  JANUARI: 1,
  JANUARY: 1,
  FEB: 2,
  FEBRUARI: 2,
  FEBRUARY: 2,
  PEB: 2,
  PEBRUARI: 2,
  MAR: 3,
  MARET: 3,
  MARCH: 3,
  APR: 4,
  APRIL: 4,
  MEI: 5,
  MAY: 5,
  JUN: 6,
  JUNI: 6,
  JUNE: 6,
  JUL: 7,
  JULI: 7,
  JULY: 7,
  AGU: 8,
  AGS: 8,
  AGT: 8,
  AGUSTUS: 8,
  AUG: 8,
  AUGUST: 8,
  SEP: 9,
  SEPT: 9,
  SEPTEMBER: 9,
  OKT: 10,
  OKTOBER: 10,
  OCT: 10,
  OCTOBER: 10,
  NOV: 11,
  NOP: 11,
  NOVEMBER: 11,
  NOPEMBER: 11,
  DES: 12,
  DESEMBER: 12,
  DEC: 12,
  DECEMBER: 12,
}

const iso = (year: number, month: number, day: number): string | null =>
  isRealDate(year, month, day) ? formatIsoDate({ year, month, day }) : null

/** Excel's day 0 is 1899-12-30 (serial 60 is the 29 February 1900 Lotus invented). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30)
const EXCEL_1904_OFFSET_DAYS = 1462
const MS_PER_DAY = 86_400_000

/** An Excel serial date (XLSX number cell) as YYYY-MM-DD; null before 1 March 1900. */
export function excelSerialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial)) return null
  const days = Math.floor(serial) + (date1904 ? EXCEL_1904_OFFSET_DAYS : 0)
  if (days < 61 || days > 2_958_465) return null
  return new Date(EXCEL_EPOCH_UTC + days * MS_PER_DAY).toISOString().slice(0, 10)
}

/**
 * A date as agencies write it: dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd, "15 Mei 1990",
 * "15-Mei-1990", optionally followed by a midnight time (exports from databases). Day first:
 * Indonesia writes dates day first, so 05/13/1990 is refused, not read as 13 May.
 */
export function parseImportDate(raw: string): string | null {
  const text = raw
    .trim()
    .replace(/\s+00:00(?::00(?:\.0+)?)?$/, '')
    .replace(/T00:00(?::00(?:\.0+)?)?Z?$/, '')
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text)
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]))
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text)
  if (match) return iso(Number(match[3]), Number(match[2]), Number(match[1]))
  match = /^(\d{1,2})[\s\-/.]+([A-Za-z]+)\.?[\s\-/.]+(\d{4})$/.exec(text)
  if (match) {
    const month = MONTHS[(match[2] ?? '').toUpperCase()]
    return month ? iso(Number(match[3]), month, Number(match[1])) : null
  }
  return null
}

/** Upper-case words without accents or punctuation: 'Laki-laki' → 'LAKI LAKI'. */
export const wordsOf = (raw: string) =>
  raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()

const MALE = new Set(['L', 'LK', 'LAKI', 'LAKI LAKI', 'LELAKI', 'PRIA', 'M', 'MALE', '1'])
const FEMALE = new Set(['P', 'PR', 'PEREMPUAN', 'WANITA', 'W', 'F', 'FEMALE', '2'])

/** 'L'/'P', or null when the text names neither. DTKS codes sex 1 (male) and 2 (female). */
export function parseSex(raw: string): 'L' | 'P' | null {
  const words = wordsOf(raw)
  if (MALE.has(words)) return 'L'
  if (FEMALE.has(words)) return 'P'
  return null
}

export type CheckResultWord = 'confirmed' | 'rejected' | 'none'

const CONFIRMED_WORDS = new Set([
  'SESUAI',
  'YA',
  'Y',
  'YES',
  'TERVERIFIKASI',
  'DIVERIFIKASI',
  'VALID',
  'TERDAFTAR',
  'ADA',
  'OK',
  'DIKONFIRMASI',
  'KONFIRMASI',
  'DITERIMA',
  'TERIMA',
  'LAYAK',
  'COCOK',
  'BENAR',
  'LOLOS',
  'MEMENUHI SYARAT',
  'MS',
  'CONFIRMED',
])
const REJECTED_WORDS = new Set([
  'TIDAK SESUAI',
  'TDK SESUAI',
  'TIDAK',
  'TDK',
  'T',
  'N',
  'NO',
  'DITOLAK',
  'TOLAK',
  'TIDAK VALID',
  'TIDAK TERVERIFIKASI',
  'TIDAK TERDAFTAR',
  'TIDAK ADA',
  'TIDAK LAYAK',
  'TIDAK COCOK',
  'SALAH',
  'TIDAK LOLOS',
  'TIDAK MEMENUHI SYARAT',
  'TMS',
  'REJECTED',
])
/** Rows an agency has not checked yet: no result to record. */
const NO_RESULT_WORDS = new Set([
  'BELUM',
  'BELUM DIPERIKSA',
  'BELUM DIVERIFIKASI',
  'MENUNGGU',
  'PROSES',
  'DALAM PROSES',
  'PENDING',
])

/** A verification result word, or null when it is none of the known ones. */
export function parseCheckResult(raw: string): CheckResultWord | null {
  const words = wordsOf(raw)
  if (CONFIRMED_WORDS.has(words)) return 'confirmed'
  if (REJECTED_WORDS.has(words)) return 'rejected'
  if (NO_RESULT_WORDS.has(words)) return 'none'
  return null
}

/** A configured rejection reason named by its code or by either label. */
export function findReason(
  raw: string,
  reasons: readonly LabelledReason[],
): LabelledReason | undefined {
  const key = wordsOf(raw)
  if (key === '') return undefined
  return reasons.find(
    (reason) =>
      wordsOf(reason.code) === key ||
      wordsOf(reason.labelId) === key ||
      wordsOf(reason.labelEn) === key,
  )
}

// ------------------------------------------------------------------------------------------
// Desa/kelurahan and kecamatan, by Kemendagri code or by name.

const VILLAGE_PREFIX = /^(?:DESA|DS|KELURAHAN|KEL)\s+/
const KECAMATAN_PREFIX = /^(?:KECAMATAN|KEC)\s+/

export type RegionLookup<T> =
  { ok: true; value: T } | { ok: false; reason: 'NOT_FOUND' | 'AMBIGUOUS' | 'NOT_IN_KECAMATAN' }

export interface RegionResolver {
  kecamatan(raw: string): RegionLookup<string>
  /** `kecamatanCode` narrows a name found in several kecamatan. */
  village(raw: string, kecamatanCode: string | null): RegionLookup<Village>
}

/** Kemendagri code with or without dots: '64.02.06.1002' or '6402061002'. */
function dottedCode(raw: string, segments: readonly number[]): string | null {
  const digits = raw.replace(/[.\s]/g, '')
  const total = segments.reduce((sum, length) => sum + length, 0)
  if (!/^\d+$/.test(digits) || digits.length !== total) return null
  const parts: string[] = []
  let offset = 0
  for (const length of segments) {
    parts.push(digits.slice(offset, offset + length))
    offset += length
  }
  return parts.join('.')
}

export function createRegionResolver(regions: RegionTable): RegionResolver {
  const kecamatanByName = new Map<string, string[]>()
  for (const entry of regions.kecamatan) {
    const key = wordsOf(entry.name)
    kecamatanByName.set(key, [...(kecamatanByName.get(key) ?? []), entry.code])
  }
  const villagesByName = new Map<string, Village[]>()
  for (const village of regions.villages) {
    const key = wordsOf(village.name)
    villagesByName.set(key, [...(villagesByName.get(key) ?? []), village])
  }
  return {
    kecamatan(raw) {
      const code = dottedCode(raw, [2, 2, 2])
      if (code) {
        return regions.kecamatanByCode(code)
          ? { ok: true, value: code }
          : { ok: false, reason: 'NOT_FOUND' }
      }
      const key = wordsOf(raw)
      // The name as written first: a prefix word may be part of the name itself.
      const codes =
        kecamatanByName.get(key) ?? kecamatanByName.get(key.replace(KECAMATAN_PREFIX, ''))
      if (!codes) return { ok: false, reason: 'NOT_FOUND' }
      return codes.length === 1 && codes[0]
        ? { ok: true, value: codes[0] }
        : { ok: false, reason: 'AMBIGUOUS' }
    },
    village(raw, kecamatanCode) {
      const code = dottedCode(raw, [2, 2, 2, 4])
      let found: Village[]
      if (code) {
        const village = regions.villageByCode(code)
        found = village ? [village] : []
      } else {
        const key = wordsOf(raw)
        found = villagesByName.get(key) ?? villagesByName.get(key.replace(VILLAGE_PREFIX, '')) ?? []
      }
      if (found.length === 0) return { ok: false, reason: 'NOT_FOUND' }
      if (kecamatanCode !== null) {
        const inKecamatan = found.filter((village) => village.kecamatanCode === kecamatanCode)
        if (inKecamatan.length === 0) return { ok: false, reason: 'NOT_IN_KECAMATAN' }
        found = inKecamatan
      }
      return found.length === 1 && found[0]
        ? { ok: true, value: found[0] }
        : { ok: false, reason: 'AMBIGUOUS' }
    },
  }
}
