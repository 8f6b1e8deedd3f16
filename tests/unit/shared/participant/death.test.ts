/**
 * A participant's death (shared/participant/death.ts, issue 17): coverage ends at the end of the
 * month of death, or of the month of the report when it came later (past months are never
 * rewritten); later periods are dropped, earlier ended ones kept; the status becomes `ended`;
 * a supervisor's correction restores exactly what was there, and the report stays with it. And
 * what the budget and BPJS's bill make of it: the month of death is paid, the next is not.
 */
import { describe, expect, it } from 'vitest'
import { coveredMonths, paidMonthsOf, spendForYear } from '@shared/coverage/budget'
import { reconcileBill, type StoredBill } from '@shared/coverage/bills'
import { openEndedTariff } from '@shared/coverage/tariffs'
import {
  coverageAfterDeath,
  isDeceased,
  lastDayOfMonthOf,
  MAX_DEATH_REFERENCE,
  withDeathCorrected,
  withDeathReported,
  type DeathFields,
  type DeathInput,
} from '@shared/participant/death'
import type { CoveragePeriod, ParticipantStatus } from '@shared/participant/participant-document'

const PREMIUM = 16_800
const TARIFFS = [openEndedTariff({ jkk: 10_000, jkm: 6_800 }, 'PP 44/2015 jo. PP 82/2019')]
const KAB = 'apbd-kab'

interface Person extends DeathFields {
  id: string
  fullName: string
}

const covered = (year: number, from = `${year}-01-01`, batchId = `B${year}`): CoveragePeriod => ({
  year,
  from,
  batchId,
  payerCode: KAB,
})

/** A record frozen all the way down: reporting or correcting must never write into it. */
function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) frozen(child)
    Object.freeze(value)
  }
  return value
}

function person(status: ParticipantStatus, coverage?: CoveragePeriod[]): Person {
  return frozen({
    id: '2b1f0e0c-8a4d-4f5e-9c3b-1d2e3f4a5b6c',
    fullName: 'Siti Aminah',
    status,
    birthDate: '1990-05-15',
    ...(coverage === undefined ? {} : { coverage }),
  })
}

const input = (date: string, overrides: Partial<DeathInput> = {}): DeathInput => ({
  date,
  source: 'keluarga',
  reference: 'Akta Kematian 6402-KM-12022026-0001',
  reportedAt: `${date}T02:00:00.000Z`,
  reportedBy: 'Rina',
  officeCode: '06-01',
  ...overrides,
})

function reported<T extends DeathFields>(doc: T, death: DeathInput, today: string): T {
  const result = withDeathReported(doc, death, today)
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`)
  return frozen(result.doc)
}

function corrected<T extends DeathFields>(doc: T, reason = 'Salah orang: yang meninggal kakaknya') {
  const result = withDeathCorrected(doc, {
    reason,
    by: 'Sari Supervisor',
    at: '2026-03-02T03:00:00.000Z',
  })
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`)
  return frozen(result.doc)
}

describe('the last day of the month of death', () => {
  it.each([
    ['2026-02-10', '2026-02-28'],
    ['2028-02-10', '2028-02-29'], // leap year
    ['2100-02-01', '2100-02-28'], // a century is not leap
    ['2000-02-01', '2000-02-29'], // …unless every 4th century
    ['2026-12-31', '2026-12-31'],
    ['2026-04-01', '2026-04-30'],
    ['2026-01-31', '2026-01-31'],
  ])('%s → %s', (date, last) => {
    expect(lastDayOfMonthOf(date)).toBe(last)
  })

  it('refuses what is not a date', () => {
    expect(() => lastDayOfMonthOf('2026-02-30')).toThrow(RangeError)
    expect(() => lastDayOfMonthOf('10-02-2026')).toThrow(RangeError)
  })
})

describe('coverage ends at the end of the month of death', () => {
  it('death on 10 February 2026: covered until 28 February, reason meninggal, status ended', () => {
    const before = person('active', [covered(2026)])
    const after = reported(before, input('2026-02-10'), '2026-02-12')
    expect(after.status).toBe('ended')
    expect(after.coverage).toEqual([
      { ...covered(2026), until: '2026-02-28', endReason: 'meninggal' },
    ])
    expect(after.death).toEqual({
      date: '2026-02-10',
      source: 'keluarga',
      reference: 'Akta Kematian 6402-KM-12022026-0001',
      reportedAt: '2026-02-10T02:00:00.000Z',
      // The day the report is dated in the district (the `today` given): its month is kept.
      reportedOn: '2026-02-12',
      reportedBy: 'Rina',
      officeCode: '06-01',
      previousStatus: 'active',
      previousCoverage: [covered(2026)],
    })
    // The rest of the record is carried over as it was.
    expect(after.id).toBe(before.id)
    expect(after.fullName).toBe(before.fullName)
    expect(isDeceased(after)).toBe(true)
    expect(isDeceased(before)).toBe(false)
  })

  it('a leap year: death on 3 February 2028 covers until 29 February', () => {
    const after = reported(person('active', [covered(2028)]), input('2028-02-03'), '2028-02-05')
    expect(after.coverage).toEqual([
      { ...covered(2028), until: '2028-02-29', endReason: 'meninggal' },
    ])
  })

  it('death on 31 December: covered to the last day of the year; next year’s renewal dropped', () => {
    const after = reported(
      person('active', [covered(2026), covered(2027)]),
      input('2026-12-31'),
      '2026-12-31',
    )
    expect(after.coverage).toEqual([
      { ...covered(2026), until: '2026-12-31', endReason: 'meninggal' },
    ])
  })

  it('a renewal of next year already recorded is dropped, so no bill or budget pays for it', () => {
    const before = person('active', [covered(2026), covered(2027)])
    const after = reported(before, input('2026-10-05'), '2026-10-06')
    expect(after.coverage).toEqual([
      { ...covered(2026), until: '2026-10-31', endReason: 'meninggal' },
    ])
    expect(paidMonthsOf(after, 2027).size).toBe(0)
    expect([...paidMonthsOf(after, 2026)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    // …and is back, as it was, if the report was wrong.
    expect(corrected(after).coverage).toEqual(before.coverage)
  })

  it('a period that had ended before the death keeps its own end and reason', () => {
    const moved: CoveragePeriod = {
      ...covered(2025, '2025-03-01', 'B2025'),
      until: '2025-06-30',
      endReason: 'pindah',
    }
    const otherPayer: CoveragePeriod = {
      ...covered(2026),
      until: '2026-02-15',
      endReason: 'penanggung-lain',
    }
    const after = reported(person('ended', [moved, otherPayer]), input('2026-05-10'), '2026-05-11')
    expect(after.coverage).toEqual([moved, otherPayer])
    expect(after.status).toBe('ended')
    expect(after.death?.previousStatus).toBe('ended')
  })

  it('a period that ended earlier in the month of death, before the death, keeps its reason', () => {
    // Moved away on 5 May, died on 10 May: the coverage did not end because of the death.
    // (Fails today: death.ts keeps only periods ended before the *month* of death, although its
    // own comment says "ended before the death", and rewrites the reason to meninggal.)
    const moved: CoveragePeriod = { ...covered(2026), until: '2026-05-05', endReason: 'pindah' }
    const after = reported(person('ended', [moved]), input('2026-05-10'), '2026-05-11')
    expect(after.coverage).toEqual([moved])
  })

  it('a period that ended later than the month of death is cut back, and its reason becomes meninggal', () => {
    const ageLimit: CoveragePeriod = {
      ...covered(2026),
      until: '2026-08-31',
      endReason: 'batas-usia',
    }
    const after = reported(person('active', [ageLimit]), input('2026-05-10'), '2026-05-11')
    expect(after.coverage).toEqual([{ ...ageLimit, until: '2026-05-31', endReason: 'meninggal' }])
  })

  it('a period that ends inside the month of death keeps its own earlier end', () => {
    const short: CoveragePeriod = { ...covered(2026), until: '2026-05-20' }
    const after = reported(person('active', [short]), input('2026-05-10'), '2026-05-11')
    expect(after.coverage).toEqual([{ ...short, until: '2026-05-20', endReason: 'meninggal' }])
  })

  it('an enrolled person whose coverage was to start after the month of death has none left', () => {
    const after = reported(
      person('enrolled', [covered(2026, '2026-03-01')]),
      input('2026-02-10'),
      '2026-02-12',
    )
    expect(after.status).toBe('ended')
    expect(after.coverage ?? []).toEqual([])
    expect(paidMonthsOf(after, 2026).size).toBe(0)
    expect(after.death?.previousCoverage).toEqual([covered(2026, '2026-03-01')])
  })

  it.each(['draft', 'submitted', 'returned', 'approved'] as const)(
    'a %s candidate (not covered yet) becomes ended, with no coverage',
    (status) => {
      const after = reported(person(status), input('2026-02-10'), '2026-02-12')
      expect(after.status).toBe('ended')
      expect('coverage' in after).toBe(false)
      expect(after.death?.previousStatus).toBe(status)
      expect(after.death && 'previousCoverage' in after.death).toBe(false)
    },
  )
})

describe('a death reported late: past months are never rewritten', () => {
  // Died in March, the family came to the office in November.
  const before = person('active', [covered(2026), covered(2027)])
  const after = reported(before, input('2026-03-10'), '2026-11-20')

  it('coverage ends at the end of the month of the report, not of the death', () => {
    expect(after.coverage).toEqual([
      { ...covered(2026), until: '2026-11-30', endReason: 'meninggal' },
    ])
    expect(coverageAfterDeath(before.coverage, '2026-03-10', '2026-11-20')).toEqual(after.coverage)
    expect(after.death?.date).toBe('2026-03-10')
  })

  it('April–October, billed and paid already, stay paid in the budget; December is not', () => {
    const period = after.coverage?.[0]
    if (!period) throw new Error('no period')
    expect(coveredMonths(period, 2026)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    const spend = spendForYear([after], 2026, TARIFFS, '2026-11-20')
    expect(spend.projectedYearEnd).toBe(11 * PREMIUM)
    expect(spend.byMonth.map((month) => month.people)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0])
  })

  it('a report across the new year keeps the old year whole and ends the new one', () => {
    const late = reported(before, input('2026-11-10'), '2027-02-05')
    expect(late.coverage).toEqual([
      { ...covered(2026), until: '2026-12-31', endReason: 'meninggal' },
      { ...covered(2027), until: '2027-02-28', endReason: 'meninggal' },
    ])
  })
})

describe('what a report refuses', () => {
  const alive = person('active', [covered(2026)])

  it('a second report while the first counts', () => {
    const dead = reported(alive, input('2026-02-10'), '2026-02-12')
    expect(withDeathReported(dead, input('2026-02-11'), '2026-02-12')).toEqual({
      ok: false,
      problem: { code: 'DEATH_ALREADY_REPORTED', params: { date: '2026-02-10' } },
    })
  })

  it.each(['2026-02-30', '2025-02-29', '10-02-2026', '2026-2-10', '', '2026-02-10T00:00'])(
    'a date that is not a real YYYY-MM-DD: %j',
    (date) => {
      expect(withDeathReported(alive, input(date), '2026-03-01')).toEqual({
        ok: false,
        problem: { code: 'DEATH_DATE_INVALID' },
      })
    },
  )

  it('a date after the day of the report', () => {
    expect(withDeathReported(alive, input('2026-02-13'), '2026-02-12')).toEqual({
      ok: false,
      problem: { code: 'DEATH_DATE_IN_FUTURE', params: { today: '2026-02-12' } },
    })
    // The day of the report itself is fine.
    expect(withDeathReported(alive, input('2026-02-12'), '2026-02-12').ok).toBe(true)
  })

  it('a date before the person was born', () => {
    expect(withDeathReported(alive, input('1990-05-14'), '2026-02-12')).toEqual({
      ok: false,
      problem: { code: 'DEATH_BEFORE_BIRTH', params: { birthDate: '1990-05-15' } },
    })
    expect(withDeathReported(alive, input('1990-05-15'), '2026-02-12').ok).toBe(true)
  })

  it.each(['tetangga', 'KELUARGA', ''])('a source that is not on the list: %j', (source) => {
    expect(withDeathReported(alive, input('2026-02-10', { source }), '2026-02-12')).toEqual({
      ok: false,
      problem: { code: 'DEATH_SOURCE_UNKNOWN' },
    })
  })

  it.each(['keluarga', 'desa', 'disdukcapil', 'lainnya'])('the source %s is accepted', (source) => {
    const after = reported(alive, input('2026-02-10', { source }), '2026-02-12')
    expect(after.death?.source).toBe(source)
  })

  it.each(['', '   ', '\t\n'])('a report that rests on nothing: %j', (reference) => {
    expect(withDeathReported(alive, input('2026-02-10', { reference }), '2026-02-12')).toEqual({
      ok: false,
      problem: { code: 'DEATH_REFERENCE_MISSING' },
    })
  })

  it('the reference is kept tidy and within its length', () => {
    const tidy = reported(
      alive,
      input('2026-02-10', { reference: '  Surat  Kepala Desa\n 474/12/2026 ' }),
      '2026-02-12',
    )
    expect(tidy.death?.reference).toBe('Surat Kepala Desa 474/12/2026')
    const long = reported(
      alive,
      input('2026-02-10', { reference: 'x'.repeat(MAX_DEATH_REFERENCE + 50) }),
      '2026-02-12',
    )
    expect(long.death?.reference).toHaveLength(MAX_DEATH_REFERENCE)
  })
})

describe("a supervisor's correction", () => {
  const original: CoveragePeriod[] = [
    { ...covered(2025, '2025-04-15', 'B2025'), until: '2025-12-31' },
    covered(2026),
    covered(2027),
  ]
  const before = person('active', original)
  const dead = reported(before, input('2026-02-10'), '2026-02-12')

  it('restores the status and the coverage exactly, and keeps the report with the correction', () => {
    const back = corrected(dead, '  Salah orang:   yang meninggal kakaknya ')
    expect(back.status).toBe('active')
    expect(back.coverage).toEqual(original)
    expect(back.death).toEqual({
      ...dead.death,
      correction: {
        reason: 'Salah orang: yang meninggal kakaknya',
        by: 'Sari Supervisor',
        at: '2026-03-02T03:00:00.000Z',
      },
    })
    expect(isDeceased(back)).toBe(false)
    expect(paidMonthsOf(back, 2027).size).toBe(12)
  })

  it('gives a candidate back its status, and no coverage it never had', () => {
    const back = corrected(reported(person('submitted'), input('2026-02-10'), '2026-02-12'))
    expect(back.status).toBe('submitted')
    expect('coverage' in back).toBe(false)
  })

  it('needs a reason', () => {
    for (const reason of ['', '   ']) {
      expect(
        withDeathCorrected(dead, { reason, by: 'Sari', at: '2026-03-02T03:00:00.000Z' }),
      ).toEqual({ ok: false, problem: { code: 'CORRECTION_REASON_MISSING' } })
    }
  })

  it('needs a report that counts: none, or one corrected already, is refused', () => {
    const correction = { reason: 'Salah', by: 'Sari', at: '2026-03-02T03:00:00.000Z' }
    expect(withDeathCorrected(before, correction)).toEqual({
      ok: false,
      problem: { code: 'DEATH_NOT_REPORTED' },
    })
    expect(withDeathCorrected(corrected(dead), correction)).toEqual({
      ok: false,
      problem: { code: 'DEATH_NOT_REPORTED' },
    })
  })

  it('can be followed by a new report, which starts from the restored record', () => {
    const back = corrected(dead)
    const again = reported(back, input('2026-06-20', { source: 'disdukcapil' }), '2026-06-22')
    expect(isDeceased(again)).toBe(true)
    expect(again.status).toBe('ended')
    expect(again.death).toMatchObject({
      date: '2026-06-20',
      source: 'disdukcapil',
      previousStatus: 'active',
      previousCoverage: original,
    })
    expect(again.death?.correction).toBeUndefined()
    expect(again.coverage).toEqual([
      original[0],
      { ...covered(2026), until: '2026-06-30', endReason: 'meninggal' },
    ])
  })
})

describe('the budget and BPJS’s bill after a death on 10 February 2026', () => {
  const dead = reported(person('active', [covered(2026)]), input('2026-02-10'), '2026-02-12')
  const participant = {
    id: dead.id,
    fullName: dead.fullName,
    maskedNik: '640206******0001',
    ...(dead.coverage ? { coverage: dead.coverage } : {}),
  }
  const bill = (month: string): StoredBill => ({
    id: 'T20260410-1a2b3c4d',
    payerCode: KAB,
    month,
    fileName: `tagihan-${month}.xlsx`,
    importedAt: '2026-04-10T02:00:00.000Z',
    importedBy: 'Supervisor Dinas',
    lines: [
      {
        row: 2,
        participantId: dead.id,
        maskedNik: '640206******0001',
        name: 'SITI AMINAH',
        amount: PREMIUM,
      },
    ],
  })
  const reconcile = (month: string) =>
    reconcileBill({
      bill: bill(month),
      participants: [participant],
      tariffs: TARIFFS,
      payerKind: 'apbd-kabupaten',
      defaultPayerCode: KAB,
    })

  it('the budget pays January and February, nothing from March', () => {
    const spend = spendForYear([dead], 2026, TARIFFS, '2026-03-15')
    expect(spend.byMonth.slice(0, 4).map((month) => month.people)).toEqual([1, 1, 0, 0])
    expect(spend.spentToDate).toBe(2 * PREMIUM)
    expect(spend.projectedYearEnd).toBe(2 * PREMIUM)
    expect(spend.activeCount).toBe(0)
  })

  it('February’s bill agrees: the month of death is payable in full', () => {
    const result = reconcile('2026-02')
    expect(result.differences).toEqual([])
    expect(result.agreedLines).toBe(1)
    expect(result.expectedPeople).toBe(1)
  })

  it('March’s bill shows the person as deceased, with the last covered day', () => {
    const result = reconcile('2026-03')
    expect(result.agreedLines).toBe(0)
    expect(result.expectedPeople).toBe(0)
    expect(result.differences).toEqual([
      expect.objectContaining({
        kind: 'deceased',
        key: `deceased:${dead.id}`,
        participantId: dead.id,
        billed: PREMIUM,
        expected: 0,
        endedOn: '2026-02-28',
      }),
    ])
  })

  it('after a correction the same bill agrees again', () => {
    const back = corrected(dead)
    const result = reconcileBill({
      bill: bill('2026-03'),
      participants: [{ ...participant, ...(back.coverage ? { coverage: back.coverage } : {}) }],
      tariffs: TARIFFS,
      payerKind: 'apbd-kabupaten',
      defaultPayerCode: KAB,
    })
    expect(result.differences).toEqual([])
    expect(result.agreedLines).toBe(1)
  })
})
