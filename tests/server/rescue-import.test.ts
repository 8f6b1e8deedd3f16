import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import { listSecurityEvents } from '../../server/security-log'
import type {
  ParticipantWireDocument,
  RescueImportRequest,
  RescueImportResponse,
} from '../../shared/sync/sync-protocol'
import { RESCUE_PATH } from '../../shared/sync/sync-protocol'
import { nameSearchKey } from '../../shared/participant/names'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  makeAuditEntry,
  makeParticipant,
  startTestServer,
  type TestClient,
} from './support/server-fixture'

/**
 * A rescue file's contents, imported over the real API (the file's sealing is tested in
 * tests/unit/shared/rescue; the app's export and import in tests/e2e/rescue-file.spec.ts). Every
 * record is judged as a push from the PC that made the file, by the importer.
 */
describe('importing a rescue file', () => {
  let server: RunningServer
  let clerk: TestClient
  let colleague: TestClient
  let supervisor: TestClient
  let otherSupervisor: TestClient
  let synced: ParticipantWireDocument

  beforeAll(async () => {
    server = await startTestServer('pglite')
    const central = await server.admin.ensureCentralOffice()
    const tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
    const loaKulu = await createKecamatanOffice(server, '64.02.05', 1)
    clerk = await enrolAndLogin(server, tenggarong)
    colleague = await enrolAndLogin(server, tenggarong)
    supervisor = await enrolAndLogin(server, central, { role: 'supervisor' })
    otherSupervisor = await enrolAndLogin(server, loaKulu, { role: 'supervisor' })
    await clerk.push([{ newDocumentState: makeParticipant(tenggarong) }])
    const pulled = await clerk.pullAll()
    synced = pulled.documents[0] as ParticipantWireDocument
  })
  afterAll(async () => {
    await server?.close()
  })

  /** What the clerk's PC held when its network died: an edit of a synced record, a new one. */
  function fileContents(): RescueImportRequest {
    const edited = { ...synced, address: 'Jl. Selagi Putus No. 3' }
    const fresh = makeParticipant(clerk.office, {
      fullName: 'Wati Penyelamatan',
      nameKey: nameSearchKey('Wati Penyelamatan'),
    })
    return {
      deviceId: clerk.deviceId,
      participants: [
        { state: edited, base: synced },
        { state: fresh, base: null },
      ],
      audit: [
        makeAuditEntry(clerk, { participantId: edited.id }),
        makeAuditEntry(clerk, { participantId: fresh.id, kind: 'created', changes: [] }),
      ],
    }
  }

  const importAs = (client: TestClient, body: unknown) =>
    api<RescueImportResponse>(server.url, 'POST', RESCUE_PATH, { token: client.token, body })

  it('is refused to a clerk, and to a supervisor of another kecamatan', async () => {
    const contents = fileContents()
    const asClerk = await importAs(colleague, contents)
    expect(asClerk.status).toBe(403)
    const elsewhere = await importAs(otherSupervisor, contents)
    expect(elsewhere.status).toBe(403)
    expect(elsewhere.body).toMatchObject({ error: { code: 'OUT_OF_JURISDICTION' } })
    const names = (await clerk.pullAll()).documents.map((doc) => doc.fullName)
    expect(names).not.toContain('Wati Penyelamatan')
  })

  it('is refused for a PC this server does not know', async () => {
    const answer = await importAs(supervisor, {
      ...fileContents(),
      deviceId: '00000000-0000-4000-8000-000000000000',
    })
    expect(answer.status).toBe(404)
    expect(answer.body).toMatchObject({ error: { code: 'DEVICE_NOT_FOUND' } })
  })

  it('puts a dying PC’s edits and new records on the server, merged with what moved meanwhile', async () => {
    const contents = fileContents()
    // Meanwhile another PC of the office changed the same record's heir.
    const moved = await colleague.push([
      { assumedMasterState: synced, newDocumentState: { ...synced, heirName: 'Ahli Waris Baru' } },
    ])
    expect(moved.body.rejected).toEqual([])

    const answer = await importAs(supervisor, contents)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      written: 1,
      merged: 1,
      refused: [],
      auditStored: 2,
      auditRefused: 0,
    })
    const docs = (await clerk.pullAll()).documents
    const record = docs.find((doc) => doc.id === synced.id)
    expect(record?.address).toBe('Jl. Selagi Putus No. 3')
    expect(record?.heirName).toBe('Ahli Waris Baru')
    expect(docs.filter((doc) => doc.fullName === 'Wati Penyelamatan')).toHaveLength(1)

    // The same file again (imported twice by mistake): nothing is duplicated.
    const again = await importAs(supervisor, contents)
    expect(again.status).toBe(200)
    expect(again.body.refused).toEqual([])
    const after = (await clerk.pullAll()).documents
    expect(after.filter((doc) => doc.fullName === 'Wati Penyelamatan')).toHaveLength(1)
    expect(after).toHaveLength(docs.length)

    const events = await listSecurityEvents(server.db, { limit: 5 })
    expect(events[0]).toMatchObject({ kind: 'rescue_imported', deviceId: clerk.deviceId })
  })

  it('judges each record as that PC’s push: a stranger’s name or another kecamatan is refused', async () => {
    const stranger = makeParticipant(clerk.office, {
      fullName: 'Nama Karangan',
      nameKey: nameSearchKey('Nama Karangan'),
      createdBy: 'Orang Asing',
      updatedBy: 'Orang Asing',
    })
    const foreign = makeParticipant(
      { kecamatanCode: '64.02.05', officeNumber: 1, code: '05-01' },
      { villageCode: '64.02.05.2001' },
    )
    const answer = await importAs(supervisor, {
      deviceId: clerk.deviceId,
      participants: [
        { state: stranger, base: null },
        { state: foreign, base: null },
      ],
      audit: [makeAuditEntry(colleague)],
    })
    expect(answer.status).toBe(200)
    expect(answer.body.written).toBe(0)
    const codeOf = (id: string) => answer.body.refused.find((entry) => entry.id === id)?.code
    expect(codeOf(stranger.id)).toBe('ACTOR_MISMATCH')
    expect(codeOf(foreign.id)).toBe('OUT_OF_JURISDICTION')
    // Another PC's history entry is not this PC's to bring.
    expect(answer.body.auditRefused).toBe(1)
  })
})
