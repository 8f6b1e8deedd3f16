/** Offices: the district's central office and the offices it creates. */
import { CENTRAL_SERIES_OFFICE_NUMBER } from '../shared/participant/registration-number'
import { randomUUID } from 'node:crypto'
import type { District } from '../shared/district/district-config'
import type { CreateOfficeRequest, OfficeInfo } from '../shared/sync/sync-protocol'
import { hasControlOrLoneSurrogate } from '../shared/participant/participant-validation'
import type { Queryable } from './database'
import { ApiFailure, failures } from './http-kit'
import {
  CENTRAL_OFFICE_CODE,
  OFFICE_CODE_PATTERN,
  OFFICE_COLUMNS,
  type OfficeRow,
  isUniqueViolation,
  officeInfoOf,
} from './account-records'

export async function getOffice(db: Queryable, id: string): Promise<OfficeInfo | null> {
  const { rows } = await db.query<OfficeRow>(
    `SELECT ${OFFICE_COLUMNS} FROM offices WHERE id = $1`,
    [id],
  )
  return rows[0] ? officeInfoOf(rows[0]) : null
}

export async function listOffices(db: Queryable): Promise<OfficeInfo[]> {
  const { rows } = await db.query<OfficeRow>(`SELECT ${OFFICE_COLUMNS} FROM offices ORDER BY code`)
  return rows.map(officeInfoOf)
}

/** Checks an office against the district: kecamatan offices carry a real kecamatan. */
export function checkOfficeRequest(request: CreateOfficeRequest, district: District): void {
  const bad = (message: string) => failures.invalidRequest(message)
  if (typeof request.code !== 'string' || !OFFICE_CODE_PATTERN.test(request.code)) {
    throw bad('Kode kantor wajib 1–8 huruf besar, angka atau tanda hubung, misalnya 06-01.')
  }
  if (
    typeof request.name !== 'string' ||
    request.name.trim().length < 2 ||
    request.name.length > 100
  ) {
    throw bad('Nama kantor wajib diisi (2–100 karakter).')
  }
  if (hasControlOrLoneSurrogate(request.name)) {
    throw bad('Nama kantor tidak boleh berisi karakter kendali atau karakter yang tidak sah.')
  }
  if (!['kecamatan', 'agency', 'central'].includes(request.kind)) {
    throw bad('Jenis kantor harus kecamatan, agency atau central.')
  }
  if (request.kind === 'kecamatan') {
    const kecamatan =
      typeof request.kecamatanCode === 'string'
        ? district.regions.kecamatanByCode(request.kecamatanCode)
        : undefined
    if (!kecamatan) throw bad('Kecamatan kantor tidak dikenal di wilayah ini.')
    const number = request.officeNumber
    // 99 is the central office's series in each kecamatan (CENTRAL_SERIES_OFFICE_NUMBER).
    if (
      typeof number !== 'number' ||
      !Number.isInteger(number) ||
      number < 1 ||
      number >= CENTRAL_SERIES_OFFICE_NUMBER
    ) {
      throw bad('Nomor kantor di kecamatan wajib 1–98 (99 dipakai kantor pusat).')
    }
    // Registration numbers and officeCode in documents are built the same way: '06-01'.
    const expected = `${String(request.kecamatanCode).slice(-2)}-${String(number).padStart(2, '0')}`
    if (request.code !== expected) throw bad(`Kode kantor kecamatan ini harus ${expected}.`)
  } else if (request.kecamatanCode !== null || request.officeNumber !== null) {
    throw bad('Kantor tingkat kabupaten/kota tidak memiliki kecamatan atau nomor kantor.')
  }
  const agencyCode = request.agencyCode ?? null
  if (request.kind === 'agency') {
    const known = district.config.verification.agencies.some((agency) => agency.code === agencyCode)
    if (!known) throw bad('Pilih instansi pemeriksa untuk kantor dinas ini.')
  } else if (agencyCode !== null) {
    throw bad('Hanya kantor dinas yang mempunyai instansi pemeriksa.')
  }
}

export async function createOffice(
  db: Queryable,
  request: CreateOfficeRequest,
  district: District,
): Promise<OfficeInfo> {
  checkOfficeRequest(request, district)
  try {
    const { rows } = await db.query<OfficeRow>(
      `INSERT INTO offices (id, code, name, kind, kecamatan_code, office_number, agency_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${OFFICE_COLUMNS}`,
      [
        randomUUID(),
        request.code,
        request.name.trim(),
        request.kind,
        request.kecamatanCode,
        request.officeNumber,
        request.agencyCode ?? null,
      ],
    )
    return officeInfoOf(rows[0] as OfficeRow)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiFailure(
        409,
        'OFFICE_EXISTS',
        'Kode kantor atau nomor kantor di kecamatan itu sudah dipakai.',
      )
    }
    throw error
  }
}

/** The central office, created on first use (bootstrap). */
export async function ensureCentralOffice(db: Queryable, district: District): Promise<OfficeInfo> {
  const { rows } = await db.query<OfficeRow>(
    `SELECT ${OFFICE_COLUMNS} FROM offices WHERE code = $1`,
    [CENTRAL_OFFICE_CODE],
  )
  if (rows[0]) return officeInfoOf(rows[0])
  return createOffice(
    db,
    {
      code: CENTRAL_OFFICE_CODE,
      // The regency's or city's labour office; the admin renames it in Administrasi.
      name: `Dinas Tenaga Kerja ${district.config.region.kind === 'kota' ? 'Kota' : 'Kabupaten'} ${district.config.region.name}`,
      kind: 'central',
      kecamatanCode: null,
      officeNumber: null,
    },
    district,
  )
}
