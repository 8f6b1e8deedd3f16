/**
 * A claim case from the death report to BPJS's answer (shared/claims/claim-case.ts): the
 * documents a claim needs (the marriage book only for a spouse), every status move allowed and
 * refused, the dates of a move, days open and stalled cases at 30 and 31 days, the kecamatan
 * list's order, cases from the network that are not what they claim to be, and who may act.
 * Every date is given: nothing here reads the machine's clock.
 */
import { describe, expect, it } from 'vitest'
import {
  actionOfMove,
  allowedNextStatuses,
  canHandleClaim,
  CLAIM_STATUSES,
  claimStatusOf,
  claimSummary,
  daysBetween,
  daysInStatus,
  daysOpen,
  isStalled,
  MAX_CLAIM_AMOUNT,
  missingDocuments,
  moveClaim,
  openClaimCase,
  parseClaimCase,
  requiredDocuments,
  sortForKecamatanList,
  withDocument,
  withHeir,
  type ClaimAction,
  type ClaimActor,
  type ClaimCase,
  type ClaimHeir,
  type ClaimStatus,
  type ClaimStep,
  type OpenClaimInput,
} from '@shared/claims/claim-case'
import { describeClaimProblem } from '@shared/claims/claim-messages'

const KEC = '64.02.06'
const OTHER_KEC = '64.02.07'
const CHILD: ClaimHeir = { name: 'Siti Aminah', relationshipCode: 'anak', recordIndex: 0 }
const SPOUSE: ClaimHeir = { name: 'Rahmat', relationshipCode: 'suami-istri' }
const TODAY = '2026-12-01'

const uuid = (n: number) => `7c9e6679-7425-40de-944b-${String(n).padStart(12, '0')}`

function opened(overrides: Partial<OpenClaimInput> = {}, today = TODAY): ClaimCase {
  const result = openClaimCase(
    {
      id: uuid(1),
      participantId: uuid(900),
      kecamatanCode: KEC,
      kind: 'jkm',
      eventOn: '2026-03-02',
      openedOn: '2026-03-05',
      by: 'Petugas Tenggarong',
      heir: CHILD,
      ...overrides,
    },
    today,
  )
  if (!result.ok) throw new Error(`could not open: ${result.problem.code}`)
  return result.claim
}

const ok = (result: ReturnType<typeof moveClaim>): ClaimCase => {
  if (!result.ok) throw new Error(`refused: ${describeClaimProblem(result.problem, 'en')}`)
  return result.claim
}

/** Every document received on `on`. */
function complete(claim: ClaimCase, on = '2026-03-10'): ClaimCase {
  let next = claim
  for (const document of claim.documents) {
    next = ok(withDocument(next, { code: document.code, state: 'received', on }, TODAY))
  }
  return next
}

const stepTo = (status: ClaimStatus, on: string): ClaimStep => {
  const by = 'Petugas'
  switch (status) {
    case 'dilaporkan':
      return { status, on, by, note: 'BPJS minta akta kematian yang dilegalisasi' }
    case 'berkas-lengkap':
      return { status, on, by }
    case 'diajukan':
      return { status, on, by, amountClaimed: 42_000_000 }
    case 'dibayar':
      return { status, on, by, amountPaid: 42_000_000 }
    case 'ditolak':
      return { status, on, by, reason: 'Nama di KK berbeda dengan KTP' }
  }
}

/** A case walked to `status` along the diagram, one step a week. */
function caseIn(status: ClaimStatus): ClaimCase {
  const reported = complete(opened())
  if (status === 'dilaporkan') return reported
  const full = ok(moveClaim(reported, stepTo('berkas-lengkap', '2026-03-12'), TODAY))
  if (status === 'berkas-lengkap') return full
  const submitted = ok(moveClaim(full, stepTo('diajukan', '2026-03-19'), TODAY))
  if (status === 'diajukan') return submitted
  return ok(moveClaim(submitted, stepTo(status, '2026-03-26'), TODAY))
}

describe('the documents a claim needs', () => {
  it('a child claiming JKM: the issue list without the marriage book', () => {
    expect(requiredDocuments({ kind: 'jkm', died: true, heirRelationshipCode: 'anak' })).toEqual([
      'kartu-peserta',
      'ktp-ahli-waris',
      'akta-kematian',
      'kartu-keluarga',
      'surat-keterangan-ahli-waris',
      'buku-tabungan',
    ])
  })

  it('a spouse claiming JKM also brings the marriage book', () => {
    expect(
      requiredDocuments({ kind: 'jkm', died: true, heirRelationshipCode: 'suami-istri' }),
    ).toContain('buku-nikah')
    expect(
      requiredDocuments({ kind: 'jkm', died: true, heirRelationshipCode: 'orang-tua' }),
    ).not.toContain('buku-nikah')
  })

  it('a district may name its own spouse codes', () => {
    const options = { spouseRelationshipCodes: ['istri', 'suami'] }
    const codes = requiredDocuments(
      { kind: 'jkm', died: true, heirRelationshipCode: 'istri' },
      options,
    )
    expect(codes).toContain('buku-nikah')
    expect(
      requiredDocuments({ kind: 'jkm', died: true, heirRelationshipCode: 'suami-istri' }, options),
    ).not.toContain('buku-nikah')
  })

  it('JKK: heirs add the accident report; a survivor claims with their own papers', () => {
    const fatal = requiredDocuments({ kind: 'jkk', died: true, heirRelationshipCode: 'anak' })
    expect(fatal).toContain('laporan-kecelakaan')
    expect(fatal).toContain('akta-kematian')
    expect(requiredDocuments({ kind: 'jkk', died: false })).toEqual([
      'kartu-peserta',
      'ktp-peserta',
      'laporan-kecelakaan',
      'surat-keterangan-dokter',
      'buku-tabungan',
    ])
  })
})

describe('opening a case', () => {
  it('starts reported, every required document missing since the report', () => {
    const claim = opened()
    expect(claimStatusOf(claim)).toBe('dilaporkan')
    expect(claim.history).toEqual([
      { status: 'dilaporkan', on: '2026-03-05', by: 'Petugas Tenggarong' },
    ])
    expect(claim.died).toBe(true)
    expect(claim.documents).toHaveLength(6)
    for (const document of claim.documents) {
      expect(document).toMatchObject({ state: 'missing', on: '2026-03-05' })
    }
    expect(missingDocuments(claim)).toHaveLength(6)
  })

  it.each<[string, Partial<OpenClaimInput>, string]>([
    ['JKM without an heir', { heir: undefined }, 'HEIR_REQUIRED'],
    ['JKM for someone alive', { died: false }, 'JKM_NEEDS_DEATH'],
    ['JKK survivor with an heir', { kind: 'jkk', died: false }, 'HEIR_NOT_EXPECTED'],
    ['an heir without a name', { heir: { name: '  ', relationshipCode: 'anak' } }, 'HEIR_INVALID'],
    [
      'an heir code with capitals',
      { heir: { name: 'A', relationshipCode: 'Anak' } },
      'HEIR_INVALID',
    ],
    [
      'a negative heir index',
      { heir: { name: 'A', relationshipCode: 'anak', recordIndex: -1 } },
      'HEIR_INVALID',
    ],
    ['a report dated tomorrow', { openedOn: '2026-12-02' }, 'DATE_IN_FUTURE'],
    ['a death dated tomorrow', { eventOn: '2026-12-02', openedOn: '2026-12-02' }, 'DATE_IN_FUTURE'],
    ['a report before the death', { openedOn: '2026-03-01' }, 'OPENED_BEFORE_EVENT'],
    ['a death on 30 February', { eventOn: '2026-02-30' }, 'DATE_INVALID'],
    ['a kecamatan code that is a name', { kecamatanCode: 'Tenggarong' }, 'CASE_INPUT_INVALID'],
    ['an id that is not a UUID', { id: 'klaim-1' }, 'CASE_INPUT_INVALID'],
    ['an unknown kind', { kind: 'jht' as 'jkm' }, 'CASE_INPUT_INVALID'],
    ['nobody recording it', { by: '' }, 'CASE_INPUT_INVALID'],
  ])('refuses %s', (_label, overrides, code) => {
    const result = openClaimCase(
      {
        id: uuid(1),
        participantId: uuid(900),
        kecamatanCode: KEC,
        kind: 'jkm',
        eventOn: '2026-03-02',
        openedOn: '2026-03-05',
        by: 'Petugas',
        heir: CHILD,
        ...overrides,
      },
      TODAY,
    )
    expect(result.ok || result.problem.code).toBe(code)
  })

  it('a JKK survivor claims without an heir', () => {
    const claim = opened({ kind: 'jkk', died: false, heir: undefined })
    expect(claim.heir).toBeUndefined()
    expect(claim.documents.map((document) => document.code)).toContain('surat-keterangan-dokter')
  })
})

describe('the checklist', () => {
  it('records a document received with its date', () => {
    const claim = ok(
      withDocument(opened(), { code: 'akta-kematian', state: 'received', on: '2026-03-07' }, TODAY),
    )
    expect(claim.documents.find((entry) => entry.code === 'akta-kematian')).toEqual({
      code: 'akta-kematian',
      state: 'received',
      on: '2026-03-07',
    })
    expect(missingDocuments(claim)).not.toContain('akta-kematian')
  })

  it.each<[string, Parameters<typeof withDocument>[1], string]>([
    [
      'a document the claim does not need',
      { code: 'buku-nikah', state: 'received', on: '2026-03-07' },
      'DOCUMENT_NOT_ON_CHECKLIST',
    ],
    [
      'a date before the case was opened',
      { code: 'akta-kematian', state: 'received', on: '2026-03-04' },
      'DATE_BEFORE_OPENED',
    ],
    [
      'a date still to come',
      { code: 'akta-kematian', state: 'received', on: '2026-12-02' },
      'DATE_IN_FUTURE',
    ],
    [
      'a date that is not real',
      { code: 'akta-kematian', state: 'received', on: '2026-04-31' },
      'DATE_INVALID',
    ],
    [
      'an unknown state',
      { code: 'akta-kematian', state: 'ok' as 'received', on: '2026-03-07' },
      'CASE_INPUT_INVALID',
    ],
  ])('refuses %s', (_label, change, code) => {
    const result = withDocument(opened(), change, TODAY)
    expect(result.ok || result.problem.code).toBe(code)
  })

  it('is locked once the file is declared complete', () => {
    for (const status of ['berkas-lengkap', 'diajukan', 'dibayar', 'ditolak'] as const) {
      const result = withDocument(
        caseIn(status),
        { code: 'akta-kematian', state: 'missing', on: '2026-04-01' },
        TODAY,
      )
      expect(result.ok || result.problem.code).toBe('DOCUMENTS_LOCKED')
    }
  })

  it('follows the heir: a spouse adds the marriage book, missing; the rest keep their state', () => {
    const received = ok(
      withDocument(opened(), { code: 'akta-kematian', state: 'received', on: '2026-03-07' }, TODAY),
    )
    const spouse = ok(withHeir(received, SPOUSE, '2026-03-09', TODAY))
    expect(spouse.heir).toEqual(SPOUSE)
    expect(spouse.documents.find((entry) => entry.code === 'buku-nikah')).toEqual({
      code: 'buku-nikah',
      state: 'missing',
      on: '2026-03-09',
    })
    expect(spouse.documents.find((entry) => entry.code === 'akta-kematian')?.state).toBe('received')
    const back = ok(withHeir(spouse, CHILD, '2026-03-10', TODAY))
    expect(back.documents.map((entry) => entry.code)).not.toContain('buku-nikah')
    expect(withHeir(caseIn('diajukan'), SPOUSE, '2026-04-01', TODAY).ok).toBe(false)
  })
})

describe('status moves', () => {
  /** Written out, not read from the module: changing a move means changing this list on purpose. */
  const ALLOWED = new Set([
    'dilaporkan>berkas-lengkap',
    'berkas-lengkap>diajukan',
    'berkas-lengkap>dilaporkan',
    'diajukan>dibayar',
    'diajukan>ditolak',
    'ditolak>dilaporkan',
  ])
  const pairs = CLAIM_STATUSES.flatMap((from) => CLAIM_STATUSES.map((to) => [from, to] as const))

  it.each(pairs)('%s → %s', (from, to) => {
    const claim = caseIn(from)
    const result = moveClaim(claim, stepTo(to, '2026-04-02'), TODAY)
    if (ALLOWED.has(`${from}>${to}`)) {
      expect(result.ok).toBe(true)
      expect(result.ok && claimStatusOf(result.claim)).toBe(to)
      expect(result.ok && result.claim.history).toHaveLength(claim.history.length + 1)
    } else {
      expect(result).toEqual({
        ok: false,
        problem: { code: 'MOVE_NOT_ALLOWED', params: { from, to } },
      })
    }
  })

  it('offers the same moves the table allows', () => {
    for (const from of CLAIM_STATUSES) {
      const offered = allowedNextStatuses(caseIn(from)).map((to) => `${from}>${to}`)
      expect(offered.sort()).toEqual(
        [...ALLOWED].filter((move) => move.startsWith(`${from}>`)).sort(),
      )
    }
  })

  it('the file is complete only when every required document is received', () => {
    const claim = opened()
    let next = claim
    const codes = claim.documents.map((entry) => entry.code)
    for (const code of codes.slice(0, -1)) {
      next = ok(withDocument(next, { code, state: 'received', on: '2026-03-10' }, TODAY))
    }
    expect(moveClaim(next, stepTo('berkas-lengkap', '2026-03-11'), TODAY)).toEqual({
      ok: false,
      problem: { code: 'DOCUMENTS_INCOMPLETE', params: { count: 1 } },
    })
    const last = codes.at(-1) ?? 'kartu-peserta'
    next = ok(withDocument(next, { code: last, state: 'received', on: '2026-03-10' }, TODAY))
    expect(moveClaim(next, stepTo('berkas-lengkap', '2026-03-11'), TODAY).ok).toBe(true)
  })

  it('a spouse cannot complete the file without the marriage book; a child can', () => {
    const child = complete(opened())
    expect(moveClaim(child, stepTo('berkas-lengkap', '2026-03-11'), TODAY).ok).toBe(true)
    const spouse = ok(withHeir(child, SPOUSE, '2026-03-10', TODAY))
    const refused = moveClaim(spouse, stepTo('berkas-lengkap', '2026-03-11'), TODAY)
    expect(refused.ok || refused.problem).toEqual({
      code: 'DOCUMENTS_INCOMPLETE',
      params: { count: 1 },
    })
  })

  it('a document received again, as missing, reopens the gap', () => {
    const claim = complete(opened())
    const lost = ok(
      withDocument(claim, { code: 'kartu-keluarga', state: 'missing', on: '2026-03-11' }, TODAY),
    )
    expect(moveClaim(lost, stepTo('berkas-lengkap', '2026-03-11'), TODAY).ok).toBe(false)
  })

  it('the file is not complete before its last document came in', () => {
    const claim = complete(opened(), '2026-03-20')
    const result = moveClaim(claim, stepTo('berkas-lengkap', '2026-03-19'), TODAY)
    expect(result.ok || result.problem).toEqual({
      code: 'DATE_BEFORE_DOCUMENT',
      params: { date: '2026-03-19', last: '2026-03-20' },
    })
    expect(moveClaim(claim, stepTo('berkas-lengkap', '2026-03-20'), TODAY).ok).toBe(true)
  })

  it('a move is dated on or after the last one, and not in the future', () => {
    const full = caseIn('berkas-lengkap')
    const early = moveClaim(full, stepTo('diajukan', '2026-03-11'), TODAY)
    expect(early.ok || early.problem).toEqual({
      code: 'DATE_BEFORE_LAST_STEP',
      params: { date: '2026-03-11', last: '2026-03-12' },
    })
    expect(moveClaim(full, stepTo('diajukan', '2026-03-12'), TODAY).ok).toBe(true)
    const future = moveClaim(full, stepTo('diajukan', '2026-12-02'), TODAY)
    expect(future.ok || future.problem.code).toBe('DATE_IN_FUTURE')
    expect(moveClaim(full, stepTo('diajukan', TODAY), TODAY).ok).toBe(true)
  })

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['zero', 0],
    ['negative', -42_000_000],
    ['fractional', 42_000_000.5],
    ['text', '42000000'],
    ['above the ceiling', MAX_CLAIM_AMOUNT + 1],
    ['not a number', Number.NaN],
  ])('paid needs an amount: refuses one %s', (_label, amountPaid) => {
    const step = { status: 'dibayar', on: '2026-04-02', by: 'Petugas', amountPaid } as ClaimStep
    const result = moveClaim(caseIn('diajukan'), step, TODAY)
    expect(result.ok || result.problem.code).toBe('AMOUNT_INVALID')
  })

  it('a claimed amount is optional, but whole rupiah when given', () => {
    const full = caseIn('berkas-lengkap')
    expect(moveClaim(full, { status: 'diajukan', on: '2026-04-02', by: 'P' }, TODAY).ok).toBe(true)
    const fractional = moveClaim(
      full,
      { status: 'diajukan', on: '2026-04-02', by: 'P', amountClaimed: 10.5 },
      TODAY,
    )
    expect(fractional.ok || fractional.problem.code).toBe('AMOUNT_INVALID')
  })

  it.each(['', '   ', 'x'.repeat(301)])('rejected needs a reason: refuses %j', (reason) => {
    const step: ClaimStep = { status: 'ditolak', on: '2026-04-02', by: 'Petugas', reason }
    const result = moveClaim(caseIn('diajukan'), step, TODAY)
    expect(result.ok || result.problem.code).toBe('REASON_REQUIRED')
  })

  it('going back to reported needs a note, before submission and on reopening', () => {
    for (const from of ['berkas-lengkap', 'ditolak'] as const) {
      const bare = moveClaim(
        caseIn(from),
        { status: 'dilaporkan', on: '2026-04-02', by: 'P', note: ' ' },
        TODAY,
      )
      expect(bare.ok || bare.problem.code).toBe('NOTE_REQUIRED')
    }
  })

  it('refuses a field the step does not have (a misspelt amount)', () => {
    const step = { status: 'dibayar', on: '2026-04-02', by: 'P', amountpaid: 1 } as never
    const result = moveClaim(caseIn('diajukan'), step, TODAY)
    expect(result.ok || result.problem).toEqual({
      code: 'CASE_INPUT_INVALID',
      params: { field: 'amountpaid' },
    })
  })

  it('a reopened case keeps its rejection in the history', () => {
    const reopened = ok(moveClaim(caseIn('ditolak'), stepTo('dilaporkan', '2026-04-02'), TODAY))
    expect(claimSummary(reopened)).toEqual({
      status: 'dilaporkan',
      since: '2026-04-02',
      amountClaimed: 42_000_000,
      rejections: 1,
    })
    expect(reopened.history.map((step) => step.status)).toEqual([
      'dilaporkan',
      'berkas-lengkap',
      'diajukan',
      'ditolak',
      'dilaporkan',
    ])
    // The checklist opens again, for the document BPJS asked for.
    const fixed = withDocument(
      reopened,
      { code: 'kartu-keluarga', state: 'missing', on: '2026-04-02' },
      TODAY,
    )
    expect(fixed.ok).toBe(true)
  })

  it('the summary shows what was paid, and when, or why BPJS refused', () => {
    expect(claimSummary(caseIn('dibayar'))).toEqual({
      status: 'dibayar',
      since: '2026-03-26',
      amountClaimed: 42_000_000,
      amountPaid: 42_000_000,
      paidOn: '2026-03-26',
      rejections: 0,
    })
    expect(claimSummary(caseIn('ditolak'))).toMatchObject({
      rejectionReason: 'Nama di KK berbeda dengan KTP',
      rejections: 1,
    })
  })
})

describe('days', () => {
  it('counts whole calendar days, across 29 February and year ends', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2)
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1)
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1)
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365)
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366)
    expect(daysBetween('2100-02-28', '2100-03-01')).toBe(1)
    expect(daysBetween('2026-03-05', '2026-03-01')).toBe(-4)
    expect(() => daysBetween('2026-02-29', '2026-03-01')).toThrow(RangeError)
  })

  it('days open run from the report to today, and stop when the case closes', () => {
    expect(daysOpen(opened(), '2026-03-05')).toBe(0)
    expect(daysOpen(opened(), '2026-04-04')).toBe(30)
    expect(daysOpen(caseIn('dibayar'), TODAY)).toBe(21)
    expect(daysOpen(caseIn('ditolak'), TODAY)).toBe(21)
    // A reopened case counts again from the first report.
    const reopened = ok(moveClaim(caseIn('ditolak'), stepTo('dilaporkan', '2026-04-02'), TODAY))
    expect(daysOpen(reopened, '2026-04-05')).toBe(31)
    // A clock behind the report does not make the count negative.
    expect(daysOpen(opened(), '2026-03-01')).toBe(0)
  })

  it('days in status run from the last move', () => {
    expect(daysInStatus(caseIn('diajukan'), '2026-03-19')).toBe(0)
    expect(daysInStatus(caseIn('diajukan'), '2026-04-18')).toBe(30)
  })

  it('a case is stalled after more than 30 days in one open status: 31, not 30', () => {
    const submitted = caseIn('diajukan') // since 2026-03-19
    expect(isStalled(submitted, '2026-04-18')).toBe(false)
    expect(isStalled(submitted, '2026-04-19')).toBe(true)
    const reported = opened() // since 2026-03-05
    expect(isStalled(reported, '2026-04-04')).toBe(false)
    expect(isStalled(reported, '2026-04-05')).toBe(true)
  })

  it('a closed case never stalls; the threshold can be set', () => {
    expect(isStalled(caseIn('dibayar'), '2027-01-01')).toBe(false)
    expect(isStalled(caseIn('ditolak'), '2027-01-01')).toBe(false)
    expect(isStalled(caseIn('diajukan'), '2026-03-27', 7)).toBe(true)
    expect(isStalled(caseIn('diajukan'), '2026-03-26', 7)).toBe(false)
  })
})

describe('the kecamatan list', () => {
  const withId = (claim: ClaimCase, n: number, openedOn?: string): ClaimCase => ({
    ...claim,
    id: uuid(n),
    ...(openedOn ? { openedOn } : {}),
  })

  it('shows stalled cases first, then the other open ones, then the closed, oldest first', () => {
    const today = '2026-05-01'
    // Opened 2026-03-05; in `diajukan` since 2026-03-19: stalled on 1 May.
    const stalledOld = withId(caseIn('diajukan'), 10)
    // Opened 2026-04-10, reported since then: 21 days, stalled only beyond 30.
    const recent = withId(opened({ openedOn: '2026-04-10' }, today), 11)
    // Opened 2026-04-01, 30 days in status on 1 May: not stalled yet.
    const notYet = withId(opened({ openedOn: '2026-04-01' }, today), 12)
    // Opened 2026-03-20, 42 days reported: stalled, and newer than `stalledOld`.
    const stalledNewer = withId(opened({ openedOn: '2026-03-20' }, today), 13)
    // Paid: closed, oldest of all, still last.
    const paid = withId(caseIn('dibayar'), 14, '2026-03-01')
    // Same opening day as `notYet`, smaller id: before it.
    const twin = withId(opened({ openedOn: '2026-04-01' }, today), 2)
    const input = [paid, recent, notYet, stalledNewer, twin, stalledOld]
    const sorted = sortForKecamatanList(input, today)
    expect(sorted.map((claim) => claim.id)).toEqual([
      uuid(10),
      uuid(13),
      uuid(2),
      uuid(12),
      uuid(11),
      uuid(14),
    ])
    // The input is left as it was.
    expect(input[0]).toBe(paid)
  })

  it('a case passing 30 days in its status moves up the next day', () => {
    const a = withId(opened({ openedOn: '2026-04-01' }, '2026-05-02'), 1)
    const b = withId(opened({ openedOn: '2026-04-02' }, '2026-05-02'), 2)
    // Reported on 1 March, complete since 10 April: older than `a`, but never 30 days in a status.
    const older = withId(
      ok(
        moveClaim(
          complete(opened({ eventOn: '2026-02-27', openedOn: '2026-03-01' }), '2026-04-10'),
          stepTo('berkas-lengkap', '2026-04-10'),
          TODAY,
        ),
      ),
      3,
    )
    const ids = (today: string) =>
      sortForKecamatanList([b, older, a], today).map((claim) => claim.id)
    // 1 May: `a` has 30 days in status, not stalled; the oldest report leads.
    expect(ids('2026-05-01')).toEqual([uuid(3), uuid(1), uuid(2)])
    // 2 May: `a` has 31 and leads; `b` has 30 and stays behind the older case.
    expect(ids('2026-05-02')).toEqual([uuid(1), uuid(3), uuid(2)])
  })
})

describe('a case from the network', () => {
  const wire = (claim: ClaimCase): Record<string, unknown> =>
    JSON.parse(JSON.stringify(claim)) as Record<string, unknown>

  it('reads back every case the rules can make', () => {
    for (const status of CLAIM_STATUSES) {
      const claim = caseIn(status)
      expect(parseClaimCase(wire(claim))).toEqual({ ok: true, claim })
    }
    const survivor = opened({ kind: 'jkk', died: false, heir: undefined })
    expect(parseClaimCase(wire(survivor))).toEqual({ ok: true, claim: survivor })
    const spouse = ok(withHeir(opened(), SPOUSE, '2026-03-06', TODAY))
    expect(parseClaimCase(wire(spouse))).toEqual({ ok: true, claim: spouse })
  })

  type Attack = [string, (value: Record<string, unknown>) => unknown, string]
  const history = (value: Record<string, unknown>) => value.history as Record<string, unknown>[]
  const documents = (value: Record<string, unknown>) => value.documents as Record<string, unknown>[]
  const at = <T>(list: T[], index: number): T => {
    const item = list[index]
    if (item === undefined) throw new Error(`no item ${index}`)
    return item
  }

  const attacks: Attack[] = [
    ['not an object', () => 'klaim', 'not an object'],
    ['an array', () => [], 'not an object'],
    ['null', () => null, 'not an object'],
    ['an unknown key', (v) => ({ ...v, isAdmin: true }), 'unknown key isAdmin'],
    ['a numeric id', (v) => ({ ...v, id: 1 }), 'id'],
    ['an id that is not a UUID', (v) => ({ ...v, id: 'abc' }), 'id'],
    ['a participant id with a path', (v) => ({ ...v, participantId: '../x' }), 'participantId'],
    [
      'a kecamatan with a province code only',
      (v) => ({ ...v, kecamatanCode: '64' }),
      'kecamatanCode',
    ],
    ['an unknown kind', (v) => ({ ...v, kind: 'jht' }), 'kind'],
    ['died as text', (v) => ({ ...v, died: 'true' }), 'died'],
    ['a JKM claim for someone alive', (v) => ({ ...v, died: false }), 'died'],
    ['a death on 29 February 2026', (v) => ({ ...v, eventOn: '2026-02-29' }), 'eventOn'],
    ['a death as a timestamp', (v) => ({ ...v, eventOn: '2026-03-02T00:00:00Z' }), 'eventOn'],
    ['opened before the death', (v) => ({ ...v, openedOn: '2026-03-01' }), 'openedOn'],
    ['no heir for a death', (v) => ({ ...v, heir: undefined }), 'heir'],
    ['an heir with extra keys', (v) => ({ ...v, heir: { ...CHILD, nik: '1' } }), 'heir'],
    [
      'an heir index of 1.5',
      (v) => ({ ...v, heir: { ...CHILD, recordIndex: 1.5 } }),
      'heir.recordIndex',
    ],
    ['an heir name as a number', (v) => ({ ...v, heir: { ...CHILD, name: 7 } }), 'heir.name'],
    ['documents missing one', (v) => ({ ...v, documents: documents(v).slice(1) }), 'documents'],
    [
      'a document twice',
      (v) => ({ ...v, documents: [...documents(v).slice(1), at(documents(v), 1)] }),
      'documents[5].code',
    ],
    [
      'a document the claim does not need',
      (v) => ({
        ...v,
        documents: [
          ...documents(v).slice(1),
          { code: 'buku-nikah', state: 'missing', on: '2026-03-05' },
        ],
      }),
      'documents[5].code',
    ],
    [
      'a document state that is not one',
      (v) => ({
        ...v,
        documents: [{ ...at(documents(v), 0), state: 'ok' }, ...documents(v).slice(1)],
      }),
      'documents[0].state',
    ],
    [
      'a document dated in month 13',
      (v) => ({
        ...v,
        documents: [{ ...at(documents(v), 0), on: '2026-13-01' }, ...documents(v).slice(1)],
      }),
      'documents[0].on',
    ],
    [
      'a document before the case',
      (v) => ({
        ...v,
        documents: [{ ...at(documents(v), 0), on: '2026-03-04' }, ...documents(v).slice(1)],
      }),
      'documents[0].on',
    ],
    ['no history', (v) => ({ ...v, history: [] }), 'history'],
    ['history as an object', (v) => ({ ...v, history: {} }), 'history'],
    [
      'a history that does not start with the report',
      (v) => ({ ...v, history: history(v).slice(1) }),
      'history[0]',
    ],
    [
      'a first step dated apart from the opening',
      (v) => ({
        ...v,
        history: [{ ...at(history(v), 0), on: '2026-03-06' }, ...history(v).slice(1)],
      }),
      'history[0]',
    ],
    [
      'an unknown status',
      (v) => ({ ...v, history: [...history(v), { status: 'selesai', on: '2026-04-01', by: 'P' }] }),
      'history[4].status',
    ],
    [
      'a skipped step (reported straight to submitted)',
      (v) => ({ ...v, history: [at(history(v), 0), ...history(v).slice(2)] }),
      'history[1].status',
    ],
    [
      'a step back in time',
      (v) => ({
        ...v,
        history: history(v).map((step, i) => (i === 2 ? { ...step, on: '2026-03-11' } : step)),
      }),
      'history[2].on',
    ],
    [
      'a fractional payment',
      (v) => ({
        ...v,
        history: history(v).map((step, i) => (i === 3 ? { ...step, amountPaid: 0.5 } : step)),
      }),
      'history[3].amountPaid',
    ],
    [
      'a negative payment',
      (v) => ({
        ...v,
        history: history(v).map((step, i) => (i === 3 ? { ...step, amountPaid: -1 } : step)),
      }),
      'history[3].amountPaid',
    ],
    [
      'a payment as text',
      (v) => ({
        ...v,
        history: history(v).map((step, i) =>
          i === 3 ? { ...step, amountPaid: '42000000' } : step,
        ),
      }),
      'history[3].amountPaid',
    ],
    [
      'a payment of 1e300',
      (v) => ({
        ...v,
        history: history(v).map((step, i) => (i === 3 ? { ...step, amountPaid: 1e300 } : step)),
      }),
      'history[3].amountPaid',
    ],
    [
      'a payment without an amount',
      (v) => ({
        ...v,
        history: history(v).map((step, i) =>
          i === 3 ? { status: 'dibayar', on: '2026-03-26', by: 'P' } : step,
        ),
      }),
      'history[3].amountPaid',
    ],
    [
      'a misspelt amount key',
      (v) => ({
        ...v,
        history: history(v).map((step, i) => (i === 3 ? { ...step, amount_paid: 1 } : step)),
      }),
      'history[3].amount_paid',
    ],
    [
      'a payment dated 31 April',
      (v) => ({
        ...v,
        history: history(v).map((step, i) => (i === 3 ? { ...step, on: '2026-04-31' } : step)),
      }),
      'history[3].on',
    ],
    [
      'a step by nobody',
      (v) => ({
        ...v,
        history: history(v).map((step, i) => (i === 3 ? { ...step, by: '' } : step)),
      }),
      'history[3].by',
    ],
    [
      'a step after payment',
      (v) => ({
        ...v,
        history: [...history(v), { status: 'ditolak', on: '2026-04-01', by: 'P', reason: 'x' }],
      }),
      'history[4].status',
    ],
    [
      'a declared-complete file with a document missing',
      (v) => ({
        ...v,
        documents: [{ ...at(documents(v), 0), state: 'missing' }, ...documents(v).slice(1)],
      }),
      'documents',
    ],
    [
      'a document received after the file was declared complete',
      (v) => ({
        ...v,
        documents: [{ ...at(documents(v), 0), on: '2026-03-13' }, ...documents(v).slice(1)],
      }),
      'documents',
    ],
    [
      'a history longer than any case',
      (v) => ({
        ...v,
        history: [
          at(history(v), 0),
          ...Array.from({ length: 50 }, (_, i) => [
            { status: 'berkas-lengkap', on: '2026-03-12', by: 'P' },
            { status: 'dilaporkan', on: '2026-03-12', by: 'P', note: `ulang ${i}` },
          ]).flat(),
        ],
      }),
      'history',
    ],
  ]

  it.each(attacks)('refuses %s', (_label, attack, reason) => {
    expect(parseClaimCase(attack(wire(caseIn('dibayar'))))).toEqual({ ok: false, reason })
  })

  it('refuses a rejection without a reason and a return without a note', () => {
    const rejected = wire(caseIn('ditolak'))
    const noReason = {
      ...rejected,
      history: history(rejected).map((step, i) => (i === 3 ? { ...step, reason: ' ' } : step)),
    }
    expect(parseClaimCase(noReason)).toEqual({ ok: false, reason: 'history[3].reason' })
    const reopened = wire(
      ok(moveClaim(caseIn('ditolak'), stepTo('dilaporkan', '2026-04-02'), TODAY)),
    )
    const noNote = {
      ...reopened,
      history: history(reopened).map((step, i) => (i === 4 ? { ...step, note: undefined } : step)),
    }
    expect(parseClaimCase(noNote)).toEqual({ ok: false, reason: 'history[4].note' })
  })

  it('refuses a heir on a survivor JKK claim', () => {
    const survivor = wire(opened({ kind: 'jkk', died: false, heir: undefined }))
    expect(parseClaimCase({ ...survivor, heir: CHILD })).toEqual({ ok: false, reason: 'heir' })
  })

  it('a spouse claim must list the marriage book', () => {
    const spouse = wire(ok(withHeir(opened(), SPOUSE, '2026-03-06', TODAY)))
    const without = {
      ...spouse,
      documents: documents(spouse).filter((entry) => entry.code !== 'buku-nikah'),
    }
    expect(parseClaimCase(without)).toEqual({ ok: false, reason: 'documents' })
  })
})

describe('who may handle a claim', () => {
  const kecamatanOffice = (kecamatanCode: string | null) => ({
    kind: 'kecamatan' as const,
    kecamatanCode,
  })
  const central = { kind: 'central' as const, kecamatanCode: null }
  const agency = { kind: 'agency' as const, kecamatanCode: null }
  const ACTIONS: ClaimAction[] = ['open', 'update', 'move', 'reopen']

  /** Each row: actor, then the verdict for open, update, move, reopen ('ok' or the refusal). */
  const TABLE: [string, ClaimActor, string[]][] = [
    [
      'operator of the kecamatan',
      { role: 'operator', office: kecamatanOffice(KEC) },
      ['ok', 'ok', 'ok', 'ONLY_SUPERVISOR_REOPENS'],
    ],
    [
      'supervisor of the kecamatan',
      { role: 'supervisor', office: kecamatanOffice(KEC) },
      ['ok', 'ok', 'ok', 'ok'],
    ],
    [
      'operator of another kecamatan',
      { role: 'operator', office: kecamatanOffice(OTHER_KEC) },
      ['NOT_YOUR_KECAMATAN', 'NOT_YOUR_KECAMATAN', 'NOT_YOUR_KECAMATAN', 'ONLY_SUPERVISOR_REOPENS'],
    ],
    [
      'supervisor of another kecamatan',
      { role: 'supervisor', office: kecamatanOffice(OTHER_KEC) },
      ['NOT_YOUR_KECAMATAN', 'NOT_YOUR_KECAMATAN', 'NOT_YOUR_KECAMATAN', 'NOT_YOUR_KECAMATAN'],
    ],
    [
      'admin on another kecamatan PC',
      { role: 'admin', office: kecamatanOffice(OTHER_KEC) },
      ['NOT_YOUR_KECAMATAN', 'NOT_YOUR_KECAMATAN', 'NOT_YOUR_KECAMATAN', 'NOT_YOUR_KECAMATAN'],
    ],
    [
      'supervisor of a kecamatan office without a code',
      { role: 'supervisor', office: kecamatanOffice(null) },
      [
        'OFFICE_WITHOUT_KECAMATAN',
        'OFFICE_WITHOUT_KECAMATAN',
        'OFFICE_WITHOUT_KECAMATAN',
        'OFFICE_WITHOUT_KECAMATAN',
      ],
    ],
    ['district supervisor', { role: 'supervisor', office: central }, ['ok', 'ok', 'ok', 'ok']],
    ['district admin', { role: 'admin', office: central }, ['ok', 'ok', 'ok', 'ok']],
    [
      'district operator',
      { role: 'operator', office: central },
      [
        'OPERATOR_NEEDS_KECAMATAN_OFFICE',
        'OPERATOR_NEEDS_KECAMATAN_OFFICE',
        'OPERATOR_NEEDS_KECAMATAN_OFFICE',
        'ONLY_SUPERVISOR_REOPENS',
      ],
    ],
    [
      'verifier of an agency',
      { role: 'verifier', office: agency },
      [
        'VERIFIER_CANNOT_HANDLE_CLAIMS',
        'VERIFIER_CANNOT_HANDLE_CLAIMS',
        'VERIFIER_CANNOT_HANDLE_CLAIMS',
        'VERIFIER_CANNOT_HANDLE_CLAIMS',
      ],
    ],
    [
      'verifier on the kecamatan PC',
      { role: 'verifier', office: kecamatanOffice(KEC) },
      [
        'VERIFIER_CANNOT_HANDLE_CLAIMS',
        'VERIFIER_CANNOT_HANDLE_CLAIMS',
        'VERIFIER_CANNOT_HANDLE_CLAIMS',
        'VERIFIER_CANNOT_HANDLE_CLAIMS',
      ],
    ],
  ]

  it.each(TABLE)('%s', (_label, actor, expected) => {
    const verdicts = ACTIONS.map((action) => {
      const verdict = canHandleClaim(actor, KEC, action)
      return verdict.allowed ? 'ok' : verdict.code
    })
    expect(verdicts).toEqual(expected)
  })

  it('a refusal carries its words in both languages', () => {
    const verdict = canHandleClaim({ role: 'verifier', office: agency }, KEC, 'open')
    expect(verdict.allowed).toBe(false)
    if (verdict.allowed) return
    expect(verdict.message.id).toContain('Verifikator')
    expect(verdict.message.en).toContain('verifiers')
  })

  it('reopening is the move from rejected back to reported, and only that', () => {
    expect(actionOfMove('ditolak', 'dilaporkan')).toBe('reopen')
    expect(actionOfMove('berkas-lengkap', 'dilaporkan')).toBe('move')
    expect(actionOfMove('diajukan', 'ditolak')).toBe('move')
  })
})

describe('messages', () => {
  it('name statuses and documents in the reader’s words', () => {
    const move = { code: 'MOVE_NOT_ALLOWED', params: { from: 'dibayar', to: 'ditolak' } } as const
    expect(describeClaimProblem(move)).toBe(
      'Status klaim tidak bisa berpindah dari "Dibayar" ke "Ditolak".',
    )
    expect(describeClaimProblem(move, 'en')).toBe(
      'The claim cannot move from "Paid" to "Rejected".',
    )
    const document = {
      code: 'DOCUMENT_NOT_ON_CHECKLIST',
      params: { document: 'buku-nikah' },
    } as const
    expect(describeClaimProblem(document)).toContain('Buku nikah')
    expect(
      describeClaimProblem({ code: 'AMOUNT_INVALID', params: { max: MAX_CLAIM_AMOUNT } }),
    ).toContain('Rp10.000.000.000')
  })
})
