/**
 * The server's reading of a pushed participant against the workflow: what changed between the
 * stored copy and the pushed one, and whether this user may make that change. Pure, so the same
 * rules are tested here and enforced there, whatever the client's screens offered.
 */
import type { ParticipantDocument } from '../participant/participant-document'
import type { OfficeKind, Role } from '../sync/sync-protocol'
import {
  canPerform,
  actionsBetween,
  isDecidedOnBehalf,
  MIN_LETTER_REFERENCE_LENGTH,
  type AgencyCheck,
  type WorkflowAction,
  type WorkflowFields,
} from './workflow'
import { requiredAgenciesFor, type VerificationConfig } from './verification-config'
import { sameJson } from '../sync/canonical-json'
import { isExistingMemberSource } from '../coverage/existing-members'
import {
  isDeceased,
  withDeathCorrected,
  withDeathReported,
  type DeathFields,
  type DeathReport,
} from '../participant/death'
import { calendarDayAt } from '../dates/clock'
import { claimStatusOf, isClosedStatus } from '../claims/claim-case'
import type { CoveragePeriod } from '../participant/participant-status'
import { workflowText } from './workflow-messages'
import { claimsProblemOfPush } from '../claims/claim-push'
import {
  reverificationProblemOfPush,
  type ReverificationDecision,
} from '../reverification/reverification-decision'

/** The person's data: what clerks type and verifiers must not touch. */
export const PERSONAL_DATA_FIELDS = [
  'nik',
  'kk',
  'fullName',
  'birthPlace',
  'birthDate',
  'sex',
  'address',
  'rt',
  'rw',
  'kecamatanCode',
  'villageCode',
  'occupationCode',
  'monthlyIncome',
  'phone',
  'heirName',
  'heirRelationship',
  'source',
] as const satisfies readonly (keyof ParticipantDocument)[]

/** BPJS enrolment data: written by supervisors from batches and BPJS's answers. */
export const COVERAGE_FIELDS = [
  'kpjNumber',
  'enrolmentBatchId',
  'coverage',
] as const satisfies readonly (keyof ParticipantDocument)[]

type WorkflowDoc = Pick<ParticipantDocument, 'status' | 'checks' | 'review' | 'occupationCode'> &
  Partial<Pick<ParticipantDocument, 'death' | 'birthDate' | 'id' | 'claims' | 'reverification'>> &
  Partial<
    Record<(typeof PERSONAL_DATA_FIELDS)[number] | (typeof COVERAGE_FIELDS)[number], unknown>
  > & {
    /** The registering office: a clerk deletes only their own office's drafts. */
    officeCode?: string
    /** A tombstone (sync): set means deleted. */
    _deleted?: boolean
  }

/** Who pushes: role, a verifier's agency, and the office of the PC the push comes from. */
export interface PushActor {
  role: Role
  agency: string | null
  officeCode: string
  /**
   * The office whose jurisdiction applies (the server's `participantCallerOf`): who may handle a
   * claim depends on it (shared/claims/claim-case.ts `canHandleClaim`). Absent: a kecamatan office
   * without a kecamatan, which may handle none.
   */
  office?: { kind: OfficeKind; kecamatanCode: string | null }
  /**
   * The district's offset from UTC (the server knows it): a death report's `reportedOn` must be
   * the district's day of its `reportedAt`. Absent: the UTC day or the next is accepted.
   */
  utcOffsetMinutes?: number
  /** district.json's heir relationships: a claim's heir must name one (the server knows them). */
  heirRelationshipCodes?: readonly string[]
}

const fieldsOf = (doc: WorkflowDoc): WorkflowFields => ({
  status: doc.status,
  checks: doc.checks ?? [],
  ...(doc.review ? { review: doc.review } : {}),
})

/** The record as `canPerform` judges it: its workflow state and the office that registered it. */
const recordOf = (doc: WorkflowDoc) => ({
  ...fieldsOf(doc),
  isDeceased: isDeceased(doc),
  ...(doc.officeCode !== undefined ? { officeCode: doc.officeCode } : {}),
})

const pendingChecksFor = (config: VerificationConfig, occupationCode: string): AgencyCheck[] =>
  requiredAgenciesFor(config, occupationCode).map((agency) => ({ agency, state: 'pending' }))

/**
 * A submitted record without checks was submitted before the workflow existed (or by a PC not yet
 * updated): it waits for every agency its occupation needs.
 */
export function withWorkflowDefaults<T extends WorkflowDoc>(doc: T, config: VerificationConfig): T {
  if (doc.status === 'submitted' && (doc.checks ?? []).length === 0) {
    return { ...doc, checks: pendingChecksFor(config, doc.occupationCode) }
  }
  return doc.checks ? doc : { ...doc, checks: [] }
}

export interface WorkflowPushRefusal {
  code: 'WORKFLOW_FORBIDDEN'
  message: string
}

const refusal = (message: string): WorkflowPushRefusal => ({ code: 'WORKFLOW_FORBIDDEN', message })

// Canonical comparison: the server's jsonb hands keys back in its own order.
const sameValue = (a: unknown, b: unknown) => sameJson(a ?? null, b ?? null)

/**
 * Null when `actor` may turn `stored` (undefined for a new record) into `next`; otherwise the
 * Indonesian reason. Both documents have had `withWorkflowDefaults` applied.
 */
export function workflowProblemOfPush(
  stored: WorkflowDoc | undefined,
  next: WorkflowDoc,
  actor: PushActor,
  config: VerificationConfig,
): WorkflowPushRefusal | null {
  // Claim cases ride on the record; every change to them is judged on its own (claim-push.ts).
  const claimsProblem = claimsProblemOfPush(
    stored
      ? {
          id: stored.id ?? '',
          kecamatanCode: String(stored.kecamatanCode ?? ''),
          ...(stored.claims ? { claims: stored.claims } : {}),
        }
      : undefined,
    {
      id: next.id ?? '',
      kecamatanCode: String(next.kecamatanCode ?? ''),
      ...(next.claims ? { claims: next.claims } : {}),
    },
    { role: actor.role, office: actor.office ?? { kind: 'kecamatan', kecamatanCode: null } },
  )
  if (claimsProblem) return refusal(claimsProblem.message)
  // Re-verification decisions ride on the record too: append-only, each in its decider's reach.
  const decisionProblem = reverificationProblemOfPush(
    stored
      ? {
          id: stored.id ?? '',
          kecamatanCode: String(stored.kecamatanCode ?? ''),
          ...(stored.reverification ? { reverification: stored.reverification } : {}),
        }
      : undefined,
    {
      id: next.id ?? '',
      kecamatanCode: String(next.kecamatanCode ?? ''),
      ...(next.reverification
        ? { reverification: next.reverification as ReverificationDecision[] }
        : {}),
      deleted: next._deleted === true,
    },
    { role: actor.role, office: actor.office ?? { kind: 'kecamatan', kecamatanCode: null } },
  )
  if (decisionProblem) return refusal(workflowText('id', decisionProblem))
  // A JKM claim rests on a death the record reports (and that no withdrawal has undone).
  const storedClaimIds = new Set((stored?.claims ?? []).map((claim) => claim.id))
  const knownHeirs = actor.heirRelationshipCodes
  if (
    knownHeirs &&
    (next.claims ?? []).some((claim) => {
      const before = stored?.claims?.find((entry) => entry.id === claim.id)
      return (
        claim.heir !== undefined &&
        !sameValue(before?.heir, claim.heir) &&
        !knownHeirs.includes(claim.heir.relationshipCode)
      )
    })
  ) {
    return refusal(workflowText('id', 'CLAIM_HEIR_UNKNOWN'))
  }
  if (
    (next.claims ?? []).some((claim) => claim.kind === 'jkm' && !storedClaimIds.has(claim.id)) &&
    !isDeceased(next)
  ) {
    return refusal(workflowText('id', 'JKM_CLAIM_WITHOUT_DEATH'))
  }
  if (!stored && next._deleted === true) {
    // Registered and deleted while offline: the deletion is read like any other, and the record
    // must also have been a valid new one.
    const verdict = canPerform(actor, recordOf(next), { kind: 'delete' })
    if (!verdict.allowed) return refusal(verdict.message.id)
  }
  if (!stored) {
    // New records come from the registration desk (or an import): draft, or submitted with
    // every required agency pending.
    if (actor.role === 'verifier') return refusal(REFUSE_NEW)
    // A death is reported on a record the server has: a report that came with the record could
    // claim any "previous" state for a withdrawal to restore.
    if (next.death !== undefined) return refusal(workflowText('id', 'DEATH_ON_NEW_RECORD'))
    const hasCoverage = COVERAGE_FIELDS.some((field) => next[field] !== undefined)
    if (hasCoverage) {
      if (isExistingMemberSource(next.source as string | undefined)) {
        return existingMemberProblem(next, actor)
      }
      return refusal('Data baru tidak boleh membawa nomor KPJ atau masa kepesertaan.')
    }
    if (next.status === 'draft' && next.checks.length === 0 && !next.review) return null
    if (
      next.status === 'submitted' &&
      !next.review &&
      sameValue(next.checks, pendingChecksFor(config, next.occupationCode))
    ) {
      return null
    }
    return refusal(
      'Data baru hanya boleh berstatus draf, atau diajukan dengan semua pemeriksaan instansi masih menunggu.',
    )
  }

  if (!sameValue(stored.death, next.death)) return deathProblemOfPush(stored, next, actor, config)
  const dataChanged = PERSONAL_DATA_FIELDS.some((field) => !sameValue(stored[field], next[field]))
  const coverageChanged = COVERAGE_FIELDS.some((field) => !sameValue(stored[field], next[field]))
  const change = actionsBetween(fieldsOf(stored), fieldsOf(next), dataChanged, coverageChanged)
  if (!change.ok) return refusal(change.message.id)
  // Deleting and restoring are actions too (a tombstone is a write like any other on the wire),
  // judged on the record as stored, together with whatever else the same push changes.
  const wasDeleted = stored._deleted === true
  const isDeleted = next._deleted === true
  const actions: WorkflowAction[] = [
    ...(wasDeleted && !isDeleted ? [{ kind: 'restore' } as const] : []),
    ...change.actions,
    ...(!wasDeleted && isDeleted ? [{ kind: 'delete' } as const] : []),
  ]
  for (const action of actions) {
    const verdict = canPerform(actor, recordOf(stored), action)
    if (!verdict.allowed) return refusal(verdict.message.id)
    if (action.kind === 'submit') {
      // The agencies asked are the ones the (possibly corrected) occupation needs.
      const expected = requiredAgenciesFor(config, next.occupationCode)
      if (
        !sameValue(
          next.checks.map((check) => check.agency),
          expected,
        )
      ) {
        return refusal('Daftar instansi pemeriksa tidak sesuai dengan pekerjaan peserta.')
      }
    }
    if (action.kind === 'decide-check') {
      const check = next.checks.find((entry) => entry.agency === action.agency)
      // (A verifier's push naming another role is an attribution forgery, refused as such.)
      if (
        check &&
        actor.role !== 'verifier' &&
        isDecidedOnBehalf(check) &&
        (check.note ?? '').trim().length < MIN_LETTER_REFERENCE_LENGTH
      ) {
        return refusal(
          'Keputusan yang dicatat atas nama instansi harus menyebut surat instansi itu (nomor dan tanggal).',
        )
      }
      if (check?.state === 'rejected' && !check.reasonCode) {
        return refusal('Pemeriksaan yang ditolak harus menyebut alasannya.')
      }
      if (
        check?.reasonCode &&
        !config.rejectionReasons.some((reason) => reason.code === check.reasonCode)
      ) {
        return refusal('Alasan penolakan tidak dikenal.')
      }
    }
    if ((action.kind === 'approve' || action.kind === 'return') && !next.review) {
      return refusal('Keputusan supervisor harus dicatat.')
    }
    if (action.kind === 'return' && next.review?.note.trim() === '') {
      return refusal('Data yang dikembalikan harus disertai alasan untuk petugas.')
    }
  }
  return null
}

/**
 * A participant the regency paid for before Naungan, recorded from the existing members' list
 * (`shared/coverage/existing-members.ts`): new, yet already enrolled or active with a KPJ number
 * and coverage. That is BPJS enrolment work, so only for those who may manage coverage, and only
 * in that shape — no agency checks or supervisor review it never went through, no batch.
 */
function existingMemberProblem(next: WorkflowDoc, actor: PushActor): WorkflowPushRefusal | null {
  const verdict = canPerform(actor, { status: 'active', checks: [] }, { kind: 'manage-coverage' })
  if (!verdict.allowed) return refusal(verdict.message.id)
  const coverage = Array.isArray(next.coverage) ? (next.coverage as unknown[]) : []
  if (
    (next.status !== 'active' && next.status !== 'enrolled') ||
    typeof next.kpjNumber !== 'string' ||
    coverage.length === 0 ||
    next.enrolmentBatchId !== undefined ||
    next.checks.length > 0 ||
    next.review
  ) {
    return refusal(
      'Peserta lama hanya boleh dicatat sebagai terdaftar atau aktif, dengan nomor KPJ dan masa kepesertaan, tanpa pemeriksaan instansi.',
    )
  }
  return null
}

const REFUSE_NEW = 'Verifikator instansi tidak mendaftarkan peserta baru.'

/** What death.ts reads of a stored record (coverage as stored: checked by the schema). */
const deathFieldsOf = (doc: WorkflowDoc): DeathFields => ({
  status: doc.status,
  birthDate: doc.birthDate ?? '',
  ...(Array.isArray(doc.coverage) ? { coverage: doc.coverage as CoveragePeriod[] } : {}),
  ...(doc.death ? { death: doc.death } : {}),
})

/** The district's day is the UTC day or the next one (WIB, WITA, WIT are UTC+7 to +9). */
function possibleDaysOf(iso: string): string[] {
  const millis = Date.parse(iso)
  if (!Number.isFinite(millis)) return []
  const utcDay = new Date(millis).toISOString().slice(0, 10)
  const nextDay = new Date(millis + 86_400_000).toISOString().slice(0, 10)
  return [utcDay, nextDay]
}

/**
 * A push that changes the death report: a new report, or a supervisor's correction, and nothing
 * else. The server recomputes the outcome from the stored record (death.ts) and refuses any other:
 * a client cannot end coverage earlier than the rule, revive a record, or edit data on the side.
 */
function deathProblemOfPush(
  stored: WorkflowDoc,
  next: WorkflowDoc,
  actor: PushActor,
  config: VerificationConfig,
): WorkflowPushRefusal | null {
  const record = { ...recordOf(stored), isDeceased: isDeceased(stored) }
  const mismatch = refusal(workflowText('id', 'DEATH_REPORT_MISMATCH'))
  const report = next.death
  // What else the push changes is judged as the push it would be without the death: an edit or a
  // submission made on the PC before the report, sent together with it. The report must then be
  // exactly what the rule makes of that state.
  // A new report (or one reported and withdrawn before the PC synced) names the state it was made
  // on; a withdrawal of the stored report is made on the stored record.
  const isNewReport = report !== undefined && !isDeceased(stored)
  const preStatus = isNewReport ? report.previousStatus : stored.status
  const preCoverage = isNewReport ? report.previousCoverage : stored.coverage
  const withoutDeath: WorkflowDoc = { ...next, status: preStatus }
  if (preCoverage === undefined) delete withoutDeath.coverage
  else withoutDeath.coverage = preCoverage
  if (stored.death === undefined) delete withoutDeath.death
  else withoutDeath.death = stored.death
  const rest = workflowProblemOfPush(stored, withoutDeath, actor, config)
  if (rest) return rest
  const before = deathFieldsOf(withoutDeath)
  const dayIsRight = (entry: DeathReport) =>
    actor.utcOffsetMinutes === undefined
      ? possibleDaysOf(entry.reportedAt).includes(entry.reportedOn)
      : entry.reportedOn === calendarDayAt(new Date(entry.reportedAt), actor.utcOffsetMinutes)
  const sameOutcome = (expected: { status: string; coverage?: unknown; death?: unknown }) =>
    sameValue(expected.death, report) &&
    expected.status === next.status &&
    sameValue(expected.coverage, next.coverage)

  if (report && report.correction === undefined) {
    const verdict = canPerform(actor, record, { kind: 'report-death' })
    if (!verdict.allowed) return refusal(verdict.message.id)
    if (report.officeCode !== actor.officeCode || !dayIsRight(report)) return mismatch
    const expected = withDeathReported(before, report, report.reportedOn)
    return expected.ok && sameOutcome(expected.doc) ? null : mismatch
  }
  if (report?.correction && stored.death && isDeceased(stored)) {
    const verdict = canPerform(actor, record, { kind: 'correct-death' })
    if (!verdict.allowed) return refusal(verdict.message.id)
    // A JKM claim for the heirs still running rests on this death: it is closed first.
    if (
      (stored.claims ?? []).some((claim) => claim.died && !isClosedStatus(claimStatusOf(claim)))
    ) {
      return refusal(workflowText('id', 'DEATH_HAS_OPEN_CLAIM'))
    }
    const expected = withDeathCorrected(deathFieldsOf(stored), report.correction)
    return expected.ok && sameOutcome(expected.doc) ? null : mismatch
  }
  if (report?.correction && !isDeceased(stored)) {
    // Reported and withdrawn on one PC before it synced: the record is as it was, with the
    // withdrawn report kept on it. Both steps are judged: a clerk cannot withdraw.
    for (const kind of ['report-death', 'correct-death'] as const) {
      const verdict = canPerform(
        actor,
        { ...record, isDeceased: kind === 'correct-death' },
        { kind },
      )
      if (!verdict.allowed) return refusal(verdict.message.id)
    }
    if (report.officeCode !== actor.officeCode || !dayIsRight(report)) return mismatch
    const reported = withDeathReported(before, report, report.reportedOn)
    if (!reported.ok) return mismatch
    const withdrawn = withDeathCorrected(reported.doc, report.correction)
    return withdrawn.ok && sameOutcome(withdrawn.doc) ? null : mismatch
  }
  // Removing a report, or changing one in place: never. A correction is how a report is undone.
  const verdict = canPerform(actor, record, { kind: 'correct-death' })
  return verdict.allowed ? mismatch : refusal(verdict.message.id)
}
