/**
 * BPJS Ketenagakerjaan contribution rates as data with validity dates, not constants. Rates change
 * by regulation (Bukan Penerima Upah at the lowest income band: JKK Rp10.000 + JKM Rp6.800 under
 * PP 44/2015 as amended by PP 82/2019), and a regulation may give some payers a discount and not
 * others (PP 50/2025: 50 % for BPU participants from 2026, except those paid from APBN/APBD). So
 * district.json lists tariffs, each in force for a run of calendar months, and the budget asks
 * which one is in force in each month it pays. A new tariff is a new entry from its first month:
 * nothing stored on a participant changes, so last year's bills stay as they were.
 *
 * Months, because contributions are monthly amounts (the month rule in budget.ts): a regulation
 * that takes effect mid-month is entered from the month BPJS first bills at the new rate.
 *
 * The shape of district.json's `tariffs` and its checks: shared/district/tariff-config.ts.
 */

/**
 * Who pays a participant's contribution: each funding source in district.json's `payers` has a
 * kind (shared/district/payer-config.ts), and a discount names the kinds it applies to, as the
 * regulation words it (PP 50/2025 excludes APBN and APBD payers). Issue 16 names the sources one
 * regency may have besides its own APBD: the province's APBD, a revenue share (`dbh`, e.g. DBH
 * sawit), village budgets (`apbdes`, BPJS groups "SA – Desa"), a company's `csr`. `lainnya`:
 * anyone else (a foundation). A village budget is not APBD in the regulation's sense, so
 * PP 50/2025's exclusion does not name it.
 */
export const PAYER_KINDS = [
  'apbn',
  'apbd-provinsi',
  'apbd-kabupaten',
  'dbh',
  'apbdes',
  'csr',
  'mandiri',
  'lainnya',
] as const
export type PayerKind = (typeof PAYER_KINDS)[number]

/** The kind of the default payer of a file without `payers`: the kabupaten's own APBD. */
export const DEFAULT_PAYER_KIND: PayerKind = 'apbd-kabupaten'

/** In `appliesToPayerKinds`: every kind, less `excludesPayerKinds`. */
export const EVERY_PAYER_KIND = 'semua'

export function isPayerKind(value: unknown): value is PayerKind {
  return typeof value === 'string' && (PAYER_KINDS as readonly string[]).includes(value)
}

/** Rupiah per participant per month for each programme line. */
export interface ProgrammeLines {
  /** Jaminan Kecelakaan Kerja */
  jkk: number
  /** Jaminan Kematian */
  jkm: number
}

export interface MonthlyRate extends ProgrammeLines {
  /** jkk + jkm */
  total: number
}

export interface TariffDiscount {
  /** Whole percent off every line, 1..100. */
  percent: number
  /** The regulation that gives it, as printed on the dashboard ("PP 50/2025"). */
  regulation: string
  /** 'YYYY-MM'; absent: from the tariff's own first month. */
  validFrom?: string
  /** 'YYYY-MM', inclusive; absent: as long as the tariff. */
  validUntil?: string
  appliesToPayerKinds: readonly PayerKind[] | typeof EVERY_PAYER_KIND
  excludesPayerKinds: readonly PayerKind[]
}

export interface Tariff {
  /** 'YYYY-MM': the first month billed at these rates. */
  validFrom: string
  /** 'YYYY-MM', inclusive; absent: until a later tariff replaces it (only the last may omit it). */
  validUntil?: string
  lines: ProgrammeLines
  /** lines.jkk + lines.jkm, checked when the file is read. */
  total: number
  regulation: string
  discounts: readonly TariffDiscount[]
}

/** 'YYYY-MM' with a real month, or null. */
export function parseYearMonth(value: unknown): { year: number; month: number } | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{4})-(\d{2})$/.exec(value)
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  return month >= 1 && month <= 12 ? { year, month } : null
}

/** A month as one number, so that months compare and step across year ends: Dec 2026 + 1 = Jan 2027. */
export const monthNumber = (year: number, month: number): number => year * 12 + (month - 1)

/** monthNumber of a 'YYYY-MM' the config check has already accepted. */
export function monthNumberOf(yearMonth: string): number {
  const parsed = parseYearMonth(yearMonth)
  if (!parsed) throw new RangeError(`not a YYYY-MM month: ${JSON.stringify(yearMonth)}`)
  return monthNumber(parsed.year, parsed.month)
}

/** The month after or before `monthNumber` as 'YYYY-MM'. */
export function yearMonthOf(number: number): string {
  const year = Math.floor(number / 12)
  return `${String(year).padStart(4, '0')}-${String((number % 12) + 1).padStart(2, '0')}`
}

function isInSpan(key: number, validFrom: string | undefined, validUntil: string | undefined) {
  return (
    (validFrom === undefined || monthNumberOf(validFrom) <= key) &&
    (validUntil === undefined || key <= monthNumberOf(validUntil))
  )
}

/** The tariff in force in `month` (1..12) of `year`, or null when the config has none for it. */
export function tariffInForce(
  tariffs: readonly Tariff[],
  year: number,
  month: number,
): Tariff | null {
  const key = monthNumber(year, month)
  return tariffs.find((tariff) => isInSpan(key, tariff.validFrom, tariff.validUntil)) ?? null
}

/** Whether a discount's payer rule covers this payer: listed (or "semua") and not excluded. */
export function discountAppliesTo(discount: TariffDiscount, payerKind: PayerKind): boolean {
  const listed =
    discount.appliesToPayerKinds === EVERY_PAYER_KIND ||
    discount.appliesToPayerKinds.includes(payerKind)
  return listed && !discount.excludesPayerKinds.includes(payerKind)
}

/** The discounts of `tariff` whose months include this one, whoever they apply to. */
export function discountsInMonth(
  tariff: Tariff,
  year: number,
  month: number,
): readonly TariffDiscount[] {
  const key = monthNumber(year, month)
  return tariff.discounts.filter((discount) =>
    isInSpan(key, discount.validFrom, discount.validUntil),
  )
}

/**
 * A line after a discount. The config check refuses a percent that leaves a fraction of a rupiah
 * on any line, so this division is exact and nothing is rounded (the budget's promise).
 */
function discounted(amount: number, percent: number): number {
  const value = (amount * (100 - percent)) / 100
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${percent} % off Rp${amount} is not whole rupiah`)
  }
  return value
}

export interface RateInMonth {
  tariff: Tariff
  /** The discount this payer gets in this month, or null. */
  discount: TariffDiscount | null
  /** What this payer pays per participant for the month, per line and in total. */
  rate: MonthlyRate
}

/**
 * What `payerKind` pays per participant for `month` of `year`: the tariff in force that month,
 * less the discount (at most one: the config check refuses two for the same payer and month).
 * Null when no tariff is in force: such a month cannot be costed.
 */
export function rateInMonth(
  tariffs: readonly Tariff[],
  year: number,
  month: number,
  payerKind: PayerKind = DEFAULT_PAYER_KIND,
): RateInMonth | null {
  const tariff = tariffInForce(tariffs, year, month)
  if (!tariff) return null
  const discount =
    discountsInMonth(tariff, year, month).find((candidate) =>
      discountAppliesTo(candidate, payerKind),
    ) ?? null
  const percent = discount?.percent ?? 0
  const jkk = discounted(tariff.lines.jkk, percent)
  const jkm = discounted(tariff.lines.jkm, percent)
  return { tariff, discount, rate: { jkk, jkm, total: jkk + jkm } }
}

/** One tariff for every month, as old configs with only `premiumPerMonth` describe it. */
export function openEndedTariff(lines: ProgrammeLines, regulation: string): Tariff {
  return {
    validFrom: OLDEST_TARIFF_MONTH,
    lines: { ...lines },
    total: lines.jkk + lines.jkm,
    regulation,
    discounts: [],
  }
}

/** The budget's first year (budget.ts accepts 2000..2100): "in force since always". */
export const OLDEST_TARIFF_MONTH = '2000-01'
