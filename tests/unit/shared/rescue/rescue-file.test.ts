import { describe, expect, it } from 'vitest'
import {
  openRescueFile,
  rescueLabelOf,
  sealRescueFile,
  type RescueContents,
} from '@shared/rescue/rescue-file'

const CONTENTS: RescueContents = {
  district: '6402',
  device: { id: 'b7d4a0f2-0000-4000-8000-000000000001', name: 'PC loket 1', officeCode: '06-01' },
  exportedAt: '2026-12-06T03:00:00.000Z',
  exportedBy: 'Sari Supervisor',
  participants: [
    {
      state: { id: 'p1', fullName: 'Rahma', nik: '6402065505900021' } as never,
      base: null,
    },
  ],
  audit: [],
}
const PASSPHRASE = 'kuda-lumba-lumba-7'
/** The lowest count a file may name: the tests need not wait for the real one. */
const FAST = 100_000

describe('the rescue file', () => {
  it('opens with its passphrase to exactly what was sealed, and names its PC before opening', async () => {
    const text = await sealRescueFile(CONTENTS, PASSPHRASE, FAST)
    expect(text).not.toContain('6402065505900021')
    expect(text).not.toContain('Rahma')
    expect(rescueLabelOf(text)).toEqual({
      device: 'PC loket 1',
      officeCode: '06-01',
      exportedAt: '2026-12-06T03:00:00.000Z',
      records: 1,
    })
    expect(await openRescueFile(text, PASSPHRASE)).toEqual({ ok: true, contents: CONTENTS })
  })

  it('does not open with another passphrase', async () => {
    const text = await sealRescueFile(CONTENTS, PASSPHRASE, FAST)
    expect(await openRescueFile(text, 'kuda-lumba-lumba-8')).toEqual({
      ok: false,
      reason: 'WRONG_PASSPHRASE_OR_CHANGED',
    })
  })

  it('does not open once a byte of its contents or its label is changed', async () => {
    const text = await sealRescueFile(CONTENTS, PASSPHRASE, FAST)
    const envelope = JSON.parse(text) as { data: string; label: { records: number } }
    const flipped = envelope.data[10] === 'A' ? 'B' : 'A'
    const body = {
      ...envelope,
      data: envelope.data.slice(0, 10) + flipped + envelope.data.slice(11),
    }
    expect(await openRescueFile(JSON.stringify(body), PASSPHRASE)).toMatchObject({ ok: false })
    const relabelled = { ...envelope, label: { ...envelope.label, records: 0 } }
    expect(await openRescueFile(JSON.stringify(relabelled), PASSPHRASE)).toEqual({
      ok: false,
      reason: 'WRONG_PASSPHRASE_OR_CHANGED',
    })
  })

  it('refuses a short passphrase and a file that is not one', async () => {
    await expect(sealRescueFile(CONTENTS, 'pendek', FAST)).rejects.toThrow(RangeError)
    expect(await openRescueFile('{"format":"lain"}', PASSPHRASE)).toEqual({
      ok: false,
      reason: 'NOT_RESCUE_FILE',
    })
    expect(await openRescueFile('bukan JSON', PASSPHRASE)).toEqual({
      ok: false,
      reason: 'NOT_RESCUE_FILE',
    })
  })
})
