import { afterEach, describe, expect, it, vi } from 'vitest'
import { openEndedTariff } from '@shared/coverage/tariffs'
import { aggregateDashboard, type DashboardConfig } from '@shared/dashboard/aggregate'
import type {
  CoverageEndReason,
  CoveragePeriod,
  ParticipantDocument,
} from '@shared/participant/participant-document'
import type { PrintRecord } from '@shared/cards/print-log'
import {
  REVERIFICATION_END_REASONS,
  REVERIFICATION_REASONS,
  beritaAcara,
  decreeList,
  parseReverificationOutcome,
  proposeReverification,
  recordsAfterDecree,
  type DecreeList,
  type RecordedOutcome,
  type ReverificationEndReason,
  type ReverificationInput,
  type ReverificationOutcome,
  type ReverificationProposal,
  type ReverificationReason,
} from '@shared/reverification/proposal'
import {
  describeDecreeProblem,
  reverificationEndReasonLabel,
  reverificationOutcomeLabel,
  reverificationReasonLabel,
} from '@shared/reverification/proposal-messages'

const YEAR = 2029
const PREV = YEAR - 1
const DISTRICT = '64.02'
const KECAMATAN = ['64.02.01', '64.02.02', '64.02.03', '64.02.04', '64.02.05'] as const
const ELSEWHERE = ['64.03.01', '63.71.02'] as const
const AGE_RANGE = { min: 18, max: 64 }
const MAX_DECILE = 5

/** mulberry32: the same 500 people on every run and every PC. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

const print = (kind: PrintRecord['kind'], serial: string): PrintRecord => ({
  serial,
  kind,
  printedAt: `${PREV}-03-01T02:00:00.000Z`,
  printedBy: 'Operator',
  officeCode: '01-01',
  validUntil: `${PREV}-12-31`,
})
const CARD_AND_STICKER = [print('card', 'AAAA-0001'), print('sticker', 'AAAA-0002')]

const fullYear = (year: number, extra: Partial<CoveragePeriod> = {}): CoveragePeriod => ({
  year,
  from: `${year}-01-01`,
  batchId: `R${year}`,
  payerCode: 'apbd-kab',
  ...extra,
})

function person(id: string, over: Partial<ParticipantDocument> = {}): ParticipantDocument {
  const kecamatanCode = over.kecamatanCode ?? KECAMATAN[0]
  return {
    id,
    registrationNumber: `0101-${id.padStart(6, '0').slice(-6)}`,
    nik: '6402010101900001',
    nikIndex: '',
    kk: '6402010101150003',
    fullName: `Peserta ${id}`,
    nameKey: `peserta ${id}`,
    birthPlace: 'Tenggarong',
    birthDate: '1980-06-15',
    sex: 'L',
    address: 'Jl. Mulawarman 1',
    rt: '001',
    rw: '002',
    kecamatanCode,
    villageCode: `${kecamatanCode}.1001`,
    occupationCode: 'nelayan',
    monthlyIncome: 1_500_000,
    heirName: 'Siti',
    heirRelationship: 'istri',
    status: 'active',
    officeCode: `${kecamatanCode.slice(-2)}-01`,
    createdAt: `${PREV - 1}-05-01T08:00:00.000Z`,
    createdBy: 'Operator',
    updatedAt: `${PREV - 1}-05-01T08:00:00.000Z`,
    updatedBy: 'Operator',
    duplicates: [],
    conflicts: [],
    prints: CARD_AND_STICKER,
    checks: [],
    kpjNumber: `2900${id.padStart(7, '0').slice(-7)}`,
    coverage: [fullYear(PREV)],
    ...over,
  }
}

/** What the generator meant each person to be: the test's own account, not the module's. */
interface Intent {
  considered: boolean
  /** The kecamatan whose office handles them. */
  home: string
  reasons: Set<ReverificationReason>
  canContinue: boolean
  /** When the person cannot continue: the reason an office would end them with. */
  naturalEnd?: CoverageEndReason
  isHighDecile: boolean
}

interface Population {
  people: ParticipantDocument[]
  intents: Map<string, Intent>
  deciles: Map<string, number>
}

/** 500 people from the seed, then the hand-made boundary cases. */
function generatePopulation(seed: number, size = 500): Population {
  const rng = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T
  const people: ParticipantDocument[] = []
  const intents = new Map<string, Intent>()
  const deciles = new Map<string, number>()

  for (let index = 0; index < size; index++) {
    const id = `g${pad(index, 4)}`
    const home = pick(KECAMATAN)
    const reasons = new Set<ReverificationReason>()
    const roll = rng()
    if (roll < 0.04) {
      // Not yet a participant: never considered.
      const status = pick(['draft', 'submitted', 'returned', 'approved'] as const)
      people.push(person(id, { kecamatanCode: home, status, coverage: [], prints: [] }))
      intents.set(id, { considered: false, home, reasons, canContinue: false, isHighDecile: false })
      continue
    }
    if (roll < 0.07) {
      // Ended two years ago: no longer considered, whatever the reason.
      const coverage = [fullYear(PREV - 1, { until: `${PREV - 1}-05-20`, endReason: 'meninggal' })]
      people.push(person(id, { kecamatanCode: home, status: 'ended', coverage }))
      intents.set(id, { considered: false, home, reasons, canContinue: false, isHighDecile: false })
      continue
    }
    if (roll < 0.09) {
      // Status active, but last year was never renewed, or its period stopped in June without a
      // reason: considered, nothing to re-check, and unable to continue (left off, shown).
      const coverage =
        rng() < 0.5 ? [fullYear(PREV - 1)] : [fullYear(PREV, { until: `${PREV}-06-30` })]
      people.push(person(id, { kecamatanCode: home, coverage }))
      intents.set(id, { considered: true, home, reasons, canContinue: false, isHighDecile: false })
      continue
    }

    const over: Partial<ParticipantDocument> = { kecamatanCode: home }
    const coverage: CoveragePeriod[] = rng() < 0.3 ? [fullYear(PREV - 1)] : []
    let canContinue = true
    let naturalEnd: CoverageEndReason | undefined
    let birthDate = `${1969 + Math.floor(rng() * 35)}-${pad(1 + Math.floor(rng() * 12))}-${pad(1 + Math.floor(rng() * 28))}`

    const endRoll = rng()
    const end =
      endRoll < 0.05
        ? 'meninggal'
        : endRoll < 0.09
          ? 'pindah'
          : endRoll < 0.12
            ? 'penanggung-lain'
            : endRoll < 0.14
              ? 'batas-usia'
              : null
    if (end) {
      const month = 2 + Math.floor(rng() * 10)
      const day = 1 + Math.floor(rng() * 28)
      if (end === 'batas-usia') birthDate = `${PREV - 65}-${pad(month)}-${pad(day)}`
      // For the age limit: the day before the 65th birthday (day 1 → the last day of last month).
      const until =
        end === 'batas-usia'
          ? day === 1
            ? new Date(Date.UTC(PREV, month - 1, 0)).toISOString().slice(0, 10)
            : `${PREV}-${pad(month)}-${pad(day - 1)}`
          : `${PREV}-${pad(month)}-${pad(day)}`
      coverage.push(fullYear(PREV, { until, endReason: end }))
      over.status = 'ended'
      reasons.add(end)
      canContinue = false
      naturalEnd = end
    } else if (rng() < 0.1) {
      over.status = 'enrolled'
      coverage.push(fullYear(PREV, { from: `${PREV}-12-01` }))
    } else {
      coverage.push(fullYear(PREV, { from: `${PREV}-${pad(1 + Math.floor(rng() * 11))}-01` }))
    }
    over.coverage = coverage

    if (!end && rng() < 0.05) {
      // Turns 65 during the year, after 1 January: can still be continued until the day before.
      birthDate = `${YEAR - 65}-${pad(2 + Math.floor(rng() * 11))}-${pad(1 + Math.floor(rng() * 28))}`
      reasons.add('batas-usia')
    }
    over.birthDate = birthDate

    if (!end && rng() < 0.04) {
      over.kecamatanCode = pick(ELSEWHERE)
      over.villageCode = `${over.kecamatanCode}.2001`
      over.officeCode = `${home.slice(-2)}-01`
      reasons.add('pindah')
      canContinue = false
      naturalEnd = 'pindah'
    }

    const decileRoll = rng()
    let isHighDecile = false
    if (decileRoll < 0.08) {
      deciles.set(id, 6 + Math.floor(rng() * 5))
      reasons.add('tidak-layak-desil')
      isHighDecile = true
    } else if (decileRoll < 0.78) {
      deciles.set(id, 1 + Math.floor(rng() * 5))
    }

    const printRoll = rng()
    if (printRoll < 0.05) {
      over.source = 'peserta-lama:BPJS 2026'
      over.prints = []
      reasons.add('belum-dicetak')
      reasons.add('belum-terjangkau')
    } else if (printRoll < 0.1) {
      over.prints = [print('sticker', 'BBBB-0001')]
      reasons.add('belum-dicetak')
    } else if (printRoll < 0.13) {
      // From a list with only a sticker: not printed a card, but someone went to the house.
      over.source = 'impor:DTKS 2026-11'
      over.prints = [print('sticker', 'BBBB-0002')]
      reasons.add('belum-dicetak')
    } else if (printRoll < 0.2) {
      over.source = 'impor:DTKS 2026-11'
    }

    people.push(person(id, over))
    intents.set(id, {
      considered: true,
      home,
      reasons,
      canContinue,
      isHighDecile,
      ...(naturalEnd ? { naturalEnd } : {}),
    })
  }

  // The age limit's boundary days (max 64: the first day over it is the 65th birthday).
  const edges: [string, Partial<ParticipantDocument>, Omit<Intent, 'considered' | 'home'>][] = [
    // 65 on 1 January: over the limit on the year's first day, cannot be continued.
    [
      'e0101',
      { birthDate: `${YEAR - 65}-01-01` },
      {
        reasons: new Set(['batas-usia']),
        canContinue: false,
        naturalEnd: 'batas-usia',
        isHighDecile: false,
      },
    ],
    // 65 on 31 December: covered until 30 December.
    [
      'e1231',
      { birthDate: `${YEAR - 65}-12-31` },
      { reasons: new Set(['batas-usia']), canContinue: true, isHighDecile: false },
    ],
    // 65 on 1 January of the year after: nothing to re-check.
    [
      'e0101next',
      { birthDate: `${YEAR - 64}-01-01` },
      { reasons: new Set(), canContinue: true, isHighDecile: false },
    ],
    // Born 29 February 1964; 2029 has none: 65 on 1 March.
    [
      'e0229',
      { birthDate: `${YEAR - 65}-02-29` },
      { reasons: new Set(['batas-usia']), canContinue: true, isHighDecile: false },
    ],
    // Turned 65 on 31 December of last year and still recorded as active.
    [
      'epast',
      { birthDate: `${PREV - 65}-12-31` },
      {
        reasons: new Set(['batas-usia']),
        canContinue: false,
        naturalEnd: 'batas-usia',
        isHighDecile: false,
      },
    ],
    // Moved away two years ago, came back and was covered again last year: not a mover now.
    [
      'eback',
      {
        coverage: [
          fullYear(PREV - 1, { until: `${PREV - 1}-04-30`, endReason: 'pindah' }),
          fullYear(PREV, { from: `${PREV}-02-01` }),
        ],
      },
      { reasons: new Set(), canContinue: true, isHighDecile: false },
    ],
    // Enrolled for the year in a new batch, from 1 January: on the list without a renewal.
    [
      'enew',
      { status: 'enrolled', coverage: [fullYear(YEAR)] },
      { reasons: new Set(), canContinue: true, isHighDecile: false },
    ],
    // Enrolled for the year from 1 March: not covered on 1 January, left off this decree.
    [
      'elater',
      { status: 'enrolled', coverage: [fullYear(YEAR, { from: `${YEAR}-03-01` })] },
      { reasons: new Set(), canContinue: false, isHighDecile: false },
    ],
    // Paid by the province last year: renewed with the same payer.
    [
      'eprov',
      { coverage: [fullYear(PREV, { payerCode: 'apbd-prov' })] },
      { reasons: new Set(), canContinue: true, isHighDecile: false },
    ],
    // Five reasons at once.
    [
      'emany',
      {
        birthDate: `${YEAR - 65}-07-04`,
        kecamatanCode: ELSEWHERE[0],
        villageCode: `${ELSEWHERE[0]}.2001`,
        officeCode: '03-01',
        source: 'peserta-lama:BPJS 2026',
        prints: [],
      },
      {
        reasons: new Set([
          'batas-usia',
          'pindah',
          'tidak-layak-desil',
          'belum-dicetak',
          'belum-terjangkau',
        ]),
        canContinue: false,
        naturalEnd: 'pindah',
        isHighDecile: true,
      },
    ],
  ]
  for (const [id, over, intent] of edges) {
    people.push(person(id, over))
    intents.set(id, {
      considered: true,
      home: id === 'emany' ? '64.02.03' : KECAMATAN[0],
      ...intent,
    })
  }
  deciles.set('emany', 9)
  return { people, intents, deciles }
}

const inputOf = (population: Population, over: Partial<ReverificationInput> = {}) => ({
  participants: population.people,
  year: YEAR,
  ageRange: AGE_RANGE,
  maxDecile: MAX_DECILE,
  decileOf: population.deciles,
  districtRegionCode: DISTRICT,
  ...over,
})

/**
 * An outcome for every proposed person: the ones who cannot continue are ended with the reason
 * the generator gave them; the others are continued, ended or pending by the seed.
 */
function outcomesFor(
  proposal: ReverificationProposal,
  intents: Map<string, Intent>,
  seed: number,
): RecordedOutcome[] {
  const rng = seededRandom(seed)
  return proposal.candidates.map(({ participantId }) => {
    const intent = intents.get(participantId)
    if (!intent) throw new Error(`no intent for ${participantId}`)
    const roll = rng()
    let outcome: ReverificationOutcome
    if (!intent.canContinue) {
      outcome = { kind: 'ended', reason: intent.naturalEnd ?? 'pindah' }
    } else if (intent.isHighDecile) {
      outcome = roll < 0.6 ? { kind: 'ended', reason: 'tidak-layak-desil' } : { kind: 'continued' }
    } else if (roll < 0.75) {
      outcome = { kind: 'continued' }
    } else if (roll < 0.88) {
      outcome = { kind: 'pending' }
    } else {
      outcome = { kind: 'ended', reason: roll < 0.94 ? 'pindah' : 'penanggung-lain' }
    }
    return { participantId, outcome }
  })
}

function expectOk(result: ReturnType<typeof decreeList>): DecreeList {
  if (!result.ok) throw new Error(`decree refused: ${JSON.stringify(result.problems)}`)
  return result.decree
}

const DASHBOARD: DashboardConfig = {
  tariffs: [openEndedTariff({ jkk: 10_000, jkm: 6_800 }, 'PP 44/2015 jo. PP 82/2019')],
  baselineCoveredParticipants: 0,
  utcOffsetMinutes: 480,
  configuredTargetFor: () => undefined,
  kecamatan: KECAMATAN.map((code) => ({ code, name: `Kecamatan ${code}` })),
  villages: KECAMATAN.map((code) => ({
    code: `${code}.1001`,
    name: `Desa ${code}`,
    kecamatanCode: code,
  })),
  occupations: [{ code: 'nelayan', labelId: 'Nelayan', labelEn: 'Fisher' }],
}

const population = generatePopulation(17)
const proposal = proposeReverification(inputOf(population))
const outcomes = outcomesFor(proposal, population.intents, 29)
const outcomeById = new Map(outcomes.map((entry) => [entry.participantId, entry.outcome]))

describe('the re-verification proposal on a generated population', () => {
  it('considers the covered people only, and proposes exactly the ones meant, with their reasons', () => {
    const considered = [...population.intents].filter(([, intent]) => intent.considered)
    expect(proposal.considered).toBe(considered.length)
    const meant = considered
      .filter(([, intent]) => intent.reasons.size > 0)
      .map(([id, intent]) => [id, REVERIFICATION_REASONS.filter((r) => intent.reasons.has(r))])
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
    const got = proposal.candidates
      .map((candidate) => [candidate.participantId, candidate.reasons])
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
    expect(got).toEqual(meant)
  })

  it('has every reason, and people with several', () => {
    for (const reason of REVERIFICATION_REASONS)
      expect(proposal.byReason[reason]).toBeGreaterThan(2)
    const several = proposal.candidates.filter((candidate) => candidate.reasons.length >= 2)
    expect(several.length).toBeGreaterThan(20)
    expect(proposal.candidates.find((c) => c.participantId === 'emany')?.reasons).toEqual([
      'batas-usia',
      'pindah',
      'tidak-layak-desil',
      'belum-dicetak',
      'belum-terjangkau',
    ])
  })

  it('counts each reason and each kecamatan exactly', () => {
    const byReason = Object.fromEntries(REVERIFICATION_REASONS.map((r) => [r, 0]))
    const byKecamatan = new Map<string, { considered: number; proposed: number }>()
    for (const intent of population.intents.values()) {
      if (!intent.considered) continue
      const row = byKecamatan.get(intent.home) ?? { considered: 0, proposed: 0 }
      row.considered++
      if (intent.reasons.size > 0) row.proposed++
      byKecamatan.set(intent.home, row)
      for (const reason of intent.reasons) byReason[reason] = (byReason[reason] ?? 0) + 1
    }
    expect(proposal.byReason).toEqual(byReason)
    expect(
      proposal.byKecamatan.map((queue) => [
        queue.kecamatanCode,
        queue.considered,
        queue.candidates.length,
      ]),
    ).toEqual(
      [...byKecamatan]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, row]) => [code, row.considered, row.proposed]),
    )
    // Each queue's reasons add up to the district's.
    for (const reason of REVERIFICATION_REASONS) {
      expect(proposal.byKecamatan.reduce((sum, queue) => sum + queue.byReason[reason], 0)).toBe(
        proposal.byReason[reason],
      )
    }
    // The seed's figures, so a change in the generator is seen too.
    expect(proposal.considered).toBe(475)
    expect(proposal.candidates.length).toBe(182)
    expect(proposal.byReason).toEqual({
      'batas-usia': 40,
      meninggal: 21,
      pindah: 43,
      'penanggung-lain': 15,
      'tidak-layak-desil': 33,
      'belum-dicetak': 67,
      'belum-terjangkau': 33,
    })
  })

  it('sends someone recorded outside the district to the office that registered them', () => {
    const moved = proposal.candidates.find((c) => c.participantId === 'emany')
    expect(moved?.kecamatanCode).toBe('64.02.03')
    expect(moved?.recordedKecamatanCode).toBe(ELSEWHERE[0])
    expect(moved?.continuationBlock).toBe('OUT_OF_DISTRICT')
    const outside = proposal.candidates.filter((c) => !c.recordedKecamatanCode.startsWith('64.02.'))
    expect(outside.length).toBeGreaterThan(3)
    for (const candidate of outside) {
      expect(candidate.reasons).toContain('pindah')
      expect(KECAMATAN).toContain(candidate.kecamatanCode)
    }
  })

  it('says who can be continued', () => {
    for (const candidate of proposal.candidates) {
      const intent = population.intents.get(candidate.participantId)
      expect([candidate.participantId, candidate.continuationBlock === null]).toEqual([
        candidate.participantId,
        intent?.canContinue,
      ])
    }
  })

  it('is the same whatever the order of the records, and never reads the clock', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2041-07-01T00:00:00Z'))
    const again = proposeReverification(
      inputOf({ ...population, people: [...population.people].reverse() }),
    )
    expect(again).toEqual(proposal)
  })
  afterEach(() => {
    vi.useRealTimers()
  })
})

describe('the age limit at its boundary days', () => {
  const candidate = (id: string) => proposal.candidates.find((c) => c.participantId === id)

  it('65 on 1 January: proposed, cannot be continued', () => {
    expect(candidate('e0101')).toMatchObject({
      reasons: ['batas-usia'],
      overLimitOn: `${YEAR}-01-01`,
      continuationBlock: 'OVER_AGE_LIMIT',
    })
  })

  it('65 on 31 December: proposed, can be continued until 30 December', () => {
    expect(candidate('e1231')).toMatchObject({
      overLimitOn: `${YEAR}-12-31`,
      continuationBlock: null,
    })
    const decree = expectOk(decreeList(proposal, population.people, outcomes))
    const entry = decree.entries.find((e) => e.participantId === 'e1231')
    expect(outcomeById.get('e1231')).toEqual({ kind: 'continued' })
    expect(entry?.lastCoveredDay).toBe(`${YEAR}-12-30`)
  })

  it('65 on 1 January of the next year: not proposed, listed for the whole year', () => {
    expect(candidate('e0101next')).toBeUndefined()
    const decree = expectOk(decreeList(proposal, population.people, outcomes))
    expect(decree.entries.find((e) => e.participantId === 'e0101next')).toMatchObject({
      basis: 'not-proposed',
      lastCoveredDay: `${YEAR}-12-31`,
    })
  })

  it('born 29 February: over the limit on 1 March of a common year', () => {
    expect(candidate('e0229')?.overLimitOn).toBe(`${YEAR}-03-01`)
    const decree = expectOk(
      decreeList(proposal, population.people, [
        ...outcomes.filter((o) => o.participantId !== 'e0229'),
        { participantId: 'e0229', outcome: { kind: 'continued' } },
      ]),
    )
    expect(decree.entries.find((e) => e.participantId === 'e0229')?.lastCoveredDay).toBe(
      `${YEAR}-02-28`,
    )
  })

  it('born 29 February: over the limit on 29 February of a leap year (the district’s limit, 63)', () => {
    const people = [person('leap', { birthDate: '1964-02-29', coverage: [fullYear(2027)] })]
    const leap = proposeReverification({
      participants: people,
      year: 2028,
      ageRange: { min: 18, max: 63 },
      districtRegionCode: DISTRICT,
    })
    expect(leap.candidates[0]).toMatchObject({ overLimitOn: '2028-02-29', continuationBlock: null })
    const decree = expectOk(
      decreeList(leap, people, [{ participantId: 'leap', outcome: { kind: 'continued' } }]),
    )
    expect(decree.entries[0]?.lastCoveredDay).toBe('2028-02-28')
  })

  it('already past the limit and still active: proposed, cannot be continued', () => {
    expect(candidate('epast')).toMatchObject({
      reasons: ['batas-usia'],
      continuationBlock: 'OVER_AGE_LIMIT',
    })
    expect(candidate('epast')?.overLimitOn).toBe(`${PREV}-12-31`)
  })

  it('follows the district’s age limit, not 65', () => {
    const people = [person('sixty', { birthDate: `${YEAR - 60}-06-15` })]
    const at = (max: number) =>
      proposeReverification({
        participants: people,
        year: YEAR,
        ageRange: { min: 18, max },
        districtRegionCode: DISTRICT,
      }).candidates.map((c) => c.reasons)
    expect(at(64)).toEqual([])
    expect(at(59)).toEqual([['batas-usia']])
  })
})

describe('reasons read from the record', () => {
  const reasonsOf = (doc: ParticipantDocument, over: Partial<ReverificationInput> = {}) =>
    proposeReverification({
      participants: [doc],
      year: YEAR,
      ageRange: AGE_RANGE,
      districtRegionCode: DISTRICT,
      ...over,
    }).candidates[0]?.reasons ?? []

  it('an end reason counts from the latest period only, except a death', () => {
    const back = person('x', {
      coverage: [
        fullYear(PREV - 1, { until: `${PREV - 1}-03-01`, endReason: 'penanggung-lain' }),
        fullYear(PREV),
      ],
    })
    expect(reasonsOf(back)).toEqual([])
    const diedBefore = person('x', {
      coverage: [
        fullYear(PREV - 1, { until: `${PREV - 1}-03-01`, endReason: 'meninggal' }),
        fullYear(PREV),
      ],
    })
    expect(reasonsOf(diedBefore)).toEqual(['meninggal'])
  })

  it('a decile above the threshold, only with a threshold; the threshold itself is eligible', () => {
    const doc = person('x')
    expect(reasonsOf(doc, { maxDecile: 5, decileOf: new Map([['x', 6]]) })).toEqual([
      'tidak-layak-desil',
    ])
    expect(reasonsOf(doc, { maxDecile: 5, decileOf: new Map([['x', 5]]) })).toEqual([])
    expect(reasonsOf(doc, { maxDecile: 5, decileOf: new Map() })).toEqual([])
    expect(reasonsOf(doc, { maxDecile: 5 })).toEqual([])
  })

  it('never reached needs a listed record with nothing printed; never printed means no card', () => {
    expect(reasonsOf(person('x', { source: 'impor:DTKS', prints: [] }))).toEqual([
      'belum-dicetak',
      'belum-terjangkau',
    ])
    expect(reasonsOf(person('x', { prints: [] }))).toEqual(['belum-dicetak'])
    expect(
      reasonsOf(person('x', { source: 'impor:DTKS', prints: [print('sticker', 'S-1')] })),
    ).toEqual(['belum-dicetak'])
    expect(reasonsOf(person('x', { prints: [print('card', 'C-1')] }))).toEqual([])
  })

  it('refuses inputs it cannot read rather than guess', () => {
    const doc = person('x')
    const base = {
      participants: [doc],
      year: YEAR,
      ageRange: AGE_RANGE,
      districtRegionCode: DISTRICT,
    }
    expect(() => proposeReverification({ ...base, decileOf: new Map([['x', 3]]) })).toThrow(
      /maxDecile/,
    )
    expect(() =>
      proposeReverification({ ...base, maxDecile: 5, decileOf: new Map([['x', 11]]) }),
    ).toThrow(RangeError)
    expect(() => proposeReverification({ ...base, maxDecile: 0 })).toThrow(RangeError)
    expect(() => proposeReverification({ ...base, year: 2029.5 })).toThrow(RangeError)
    expect(() => proposeReverification({ ...base, districtRegionCode: '6402' })).toThrow(RangeError)
    expect(() => proposeReverification({ ...base, ageRange: { min: 18, max: 10 } })).toThrow(
      RangeError,
    )
  })
})

describe('the decree list and the berita acara', () => {
  const decree = expectOk(decreeList(proposal, population.people, outcomes))

  it('lists the continued and the not proposed who can continue, never the ended or pending', () => {
    const expected: string[] = []
    for (const [id, intent] of population.intents) {
      if (!intent.considered || !intent.canContinue) continue
      if (intent.reasons.size === 0 || outcomeById.get(id)?.kind === 'continued') expected.push(id)
    }
    expect(decree.entries.map((e) => e.participantId).sort()).toEqual(expected.sort())
    expect(decree.total).toBe(expected.length)
    for (const entry of decree.entries) {
      const kind = outcomeById.get(entry.participantId)?.kind
      expect(kind === undefined || kind === 'continued').toBe(true)
      expect(entry.basis).toBe(kind === 'continued' ? 'continued' : 'not-proposed')
    }
    expect(decree.byKecamatan.reduce((sum, row) => sum + row.count, 0)).toBe(decree.total)
    // Lapsed people (active, last year not renewed) are shown as left off, not lost.
    const lapsed = [...population.intents]
      .filter(([, i]) => i.considered && !i.canContinue && i.reasons.size === 0)
      .map(([id]) => id)
    expect(decree.leftOff.map((row) => row.participantId).sort()).toEqual(lapsed.sort())
    expect(new Set(decree.leftOff.map((row) => row.block))).toEqual(new Set(['NOTHING_TO_RENEW']))
  })

  it('berita acara counts add up, per kecamatan and to the district', () => {
    expect(decree.beritaAcara.map((r) => r.kecamatanCode)).toEqual([...KECAMATAN])
    let proposed = 0
    let listed = 0
    let considered = 0
    for (const report of decree.beritaAcara) {
      expect(report.continued + report.ended + report.pending).toBe(report.proposed)
      expect(Object.values(report.endedByReason).reduce((a, b) => a + b, 0)).toBe(report.ended)
      expect(report.continued + report.notProposedListed).toBe(report.listed)
      expect(report.listed).toBe(
        decree.byKecamatan.find((row) => row.kecamatanCode === report.kecamatanCode)?.count ?? 0,
      )
      const queue = proposal.byKecamatan.find((q) => q.kecamatanCode === report.kecamatanCode)
      expect(report.proposed).toBe(queue?.candidates.length)
      expect(report.proposedByReason).toEqual(queue?.byReason)
      expect(report.proposed + report.notProposedListed + report.notProposedLeftOff).toBe(
        queue?.considered,
      )
      proposed += report.proposed
      listed += report.listed
      considered += report.proposed + report.notProposedListed + report.notProposedLeftOff
    }
    expect(proposed).toBe(proposal.candidates.length)
    expect(listed).toBe(decree.total)
    expect(considered).toBe(proposal.considered)
    expect(decree.ended.length + decree.pending.length).toBe(
      decree.beritaAcara.reduce((sum, r) => sum + r.ended + r.pending, 0),
    )
  })

  it('berita acara of one kecamatan: counted from the outcomes given', () => {
    const code = KECAMATAN[2]
    const expected = {
      continued: 0,
      pending: 0,
      ended: Object.fromEntries(REVERIFICATION_END_REASONS.map((r) => [r, 0])),
    }
    for (const candidate of proposal.candidates) {
      if (candidate.kecamatanCode !== code) continue
      const outcome = outcomeById.get(candidate.participantId)
      if (outcome?.kind === 'continued') expected.continued++
      else if (outcome?.kind === 'ended')
        expected.ended[outcome.reason] = (expected.ended[outcome.reason] ?? 0) + 1
      else expected.pending++
    }
    const report = beritaAcara(decree, code)
    expect(report).toMatchObject({
      year: YEAR,
      kecamatanCode: code,
      continued: expected.continued,
      pending: expected.pending,
      withoutOutcome: 0,
      endedByReason: expected.ended,
    })
    expect(report.continued).toBeGreaterThan(0)
    expect(report.ended).toBeGreaterThan(0)
    expect(report.pending).toBeGreaterThan(0)
    expect(beritaAcara(decree, '64.02.99')).toMatchObject({ proposed: 0, listed: 0 })
  })

  it('a proposed person without an outcome is pending, and not listed', () => {
    const someone = proposal.candidates.find(
      (c) => c.continuationBlock === null && outcomeById.get(c.participantId)?.kind === 'continued',
    )
    if (!someone) throw new Error('the population has a continued person')
    const without = expectOk(
      decreeList(
        proposal,
        population.people,
        outcomes.filter((o) => o.participantId !== someone.participantId),
      ),
    )
    expect(without.total).toBe(decree.total - 1)
    expect(without.entries.some((e) => e.participantId === someone.participantId)).toBe(false)
    const before = beritaAcara(decree, someone.kecamatanCode)
    const after = beritaAcara(without, someone.kecamatanCode)
    expect([after.pending, after.withoutOutcome, after.continued]).toEqual([
      before.pending + 1,
      1,
      before.continued - 1,
    ])
    expect(without.pending).toContainEqual({
      participantId: someone.participantId,
      kecamatanCode: someone.kecamatanCode,
      recorded: false,
    })
  })
})

describe('decree totals equal dashboard totals', () => {
  const decree = expectOk(decreeList(proposal, population.people, outcomes))
  const figuresOf = (records: ParticipantDocument[]) =>
    aggregateDashboard(records, {
      year: YEAR,
      today: `${YEAR}-01-01`,
      config: DASHBOARD,
      plans: [],
    })

  it('every proposed person has an outcome; the dashboard on 1 January counts the decree’s people', () => {
    expect(outcomes.length).toBe(proposal.candidates.length)
    expect(decree.coveredButNotListed).toEqual([])
    const after = recordsAfterDecree(population.people, decree, { batchId: `R${YEAR}` })
    const figures = figuresOf(after)
    expect(figures.headline.active).toBe(decree.total)
    expect(decree.total).toBe(342)
    for (const row of figures.byKecamatan) {
      const count = decree.byKecamatan.find((k) => k.kecamatanCode === row.code)?.count ?? 0
      expect([row.code, row.active]).toEqual([row.code, count])
    }
    // Nobody covered on 1 January is absent from the list, nobody listed is uncovered.
    const listed = new Set(decree.entries.map((e) => e.participantId))
    for (const doc of after) {
      const isCovered = (doc.coverage ?? []).some(
        (p) => p.year === YEAR && p.from === `${YEAR}-01-01` && p.until === undefined,
      )
      expect([doc.id, isCovered]).toEqual([doc.id, listed.has(doc.id)])
    }
  })

  it('a renewal stays with the payer of the latest period', () => {
    const after = recordsAfterDecree(population.people, decree, { batchId: `R${YEAR}` })
    const renewed = after.find((doc) => doc.id === 'eprov')?.coverage?.at(-1)
    expect(renewed).toEqual({
      year: YEAR,
      from: `${YEAR}-01-01`,
      batchId: `R${YEAR}`,
      payerCode: 'apbd-prov',
    })
    expect(decree.entries.find((e) => e.participantId === 'eprov')?.payerCode).toBe('apbd-prov')
    expect(after.find((doc) => doc.id === 'e1231')?.coverage?.at(-1)?.payerCode).toBe('apbd-kab')
  })

  it('the ended are ended on 31 December, with the reason, and their record says so', () => {
    const after = recordsAfterDecree(population.people, decree, { batchId: `R${YEAR}` })
    const byId = new Map(after.map((doc) => [doc.id, doc]))
    const endedActive = decree.ended.filter(
      (row) =>
        row.reason !== 'tidak-layak-desil' &&
        population.people.find((p) => p.id === row.participantId)?.status === 'active',
    )
    expect(endedActive.length).toBeGreaterThan(5)
    for (const row of endedActive) {
      const doc = byId.get(row.participantId)
      expect(doc?.status).toBe('ended')
      expect(doc?.coverage?.at(-1)).toMatchObject({ until: `${PREV}-12-31`, endReason: row.reason })
    }
  })

  it('a renewal recorded early for someone left pending is shown, and is what makes the two differ', () => {
    const pendingOne = decree.pending[0]
    if (!pendingOne) throw new Error('the population has a pending person')
    const people = population.people.map((doc) =>
      doc.id === pendingOne.participantId
        ? { ...doc, coverage: [...(doc.coverage ?? []), fullYear(YEAR)] }
        : doc,
    )
    const early = expectOk(decreeList(proposal, people, outcomes))
    expect(early.coveredButNotListed).toEqual([pendingOne.participantId])
    const figures = figuresOf(recordsAfterDecree(people, early, { batchId: `R${YEAR}` }))
    expect(figures.headline.active).toBe(early.total + 1)
  })
})

describe('outcomes that are refused', () => {
  const withOutcome = (extra: unknown): ReturnType<typeof decreeList> =>
    decreeList(proposal, population.people, [...outcomes, extra as RecordedOutcome])
  const replacing = (participantId: string, outcome: unknown) =>
    decreeList(proposal, population.people, [
      ...outcomes.filter((o) => o.participantId !== participantId),
      { participantId, outcome } as RecordedOutcome,
    ])
  const someoneProposed = proposal.candidates.find((c) => c.continuationBlock === null)
  if (!someoneProposed) throw new Error('the population has a proposed person who can continue')
  const pid = someoneProposed.participantId

  it('an unknown end reason', () => {
    expect(replacing(pid, { kind: 'ended', reason: 'bosan' })).toEqual({
      ok: false,
      problems: [{ code: 'END_REASON_UNKNOWN', participantId: pid }],
    })
    expect(replacing(pid, { kind: 'ended' })).toMatchObject({
      ok: false,
      problems: [{ code: 'END_REASON_UNKNOWN' }],
    })
    expect(replacing(pid, { kind: 'ended', reason: '__proto__' })).toMatchObject({ ok: false })
  })

  it('an unknown kind, or no outcome object at all', () => {
    for (const outcome of [{ kind: 'maybe' }, null, 'continued', [], { kind: 'Continued' }]) {
      expect(replacing(pid, outcome)).toEqual({
        ok: false,
        problems: [{ code: 'OUTCOME_INVALID', participantId: pid }],
      })
    }
    expect(withOutcome(null)).toMatchObject({ ok: false, problems: [{ code: 'OUTCOME_INVALID' }] })
  })

  it('an outcome for someone not proposed, or unknown, refuses the decree (never ignored)', () => {
    const notProposed = population.people.find(
      (doc) => !proposal.candidates.some((c) => c.participantId === doc.id),
    )
    if (!notProposed) throw new Error('someone is not proposed')
    expect(
      withOutcome({ participantId: notProposed.id, outcome: { kind: 'ended', reason: 'pindah' } }),
    ).toEqual({
      ok: false,
      problems: [{ code: 'NOT_PROPOSED', participantId: notProposed.id }],
    })
    expect(withOutcome({ participantId: 'nobody', outcome: { kind: 'continued' } })).toMatchObject({
      ok: false,
      problems: [{ code: 'NOT_PROPOSED', participantId: 'nobody' }],
    })
  })

  it('two outcomes for one person, even the same one', () => {
    const own = outcomeById.get(pid)
    expect(withOutcome({ participantId: pid, outcome: own })).toEqual({
      ok: false,
      problems: [{ code: 'OUTCOME_REPEATED', participantId: pid }],
    })
  })

  it('continued for someone who cannot continue', () => {
    for (const [id, block] of [
      ['e0101', 'OVER_AGE_LIMIT'],
      ['epast', 'OVER_AGE_LIMIT'],
      ['emany', 'OUT_OF_DISTRICT'],
    ] as const) {
      expect(replacing(id, { kind: 'continued' })).toEqual({
        ok: false,
        problems: [{ code: 'CANNOT_CONTINUE', participantId: id, block }],
      })
    }
    const dead = proposal.candidates.find((c) => c.reasons.includes('meninggal'))
    expect(dead?.continuationBlock).toBe('COVERAGE_ENDED')
    expect(replacing(dead?.participantId ?? '', { kind: 'continued' })).toMatchObject({
      ok: false,
      problems: [{ code: 'CANNOT_CONTINUE', block: 'COVERAGE_ENDED' }],
    })
  })

  it('a proposed person missing from the records given', () => {
    const result = decreeList(
      proposal,
      population.people.filter((doc) => doc.id !== pid),
      outcomes,
    )
    expect(result).toEqual({
      ok: false,
      problems: [{ code: 'PARTICIPANT_MISSING', participantId: pid }],
    })
  })

  it('the same record twice, which would count a person twice', () => {
    const twice = [...population.people, population.people[5] as ParticipantDocument]
    expect(() => proposeReverification(inputOf({ ...population, people: twice }))).toThrow(
      /given twice/,
    )
    expect(() => decreeList(proposal, twice, outcomes)).toThrow(/given twice/)
  })

  it('parses outcomes from storage strictly', () => {
    for (const reason of REVERIFICATION_END_REASONS) {
      expect(parseReverificationOutcome({ kind: 'ended', reason })).toEqual({
        ok: true,
        outcome: { kind: 'ended', reason },
      })
    }
    expect(parseReverificationOutcome({ kind: 'continued', reason: 'pindah' })).toEqual({
      ok: true,
      outcome: { kind: 'continued' },
    })
    expect(parseReverificationOutcome({ kind: 'ended', reason: 'toString' })).toEqual({
      ok: false,
      code: 'END_REASON_UNKNOWN',
    })
  })
})

describe('the words', () => {
  it('labels every reason, end reason and outcome in both languages', () => {
    for (const reason of REVERIFICATION_REASONS) {
      const id = reverificationReasonLabel('id', reason)
      const en = reverificationReasonLabel('en', reason)
      expect(id).not.toContain('reason.')
      expect(en).not.toContain('reason.')
      expect(id).not.toBe(en)
    }
    const ends = new Set<string>()
    const endReasons: readonly ReverificationEndReason[] = REVERIFICATION_END_REASONS
    for (const reason of endReasons) {
      const label = reverificationEndReasonLabel('id', reason)
      expect(label).not.toContain('endReason.')
      ends.add(label)
    }
    expect(ends.size).toBe(REVERIFICATION_END_REASONS.length)
    expect(reverificationOutcomeLabel('id', { kind: 'ended', reason: 'meninggal' })).toBe(
      'Diakhiri: Meninggal dunia',
    )
    expect(reverificationOutcomeLabel('en', { kind: 'pending' })).toBe('Pending')
  })

  it('says why a decree is refused', () => {
    expect(
      describeDecreeProblem(
        'id',
        { code: 'CANNOT_CONTINUE', participantId: 'x', block: 'OVER_AGE_LIMIT' },
        YEAR,
      ),
    ).toBe(
      'Tidak bisa dilanjutkan ke tahun 2029: sudah melewati batas usia pada 1 Januari 2029. Pilih diakhiri atau ditunda.',
    )
    expect(
      describeDecreeProblem(
        'en',
        { code: 'CANNOT_CONTINUE', participantId: 'x', block: 'NOTHING_TO_RENEW' },
        YEAR,
      ),
    ).toContain('no 2028 coverage runs to 31 December')
    expect(
      describeDecreeProblem('en', { code: 'NOT_PROPOSED', participantId: 'x' }, YEAR),
    ).toContain('2029 re-verification list')
  })
})
