/**
 * What the server writes to its log in a real run (`npm run server` as its own process): one JSON
 * object per request with level, time and event, and never the NIK, KK or phone number a clerk
 * pushed, a password, a token or a device secret, even when a caller puts a NIK in the address.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type {
  EnrolResponse,
  PullResponse,
  PushResponse,
  SessionResponse,
} from '../../shared/sync/sync-protocol'
import {
  api,
  createKecamatanOffice,
  makeParticipant,
  randomKeys,
  startTestServer,
  tempDir,
  TEST_PASSWORD,
} from './support/server-fixture'
import { spawnServerProcess, type ServerProcess } from './support/server-process'
import { formatLogLine } from '../../server/server-log'

const children: ServerProcess[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.stop()))
})

describe('the server log', () => {
  it('is one JSON line per request and holds no NIK, KK, phone, password or token', async () => {
    const dataDir = join(tempDir(), 'data')
    const keys = randomKeys()
    // The office, the clerk and the one-time code are made directly, then the server runs alone.
    const setup = await startTestServer('pglite', { dataDir, keys })
    const office = await createKecamatanOffice(setup, '64.02.06', 1)
    await setup.admin.createUser({
      officeId: office.id,
      username: 'operator06',
      displayName: 'Operator Enam',
      role: 'operator',
      password: TEST_PASSWORD,
    })
    const { code } = await setup.admin.createEnrolmentCode(office.id)
    await setup.close()

    const child = await spawnServerProcess({
      dataDir,
      keys,
      env: { NAUNGAN_LOG_LEVEL: 'debug' },
    })
    children.push(child)
    const enrol = await api<EnrolResponse>(child.url, 'POST', '/api/enrol', {
      body: { code, deviceName: 'PC Kecamatan 06' },
    })
    expect(enrol.status).toBe(200)
    const credentials = { deviceId: enrol.body.deviceId, deviceSecret: enrol.body.deviceSecret }
    const wrong = await api(child.url, 'POST', '/api/session', {
      body: { ...credentials, username: 'operator06', password: 'salah-sandi-rahasia-9' },
    })
    expect(wrong.status).toBe(401)
    const login = await api<SessionResponse>(child.url, 'POST', '/api/session', {
      body: { ...credentials, username: 'operator06', password: TEST_PASSWORD },
    })
    expect(login.status).toBe(200)
    const token = login.body.accessToken

    const participant = makeParticipant(office, {
      createdBy: 'Operator Enam',
      updatedBy: 'Operator Enam',
    })
    const push = await api<PushResponse>(child.url, 'POST', '/api/sync/participants/push', {
      token,
      body: { rows: [{ newDocumentState: participant }] },
    })
    expect(push.status).toBe(200)
    expect(push.body.rejected).toEqual([])
    const pull = await api<PullResponse>(
      child.url,
      'GET',
      `/api/sync/participants/pull?limit=10&nik=${participant.nik}`,
      { token },
    )
    expect(pull.body.documents.map((doc) => doc.nik)).toContain(participant.nik)
    // A NIK where no route expects one, and a refused push that echoes nothing back to the log.
    expect((await api(child.url, 'GET', `/api/participants/${participant.nik}`)).status).toBe(404)
    const broken = await api(child.url, 'POST', '/api/sync/participants/push', {
      token,
      rawBody: `{"rows":[{"nik":"${participant.nik}"`,
      headers: { 'Content-Type': 'application/json' },
    })
    expect(broken.status).toBe(400)
    await child.stop()

    const output = child.output()
    const secrets = [
      participant.nik,
      participant.kk,
      participant.phone,
      String(participant.phone).replace(/^\+62/, '0'),
      TEST_PASSWORD,
      'salah-sandi-rahasia-9',
      token,
      login.body.refreshToken,
      credentials.deviceSecret,
      code,
    ]
    for (const secret of secrets) expect(output).not.toContain(secret)

    const requests = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.event === 'request')
    expect(requests.length).toBeGreaterThanOrEqual(7)
    for (const line of requests) {
      expect(line).toMatchObject({
        level: expect.stringMatching(/^(info|warn)$/),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
        event: 'request',
      })
    }
    expect(requests).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        route: '/api/sync/participants/push',
        status: 200,
        deviceId: credentials.deviceId,
      }),
    )
    expect(requests).toContainEqual(
      expect.objectContaining({ route: null, status: 404, code: 'NOT_FOUND' }),
    )
  }, 90_000)

  it('drops fields named like secrets and masks a NIK or phone number that slips into text', () => {
    const line = JSON.parse(
      formatLogLine('warn', 'request_failed', {
        nik: '6402061505900001',
        password: 'rahasia',
        accessToken: 'abc',
        error: 'duplicate key (nik)=(6402061505900001), phone +6281234567890\nnext line',
        deviceId: '49f70b43-58e7-4d0e-b9a7-3fd8f505714f',
        level: 'debug',
      }),
    ) as Record<string, unknown>
    expect(Object.keys(line)).toEqual(['level', 'time', 'event', 'error', 'deviceId'])
    expect(line.level).toBe('warn')
    expect(line.error).toBe('duplicate key (nik)=([digits]), phone [digits]?next line')
    expect(line.deviceId).toBe('49f70b43-58e7-4d0e-b9a7-3fd8f505714f')
  })
})
