/**
 * Payers on coverage periods (shared/coverage/payers.ts): two payers paying for one person in the
 * same month, by the budget's month rule (a month is billed whole when any day of it is
 * covered) — across month boundaries, in February of common and leap years, and across a year
 * end; people active on paper but covered by nobody; the budget per payer against each payer's own
 * budget, discounts by the payer's kind; and who may set a period's payer.
 */
import { describe, expect, it } from 'vitest'
import {
  coverageOverlaps,
  payerChangeProblem,
  spendByPayer,
  uncoveredActive,
  withDefaultPayer,
} from '@shared/coverage/payers'
import { parseTariffs } from '@shared/district/tariff-config'
import type { Payer } from '@shared/district/payer-config'
import type { CoveragePeriod } from '@shared/participant/participant-document'

const KAB = 'apbd-kab'
const PROV = 'apbd-prov'
const period = (
  year: number,
  from: string,
  payerCode: string | undefined,
  until?: string,
): CoveragePeriod => ({
  year,
  from,
  batchId: `B-${payerCode ?? 'lama'}-${year}`,
  ...(payerCode === undefined ? {} : { payerCode }),
  ...(until === undefined ? {} : { until }),
})
const overlapsOf = (...periods: CoveragePeriod[]) =>
  coverageOverlaps([{ key: '6402065505900001', periods }], KAB)

describe('coverageOverlaps: two payers in one month', () => {
  it('finds the month both bill even when their days do not meet (10 March / 20 March)', () => {
    expect(
      overlapsOf(period(2026, '2026-01-01', KAB, '2026-03-10'), period(2026, '2026-03-20', PROV)),
    ).toEqual([
      {
        key: '6402065505900001',
        overlaps: [
          { fromMonth: '2026-03', untilMonth: '2026-03', months: 1, payerCodes: [KAB, PROV] },
        ],
      },
    ])
  })

  it('finds none when one ends on the last day of a month and the other starts the next day', () => {
    expect(
      overlapsOf(period(2027, '2027-01-01', KAB, '2027-02-28'), period(2027, '2027-03-01', PROV)),
    ).toEqual([])
    expect(
      overlapsOf(period(2026, '2026-01-01', KAB, '2026-04-30'), period(2026, '2026-05-01', PROV)),
    ).toEqual([])
  })

  it('February: ending 29 February 2028 and starting 29 February 2028 share February', () => {
    expect(
      overlapsOf(period(2028, '2028-01-01', KAB, '2028-02-29'), period(2028, '2028-02-29', PROV))[0]
        ?.overlaps,
    ).toEqual([{ fromMonth: '2028-02', untilMonth: '2028-02', months: 1, payerCodes: [KAB, PROV] }])
    // 29 February 2027 is no date: that period pays nothing and so overlaps nothing.
    expect(overlapsOf(period(2027, '2027-01-01', KAB), period(2027, '2027-02-29', PROV))).toEqual(
      [],
    )
  })

  it('runs across a year end: December and the next January are one run', () => {
    const found = overlapsOf(
      period(2026, '2026-06-01', KAB),
      period(2027, '2027-01-01', KAB, '2027-02-15'),
      period(2026, '2026-11-15', PROV),
      period(2027, '2027-01-01', PROV),
    )
    expect(found[0]?.overlaps).toEqual([
      { fromMonth: '2026-11', untilMonth: '2027-02', months: 4, payerCodes: [KAB, PROV] },
    ])
  })

  it('reads a period without a payer as the default payer, and one payer twice is no overlap', () => {
    expect(
      overlapsOf(period(2026, '2026-01-01', undefined), period(2026, '2026-05-01', KAB)),
    ).toEqual([])
    expect(
      overlapsOf(period(2026, '2026-01-01', undefined), period(2026, '2026-12-01', PROV))[0]
        ?.overlaps,
    ).toEqual([{ fromMonth: '2026-12', untilMonth: '2026-12', months: 1, payerCodes: [KAB, PROV] }])
  })

  it('splits runs when the set of payers changes', () => {
    const found = overlapsOf(
      period(2026, '2026-01-01', KAB),
      period(2026, '2026-03-01', PROV, '2026-04-30'),
      period(2026, '2026-04-01', 'desa-a', '2026-05-31'),
    )
    expect(
      found[0]?.overlaps.map((run) => [run.fromMonth, run.untilMonth, run.payerCodes]),
    ).toEqual([
      ['2026-03', '2026-03', [KAB, PROV]],
      ['2026-04', '2026-04', [KAB, PROV, 'desa-a']],
      ['2026-05', '2026-05', [KAB, 'desa-a']],
    ])
  })
})

describe('uncoveredActive', () => {
  it('lists active people no period covers on the day; enrolled ones wait for their start', () => {
    const people = [
      { key: 'covered', status: 'active', periods: [period(2026, '2026-01-01', KAB)] },
      { key: 'lapsed', status: 'active', periods: [period(2026, '2026-01-01', KAB, '2026-05-31')] },
      { key: 'none', status: 'active', periods: [] },
      { key: 'ahead', status: 'enrolled', periods: [period(2026, '2026-08-01', KAB)] },
    ]
    expect(uncoveredActive(people, '2026-06-01')).toEqual(['lapsed', 'none'])
  })
})

const tariffs = parseTariffs({
  tariffs: [
    {
      validFrom: '2020-01',
      lines: { jkk: 10_000, jkm: 6_800 },
      total: 16_800,
      regulation: 'PP 82/2019',
      discounts: [
        {
          percent: 50,
          validFrom: '2026-01',
          regulation: 'PP 50/2025',
          appliesToPayerKinds: 'semua',
          excludesPayerKinds: ['apbn', 'apbd-provinsi', 'apbd-kabupaten'],
        },
      ],
    },
  ],
})
const payers: Payer[] = [
  {
    code: KAB,
    name: 'APBD Kabupaten',
    kind: 'apbd-kabupaten',
    isDefault: true,
    budgets: [{ year: 2026, total: 300_000 }],
  },
  { code: PROV, name: 'APBD Provinsi', kind: 'apbd-provinsi', isDefault: false, budgets: [] },
  {
    code: 'csr-a',
    name: 'CSR PT A',
    kind: 'csr',
    isDefault: false,
    budgets: [{ year: 2026, total: 1_000_000 }],
  },
]

describe('spendByPayer', () => {
  it('costs each payer’s periods against its own budget, at its kind’s rate', () => {
    const rows = spendByPayer(
      [
        // The regency all year: 12 × 16.800 = 201.600, over its 300.000 with the next person.
        { coverage: [period(2026, '2026-01-01', undefined)] },
        // Moved to the province from July: January–June regency, July–December province.
        {
          coverage: [
            period(2026, '2026-01-01', KAB, '2026-06-30'),
            { ...period(2026, '2026-07-01', PROV), batchId: 'B-2' },
          ],
        },
        // CSR is not APBD: PP 50/2025 halves it, 12 × 8.400 = 100.800.
        { coverage: [period(2026, '2026-01-01', 'csr-a')] },
        // A code district.json does not know: listed, costed at the full rate.
        { coverage: [period(2026, '2026-10-01', 'hilang')] },
        // Another year: not this budget.
        { coverage: [period(2025, '2025-01-01', PROV)] },
      ],
      2026,
      '2026-06-15',
      tariffs,
      payers,
    )
    expect(
      rows.map((row) => [
        row.payerCode,
        row.people,
        row.spentToDate,
        row.projectedYearEnd,
        row.projectedYearEndByLine,
        row.projectedSurplus,
        row.projectedShortfall,
      ]),
    ).toEqual([
      [KAB, 2, 201_600, 302_400, { jkk: 180_000, jkm: 122_400 }, 0, 2_400],
      [PROV, 1, 0, 100_800, { jkk: 60_000, jkm: 40_800 }, 0, 0],
      ['csr-a', 1, 50_400, 100_800, { jkk: 60_000, jkm: 40_800 }, 899_200, 0],
      ['hilang', 1, 0, 50_400, { jkk: 30_000, jkm: 20_400 }, 0, 0],
    ])
    expect(rows[3]?.payer).toBeNull()
    expect(rows[1]?.budget).toBeNull()
    // Budgets given as a total alone have no accounts to check.
    expect(rows.map((row) => row.byLine)).toEqual([null, null, null, null])
  })

  it('checks each budget account on its own: a JKK shortfall shows though the total fits', () => {
    // Kukar splits the budget into a JKK and a JKM account; money does not move between them.
    const split: Payer[] = [
      {
        code: KAB,
        name: 'APBD Kabupaten',
        kind: 'apbd-kabupaten',
        isDefault: true,
        budgets: [{ year: 2026, total: 500_000, lines: { jkk: 200_000, jkm: 300_000 } }],
      },
    ]
    const [row] = spendByPayer(
      // Two people all year: JKK 2 × 12 × 10.000 = 240.000, JKM 2 × 12 × 6.800 = 163.200.
      [
        { coverage: [period(2026, '2026-01-01', KAB)] },
        { coverage: [period(2026, '2026-01-01', KAB)] },
      ],
      2026,
      '2026-06-15',
      tariffs,
      split,
    )
    expect(row?.projectedYearEnd).toBe(403_200)
    expect(row?.projectedShortfall).toBe(0)
    expect(row?.byLine).toEqual([
      {
        line: 'jkk',
        budget: 200_000,
        projectedYearEnd: 240_000,
        projectedSurplus: 0,
        projectedShortfall: 40_000,
      },
      {
        line: 'jkm',
        budget: 300_000,
        projectedYearEnd: 163_200,
        projectedSurplus: 136_800,
        projectedShortfall: 0,
      },
    ])
  })
})

describe('payerChangeProblem', () => {
  const known = new Set([KAB, PROV])
  const stored = { coverage: [period(2026, '2026-01-01', KAB)] }
  const moved = { coverage: [{ ...period(2026, '2026-01-01', KAB), payerCode: PROV }] }

  it('lets a supervisor or admin move a period to another known payer; nobody else', () => {
    expect(payerChangeProblem(stored, moved, 'supervisor', known, KAB)).toBeNull()
    expect(payerChangeProblem(stored, moved, 'admin', known, KAB)).toBeNull()
    for (const role of ['operator', 'verifier'] as const) {
      expect(payerChangeProblem(stored, moved, role, known, KAB)).toEqual({
        code: 'PAYER_CHANGE_FORBIDDEN',
        params: { year: 2026, batchId: `B-${KAB}-2026` },
      })
    }
  })

  it('lets anyone keep the payer, or write the default on a new or legacy period', () => {
    expect(payerChangeProblem(stored, stored, 'operator', known, KAB)).toBeNull()
    const legacy = { coverage: [period(2026, '2026-01-01', undefined)] }
    expect(payerChangeProblem(legacy, stored, 'operator', known, KAB)).toBeNull()
    expect(payerChangeProblem(undefined, stored, 'operator', known, KAB)).toBeNull()
    expect(payerChangeProblem(undefined, moved, 'operator', known, KAB)?.code).toBe(
      'PAYER_CHANGE_FORBIDDEN',
    )
  })

  it('refuses a payer district.json does not know, even from a supervisor', () => {
    const unknown = { coverage: [{ ...period(2026, '2026-01-01', KAB), payerCode: 'dbh-x' }] }
    expect(payerChangeProblem(stored, unknown, 'supervisor', known, KAB)).toEqual({
      code: 'UNKNOWN_PAYER',
      params: { payerCode: 'dbh-x' },
    })
  })
})

describe('withDefaultPayer (the v4 migration)', () => {
  it('names the default payer on every period without one, and keeps a named one', () => {
    expect(
      withDefaultPayer(
        [period(2025, '2025-04-01', undefined), period(2026, '2026-01-01', PROV)],
        KAB,
      ),
    ).toEqual([
      { ...period(2025, '2025-04-01', undefined), payerCode: KAB },
      period(2026, '2026-01-01', PROV),
    ])
    expect(withDefaultPayer(undefined, KAB)).toBeUndefined()
  })
})
