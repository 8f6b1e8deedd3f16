import { describe, expect, it } from 'vitest'
import { projectParticipant } from '../../../../shared/integration/integration-scopes'

const RECORD = {
  id: 'p-1',
  kecamatanCode: '64.02.06',
  nik: '6402065505900001',
  source: 'impor:DTKS, HP 0812 3456 7890',
  checks: [
    {
      agency: 'dinsos',
      state: 'confirmed',
      decidedBy: 'Verifikator Dinsos',
      decidedAt: '2026-11-02T02:00:00.000Z',
      note: 'Dicek ke NIK 6402065505900001',
    },
  ],
  claims: [{ id: 'c-1', history: [{ status: 'dilaporkan', on: '2026-11-03', by: 'Nur Loket' }] }],
}

describe('what another system reads of a record', () => {
  it('leaves out who acted, and, without personal, digits a clerk typed into text', () => {
    const projected = projectParticipant(RECORD, [
      'id',
      'kecamatanCode',
      'source',
      'checks',
      'claims',
    ])
    expect(projected).toEqual({
      id: 'p-1',
      kecamatanCode: '64.02.06',
      source: 'impor:DTKS, HP [angka disamarkan]',
      checks: [
        {
          agency: 'dinsos',
          state: 'confirmed',
          decidedAt: '2026-11-02T02:00:00.000Z',
          note: 'Dicek ke NIK [angka disamarkan]',
        },
      ],
      claims: [{ id: 'c-1', history: [{ status: 'dilaporkan', on: '2026-11-03' }] }],
    })
  })

  it('with personal, the NIK and the text stay as typed; staff names still do not leave', () => {
    const projected = projectParticipant(RECORD, ['id', 'nik', 'checks'], true)
    expect(projected.nik).toBe('6402065505900001')
    expect(projected.checks).toEqual([
      {
        agency: 'dinsos',
        state: 'confirmed',
        decidedAt: '2026-11-02T02:00:00.000Z',
        note: 'Dicek ke NIK 6402065505900001',
      },
    ])
  })
})
