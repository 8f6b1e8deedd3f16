/**
 * district.json's `tariffs`: the contribution rates with the months they are in force
 * (shared/coverage/tariffs.ts says why they are data). The file is edited by hand when a
 * regulation changes, and a wrong rate misstates the APBD budget for every month it covers, so
 * the check is strict and says in Indonesian which key is wrong and why:
 *
 * - months are real 'YYYY-MM' months; a tariff's `validUntil` is not before its `validFrom`;
 * - tariffs are listed in month order, do not overlap and leave no month without a tariff between
 *   the first and the last (a gap would silently cost a month at Rp0); only the last may be open;
 * - rates are whole rupiah and `total` is `lines.jkk + lines.jkm`, so a typo in one figure cannot
 *   slip through; `lines` holds exactly jkk and jkm;
 * - a discount lies within its tariff's months, names known payer kinds, leaves whole rupiah on
 *   each line, and no two discounts of a tariff apply to the same payer in the same month.
 *
 * An old file with only `premiumPerMonth { jkk, jkm, total }` is read as one open-ended tariff, so
 * a district that has not moved its file still starts. A file with both is refused: which one
 * would the budget use?
 */
import {
  EVERY_PAYER_KIND,
  isPayerKind,
  monthNumberOf,
  openEndedTariff,
  parseYearMonth,
  PAYER_KINDS,
  yearMonthOf,
  type PayerKind,
  type ProgrammeLines,
  type Tariff,
  type TariffDiscount,
} from '../coverage/tariffs'
import { DistrictConfigError, writtenAs } from './config-error'

const MAX_LINE = 10_000_000
const MAX_TOTAL = 20_000_000
const MAX_REGULATION = 200
/** The budget's years (budget.ts): a tariff outside them could never be used. */
const FIRST_YEAR = 2000
const LAST_YEAR = 2100
/** What an old file's single tariff says it is based on, on the dashboard. */
export const LEGACY_TARIFF_REGULATION = 'premiumPerMonth (district.json lama, tanpa tanggal)'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readRecord(value: unknown, path: string, example: string): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new DistrictConfigError(
      path,
      `harus berupa objek { … }; ${writtenAs(value)}; contoh: ${example}`,
    )
  }
  return value
}

const TARIFF_EXAMPLE =
  '{ "validFrom": "2026-01", "lines": { "jkk": 10000, "jkm": 6800 }, "total": 16800, "regulation": "PP 82/2019" }'

function readWhole(
  record: Record<string, unknown>,
  key: string,
  path: string,
  min: number,
  max: number,
  example: number,
) {
  const value = record[key]
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DistrictConfigError(
      `${path}.${key}`,
      `harus bilangan bulat rupiah dari ${min} sampai ${max}, tanpa titik ribuan dan tanpa tanda kutip; ${writtenAs(value)}; contoh: ${example}`,
    )
  }
  return value
}

function readMonth(record: Record<string, unknown>, key: string, path: string): string {
  const value = record[key]
  const parsed = parseYearMonth(value)
  if (!parsed || parsed.year < FIRST_YEAR || parsed.year > LAST_YEAR) {
    throw new DistrictConfigError(
      `${path}.${key}`,
      `harus bulan berbentuk "YYYY-MM" antara ${FIRST_YEAR} dan ${LAST_YEAR}; ${writtenAs(value)}; contoh: "2026-07"`,
    )
  }
  return value as string
}

function readOptionalMonth(
  record: Record<string, unknown>,
  key: string,
  path: string,
): string | undefined {
  return record[key] === undefined ? undefined : readMonth(record, key, path)
}

function readRegulation(record: Record<string, unknown>, path: string): string {
  const value = record.regulation
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_REGULATION) {
    throw new DistrictConfigError(
      `${path}.regulation`,
      `harus menyebut dasar hukumnya, paling banyak ${MAX_REGULATION} karakter; ${writtenAs(value)}; contoh: "PP 82/2019"`,
    )
  }
  return value.trim()
}

/** `lines { jkk, jkm }` and `total` = their sum; `path` is where `lines` and `total` sit. */
function readLines(
  linesValue: unknown,
  linesPath: string,
  totalRecord: Record<string, unknown>,
  totalPath: string,
): { lines: ProgrammeLines; total: number } {
  const record = readRecord(linesValue, linesPath, '{ "jkk": 10000, "jkm": 6800 }')
  for (const key of Object.keys(record)) {
    if (key !== 'jkk' && key !== 'jkm' && !(record === totalRecord && key === 'total')) {
      throw new DistrictConfigError(
        `${linesPath}.${key}`,
        'kunci tidak dikenal: program yang dibayar hanya jkk (JKK) dan jkm (JKM)',
      )
    }
  }
  const lines = {
    jkk: readWhole(record, 'jkk', linesPath, 0, MAX_LINE, 10000),
    jkm: readWhole(record, 'jkm', linesPath, 0, MAX_LINE, 6800),
  }
  const total = readWhole(totalRecord, 'total', totalPath, 1, MAX_TOTAL, 16800)
  if (total !== lines.jkk + lines.jkm) {
    throw new DistrictConfigError(
      `${totalPath}.total`,
      `harus sama dengan jkk + jkm (${lines.jkk} + ${lines.jkm} = ${lines.jkk + lines.jkm}); tertulis ${total}`,
    )
  }
  return { lines, total }
}

function readPayerKinds(value: unknown, path: string, allowEvery: boolean): PayerKind[] | 'semua' {
  if (allowEvery && value === EVERY_PAYER_KIND) return EVERY_PAYER_KIND
  const known = `${allowEvery ? `"${EVERY_PAYER_KIND}" atau ` : ''}daftar dari ${PAYER_KINDS.map((kind) => `"${kind}"`).join(', ')}`
  if (!Array.isArray(value) || value.length === 0) {
    throw new DistrictConfigError(path, `harus ${known}; ${writtenAs(value)}; contoh: ["mandiri"]`)
  }
  const kinds: PayerKind[] = []
  value.forEach((item, index) => {
    if (!isPayerKind(item)) {
      throw new DistrictConfigError(
        `${path}[${index}]`,
        `bukan jenis pembayar yang dikenal (${JSON.stringify(item)}); pilih dari ${PAYER_KINDS.join(', ')}; contoh: "mandiri"`,
      )
    }
    if (kinds.includes(item)) {
      throw new DistrictConfigError(`${path}[${index}]`, `"${item}" tertulis dua kali`)
    }
    kinds.push(item)
  })
  return kinds
}

/** The payer kinds a discount reaches after its exclusions. */
function reachedKinds(discount: TariffDiscount): PayerKind[] {
  return PAYER_KINDS.filter(
    (kind) =>
      (discount.appliesToPayerKinds === EVERY_PAYER_KIND ||
        discount.appliesToPayerKinds.includes(kind)) &&
      !discount.excludesPayerKinds.includes(kind),
  )
}

function readDiscount(
  value: unknown,
  path: string,
  tariff: { validFrom: string; validUntil?: string; lines: ProgrammeLines },
): TariffDiscount {
  const record = readRecord(
    value,
    path,
    '{ "percent": 50, "regulation": "PP 50/2025", "appliesToPayerKinds": "semua" }',
  )
  const percentValue = record.percent
  if (
    typeof percentValue !== 'number' ||
    !Number.isInteger(percentValue) ||
    percentValue < 1 ||
    percentValue > 100
  ) {
    throw new DistrictConfigError(
      `${path}.percent`,
      `harus bilangan bulat 1 sampai 100 (persen potongan); ${writtenAs(percentValue)}; contoh: 50`,
    )
  }
  for (const [line, amount] of Object.entries(tariff.lines)) {
    if ((amount * (100 - percentValue)) % 100 !== 0) {
      throw new DistrictConfigError(
        `${path}.percent`,
        `${percentValue} % dari ${line.toUpperCase()} Rp${amount} bukan rupiah bulat; BPJS menagih rupiah bulat, tulis tarif sesudah potongan sebagai tarif tersendiri`,
      )
    }
  }
  const discount: TariffDiscount = {
    percent: percentValue,
    regulation: readRegulation(record, path),
    appliesToPayerKinds: readPayerKinds(
      record.appliesToPayerKinds,
      `${path}.appliesToPayerKinds`,
      true,
    ),
    excludesPayerKinds:
      record.excludesPayerKinds === undefined
        ? []
        : (readPayerKinds(
            record.excludesPayerKinds,
            `${path}.excludesPayerKinds`,
            false,
          ) as PayerKind[]),
  }
  const validFrom = readOptionalMonth(record, 'validFrom', path)
  const validUntil = readOptionalMonth(record, 'validUntil', path)
  if (validFrom !== undefined) discount.validFrom = validFrom
  if (validUntil !== undefined) discount.validUntil = validUntil

  const from = monthNumberOf(validFrom ?? tariff.validFrom)
  if (from < monthNumberOf(tariff.validFrom)) {
    throw new DistrictConfigError(
      `${path}.validFrom`,
      `${validFrom} sebelum tarifnya berlaku (${tariff.validFrom}); potongan hanya berlaku dalam bulan-bulan tarifnya`,
    )
  }
  if (validUntil !== undefined) {
    if (monthNumberOf(validUntil) < from) {
      throw new DistrictConfigError(
        `${path}.validUntil`,
        `${validUntil} sebelum validFrom potongan ini (${yearMonthOf(from)})`,
      )
    }
    if (
      tariff.validUntil !== undefined &&
      monthNumberOf(validUntil) > monthNumberOf(tariff.validUntil)
    ) {
      throw new DistrictConfigError(
        `${path}.validUntil`,
        `${validUntil} sesudah tarifnya berakhir (${tariff.validUntil}); potongan hanya berlaku dalam bulan-bulan tarifnya`,
      )
    }
  }

  const excludedButListed = discount.excludesPayerKinds.find(
    (kind) =>
      discount.appliesToPayerKinds !== EVERY_PAYER_KIND &&
      discount.appliesToPayerKinds.includes(kind),
  )
  if (excludedButListed) {
    throw new DistrictConfigError(
      `${path}.excludesPayerKinds`,
      `menyebut "${excludedButListed}" yang juga ada di appliesToPayerKinds: berlaku atau tidak?`,
    )
  }
  if (reachedKinds(discount).length === 0) {
    throw new DistrictConfigError(path, 'tidak berlaku untuk jenis pembayar mana pun')
  }
  return discount
}

/** Months (as monthNumber) a discount covers within a tariff: [from, until], until may be open. */
function discountSpan(discount: TariffDiscount, tariff: Tariff): [number, number] {
  return [
    monthNumberOf(discount.validFrom ?? tariff.validFrom),
    discount.validUntil !== undefined
      ? monthNumberOf(discount.validUntil)
      : tariff.validUntil !== undefined
        ? monthNumberOf(tariff.validUntil)
        : Number.POSITIVE_INFINITY,
  ]
}

function readTariff(value: unknown, path: string): Tariff {
  const record = readRecord(value, path, TARIFF_EXAMPLE)
  const validFrom = readMonth(record, 'validFrom', path)
  const validUntil = readOptionalMonth(record, 'validUntil', path)
  if (validUntil !== undefined && monthNumberOf(validUntil) < monthNumberOf(validFrom)) {
    throw new DistrictConfigError(
      `${path}.validUntil`,
      `${validUntil} tidak boleh sebelum validFrom tarif ini (${validFrom})`,
    )
  }
  const { lines, total } = readLines(record.lines, `${path}.lines`, record, path)
  const tariff: Tariff = {
    validFrom,
    lines,
    total,
    regulation: readRegulation(record, path),
    discounts: [],
  }
  if (validUntil !== undefined) tariff.validUntil = validUntil

  if (record.discounts !== undefined && !Array.isArray(record.discounts)) {
    throw new DistrictConfigError(
      `${path}.discounts`,
      `harus berupa daftar [ … ]; ${writtenAs(record.discounts)}; contoh: [{ "percent": 50, "regulation": "PP 50/2025", "appliesToPayerKinds": "semua" }]`,
    )
  }
  const discounts = ((record.discounts as unknown[] | undefined) ?? []).map((item, index) =>
    readDiscount(item, `${path}.discounts[${index}]`, tariff),
  )
  discounts.forEach((discount, index) => {
    const [from, until] = discountSpan(discount, tariff)
    discounts.slice(0, index).forEach((earlier, earlierIndex) => {
      const [earlierFrom, earlierUntil] = discountSpan(earlier, tariff)
      const overlaps = from <= earlierUntil && earlierFrom <= until
      const shared = reachedKinds(discount).find((kind) => reachedKinds(earlier).includes(kind))
      if (overlaps && shared) {
        throw new DistrictConfigError(
          `${path}.discounts[${index}]`,
          `berlaku bersamaan dengan discounts[${earlierIndex}] untuk pembayar "${shared}"; potongan tidak ditumpuk, tulis satu potongan saja`,
        )
      }
    })
  })
  return { ...tariff, discounts }
}

/** Order, overlaps and gaps between consecutive tariffs. */
function checkSequence(tariffs: readonly Tariff[]): void {
  tariffs.forEach((tariff, index) => {
    if (index === 0) return
    const previous = tariffs[index - 1] as Tariff
    const path = `.tariffs[${index}].validFrom`
    const from = monthNumberOf(tariff.validFrom)
    if (from <= monthNumberOf(previous.validFrom)) {
      throw new DistrictConfigError(
        path,
        `${tariff.validFrom} harus sesudah validFrom tarif sebelumnya (${previous.validFrom}): urutkan tarif menurut bulan mulai berlaku`,
      )
    }
    if (previous.validUntil === undefined) {
      throw new DistrictConfigError(
        `.tariffs[${index - 1}]`,
        `tidak punya validUntil padahal ada tarif sesudahnya; isi validUntil "${yearMonthOf(from - 1)}" (hanya tarif terakhir boleh tanpa akhir)`,
      )
    }
    const previousUntil = monthNumberOf(previous.validUntil)
    if (from <= previousUntil) {
      throw new DistrictConfigError(
        path,
        `${tariff.validFrom} tumpang tindih dengan tarif sebelumnya yang berlaku s.d. ${previous.validUntil}: satu bulan hanya boleh punya satu tarif`,
      )
    }
    if (from > previousUntil + 1) {
      throw new DistrictConfigError(
        path,
        `${tariff.validFrom} meninggalkan celah: ${yearMonthOf(previousUntil + 1)}${from - 1 > previousUntil + 1 ? ` s.d. ${yearMonthOf(from - 1)}` : ''} tidak punya tarif`,
      )
    }
  })
}

/**
 * The tariffs of district.json's root object: `tariffs`, or an old file's `premiumPerMonth` as one
 * open-ended tariff. Throws DistrictConfigError on the first problem.
 */
export function parseTariffs(root: Record<string, unknown>): Tariff[] {
  const hasTariffs = root.tariffs !== undefined
  const hasPremium = root.premiumPerMonth !== undefined
  if (hasTariffs && hasPremium) {
    throw new DistrictConfigError(
      '.premiumPerMonth',
      'tidak boleh ada bersama tariffs: hapus premiumPerMonth, tarifnya sudah di tariffs',
    )
  }
  if (!hasTariffs) {
    if (!hasPremium) {
      throw new DistrictConfigError(
        '.tariffs',
        `harus ada: daftar tarif iuran dengan bulan berlakunya; contoh: [${TARIFF_EXAMPLE}]`,
      )
    }
    const record = readRecord(
      root.premiumPerMonth,
      '.premiumPerMonth',
      '{ "jkk": 10000, "jkm": 6800, "total": 16800 }',
    )
    const { lines } = readLines(record, '.premiumPerMonth', record, '.premiumPerMonth')
    return [openEndedTariff(lines, LEGACY_TARIFF_REGULATION)]
  }
  if (!Array.isArray(root.tariffs) || root.tariffs.length === 0) {
    throw new DistrictConfigError(
      '.tariffs',
      `harus daftar tarif yang tidak kosong; ${writtenAs(root.tariffs)}; contoh: [${TARIFF_EXAMPLE}]`,
    )
  }
  const tariffs = root.tariffs.map((item, index) => readTariff(item, `.tariffs[${index}]`))
  checkSequence(tariffs)
  return tariffs
}
