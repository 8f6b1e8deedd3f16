/**
 * The server's judgement of a pushed record's claim cases (shared/claims/claim-push.ts): the
 * changes a kecamatan office and a supervisor make along the way pass; a verifier, another
 * kecamatan, a district clerk, an operator reopening, a deleted or rewritten case, a skipped
 * status, a case for someone else or on a new record, a forged case, a checklist changed after the
 * file was complete and a paid case changed are refused, each with the words the clerk reads.
 * Every case is built with the domain functions, so the fixtures are cases the app really makes.
 */
import { describe, expect, it } from 'vitest'
import {
  claimStatusOf,
  MAX_CLAIMS_PER_RECORD,
  moveClaim,
  openClaimCase,
  withDocument,
  withHeir,
  type ClaimActor,
  type ClaimCase,
  type ClaimResult,
  type ClaimStep,
  type OpenClaimInput,
} from '@shared/claims/claim-case'
import {
  claimRefusalMessage,
  describeClaimProblem,
  type ClaimProblem,
  type ClaimRefusal,
} from '@shared/claims/claim-messages'
import { claimsProblemOfPush } from '@shared/claims/claim-push'

const KEC = '64.02.06'
const OTHER_KEC = '64.02.07'
const TODAY = '2026-12-01'
const uuid = (n: number) => `7c9e6679-7425-40de-944b-${String(n).padStart(12, '0')}`
const PERSON = uuid(900)
const RECORD = { id: PERSON, kecamatanCode: KEC }

const CLERK: ClaimActor = { role: 'operator', office: { kind: 'kecamatan', kecamatanCode: KEC } }
const KEC_SUPERVISOR: ClaimActor = {
  role: 'supervisor',
  office: { kind: 'kecamatan', kecamatanCode: KEC },
}
const OTHER_CLERK: ClaimActor = {
  role: 'operator',
  office: { kind: 'kecamatan', kecamatanCode: OTHER_KEC },
}
const DISTRICT_SUPERVISOR: ClaimActor = {
  role: 'supervisor',
  office: { kind: 'central', kecamatanCode: null },
}
const DISTRICT_CLERK: ClaimActor = {
  role: 'operator',
  office: { kind: 'central', kecamatanCode: null },
}
const VERIFIER: ClaimActor = { role: 'verifier', office: { kind: 'agency', kecamatanCode: null } }

const ok = (result: ClaimResult): ClaimCase => {
  if (!result.ok) throw new Error(`refused: ${describeClaimProblem(result.problem, 'en')}`)
  return result.claim
}

function opened(overrides: Partial<OpenClaimInput> = {}): ClaimCase {
  return ok(
    openClaimCase(
      {
        id: uuid(1),
        participantId: PERSON,
        kecamatanCode: KEC,
        kind: 'jkm',
        eventOn: '2026-03-02',
        openedOn: '2026-03-05',
        by: 'Petugas Tenggarong',
        heir: { name: 'Siti Aminah', relationshipCode: 'anak', recordIndex: 0 },
        ...overrides,
      },
      TODAY,
    ),
  )
}

/** Every document received on `on`. */
function complete(claim: ClaimCase, on = '2026-03-10'): ClaimCase {
  let next = claim
  for (const document of claim.documents) {
    next = ok(withDocument(next, { code: document.code, state: 'received', on }, TODAY))
  }
  return next
}

const move = (claim: ClaimCase, step: ClaimStep) => ok(moveClaim(claim, step, TODAY))

const reported = opened()
const received = complete(reported)
const filed = move(received, { status: 'berkas-lengkap', on: '2026-03-11', by: 'Petugas' })
const submitted = move(filed, {
  status: 'diajukan',
  on: '2026-03-20',
  by: 'Petugas',
  amountClaimed: 42_000_000,
})
const paid = move(submitted, {
  status: 'dibayar',
  on: '2026-04-15',
  by: 'Petugas',
  amountPaid: 42_000_000,
})
const rejected = move(submitted, {
  status: 'ditolak',
  on: '2026-04-15',
  by: 'Petugas',
  reason: 'Nama di KK berbeda dengan KTP',
})
const REOPEN_STEP: ClaimStep = {
  status: 'dilaporkan',
  on: '2026-05-01',
  by: 'Supervisor Dinas',
  note: 'KK sudah diperbaiki Disdukcapil',
}
const reopened = move(rejected, REOPEN_STEP)

/** The claims change from `before` to `after` on the person's record, pushed by `actor`. */
const push = (
  before: readonly ClaimCase[] | undefined,
  after: readonly unknown[] | undefined,
  actor: ClaimActor,
  record: { id: string; kecamatanCode: string } = RECORD,
) =>
  claimsProblemOfPush(
    { ...RECORD, ...(before ? { claims: before } : {}) },
    { ...record, ...(after ? { claims: after } : {}) },
    actor,
  )

const invalidBecause = (problem: ClaimProblem) => ({
  code: 'CLAIM_INVALID',
  message: describeClaimProblem(problem, 'id'),
})
const forbiddenBecause = (refusal: ClaimRefusal) => ({
  code: 'CLAIM_FORBIDDEN',
  message: claimRefusalMessage(refusal).id,
})

/** A JSON copy with `change` applied: what a hand-made push carries. */
function forged(claim: ClaimCase, change: (copy: Record<string, unknown>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(claim)) as Record<string, unknown>
  change(copy)
  return copy
}

describe('the office handles a claim from report to payment', () => {
  it('a clerk of the kecamatan opens a case on the person on record', () => {
    expect(push(undefined, [reported], CLERK)).toBeNull()
    expect(push([], [reported], CLERK)).toBeNull()
  })

  it('the clerk records documents as they come in, one sync or several', () => {
    const one = ok(
      withDocument(reported, { code: 'akta-kematian', state: 'received', on: '2026-03-07' }, TODAY),
    )
    expect(push([reported], [one], CLERK)).toBeNull()
    expect(push([one], [received], CLERK)).toBeNull()
    // A document noted missing again (the copy was unreadable) is a change like any other.
    const again = ok(
      withDocument(one, { code: 'akta-kematian', state: 'missing', on: '2026-03-08' }, TODAY),
    )
    expect(push([one], [again], CLERK)).toBeNull()
  })

  it('a new heir while the case is reported changes the checklist', () => {
    const spouse = ok(
      withHeir(reported, { name: 'Rahmat', relationshipCode: 'suami-istri' }, '2026-03-06', TODAY),
    )
    expect(spouse.documents.map((entry) => entry.code)).toContain('buku-nikah')
    expect(push([reported], [spouse], KEC_SUPERVISOR)).toBeNull()
  })

  it('the operator moves the case to file complete, submitted and paid', () => {
    expect(push([received], [filed], CLERK)).toBeNull()
    expect(push([filed], [submitted], CLERK)).toBeNull()
    expect(push([submitted], [paid], CLERK)).toBeNull()
    // Offline for a while: several steps in one push.
    expect(push([filed], [paid], CLERK)).toBeNull()
  })

  it('documents received and the file declared complete offline arrive in one push', () => {
    expect(push([reported], [filed], CLERK)).toBeNull()
  })

  it('a rejected case: the operator records the rejection, a supervisor reopens it', () => {
    expect(push([submitted], [rejected], CLERK)).toBeNull()
    expect(push([rejected], [reopened], DISTRICT_SUPERVISOR)).toBeNull()
    expect(push([rejected], [reopened], KEC_SUPERVISOR)).toBeNull()
  })

  it('the file goes back to reported with a note, and its documents change again', () => {
    const back = move(filed, {
      status: 'dilaporkan',
      on: '2026-03-12',
      by: 'Petugas',
      note: 'Akta kematian harus dilegalisasi',
    })
    const redone = ok(
      withDocument(back, { code: 'akta-kematian', state: 'received', on: '2026-03-14' }, TODAY),
    )
    expect(push([filed], [redone], CLERK)).toBeNull()
  })

  it('a district supervisor may handle any kecamatan', () => {
    expect(push(undefined, [reported], DISTRICT_SUPERVISOR)).toBeNull()
    expect(push([submitted], [paid], DISTRICT_SUPERVISOR)).toBeNull()
  })

  it('a second case beside the first; the order of the list does not matter', () => {
    const second = opened({
      id: uuid(2),
      kind: 'jkk',
      eventOn: '2026-01-10',
      died: false,
      heir: undefined,
    })
    expect(push([paid], [paid, second], CLERK)).toBeNull()
    expect(push([paid, second], [second, paid], CLERK)).toBeNull()
  })

  it('claims untouched pass whoever pushes the record, keys in any order', () => {
    const reordered = Object.fromEntries(Object.entries(paid).reverse())
    expect(push([paid], [reordered], VERIFIER)).toBeNull()
    expect(push([paid], [paid], OTHER_CLERK)).toBeNull()
    expect(push(undefined, undefined, VERIFIER)).toBeNull()
    expect(push([], undefined, VERIFIER)).toBeNull()
    expect(push(undefined, [], VERIFIER)).toBeNull()
    expect(claimsProblemOfPush(undefined, { ...RECORD, claims: [] }, VERIFIER)).toBeNull()
  })
})

describe('who may not', () => {
  it('a verifier neither opens nor moves a case', () => {
    const refused = forbiddenBecause('VERIFIER_CANNOT_HANDLE_CLAIMS')
    expect(push(undefined, [reported], VERIFIER)).toEqual(refused)
    expect(push([reported], [received], VERIFIER)).toEqual(refused)
    expect(push([submitted], [paid], VERIFIER)).toEqual(refused)
  })

  it("a clerk of another kecamatan cannot touch this kecamatan's cases", () => {
    const refused = forbiddenBecause('NOT_YOUR_KECAMATAN')
    expect(push(undefined, [reported], OTHER_CLERK)).toEqual(refused)
    expect(push([reported], [received], OTHER_CLERK)).toEqual(refused)
    expect(push([received], [filed], OTHER_CLERK)).toEqual(refused)
  })

  it('an operator on a district-wide office does not handle claims', () => {
    const refused = forbiddenBecause('OPERATOR_NEEDS_KECAMATAN_OFFICE')
    expect(push(undefined, [reported], DISTRICT_CLERK)).toEqual(refused)
    expect(push([submitted], [paid], DISTRICT_CLERK)).toEqual(refused)
  })

  it('an operator cannot reopen a rejected case, alone or hidden among other steps', () => {
    const refused = forbiddenBecause('ONLY_SUPERVISOR_REOPENS')
    expect(push([rejected], [reopened], CLERK)).toEqual(refused)
    const refiled = move(reopened, { status: 'berkas-lengkap', on: '2026-05-02', by: 'Petugas' })
    expect(push([rejected], [refiled], CLERK)).toEqual(refused)
    expect(push([submitted], [refiled], CLERK)).toEqual(refused)
  })

  it("moving the record to another kecamatan does not carry that kecamatan's clerk in", () => {
    // A case opened in the same push as the move: the clerk must hold the record where it is.
    const there = opened({ kecamatanCode: OTHER_KEC })
    const moved = { id: PERSON, kecamatanCode: OTHER_KEC }
    expect(push(undefined, [there], OTHER_CLERK, moved)).toEqual(
      forbiddenBecause('NOT_YOUR_KECAMATAN'),
    )
    expect(push(undefined, [there], DISTRICT_SUPERVISOR, moved)).toBeNull()
  })
})

describe('what nobody may push', () => {
  it('a case is never deleted, nor replaced by another', () => {
    const refused = invalidBecause({ code: 'CLAIM_REMOVED' })
    expect(push([reported], [], DISTRICT_SUPERVISOR)).toEqual(refused)
    expect(push([reported], undefined, DISTRICT_SUPERVISOR)).toEqual(refused)
    expect(push([rejected], [opened({ id: uuid(3) })], DISTRICT_SUPERVISOR)).toEqual(refused)
  })

  it('a paid case changes no more: not its amount, its heir or its steps', () => {
    const refused = invalidBecause({ code: 'CLAIM_PAID_FINAL' })
    const morePaid = forged(paid, (copy) => {
      const history = copy.history as Record<string, unknown>[]
      history[history.length - 1] = { ...history.at(-1), amountPaid: 52_000_000 }
    })
    expect(push([paid], [morePaid], DISTRICT_SUPERVISOR)).toEqual(refused)
    const otherHeir = forged(paid, (copy) => {
      copy.heir = { name: 'Siti Aminah binti Usman', relationshipCode: 'anak', recordIndex: 0 }
    })
    expect(push([paid], [otherHeir], DISTRICT_SUPERVISOR)).toEqual(refused)
  })

  it('a past step is never rewritten or taken back', () => {
    const refused = invalidBecause({ code: 'CLAIM_HISTORY_REWRITTEN' })
    // The amount claimed, after BPJS has answered.
    const moreClaimed = forged(rejected, (copy) => {
      const history = copy.history as Record<string, unknown>[]
      history[2] = { ...history[2], amountClaimed: 60_000_000 }
    })
    expect(push([rejected], [moreClaimed], DISTRICT_SUPERVISOR)).toEqual(refused)
    // BPJS's rejection turned into a payment.
    const turned = {
      ...submitted,
      history: [
        ...submitted.history,
        { status: 'dibayar', on: '2026-04-15', by: 'Petugas', amountPaid: 42_000_000 },
      ],
    }
    expect(push([rejected], [turned], DISTRICT_SUPERVISOR)).toEqual(refused)
    // A step taken back: submitted again becomes file complete.
    expect(push([submitted], [filed], DISTRICT_SUPERVISOR)).toEqual(refused)
    // Who reported it first.
    const reporter = forged(received, (copy) => {
      const history = copy.history as Record<string, unknown>[]
      history[0] = { ...history[0], by: 'Orang lain' }
    })
    expect(push([received], [reporter], DISTRICT_SUPERVISOR)).toEqual(refused)
  })

  it('no status is skipped', () => {
    const skipped = {
      ...filed,
      history: [
        ...filed.history,
        { status: 'dibayar', on: '2026-04-15', by: 'Petugas', amountPaid: 42_000_000 },
      ],
    }
    expect(push([filed], [skipped], DISTRICT_SUPERVISOR)).toEqual(
      invalidBecause({
        code: 'MOVE_NOT_ALLOWED',
        params: { from: 'berkas-lengkap', to: 'dibayar' },
      }),
    )
  })

  it('the facts of an open case stay as they were reported', () => {
    const refused = invalidBecause({ code: 'CLAIM_FACTS_CHANGED' })
    expect(push([reported], [{ ...reported, eventOn: '2026-03-01' }], CLERK)).toEqual(refused)
    const earlier = forged(reported, (copy) => {
      copy.openedOn = '2026-03-04'
      ;(copy.history as Record<string, unknown>[])[0]!.on = '2026-03-04'
    })
    expect(push([reported], [earlier], CLERK)).toEqual(refused)
  })

  it('a case for another participant is refused, whoever sends it', () => {
    const foreign = opened({ participantId: uuid(901) })
    const refused = invalidBecause({ code: 'CLAIM_OF_OTHER_PARTICIPANT' })
    expect(push(undefined, [foreign], DISTRICT_SUPERVISOR)).toEqual(refused)
    expect(
      push([reported], [reported, opened({ id: uuid(2), participantId: uuid(901) })], CLERK),
    ).toEqual(refused)
  })

  it("a case on the record must be on the participant's kecamatan", () => {
    const elsewhere = opened({ kecamatanCode: OTHER_KEC })
    expect(push(undefined, [elsewhere], DISTRICT_SUPERVISOR)).toEqual(
      invalidBecause({ code: 'CLAIM_OF_OTHER_KECAMATAN' }),
    )
  })

  it('a new record carries no claims', () => {
    expect(claimsProblemOfPush(undefined, { ...RECORD, claims: [reported] }, CLERK)).toEqual(
      invalidBecause({ code: 'CLAIMS_ON_NEW_RECORD' }),
    )
  })

  it('a new case opened and moved on a PC before its first sync is judged step by step', () => {
    // The family brought every document while the link was down: opened, filed, one push.
    expect(push(undefined, [filed], CLERK)).toBeNull()
    expect(claimStatusOf(filed)).not.toBe('dilaporkan')
  })

  it.each([
    [
      'an unknown key',
      forged(reported, (copy) => {
        copy.approvedBy = 'BPJS'
      }),
      'unknown key approvedBy',
    ],
    [
      'submitted with a document missing',
      forged(submitted, (copy) => {
        ;(copy.documents as Record<string, unknown>[])[0]!.state = 'missing'
      }),
      'documents',
    ],
    [
      'a paid amount that is not whole rupiah',
      forged(paid, (copy) => {
        ;(copy.history as Record<string, unknown>[])[3]!.amountPaid = 42_000_000.5
      }),
      'history[3].amountPaid',
    ],
    ['not an object', 'dibayar', 'not an object'],
  ])('a forged case fails the parser: %s', (_label, claim, field) => {
    expect(push([], [claim], DISTRICT_SUPERVISOR)).toEqual(
      invalidBecause({ code: 'CASE_INPUT_INVALID', params: { field } }),
    )
  })

  it('a case not in the form the app makes is refused (the server stores what it checked)', () => {
    const padded = forged(reported, (copy) => {
      copy.heir = { name: '  Siti Aminah ', relationshipCode: 'anak', recordIndex: 0 }
    })
    expect(push(undefined, [padded], CLERK)).toEqual(
      invalidBecause({ code: 'CLAIM_NOT_CANONICAL', params: { field: 'heir' } }),
    )
    const shouting = { ...reported, id: reported.id.toUpperCase() }
    expect(push(undefined, [shouting], CLERK)).toEqual(
      invalidBecause({ code: 'CLAIM_NOT_CANONICAL', params: { field: 'id' } }),
    )
  })

  it('the checklist is locked once the file is complete', () => {
    const refused = invalidBecause({
      code: 'DOCUMENTS_LOCKED',
      params: { status: 'berkas-lengkap' },
    })
    // Parses (every document received before the file was declared complete), but changed.
    const redated = forged(filed, (copy) => {
      ;(copy.documents as Record<string, unknown>[])[0]!.on = '2026-03-09'
    })
    expect(push([filed], [redated], DISTRICT_SUPERVISOR)).toEqual(refused)
    const otherHeir = forged(filed, (copy) => {
      copy.heir = { name: 'Siti Aminah', relationshipCode: 'anak', recordIndex: 1 }
    })
    expect(push([filed], [otherHeir], DISTRICT_SUPERVISOR)).toEqual(refused)
    // Nor after submission, even together with BPJS's answer.
    const paidRedated = forged(paid, (copy) => {
      ;(copy.documents as Record<string, unknown>[])[0]!.on = '2026-03-09'
    })
    expect(push([submitted], [paidRedated], DISTRICT_SUPERVISOR)).toEqual(
      invalidBecause({ code: 'DOCUMENTS_LOCKED', params: { status: 'diajukan' } }),
    )
  })

  it('the same case twice, or more cases than a person has', () => {
    expect(push([reported], [reported, reported], CLERK)).toEqual(
      invalidBecause({ code: 'CLAIM_ID_REPEATED' }),
    )
    const many = Array.from({ length: MAX_CLAIMS_PER_RECORD + 1 }, (_, index) =>
      opened({ id: uuid(10 + index) }),
    )
    expect(push(many.slice(0, MAX_CLAIMS_PER_RECORD), many, CLERK)).toEqual(
      invalidBecause({ code: 'CLAIMS_TOO_MANY', params: { max: MAX_CLAIMS_PER_RECORD } }),
    )
    expect(push(many.slice(0, -2), many.slice(0, -1), CLERK)).toBeNull()
  })

  it('claims that are not a list', () => {
    expect(
      claimsProblemOfPush(
        { ...RECORD, claims: [reported] },
        { ...RECORD, claims: { 0: reported } as unknown as unknown[] },
        CLERK,
      ),
    ).toEqual(invalidBecause({ code: 'CASE_INPUT_INVALID', params: { field: 'claims' } }))
  })

  it('every refusal reads in Indonesian', () => {
    const refusal = push([rejected], [reopened], CLERK)
    expect(refusal?.message).toBe(
      'Hanya supervisor yang boleh membuka kembali klaim yang ditolak BPJS.',
    )
    expect(push([reported], [], CLERK)?.message).toBe(
      'Klaim yang sudah tercatat tidak boleh dihapus.',
    )
  })
})
