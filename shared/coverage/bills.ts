/**
 * BPJS's monthly bill for one group (wadah) and month, reconciled against the people Naungan says
 * are covered and payable that month by that group's payer (issue 16).
 *
 * BPJS registers a regency's people as a group, e.g. "SG – Pekerja Rentan Pemerintah", and bills
 * it monthly; the regency pays with the group's kode iuran. A bill is a sheet with one row per
 * person: NIK and/or KPJ, name, amount. `readBillSheet` reads it (columns mapped by the
 * supervisor, as for every import) into lines matched to records; `reconcileBill` says, person by
 * person, where the bill and Naungan disagree:
 *
 * | kind          | on the bill | in Naungan for that month and payer                       |
 * |---------------|-------------|-----------------------------------------------------------|
 * | `not-ours`    | yes         | no record with this NIK or KPJ                            |
 * | `ended`       | yes         | a record, but no coverage that month (ended, never began) |
 * | `deceased`    | yes         | coverage ended by death before that month                 |
 * | `other-payer` | yes         | covered that month, but paid by another payer             |
 * | `billed-twice`| yes, again  | the same person on an earlier row of this bill            |
 * | `amount`      | yes         | covered and payable, but billed at another amount         |
 * | `not-billed`  | no          | covered and payable by this payer that month              |
 *
 * "Covered that month" is the budget's month rule (budget.ts `isMonthPaid`: any covered day makes
 * the month payable, in full) and the amount is the tariff in force that month for the payer's
 * kind (tariffs.ts `rateInMonth`): the same rule the budget and the dashboard use, so the bill is
 * checked against the figures the supervisor already sees.
 *
 * A stored bill never holds a NIK: each line keeps the masked NIK, and the record it matched
 * (`participantId`), so the bill can travel between supervisor PCs without personal data beyond
 * what the screen shows (UU PDP). Lines are what the file said; the reconciliation is recomputed
 * from the records every time, so a death recorded after the import shows on the next look.
 */
import { formatIsoDate } from '../dates/calendar-date'
import { maskNik } from '../identity/masking'
import { guessColumns, type HeadingGuess } from '../import/sheet'
import type { CoveragePeriod } from '../participant/participant-status'
import { ISO_INSTANT, YEAR_MONTH } from './billing-formats'
import { readAnswerNik } from './bpjs-answer'
import { coveredSpan, isMonthPaid } from './budget'
import { parseKpj, unwrapSpreadsheetText } from './kpj'
import { payerCodeOf } from './payers'
import {
  parseYearMonth,
  rateInMonth,
  type MonthlyRate,
  type PayerKind,
  type Tariff,
} from './tariffs'

export { ISO_INSTANT, YEAR_MONTH }
export const MAX_BILL_LINES = 200_000
/** Rp100 million for one person's month: far above any BPU contribution, low enough to be a typo. */
export const MAX_LINE_AMOUNT = 100_000_000
const MAX_NAME = 120
const MAX_FILE_NAME = 200
const BILL_ID = /^T\d{8}-[0-9a-f]{8}$/
const PARTICIPANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MASKED_NIK = /^(?:\d{6}\*{6}\d{4})?$/

/** One person's row of a bill, as stored: never the NIK itself. */
export interface BillLine {
  /** The row in the file (1 = header), so the supervisor can find it. */
  row: number
  /** The record this row matched by NIK (else by KPJ); absent: no record matched. */
  participantId?: string
  /** '640206******0003', or '' when the row's NIK could not be read. */
  maskedNik: string
  kpj?: string
  /** As the bill writes it. */
  name: string
  /** Whole rupiah billed for this person and month. */
  amount: number
}

/** A bill as imported: immutable once recorded; a corrected bill is imported again. */
export interface StoredBill {
  /** T20261124-1a2b3c4d */
  id: string
  payerCode: string
  /** The contribution month billed, 'YYYY-MM'. */
  month: string
  fileName: string
  /** ISO time of the import. */
  importedAt: string
  /** Who imported it (display name); the server records the account from the session too. */
  importedBy: string
  lines: BillLine[]
}

export function billTotal(bill: Pick<StoredBill, 'lines'>): number {
  let total = 0
  for (const line of bill.lines) total += line.amount
  return total
}

/** A new bill id: T + the import day + 8 random hex digits. */
export function newBillId(now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '')
  const random = globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 8)
  return `T${day}-${random}`
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isWholeAmount = (value: unknown, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max

const isIsoInstant = (value: unknown): value is string =>
  typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value))

/** Negative when `a` is the earlier instant; an unreadable one counts as the earliest. */
function instantOrder(a: string, b: string): number {
  const time = (value: string) => {
    const parsed = Date.parse(value)
    return Number.isFinite(parsed) ? parsed : -Infinity
  }
  const difference = time(a) - time(b)
  return Number.isNaN(difference) ? 0 : difference
}

/**
 * 16 digits in a row, allowing the spaces, dots and dashes people write inside a NIK: a name
 * column mapped onto the NIK column by mistake must not carry NIKs into a stored bill.
 */
const NIK_LIKE = /\d(?:[\s.-]?\d){15,}/g
const hasNikLike = (text: string): boolean => new RegExp(NIK_LIKE.source).test(text)
const maskNikLike = (text: string): string => text.replace(NIK_LIKE, (run) => maskNik(run))

function parseLine(input: unknown): BillLine | null {
  if (!isRecord(input)) return null
  const { row, participantId, maskedNik, kpj, name, amount } = input
  if (!Number.isSafeInteger(row) || (row as number) < 1) return null
  if (
    participantId !== undefined &&
    !(typeof participantId === 'string' && PARTICIPANT_ID.test(participantId))
  )
    return null
  if (typeof maskedNik !== 'string' || !MASKED_NIK.test(maskedNik)) return null
  if (kpj !== undefined && !(typeof kpj === 'string' && parseKpj(kpj).ok)) return null
  if (typeof name !== 'string' || name.length > MAX_NAME || hasNikLike(name)) return null
  if (!isWholeAmount(amount, MAX_LINE_AMOUNT)) return null
  return {
    row: row as number,
    ...(participantId === undefined ? {} : { participantId }),
    maskedNik,
    ...(kpj === undefined ? {} : { kpj }),
    name,
    amount,
  }
}

/**
 * A stored bill from anywhere (another PC, the server, this PC's store): every field checked, or
 * the reason it is not one. Payer codes are checked against district.json by the caller.
 */
export function parseStoredBill(
  input: unknown,
): { ok: true; bill: StoredBill } | { ok: false; reason: string } {
  if (!isRecord(input)) return { ok: false, reason: 'not an object' }
  const { id, payerCode, month, fileName, importedAt, importedBy, lines } = input
  if (typeof id !== 'string' || !BILL_ID.test(id)) return { ok: false, reason: 'id' }
  if (
    typeof payerCode !== 'string' ||
    !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(payerCode) ||
    payerCode.length > 40
  ) {
    return { ok: false, reason: 'payerCode' }
  }
  if (typeof month !== 'string' || !YEAR_MONTH.test(month)) return { ok: false, reason: 'month' }
  if (typeof fileName !== 'string' || fileName.length > MAX_FILE_NAME) {
    return { ok: false, reason: 'fileName' }
  }
  if (!isIsoInstant(importedAt)) return { ok: false, reason: 'importedAt' }
  if (typeof importedBy !== 'string' || importedBy.length > MAX_NAME) {
    return { ok: false, reason: 'importedBy' }
  }
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > MAX_BILL_LINES) {
    return { ok: false, reason: 'lines' }
  }
  const parsed: BillLine[] = []
  const rows = new Set<number>()
  for (const entry of lines) {
    const line = parseLine(entry)
    if (!line || rows.has(line.row)) return { ok: false, reason: 'a line' }
    rows.add(line.row)
    parsed.push(line)
  }
  return {
    ok: true,
    bill: { id, payerCode, month, fileName, importedAt, importedBy, lines: parsed },
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the file

/** A sheet as the CSV/XLSX readers give it (the same shape as BPJS's answer to a batch). */
export interface BillSheet {
  header: string[]
  rows: { rowNumber: number; cells: string[]; numericCells?: number[] }[]
}

/** Column indexes (0-based); NIK or KPJ (or both) identify the person, amount is required. */
export interface BillMapping {
  nik?: number
  kpj?: number
  name?: number
  amount: number
}

export type BillRowProblem =
  | { code: 'NO_IDENTITY'; row: number }
  | { code: 'AMOUNT_EMPTY'; row: number }
  | { code: 'AMOUNT_INVALID'; row: number; value: string }
  | { code: 'TOO_MANY_ROWS'; max: number }
  | { code: 'NO_ROWS' }

/** The records the bill is matched against: NIK in the clear (on the supervisor's PC only). */
export interface BillMember {
  id: string
  nik: string
  kpjNumber?: string
}

const HEADER_GUESSES: HeadingGuess<keyof BillMapping>[] = [
  { field: 'nik', pattern: /\bNIK\b|NO(MOR)? ?(KTP|INDUK)/ },
  { field: 'kpj', pattern: /\bKPJ\b|NO(MOR)? ?PESERTA|NO(MOR)? ?KARTU/ },
  { field: 'amount', pattern: /IURAN|TAGIHAN|JUMLAH|NOMINAL|TOTAL|AMOUNT/ },
  { field: 'name', pattern: /NAMA|NAME/ },
]

/** A suggested mapping from the headings; the supervisor confirms it before reading. */
export function guessBillMapping(header: readonly string[]): Partial<BillMapping> {
  return guessColumns(header, HEADER_GUESSES)
}

/**
 * Whole rupiah from a bill cell: 16800, "16.800", "Rp 16.800,00", "Rp 16.800,-" (the Indonesian
 * "no sen"), "16,800" (English) or an XLSX number. Null when it is not a whole, non-negative amount up to MAX_LINE_AMOUNT (a fraction of a
 * rupiah is refused: BPJS bills whole rupiah, and a fraction means the column is not the amount).
 */
export function readRupiah(raw: string, isNumberCell = false): number | null {
  const text = unwrapSpreadsheetText(raw.trim())
    .replace(/^Rp\.?/i, '')
    .replace(/[\s\u00a0]/g, '')
    .replace(/(?<=\d),-$/, '')
  if (text === '' || text.length > 30) return null
  let whole: string
  let fraction = ''
  let match: RegExpExecArray | null
  if (isNumberCell && /^\d+(?:\.\d+)?$/.test(text)) {
    ;[whole = '', fraction = ''] = text.split('.')
  } else if ((match = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/.exec(text))) {
    whole = (match[1] ?? '').replace(/\./g, '')
    fraction = match[2] ?? ''
  } else if ((match = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(text))) {
    whole = (match[1] ?? '').replace(/,/g, '')
    fraction = match[2] ?? ''
  } else if ((match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text))) {
    whole = match[1] ?? ''
    fraction = match[2] ?? ''
  } else {
    return null
  }
  if (!/^0*$/.test(fraction)) return null
  const amount = Number(whole)
  return isWholeAmount(amount, MAX_LINE_AMOUNT) ? amount : null
}

const cellOf = (row: BillSheet['rows'][number], index: number | undefined): string =>
  index === undefined ? '' : (row.cells[index] ?? '')
const isNumber = (row: BillSheet['rows'][number], index: number | undefined): boolean =>
  index !== undefined && (row.numericCells?.includes(index) ?? false)

/**
 * The bill's lines, each matched to a record by NIK (else by KPJ), or the rows that stop it from
 * being recorded (an amount that cannot be read: the bill's total would be wrong). A row without
 * a readable NIK or KPJ is a problem too: no one could say whom BPJS billed.
 */
export function readBillSheet(
  sheet: BillSheet,
  mapping: BillMapping,
  members: readonly BillMember[],
): { ok: true; lines: BillLine[] } | { ok: false; problems: BillRowProblem[] } {
  const rows = sheet.rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''))
  if (rows.length === 0) return { ok: false, problems: [{ code: 'NO_ROWS' }] }
  if (rows.length > MAX_BILL_LINES) {
    return { ok: false, problems: [{ code: 'TOO_MANY_ROWS', max: MAX_BILL_LINES }] }
  }
  const byNik = new Map<string, string>()
  const byKpj = new Map<string, string>()
  for (const member of members) {
    byNik.set(member.nik, member.id)
    if (member.kpjNumber) byKpj.set(member.kpjNumber, member.id)
  }
  const problems: BillRowProblem[] = []
  const lines: BillLine[] = []
  for (const row of rows) {
    const nikReading =
      mapping.nik === undefined
        ? null
        : readAnswerNik(cellOf(row, mapping.nik), isNumber(row, mapping.nik))
    const nik = nikReading?.ok ? nikReading.nik : null
    const kpjReading = mapping.kpj === undefined ? null : parseKpj(cellOf(row, mapping.kpj))
    // A "KPJ" that is this row's NIK, or a record's, is a NIK column mapped twice: not a KPJ, and
    // never to be stored in the clear.
    const kpj =
      kpjReading?.ok && kpjReading.kpj !== nik && !byNik.has(kpjReading.kpj) ? kpjReading.kpj : null
    if (!nik && !kpj) problems.push({ code: 'NO_IDENTITY', row: row.rowNumber })
    const rawAmount = cellOf(row, mapping.amount)
    const amount = readRupiah(rawAmount, isNumber(row, mapping.amount))
    if (rawAmount.trim() === '') problems.push({ code: 'AMOUNT_EMPTY', row: row.rowNumber })
    else if (amount === null) {
      problems.push({
        code: 'AMOUNT_INVALID',
        row: row.rowNumber,
        // A NIK column mapped as the amount must not put NIKs on the screen: long digit runs
        // are shown masked.
        value: rawAmount
          .trim()
          .slice(0, 30)
          .replace(/\d{12,}/g, (digits) => `${digits.slice(0, 4)}…${digits.slice(-2)}`),
      })
    }
    const participantId = (nik ? byNik.get(nik) : undefined) ?? (kpj ? byKpj.get(kpj) : undefined)
    lines.push({
      row: row.rowNumber,
      ...(participantId ? { participantId } : {}),
      maskedNik: nik ? maskNik(nik) : '',
      ...(kpj ? { kpj } : {}),
      name: maskNikLike(cellOf(row, mapping.name).replace(/\s+/g, ' ').trim()).slice(0, MAX_NAME),
      amount: amount ?? 0,
    })
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines }
}

// ---------------------------------------------------------------------------------------------
// Reconciling

export const BILL_DIFFERENCE_KINDS = [
  'not-ours',
  'ended',
  'deceased',
  'other-payer',
  'billed-twice',
  'amount',
  'not-billed',
] as const
export type BillDifferenceKind = (typeof BILL_DIFFERENCE_KINDS)[number]

/** What reconciliation needs of a record. */
export interface ReconciledParticipant {
  id: string
  fullName: string
  /** Masked already: '640206******0003'. */
  maskedNik: string
  kpjNumber?: string
  coverage?: readonly CoveragePeriod[]
  /**
   * The date of death when a death report that counts is on the record (participant/death.ts).
   * A month after it is never payable, even while coverage still runs because the death was
   * reported late: the bill shows such a line as `deceased`, the money to recover from BPJS.
   */
  diedOn?: string
}

export interface BillDifference {
  /** Stable across looks at the same bill: what a resolution is recorded against. */
  key: string
  kind: BillDifferenceKind
  /** The bill's row; absent for `not-billed`. */
  row?: number
  participantId?: string
  name: string
  maskedNik: string
  kpj?: string
  /** What the bill asks for this person, rupiah (0 for `not-billed`). */
  billed: number
  /** What Naungan says this payer owes for this person this month, rupiah. */
  expected: number
  /** `other-payer`: who pays for this person this month instead. */
  otherPayerCodes?: string[]
  /** `ended`/`deceased`: the last covered day before the month, when there is one. */
  endedOn?: string
  /** `deceased`: the date of death, when the record has a death report. */
  diedOn?: string
}

export interface BillReconciliation {
  billId: string
  payerCode: string
  month: string
  /** The rate one person costs this payer this month; null: no tariff in force (not costed). */
  rate: MonthlyRate | null
  billedTotal: number
  billedLines: number
  /** People this payer covers this month in Naungan, and what they cost at `rate`. */
  expectedPeople: number
  expectedTotal: number
  /** Lines matched to a record covered and payable this month by this payer. */
  agreedLines: number
  differences: BillDifference[]
  counts: Record<BillDifferenceKind, number>
}

export interface ReconcileInput {
  bill: StoredBill
  participants: readonly ReconciledParticipant[]
  tariffs: readonly Tariff[]
  payerKind: PayerKind
  defaultPayerCode: string
}

interface MonthStanding {
  payers: Set<string>
  /** The last day of a period ended before the month, and whether death ended it. */
  lastEnded: { until: string; deceased: boolean } | null
}

function standingIn(
  coverage: readonly CoveragePeriod[] | undefined,
  year: number,
  month: number,
  defaultPayerCode: string,
): MonthStanding {
  const payers = new Set<string>()
  let lastEnded: MonthStanding['lastEnded'] = null
  const monthStart = `${year}-${String(month).padStart(2, '0')}-01`
  for (const period of coverage ?? []) {
    const span = coveredSpan(period)
    if (!span) continue
    if (isMonthPaid(span, year, month)) {
      payers.add(payerCodeOf(period, defaultPayerCode))
      continue
    }
    // The last day the period covered, inside its budget year: a period without `until` ran to
    // 31 December, one whose `until` lies past its year ended on 31 December too.
    const until = formatIsoDate(span.last)
    if (until < monthStart && (!lastEnded || until > lastEnded.until)) {
      lastEnded = { until, deceased: period.endReason === 'meninggal' }
    }
  }
  return { payers, lastEnded }
}

/** Whether the person died before `month` ('YYYY-MM') began. */
const diedBefore = (participant: ReconciledParticipant, month: string) =>
  participant.diedOn !== undefined && participant.diedOn < `${month}-01`

/** Compares a bill with the records: see the table at the top of this file. */
export function reconcileBill(input: ReconcileInput): BillReconciliation {
  const { bill, tariffs, payerKind, defaultPayerCode } = input
  const parsedMonth = parseYearMonth(bill.month)
  if (!parsedMonth) throw new RangeError(`bill month ${bill.month} is not YYYY-MM`)
  const { year, month } = parsedMonth
  const rate = rateInMonth(tariffs, year, month, payerKind)?.rate ?? null
  const perPerson = rate?.total ?? 0
  const byId = new Map(input.participants.map((participant) => [participant.id, participant]))
  const differences: BillDifference[] = []
  const billedIds = new Set<string>()
  let agreedLines = 0
  let billedTotal = 0

  for (const line of bill.lines) {
    billedTotal += line.amount
    const base = {
      row: line.row,
      name: line.name,
      maskedNik: line.maskedNik,
      ...(line.kpj ? { kpj: line.kpj } : {}),
      billed: line.amount,
    }
    const participant = line.participantId ? byId.get(line.participantId) : undefined
    if (!participant) {
      differences.push({ ...base, key: `not-ours:r${line.row}`, kind: 'not-ours', expected: 0 })
      continue
    }
    const withRecord = {
      ...base,
      participantId: participant.id,
      name: participant.fullName || line.name,
      maskedNik: participant.maskedNik || line.maskedNik,
    }
    if (billedIds.has(participant.id)) {
      differences.push({
        ...withRecord,
        key: `billed-twice:r${line.row}`,
        kind: 'billed-twice',
        expected: 0,
      })
      continue
    }
    billedIds.add(participant.id)
    const standing = standingIn(participant.coverage, year, month, defaultPayerCode)
    if (diedBefore(participant, bill.month)) {
      differences.push({
        ...withRecord,
        key: `deceased:${participant.id}`,
        kind: 'deceased',
        expected: 0,
        ...(participant.diedOn ? { diedOn: participant.diedOn } : {}),
        ...(standing.lastEnded ? { endedOn: standing.lastEnded.until } : {}),
      })
    } else if (standing.payers.size === 0) {
      const kind = standing.lastEnded?.deceased ? 'deceased' : 'ended'
      differences.push({
        ...withRecord,
        key: `${kind}:${participant.id}`,
        kind,
        expected: 0,
        ...(standing.lastEnded ? { endedOn: standing.lastEnded.until } : {}),
      })
    } else if (!standing.payers.has(bill.payerCode)) {
      differences.push({
        ...withRecord,
        key: `other-payer:${participant.id}`,
        kind: 'other-payer',
        expected: 0,
        otherPayerCodes: [...standing.payers].sort(),
      })
    } else if (rate !== null && line.amount !== perPerson) {
      differences.push({
        ...withRecord,
        key: `amount:${participant.id}`,
        kind: 'amount',
        expected: perPerson,
      })
    } else {
      agreedLines++
    }
  }

  let expectedPeople = 0
  for (const participant of input.participants) {
    const standing = standingIn(participant.coverage, year, month, defaultPayerCode)
    if (!standing.payers.has(bill.payerCode) || diedBefore(participant, bill.month)) continue
    expectedPeople++
    if (billedIds.has(participant.id)) continue
    differences.push({
      key: `not-billed:${participant.id}`,
      kind: 'not-billed',
      participantId: participant.id,
      name: participant.fullName,
      maskedNik: participant.maskedNik,
      ...(participant.kpjNumber ? { kpj: participant.kpjNumber } : {}),
      billed: 0,
      expected: perPerson,
    })
  }

  const counts = Object.fromEntries(BILL_DIFFERENCE_KINDS.map((kind) => [kind, 0])) as Record<
    BillDifferenceKind,
    number
  >
  for (const difference of differences) counts[difference.kind]++
  return {
    billId: bill.id,
    payerCode: bill.payerCode,
    month: bill.month,
    rate,
    billedTotal,
    billedLines: bill.lines.length,
    expectedPeople,
    expectedTotal: expectedPeople * perPerson,
    agreedLines,
    differences,
    counts,
  }
}

// ---------------------------------------------------------------------------------------------
// Resolutions

/** A supervisor's settlement of one difference: append-only; the newest for a key counts. */
export interface BillResolution {
  /** A UUID. */
  id: string
  billId: string
  key: string
  note: string
  resolvedAt: string
  resolvedBy: string
}

export const MAX_RESOLUTION_NOTE = 500
const UUID_TEXT = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
/** The keys `reconcileBill` writes: a row for lines no record answers for, else the record's id. */
const DIFFERENCE_KEY = new RegExp(
  `^(?:(?:not-ours|billed-twice):r\\d{1,7}|(?:ended|deceased|other-payer|amount|not-billed):${UUID_TEXT})$`,
  'i',
)

export function parseBillResolution(
  input: unknown,
): { ok: true; resolution: BillResolution } | { ok: false; reason: string } {
  if (!isRecord(input)) return { ok: false, reason: 'not an object' }
  const { id, billId, key, note, resolvedAt, resolvedBy } = input
  if (typeof id !== 'string' || !PARTICIPANT_ID.test(id)) return { ok: false, reason: 'id' }
  if (typeof billId !== 'string' || !BILL_ID.test(billId)) return { ok: false, reason: 'billId' }
  if (typeof key !== 'string' || !DIFFERENCE_KEY.test(key)) return { ok: false, reason: 'key' }
  if (typeof note !== 'string' || note.trim() === '' || note.length > MAX_RESOLUTION_NOTE) {
    return { ok: false, reason: 'note' }
  }
  if (!isIsoInstant(resolvedAt)) return { ok: false, reason: 'resolvedAt' }
  if (typeof resolvedBy !== 'string' || resolvedBy.length > MAX_NAME) {
    return { ok: false, reason: 'resolvedBy' }
  }
  return { ok: true, resolution: { id, billId, key, note: note.trim(), resolvedAt, resolvedBy } }
}

/** The resolution in force for each difference key of one bill: the newest recorded. */
export function resolutionsByKey(
  resolutions: readonly BillResolution[],
  billId: string,
): Map<string, BillResolution> {
  const byKey = new Map<string, BillResolution>()
  for (const resolution of resolutions) {
    if (resolution.billId !== billId) continue
    const known = byKey.get(resolution.key)
    if (!known || instantOrder(known.resolvedAt, resolution.resolvedAt) < 0) {
      byKey.set(resolution.key, resolution)
    }
  }
  return byKey
}

/** The bill in force for a payer and month: the newest imported (a corrected bill replaces one). */
export function billInForce<T extends Pick<StoredBill, 'payerCode' | 'month' | 'importedAt'>>(
  bills: readonly T[],
  payerCode: string,
  month: string,
): T | null {
  let found: T | null = null
  for (const bill of bills) {
    if (bill.payerCode !== payerCode || bill.month !== month) continue
    if (!found || instantOrder(found.importedAt, bill.importedAt) < 0) found = bill
  }
  return found
}
