/**
 * Re-verification decisions on the record (schema v7, shared/reverification/reverification-decision.ts):
 * how one is built, which one of a year counts, and — mostly — the pushes the server must refuse:
 * a decision removed, rewritten or reordered; a malformed one; one on a record the server does not
 * hold; one made outside the decider's reach. Then the two places the decisions feed: the
 * proposal keeps a decided person proposed after the facts changed, and a merge of two PCs that
 * decided while apart keeps both decisions.
 */
import { describe, expect, it } from 'vitest'
import type { PrintRecord } from '@shared/cards/print-log'
import type { CoveragePeriod, ParticipantDocument } from '@shared/participant/participant-document'
import {
  decreeList,
  proposeReverification,
  type ReverificationInput,
} from '@shared/reverification/proposal'
import {
  canDecide,
  latestDecisionOf,
  MAX_DECISION_NOTE_LENGTH,
  MAX_REVERIFICATION_DECISIONS,
  newDecision,
  recordedOfYear,
  reverificationProblemOfPush,
  type DecisionActor,
  type DecisionFields,
  type ReverificationDecision,
} from '@shared/reverification/reverification-decision'
import { mergeParticipant, type MergeableParticipant } from '@shared/sync/merge'

const YEAR = 2027
const TENGGARONG = '64.02.06'
const LOA_KULU = '64.02.07'

const decision = (over: Partial<ReverificationDecision> = {}): ReverificationDecision => ({
  year: YEAR,
  outcome: 'continued',
  reasons: ['belum-dicetak'],
  decidedBy: 'Rina',
  decidedRole: 'operator',
  decidedAt: '2026-11-02T02:00:00.000Z',
  ...over,
})

const ended = (over: Partial<ReverificationDecision> = {}): ReverificationDecision =>
  decision({ outcome: 'ended', endReason: 'pindah', reasons: ['pindah'], ...over })

const record = (reverification?: ReverificationDecision[]): DecisionFields => ({
  id: 'p-1',
  kecamatanCode: TENGGARONG,
  ...(reverification ? { reverification } : {}),
})

const clerkOf = (kecamatanCode: string): DecisionActor => ({
  role: 'operator',
  office: { kind: 'kecamatan', kecamatanCode },
})
const TENGGARONG_CLERK = clerkOf(TENGGARONG)
const LOA_KULU_CLERK = clerkOf(LOA_KULU)
const AGENCY_OFFICE = { kind: 'agency' as const, kecamatanCode: null }
const CENTRAL_OFFICE = { kind: 'central' as const, kecamatanCode: null }

/** The stored record with `stored` decisions, pushed with `pushed`, by `actor`. */
const judge = (
  stored: ReverificationDecision[] | undefined,
  pushed: readonly unknown[] | undefined,
  actor: DecisionActor = TENGGARONG_CLERK,
) =>
  reverificationProblemOfPush(
    record(stored),
    { ...record(), ...(pushed ? { reverification: pushed as ReverificationDecision[] } : {}) },
    actor,
  )

describe('newDecision', () => {
  const input = {
    year: YEAR,
    reasons: ['belum-dicetak', 'batas-usia'] as const,
    decidedBy: 'Rina',
    decidedRole: 'operator' as const,
    decidedAt: '2026-11-02T02:00:00.000Z',
  }

  it('records a continuation without an end reason, its reasons in the canonical order', () => {
    expect(newDecision({ ...input, outcome: { kind: 'continued' } })).toEqual({
      year: YEAR,
      outcome: 'continued',
      reasons: ['batas-usia', 'belum-dicetak'],
      decidedBy: 'Rina',
      decidedRole: 'operator',
      decidedAt: '2026-11-02T02:00:00.000Z',
    })
  })

  it('records an ending with its reason, and a pending without one', () => {
    const end = newDecision({ ...input, outcome: { kind: 'ended', reason: 'pindah' } })
    expect(end).toMatchObject({ outcome: 'ended', endReason: 'pindah' })
    const pending = newDecision({ ...input, outcome: { kind: 'pending' } })
    expect(pending.outcome).toBe('pending')
    expect('endReason' in pending).toBe(false)
    const decile = newDecision({
      ...input,
      outcome: { kind: 'ended', reason: 'tidak-layak-desil' },
    })
    expect(decile.endReason).toBe('tidak-layak-desil')
  })

  it('trims the note, leaves out an empty one, cuts a long one to the limit and drops repeats', () => {
    const outcome = { kind: 'continued' } as const
    expect(newDecision({ ...input, outcome, note: '  ditelepon, masih nelayan  ' }).note).toBe(
      'ditelepon, masih nelayan',
    )
    expect('note' in newDecision({ ...input, outcome, note: '   ' })).toBe(false)
    const long = newDecision({ ...input, outcome, note: 'x'.repeat(MAX_DECISION_NOTE_LENGTH + 50) })
    expect(long.note).toHaveLength(MAX_DECISION_NOTE_LENGTH)
    const repeated = newDecision({ ...input, outcome, reasons: ['pindah', 'pindah'] })
    expect(repeated.reasons).toEqual(['pindah'])
  })

  it('throws on a decision it could not store: admin role, a non-ISO time, nobody, a bad year', () => {
    const outcome = { kind: 'continued' } as const
    expect(() => newDecision({ ...input, outcome, decidedRole: 'admin' })).toThrow(RangeError)
    expect(() => newDecision({ ...input, outcome, decidedAt: '02/11/2026 10:00' })).toThrow(
      RangeError,
    )
    expect(() => newDecision({ ...input, outcome, decidedBy: '  ' })).toThrow(RangeError)
    expect(() => newDecision({ ...input, outcome, year: 1999 })).toThrow(RangeError)
    expect(() =>
      newDecision({
        ...input,
        // A reason no end of coverage has, forced past the type.
        outcome: { kind: 'ended', reason: 'bosan' as 'pindah' },
      }),
    ).toThrow(RangeError)
  })
})

describe('latestDecisionOf and recordedOfYear', () => {
  it("takes the year's latest decision by decidedAt, not by its place in the list", () => {
    // PC B decided later but synced first: its entry comes first on the server.
    const later = ended({ decidedAt: '2026-11-05T01:00:00.000Z', decidedBy: 'Sari' })
    const earlier = decision({ decidedAt: '2026-11-02T01:00:00.000Z' })
    expect(latestDecisionOf({ reverification: [later, earlier] }, YEAR)).toBe(later)
    expect(latestDecisionOf({ reverification: [earlier, later] }, YEAR)).toBe(later)
  })

  it('compares instants, not texts: 10:00 WITA is earlier than 02:30 UTC the same day', () => {
    const wita = ended({ decidedAt: '2026-11-02T10:00:00+08:00' })
    const utc = decision({ decidedAt: '2026-11-02T02:30:00Z' })
    expect(latestDecisionOf({ reverification: [utc, wita] }, YEAR)).toBe(utc)
  })

  it('of two at the same moment, the later in the list counts', () => {
    const first = decision()
    const second = ended()
    expect(latestDecisionOf({ reverification: [first, second] }, YEAR)).toBe(second)
  })

  it('keeps each year apart: a later decision for the next year does not count for this one', () => {
    const thisYear = ended({ decidedAt: '2026-11-02T01:00:00.000Z' })
    const nextYear = decision({ year: YEAR + 1, decidedAt: '2027-11-02T01:00:00.000Z' })
    const doc = { reverification: [thisYear, nextYear] }
    expect(latestDecisionOf(doc, YEAR)).toBe(thisYear)
    expect(latestDecisionOf(doc, YEAR + 1)).toBe(nextYear)
    expect(latestDecisionOf(doc, YEAR - 1)).toBeUndefined()
    expect(latestDecisionOf({}, YEAR)).toBeUndefined()
  })

  it('gives the outcomes of the year and the reasons each was proposed for', () => {
    const docs = [
      {
        id: 'a',
        reverification: [
          decision({ decidedAt: '2026-11-01T01:00:00.000Z' }),
          ended({ reasons: ['pindah', 'belum-dicetak'], decidedAt: '2026-11-03T01:00:00.000Z' }),
        ],
      },
      { id: 'b', reverification: [decision({ outcome: 'pending', reasons: ['batas-usia'] })] },
      { id: 'c', reverification: [decision({ year: YEAR - 1 })] },
      { id: 'd' },
    ]
    const { outcomes, recordedReasons } = recordedOfYear(docs, YEAR)
    expect(outcomes).toEqual([
      { participantId: 'a', outcome: { kind: 'ended', reason: 'pindah' } },
      { participantId: 'b', outcome: { kind: 'pending' } },
    ])
    expect([...recordedReasons]).toEqual([
      ['a', ['pindah', 'belum-dicetak']],
      ['b', ['batas-usia']],
    ])
  })
})

describe('reverificationProblemOfPush: decisions only grow', () => {
  const first = decision({ decidedAt: '2026-11-01T01:00:00.000Z' })
  const second = ended({ decidedAt: '2026-11-03T01:00:00.000Z' })

  it('accepts a decision appended after the stored ones, and a first one', () => {
    expect(judge([first], [first, second])).toBeNull()
    expect(judge(undefined, [first])).toBeNull()
    expect(judge([], [first, second])).toBeNull()
  })

  it('refuses a removal: one decision dropped, or the whole list', () => {
    expect(judge([first, second], [first])).toBe('DECISION_REWRITTEN')
    expect(judge([first, second], [second])).toBe('DECISION_REWRITTEN')
    expect(judge([first], [])).toBe('DECISION_REWRITTEN')
    expect(judge([first], undefined)).toBe('DECISION_REWRITTEN')
  })

  it('refuses a rewrite, even one hidden behind an added decision', () => {
    expect(judge([second], [{ ...second, endReason: 'meninggal' }])).toBe('DECISION_REWRITTEN')
    expect(judge([second], [{ ...second, outcome: 'continued', endReason: undefined }])).toBe(
      'DECISION_REWRITTEN',
    )
    expect(judge([first], [{ ...first, decidedBy: 'Sari' }, second])).toBe('DECISION_REWRITTEN')
    expect(judge([first], [{ ...first, note: 'ditambah belakangan' }])).toBe('DECISION_REWRITTEN')
  })

  it('refuses a reorder (the same decisions, a different story of who decided last)', () => {
    expect(judge([first, second], [second, first])).toBe('DECISION_REWRITTEN')
  })

  it('does not count the key order of a stored decision as a rewrite', () => {
    const reordered = Object.fromEntries(Object.entries(first).reverse())
    expect(judge([first], [reordered, second])).toBeNull()
  })

  it('lets an unchanged list through whoever pushes, from wherever', () => {
    const elsewhere: DecisionActor[] = [
      LOA_KULU_CLERK,
      { role: 'admin', office: CENTRAL_OFFICE },
      { role: 'operator', office: AGENCY_OFFICE },
    ]
    for (const actor of elsewhere) {
      expect(judge([first, second], [first, second], actor)).toBeNull()
      expect(judge(undefined, undefined, actor)).toBeNull()
    }
  })

  it('refuses a list grown past the limit', () => {
    const many = Array.from({ length: MAX_REVERIFICATION_DECISIONS }, (_, index) =>
      decision({ decidedAt: `2026-11-02T02:${String(index).padStart(2, '0')}:00.000Z` }),
    )
    expect(judge(many.slice(0, -1), many)).toBeNull()
    expect(judge(many, [...many, second])).toBe('DECISION_INVALID')
  })
})

describe('reverificationProblemOfPush: a malformed decision is refused', () => {
  const stored = [decision()]
  const malformed: [string, unknown][] = [
    ['an unknown outcome', { ...decision(), outcome: 'dicoret' }],
    ['an ending without its reason', { ...decision(), outcome: 'ended' }],
    ['an ending for a reason no end has', { ...ended(), endReason: 'bosan' }],
    ['an end reason on a continuation', { ...decision(), endReason: 'pindah' }],
    ['an end reason on a pending', { ...decision(), outcome: 'pending', endReason: 'pindah' }],
    ['an unknown proposal reason', { ...decision(), reasons: ['belum-dicetak', 'malas'] }],
    ['a reason twice', { ...decision(), reasons: ['pindah', 'pindah'] }],
    ['reasons that are not a list', { ...decision(), reasons: 'pindah' }],
    ['an extra key', { ...decision(), approvedBy: 'Kepala Dinas' }],
    ['a note over the limit', { ...decision(), note: 'x'.repeat(MAX_DECISION_NOTE_LENGTH + 1) }],
    ['a note that is no text', { ...decision(), note: 42 }],
    ['a time that is not ISO', { ...decision(), decidedAt: '02/11/2026 10:00' }],
    ['a day without a time', { ...decision(), decidedAt: '2026-11-02' }],
    // Shaped like an instant, yet none: it would rank below every decision (latestDecisionOf).
    ['an instant that does not exist', { ...decision(), decidedAt: '2026-13-45T99:99:99Z' }],
    ['no time at all', { ...decision(), decidedAt: undefined }],
    ['the admin role', { ...decision(), decidedRole: 'admin' }],
    ['a role nobody has', { ...decision(), decidedRole: 'bupati' }],
    ['nobody named', { ...decision(), decidedBy: '   ' }],
    ['a year out of range', { ...decision(), year: 1999 }],
    ['a year that is not whole', { ...decision(), year: 2027.5 }],
    ['a year as text', { ...decision(), year: '2027' }],
    ['null', null],
    ['a list', [decision()]],
  ]

  it.each(malformed)('%s', (_, bad) => {
    expect(judge(stored, [...stored, bad])).toBe('DECISION_INVALID')
    // Also behind a good one: every added decision is judged, not only the first.
    expect(judge(stored, [...stored, ended(), bad])).toBe('DECISION_INVALID')
  })

  it('refuses a field that is not a list at all', () => {
    expect(
      reverificationProblemOfPush(
        record(),
        { ...record(), reverification: 'ended' as unknown as ReverificationDecision[] },
        TENGGARONG_CLERK,
      ),
    ).toBe('DECISION_INVALID')
  })

  it('judges a decision on a record the server does not hold yet by the record itself', () => {
    // An existing member imported on a PC and re-checked before its first push.
    expect(
      reverificationProblemOfPush(undefined, record([decision()]), TENGGARONG_CLERK),
    ).toBeNull()
    expect(
      reverificationProblemOfPush(
        undefined,
        { ...record([decision()]), deleted: true },
        TENGGARONG_CLERK,
      ),
    ).toBe('DECISION_INVALID')
    // A new record without decisions is no concern of this rule.
    expect(reverificationProblemOfPush(undefined, record(), TENGGARONG_CLERK)).toBeNull()
    expect(reverificationProblemOfPush(undefined, record([]), TENGGARONG_CLERK)).toBeNull()
  })
})

describe("reverificationProblemOfPush: in the decider's reach", () => {
  it("a clerk decides for their own kecamatan's people, not another's", () => {
    expect(judge([], [ended()], TENGGARONG_CLERK)).toBeNull()
    expect(judge([], [ended()], LOA_KULU_CLERK)).toBe('DECISION_NOT_YOUR_KECAMATAN')
  })

  it('both the one who pushes and the role the decision states must be able to decide', () => {
    // An admin pushes nothing of the kind, whoever the decision names.
    const adminAtLoaKulu: DecisionActor = {
      role: 'admin',
      office: { kind: 'kecamatan', kecamatanCode: LOA_KULU },
    }
    expect(judge([], [ended()], adminAtLoaKulu)).toBe('DECISION_ROLE_FORBIDDEN')
    // A supervisor pushing a decision in a clerk's name from another kecamatan's PC: the clerk's
    // role is judged by that PC's office.
    const supervisorAtLoaKulu: DecisionActor = { ...adminAtLoaKulu, role: 'supervisor' }
    expect(judge([], [ended()], supervisorAtLoaKulu)).toBe('DECISION_NOT_YOUR_KECAMATAN')
    // A central clerk naming the office's supervisor: the clerk cannot decide.
    expect(
      judge([], [ended({ decidedRole: 'supervisor' })], {
        role: 'operator',
        office: CENTRAL_OFFICE,
      }),
    ).toBe('DECISION_NOT_YOUR_KECAMATAN')
  })

  it('an agency verifier records ended or pending, never a continuation', () => {
    const verifier: DecisionActor = { role: 'verifier', office: AGENCY_OFFICE }
    expect(judge([], [ended({ decidedRole: 'verifier' })], verifier)).toBeNull()
    expect(
      judge([], [decision({ decidedRole: 'verifier', outcome: 'pending' })], verifier),
    ).toBeNull()
    expect(judge([], [decision({ decidedRole: 'verifier', outcome: 'continued' })], verifier)).toBe(
      'DECISION_VERIFIER_CONTINUES',
    )
  })

  it('a clerk of an agency or the central office decides for nobody', () => {
    expect(judge([], [ended()], { role: 'operator', office: AGENCY_OFFICE })).toBe(
      'DECISION_NOT_YOUR_KECAMATAN',
    )
    expect(judge([], [ended()], { role: 'operator', office: CENTRAL_OFFICE })).toBe(
      'DECISION_NOT_YOUR_KECAMATAN',
    )
    // A kecamatan office without a kecamatan is no office of anyone's kecamatan.
    expect(
      judge([], [ended()], {
        role: 'operator',
        office: { kind: 'kecamatan', kecamatanCode: null },
      }),
    ).toBe('DECISION_NOT_YOUR_KECAMATAN')
  })

  it('an agency verifier and a supervisor decide for anyone in the district', () => {
    const byVerifier = ended({ decidedBy: 'Joko', decidedRole: 'verifier' })
    expect(judge([], [byVerifier], { role: 'verifier', office: AGENCY_OFFICE })).toBeNull()
    const bySupervisor = decision({ decidedBy: 'Dewi', decidedRole: 'supervisor' })
    expect(judge([], [bySupervisor], { role: 'supervisor', office: CENTRAL_OFFICE })).toBeNull()
  })

  it('judges every added decision: a good one first does not carry a bad one', () => {
    const byVerifier = ended({ decidedBy: 'Joko', decidedRole: 'verifier' })
    expect(judge([], [byVerifier, ended()], { role: 'verifier', office: AGENCY_OFFICE })).toBe(
      'DECISION_NOT_YOUR_KECAMATAN',
    )
  })

  it('canDecide: admins never, clerks only at home', () => {
    expect(canDecide({ role: 'admin', office: CENTRAL_OFFICE }, TENGGARONG)).toBe(
      'DECISION_ROLE_FORBIDDEN',
    )
    expect(canDecide(TENGGARONG_CLERK, TENGGARONG)).toBeNull()
    expect(canDecide(TENGGARONG_CLERK, LOA_KULU)).toBe('DECISION_NOT_YOUR_KECAMATAN')
    expect(canDecide({ role: 'verifier', office: AGENCY_OFFICE }, LOA_KULU)).toBeNull()
    expect(canDecide({ role: 'supervisor', office: CENTRAL_OFFICE }, LOA_KULU)).toBeNull()
  })
})

describe('the proposal keeps a decided person proposed', () => {
  const PROPOSAL_YEAR = 2029
  const PREV = PROPOSAL_YEAR - 1
  const card: PrintRecord = {
    serial: 'AAAA-0001',
    kind: 'card',
    printedAt: `${PREV}-12-01T02:00:00.000Z`,
    printedBy: 'Operator',
    officeCode: '06-01',
    validUntil: `${PREV}-12-31`,
  }
  const fullYear: CoveragePeriod = {
    year: PREV,
    from: `${PREV}-01-01`,
    batchId: `R${PREV}`,
    payerCode: 'apbd-kab',
  }

  function person(id: string, over: Partial<ParticipantDocument> = {}): ParticipantDocument {
    return {
      id,
      registrationNumber: `0601-${id.padStart(6, '0')}`,
      nik: '6402060101900001',
      nikIndex: '',
      kk: '6402060101150003',
      fullName: `Peserta ${id}`,
      nameKey: `peserta ${id}`,
      birthPlace: 'Tenggarong',
      birthDate: '1980-06-15',
      sex: 'L',
      address: 'Jl. Mulawarman 1',
      rt: '001',
      rw: '002',
      kecamatanCode: TENGGARONG,
      villageCode: `${TENGGARONG}.1001`,
      occupationCode: 'nelayan',
      monthlyIncome: 1_500_000,
      heirName: 'Siti',
      heirRelationship: 'istri',
      status: 'active',
      officeCode: '06-01',
      createdAt: `${PREV - 1}-05-01T08:00:00.000Z`,
      createdBy: 'Operator',
      updatedAt: `${PREV - 1}-05-01T08:00:00.000Z`,
      updatedBy: 'Operator',
      duplicates: [],
      conflicts: [],
      prints: [card],
      checks: [],
      kpjNumber: '29000000001',
      coverage: [fullYear],
      ...over,
    }
  }

  const inputOf = (
    participants: ParticipantDocument[],
    extra: Partial<ReverificationInput> = {},
  ): ReverificationInput => ({
    participants,
    year: PROPOSAL_YEAR,
    ageRange: { min: 18, max: 64 },
    districtRegionCode: '64.02',
    ...extra,
  })

  /**
   * Proposed in November without a card; the office rang, he has moved away: ended, pindah.
   * A card was printed for him in December (the print queue ran before the decision synced).
   */
  const decided = ended({
    year: PROPOSAL_YEAR,
    reasons: ['belum-dicetak'],
    decidedAt: `${PREV}-11-20T02:00:00.000Z`,
  })
  const moved = person('1', { reverification: [decided] })
  const other = person('2')

  it('was proposed for the missing card, and no longer would be without its decision', () => {
    const before = proposeReverification(inputOf([{ ...moved, prints: [] }, other]))
    expect(before.candidates.map((c) => [c.participantId, c.reasons])).toEqual([
      ['1', ['belum-dicetak']],
    ])
    expect(proposeReverification(inputOf([moved, other])).candidates).toEqual([])
  })

  it('with the recorded reasons he stays proposed, and the decree counts him as ended', () => {
    const { outcomes, recordedReasons } = recordedOfYear([moved, other], PROPOSAL_YEAR)
    const proposal = proposeReverification(inputOf([moved, other], { recordedReasons }))
    expect(proposal.candidates.map((c) => [c.participantId, c.reasons])).toEqual([
      ['1', ['belum-dicetak']],
    ])
    const result = decreeList(proposal, [moved, other], outcomes)
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    expect(result.decree.ended).toEqual([
      { participantId: '1', kecamatanCode: TENGGARONG, reason: 'pindah' },
    ])
    // Not silently listed for another year of coverage.
    expect(result.decree.entries.map((entry) => entry.participantId)).toEqual(['2'])
    expect(result.decree.beritaAcara).toEqual([
      expect.objectContaining({
        kecamatanCode: TENGGARONG,
        proposed: 1,
        ended: 1,
        endedByReason: expect.objectContaining({ pindah: 1 }),
        listed: 1,
      }),
    ])
  })

  it('without them the decree refuses the decision rather than drop it', () => {
    const { outcomes } = recordedOfYear([moved, other], PROPOSAL_YEAR)
    const result = decreeList(
      proposeReverification(inputOf([moved, other])),
      [moved, other],
      outcomes,
    )
    expect(result).toEqual({ ok: false, problems: [{ code: 'NOT_PROPOSED', participantId: '1' }] })
  })
})

describe('merging decisions made while apart', () => {
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
    kecamatanCode: TENGGARONG,
    villageCode: `${TENGGARONG}.1001`,
    occupationCode: 'petani',
    monthlyIncome: 1_500_000,
    heirName: 'Budi',
    heirRelationship: 'suami',
    status: 'active',
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
  const earlier = decision({ decidedAt: '2026-11-01T01:00:00.000Z' })

  it('keeps both decisions, the server’s first, and the server accepts the result', () => {
    const mine = ended({ decidedBy: 'Rina', decidedAt: '2026-11-03T01:00:00.000Z' })
    const theirs = decision({
      outcome: 'pending',
      decidedBy: 'Joko',
      decidedRole: 'verifier',
      decidedAt: '2026-11-04T01:00:00.000Z',
    })
    const stored = { ...base, reverification: [earlier] }
    const { merged, newConflicts } = mergeParticipant({
      base: stored,
      local: {
        ...stored,
        reverification: [earlier, mine],
        updatedAt: '2026-11-03T01:00:00.000Z',
      },
      remote: {
        ...stored,
        reverification: [earlier, theirs],
        updatedAt: '2026-11-04T01:00:00.000Z',
        updatedBy: 'Joko',
      },
      now: '2026-11-05T01:00:00.000Z',
    })
    expect(newConflicts).toEqual([])
    expect(merged.conflicts).toEqual([])
    expect(merged.reverification).toEqual([earlier, theirs, mine])
    // What the PC pushes next only adds to what the server holds.
    expect(
      reverificationProblemOfPush(
        { id: 'p-1', kecamatanCode: TENGGARONG, reverification: [earlier, theirs] },
        { id: 'p-1', kecamatanCode: TENGGARONG, reverification: merged.reverification ?? [] },
        TENGGARONG_CLERK,
      ),
    ).toBeNull()
    // The later decision counts, wherever the merge put it.
    expect(latestDecisionOf(merged, YEAR)).toEqual(theirs)
  })

  it('a PC that dropped or changed a decision gets the server’s list back, not a hole', () => {
    const theirs = ended({ decidedAt: '2026-11-04T01:00:00.000Z', decidedBy: 'Joko' })
    const stored = { ...base, reverification: [earlier] }
    const { merged } = mergeParticipant({
      base: stored,
      local: { ...stored, reverification: [{ ...earlier, outcome: 'pending' }] },
      remote: { ...stored, reverification: [earlier, theirs] },
      now: '2026-11-05T01:00:00.000Z',
    })
    expect(merged.reverification).toEqual([earlier, theirs, { ...earlier, outcome: 'pending' }])
  })
})
