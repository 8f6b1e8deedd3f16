/**
 * The dashboard's claims figures (issue 17): per kecamatan of the case, cases opened in the year,
 * still open today, paid in the year and the rupiah that reached families.
 */
import { describe, expect, it } from 'vitest'
import {
  aggregateDashboard,
  type ClaimFigureCase,
  type DashboardConfig,
  type DashboardRecord,
} from '@shared/dashboard/aggregate'

const config: DashboardConfig = {
  tariffs: [],
  payers: [],
  baselineCoveredParticipants: 0,
  utcOffsetMinutes: 480,
  configuredTargetFor: () => undefined,
  kecamatan: [
    { code: '64.02.06', name: 'Tenggarong' },
    { code: '64.02.07', name: 'Anggana' },
  ],
  villages: [],
  occupations: [],
}

const person = (kecamatanCode: string, claims: ClaimFigureCase[]): DashboardRecord => ({
  status: 'ended',
  checks: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  birthDate: '1970-01-01',
  sex: 'L',
  kecamatanCode,
  villageCode: `${kecamatanCode}.1001`,
  occupationCode: 'petani',
  prints: [],
  claims,
})

const claim = (
  kecamatanCode: string,
  openedOn: string,
  history: ClaimFigureCase['history'],
): ClaimFigureCase => ({ kecamatanCode, openedOn, history })

describe('claims on the dashboard', () => {
  it('counts cases per kecamatan of the case, paid ones in the year, with the rupiah paid', () => {
    const figures = aggregateDashboard(
      [
        person('64.02.06', [
          // Paid this year.
          claim('64.02.06', '2026-03-01', [
            { status: 'dilaporkan', on: '2026-03-01' },
            { status: 'dibayar', on: '2026-05-02', amountPaid: 42_000_000 },
          ]),
        ]),
        // Opened last year, paid this year: paid counts, opened does not.
        person('64.02.06', [
          claim('64.02.06', '2025-12-20', [
            { status: 'dilaporkan', on: '2025-12-20' },
            { status: 'dibayar', on: '2026-01-10', amountPaid: 10_000_000 },
          ]),
        ]),
        // Still open; the person has moved to Anggana, the case stays Tenggarong's.
        person('64.02.07', [
          claim('64.02.06', '2026-06-01', [{ status: 'dilaporkan', on: '2026-06-01' }]),
        ]),
        // Rejected in Anggana: closed, not paid.
        person('64.02.07', [
          claim('64.02.07', '2026-02-01', [
            { status: 'dilaporkan', on: '2026-02-01' },
            { status: 'ditolak', on: '2026-04-01' },
          ]),
        ]),
      ],
      { year: 2026, today: '2026-08-15', config, plans: [] },
    )
    expect(figures.claimsByKecamatan).toEqual([
      { code: '64.02.06', name: 'Tenggarong', opened: 2, open: 1, paid: 2, rupiahPaid: 52_000_000 },
      { code: '64.02.07', name: 'Anggana', opened: 1, open: 0, paid: 0, rupiahPaid: 0 },
    ])
    expect(figures.claimsTotal).toEqual({ opened: 3, open: 1, paid: 2, rupiahPaid: 52_000_000 })
  })
})
