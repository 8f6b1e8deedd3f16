import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '@shared/district/district-config'
import { workflowProblemOfPush } from '@shared/workflow/workflow-push'
import {
  PARTICIPANT_STATUSES,
  type ParticipantStatus,
} from '@shared/participant/participant-document'
import type { Role } from '@shared/sync/sync-protocol'
import { ROLES } from '@shared/sync/sync-protocol'
import {
  actionsBetween,
  canPerform,
  isDecidedOnBehalf,
  submitted,
  withCheckDecision,
  type AgencyCheck,
  type WorkflowAction,
} from '@shared/workflow/workflow'

/**
 * The whole rule table, written out: every role × every status × every action. A cell is the
 * refusal code, or 'ok'. Reading it is reading the workflow; changing a rule means changing a
 * cell here on purpose.
 */
const ACTOR_AGENCY: Record<Role, string | null> = {
  operator: null,
  verifier: 'dinsos',
  supervisor: null,
  admin: null,
}

const pendingChecks: AgencyCheck[] = [
  { agency: 'disdukcapil', state: 'pending' },
  { agency: 'dinsos', state: 'pending' },
]
const confirmedChecks: AgencyCheck[] = pendingChecks.map((check) => ({
  ...check,
  state: 'confirmed',
}))

type Cell = 'ok' | string
/** Columns in PARTICIPANT_STATUSES order: draft submitted returned approved enrolled active ended */
type Row = [Cell, Cell, Cell, Cell, Cell, Cell, Cell]

const LOCK = 'DATA_LOCKED_AFTER_APPROVAL'
const NSUB = 'NOT_SUBMITTABLE'
const NVER = 'NOT_UNDER_VERIFICATION'
const NREV = 'NOT_UNDER_REVIEW'
const SUP = 'ONLY_SUPERVISOR_DECIDES'

const TABLE: [string, WorkflowAction, AgencyCheck[], Record<Role, Row>][] = [
  [
    'edit the data',
    { kind: 'edit-data' },
    pendingChecks,
    {
      operator: ['ok', 'ok', 'ok', LOCK, LOCK, LOCK, LOCK],
      verifier: Array(7).fill('VERIFIER_CANNOT_EDIT_DATA') as Row,
      supervisor: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
      admin: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
    },
  ],
  [
    'submit',
    { kind: 'submit' },
    [],
    {
      operator: ['ok', NSUB, 'ok', NSUB, NSUB, NSUB, NSUB],
      verifier: Array(7).fill('VERIFIER_CANNOT_SUBMIT') as Row,
      supervisor: ['ok', NSUB, 'ok', NSUB, NSUB, NSUB, NSUB],
      admin: ['ok', NSUB, 'ok', NSUB, NSUB, NSUB, NSUB],
    },
  ],
  [
    'confirm the Dinas Sosial check',
    { kind: 'decide-check', agency: 'dinsos', state: 'confirmed' },
    pendingChecks,
    {
      operator: Array(7).fill('CLERK_CANNOT_DECIDE_CHECK') as Row,
      verifier: [NVER, 'ok', NVER, NVER, NVER, NVER, NVER],
      supervisor: [NVER, 'ok', NVER, NVER, NVER, NVER, NVER],
      admin: [NVER, 'ok', NVER, NVER, NVER, NVER, NVER],
    },
  ],
  [
    'reject the Disdukcapil check',
    { kind: 'decide-check', agency: 'disdukcapil', state: 'rejected' },
    pendingChecks,
    {
      operator: Array(7).fill('CLERK_CANNOT_DECIDE_CHECK') as Row,
      verifier: Array(7).fill('NOT_YOUR_AGENCY') as Row,
      supervisor: [NVER, 'ok', NVER, NVER, NVER, NVER, NVER],
      admin: [NVER, 'ok', NVER, NVER, NVER, NVER, NVER],
    },
  ],
  [
    'decide for an agency the occupation does not need',
    { kind: 'decide-check', agency: 'dkp', state: 'confirmed' },
    pendingChecks,
    {
      operator: Array(7).fill('CLERK_CANNOT_DECIDE_CHECK') as Row,
      verifier: Array(7).fill('NOT_YOUR_AGENCY') as Row,
      supervisor: [NVER, 'AGENCY_NOT_REQUIRED', NVER, NVER, NVER, NVER, NVER],
      admin: [NVER, 'AGENCY_NOT_REQUIRED', NVER, NVER, NVER, NVER, NVER],
    },
  ],
  [
    'approve when every agency confirmed',
    { kind: 'approve' },
    confirmedChecks,
    {
      operator: Array(7).fill(SUP) as Row,
      verifier: Array(7).fill(SUP) as Row,
      supervisor: [NREV, 'ok', NREV, NREV, NREV, NREV, NREV],
      admin: [NREV, 'ok', NREV, NREV, NREV, NREV, NREV],
    },
  ],
  [
    'approve while a check is pending',
    { kind: 'approve' },
    pendingChecks,
    {
      operator: Array(7).fill(SUP) as Row,
      verifier: Array(7).fill(SUP) as Row,
      supervisor: [NREV, 'CHECKS_INCOMPLETE', NREV, NREV, NREV, NREV, NREV],
      admin: [NREV, 'CHECKS_INCOMPLETE', NREV, NREV, NREV, NREV, NREV],
    },
  ],
  [
    'send to BPJS, record the KPJ, renew or end coverage',
    { kind: 'manage-coverage' },
    confirmedChecks,
    {
      operator: Array(7).fill(SUP) as Row,
      verifier: Array(7).fill(SUP) as Row,
      supervisor: [
        'NOT_APPROVED_YET',
        'NOT_APPROVED_YET',
        'NOT_APPROVED_YET',
        'ok',
        'ok',
        'ok',
        'ok',
      ],
      admin: ['NOT_APPROVED_YET', 'NOT_APPROVED_YET', 'NOT_APPROVED_YET', 'ok', 'ok', 'ok', 'ok'],
    },
  ],
  [
    'return to the clerk',
    { kind: 'return' },
    pendingChecks,
    {
      operator: Array(7).fill(SUP) as Row,
      verifier: Array(7).fill(SUP) as Row,
      supervisor: [NREV, 'ok', NREV, 'ok', NREV, NREV, NREV],
      admin: [NREV, 'ok', NREV, 'ok', NREV, NREV, NREV],
    },
  ],
]

describe('who may move a record where', () => {
  it('covers every role and every status', () => {
    expect(ROLES).toEqual(['operator', 'verifier', 'supervisor', 'admin'])
    expect(PARTICIPANT_STATUSES).toHaveLength(7)
  })

  const cases = TABLE.flatMap(([label, action, checks, byRole]) =>
    ROLES.flatMap((role) =>
      PARTICIPANT_STATUSES.map(
        (status, column) => [label, role, status, action, checks, byRole[role][column]!] as const,
      ),
    ),
  )

  it.each(cases)('%s — %s, record %s', (_label, role, status, action, checks, expected) => {
    const verdict = canPerform(
      { role, agency: ACTOR_AGENCY[role] },
      { status: status as ParticipantStatus, checks },
      action,
    )
    if (expected === 'ok') {
      expect(verdict).toEqual({ allowed: true })
    } else {
      expect(verdict).toMatchObject({ allowed: false, code: expected })
      // Every refusal explains itself in both languages.
      if (!verdict.allowed) {
        expect(verdict.message.id.length).toBeGreaterThan(20)
        expect(verdict.message.en.length).toBeGreaterThan(20)
      }
    }
  })
})

describe('reading a change as workflow actions', () => {
  const actor = { role: 'verifier' as const, agency: 'dinsos', name: 'Verifikator Dinsos' }

  it('a resubmission keeps confirmations and asks the rest again', () => {
    const returned = {
      status: 'returned' as const,
      checks: [
        { agency: 'disdukcapil', state: 'confirmed' as const, decidedBy: 'A' },
        { agency: 'dinsos', state: 'rejected' as const, reasonCode: 'tidak-ada-di-dtks' },
      ],
    }
    const next = submitted(returned, ['disdukcapil', 'dinsos', 'dkp'])
    expect(next.checks).toEqual([
      { agency: 'disdukcapil', state: 'confirmed', decidedBy: 'A' },
      { agency: 'dinsos', state: 'pending' },
      { agency: 'dkp', state: 'pending' },
    ])
    expect(actionsBetween(returned, next, false)).toEqual({
      ok: true,
      actions: [{ kind: 'submit' }],
    })
  })

  it('a decision reads as that agency deciding; a status jump is refused', () => {
    const before = { status: 'submitted' as const, checks: pendingChecks }
    const after = withCheckDecision(before, {
      agency: 'dinsos',
      state: 'rejected',
      reasonCode: 'tidak-ada-di-dtks',
      actor,
      at: '2026-11-24T01:00:00.000Z',
    })
    expect(actionsBetween(before, after, false)).toEqual({
      ok: true,
      actions: [{ kind: 'decide-check', agency: 'dinsos', state: 'rejected' }],
    })
    expect(
      actionsBetween({ status: 'draft', checks: [] }, { status: 'approved', checks: [] }, false),
    ).toMatchObject({
      ok: false,
    })
  })
})

describe('who may delete and restore a record (docs/workflow.md, "Deleting and restoring")', () => {
  const OWN = 'own office'
  const OTHER = 'another office'
  const NDRAFT = 'ONLY_DRAFTS_DELETED'
  const NOWN = 'NOT_YOUR_OFFICE_RECORD'
  /** Per role and whose record: the cells in PARTICIPANT_STATUSES order. */
  const DELETE: Record<Role, Record<string, Row>> = {
    operator: {
      [OWN]: ['ok', NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT],
      [OTHER]: [NOWN, NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT],
    },
    verifier: {
      [OWN]: Array(7).fill('VERIFIER_CANNOT_DELETE') as Row,
      [OTHER]: Array(7).fill('VERIFIER_CANNOT_DELETE') as Row,
    },
    supervisor: {
      [OWN]: ['ok', NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT],
      [OTHER]: ['ok', NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT],
    },
    admin: {
      [OWN]: ['ok', NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT],
      [OTHER]: ['ok', NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT, NDRAFT],
    },
  }
  const RESTORE: Record<Role, Record<string, Row>> = {
    operator: DELETE.operator,
    verifier: {
      [OWN]: Array(7).fill('VERIFIER_CANNOT_RESTORE') as Row,
      [OTHER]: Array(7).fill('VERIFIER_CANNOT_RESTORE') as Row,
    },
    supervisor: { [OWN]: Array(7).fill('ok') as Row, [OTHER]: Array(7).fill('ok') as Row },
    admin: { [OWN]: Array(7).fill('ok') as Row, [OTHER]: Array(7).fill('ok') as Row },
  }
  const cases = (['delete', 'restore'] as const).flatMap((kind) =>
    ROLES.flatMap((role) =>
      [OWN, OTHER].flatMap((whose) =>
        PARTICIPANT_STATUSES.map(
          (status, column) =>
            [
              kind,
              role,
              whose,
              status,
              (kind === 'delete' ? DELETE : RESTORE)[role][whose]![column]!,
            ] as const,
        ),
      ),
    ),
  )

  it.each(cases)('%s — %s, %s record, %s', (kind, role, whose, status, expected) => {
    const verdict = canPerform(
      { role, agency: ACTOR_AGENCY[role], officeCode: '06-01' },
      { status, checks: [], officeCode: whose === OWN ? '06-01' : '06-02' },
      { kind },
    )
    if (expected === 'ok') expect(verdict).toEqual({ allowed: true })
    else expect(verdict).toMatchObject({ allowed: false, code: expected })
  })

  it('a clerk whose office is not known owns nothing', () => {
    expect(
      canPerform(
        { role: 'operator', agency: null },
        { status: 'draft', checks: [] },
        {
          kind: 'delete',
        },
      ),
    ).toMatchObject({ allowed: false, code: 'NOT_YOUR_OFFICE_RECORD' })
  })
})

describe("an agency's paper decision recorded by a supervisor", () => {
  const district = loadDistrict(
    JSON.parse(
      readFileSync(
        resolve(import.meta.dirname, '../../../../resources/district/district.json'),
        'utf8',
      ),
    ),
    readFileSync(
      resolve(import.meta.dirname, '../../../../resources/district/wilayah.csv'),
      'utf8',
    ),
  )
  const config = district.config.verification
  const stored = {
    status: 'submitted' as const,
    checks: pendingChecks,
    occupationCode: 'petani-pekebun',
  }
  const decide = (actor: { role: Role; agency: string | null }, note?: string) =>
    workflowProblemOfPush(
      stored,
      {
        ...stored,
        ...withCheckDecision(stored, {
          agency: 'dinsos',
          state: 'confirmed',
          actor: { ...actor, name: 'Sari Supervisor' },
          at: '2026-11-24T02:00:00.000Z',
          ...(note === undefined ? {} : { note }),
        }),
      },
      { ...actor, officeCode: actor.role === 'verifier' ? 'DINSOS' : 'PUSAT' },
      config,
    )

  it('needs the letter it came in (number and date) when a supervisor or admin records it', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      expect(decide({ role, agency: null })?.message).toContain('surat instansi')
      expect(decide({ role, agency: null }, 'surat')?.message).toContain('surat instansi')
      expect(decide({ role, agency: null }, 'Surat Dinsos 460/123/2026, 20 Nov 2026')).toBeNull()
    }
  })

  it("is the agency's own verifier's to make without a letter", () => {
    expect(decide({ role: 'verifier', agency: 'dinsos' })).toBeNull()
    expect(decide({ role: 'verifier', agency: 'dkp' })?.code).toBe('WORKFLOW_FORBIDDEN')
    expect(decide({ role: 'operator', agency: null })?.code).toBe('WORKFLOW_FORBIDDEN')
  })

  it('is told apart from a verifier’s decision wherever a check is shown', () => {
    const bySupervisor = withCheckDecision(stored, {
      agency: 'dinsos',
      state: 'confirmed',
      actor: { role: 'supervisor', agency: null, name: 'Sari' },
      at: '2026-11-24T02:00:00.000Z',
      note: 'Surat 460/1/2026',
    }).checks[1]!
    expect(isDecidedOnBehalf(bySupervisor)).toBe(true)
    expect(isDecidedOnBehalf({ state: 'confirmed', decidedRole: 'verifier' })).toBe(false)
    expect(isDecidedOnBehalf({ state: 'pending' })).toBe(false)
  })
})
