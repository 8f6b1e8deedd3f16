import { describe, expect, it } from 'vitest'
import {
  applyConflictChoices,
  ConflictChoiceError,
  mergeParticipant,
  sameParticipantState,
  type MergeableParticipant,
} from '@shared/sync/merge'
import { withDeathReported } from '@shared/participant/death'
import { openClaimCase, withDocument, type ClaimCase } from '@shared/claims/claim-case'

const NOW = '2025-03-01T08:00:00.000Z'

const base: MergeableParticipant = {
  id: 'p-1',
  registrationNumber: '0601-000001',
  nik: '6402065505900001',
  kk: '6402060101100123',
  fullName: 'Siti Aminah',
  nameKey: 'SITI AMINAH',
  birthPlace: 'Tenggarong',
  birthDate: '1990-05-15',
  sex: 'P',
  address: 'Jl. Mawar 1',
  rt: '003',
  rw: '005',
  kecamatanCode: '64.02.06',
  villageCode: '64.02.06.1001',
  occupationCode: 'petani',
  monthlyIncome: 1_500_000,
  phone: '+6281234567890',
  heirName: 'Budi',
  heirRelationship: 'suami',
  status: 'draft',
  officeCode: '06-01',
  createdAt: '2025-02-01T01:00:00.000Z',
  createdBy: 'Rina',
  updatedAt: '2025-02-01T01:00:00.000Z',
  updatedBy: 'Rina',
  duplicates: [],
  conflicts: [],
  prints: [],
  checks: [],
  _deleted: false,
}

const local = (changes: Partial<MergeableParticipant>): MergeableParticipant => ({
  ...base,
  updatedAt: '2025-02-10T02:00:00.000Z',
  updatedBy: 'Rina',
  ...changes,
})
const remote = (changes: Partial<MergeableParticipant>): MergeableParticipant => ({
  ...base,
  updatedAt: '2025-02-09T03:00:00.000Z',
  updatedBy: 'Joko (verifikator)',
  ...changes,
})

describe('merging agency checks', () => {
  const pending = (agency: string) => ({ agency, state: 'pending' as const })
  const decided = (agency: string, state: 'confirmed' | 'rejected', by: string) => ({
    agency,
    state,
    decidedBy: by,
    decidedAt: '2025-02-12T01:00:00.000Z',
    ...(state === 'rejected' ? { reasonCode: 'data-tidak-cocok' } : {}),
  })
  const submittedBase = {
    ...base,
    status: 'submitted' as const,
    checks: [pending('disdukcapil'), pending('dinsos'), pending('dkp')],
  }

  it('keeps two agencies deciding apart, and a clerk’s edit made meanwhile', () => {
    const { merged, newConflicts } = mergeParticipant({
      base: submittedBase,
      local: {
        ...submittedBase,
        address: 'Jl. Melati 2',
        checks: [
          decided('disdukcapil', 'confirmed', 'Dukcapil'),
          pending('dinsos'),
          pending('dkp'),
        ],
      },
      remote: {
        ...submittedBase,
        checks: [pending('disdukcapil'), decided('dinsos', 'confirmed', 'Dinsos'), pending('dkp')],
      },
      now: NOW,
    })
    expect(newConflicts).toEqual([])
    expect(merged.address).toBe('Jl. Melati 2')
    expect(merged.checks.map((check) => check.state)).toEqual(['confirmed', 'confirmed', 'pending'])
  })

  it('records a clash when one agency decides two ways, and a supervisor can settle it', () => {
    const { merged, newConflicts } = mergeParticipant({
      base: submittedBase,
      local: {
        ...submittedBase,
        checks: [pending('disdukcapil'), pending('dinsos'), decided('dkp', 'rejected', 'Budi')],
      },
      remote: {
        ...submittedBase,
        checks: [pending('disdukcapil'), pending('dinsos'), decided('dkp', 'confirmed', 'Sari')],
      },
      now: NOW,
    })
    expect(newConflicts.map((conflict) => conflict.field)).toEqual(['checks.dkp'])
    expect(merged.checks[2]?.state).toBe('confirmed')
    const { next } = applyConflictChoices(
      merged,
      [{ entry: newConflicts[0]!, choice: 'local' }],
      'Supervisor',
      NOW,
    )
    expect(next.checks[2]).toMatchObject({ state: 'rejected', decidedBy: 'Budi' })
    expect(next.conflicts).toEqual([])
  })
})

describe('merging print logs', () => {
  const printed = (serial: string, printedAt: string, officeCode = '06-01') => ({
    serial,
    kind: 'card' as const,
    printedAt,
    printedBy: 'Rina',
    officeCode,
    validUntil: '2025-12-31',
  })

  it('keeps every card both sides printed, oldest first, without a conflict', () => {
    const first = printed('AAAA-AAAA', '2025-02-02T01:00:00.000Z')
    const mine = printed('BBBB-BBBB', '2025-02-11T01:00:00.000Z')
    const theirs = printed('CCCC-CCCC', '2025-02-10T01:00:00.000Z', 'PUSAT')
    const { merged, newConflicts } = mergeParticipant({
      base: { ...base, prints: [first] },
      local: local({ prints: [first, mine], address: 'Jl. Melati 2' }),
      remote: remote({ prints: [first, theirs] }),
      now: NOW,
    })
    expect(newConflicts).toEqual([])
    expect(merged.prints.map((entry) => entry.serial)).toEqual([
      'AAAA-AAAA',
      'CCCC-CCCC',
      'BBBB-BBBB',
    ])
    expect(merged.address).toBe('Jl. Melati 2')
  })
})

describe('three-way merge of a participant', () => {
  it.each([
    [
      'only the client changed the address',
      { address: 'Jl. Melati 2' },
      {},
      { address: 'Jl. Melati 2' },
    ],
    [
      'only the server changed the income',
      {},
      { monthlyIncome: 2_000_000 },
      { monthlyIncome: 2_000_000 },
    ],
    [
      'each side changed a different field',
      { address: 'Jl. Melati 2' },
      { monthlyIncome: 2_000_000 },
      { address: 'Jl. Melati 2', monthlyIncome: 2_000_000 },
    ],
    ['both made the same change', { rt: '004' }, { rt: '004' }, { rt: '004' }],
    ['the client removed the phone', { phone: undefined }, {}, { phone: undefined }],
    ['the server submitted it', {}, { status: 'submitted' as const }, { status: 'submitted' }],
  ])('%s: merged without conflicts', (_story, localChanges, remoteChanges, expected) => {
    const { merged, newConflicts } = mergeParticipant({
      base,
      local: local(localChanges),
      remote: remote(remoteChanges),
      now: NOW,
    })
    expect(newConflicts).toEqual([])
    expect(merged.conflicts).toEqual([])
    for (const [field, value] of Object.entries(expected)) {
      expect(merged[field as keyof MergeableParticipant]).toEqual(value)
    }
    if ('phone' in expected && expected.phone === undefined) expect('phone' in merged).toBe(false)
  })

  it('two different changes to one field keep the server value and record the local one', () => {
    const { merged, newConflicts } = mergeParticipant({
      base,
      local: local({ address: 'Jl. Melati 2', rt: '004' }),
      remote: remote({ address: 'Jl. Kenanga 3' }),
      now: NOW,
    })
    expect(merged.address).toBe('Jl. Kenanga 3')
    expect(merged.rt).toBe('004')
    expect(newConflicts).toEqual([
      {
        field: 'address',
        localValue: '"Jl. Melati 2"',
        serverValue: '"Jl. Kenanga 3"',
        localBy: 'Rina',
        localAt: '2025-02-10T02:00:00.000Z',
        detectedAt: NOW,
      },
    ])
    expect(merged.conflicts).toEqual(newConflicts)
  })

  it('a renamed person gets a fresh search key from the merged name', () => {
    const { merged } = mergeParticipant({
      base,
      local: local({ fullName: 'Siti Aminah Putri', nameKey: 'SITI AMINAH PUTRI' }),
      remote: remote({ monthlyIncome: 1 }),
      now: NOW,
    })
    expect(merged.nameKey).toBe('SITI AMINAH PUTRI')
  })

  it('numbers and absent values are kept as JSON text in a conflict', () => {
    const { newConflicts } = mergeParticipant({
      base,
      local: local({ monthlyIncome: 1_750_000, phone: undefined }),
      remote: remote({ monthlyIncome: 2_000_000, phone: '+6281111111111' }),
      now: NOW,
    })
    expect(newConflicts.map((c) => [c.field, c.localValue, c.serverValue])).toEqual([
      ['monthlyIncome', '1750000', '2000000'],
      ['phone', 'null', '"+6281111111111"'],
    ])
  })

  it('without a common ancestor every differing field is a conflict', () => {
    const { merged, newConflicts } = mergeParticipant({
      base: undefined,
      local: local({ address: 'A' }),
      remote: remote({ address: 'B' }),
      now: NOW,
    })
    expect(merged.address).toBe('B')
    expect(newConflicts.map((c) => c.field)).toEqual(['address'])
  })

  it('the server alone decides duplicate flags', () => {
    const flag = { id: 'p-9', registrationNumber: '0701-000004', officeCode: '07-01' }
    const { merged, newConflicts } = mergeParticipant({
      base,
      local: local({ duplicates: [] }),
      remote: remote({ duplicates: [flag] }),
      now: NOW,
    })
    expect(merged.duplicates).toEqual([flag])
    expect(newConflicts).toEqual([])
  })

  it('the later edit stamp describes the merged record', () => {
    const { merged } = mergeParticipant({
      base,
      local: local({ address: 'X' }),
      remote: remote({ rt: '009' }),
      now: NOW,
    })
    expect([merged.updatedAt, merged.updatedBy]).toEqual(['2025-02-10T02:00:00.000Z', 'Rina'])
  })

  describe('conflict lists', () => {
    const older = {
      field: 'kk',
      localValue: '"1"',
      serverValue: '"2"',
      localBy: 'A',
      localAt: 'x',
      detectedAt: 'y',
    }
    it('a conflict a supervisor resolved on the server stays resolved', () => {
      const { merged } = mergeParticipant({
        base: { ...base, conflicts: [older] },
        local: local({ conflicts: [older], address: 'X' }),
        remote: remote({ conflicts: [] }),
        now: NOW,
      })
      expect(merged.conflicts).toEqual([])
    })
    it('a conflict found elsewhere and one found here are both kept, once', () => {
      const mine = { ...older, field: 'rt' }
      const { merged } = mergeParticipant({
        base,
        local: local({ conflicts: [mine] }),
        remote: remote({ conflicts: [older] }),
        now: NOW,
      })
      expect(merged.conflicts).toEqual([older, mine])
    })
    it('the same clash met twice is recorded once', () => {
      const first = mergeParticipant({
        base,
        local: local({ address: 'A' }),
        remote: remote({ address: 'B' }),
        now: NOW,
      })
      const again = mergeParticipant({
        base,
        local: local({ address: 'A', conflicts: first.merged.conflicts }),
        remote: remote({ address: 'B' }),
        now: '2025-03-02T00:00:00.000Z',
      })
      expect(again.merged.conflicts).toHaveLength(1)
    })
  })

  describe('tombstone against edit: the edit wins and the deletion is recorded', () => {
    it.each([
      [
        'deleted here, edited on the server',
        local({ _deleted: true }),
        remote({ address: 'B' }),
        'true',
        'false',
      ],
      [
        'edited here, deleted on the server',
        local({ address: 'A' }),
        remote({ _deleted: true }),
        'false',
        'true',
      ],
    ])('%s', (_story, localDoc, remoteDoc, localValue, serverValue) => {
      const { merged, newConflicts } = mergeParticipant({
        base,
        local: localDoc,
        remote: remoteDoc,
        now: NOW,
      })
      expect(merged._deleted).toBe(false)
      expect(newConflicts).toEqual([
        expect.objectContaining({ field: '_deleted', localValue, serverValue }),
      ])
    })

    it.each([
      ['deleted here, untouched on the server', local({ _deleted: true }), remote({})],
      ['untouched here, deleted on the server', local({}), remote({ _deleted: true })],
      ['deleted on both sides', local({ _deleted: true }), remote({ _deleted: true })],
    ])('%s: the record is deleted', (_story, localDoc, remoteDoc) => {
      const { merged, newConflicts } = mergeParticipant({
        base,
        local: localDoc,
        remote: remoteDoc,
        now: NOW,
      })
      expect(merged._deleted).toBe(true)
      expect(newConflicts).toEqual([])
    })
  })

  it('every local edit survives: in the document or in a conflict (random edits)', () => {
    const fields = ['address', 'rt', 'rw', 'heirName', 'birthPlace', 'monthlyIncome'] as const
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let round = 0; round < 300; round++) {
      const localChanges: Record<string, unknown> = {}
      const remoteChanges: Record<string, unknown> = {}
      for (const field of fields) {
        const value =
          field === 'monthlyIncome' ? Math.floor(random() * 3) : `v${Math.floor(random() * 3)}`
        if (random() < 0.4) localChanges[field] = value
        if (random() < 0.4)
          remoteChanges[field] =
            field === 'monthlyIncome' ? Math.floor(random() * 3) : `v${Math.floor(random() * 3)}`
      }
      const l = local(localChanges)
      const r = remote(remoteChanges)
      const { merged } = mergeParticipant({ base, local: l, remote: r, now: NOW })
      for (const [field, value] of Object.entries(localChanges)) {
        const inDoc = merged[field as keyof MergeableParticipant] === value
        const inConflict = merged.conflicts.some(
          (c) => c.field === field && c.localValue === JSON.stringify(value),
        )
        expect(inDoc || inConflict).toBe(true)
      }
      for (const [field, value] of Object.entries(remoteChanges)) {
        expect(merged[field as keyof MergeableParticipant] === value || field in localChanges).toBe(
          true,
        )
      }
    }
  })
})

describe('isEqual for the conflict handler', () => {
  it('ignores key order and RxDB meta, not content', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse())
    expect(sameParticipantState(base, { ...reordered, _rev: '1-a', _meta: { lwt: 1 } })).toBe(true)
    expect(sameParticipantState(base, { ...base, rt: '009' })).toBe(false)
    expect(sameParticipantState(base, { ...base, _deleted: true })).toBe(false)
  })
})

describe("a supervisor's choice", () => {
  const conflicted = mergeParticipant({
    base,
    local: local({ address: 'Jl. Melati 2', monthlyIncome: 9 }),
    remote: remote({ address: 'Jl. Kenanga 3', monthlyIncome: 8 }),
    now: NOW,
  }).merged
  const entry = (field: string) => {
    const found = conflicted.conflicts.find((c) => c.field === field)
    if (!found) throw new Error(`no conflict for ${field}`)
    return found
  }

  it('takes the chosen value and removes that conflict only', () => {
    const { next, changedFields } = applyConflictChoices(
      conflicted,
      [{ entry: entry('address'), choice: 'local' }],
      'Sari (supervisor)',
      NOW,
    )
    expect(next.address).toBe('Jl. Melati 2')
    expect(changedFields).toEqual(['address'])
    expect(next.conflicts.map((c) => c.field)).toEqual(['monthlyIncome'])
    expect(next.updatedBy).toBe('Sari (supervisor)')
  })

  it("keeping the server's value changes no data but clears the conflict", () => {
    const { next, changedFields } = applyConflictChoices(
      conflicted,
      [
        { entry: entry('address'), choice: 'server' },
        { entry: entry('monthlyIncome'), choice: 'server' },
      ],
      'Sari',
      NOW,
    )
    expect(changedFields).toEqual([])
    expect(next.conflicts).toEqual([])
    expect(next.address).toBe('Jl. Kenanga 3')
  })

  it('settles only the entry the supervisor saw, not a later one for the same field', () => {
    const seen = entry('address')
    // Another office's clashing address arrived by sync after the screen was drawn.
    const later = {
      ...seen,
      localValue: JSON.stringify('Jl. Mawar 9'),
      localBy: 'Bayu',
      localAt: '2026-03-02T09:00:00.000Z',
      detectedAt: '2026-03-02T09:00:05.000Z',
    }
    const doc = { ...conflicted, conflicts: [...conflicted.conflicts, later] }
    const { next } = applyConflictChoices(doc, [{ entry: seen, choice: 'local' }], 'Sari', NOW)
    expect(next.address).toBe('Jl. Melati 2')
    expect(next.conflicts).toEqual([entry('monthlyIncome'), later])
  })

  it('an entry identical in field and values but from another clerk or time is another entry', () => {
    const seen = entry('address')
    const twin = { ...seen, localBy: 'Dewi', detectedAt: '2026-03-03T00:00:00.000Z' }
    const doc = { ...conflicted, conflicts: [seen, twin] }
    const { next } = applyConflictChoices(doc, [{ entry: seen, choice: 'server' }], 'Sari', NOW)
    expect(next.conflicts).toEqual([twin])
  })

  it('ignores a decision about an entry no longer in the record', () => {
    const gone = { ...entry('address'), detectedAt: '2020-01-01T00:00:00.000Z' }
    const { next, changedFields } = applyConflictChoices(
      conflicted,
      [{ entry: gone, choice: 'local' }],
      'Sari',
      NOW,
    )
    expect(changedFields).toEqual([])
    expect(next.conflicts).toEqual(conflicted.conflicts)
  })

  it('refuses two decisions that give one field two values', () => {
    const seen = entry('address')
    const twin = { ...seen, localValue: JSON.stringify('Jl. Lain'), localBy: 'Dewi' }
    const doc = { ...conflicted, conflicts: [seen, twin] }
    expect(() =>
      applyConflictChoices(
        doc,
        [
          { entry: seen, choice: 'local' },
          { entry: twin, choice: 'local' },
        ],
        'Sari',
        NOW,
      ),
    ).toThrow(ConflictChoiceError)
  })
})

describe('a death reported on a copy the server has moved past', () => {
  // The PC held the record as submitted; meanwhile it was approved and enrolled on the server.
  const submitted = { ...base, status: 'submitted' as const }
  const enrolled = remote({
    status: 'active',
    kpjNumber: '20000000001',
    coverage: [{ year: 2025, from: '2025-01-01', batchId: 'B-1' }],
  })
  const report = withDeathReported(
    submitted,
    {
      date: '2025-02-20',
      source: 'keluarga',
      reference: 'AKTA-1',
      reportedAt: '2025-02-21T02:00:00.000Z',
      reportedBy: 'Rina',
      officeCode: '06-01',
    },
    '2025-02-21',
  )
  if (!report.ok) throw new Error('fixture')

  it('is applied again to the server’s record: its coverage ends, with no clash', () => {
    const { merged, newConflicts } = mergeParticipant({
      base: submitted,
      local: { ...local({}), ...report.doc },
      remote: enrolled,
      now: NOW,
    })
    expect(newConflicts).toEqual([])
    expect(merged.status).toBe('ended')
    expect(merged.coverage).toEqual([
      {
        year: 2025,
        from: '2025-01-01',
        batchId: 'B-1',
        until: '2025-02-28',
        endReason: 'meninggal',
      },
    ])
    // What a withdrawal restores is the server's record, not the stale copy.
    expect(merged.death).toMatchObject({
      date: '2025-02-20',
      previousStatus: 'active',
      previousCoverage: enrolled.coverage,
    })
    expect(merged.kpjNumber).toBe('20000000001')
  })

  it('keeps the server’s report, and the clerk’s as a clash, when the death was reported there too', () => {
    const there = withDeathReported(
      enrolled,
      {
        date: '2025-02-19',
        source: 'desa',
        reference: 'DESA-7',
        reportedAt: '2025-02-20T02:00:00.000Z',
        reportedBy: 'Joko',
        officeCode: '06-02',
      },
      '2025-02-20',
    )
    if (!there.ok) throw new Error('fixture')
    const { merged, newConflicts } = mergeParticipant({
      base: submitted,
      local: { ...local({}), ...report.doc },
      remote: { ...enrolled, ...there.doc },
      now: NOW,
    })
    expect(merged.death).toEqual(there.doc.death)
    expect(newConflicts.map((conflict) => conflict.field)).toContain('death')
  })
})

describe('claim cases', () => {
  const opened = openClaimCase(
    {
      id: '6c269cbb-bf62-4ce9-a38e-0826e3933fbe',
      participantId: 'c8d204a0-f6ea-491e-9806-a2c576fe24c8',
      kecamatanCode: '64.02.06',
      kind: 'jkm',
      eventOn: '2025-02-20',
      openedOn: '2025-02-21',
      by: 'Rina',
      heir: { name: 'Budi', relationshipCode: 'anak', recordIndex: 0 },
    },
    '2025-02-21',
  )
  if (!opened.ok) throw new Error('fixture')
  const tick = (claim: ClaimCase, code: ClaimCase['documents'][number]['code']) => {
    const result = withDocument(claim, { code, state: 'received', on: '2025-02-22' }, '2025-02-22')
    if (!result.ok) throw new Error('fixture')
    return result.claim
  }
  const withClaims = (claims: ClaimCase[]) => ({ claims })

  it('keeps a document ticked right after opening, when the opening meets it as the server’s copy', () => {
    // One PC: the case opened (push 1), a document ticked before push 1 returned (push 2 still
    // assumes the record without the case).
    const ticked = tick(opened.claim, 'akta-kematian')
    const { merged, newConflicts } = mergeParticipant({
      base,
      local: local(withClaims([ticked])),
      remote: remote(withClaims([opened.claim])),
      now: NOW,
    })
    expect(newConflicts).toEqual([])
    expect(merged.claims).toEqual([ticked])
  })

  it('keeps the documents two PCs ticked while apart, and a case only one side opened', () => {
    const here = tick(opened.claim, 'akta-kematian')
    const there = tick(opened.claim, 'kartu-keluarga')
    const { merged, newConflicts } = mergeParticipant({
      base: { ...base, ...withClaims([opened.claim]) },
      local: local(withClaims([here])),
      remote: remote(withClaims([there])),
      now: NOW,
    })
    expect(newConflicts).toEqual([])
    const states = Object.fromEntries(
      (merged.claims?.[0]?.documents ?? []).map((entry) => [entry.code, entry.state]),
    )
    expect(states['akta-kematian']).toBe('received')
    expect(states['kartu-keluarga']).toBe('received')
    expect(states['ktp-ahli-waris']).toBe('missing')
  })
})
