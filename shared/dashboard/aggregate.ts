/**
 * Every figure the dashboard shows, built in ONE pass over the participants (100,000 records on a
 * central PC: one scan, plain counters in Maps, no per-chart re-reads). Pure: no store, no DOM,
 * so the renderer, the PDF report, the unit tests and the benchmark all read the same numbers.
 *
 * Definitions (docs/dashboard.md):
 * - active: covered on `today` by a recorded coverage period (the budget's rule, `isCoveredOn`),
 *   so the headline and the premium bill can never disagree;
 * - new this year: first readable coverage period is in `year` (as `budgetSummary`);
 * - waiting for verification: status `submitted`; approved waiting for BPJS: status `approved`;
 * - registered: every record in the store, drafts included (what the office has typed);
 * - age: `ageOn(birthDate, today)`, the registration rule;
 * - existing members (recorded from BPJS's list, `shared/coverage/existing-members.ts`) count as
 *   participants everywhere except the verification funnel and the registrations per week, which
 *   they never went through; each one recorded takes one off the configured baseline (people
 *   covered before Naungan and not recorded in it), so nobody is counted twice.
 */
import { ageOn } from '../participant/eligibility'
import { parseIsoDate } from '../dates/calendar-date'
import type { CoveragePeriod, ParticipantStatus } from '../participant/participant-document'
import { budgetSummary, isCoveredOn, type BudgetSummary } from '../coverage/budget'
import { coverageOverlaps, payerCodeOf, spendByPayer, type PayerSpend } from '../coverage/payers'
import type { Payer } from '../district/payer-config'
import { isExistingMemberSource } from '../coverage/existing-members'
import type { Tariff } from '../coverage/tariffs'

/** The participant fields the dashboard reads. */
export interface DashboardRecord {
  status: ParticipantStatus
  checks: readonly { state: 'pending' | 'confirmed' | 'rejected' }[]
  /** ISO timestamp; its calendar day (first 10 characters) places it in a week. */
  createdAt: string
  birthDate: string
  sex: 'L' | 'P'
  kecamatanCode: string
  villageCode: string
  occupationCode: string
  prints: readonly { kind: 'card' | 'sticker' }[]
  enrolmentBatchId?: string
  coverage?: readonly CoveragePeriod[]
  /** `peserta-lama:…` for an existing member recorded from BPJS's list. */
  source?: string
  /** Claim cases of the heirs (or the participant): only what the claims figures read. */
  claims?: readonly ClaimFigureCase[]
}

/** What the dashboard reads of a claim case (shared/claims/claim-case.ts). */
export interface ClaimFigureCase {
  /** The kecamatan whose office handles the case (a person may move; the case stays). */
  kecamatanCode: string
  openedOn: string
  history: readonly { status: string; on: string; amountPaid?: number }[]
}

/** Claims of one kecamatan in the year: helped, still open, paid, and the rupiah paid. */
export interface ClaimsRow {
  code: string
  name: string
  /** Cases opened in the year. */
  opened: number
  /** Cases not yet paid or rejected today (any year). */
  open: number
  /** Cases paid in the year, and what reached the families. */
  paid: number
  rupiahPaid: number
}

/** A supervisor's plan for a year: kecamatanCode '' is the district total. */
export interface PlanEntry {
  year: number
  kecamatanCode: string
  /** New participants targeted. */
  target: number
  /** APBD allocation for premiums, whole rupiah. */
  allocation: number
}

export interface DashboardConfig {
  /** district.json tariffs: each month of the budget is costed at the one in force then. */
  tariffs: readonly Tariff[]
  baselineCoveredParticipants: number
  /**
   * The district's offset from UTC in minutes (WITA: 480): a record saved at 00:30 on a Monday in
   * Tenggarong was saved on Monday, though UTC still says Sunday.
   */
  utcOffsetMinutes: number
  /**
   * district.json payers: the budget is also broken down by who pays, against each payer's own
   * budget. Absent: one row per payer code found on the periods, without names or budgets.
   */
  payers?: readonly Payer[]
  /** district.json annualTargets: used when no plan gives the district total. */
  configuredTargetFor(year: number): number | undefined
  kecamatan: readonly { code: string; name: string }[]
  villages: readonly { code: string; name: string; kecamatanCode: string }[]
  occupations: readonly { code: string; labelId: string; labelEn: string }[]
}

export interface DashboardInput {
  year: number
  /** YYYY-MM-DD */
  today: string
  config: DashboardConfig
  plans: readonly PlanEntry[]
}

export const AGE_BANDS = [
  { label: '18–24', min: 18, max: 24 },
  { label: '25–34', min: 25, max: 34 },
  { label: '35–44', min: 35, max: 44 },
  { label: '45–54', min: 45, max: 54 },
  { label: '55–64', min: 55, max: 64 },
] as const
/** The label for ages outside the programme's bands (or unreadable birth dates). */
export const OTHER_AGE_BAND = 'lainnya'

export const WEEKS_SHOWN = 12

export interface AreaRow {
  code: string
  name: string
  registered: number
  active: number
  newThisYear: number
  /** Target of new participants (plans); null when none was entered. */
  target: number | null
}

export interface CountRow {
  code: string
  registered: number
  active: number
}

export interface SexAgeRow {
  band: string
  male: number
  female: number
}

export interface FunnelRow {
  stage: 'submitted' | 'checked' | 'approved' | 'enrolled'
  count: number
}

export interface WeekRow {
  /** ISO week, e.g. 2026-W48. */
  week: string
  /** Monday of that week, YYYY-MM-DD. */
  weekStart: string
  registrations: number
}

export interface PrintsSummary {
  /** Status enrolled or active: the people who should hold a card and a sticker. */
  enrolled: number
  cardPrinted: number
  stickered: number
  enrolledWithCard: number
  enrolledWithSticker: number
}

export interface DashboardFigures {
  year: number
  today: string
  headline: {
    registered: number
    active: number
    /** Covered before Naungan and not recorded in it: configured baseline − existing members recorded. */
    baseline: number
    /** Existing members recorded from BPJS's list (any status). */
    existingMembersRecorded: number
    /** baseline + active */
    coveredTotal: number
    newThisYear: number
    target: number
    /** 'plan' | 'config' | 'none': where the target came from. */
    targetSource: 'plan' | 'config' | 'none'
    approvedWaitingForBpjs: number
    /** Of those approved, already sent in an enrolment batch. */
    approvedSentInBatch: number
    waitingForVerification: number
    returned: number
    drafts: number
  }
  byKecamatan: AreaRow[]
  /** Keyed by kecamatan code: that kecamatan's villages, every village listed. */
  byVillage: Record<string, AreaRow[]>
  byOccupation: CountRow[]
  bySexAge: SexAgeRow[]
  funnel: FunnelRow[]
  weekly: WeekRow[]
  prints: PrintsSummary
  budget: BudgetSummary
  /** The same year per payer (shared/coverage/payers.ts), in district.json's order. */
  budgetByPayer: PayerSpend[]
  /**
   * Issue 16's two failures: people two payers pay for in the same month of the year (money
   * lost), and people whose status is active but whom no period covers today (unprotected).
   */
  payerChecks: { paidTwice: number; activeUncovered: number }
  /** Records whose kecamatan or village is not in the region table (imported, or a typo). */
  unknownArea: number
  /** Claim assistance by kecamatan (issue 17), every kecamatan listed, and the district total. */
  claimsByKecamatan: ClaimsRow[]
  claimsTotal: Omit<ClaimsRow, 'code' | 'name'>
}

const SUBMITTED_OR_LATER = new Set<ParticipantStatus>([
  'submitted',
  'returned',
  'approved',
  'enrolled',
  'active',
  'ended',
])
const APPROVED_OR_LATER = new Set<ParticipantStatus>(['approved', 'enrolled', 'active', 'ended'])
const ENROLLED_OR_LATER = new Set<ParticipantStatus>(['enrolled', 'active', 'ended'])

const DAY_MS = 86_400_000

/** Days since 1970-01-01 of a YYYY-MM-DD (or timestamp) text, or null. */
/** Counts a record in its area's row (made on first use). */
function addToArea(
  map: Map<string, AreaCounter>,
  code: string,
  isActive: boolean,
  isNew: boolean,
): void {
  let counter = map.get(code)
  if (!counter) {
    counter = emptyCounter()
    map.set(code, counter)
  }
  counter.registered++
  if (isActive) counter.active++
  if (isNew) counter.newThisYear++
}

/** Whether the periods name more than one payer (the default one for a period naming none). */
function hasTwoPayers(periods: readonly CoveragePeriod[], defaultCode: string): boolean {
  if (periods.length < 2) return false
  const first = payerCodeOf(periods[0]!, defaultCode)
  return periods.some((period) => payerCodeOf(period, defaultCode) !== first)
}

function dayNumber(text: string): number | null {
  const date = parseIsoDate(text.slice(0, 10))
  return date ? Date.UTC(date.year, date.month - 1, date.day) / DAY_MS : null
}

/** Monday of the ISO week holding day `day` (1970-01-01 was a Thursday). */
function mondayOf(day: number): number {
  return day - ((day + 3) % 7)
}

function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** ISO 8601 week label: the week belongs to the year of its Thursday. */
export function isoWeekLabel(monday: number): string {
  const thursday = new Date((monday + 3) * DAY_MS)
  const year = thursday.getUTCFullYear()
  const firstThursdayDay = mondayOf(Date.UTC(year, 0, 4) / DAY_MS) + 3
  const week = Math.round((monday + 3 - firstThursdayDay) / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

function firstCoverageYear(coverage: readonly CoveragePeriod[] | undefined): number | null {
  let first: number | null = null
  for (const period of coverage ?? []) {
    if (parseIsoDate(period.from) && (first === null || period.year < first)) first = period.year
  }
  return first
}

/** The district target: the plan's total, else district.json, else 0. */
export function targetOf(
  year: number,
  plans: readonly PlanEntry[],
  config: Pick<DashboardConfig, 'configuredTargetFor'>,
): { target: number; source: 'plan' | 'config' | 'none' } {
  const plan = plans.find((entry) => entry.year === year && entry.kecamatanCode === '')
  if (plan) return { target: plan.target, source: 'plan' }
  const configured = config.configuredTargetFor(year)
  return configured === undefined
    ? { target: 0, source: 'none' }
    : { target: configured, source: 'config' }
}

export function allocationOf(year: number, plans: readonly PlanEntry[]): number {
  return plans.find((entry) => entry.year === year && entry.kecamatanCode === '')?.allocation ?? 0
}

interface AreaCounter {
  registered: number
  active: number
  newThisYear: number
}

const emptyCounter = (): AreaCounter => ({ registered: 0, active: 0, newThisYear: 0 })

/**
 * Every figure of the dashboard in one pass over `records`. Use `createDashboardCounter` instead
 * to feed the records in slices (the renderer yields to the UI between slices).
 */
export function aggregateDashboard(
  records: Iterable<DashboardRecord>,
  input: DashboardInput,
): DashboardFigures {
  const counter = createDashboardCounter(input)
  for (const record of records) counter.add(record)
  return counter.finish()
}

export interface DashboardCounter {
  add(record: DashboardRecord): void
  /** The figures of every record added so far. */
  finish(): DashboardFigures
}

export function createDashboardCounter(input: DashboardInput): DashboardCounter {
  const { year, today, config, plans } = input
  const offsetMs = config.utcOffsetMinutes * 60_000
  /**
   * The day number (`dayNumber`) of the district's calendar day of an instant (ISO), or of the
   * text as a date if it is not one. Counted, not formatted: the district's day is the UTC day
   * of the instant moved by the district's offset (as `calendarDayAt` gives it as a text).
   */
  const localDayNumberOf = (instant: string): number | null => {
    if (instant.length > 10) {
      const at = Date.parse(instant)
      if (Number.isFinite(at)) return Math.floor((at + offsetMs) / DAY_MS)
    }
    return dayNumber(instant)
  }
  const todayDate = parseIsoDate(today)
  const todayDay = dayNumber(today)
  if (!todayDate || todayDay === null) throw new RangeError(`today must be YYYY-MM-DD: ${today}`)
  const firstWeek = mondayOf(todayDay) - (WEEKS_SHOWN - 1) * 7
  const weekCounts = new Array<number>(WEEKS_SHOWN).fill(0)

  const byKecamatan = new Map<string, AreaCounter>()
  const byVillage = new Map<string, AreaCounter>()
  const byOccupation = new Map<string, { registered: number; active: number }>()
  const sexAge = new Map<string, { male: number; female: number }>()
  const knownKecamatan = new Set(config.kecamatan.map((k) => k.code))
  const knownVillages = new Set(config.villages.map((v) => v.code))
  const covered: { coverage?: readonly CoveragePeriod[] }[] = []

  const headline = {
    registered: 0,
    active: 0,
    newThisYear: 0,
    approvedWaitingForBpjs: 0,
    approvedSentInBatch: 0,
    waitingForVerification: 0,
    returned: 0,
    drafts: 0,
  }
  const funnel = { submitted: 0, checked: 0, approved: 0, enrolled: 0 }
  const prints: PrintsSummary = {
    enrolled: 0,
    cardPrinted: 0,
    stickered: 0,
    enrolledWithCard: 0,
    enrolledWithSticker: 0,
  }
  let unknownArea = 0
  let existingMembersRecorded = 0
  const claimsByKecamatan = new Map<string, Omit<ClaimsRow, 'code' | 'name'>>()
  const countClaims = (record: DashboardRecord): void => {
    if (!record.claims || record.claims.length === 0) return
    for (const claim of record.claims) {
      let row = claimsByKecamatan.get(claim.kecamatanCode)
      if (!row) {
        row = { opened: 0, open: 0, paid: 0, rupiahPaid: 0 }
        claimsByKecamatan.set(claim.kecamatanCode, row)
      }
      if (claim.openedOn.startsWith(`${year}-`)) row.opened++
      const last = claim.history.at(-1)
      if (last && last.status !== 'dibayar' && last.status !== 'ditolak') row.open++
      if (last?.status === 'dibayar' && last.on.startsWith(`${year}-`)) {
        row.paid++
        row.rupiahPaid += last.amountPaid ?? 0
      }
    }
  }
  const payerChecks = { paidTwice: 0, activeUncovered: 0 }
  const defaultPayerCode = config.payers?.find((payer) => payer.isDefault)?.code ?? ''

  const countInFunnel = (record: DashboardRecord, isApproved: boolean): void => {
    if (SUBMITTED_OR_LATER.has(record.status)) funnel.submitted++
    const allChecksDecided =
      record.checks.length > 0 && record.checks.every((check) => check.state !== 'pending')
    // Approval needs every check decided, so an approved record counts as checked even when its
    // checks list is empty (imported already approved).
    if (isApproved || (record.status !== 'draft' && allChecksDecided)) funnel.checked++
    if (isApproved) funnel.approved++
    if (ENROLLED_OR_LATER.has(record.status)) funnel.enrolled++
  }

  const add = (record: DashboardRecord): void => {
    headline.registered++
    countClaims(record)
    const hasCoverage = record.coverage !== undefined && record.coverage.length > 0
    if (hasCoverage) covered.push(record)
    const isActive = hasCoverage && isCoveredOn(record.coverage, todayDate)
    const isNew = hasCoverage && firstCoverageYear(record.coverage) === year
    if (isActive) headline.active++
    if (isNew) headline.newThisYear++
    if (record.status === 'active' && !isActive) payerChecks.activeUncovered++
    if (
      hasCoverage &&
      // Two payers in one month need two payers: most people have one, and need no month walk.
      hasTwoPayers(record.coverage ?? [], defaultPayerCode) &&
      coverageOverlaps([{ key: record.status, periods: record.coverage ?? [] }], defaultPayerCode)
        .flatMap((person) => person.overlaps)
        .some((run) => run.fromMonth <= `${year}-12` && run.untilMonth >= `${year}-01`)
    ) {
      payerChecks.paidTwice++
    }

    switch (record.status) {
      case 'draft':
        headline.drafts++
        break
      case 'submitted':
        headline.waitingForVerification++
        break
      case 'returned':
        headline.returned++
        break
      case 'approved':
        headline.approvedWaitingForBpjs++
        if (record.enrolmentBatchId) headline.approvedSentInBatch++
        break
      default:
        break
    }

    const isExistingMember = isExistingMemberSource(record.source)
    if (isExistingMember) existingMembersRecorded++
    const isApproved = APPROVED_OR_LATER.has(record.status)
    if (!isExistingMember) countInFunnel(record, isApproved)

    let hasCard = false
    let hasSticker = false
    for (const entry of record.prints) {
      if (entry.kind === 'card') hasCard = true
      else if (entry.kind === 'sticker') hasSticker = true
    }
    if (hasCard) prints.cardPrinted++
    if (hasSticker) prints.stickered++
    if (record.status === 'enrolled' || record.status === 'active') {
      prints.enrolled++
      if (hasCard) prints.enrolledWithCard++
      if (hasSticker) prints.enrolledWithSticker++
    }

    addToArea(byKecamatan, record.kecamatanCode, isActive, isNew)
    addToArea(byVillage, record.villageCode, isActive, isNew)
    if (!knownKecamatan.has(record.kecamatanCode) || !knownVillages.has(record.villageCode)) {
      unknownArea++
    }

    let occupation = byOccupation.get(record.occupationCode)
    if (!occupation) {
      occupation = { registered: 0, active: 0 }
      byOccupation.set(record.occupationCode, occupation)
    }
    occupation.registered++
    if (isActive) occupation.active++

    const age = ageOn(record.birthDate, today)
    const band =
      age === null
        ? OTHER_AGE_BAND
        : (AGE_BANDS.find((b) => age >= b.min && age <= b.max)?.label ?? OTHER_AGE_BAND)
    let sexRow = sexAge.get(band)
    if (!sexRow) {
      sexRow = { male: 0, female: 0 }
      sexAge.set(band, sexRow)
    }
    if (record.sex === 'L') sexRow.male++
    else sexRow.female++

    const created = isExistingMember ? null : localDayNumberOf(record.createdAt)
    if (created !== null && created >= firstWeek && created <= todayDay) {
      const index = Math.floor((created - firstWeek) / 7)
      weekCounts[index] = (weekCounts[index] ?? 0) + 1
    }
  }

  const finish = (): DashboardFigures => {
    const planTargetOf = (code: string): number | null =>
      plans.find((entry) => entry.year === year && entry.kecamatanCode === code)?.target ?? null
    const areaRow = (
      code: string,
      name: string,
      counter: AreaCounter | undefined,
      target: number | null,
    ): AreaRow => ({ code, name, ...(counter ?? emptyCounter()), target })

    const kecamatanRows = config.kecamatan.map((k) =>
      areaRow(k.code, k.name, byKecamatan.get(k.code), planTargetOf(k.code)),
    )
    const villageRows: Record<string, AreaRow[]> = {}
    for (const village of config.villages) {
      const rows = (villageRows[village.kecamatanCode] ??= [])
      rows.push(areaRow(village.code, village.name, byVillage.get(village.code), null))
    }

    const occupationRows: CountRow[] = config.occupations.map((o) => ({
      code: o.code,
      ...(byOccupation.get(o.code) ?? { registered: 0, active: 0 }),
    }))
    for (const [code, counts] of byOccupation) {
      if (!config.occupations.some((o) => o.code === code)) occupationRows.push({ code, ...counts })
    }

    const bandLabels: string[] = [...AGE_BANDS.map((b) => b.label), OTHER_AGE_BAND]
    const sexAgeRows = bandLabels.map((band) => ({
      band,
      ...(sexAge.get(band) ?? { male: 0, female: 0 }),
    }))

    const { target, source } = targetOf(year, plans, config)
    const baseline = Math.max(0, config.baselineCoveredParticipants - existingMembersRecorded)
    const budget = budgetSummary({
      participants: covered,
      year,
      asOf: today,
      tariffs: config.tariffs,
      allocation: allocationOf(year, plans),
      target,
      baseline,
    })

    const claimRows: ClaimsRow[] = config.kecamatan.map((k) => ({
      code: k.code,
      name: k.name,
      ...(claimsByKecamatan.get(k.code) ?? { opened: 0, open: 0, paid: 0, rupiahPaid: 0 }),
    }))
    const claimsTotal = [...claimsByKecamatan.values()].reduce(
      (sum, row) => ({
        opened: sum.opened + row.opened,
        open: sum.open + row.open,
        paid: sum.paid + row.paid,
        rupiahPaid: sum.rupiahPaid + row.rupiahPaid,
      }),
      { opened: 0, open: 0, paid: 0, rupiahPaid: 0 },
    )

    return {
      year,
      today,
      claimsByKecamatan: claimRows,
      claimsTotal,
      headline: {
        ...headline,
        baseline,
        existingMembersRecorded,
        coveredTotal: baseline + headline.active,
        target,
        targetSource: source,
      },
      byKecamatan: kecamatanRows,
      byVillage: villageRows,
      byOccupation: occupationRows,
      bySexAge: sexAgeRows,
      funnel: [
        { stage: 'submitted', count: funnel.submitted },
        { stage: 'checked', count: funnel.checked },
        { stage: 'approved', count: funnel.approved },
        { stage: 'enrolled', count: funnel.enrolled },
      ],
      weekly: weekCounts.map((registrations, index) => {
        const monday = firstWeek + index * 7
        return { week: isoWeekLabel(monday), weekStart: isoDateOfDay(monday), registrations }
      }),
      prints,
      budget,
      budgetByPayer: spendByPayer(covered, year, today, config.tariffs, config.payers ?? []),
      payerChecks,
      unknownArea,
    }
  }
  return { add, finish }
}
