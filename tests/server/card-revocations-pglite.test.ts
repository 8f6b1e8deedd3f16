/**
 * A stolen office PC, as the district sees it: the admin revokes it, and the signed list of
 * revoked PCs that `GET /api/card-keys` publishes names its card key, so offline verifiers learn
 * it with the keys. And an agency PC, which never prints, gets no card certificate at enrolment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  base64UrlOf,
  bytesOfBase64Url,
  newSigningKeyPair,
  publicKeyOf,
} from '../../shared/cards/card-token'
import {
  verifyRevocationList,
  type PublishedCardRevocations,
} from '../../shared/cards/card-revocations'
import type {
  DistrictCardKeysResponse,
  EnrolResponse,
  OfficeInfo,
} from '../../shared/sync/sync-protocol'
import type { RunningServer } from '../../server/server'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
  type TestClient,
} from './support/server-fixture'

type CardKeys = DistrictCardKeysResponse & PublishedCardRevocations

describe('revoking a PC that signs cards (PGlite, HTTP)', () => {
  let server: RunningServer
  let office: OfficeInfo
  let agency: OfficeInfo
  let admin: TestClient

  beforeAll(async () => {
    server = await startTestServer('pglite')
    const central = await server.admin.ensureCentralOffice()
    office = await createKecamatanOffice(server, '64.02.06', 1)
    agency = await server.admin.createOffice({
      code: 'DINSOS',
      name: 'Dinas Sosial',
      kind: 'agency',
      kecamatanCode: null,
      officeNumber: null,
      agencyCode: 'dinsos',
    })
    admin = await enrolAndLogin(server, central, { role: 'admin' })
  }, 60_000)

  afterAll(async () => {
    await server?.close()
  })

  const districtKey = () => publicKeyOf(server.keys.cardSigningKey)

  async function cardKeys() {
    const response = await api<CardKeys>(server.url, 'GET', '/api/card-keys')
    expect(response.status).toBe(200)
    const check = verifyRevocationList(response.body.revocations, [districtKey()])
    if (!check.ok) throw new Error(`revocation list refused: ${check.reason}`)
    return check.list
  }

  async function enrolWithCardKey(target: OfficeInfo) {
    const pc = newSigningKeyPair()
    const { code } = await server.admin.createEnrolmentCode(target.id)
    const enrol = await api<EnrolResponse>(server.url, 'POST', '/api/enrol', {
      body: { code, deviceName: 'PC kartu', cardSigningPublicKey: base64UrlOf(pc.publicKey) },
    })
    expect(enrol.status).toBe(200)
    return { pc, enrol: enrol.body }
  }

  it('publishes a signed list, and a revoked PC’s card key appears in it', async () => {
    const before = await cardKeys()
    expect(before.revoked).toEqual([])

    const { pc, enrol } = await enrolWithCardKey(office)
    expect(enrol.cardKeys?.certificate).toEqual(expect.any(String))
    const revoke = await api<{ revokedAt: string }>(
      server.url,
      'POST',
      `/api/admin/devices/${enrol.deviceId}/revoke`,
      { token: admin.token },
    )
    expect(revoke.status).toBe(200)

    const after = await cardKeys()
    expect(after.sequence).toBeGreaterThan(before.sequence)
    expect(after.issuedAt >= before.issuedAt).toBe(true)
    expect(after.revoked).toEqual([
      { devicePublicKey: base64UrlOf(pc.publicKey), revokedAt: revoke.body.revokedAt },
    ])
  })

  it('is refused when altered on the way: the list is the district’s word, not the channel’s', async () => {
    const response = await api<CardKeys>(server.url, 'GET', '/api/card-keys')
    const { revocations } = response.body
    const emptied = { ...revocations, payload: revocations.payload.replace(/\[.*\]/, '[]') }
    expect(verifyRevocationList(emptied, [districtKey()])).toEqual({
      ok: false,
      reason: 'SIGNATURE_FORGED',
    })
    const published = response.body.districtPublicKeys.map((key) => bytesOfBase64Url(key)!)
    expect(verifyRevocationList(revocations, published).ok).toBe(true)
  })

  it('enrols an agency PC without certifying its card key', async () => {
    const { enrol } = await enrolWithCardKey(agency)
    expect(enrol.office.kind).toBe('agency')
    expect(enrol.deviceId).toEqual(expect.any(String))
    expect(enrol.cardKeys).toBeUndefined()
    // Revoking it adds nothing to the list: it never had a certified key.
    const before = await cardKeys()
    await api(server.url, 'POST', `/api/admin/devices/${enrol.deviceId}/revoke`, {
      token: admin.token,
    })
    expect((await cardKeys()).revoked).toEqual(before.revoked)
  })
})
