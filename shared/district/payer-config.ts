/**
 * district.json's `payers`: the funding sources that pay BPJS Ketenagakerjaan contributions for
 * the regency's informal workers (issue 16). One regency may have several: Penajam Paser Utara
 * pays 15,000 people from its APBD, the province 5,614 more, and 2,000 come from the palm-oil
 * revenue share; villages pay from their own budgets through BPJS groups "SA – Desa". Each
 * coverage period names its payer (`CoveragePeriod.payerCode`), so a person paid twice (money
 * lost) or by nobody (a person unprotected) can be found, and the budget is kept per payer.
 *
 * The file is edited by hand, and a wrong code would file people under the wrong budget, so the
 * check is strict and names the JSON path in Indonesian: codes are unique lowercase slugs, kinds
 * are the tariff's payer kinds (discounts are written against them), exactly one payer is the
 * default (the regency's APBD: what periods recorded before payers existed are given), and a
 * budget's lines add up to its total. A budget may give the total alone when the split into JKK
 * and JKM is not known yet: Naungan does not invent one.
 *
 * A file without `payers` (written before this section existed) gets one default payer, the
 * kabupaten's APBD, with no budget: exactly what every period meant until then.
 */
import { DEFAULT_PAYER_KIND, isPayerKind, PAYER_KINDS, type PayerKind } from '../coverage/tariffs'

export class PayerConfigError extends Error {
  constructor(path: string, message: string) {
    super(`district.json: ${path} ${message}`)
    this.name = 'DistrictConfigError'
  }
}

/** The money a payer set aside for one budget year, whole rupiah. */
export interface PayerBudget {
  year: number
  total: number
  /** The split per programme line, when the budget document gives one; jkk + jkm = total. */
  lines?: { jkk: number; jkm: number }
}

export interface Payer {
  /** Stored on each coverage period: a lowercase slug such as `apbd-kab`, at most 40 characters. */
  code: string
  /** As staff and reports name it: "APBD Kabupaten Kutai Kartanegara". */
  name: string
  kind: PayerKind
  /** The BPJS group (wadah) this payer's people are enrolled under, when known. */
  bpjsGroup?: { name: string; kodeIuran?: string }
  /** Budget per year, oldest first; a year without one has no budget to compare against. */
  budgets: PayerBudget[]
  /** The regency's own APBD: what coverage recorded before payers existed is filed under. */
  isDefault: boolean
}

export const PAYER_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const MAX_PAYER_CODE = 40
const MAX_PAYERS = 50
const MAX_NAME = 120
const MAX_KODE_IURAN = 40
/** Rp10 trillion: far above any regency's premium budget, low enough to stay exact. */
const MAX_BUDGET = 10_000_000_000_000
/** Code of the payer a file without `payers` gets. */
export const LEGACY_DEFAULT_PAYER_CODE = 'apbd-kabupaten'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readText(record: Record<string, unknown>, key: string, path: string, max: number) {
  const value = record[key]
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new PayerConfigError(
      `${path}.${key}`,
      `harus teks berisi, paling banyak ${max} karakter; tertulis ${JSON.stringify(value)}`,
    )
  }
  return value.trim()
}

function readRupiah(record: Record<string, unknown>, key: string, path: string): number {
  const value = record[key]
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 0 ||
    value > MAX_BUDGET
  ) {
    throw new PayerConfigError(
      `${path}.${key}`,
      `harus bilangan bulat rupiah dari 0 sampai ${MAX_BUDGET}; tertulis ${JSON.stringify(value)}`,
    )
  }
  return value
}

function readBudget(value: unknown, path: string): PayerBudget {
  if (!isRecord(value)) throw new PayerConfigError(path, 'harus berupa objek { year, total }')
  for (const key of Object.keys(value)) {
    if (key !== 'year' && key !== 'total' && key !== 'lines') {
      throw new PayerConfigError(`${path}.${key}`, 'tidak dikenal: pakai year, total dan lines')
    }
  }
  const year = value.year
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new PayerConfigError(
      `${path}.year`,
      `harus tahun anggaran 2000–2100; tertulis ${JSON.stringify(year)}`,
    )
  }
  const total = readRupiah(value, 'total', path)
  if (value.lines === undefined) return { year, total }
  const linesPath = `${path}.lines`
  if (!isRecord(value.lines))
    throw new PayerConfigError(linesPath, 'harus berupa objek { jkk, jkm }')
  for (const key of Object.keys(value.lines)) {
    if (key !== 'jkk' && key !== 'jkm') {
      throw new PayerConfigError(
        `${linesPath}.${key}`,
        'tidak dikenal: program yang dibayar hanya jkk (JKK) dan jkm (JKM)',
      )
    }
  }
  const jkk = readRupiah(value.lines, 'jkk', linesPath)
  const jkm = readRupiah(value.lines, 'jkm', linesPath)
  if (jkk + jkm !== total) {
    throw new PayerConfigError(
      `${path}.total`,
      `harus sama dengan jkk + jkm (${jkk} + ${jkm} = ${jkk + jkm}); tertulis ${total}`,
    )
  }
  return { year, total, lines: { jkk, jkm } }
}

function readPayer(value: unknown, path: string): Payer {
  if (!isRecord(value)) throw new PayerConfigError(path, 'harus berupa objek { code, name, kind }')
  const code = value.code
  if (typeof code !== 'string' || !PAYER_CODE.test(code) || code.length > MAX_PAYER_CODE) {
    throw new PayerConfigError(
      `${path}.code`,
      `harus huruf kecil, angka dan tanda minus (mis. "apbd-kab"), paling banyak ${MAX_PAYER_CODE} karakter; tertulis ${JSON.stringify(code)}`,
    )
  }
  if (!isPayerKind(value.kind)) {
    throw new PayerConfigError(
      `${path}.kind`,
      `bukan jenis pembayar yang dikenal (${JSON.stringify(value.kind)}); pilih dari ${PAYER_KINDS.join(', ')}`,
    )
  }
  if (value.default !== undefined && typeof value.default !== 'boolean') {
    throw new PayerConfigError(`${path}.default`, 'harus true atau false')
  }
  const payer: Payer = {
    code,
    name: readText(value, 'name', path, MAX_NAME),
    kind: value.kind,
    budgets: [],
    isDefault: value.default === true,
  }
  if (value.bpjsGroup !== undefined) {
    const groupPath = `${path}.bpjsGroup`
    if (!isRecord(value.bpjsGroup)) {
      throw new PayerConfigError(groupPath, 'harus berupa objek { name, kodeIuran }')
    }
    payer.bpjsGroup = { name: readText(value.bpjsGroup, 'name', groupPath, MAX_NAME) }
    if (value.bpjsGroup.kodeIuran !== undefined) {
      payer.bpjsGroup.kodeIuran = readText(value.bpjsGroup, 'kodeIuran', groupPath, MAX_KODE_IURAN)
    }
  }
  const budgets = value.budgets ?? []
  if (!Array.isArray(budgets)) {
    throw new PayerConfigError(`${path}.budgets`, 'harus daftar [ { year, total } ]')
  }
  const years = new Set<number>()
  payer.budgets = budgets.map((item, index) => {
    const budget = readBudget(item, `${path}.budgets[${index}]`)
    if (years.has(budget.year)) {
      throw new PayerConfigError(
        `${path}.budgets[${index}].year`,
        `${budget.year} tertulis dua kali: satu anggaran per tahun`,
      )
    }
    years.add(budget.year)
    return budget
  })
  payer.budgets.sort((a, b) => a.year - b.year)
  return payer
}

/** district.json's `payers`, or the one default payer of a file written before them. */
export function parsePayers(root: Record<string, unknown>, regionName: string): Payer[] {
  if (root.payers === undefined) {
    return [
      {
        code: LEGACY_DEFAULT_PAYER_CODE,
        name: `APBD ${regionName}`,
        kind: DEFAULT_PAYER_KIND,
        budgets: [],
        isDefault: true,
      },
    ]
  }
  if (!Array.isArray(root.payers) || root.payers.length === 0 || root.payers.length > MAX_PAYERS) {
    throw new PayerConfigError(
      '.payers',
      `harus daftar berisi 1 sampai ${MAX_PAYERS} sumber dana { code, name, kind }`,
    )
  }
  const seen = new Set<string>()
  const payers = root.payers.map((item, index) => {
    const payer = readPayer(item, `.payers[${index}]`)
    if (seen.has(payer.code)) {
      throw new PayerConfigError(`.payers[${index}].code`, `"${payer.code}" tertulis dua kali`)
    }
    seen.add(payer.code)
    return payer
  })
  const defaults = payers.filter((payer) => payer.isDefault)
  if (defaults.length !== 1) {
    throw new PayerConfigError(
      '.payers',
      `harus menandai tepat satu sumber dana "default": true (APBD kabupaten); tertandai ${defaults.length}`,
    )
  }
  return payers
}

/** The default payer of a list parsePayers accepted. */
export function defaultPayerOf(payers: readonly Payer[]): Payer {
  const payer = payers.find((entry) => entry.isDefault)
  if (!payer) throw new RangeError('no default payer')
  return payer
}

/** The payer's budget of `year`, or null when district.json gives none. */
export function payerBudgetOf(payer: Payer, year: number): PayerBudget | null {
  return payer.budgets.find((budget) => budget.year === year) ?? null
}
