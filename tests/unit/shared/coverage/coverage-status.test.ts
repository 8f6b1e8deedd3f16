import { describe, expect, it } from 'vitest'
import { describeCoverageProblem } from '@shared/coverage/coverage-messages'
import {
  endCoverage,
  renewalFor,
  sentInBatch,
  withEnrolment,
  withStartedCoverage,
  type CoverageFields,
} from '@shared/coverage/coverage-status'
import {
  draftBatch,
  eligibleForBatch,
  validateBatch,
  type EnrolmentBatch,
} from '@shared/coverage/enrolment-batch'

const config = { ageRange: { min: 18, max: 64 } }

const approved: CoverageFields = { status: 'approved', birthDate: '1990-05-15' }

const active2026: CoverageFields = {
  status: 'active',
  birthDate: '1990-05-15',
  kpjNumber: '00012345678',
  enrolmentBatchId: 'B26',
  coverage: [{ year: 2026, from: '2026-07-01', batchId: 'B26' }],
}

const enrolment = {
  kpjNumber: ' 000 1234 5678 ',
  coverageStart: '2026-07-01',
  batchId: 'B26',
  year: 2026,
  today: '2026-07-15',
}

describe('eligibleForBatch and draftBatch', () => {
  const period2026 = { year: 2026, fromMonth: 7 }
  const period2027 = { year: 2027, fromMonth: 1 }

  it.each([
    ['approved, never sent', approved, period2026, { ok: true, kind: 'new' }],
    [
      'approved, sent before without an answer',
      { ...approved, enrolmentBatchId: 'B0' },
      period2026,
      { ok: true, kind: 'resend' },
    ],
    [
      'active to 31 December, into next year',
      active2026,
      period2027,
      { ok: true, kind: 'renewal' },
    ],
  ])('%s: %j', (_label, doc, period, verdict) => {
    expect(eligibleForBatch(doc, period)).toEqual(verdict)
  })

  it.each([
    ['a draft', { ...approved, status: 'draft' as const }, period2026, 'NOT_APPROVED'],
    [
      'a returned candidate',
      { ...approved, status: 'returned' as const },
      period2026,
      'NOT_APPROVED',
    ],
    ['ended coverage', { ...active2026, status: 'ended' as const }, period2027, 'COVERAGE_ENDED'],
    ['already covered this year', active2026, period2026, 'ALREADY_COVERED_IN_YEAR'],
    [
      'coverage that stops before 31 December',
      {
        ...active2026,
        coverage: [{ year: 2026, from: '2026-07-01', until: '2026-10-31', batchId: 'B26' }],
      },
      period2027,
      'NOTHING_TO_RENEW',
    ],
    [
      'active with no coverage last year',
      { ...active2026, coverage: [] },
      period2027,
      'NOTHING_TO_RENEW',
    ],
  ])('refuses %s', (_label, doc, period, code) => {
    const verdict = eligibleForBatch(doc, period)
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) expect(verdict.problem.code).toBe(code)
  })

  it('refuses someone past the age limit on the period’s first day, when given the range', () => {
    const old = { ...active2026, birthDate: '1961-12-31' } // 65 on 31 December 2026
    expect(eligibleForBatch(old, period2027)).toEqual({ ok: true, kind: 'renewal' })
    const verdict = eligibleForBatch(old, period2027, config)
    if (verdict.ok) throw new Error('expected a refusal')
    expect(describeCoverageProblem(verdict.problem)).toBe(
      'Sudah berusia di atas 64 tahun pada 1 Januari 2027.',
    )
  })

  it('drafts a batch from eligible candidates and lists the rest with reasons', () => {
    const draft = draftBatch(
      {
        id: 'B-2026-07',
        kodeIuran: 'KI-6402.001',
        period: period2026,
        createdAt: '2026-06-20T02:00:00Z',
        createdBy: 'Supervisor',
      },
      [
        { ...approved, id: 'a' },
        { ...approved, id: 'd', status: 'draft' },
        { ...approved, id: 'a' },
        { ...approved, id: 'r', enrolmentBatchId: 'B0' },
      ],
    )
    expect(draft.batch.memberIds).toEqual(['a', 'r'])
    expect(draft.included).toEqual([
      { participantId: 'a', kind: 'new' },
      { participantId: 'r', kind: 'resend' },
    ])
    expect(draft.excluded).toEqual([{ participantId: 'd', problem: { code: 'NOT_APPROVED' } }])
    expect(draft.problems).toEqual([])
  })

  it('validates the batch’s own fields', () => {
    const batch: EnrolmentBatch = {
      id: 'B 1',
      kodeIuran: '',
      period: { year: 2026, fromMonth: 13 },
      createdAt: '',
      createdBy: 'x',
      memberIds: ['a', 'a'],
    }
    expect(validateBatch(batch).map((problem) => problem.code)).toEqual([
      'BATCH_ID_INVALID',
      'BATCH_KODE_IURAN_INVALID',
      'BATCH_PERIOD_INVALID',
      'BATCH_CREATED_INVALID',
      'BATCH_MEMBER_REPEATED',
    ])
  })
})

describe('withEnrolment: applying a row of BPJS’s answer', () => {
  it('marks a sent candidate and keeps them approved until BPJS answers', () => {
    expect(sentInBatch(approved, 'B26')).toEqual({ ...approved, enrolmentBatchId: 'B26' })
  })

  it('is active once coverage has started, with the KPJ as text', () => {
    const result = withEnrolment(sentInBatch(approved, 'B26'), enrolment)
    expect(result).toEqual({
      ok: true,
      changed: true,
      doc: {
        ...approved,
        status: 'active',
        kpjNumber: '00012345678',
        enrolmentBatchId: 'B26',
        coverage: [{ year: 2026, from: '2026-07-01', batchId: 'B26' }],
      },
    })
  })

  it('is enrolled while the start is still ahead, and active from that day', () => {
    const result = withEnrolment(approved, { ...enrolment, today: '2026-06-30' })
    if (!result.ok) throw new Error('expected an enrolment')
    expect(result.doc.status).toBe('enrolled')
    expect(withStartedCoverage(result.doc, '2026-06-30').status).toBe('enrolled')
    expect(withStartedCoverage(result.doc, '2026-07-01').status).toBe('active')
  })

  it('is idempotent: the same answer twice changes nothing, a corrected date replaces the period', () => {
    const first = withEnrolment(approved, enrolment)
    if (!first.ok) throw new Error('expected an enrolment')
    const again = withEnrolment(first.doc, enrolment)
    expect(again).toEqual({ ok: true, changed: false, doc: first.doc })
    const corrected = withEnrolment(first.doc, { ...enrolment, coverageStart: '2026-07-05' })
    if (!corrected.ok) throw new Error('expected an enrolment')
    expect(corrected.doc.coverage).toEqual([{ year: 2026, from: '2026-07-05', batchId: 'B26' }])
  })

  it('does not undo an end when the same answer is imported again', () => {
    const first = withEnrolment(approved, enrolment)
    if (!first.ok) throw new Error('expected an enrolment')
    const ended = endCoverage(first.doc, { until: '2026-09-14', reason: 'meninggal' })
    if (!ended.ok) throw new Error('expected an end')
    expect(withEnrolment(ended.doc, enrolment)).toEqual({
      ok: true,
      changed: false,
      doc: ended.doc,
    })
  })

  it('keeps an active person active when next year’s answer arrives early', () => {
    const renewed = withEnrolment(active2026, {
      ...enrolment,
      kpjNumber: '00012345678',
      coverageStart: '2027-01-01',
      year: 2027,
      batchId: 'R27',
      today: '2026-12-10',
    })
    if (!renewed.ok) throw new Error('expected an enrolment')
    expect(renewed.doc.status).toBe('active')
    expect(renewed.doc.coverage?.map((period) => period.year)).toEqual([2026, 2027])
  })

  it.each([
    ['a draft', { ...approved, status: 'draft' as const }, enrolment, 'NOT_ENROLLABLE'],
    [
      'an ended record from another batch',
      { ...active2026, status: 'ended' as const },
      { ...enrolment, batchId: 'X' },
      'NOT_ENROLLABLE',
    ],
    [
      'a second batch in the same year',
      active2026,
      { ...enrolment, batchId: 'B26-bis' },
      'ALREADY_COVERED_IN_YEAR',
    ],
    [
      'a start outside the batch year',
      approved,
      { ...enrolment, coverageStart: '2027-01-01' },
      'ENROLMENT_INPUT_INVALID',
    ],
    ['an empty KPJ', approved, { ...enrolment, kpjNumber: ' ' }, 'ENROLMENT_INPUT_INVALID'],
  ])('refuses %s', (_label, doc, input, code) => {
    const result = withEnrolment(doc, input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem.code).toBe(code)
  })
})

describe('endCoverage', () => {
  it('records the last covered day and the reason, and the status becomes ended', () => {
    const result = endCoverage(active2026, { until: '2026-09-14', reason: 'pindah' })
    expect(result).toEqual({
      ok: true,
      cancelledPeriods: [],
      doc: {
        ...active2026,
        status: 'ended',
        coverage: [
          {
            year: 2026,
            from: '2026-07-01',
            until: '2026-09-14',
            endReason: 'pindah',
            batchId: 'B26',
          },
        ],
      },
    })
  })

  it('cancels a renewal recorded for after the end', () => {
    const renewed = renewalFor(active2026, 2027, 'R27')
    if (!renewed.ok) throw new Error('expected a renewal')
    const result = endCoverage(renewed.doc, { until: '2026-12-20', reason: 'meninggal' })
    if (!result.ok) throw new Error('expected an end')
    expect(result.cancelledPeriods).toEqual([{ year: 2027, from: '2027-01-01', batchId: 'R27' }])
    expect(result.doc.coverage).toHaveLength(1)
  })

  it('ends at 31 December when the date falls after a coverage that was not renewed', () => {
    const result = endCoverage(active2026, { until: '2027-02-01', reason: 'penanggung-lain' })
    if (!result.ok) throw new Error('expected an end')
    expect(result.doc.coverage?.[0]).toMatchObject({
      until: '2026-12-31',
      endReason: 'penanggung-lain',
    })
  })

  it('lets a supervisor correct an end', () => {
    const first = endCoverage(active2026, { until: '2026-09-14', reason: 'pindah' })
    if (!first.ok) throw new Error('expected an end')
    const corrected = endCoverage(first.doc, { until: '2026-08-02', reason: 'batas-usia' })
    if (!corrected.ok) throw new Error('expected a correction')
    expect(corrected.doc.coverage?.[0]).toMatchObject({
      until: '2026-08-02',
      endReason: 'batas-usia',
    })
  })

  it.each([
    [
      'an approved candidate',
      approved,
      { until: '2026-09-14', reason: 'pindah' as const },
      'NOT_COVERED',
    ],
    [
      'an end before coverage',
      active2026,
      { until: '2026-06-30', reason: 'pindah' as const },
      'END_BEFORE_COVERAGE',
    ],
    [
      'an unreal date',
      active2026,
      { until: '2026-09-31', reason: 'pindah' as const },
      'END_DATE_INVALID',
    ],
    [
      'an unknown reason',
      active2026,
      { until: '2026-09-14', reason: 'bosan' as 'pindah' },
      'END_REASON_UNKNOWN',
    ],
  ])('refuses %s', (_label, doc, end, code) => {
    const result = endCoverage(doc, end)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem.code).toBe(code)
  })
})

describe('renewalFor', () => {
  it('adds next year from 1 January in the renewal batch; the status stays active', () => {
    const result = renewalFor(active2026, 2027, 'R27', config)
    expect(result).toEqual({
      ok: true,
      changed: true,
      doc: {
        ...active2026,
        enrolmentBatchId: 'R27',
        coverage: [
          { year: 2026, from: '2026-07-01', batchId: 'B26' },
          { year: 2027, from: '2027-01-01', batchId: 'R27' },
        ],
      },
    })
  })

  it.each([
    ['twice', 2026, 'ALREADY_COVERED_IN_YEAR'],
    ['two years ahead', 2028, 'NOTHING_TO_RENEW'],
  ])('refuses renewing %s', (_label, year, code) => {
    const result = renewalFor(active2026, year, 'R')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem.code).toBe(code)
  })

  it('refuses a candidate who was never covered', () => {
    const result = renewalFor(approved, 2027, 'R27')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem.code).toBe('NOTHING_TO_RENEW')
  })
})
