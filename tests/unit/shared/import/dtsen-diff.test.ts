import { describe, expect, it } from 'vitest'
import {
  diffDtsenExtracts,
  isDecileEligible,
  type DtsenDiff,
  type DtsenExtract,
  type DtsenPerson,
} from '@shared/import/dtsen-diff'
import {
  decodeDtsenExtract,
  dtsenFamilyKey,
  encodeDtsenExtract,
} from '@shared/import/dtsen-extract-codec'

const MAX_DECILE = 5
const TODAY = '2026-12-06'

const person = (personKey: string, familyKey: string, decile: number, rowNumber?: number) =>
  ({
    personKey,
    familyKey,
    decile,
    ...(rowNumber !== undefined ? { rowNumber } : {}),
  }) as DtsenPerson

const extract = (snapshotDate: string, ...people: DtsenPerson[]): DtsenExtract => ({
  snapshotDate,
  people,
})

function diffOk(last: DtsenExtract | null, next: DtsenExtract): DtsenDiff {
  const diff = diffDtsenExtracts(last, next, MAX_DECILE, TODAY)
  if (!diff.ok) throw new Error(`refused: ${diff.reason}`)
  return diff
}

const keysOf = (changes: readonly { personKey: string }[]) => changes.map((c) => c.personKey)

// The September extract a re-import compares with.
const september = extract(
  '2026-09-30',
  person('p-ani', 'kk-1', 2),
  person('p-budi', 'kk-1', 2),
  person('p-citra', 'kk-2', 5),
  person('p-dedi', 'kk-3', 6),
  person('p-eka', 'kk-4', 3),
  person('p-fajar', 'kk-5', 8),
  person('p-gita', 'kk-6', 1),
)

describe('diffDtsenExtracts: a newer extract against the last one applied', () => {
  const december = extract(
    '2026-12-01',
    person('p-ani', 'kk-1', 2, 2), // unchanged
    person('p-budi', 'kk-1', 3, 3), // decile moved within the threshold
    person('p-citra', 'kk-2', 6, 4), // 5 → 6: crossed above
    person('p-dedi', 'kk-3', 4, 5), // 6 → 4: crossed below
    person('p-fajar', 'kk-5', 9, 6), // 8 → 9: moved above the threshold, nothing to do
    person('p-hana', 'kk-7', 2, 7), // new person, new family
    person('p-indra', 'kk-1', 7, 8), // new person of a known family
    // p-eka (kk-4) and p-gita (kk-6) are gone
  )
  const diff = diffOk(september, december)

  it('lists new people with their decile, and counts new families', () => {
    expect(diff.added).toEqual([
      { personKey: 'p-hana', familyKey: 'kk-7', after: 2, rowNumber: 7 },
      { personKey: 'p-indra', familyKey: 'kk-1', after: 7, rowNumber: 8 },
    ])
    expect(diff.newFamilies).toBe(1)
  })

  it('lists people gone from the extract with their last decile, and families gone', () => {
    expect(diff.gone).toEqual([
      { personKey: 'p-eka', familyKey: 'kk-4', before: 3 },
      { personKey: 'p-gita', familyKey: 'kk-6', before: 1 },
    ])
    expect(diff.goneFamilies).toBe(2)
  })

  it('lists crossings of the threshold either way, with the decile before and after', () => {
    expect(diff.crossedUp).toEqual([
      { personKey: 'p-citra', familyKey: 'kk-2', before: 5, after: 6, rowNumber: 4 },
    ])
    expect(diff.crossedDown).toEqual([
      { personKey: 'p-dedi', familyKey: 'kk-3', before: 6, after: 4, rowNumber: 5 },
    ])
  })

  it('counts moves on one side of the threshold and unchanged people, and nothing else', () => {
    expect(diff.movedWithinSide).toBe(2)
    expect(diff.unchanged).toBe(1)
    expect(diff).toMatchObject({ isFirst: false, sameSnapshot: false, duplicates: [] })
    expect(diff.lastSnapshotDate).toBe('2026-09-30')
  })

  it('remembers the new extract without row numbers, one entry a person', () => {
    expect(diff.next.snapshotDate).toBe('2026-12-01')
    expect(diff.next.people).toHaveLength(7)
    expect(diff.next.people[0]).toEqual({ personKey: 'p-ani', familyKey: 'kk-1', decile: 2 })
  })

  it('takes the threshold from the district: with 6, decile 6 is not a crossing', () => {
    const wider = diffDtsenExtracts(september, december, 6, TODAY)
    expect(wider.ok && keysOf(wider.crossedUp)).toEqual([])
    expect(wider.ok && keysOf(wider.crossedDown)).toEqual([])
    expect(isDecileEligible(5, 5)).toBe(true)
    expect(isDecileEligible(6, 5)).toBe(false)
  })
})

describe('diffDtsenExtracts: edge cases', () => {
  it('treats everyone as new on the first extract of this PC', () => {
    const diff = diffOk(null, september)
    expect(diff.isFirst).toBe(true)
    expect(diff.added).toHaveLength(7)
    expect(diff.gone).toEqual([])
    expect(diff.newFamilies).toBe(6)
  })

  it('keeps the first row of a person listed twice and reports the later row', () => {
    const diff = diffOk(
      september,
      extract('2026-12-01', person('p-ani', 'kk-1', 2, 2), person('p-ani', 'kk-1', 9, 40)),
    )
    expect(diff.duplicates).toEqual([{ personKey: 'p-ani', rowNumber: 40, firstRowNumber: 2 }])
    // The later row's decile 9 is not read as a crossing.
    expect(diff.crossedUp).toEqual([])
    expect(diff.unchanged).toBe(1)
    expect(diff.next.people).toEqual([{ personKey: 'p-ani', familyKey: 'kk-1', decile: 2 }])
  })

  it('refuses an extract older than the last one applied', () => {
    expect(diffDtsenExtracts(september, extract('2026-06-30'), MAX_DECILE, TODAY)).toEqual({
      ok: false,
      reason: 'OLDER_THAN_LAST',
      snapshotDate: '2026-06-30',
      lastSnapshotDate: '2026-09-30',
    })
  })

  it('allows the same snapshot again (a corrected file) and says so', () => {
    const diff = diffOk(september, { ...september, people: september.people.slice(1) })
    expect(diff.sameSnapshot).toBe(true)
    expect(keysOf(diff.gone)).toEqual(['p-ani'])
  })

  it.each([
    ['not a date', '30-09-2026', 'SNAPSHOT_DATE_INVALID'],
    ['an impossible day', '2026-02-30', 'SNAPSHOT_DATE_INVALID'],
    ['after today', '2026-12-07', 'SNAPSHOT_IN_FUTURE'],
  ])('refuses a snapshot date that is %s', (_label, snapshotDate, reason) => {
    const diff = diffDtsenExtracts(null, extract(snapshotDate), MAX_DECILE, TODAY)
    expect(diff).toMatchObject({ ok: false, reason })
  })
})

describe('the remembered extract', () => {
  it('reads back what it wrote, families listed once', () => {
    const encoded = encodeDtsenExtract({
      snapshotDate: '2026-09-30',
      people: [...september.people, person('p-joko', '', 10)],
    })
    expect(encoded.families).toEqual(['kk-1', 'kk-2', 'kk-3', 'kk-4', 'kk-5', 'kk-6'])
    expect(decodeDtsenExtract(encoded)).toEqual({
      snapshotDate: '2026-09-30',
      people: [...september.people, person('p-joko', '', 10)],
    })
  })

  it.each([
    ['a decile of 11', 'p-a:11:0'],
    ['a family that is not listed', 'p-a:3:9'],
    ['an entry without a person', ':3:0'],
  ])('gives up on stored text with %s', (_label, people) => {
    expect(decodeDtsenExtract({ snapshotDate: '2026-09-30', families: ['kk-1'], people })).toBe(
      null,
    )
  })

  it('keys a family by a keyed hash of its KK, never the KK itself', () => {
    const key = new Uint8Array(32).fill(7)
    const other = new Uint8Array(32).fill(8)
    const kk = '6402011203150001'
    const familyKey = dtsenFamilyKey(kk, key)
    expect(familyKey).toMatch(/^[0-9a-f]{24}$/)
    expect(familyKey).not.toContain(kk.slice(0, 6))
    expect(dtsenFamilyKey(kk, key)).toBe(familyKey)
    expect(dtsenFamilyKey('6402011203150002', key)).not.toBe(familyKey)
    expect(dtsenFamilyKey(kk, other)).not.toBe(familyKey)
  })
})
