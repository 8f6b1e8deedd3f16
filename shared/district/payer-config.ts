/**
 * district.json's `payers`: the funding sources that pay BPJS Ketenagakerjaan contributions for
 * the regency's informal workers (issue 16). One regency may have several: Penajam Paser Utara
 * pays 15,000 people from its APBD, the province 5,614 more, and 2,000 come from the palm-oil
 * revenue share; villages pay from their own budgets through BPJS groups "SA – Desa". Each
 * coverage period names its payer (`CoveragePeriod.payerCode`), so a person paid twice (money
 * lost) or by nobody (a person unprotected) can be found, and the budget is kept per payer.
 *
 * The file is edited by hand, and a wrong code would file people under the wrong budget, so the
 * check is strict and throws a DistrictConfigError naming the JSON path, in Indonesian: codes are
 * unique lowercase slugs, kinds are the tariff's payer kinds (discounts are written against them),
 * exactly one payer is the default (the regency's APBD: what periods recorded before payers
 * existed are given), and a budget's lines add up to its total. A budget may give the total alone when the split into JKK
 * and JKM is not known yet: Naungan does not invent one.
 *
 * A file without `payers` (written before this section existed) gets one default payer, the
 * kabupaten's APBD, with no budget: exactly what every period meant until then.
 */
import { DEFAULT_PAYER_KIND, isPayerKind, PAYER_KINDS, type PayerKind } from '../coverage/tariffs'
import { DistrictConfigError, writtenAs } from './config-error'

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

function readText(
  record: Record<string, unknown>,
  key: string,
  path: string,
  max: number,
  example: string,
) {
  const value = record[key]
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new DistrictConfigError(
      `${path}.${key}`,
      `harus teks berisi, paling banyak ${max} karakter; ${writtenAs(value)}; contoh: ${JSON.stringify(example)}`,
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
    throw new DistrictConfigError(
      `${path}.${key}`,
      `harus bilangan bulat rupiah dari 0 sampai ${MAX_BUDGET}, tanpa titik ribuan dan tanpa tanda kutip; ${writtenAs(value)}; contoh: 16800000`,
    )
  }
  return value
}

function readBudget(value: unknown, path: string): PayerBudget {
  if (!isRecord(value)) {
    throw new DistrictConfigError(
      path,
      `harus berupa objek { year, total }; ${writtenAs(value)}; contoh: { "year": 2026, "total": 16800000 }`,
    )
  }
  for (const key of Object.keys(value)) {
    if (key !== 'year' && key !== 'total' && key !== 'lines') {
      throw new DistrictConfigError(
        `${path}.${key}`,
        'kunci tidak dikenal: anggaran hanya berisi year, total dan lines',
      )
    }
  }
  const year = value.year
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new DistrictConfigError(
      `${path}.year`,
      `harus tahun anggaran 2000–2100; ${writtenAs(year)}; contoh: 2026`,
    )
  }
  const total = readRupiah(value, 'total', path)
  if (value.lines === undefined) return { year, total }
  const linesPath = `${path}.lines`
  if (!isRecord(value.lines)) {
    throw new DistrictConfigError(
      linesPath,
      `harus berupa objek { jkk, jkm }; ${writtenAs(value.lines)}; contoh: { "jkk": 10000000, "jkm": 6800000 }`,
    )
  }
  for (const key of Object.keys(value.lines)) {
    if (key !== 'jkk' && key !== 'jkm') {
      throw new DistrictConfigError(
        `${linesPath}.${key}`,
        'kunci tidak dikenal: program yang dibayar hanya jkk (JKK) dan jkm (JKM)',
      )
    }
  }
  const jkk = readRupiah(value.lines, 'jkk', linesPath)
  const jkm = readRupiah(value.lines, 'jkm', linesPath)
  if (jkk + jkm !== total) {
    throw new DistrictConfigError(
      `${path}.total`,
      `harus sama dengan jkk + jkm (${jkk} + ${jkm} = ${jkk + jkm}); tertulis ${total}`,
    )
  }
  return { year, total, lines: { jkk, jkm } }
}

function readPayer(value: unknown, path: string): Payer {
  if (!isRecord(value)) {
    throw new DistrictConfigError(
      path,
      `harus berupa objek { code, name, kind }; ${writtenAs(value)}; contoh: { "code": "apbd-kab", "name": "APBD Kabupaten", "kind": "apbd-kabupaten" }`,
    )
  }
  const code = value.code
  if (typeof code !== 'string' || !PAYER_CODE.test(code) || code.length > MAX_PAYER_CODE) {
    throw new DistrictConfigError(
      `${path}.code`,
      `harus huruf kecil, angka dan tanda minus, paling banyak ${MAX_PAYER_CODE} karakter; ${writtenAs(code)}; contoh: "apbd-kab"`,
    )
  }
  if (!isPayerKind(value.kind)) {
    throw new DistrictConfigError(
      `${path}.kind`,
      `harus salah satu jenis pembayar: ${PAYER_KINDS.join(', ')}; ${writtenAs(value.kind)}; contoh: "apbd-kabupaten"`,
    )
  }
  if (value.default !== undefined && typeof value.default !== 'boolean') {
    throw new DistrictConfigError(
      `${path}.default`,
      `harus true atau false, tanpa tanda kutip; ${writtenAs(value.default)}; contoh: true`,
    )
  }
  const payer: Payer = {
    code,
    name: readText(value, 'name', path, MAX_NAME, 'APBD Kabupaten Kutai Kartanegara'),
    kind: value.kind,
    budgets: [],
    isDefault: value.default === true,
  }
  if (value.bpjsGroup !== undefined) {
    const groupPath = `${path}.bpjsGroup`
    if (!isRecord(value.bpjsGroup)) {
      throw new DistrictConfigError(
        groupPath,
        `harus berupa objek { name, kodeIuran }; ${writtenAs(value.bpjsGroup)}; contoh: { "name": "Pemkab – BPU", "kodeIuran": "KT-0042" }`,
      )
    }
    payer.bpjsGroup = {
      name: readText(
        value.bpjsGroup,
        'name',
        groupPath,
        MAX_NAME,
        'Pemkab Kutai Kartanegara – BPU',
      ),
    }
    if (value.bpjsGroup.kodeIuran !== undefined) {
      payer.bpjsGroup.kodeIuran = readText(
        value.bpjsGroup,
        'kodeIuran',
        groupPath,
        MAX_KODE_IURAN,
        'KT-0042',
      )
    }
  }
  const budgets = value.budgets ?? []
  if (!Array.isArray(budgets)) {
    throw new DistrictConfigError(
      `${path}.budgets`,
      `harus daftar [ { year, total } ]; ${writtenAs(budgets)}; contoh: [{ "year": 2026, "total": 16800000 }]`,
    )
  }
  const yearAt = new Map<number, string>()
  payer.budgets = budgets.map((item, index) => {
    const budgetPath = `${path}.budgets[${index}]`
    const budget = readBudget(item, budgetPath)
    const earlier = yearAt.get(budget.year)
    if (earlier !== undefined) {
      throw new DistrictConfigError(
        `${budgetPath}.year`,
        `tahun ${budget.year} sudah ada di ${earlier}: satu anggaran per tahun`,
      )
    }
    yearAt.set(budget.year, budgetPath)
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
    throw new DistrictConfigError(
      '.payers',
      `harus daftar berisi 1 sampai ${MAX_PAYERS} sumber dana { code, name, kind }; ${writtenAs(root.payers)}; contoh: [{ "code": "apbd-kab", "name": "APBD Kabupaten", "kind": "apbd-kabupaten", "default": true }]`,
    )
  }
  const codeAt = new Map<string, string>()
  const payers = root.payers.map((item, index) => {
    const path = `.payers[${index}]`
    const payer = readPayer(item, path)
    const earlier = codeAt.get(payer.code)
    if (earlier !== undefined) {
      throw new DistrictConfigError(
        `${path}.code`,
        `kode "${payer.code}" sudah dipakai di ${earlier}: setiap sumber dana perlu kode sendiri`,
      )
    }
    codeAt.set(payer.code, path)
    return payer
  })
  const defaults = payers.flatMap((payer, index) => (payer.isDefault ? [index] : []))
  if (defaults.length !== 1) {
    // A second default is shown where it is written; none at all, at the list.
    const second = defaults[1]
    throw new DistrictConfigError(
      second === undefined ? '.payers' : `.payers[${second}].default`,
      `tepat satu sumber dana harus bertanda "default": true (APBD kabupaten); tertandai ${defaults.length}${second === undefined ? '' : `: .payers[${defaults[0]}] dan .payers[${second}]`}`,
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
