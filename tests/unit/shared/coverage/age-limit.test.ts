import { describe, expect, it } from 'vitest'
import {
  ageOn,
  birthdayOfAge,
  participantsReachingAgeLimit,
  reachesAgeLimit,
} from '@shared/coverage/age-limit'
import { addDays } from '@shared/coverage/calendar-days'
import type { ParticipantDocument } from '@shared/participant/participant-document'

const config = { ageRange: { min: 18, max: 64 } }

function person(overrides: Partial<ParticipantDocument>): ParticipantDocument {
  return {
    id: 'p-1',
    registrationNumber: '0601-000001',
    nik: '6402060308610001',
    nikIndex: '',
    kk: '6402060101150003',
    fullName: 'Budi Santoso',
    nameKey: 'budi santoso',
    birthPlace: 'Tenggarong',
    birthDate: '1961-08-03',
    sex: 'L',
    address: 'Jl. Mulawarman 1',
    rt: '001',
    rw: '002',
    kecamatanCode: '64.02.06',
    villageCode: '64.02.06.1001',
    occupationCode: 'nelayan',
    monthlyIncome: 1_500_000,
    heirName: 'Siti',
    heirRelationship: 'istri',
    status: 'active',
    officeCode: '06-01',
    createdAt: '2026-01-05T08:00:00Z',
    createdBy: 'Operator',
    updatedAt: '2026-01-05T08:00:00Z',
    updatedBy: 'Operator',
    duplicates: [],
    conflicts: [],
    prints: [],
    checks: [],
    coverage: [{ year: 2026, from: '2026-01-01', batchId: 'B1' }],
    ...overrides,
  }
}

describe('age around the limit (64 is in, 65 is out)', () => {
  it.each([
    ['1961-08-03', '2026-08-02', 64], // 64 years and 364 days
    ['1961-08-03', '2026-08-03', 65], // the 65th birthday
    ['1960-02-29', '2025-02-28', 64], // no 29 February in 2025: the birthday is 1 March
    ['1960-02-29', '2025-03-01', 65],
    ['1960-02-29', '2024-02-29', 64],
  ])('born %s, on %s: %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age)
  })

  it.each([
    ['1961-08-03', 65, '2026-08-03'],
    ['1960-02-29', 65, '2025-03-01'], // common year
    ['1964-02-29', 65, '2029-03-01'],
    ['1959-02-29', 65, null], // 1959 had no 29 February
    ['1960-02-29', 64, '2024-02-29'], // leap year: the real day
    ['1961-12-31', 65, '2026-12-31'],
  ])('born %s turns %i on %s', (birth, age, day) => {
    expect(birthdayOfAge(birth, age)).toBe(day)
  })

  it.each(['1961-08-03', '1960-02-29', '1964-02-29', '1961-01-01', '1961-12-31', '1961-03-01'])(
    'agrees with ageOn for someone born %s: 64 the day before, 65 on the day',
    (birth) => {
      const day = birthdayOfAge(birth, 65)
      if (!day) throw new Error('expected a birthday')
      expect(ageOn(birth, addDays(day, -1))).toBe(64)
      expect(ageOn(birth, day)).toBe(65)
    },
  )
})

describe('reachesAgeLimit within a window (both ends inclusive)', () => {
  it.each([
    ['2026-01-01', '2026-12-31', '2026-08-03'],
    ['2026-08-03', '2026-08-31', '2026-08-03'], // first day of the window
    ['2026-07-01', '2026-08-03', '2026-08-03'], // last day of the window
    ['2026-07-01', '2026-08-02', null], // still 64 on the last day
    ['2026-08-04', '2026-12-31', null], // already past before the window
    ['2027-01-01', '2027-12-31', null],
  ])('born 1961-08-03, window %s..%s: %s', (from, until, expected) => {
    expect(reachesAgeLimit('1961-08-03', 64, from, until)).toBe(expected)
  })

  it('finds 1 March for a 29 February birthday in a common year', () => {
    expect(reachesAgeLimit('1960-02-29', 64, '2025-02-28', '2025-02-28')).toBeNull()
    expect(reachesAgeLimit('1960-02-29', 64, '2025-03-01', '2025-03-01')).toBe('2025-03-01')
  })

  it('is null for unreadable dates', () => {
    expect(reachesAgeLimit('1961-02-30', 64, '2026-01-01', '2026-12-31')).toBeNull()
    expect(reachesAgeLimit('1961-08-03', 64, 'today', '2026-12-31')).toBeNull()
  })
})

describe('participantsReachingAgeLimit: the supervisor’s list', () => {
  const window = { from: '2026-01-01', until: '2026-12-31' }

  it('lists an active participant turning 65 in the window, with the day to end and a sentence', () => {
    const [entry, ...rest] = participantsReachingAgeLimit(
      [person({ fullName: 'Siti Aminah', registrationNumber: '0601-000012' })],
      config,
      window,
    )
    expect(rest).toEqual([])
    expect(entry).toMatchObject({
      participantId: 'p-1',
      maskedNik: '640206******0001',
      overLimitOn: '2026-08-03',
      lastCoveredDay: '2026-08-02',
      isOverdue: false,
    })
    expect(entry?.sentence.id).toBe(
      'Siti Aminah (0601-000012) berusia 65 tahun pada 3 Agustus 2026, melewati batas usia 64 tahun. Akhiri kepesertaan per 2 Agustus 2026 dengan alasan batas usia, dan jangan diperpanjang.',
    )
    expect(entry?.sentence.en).toContain('turns 65 on 3 August 2026')
  })

  it('lists the overdue ones too, and only enrolled and active people, soonest first', () => {
    const list = participantsReachingAgeLimit(
      [
        person({ id: 'late', birthDate: '1961-11-20' }),
        person({ id: 'enrolled', status: 'enrolled', birthDate: '1961-05-02' }),
        person({ id: 'overdue', birthDate: '1960-09-09' }),
        person({ id: 'approved', status: 'approved', birthDate: '1961-03-03', coverage: [] }),
        person({ id: 'ended', status: 'ended', birthDate: '1961-03-03' }),
        person({ id: 'young', birthDate: '1990-03-03' }),
        person({ id: 'next-year', birthDate: '1962-01-01' }),
      ],
      config,
      window,
    )
    expect(list.map((entry) => [entry.participantId, entry.overLimitOn, entry.isOverdue])).toEqual([
      ['overdue', '2025-09-09', true],
      ['enrolled', '2026-05-02', false],
      ['late', '2026-11-20', false],
    ])
    expect(list[0]?.sentence.id).toContain('sudah berusia 65 tahun sejak 9 September 2025')
  })

  it('leaves out someone whose coverage was already ended before the birthday', () => {
    const endedEarlier = person({
      coverage: [{ year: 2026, from: '2026-01-01', until: '2026-05-31', batchId: 'B1' }],
    })
    expect(participantsReachingAgeLimit([endedEarlier], config, window)).toEqual([])
  })

  it('keeps someone whose open period runs to 31 December, for a window into next year', () => {
    const list = participantsReachingAgeLimit([person({ birthDate: '1962-02-10' })], config, {
      from: '2026-12-01',
      until: '2027-03-31',
    })
    expect(list.map((entry) => entry.overLimitOn)).toEqual(['2027-02-10'])
  })

  it('reads the limit from the configuration', () => {
    const list = participantsReachingAgeLimit(
      [person({})],
      { ageRange: { min: 18, max: 59 } },
      {
        from: '2021-01-01',
        until: '2021-12-31',
      },
    )
    expect(list[0]?.overLimitOn).toBe('2021-08-03')
  })
})
