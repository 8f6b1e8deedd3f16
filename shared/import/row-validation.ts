/**
 * Each data row of an import file, read and checked on its own: the NIK by the NIK rules, the
 * other columns by what the kind of list needs. Two levels of problem:
 *
 * - `errors`: the row cannot be used at all (no valid NIK, the same NIK again, a required value
 *   missing, a date or desa that cannot be read). Reported with the spreadsheet row number.
 * - `draft.issues` (DTKS lists): the row is readable, but a draft record cannot be made from it —
 *   the registration form's own rules (`validateRegistration`) say no, e.g. the person is outside
 *   the programme's age range. They matter only when the NIK is not registered yet; a DTKS row for
 *   a person already registered still confirms the welfare check.
 *
 * Pure and synchronous: the import worker runs it, and the tests and the benchmark call it as is.
 */
import { existingMemberCoverage } from '../coverage/existing-members'
import { DTSEN_DECILES, type District } from '../district/district-config'
import { maskNik } from '../identity/masking'
import { parseNik } from '../identity/nik'
import { normalizePersonName } from '../participant/names'
import type { CoveragePeriod } from '../participant/participant-document'
import {
  validateRegistration,
  type RegistrationField,
  type RegistrationInput,
} from '../participant/registration-input'
import type { CheckState } from '../workflow/workflow'
import type { ImportKind, ResolvedColumns, TargetField } from './import-fields'
import { quotedValue, type RowIssue } from './import-issues'
import type { ImportTable } from './import-table'
import {
  createRegionResolver,
  excelSerialToIsoDate,
  findReason,
  parseCheckResult,
  parseImportDate,
  parseSex,
  wordsOf,
  type RegionResolver,
} from './import-values'
import type { SheetRow } from './sheet'

/** The values a draft record is made of; fields the file did not have are empty. */
export interface DraftValues {
  nik: string
  kk: string
  fullName: string
  birthPlace: string
  birthDate: string
  sex: 'L' | 'P'
  address: string
  rt: string
  rw: string
  kecamatanCode: string
  villageCode: string
}

export type DraftCheck =
  { ok: true; values: DraftValues; warnings: RowIssue[] } | { ok: false; issues: RowIssue[] }

/** What an agency list says about this person's check. `none`: not checked yet. */
export interface CheckDecision {
  state: Exclude<CheckState, 'pending'> | 'none'
  reasonCode?: string
  note?: string
}

/** What an existing members' list adds to the draft values (`shared/coverage/existing-members.ts`). */
export interface MemberValues {
  kpjNumber: string
  coverageStart: string
  /** '' when the file has no (known) occupation: completed later on the record. */
  occupationCode: string
  status: 'enrolled' | 'active'
  coverage: CoveragePeriod[]
}

export interface ValidatedRow {
  rowNumber: number
  /** 16 digits when the NIK is valid, else null (then `errors` says why). */
  nik: string | null
  /** The NIK's blind index, when the context can compute it (the worker does). */
  nikIndex?: string
  /** What a report may show of the NIK. */
  maskedNik: string
  /** The name as written in the file (normalised), '' when the list has none. */
  fullName: string
  errors: RowIssue[]
  warnings: RowIssue[]
  /** DTKS and existing-member rows without errors. */
  draft?: DraftCheck
  /** Existing-member rows without errors: KPJ, coverage, occupation. */
  member?: MemberValues
  /** Agency results and member lists, rows without errors. */
  decision?: CheckDecision
  /** DTSEN rows whose decile could be read. */
  dtsen?: DtsenValues
}

/** What a DTSEN row adds: the family's decile, and the date the data stands at when a column says. */
export interface DtsenValues {
  decile: number
  snapshotDate?: string
  /** A keyed hash of the row's KK (`dtsenFamilyKey`), when the context can compute it. */
  familyKey?: string
}

export interface ValidationContext {
  district: District
  /** The import date, YYYY-MM-DD where the clerk sits (ages are counted on it). */
  today: string
  /** The store's NIK blind index (`nik-index-encoder.ts`), so lookups need no HMAC later. */
  encodeNikIndex?: (nik: string) => string | null
  /**
   * DTSEN: the date the extract stands at, as the clerk gave it once for the file. A snapshot
   * column, when mapped, must agree with it (or, without it, with the file's first date).
   */
  snapshotDate?: string
  /** DTSEN: the family key of a KK (`dtsenFamilyKey` with the store's key); the KK is not kept. */
  encodeFamilyKey?: (kk: string) => string
  /** Existing members: the budget year their current coverage is recorded for (default: today's). */
  budgetYear?: number
  /**
   * Existing members: whose list this is (district.json `payers`), so its periods name that payer
   * and overlaps with the periods already recorded can be found. Default: the default payer.
   */
  payerCode?: string
}

/** No honest cell of an agency list is longer than this; longer ones are refused unread. */
export const MAX_CELL_LENGTH = 500

/**
 * Stands in for a value a DTKS list does not carry, so the form's rules can check the rest; the
 * draft keeps the field empty for the clerk to complete.
 */
function placeholderInput(
  district: District,
): Omit<
  RegistrationInput,
  'nik' | 'fullName' | 'birthDate' | 'sex' | 'kecamatanCode' | 'villageCode'
> {
  return {
    kk: '6402010101010001',
    birthPlace: 'Tempat',
    address: 'Belum diisi',
    rt: '1',
    rw: '1',
    occupationCode: district.config.occupations[0]?.code ?? '',
    monthlyIncome: '0',
    phone: '',
    heirName: 'Ahli Waris Sementara',
    heirRelationship: district.config.heirRelationships[0]?.code ?? '',
  }
}

const REGISTRATION_TO_TARGET: Partial<Record<RegistrationField, TargetField>> = {
  nik: 'nik',
  kk: 'kk',
  fullName: 'fullName',
  birthPlace: 'birthPlace',
  birthDate: 'birthDate',
  sex: 'sex',
  address: 'address',
  rt: 'rt',
  rw: 'rw',
  kecamatanCode: 'kecamatan',
  villageCode: 'village',
}

/** '="6402…"' (the CSV trick to keep digits as text) and a leading apostrophe are dropped. */
function unwrapTextNumber(raw: string): string {
  const formula = /^="(.*)"$/.exec(raw)
  if (formula) return formula[1] ?? ''
  return raw.startsWith("'") ? raw.slice(1) : raw
}

/** Excel shows a 16-digit number as 6,40206E+15 or writes all 16 digits with the last one 0. */
const SCIENTIFIC = /^\d(?:[.,]\d+)?E\+?\d+$/i

/** A 16-digit number that went through a spreadsheet's number type: its last digits are lost. */
function lostToNumberType(text: string, numeric: boolean): boolean {
  if (SCIENTIFIC.test(text)) return true
  if (!numeric) return false
  const value = Number(text)
  return !Number.isFinite(value) || Math.abs(value) >= 1e14
}

/** Adds an issue to the row's errors or warnings, by its severity. */
function issuePusher(row: ValidatedRow) {
  return (
    severity: RowIssue['severity'],
    field: TargetField,
    code: RowIssue['code'],
    params?: RowIssue['params'],
  ): void => {
    const issue: RowIssue = params ? { severity, code, field, params } : { severity, code, field }
    ;(severity === 'error' ? row.errors : row.warnings).push(issue)
  }
}

export class RowValidator {
  private readonly seen = new Map<string, number>()
  private readonly resolver: RegionResolver
  private readonly placeholders: ReturnType<typeof placeholderInput>
  private readonly otherReason: string | null
  /** DTSEN: the file's snapshot date, once known (the clerk's, else the first row's). */
  private fileSnapshotDate: string | undefined

  constructor(
    private readonly columns: ResolvedColumns,
    private readonly kind: ImportKind,
    private readonly ctx: ValidationContext,
    private readonly table: Pick<ImportTable, 'date1904'> = {},
  ) {
    this.resolver = createRegionResolver(ctx.district.regions)
    this.placeholders = placeholderInput(ctx.district)
    const reasons = ctx.district.config.verification.rejectionReasons
    this.otherReason = reasons.find((reason) => reason.code === 'lainnya')?.code ?? null
    this.fileSnapshotDate = ctx.snapshotDate
  }

  validate(row: SheetRow): ValidatedRow {
    const errors: RowIssue[] = []
    const warnings: RowIssue[] = []
    const cell = (field: TargetField): string => {
      const index = this.columns[field]
      return index === undefined ? '' : (row.cells[index] ?? '').trim()
    }
    const isNumeric = (field: TargetField): boolean => {
      const index = this.columns[field]
      return index !== undefined && (row.numericCells?.includes(index) ?? false)
    }
    const error = (field: TargetField, code: RowIssue['code'], params?: RowIssue['params']) => {
      errors.push(
        params ? { severity: 'error', code, field, params } : { severity: 'error', code, field },
      )
    }
    // Refuse an over-long value before any parsing touches it.
    const fields = Object.keys(this.columns) as TargetField[]
    const tooLong = new Set(fields.filter((field) => cell(field).length > MAX_CELL_LENGTH))
    for (const field of tooLong) error(field, 'TOO_LONG', { max: MAX_CELL_LENGTH })
    const value = (field: TargetField) => (tooLong.has(field) ? '' : cell(field))

    // NIK
    let nik: string | null = null
    let nikSex: 'L' | 'P' | null = null
    const rawNik = unwrapTextNumber(value('nik'))
    if (!tooLong.has('nik')) {
      if (rawNik === '') error('nik', 'REQUIRED')
      else if (lostToNumberType(rawNik, isNumeric('nik'))) error('nik', 'NIK_AS_NUMBER')
      else {
        const parsed = parseNik(rawNik)
        if (parsed.ok) {
          const firstRow = this.seen.get(parsed.nik)
          if (firstRow !== undefined) error('nik', 'DUPLICATE_IN_FILE', { firstRow })
          else this.seen.set(parsed.nik, row.rowNumber)
          nik = parsed.nik
          nikSex = parsed.parts.sex
        } else {
          error('nik', parsed.reason === 'NIK_EMPTY' ? 'REQUIRED' : parsed.reason, parsed.params)
        }
      }
    }
    const fullName = normalizePersonName(value('fullName'))
    const result: ValidatedRow = {
      rowNumber: row.rowNumber,
      nik,
      maskedNik: maskNik(nik ?? rawNik),
      fullName,
      errors,
      warnings,
    }
    if (nik !== null && this.ctx.encodeNikIndex) {
      const index = this.ctx.encodeNikIndex(nik)
      if (index) result.nikIndex = index
    }

    if (this.kind === 'dtks' || this.kind === 'existing-members' || this.kind === 'dtsen') {
      if (fullName === '' && !tooLong.has('fullName')) error('fullName', 'REQUIRED')
      if (this.kind === 'dtsen') {
        const dtsen = this.readDtsen(value, isNumeric, error)
        if (dtsen) result.dtsen = dtsen
      }
      const draftInput = this.readDtksValues(value, isNumeric, error, nikSex)
      const member =
        this.kind === 'existing-members'
          ? this.readMember(value, isNumeric, result, draftInput?.birthDate)
          : null
      if (errors.length === 0 && draftInput && nik !== null) {
        result.draft = this.checkDraft({ ...draftInput, nik, fullName })
        if (member) result.member = member
      }
    } else {
      const decision =
        this.kind === 'member-list'
          ? { state: 'confirmed' as const }
          : this.readResult(value, result)
      if (errors.length === 0 && decision) result.decision = decision
    }
    return result
  }

  /** DTSEN's decile and snapshot date; null when the decile cannot be read. */
  private readDtsen(
    value: (field: TargetField) => string,
    isNumeric: (field: TargetField) => boolean,
    error: (field: TargetField, code: RowIssue['code'], params?: RowIssue['params']) => void,
  ): DtsenValues | null {
    const rawDecile = value('decile')
    let decile: number | null = null
    if (rawDecile === '') error('decile', 'REQUIRED')
    else {
      // "5", "05", a number cell 5, or "Desil 5" as some extracts write it.
      const digits = rawDecile.replace(/^desil\s*/i, '')
      const parsed = /^\d{1,2}$/.test(digits) ? Number(digits) : NaN
      if (Number.isInteger(parsed) && parsed >= DTSEN_DECILES.min && parsed <= DTSEN_DECILES.max) {
        decile = parsed
      } else error('decile', 'DECILE_INVALID', { value: quotedValue(rawDecile) })
    }

    let snapshotDate: string | undefined
    const rawSnapshot = value('snapshotDate')
    if (rawSnapshot !== '') {
      const parsed = isNumeric('snapshotDate')
        ? excelSerialToIsoDate(Number(rawSnapshot), this.table.date1904 ?? false)
        : parseImportDate(rawSnapshot)
      if (!parsed) {
        error('snapshotDate', 'SNAPSHOT_DATE_INVALID', { value: quotedValue(rawSnapshot) })
      } else if (this.fileSnapshotDate === undefined) {
        this.fileSnapshotDate = parsed
        snapshotDate = parsed
      } else if (parsed !== this.fileSnapshotDate) {
        error('snapshotDate', 'SNAPSHOT_DATE_DIFFERS', {
          value: parsed,
          expected: this.fileSnapshotDate,
        })
      } else snapshotDate = parsed
    }
    if (decile === null) return null
    const kk = unwrapTextNumber(value('kk')).replace(/\s+/g, '')
    const familyKey =
      /^\d{16}$/.test(kk) && this.ctx.encodeFamilyKey ? this.ctx.encodeFamilyKey(kk) : ''
    return {
      decile,
      ...(snapshotDate ? { snapshotDate } : {}),
      ...(familyKey ? { familyKey } : {}),
    }
  }

  /** The DTKS columns a draft is made of; null when one of them cannot be read. */
  private readDtksValues(
    value: (field: TargetField) => string,
    isNumeric: (field: TargetField) => boolean,
    error: (field: TargetField, code: RowIssue['code'], params?: RowIssue['params']) => void,
    nikSex: 'L' | 'P' | null,
  ): {
    fromFile: Set<TargetField>
    kk: string
    kkAsNumber: boolean
    birthDate: string
    sex: 'L' | 'P' | ''
    birthPlace: string
    address: string
    rt: string
    rw: string
    kecamatanCode: string
    villageCode: string
  } | null {
    let usable = true
    const fail = (field: TargetField, code: RowIssue['code'], params?: RowIssue['params']) => {
      error(field, code, params)
      usable = false
    }
    const districtName = this.ctx.district.config.region.name

    let birthDate = ''
    const rawDate = value('birthDate')
    if (rawDate === '') fail('birthDate', 'REQUIRED')
    else {
      const parsed = isNumeric('birthDate')
        ? excelSerialToIsoDate(Number(rawDate), this.table.date1904 ?? false)
        : parseImportDate(rawDate)
      if (parsed) birthDate = parsed
      else fail('birthDate', 'DATE_UNREADABLE', { value: quotedValue(rawDate) })
    }

    let sex: 'L' | 'P' | '' = nikSex ?? ''
    const rawSex = value('sex')
    if (rawSex !== '') {
      const parsed = parseSex(rawSex)
      if (parsed) sex = parsed
      else fail('sex', 'SEX_UNKNOWN', { value: quotedValue(rawSex) })
    }

    let kecamatanCode: string | null = null
    const rawKecamatan = value('kecamatan')
    if (rawKecamatan !== '') {
      const found = this.resolver.kecamatan(rawKecamatan)
      if (found.ok) kecamatanCode = found.value
      else {
        fail(
          'kecamatan',
          found.reason === 'AMBIGUOUS' ? 'KECAMATAN_AMBIGUOUS' : 'KECAMATAN_NOT_FOUND',
          {
            value: quotedValue(rawKecamatan),
            district: districtName,
          },
        )
      }
    }
    let villageCode = ''
    const rawVillage = value('village')
    if (rawVillage === '') fail('village', 'REQUIRED')
    else if (rawKecamatan === '' || kecamatanCode !== null) {
      const found = this.resolver.village(rawVillage, kecamatanCode)
      if (found.ok) {
        villageCode = found.value.code
        kecamatanCode = found.value.kecamatanCode
      } else {
        const code =
          found.reason === 'AMBIGUOUS'
            ? 'VILLAGE_AMBIGUOUS'
            : found.reason === 'NOT_IN_KECAMATAN'
              ? 'VILLAGE_NOT_IN_KECAMATAN'
              : 'VILLAGE_NOT_FOUND'
        fail('village', code, { value: quotedValue(rawVillage), district: districtName })
      }
    }

    const rawKk = unwrapTextNumber(value('kk'))
    if (!usable) return null
    // Sex comes from the file or, failing that, from the NIK: either way it is the person's.
    const fromFile = new Set<TargetField>([
      'nik',
      'fullName',
      'birthDate',
      'sex',
      'village',
      'kecamatan',
    ])
    const optional = {
      birthPlace: value('birthPlace'),
      address: value('address'),
      rt: value('rt'),
      rw: value('rw'),
    }
    for (const [field, text] of Object.entries(optional)) {
      if (text !== '') fromFile.add(field as TargetField)
    }
    const kkAsNumber = rawKk !== '' && lostToNumberType(rawKk, isNumeric('kk'))
    if (rawKk !== '' && !kkAsNumber) fromFile.add('kk')
    return {
      fromFile,
      kk: kkAsNumber ? '' : rawKk,
      kkAsNumber,
      birthDate,
      sex,
      ...optional,
      kecamatanCode: kecamatanCode ?? '',
      villageCode,
    }
  }

  /** The registration form's rules on what the file gave, placeholders for the rest. */
  private checkDraft(input: {
    fromFile: Set<TargetField>
    nik: string
    fullName: string
    kk: string
    kkAsNumber: boolean
    birthDate: string
    sex: 'L' | 'P' | ''
    birthPlace: string
    address: string
    rt: string
    rw: string
    kecamatanCode: string
    villageCode: string
  }): DraftCheck {
    const { fromFile } = input
    const registration: RegistrationInput = {
      ...this.placeholders,
      nik: input.nik,
      fullName: input.fullName,
      birthDate: input.birthDate,
      sex: input.sex,
      kecamatanCode: input.kecamatanCode,
      villageCode: input.villageCode,
      ...(fromFile.has('kk') ? { kk: input.kk } : {}),
      ...(fromFile.has('birthPlace') ? { birthPlace: input.birthPlace } : {}),
      ...(fromFile.has('address') ? { address: input.address } : {}),
      ...(fromFile.has('rt') ? { rt: input.rt } : {}),
      ...(fromFile.has('rw') ? { rw: input.rw } : {}),
    }
    const checked = validateRegistration(registration, {
      district: this.ctx.district,
      today: this.ctx.today,
    })
    const toRowIssue = (issue: {
      field: RegistrationField
      code: RowIssue['code']
      severity: RowIssue['severity']
      params?: RowIssue['params']
    }): RowIssue | null => {
      const field = REGISTRATION_TO_TARGET[issue.field]
      // Placeholders never fail; anything reported on them would only confuse.
      if (!field || !fromFile.has(field)) return null
      return issue.params
        ? { severity: issue.severity, code: issue.code, field, params: issue.params }
        : { severity: issue.severity, code: issue.code, field }
    }
    const warnings = checked.warnings.map(toRowIssue).filter((issue) => issue !== null)
    if (input.kkAsNumber) warnings.push({ severity: 'warning', code: 'KK_AS_NUMBER', field: 'kk' })
    if (!checked.ok) {
      const issues = checked.errors.map(toRowIssue).filter((issue) => issue !== null)
      return {
        ok: false,
        issues:
          issues.length > 0
            ? issues
            : checked.errors.map((issue) => ({
                severity: 'error' as const,
                code: issue.code,
                field: REGISTRATION_TO_TARGET[issue.field] ?? 'nik',
              })),
      }
    }
    const valid = checked.value
    return {
      ok: true,
      warnings,
      values: {
        nik: valid.nik,
        kk: fromFile.has('kk') ? valid.kk : '',
        fullName: valid.fullName,
        birthPlace: fromFile.has('birthPlace') ? valid.birthPlace : '',
        birthDate: valid.birthDate,
        sex: valid.sex,
        address: fromFile.has('address') ? valid.address : '',
        rt: fromFile.has('rt') ? valid.rt : '',
        rw: fromFile.has('rw') ? valid.rw : '',
        kecamatanCode: valid.kecamatanCode,
        villageCode: valid.villageCode,
      },
    }
  }

  /** KPJ, coverage start and occupation of an existing members' list; null when unusable. */
  private readMember(
    value: (field: TargetField) => string,
    isNumeric: (field: TargetField) => boolean,
    row: ValidatedRow,
    birthDate: string | undefined,
  ): MemberValues | null {
    const push = issuePusher(row)
    const rawKpj = value('kpj')
    if (rawKpj === '') push('error', 'kpj', 'REQUIRED')
    // A KPJ typed into a Number cell has lost its leading zeros: refused, never guessed.
    else if (isNumeric('kpj')) push('error', 'kpj', 'KPJ_EXCEL_NUMBER')
    const rawStart = value('coverageStart')
    let coverageStart: string | null = null
    if (rawStart === '') push('error', 'coverageStart', 'REQUIRED')
    else {
      coverageStart = isNumeric('coverageStart')
        ? excelSerialToIsoDate(Number(rawStart), this.table.date1904 ?? false)
        : parseImportDate(rawStart)
      if (!coverageStart) {
        push('error', 'coverageStart', 'START_INVALID', { value: quotedValue(rawStart) })
      }
    }
    let occupationCode = ''
    const rawOccupation = value('occupation')
    if (rawOccupation !== '') {
      const found = this.occupationOf(rawOccupation)
      if (found) occupationCode = found
      else
        push('warning', 'occupation', 'OCCUPATION_UNKNOWN', { value: quotedValue(rawOccupation) })
    }
    if (rawKpj === '' || isNumeric('kpj') || !coverageStart) return null
    const coverage = existingMemberCoverage(
      { kpjNumber: rawKpj, coverageStart },
      {
        budgetYear: this.ctx.budgetYear ?? Number(this.ctx.today.slice(0, 4)),
        today: this.ctx.today,
        // Whose list: the regency's own (the default payer) unless the import names another.
        payerCode: this.ctx.payerCode ?? this.ctx.district.defaultPayer.code,
        ...(birthDate ? { birthDate } : {}),
      },
    )
    if (!coverage.ok) {
      const field = coverage.problem.code.startsWith('KPJ') ? 'kpj' : 'coverageStart'
      push(
        'error',
        field,
        coverage.problem.code,
        'params' in coverage.problem ? coverage.problem.params : undefined,
      )
      return null
    }
    return {
      kpjNumber: coverage.kpjNumber,
      coverageStart,
      occupationCode,
      status: coverage.status,
      coverage: coverage.coverage,
    }
  }

  /** An occupation by its code, its label, or one part of a label like "Petani / pekebun". */
  private occupationOf(raw: string): string | null {
    const key = wordsOf(raw)
    for (const option of this.ctx.district.config.occupations) {
      const names = [option.code, option.labelId, option.labelEn, ...option.labelId.split('/')]
      if (names.some((name) => wordsOf(name) === key)) return option.code
    }
    return null
  }

  /** The result, reason and note of an agency's verification list. */
  private readResult(
    value: (field: TargetField) => string,
    row: ValidatedRow,
  ): CheckDecision | null {
    const rawResult = value('result')
    const note = value('note').replace(/\s+/g, ' ').slice(0, 300)
    const push = issuePusher(row)
    if (rawResult === '') {
      push('error', 'result', 'REQUIRED')
      return null
    }
    const state = parseCheckResult(rawResult)
    if (state === null) {
      push('error', 'result', 'RESULT_UNKNOWN', { value: quotedValue(rawResult) })
      return null
    }
    if (state !== 'rejected') return note ? { state, note } : { state }

    const rawReason = value('reason')
    if (rawReason === '') {
      if (note === '' || this.otherReason === null) {
        push('error', 'reason', 'REASON_MISSING')
        return null
      }
      return { state, reasonCode: this.otherReason, note }
    }
    const reason = findReason(rawReason, this.ctx.district.config.verification.rejectionReasons)
    if (reason) {
      if (reason.code === this.otherReason && note === '') {
        push('error', 'note', 'NOTE_MISSING')
        return null
      }
      return note ? { state, reasonCode: reason.code, note } : { state, reasonCode: reason.code }
    }
    if (this.otherReason === null) {
      push('error', 'reason', 'REASON_UNKNOWN', { value: quotedValue(rawReason) })
      return null
    }
    push('warning', 'reason', 'REASON_UNKNOWN', { value: quotedValue(rawReason) })
    const combined = [rawReason.replace(/\s+/g, ' '), note]
      .filter((part) => part !== '')
      .join(' — ')
    return { state, reasonCode: this.otherReason, note: combined.slice(0, 300) }
  }
}

/** Every data row of a table, in order. `onProgress` is called every `progressEvery` rows. */
export function validateImportRows(
  table: Pick<ImportTable, 'rows' | 'date1904'>,
  columns: ResolvedColumns,
  kind: ImportKind,
  ctx: ValidationContext,
  options: { onProgress?(done: number, total: number): void; progressEvery?: number } = {},
): ValidatedRow[] {
  const validator = new RowValidator(columns, kind, ctx, table)
  const every = options.progressEvery ?? 2000
  const rows: ValidatedRow[] = []
  for (let index = 0; index < table.rows.length; index++) {
    rows.push(validator.validate(table.rows[index] as SheetRow))
    if (options.onProgress && (index + 1) % every === 0)
      options.onProgress(index + 1, table.rows.length)
  }
  options.onProgress?.(table.rows.length, table.rows.length)
  return rows
}
