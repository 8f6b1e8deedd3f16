/**
 * Issue 12, findings 1–3, written as the attacks: through the real HTTP API, on a real database
 * (run on embedded PGlite and on PostgreSQL 15 by `authorisation-*.test.ts`).
 *
 * 1. Deleting and restoring are workflow actions: who may delete what in which state
 *    (docs/workflow.md, "Deleting and restoring"), and every accepted deletion leaves an audit
 *    entry the server wrote itself.
 * 2. Card certificates only for the roles and offices that print, and a card signed by one
 *    kecamatan's PC for another kecamatan's number does not verify.
 * 3. Names in a pushed record or audit entry must be people who can sign in on the pushing PC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParticipantStatus } from '../../shared/participant/participant-document'
import { PARTICIPANT_STATUSES } from '../../shared/participant/participant-document'
import type { OfficeInfo, ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import type { CardKeysResponse } from '../../shared/sync/sync-protocol'
import {
  base64UrlOf,
  bytesOfBase64Url,
  newCardSerial,
  newSigningKeyPair,
  signCardToken,
  verifyCardToken,
  type CardClaims,
} from '../../shared/cards/card-token'
import type { RunningServer } from '../../server/server'
import {
  api,
  auditApi,
  authoredBy,
  createKecamatanOffice,
  enrolAndLogin,
  makeAuditEntry,
  makeParticipant,
  type TestClient,
} from './support/server-fixture'

export interface AuthorisationBackend {
  start(): Promise<RunningServer>
}

const ONLY_DRAFTS = /Hanya data berstatus draf/
const NOT_YOUR_OFFICE = /draf yang didaftarkan kantornya sendiri/
const VERIFIER_DELETES = /Verifikator instansi tidak boleh menghapus/

export function defineAuthorisationSuite(name: string, backend: AuthorisationBackend): void {
  describe(`every write is authorised and attributable, on ${name}`, () => {
    let server: RunningServer
    let central: OfficeInfo
    let tenggarong: OfficeInfo
    let tenggarong2: OfficeInfo
    let muaraMuntai: OfficeInfo
    let clerk: TestClient
    let coworker: TestClient
    let clerkOfOffice2: TestClient
    let otherClerk: TestClient
    let verifier: TestClient
    let supervisor: TestClient
    let admin: TestClient

    beforeAll(async () => {
      server = await backend.start()
      central = await server.admin.ensureCentralOffice()
      tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
      tenggarong2 = await createKecamatanOffice(server, '64.02.06', 2)
      muaraMuntai = await createKecamatanOffice(server, '64.02.01', 1)
      const dinsos = await server.admin.createOffice({
        code: 'DINSOS',
        name: 'Dinas Sosial',
        kind: 'agency',
        kecamatanCode: null,
        officeNumber: null,
        agencyCode: 'dinsos',
      })
      // One after the other: the first user of an office is who makeParticipant(office) names.
      clerk = await enrolAndLogin(server, tenggarong)
      coworker = await enrolAndLogin(server, tenggarong)
      clerkOfOffice2 = await enrolAndLogin(server, tenggarong2)
      otherClerk = await enrolAndLogin(server, muaraMuntai)
      verifier = await enrolAndLogin(server, dinsos, { role: 'verifier' })
      supervisor = await enrolAndLogin(server, central, { role: 'supervisor' })
      admin = await enrolAndLogin(server, central, { role: 'admin' })
    }, 60_000)

    afterAll(async () => {
      await server?.close()
    })

    const later = () => new Date().toISOString()

    /** A record of Tenggarong office 1, stored by its clerk, then put in `status` directly. */
    async function storedRecord(status: ParticipantStatus): Promise<ParticipantWireDocument> {
      const draft = makeParticipant(tenggarong, { status: 'draft', checks: [] })
      const pushed = await clerk.push([{ newDocumentState: draft }])
      expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
      // The state is seeded in the table: walking every record through BPJS's answers is not
      // what these tests are about, and the push path reads the stored copy whatever wrote it.
      await server.db.query(
        `UPDATE participants SET doc = jsonb_set(doc, '{status}', to_jsonb($2::text)) WHERE id = $1`,
        [draft.id, status],
      )
      const stored = (await admin.pullAll()).documents.find((doc) => doc.id === draft.id)
      if (!stored) throw new Error('seeded record not pulled')
      return stored
    }

    async function deletionEntries(participantId: string) {
      const { rows } = await server.db.query<{
        entry: { by: string; role: string; deviceId: string; changes: unknown }
        received_by_user: string
      }>('SELECT entry, received_by_user FROM audit_entries WHERE participant_id = $1', [
        participantId,
      ])
      return rows
    }

    async function isDeleted(id: string): Promise<boolean> {
      const { rows } = await server.db.query<{ is_deleted: boolean }>(
        'SELECT is_deleted FROM participants WHERE id = $1',
        [id],
      )
      return rows[0]?.is_deleted === true
    }

    describe('deleting a record is an action the workflow allows or refuses', () => {
      type Expected = 'ok' | RegExp
      /** Columns: PARTICIPANT_STATUSES (draft submitted returned approved enrolled active ended). */
      const TABLE: [string, () => TestClient, Expected[]][] = [
        [
          'the registering office’s clerk',
          () => clerk,
          ['ok', ...Array<Expected>(6).fill(ONLY_DRAFTS)],
        ],
        [
          'a clerk of another office of the kecamatan',
          () => clerkOfOffice2,
          [NOT_YOUR_OFFICE, ...Array<Expected>(6).fill(ONLY_DRAFTS)],
        ],
        ['an agency verifier', () => verifier, Array<Expected>(7).fill(VERIFIER_DELETES)],
        ['a supervisor', () => supervisor, ['ok', ...Array<Expected>(6).fill(ONLY_DRAFTS)]],
        ['an admin', () => admin, ['ok', ...Array<Expected>(6).fill(ONLY_DRAFTS)]],
      ]
      const cases = TABLE.flatMap(([who, client, row]) =>
        PARTICIPANT_STATUSES.map((status, column) => [who, status, client, row[column]!] as const),
      )

      it.each(cases)('%s deletes a %s record', async (_who, status, clientOf, expected) => {
        const client = clientOf()
        const stored = await storedRecord(status)
        const tombstone = { ...stored, _deleted: true }
        const pushed = await client.push([
          { assumedMasterState: stored, newDocumentState: tombstone },
        ])
        expect(pushed.status).toBe(200)
        if (expected === 'ok') {
          expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
          expect(await isDeleted(stored.id)).toBe(true)
          // The server's own entry, in the name of the session that pushed.
          const entries = await deletionEntries(stored.id)
          expect(entries).toHaveLength(1)
          expect(entries[0]).toMatchObject({
            received_by_user: client.session.user.id,
            entry: {
              by: client.session.user.displayName,
              role: client.session.user.role,
              deviceId: client.deviceId,
              changes: [{ field: '_deleted', from: 'false', to: 'true' }],
            },
          })
        } else {
          expect(pushed.body.conflicts).toEqual([])
          expect(pushed.body.rejected).toEqual([
            {
              id: stored.id,
              code: 'WORKFLOW_FORBIDDEN',
              message: expect.stringMatching(expected),
              serverDocument: stored,
            },
          ])
          expect(await isDeleted(stored.id)).toBe(false)
          expect(await deletionEntries(stored.id)).toEqual([])
        }
      })

      it('a verifier cannot delete a record of any kecamatan; another kecamatan’s clerk cannot reach it', async () => {
        const stored = await storedRecord('draft')
        const tombstone = { ...stored, _deleted: true }
        const byVerifier = await verifier.push([
          { assumedMasterState: stored, newDocumentState: tombstone },
        ])
        expect(byVerifier.body.rejected.map((r) => r.code)).toEqual(['WORKFLOW_FORBIDDEN'])
        const byOtherKecamatan = await otherClerk.push([
          { assumedMasterState: stored, newDocumentState: tombstone },
        ])
        expect(byOtherKecamatan.body.rejected.map((r) => r.code)).toEqual(['OUT_OF_JURISDICTION'])
        expect(await isDeleted(stored.id)).toBe(false)
      })

      it('a record registered and deleted while offline arrives as a tombstone of a draft only', async () => {
        const draft = { ...makeParticipant(tenggarong, { status: 'draft', checks: [] }) }
        const submitted = makeParticipant(tenggarong)
        const pushed = await clerk.push([
          { newDocumentState: { ...draft, _deleted: true } },
          { newDocumentState: { ...submitted, _deleted: true } },
        ])
        expect(pushed.body.rejected).toEqual([
          {
            id: submitted.id,
            code: 'WORKFLOW_FORBIDDEN',
            message: expect.stringMatching(ONLY_DRAFTS),
          },
        ])
        expect(await isDeleted(draft.id)).toBe(true)
        expect(await deletionEntries(draft.id)).toHaveLength(1)
      })
    })

    describe('restoring a deleted record', () => {
      /** A tombstone of `status`, as the old server let anyone make it. */
      async function tombstoneOf(status: ParticipantStatus): Promise<ParticipantWireDocument> {
        const stored = await storedRecord(status)
        await server.db.query(
          `UPDATE participants SET is_deleted = true,
             doc = jsonb_set(doc, '{_deleted}', 'true'::jsonb) WHERE id = $1`,
          [stored.id],
        )
        return { ...stored, _deleted: true }
      }

      it('lets the office’s clerk restore its draft and a supervisor anything; never a verifier', async () => {
        const draft = await tombstoneOf('draft')
        const approved = await tombstoneOf('approved')
        const revive = (doc: ParticipantWireDocument) => ({
          assumedMasterState: doc,
          newDocumentState: { ...doc, _deleted: false },
        })

        const byVerifier = await verifier.push([revive(draft)])
        expect(byVerifier.body.rejected).toMatchObject([
          { code: 'WORKFLOW_FORBIDDEN', message: expect.stringMatching(/tidak boleh memulihkan/) },
        ])
        const byOtherOffice = await clerkOfOffice2.push([revive(draft)])
        expect(byOtherOffice.body.rejected).toMatchObject([
          { code: 'WORKFLOW_FORBIDDEN', message: expect.stringMatching(NOT_YOUR_OFFICE) },
        ])
        const clerkOnApproved = await clerk.push([revive(approved)])
        expect(clerkOnApproved.body.rejected).toMatchObject([
          { code: 'WORKFLOW_FORBIDDEN', message: expect.stringMatching(ONLY_DRAFTS) },
        ])
        expect(await isDeleted(draft.id)).toBe(true)
        expect(await isDeleted(approved.id)).toBe(true)

        expect((await clerk.push([revive(draft)])).body).toEqual({ conflicts: [], rejected: [] })
        expect((await supervisor.push([revive(approved)])).body).toEqual({
          conflicts: [],
          rejected: [],
        })
        expect(await isDeleted(draft.id)).toBe(false)
        expect(await isDeleted(approved.id)).toBe(false)
        const [restoredEntry] = await deletionEntries(approved.id)
        expect(restoredEntry).toMatchObject({
          received_by_user: supervisor.session.user.id,
          entry: {
            by: supervisor.session.user.displayName,
            changes: [{ field: '_deleted', from: 'true', to: 'false' }],
          },
        })
      })
    })

    describe('names in a pushed record are people who can sign in on the pushing PC', () => {
      const refusedAsActor = (body: { rejected: { code: string }[] }) =>
        body.rejected.map((r) => r.code)

      it('refuses a forged createdBy and updatedBy, and accepts a coworker of the shared PC', async () => {
        const asAdmin = makeParticipant(tenggarong, authoredBy(admin))
        const asStranger = makeParticipant(tenggarong, { updatedBy: 'Kepala Dinas' })
        const asCoworker = makeParticipant(tenggarong, authoredBy(coworker))
        const pushed = await clerk.push(
          [asAdmin, asStranger, asCoworker].map((doc) => ({ newDocumentState: doc })),
        )
        expect(pushed.body.rejected.map((r) => [r.id, r.code])).toEqual([
          [asAdmin.id, 'ACTOR_MISMATCH'],
          [asStranger.id, 'ACTOR_MISMATCH'],
        ])
        expect(pushed.body.rejected[0]?.message).toMatch(/bukan pengguna/)

        const edited = {
          ...asCoworker,
          address: 'Jl. Diubah',
          updatedAt: later(),
          updatedBy: otherClerk.session.user.displayName,
        }
        const update = await clerk.push([
          { assumedMasterState: asCoworker, newDocumentState: edited },
        ])
        expect(refusedAsActor(update.body)).toEqual(['ACTOR_MISMATCH'])
        // Carried over unchanged, a name from elsewhere is not judged again (a merge keeps it).
        const byAdmin = {
          ...asCoworker,
          address: 'Jl. Admin',
          updatedAt: later(),
          ...{ updatedBy: admin.session.user.displayName },
        }
        expect(
          (await admin.push([{ assumedMasterState: asCoworker, newDocumentState: byAdmin }])).body,
        ).toEqual({ conflicts: [], rejected: [] })
        const afterAdmin = { ...byAdmin, rt: '004' }
        expect(
          (await clerk.push([{ assumedMasterState: byAdmin, newDocumentState: afterAdmin }])).body,
        ).toEqual({ conflicts: [], rejected: [] })
      })

      it('refuses a check decided in someone else’s name, role or future', async () => {
        const doc = makeParticipant(tenggarong)
        expect((await clerk.push([{ newDocumentState: doc }])).body.rejected).toEqual([])
        const decided = (fields: Partial<ParticipantWireDocument['checks'][number]>) => ({
          ...doc,
          checks: doc.checks.map((check) =>
            check.agency === 'dinsos'
              ? {
                  agency: 'dinsos',
                  state: 'confirmed' as const,
                  decidedBy: verifier.session.user.displayName,
                  decidedRole: 'verifier' as const,
                  decidedAt: later(),
                  ...fields,
                }
              : check,
          ),
          updatedAt: later(),
          updatedBy: verifier.session.user.displayName,
        })
        const nextYear = new Date(Date.now() + 366 * 86_400_000).toISOString()
        for (const forged of [
          decided({ decidedBy: 'Kepala Dinas Sosial' }),
          decided({ decidedBy: supervisor.session.user.displayName }),
          decided({ decidedRole: 'supervisor' }),
          decided({ decidedAt: nextYear }),
          decided({ decidedBy: undefined }),
        ]) {
          const pushed = await verifier.push([
            { assumedMasterState: doc, newDocumentState: forged },
          ])
          expect(refusedAsActor(pushed.body)).toEqual(['ACTOR_MISMATCH'])
        }
        const honest = decided({})
        expect(
          (await verifier.push([{ assumedMasterState: doc, newDocumentState: honest }])).body,
        ).toEqual({
          conflicts: [],
          rejected: [],
        })
      })

      it('refuses a supervisor’s decision and a print in another person’s name', async () => {
        const doc = makeParticipant(tenggarong)
        expect((await clerk.push([{ newDocumentState: doc }])).body.rejected).toEqual([])
        const returned = (by: string) => ({
          ...doc,
          status: 'returned' as const,
          review: { decision: 'returned' as const, note: 'Foto KTP buram', by, at: later() },
          updatedAt: later(),
          updatedBy: supervisor.session.user.displayName,
        })
        for (const by of [clerk.session.user.displayName, 'Kepala Dinas']) {
          const pushed = await supervisor.push([
            { assumedMasterState: doc, newDocumentState: returned(by) },
          ])
          expect(refusedAsActor(pushed.body)).toEqual(['ACTOR_MISMATCH'])
        }
        const honest = returned(supervisor.session.user.displayName)
        expect(
          (await supervisor.push([{ assumedMasterState: doc, newDocumentState: honest }])).body,
        ).toEqual({ conflicts: [], rejected: [] })

        const print = (printedBy: string) => ({
          ...honest,
          prints: [
            {
              serial: newCardSerial(),
              kind: 'card' as const,
              printedAt: later(),
              printedBy,
              officeCode: '06-01',
              validUntil: '2026-12-31',
            },
          ],
          updatedAt: later(),
        })
        const forgedPrint = await clerk.push([
          { assumedMasterState: honest, newDocumentState: print(admin.session.user.displayName) },
        ])
        expect(refusedAsActor(forgedPrint.body)).toEqual(['ACTOR_MISMATCH'])
        const honestPrint = await clerk.push([
          {
            assumedMasterState: honest,
            newDocumentState: print(coworker.session.user.displayName),
          },
        ])
        expect(honestPrint.body).toEqual({ conflicts: [], rejected: [] })
      })
    })

    describe('audit entries are authored by the PC’s office users and keep the pushing session', () => {
      it('refuses an entry naming a central admin or another office’s user; keeps who pushed a coworker’s', async () => {
        const trail = auditApi(server, clerk)
        const asAdmin = makeAuditEntry(clerk, {
          by: admin.session.user.displayName,
          role: 'admin',
        })
        const asOtherOffice = makeAuditEntry(clerk, { by: otherClerk.session.user.displayName })
        const asCoworker = makeAuditEntry(clerk, { by: coworker.session.user.displayName })
        const pushed = await trail.push([asAdmin, asOtherOffice, asCoworker])
        expect(pushed.body.rejected.map((r) => [r.id, r.code])).toEqual([
          [asAdmin.id, 'AUDIT_ACTOR_MISMATCH'],
          [asOtherOffice.id, 'AUDIT_ACTOR_MISMATCH'],
        ])
        const { rows } = await server.db.query<{
          id: string
          received_by_user: string
          device_id: string
        }>('SELECT id, received_by_user, device_id FROM audit_entries WHERE id = ANY($1::text[])', [
          [asAdmin.id, asOtherOffice.id, asCoworker.id],
        ])
        expect(rows).toEqual([
          { id: asCoworker.id, received_by_user: clerk.session.user.id, device_id: clerk.deviceId },
        ])
        // The admin, signed in on the PC, may still push their own entries from it.
        const adminOnSite = await enrolAndLogin(server, central, {
          role: 'admin',
          deviceOffice: tenggarong,
        })
        const own = makeAuditEntry(adminOnSite, { officeCode: '06-01', kecamatanCode: '64.02.06' })
        expect((await auditApi(server, adminOnSite).push([own])).body.rejected).toEqual([])
      })
    })

    describe('card certificates and what a certificate may sign', () => {
      const path = '/api/card-certificate'
      const today = () => new Date().toISOString().slice(0, 10)

      async function certify(client: TestClient) {
        const pc = newSigningKeyPair()
        const response = await api<CardKeysResponse>(server.url, 'POST', path, {
          token: client.token,
          body: { publicKey: base64UrlOf(pc.publicKey) },
        })
        return { pc, response }
      }

      it.each([
        ['a kecamatan clerk', () => clerk, 200],
        ['a Distransnaker supervisor', () => supervisor, 200],
        ['an agency verifier', () => verifier, 403],
        ['an admin', () => admin, 403],
      ] as const)('gives %s a certificate: %d', async (_who, clientOf, status) => {
        const { response } = await certify(clientOf())
        expect(response.status).toBe(status)
        if (status === 403) {
          expect(response.body).toMatchObject({ error: { code: 'FORBIDDEN_ROLE' } })
        }
      })

      const claims = (participantNumber: string): CardClaims => ({
        kind: 'card',
        participantId: crypto.randomUUID(),
        participantNumber,
        initials: 'SA',
        validFrom: today(),
        validUntil: today(),
        serial: newCardSerial(),
        printedOn: today(),
      })

      it('refuses at verification a card signed by one kecamatan’s PC for another kecamatan’s number', async () => {
        const tenggarongPc = await certify(clerk)
        const centralPc = await certify(supervisor)
        const keysOf = (body: CardKeysResponse) =>
          body.districtPublicKeys.map((key) => bytesOfBase64Url(key) as Uint8Array)
        const sign = (
          { pc, response }: Awaited<ReturnType<typeof certify>>,
          participantNumber: string,
        ) =>
          verifyCardToken(
            signCardToken(
              {
                secretKey: pc.secretKey,
                certificate: bytesOfBase64Url(response.body.certificate) as Uint8Array,
              },
              claims(participantNumber),
            ),
            keysOf(response.body),
          )
        expect(sign(tenggarongPc, '0101-000001')).toEqual({
          ok: false,
          reason: 'OFFICE_MAY_NOT_SIGN',
        })
        // Its own kecamatan: any office series there, Distransnaker's 99 series included.
        for (const number of ['0601-000001', '0602-000001', '0699-000001']) {
          expect(sign(tenggarongPc, number)).toMatchObject({ ok: true })
        }
        // A KPJ number names no kecamatan: the card alone cannot tell (docs/printing.md).
        expect(sign(tenggarongPc, '0012345678')).toMatchObject({ ok: true })
        // Distransnaker prints for the whole district.
        expect(sign(centralPc, '0101-000001')).toMatchObject({ ok: true })
      })
    })
  })
}
