/**
 * The server's reading of a pushed death report (shared/workflow/workflow-push.ts,
 * `deathProblemOfPush`): it recomputes the outcome from the stored record with death.ts and
 * refuses every other one — coverage ended otherwise, other data changed on the side, a report
 * in another office's name, a report removed or edited in place, a correction by anyone but a
 * supervisor or admin. The day of the report is the district's day of `reportedAt`: the UTC day
 * or the next (WITA is UTC+8).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openClaimCase } from '@shared/claims/claim-case'
import { loadDistrict } from '@shared/district/district-config'
import { withDeathCorrected, withDeathReported, type DeathInput } from '@shared/participant/death'
import type { CoveragePeriod, ParticipantDocument } from '@shared/participant/participant-document'
import type { Role } from '@shared/sync/sync-protocol'
import { workflowMessagesId } from '@shared/workflow/workflow-messages'
import { workflowProblemOfPush, type PushActor } from '@shared/workflow/workflow-push'

const district = loadDistrict(
  JSON.parse(
    readFileSync(
      resolve(import.meta.dirname, '../../../../resources/district/district.json'),
      'utf8',
    ),
  ),
  readFileSync(resolve(import.meta.dirname, '../../../../resources/district/wilayah.csv'), 'utf8'),
)
const config = district.config.verification

const MISMATCH = workflowMessagesId.DEATH_REPORT_MISMATCH

const CLERK: PushActor = { role: 'operator', agency: null, officeCode: '06-01' }
const CLERK_OFFICE_2: PushActor = { role: 'operator', agency: null, officeCode: '06-02' }
const VERIFIER: PushActor = { role: 'verifier', agency: 'dkp', officeCode: 'DKP' }
const SUPERVISOR: PushActor = { role: 'supervisor', agency: null, officeCode: 'PUSAT' }
const ADMIN: PushActor = { role: 'admin', agency: null, officeCode: 'PUSAT' }

const period = (year: number): CoveragePeriod => ({
  year,
  from: `${year}-01-01`,
  batchId: `E${year}-01`,
  payerCode: 'apbd-kab',
})

/** An active participant of Tenggarong office 1, covered in 2026 and renewed for 2027. */
const ACTIVE: ParticipantDocument = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  registrationNumber: '0601-000042',
  nik: '6402061505800042',
  nikIndex: 'idx-6402061505',
  kk: '6402060101150042',
  fullName: 'Budi Santoso',
  nameKey: 'budi santoso',
  birthPlace: 'Tenggarong',
  birthDate: '1980-05-15',
  sex: 'L',
  address: 'Jl. Mangkurawang Gg. Damai No. 12',
  rt: '003',
  rw: '012',
  kecamatanCode: '64.02.06',
  villageCode: '64.02.06.1001',
  occupationCode: 'nelayan',
  monthlyIncome: 1_500_000,
  phone: '+6281234567890',
  heirName: 'Siti Aminah',
  heirRelationship: 'suami-istri',
  status: 'active',
  officeCode: '06-01',
  createdAt: '2025-11-02T01:00:00.000Z',
  createdBy: 'Rina',
  updatedAt: '2026-01-03T01:00:00.000Z',
  updatedBy: 'Sari Supervisor',
  duplicates: [],
  conflicts: [],
  kpjNumber: '20000000042',
  prints: [],
  checks: [
    {
      agency: 'dkp',
      state: 'confirmed',
      decidedBy: 'Verifikator DKP',
      decidedRole: 'verifier',
      decidedAt: '2025-11-10T01:00:00.000Z',
    },
  ],
  review: {
    decision: 'approved',
    note: '',
    by: 'Sari Supervisor',
    at: '2025-11-12T01:00:00.000Z',
  },
  enrolmentBatchId: 'E2027-01',
  coverage: [period(2026), period(2027)],
}

/** 12 February 2026, 10:00 WITA. */
const REPORTED_AT = '2026-02-12T02:00:00.000Z'

function deathInput(actor: PushActor, overrides: Partial<DeathInput> = {}): DeathInput {
  return {
    date: '2026-02-10',
    source: 'desa',
    reference: 'Surat Kepala Desa 474/12/2026',
    reportedAt: REPORTED_AT,
    reportedBy: 'Rina',
    officeCode: actor.officeCode,
    ...overrides,
  }
}

/** What the app on `actor`'s PC writes: death.ts's outcome, with the day given. */
function reportOf(
  stored: ParticipantDocument,
  actor: PushActor,
  overrides: Partial<DeathInput> = {},
  today = '2026-02-12',
): ParticipantDocument {
  const result = withDeathReported(stored, deathInput(actor, overrides), today)
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`)
  return { ...result.doc, updatedAt: REPORTED_AT, updatedBy: overrides.reportedBy ?? 'Rina' }
}

function correctionOf(stored: ParticipantDocument, by = 'Sari Supervisor'): ParticipantDocument {
  const at = '2026-02-20T03:00:00.000Z'
  const result = withDeathCorrected(stored, { reason: 'Salah orang: kakaknya', by, at })
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`)
  return { ...result.doc, updatedAt: at, updatedBy: by }
}

const push = (stored: ParticipantDocument, next: ParticipantDocument, actor: PushActor) =>
  workflowProblemOfPush(stored, next, actor, config)

const refusedWith = (message: string) => ({ code: 'WORKFLOW_FORBIDDEN', message })

const DECEASED = reportOf(ACTIVE, CLERK)

describe('a death report pushed', () => {
  it('is the fixture we think: the record ends on 28 February, the 2027 renewal gone', () => {
    expect(DECEASED.status).toBe('ended')
    expect(DECEASED.coverage).toEqual([
      { ...period(2026), until: '2026-02-28', endReason: 'meninggal' },
    ])
  })

  it.each([
    ['the registering office’s clerk', CLERK],
    ['a clerk of another office of the kecamatan', CLERK_OFFICE_2],
    ['a supervisor', SUPERVISOR],
    ['an admin', ADMIN],
  ])('by %s is allowed', (_who, actor) => {
    expect(push(ACTIVE, reportOf(ACTIVE, actor), actor)).toBeNull()
  })

  it.each(['draft', 'submitted', 'returned', 'approved', 'enrolled', 'ended'] as const)(
    'is allowed whatever the status (%s)',
    (status) => {
      const stored = { ...ACTIVE, status }
      expect(push(stored, reportOf(stored, CLERK), CLERK)).toBeNull()
    },
  )

  it('by an agency verifier is refused, in Indonesian', () => {
    const next = reportOf(ACTIVE, VERIFIER)
    expect(push(ACTIVE, next, VERIFIER)).toEqual(
      refusedWith(workflowMessagesId.VERIFIER_CANNOT_REPORT_DEATH),
    )
    expect(workflowMessagesId.VERIFIER_CANNOT_REPORT_DEATH).toMatch(/^Verifikator instansi/)
  })

  it('that ends coverage earlier than the rule is refused', () => {
    const next: ParticipantDocument = {
      ...DECEASED,
      coverage: [{ ...period(2026), until: '2026-01-31', endReason: 'meninggal' }],
    }
    expect(push(ACTIVE, next, CLERK)).toEqual(refusedWith(MISMATCH))
  })

  it('that ends coverage a year earlier, as if the death were last year’s, is refused', () => {
    const next: ParticipantDocument = {
      ...DECEASED,
      coverage: [{ ...period(2026), until: '2025-02-28', endReason: 'meninggal' }],
    }
    expect(push(ACTIVE, next, CLERK)).toEqual(refusedWith(MISMATCH))
  })

  it('that keeps the renewal of next year is refused', () => {
    const next: ParticipantDocument = {
      ...DECEASED,
      coverage: [...(DECEASED.coverage ?? []), period(2027)],
    }
    expect(push(ACTIVE, next, CLERK)).toEqual(refusedWith(MISMATCH))
  })

  it('that leaves the status as it was is refused', () => {
    expect(push(ACTIVE, { ...DECEASED, status: 'active' }, CLERK)).toEqual(refusedWith(MISMATCH))
  })

  it('that forges what the record was before (what a correction would restore) is refused', () => {
    const forgedStatus: ParticipantDocument = {
      ...DECEASED,
      death: { ...DECEASED.death!, previousStatus: 'approved' },
    }
    // The report says it was made on an approved record: active → approved is no move there is.
    expect(push(ACTIVE, forgedStatus, CLERK)).toEqual(
      refusedWith(workflowMessagesId.ILLEGAL_TRANSITION),
    )
    const forgedCoverage: ParticipantDocument = {
      ...DECEASED,
      death: { ...DECEASED.death!, previousCoverage: [period(2026), period(2027), period(2028)] },
    }
    // Coverage a clerk may not have written: judged as the coverage change it claims to follow.
    expect(push(ACTIVE, forgedCoverage, CLERK)).toEqual(
      refusedWith(workflowMessagesId.ONLY_SUPERVISOR_DECIDES),
    )
    expect(push(ACTIVE, forgedCoverage, SUPERVISOR)).toEqual(refusedWith(MISMATCH))
  })

  it.each([
    ['fullName', { fullName: 'Budi Santosa' }],
    ['heirName', { heirName: 'Ahmad' }],
    ['kpjNumber', { kpjNumber: '20000000043' }],
    ['enrolmentBatchId', { enrolmentBatchId: 'E2027-02' }],
  ] as const)('that also changes %s is refused to a clerk, as the edit it is', (_field, change) => {
    // Sent with a report, another change is judged as it would be alone: a clerk changes neither
    // an approved person's data nor their enrolment.
    const refused = push(ACTIVE, { ...DECEASED, ...change }, CLERK)
    expect(refused).toMatchObject({ code: 'WORKFLOW_FORBIDDEN' })
    expect([
      workflowMessagesId.DATA_LOCKED_AFTER_APPROVAL,
      workflowMessagesId.ONLY_SUPERVISOR_DECIDES,
    ]).toContain(refused?.message)
  })

  it('that follows an edit the same clerk made offline on a draft is judged as both', () => {
    const draft: ParticipantDocument = {
      ...ACTIVE,
      status: 'draft',
      checks: [],
      coverage: undefined,
    }
    delete (draft as Partial<ParticipantDocument>).coverage
    delete (draft as Partial<ParticipantDocument>).review
    delete (draft as Partial<ParticipantDocument>).kpjNumber
    delete (draft as Partial<ParticipantDocument>).enrolmentBatchId
    const renamed = { ...draft, fullName: 'Budi Santoso' }
    const reported = reportOf(renamed, CLERK)
    expect(reported.status).toBe('ended')
    expect(push(draft, reported, CLERK)).toBeNull()
    expect(push(draft, reported, VERIFIER)).toMatchObject({ code: 'WORKFLOW_FORBIDDEN' })
  })

  it('that also changes the checks or the review is refused', () => {
    expect(push(ACTIVE, { ...DECEASED, checks: [] }, CLERK)).toEqual(
      refusedWith(workflowMessagesId.ILLEGAL_TRANSITION),
    )
    expect(
      push(ACTIVE, { ...DECEASED, review: { ...ACTIVE.review!, note: 'x' } }, SUPERVISOR),
    ).toEqual(refusedWith(workflowMessagesId.ILLEGAL_TRANSITION))
  })

  it('that also deletes the record is refused', () => {
    expect(push(ACTIVE, { ...DECEASED, _deleted: true } as ParticipantDocument, CLERK)).toEqual(
      refusedWith(workflowMessagesId.ONLY_DRAFTS_DELETED),
    )
  })

  it('in the name of another office is refused', () => {
    // Written on office 2's PC, pushed from office 1's.
    expect(push(ACTIVE, reportOf(ACTIVE, CLERK_OFFICE_2), CLERK)).toEqual(refusedWith(MISMATCH))
    expect(push(ACTIVE, reportOf(ACTIVE, SUPERVISOR), CLERK)).toEqual(refusedWith(MISMATCH))
  })

  it('while a report counts already is refused, whoever pushes it', () => {
    const second = reportOf({ ...ACTIVE, death: undefined }, CLERK, { date: '2026-02-11' })
    const next = { ...DECEASED, death: second.death }
    expect(push(DECEASED, next, CLERK)).toEqual(refusedWith(workflowMessagesId.ALREADY_DECEASED))
    expect(push(DECEASED, next, SUPERVISOR)).toEqual(
      refusedWith(workflowMessagesId.ALREADY_DECEASED),
    )
  })

  it('editing the report in place (another date, another source) is refused', () => {
    const moved = { ...DECEASED, death: { ...DECEASED.death!, date: '2026-02-01' } }
    expect(push(DECEASED, moved, SUPERVISOR)?.code).toBe('WORKFLOW_FORBIDDEN')
    const source = { ...DECEASED, death: { ...DECEASED.death!, source: 'keluarga' as const } }
    expect(push(DECEASED, source, CLERK)?.code).toBe('WORKFLOW_FORBIDDEN')
  })
})

describe('removing or correcting a report', () => {
  const corrected = correctionOf(DECEASED)

  it('a supervisor’s or admin’s correction is allowed', () => {
    expect(corrected.status).toBe('active')
    expect(corrected.coverage).toEqual(ACTIVE.coverage)
    expect(push(DECEASED, corrected, SUPERVISOR)).toBeNull()
    expect(push(DECEASED, correctionOf(DECEASED, 'Admin Dinas'), ADMIN)).toBeNull()
  })

  it('a clerk’s correction is refused, in Indonesian', () => {
    expect(push(DECEASED, correctionOf(DECEASED, 'Rina'), CLERK)).toEqual(
      refusedWith(workflowMessagesId.ONLY_SUPERVISOR_CORRECTS_DEATH),
    )
  })

  it('a verifier’s correction is refused', () => {
    expect(push(DECEASED, corrected, VERIFIER)).toEqual(
      refusedWith(workflowMessagesId.ONLY_SUPERVISOR_CORRECTS_DEATH),
    )
  })

  it('a correction that does not restore the record exactly is refused', () => {
    const keepsEnd = { ...corrected, coverage: DECEASED.coverage }
    expect(push(DECEASED, keepsEnd, SUPERVISOR)).toEqual(refusedWith(MISMATCH))
    const otherStatus = { ...corrected, status: 'approved' as const }
    expect(push(DECEASED, otherStatus, SUPERVISOR)).toEqual(refusedWith(MISMATCH))
    // A supervisor may correct a name too; sent with the withdrawal it is judged as that edit.
    const alsoRenamed = { ...corrected, fullName: 'Budi Santosa' }
    expect(push(DECEASED, alsoRenamed, SUPERVISOR)).toBeNull()
  })

  it('a correction that also rewrites the report is refused', () => {
    const rewritten = { ...corrected, death: { ...corrected.death!, date: '2026-02-01' } }
    expect(push(DECEASED, rewritten, SUPERVISOR)).toEqual(refusedWith(MISMATCH))
  })

  it('removing the report is refused, even for a supervisor: a correction undoes it', () => {
    const { death: _death, ...withoutReport } = corrected
    expect(push(DECEASED, withoutReport, SUPERVISOR)).toEqual(refusedWith(MISMATCH))
    expect(push(DECEASED, withoutReport, CLERK)).toEqual(
      refusedWith(workflowMessagesId.ONLY_SUPERVISOR_CORRECTS_DEATH),
    )
    // Nor may a corrected report be erased (the words: there is no report that counts to undo).
    const { death: _gone, ...erased } = corrected
    expect(push(corrected, erased, SUPERVISOR)).toEqual(
      refusedWith(workflowMessagesId.DEATH_NOT_REPORTED),
    )
  })

  it('changing a correction once made is refused', () => {
    const reworded = {
      ...corrected,
      death: {
        ...corrected.death!,
        correction: { ...corrected.death!.correction!, reason: 'Lain' },
      },
    }
    expect(push(corrected, reworded, SUPERVISOR)).toEqual(refusedWith(MISMATCH))
    expect(push(corrected, reworded, CLERK)).toEqual(
      refusedWith(workflowMessagesId.ONLY_SUPERVISOR_CORRECTS_DEATH),
    )
  })

  it('a new report after a correction is allowed', () => {
    const again = reportOf(
      corrected,
      CLERK,
      { date: '2026-02-15', source: 'disdukcapil', reportedAt: '2026-02-25T01:00:00.000Z' },
      '2026-02-25',
    )
    expect(again.death?.correction).toBeUndefined()
    expect(push(corrected, again, CLERK)).toBeNull()
    expect(push(corrected, again, VERIFIER)).toEqual(
      refusedWith(workflowMessagesId.VERIFIER_CANNOT_REPORT_DEATH),
    )
  })
})

describe('coverage of someone reported dead', () => {
  it('is not edited around the report, even by a supervisor: a new period is refused', () => {
    const revived = {
      ...DECEASED,
      coverage: [...(DECEASED.coverage ?? []), { ...period(2027), batchId: 'B-REVIVE' }],
    }
    expect(push(DECEASED, revived, SUPERVISOR)).toEqual(
      refusedWith(workflowMessagesId.ALREADY_DECEASED),
    )
  })
})

describe('the day of the report is taken from reportedAt', () => {
  // 28 February, 20:00 UTC: already 1 March, 04:00, in WITA.
  const lateEvening = { reportedAt: '2026-02-28T20:00:00.000Z' }

  it('both the UTC day and the next day are accepted', () => {
    const byUtcDay = reportOf(ACTIVE, CLERK, lateEvening, '2026-02-28')
    const byWitaDay = reportOf(ACTIVE, CLERK, lateEvening, '2026-03-01')
    expect(byUtcDay.coverage?.[0]?.until).toBe('2026-02-28')
    expect(byWitaDay.coverage?.[0]?.until).toBe('2026-03-31')
    expect(push(ACTIVE, byUtcDay, CLERK)).toBeNull()
    expect(push(ACTIVE, byWitaDay, CLERK)).toBeNull()
  })

  it('a death on the WITA day of the report is no death in the future', () => {
    const next = reportOf(ACTIVE, CLERK, { ...lateEvening, date: '2026-03-01' }, '2026-03-01')
    expect(push(ACTIVE, next, CLERK)).toBeNull()
  })

  it('a day later than that is not the day of the report', () => {
    const reportedAt = '2026-03-30T20:00:00.000Z' // 31 March in WITA
    const claimedApril = reportOf(ACTIVE, CLERK, { reportedAt }, '2026-04-01')
    expect(claimedApril.coverage?.[0]?.until).toBe('2026-04-30')
    expect(push(ACTIVE, claimedApril, CLERK)).toEqual(refusedWith(MISMATCH))
    // …so a death on that later day lies in the future of the report.
    const tomorrow = reportOf(ACTIVE, CLERK, { reportedAt, date: '2026-04-01' }, '2026-04-01')
    expect(push(ACTIVE, tomorrow, CLERK)).toEqual(refusedWith(MISMATCH))
  })

  it('a reportedAt that is not a time is refused', () => {
    const next = reportOf(ACTIVE, CLERK, { reportedAt: 'kemarin' }, '2026-02-12')
    expect(push(ACTIVE, next, CLERK)).toEqual(refusedWith(MISMATCH))
  })
})

describe('roles are read from the table, not the names', () => {
  it.each([
    ['operator', 'ok'],
    ['verifier', workflowMessagesId.VERIFIER_CANNOT_REPORT_DEATH],
    ['supervisor', 'ok'],
    ['admin', 'ok'],
  ] as [Role, string][])('%s reporting from office 06-01: %s', (role, expected) => {
    const actor: PushActor = {
      role,
      agency: role === 'verifier' ? 'dkp' : null,
      officeCode: '06-01',
    }
    const verdict = push(ACTIVE, reportOf(ACTIVE, actor), actor)
    if (expected === 'ok') expect(verdict).toBeNull()
    else expect(verdict).toEqual(refusedWith(expected))
  })
})

describe('the shapes a PC may send a report in', () => {
  it('never with a new record: a report could then claim any state for a withdrawal to restore', () => {
    const { death } = DECEASED
    expect(
      workflowProblemOfPush(
        undefined,
        { ...ACTIVE, status: 'draft', death } as never,
        CLERK,
        config,
      ),
    ).toEqual(refusedWith(workflowMessagesId.DEATH_ON_NEW_RECORD))
  })

  it('reported and withdrawn on one PC before it synced: a supervisor’s, never a clerk’s', () => {
    const withdrawn = correctionOf(reportOf(ACTIVE, SUPERVISOR))
    expect(withdrawn.status).toBe('active')
    expect(push(ACTIVE, withdrawn, SUPERVISOR)).toBeNull()
    expect(push(ACTIVE, withdrawn, CLERK)).toEqual(
      refusedWith(workflowMessagesId.ONLY_SUPERVISOR_CORRECTS_DEATH),
    )
    // Withdrawn, yet coverage left ended: not what the two steps make.
    expect(push(ACTIVE, { ...withdrawn, coverage: DECEASED.coverage }, SUPERVISOR)).toEqual(
      refusedWith(MISMATCH),
    )
  })

  it('the report day is the district’s day of reportedAt when the server gives its offset', () => {
    const wita: PushActor = { ...CLERK, utcOffsetMinutes: 480 }
    // 20:00 UTC on 28 February is 1 March in Makassar (WITA, UTC+8).
    const late = reportOf(
      ACTIVE,
      CLERK,
      { date: '2026-02-27', reportedAt: '2026-02-28T20:00:00.000Z' },
      '2026-02-28',
    )
    expect(push(ACTIVE, late, wita)).toEqual(refusedWith(MISMATCH))
    const right = reportOf(
      ACTIVE,
      CLERK,
      { date: '2026-02-27', reportedAt: '2026-02-28T20:00:00.000Z' },
      '2026-03-01',
    )
    expect(push(ACTIVE, right, wita)).toBeNull()
  })

  it('is not withdrawn while an heirs’ claim resting on the death is open', () => {
    const opened = openClaimCase(
      {
        id: '6c269cbb-bf62-4ce9-a38e-0826e3933fbe',
        participantId: DECEASED.id,
        kecamatanCode: DECEASED.kecamatanCode,
        kind: 'jkm',
        eventOn: DECEASED.death!.date,
        openedOn: '2026-02-15',
        by: 'Rina',
        heir: { name: 'Ahmad', relationshipCode: 'anak' },
      },
      '2026-02-15',
    )
    if (!opened.ok) throw new Error('fixture')
    const withClaim = { ...DECEASED, claims: [opened.claim] }
    expect(
      push(withClaim, { ...correctionOf(DECEASED), claims: [opened.claim] }, SUPERVISOR),
    ).toEqual(refusedWith(workflowMessagesId.DEATH_HAS_OPEN_CLAIM))
  })
})

describe('a JKM claim', () => {
  it('is opened only on a record whose death is reported', () => {
    const opened = openClaimCase(
      {
        id: '7d269cbb-bf62-4ce9-a38e-0826e3933fbe',
        participantId: ACTIVE.id,
        kecamatanCode: ACTIVE.kecamatanCode,
        kind: 'jkm',
        eventOn: '2026-02-10',
        openedOn: '2026-02-15',
        by: 'Rina',
        heir: { name: 'Ahmad', relationshipCode: 'anak' },
      },
      '2026-02-15',
    )
    if (!opened.ok) throw new Error('fixture')
    const clerk: PushActor = {
      ...CLERK,
      office: { kind: 'kecamatan', kecamatanCode: ACTIVE.kecamatanCode },
    }
    expect(push(ACTIVE, { ...ACTIVE, claims: [opened.claim] }, clerk)).toEqual(
      refusedWith(workflowMessagesId.JKM_CLAIM_WITHOUT_DEATH),
    )
    expect(push(DECEASED, { ...DECEASED, claims: [opened.claim] }, clerk)).toBeNull()
    // An heir's relationship the district does not know, when the server says which it knows.
    const strict: PushActor = { ...clerk, heirRelationshipCodes: ['suami-istri', 'anak'] }
    expect(push(DECEASED, { ...DECEASED, claims: [opened.claim] }, strict)).toBeNull()
    const stranger = { ...opened.claim, heir: { name: 'Ahmad', relationshipCode: 'tetangga' } }
    expect(push(DECEASED, { ...DECEASED, claims: [stranger] }, strict)).toEqual(
      refusedWith(workflowMessagesId.CLAIM_HEIR_UNKNOWN),
    )
  })
})
