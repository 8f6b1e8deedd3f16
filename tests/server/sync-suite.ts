/**
 * The server's behaviour, told as stories, run once on embedded PGlite and once on a real
 * PostgreSQL 15 (sync-pglite.test.ts, sync-postgres.test.ts). Real HTTP on 127.0.0.1, no mocks.
 */
import { createHash } from 'node:crypto'
import { calendarDayAt, currentTime, currentTimeMs } from '../../shared/dates/clock'
import { brotliDecompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ApiError,
  CardKeysResponse,
  DistrictCardKeysResponse,
  EnrolResponse,
  OfficeInfo,
  OfficeUsersResponse,
  ParticipantWireDocument,
  PullResponse,
  PushResponse,
  SessionResponse,
} from '../../shared/sync/sync-protocol'
import { MAX_PUSH_ROWS, MAX_REQUEST_BODY_BYTES } from '../../shared/sync/sync-protocol'
import { participantWireViolation } from '../../shared/validation/wire-validators'
import {
  participantJsonSchema,
  type FieldConflict,
} from '../../shared/participant/participant-document'
import type { AdminDevicesResponse } from '../../shared/sync/admin-api'
import type { AuditEntry } from '../../shared/audit/audit-entry'
import {
  base64UrlOf,
  bytesOfBase64Url,
  districtKeyIdOf,
  issueDeviceCertificate,
  newCardSerial,
  newSigningKeyPair,
  parseDeviceCertificate,
  publicKeyOf,
  signCardToken,
  verifyCardToken,
  type CardClaims,
} from '../../shared/cards/card-token'
import { createEnrolmentCode } from '../../server/devices'
import { signAccessToken } from '../../server/crypto'
import type { RunningServer } from '../../server/server'
import {
  api,
  auditApi,
  createKecamatanOffice,
  enrolAndLogin,
  gunzipJson,
  makeAuditEntry,
  makeParticipant,
  openEventStream,
  rawGet,
  TEST_PASSWORD,
  type TestClient,
  authoredBy,
} from './support/server-fixture'
import { signed } from './support/signed'
import { withoutReceipt } from '../support/receipts'

/** Other records a `duplicates` list may name (the participant schema's maxItems). */
const MAX_DUPLICATES = participantJsonSchema.properties.duplicates.maxItems

export interface SuiteBackend {
  start(): Promise<RunningServer>
  stop?(): Promise<void>
}

function errorCode(body: unknown): string | undefined {
  return (body as ApiError | null)?.error?.code
}

export function defineSyncSuite(name: string, backend: SuiteBackend): void {
  describe(`central server on ${name}`, () => {
    let server: RunningServer
    let central: OfficeInfo
    let tenggarong: OfficeInfo
    let muaraMuntai: OfficeInfo
    let clerk: TestClient
    let otherClerk: TestClient
    let admin: TestClient

    beforeAll(async () => {
      server = await backend.start()
      central = await server.admin.ensureCentralOffice()
      tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
      muaraMuntai = await createKecamatanOffice(server, '64.02.01', 1)
      ;[clerk, otherClerk, admin] = await Promise.all([
        enrolAndLogin(server, tenggarong),
        enrolAndLogin(server, muaraMuntai),
        enrolAndLogin(server, central, { role: 'admin' }),
      ])
    }, 60_000)

    afterAll(async () => {
      await server?.close()
      await backend.stop?.()
    })

    async function storedRow(id: string) {
      const { rows } = await server.db.query<{
        txid: string
        doc: Record<string, unknown>
        sealed: Uint8Array
        nik_hash: Uint8Array
      }>('SELECT txid::text AS txid, doc, sealed, nik_hash FROM participants WHERE id = $1', [id])
      return rows[0]
    }

    describe('bad requests never crash the server', () => {
      it('answers unknown routes, bad JSON, wrong types and wrong methods with an ApiError', async () => {
        const unknown = await api(server.url, 'GET', '/api/nothing-here')
        expect(unknown.status).toBe(404)
        expect(errorCode(unknown.body)).toBe('NOT_FOUND')
        expect((unknown.body as ApiError).error.message).toMatch(/server/)

        const badJson = await api(server.url, 'POST', '/api/sync/participants/push', {
          token: clerk.token,
          rawBody: '{"rows": [',
          headers: { 'Content-Type': 'application/json' },
        })
        expect(badJson.status).toBe(400)
        expect(errorCode(badJson.body)).toBe('INVALID_JSON')

        const wrongTypes = await api(server.url, 'POST', '/api/sync/participants/push', {
          token: clerk.token,
          body: { rows: 'semua' },
        })
        expect(wrongTypes.status).toBe(400)
        const wrongRow = await api(server.url, 'POST', '/api/sync/participants/push', {
          token: clerk.token,
          body: { rows: [{ newDocumentState: 42 }] },
        })
        expect(wrongRow.status).toBe(400)
        const wrongLogin = await api(server.url, 'POST', '/api/session', {
          body: { deviceId: 1, username: ['x'] },
        })
        expect(wrongLogin.status).toBe(400)

        const wrongMethod = await api(server.url, 'GET', '/api/sync/participants/push', {
          token: clerk.token,
        })
        expect(wrongMethod.status).toBe(405)
        const badCheckpoint = await api(
          server.url,
          'GET',
          '/api/sync/participants/pull?checkpoint=%7Bnope',
          { token: clerk.token },
        )
        expect(badCheckpoint.status).toBe(400)

        const health = await api<{ ok: boolean }>(server.url, 'GET', '/api/health')
        expect(health.status).toBe(200)
        expect(health.body.ok).toBe(true)
      })

      it('refuses an oversized body with 413, also when it only grows after gunzip', async () => {
        const huge = JSON.stringify({ rows: [], padding: 'x'.repeat(MAX_REQUEST_BODY_BYTES) })
        const plain = await api(server.url, 'POST', '/api/sync/participants/push', {
          token: clerk.token,
          rawBody: huge,
          headers: { 'Content-Type': 'application/json' },
        })
        expect(plain.status).toBe(413)
        expect(errorCode(plain.body)).toBe('BODY_TOO_LARGE')

        const bomb = gzipSync(huge)
        expect(bomb.length).toBeLessThan(MAX_REQUEST_BODY_BYTES / 10)
        const zipped = await api(server.url, 'POST', '/api/sync/participants/push', {
          token: clerk.token,
          rawBody: bomb,
          headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        })
        expect(zipped.status).toBe(413)

        const tooManyRows = await clerk.push(
          Array.from({ length: MAX_PUSH_ROWS + 1 }, () => ({
            newDocumentState: makeParticipant(tenggarong),
          })),
        )
        expect(tooManyRows.status).toBe(413)
        expect(errorCode(tooManyRows.body)).toBe('TOO_MANY_ROWS')
        expect((await api(server.url, 'GET', '/api/health')).status).toBe(200)
      })

      it('accepts gzip request bodies and compresses responses for clients that accept gzip', async () => {
        const docs = Array.from({ length: 5 }, () => makeParticipant(tenggarong))
        const pushed = await api<PushResponse>(server.url, 'POST', '/api/sync/participants/push', {
          token: clerk.token,
          body: { rows: docs.map((doc) => ({ newDocumentState: doc })) },
          gzipBody: true,
        })
        expect(pushed.status).toBe(200)
        expect(pushed.body).toEqual({ conflicts: [], rejected: [] })

        const zipped = await rawGet(server.url, '/api/sync/participants/pull?limit=1000', {
          Authorization: `Bearer ${admin.token}`,
          'Accept-Encoding': 'gzip',
        })
        expect(zipped.status).toBe(200)
        expect(zipped.headers['content-encoding']).toBe('gzip')
        const page = gunzipJson<PullResponse>(zipped.body)
        expect(page.documents.map((doc) => doc.id)).toEqual(
          expect.arrayContaining(docs.map((d) => d.id)),
        )

        const identity = await rawGet(server.url, '/api/sync/participants/pull?limit=1000', {
          Authorization: `Bearer ${admin.token}`,
        })
        expect(identity.headers['content-encoding']).toBeUndefined()
        expect(identity.body.length).toBeGreaterThan(zipped.body.length * 3)

        // Chromium (so the app) takes Brotli too: the same page, smaller still.
        const brotli = await rawGet(server.url, '/api/sync/participants/pull?limit=1000', {
          Authorization: `Bearer ${admin.token}`,
          'Accept-Encoding': 'gzip, deflate, br, zstd',
        })
        expect(brotli.headers['content-encoding']).toBe('br')
        expect(JSON.parse(brotliDecompressSync(brotli.body).toString('utf8'))).toEqual(page)
        expect(brotli.body.length).toBeLessThan(zipped.body.length)
        // Refused by its q: gzip instead.
        const noBrotli = await rawGet(server.url, '/api/sync/participants/pull?limit=1000', {
          Authorization: `Bearer ${admin.token}`,
          'Accept-Encoding': 'br;q=0, gzip',
        })
        expect(noBrotli.headers['content-encoding']).toBe('gzip')
      })
    })

    describe('devices and sessions', () => {
      it('enrols a device with a one-time code that works once, typed in any case', async () => {
        const { code } = await server.admin.createEnrolmentCode(tenggarong.id)
        expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
        const typed = ` ${code.toLowerCase().replace('-', ' ')} `
        const first = await api(server.url, 'POST', '/api/enrol', {
          body: { code: typed, deviceName: 'Laptop meja 2' },
        })
        expect(first.status).toBe(200)
        expect(first.body).toMatchObject({ office: { id: tenggarong.id } })
        const again = await api(server.url, 'POST', '/api/enrol', {
          body: { code, deviceName: 'Laptop lain' },
        })
        expect(again.status).toBe(400)
        expect(errorCode(again.body)).toBe('ENROLMENT_CODE_INVALID')

        const stored = await server.db.query<{ code_hash: Uint8Array }>(
          'SELECT code_hash FROM enrolment_codes',
        )
        const codes = stored.rows.map((row) => Buffer.from(row.code_hash).toString('utf8'))
        expect(codes.join()).not.toContain(code.replace('-', ''))
      })

      it('refuses an expired enrolment code', async () => {
        const expired = await createEnrolmentCode(server.db, tenggarong.id, null, -60)
        const response = await api(server.url, 'POST', '/api/enrol', {
          body: { code: expired.code, deviceName: 'Laptop' },
        })
        expect(response.status).toBe(400)
        expect(errorCode(response.body)).toBe('ENROLMENT_CODE_INVALID')
      })

      it('logs in only with the right password, on a device of the user’s own office', async () => {
        const wrongPassword = await api(server.url, 'POST', '/api/session', {
          body: {
            deviceId: clerk.deviceId,
            deviceSecret: clerk.deviceSecret,
            username: clerk.username,
            password: 'salah-sandi-1',
          },
        })
        expect(wrongPassword.status).toBe(401)
        expect(errorCode(wrongPassword.body)).toBe('INVALID_CREDENTIALS')

        const wrongSecret = await api(server.url, 'POST', '/api/session', {
          body: {
            deviceId: clerk.deviceId,
            deviceSecret: 'bukan-rahasia',
            username: clerk.username,
            password: TEST_PASSWORD,
          },
        })
        expect(wrongSecret.status).toBe(401)

        const otherOffice = await api(server.url, 'POST', '/api/session', {
          body: {
            deviceId: clerk.deviceId,
            deviceSecret: clerk.deviceSecret,
            username: otherClerk.username,
            password: TEST_PASSWORD,
          },
        })
        expect(otherOffice.status).toBe(403)
        expect(errorCode(otherOffice.body)).toBe('WRONG_OFFICE')

        // A central admin helping on site may use the office's PC.
        const adminOnOfficePc = await api<SessionResponse>(server.url, 'POST', '/api/session', {
          body: {
            deviceId: clerk.deviceId,
            deviceSecret: clerk.deviceSecret,
            username: admin.username,
            password: TEST_PASSWORD,
          },
        })
        expect(adminOnOfficePc.status).toBe(200)
        expect(adminOnOfficePc.body.office.kind).toBe('central')
      })

      it('rotates refresh tokens and revokes the family when an old one comes back', async () => {
        const user = await enrolAndLogin(server, tenggarong)
        const refresh = (refreshToken: string) =>
          api<SessionResponse>(server.url, 'POST', '/api/session/refresh', {
            body: { deviceId: user.deviceId, deviceSecret: user.deviceSecret, refreshToken },
          })
        const first = await refresh(user.session.refreshToken)
        expect(first.status).toBe(200)
        expect(first.body.refreshToken).not.toBe(user.session.refreshToken)
        expect(Date.parse(first.body.accessTokenExpiresAt)).toBeGreaterThan(
          currentTimeMs() + 10 * 60_000,
        )
        const pulled = await api(server.url, 'GET', '/api/sync/participants/pull', {
          token: first.body.accessToken,
        })
        expect(pulled.status).toBe(200)

        const replay = await refresh(user.session.refreshToken)
        expect(replay.status).toBe(401)
        // The replay revoked the family: the newest token is dead too.
        const afterReplay = await refresh(first.body.refreshToken)
        expect(afterReplay.status).toBe(401)

        const stored = await server.db.query<{ token_hash: Uint8Array }>(
          'SELECT token_hash FROM refresh_tokens',
        )
        const hashes = stored.rows.map((row) => Buffer.from(row.token_hash).toString('base64url'))
        expect(hashes).not.toContain(first.body.refreshToken)
      })

      it('refuses missing, forged and expired access tokens with 401', async () => {
        const pullPath = '/api/sync/participants/pull'
        const missing = await api(server.url, 'GET', pullPath)
        expect(missing.status).toBe(401)
        expect(errorCode(missing.body)).toBe('TOKEN_MISSING')

        const [prefix, payload] = clerk.token.split('.')
        const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as {
          sub: string
          dev: string
          off: string
          role: string
        }
        // Same signature, payload claiming the central office: the MAC no longer matches.
        const tampered = Buffer.from(JSON.stringify({ ...claims, off: central.id })).toString(
          'base64url',
        )
        const forged = await api(server.url, 'GET', pullPath, {
          token: `${prefix}.${tampered}.${clerk.token.split('.')[2]}`,
        })
        expect(forged.status).toBe(401)
        expect(errorCode(forged.body)).toBe('TOKEN_INVALID')
        const otherKey = signAccessToken(
          { ...claims, exp: Math.floor(currentTimeMs() / 1000) + 600 },
          Buffer.alloc(32, 7),
        )
        expect((await api(server.url, 'GET', pullPath, { token: otherKey })).status).toBe(401)

        const expired = signAccessToken(
          {
            ...claims,
            exp: Math.floor(currentTimeMs() / 1000) - 1,
          },
          server.keys.tokenKey,
        )
        const expiredResponse = await api(server.url, 'GET', pullPath, { token: expired })
        expect(expiredResponse.status).toBe(401)
        expect(errorCode(expiredResponse.body)).toBe('TOKEN_EXPIRED')
      })

      it('stops a revoked device on every later call with 403 DEVICE_REVOKED', async () => {
        const user = await enrolAndLogin(server, tenggarong)
        const beforeRevoke = await user.pull(null)
        expect(beforeRevoke.status).toBe(200)

        const revoke = await api(server.url, 'POST', `/api/admin/devices/${user.deviceId}/revoke`, {
          token: admin.token,
        })
        expect(revoke.status).toBe(200)
        expect(revoke.body).toMatchObject({ id: user.deviceId, revokedAt: expect.any(String) })

        const doc = makeParticipant(tenggarong)
        const push = await user.push([{ newDocumentState: doc }])
        expect(push.status).toBe(403)
        expect(errorCode(push.body)).toBe('DEVICE_REVOKED')
        expect(await storedRow(doc.id)).toBeUndefined()
        expect(errorCode((await user.pull(null)).body)).toBe('DEVICE_REVOKED')
        const refresh = await api(server.url, 'POST', '/api/session/refresh', {
          body: {
            deviceId: user.deviceId,
            deviceSecret: user.deviceSecret,
            refreshToken: user.session.refreshToken,
          },
        })
        expect(refresh.status).toBe(403)
        const login = await api(server.url, 'POST', '/api/session', {
          body: {
            deviceId: user.deviceId,
            deviceSecret: user.deviceSecret,
            username: user.username,
            password: TEST_PASSWORD,
          },
        })
        expect(login.status).toBe(403)
        expect(errorCode(login.body)).toBe('DEVICE_REVOKED')
      })

      it('gives an office PC its users’ offline verifiers, never the login hashes', async () => {
        const response = await api<OfficeUsersResponse>(server.url, 'GET', '/api/office-users', {
          token: clerk.token,
        })
        expect(response.status).toBe(200)
        expect(response.body.office.id).toBe(tenggarong.id)
        const mine = response.body.users.find((record) => record.user.username === clerk.username)
        expect(mine?.verifier).toMatchObject({
          algorithm: 'argon2id',
          memoryKiB: 19_456,
          iterations: 2,
          parallelism: 1,
        })
        expect(Buffer.from(mine?.verifier.hash ?? '', 'base64')).toHaveLength(32)
        expect(response.body.users.every((record) => record.user.officeId === tenggarong.id)).toBe(
          true,
        )
        expect(JSON.stringify(response.body)).not.toContain('$argon2')
      })

      it('limits the request rate per device with 429 and Retry-After', async () => {
        const user = await enrolAndLogin(server, tenggarong)
        const responses = await Promise.all(
          Array.from({ length: 160 }, () =>
            api(server.url, 'GET', '/api/office-users', { token: user.token }),
          ),
        )
        const limited = responses.filter((response) => response.status === 429)
        expect(limited.length).toBeGreaterThan(0)
        expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
        expect(errorCode(limited[0]?.body)).toBe('RATE_LIMITED')
        // Other devices keep their own budget.
        expect((await clerk.pull(null, 1)).status).toBe(200)
      })
    })

    describe('admin API', () => {
      it('lets admins manage offices, users, codes and devices, and nobody else', async () => {
        const asClerk = await api(server.url, 'GET', '/api/admin/offices', { token: clerk.token })
        expect(asClerk.status).toBe(403)
        expect(errorCode(asClerk.body)).toBe('FORBIDDEN_ROLE')

        const created = await api<OfficeInfo>(server.url, 'POST', '/api/admin/offices', {
          token: admin.token,
          body: {
            code: '06-02',
            name: 'Kantor Kelurahan Timbau',
            kind: 'kecamatan',
            kecamatanCode: '64.02.06',
            officeNumber: 2,
          },
        })
        expect(created.status).toBe(200)
        const duplicate = await api(server.url, 'POST', '/api/admin/offices', {
          token: admin.token,
          body: { ...created.body, id: undefined },
        })
        expect(duplicate.status).toBe(409)
        const unknownKecamatan = await api(server.url, 'POST', '/api/admin/offices', {
          token: admin.token,
          body: {
            code: '99-01',
            name: 'X',
            kind: 'kecamatan',
            kecamatanCode: '64.02.99',
            officeNumber: 1,
          },
        })
        expect(unknownKecamatan.status).toBe(400)

        const user = await api(server.url, 'POST', '/api/admin/users', {
          token: admin.token,
          body: {
            officeId: created.body.id,
            username: 'Rina.Operator',
            displayName: 'Rina',
            role: 'operator',
            password: 'sandi-rina-2026',
          },
        })
        expect(user.status).toBe(200)
        expect(user.body).toMatchObject({ username: 'rina.operator', active: true })
        const shortPassword = await api(server.url, 'POST', '/api/admin/users', {
          token: admin.token,
          body: {
            officeId: created.body.id,
            username: 'rina2',
            displayName: 'Rina',
            role: 'operator',
            password: 'pendek',
          },
        })
        expect(shortPassword.status).toBe(400)

        const code = await api<{ code: string; expiresAt: string }>(
          server.url,
          'POST',
          '/api/admin/enrolment-codes',
          { token: admin.token, body: { officeId: created.body.id } },
        )
        expect(code.status).toBe(200)
        expect(Date.parse(code.body.expiresAt)).toBeGreaterThan(currentTimeMs())

        const offices = await api<{ offices: OfficeInfo[] }>(
          server.url,
          'GET',
          '/api/admin/offices',
          {
            token: admin.token,
          },
        )
        expect(offices.body.offices.map((office) => office.code)).toContain('06-02')
        const users = await api<{ users: unknown[] }>(
          server.url,
          'GET',
          `/api/admin/users?officeId=${created.body.id}`,
          { token: admin.token },
        )
        expect(users.body.users).toHaveLength(1)
        const devices = await api<{ devices: { officeId: string }[] }>(
          server.url,
          'GET',
          `/api/admin/devices?officeId=${tenggarong.id}`,
          { token: admin.token },
        )
        expect(devices.body.devices.length).toBeGreaterThan(0)
        expect(devices.body.devices.every((device) => device.officeId === tenggarong.id)).toBe(true)
      })
    })

    describe('card certificates', () => {
      // Certificates are dated by the UTC day (server/devices.ts), never later than any local day.
      const today = () => currentTime().toISOString().slice(0, 10)

      function claimsPrintedToday(): CardClaims {
        return {
          kind: 'card',
          participantId: crypto.randomUUID(),
          participantNumber: '0601-000123',
          initials: 'SA',
          validFrom: today(),
          validUntil: today(),
          serial: newCardSerial(),
          printedOn: today(),
        }
      }

      const districtKeysOf = (keys: CardKeysResponse) =>
        keys.districtPublicKeys.map((key) => bytesOfBase64Url(key) as Uint8Array)

      async function storedCardKey(deviceId: string) {
        const { rows } = await server.db.query<{
          card_public_key: string | null
          card_certified_at: unknown
        }>('SELECT card_public_key, card_certified_at FROM devices WHERE id = $1', [deviceId])
        return rows[0]
      }

      it('certifies the key a PC sends when it enrols, for the PC’s office, and its cards verify', async () => {
        const before = today()
        const pc = newSigningKeyPair()
        const { code } = await server.admin.createEnrolmentCode(tenggarong.id)
        const enrol = await api<EnrolResponse>(server.url, 'POST', '/api/enrol', {
          body: {
            code,
            deviceName: 'PC loket 1',
            cardSigningPublicKey: base64UrlOf(pc.publicKey),
          },
        })
        expect(enrol.status).toBe(200)
        const cardKeys = enrol.body.cardKeys
        if (!cardKeys) throw new Error('no cardKeys in the enrolment response')

        const certificateBytes = bytesOfBase64Url(cardKeys.certificate) as Uint8Array
        const certificate = parseDeviceCertificate(certificateBytes)
        expect(certificate).not.toBeNull()
        expect(certificate?.officeCode).toBe(tenggarong.code)
        expect(certificate?.devicePublicKey).toEqual(pc.publicKey)
        expect([before, today()]).toContain(certificate?.issuedOn)
        expect(certificate?.expiresOn).toBe(cardKeys.expiresOn)
        const issued = new Date(`${certificate?.issuedOn}T00:00:00Z`)
        issued.setUTCFullYear(issued.getUTCFullYear() + 2)
        expect(cardKeys.expiresOn).toBe(issued.toISOString().slice(0, 10))
        expect(cardKeys.districtPublicKeys[0]).toBe(
          base64UrlOf(publicKeyOf(server.keys.cardSigningKey)),
        )
        expect(certificate?.districtKeyId).toBe(districtKeyIdOf(districtKeysOf(cardKeys)[0]!))

        const claims = claimsPrintedToday()
        const token = signCardToken(
          { secretKey: pc.secretKey, certificate: certificateBytes },
          claims,
        )
        const check = verifyCardToken(token, districtKeysOf(cardKeys))
        expect(check).toMatchObject({ ok: true, claims, certificate: { officeCode: '06-01' } })

        // A key the server never certified cannot borrow this PC's certificate.
        const thief = newSigningKeyPair()
        const borrowed = signCardToken(
          { secretKey: thief.secretKey, certificate: certificateBytes },
          claims,
        )
        expect(verifyCardToken(borrowed, districtKeysOf(cardKeys))).toEqual({
          ok: false,
          reason: 'SIGNATURE_FORGED',
        })
        // Nor can a certificate made with any other "district" key.
        const fakeDistrict = newSigningKeyPair()
        const selfMade = issueDeviceCertificate(fakeDistrict.secretKey, {
          devicePublicKey: thief.publicKey,
          officeCode: tenggarong.code,
          issuedOn: today(),
          expiresOn: cardKeys.expiresOn,
        })
        const forged = signCardToken({ secretKey: thief.secretKey, certificate: selfMade }, claims)
        expect(verifyCardToken(forged, districtKeysOf(cardKeys))).toEqual({
          ok: false,
          reason: 'UNKNOWN_DISTRICT_KEY',
        })

        // The admin screen sees which PCs can sign.
        const devices = await api<AdminDevicesResponse>(
          server.url,
          'GET',
          `/api/admin/devices?officeId=${tenggarong.id}`,
          { token: admin.token },
        )
        const listed = devices.body.devices.find((device) => device.id === enrol.body.deviceId)
        expect(listed).toMatchObject({
          cardPublicKey: base64UrlOf(pc.publicKey),
          cardCertifiedAt: expect.any(String),
        })
        expect(devices.body.devices.find((device) => device.id === clerk.deviceId)).toMatchObject({
          cardPublicKey: null,
          cardCertifiedAt: null,
        })
      })

      it('refuses an enrolment with a malformed key before spending the code', async () => {
        const { code } = await server.admin.createEnrolmentCode(tenggarong.id)
        const identityPoint = new Uint8Array(32)
        identityPoint[0] = 1
        const pc = newSigningKeyPair()
        const canonical = base64UrlOf(pc.publicKey)
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
        // The same 32 bytes with a stray bit in the unused tail of the last character.
        const nonCanonical =
          canonical.slice(0, -1) + alphabet[alphabet.indexOf(canonical.slice(-1)) + 1]!
        expect(bytesOfBase64Url(nonCanonical)).toEqual(pc.publicKey)
        for (const cardSigningPublicKey of [
          'bukan-kunci',
          base64UrlOf(pc.publicKey.slice(0, 31)),
          `${canonical}=`,
          nonCanonical,
          base64UrlOf(identityPoint), // small order: anyone could sign under it
          42,
          { x: 1 },
        ]) {
          const refused = await api(server.url, 'POST', '/api/enrol', {
            body: { code, deviceName: 'PC loket 2', cardSigningPublicKey },
          })
          expect(refused.status).toBe(400)
          expect(errorCode(refused.body)).toBe('CARD_KEY_INVALID')
          expect((refused.body as ApiError).error.message).toMatch(/Kunci tanda tangan kartu/)
        }
        const { rows } = await server.db.query<{ used_at: unknown }>(
          'SELECT used_at FROM enrolment_codes WHERE code_hash = $1',
          [createHash('sha256').update(code.replace('-', '')).digest()],
        )
        expect(rows[0]?.used_at).toBeNull()

        const accepted = await api<EnrolResponse>(server.url, 'POST', '/api/enrol', {
          body: { code, deviceName: 'PC loket 2' },
        })
        expect(accepted.status).toBe(200)
        expect(accepted.body.cardKeys).toBeUndefined()
        expect(await storedCardKey(accepted.body.deviceId)).toEqual({
          card_public_key: null,
          card_certified_at: null,
        })
      })

      it('certifies a signed-in PC’s key again on request, and only for a clerk or supervisor on a live device', async () => {
        const pc = newSigningKeyPair()
        const path = '/api/card-certificate'
        const body = { publicKey: base64UrlOf(pc.publicKey) }

        const certified = await api<CardKeysResponse>(server.url, 'POST', path, {
          token: clerk.token,
          body,
        })
        expect(certified.status).toBe(200)
        const certificate = parseDeviceCertificate(
          bytesOfBase64Url(certified.body.certificate) as Uint8Array,
        )
        expect(certificate).toMatchObject({ officeCode: tenggarong.code })
        const token = signCardToken(
          {
            secretKey: pc.secretKey,
            certificate: bytesOfBase64Url(certified.body.certificate) as Uint8Array,
          },
          claimsPrintedToday(),
        )
        expect(verifyCardToken(token, districtKeysOf(certified.body)).ok).toBe(true)
        expect((await storedCardKey(clerk.deviceId))?.card_public_key).toBe(body.publicKey)

        // A central office supervisor's PC signs as PUSAT.
        const supervisor = await enrolAndLogin(server, central, { role: 'supervisor' })
        const asCentral = await api<CardKeysResponse>(server.url, 'POST', path, {
          token: supervisor.token,
          body,
        })
        expect(asCentral.status).toBe(200)
        expect(
          parseDeviceCertificate(bytesOfBase64Url(asCentral.body.certificate) as Uint8Array),
        ).toMatchObject({ officeCode: 'PUSAT' })

        const noToken = await api(server.url, 'POST', path, { body })
        expect(noToken.status).toBe(401)
        expect(errorCode(noToken.body)).toBe('TOKEN_MISSING')

        const asAdmin = await api(server.url, 'POST', path, { token: admin.token, body })
        expect(asAdmin.status).toBe(403)
        expect(errorCode(asAdmin.body)).toBe('FORBIDDEN_ROLE')
        expect((asAdmin.body as ApiError).error.message).toMatch(/admin/)

        const user = await enrolAndLogin(server, tenggarong)
        const notOnCurve = base64UrlOf(new Uint8Array(32).fill(0xff)) // y ≥ p
        const smallOrder = base64UrlOf(new Uint8Array(32)) // y = 0: a point of order 4
        for (const publicKey of ['', '!!', notOnCurve, smallOrder]) {
          const malformed = await api(server.url, 'POST', path, {
            token: user.token,
            body: { publicKey },
          })
          expect(malformed.status).toBe(400)
          expect(errorCode(malformed.body)).toBe('CARD_KEY_INVALID')
        }
        const noBody = await api(server.url, 'POST', path, { token: user.token })
        expect(noBody.status).toBe(400)
        expect(await storedCardKey(user.deviceId)).toEqual({
          card_public_key: null,
          card_certified_at: null,
        })

        const revoke = await api(server.url, 'POST', `/api/admin/devices/${user.deviceId}/revoke`, {
          token: admin.token,
        })
        expect(revoke.status).toBe(200)
        const revoked = await api(server.url, 'POST', path, { token: user.token, body })
        expect(revoked.status).toBe(403)
        expect(errorCode(revoked.body)).toBe('DEVICE_REVOKED')
        expect((await storedCardKey(user.deviceId))?.card_public_key).toBeNull()
      })

      it('tells anyone, without a session, which district keys to trust', async () => {
        const keys = await api<DistrictCardKeysResponse>(server.url, 'GET', '/api/card-keys')
        expect(keys.status).toBe(200)
        // The district keys, and the signed list of revoked card signers that goes with them.
        expect(keys.body).toEqual({
          districtPublicKeys: server.districtPublicKeys,
          revocations: expect.objectContaining({ payload: expect.any(String) }),
        })
        expect(keys.body.districtPublicKeys[0]).toBe(
          base64UrlOf(publicKeyOf(server.keys.cardSigningKey)),
        )
        // Public keys only: the secret key is nowhere in what the server says.
        const secret = server.keys.cardSigningKey
        const text = JSON.stringify(keys.body)
        for (const form of [
          secret.toString('hex'),
          secret.toString('base64'),
          base64UrlOf(secret),
        ]) {
          expect(text).not.toContain(form)
        }
        expect((await api(server.url, 'POST', '/api/card-keys')).status).toBe(405)
      })
    })

    describe('replication', () => {
      it('stores a pushed registration and hands it back on pull, field for field', async () => {
        const doc = makeParticipant(tenggarong)
        const pushed = await clerk.push([{ newDocumentState: doc }])
        expect(pushed.status).toBe(200)
        expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
        const { documents } = await admin.pullAll()
        expect(documents.find((d) => d.id === doc.id)).toEqual(signed(doc))
      })

      it('keeps each kecamatan office to its own participants, on push and on pull', async () => {
        const foreign = makeParticipant(muaraMuntai)
        const own = makeParticipant(tenggarong)
        const pushed = await clerk.push([{ newDocumentState: foreign }, { newDocumentState: own }])
        expect(pushed.status).toBe(200)
        expect(pushed.body.rejected).toEqual([
          {
            id: foreign.id,
            code: 'OUT_OF_JURISDICTION',
            message: expect.stringMatching(/wilayah/),
          },
        ])
        expect(await storedRow(foreign.id)).toBeUndefined()
        expect(await storedRow(own.id)).toBeDefined()

        // Nor may it take over another kecamatan's record by moving it into its own.
        const theirs = makeParticipant(muaraMuntai)
        expect((await otherClerk.push([{ newDocumentState: theirs }])).body.rejected).toEqual([])
        const hijack = await clerk.push([
          {
            assumedMasterState: theirs,
            newDocumentState: makeParticipant(tenggarong, { id: theirs.id }),
          },
        ])
        expect(hijack.body.rejected.map((r) => r.code)).toEqual(['OUT_OF_JURISDICTION'])

        const mine = await clerk.pullAll()
        expect(mine.documents.length).toBeGreaterThan(0)
        expect(mine.documents.every((d) => d.kecamatanCode === '64.02.06')).toBe(true)
        const theirsPulled = await otherClerk.pullAll()
        expect(theirsPulled.documents.map((d) => d.id)).toContain(theirs.id)
        expect(theirsPulled.documents.every((d) => d.kecamatanCode === '64.02.01')).toBe(true)
        const all = await admin.pullAll()
        const kecamatans = new Set(all.documents.map((d) => d.kecamatanCode))
        expect([...kecamatans].sort()).toEqual(['64.02.01', '64.02.06'])
      })

      it('rejects an invalid document with an Indonesian reason and writes nothing for it', async () => {
        const badNik = makeParticipant(tenggarong, { nik: '6402061505900000' })
        const wrongShape = { ...makeParticipant(tenggarong), monthlyIncome: 'banyak' }
        const notNormalised = makeParticipant(tenggarong, { rt: '3' })
        const good = makeParticipant(tenggarong)
        const pushed = await clerk.push([
          { newDocumentState: badNik },
          { newDocumentState: wrongShape as unknown as ParticipantWireDocument },
          { newDocumentState: notNormalised },
          { newDocumentState: good },
        ])
        expect(pushed.status).toBe(200)
        const byId = new Map(pushed.body.rejected.map((r) => [r.id, r]))
        expect(byId.get(badNik.id)).toMatchObject({ code: 'INVALID_DOCUMENT' })
        expect(byId.get(badNik.id)?.message).toMatch(/NIK/)
        expect(byId.get(badNik.id)?.message).not.toContain('6402061505900000')
        expect(byId.get(wrongShape.id)?.message).toMatch(/monthlyIncome/)
        expect(byId.get(notNormalised.id)?.message).toMatch(/RT/)
        expect(byId.has(good.id)).toBe(false)
        for (const doc of [badNik, wrongShape, notNormalised]) {
          expect(await storedRow(doc.id)).toBeUndefined()
        }
        expect(await storedRow(good.id)).toBeDefined()
      })

      it('applies a retried push once and reports no conflict', async () => {
        const doc = makeParticipant(tenggarong)
        const rows = [{ newDocumentState: doc }]
        expect((await clerk.push(rows)).body).toEqual({ conflicts: [], rejected: [] })
        const firstWrite = await storedRow(doc.id)
        // The response was "lost": the client sends the same push again.
        expect((await clerk.push(rows)).body).toEqual({ conflicts: [], rejected: [] })
        const edited = {
          ...doc,
          address: 'Jl. Panjaitan No. 3',
          updatedAt: currentTime().toISOString(),
        }
        const editRows = [{ assumedMasterState: doc, newDocumentState: edited }]
        expect((await clerk.push(editRows)).body).toEqual({ conflicts: [], rejected: [] })
        const afterEdit = await storedRow(doc.id)
        expect(BigInt(afterEdit?.txid ?? 0)).toBeGreaterThan(BigInt(firstWrite?.txid ?? 0))
        // The edit retried: its assumed state is now outdated, but it is already applied.
        expect((await clerk.push(editRows)).body).toEqual({ conflicts: [], rejected: [] })
        expect((await storedRow(doc.id))?.txid).toBe(afterEdit?.txid)
      })

      it('returns the current server copy when the pushed edit started from an old one', async () => {
        const doc = makeParticipant(tenggarong)
        await clerk.push([{ newDocumentState: doc }])
        const fromA = { ...doc, address: 'Jl. Dari Kantor A No. 1' }
        const fromB = { ...doc, heirName: 'Dari Kantor B' }
        expect(
          (await clerk.push([{ assumedMasterState: doc, newDocumentState: fromA }])).body,
        ).toEqual({
          conflicts: [],
          rejected: [],
        })
        const clash = await admin.push([{ assumedMasterState: doc, newDocumentState: fromB }])
        expect(clash.body.rejected).toEqual([])
        expect(clash.body.conflicts).toEqual([signed(fromA)])
        // No assumed state for a record the server has: also a conflict, never a blind overwrite.
        const blind = await admin.push([{ newDocumentState: fromB }])
        expect(blind.body.conflicts).toEqual([signed(fromA)])
        const pulled = await admin.pullAll()
        expect(pulled.documents.find((d) => d.id === doc.id)).toEqual(signed(fromA))
      })

      it('replicates a deletion as a tombstone', async () => {
        // Only a draft is ever deleted (docs/workflow.md, "Deleting and restoring").
        const doc = makeParticipant(tenggarong, { status: 'draft', checks: [] })
        await clerk.push([{ newDocumentState: doc }])
        const { checkpoint } = await admin.pullAll()
        const tombstone = { ...doc, _deleted: true }
        expect(
          (await clerk.push([{ assumedMasterState: doc, newDocumentState: tombstone }])).body,
        ).toEqual({ conflicts: [], rejected: [] })
        const after = await admin.pullAll(checkpoint)
        expect(after.documents).toEqual([signed(tombstone)])
      })

      it('flags a NIK registered by two offices on both records and keeps both', async () => {
        const first = makeParticipant(tenggarong, { nikSerial: 7777 })
        expect((await clerk.push([{ newDocumentState: first }])).body.rejected).toEqual([])
        const { checkpoint: tenggarongCheckpoint } = await clerk.pullAll()

        // The other office claims its own (forged) flags: the server ignores them.
        const second = makeParticipant(muaraMuntai, {
          status: 'draft',
          checks: [],
          nikSerial: 7777,
          duplicates: [{ id: 'palsu', registrationNumber: '0101-000001', officeCode: '01-01' }],
        })
        expect(second.nik).toBe(first.nik)
        expect((await otherClerk.push([{ newDocumentState: second }])).body).toEqual({
          conflicts: [],
          rejected: [],
        })

        const theirs = (await otherClerk.pullAll()).documents.find((d) => d.id === second.id)
        expect(theirs?.duplicates).toEqual([
          { id: first.id, registrationNumber: first.registrationNumber, officeCode: '06-01' },
        ])
        // Tenggarong's record moved forward in the change order: its office pulls the flag.
        const mine = await clerk.pullAll(tenggarongCheckpoint)
        const flagged = mine.documents.find((d) => d.id === first.id)
        expect(flagged?.duplicates).toEqual([
          { id: second.id, registrationNumber: second.registrationNumber, officeCode: '01-01' },
        ])
        expect({ ...flagged, duplicates: [] }).toEqual(signed(first))

        // Deleting one clears the flag on the other.
        const gone = { ...(theirs as ParticipantWireDocument), _deleted: true }
        await otherClerk.push([{ assumedMasterState: theirs, newDocumentState: gone }])
        const cleared = (await clerk.pullAll()).documents.find((d) => d.id === first.id)
        expect(cleared?.duplicates).toEqual([])
      })

      it('keeps NIK, KK, phone and conflicts encrypted at rest', async () => {
        const doc = makeParticipant(tenggarong, {
          kk: '6402069988776655',
          phone: '+6285712345678',
          conflicts: [
            {
              field: 'nik',
              localValue: '"6402061111111111"',
              serverValue: '"6402062222222222"',
              localBy: 'operator',
              localAt: currentTime().toISOString(),
              detectedAt: currentTime().toISOString(),
            },
          ],
        })
        await clerk.push([{ newDocumentState: doc }])
        const { rows } = await server.db.query<{ row: string }>(
          'SELECT to_jsonb(p)::text AS row FROM participants p WHERE id = $1',
          [doc.id],
        )
        const raw = rows[0]?.row ?? ''
        expect(raw).toContain(doc.id)
        for (const secret of [
          doc.nik,
          doc.kk,
          '85712345678',
          '6402061111111111',
          '6402062222222222',
        ]) {
          expect(raw).not.toContain(secret)
          expect(raw).not.toContain(Buffer.from(secret).toString('hex'))
        }
        const stored = await storedRow(doc.id)
        expect(Buffer.from(stored?.nik_hash ?? []).toString('hex')).not.toBe(
          createHash('sha256').update(doc.nik).digest('hex'),
        )
        // And it still comes back whole.
        const pulled = (await admin.pullAll()).documents.find((d) => d.id === doc.id)
        expect(pulled).toEqual(signed(doc))
      })

      it('pages a long pull with a checkpoint and counts what remains', async () => {
        const office = await createKecamatanOffice(server, '64.02.06', 9)
        const fresh = await enrolAndLogin(server, office)
        const observer = await enrolAndLogin(server, central, { role: 'supervisor' })
        const { checkpoint: start } = await observer.pullAll()
        const docs = Array.from({ length: 250 }, () => makeParticipant(office))
        for (let i = 0; i < docs.length; i += 100) {
          const rows = docs.slice(i, i + 100).map((doc) => ({ newDocumentState: doc }))
          expect((await fresh.push(rows)).body.rejected).toEqual([])
        }
        const pages: PullResponse[] = []
        let checkpoint = start
        for (let i = 0; i < 4; i++) {
          const page = await observer.pull(checkpoint, 100)
          pages.push(page.body)
          checkpoint = page.body.checkpoint
        }
        expect(pages.map((page) => page.documents.length)).toEqual([100, 100, 50, 0])
        expect(pages.map((page) => page.remaining)).toEqual([150, 50, 0, 0])
        expect(pages[3]?.checkpoint).toEqual(pages[2]?.checkpoint)
        const ids = pages.flatMap((page) => page.documents.map((d) => d.id))
        expect(new Set(ids)).toEqual(new Set(docs.map((d) => d.id)))

        // The app's form: one URL, checkpoint and limit in headers (one CORS preflight for all
        // pages). The same pages come back; a forged checkpoint is refused, not read as none.
        const pullWithHeaders = (headers: Record<string, string>) =>
          fetch(`${server.url}/api/sync/participants/pull?limit=7`, {
            headers: { Authorization: `Bearer ${observer.token}`, ...headers },
          })
        let viaHeaders = start
        for (const page of pages.slice(0, 3)) {
          const response = await pullWithHeaders({
            'X-Naungan-Limit': '100',
            ...(viaHeaders ? { 'X-Naungan-Checkpoint': JSON.stringify(viaHeaders) } : {}),
          })
          expect(response.status).toBe(200)
          // Its head says what the body holds, so the app can ask for the next page at once.
          const head = JSON.parse(response.headers.get('X-Naungan-Page') ?? 'null') as unknown
          const body = (await response.json()) as PullResponse
          expect(body.documents.map((d) => d.id)).toEqual(page.documents.map((d) => d.id))
          expect(head).toEqual({
            count: body.documents.length,
            checkpoint: body.checkpoint,
            remaining: body.remaining,
          })
          viaHeaders = body.checkpoint
        }
        const forged = await pullWithHeaders({ 'X-Naungan-Checkpoint': '{"txid":"1 OR 1=1"}' })
        expect(forged.status).toBe(400)
        const tooMany = await pullWithHeaders({ 'X-Naungan-Limit': 'lots' })
        expect(tooMany.status).toBe(400)
      })

      it('tells a connected office about a change through the event stream', async () => {
        const stream = await openEventStream(server.url, clerk.token)
        const elsewhere = await openEventStream(server.url, otherClerk.token)
        try {
          const doc = makeParticipant(tenggarong, authoredBy(admin))
          await admin.push([{ newDocumentState: doc }])
          const [event] = await stream.waitFor(1)
          expect(event).toMatchObject({ checkpoint: { txid: expect.stringMatching(/^\d+$/) } })
          const pulled = await clerk.pull((event as { checkpoint: never }).checkpoint, 10)
          expect(pulled.status).toBe(200)
          // Muara Muntai was not told about a Tenggarong record.
          await new Promise((resolve) => setTimeout(resolve, 300))
          expect(elsewhere.events).toEqual([])
        } finally {
          stream.close()
          elsewhere.close()
        }
      })
    })

    describe('verification workflow', () => {
      const at = () => currentTime().toISOString()
      let dinsos: TestClient
      let disdukcapil: TestClient
      let supervisor: TestClient

      beforeAll(async () => {
        const agencyOffice = (agencyCode: string) =>
          server.admin.createOffice({
            code: agencyCode.toUpperCase().slice(0, 8),
            name: `Kantor ${agencyCode}`,
            kind: 'agency',
            kecamatanCode: null,
            officeNumber: null,
            agencyCode,
          })
        const [dinsosOffice, dukcapilOffice] = await Promise.all([
          agencyOffice('dinsos'),
          agencyOffice('disdukcapil'),
        ])
        ;[dinsos, disdukcapil, supervisor] = await Promise.all([
          enrolAndLogin(server, dinsosOffice, { role: 'verifier' }),
          enrolAndLogin(server, dukcapilOffice, { role: 'verifier' }),
          enrolAndLogin(server, central, { role: 'supervisor' }),
        ])
      })

      it('refuses verifiers in offices without an agency, and agency offices without one', async () => {
        await expect(
          server.admin.createOffice({
            code: 'DINASX',
            name: 'Dinas tanpa instansi',
            kind: 'agency',
            kecamatanCode: null,
            officeNumber: null,
          }),
        ).rejects.toThrow(/instansi/)
        await expect(enrolAndLogin(server, tenggarong, { role: 'verifier' })).rejects.toThrow(
          /verifier/,
        )
      })

      it('lets each agency decide only its own check, never the data, then the supervisor approves', async () => {
        const doc = makeParticipant(tenggarong)
        expect((await clerk.push([{ newDocumentState: doc }])).body.rejected).toEqual([])
        // Decided in the name of the user signed in on the pushing PC, as the app does.
        const decide = (
          current: ParticipantWireDocument,
          agency: string,
          by: TestClient,
        ): ParticipantWireDocument => ({
          ...current,
          checks: current.checks.map((check) =>
            check.agency === agency
              ? {
                  agency,
                  state: 'confirmed',
                  decidedBy: by.session.user.displayName,
                  decidedRole: by.session.user.role,
                  decidedAt: at(),
                  // A supervisor records an agency's decision from its letter, which it cites.
                  ...(by.session.user.role === 'verifier'
                    ? {}
                    : { note: 'Surat DKP 523/88/2026, 1 Desember 2026' }),
                }
              : check,
          ),
          updatedAt: at(),
          updatedBy: by.session.user.displayName,
        })

        // A verifier may not touch the clerk's fields, nor another agency's check.
        const edited = { ...doc, address: 'Jl. Diubah Dinsos', updatedAt: at() }
        const refusedEdit = await dinsos.push([
          { assumedMasterState: doc, newDocumentState: edited },
        ])
        expect(refusedEdit.body.rejected).toMatchObject([
          { code: 'WORKFLOW_FORBIDDEN', message: expect.stringMatching(/hanya boleh mengisi/) },
        ])
        const forOther = decide(doc, 'disdukcapil', dinsos)
        const refusedOther = await dinsos.push([
          { assumedMasterState: doc, newDocumentState: forOther },
        ])
        expect(refusedOther.body.rejected[0]?.message).toMatch(/instansi Anda sendiri/)
        // The clerk may not confirm a check either.
        const byClerk = await clerk.push([
          { assumedMasterState: doc, newDocumentState: decide(doc, 'dinsos', clerk) },
        ])
        expect(byClerk.body.rejected[0]?.message).toMatch(/tidak boleh mengubah hasil pemeriksaan/)

        // Approving early is refused.
        const early = {
          ...doc,
          status: 'approved' as const,
          review: { decision: 'approved' as const, note: '', by: 'Supervisor', at: at() },
          updatedAt: at(),
        }
        const refusedEarly = await supervisor.push([
          { assumedMasterState: doc, newDocumentState: early },
        ])
        expect(refusedEarly.body.rejected[0]?.message).toMatch(/Belum semua instansi/)

        // A supervisor recording an agency's decision must cite the agency's letter.
        const withLetter = decide(doc, 'dkp', supervisor)
        const withoutLetter = {
          ...withLetter,
          checks: withLetter.checks.map(({ note: _letter, ...check }) => check),
        }
        const refusedNoLetter = await supervisor.push([
          { assumedMasterState: doc, newDocumentState: withoutLetter },
        ])
        expect(refusedNoLetter.body.rejected[0]?.message).toMatch(/menyebut surat instansi/)

        let current = doc
        for (const [client, agency] of [
          [dinsos, 'dinsos'],
          [disdukcapil, 'disdukcapil'],
          [supervisor, 'dkp'],
        ] as const) {
          const next = decide(current, agency, client)
          expect(
            (await client.push([{ assumedMasterState: current, newDocumentState: next }])).body,
          ).toEqual({
            conflicts: [],
            rejected: [],
          })
          current = next
        }
        const approved = {
          ...current,
          status: 'approved' as const,
          review: {
            decision: 'approved' as const,
            note: '',
            by: supervisor.session.user.displayName,
            at: at(),
          },
          updatedAt: at(),
        }
        expect(
          (await supervisor.push([{ assumedMasterState: current, newDocumentState: approved }]))
            .body.rejected,
        ).toEqual([])
        // Approved: the clerk can no longer change the data.
        const late = { ...approved, address: 'Jl. Terlambat', updatedAt: at() }
        const refusedLate = await clerk.push([
          { assumedMasterState: approved, newDocumentState: late },
        ])
        expect(refusedLate.body.rejected[0]?.message).toMatch(/sudah disetujui/)
        const stored = (await admin.pullAll()).documents.find((d) => d.id === doc.id)
        expect(stored).toMatchObject({ status: 'approved', address: doc.address })
      })

      it('fills pending checks for records submitted before the workflow existed', async () => {
        const { checks: _checks, ...older } = makeParticipant(tenggarong)
        expect(
          (await clerk.push([{ newDocumentState: older as ParticipantWireDocument }])).body
            .rejected,
        ).toEqual([])
        const stored = (await admin.pullAll()).documents.find((d) => d.id === older.id)
        expect(stored?.checks.map((check) => [check.agency, check.state])).toEqual([
          ['disdukcapil', 'pending'],
          ['dinsos', 'pending'],
          ['dkp', 'pending'],
        ])
      })
    })

    describe('who may write what', () => {
      const later = () => currentTime().toISOString()
      const conflictEntry = (field: string, localValue: string): FieldConflict => ({
        field,
        localValue: JSON.stringify(localValue),
        serverValue: JSON.stringify('nilai server'),
        localBy: 'operator',
        localAt: later(),
        detectedAt: later(),
      })

      it('limits a central admin on a kecamatan office PC to that kecamatan: pull, push and stream', async () => {
        const helper = await enrolAndLogin(server, central, {
          role: 'admin',
          deviceOffice: tenggarong,
        })
        const theirs = makeParticipant(muaraMuntai)
        expect((await otherClerk.push([{ newDocumentState: theirs }])).body.rejected).toEqual([])

        const pulled = await helper.pullAll()
        expect(pulled.documents.length).toBeGreaterThan(0)
        expect(pulled.documents.every((d) => d.kecamatanCode === '64.02.06')).toBe(true)
        const pushed = await helper.push([{ newDocumentState: makeParticipant(muaraMuntai) }])
        expect(pushed.body.rejected.map((r) => r.code)).toEqual(['OUT_OF_JURISDICTION'])

        const stream = await openEventStream(server.url, helper.token)
        try {
          await otherClerk.push([{ newDocumentState: makeParticipant(muaraMuntai) }])
          await clerk.push([{ newDocumentState: makeParticipant(tenggarong) }])
          await stream.waitFor(1)
          await new Promise((resolve) => setTimeout(resolve, 300))
          // Only Tenggarong's change: Muara Muntai's is not this PC's business.
          expect(stream.events).toHaveLength(1)
        } finally {
          stream.close()
        }
      })

      it('keeps the print log append-only and each office to its own prints', async () => {
        const printed = (serial: string, officeCode = '06-01') => ({
          serial,
          kind: 'card' as const,
          printedAt: later(),
          printedBy: clerk.session.user.displayName,
          officeCode,
          validUntil: '2026-12-31',
        })
        // A PC that has not updated sends no print log: stored and handed back with an empty one.
        const { prints: _prints, ...older } = makeParticipant(tenggarong)
        expect(
          (await clerk.push([{ newDocumentState: older as ParticipantWireDocument }])).body
            .rejected,
        ).toEqual([])
        const stored = (await admin.pullAll()).documents.find((d) => d.id === older.id)
        expect(stored?.prints).toEqual([])

        const first = printed('AAAA-BBBB')
        const withPrint = { ...stored!, prints: [first], updatedAt: later() }
        const added = await clerk.push([
          { assumedMasterState: stored, newDocumentState: withPrint },
        ])
        expect(added.body).toEqual({ conflicts: [], rejected: [] })

        const attempts: [string, ParticipantWireDocument['prints'], string][] = [
          ['dropped', [], 'PRINT_LOG_REWRITTEN'],
          ['edited', [{ ...first, printedBy: 'orang lain' }], 'PRINT_LOG_REWRITTEN'],
          ['another office', [first, printed('CCCC-DDDD', '06-02')], 'PRINT_OFFICE_MISMATCH'],
          [
            'bad serial',
            [first, { ...printed('CCCC-DDDD'), serial: 'IIII-OOOO' }],
            'INVALID_DOCUMENT',
          ],
        ]
        for (const [, prints, code] of attempts) {
          const pushed = await clerk.push([
            {
              assumedMasterState: withPrint,
              newDocumentState: { ...withPrint, prints, updatedAt: later() },
            },
          ])
          expect(pushed.body.rejected.map((r) => r.code)).toEqual([code])
        }
        const after = (await admin.pullAll()).documents.find((d) => d.id === older.id)
        expect(after?.prints).toEqual([first])
      })

      it('refuses an update that changes a set-once field, with the server copy', async () => {
        const doc = makeParticipant(tenggarong)
        expect((await clerk.push([{ newDocumentState: doc }])).body.rejected).toEqual([])
        const changes: Partial<ParticipantWireDocument>[] = [
          { registrationNumber: '0601-999998' },
          { officeCode: '06-02' },
          { createdAt: new Date(Date.parse(doc.createdAt) - 60_000).toISOString() },
          { createdBy: 'Orang Lain' },
        ]
        for (const change of changes) {
          const edited = { ...doc, ...change, address: 'Jl. Lain No. 9', updatedAt: later() }
          const pushed = await clerk.push([{ assumedMasterState: doc, newDocumentState: edited }])
          expect(pushed.body).toEqual({
            conflicts: [],
            rejected: [
              {
                id: doc.id,
                code: 'SET_ONCE_FIELD_CHANGED',
                message: expect.stringMatching(/tidak boleh diubah/),
                serverDocument: signed(doc),
              },
            ],
          })
        }
        const stored = (await admin.pullAll()).documents.find((d) => d.id === doc.id)
        expect(stored).toEqual(signed(doc))
      })

      it('accepts a new record only with the registering kecamatan office’s code and number prefix', async () => {
        const office02 = { kecamatanCode: '64.02.06', officeNumber: 2, code: '06-02' }
        const office07 = { kecamatanCode: '64.02.06', officeNumber: 7, code: '06-07' }
        const fromClerk = [
          makeParticipant(tenggarong, { officeCode: '06-02' }),
          makeParticipant(office02),
          makeParticipant(tenggarong, { registrationNumber: '0602-000001' }),
          makeParticipant(tenggarong, { registrationNumber: '0601000777' }),
        ]
        const clerkPush = await clerk.push(fromClerk.map((doc) => ({ newDocumentState: doc })))
        expect(clerkPush.body.rejected.map((r) => [r.id, r.code])).toEqual(
          fromClerk.map((doc) => [doc.id, 'WRONG_OFFICE_CODE']),
        )
        // The central office registers no one itself, but may send a record in the name of an
        // existing kecamatan office of the record's kecamatan — never a forged one.
        const forged = [
          makeParticipant(tenggarong, { officeCode: 'PUSAT' }),
          makeParticipant(office07),
          makeParticipant(tenggarong, { officeCode: '01-01', registrationNumber: '0101-000321' }),
        ]
        const genuine = makeParticipant(tenggarong, authoredBy(admin))
        const adminPush = await admin.push(
          [...forged, genuine].map((doc) => ({ newDocumentState: doc })),
        )
        expect(adminPush.body.rejected.map((r) => [r.id, r.code])).toEqual(
          forged.map((doc) => [doc.id, 'WRONG_OFFICE_CODE']),
        )
        for (const doc of [...fromClerk, ...forged]) expect(await storedRow(doc.id)).toBeUndefined()
        expect(await storedRow(genuine.id)).toBeDefined()
      })

      it('records an existing BPJS member only from a supervisor, only in that shape, details still missing', async () => {
        const supervisor06 = await enrolAndLogin(server, tenggarong, { role: 'supervisor' })
        // The district's year (WITA), from the app's clock.
        const year = Number(
          calendarDayAt(currentTime(), server.district.utcOffsetMinutes).slice(0, 4),
        )
        const member = (
          overrides: Partial<ParticipantWireDocument> = {},
          office: Pick<OfficeInfo, 'kecamatanCode' | 'officeNumber' | 'code'> = tenggarong,
        ) =>
          makeParticipant(office, {
            status: 'active',
            kpjNumber: '0012345678',
            coverage: [
              { year: year - 3, from: `${year - 3}-04-01`, batchId: 'peserta-lama' },
              { year, from: `${year}-01-01`, batchId: 'peserta-lama' },
            ],
            source: 'peserta-lama:Data BPJS Kukar',
            // BPJS's list has no KK, address, income or heir: completed later.
            kk: '',
            birthPlace: '',
            address: '',
            rt: '',
            rw: '',
            occupationCode: '',
            monthlyIncome: 0,
            heirName: '',
            heirRelationship: '',
            checks: [],
            ...overrides,
          })
        const fromClerk = member()
        const clerkPush = await clerk.push([{ newDocumentState: fromClerk }])
        expect(clerkPush.body.rejected.map((r) => [r.id, r.code, r.message])).toEqual([
          [fromClerk.id, 'WORKFLOW_FORBIDDEN', expect.stringMatching(/supervisor/)],
        ])
        const wrongShapes = [
          member({ checks: [{ agency: 'disdukcapil', state: 'confirmed' }] }),
          member({ status: 'approved' }),
          member({ enrolmentBatchId: 'BATCH-1' }),
          member({ coverage: [] }),
        ]
        // A new record with coverage that is not an existing member is refused as before.
        const notAMember = makeParticipant(tenggarong, {
          status: 'active',
          kpjNumber: '77',
          coverage: [{ year, from: `${year}-01-01`, batchId: 'peserta-lama' }],
          checks: [],
        })
        // Only an existing member may lack what the registration form requires.
        const incomplete = makeParticipant(tenggarong, { status: 'submitted', heirName: '' })
        const genuine = member()
        const push = await supervisor06.push(
          [...wrongShapes, notAMember, incomplete, genuine].map((doc) => ({
            newDocumentState: doc,
          })),
        )
        // Schema and form rules are checked before the workflow, so the incomplete one comes first.
        expect(push.body.rejected.map((r) => [r.id, r.code])).toEqual([
          [incomplete.id, 'INVALID_DOCUMENT'],
          ...wrongShapes.map((doc) => [doc.id, 'WORKFLOW_FORBIDDEN']),
          [notAMember.id, 'WORKFLOW_FORBIDDEN'],
        ])
        expect(push.body.rejected[0]?.message).toMatch(/ahli waris/)
        expect(push.body.rejected[1]?.message).toMatch(/Peserta lama hanya boleh/)
        expect(push.body.rejected[5]?.message).toMatch(/tidak boleh membawa nomor KPJ/)
        for (const doc of [fromClerk, ...wrongShapes, notAMember, incomplete]) {
          expect(await storedRow(doc.id)).toBeUndefined()
        }
        expect((await storedRow(genuine.id))?.doc).toMatchObject({
          status: 'active',
          kpjNumber: '0012345678',
          source: 'peserta-lama:Data BPJS Kukar',
          coverage: genuine.coverage,
        })
        // Later work on the record is ordinary coverage management: ending it is allowed.
        const [earlier, current] = genuine.coverage ?? []
        const ended: ParticipantWireDocument = {
          ...genuine,
          status: 'ended',
          coverage: [earlier!, { ...current!, until: `${year}-01-31`, endReason: 'pindah' }],
          updatedAt: later(),
        }
        const endPush = await supervisor06.push([
          { assumedMasterState: genuine, newDocumentState: ended },
        ])
        expect(endPush.body.rejected).toEqual([])
        expect(endPush.body.conflicts).toEqual([])

        // Distransnaker files existing members in its own series of each kecamatan ('06-99'),
        // and only existing members; a kecamatan office may not use that series.
        const centralSupervisor = await enrolAndLogin(server, central, { role: 'supervisor' })
        const series = { kecamatanCode: '64.02.06', officeNumber: 99, code: '06-99' }
        const filedCentrally = member(authoredBy(centralSupervisor), series)
        const draftInSeries = makeParticipant(series, {
          status: 'draft',
          checks: [],
          ...authoredBy(centralSupervisor),
        })
        const centralPush = await centralSupervisor.push(
          [filedCentrally, draftInSeries].map((doc) => ({ newDocumentState: doc })),
        )
        expect(centralPush.body.rejected.map((r) => [r.id, r.code])).toEqual([
          [draftInSeries.id, 'WRONG_OFFICE_CODE'],
        ])
        expect((await storedRow(filedCentrally.id))?.doc).toMatchObject({
          officeCode: '06-99',
          registrationNumber: expect.stringMatching(/^0699-\d{6}$/),
          status: 'active',
        })
        const kecamatanInSeries = member({}, series)
        const kecamatanPush = await supervisor06.push([{ newDocumentState: kecamatanInSeries }])
        expect(kecamatanPush.body.rejected.map((r) => r.code)).toEqual(['WRONG_OFFICE_CODE'])
        await expect(createKecamatanOffice(server, '64.02.06', 99)).rejects.toThrow(/1–98/)
      })

      it('keeps each coverage period’s payer through sync; only a supervisor sets it, only to a known payer', async () => {
        const supervisor06 = await enrolAndLogin(server, tenggarong, { role: 'supervisor' })
        // The district's year (WITA), from the app's clock.
        const year = Number(
          calendarDayAt(currentTime(), server.district.utcOffsetMinutes).slice(0, 4),
        )
        const paid = makeParticipant(tenggarong, {
          status: 'active',
          kpjNumber: '0012345679',
          coverage: [
            { year, from: `${year}-01-01`, batchId: 'peserta-lama', payerCode: 'apbd-kabupaten' },
          ],
          source: 'peserta-lama:Data BPJS Kukar',
          checks: [],
        })
        expect((await supervisor06.push([{ newDocumentState: paid }])).body.rejected).toEqual([])
        // Round trip: the kecamatan's clerk pulls the period with its payer.
        const pulled = (await clerk.pullAll()).documents.find((doc) => doc.id === paid.id)
        expect(pulled?.coverage).toEqual(paid.coverage)

        // Attack: a clerk moves the period to another payer (to the province's budget, say).
        const [period] = paid.coverage ?? []
        const moved = (payerCode: string): ParticipantWireDocument => ({
          ...paid,
          coverage: [{ ...period!, payerCode }],
          updatedAt: later(),
        })
        const clerkPush = await clerk.push([
          { assumedMasterState: paid, newDocumentState: moved('apbd-provinsi') },
        ])
        expect(clerkPush.body.rejected.map((r) => [r.code, r.message])).toEqual([
          ['PAYER_CHANGE_FORBIDDEN', expect.stringMatching(/Hanya supervisor atau admin/)],
        ])
        // A supervisor may choose the payer, but only one district.json lists.
        const unknown = await supervisor06.push([
          { assumedMasterState: paid, newDocumentState: moved('apbd-provinsi') },
        ])
        expect(unknown.body.rejected.map((r) => [r.code, r.message])).toEqual([
          ['UNKNOWN_PAYER', expect.stringMatching(/"apbd-provinsi" tidak dikenal/)],
        ])
        expect((await storedRow(paid.id))?.doc).toMatchObject({ coverage: paid.coverage })
      })

      it('lets operators add conflict entries but only supervisors remove or change them', async () => {
        const supervisor = await enrolAndLogin(server, tenggarong, { role: 'supervisor' })
        const doc = makeParticipant(tenggarong, {
          conflicts: [conflictEntry('address', 'Jl. Lama No. 1')],
        })
        expect((await clerk.push([{ newDocumentState: doc }])).body.rejected).toEqual([])
        const added = {
          ...doc,
          conflicts: [...doc.conflicts, conflictEntry('heirName', 'Siti')],
          updatedAt: later(),
        }
        expect(
          (await clerk.push([{ assumedMasterState: doc, newDocumentState: added }])).body,
        ).toEqual({ conflicts: [], rejected: [] })

        const removed = { ...added, conflicts: added.conflicts.slice(1), updatedAt: later() }
        const altered = {
          ...added,
          conflicts: added.conflicts.map((c, i) => (i === 0 ? { ...c, localValue: '"X"' } : c)),
          updatedAt: later(),
        }
        for (const attempt of [removed, altered]) {
          const refused = await clerk.push([
            { assumedMasterState: added, newDocumentState: attempt },
          ])
          expect(refused.body.rejected).toEqual([
            {
              id: doc.id,
              code: 'CONFLICT_RESOLUTION_FORBIDDEN',
              message: expect.stringMatching(/supervisor/),
              serverDocument: signed(added),
            },
          ])
        }
        const decided = await supervisor.push([
          { assumedMasterState: added, newDocumentState: removed },
        ])
        expect(decided.body).toEqual({ conflicts: [], rejected: [] })
        expect((await admin.pullAll()).documents.find((d) => d.id === doc.id)).toEqual(
          signed(removed),
        )
      })

      it('hands back the server copy with a refusal only when the caller may see it', async () => {
        const doc = makeParticipant(tenggarong)
        expect((await clerk.push([{ newDocumentState: doc }])).body.rejected).toEqual([])
        const invalidEdit = { ...doc, rt: '3', updatedAt: later() }
        const invalid = await clerk.push([
          { assumedMasterState: doc, newDocumentState: invalidEdit },
        ])
        expect(invalid.body.rejected).toEqual([
          {
            id: doc.id,
            code: 'INVALID_DOCUMENT',
            message: expect.stringMatching(/RT/),
            serverDocument: signed(doc),
          },
        ])
        // Another kecamatan's record: refused without its contents.
        const foreign = await otherClerk.push([
          {
            assumedMasterState: doc,
            newDocumentState: makeParticipant(muaraMuntai, { id: doc.id }),
          },
        ])
        expect(foreign.body.rejected).toEqual([
          { id: doc.id, code: 'OUT_OF_JURISDICTION', message: expect.any(String) },
        ])
        // Nothing stored yet: nothing to hand back.
        const fresh = makeParticipant(tenggarong, { rt: '3' })
        const refusedInsert = await clerk.push([{ newDocumentState: fresh }])
        expect(refusedInsert.body.rejected[0]).not.toHaveProperty('serverDocument')
      })

      it('refuses control characters and lone surrogates in any string field instead of failing', async () => {
        const docs = [
          makeParticipant(tenggarong, { createdBy: 'Rina\u0000' }),
          makeParticipant(tenggarong, { updatedBy: 'Rina\ud800' }),
          makeParticipant(tenggarong, {
            duplicates: [{ id: 'x\u0000', registrationNumber: '0101-000001', officeCode: '01-01' }],
          }),
          makeParticipant(tenggarong, {
            conflicts: [{ ...conflictEntry('address', 'Jl. A'), localBy: '\udc00Rina' }],
          }),
        ]
        const paths = [/createdBy/, /updatedBy/, /duplicates\[0\]\.id/, /conflicts\[0\]\.localBy/]
        for (const [index, doc] of docs.entries()) {
          const pushed = await clerk.push([{ newDocumentState: doc }])
          expect(pushed.status).toBe(200)
          expect(pushed.body.rejected).toEqual([
            { id: doc.id, code: 'INVALID_DOCUMENT', message: expect.stringMatching(paths[index]!) },
          ])
          expect(pushed.body.rejected[0]?.message).toMatch(/karakter/)
        }
        for (const displayName of ['Rina\u0000', 'Rina\ud800']) {
          const user = await api(server.url, 'POST', '/api/admin/users', {
            token: admin.token,
            body: {
              officeId: tenggarong.id,
              username: `rina${displayName.charCodeAt(4)}`,
              displayName,
              role: 'operator',
              password: 'sandi-rina-2026',
            },
          })
          expect(user.status).toBe(400)
          expect((user.body as ApiError).error.message).toMatch(/karakter/)
        }
      })

      it('treats a malformed (deeply nested) assumed state as missing: a conflict, not a crash', async () => {
        const doc = makeParticipant(tenggarong)
        expect((await clerk.push([{ newDocumentState: doc }])).body.rejected).toEqual([])
        const edited = { ...doc, address: 'Jl. Baru No. 1', updatedAt: later() }
        const depth = 100_000
        const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
        const pushed = await api<PushResponse>(server.url, 'POST', '/api/sync/participants/push', {
          token: clerk.token,
          rawBody: `{"rows":[{"assumedMasterState":${deep},"newDocumentState":${JSON.stringify(edited)}}]}`,
          headers: { 'Content-Type': 'application/json' },
        })
        expect(pushed.status).toBe(200)
        expect(pushed.body).toEqual({ conflicts: [signed(doc)], rejected: [] })
        // With the real server copy as its assumed state, the edit goes through.
        expect(
          (await clerk.push([{ assumedMasterState: doc, newDocumentState: edited }])).body,
        ).toEqual({ conflicts: [], rejected: [] })
      })

      it(`keeps a NIK to ${MAX_DUPLICATES + 1} live records, so every flag list fits the schema`, async () => {
        const docs = Array.from({ length: MAX_DUPLICATES + 2 }, () =>
          makeParticipant(tenggarong, { nikSerial: 3_000_000, status: 'draft', checks: [] }),
        )
        const last = docs.at(-1) as ParticipantWireDocument
        const pushed = await clerk.push(docs.map((doc) => ({ newDocumentState: doc })))
        expect(pushed.body.rejected).toEqual([
          { id: last.id, code: 'TOO_MANY_DUPLICATES', message: expect.stringMatching(/NIK/) },
        ])
        const group = (await admin.pullAll()).documents.filter((d) => d.nik === last.nik)
        expect(group).toHaveLength(MAX_DUPLICATES + 1)
        for (const doc of group) {
          expect(participantWireViolation(doc)).toBeNull()
          expect(doc.duplicates).toHaveLength(MAX_DUPLICATES)
        }
        // A deletion makes room again.
        const first = group.find((d) => d.id === docs[0]?.id) as ParticipantWireDocument
        const gone = { ...first, _deleted: true }
        expect(
          (await clerk.push([{ assumedMasterState: first, newDocumentState: gone }])).body,
        ).toEqual({ conflicts: [], rejected: [] })
        expect((await clerk.push([{ newDocumentState: last }])).body.rejected).toEqual([])
        const after = (await admin.pullAll()).documents.filter((d) => d.nik === last.nik)
        for (const doc of after) {
          expect(participantWireViolation(doc)).toBeNull()
          expect(doc.duplicates).toHaveLength(doc._deleted ? 0 : MAX_DUPLICATES)
        }
      })

      it('closes the oldest event stream of a device that opens more than three', async () => {
        const user = await enrolAndLogin(server, tenggarong)
        const open = async () => {
          const controller = new AbortController()
          const response = await fetch(`${server.url}/api/sync/participants/stream`, {
            headers: { Authorization: `Bearer ${user.token}` },
            signal: controller.signal,
          })
          expect(response.status).toBe(200)
          const reader = (response.body as ReadableStream<Uint8Array>).getReader()
          const ended = (async () => {
            for (;;) if ((await reader.read()).done) return true
          })().catch(() => true)
          return { ended, close: () => controller.abort() }
        }
        const within = (promise: Promise<boolean>, ms: number) =>
          Promise.race([promise, new Promise<boolean>((r) => setTimeout(() => r(false), ms))])
        const streams = [await open(), await open(), await open()]
        try {
          expect(await within(streams[0]!.ended, 200)).toBe(false)
          streams.push(await open())
          expect(await within(streams[0]!.ended, 5000)).toBe(true)
          expect(await within(streams[1]!.ended, 200)).toBe(false)
          expect(await within(streams[3]!.ended, 200)).toBe(false)
        } finally {
          for (const stream of streams) stream.close()
        }
      })
    })

    describe('audit trail', () => {
      let coworker: TestClient
      let supervisor: TestClient
      let trail: ReturnType<typeof auditApi>

      beforeAll(async () => {
        ;[coworker, supervisor] = await Promise.all([
          enrolAndLogin(server, tenggarong),
          enrolAndLogin(server, central, { role: 'supervisor' }),
        ])
        trail = auditApi(server, clerk)
      })

      async function storedEntry(id: string) {
        const { rows } = await server.db.query<{ entry: AuditEntry; by: string }>(
          'SELECT entry, by FROM audit_entries WHERE id = $1',
          [id],
        )
        return rows[0]
      }

      it('stores what a PC pushes and hands it back on pull; a retried push changes nothing', async () => {
        const entries = [makeAuditEntry(clerk), makeAuditEntry(clerk, { kind: 'status' })]
        const pushed = await trail.push(entries)
        expect(pushed.status).toBe(200)
        expect(pushed.body).toEqual({ rejected: [] })
        const pulled = (await trail.pullAll()).map(withoutReceipt)
        for (const entry of entries) expect(pulled).toContainEqual(entry)

        // The answer was lost; the PC sends the same entries again: accepted, stored once.
        expect((await trail.push(entries)).body).toEqual({ rejected: [] })
        const { rows } = await server.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM audit_entries WHERE id = ANY($1::text[])',
          [entries.map((entry) => entry.id)],
        )
        expect(Number(rows[0]?.n)).toBe(2)
        // Nothing new to pull from the checkpoint reached.
        const first = await trail.pull(null, 1000)
        const again = await trail.pull(first.body.checkpoint, 1000)
        expect(again.body.documents.filter((d) => entries.some((e) => e.id === d.id))).toEqual([])
      })

      it('refuses to change a stored entry: same id, other content → AUDIT_APPEND_ONLY, row unchanged', async () => {
        const original = makeAuditEntry(clerk)
        await trail.push([original])
        const forged = {
          ...original,
          changes: [{ field: 'address', from: 'Jl. Lama', to: 'Jl. Karangan' }],
        }
        const pushed = await trail.push([forged])
        expect(pushed.body.rejected).toEqual([
          {
            id: original.id,
            code: 'AUDIT_APPEND_ONLY',
            message: 'Catatan riwayat tidak boleh diubah atau dihapus.',
          },
        ])
        expect((await storedEntry(original.id))?.entry).toEqual(original)
        // Within one push too: the first copy is stored, the differing repeat refused.
        const fresh = makeAuditEntry(clerk)
        const twice = await trail.push([fresh, { ...fresh, kind: 'created' }, fresh])
        expect(twice.body.rejected.map((r) => [r.id, r.code])).toEqual([
          [fresh.id, 'AUDIT_APPEND_ONLY'],
        ])
        expect((await storedEntry(fresh.id))?.entry).toEqual(fresh)
      })

      it('the table itself refuses UPDATE, DELETE and TRUNCATE', async () => {
        const entry = makeAuditEntry(clerk)
        await trail.push([entry])
        await expect(
          server.db.query("UPDATE audit_entries SET by = 'Orang Lain' WHERE id = $1", [entry.id]),
        ).rejects.toThrow(/append-only/)
        await expect(
          server.db.query('DELETE FROM audit_entries WHERE id = $1', [entry.id]),
        ).rejects.toThrow(/append-only/)
        await expect(server.db.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/)
        expect((await storedEntry(entry.id))?.entry).toEqual(entry)
      })

      it('has no route that edits or deletes an entry', async () => {
        const entry = makeAuditEntry(clerk)
        await trail.push([entry])
        for (const path of ['/api/sync/audit/push', '/api/sync/audit/pull', '/api/audit/search']) {
          for (const method of ['PUT', 'PATCH', 'DELETE']) {
            const response = await fetch(`${server.url}${path}`, {
              method,
              headers: { Authorization: `Bearer ${clerk.token}` },
            })
            expect(response.status, `${method} ${path}`).toBe(405)
          }
        }
        for (const method of ['GET', 'PUT', 'DELETE', 'POST']) {
          const response = await fetch(`${server.url}/api/sync/audit/${entry.id}`, {
            method,
            headers: { Authorization: `Bearer ${clerk.token}` },
          })
          expect(response.status, `${method} /api/sync/audit/<id>`).toBe(404)
        }
        expect((await storedEntry(entry.id))?.entry).toEqual(entry)
      })

      it('refuses entries naming another office, another PC, or a user who cannot sign in there', async () => {
        const cases: [AuditEntry, string][] = [
          [makeAuditEntry(clerk, { officeCode: '01-01' }), 'AUDIT_OFFICE_MISMATCH'],
          [makeAuditEntry(clerk, { officeCode: 'PUSAT' }), 'AUDIT_OFFICE_MISMATCH'],
          [makeAuditEntry(clerk, { deviceId: otherClerk.deviceId }), 'AUDIT_DEVICE_MISMATCH'],
          [makeAuditEntry(clerk, { by: 'Kepala Dinas Palsu' }), 'AUDIT_ACTOR_MISMATCH'],
          [makeAuditEntry(clerk, { role: 'supervisor' }), 'AUDIT_ACTOR_MISMATCH'],
          [
            makeAuditEntry(clerk, { by: otherClerk.session.user.displayName }),
            'AUDIT_ACTOR_MISMATCH',
          ],
          [makeAuditEntry(clerk, { kecamatanCode: '64.02.01' }), 'OUT_OF_JURISDICTION'],
          [makeAuditEntry(clerk, { kecamatanCode: '99.99.99' }), 'INVALID_AUDIT_ENTRY'],
        ]
        const pushed = await trail.push(cases.map(([entry]) => entry))
        expect(pushed.body.rejected.map((r) => [r.id, r.code])).toEqual(
          cases.map(([entry, code]) => [entry.id, code]),
        )
        for (const rejection of pushed.body.rejected) expect(rejection.message).toMatch(/\w/)
        for (const [entry] of cases) expect(await storedEntry(entry.id)).toBeUndefined()

        // A co-worker's entry made on this PC earlier (the shift changed before the link came
        // back) goes up with whoever is signed in now.
        const shiftBefore = makeAuditEntry(clerk, {
          by: coworker.session.user.displayName,
          role: 'operator',
        })
        expect((await trail.push([shiftBefore])).body.rejected).toEqual([])
      })

      it('refuses NIK, KK or phone in clear, and control characters', async () => {
        const change = (field: string, from: string, to: string) =>
          makeAuditEntry(clerk, { changes: [{ field, from, to }] })
        const bad = [
          change('nik', '', '6402065505900001'),
          change('nik', '6402065505900001', '640206******0001'),
          change('kk', '6402060101100123', ''),
          change('phone', '', '081234567890'),
          change('phone', '+6281234567890', '0812****7890'),
          change('address', 'Jl. A', 'Jl. B\u0000'),
          makeAuditEntry(clerk, { by: 'Rina\u0007' }),
          { ...makeAuditEntry(clerk), extra: 'x' },
          { ...makeAuditEntry(clerk), kind: 'deleted' },
        ]
        const pushed = await trail.push(bad)
        expect(pushed.body.rejected.map((r) => r.code)).toEqual(
          bad.map(() => 'INVALID_AUDIT_ENTRY'),
        )
        expect(pushed.body.rejected[0]?.message).toMatch(/disamarkan/)
        const fine = change('phone', '0812****7890', '************')
        expect((await trail.push([fine])).body.rejected).toEqual([])
        const malformed = await trail.push([{ kind: 'updated' }])
        expect(malformed.status).toBe(400)
      })

      it('pulls only the entries of the kecamatan a kecamatan PC serves; the district sees all', async () => {
        const mine = makeAuditEntry(clerk)
        const theirs = makeAuditEntry(otherClerk)
        await trail.push([mine])
        expect((await auditApi(server, otherClerk).push([theirs])).body.rejected).toEqual([])

        const atTenggarong = await trail.pullAll()
        expect(atTenggarong.map((e) => e.id)).toContain(mine.id)
        expect(atTenggarong.map((e) => e.id)).not.toContain(theirs.id)
        expect(new Set(atTenggarong.map((e) => e.kecamatanCode))).toEqual(new Set(['64.02.06']))
        const atMuaraMuntai = await auditApi(server, otherClerk).pullAll()
        // Also the server's own entry for the deletion made there earlier in this suite.
        expect(atMuaraMuntai.map((e) => e.id)).toContain(theirs.id)
        expect(new Set(atMuaraMuntai.map((e) => e.kecamatanCode))).toEqual(new Set(['64.02.01']))
        const central = (await auditApi(server, admin).pullAll(2)).map((e) => e.id)
        expect(central).toEqual(expect.arrayContaining([mine.id, theirs.id]))
        expect(new Set(central).size).toBe(central.length)
      })

      it('lets supervisors search by user, office, day (WITA) and participant, newest first, in pages', async () => {
        const participant = makeParticipant(tenggarong)
        expect((await clerk.push([{ newDocumentState: participant }])).body.rejected).toEqual([])
        const about = (at: string, by = clerk.session.user.displayName) =>
          makeAuditEntry(clerk, { participantId: participant.id, at, by })
        const entries = [
          about('2026-02-28T15:59:00.000Z'), // 28 Feb 23:59 WITA
          about('2026-02-28T16:00:00.000Z'), // 1 Mar 00:00 WITA
          about('2026-03-01T09:30:00.000Z'),
          about('2026-03-01T15:59:59.000Z'), // 1 Mar 23:59 WITA
          about('2026-03-01T16:00:00.000Z'), // 2 Mar
        ]
        const byCoworker = about('2026-03-01T10:00:00.000Z', coworker.session.user.displayName)
        expect((await trail.push([...entries, byCoworker])).body.rejected).toEqual([])
        const search = auditApi(server, supervisor).search

        const day = await search({
          participant: participant.registrationNumber,
          from: '2026-03-01',
          to: '2026-03-01',
        })
        expect(day.status).toBe(200)
        expect(day.body.entries.map((hit) => hit.entry.id)).toEqual(
          [entries[3], byCoworker, entries[2], entries[1]].map((e) => e?.id),
        )
        expect(day.body.entries[0]).toMatchObject({
          entry: entries[3],
          registrationNumber: participant.registrationNumber,
          receivedAt: expect.any(String),
        })

        const coworkerOnly = await search({
          participant: participant.registrationNumber,
          user: coworker.session.user.displayName.toLowerCase(),
        })
        expect(coworkerOnly.body.entries.map((hit) => hit.entry.id)).toEqual([byCoworker.id])
        const byOffice = await search({ office: '01-01', participant: participant.id })
        expect(byOffice.body.entries).toEqual([])

        // Pages of two, newest first, each entry once.
        const seen: string[] = []
        let cursor: string | null = null
        do {
          const query: Record<string, string> = {
            participant: participant.registrationNumber,
            limit: '2',
          }
          if (cursor) query.cursor = cursor
          const page = await search(query)
          expect(page.status).toBe(200)
          expect(page.body.entries.length).toBeLessThanOrEqual(2)
          seen.push(...page.body.entries.map((hit) => hit.entry.id))
          cursor = page.body.nextCursor
        } while (cursor)
        expect(seen).toEqual(
          [entries[4], entries[3], byCoworker, entries[2], entries[1], entries[0]].map(
            (e) => e?.id,
          ),
        )

        const badDay = await search({ from: '2026-02-30' })
        expect(badDay.status).toBe(400)
        expect(errorCode(badDay.body)).toBe('INVALID_REQUEST')
        expect((await search({ cursor: 'bukan-penanda' })).status).toBe(400)
      })

      it('refuses the search to operators (403) and limits a kecamatan supervisor to the kecamatan', async () => {
        const asOperator = await trail.search({})
        expect(asOperator.status).toBe(403)
        expect(errorCode(asOperator.body)).toBe('FORBIDDEN_ROLE')

        const theirs = makeAuditEntry(otherClerk)
        await auditApi(server, otherClerk).push([theirs])
        const localSupervisor = await enrolAndLogin(server, tenggarong, { role: 'supervisor' })
        const local = await auditApi(server, localSupervisor).search({ limit: '200' })
        expect(local.status).toBe(200)
        expect(local.body.entries.length).toBeGreaterThan(0)
        expect(local.body.entries.every((hit) => hit.entry.kecamatanCode === '64.02.06')).toBe(true)
        const district = await auditApi(server, supervisor).search({
          office: otherClerk.office.code,
        })
        expect(district.body.entries.map((hit) => hit.entry.id)).toContain(theirs.id)
      })
    })
  })
}
