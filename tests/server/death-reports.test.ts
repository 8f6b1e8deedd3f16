/**
 * Death reports through the real HTTP API on embedded PGlite (issue 17): a kecamatan clerk's
 * report is stored and ends the record; a verifier's, a forged one (coverage ended a year early)
 * and a clerk's correction are rejected; a supervisor's correction is stored and gives the record
 * back its status and coverage. Every participant is brought to "covered" the way the workflow
 * does it: a clerk submits, the agency's verifier confirms, a supervisor approves and records
 * BPJS's enrolment — each a real push.
 *
 * The app's clock is installed (shared/dates/clock.ts): the server and the PCs agree it is
 * 15 June 2026, 10:00 WITA, whatever the machine's clock says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockStartingAt, currentTime, installClock } from '../../shared/dates/clock'
import {
  withDeathCorrected,
  withDeathReported,
  type DeathInput,
} from '../../shared/participant/death'
import type { CoveragePeriod } from '../../shared/participant/participant-document'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { workflowMessagesId } from '../../shared/workflow/workflow-messages'
import type { RunningServer } from '../../server/server'
import {
  castForCoverage,
  coverageSteps,
  nameOf,
  type CoverageCast,
} from './support/covered-participants'
import { startTestServer, type TestClient } from './support/server-fixture'
import { signed } from './support/signed'

/** 15 June 2026, 10:00 in Tenggarong (WITA, UTC+8). */
const NOW = '2026-06-15T02:00:00.000Z'
const TODAY = '2026-06-15'

/** As BPJS's answers recorded them: 2025, renewed for 2026. */
const COVERAGE: CoveragePeriod[] = [
  { year: 2025, from: '2025-01-01', batchId: 'E2025-01' },
  { year: 2026, from: '2026-01-01', batchId: 'E2026-01' },
]

describe('death reports pushed to the server (PGlite)', () => {
  let restoreClock: () => void
  let server: RunningServer
  let cast: CoverageCast
  let clerk: TestClient
  let verifier: TestClient
  let supervisor: TestClient
  let steps: ReturnType<typeof coverageSteps>

  beforeAll(async () => {
    restoreClock = installClock(clockStartingAt(NOW))
    server = await startTestServer('pglite')
    cast = await castForCoverage(server)
    ;({ clerk, verifier, supervisor } = cast)
    steps = coverageSteps(cast, COVERAGE, TODAY)
  }, 60_000)

  afterAll(async () => {
    await server?.close()
    restoreClock?.()
  })

  const now = () => currentTime().toISOString()
  const storedCopy = (id: string) => steps.storedCopy(id)
  const coveredParticipant = () => steps.coveredParticipant()

  function deathInput(client: TestClient, overrides: Partial<DeathInput> = {}): DeathInput {
    return {
      date: '2026-06-03',
      source: 'desa',
      reference: 'Surat Kepala Desa Mangkurawang 474/31/VI/2026',
      reportedAt: now(),
      reportedBy: nameOf(client),
      officeCode: client.office.code,
      ...overrides,
    }
  }

  /** The record as `client`'s PC writes a death report, by death.ts on the day given. */
  function reportBy(
    client: TestClient,
    stored: ParticipantWireDocument,
    overrides: Partial<DeathInput> = {},
    today = TODAY,
  ): ParticipantWireDocument {
    const input = deathInput(client, overrides)
    const result = withDeathReported(stored, input, today)
    if (!result.ok) throw new Error(`report refused: ${result.problem.code}`)
    return { ...result.doc, updatedAt: input.reportedAt, updatedBy: input.reportedBy }
  }

  function correctionBy(
    client: TestClient,
    stored: ParticipantWireDocument,
    by = nameOf(client),
  ): ParticipantWireDocument {
    const at = now()
    const result = withDeathCorrected(stored, {
      reason: 'Salah orang: yang meninggal kakaknya, Budi Santoso bin Ahmad',
      by,
      at,
    })
    if (!result.ok) throw new Error(`correction refused: ${result.problem.code}`)
    return { ...result.doc, updatedAt: at, updatedBy: nameOf(client) }
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

  /** Reported by the clerk, as the server stores it. */
  async function deceasedParticipant(): Promise<{
    before: ParticipantWireDocument
    deceased: ParticipantWireDocument
  }> {
    const before = await coveredParticipant()
    const pushed = await clerk.push([
      { assumedMasterState: before, newDocumentState: reportBy(clerk, before) },
    ])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
    return { before, deceased: await storedCopy(before.id) }
  }

  it("a kecamatan clerk's report is stored and ends the record at the end of the month", async () => {
    const before = await coveredParticipant()
    const report = reportBy(clerk, before)
    const pushed = await clerk.push([{ assumedMasterState: before, newDocumentState: report }])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })

    const stored = await storedCopy(before.id)
    expect(stored.status).toBe('ended')
    expect(stored.coverage).toEqual([
      COVERAGE[0],
      { ...COVERAGE[1], until: '2026-06-30', endReason: 'meninggal' },
    ])
    expect(stored.death).toEqual({
      date: '2026-06-03',
      source: 'desa',
      reference: 'Surat Kepala Desa Mangkurawang 474/31/VI/2026',
      reportedAt: report.death?.reportedAt,
      reportedOn: '2026-06-15',
      reportedBy: nameOf(clerk),
      officeCode: cast.tenggarong.code,
      previousStatus: 'active',
      previousCoverage: COVERAGE,
    })
    // What the PC pushed is what the server keeps, field for field (the duplicate flags are the
    // server's own).
    expect({ ...stored, duplicates: [] }).toEqual(signed({ ...report, duplicates: [] }))
  })

  it("a verifier's report is rejected and the record stays covered", async () => {
    const before = await coveredParticipant()
    const rejected = await rejectedPush(verifier, before, reportBy(verifier, before))
    expect(rejected).toEqual([
      {
        id: before.id,
        code: 'WORKFLOW_FORBIDDEN',
        message: workflowMessagesId.VERIFIER_CANNOT_REPORT_DEATH,
        serverDocument: before,
      },
    ])
    expect(await storedCopy(before.id)).toEqual(before)
  })

  it('a report that ends coverage a year earlier than the rule is rejected', async () => {
    const before = await coveredParticipant()
    // Died last September, reported today: the rule ends coverage on 30 June 2026 (months paid
    // already stay paid). The forgery ends it on 30 September 2025 and drops 2026 altogether.
    const forged = reportBy(clerk, before, { date: '2025-09-20' }, '2025-09-20')
    expect(forged.coverage).toEqual([
      { ...COVERAGE[0], until: '2025-09-30', endReason: 'meninggal' },
    ])
    const rejected = await rejectedPush(clerk, before, forged)
    expect(rejected).toEqual([
      {
        id: before.id,
        code: 'WORKFLOW_FORBIDDEN',
        message: workflowMessagesId.DEATH_REPORT_MISMATCH,
        serverDocument: before,
      },
    ])
    expect(await storedCopy(before.id)).toEqual(before)

    // The honest late report of the same death is accepted: 2025 whole, 2026 to 30 June.
    const honest = reportBy(clerk, before, { date: '2025-09-20' })
    const pushed = await clerk.push([{ assumedMasterState: before, newDocumentState: honest }])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
    expect((await storedCopy(before.id)).coverage).toEqual([
      { ...COVERAGE[0], until: '2025-12-31', endReason: 'meninggal' },
      { ...COVERAGE[1], until: '2026-06-30', endReason: 'meninggal' },
    ])
  })

  it("a clerk's correction is rejected and the record stays ended", async () => {
    const { deceased } = await deceasedParticipant()
    const rejected = await rejectedPush(clerk, deceased, correctionBy(clerk, deceased))
    expect(rejected).toEqual([
      {
        id: deceased.id,
        code: 'WORKFLOW_FORBIDDEN',
        message: workflowMessagesId.ONLY_SUPERVISOR_CORRECTS_DEATH,
        serverDocument: deceased,
      },
    ])
    expect(await storedCopy(deceased.id)).toEqual(deceased)
  })

  it("a supervisor's correction is stored and gives back the status and coverage", async () => {
    const { before, deceased } = await deceasedParticipant()
    expect(deceased.status).toBe('ended')
    const pushed = await supervisor.push([
      { assumedMasterState: deceased, newDocumentState: correctionBy(supervisor, deceased) },
    ])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })

    const stored = await storedCopy(deceased.id)
    expect(stored.status).toBe('active')
    expect(stored.coverage).toEqual(before.coverage)
    expect(stored.death).toEqual({
      ...deceased.death,
      correction: {
        reason: 'Salah orang: yang meninggal kakaknya, Budi Santoso bin Ahmad',
        by: nameOf(supervisor),
        at: expect.any(String),
      },
    })
    // Seen from the kecamatan too.
    const atTheOffice = (await clerk.pullAll()).documents.find((doc) => doc.id === deceased.id)
    expect(atTheOffice?.status).toBe('active')
    expect(atTheOffice?.coverage).toEqual(COVERAGE)

    // And the record can be reported again, by the clerk, when the death is real after all.
    const again = reportBy(clerk, stored, { date: '2026-06-14', source: 'disdukcapil' })
    const second = await clerk.push([{ assumedMasterState: stored, newDocumentState: again }])
    expect(second.body).toEqual({ conflicts: [], rejected: [] })
    expect((await storedCopy(deceased.id)).status).toBe('ended')
  })

  it('a second report while the first counts is rejected', async () => {
    const { deceased } = await deceasedParticipant()
    const base = { ...deceased }
    delete base.death
    const second = { ...deceased, death: reportBy(supervisor, base, { date: '2026-06-01' }).death }
    const rejected = await rejectedPush(supervisor, deceased, second)
    expect(rejected).toEqual([
      expect.objectContaining({
        code: 'WORKFLOW_FORBIDDEN',
        message: workflowMessagesId.ALREADY_DECEASED,
      }),
    ])
  })

  // The names and times a report carries are evidence, checked like every other name a push sets
  // (shared/workflow/attribution.ts): today they are not checked at all, and these three fail.
  describe('who the report names, and when', () => {
    it('a report in the name of someone who cannot sign in on the PC is rejected', async () => {
      const before = await coveredParticipant()
      const forged = reportBy(clerk, before, { reportedBy: 'Kepala Dinas Sosial' })
      const rejected = await rejectedPush(clerk, before, { ...forged, updatedBy: nameOf(clerk) })
      expect(rejected.map((entry) => entry.code)).toEqual(['ACTOR_MISMATCH'])
    })

    it('a correction in the name of a clerk of Tenggarong is rejected', async () => {
      const { deceased } = await deceasedParticipant()
      const rejected = await rejectedPush(
        supervisor,
        deceased,
        correctionBy(supervisor, deceased, nameOf(clerk)),
      )
      expect(rejected.map((entry) => entry.code)).toEqual(['ACTOR_MISMATCH'])
    })

    it('a report dated a year ahead, of a death that has not happened, is rejected', async () => {
      const before = await coveredParticipant()
      const ahead = reportBy(
        clerk,
        before,
        { date: '2027-06-10', reportedAt: '2027-06-15T02:00:00.000Z' },
        '2027-06-15',
      )
      const rejected = await rejectedPush(clerk, before, { ...ahead, updatedAt: now() })
      expect(rejected.map((entry) => entry.code)).toHaveLength(1)
      expect((await storedCopy(before.id)).status).toBe('active')
    })
  })
})
