/**
 * What a card says about coverage: the participant's own period of the chosen budget year, so a
 * card never claims more than the regency pays for and expires offline when coverage ended; and
 * no card at all for someone the regency does not pay for.
 */
import { describe, expect, it } from 'vitest'
import { cardCoverageFor } from '@shared/cards/card-coverage'
import { prepareBatch } from '@/printing/print-client'
import {
  PARTICIPANT_STATUSES,
  type ParticipantDocument,
} from '@shared/participant/participant-document'

const COVERED_2026 = [{ year: 2026, from: '2026-03-15', batchId: 'B1' }]

describe('cardCoverageFor', () => {
  it.each(PARTICIPANT_STATUSES.map((status) => [status]))(
    'a %s participant with a 2026 period gets a card only when enrolled or active',
    (status) => {
      const coverage = cardCoverageFor({ status, coverage: COVERED_2026 }, 2026)
      if (status === 'enrolled' || status === 'active') {
        expect(coverage).toEqual({ from: '2026-03-15', until: '2026-12-31' })
      } else {
        expect(coverage).toBeNull()
      }
    },
  )

  it('gives no card for a year without a recorded period: a draft never claims a whole year', () => {
    expect(cardCoverageFor({ status: 'active' }, 2026)).toBeNull()
    expect(cardCoverageFor({ status: 'draft' }, 2026)).toBeNull()
    expect(
      cardCoverageFor(
        { status: 'active', coverage: [{ year: 2025, from: '2025-03-01', batchId: 'B1' }] },
        2026,
      ),
    ).toBeNull()
  })

  it('starts on BPJS’s start and stops on the last covered day of an ended coverage', () => {
    expect(cardCoverageFor({ status: 'active', coverage: COVERED_2026 }, 2026)).toEqual({
      from: '2026-03-15',
      until: '2026-12-31',
    })
    expect(
      cardCoverageFor(
        {
          status: 'active',
          coverage: [
            { year: 2025, from: '2025-07-01', batchId: 'B0' },
            {
              year: 2026,
              from: '2026-01-01',
              until: '2026-06-30',
              endReason: 'pindah',
              batchId: 'B1',
            },
          ],
        },
        2026,
      ),
    ).toEqual({ from: '2026-01-01', until: '2026-06-30' })
  })
})

describe('prepareBatch', () => {
  it('puts each person’s own period in the QR claims, on the card and in the print log', () => {
    const doc = {
      id: '7d1f0c8e-6a3b-4d2e-9f10-1a2b3c4d5e6f',
      registrationNumber: '0601-000001',
      nik: '6402061505800001',
      fullName: 'Ahmad Nelayan',
      birthDate: '1980-05-15',
      kecamatanCode: '64.02.06',
      villageCode: '64.02.06.1002',
      rt: '003',
      rw: '012',
      kpjNumber: '00012345601',
      status: 'active',
      prints: [],
      coverage: [{ year: 2026, from: '2026-04-01', batchId: 'B1' }],
    } as unknown as ParticipantDocument
    const draft = { ...doc, id: 'a-draft', fullName: 'Belum Terdaftar', status: 'draft' as const }
    const { people, logEntries, notCovered } = prepareBatch({
      kind: 'card',
      participants: [doc, draft],
      coverageYear: 2026,
      today: '2026-11-24',
      reprint: null,
      by: 'Rina',
      officeCode: '06-01',
      now: new Date('2026-11-24T02:00:00Z'),
    })
    expect(people[0]?.printable).toMatchObject({
      coverageFrom: '2026-04-01',
      coverageUntil: '2026-12-31',
      participantNumber: '00012345601',
      maskedNik: '640206******0001',
    })
    expect(people[0]?.claims).toMatchObject({ validFrom: '2026-04-01', validUntil: '2026-12-31' })
    expect(logEntries[0]?.record.validUntil).toBe('2026-12-31')
    // The draft gets neither a card nor a print-log entry, and the caller is told.
    expect(people).toHaveLength(1)
    expect(logEntries).toHaveLength(1)
    expect(notCovered).toEqual([{ participantId: 'a-draft', fullName: 'Belum Terdaftar' }])
  })
})
