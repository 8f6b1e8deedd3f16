import { describe, expect, it } from 'vitest'
import { openEndedTariff } from '@shared/coverage/tariffs'
import {
  aggregateDashboard,
  createDashboardCounter,
  isoWeekLabel,
  type DashboardConfig,
  type DashboardRecord,
} from '@shared/dashboard/aggregate'

/** Two kecamatan, two villages each, two occupations; JKK+JKM Rp16.800. */
const CONFIG: DashboardConfig = {
  tariffs: [openEndedTariff({ jkk: 10_000, jkm: 6_800 }, 'PP 44/2015 jo. PP 82/2019')],
  baselineCoveredParticipants: 1_000,
  utcOffsetMinutes: 480,
  configuredTargetFor: (year) => (year === 2026 ? 13_000 : undefined),
  kecamatan: [
    { code: 'K1', name: 'Satu' },
    { code: 'K2', name: 'Dua' },
  ],
  villages: [
    { code: 'V1a', name: 'Satu A', kecamatanCode: 'K1' },
    { code: 'V1b', name: 'Satu B', kecamatanCode: 'K1' },
    { code: 'V2a', name: 'Dua A', kecamatanCode: 'K2' },
    { code: 'V2b', name: 'Dua B', kecamatanCode: 'K2' },
  ],
  occupations: [
    { code: 'petani', labelId: 'Petani', labelEn: 'Farmer' },
    { code: 'nelayan', labelId: 'Nelayan', labelEn: 'Fisher' },
  ],
}

const TODAY = '2026-11-24' // a Tuesday, ISO week 2026-W48

const person = (over: Partial<DashboardRecord>): DashboardRecord => ({
  status: 'draft',
  checks: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  birthDate: '1990-01-01',
  sex: 'L',
  kecamatanCode: 'K1',
  villageCode: 'V1a',
  occupationCode: 'petani',
  prints: [],
  ...over,
})
const confirmed = { state: 'confirmed' } as const
const pending = { state: 'pending' } as const
const rejected = { state: 'rejected' } as const

/** Nine people, every figure below counted by hand from this list. */
const PEOPLE: Record<string, DashboardRecord> = {
  // active since 15 March, new this year, card and sticker, age 36
  A: person({
    status: 'active',
    checks: [confirmed],
    createdAt: '2026-11-24T02:00:00.000Z',
    birthDate: '1990-05-01',
    prints: [{ kind: 'card' }, { kind: 'sticker' }],
    coverage: [{ year: 2026, from: '2026-03-15', batchId: 'B1' }],
  }),
  // active, renewed (first covered 2025: not new), card only, age 25
  B: person({
    status: 'active',
    createdAt: '2025-01-01T00:00:00.000Z',
    birthDate: '2000-11-25',
    sex: 'P',
    villageCode: 'V1b',
    occupationCode: 'nelayan',
    prints: [{ kind: 'card' }],
    coverage: [
      { year: 2025, from: '2025-01-01', batchId: 'B0' },
      { year: 2026, from: '2026-01-01', batchId: 'B1' },
    ],
  }),
  // enrolled, covered from 1 December: new, not yet active; age 64
  C: person({
    status: 'enrolled',
    createdAt: '2026-11-16T08:00:00.000Z',
    birthDate: '1962-01-01',
    sex: 'P',
    kecamatanCode: 'K2',
    villageCode: 'V2a',
    coverage: [{ year: 2026, from: '2026-12-01', batchId: 'B2' }],
  }),
  // approved and sent in a batch; 18 today
  D: person({
    status: 'approved',
    checks: [confirmed],
    enrolmentBatchId: 'B3',
    createdAt: '2026-11-17T08:00:00.000Z',
    birthDate: '2008-11-24',
    kecamatanCode: 'K2',
    villageCode: 'V2a',
  }),
  // approved, not yet sent; age 76 (outside the bands)
  E: person({
    status: 'approved',
    createdAt: '2026-09-07T01:00:00.000Z',
    birthDate: '1950-01-01',
    occupationCode: 'nelayan',
  }),
  // submitted, one check still pending; created the day before the 12-week window (23:00 WITA)
  F: person({
    status: 'submitted',
    checks: [confirmed, pending],
    createdAt: '2026-09-06T15:00:00.000Z',
    birthDate: '1985-06-30',
    sex: 'P',
  }),
  // submitted, both checks decided
  G: person({
    status: 'submitted',
    checks: [confirmed, rejected],
    createdAt: '2026-11-24T03:00:00.000Z',
    birthDate: '1970-01-01',
    kecamatanCode: 'K2',
    villageCode: 'V2b',
    occupationCode: 'nelayan',
  }),
  H: person({
    status: 'draft',
    createdAt: '2026-11-24T04:00:00.000Z',
    birthDate: '1995-02-28',
    sex: 'P',
    villageCode: 'V1b',
  }),
  // ended 10 June: paid February–June, new this year, card printed
  I: person({
    status: 'ended',
    createdAt: '2026-01-10T00:00:00.000Z',
    birthDate: '1980-01-01',
    prints: [{ kind: 'card' }],
    coverage: [
      {
        year: 2026,
        from: '2026-02-01',
        until: '2026-06-10',
        endReason: 'pindah',
        batchId: 'B1',
      },
    ],
  }),
}

const PLANS = [
  { year: 2026, kecamatanCode: '', target: 100, allocation: 10_000_000 },
  { year: 2026, kecamatanCode: 'K1', target: 60, allocation: 0 },
  { year: 2025, kecamatanCode: '', target: 5, allocation: 1 },
]

const figures = aggregateDashboard(Object.values(PEOPLE), {
  year: 2026,
  today: TODAY,
  config: CONFIG,
  plans: PLANS,
})

describe('aggregateDashboard on nine hand-counted people', () => {
  it('gives the headline', () => {
    expect(figures.headline).toEqual({
      registered: 9,
      active: 2, // A, B (C starts in December, I ended in June)
      baseline: 1_000,
      existingMembersRecorded: 0,
      coveredTotal: 1_002,
      newThisYear: 3, // A, C, I (B was first covered in 2025)
      target: 100,
      targetSource: 'plan',
      approvedWaitingForBpjs: 2, // D, E
      approvedSentInBatch: 1, // D
      waitingForVerification: 2, // F, G
      returned: 0,
      drafts: 1,
    })
  })

  it('counts by kecamatan against the plan target, and by village', () => {
    expect(figures.byKecamatan).toEqual([
      { code: 'K1', name: 'Satu', registered: 6, active: 2, newThisYear: 2, target: 60 },
      { code: 'K2', name: 'Dua', registered: 3, active: 0, newThisYear: 1, target: null },
    ])
    expect(figures.byVillage['K1']).toEqual([
      { code: 'V1a', name: 'Satu A', registered: 4, active: 1, newThisYear: 2, target: null },
      { code: 'V1b', name: 'Satu B', registered: 2, active: 1, newThisYear: 0, target: null },
    ])
    expect(figures.byVillage['K2']?.map((row) => row.registered)).toEqual([2, 1])
    expect(figures.unknownArea).toBe(0)
  })

  it('counts by occupation, sex and age band', () => {
    expect(figures.byOccupation).toEqual([
      { code: 'petani', registered: 6, active: 1 },
      { code: 'nelayan', registered: 3, active: 1 },
    ])
    expect(figures.bySexAge).toEqual([
      { band: '18–24', male: 1, female: 0 }, // D turns 18 today
      { band: '25–34', male: 0, female: 2 }, // B (25, birthday tomorrow), H
      { band: '35–44', male: 1, female: 1 }, // A, F
      { band: '45–54', male: 1, female: 0 }, // I
      { band: '55–64', male: 1, female: 1 }, // G, C (64)
      { band: 'lainnya', male: 1, female: 0 }, // E, 76
    ])
  })

  it('follows the verification funnel', () => {
    expect(figures.funnel).toEqual([
      { stage: 'submitted', count: 8 }, // all but the draft
      { stage: 'checked', count: 7 }, // approved-or-later (6) + G
      { stage: 'approved', count: 6 },
      { stage: 'enrolled', count: 4 }, // A, B, C, I
    ])
  })

  it('counts registrations in the last twelve ISO weeks', () => {
    expect(figures.weekly).toHaveLength(12)
    expect(figures.weekly[0]).toEqual({
      week: '2026-W37',
      weekStart: '2026-09-07',
      registrations: 1,
    })
    expect(figures.weekly[10]).toEqual({
      week: '2026-W47',
      weekStart: '2026-11-16',
      registrations: 2,
    })
    expect(figures.weekly[11]).toEqual({
      week: '2026-W48',
      weekStart: '2026-11-23',
      registrations: 3,
    })
    expect(figures.weekly.reduce((sum, week) => sum + week.registrations, 0)).toBe(6)
  })

  it("counts a registration in the district's week, not UTC's: 00:30 on a Monday in Tenggarong", () => {
    // 2026-11-22T16:30Z is Sunday in UTC and 00:30 on Monday 23 November in WITA (UTC+8).
    const monday = aggregateDashboard([person({ createdAt: '2026-11-22T16:30:00.000Z' })], {
      year: 2026,
      today: '2026-11-23',
      config: CONFIG,
      plans: [],
    })
    expect(monday.weekly.at(-1)).toEqual({
      week: '2026-W48',
      weekStart: '2026-11-23',
      registrations: 1,
    })
    // At UTC+0 the same instant is Sunday: the week before.
    const atUtc = aggregateDashboard([person({ createdAt: '2026-11-22T16:30:00.000Z' })], {
      year: 2026,
      today: '2026-11-23',
      config: { ...CONFIG, utcOffsetMinutes: 0 },
      plans: [],
    })
    expect(atUtc.weekly.at(-1)?.registrations).toBe(0)
    expect(atUtc.weekly.at(-2)?.registrations).toBe(1)
  })

  it('compares cards and stickers with the enrolled', () => {
    expect(figures.prints).toEqual({
      enrolled: 3, // A, B, C
      cardPrinted: 3, // A, B, I
      stickered: 1,
      enrolledWithCard: 2,
      enrolledWithSticker: 1,
    })
  })

  it('costs the year with the month rule and the plan allocation', () => {
    // Months paid: A Mar–Dec 10, B 12, C Dec 1, I Feb–Jun 5 = 28; through November 9+11+0+5 = 25.
    expect(figures.budget.projectedYearEnd).toBe(28 * 16_800)
    expect(figures.budget.spentToDate).toBe(25 * 16_800)
    expect(figures.budget.allocation).toBe(10_000_000)
    expect(figures.budget.activeCount).toBe(2)
    expect(figures.budget.newThisYear).toBe(3)
    expect(figures.budget.remainingTarget).toBe(97)
    // From December only: 97 × 1 × 16.800.
    expect(figures.budget.costToReachTarget).toBe(97 * 16_800)
  })

  it('falls back to district.json when no plan gives the year', () => {
    const without = aggregateDashboard([], { year: 2026, today: TODAY, config: CONFIG, plans: [] })
    expect(without.headline.target).toBe(13_000)
    expect(without.headline.targetSource).toBe('config')
    expect(without.budget.allocation).toBe(0)
    const none = aggregateDashboard([], { year: 2030, today: TODAY, config: CONFIG, plans: [] })
    expect(none.headline.targetSource).toBe('none')
  })

  it('counts records outside the region table', () => {
    const stray = aggregateDashboard([person({ kecamatanCode: 'X', villageCode: 'Y' })], {
      year: 2026,
      today: TODAY,
      config: CONFIG,
      plans: [],
    })
    expect(stray.unknownArea).toBe(1)
    expect(stray.byKecamatan.every((row) => row.registered === 0)).toBe(true)
  })
})

describe('createDashboardCounter', () => {
  it('gives the same figures fed one record at a time as in one pass', () => {
    const counter = createDashboardCounter({
      year: 2026,
      today: TODAY,
      config: CONFIG,
      plans: PLANS,
    })
    for (const record of Object.values(PEOPLE).reverse()) counter.add(record)
    expect(counter.finish()).toEqual(figures)
  })
})

describe('isoWeekLabel', () => {
  const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000
  it.each([
    [day(2026, 11, 23), '2026-W48'],
    [day(2026, 12, 28), '2026-W53'], // 2026 starts on a Thursday: 53 weeks
    [day(2027, 1, 4), '2027-W01'],
    [day(2024, 12, 30), '2025-W01'], // its Thursday is 2 January 2025
    [day(2021, 1, 4), '2021-W01'],
    [day(2020, 12, 28), '2020-W53'],
  ])('labels the week starting %s as %s', (monday, label) => {
    expect(isoWeekLabel(monday)).toBe(label)
  })
})
