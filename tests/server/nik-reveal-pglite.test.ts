/**
 * A 'revealed' history entry is evidence that someone saw a full NIK: the server keeps it only
 * from someone the rule lets see it (shared/identity/identity-reveal.ts), on embedded PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../shared/audit/audit-entry'
import { withoutReceipt } from '../support/receipts'
import { revealEntryChanges } from '../../shared/identity/identity-reveal'
import type { OfficeInfo } from '../../shared/sync/sync-protocol'
import type { RunningServer } from '../../server/server'
import {
  auditApi,
  createKecamatanOffice,
  enrolAndLogin,
  makeAuditEntry,
  makeParticipant,
  startTestServer,
  type TestClient,
} from './support/server-fixture'

describe('NIK reveal entries on the audit trail (PGlite)', () => {
  let server: RunningServer
  let tenggarong: OfficeInfo
  let clerk: TestClient
  let clerkOfOffice2: TestClient
  let centralSupervisor: TestClient
  let disdukcapil: TestClient
  let dkp: TestClient
  let submittedId: string
  let draftId: string

  beforeAll(async () => {
    server = await startTestServer('pglite')
    const central = await server.admin.ensureCentralOffice()
    tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
    const tenggarong2 = await createKecamatanOffice(server, '64.02.06', 2)
    const agencyOffice = (agencyCode: string) =>
      server.admin.createOffice({
        code: agencyCode.toUpperCase().slice(0, 8),
        name: `Kantor ${agencyCode}`,
        kind: 'agency',
        kecamatanCode: null,
        officeNumber: null,
        agencyCode,
      })
    const dukcapilOffice = await agencyOffice('disdukcapil')
    const dkpOffice = await agencyOffice('dkp')
    // One after the other: the first user of an office is who makeParticipant(office) names.
    clerk = await enrolAndLogin(server, tenggarong)
    clerkOfOffice2 = await enrolAndLogin(server, tenggarong2)
    centralSupervisor = await enrolAndLogin(server, central, { role: 'supervisor' })
    disdukcapil = await enrolAndLogin(server, dukcapilOffice, { role: 'verifier' })
    dkp = await enrolAndLogin(server, dkpOffice, { role: 'verifier' })

    // A nelayan submitted by Tenggarong 1: Disdukcapil, Dinsos and DKP must check them.
    const submitted = makeParticipant(tenggarong)
    const draft = makeParticipant(tenggarong, { status: 'draft', checks: [] })
    const pushed = await clerk.push([{ newDocumentState: submitted }, { newDocumentState: draft }])
    expect(pushed.status).toBe(200)
    submittedId = submitted.id
    draftId = draft.id
  }, 60_000)

  afterAll(async () => {
    await server?.close()
  })

  /** `client`'s PC saying that its user was shown the NIK of `participantId`. */
  const revealBy = (
    client: TestClient,
    participantId: string,
    overrides: Partial<AuditEntry> = {},
  ): AuditEntry =>
    makeAuditEntry(client, {
      participantId,
      kind: 'revealed',
      changes: revealEntryChanges('nik', client.office.agencyCode),
      kecamatanCode: '64.02.06',
      ...overrides,
    })

  it('keeps the reveal of the Disdukcapil verifier and of the registering clerk, and both reach the clerk’s PC', async () => {
    const verifierReveal = revealBy(disdukcapil, submittedId)
    const clerkReveal = revealBy(clerk, submittedId)
    const byVerifier = await auditApi(server, disdukcapil).push([verifierReveal])
    const byClerk = await auditApi(server, clerk).push([clerkReveal])
    expect(byVerifier).toMatchObject({ status: 200, body: { rejected: [] } })
    expect(byClerk).toMatchObject({ status: 200, body: { rejected: [] } })

    const onClerkPc = await auditApi(server, clerk).pullAll()
    const pulled = onClerkPc.filter((entry) => entry.kind === 'revealed').map(withoutReceipt)
    expect(pulled).toEqual(expect.arrayContaining([verifierReveal, clerkReveal]))
    expect(pulled.find((entry) => entry.id === verifierReveal.id)?.changes).toEqual([
      { field: 'nik', from: '', to: '' },
      { field: 'agency', from: '', to: 'disdukcapil' },
    ])
  })

  it.each<[string, () => AuditEntry]>([
    ['a sector agency’s verifier (DKP)', () => revealBy(dkp, submittedId)],
    [
      'a DKP verifier naming Disdukcapil as its agency',
      () => revealBy(dkp, submittedId, { changes: revealEntryChanges('nik', 'disdukcapil') }),
    ],
    [
      'the Disdukcapil verifier, for a draft it does not check',
      () => revealBy(disdukcapil, draftId),
    ],
    ['a clerk of another office of the kecamatan', () => revealBy(clerkOfOffice2, submittedId)],
    ['the central supervisor', () => revealBy(centralSupervisor, submittedId)],
    [
      'the Disdukcapil verifier, for the KK',
      () =>
        revealBy(disdukcapil, submittedId, {
          changes: [
            { field: 'kk', from: '', to: '' },
            { field: 'agency', from: '', to: 'disdukcapil' },
          ],
        }),
    ],
  ])('refuses the reveal of %s (REVEAL_NOT_ALLOWED), storing nothing', async (_label, entry) => {
    const row = entry()
    const client = [dkp, disdukcapil, clerkOfOffice2, centralSupervisor].find(
      (candidate) => candidate.deviceId === row.deviceId,
    )!
    const pushed = await auditApi(server, client).push([row])
    expect(pushed.status).toBe(200)
    expect(pushed.body.rejected).toEqual([
      expect.objectContaining({ id: row.id, code: 'REVEAL_NOT_ALLOWED' }),
    ])
    const { rows } = await server.db.query('SELECT id FROM audit_entries WHERE id = $1', [row.id])
    expect(rows).toEqual([])
  })

  it('refuses a reveal entry that carries anything but the field and the agency', async () => {
    const withValue = revealBy(disdukcapil, submittedId, {
      changes: [{ field: 'nik', from: '', to: '640206******0001' }],
    })
    const pushed = await auditApi(server, disdukcapil).push([withValue])
    expect(pushed.body.rejected).toEqual([
      expect.objectContaining({ id: withValue.id, code: 'INVALID_AUDIT_ENTRY' }),
    ])
  })

  it('keeps the registering clerk’s reveal of a record not on the server yet (the role decides)', async () => {
    const notYetPushed = makeParticipant(tenggarong)
    const pushed = await auditApi(server, clerk).push([revealBy(clerk, notYetPushed.id)])
    expect(pushed.body.rejected).toEqual([])
    const byAdmin = await auditApi(server, centralSupervisor).push([
      revealBy(centralSupervisor, notYetPushed.id),
    ])
    expect(byAdmin.body.rejected).toEqual([expect.objectContaining({ code: 'REVEAL_NOT_ALLOWED' })])
  })
})
