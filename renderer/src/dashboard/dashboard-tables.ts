/**
 * The dashboard's figures as tables: one model feeds the on-screen table, its bar chart, the XLSX
 * export and the PDF report, so the four can never show different numbers.
 */
import type { DashboardFigures } from '@shared/dashboard/aggregate'
import { OTHER_AGE_BAND } from '@shared/dashboard/aggregate'
import { localeOf } from '@shared/i18n/language'
import type { CellKind, SheetTable, TypedCell } from '@shared/spreadsheet/xlsx-writer'
import { district } from '@/core/district'
import { formatDate, formatNumber, formatRupiah, type Language } from '@/core/i18n/i18n'
import { dashboardText, type DashboardMessageKey } from './dashboard-messages'

/**
 * A number takes its column's kind (a percent is a fraction: 0.42 is 42%); a string is text
 * wherever it stands (a '–' placeholder); a typed cell overrides its column (the budget table's
 * value column mixes Rupiah and head counts).
 */
export type Cell = string | number | TypedCell

export interface ChartBar {
  label: string
  value: number
  /** Drawn as a marker on the bar when known (kecamatan targets). */
  target?: number | null
}

export interface DashboardTable {
  /** Stable id: file names and test ids. */
  id: string
  title: string
  columns: string[]
  /** What each column holds, one per column: the screen, the PDF and the XLSX format by it. */
  columnKinds: CellKind[]
  rows: Cell[][]
  bars: ChartBar[]
  /** Money tables show rupiah; the bars are skipped. */
  isMoney?: boolean
}

export function percentOf(value: number, target: number | null | undefined): string {
  if (!target) return '–'
  return `${Math.round((value / target) * 100)}%`
}

const rupiah = (value: number): TypedCell => ({ kind: 'rupiah', value })

/** A cell as the screen and the PDF show it, by its kind. */
export function displayCell(language: Language, cell: Cell, columnKind: CellKind = 'text'): string {
  const { kind, value } = typeof cell === 'object' ? cell : { kind: columnKind, value: cell }
  if (typeof value === 'string') return kind === 'date' ? formatDate(language, value) : value
  if (kind === 'rupiah') return formatRupiah(value)
  if (kind === 'percent') return `${formatNumber(language, Math.round(value * 100))}%`
  return formatNumber(language, value)
}

/** The table as a spreadsheet: numbers stay numbers, each column formatted by its kind. */
export function tableToSheet(table: DashboardTable): SheetTable {
  return {
    name: table.title,
    columns: table.columns.map((header, index) => ({
      header,
      kind: table.columnKinds[index] ?? 'text',
    })),
    rows: table.rows,
  }
}

export function buildDashboardTables(
  figures: DashboardFigures,
  language: Language,
  villageKecamatanCode: string,
): DashboardTable[] {
  const t = (key: DashboardMessageKey, params?: Record<string, string | number>) =>
    dashboardText(language, key, params)
  const kecamatanName =
    district.regions.kecamatanByCode(villageKecamatanCode)?.name ?? villageKecamatanCode

  const areaTable = (
    id: string,
    title: string,
    areaColumn: string,
    rows: DashboardFigures['byKecamatan'],
    withTarget: boolean,
  ): DashboardTable => ({
    id,
    title,
    columns: [
      areaColumn,
      t('col.registered'),
      t('col.active'),
      t('col.new'),
      ...(withTarget ? [t('col.target'), t('col.percent')] : []),
    ],
    columnKinds: [
      'text',
      'integer',
      'integer',
      'integer',
      ...(withTarget ? (['integer', 'percent'] as const) : []),
    ],
    rows: rows.map((row) => [
      row.name,
      row.registered,
      row.active,
      row.newThisYear,
      ...(withTarget ? [row.target ?? '–', row.target ? row.newThisYear / row.target : '–'] : []),
    ]),
    // With a target (kecamatan): new participants against it, as the % column. Without (desa):
    // what the office has registered there.
    bars: rows.map((row) =>
      withTarget
        ? { label: row.name, value: row.newThisYear, target: row.target }
        : { label: row.name, value: row.registered },
    ),
  })

  const b = figures.budget
  const rateOrDash = (value: number | undefined): Cell =>
    value === undefined ? '–' : rupiah(value)
  const budgetRows: Cell[][] = [
    // The tariff in force this month; the year's tariffs are in the table below.
    [t('budget.premium'), rateOrDash(b.rateAsOf?.total)],
    [t('budget.active'), b.activeCount],
    ...(figures.headline.baseline > 0
      ? [[t('budget.baselineNotCounted'), figures.headline.baseline]]
      : []),
    [t('budget.monthly'), rateOrDash(b.rateAsOf ? b.rateAsOf.total * b.activeCount : undefined)],
    [t('budget.allocation'), rupiah(b.allocation)],
    [t('budget.spent'), rupiah(b.spentToDate)],
    [t('budget.spentJkk'), rupiah(b.spentToDateByLine.jkk)],
    [t('budget.spentJkm'), rupiah(b.spentToDateByLine.jkm)],
    [t('budget.projected'), rupiah(b.projectedYearEnd)],
    [t('budget.projectedJkk'), rupiah(b.projectedYearEndByLine.jkk)],
    [t('budget.projectedJkm'), rupiah(b.projectedYearEndByLine.jkm)],
    b.projectedShortfall > 0
      ? [t('budget.shortfall'), rupiah(b.projectedShortfall)]
      : [t('budget.surplus'), rupiah(b.projectedSurplus)],
    [t('budget.remainingTarget'), b.remainingTarget],
    [t('budget.costToTarget', { month: b.addFromMonth ?? '–' }), rupiah(b.costToReachTarget)],
    [t('budget.withTarget'), rupiah(b.projectedWithTarget)],
    // Who pays (issue 16): paid twice is money lost, active but uncovered is a person unprotected.
    [t('budget.paidTwice'), figures.payerChecks.paidTwice],
    [t('budget.activeUncovered'), figures.payerChecks.activeUncovered],
  ]

  const month = (yearMonth: string) => monthLabel(language, yearMonth)
  const inYear = (monthOfYear: number) => `${b.year}-${String(monthOfYear).padStart(2, '0')}`
  const payer = t(`payer.${b.payerKind}`)
  const tariffRows: Cell[][] = b.tariffPeriods.map((period) => {
    const months =
      period.fromMonth === period.untilMonth
        ? month(inYear(period.fromMonth))
        : t('tariff.months', {
            from: month(inYear(period.fromMonth)),
            until: month(inYear(period.untilMonth)),
          })
    if (!period.tariff || !period.rate) {
      return [months, t('tariff.none'), t('tariff.noneDetail'), '–', '–', '–', '–']
    }
    const validity =
      period.tariff.validUntil === undefined
        ? t('tariff.validOpen', { from: month(period.tariff.validFrom) })
        : t('tariff.validRange', {
            from: month(period.tariff.validFrom),
            until: month(period.tariff.validUntil),
          })
    const discounts = [
      ...(period.discount ? [t('tariff.discountApplied', { ...period.discount, payer })] : []),
      ...period.discountsNotApplied.map((discount) =>
        t('tariff.discountNotApplied', { ...discount, payer }),
      ),
    ]
    return [
      months,
      validity,
      period.tariff.regulation,
      discounts.length > 0 ? discounts.join('; ') : '–',
      rupiah(period.rate.jkk),
      rupiah(period.rate.jkm),
      rupiah(period.rate.total),
    ]
  })

  const byMonthRows: Cell[][] = b.byMonth.map((entry) => [
    month(inYear(entry.month)),
    entry.people,
    rateOrDash(entry.rate?.total),
    rupiah(entry.jkk),
    rupiah(entry.jkm),
    rupiah(entry.amount),
  ])
  byMonthRows.push([
    t('budget.yearTotal'),
    '',
    '',
    rupiah(b.projectedYearEndByLine.jkk),
    rupiah(b.projectedYearEndByLine.jkm),
    rupiah(b.projectedYearEnd),
  ])

  // Per payer: each payer's own budget against what its periods cost (shared/coverage/payers.ts).
  // A person two payers pay in one month is in both rows: both are billed.
  const payerRows: Cell[][] = figures.budgetByPayer.map((row) => [
    row.payer ? row.payer.name : t('payerTable.unknown', { code: row.payerCode }),
    row.people,
    row.budget ? rupiah(row.budget.total) : t('payerTable.noBudget'),
    rupiah(row.spentToDate),
    rupiah(row.projectedYearEnd),
    // As the APBD table: a surplus and a shortfall, each whole and non-negative, never −x.
    row.budget ? rupiah(row.projectedSurplus) : '–',
    row.budget ? rupiah(row.projectedShortfall) : '–',
  ])

  // Per account, for budgets split into JKK and JKM (Kukar's): each account checked on its own.
  const accountRows: Cell[][] = figures.budgetByPayer.flatMap((row) =>
    (row.byLine ?? []).map((line) => [
      `${row.payer ? row.payer.name : row.payerCode} · ${line.line.toUpperCase()}`,
      rupiah(line.budget),
      rupiah(line.projectedYearEnd),
      rupiah(line.projectedSurplus),
      rupiah(line.projectedShortfall),
    ]),
  )

  const occupationName = (code: string) => {
    const option = district.occupationByCode(code)
    return option ? (language === 'en' ? option.labelEn : option.labelId) : code
  }

  // Claim assistance (issue 17): cases helped and rupiah paid to families this year.
  const claimsTable: DashboardTable = {
    id: 'kecamatan-klaim',
    title: t('chart.claims', { year: figures.year }),
    columns: [
      t('col.kecamatan'),
      t('col.claimsOpened'),
      t('col.claimsOpen'),
      t('col.claimsPaid'),
      t('col.claimsRupiah'),
    ],
    columnKinds: ['text', 'integer', 'integer', 'integer', 'rupiah'],
    rows: [
      ...figures.claimsByKecamatan.map((row) => [
        row.name,
        row.opened,
        row.open,
        row.paid,
        rupiah(row.rupiahPaid),
      ]),
      [
        t('col.total'),
        figures.claimsTotal.opened,
        figures.claimsTotal.open,
        figures.claimsTotal.paid,
        rupiah(figures.claimsTotal.rupiahPaid),
      ],
    ],
    bars: [],
  }

  return [
    areaTable('kecamatan', t('chart.kecamatan'), t('col.kecamatan'), figures.byKecamatan, true),
    claimsTable,
    areaTable(
      `desa-${villageKecamatanCode}`,
      `${t('chart.village')} — ${kecamatanName}`,
      t('col.village'),
      figures.byVillage[villageKecamatanCode] ?? [],
      false,
    ),
    {
      id: 'pekerjaan',
      title: t('chart.occupation'),
      columns: [t('col.occupation'), t('col.registered'), t('col.active')],
      columnKinds: ['text', 'integer', 'integer'],
      rows: figures.byOccupation.map((row) => [
        occupationName(row.code),
        row.registered,
        row.active,
      ]),
      bars: figures.byOccupation.map((row) => ({
        label: occupationName(row.code),
        value: row.registered,
      })),
    },
    {
      id: 'jenis-kelamin-umur',
      title: t('chart.sexAge'),
      columns: [t('col.band'), t('col.male'), t('col.female'), t('col.total')],
      columnKinds: ['text', 'integer', 'integer', 'integer'],
      rows: figures.bySexAge.map((row) => [
        row.band === OTHER_AGE_BAND ? t('band.other') : row.band,
        row.male,
        row.female,
        row.male + row.female,
      ]),
      bars: figures.bySexAge.map((row) => ({
        label: row.band === OTHER_AGE_BAND ? t('band.other') : row.band,
        value: row.male + row.female,
      })),
    },
    {
      id: 'alur-verifikasi',
      title: t('chart.funnel'),
      columns: [t('col.stage'), t('col.count')],
      columnKinds: ['text', 'integer'],
      rows: figures.funnel.map((row) => [t(`stage.${row.stage}`), row.count]),
      bars: figures.funnel.map((row) => ({ label: t(`stage.${row.stage}`), value: row.count })),
    },
    {
      id: 'pendaftaran-mingguan',
      title: t('chart.weekly'),
      columns: [t('col.week'), t('col.registrations')],
      columnKinds: ['text', 'integer'],
      rows: figures.weekly.map((row) => [weekRange(language, row.weekStart), row.registrations]),
      bars: figures.weekly.map((row) => ({
        label: weekRange(language, row.weekStart),
        value: row.registrations,
      })),
    },
    {
      id: 'kartu-stiker',
      title: t('chart.prints'),
      columns: [t('col.item'), t('col.count')],
      columnKinds: ['text', 'integer'],
      rows: (
        ['enrolled', 'cardPrinted', 'stickered', 'enrolledWithCard', 'enrolledWithSticker'] as const
      ).map((key) => [t(`prints.${key}`), figures.prints[key]]),
      bars: (['enrolled', 'cardPrinted', 'stickered'] as const).map((key) => ({
        label: t(`prints.${key}`),
        value: figures.prints[key],
      })),
    },
    {
      id: 'anggaran',
      title: t('chart.budget'),
      columns: [t('col.item'), t('col.value')],
      // Head counts are integers; the amounts are Rupiah cells of their own.
      columnKinds: ['text', 'integer'],
      rows: budgetRows,
      bars: [],
      isMoney: true,
    },
    {
      id: 'anggaran-pembayar',
      title: t('chart.budgetByPayer', { year: b.year }),
      // Seven columns at most, so the PDF's A4 page keeps each billion-rupiah figure on one line.
      columns: [
        t('col.payer'),
        t('col.paidPeople'),
        t('col.payerBudget'),
        t('col.spent'),
        t('col.projected'),
        t('col.payerSurplus'),
        t('col.payerShortfall'),
      ],
      columnKinds: ['text', 'integer', 'rupiah', 'rupiah', 'rupiah', 'rupiah', 'rupiah'],
      rows: payerRows,
      bars: [],
      isMoney: true,
    },
    ...(accountRows.length > 0
      ? [
          {
            id: 'anggaran-akun',
            title: t('chart.budgetByAccount', { year: b.year }),
            columns: [
              t('col.account'),
              t('col.accountBudget'),
              t('col.projected'),
              t('col.payerSurplus'),
              t('col.payerShortfall'),
            ],
            columnKinds: [
              'text',
              'rupiah',
              'rupiah',
              'rupiah',
              'rupiah',
            ] as DashboardTable['columnKinds'],
            rows: accountRows,
            bars: [],
            isMoney: true,
          },
        ]
      : []),
    {
      id: 'anggaran-tarif',
      title: t('chart.tariffs', { year: b.year, payer }),
      columns: [
        t('col.months'),
        t('col.validity'),
        t('col.regulation'),
        t('col.discount'),
        'JKK',
        'JKM',
        t('col.total'),
      ],
      columnKinds: ['text', 'text', 'text', 'text', 'rupiah', 'rupiah', 'rupiah'],
      rows: tariffRows,
      bars: [],
      isMoney: true,
    },
    {
      id: 'anggaran-bulanan',
      title: t('chart.budgetByMonth', { year: b.year }),
      columns: [t('col.month'), t('col.paidPeople'), t('col.rate'), 'JKK', 'JKM', t('col.total')],
      columnKinds: ['text', 'integer', 'rupiah', 'rupiah', 'rupiah', 'rupiah'],
      rows: byMonthRows,
      bars: [],
      isMoney: true,
    },
  ]
}

/** 'YYYY-MM' as a reader writes it: "Jul 2026" (id-ID: "Jul 2026", "Des 2026"). */
export function monthLabel(language: Language, yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map(Number) as [number, number]
  return new Intl.DateTimeFormat(localeOf(language), {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, 1)))
}

/**
 * A week as a clerk reads it: "15–21 Sep", "29 Sep–5 Okt", "29 Des 2025–4 Jan 2026" (the
 * year only where the week crosses one), never an ISO week code like "2026-W38".
 */
export function weekRange(language: Language, mondayIso: string): string {
  const [year, month, day] = mondayIso.split('-').map(Number) as [number, number, number]
  const start = new Date(Date.UTC(year, month - 1, day))
  const end = new Date(Date.UTC(year, month - 1, day + 6))
  const locale = localeOf(language)
  const format = (date: Date, parts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...parts, timeZone: 'UTC' }).format(date)
  if (start.getUTCFullYear() !== end.getUTCFullYear()) {
    const withYear = { day: 'numeric', month: 'short', year: 'numeric' } as const
    return `${format(start, withYear)}–${format(end, withYear)}`
  }
  if (start.getUTCMonth() !== end.getUTCMonth()) {
    const dayMonth = { day: 'numeric', month: 'short' } as const
    return `${format(start, dayMonth)}–${format(end, dayMonth)}`
  }
  return `${start.getUTCDate()}–${format(end, { day: 'numeric', month: 'short' })}`
}
