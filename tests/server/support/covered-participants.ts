/**
 * The people a story about covered participants needs on a real server, and the way to make a
 * covered participant as the workflow does: a Tenggarong clerk submits a fisherman, each agency's
 * verifier confirms, a central supervisor approves and records BPJS's enrolment — every step a
 * real push. Used by the death reports' and the re-verification decisions' server tests.
 */
import { expect } from 'vitest'
import { withEnrolment } from '../../../shared/coverage/coverage-status'
import { currentTime } from '../../../shared/dates/clock'
import type { CoveragePeriod } from '../../../shared/participant/participant-document'
import type { OfficeInfo, ParticipantWireDocument } from '../../../shared/sync/sync-protocol'
import { reviewed, withCheckDecision } from '../../../shared/workflow/workflow'
import type { RunningServer } from '../../../server/server'
import {
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  type TestClient,
} from './server-fixture'

export interface CoverageCast {
  central: OfficeInfo
  tenggarong: OfficeInfo
  /** Tenggarong's first clerk: the name makeParticipant(tenggarong) writes. */
  clerk: TestClient
  /** One verifier per agency a fisherman's registration is checked by. */
  verifiers: Map<string, TestClient>
  /** DKP's. */
  verifier: TestClient
  supervisor: TestClient
  admin: TestClient
}

/** The central office, Tenggarong's office and its clerk, the agencies' verifiers, a supervisor, an admin. */
export async function castForCoverage(server: RunningServer): Promise<CoverageCast> {
  const central = await server.admin.ensureCentralOffice()
  const tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
  const clerk = await enrolAndLogin(server, tenggarong)
  const verifiers = new Map<string, TestClient>()
  for (const agency of makeParticipant(tenggarong).checks.map((check) => check.agency)) {
    const office = await server.admin.createOffice({
      code: agency.toUpperCase().slice(0, 8),
      name: `Kantor ${agency}`,
      kind: 'agency',
      kecamatanCode: null,
      officeNumber: null,
      agencyCode: agency,
    })
    verifiers.set(agency, await enrolAndLogin(server, office, { role: 'verifier' }))
  }
  const verifier = verifiers.get('dkp')
  if (!verifier) throw new Error('a fisherman is checked by DKP')
  return {
    central,
    tenggarong,
    clerk,
    verifiers,
    verifier,
    supervisor: await enrolAndLogin(server, central, { role: 'supervisor' }),
    admin: await enrolAndLogin(server, central, { role: 'admin' }),
  }
}

export const nameOf = (client: TestClient) => client.session.user.displayName
const now = () => currentTime().toISOString()

/** Reading the server's copy, changing it in one push, and making a covered fisherman. */
export function coverageSteps(
  cast: CoverageCast,
  coverage: readonly CoveragePeriod[],
  today: string,
) {
  async function storedCopy(id: string): Promise<ParticipantWireDocument> {
    const stored = (await cast.admin.pullAll()).documents.find((doc) => doc.id === id)
    if (!stored) throw new Error(`${id} not pulled`)
    return stored
  }

  /** `client` changes the stored record with `change` and pushes it; the stored copy after. */
  async function step(
    client: TestClient,
    id: string,
    change: (doc: ParticipantWireDocument) => ParticipantWireDocument,
  ): Promise<ParticipantWireDocument> {
    const stored = await storedCopy(id)
    const pushed = await client.push([
      { assumedMasterState: stored, newDocumentState: change(stored) },
    ])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
    return storedCopy(id)
  }

  /** A fisherman of Tenggarong, approved and covered for `coverage` through real pushes. */
  async function coveredParticipant(): Promise<ParticipantWireDocument> {
    const { clerk, supervisor, tenggarong, verifiers } = cast
    const registered = now()
    const doc = makeParticipant(tenggarong, { createdAt: registered, updatedAt: registered })
    expect((await clerk.push([{ newDocumentState: doc }])).body).toEqual({
      conflicts: [],
      rejected: [],
    })
    for (const [agency, checker] of verifiers) {
      await step(checker, doc.id, (stored) => {
        const actor = { role: 'verifier' as const, agency, name: nameOf(checker) }
        const at = now()
        return {
          ...stored,
          ...withCheckDecision(stored, { agency, state: 'confirmed', actor, at }),
          updatedAt: at,
          updatedBy: actor.name,
        }
      })
    }
    await step(supervisor, doc.id, (stored) => {
      const at = now()
      const by = nameOf(supervisor)
      return {
        ...stored,
        ...reviewed(stored, { decision: 'approved', note: '', by, at }),
        updatedAt: at,
        updatedBy: by,
      }
    })
    const covered = await step(supervisor, doc.id, (stored) => {
      let next = stored
      for (const period of coverage) {
        const enrolled = withEnrolment(next, {
          kpjNumber: '20000000042',
          coverageStart: period.from,
          year: period.year,
          batchId: period.batchId,
          today,
        })
        if (!enrolled.ok) throw new Error(`enrolment refused: ${enrolled.problem.code}`)
        next = enrolled.doc
      }
      return { ...next, updatedAt: now(), updatedBy: nameOf(supervisor) }
    })
    expect(covered.status).toBe('active')
    expect(covered.coverage).toEqual(coverage)
    return covered
  }

  return { storedCopy, step, coveredParticipant }
}
