/**
 * Re-verification decisions through the real HTTP API on embedded PGlite (schema v7,
 * shared/reverification/reverification-decision.ts): a Tenggarong clerk's decision on a
 * Tenggarong participant is stored and reaches the office's other PC; an agency verifier's and a
 * central supervisor's are stored too. Refused, with the server's copy left as it was: a decision
 * from a clerk of another kecamatan, or of the central office; one naming someone who cannot sign
 * in on the pushing PC, or a role they do not hold; one dated a day ahead; one in the admin role;
 * and any push that removes or rewrites a stored decision.
 *
 * Every participant is brought to "covered" the way the workflow does it (as death-reports.test.ts
 * does): a clerk submits, the agencies' verifiers confirm, a supervisor approves and records
 * BPJS's enrolment — each a real push. The app's clock is installed (shared/dates/clock.ts): the
 * server and the PCs agree it is 15 June 2026, 10:00 WITA, whatever the machine's clock says.
 */
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockStartingAt, currentTime, installClock } from '../../shared/dates/clock'
import type { CoveragePeriod } from '../../shared/participant/participant-document'
import type { ReverificationOutcome } from '../../shared/reverification/reasons'
import {
  latestDecisionOf,
  newDecision,
  type ReverificationDecision,
} from '../../shared/reverification/reverification-decision'
import { mergeParticipant } from '../../shared/sync/merge'
import type { OfficeInfo, ParticipantWireDocument, Role } from '../../shared/sync/sync-protocol'
import { workflowMessagesId, workflowText } from '../../shared/workflow/workflow-messages'
import type { RunningServer } from '../../server/server'
import { castForCoverage, coverageSteps, nameOf } from './support/covered-participants'
import {
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  startTestServer,
  type TestClient,
} from './support/server-fixture'

/** 15 June 2026, 10:00 in Tenggarong (WITA, UTC+8). */
const NOW = '2026-06-15T02:00:00.000Z'
const TODAY = '2026-06-15'
/** The budget year the offices are preparing. */
const YEAR = 2027

const COVERAGE: CoveragePeriod[] = [
  { year: 2025, from: '2025-01-01', batchId: 'E2025-01' },
  { year: 2026, from: '2026-01-01', batchId: 'E2026-01' },
]

const MOVED: ReverificationOutcome = { kind: 'ended', reason: 'pindah' }

describe('re-verification decisions pushed to the server (PGlite)', () => {
  let restoreClock: () => void
  let server: RunningServer
  let tenggarong: OfficeInfo
  /** Tenggarong's first clerk: the name makeParticipant(tenggarong) writes. */
  let clerk: TestClient
  /** The same office's second PC, with its own clerk. */
  let secondPc: TestClient
  /** A clerk of Loa Kulu, on Loa Kulu's PC. */
  let loaKuluClerk: TestClient
  /** A registration clerk of the central office: district-wide, no kecamatan. */
  let centralClerk: TestClient
  let verifier: TestClient
  let supervisor: TestClient
  let admin: TestClient
  let steps: ReturnType<typeof coverageSteps>

  beforeAll(async () => {
    restoreClock = installClock(clockStartingAt(NOW))
    // One supervisor device seeds every case (a pull after each step): far more requests in a
    // burst than an office PC makes. The per-device budget is the hardening suite's subject, so
    // this server gives each device room for the whole file rather than failing on a busy CI box.
    server = await startTestServer('pglite', {
      rateLimits: { ...DEFAULT_RATE_LIMITS, perDevice: { capacity: 5_000, refillPerSecond: 500 } },
    })
    const cast = await castForCoverage(server)
    ;({ tenggarong, clerk, verifier, supervisor, admin } = cast)
    secondPc = await enrolAndLogin(server, tenggarong)
    loaKuluClerk = await enrolAndLogin(server, await createKecamatanOffice(server, '64.02.07', 1))
    centralClerk = await enrolAndLogin(server, cast.central, { role: 'operator' })
    steps = coverageSteps(cast, COVERAGE, TODAY)
  }, 60_000)

  afterAll(async () => {
    await server?.close()
    restoreClock?.()
  })

  const now = () => currentTime().toISOString()
  const roleOf = (client: TestClient): Role => client.session.user.role
  const storedCopy = (id: string) => steps.storedCopy(id)
  const step: ReturnType<typeof coverageSteps>['step'] = (client, id, change) =>
    steps.step(client, id, change)
  /** A fisherman of Tenggarong, approved and covered for 2025 and 2026; no decision yet. */
  async function coveredParticipant(): Promise<ParticipantWireDocument> {
    const covered = await steps.coveredParticipant()
    expect(covered.reverification).toBeUndefined()
    return covered
  }

  /**
   * The record as `client`'s PC writes a decision, by newDecision (or, for the forgeries newDecision
   * refuses to build, the raw entry): appended to what the server holds, the edit stamped by
   * `client`.
   */
  function decidedBy(
    client: TestClient,
    stored: ParticipantWireDocument,
    fields: Partial<ReverificationDecision> = {},
    outcome: ReverificationOutcome = MOVED,
  ): ParticipantWireDocument {
    const decision = {
      ...newDecision({
        year: YEAR,
        outcome,
        reasons: ['pindah'],
        note: 'Dikunjungi: sudah pindah ke Samarinda sejak Maret.',
        decidedBy: nameOf(client),
        decidedRole: roleOf(client) === 'admin' ? 'supervisor' : roleOf(client),
        decidedAt: now(),
      }),
      ...fields,
    }
    return {
      ...stored,
      reverification: [...(stored.reverification ?? []), decision],
      updatedAt: now(),
      updatedBy: nameOf(client),
    }
  }

  async function rejectedPush(
    client: TestClient,
    stored: ParticipantWireDocument,
    next: ParticipantWireDocument,
  ) {
    const pushed = await client.push([{ assumedMasterState: stored, newDocumentState: next }])
    expect(pushed.status).toBe(200)
    expect(pushed.body.conflicts).toEqual([])
    return pushed.body.rejected
  }

  const forbidden = (doc: ParticipantWireDocument, message: string) => [
    { id: doc.id, code: 'WORKFLOW_FORBIDDEN', message, serverDocument: doc },
  ]

  /** Decided 'ended' (pindah) by Tenggarong's clerk, as the server stores it. */
  async function decidedParticipant(): Promise<ParticipantWireDocument> {
    const before = await coveredParticipant()
    const pushed = await clerk.push([
      { assumedMasterState: before, newDocumentState: decidedBy(clerk, before) },
    ])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
    const stored = await storedCopy(before.id)
    expect(stored.reverification).toHaveLength(1)
    return stored
  }

  it("a Tenggarong clerk's 'ended' is stored and reaches the office's other PC", async () => {
    const before = await coveredParticipant()
    const next = decidedBy(clerk, before)
    const pushed = await clerk.push([{ assumedMasterState: before, newDocumentState: next }])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })

    const stored = await storedCopy(before.id)
    expect(stored.reverification).toEqual([
      {
        year: YEAR,
        outcome: 'ended',
        endReason: 'pindah',
        reasons: ['pindah'],
        note: 'Dikunjungi: sudah pindah ke Samarinda sejak Maret.',
        decidedBy: nameOf(clerk),
        decidedRole: 'operator',
        decidedAt: next.reverification?.[0]?.decidedAt,
      },
    ])
    // A decision is a decision, not an act: the status and coverage are the decree's to change.
    expect(stored.status).toBe('active')
    expect(stored.coverage).toEqual(COVERAGE)

    const atTheOtherPc = (await secondPc.pullAll()).documents.find((doc) => doc.id === before.id)
    expect(atTheOtherPc?.reverification).toEqual(stored.reverification)
    expect(atTheOtherPc && latestDecisionOf(atTheOtherPc, YEAR)).toMatchObject({
      outcome: 'ended',
      endReason: 'pindah',
    })
    // And Loa Kulu's office never sees the person at all.
    const atLoaKulu = (await loaKuluClerk.pullAll()).documents.find((doc) => doc.id === before.id)
    expect(atLoaKulu).toBeUndefined()

    // The other PC's clerk records a second decision later: appended, and the latest counts.
    const second = decidedBy(secondPc, stored, {}, { kind: 'continued' })
    const again = await secondPc.push([{ assumedMasterState: stored, newDocumentState: second }])
    expect(again.body).toEqual({ conflicts: [], rejected: [] })
    const after = await storedCopy(before.id)
    expect(after.reverification?.map((entry) => [entry.outcome, entry.decidedBy])).toEqual([
      ['ended', nameOf(clerk)],
      ['continued', nameOf(secondPc)],
    ])
  })

  it("a clerk of another kecamatan cannot decide for Tenggarong's people", async () => {
    const before = await coveredParticipant()
    // Loa Kulu's PC holds no Tenggarong record; a forged push of one is out of its reach before
    // any decision is judged, and the refusal carries no copy of the record.
    const rejected = await rejectedPush(loaKuluClerk, before, decidedBy(loaKuluClerk, before))
    expect(rejected).toEqual([
      { id: before.id, code: 'OUT_OF_JURISDICTION', message: expect.any(String) },
    ])
    expect(await storedCopy(before.id)).toEqual(before)
  })

  it('a clerk of the central office (no kecamatan) is refused: not your kecamatan', async () => {
    // The central office sees the whole district, so here the decision rule itself answers.
    const before = await coveredParticipant()
    const rejected = await rejectedPush(centralClerk, before, decidedBy(centralClerk, before))
    expect(rejected).toEqual(forbidden(before, workflowText('id', 'DECISION_NOT_YOUR_KECAMATAN')))
    expect(await storedCopy(before.id)).toEqual(before)
  })

  describe('who the decision names, and when', () => {
    it('a decision in the name of someone who cannot sign in on the PC is rejected', async () => {
      const before = await coveredParticipant()
      const forged = decidedBy(clerk, before, { decidedBy: 'Kepala Dinas Sosial' })
      const rejected = await rejectedPush(clerk, before, forged)
      expect(rejected.map((entry) => [entry.code, entry.serverDocument])).toEqual([
        ['ACTOR_MISMATCH', before],
      ])
      expect(rejected[0]?.message).toContain('Petugas verifikasi ulang "Kepala Dinas Sosial"')
      expect(await storedCopy(before.id)).toEqual(before)
    })

    it("a clerk of another kecamatan's name, on Tenggarong's PC, is rejected", async () => {
      const before = await coveredParticipant()
      const forged = decidedBy(clerk, before, { decidedBy: nameOf(loaKuluClerk) })
      const rejected = await rejectedPush(clerk, before, forged)
      expect(rejected.map((entry) => entry.code)).toEqual(['ACTOR_MISMATCH'])
      expect(await storedCopy(before.id)).toEqual(before)
    })

    it("a supervisor's reach claimed on a clerk's PC is rejected", async () => {
      const before = await coveredParticipant()
      // The district supervisor's real name, but they cannot sign in on Tenggarong's PC.
      const asSupervisor = decidedBy(clerk, before, {
        decidedBy: nameOf(supervisor),
        decidedRole: 'supervisor',
      })
      expect((await rejectedPush(clerk, before, asSupervisor)).map((e) => e.code)).toEqual([
        'ACTOR_MISMATCH',
      ])
      // The clerk's own name in a role the clerk does not hold.
      const promoted = decidedBy(clerk, before, { decidedRole: 'verifier' })
      const refused = await rejectedPush(clerk, before, promoted)
      expect(refused.map((e) => e.code)).toEqual(['ACTOR_MISMATCH'])
      expect(refused[0]?.message).toContain(`Petugas verifikasi ulang "${nameOf(clerk)}"`)
      expect(await storedCopy(before.id)).toEqual(before)
    })

    it('a decision dated a day ahead of the server clock is rejected', async () => {
      const before = await coveredParticipant()
      const tomorrow = new Date(currentTime().getTime() + 86_400_000).toISOString()
      const ahead = decidedBy(clerk, before, { decidedAt: tomorrow })
      const rejected = await rejectedPush(clerk, before, ahead)
      expect(rejected.map((entry) => [entry.code, entry.serverDocument])).toEqual([
        ['ACTOR_MISMATCH', before],
      ])
      expect(rejected[0]?.message).toBe('Waktu keputusan verifikasi ulang di masa depan.')
      expect(await storedCopy(before.id)).toEqual(before)

      // Within a PC clock's few minutes ahead it is the PC's clock, not a forgery.
      const soon = new Date(currentTime().getTime() + 5 * 60_000).toISOString()
      const pushed = await clerk.push([
        {
          assumedMasterState: before,
          newDocumentState: decidedBy(clerk, before, { decidedAt: soon }),
        },
      ])
      expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
    })
  })

  it('a decision at an instant that does not exist is rejected as malformed', async () => {
    const before = await coveredParticipant()
    const impossible = decidedBy(clerk, before, { decidedAt: '2026-06-15T99:99:99Z' })
    expect(await rejectedPush(clerk, before, impossible)).toEqual(
      forbidden(before, workflowMessagesId.DECISION_INVALID),
    )
    expect(await storedCopy(before.id)).toEqual(before)
  })

  it('a new record may arrive decided by its own office (an existing member re-checked before its first push)', async () => {
    const registered = now()
    const doc = makeParticipant(tenggarong, { createdAt: registered, updatedAt: registered })
    const decided = decidedBy(clerk, doc, { reasons: ['belum-dicetak'] }, { kind: 'pending' })
    const pushed = await clerk.push([{ newDocumentState: decided }])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
    expect((await storedCopy(doc.id)).reverification?.map((entry) => entry.outcome)).toEqual([
      'pending',
    ])
  })

  it('nobody re-checks a deleted record: a decision pushed with the tombstone is rejected', async () => {
    const before = await coveredParticipant()
    const deleted = { ...decidedBy(clerk, before), _deleted: true }
    expect(await rejectedPush(clerk, before, deleted)).toEqual(
      forbidden(before, workflowMessagesId.DECISION_INVALID),
    )
    expect(await storedCopy(before.id)).toEqual(before)
  })

  it("whoever pushes must be able to decide: an admin or a central clerk naming the office's supervisor is rejected", async () => {
    const before = await coveredParticipant()
    const inSupervisorsName = (client: TestClient) =>
      decidedBy(client, before, { decidedBy: nameOf(supervisor), decidedRole: 'supervisor' })
    expect(await rejectedPush(admin, before, inSupervisorsName(admin))).toEqual(
      forbidden(before, workflowMessagesId.DECISION_ROLE_FORBIDDEN),
    )
    expect(await rejectedPush(centralClerk, before, inSupervisorsName(centralClerk))).toEqual(
      forbidden(before, workflowText('id', 'DECISION_NOT_YOUR_KECAMATAN')),
    )
    expect(await storedCopy(before.id)).toEqual(before)
  })

  it('an agency verifier records findings, never a continuation', async () => {
    const before = await coveredParticipant()
    const continued = decidedBy(
      verifier,
      before,
      { reasons: ['belum-dicetak'] },
      { kind: 'continued' },
    )
    expect(await rejectedPush(verifier, before, continued)).toEqual(
      forbidden(before, workflowMessagesId.DECISION_VERIFIER_CONTINUES),
    )
    expect(await storedCopy(before.id)).toEqual(before)
  })

  it('a decision dated more than 90 days back is rejected: nobody backdates one below another', async () => {
    const before = await coveredParticipant()
    const longAgo = new Date(currentTime().getTime() - 91 * 86_400_000).toISOString()
    const rejected = await rejectedPush(
      clerk,
      before,
      decidedBy(clerk, before, { decidedAt: longAgo }),
    )
    expect(rejected.map((entry) => [entry.code, entry.message])).toEqual([
      ['ACTOR_MISMATCH', 'Waktu keputusan verifikasi ulang lebih dari 90 hari yang lalu.'],
    ])
    expect(await storedCopy(before.id)).toEqual(before)
  })

  it('two PCs of the office deciding while apart: a conflict, merged, both decisions kept', async () => {
    const before = await coveredParticipant()
    const first = decidedBy(clerk, before)
    expect(
      (await clerk.push([{ assumedMasterState: before, newDocumentState: first }])).body,
    ).toEqual({ conflicts: [], rejected: [] })

    // The second PC decided from the same copy, before it heard of the first decision.
    const mine = decidedBy(secondPc, before, {}, { kind: 'pending' })
    const stale = await secondPc.push([{ assumedMasterState: before, newDocumentState: mine }])
    expect(stale.body.rejected).toEqual([])
    const [server] = stale.body.conflicts
    if (!server) throw new Error('no conflict')
    expect(server.reverification).toEqual(first.reverification)

    const { merged, newConflicts } = mergeParticipant({
      base: before,
      local: mine,
      remote: server,
      now: now(),
    })
    expect(newConflicts).toEqual([])
    const pushed = await secondPc.push([{ assumedMasterState: server, newDocumentState: merged }])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
    const stored = await storedCopy(before.id)
    expect(stored.reverification).toEqual([
      ...(first.reverification ?? []),
      ...(mine.reverification ?? []),
    ])
    expect(stored.reverification?.map((entry) => entry.decidedBy)).toEqual([
      nameOf(clerk),
      nameOf(secondPc),
    ])
  })

  describe('a stored decision is never removed or rewritten', () => {
    it('a push that drops it is rejected', async () => {
      const decided = await decidedParticipant()
      const dropped: ParticipantWireDocument = { ...decided, updatedAt: now() }
      delete dropped.reverification
      expect(await rejectedPush(clerk, decided, dropped)).toEqual(
        forbidden(decided, workflowMessagesId.DECISION_REWRITTEN),
      )
      const emptied = { ...decided, reverification: [], updatedAt: now() }
      expect(await rejectedPush(clerk, decided, emptied)).toEqual(
        forbidden(decided, workflowMessagesId.DECISION_REWRITTEN),
      )
      expect(await storedCopy(decided.id)).toEqual(decided)
    })

    it("a push that turns the 'ended' into 'continued' is rejected", async () => {
      const decided = await decidedParticipant()
      const [first] = decided.reverification ?? []
      if (!first) throw new Error('no decision stored')
      const { endReason: _dropped, ...rest } = first
      const rewritten = {
        ...decided,
        reverification: [{ ...rest, outcome: 'continued' as const }],
        updatedAt: now(),
      }
      expect(await rejectedPush(clerk, decided, rewritten)).toEqual(
        forbidden(decided, workflowMessagesId.DECISION_REWRITTEN),
      )
      // Nor by slipping the rewrite in front of an honest new decision.
      const hidden = decidedBy(clerk, {
        ...decided,
        reverification: [{ ...first, endReason: 'meninggal' }],
      })
      expect(await rejectedPush(clerk, decided, hidden)).toEqual(
        forbidden(decided, workflowMessagesId.DECISION_REWRITTEN),
      )
      // Nor by a supervisor, whose reach is the whole district.
      const bySupervisor = { ...rewritten, updatedBy: nameOf(supervisor) }
      expect(await rejectedPush(supervisor, decided, bySupervisor)).toEqual(
        forbidden(decided, workflowMessagesId.DECISION_REWRITTEN),
      )
      expect(await storedCopy(decided.id)).toEqual(decided)
    })
  })

  it('a decision in the admin role is rejected', async () => {
    const before = await coveredParticipant()
    const asAdmin = decidedBy(admin, before, { decidedRole: 'admin' })
    expect(await rejectedPush(admin, before, asAdmin)).toEqual(
      forbidden(before, workflowMessagesId.DECISION_ROLE_FORBIDDEN),
    )
    expect(await storedCopy(before.id)).toEqual(before)
  })

  it("an agency verifier's and a central supervisor's decisions are stored", async () => {
    const before = await coveredParticipant()
    const afterVerifier = await step(verifier, before.id, (stored) =>
      decidedBy(verifier, stored, { reasons: ['belum-dicetak'] }, { kind: 'pending' }),
    )
    const afterSupervisor = await step(supervisor, before.id, (stored) =>
      decidedBy(supervisor, stored, { reasons: ['belum-dicetak'] }, { kind: 'continued' }),
    )
    expect(afterVerifier.reverification?.map((entry) => entry.decidedRole)).toEqual(['verifier'])
    expect(
      afterSupervisor.reverification?.map((entry) => [
        entry.outcome,
        entry.decidedBy,
        entry.decidedRole,
      ]),
    ).toEqual([
      ['pending', nameOf(verifier), 'verifier'],
      ['continued', nameOf(supervisor), 'supervisor'],
    ])
    expect(latestDecisionOf(afterSupervisor, YEAR)?.outcome).toBe('continued')
    // Tenggarong's office sees both.
    const atTheOffice = (await clerk.pullAll()).documents.find((doc) => doc.id === before.id)
    expect(atTheOffice?.reverification).toEqual(afterSupervisor.reverification)
  })
})
