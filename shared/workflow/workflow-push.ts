/**
 * The server's reading of a pushed participant against the workflow: what changed between the
 * stored copy and the pushed one, and whether this user may make that change. Pure, so the same
 * rules are tested here and enforced there, whatever the client's screens offered.
 */
import type { ParticipantDocument } from '../participant/participant-document'
import type { Role } from '../sync/sync-protocol'
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
}

const fieldsOf = (doc: WorkflowDoc): WorkflowFields => ({
  status: doc.status,
  checks: doc.checks ?? [],
  ...(doc.review ? { review: doc.review } : {}),
})

/** The record as `canPerform` judges it: its workflow state and the office that registered it. */
const recordOf = (doc: WorkflowDoc) => ({
  ...fieldsOf(doc),
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
