import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createDraftWriter,
  draftFromStored,
  isWorthKeeping,
} from '@/registration/registration-draft-values'
import {
  emptyFormValues,
  type RegistrationFormValues,
} from '@/registration/registration-form-values'

const blank = emptyFormValues('64.02.06')
const typed = (changes: Partial<RegistrationFormValues>) => ({ ...blank, ...changes })

describe('a registration draft is worth keeping', () => {
  it.each([
    ['an empty form', blank, false],
    ['only spaces', typed({ fullName: '   ' }), false],
    ['one NIK digit', typed({ nik: '6' }), true],
    ['another kecamatan chosen', typed({ kecamatanCode: '64.02.04' }), true],
    ['the kecamatan emptied', typed({ kecamatanCode: '' }), true],
    ['only a phone number', typed({ phone: '0812' }), true],
  ])('%s: %s', (_, values, expected) => {
    expect(isWorthKeeping(values, blank)).toBe(expected)
  })
})

describe('a draft read back from the store', () => {
  it('keeps the form fields and fills the missing ones with nothing', () => {
    const draft = draftFromStored({
      values: { nik: '6402', fullName: 'Siti', extra: 'not ours' },
      savedAt: '2026-12-05T01:00:00.000Z',
    })
    expect(draft?.values).toEqual({ ...emptyFormValues(), nik: '6402', fullName: 'Siti' })
    expect(draft?.values).not.toHaveProperty('extra')
    expect(draft?.savedAt).toBe('2026-12-05T01:00:00.000Z')
  })

  it.each([
    ['nothing', null],
    ['a string', 'draft'],
    ['no time', { values: {} }],
    ['no values', { savedAt: 'x' }],
    ['a number in a box', { values: { nik: 6402 }, savedAt: 'x' }],
    ['a value longer than any box', { values: { address: 'x'.repeat(201) }, savedAt: 'x' }],
  ])('is no draft when it holds %s', (_, stored) => {
    expect(draftFromStored(stored)).toBeNull()
  })
})

describe('draft writes', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  function recorder(delays: { write?: number } = {}) {
    const log: string[] = []
    const writer = createDraftWriter({
      blank,
      delayMs: 400,
      write: async (values) => {
        if (delays.write) await new Promise((resolve) => setTimeout(resolve, delays.write))
        log.push(`write ${values.nik}`)
      },
      remove: async () => {
        log.push('remove')
      },
    })
    return { log, writer }
  }

  it('wait for a pause in typing and write the latest form once', async () => {
    vi.useFakeTimers()
    const { log, writer } = recorder()
    writer.changed(typed({ nik: '6' }))
    writer.changed(typed({ nik: '64' }))
    await vi.advanceTimersByTimeAsync(399)
    expect(log).toEqual([])
    writer.changed(typed({ nik: '640' }))
    await vi.advanceTimersByTimeAsync(400)
    expect(log).toEqual(['write 640'])
  })

  it('erase the draft when the clerk empties the form', async () => {
    vi.useFakeTimers()
    const { log, writer } = recorder()
    writer.changed(typed({ nik: '6' }))
    writer.changed(blank)
    await vi.advanceTimersByTimeAsync(400)
    expect(log).toEqual(['remove'])
  })

  it('write what is pending at once when the screen is left', async () => {
    vi.useFakeTimers()
    const { log, writer } = recorder()
    writer.changed(typed({ nik: '64' }))
    await writer.flush()
    expect(log).toEqual(['write 64'])
    await vi.advanceTimersByTimeAsync(1000)
    expect(log).toEqual(['write 64'])
  })

  it('never bring a saved registration back: the erase after a save comes after a slow write', async () => {
    vi.useFakeTimers()
    const { log, writer } = recorder({ write: 300 })
    writer.changed(typed({ nik: '6402' }))
    await vi.advanceTimersByTimeAsync(400) // the write starts and takes 300 ms
    writer.changed(typed({ nik: '64020' })) // typed, then saved at once
    const erased = writer.erase()
    await vi.advanceTimersByTimeAsync(1000)
    await erased
    expect(log).toEqual(['write 6402', 'remove'])
  })

  it('say a write is settled only when nothing newer is waiting', async () => {
    vi.useFakeTimers()
    const stored: [boolean, boolean][] = []
    const writer = createDraftWriter({
      blank,
      delayMs: 400,
      write: () => new Promise((resolve) => setTimeout(resolve, 300)),
      remove: async () => undefined,
      onStored: (kept, settled) => stored.push([kept, settled]),
    })
    writer.changed(typed({ nik: '6' }))
    await vi.advanceTimersByTimeAsync(400)
    writer.changed(typed({ nik: '64' })) // while the first write is still running
    await vi.advanceTimersByTimeAsync(300)
    expect(stored).toEqual([[true, false]])
    await vi.advanceTimersByTimeAsync(700)
    expect(stored).toEqual([
      [true, false],
      [true, true],
    ])
  })
})
