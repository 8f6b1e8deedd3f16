/**
 * Annual plans: the new-participant target and APBD premium allocation per year, for the district
 * (kecamatan_code '') and per kecamatan. Supervisors and admins write them; every signed-in user
 * reads them, so every office's dashboard shows the same targets (cached on the PC for offline).
 */
import type { District } from '../shared/district/district-config'
import {
  MAX_PLAN_AMOUNT,
  type PlanRow,
  type PlansResponse,
  type PutPlansRequest,
} from '../shared/sync/sync-protocol'
import type { Caller } from './sessions'
import type { Database, Queryable } from './database'
import { failures, isRecord } from './http-kit'

const MIN_YEAR = 2000
const MAX_YEAR = 2100

export function parsePlanYear(text: string | null): number {
  const year = text !== null && /^\d{4}$/.test(text) ? Number(text) : NaN
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw failures.invalidRequest(`Tahun harus angka ${MIN_YEAR}–${MAX_YEAR}.`)
  }
  return year
}

function requireAmount(value: unknown, what: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 0 ||
    value > MAX_PLAN_AMOUNT
  ) {
    throw failures.invalidRequest(
      `${what} harus bilangan bulat 0 sampai ${MAX_PLAN_AMOUNT.toLocaleString('id-ID')}.`,
    )
  }
  return value
}

/** Validates a plan update: year 2000–2100, known kecamatan codes (or ''), whole amounts. */
export function parsePlansRequest(body: unknown, district: District): PutPlansRequest {
  if (!isRecord(body) || !Array.isArray(body.plans)) {
    throw failures.invalidRequest('Isi permintaan harus berisi "year" dan daftar "plans".')
  }
  const year = typeof body.year === 'number' ? parsePlanYear(String(body.year)) : NaN
  if (Number.isNaN(year)) throw failures.invalidRequest('Tahun harus angka 2000–2100.')
  if (body.plans.length > district.regions.kecamatan.length + 1) {
    throw failures.invalidRequest('Terlalu banyak baris rencana.')
  }
  const seen = new Set<string>()
  const plans = body.plans.map((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.kecamatanCode !== 'string') {
      throw failures.invalidRequest('Setiap baris rencana harus berisi "kecamatanCode".')
    }
    const code = entry.kecamatanCode
    if (code !== '' && !district.regions.kecamatanByCode(code)) {
      throw failures.invalidRequest(`Kecamatan ${code.slice(0, 20)} tidak dikenal.`)
    }
    if (seen.has(code)) throw failures.invalidRequest('Satu wilayah hanya boleh satu baris.')
    seen.add(code)
    return {
      kecamatanCode: code,
      target: requireAmount(entry.target, 'Target'),
      allocation: requireAmount(entry.allocation, 'Pagu'),
    }
  })
  return { year, plans }
}

interface PlanDbRow {
  year: number
  kecamatan_code: string
  target: number | string
  allocation: number | string | bigint
  updated_at: Date | string
  updated_by: string
}

async function plansOf(db: Queryable, year: number): Promise<PlanRow[]> {
  const { rows } = await db.query<PlanDbRow>(
    `SELECT year, kecamatan_code, target, allocation, updated_at, updated_by
       FROM plans WHERE year = $1 ORDER BY kecamatan_code`,
    [year],
  )
  return rows.map((row) => ({
    year: Number(row.year),
    kecamatanCode: row.kecamatan_code,
    target: Number(row.target),
    // bigint column: at most 10^13, exact as a JS number.
    allocation: Number(row.allocation),
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  }))
}

export async function getPlans(db: Database, year: number): Promise<PlansResponse> {
  return { year, plans: await plansOf(db, year) }
}

export async function putPlans(
  db: Database,
  caller: Caller,
  request: PutPlansRequest,
): Promise<PlansResponse> {
  if (caller.role !== 'supervisor' && caller.role !== 'admin') throw failures.forbiddenRole()
  return db.transaction(async (tx) => {
    for (const plan of request.plans) {
      await tx.query(
        `INSERT INTO plans (year, kecamatan_code, target, allocation, updated_at, updated_by)
           VALUES ($1, $2, $3, $4, now(), $5)
         ON CONFLICT (year, kecamatan_code) DO UPDATE
           SET target = EXCLUDED.target, allocation = EXCLUDED.allocation,
               updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [request.year, plan.kecamatanCode, plan.target, String(plan.allocation), caller.userId],
      )
    }
    return { year: request.year, plans: await plansOf(tx, request.year) }
  })
}
