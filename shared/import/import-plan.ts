/**
 * The dry run: what applying an import would do to each row, decided from the validated rows and
 * the records that already hold their NIKs. Nothing is written here; `apply` later does exactly
 * what the plan says, or nothing.
 *
 * Who may do what is the workflow's question (`canPerform`), asked per record with the acting
 * user: a registration clerk may create drafts but never sets an agency's check, a verifier only
 * their own agency's, and only while the record is submitted. A row the user may not apply is a
 * `skip` with the workflow's own sentence, so the dry run says why before anything happens.
 */
import { nameSearchKey } from '../participant/names'
import type { CoveragePeriod, ParticipantStatus } from '../participant/participant-document'
import type { Language } from '../i18n/language'
import {
  canPerform,
  type Actor,
  type AgencyCheck,
  type CheckState,
  type WorkflowRefusal,
} from '../workflow/workflow'
import type { VerificationConfig } from '../workflow/verification-config'
import type { ImportKind } from './import-fields'
import { describeRowIssue, type RowIssue } from './import-issues'
import { importRowMessage, importRowText } from './import-row-messages'
import type { DraftValues, MemberValues, ValidatedRow } from './row-validation'

/** What the dry run needs to know of a record already in the store (never its NIK). */
export interface ExistingRecord {
  id: string
  registrationNumber: string
  nameKey: string
  status: ParticipantStatus
  checks: AgencyCheck[]
  updatedAt: string
  kpjNumber?: string
  /** The record's coverage periods: another payer's list is checked against them (payer overlaps). */
  coverage?: readonly CoveragePeriod[]
}

export interface PlannedCheckChange {
  recordId: string
  registrationNumber: string
  /** The record as the dry run saw it; apply refuses to write over a later change. */
  expectedUpdatedAt: string
  agency: string
  from: AgencyCheck
  to: { state: Exclude<CheckState, 'pending'>; reasonCode?: string; note?: string }
}

export type SkipNote =
  | {
      code: 'WORKFLOW'
      registrationNumber: string
      refusal: WorkflowRefusal
      message: { id: string; en: string }
    }
  | { code: 'ALREADY'; registrationNumber: string; agency: string; state: CheckState }
  | { code: 'NO_RESULT' }
  /** DTSEN: the family's decile is above the district's threshold; the check stays as it is. */
  | { code: 'ABOVE_DECILE'; registrationNumber: string; decile: number; max: number }
  /** Existing members: this NIK already has a record here (its KPJ is recorded the usual way). */
  | {
      code: 'MEMBER_KNOWN'
      registrationNumber: string
      status: ParticipantStatus
      sameKpj: boolean
    }

interface OutcomeBase {
  rowNumber: number
  maskedNik: string
  fullName: string
  warnings: RowIssue[]
}

export type RowOutcome =
  | (OutcomeBase & { outcome: 'error'; issues: RowIssue[] })
  | (OutcomeBase & {
      outcome: 'create'
      draft: DraftValues
      /** The NIK's blind index as the worker computed it (spares the main thread the HMACs). */
      nikIndex?: string
      /** Existing members: the record is made enrolled/active with this KPJ and coverage. */
      member?: MemberValues
    })
  | (OutcomeBase & { outcome: 'match'; changes: PlannedCheckChange[]; skips: SkipNote[] })
  | (OutcomeBase & {
      outcome: 'not-found'
      /** Why no draft is made when the list could make one (DTKS). */
      createRefusal?: { id: string; en: string }
    })
  | (OutcomeBase & { outcome: 'skip'; skips: SkipNote[] })

export type OutcomeKind = RowOutcome['outcome']
export const OUTCOME_KINDS: readonly OutcomeKind[] = [
  'match',
  'create',
  'not-found',
  'skip',
  'error',
]

export interface PlanContext {
  kind: ImportKind
  /** The agency whose check the list decides (Dinas Sosial for DTKS). */
  agency: string
  actor: Pick<Actor, 'role' | 'agency'>
  /** DTKS: make draft records of NIKs not registered here. */
  createDrafts: boolean
  /** False where this PC registers nobody (district-wide offices have no registration numbers). */
  registrationAllowed: boolean
  /**
   * The registering office's kecamatan: a record made here must lie in it, or the server refuses
   * it (jurisdiction). Null/absent where no records are made.
   */
  officeKecamatanCode?: string | null
  /**
   * The central office: it registers no one, but files existing BPJS members in each
   * kecamatan's name, in its own series there ('06-99', `centralSeriesOfficeCode`).
   */
  centralSeries?: boolean
  /**
   * DTSEN: the district's `eligibility.maxDecile`. Rows above it confirm nothing and make no
   * draft; without it no DTSEN row does anything (the threshold is policy, never guessed).
   */
  maxDecile?: number
}

/** Lists whose unknown NIKs may become drafts: DTKS, and DTSEN within the decile threshold. */
export function isDraftingKind(kind: ImportKind): boolean {
  return kind === 'dtks' || kind === 'dtsen'
}

export const NO_DECILE_THRESHOLD = importRowMessage('refusal.noDecileThreshold')

/** Refusals that hold for every row of this import, to say once above the results. */
export function planNotices(ctx: PlanContext): { id: string; en: string }[] {
  const notices: { id: string; en: string }[] = []
  if (ctx.kind === 'dtsen' && ctx.maxDecile === undefined) return [NO_DECILE_THRESHOLD]
  if (ctx.kind === 'existing-members') {
    const refusal = memberRefusalOf(ctx)
    return refusal ? [refusal] : []
  }
  const probe = {
    status: 'submitted' as const,
    checks: [{ agency: ctx.agency, state: 'pending' as const }],
  }
  const verdict = canPerform(ctx.actor, probe, {
    kind: 'decide-check',
    agency: ctx.agency,
    state: 'confirmed',
  })
  if (!verdict.allowed) notices.push(verdict.message)
  const refusal = createRefusalOf(ctx)
  if (isDraftingKind(ctx.kind) && ctx.createDrafts && refusal) notices.push(refusal)
  return notices
}

/** Why a draft cannot be made here, when it cannot. */
export const NO_REGISTRATION_HERE = importRowMessage('refusal.noRegistrationHere')

/** Why this user on this PC may not create drafts, or null when they may. */
export function createRefusalOf(
  ctx: Pick<PlanContext, 'actor' | 'registrationAllowed'>,
): { id: string; en: string } | null {
  const verdict = canPerform(ctx.actor, { status: 'draft', checks: [] }, { kind: 'edit-data' })
  if (!verdict.allowed) return verdict.message
  return ctx.registrationAllowed ? null : NO_REGISTRATION_HERE
}

function sameDecision(check: AgencyCheck, to: PlannedCheckChange['to']): boolean {
  return (
    check.state === to.state &&
    (check.reasonCode ?? '') === (to.reasonCode ?? '') &&
    (to.note === undefined || (check.note ?? '') === to.note)
  )
}

export const MEMBERS_ARE_SUPERVISOR_WORK = importRowMessage('refusal.membersSupervisorOnly')

/**
 * Why this user on this PC may not record existing members, or null. They become enrolled or
 * active participants straight away, which is BPJS enrolment: a supervisor's work
 * (`manage-coverage`), at a kecamatan office (its own registration numbers) or at the central
 * office (its series in each kecamatan).
 */
export function memberRefusalOf(
  ctx: Pick<PlanContext, 'actor' | 'registrationAllowed' | 'centralSeries'>,
): { id: string; en: string } | null {
  const verdict = canPerform(
    ctx.actor,
    { status: 'active', checks: [] },
    { kind: 'manage-coverage' },
  )
  if (!verdict.allowed) return MEMBERS_ARE_SUPERVISOR_WORK
  return ctx.registrationAllowed || ctx.centralSeries ? null : MEMBERS_NOT_HERE
}

/** Agency offices record no participants, not even existing ones. */
export const MEMBERS_NOT_HERE = importRowMessage('refusal.membersNotHere')

/** Why a record in `kecamatanCode` cannot be made here, or null when it can. */
function outsideOfficeRefusal(
  ctx: PlanContext,
  kecamatanCode: string,
): { id: string; en: string } | null {
  if (!ctx.officeKecamatanCode || ctx.officeKecamatanCode === kecamatanCode) return null
  return importRowMessage('refusal.outsideOffice')
}

/**
 * One outcome per validated row. `existing` holds, per NIK, the records that have it (usually one;
 * two offices may have registered the same person before the server flagged it).
 */
export function planRows(
  rows: readonly ValidatedRow[],
  existing: ReadonlyMap<string, readonly ExistingRecord[]>,
  ctx: PlanContext,
): RowOutcome[] {
  const createRefusal =
    ctx.kind === 'existing-members' ? memberRefusalOf(ctx) : createRefusalOf(ctx)
  return rows.map((row): RowOutcome => {
    const base: OutcomeBase = {
      rowNumber: row.rowNumber,
      maskedNik: row.maskedNik,
      fullName: row.fullName,
      warnings: row.warnings,
    }
    if (row.errors.length > 0 || row.nik === null) {
      return { ...base, outcome: 'error', issues: row.errors }
    }
    const records = existing.get(row.nik) ?? []
    if (ctx.kind === 'dtsen') {
      if (ctx.maxDecile === undefined) {
        return { ...base, outcome: 'not-found', createRefusal: NO_DECILE_THRESHOLD }
      }
      const decile = row.dtsen?.decile
      if (decile !== undefined && decile > ctx.maxDecile) {
        const max = ctx.maxDecile
        if (records.length === 0) {
          return {
            ...base,
            outcome: 'not-found',
            createRefusal: importRowMessage('refusal.aboveDecile', { decile, max }),
          }
        }
        return {
          ...base,
          outcome: 'skip',
          skips: records.map((record) => ({
            code: 'ABOVE_DECILE' as const,
            registrationNumber: record.registrationNumber,
            decile,
            max,
          })),
        }
      }
    }
    const members = ctx.kind === 'existing-members'
    if (records.length === 0) {
      if (!members && (!isDraftingKind(ctx.kind) || !ctx.createDrafts)) {
        return { ...base, outcome: 'not-found' }
      }
      if (createRefusal) return { ...base, outcome: 'not-found', createRefusal }
      const draft = row.draft
      if (!draft || (members && !row.member)) return { ...base, outcome: 'not-found' }
      if (!draft.ok) return { ...base, outcome: 'error', issues: draft.issues }
      const outside = outsideOfficeRefusal(ctx, draft.values.kecamatanCode)
      if (outside) return { ...base, outcome: 'not-found', createRefusal: outside }
      return {
        ...base,
        warnings: [...row.warnings, ...draft.warnings],
        outcome: 'create',
        draft: draft.values,
        ...(row.nikIndex ? { nikIndex: row.nikIndex } : {}),
        ...(members && row.member ? { member: row.member } : {}),
      }
    }
    if (members) {
      return {
        ...base,
        outcome: 'skip',
        skips: records.map((record) => ({
          code: 'MEMBER_KNOWN' as const,
          registrationNumber: record.registrationNumber,
          status: record.status,
          sameKpj: row.member !== undefined && record.kpjNumber === row.member.kpjNumber,
        })),
      }
    }

    const decision = ctx.kind === 'agency-result' ? row.decision : { state: 'confirmed' as const }
    if (!decision || decision.state === 'none') {
      return { ...base, outcome: 'skip', skips: [{ code: 'NO_RESULT' }] }
    }
    const to: PlannedCheckChange['to'] = {
      state: decision.state,
      ...('reasonCode' in decision && decision.reasonCode
        ? { reasonCode: decision.reasonCode }
        : {}),
      ...('note' in decision && decision.note ? { note: decision.note } : {}),
    }
    const warnings = [...row.warnings]
    const changes: PlannedCheckChange[] = []
    const skips: SkipNote[] = []
    for (const record of records) {
      if (row.fullName !== '' && nameSearchKey(row.fullName) !== record.nameKey) {
        warnings.push({
          severity: 'warning',
          code: 'NAME_DIFFERS',
          field: 'fullName',
          params: { registrationNumber: record.registrationNumber },
        })
      }
      const current = record.checks.find((check) => check.agency === ctx.agency)
      if (current && sameDecision(current, to)) {
        skips.push({
          code: 'ALREADY',
          registrationNumber: record.registrationNumber,
          agency: ctx.agency,
          state: current.state,
        })
        continue
      }
      const verdict = canPerform(ctx.actor, record, {
        kind: 'decide-check',
        agency: ctx.agency,
        state: to.state,
      })
      if (!verdict.allowed) {
        skips.push({
          code: 'WORKFLOW',
          registrationNumber: record.registrationNumber,
          refusal: verdict.code,
          message: verdict.message,
        })
        continue
      }
      // canPerform refuses an agency the record does not need, so `current` is there.
      if (!current) continue
      changes.push({
        recordId: record.id,
        registrationNumber: record.registrationNumber,
        expectedUpdatedAt: record.updatedAt,
        agency: ctx.agency,
        from: current,
        to,
      })
    }
    if (changes.length > 0) return { ...base, warnings, outcome: 'match', changes, skips }
    return { ...base, warnings, outcome: 'skip', skips }
  })
}

export interface PlanSummary {
  rows: number
  match: number
  create: number
  notFound: number
  skip: number
  error: number
  /** Records whose check changes (a row may touch two records with the same NIK). */
  recordsChanged: number
  /** Rows with at least one warning. */
  withWarnings: number
}

export function summarisePlan(outcomes: readonly RowOutcome[]): PlanSummary {
  const summary: PlanSummary = {
    rows: outcomes.length,
    match: 0,
    create: 0,
    notFound: 0,
    skip: 0,
    error: 0,
    recordsChanged: 0,
    withWarnings: 0,
  }
  for (const outcome of outcomes) {
    if (outcome.warnings.length > 0) summary.withWarnings++
    switch (outcome.outcome) {
      case 'match':
        summary.match++
        summary.recordsChanged += outcome.changes.length
        break
      case 'create':
        summary.create++
        break
      case 'not-found':
        summary.notFound++
        break
      case 'skip':
        summary.skip++
        break
      case 'error':
        summary.error++
        break
    }
  }
  return summary
}

// ------------------------------------------------------------------------------------------
// Words for the dry-run table and the downloadable report.

const stateWord = (state: CheckState, language: Language) =>
  importRowText(language, `state.${state}`)

/** Each outcome's name in every language (importRow namespace, `outcome.<kind>`). */
export const OUTCOME_LABELS = Object.fromEntries(
  OUTCOME_KINDS.map((kind) => [kind, importRowMessage(`outcome.${kind}`)]),
) as Record<OutcomeKind, { id: string; en: string }>

function agencyLabel(config: VerificationConfig, code: string, language: Language): string {
  const agency = config.agencies.find((entry) => entry.code === code)
  if (!agency) return code
  // "Dinas Sosial (DTKS / P3KE)" reads better in a sentence without the bracket.
  const label = language === 'en' ? agency.labelEn : agency.labelId
  return label.replace(/\s*\(.*\)\s*$/, '')
}

function reasonLabel(config: VerificationConfig, code: string, language: Language): string {
  const reason = config.rejectionReasons.find((entry) => entry.code === code)
  if (!reason) return code
  return language === 'en' ? reason.labelEn : reason.labelId
}

/** "Pemeriksaan Dinas Sosial: menunggu → dikonfirmasi". */
export function describeCheckChange(
  change: Pick<PlannedCheckChange, 'agency' | 'from' | 'to'>,
  config: VerificationConfig,
  language: Language,
): string {
  const values = {
    agency: agencyLabel(config, change.agency, language),
    from: stateWord(change.from.state, language),
    to: stateWord(change.to.state, language),
  }
  return change.to.reasonCode
    ? importRowText(language, 'checkChange.withReason', {
        ...values,
        reason: reasonLabel(config, change.to.reasonCode, language),
      })
    : importRowText(language, 'checkChange', values)
}

function describeSkip(skip: SkipNote, config: VerificationConfig, language: Language): string {
  switch (skip.code) {
    case 'NO_RESULT':
      return importRowText(language, 'skip.noResult')
    case 'ABOVE_DECILE':
      return importRowText(language, 'skip.aboveDecile', {
        number: skip.registrationNumber,
        decile: skip.decile,
        max: skip.max,
      })
    case 'ALREADY':
      return importRowText(language, 'skip.already', {
        number: skip.registrationNumber,
        agency: agencyLabel(config, skip.agency, language),
        state: stateWord(skip.state, language),
      })
    case 'WORKFLOW':
      return importRowText(language, 'skip.workflow', {
        number: skip.registrationNumber,
        message: skip.message[language],
      })
    case 'MEMBER_KNOWN':
      return skip.sameKpj
        ? importRowText(language, 'skip.sameKpj', { number: skip.registrationNumber })
        : importRowText(language, 'skip.memberKnown', {
            number: skip.registrationNumber,
            status: skip.status,
          })
  }
}

function describeMemberCreate(member: MemberValues, language: Language): string {
  return importRowText(language, member.status === 'active' ? 'create.active' : 'create.enrolled', {
    kpj: member.kpjNumber,
    since: member.coverageStart,
  })
}

/** The "what happens" column: one sentence or a few, in the chosen language. */
export function describeOutcome(
  outcome: RowOutcome,
  config: VerificationConfig,
  language: Language,
): string {
  const warnings = outcome.warnings.map((issue) => describeRowIssue(issue, language))
  let main: string[]
  switch (outcome.outcome) {
    case 'error':
      main = outcome.issues.map((issue) => describeRowIssue(issue, language))
      break
    case 'create':
      main = [
        outcome.member
          ? describeMemberCreate(outcome.member, language)
          : importRowText(language, 'create.draft'),
      ]
      break
    case 'match':
      main = [
        ...outcome.changes.map(
          (change) =>
            `${change.registrationNumber}: ${describeCheckChange(change, config, language)}`,
        ),
        ...outcome.skips.map((skip) => describeSkip(skip, config, language)),
      ]
      break
    case 'not-found':
      main = [
        importRowText(language, 'notFound'),
        ...(outcome.createRefusal ? [outcome.createRefusal[language]] : []),
      ]
      break
    case 'skip':
      main = outcome.skips.map((skip) => describeSkip(skip, config, language))
      break
  }
  return [...main, ...warnings].join(' ')
}
